package ingest

import (
	"context"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/chronicle-news/chronicle/internal/pipeline"
	"github.com/chronicle-news/chronicle/internal/sqlite"
	"github.com/chronicle-news/chronicle/internal/story"
	"github.com/chronicle-news/chronicle/internal/testutil"
)

// BenchmarkIngestPipeline measures the real ingest end to end, as `chronicle
// ingest` runs it: CHRONICLE_BENCH_DOCS generated articles (default 400)
// coded by the full pipeline on 1 and 2
// workers, with story clustering, committed to the embedded SQLite store.
// It reports documents/s and tokens/s of wall time, and tokens per CPU
// second of the whole process (fairer on a shared machine); compare the
// two worker counts with -cpu 1,2.
func BenchmarkIngestPipeline(b *testing.B) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	path, size := writeCorpus(b, benchDocs(400))
	b.SetBytes(size)
	var tokens int
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		st, err := sqlite.Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		ix, err := story.NewIndex(story.DefaultHashes, story.DefaultBands, story.DefaultThreshold)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		cpu0 := testutil.CPUTime()
		in := &Ingester{Store: st, Coder: p, Workers: max(1, runtime.GOMAXPROCS(0)), Stories: ix}
		s, err := in.Run(context.Background(), []string{path})
		if err != nil || s.Stored == 0 {
			b.Fatalf("stored %d: %v", s.Stored, err)
		}
		cpu += testutil.CPUTime() - cpu0
		tokens = s.Tokens
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu > 0 {
		b.ReportMetric(float64(tokens)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
}
