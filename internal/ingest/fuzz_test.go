package ingest

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

// offlineFetcher fails every request at once, so that fuzzed feeds never
// touch the network.
func offlineFetcher() *Fetcher {
	f := NewFetcher(FetchOptions{Retries: -1, HostInterval: -1})
	f.Client.Transport = roundTripFunc(func(*http.Request) (*http.Response, error) {
		return nil, errors.New("offline")
	})
	return f
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func FuzzFeed(f *testing.F) {
	f.Add([]byte(`<rss version="2.0"><channel><title>T</title><item><title>a</title><link>https://x.example/a</link></item><item><description>&lt;p&gt;Text.&lt;/p&gt;</description></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>e</title><content type="html">Body text.</content></entry></feed>`))
	f.Add([]byte(`<?xml version="1.0"?><rss><channel><item><title>x</ti`))
	f.Fuzz(func(t *testing.T, data []byte) {
		in := &Ingester{Store: newMemStore(), Coder: &fakeCoder{}, Fetcher: offlineFetcher()}
		_ = in.readFeed(context.Background(), "fuzz.rss", data, func(it item) error {
			if it.doc == nil && it.err == nil && !it.skipped {
				t.Fatalf("empty item from %q", it.input)
			}
			if it.doc != nil {
				in.processBatch(context.Background(), []*slot{{it: it}})
			}
			return nil
		})
	})
}

func FuzzWARC(f *testing.F) {
	f.Add([]byte(warcRecord("https://x.example/a", "2024-01-01T00:00:00Z", "text/html", "<p>Hello there.</p>")))
	f.Add(gz(warcRecord("https://x.example/b", "2024-01-01T00:00:00Z", "text/plain", "Plain text.")))
	f.Add([]byte("WARC/1.1\r\nContent-Length: 99999\r\n\r\nshort"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "f.warc")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		in := &Ingester{Store: newMemStore(), Coder: &fakeCoder{}}
		_ = in.readWARC(context.Background(), path, func(it item) error {
			if it.doc != nil {
				s := &slot{it: it}
				in.processBatch(context.Background(), []*slot{s})
				if it := s.it; it.err == nil && !it.skipped && it.doc.ID == "" {
					t.Fatalf("document without an id")
				}
			}
			return nil
		})
	})
}

func FuzzCanonicalURL(f *testing.F) {
	f.Add("https://News.example:443/a?utm_source=1&b=2#x")
	f.Add("http://[::1]:80/%zz?a=%")
	f.Fuzz(func(t *testing.T, raw string) {
		c := CanonicalURL(raw)
		if c == "" {
			return
		}
		if again := CanonicalURL(c); again != c {
			t.Fatalf("not idempotent: %q -> %q -> %q", raw, c, again)
		}
		if !bytes.HasPrefix([]byte(c), []byte("http")) {
			t.Fatalf("canonical URL %q is not http(s)", c)
		}
	})
}
