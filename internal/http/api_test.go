package httpapi

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/sqlite"
	"github.com/chronicle-news/chronicle/internal/storetest"
)

// testStores are the stores the API tests run against: the SQLite store
// and an in-memory one, both holding the same generated documents.
var testStores = []struct {
	name string
	open func(t testing.TB) chronicle.Store
}{
	{"sqlite", func(t testing.TB) chronicle.Store { return openSQLite(t, storetest.Generate(60, 1)) }},
	{"memory", func(t testing.TB) chronicle.Store { return newMemStore(storetest.Generate(60, 1)) }},
}

func openSQLite(t testing.TB, docs []*chronicle.Document) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "api.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.PutDocuments(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return st
}

// newTestServer serves cfg, with a SQLite store of generated documents when
// cfg has no store.
func newTestServer(t testing.TB, cfg Config) (*httptest.Server, chronicle.Store) {
	t.Helper()
	if cfg.Store == nil {
		cfg.Store = openSQLite(t, storetest.Generate(60, 1))
	}
	st := cfg.Store
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts, st
}

func get(t testing.TB, ts *httptest.Server, path string) (*http.Response, []byte) {
	t.Helper()
	resp, err := ts.Client().Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// listPage is a decoded page of a list endpoint.
type listPage[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next"`
}

type eventPage = listPage[chronicle.EventRecord]

// getPage GETs a page of a list endpoint (path with its query) and decodes
// it; any status but 200 fails the test.
func getPage[T any](t *testing.T, ts *httptest.Server, path string) listPage[T] {
	t.Helper()
	resp, b := get(t, ts, path)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	var p listPage[T]
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return p
}

func getEvents(t *testing.T, ts *httptest.Server, query string) eventPage {
	t.Helper()
	return getPage[chronicle.EventRecord](t, ts, "/api/events?"+query)
}

// eventDay is the day an event counts on for since and until: its own date
// when it is a full day, else its document's.
func eventDay(e chronicle.EventRecord) string {
	if len(e.Date) == 10 {
		return e.Date
	}
	return e.DocDate
}

func TestEventFilters(t *testing.T) {
	for _, store := range testStores {
		t.Run(store.name, func(t *testing.T) {
			ts, _ := newTestServer(t, Config{Store: store.open(t)})
			testEventFilters(t, ts)
		})
	}
}

func testEventFilters(t *testing.T, ts *httptest.Server) {
	all := getEvents(t, ts, "limit=1000")
	if len(all.Items) < 100 {
		t.Fatalf("generated store has %d events, want at least 100", len(all.Items))
	}
	tests := []struct {
		name  string
		query string
		keep  func(e chronicle.EventRecord) bool
	}{
		{"type", "type=ASSAULT", func(e chronicle.EventRecord) bool { return e.PLOVER == "ASSAULT" }},
		{"type lower case", "type=protest", func(e chronicle.EventRecord) bool { return e.PLOVER == "PROTEST" }},
		{"cameo prefix", "cameo=1", func(e chronicle.EventRecord) bool { return strings.HasPrefix(e.CAMEO, "1") }},
		{"actor prefix", "actor=USA", func(e chronicle.EventRecord) bool {
			return e.Source != nil && strings.HasPrefix(e.Source.Code, "USA") || e.Target != nil && strings.HasPrefix(e.Target.Code, "USA")
		}},
		{"country", "country=UKR", func(e chronicle.EventRecord) bool {
			return e.Source != nil && e.Source.Country == "UKR" || e.Target != nil && e.Target.Country == "UKR" ||
				e.Location != nil && e.Location.Country == "UKR"
		}},
		{"since and until", "since=2025-03-01&until=2025-05-31", func(e chronicle.EventRecord) bool {
			return eventDay(e) >= "2025-03-01" && eventDay(e) <= "2025-05-31"
		}},
		{"factuality", "factuality=planned", func(e chronicle.EventRecord) bool { return e.Factuality == "planned" }},
		{"text", "text=sanctions", func(e chronicle.EventRecord) bool { return true }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := getEvents(t, ts, tt.query+"&limit=1000")
			if len(got.Items) == 0 || len(got.Items) >= len(all.Items) {
				t.Fatalf("%s kept %d of %d events; want some but not all", tt.query, len(got.Items), len(all.Items))
			}
			want := 0
			for _, e := range all.Items {
				if tt.keep(e) {
					want++
				}
			}
			for _, e := range got.Items {
				if !tt.keep(e) {
					t.Errorf("%s returned event %s (%s %s) that does not match", tt.query, e.ID, e.PLOVER, e.CAMEO)
				}
			}
			if tt.name != "text" && len(got.Items) != want {
				t.Errorf("%s returned %d events, want %d", tt.query, len(got.Items), want)
			}
		})
	}
}

