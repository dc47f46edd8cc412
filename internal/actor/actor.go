// Package actor holds actor dictionaries (Chronicle's own format and PETRARCH2
// imports) with time-bounded roles, and resolves names and noun phrases to
// CAMEO actor codes.
package actor

import (
	"context"

	chronicle "github.com/chronicle-news/chronicle"
)

// Dictionary is a loaded set of actors and agents.
type Dictionary struct{}

// Builtin returns the dictionary embedded in the binary.
func Builtin() (*Dictionary, error) { return &Dictionary{}, nil }

// Annotate resolves doc.Entities to actors (Name, Code, Country) as of the
// document's date, and adds entities for dictionary actors the recogniser
// missed.
func (d *Dictionary) Annotate(ctx context.Context, doc *chronicle.Document) error { return nil }

// Resolve resolves the noun phrase s.Tokens[start:end] to an actor as of date
// (YYYY-MM-DD or ""), combining titles, nationality adjectives and agents.
func (d *Dictionary) Resolve(s *chronicle.Sentence, start, end int, date string) (chronicle.ActorRef, bool) {
	return chronicle.ActorRef{}, false
}

// LoadFiles builds a dictionary from actor files (Chronicle's format or
// PETRARCH2 actor files) and an optional agents file, replacing the built-in
// actors (and agents when agentsFile is not empty).
func LoadFiles(actorFiles []string, agentsFile string) (*Dictionary, error) {
	return &Dictionary{}, nil
}
