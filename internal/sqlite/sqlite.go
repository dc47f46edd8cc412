// Package sqlite is Chronicle's default store: one SQLite file (pure Go
// driver modernc.org/sqlite) in WAL mode, so readers are never blocked by a
// writer, with FTS5 full-text search over document text and quotes.
//
// The queries and the write path are shared with internal/postgres in
// internal/sqlstore; this package holds what is SQLite's own: the driver and
// its pragmas, the schema, FTS5 and the compressed blobs.
//
// The schema lives in embedded migrations/*.sql files, run in order in one
// transaction and recorded in the schema_version table. Each document is
// written in one transaction; a process killed mid-write leaves the store as
// it was before that document.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"net/url"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/sqlstore"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

var _ chronicle.Store = (*Store)(nil)

// Limits on query input.
const (
	DefaultLimit = sqlstore.DefaultLimit
	MaxLimit     = sqlstore.MaxLimit
)

// Store is a Chronicle database in one SQLite file. It is safe for
// concurrent use. Its queries and writes come from the embedded
// sqlstore.Store, whose Now field tests may replace.
type Store struct {
	*sqlstore.Store
	path string
}

// dialect returns SQLite's sqlstore.Dialect: '?' placeholders, FTS5 tables
// documents_fts and quotes_fts keyed by rowid, and deflated JSON blobs.
func dialect() *sqlstore.Dialect {
	return &sqlstore.Dialect{
		True:         "1",
		Codec:        new(packer),
		TextQuery:    ftsQuery,
		EventText:    `e.doc IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)`,
		DocumentText: `d.pk IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)`,
		QuoteText:    `x.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)`,
		Snippet:      `COALESCE((SELECT snippet(documents_fts, 1, '', '', '…', 16) FROM documents_fts WHERE documents_fts MATCH ? AND rowid = d.pk), '')`,
		SentenceText: `CAST(substr(CAST(d.text AS BLOB), s.span_start + 1, s.span_end - s.span_start) AS TEXT)`,
		StoryTitle:   `COALESCE(st.title, '')`,
		StoryDocIDs:  `group_concat(d.id, char(31))`,
		InsertDocument: `INSERT INTO documents (id, url, title, date, source, story, text, ingested, n_events, n_quotes, n_claims, doc)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
		IndexDocument:  `INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)`,
		InsertSentence: `INSERT OR REPLACE INTO sentences (doc, i, span_start, span_end, para) VALUES (?, ?, ?, ?, ?)`,
		InsertQuote: `INSERT INTO quotes (doc, idx, sentence, span_start, span_end, text, direct, cue, speaker_text, speaker_name, speaker_code, speaker_country, data)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		IndexQuote: `INSERT INTO quotes_fts (rowid, text) VALUES (?, ?)`,
	}
}

// ftsQuery returns an FTS5 query matching documents holding every term.
// The terms hold only letters and digits, so quoting them is safe.
func ftsQuery(terms []string) string {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = `"` + t + `"`
	}
	return strings.Join(quoted, " AND ")
}

// Open opens (creating if needed) the SQLite database at path and brings its
// schema up to date.
func Open(path string) (*Store, error) {
	if path == "" {
		return nil, chronicle.Errorf(chronicle.EInvalid, "open store: empty database path")
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "cache_size(-32000)")
	q.Add("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	d := dialect()
	if err := sqlstore.Migrate(context.Background(), db, d, migrations); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return &Store{Store: sqlstore.New(db, d), path: path}, nil
}

// Close closes the database.
func (s *Store) Close() error {
	// Let SQLite keep its query planner statistics current.
	_, _ = s.DB().Exec("PRAGMA optimize")
	return s.Store.Close()
}

// Analyze refreshes the query planner's statistics, for use after a bulk
// load.
func (s *Store) Analyze(ctx context.Context) error {
	if _, err := s.DB().ExecContext(ctx, `ANALYZE`); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}