func TestPagination(t *testing.T) {
	for _, store := range testStores {
		t.Run(store.name, func(t *testing.T) {
			ts, _ := newTestServer(t, Config{Store: store.open(t)})
			testPagination(t, ts)
		})
	}
}

func testPagination(t *testing.T, ts *httptest.Server) {
	all := getEvents(t, ts, "limit=1000")
	seen := map[string]bool{}
	cursor, pages := "", 0
	for {
		q := "limit=7"
		if cursor != "" {
			q += "&cursor=" + url.QueryEscape(cursor)
		}
		p := getEvents(t, ts, q)
		pages++
		if len(p.Items) > 7 {
			t.Fatalf("page of %d items with limit=7", len(p.Items))
		}
		for _, e := range p.Items {
			if seen[e.ID] {
				t.Fatalf("event %s on two pages", e.ID)
			}
			seen[e.ID] = true
		}
		if p.Next == "" {
			break
		}
		cursor = p.Next
		if pages > 1000 {
			t.Fatal("pagination does not end")
		}
	}
	if len(seen) != len(all.Items) {
		t.Errorf("pages held %d events, want %d", len(seen), len(all.Items))
	}
	if want := (len(all.Items) + 6) / 7; pages != want {
		t.Errorf("%d pages, want %d", pages, want)
	}
}

func TestBadParameters(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	tests := []struct {
		name, path, mention string
	}{
		{"unknown type", "/api/events?type=PARTY", "PLOVER"},
		{"bad date", "/api/events?since=2025-13-45", "since"},
		{"date not iso", "/api/quotes?until=01/02/2025", "until"},
		{"until before since", "/api/events?since=2025-02-01&until=2025-01-01", "before"},
		{"zero limit", "/api/events?limit=0", "limit"},
		{"huge limit", "/api/claims?limit=5000", "limit"},
		{"limit not a number", "/api/actors?limit=ten", "limit"},
		{"bad cameo", "/api/events?cameo=19a", "cameo"},
		{"bad country", "/api/events?country=Kenya", "country"},
		{"bad factuality", "/api/events?factuality=maybe", "factuality"},
		{"unknown parameter", "/api/events?colour=red", "colour"},
		{"repeated parameter", "/api/events?type=AID&type=AGREE", "once"},
		{"bad format", "/api/events?format=xml", "format"},
		{"bad bucket", "/api/timeline?bucket=year", "bucket"},
		{"bad group", "/api/timeline?group=actor", "group"},
		{"bucket on events", "/api/events?bucket=day", "bucket"},
		{"store rejects cursor", "/api/events?cursor=zzz", "cursor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := get(t, ts, tt.path)
			if resp.StatusCode != 400 {
				t.Fatalf("GET %s: status %d, want 400; body %s", tt.path, resp.StatusCode, b)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("content type %q", ct)
			}
			var e errorBody
			if err := json.Unmarshal(b, &e); err != nil || e.Error == "" {
				t.Fatalf("body %s is not {\"error\": ...}", b)
			}
			if !strings.Contains(e.Error, tt.mention) {
				t.Errorf("error %q does not mention %q", e.Error, tt.mention)
			}
		})
	}
}

