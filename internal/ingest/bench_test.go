package ingest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/segment"
	"github.com/chronicle-news/chronicle/internal/sqlite"
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

// benchDocs returns CHRONICLE_BENCH_DOCS, or def when it is not set.
func benchDocs(def int) int {
	if v, err := strconv.Atoi(os.Getenv("CHRONICLE_BENCH_DOCS")); err == nil && v > 0 {
		return v
	}
	return def
}

// BenchmarkIngestSQLite ingests a generated corpus of
// CHRONICLE_BENCH_DOCS articles (default 2000) into a new SQLite store with
// a coder that segments and gives each article its true event: the cost of
// storing, canonical events included, without the cost of coding.
func BenchmarkIngestSQLite(b *testing.B) {
	n := benchDocs(2000)
	path, size := writeCorpus(b, n)
	byID := map[string]corpus.Article{}
	for _, a := range corpus.Generate(corpus.Options{Articles: n, Seed: 3}) {
		byID[a.ID] = a
	}
	b.SetBytes(size)
	for b.Loop() {
		s, err := sqlite.Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		in := &Ingester{Store: s, Coder: truthCoder{arts: byID}, Workers: 2}
		st, err := in.Run(context.Background(), []string{path})
		s.Close()
		if err != nil || st.Stored != n {
			b.Fatalf("stored %d of %d: %v", st.Stored, n, err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// truthCoder codes a generated article into the event it tells, as a
// perfect coder would, so that merging is measured on its own.
type truthCoder struct {
	arts  map[string]corpus.Article
	delay time.Duration
}

func (c truthCoder) Code(_ context.Context, doc *chronicle.Document) error {
	doc.Sentences = segment.Segment(doc.Text)
	a, ok := c.arts[doc.ID]
	if !ok || len(doc.Sentences) == 0 {
		return errors.New("not a generated article")
	}
	time.Sleep(c.delay)
	s := doc.Sentences[0]
	ev := a.Told
	doc.Events = []chronicle.Event{{
		ID: "e0", Sentence: s.I, Start: s.Start, End: s.End, CAMEO: ev.CAMEO, PLOVER: "CONSULT",
		Source: &chronicle.ActorRef{Code: ev.Source + "GOV", Country: ev.Source},
		Target: &chronicle.ActorRef{Code: ev.Target + "GOV", Country: ev.Target},
		Date:   ev.Date, Location: &chronicle.Place{Name: ev.Place, Country: ev.PlaceCountry, Resolution: "city"},
		Factuality: chronicle.FactOccurred,
	}}
	return nil
}
