package httpapi

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"strings"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
)

//go:embed web/index.html web/static
var webFS embed.FS

// Coder codes a document in place: the pipeline's
// (*pipeline.Pipeline).Code.
type Coder interface {
	Code(ctx context.Context, doc *chronicle.Document) error
}

// CoderFunc adapts a function to the Coder interface.
type CoderFunc func(ctx context.Context, doc *chronicle.Document) error

// Code calls f(ctx, doc).
func (f CoderFunc) Code(ctx context.Context, doc *chronicle.Document) error { return f(ctx, doc) }

// URLIngester fetches the feed or page at an http(s) URL, codes its
// documents and stores them: the ingest command's machinery.
type URLIngester interface {
	IngestURL(ctx context.Context, url string) (IngestResult, error)
}

// IngestResult is what ingesting one URL did.
type IngestResult struct {
	URL     string   `json:"url"`
	Stored  int      `json:"stored"`
	Skipped int      `json:"skipped"`
	Failed  int      `json:"failed"`
	Events  int      `json:"events"`
	Errors  []string `json:"errors"`
}

// Defaults of Config.
const (
	DefaultMaxBody  = 8 << 20 // bytes of one request body
	DefaultLimit    = 50      // items of one page
	MaxLimit        = 1000    // items of one JSON page
	MaxCSVLimit     = 10000   // rows of one CSV download
	DefaultAddr     = "127.0.0.1:8080"
	maxCursorLength = 1024
)

// Config is what a Server needs.
type Config struct {
	Store chronicle.Store
	// Coder codes posted documents; nil makes POST /api/documents answer 503.
	Coder Coder
	// Ingester fetches posted feed or page URLs ({"url": ...} without
	// text); nil refuses them.
	Ingester URLIngester
	// Token, when set, allows POST /api/documents with
	// "Authorization: Bearer Token". Empty keeps the server read-only.
	Token string
	// MaxBody caps a request body in bytes (DefaultMaxBody when 0).
	MaxBody int64
	// Log receives one line per failed request; nil discards.
	Log *log.Logger
	// CacheTTL is how long answers of the summary endpoints are reused
	// (DefaultCacheTTL when 0; negative turns the cache off), and CacheStale
	// how long after that they are still served while being refreshed
	// (DefaultCacheStale when 0; negative for never).
	CacheTTL   time.Duration
	CacheStale time.Duration
	// Now replaces the clock in tests.
	Now func() time.Time
}

// Server is the HTTP API and web UI over one store.
type Server struct {
	cfg    Config
	static fs.FS
	mux    *http.ServeMux
	cache  *responseCache // nil when off
	stop   context.CancelFunc
}

// New returns a server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("new server: no store")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.Log == nil {
		cfg.Log = log.New(discard{}, "", 0)
	}
	static, err := fs.Sub(webFS, "web")
	if err != nil {
		return nil, fmt.Errorf("new server: web files: %w", err)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.CacheTTL == 0 {
		cfg.CacheTTL = DefaultCacheTTL
	}
	base, stop := context.WithCancel(context.Background())
	s := &Server{cfg: cfg, static: static, mux: http.NewServeMux(), stop: stop}
	switch {
	case cfg.CacheStale == 0:
		cfg.CacheStale = DefaultCacheStale
	case cfg.CacheStale < 0:
		cfg.CacheStale = 0
	}
	if cfg.CacheTTL > 0 {
		s.cache = newResponseCache(base, cfg.CacheTTL, cfg.CacheStale, cfg.Now)
	}
	s.routes()
	return s, nil
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// Handler returns the server's handler with its security headers, body limit
// and panic recovery.
func (s *Server) Handler() http.Handler {
	return s.secure(s.mux)
}

// HTTPServer returns an *http.Server for addr with read, write and idle
// timeouts and a header size limit.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          s.cfg.Log,
	}
}

// Serve serves on ln until ctx is done, then shuts down gracefully and
// stops the background summary queries. It fills the summary cache for the
// web UI's main pages (Warm) as it starts.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	defer s.Close()
	hs := s.HTTPServer(ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	go s.Warm(ctx)
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := hs.Shutdown(sctx); err != nil {
			return fmt.Errorf("shut down: %w", err)
		}
		<-errc
		return nil
	}
}

// Close stops the background summary queries and waits for them to end.
func (s *Server) Close() {
	s.stop()
	if s.cache != nil {
		s.cache.background.Wait()
	}
}

// contentSecurityPolicy allows only the server's own scripts, styles,
// images and API; no inline script, no framing, no plugins.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
		}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.cfg.Log.Printf("%s %s: panic: %v", r.Method, r.URL.Path, v)
				writeJSON(w, http.StatusInternalServerError, errorBody{Error: "internal error"})
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// errorBody is the JSON of every error response.
type errorBody struct {
	Error string `json:"error"`
}

// status maps a chronicle error code to an HTTP status. It is the only place
// where that happens.
func status(err error) int {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	switch chronicle.ErrorCode(err) {
	case chronicle.EInvalid:
		return http.StatusBadRequest
	case chronicle.ENotFound:
		return http.StatusNotFound
	case chronicle.EAuth:
		return http.StatusUnauthorized
	case chronicle.EConflict:
		return http.StatusConflict
	case chronicle.ETooLarge:
		return http.StatusRequestEntityTooLarge
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// writeError answers err as JSON with the status its code maps to. Internal
// errors are logged and not shown to the client.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := status(err)
	msg := err.Error()
	if code >= 500 {
		s.cfg.Log.Printf("%s %s: %v", r.Method, r.URL.Path, err)
		msg = http.StatusText(code)
	}
	if code == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="chronicle"`)
	}
	writeJSON(w, code, errorBody{Error: msg})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// staticHandler serves the embedded web UI. world.json is stored gzipped and
// sent as is to clients that accept gzip.
func (s *Server) staticHandler() http.Handler {
	files := http.FileServerFS(s.static)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeJSON(w, http.StatusMethodNotAllowed, errorBody{Error: r.Method + " is not allowed here"})
			return
		}
		p := r.URL.Path
		switch {
		case p == "/" || p == "/index.html":
			w.Header().Set("Cache-Control", "no-cache")
			b, err := fs.ReadFile(s.static, "index.html")
			if err != nil {
				s.writeError(w, r, err)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write(b)
		case p == "/static/world.json":
			s.serveWorld(w, r)
		case strings.HasPrefix(p, "/static/"):
			w.Header().Set("Cache-Control", "public, max-age=300")
			files.ServeHTTP(w, r)
		default:
			writeJSON(w, http.StatusNotFound, errorBody{Error: fmt.Sprintf("no page %q", p)})
		}
	})
}
