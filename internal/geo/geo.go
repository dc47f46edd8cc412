// Package geo holds the gazetteer and resolves place mentions.
package geo

import (
	"context"

	chronicle "github.com/chronicle-news/chronicle"
)

// Gazetteer is a loaded place index.
type Gazetteer struct{}

// Builtin returns the gazetteer embedded in the binary.
func Builtin() (*Gazetteer, error) { return &Gazetteer{}, nil }

// Annotate fills doc.Places.
func (g *Gazetteer) Annotate(ctx context.Context, doc *chronicle.Document) error { return nil }

// EventLocation returns the place where the event triggered at token trigger of
// sentence sent happened, or nil.
func (g *Gazetteer) EventLocation(doc *chronicle.Document, sent, trigger int) *chronicle.Place {
	return nil
}
