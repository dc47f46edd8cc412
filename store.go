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
	// MinArticles keeps the canonical events reported by at least this
	// many articles (0 for any); other records ignore it.
	MinArticles int
	Limit       int
	Cursor      string // opaque, from a previous page
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
	// NumMentions, NumSources and NumArticles count the reports of the
	// canonical event: its mentions, the sites and the documents reporting
	// it (0 when the event has no canonical event).
	NumMentions int `json:"num_mentions,omitempty"`
	NumSources  int `json:"num_sources,omitempty"`
	NumArticles int `json:"num_articles,omitempty"`
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

// PreparedDocument is a document already encoded for storing.
type PreparedDocument interface {
	Document() *Document
}

// Preparer is a store that can encode documents before their write
// transaction, so that many goroutines share the work a single writer would
// otherwise do in turn. A prepared document must not change before it is
// stored, except for its Story.
type Preparer interface {
	PrepareDocument(doc *Document) (PreparedDocument, error)
	// PutPrepared stores prepared documents in one transaction, like
	// PutDocuments, and returns how many were new.
	PutPrepared(ctx context.Context, docs []PreparedDocument) (int, error)
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
	Aggregator
	Close() error
}

// ActorSummary is an actor with its event counts, for the API's actor list.
type ActorSummary struct {
	Code     string         `json:"code"`
	Name     string         `json:"name"`
	Country  string         `json:"country"`
	Events   int            `json:"events"`
	AsSource int            `json:"as_source"`
	AsTarget int            `json:"as_target"`
	Quotes   int            `json:"quotes"`
	Partners []PartnerCount `json:"partners,omitempty"`
}

// PartnerCount is how often an actor interacted with another.
type PartnerCount struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Events int    `json:"events"`
}

// StorySummary is a cluster of documents about the same story.
type StorySummary struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	FirstSeen string   `json:"first_seen"`
	LastSeen  string   `json:"last_seen"`
	Documents int      `json:"documents"`
	Events    int      `json:"events"`
	DocIDs    []string `json:"doc_ids,omitempty"`
}

// TimelinePoint counts events in one time bucket for one group (a PLOVER
// type or a quad class).
type TimelinePoint struct {
	Bucket string `json:"bucket"` // YYYY-MM-DD (day) or the Monday of the week
	Group  string `json:"group"`
	Events int    `json:"events"`
}

// NetworkEdge is a weighted who-to-whom edge of the actor network.
type NetworkEdge struct {
	Source     string  `json:"source"`
	Target     string  `json:"target"`
	SourceName string  `json:"source_name"`
	TargetName string  `json:"target_name"`
	Events     int     `json:"events"`
	Goldstein  float64 `json:"goldstein"` // mean Goldstein score
}

// PlaceCount counts events at one location.
type PlaceCount struct {
	Name    string  `json:"name"`
	Country string  `json:"country"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Events  int     `json:"events"`
}

// Aggregator answers the summary queries of the API and the web UI.
type Aggregator interface {
	Actors(ctx context.Context, f Filter) ([]ActorSummary, string, error)
	Stories(ctx context.Context, f Filter) ([]StorySummary, string, error)
	// Timeline buckets by "day" or "week" and groups by "plover" or "quad".
	Timeline(ctx context.Context, f Filter, bucket, group string) ([]TimelinePoint, error)
	Network(ctx context.Context, f Filter) ([]NetworkEdge, error)
	Places(ctx context.Context, f Filter) ([]PlaceCount, error)
}

// CanonicalEvent is one real-world event merged from every report of it: the
// representative Event (its ID is the canonical id; its date, location,
// CAMEO code and factuality are the values reconciled across reports; its
// sentence and span those of the representative mention), how often and by
// how many sites and articles it was reported, when it was first seen, and
// the reported details that disagree, kept visible as Conflicts.
type CanonicalEvent struct {
	Event
	// Day is the day it is filed under: its reconciled date when that is a
	// full date, else the day it was first seen.
	Day         string `json:"day"`
	NumMentions int    `json:"num_mentions"`
	NumSources  int    `json:"num_sources"`  // distinct sites
	NumArticles int    `json:"num_articles"` // distinct documents
	// FirstSeen is the earliest publication date of its reports (YYYY-MM-DD),
	// else the day the first of them was stored.
	FirstSeen string   `json:"first_seen"`
	Conflicts []string `json:"conflicts,omitempty"`
	// Mentions are the reports, in the order they were stored; only
	// CanonicalQuerier.CanonicalEvent fills them in.
	Mentions []CanonicalMention `json:"mentions,omitempty"`
}

// CanonicalMention is one report of a canonical event: an event of one
// stored document with its evidence span and what that report said.
type CanonicalMention struct {
	DocID      string `json:"doc_id"`
	DocURL     string `json:"doc_url,omitempty"`
	DocTitle   string `json:"doc_title,omitempty"`
	DocDate    string `json:"doc_date,omitempty"`
	Site       string `json:"site,omitempty"`
	EventID    string `json:"event_id,omitempty"`
	Event      int    `json:"event"` // index in the document's events
	Sentence   int    `json:"sentence"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Text       string `json:"sentence_text,omitempty"`
	CAMEO      string `json:"cameo"`
	Date       string `json:"date,omitempty"`
	Place      *Place `json:"place,omitempty"`
	Factuality string `json:"factuality,omitempty"`
}

// CanonicalQuerier reads the canonical events a store keeps: the events of
// its documents merged across reports.
type CanonicalQuerier interface {
	// CanonicalEvents returns a page of canonical events matching f (the
	// filters of Events), newest first, without their mentions, and the
	// cursor of the next page ("" at the end).
	CanonicalEvents(ctx context.Context, f Filter) ([]CanonicalEvent, string, error)
	// CanonicalEvent returns one canonical event with its mentions, or an
	// error with code ENotFound.
	CanonicalEvent(ctx context.Context, id string) (*CanonicalEvent, error)
}
