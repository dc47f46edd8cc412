package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/sqlite"
	"github.com/chronicle-news/chronicle/internal/storetest"
)

// benchStore opens (building it on first use) a store of generated
// documents with about CHRONICLE_BENCH_EVENTS events (default 100000). Set
// CHRONICLE_BENCH_DB to keep the database between runs.
func benchStore(b *testing.B) (*sqlite.Store, int) {
	b.Helper()
	want := 100000
	if v := os.Getenv("CHRONICLE_BENCH_EVENTS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			b.Fatalf("CHRONICLE_BENCH_EVENTS=%q is not a positive number", v)
		}
		want = n
	}
	path := os.Getenv("CHRONICLE_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	s, err := sqlite.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var have int
	if err := s.DB().QueryRow(`SELECT COUNT(*) FROM events`).Scan(&have); err != nil {
		b.Fatal(err)
	}
	if have < want {
		start := time.Now()
		const batch = 2000 // documents a transaction
		for seed := int64(1000 + have); have < want; seed++ {
			docs := storetest.Generate(batch, seed)
			if _, err := s.PutDocuments(ctx, docs); err != nil {
				b.Fatal(err)
			}
			for _, d := range docs {
				have += len(d.Events)
			}
		}
		if err := s.Analyze(ctx); err != nil {
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
	if err := s.DB().QueryRow(`SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()`).Scan(&size); err != nil {
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
		{"fulltext+type", chronicle.Filter{Text: "ceasefire", Type: "ASSAULT"}},
		{"cameo+since", chronicle.Filter{CAMEO: "19", Since: "2025-11-01"}},
		{"actor-name", chronicle.Filter{Actor: "kremlin", Until: "2025-03-31"}},
		{"second-page", chronicle.Filter{Type: "PROTEST"}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			f := tc.f
			if tc.name == "second-page" {
				_, next, err := s.Events(ctx, f)
				if err != nil {
					b.Fatal(err)
				}
				f.Cursor = next
			}
			var times []time.Duration
			got := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				recs, _, err := s.Events(ctx, f)
				times = append(times, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
				got = len(recs)
			}
			b.StopTimer()
			slices.Sort(times)
			ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
			b.ReportMetric(ms(times[len(times)/2]), "p50-ms")
			b.ReportMetric(ms(times[len(times)*95/100]), "p95-ms")
			b.ReportMetric(float64(got), "rows")
		})
	}
	month := chronicle.Filter{Since: "2025-06-01", Until: "2025-06-30"}
	for _, tc := range []struct {
		name string
		run  func() error
	}{
		{"actors-all", func() error { _, _, err := s.Actors(ctx, chronicle.Filter{}); return err }},
		{"actors-month", func() error { _, _, err := s.Actors(ctx, month); return err }},
		{"network-all", func() error { _, err := s.Network(ctx, chronicle.Filter{}); return err }},
		{"timeline-month", func() error { _, err := s.Timeline(ctx, month, "week", "plover"); return err }},
		{"places-type", func() error { _, err := s.Places(ctx, chronicle.Filter{Type: "PROTEST"}); return err }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if err := tc.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPutDocument(b *testing.B) {
	s := MustOpen(b)
	defer s.Close()
	docs := storetest.Generate(b.N, 1)
	ctx := context.Background()
	b.ResetTimer()
	for _, d := range docs {
		if _, err := s.PutDocument(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
}
