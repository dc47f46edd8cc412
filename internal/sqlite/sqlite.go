// Package sqlite is Chronicle's default store: one SQLite file (pure Go
// driver modernc.org/sqlite) in WAL mode, so readers are never blocked by a
// writer, with FTS5 full-text search over document text and quotes.
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
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

var _ chronicle.Store = (*Store)(nil)

// Store is a Chronicle database in one SQLite file. It is safe for
// concurrent use.
type Store struct {
	db     *sql.DB
	path   string
	packer packer
	// Now returns the current time; tests replace it.
	Now func() time.Time
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
	s := &Store{db: db, path: path, Now: time.Now}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error {
	// Let SQLite keep its query planner statistics current.
	_, _ = s.db.Exec("PRAGMA optimize")
	return s.db.Close()
}

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
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (?)`, n); err != nil {
			return fmt.Errorf("record migration %s: %w", name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit migrations: %w", err)
	}
	return nil
}

// Version returns the schema version of the open database.
func (s *Store) Version(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v)
	return v, err
}

// Analyze refreshes the query planner's statistics, for use after a bulk
// load.
func (s *Store) Analyze(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `ANALYZE`); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}
