package geo

import (
	"context"
	"testing"
)

// BenchmarkAnnotate measures place resolution over the test corpus; the
// reported bytes/s is the throughput in text bytes.
func BenchmarkAnnotate(b *testing.B) {
	g := builtin(b)
	docs := parseCorpus(b, "testdata/places.txt")
	size := 0
	for _, td := range docs {
		size += len(td.doc.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	ctx := context.Background()
	for b.Loop() {
		for _, td := range docs {
			if err := g.Annotate(ctx, td.doc); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkEventLocation measures EventLocation over the corpus triggers.
func BenchmarkEventLocation(b *testing.B) {
	g := builtin(b)
	docs := parseCorpus(b, "testdata/places.txt")
	for _, td := range docs {
		if err := g.Annotate(context.Background(), td.doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, td := range docs {
			for _, w := range td.locs {
				g.EventLocation(td.doc, w.sent, w.trigger)
			}
		}
	}
}
