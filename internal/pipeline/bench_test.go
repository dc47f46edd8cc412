package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/testutil"
)

// BenchmarkCode measures the whole pipeline on the example article on one
// goroutine; it reports documents/s and tokens/s.
func BenchmarkCode(b *testing.B) {
	text, err := os.ReadFile(filepath.Join(testutil.RepoRoot(b), "examples", "article.txt"))
	if err != nil {
		b.Fatal(err)
	}
	p, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	tokens := 0
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		doc := &chronicle.Document{ID: "bench", Date: "2025-02-07", Text: string(text)}
		if err := p.Code(ctx, doc); err != nil {
			b.Fatal(err)
		}
		for _, s := range doc.Sentences {
			tokens += len(s.Tokens)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkCoder measures event coding alone (no parsing) in sentences/s.
func BenchmarkCoder(b *testing.B) {
	text, err := os.ReadFile(filepath.Join(testutil.RepoRoot(b), "examples", "article.txt"))
	if err != nil {
		b.Fatal(err)
	}
	p, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	doc := &chronicle.Document{ID: "bench", Date: "2025-02-07", Text: string(text)}
	if err := p.Code(ctx, doc); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := p.Coder().Annotate(ctx, doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(doc.Sentences))/b.Elapsed().Seconds(), "sentences/s")
}