func TestListEndpoints(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	for _, path := range []string{"/api/events", "/api/quotes", "/api/claims", "/api/documents", "/api/actors",
		"/api/stories", "/api/timeline?bucket=week&group=quad", "/api/network", "/api/places"} {
		t.Run(path, func(t *testing.T) {
			resp, b := get(t, ts, path)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d: %s", resp.StatusCode, b)
			}
			var p struct {
				Items []map[string]any `json:"items"`
				Next  *string          `json:"next"`
			}
			if err := json.Unmarshal(b, &p); err != nil {
				t.Fatal(err)
			}
			if len(p.Items) == 0 || p.Next == nil {
				t.Fatalf("want items and a next field, got %s", b[:min(len(b), 300)])
			}
			sep := "?"
			if strings.Contains(path, "?") {
				sep = "&"
			}
			resp, b = get(t, ts, path+sep+"format=csv")
			if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
				t.Fatalf("csv: status %d type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			rows, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
			if err != nil {
				t.Fatalf("csv: %v", err)
			}
			if len(rows) != len(p.Items)+1 {
				t.Errorf("csv has %d rows, want header + %d", len(rows), len(p.Items))
			}
		})
	}
}

func TestEmptyStoreListsEmptyArrays(t *testing.T) {
	ts, _ := newTestServer(t, Config{Store: newMemStore(nil)})
	resp, b := get(t, ts, "/api/events")
	if resp.StatusCode != 200 || strings.TrimSpace(string(b)) != `{"items":[],"next":""}` {
		t.Fatalf("got %d %s", resp.StatusCode, b)
	}
}

