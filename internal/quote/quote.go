// Package quote finds direct and indirect quotes and their speakers.
package quote

import (
	"context"

	chronicle "github.com/chronicle-news/chronicle"
)

// Annotate fills doc.Quotes.
func Annotate(ctx context.Context, doc *chronicle.Document) error { return nil }
