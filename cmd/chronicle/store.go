package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/postgres"
	"github.com/chronicle-news/chronicle/internal/sqlite"
)

// defaultDB is the database used when --db is not given.
const defaultDB = "chronicle.db"

// dbFlag registers the common --db flag on fs.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", defaultDB, "database: a SQLite file `PATH` or a postgres:// URL")
}

// isPostgresURL reports whether db names a PostgreSQL database.
func isPostgresURL(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// openStore opens the store named by db: PostgreSQL for postgres:// and
// postgresql:// URLs, else the SQLite file at the path (created if needed;
// chronicle.db when db is empty).
func openStore(ctx context.Context, db string) (chronicle.Store, error) {
	if db == "" {
		db = defaultDB
	}
	if isPostgresURL(db) {
		s, err := postgres.Open(ctx, db)
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	s, err := sqlite.Open(db)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// openExistingStore opens a store for reading: a SQLite path must exist, so
// that a mistyped path is reported instead of creating an empty database.
func openExistingStore(ctx context.Context, db string) (chronicle.Store, error) {
	if db == "" {
		db = defaultDB
	}
	if !isPostgresURL(db) {
		if _, err := os.Stat(db); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such database (store documents with 'chronicle ingest' first)", db)
		} else if err != nil {
			return nil, fmt.Errorf("%s: %w", db, unwrapPathError(err))
		}
	}
	return openStore(ctx, db)
}

// filterFlags are the store filters shared by query and export.
type filterFlags struct {
	actor, typ, cameo, country, since, until, text, factuality, story, document, cursor string
	limit                                                                               int
}

func (f *filterFlags) register(fs *flag.FlagSet, limitHelp string, limit int) {
	fs.StringVar(&f.actor, "actor", "", "actor: a CAMEO code prefix (`USA` matches USAGOV) or a name")
	fs.StringVar(&f.typ, "type", "", "PLOVER event `TYPE` (e.g. ASSAULT)")
	fs.StringVar(&f.cameo, "cameo", "", "CAMEO event code `PREFIX` (e.g. 19 or 043)")
	fs.StringVar(&f.country, "country", "", "ISO alpha-3 `COUNTRY` of the source, target or location")
	fs.StringVar(&f.since, "since", "", "first `DATE` (YYYY-MM-DD), inclusive")
	fs.StringVar(&f.until, "until", "", "last `DATE` (YYYY-MM-DD), inclusive")
	fs.StringVar(&f.text, "text", "", "full-text `QUERY` (all words must occur)")
	fs.StringVar(&f.factuality, "factuality", "", "occurred, planned, negated, hypothetical, reported or historical")
	fs.StringVar(&f.story, "story", "", "story `ID`")
	fs.StringVar(&f.document, "document", "", "document `ID`")
	fs.IntVar(&f.limit, "limit", limit, limitHelp)
}

func (f *filterFlags) filter() chronicle.Filter {
	return chronicle.Filter{Actor: f.actor, Type: f.typ, CAMEO: f.cameo, Country: f.country, Since: f.since, Until: f.until,
		Text: f.text, Factuality: f.factuality, Story: f.story, Document: f.document, Limit: f.limit, Cursor: f.cursor}
}

// asUsage turns a store's EInvalid error (a bad filter value) into a usage
// error, so that it exits with status 2.
func asUsage(err error) error {
	if chronicle.ErrorCode(err) == chronicle.EInvalid {
		return usagef("%v", err)
	}
	return err
}
