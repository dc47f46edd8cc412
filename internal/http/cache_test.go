package httpapi

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/storetest"
)

// countStore counts the Actors calls that reach the store.
type countStore struct {
	chronicle.Store
	actors atomic.Int32
}

func (c *countStore) Actors(ctx context.Context, f chronicle.Filter) ([]chronicle.ActorSummary, string, error) {
	c.actors.Add(1)
	return c.Store.Actors(ctx, f)
}

func TestSummaryCache(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	cs := &countStore{Store: newMemStore(storetest.Generate(20, 4))}
	ts, _ := newTestServer(t, Config{Store: cs, Coder: fakeCoder, Token: "t", CacheTTL: time.Minute,
		Now: func() time.Time { return now }})
	steps := []struct {
		name    string
		do      func()
		path    string
		calls   int32
		wantHit bool
	}{
		{"first asks the store", nil, "/api/actors?limit=5", 1, false},
		{"second is a hit", nil, "/api/actors?limit=5", 1, true},
		{"other query asks the store", nil, "/api/actors?limit=6", 2, false},
		{"expired asks again", func() { now = now.Add(2 * time.Minute) }, "/api/actors?limit=5", 3, false},
		{"a stored document clears the cache", func() {
			resp, b := post(t, ts, "t", "application/json", `{"id":"new","text":"The minister met the envoy."}`)
			if resp.StatusCode != 201 {
				t.Fatalf("post: %d %s", resp.StatusCode, b)
			}
		}, "/api/actors?limit=5", 4, false},
		{"errors are not cached", nil, "/api/actors?limit=0", 4, false},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.do != nil {
				st.do()
			}
			resp, b := get(t, ts, st.path)
			if hit := resp.Header.Get("X-Cache") == "hit"; hit != st.wantHit {
				t.Errorf("cache hit %v, want %v", hit, st.wantHit)
			}
			if got := cs.actors.Load(); got != st.calls {
				t.Errorf("store asked %d times, want %d", got, st.calls)
			}
			if resp.StatusCode == 200 && len(b) < 20 {
				t.Errorf("short body %q", b)
			}
		})
	}
}
