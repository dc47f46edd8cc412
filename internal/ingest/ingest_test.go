package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/segment"
	"github.com/chronicle-news/chronicle/internal/story"
	"github.com/chronicle-news/chronicle/internal/story/corpus"
)

// memStore is an in-memory store recording the order of commits.
type memStore struct {
	mu      sync.Mutex
	docs    map[string]*chronicle.Document
	order   []string
	failAt  int // PutDocument fails once this many documents are stored (0: never)
	hasErr  error
	putCall int
}

func newMemStore() *memStore { return &memStore{docs: map[string]*chronicle.Document{}} }

func (s *memStore) HasDocument(_ context.Context, id string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hasErr != nil {
		return false, s.hasErr
	}
	_, ok := s.docs[id]
	return ok, nil
}

func (s *memStore) PutDocument(_ context.Context, doc *chronicle.Document) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.putCall++
	if s.failAt > 0 && len(s.docs) >= s.failAt {
		return false, errors.New("disk full")
	}
	if _, ok := s.docs[doc.ID]; ok {
		return false, nil
	}
	s.docs[doc.ID] = doc
	s.order = append(s.order, doc.ID)
	return true, nil
}

// batchStore adds the batch interface to memStore.
type batchStore struct{ *memStore }

func (s batchStore) PutDocuments(_ context.Context, docs []*chronicle.Document) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failAt > 0 && len(s.docs) >= s.failAt {
		return 0, errors.New("disk full")
	}
	n := 0
	for _, d := range docs {
		if _, ok := s.docs[d.ID]; !ok {
			s.docs[d.ID] = d
			s.order = append(s.order, d.ID)
			n++
		}
	}
	return n, nil
}

// textStore adds the fast text listing to batchStore.
type textStore struct{ batchStore }

func (s textStore) DocumentTexts(_ context.Context, fn func(id, date, story, text string) error) error {
	s.mu.Lock()
	var docs []*chronicle.Document
	for _, id := range s.order {
		docs = append(docs, s.docs[id])
	}
	s.mu.Unlock()
	for _, d := range docs {
		if err := fn(d.ID, d.Date, d.Story, d.Text); err != nil {
			return err
		}
	}
	return nil
}

// stores returns the store variants every ingest test runs against.
func stores() map[string]func() (*memStore, Store) {
	return map[string]func() (*memStore, Store){
		"single": func() (*memStore, Store) { m := newMemStore(); return m, m },
		"batch":  func() (*memStore, Store) { m := newMemStore(); return m, batchStore{m} },
	}
}

func (s *memStore) ids() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := append([]string(nil), s.order...)
	sort.Strings(ids)
	return ids
}

// fakeCoder segments the text and makes one event per sentence that
// contains "met"; a text containing "FAIL" fails, and delay slows documents
// whose text contains "slow".
type fakeCoder struct {
	delay time.Duration
	calls atomic.Int64
}

func (c *fakeCoder) Code(ctx context.Context, doc *chronicle.Document) error {
	c.calls.Add(1)
	if c.delay > 0 && strings.Contains(doc.Text, "slow") {
		time.Sleep(c.delay)
	}
	doc.Sentences = segment.Segment(doc.Text)
	for _, s := range doc.Sentences {
		if strings.Contains(doc.Text[s.Start:s.End], "met") {
			doc.Events = append(doc.Events, chronicle.Event{Sentence: s.I, Start: s.Start, End: s.End, CAMEO: "040"})
		}
	}
	if strings.Contains(doc.Text, "FAIL") {
		return errors.New("events: invented failure")
	}
	return nil
}

func newTestIngester(store Store, errs *bytes.Buffer) *Ingester {
	return &Ingester{
		Store:   store,
		Coder:   &fakeCoder{},
		Fetcher: NewFetcher(FetchOptions{Timeout: 2 * time.Second, Retries: -1, HostInterval: -1}),
		Workers: 3,
		Errors:  errs,
		Now:     func() time.Time { return time.Date(2025, 2, 3, 12, 0, 0, 0, time.UTC) },
	}
}

