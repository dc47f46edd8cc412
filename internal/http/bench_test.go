package httpapi

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chronicle-news/chronicle/internal/storetest"
)

// BenchmarkAPI measures each endpoint's handler on a SQLite store of 500
// generated documents (about 2,000 events), without the network.
func BenchmarkAPI(b *testing.B) {
	st := openSQLite(b, storetest.Generate(500, 3))
	srv, err := New(Config{Store: st})
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	for _, u := range []string{"/api/events", "/api/events?type=ASSAULT&limit=200", "/api/events?text=sanctions",
		"/api/events?format=csv&limit=1000", "/api/actors?limit=10", "/api/timeline?group=quad", "/api/network",
		"/api/places", "/api/documents/gen-3-7", "/"} {
		b.Run(u, func(b *testing.B) {
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, u, nil))
				if w.Code != 200 {
					b.Fatalf("%s: %d %s", u, w.Code, w.Body)
				}
				_, _ = io.Copy(io.Discard, w.Body)
			}
		})
	}
}
