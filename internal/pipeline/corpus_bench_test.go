package pipeline

import (
	"context"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/story/corpus"
)

// BenchmarkCodeCorpus measures the whole pipeline on 200 generated articles
// on one goroutine, as ingest runs it per worker; it reports documents/s and
// tokens/s.
func BenchmarkCodeCorpus(b *testing.B) {
	p, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	arts := corpus.Generate(corpus.Options{Articles: 200, Seed: 5})
	ctx := context.Background()
	tokens, docs, size := 0, 0, 0
	for _, a := range arts {
		size += len(a.Text)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, a := range arts {
			doc := &chronicle.Document{ID: a.ID, Date: a.Date, Text: a.Text}
			if err := p.Code(ctx, doc); err != nil {
				b.Fatal(err)
			}
			for _, s := range doc.Sentences {
				tokens += len(s.Tokens)
			}
			docs++
		}
	}
	b.ReportMetric(float64(docs)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}
