package ingest

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/chronicle-news/chronicle/internal/story/corpus"
)

// writeCorpus writes n generated articles as JSONL and returns the path and
// the bytes of text.
func writeCorpus(b *testing.B, n int) (string, int64) {
	b.Helper()
	path := filepath.Join(b.TempDir(), "corpus.jsonl")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	var size int64
	for _, a := range corpus.Generate(corpus.Options{Articles: n, Seed: 3}) {
		size += int64(len(a.Text))
		if err := enc.Encode(map[string]string{"id": a.ID, "url": a.URL, "date": a.Date, "title": a.Title, "text": a.Text}); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	return path, size
}

func benchIngest(b *testing.B, coder Coder, n, workers int) {
	path, size := writeCorpus(b, n)
	b.SetBytes(size)
	var tokens int
	for b.Loop() {
		in := &Ingester{Store: batchStore{newMemStore()}, Coder: coder, Workers: workers}
		st, err := in.Run(context.Background(), []string{path})
		if err != nil || st.Stored != n {
			b.Fatalf("stored %d of %d: %v", st.Stored, n, err)
		}
		tokens = st.Tokens
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkIngestOverhead measures reading, scheduling and committing with
// a coder that only segments.
func BenchmarkIngestOverhead(b *testing.B) {
	benchIngest(b, &fakeCoder{}, 2000, 2)
}
