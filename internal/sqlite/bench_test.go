package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/sqlite"
	"github.com/chronicle-news/chronicle/internal/storetest"
)

// benchStore opens (building it on first use) a store of generated
// documents with about CHRONICLE_BENCH_EVENTS events (default 100000). Set
// CHRONICLE_BENCH_DB to keep the database between runs.
func benchStore(b *testing.B) (*sqlite.Store, int) {
	b.Helper()
	want := storetest.BenchEvents(b)
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
		have = storetest.Fill(b, have, want, s.PutDocuments)
		if err := s.Analyze(ctx); err != nil {
			b.Fatal(err)
		}
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
	storetest.BenchmarkQueries(b, s, append(slices.Clone(storetest.TypicalQueries),
		storetest.Query{Name: "fulltext+type", Filter: chronicle.Filter{Text: "ceasefire", Type: "ASSAULT"}},
		storetest.Query{Name: "cameo+since", Filter: chronicle.Filter{CAMEO: "19", Since: "2025-11-01"}},
		storetest.Query{Name: "actor-name", Filter: chronicle.Filter{Actor: "kremlin", Until: "2025-03-31"}},
		storetest.Query{Name: "second-page", Filter: chronicle.Filter{Type: "PROTEST"}, NextPage: true},
	))
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

// BenchmarkCanonicalReplay measures the first write of a new store handle on
// a database of CHRONICLE_BENCH_REPLAY_DOCS generated documents (default
// 5000): it replays every stored event through the merger.
func BenchmarkCanonicalReplay(b *testing.B) {
	n := 5000
	if v, err := strconv.Atoi(os.Getenv("CHRONICLE_BENCH_REPLAY_DOCS")); err == nil && v > 0 {
		n = v
	}
	path := filepath.Join(b.TempDir(), "replay.db")
	s := MustOpenPath(b, path)
	ctx := context.Background()
	docs := storetest.Generate(n+b.N, 8)
	for i := 0; i < n; i += 500 {
		if _, err := s.PutDocuments(ctx, docs[i:min(i+500, n)]); err != nil {
			b.Fatal(err)
		}
	}
	s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := MustOpenPath(b, path)
		if _, err := s.PutDocument(ctx, docs[n+i]); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(n), "µs/stored-doc")
}