func page(title, date, body string) string {
	meta := ""
	if date != "" {
		meta = fmt.Sprintf(`<meta property="article:published_time" content="%sT08:00:00Z">`, date)
	}
	return fmt.Sprintf(`<!DOCTYPE html><html><head><title>%s</title>%s<meta name="author" content="Invented Reporter"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>%s</h1><p>%s</p><p>Officials gave no further details on Tuesday, and the talks are expected to continue next week in the capital.</p></article>
<footer>Copyright Invented News</footer></body></html>`, title, meta, title, body)
}

func warcRecord(uri, date, contentType, body string) string {
	httpPart := "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\n\r\n" + body
	return "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri + "\r\nWARC-Date: " + date +
		"\r\nWARC-Record-ID: <urn:uuid:" + fmt.Sprintf("%08d", len(uri)+len(body)) + "-0000-0000-0000-000000000000>\r\n" +
		"Content-Type: application/http;msgtype=response\r\nContent-Length: " + fmt.Sprint(len(httpPart)) + "\r\n\r\n" +
		httpPart + "\r\n\r\n"
}

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFilesAndFolders(t *testing.T) {
	for name, mk := range stores() {
		t.Run(name, func(t *testing.T) { testFilesAndFolders(t, mk) })
	}
}

func testFilesAndFolders(t *testing.T, mk func() (*memStore, Store)) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), []byte("The minister met the envoy on Monday. They talked."))
	writeFile(t, filepath.Join(dir, "b.html"), []byte(page("Harbor talks", "2024-04-01", "The mayor met fishermen at the harbor.")))
	writeFile(t, filepath.Join(dir, "sub", "c.jsonl"), []byte(
		`{"id": "rec-1", "text": "The council met in the evening.", "date": "2024-01-02"}`+"\n"+
			`{"url": "https://News.Example/story?utm_source=x&id=7#top", "text": "A story with a URL."}`+"\n"+
			`{"text": "A record with neither id nor URL."}`+"\n"+
			`{"text": 5}`+"\n"))
	var warc bytes.Buffer
	warc.Write(gz(warcRecord("https://archive.example/2023/07/08/flood", "2023-07-08T10:00:00Z", "text/html",
		page("Flood", "", "The river rose overnight and the governor met rescuers."))))
	warc.Write(gz(warcRecord("https://archive.example/logo.png", "2023-07-08T10:00:01Z", "image/png", "PNG")))
	writeFile(t, filepath.Join(dir, "sub", "crawl.warc.gz"), warc.Bytes())
	writeFile(t, filepath.Join(dir, "image.png"), []byte("not read"))
	writeFile(t, filepath.Join(dir, ".hidden", "x.txt"), []byte("not read either"))

	store, st0 := mk()
	var errs bytes.Buffer
	in := newTestIngester(st0, &errs)
	st, err := in.Run(context.Background(), []string{dir})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	want := []string{
		filepath.Join(dir, "a.txt"),
		filepath.Join(dir, "b.html"),
		"https://archive.example/2023/07/08/flood",
		"https://news.example/story?id=7",
		"rec-1",
		ContentID("A record with neither id nor URL."),
	}
	sort.Strings(want)
	if got := store.ids(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("stored ids:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if st.Stored != 6 || st.Failed != 1 {
		t.Errorf("stats %+v, want 6 stored and 1 failed", st)
	}
	if !strings.Contains(errs.String(), "c.jsonl:4: ") || !strings.HasPrefix(errs.String(), "chronicle: ") {
		t.Errorf("error output %q does not name the bad JSONL line", errs.String())
	}
	html := store.docs[filepath.Join(dir, "b.html")]
	if html.Title != "Harbor talks" || html.Date != "2024-04-01" || strings.Contains(html.Text, "Copyright") || html.Meta["author"] != "Invented Reporter" {
		t.Errorf("html file: title %q date %q author %v text %q", html.Title, html.Date, html.Meta["author"], html.Text)
	}
	if d := store.docs["https://archive.example/2023/07/08/flood"]; d.Date != "2023-07-08" || !strings.Contains(d.Text, "governor met rescuers") {
		t.Errorf("warc document: date %q text %q", d.Date, d.Text)
	}

	// A second run holds everything already.
	errs.Reset()
	in2 := newTestIngester(st0, &errs)
	st2, err := in2.Run(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if st2.Stored != 0 || st2.Skipped != 6 {
		t.Errorf("second run: %+v, want 0 stored and 6 skipped", st2)
	}
	if n := in2.Coder.(*fakeCoder).calls.Load(); n != 0 {
		t.Errorf("second run coded %d documents, want 0", n)
	}
}

func TestMissingAndBadInputs(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "ok.txt"), []byte("The envoy met the king."))
	writeFile(t, filepath.Join(dir, "binary.txt"), []byte("abc\x00def"))
	writeFile(t, filepath.Join(dir, "empty.html"), []byte("<html><body><script>x()</script></body></html>"))
	writeFile(t, filepath.Join(dir, "broken.warc"), []byte("this is not a warc file at all"))
	writeFile(t, filepath.Join(dir, "fail.txt"), []byte("The general met the press. FAIL"))
	store := newMemStore()
	var errs bytes.Buffer
	in := newTestIngester(store, &errs)
	st, err := in.Run(context.Background(), []string{filepath.Join(dir, "nope.txt"), dir})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	out := errs.String()
	t.Logf("errors:\n%s", out)
	for _, want := range []string{"nope.txt: no such file", "binary.txt: ", "empty.html: no text found", "broken.warc: ", "fail.txt: events: invented failure"} {
		if !strings.Contains(out, want) {
			t.Errorf("errors do not mention %q:\n%s", want, out)
		}
	}
	if st.Failed != 5 {
		t.Errorf("failed = %d, want 5\n%s", st.Failed, out)
	}
	// The document whose coding partly failed is kept with what was found.
	if _, ok := store.docs[filepath.Join(dir, "fail.txt")]; !ok || st.Stored != 2 {
		t.Errorf("stored %v, want ok.txt and fail.txt", store.ids())
	}
}

const rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Invented Wire</title><link>%[1]s/</link><description>x</description>
<item><title>Talks resume</title><link>%[1]s/2025/01/30/talks</link><pubDate>Thu, 30 Jan 2025 10:00:00 GMT</pubDate></item>
<item><title>Envoy visits</title><link>%[1]s/envoy?utm_campaign=rss</link><pubDate>Fri, 31 Jan 2025 10:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>%[1]s/missing</link></item>
</channel></rss>`

// newsServer serves an RSS feed with an ETag, two pages and a 404.
func newsServer(t *testing.T, feedHits *atomic.Int64, agents *sync.Map) *httptest.Server {
	var srv *httptest.Server
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		feedHits.Add(1)
		agents.Store(r.Header.Get("User-Agent"), true)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, rssFeed, srv.URL)
	})
	mux.HandleFunc("/2025/01/30/talks", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("Talks resume", "", "The foreign minister met her counterpart in the capital."))
	})
	mux.HandleFunc("/envoy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page("Envoy visits", "2025-01-31", "The envoy visited the border crossing."))
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestFeedAndNotModified(t *testing.T) {
	var hits atomic.Int64
	var agents sync.Map
	srv := newsServer(t, &hits, &agents)
	store := newMemStore()
	var errs bytes.Buffer
	in := newTestIngester(store, &errs)
	in.Follow = true
	in.Interval = 20 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for hits.Load() < 3 {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
	}()
	st, err := in.Run(ctx, []string{srv.URL + "/feed.xml"})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	want := []string{srv.URL + "/2025/01/30/talks", srv.URL + "/envoy"}
	if got := store.ids(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("stored %v, want %v", got, want)
	}
	if st.NotModified < 1 {
		t.Errorf("no 304 seen in %d rounds: %+v", st.Rounds, st)
	}
	if st.Failed != 1 || !strings.Contains(errs.String(), "/missing: HTTP status 404") {
		t.Errorf("the missing page was not reported once: failed %d, %q", st.Failed, errs.String())
	}
	d := store.docs[srv.URL+"/2025/01/30/talks"]
	if d.Title != "Talks resume" || d.Date != "2025-01-30" || d.Source != "Invented Wire" {
		t.Errorf("feed page: title %q date %q source %q", d.Title, d.Date, d.Source)
	}
	if e := store.docs[srv.URL+"/envoy"]; e.Date != "2025-01-31" {
		t.Errorf("envoy page date %q", e.Date)
	}
	agents.Range(func(k, _ any) bool {
		if k.(string) != DefaultUserAgent {
			t.Errorf("User-Agent %q", k)
		}
		return true
	})
}

func TestPageDateFromDatelineOrFetchTime(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/dateline" {
			fmt.Fprint(w, page("Dateline", "", "LAGOS, Jan. 28 (Invented Wire) — The committee met again."))
			return
		}
		fmt.Fprint(w, page("No date", "", "The committee met behind closed doors."))
	}))
	defer srv.Close()
	store := newMemStore()
	var errs bytes.Buffer
	in := newTestIngester(store, &errs)
	in.Fetcher.Now = in.Now
	if _, err := in.Run(context.Background(), []string{srv.URL + "/story", srv.URL + "/dateline"}); err != nil {
		t.Fatal(err)
	}
	if d := store.docs[srv.URL+"/dateline"]; d == nil || d.Date != "2025-01-28" {
		t.Errorf("page with a dateline not dated by it: %+v", d)
	}
	d := store.docs[srv.URL+"/story"]
	if d == nil || d.Date != "2025-02-03" {
		t.Fatalf("page not stored with the fetch date: %+v (%s)", d, errs.String())
	}
}

func TestFetchFailures(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/drop", func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<html><body>partial"))
			conn.Close()
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		// An endless (2 GB if read to the end) body without a length.
		w.Header().Set("Content-Type", "text/html")
		chunk := bytes.Repeat([]byte("<p>spam spam spam</p>\n"), 4096)
		for sent := 0; sent < 2<<30; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/declared-huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(int64(2)<<30))
		w.Write([]byte("<html>"))
	})
	mux.HandleFunc("/broken-feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>x</ti`)
	})
	var flaky atomic.Int64
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if flaky.Add(1) == 1 {
			http.Error(w, "try later", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, page("Flaky", "2025-01-01", "The court met despite the storm."))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	store := newMemStore()
	var errs bytes.Buffer
	in := newTestIngester(store, &errs)
	in.Fetcher = NewFetcher(FetchOptions{Timeout: 300 * time.Millisecond, Retries: 1, Backoff: 10 * time.Millisecond,
		HostInterval: -1, MaxBytes: 1 << 20})
	start := time.Now()
	st, err := in.Run(context.Background(), []string{srv.URL + "/slow", srv.URL + "/drop", srv.URL + "/huge",
		srv.URL + "/declared-huge", srv.URL + "/broken-feed", srv.URL + "/flaky"})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	t.Logf("errors:\n%s", errs.String())
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %s; timeouts or the size cap did not work", d)
	}
	out := errs.String()
	for _, want := range []string{"/slow: fetch: timed out", "/drop: ", "/huge: response is larger than the limit",
		"/declared-huge: response of 2147483648 bytes is larger", "/broken-feed: parse feed: "} {
		if !strings.Contains(out, want) {
			t.Errorf("errors do not mention %q:\n%s", want, out)
		}
	}
	if st.Failed != 5 || st.Stored != 1 {
		t.Errorf("stats %+v, want 5 failed and the flaky page stored after a retry\n%s", st, out)
	}
	if _, ok := store.docs[srv.URL+"/flaky"]; !ok {
		t.Errorf("flaky page not stored after a retry")
	}
}

