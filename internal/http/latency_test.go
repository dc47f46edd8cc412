package httpapi

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/chronicle-news/chronicle/internal/sqlite"
	"github.com/chronicle-news/chronicle/internal/storetest"
)

// TestLatency measures the API's latency on a large generated store. It runs
// only when CHRONICLE_LATENCY_DB names a database file: one that exists is
// used as it is; otherwise CHRONICLE_LATENCY_DOCS documents (default 250000,
// about a million events) are generated into it first. For example:
//
//	CHRONICLE_LATENCY_DB=/tmp/big.db go test -run TestLatency -v -timeout 2h ./internal/http
func TestLatency(t *testing.T) {
	path := os.Getenv("CHRONICLE_LATENCY_DB")
	if path == "" {
		t.Skip("set CHRONICLE_LATENCY_DB to measure latency on a large store")
	}
	ctx := context.Background()
	_, statErr := os.Stat(path)
	st, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if statErr != nil {
		n := 250000
		if s := os.Getenv("CHRONICLE_LATENCY_DOCS"); s != "" {
			if n, err = strconv.Atoi(s); err != nil {
				t.Fatalf("CHRONICLE_LATENCY_DOCS: %v", err)
			}
		}
		start := time.Now()
		const batch = 2000
		for i := 0; i < n; i += batch {
			docs := storetest.Generate(min(batch, n-i), int64(1000+i/batch))
			if _, err := st.PutDocuments(ctx, docs); err != nil {
				t.Fatalf("store batch %d: %v", i/batch, err)
			}
			if i%(batch*10) == 0 {
				t.Logf("%d documents stored in %v", i+batch, time.Since(start).Round(time.Second))
			}
		}
		t.Logf("generated %d documents in %v", n, time.Since(start).Round(time.Second))
	}
	// The summary cache is off: these are the store's own times.
	srv, err := New(Config{Store: st, CacheTTL: -1})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	urls := []string{
		"/api/events", "/api/events?type=ASSAULT", "/api/events?actor=USA", "/api/events?country=UKR&since=2025-03-01&until=2025-03-31",
		"/api/events?text=sanctions", "/api/events?limit=200", "/api/quotes", "/api/claims", "/api/documents", "/api/documents?text=pipeline",
		"/api/actors?limit=10", "/api/stories?limit=6", "/api/timeline", "/api/timeline?group=quad&bucket=week",
		"/api/network", "/api/places", "/api/events?format=csv&limit=1000",
	}
	per := map[string][]time.Duration{}
	var all []time.Duration
	for round := 0; round < 5; round++ {
		for _, u := range urls {
			start := time.Now()
			resp, err := http.Get(ts.URL + u)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			d := time.Since(start)
			if resp.StatusCode != 200 {
				t.Errorf("%s: status %d", u, resp.StatusCode)
			}
			if round > 0 { // the first round warms the caches
				per[u] = append(per[u], d)
				all = append(all, d)
			}
		}
	}
	for _, u := range urls {
		t.Logf("%-45s p50 %8v  max %8v", u, pct(per[u], 50), pct(per[u], 100))
	}
	t.Logf("all requests: n=%d p50 %v p95 %v p99 %v", len(all), pct(all, 50), pct(all, 95), pct(all, 99))

	// With the summary cache, as 'chronicle serve' runs: Warm computes the
	// web UI's summary queries once, then the pages' requests are hits.
	cached, err := New(Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	defer cached.Close()
	start := time.Now()
	cached.Warm(ctx)
	t.Logf("warm-up of %d summary queries: %v", len(warmURLs), time.Since(start).Round(time.Millisecond))
	cts := httptest.NewServer(cached.Handler())
	defer cts.Close()
	var page []time.Duration
	for round := 0; round < 20; round++ {
		for _, u := range append(append([]string{}, warmURLs...), "/api/events", "/api/events?type=ASSAULT", "/api/quotes?limit=100") {
			start := time.Now()
			resp, err := http.Get(cts.URL + u)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			page = append(page, time.Since(start))
		}
	}
	t.Logf("web UI requests after warm-up: n=%d p50 %v p95 %v p99 %v", len(page), pct(page, 50), pct(page, 95), pct(page, 99))
}

func pct(ds []time.Duration, p int) string {
	if len(ds) == 0 {
		return "-"
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := (len(s)*p + 99) / 100
	if i > 0 {
		i--
	}
	return fmt.Sprint(s[min(i, len(s)-1)].Round(100 * time.Microsecond))
}
