// Package geo holds Chronicle's gazetteer and resolves place mentions.
//
// The gazetteer (data/gazetteer.tsv.gz, embedded) holds the world's
// countries with their ISO codes, names, demonyms, capitals and neighbours,
// their first-level admin areas, and populated places from GeoNames with
// coordinates, population and alternate names. It is built by
// internal/geo/cmd/buildgazetteer; data/README.md has the exact command and
// the attribution the data's licences require.
//
// Annotate finds and resolves the place names of a document into
// doc.Places; EventLocation picks the place where an event happened;
// Demonym maps nationality adjectives to countries; Lookup and Country give
// context-free access to the index.
package geo
