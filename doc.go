// Package chronicle holds Chronicle's domain: the coded document and its parts
// (sentences, tokens, entities, actors, events, quotes, claims, dates, places),
// the error type with its codes, and the small interfaces the pipeline stages
// and stores implement. It imports only the standard library.
//
// Every annotation carries byte offsets (Start, End; End exclusive) into the
// document's extracted Text, so each fact can be traced to its evidence.
package chronicle