func TestDocument(t *testing.T) {
	ts, st := newTestServer(t, Config{})
	docs, _, err := st.Documents(context.Background(), chronicle.Filter{Limit: 5})
	if err != nil || len(docs) < 5 {
		t.Fatalf("documents: %v (%d)", err, len(docs))
	}
	doc, err := st.Document(context.Background(), docs[3].ID)
	if err != nil {
		t.Fatal(err)
	}
	resp, b := get(t, ts, "/api/documents/"+url.PathEscape(doc.ID))
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, b)
	}
	var got struct {
		chronicle.Document
		Spans []Highlight `json:"spans"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if got.Text != doc.Text || len(got.Events) != len(doc.Events) {
		t.Fatalf("document differs from the stored one")
	}
	kinds := map[string]int{}
	for _, h := range got.Spans {
		kinds[h.Kind]++
		if h.Start < 0 || h.End > len(got.Text) || h.End <= h.Start {
			t.Errorf("span %+v outside the text", h)
		}
	}
	for _, k := range []string{"event", "actor", "date", "place"} {
		if kinds[k] == 0 {
			t.Errorf("no %s spans in %v", k, kinds)
		}
	}
	t.Run("not found", func(t *testing.T) {
		resp, b := get(t, ts, "/api/documents/no-such-doc")
		if resp.StatusCode != 404 || !strings.Contains(string(b), "no-such-doc") {
			t.Fatalf("got %d %s", resp.StatusCode, b)
		}
	})
	t.Run("id with slashes", func(t *testing.T) {
		d := storetest.Generate(1, 9)[0]
		d.ID = "feeds/a b/article-1.txt"
		if _, err := st.PutDocument(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		resp, b := get(t, ts, "/api/documents/"+url.PathEscape("feeds")+"/a%20b/article-1.txt")
		if resp.StatusCode != 200 {
			t.Fatalf("got %d %s", resp.StatusCode, b)
		}
	})
}

func TestHighlightsSkipBadSpans(t *testing.T) {
	doc := &chronicle.Document{Text: "short", Dates: []chronicle.DateMention{{Start: 2, End: 99}, {Start: -1, End: 2}, {Start: 0, End: 5}}}
	h := Highlights(doc)
	if len(h) != 1 || h[0].End != 5 {
		t.Fatalf("got %+v, want only the span inside the text", h)
	}
}

func post(t *testing.T, ts *httptest.Server, token, ctype, body string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("POST", ts.URL+"/api/documents", strings.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// fakeCoder codes one invented event per document.
var fakeCoder = CoderFunc(func(ctx context.Context, doc *chronicle.Document) error {
	if strings.Contains(doc.Text, "FAIL") {
		return chronicle.Errorf(chronicle.EInvalid, "text contains NUL bytes (binary input?)")
	}
	doc.Sentences = []chronicle.Sentence{{I: 0, Start: 0, End: len(doc.Text)}}
	doc.Events = []chronicle.Event{{ID: doc.ID + "-e0", PLOVER: "CONSULT", CAMEO: "036", Quad: 1, End: len(doc.Text),
		Source: &chronicle.ActorRef{Code: "USAGOV"}, Target: &chronicle.ActorRef{Code: "FRAGOV"}}}
	return nil
})

func TestPost(t *testing.T) {
	const doc = `{"id": "posted-1", "date": "2025-03-04", "text": "The minister met her counterpart."}`
	t.Run("read-only by default", func(t *testing.T) {
		ts, st := newTestServer(t, Config{Coder: fakeCoder})
		resp, b := post(t, ts, "anything", "application/json", doc)
		if resp.StatusCode != 403 || !strings.Contains(string(b), "read-only") {
			t.Fatalf("got %d %s, want 403 read-only", resp.StatusCode, b)
		}
		if ok, _ := st.HasDocument(context.Background(), "posted-1"); ok {
			t.Fatal("a read-only server stored a document")
		}
	})
	ts, st := newTestServer(t, Config{Coder: fakeCoder, Token: "s3cret", MaxBody: 4096})
	tests := []struct {
		name, token, ctype, body string
		status                   int
		mention                  string
	}{
		{"no token", "", "application/json", doc, 401, "token"},
		{"wrong token", "guess", "application/json", doc, 401, "token"},
		{"wrong content type", "s3cret", "text/plain", doc, 415, "application/json"},
		{"malformed json", "s3cret", "application/json", `{"id": "x", "text": `, 400, "malformed"},
		{"no text", "s3cret", "application/json", `{"id": "x"}`, 400, "text"},
		{"bad date", "s3cret", "application/json", `{"id": "x", "text": "t", "date": "last week"}`, 400, "date"},
		{"coder rejects", "s3cret", "application/json", `{"id": "x", "text": "FAIL"}`, 400, "NUL"},
		{"too large", "s3cret", "application/json", `{"id": "x", "text": "` + strings.Repeat("a", 5000) + `"}`, 413, "large"},
		{"stored", "s3cret", "application/json", doc, 201, "posted-1"},
		{"stored twice", "s3cret", "application/json", doc, 200, `"stored":false`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := post(t, ts, tt.token, tt.ctype, tt.body)
			if resp.StatusCode != tt.status || !strings.Contains(string(b), tt.mention) {
				t.Fatalf("got %d %s, want %d mentioning %q", resp.StatusCode, b, tt.status, tt.mention)
			}
		})
	}
	if ok, _ := st.HasDocument(context.Background(), "posted-1"); !ok {
		t.Fatal("posted document not stored")
	}
	resp, b := get(t, ts, "/api/events?document=posted-1")
	if resp.StatusCode != 200 || !strings.Contains(string(b), "posted-1-e0") {
		t.Fatalf("posted event not listed: %d %s", resp.StatusCode, b)
	}
}

func TestSecurityHeaders(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	for _, path := range []string{"/", "/api/events", "/static/app.js", "/api/nothing"} {
		resp, _ := get(t, ts, path)
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: missing nosniff or frame options", path)
		}
	}
}

func TestStaticFiles(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	tests := []struct{ path, ctype, contains string }{
		{"/", "text/html", "<script src=\"/static/app.js\""},
		{"/static/app.js", "javascript", "use strict"},
		{"/static/app.css", "text/css", "body"},
		{"/static/world.json", "application/json", "Natural Earth"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, b := get(t, ts, tt.path) // the client inflates gzip itself
			if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), tt.ctype) || !strings.Contains(string(b), tt.contains) {
				t.Fatalf("status %d type %q body starts %.80q", resp.StatusCode, resp.Header.Get("Content-Type"), b)
			}
		})
	}
	t.Run("no inline script", func(t *testing.T) {
		_, b := get(t, ts, "/")
		if inline := regexp.MustCompile(`<script(\s[^>]*)?>[^<]|\son[a-z]+=|<style|\sstyle=`).Find(b); inline != nil {
			t.Fatalf("index.html has inline script or style: %q", inline)
		}
	})
}

func TestOpenAPIListsEveryEndpoint(t *testing.T) {
	ts, _ := newTestServer(t, Config{})
	resp, b := get(t, ts, "/api/openapi.json")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/api/events", "/api/quotes", "/api/claims", "/api/documents", "/api/documents/{id}",
		"/api/actors", "/api/stories", "/api/timeline", "/api/network", "/api/places"} {
		if doc.Paths[p]["get"] == nil {
			t.Errorf("openapi lacks GET %s", p)
		}
	}
	if doc.Paths["/api/documents"]["post"] == nil {
		t.Error("openapi lacks POST /api/documents")
	}
}

// errStore fails every query with a fixed error.
type errStore struct {
	*memStore
	err error
}

func (e errStore) Events(context.Context, chronicle.Filter) ([]chronicle.EventRecord, string, error) {
	return nil, "", e.err
}

func TestErrorStatuses(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
	}{
		{"invalid", chronicle.Errorf(chronicle.EInvalid, "bad query"), 400},
		{"not found", chronicle.E("events", chronicle.Errorf(chronicle.ENotFound, "gone")), 404},
		{"too large", chronicle.Errorf(chronicle.ETooLarge, "big"), 413},
		{"internal hides details", errors.New("disk on fire"), 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts, _ := newTestServer(t, Config{Store: errStore{newMemStore(nil), tt.err}})
			resp, b := get(t, ts, "/api/events")
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.status == 500 && strings.Contains(string(b), "disk") {
				t.Errorf("internal error leaked: %s", b)
			}
		})
	}
}

// fakeIngester "fetches" a URL and stores one document named after it.
type fakeIngester struct{ store chronicle.Store }

func (f fakeIngester) IngestURL(ctx context.Context, u string) (IngestResult, error) {
	if strings.Contains(u, "broken") {
		return IngestResult{Failed: 1, Errors: []string{u + ": status 500"}}, nil
	}
	doc := &chronicle.Document{ID: u, Text: "Fetched text."}
	if err := fakeCoder.Code(ctx, doc); err != nil {
		return IngestResult{}, err
	}
	stored, err := f.store.PutDocument(ctx, doc)
	if err != nil {
		return IngestResult{}, err
	}
	if !stored {
		return IngestResult{Skipped: 1}, nil
	}
	return IngestResult{Stored: 1, Events: len(doc.Events)}, nil
}

func TestPostURL(t *testing.T) {
	st := newMemStore(nil)
	ts, _ := newTestServer(t, Config{Store: st, Coder: fakeCoder, Ingester: fakeIngester{st}, Token: "k"})
	tests := []struct {
		name, token, body string
		status            int
		mention           string
	}{
		{"needs the token", "", `{"url": "https://feeds.example/rss"}`, 401, "token"},
		{"feed stored", "k", `{"url": "https://feeds.example/rss"}`, 201, `"stored":1`},
		{"again skipped", "k", `{"url": "https://feeds.example/rss"}`, 200, `"skipped":1`},
		{"fetch fails", "k", `{"url": "https://broken.example/rss"}`, 502, "status 500"},
		{"file url refused", "k", `{"url": "file:///etc/passwd"}`, 400, "http or https"},
		{"relative path refused", "k", `{"url": "/etc/passwd"}`, 400, "http or https"},
		{"credentials refused", "k", `{"url": "https://user:pw@feeds.example/"}`, 400, "http or https"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := post(t, ts, tt.token, "application/json", tt.body)
			if resp.StatusCode != tt.status || !strings.Contains(string(b), tt.mention) {
				t.Fatalf("got %d %s, want %d mentioning %q", resp.StatusCode, b, tt.status, tt.mention)
			}
		})
	}
	t.Run("refused without an ingester", func(t *testing.T) {
		ts, _ := newTestServer(t, Config{Store: newMemStore(nil), Coder: fakeCoder, Token: "k"})
		resp, b := post(t, ts, "k", "application/json", `{"url": "https://feeds.example/rss"}`)
		if resp.StatusCode != 400 || !strings.Contains(string(b), "does not fetch") {
			t.Fatalf("got %d %s", resp.StatusCode, b)
		}
	})
}
