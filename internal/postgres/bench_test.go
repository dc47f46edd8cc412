package postgres_test

import (
	"context"
	"database/sql"
	"net/url"
	"testing"

	"github.com/chronicle-news/chronicle/internal/postgres"
	"github.com/chronicle-news/chronicle/internal/storetest"
)

// benchStore opens the schema chronicle_bench of the test database, filling
// it on first use with about CHRONICLE_BENCH_EVENTS generated events
// (default 100000). The schema is kept between runs; drop it to rebuild.
func benchStore(b *testing.B) (*postgres.Store, int) {
	b.Helper()
	want := storetest.BenchEvents(b)
	base := testURL(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := admin.Exec(`CREATE SCHEMA IF NOT EXISTS chronicle_bench`); err != nil {
		b.Fatal(err)
	}
	admin.Close()
	u, _ := url.Parse(base)
	q := u.Query()
	q.Set("search_path", "chronicle_bench")
	u.RawQuery = q.Encode()
	ctx := context.Background()
	s, err := postgres.Open(ctx, u.String())
	if err != nil {
		b.Fatal(err)
	}
	var have int
	if err := s.DB().QueryRow(`SELECT COUNT(*) FROM events`).Scan(&have); err != nil {
		b.Fatal(err)
	}
	if have < want {
		have = storetest.Fill(b, have, want, s.PutDocuments)
		if _, err := s.DB().Exec(`ANALYZE`); err != nil {
			b.Fatal(err)
		}
	}
	return s, have
}

func BenchmarkQueries(b *testing.B) {
	s, n := benchStore(b)
	defer s.Close()
	var size int64
	if err := s.DB().QueryRow(`SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
		WHERE ns.nspname = 'chronicle_bench' AND c.relkind = 'r'`).Scan(&size); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d events, database %.1f MB, %.0f bytes/event", n, float64(size)/1e6, float64(size)/float64(n))
	storetest.BenchmarkQueries(b, s, storetest.TypicalQueries)
}