func TestCommitOrderAndResume(t *testing.T) {
	for name, mk := range stores() {
		t.Run(name, func(t *testing.T) { testCommitOrderAndResume(t, mk) })
	}
}

func testCommitOrderAndResume(t *testing.T, mk func() (*memStore, Store)) {
	dir := t.TempDir()
	var inputs []string
	for i := range 40 {
		text := fmt.Sprintf("Document %d: the delegation met the mayor.", i)
		if i%3 == 0 {
			text += " It was a slow day."
		}
		p := filepath.Join(dir, fmt.Sprintf("doc%02d.txt", i))
		writeFile(t, p, []byte(text))
		inputs = append(inputs, p)
	}
	// An uninterrupted run: commits follow input order despite slow documents.
	full, fullStore := mk()
	var errs bytes.Buffer
	in := newTestIngester(fullStore, &errs)
	in.BatchSize = 5
	in.Workers = 4
	in.Coder = &fakeCoder{delay: 5 * time.Millisecond}
	if _, err := in.Run(context.Background(), []string{dir}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(full.order, ",") != strings.Join(inputs, ",") {
		t.Errorf("commit order differs from input order:\n%v", full.order)
	}

	// A run that dies after 13 documents, then a second run.
	store, st0 := mk()
	store.failAt = 13
	in1 := newTestIngester(st0, &errs)
	in1.Workers = 4
	in1.BatchSize = 5
	if _, err := in1.Run(context.Background(), []string{dir}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("interrupted run: err = %v, want the store failure", err)
	}
	stored := len(store.order)
	if stored < 13 || stored >= 40 || strings.Join(store.order, ",") != strings.Join(inputs[:stored], ",") {
		t.Fatalf("interrupted run stored %d documents, not the first 13 or more in order", stored)
	}
	store.failAt = 0
	in2 := newTestIngester(st0, &errs)
	in2.BatchSize = 5
	st, err := in2.Run(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if st.Skipped != stored || st.Stored != 40-stored {
		t.Errorf("resumed run %+v, want %d skipped and %d stored", st, stored, 40-stored)
	}
	if strings.Join(store.ids(), ",") != strings.Join(full.ids(), ",") {
		t.Errorf("resumed store differs from the uninterrupted one")
	}
	var events, fullEvents int
	for id, d := range store.docs {
		events += len(d.Events)
		fullEvents += len(full.docs[id].Events)
	}
	if events != fullEvents || events != 40 {
		t.Errorf("events %d after resume, %d uninterrupted, want 40", events, fullEvents)
	}
}

func TestStoreFailureStops(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), []byte("Hello there."))
	store := newMemStore()
	store.hasErr = errors.New("database is locked")
	var errs bytes.Buffer
	in := newTestIngester(store, &errs)
	st, err := in.Run(context.Background(), []string{dir})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if st.Failed != 1 || !strings.Contains(errs.String(), "check store: database is locked") {
		t.Errorf("stats %+v errors %q", st, errs.String())
	}
}

