package httpapi

import (
	"context"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// Defaults of the summary cache. The summary endpoints (actors, stories,
// timeline, network, places) scan every matching event, which takes seconds
// on a store of a million events, so their answers are kept: fresh for
// DefaultCacheTTL, then served stale for up to DefaultCacheStale while one
// background query refreshes them. Storing a document empties the cache.
const (
	DefaultCacheTTL   = 30 * time.Second
	DefaultCacheStale = 10 * time.Minute
	maxCacheEntries   = 512
	refreshTimeout    = 5 * time.Minute
)

// warmURLs are the summary queries of the web UI's dashboard, map and
// network pages, computed by Warm when the server starts.
var warmURLs = []string{
	"/api/timeline?bucket=day&group=quad",
	"/api/timeline?bucket=day&group=plover",
	"/api/actors?limit=10",
	"/api/stories?limit=6",
	"/api/places?limit=1000",
	"/api/network?limit=150",
	"/api/actors?limit=200",
}

// response is a captured answer.
type response struct {
	status int
	header http.Header
	body   []byte
	at     time.Time
}

func (r *response) write(w http.ResponseWriter, state string) {
	for k, v := range r.header {
		w.Header()[k] = v
	}
	w.Header().Set("X-Cache", state)
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body)
}

// bufferWriter is an http.ResponseWriter that keeps the response.
type bufferWriter struct {
	header http.Header
	status int
	body   []byte
}

func (b *bufferWriter) Header() http.Header { return b.header }
func (b *bufferWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}
func (b *bufferWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	b.body = append(b.body, p...)
	return len(p), nil
}

// flight is one computation that concurrent requests for a key share.
type flight struct {
	done chan struct{}
	res  *response
}

// responseCache keeps answers of the summary endpoints by path and sorted
// query.
type responseCache struct {
	ttl, stale time.Duration
	now        func() time.Time
	base       context.Context // ends the computations when the server stops
	mu         sync.Mutex
	entries    map[string]*response
	flights    map[string]*flight
	gen        int            // counts clears; an answer computed across one is dropped
	background sync.WaitGroup // computations in progress
}

func newResponseCache(base context.Context, ttl, stale time.Duration, now func() time.Time) *responseCache {
	return &responseCache{ttl: ttl, stale: stale, now: now, base: base, entries: map[string]*response{}, flights: map[string]*flight{}}
}

func cacheKey(r *http.Request) string {
	return r.URL.Path + "?" + r.URL.Query().Encode()
}

// handler wraps h, a summary endpoint, with the cache.
func (c *responseCache) handler(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := cacheKey(r)
		compute := func() *response {
			// The computation outlives the request that started it: others
			// may wait for it, and its answer is kept.
			ctx, cancel := context.WithTimeout(c.base, refreshTimeout)
			defer cancel()
			bw := &bufferWriter{header: http.Header{}}
			h.ServeHTTP(bw, r.Clone(ctx))
			return &response{status: bw.status, header: bw.header, body: bw.body}
		}
		c.mu.Lock()
		e := c.entries[key]
		var age time.Duration
		if e != nil {
			age = c.now().Sub(e.at)
		}
		switch {
		case e != nil && age <= c.ttl:
			c.mu.Unlock()
			e.write(w, "hit")
			return
		case e != nil && age <= c.ttl+c.stale:
			if c.flights[key] == nil {
				c.start(key, compute)
			}
			c.mu.Unlock()
			e.write(w, "stale")
			return
		}
		f := c.flights[key]
		if f == nil {
			f = c.start(key, compute)
		}
		c.mu.Unlock()
		select {
		case <-f.done:
			f.res.write(w, "miss")
		case <-r.Context().Done():
		}
	})
}

// start runs compute for key in the background; the caller holds c.mu.
func (c *responseCache) start(key string, compute func() *response) *flight {
	f := &flight{done: make(chan struct{})}
	c.flights[key] = f
	gen := c.gen
	c.background.Add(1)
	go func() {
		defer c.background.Done()
		res := compute()
		if res.status == 0 {
			res.status = http.StatusOK
		}
		c.mu.Lock()
		res.at = c.now()
		if res.status == http.StatusOK && gen == c.gen {
			if len(c.entries) >= maxCacheEntries {
				clear(c.entries)
			}
			c.entries[key] = res
		}
		delete(c.flights, key)
		c.mu.Unlock()
		f.res = res
		close(f.done)
	}()
	return f
}

func (c *responseCache) clear() {
	if c == nil {
		return
	}
	c.mu.Lock()
	clear(c.entries)
	c.gen++
	c.mu.Unlock()
}

// Warm computes the summary queries of the web UI's main pages into the
// cache, one after another, so that the first visitor does not wait for
// them. It returns when they are done or ctx ends.
func (s *Server) Warm(ctx context.Context) {
	if s.cache == nil {
		return
	}
	for _, raw := range warmURLs {
		if ctx.Err() != nil {
			return
		}
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		r, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			continue
		}
		s.mux.ServeHTTP(&bufferWriter{header: http.Header{}}, r)
	}
}
