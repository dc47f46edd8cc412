package postgres_test

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/postgres"
	"github.com/chronicle-news/chronicle/internal/storetest"
)

// benchStore opens the schema chronicle_bench of the test database, filling
// it on first use with about CHRONICLE_BENCH_EVENTS generated events
// (default 100000). The schema is kept between runs; drop it to rebuild.
func benchStore(b *testing.B) (*postgres.Store, int) {
	b.Helper()
	want := 100000
	if v := os.Getenv("CHRONICLE_BENCH_EVENTS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			b.Fatalf("CHRONICLE_BENCH_EVENTS=%q is not a positive number", v)
		}
		want = n
	}
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
		start := time.Now()
		for seed := int64(1000 + have); have < want; seed++ {
			docs := storetest.Generate(2000, seed)
			if _, err := s.PutDocuments(ctx, docs); err != nil {
				b.Fatal(err)
			}
			for _, d := range docs {
				have += len(d.Events)
			}
		}
		if _, err := s.DB().Exec(`ANALYZE`); err != nil {
			b.Fatal(err)
		}
		el := time.Since(start)
		b.Logf("stored %d events in %v (%.0f events/s)", have, el.Round(time.Second), float64(have)/el.Seconds())
	}
	return s, have
}

func BenchmarkQueries(b *testing.B) {
	s, n := benchStore(b)
	defer s.Close()
	ctx := context.Background()
	var size int64
	if err := s.DB().QueryRow(`SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
		WHERE ns.nspname = 'chronicle_bench' AND c.relkind = 'r'`).Scan(&size); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d events, database %.1f MB, %.0f bytes/event", n, float64(size)/1e6, float64(size)/float64(n))
	for _, tc := range []struct {
		name string
		f    chronicle.Filter
	}{
		{"actor+month", chronicle.Filter{Actor: "UKR", Since: "2025-06-01", Until: "2025-06-30"}},
		{"type+country", chronicle.Filter{Type: "CONSULT", Country: "USA"}},
		{"fulltext", chronicle.Filter{Text: "grain exports"}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var times []time.Duration
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				if _, _, err := s.Events(ctx, tc.f); err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(t0))
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2])/1e6, "p50-ms")
			b.ReportMetric(float64(times[len(times)*95/100])/1e6, "p95-ms")
		})
	}
}