func TestHostInterval(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") }))
	defer srv.Close()
	f := NewFetcher(FetchOptions{HostInterval: time.Second})
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	var slept []time.Duration
	f.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	f.Sleep = func(_ context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		slept = append(slept, d)
		return nil
	}
	for range 3 {
		if _, err := f.Get(context.Background(), srv.URL+"/x", false); err != nil {
			t.Fatal(err)
		}
	}
	if len(slept) != 2 || slept[0] != time.Second || slept[1] != 2*time.Second {
		t.Errorf("waits %v, want [1s 2s] for three requests at the same instant", slept)
	}
}

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTPS://News.Example:443/a/b?utm_source=x&b=2&a=1#frag", "https://news.example/a/b?a=1&b=2"},
		{"http://news.example", "http://news.example/"},
		{"http://news.example:80/x?fbclid=1", "http://news.example/x"},
		{"ftp://news.example/x", ""},
		{"/relative/path", ""},
		{"not a url", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := CanonicalURL(tt.in); got != tt.want {
				t.Errorf("CanonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if ContentID("a  b\nc") != ContentID("a b c") || ContentID("a b") == ContentID("a c") {
		t.Errorf("ContentID is not stable under white space or not distinct")
	}
}

func TestBatchIsFlushedWhenIdle(t *testing.T) {
	m := newMemStore()
	pr, pw := io.Pipe()
	var errs bytes.Buffer
	in := newTestIngester(batchStore{m}, &errs)
	in.Stdin = pr
	in.BatchSize = 100
	in.FlushEvery = 20 * time.Millisecond
	done := make(chan Stats)
	go func() {
		st, _ := in.Run(context.Background(), []string{"-"})
		done <- st
	}()
	fmt.Fprintln(pw, `{"id": "first", "text": "The envoy met the minister."}`)
	deadline := time.Now().Add(5 * time.Second)
	for len(m.ids()) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if got := m.ids(); len(got) != 1 {
		t.Errorf("while the input stays open, stored %v, want the first document", got)
	}
	fmt.Fprintln(pw, `{"id": "second", "text": "The envoy left."}`)
	pw.Close()
	if st := <-done; st.Stored != 2 {
		t.Errorf("stored %d, want 2 (%+v, %s)", st.Stored, st, errs.String())
	}
}

// TestInterruptAndResume cancels an ingest in the middle, as Ctrl-C does,
// and checks that a second run ends with exactly the documents and events of
// an uninterrupted run.
func TestInterruptAndResume(t *testing.T) {
	dir := t.TempDir()
	for i := range 60 {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("d%02d.txt", i)),
			[]byte(fmt.Sprintf("Report %d. The mediator met both delegations. It was a slow process.", i)))
	}
	var errs bytes.Buffer
	full := newMemStore()
	inFull := newTestIngester(batchStore{full}, &errs)
	inFull.BatchSize = 4
	if _, err := inFull.Run(context.Background(), []string{dir}); err != nil {
		t.Fatal(err)
	}

	store := newMemStore()
	ctx, cancel := context.WithCancel(context.Background())
	in1 := newTestIngester(batchStore{store}, &errs)
	in1.BatchSize = 4
	in1.Coder = &fakeCoder{delay: 3 * time.Millisecond}
	go func() {
		for len(store.ids()) < 10 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	_, err := in1.Run(ctx, []string{dir})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: err = %v, want context.Canceled", err)
	}
	first := len(store.ids())
	if first < 10 || first >= 60 {
		t.Fatalf("interrupted run stored %d documents", first)
	}
	in2 := newTestIngester(batchStore{store}, &errs)
	st, err := in2.Run(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if st.Stored != 60-first || st.Skipped != first {
		t.Errorf("resumed run %+v after %d stored", st, first)
	}
	if strings.Join(store.ids(), ",") != strings.Join(full.ids(), ",") {
		t.Fatalf("documents differ from an uninterrupted run")
	}
	for id, d := range full.docs {
		got := store.docs[id]
		if len(got.Events) != len(d.Events) || len(got.Sentences) != len(d.Sentences) || got.Text != d.Text {
			t.Errorf("%s: %d events %d sentences, uninterrupted %d and %d", id, len(got.Events), len(got.Sentences), len(d.Events), len(d.Sentences))
		}
	}
}

