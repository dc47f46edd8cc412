package chronicle

import (
	"context"
	"time"
)

// Filter selects stored records. Empty fields do not filter.
type Filter struct {
	Actor      string // CAMEO code prefix ("USA" matches "USAGOV") or an actor name
	Type       string // PLOVER event type
	CAMEO      string // CAMEO event code prefix
	Country    string // ISO alpha-3 of source, target or location
	Since      string // YYYY-MM-DD, inclusive
	Until      string // YYYY-MM-DD, inclusive
	Text       string // full-text query
	Factuality string
	Story      string // story id
	Document   string // document id
	Limit      int
	Cursor     string // opaque, from a previous page
}

// EventRecord is a stored event with the document it came from.
type EventRecord struct {
	Event
	DocID    string `json:"doc_id"`
	DocDate  string `json:"doc_date"`
	DocURL   string `json:"doc_url"`
	DocTitle string `json:"doc_title"`
	Sentence string `json:"sentence_text"`
	// CanonicalID groups mentions of the same real-world event across documents.
	CanonicalID string `json:"canonical_id,omitempty"`
}

// QuoteRecord is a stored quote with its document.
type QuoteRecord struct {
	Quote
	DocID   string `json:"doc_id"`
	DocDate string `json:"doc_date"`
	DocURL  string `json:"doc_url"`
}

// ClaimRecord is a stored claim with its document.
type ClaimRecord struct {
	Claim
	DocID   string `json:"doc_id"`
	DocDate string `json:"doc_date"`
	DocURL  string `json:"doc_url"`
}

// DocumentSummary is a stored document without its annotations.
type DocumentSummary struct {
	ID       string    `json:"id"`
	URL      string    `json:"url"`
	Title    string    `json:"title"`
	Date     string    `json:"date"`
	Source   string    `json:"source"`
	Story    string    `json:"story,omitempty"`
	Events   int       `json:"events"`
	Quotes   int       `json:"quotes"`
	Claims   int       `json:"claims"`
	Ingested time.Time `json:"ingested"`
	Snippet  string    `json:"snippet,omitempty"`
}

// DocumentStore writes and reads coded documents.
type DocumentStore interface {
	// PutDocument stores a coded document in one transaction. It reports
	// false when a document with the same id is already stored (a no-op).
	PutDocument(ctx context.Context, doc *Document) (bool, error)
	HasDocument(ctx context.Context, id string) (bool, error)
	// Document returns a stored document with all its annotations, or an
	// error with code ENotFound.
	Document(ctx context.Context, id string) (*Document, error)
	Documents(ctx context.Context, f Filter) ([]DocumentSummary, string, error)
}

// EventQuerier reads stored events, quotes and claims; each returns a page and
// the cursor of the next page ("" at the end).
type EventQuerier interface {
	Events(ctx context.Context, f Filter) ([]EventRecord, string, error)
	Quotes(ctx context.Context, f Filter) ([]QuoteRecord, string, error)
	Claims(ctx context.Context, f Filter) ([]ClaimRecord, string, error)
}

// Store is a Chronicle database.
type Store interface {
	DocumentStore
	EventQuerier
	Close() error
}
