// Package postgres is Chronicle's store for teams: a PostgreSQL database
// (driver github.com/jackc/pgx/v5) with tsvector full-text search over
// document text and quotes.
//
// It shares its queries and write path with internal/sqlite through
// internal/sqlstore: the same tables, filters and results, checked by the
// same conformance suite (internal/storetest). This package holds what is
// PostgreSQL's own: the driver and connection pool, the schema, $n
// placeholders, tsvector search, RETURNING and text cleaning. The schema
// lives in embedded migrations/*.sql files, run in order in one transaction
// under an advisory lock and recorded in the schema_version table. Each
// document is written in one transaction.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/sqlstore"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

var _ chronicle.Store = (*Store)(nil)

// Store is a Chronicle database in PostgreSQL. It is safe for concurrent
// use. Its queries and writes come from the embedded sqlstore.Store, whose
// Now field tests may replace.
type Store struct {
	*sqlstore.Store
}

// migrationLock is the advisory lock key that serialises migrations.
const migrationLock = 0x6368726f6e // "chron"

// writeLock is the advisory lock key that serialises writes, so that
// documents commit in primary key order (canonical events replay them in
// that order).
const writeLock = 0x6368726f6e77 // "chronw"

// dialect returns PostgreSQL's sqlstore.Dialect: $n placeholders, tsvector
// columns documents.tsv and quotes.tsv with the 'simple' configuration,
// RETURNING pk, plain JSON blobs and strings cleaned for the text type.
func dialect() *sqlstore.Dialect {
	return &sqlstore.Dialect{
		True:         "TRUE",
		Rebind:       sqlstore.Dollar,
		Clean:        pgText,
		Codec:        sqlstore.JSON{},
		TextQuery:    tsQuery,
		EventText:    `e.doc IN (SELECT pk FROM documents WHERE tsv @@ plainto_tsquery('simple', ?))`,
		DocumentText: `d.tsv @@ plainto_tsquery('simple', ?)`,
		QuoteText:    `x.tsv @@ plainto_tsquery('simple', ?)`,
		Snippet:      `ts_headline('simple', d.text, plainto_tsquery('simple', ?), 'StartSel="",StopSel="",MaxWords=24,MinWords=12')`,
		SentenceText: `convert_from(substring(convert_to(d.text, 'UTF8') FROM s.span_start + 1 FOR GREATEST(s.span_end - s.span_start, 0)), 'UTF8')`,
		StoryTitle:   `COALESCE(MAX(st.title), '')`,
		StoryDocIDs:  `string_agg(d.id, chr(31) ORDER BY d.date, d.pk)`,
		InsertDocument: `INSERT INTO documents (id, url, title, date, source, story, text, ingested, n_events, n_quotes, n_claims, doc, tsv)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, to_tsvector('simple', ?)) ON CONFLICT (id) DO NOTHING RETURNING pk`,
		InsertSentence: `INSERT INTO sentences (doc, i, span_start, span_end, para) VALUES (?, ?, ?, ?, ?) ON CONFLICT (doc, i) DO NOTHING`,
		InsertQuote: `INSERT INTO quotes (doc, idx, sentence, span_start, span_end, text, direct, cue, speaker_text, speaker_name, speaker_code, speaker_country, data, tsv)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, to_tsvector('simple', ?))`,
		Returning:     true,
		WriteLock:     `SELECT pg_advisory_xact_lock(` + strconv.Itoa(writeLock) + `)`,
		MigrationLock: `SELECT pg_advisory_xact_lock(` + strconv.Itoa(migrationLock) + `)`,
	}
}

// tsQuery returns the text for plainto_tsquery('simple', ...), which
// matches documents holding every term.
func tsQuery(terms []string) string { return strings.Join(terms, " ") }

// Open connects to the PostgreSQL database at url (postgres://...) and
// brings its schema up to date.
func Open(ctx context.Context, url string) (*Store, error) {
	if url == "" {
		return nil, chronicle.Errorf(chronicle.EInvalid, "open store: empty database URL")
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store: connect: %w", err)
	}
	d := dialect()
	if err := sqlstore.Migrate(ctx, db, d, migrations); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store: %w", err)
	}
	return &Store{Store: sqlstore.New(db, d)}, nil
}

// pgText makes s storable in a PostgreSQL text column, which holds no NUL
// bytes and only valid UTF-8: NULs become spaces (keeping byte offsets) and
// invalid bytes U+FFFD.
func pgText(s string) string {
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", " ")
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
