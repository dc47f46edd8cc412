package httpapi

import (
	"net/http"
	"sync"
	"time"
)

// DefaultCacheTTL is how long summary answers (actors, stories, timeline,
// network, places) are reused.
const DefaultCacheTTL = 30 * time.Second

// maxCacheEntries bounds the cache; when full, it is emptied.
const maxCacheEntries = 512

// responseCache keeps recent answers of the summary endpoints, which scan
// many rows, keyed by path and query. A stored document clears it.
type responseCache struct {
	ttl     time.Duration
	now     func() time.Time
	mu      sync.Mutex
	entries map[string]cached
}

type cached struct {
	at     time.Time
	header map[string]string
	body   []byte
}

func newResponseCache(ttl time.Duration, now func() time.Time) *responseCache {
	return &responseCache{ttl: ttl, now: now, entries: map[string]cached{}}
}

func (c *responseCache) get(key string) (cached, bool) {
	if c == nil {
		return cached{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || c.now().Sub(e.at) > c.ttl {
		delete(c.entries, key)
		return cached{}, false
	}
	return e, true
}

func (c *responseCache) put(key string, e cached) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= maxCacheEntries {
		clear(c.entries)
	}
	e.at = c.now()
	c.entries[key] = e
}

func (c *responseCache) clear() {
	if c == nil {
		return
	}
	c.mu.Lock()
	clear(c.entries)
	c.mu.Unlock()
}

// recorder captures a response for the cache while writing it through.
type recorder struct {
	http.ResponseWriter
	status int
	body   []byte
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	r.body = append(r.body, p...)
	return r.ResponseWriter.Write(p)
}