// Documents and Document let the ingest seed its story index from memStore.
func (s *memStore) Documents(_ context.Context, f chronicle.Filter) ([]chronicle.DocumentSummary, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []chronicle.DocumentSummary
	for _, id := range s.order {
		d := s.docs[id]
		out = append(out, chronicle.DocumentSummary{ID: d.ID, Date: d.Date, Story: d.Story})
	}
	return out, "", nil
}

func (s *memStore) Document(_ context.Context, id string) (*chronicle.Document, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[id]
	if !ok {
		return nil, chronicle.Errorf(chronicle.ENotFound, "no document %s", id)
	}
	return d, nil
}

func newStoryIndex(t *testing.T) *story.Index {
	ix, err := story.NewIndex(story.DefaultHashes, story.DefaultBands, story.DefaultThreshold)
	if err != nil {
		t.Fatal(err)
	}
	ix.Window = 7 * 24 * time.Hour
	return ix
}

// TestStoriesSurviveResume groups a generated corpus into stories, and
// checks that an interrupted and resumed ingest gives every document the
// same story as an uninterrupted one, and that the stories match the
// generator's truth.
func TestStoriesSurviveResume(t *testing.T) {
	arts := corpus.Generate(corpus.Options{Articles: 300, Seed: 21})
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	truth := map[string]string{}
	for _, a := range arts {
		enc.Encode(map[string]string{"id": a.ID, "date": a.Date, "text": a.Text})
		truth[a.ID] = a.Story
	}
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	writeFile(t, path, b.Bytes())
	var errs bytes.Buffer

	full := newMemStore()
	in := newTestIngester(batchStore{full}, &errs)
	in.Stories = newStoryIndex(t)
	if _, err := in.Run(context.Background(), []string{path}); err != nil {
		t.Fatal(err)
	}
	// Same-story pairs against the truth.
	tp, fp, fn := 0, 0, 0
	for i, a := range arts {
		for _, c := range arts[i+1:] {
			same := full.docs[a.ID].Story == full.docs[c.ID].Story
			want := truth[a.ID] == truth[c.ID]
			switch {
			case same && want:
				tp++
			case same:
				fp++
			case want:
				fn++
			}
		}
	}
	p, r := float64(tp)/float64(max(tp+fp, 1)), float64(tp)/float64(max(tp+fn, 1))
	t.Logf("stories on %d generated articles: pair precision %.3f recall %.3f", len(arts), p, r)
	if p < 0.95 || r < 0.95 {
		t.Errorf("story precision %.3f recall %.3f, want >= 0.95", p, r)
	}

	for name, wrap := range map[string]func(*memStore) Store{
		"read documents": func(m *memStore) Store { return batchStore{m} },
		"list texts":     func(m *memStore) Store { return textStore{batchStore{m}} },
	} {
		t.Run(name, func(t *testing.T) {
			store := newMemStore()
			store.failAt = 90
			in1 := newTestIngester(wrap(store), &errs)
			in1.BatchSize = 8
			in1.Stories = newStoryIndex(t)
			if _, err := in1.Run(context.Background(), []string{path}); err == nil {
				t.Fatal("interrupted run did not fail")
			}
			store.failAt = 0
			in2 := newTestIngester(wrap(store), &errs)
			in2.Stories = newStoryIndex(t)
			if _, err := in2.Run(context.Background(), []string{path}); err != nil {
				t.Fatal(err)
			}
			diff := 0
			for id, d := range full.docs {
				if store.docs[id].Story != d.Story {
					diff++
				}
			}
			if diff > 0 || len(store.docs) != len(full.docs) {
				t.Errorf("%d of %d documents got another story after resuming", diff, len(full.docs))
			}
		})
	}
}

func TestFeedFileWithInlineContent(t *testing.T) {
	dir := t.TempDir()
	atom := `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Invented Atom</title>
<entry><title>Port reopens</title><updated>2025-02-10T08:00:00Z</updated>
<content type="html">&lt;p&gt;The harbor authority met shipping firms and reopened the port.&lt;/p&gt;</content></entry>
<entry><title>Empty</title></entry>
</feed>`
	writeFile(t, filepath.Join(dir, "news.atom"), []byte(atom))
	store := newMemStore()
	var errs bytes.Buffer
	in := newTestIngester(store, &errs)
	st, err := in.Run(context.Background(), []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if st.Stored != 1 || st.Failed != 1 || !strings.Contains(errs.String(), "entry 2: no link and no content") {
		t.Fatalf("stats %+v, errors %q", st, errs.String())
	}
	d := store.docs[store.ids()[0]]
	if !strings.HasPrefix(d.ID, "sha256:") || d.Title != "Port reopens" || d.Date != "2025-02-10" || d.Source != "Invented Atom" ||
		d.Text != "The harbor authority met shipping firms and reopened the port." {
		t.Errorf("document %+v", d)
	}
}
