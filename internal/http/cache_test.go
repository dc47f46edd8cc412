package httpapi

import (
	"context"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/storetest"
)

// countStore counts the Actors calls that reach the store and can slow
// them down.
type countStore struct {
	chronicle.Store
	actors atomic.Int32
	delay  time.Duration
}

func (c *countStore) Actors(ctx context.Context, f chronicle.Filter) ([]chronicle.ActorSummary, string, error) {
	c.actors.Add(1)
	time.Sleep(c.delay)
	return c.Store.Actors(ctx, f)
}

func TestSummaryCache(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	cs := &countStore{Store: newMemStore(storetest.Generate(20, 4))}
	srv, err := New(Config{Store: cs, Coder: fakeCoder, Token: "t", CacheTTL: time.Minute, CacheStale: 10 * time.Minute, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	steps := []struct {
		name  string
		do    func()
		path  string
		calls int32
		state string
	}{
		{"first asks the store", nil, "/api/actors?limit=5&type=AID", 1, "miss"},
		{"second is a hit", nil, "/api/actors?limit=5&type=AID", 1, "hit"},
		{"parameter order does not matter", nil, "/api/actors?type=AID&limit=5", 1, "hit"},
		{"other query asks the store", nil, "/api/actors?limit=6", 2, "miss"},
		{"old answer served while refreshed", func() { advance(2 * time.Minute) }, "/api/actors?limit=5&type=AID", 3, "stale"},
		{"refreshed answer is a hit", nil, "/api/actors?limit=5&type=AID", 3, "hit"},
		{"too old asks again", func() { advance(20 * time.Minute) }, "/api/actors?limit=5&type=AID", 4, "miss"},
		{"a stored document empties the cache", func() {
			resp, b := post(t, ts, "t", "application/json", `{"id":"new","text":"The minister met the envoy."}`)
			if resp.StatusCode != 201 {
				t.Fatalf("post: %d %s", resp.StatusCode, b)
			}
		}, "/api/actors?limit=5&type=AID", 5, "miss"},
		{"errors are not kept", nil, "/api/actors?limit=0", 5, "miss"},
		{"errors are not kept again", nil, "/api/actors?limit=0", 5, "miss"},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.do != nil {
				st.do()
			}
			resp, b := get(t, ts, st.path)
			srv.cache.background.Wait()
			if got := resp.Header.Get("X-Cache"); got != st.state {
				t.Errorf("X-Cache %q, want %q", got, st.state)
			}
			if got := cs.actors.Load(); got != st.calls {
				t.Errorf("store asked %d times, want %d", got, st.calls)
			}
			if resp.Header.Get("Content-Security-Policy") == "" {
				t.Error("cached answer lacks the security headers")
			}
			if resp.StatusCode == 200 && len(b) < 20 {
				t.Errorf("short body %q", b)
			}
		})
	}
	t.Run("concurrent misses share one query", func(t *testing.T) {
		cs.delay = 100 * time.Millisecond
		defer func() { cs.delay = 0 }()
		before := cs.actors.Load()
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, _ := get(t, ts, "/api/actors?limit=7")
				if resp.StatusCode != 200 {
					t.Errorf("status %d", resp.StatusCode)
				}
			}()
		}
		wg.Wait()
		if got := cs.actors.Load() - before; got != 1 {
			t.Errorf("8 concurrent requests made %d store queries, want 1", got)
		}
	})
	t.Run("warm fills the cache", func(t *testing.T) {
		srv.cache.clear()
		srv.Warm(context.Background())
		for _, u := range warmURLs {
			resp, _ := get(t, ts, u)
			if resp.Header.Get("X-Cache") != "hit" {
				t.Errorf("%s: X-Cache %q after Warm", u, resp.Header.Get("X-Cache"))
			}
		}
	})
}
