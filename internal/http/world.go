package httpapi

import (
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"strings"
)

// serveWorld sends the map's country outlines, stored gzipped, compressed to
// clients that accept gzip and inflated for the others.
func (s *Server) serveWorld(w http.ResponseWriter, r *http.Request) {
	b, err := fs.ReadFile(s.static, "static/world.json.gz")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "public, max-age=86400")
	h.Set("Vary", "Accept-Encoding")
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		_, _ = w.Write(b)
		return
	}
	zr, err := gzip.NewReader(strings.NewReader(string(b)))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	defer zr.Close()
	_, _ = io.Copy(w, zr)
}
