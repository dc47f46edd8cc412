package storetest

import (
	"context"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
)

// BenchEvents returns how many events a benchmark store should hold:
// $CHRONICLE_BENCH_EVENTS, default 100000.
func BenchEvents(tb testing.TB) int {
	tb.Helper()
	v := os.Getenv("CHRONICLE_BENCH_EVENTS")
	if v == "" {
		return 100000
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		tb.Fatalf("CHRONICLE_BENCH_EVENTS=%q is not a positive number", v)
	}
	return n
}

// Fill stores generated documents through put, 2,000 a call, until the store
// holds at least want events; have is how many it holds already. It returns
// the new count and logs the load rate.
func Fill(tb testing.TB, have, want int, put func(context.Context, []*chronicle.Document) (int, error)) int {
	tb.Helper()
	if have >= want {
		return have
	}
	ctx := context.Background()
	start := time.Now()
	for seed := int64(1000 + have); have < want; seed++ {
		docs := Generate(2000, seed)
		if _, err := put(ctx, docs); err != nil {
			tb.Fatal(err)
		}
		for _, d := range docs {
			have += len(d.Events)
		}
	}
	el := time.Since(start)
	tb.Logf("stored %d events in %v (%.0f events/s)", have, el.Round(time.Second), float64(have)/el.Seconds())
	return have
}

// Query is a named event query for BenchmarkQueries; NextPage times the
// page after the first.
type Query struct {
	Name     string
	Filter   chronicle.Filter
	NextPage bool
}

// TypicalQueries are the filtered queries the store's latency bar is about.
var TypicalQueries = []Query{
	{Name: "actor+month", Filter: chronicle.Filter{Actor: "UKR", Since: "2025-06-01", Until: "2025-06-30"}},
	{Name: "type+country", Filter: chronicle.Filter{Type: "CONSULT", Country: "USA"}},
	{Name: "fulltext", Filter: chronicle.Filter{Text: "grain exports"}},
}

// BenchmarkQueries times each query as a sub-benchmark and reports its
// median and 95th-percentile latency and the rows it returned.
func BenchmarkQueries(b *testing.B, q chronicle.EventQuerier, queries []Query) {
	ctx := context.Background()
	for _, tc := range queries {
		b.Run(tc.Name, func(b *testing.B) {
			f := tc.Filter
			if tc.NextPage {
				_, next, err := q.Events(ctx, f)
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
				recs, _, err := q.Events(ctx, f)
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
}
