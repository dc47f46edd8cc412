// Package sqlstore is the SQL store logic shared by the SQLite and
// PostgreSQL backends (internal/sqlite, internal/postgres): filter
// validation and cursors, the SQL of queries and aggregates, the write path
// and schema migrations.
//
// Both backends have the same tables. What differs between them is
// described by a Dialect the backend fills in: placeholders ('?' or $n),
// full-text search (FTS5 tables or tsvector columns), a few expressions,
// the insert statements (upsert and RETURNING syntax), how blobs are encoded
// and how strings are made storable. The backend keeps its driver,
// connection setup and migration files.
//
// Every write also keeps the canonical events (canonical.go): the events of
// all stored documents merged by story.Merger into one record per
// real-world event, upserted in the same transaction as the documents whose
// reports changed them, and each event's canonical id in events.canonical.
// The merger lives in the Store; at the first write it replays the stored
// documents in primary key (commit) order, and before every write it catches
// up with documents other processes committed, so the canonical events are
// always those of one replay of the store in commit order, however many
// writers, batches or interruptions it took. Writes are serialised, in the
// process by a mutex and between processes by the database (SQLite's
// immediate transactions, PostgreSQL's advisory lock Dialect.WriteLock).
//
// User input only ever reaches SQL as bound arguments.
package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/story"
)

// Codec encodes the JSON blobs stored for documents, events, quotes and
// claims.
type Codec interface {
	Marshal(v any) ([]byte, error)
	Unmarshal(b []byte, v any) error
}

// JSON is the Codec storing plain JSON.
type JSON struct{}

// Marshal encodes v as JSON.
func (JSON) Marshal(v any) ([]byte, error) { return json.Marshal(v) }

// Unmarshal decodes the JSON b into v.
func (JSON) Unmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// Dialect is what one SQL database does differently. Queries in this
// package are written with '?' placeholders; Rebind turns them into the
// driver's form.
type Dialect struct {
	// True is an always-true condition ("1", "TRUE").
	True string
	// Rebind rewrites the '?' placeholders of a query for the driver; nil
	// keeps them.
	Rebind func(query string) string
	// Clean makes a string storable (for example without NUL bytes); it is
	// applied to every string argument written and to looked-up document
	// ids. Nil stores strings as they are. A document whose text Clean
	// changes keeps its exact text in its blob.
	Clean func(s string) string
	// Codec encodes the stored blobs.
	Codec Codec

	// TextQuery turns the words of a full-text query into the bound
	// argument of the text conditions below.
	TextQuery func(terms []string) string
	// EventText is a condition on events (alias e) whose document matches
	// one bound TextQuery.
	EventText string
	// DocumentText is a condition on documents (alias d) matching one bound
	// TextQuery.
	DocumentText string
	// QuoteText is a condition on quotes (alias x) matching one bound
	// TextQuery.
	QuoteText string
	// Snippet is an expression on documents (alias d) giving a short
	// excerpt around the matches of one bound TextQuery.
	Snippet string
	// SentenceText is an expression giving the text of sentence s
	// (sentences alias s) of document d: the bytes span_start..span_end.
	SentenceText string
	// StoryTitle is an aggregate expression giving the title of story st
	// in a query grouped by story.
	StoryTitle string
	// StoryDocIDs is an aggregate expression joining the ids of the
	// documents d of a story with U+001F.
	StoryDocIDs string

	// InsertDocument inserts a document, doing nothing when its id is
	// stored. Its arguments are id, url, title, date, source, story, text,
	// ingested, n_events, n_quotes, n_claims and doc, then, when
	// IndexDocument is empty, the title and text joined by a space for the
	// full-text index.
	InsertDocument string
	// IndexDocument, when set, adds a new document to a separate full-text
	// index; its arguments are the document's pk, title and text.
	IndexDocument string
	// InsertSentence inserts a sentence (doc, i, span_start, span_end, para).
	InsertSentence string
	// InsertQuote inserts a quote (doc, idx, sentence, span_start, span_end,
	// text, direct, cue, speaker_text, speaker_name, speaker_code,
	// speaker_country, data) and, when IndexQuote is empty, takes the quote
	// text once more for the full-text index.
	InsertQuote string
	// IndexQuote, when set, adds a new quote to a separate full-text index;
	// its arguments are the quote's pk and text.
	IndexQuote string
	// Returning is set when new primary keys are read with RETURNING pk
	// (which InsertDocument then ends with) rather than LastInsertId.
	Returning bool

	// WriteLock, when set, is run first in every write transaction to
	// serialise writers between processes, so that documents are committed
	// in primary key order (canonical events replay them in that order).
	// SQLite needs none: its write transactions begin immediate.
	WriteLock string

	// MigrationLock, when set, is run first in the migration transaction to
	// serialise migrations between processes.
	MigrationLock string
}

// rebind applies the dialect's placeholder form to query.
func (d *Dialect) rebind(query string) string {
	if d.Rebind == nil {
		return query
	}
	return d.Rebind(query)
}

// clean applies Clean to s.
func (d *Dialect) clean(s string) string {
	if d.Clean == nil {
		return s
	}
	return d.Clean(s)
}

// cleanArgs applies Clean to the string arguments of a write.
func (d *Dialect) cleanArgs(args ...any) []any {
	if d.Clean == nil {
		return args
	}
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = d.Clean(s)
		}
	}
	return args
}

// Store implements chronicle.Store over a database/sql handle in a
// Dialect. The backends embed it. It is safe for concurrent use.
type Store struct {
	db *sql.DB
	d  *Dialect
	// Now returns the current time; tests replace it.
	Now func() time.Time
	// Merge are the options of the event merger that keeps the canonical
	// events (default DefaultMergeOptions). Set it before the first write.
	Merge story.MergeOptions

	canon canonState
}

var _ chronicle.Store = (*Store)(nil)

// New returns a Store over db speaking the dialect d.
func New(db *sql.DB, d *Dialect) *Store {
	return &Store{db: db, d: d, Now: time.Now, Merge: DefaultMergeOptions()}
}

// DB returns the underlying database handle, for tools and tests.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// query runs a read query written with '?' placeholders.
func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.db.QueryContext(ctx, s.d.rebind(query), args...)
}
