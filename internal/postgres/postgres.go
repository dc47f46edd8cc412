// Package postgres is Chronicle's store for teams: a PostgreSQL database
// (driver github.com/jackc/pgx/v5) with tsvector full-text search over
// document text and quotes.
//
// It mirrors internal/sqlite: the same tables, filters and results, checked
// by the same conformance suite (internal/storetest). The schema lives in
// embedded migrations/*.sql files, run in order in one transaction under an
// advisory lock and recorded in the schema_version table. Each document is
// written in one transaction.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

var _ chronicle.Store = (*Store)(nil)

// Store is a Chronicle database in PostgreSQL. It is safe for concurrent
// use.
type Store struct {
	db *sql.DB
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

// migrationLock is the advisory lock key that serialises migrations.
const migrationLock = 0x6368726f6e // "chron"

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
	s := &Store{db: db, Now: time.Now}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store: connect: %w", err)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store: %w", err)
	}
	return s, nil
}

// Close closes the connections.
func (s *Store) Close() error { return s.db.Close() }

// DB returns the underlying database handle, for tools and tests.
func (s *Store) DB() *sql.DB { return s.db }

// migrate runs the embedded migrations newer than the stored schema version
// in one transaction.
func (s *Store) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin migration: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, migrationLock); err != nil {
		return fmt.Errorf("lock for migration: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_version: %w", err)
	}
	var version int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(names) {
		return chronicle.Errorf(chronicle.EInvalid, "database schema version %d is newer than this program knows (%d)", version, len(names))
	}
	for i, name := range names {
		n, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(name, "migrations/"), "_", 2)[0])
		if err != nil || n != i+1 {
			return fmt.Errorf("migration %s: name must start with its number %d", name, i+1)
		}
		if n <= version {
			continue
		}
		b, err := migrations.ReadFile(name)
		if err != nil {
			return fmt.Errorf("read migration %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, string(b)); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES ($1)`, n); err != nil {
			return fmt.Errorf("record migration %s: %w", name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit migrations: %w", err)
	}
	return nil
}

// rebind turns the '?' placeholders of a query (outside quoted literals)
// into PostgreSQL's $1, $2, ...
func rebind(q string) string {
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	quoted := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			quoted = !quoted
		case c == '?' && !quoted:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
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
