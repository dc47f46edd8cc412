package httpapi

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/storetest"
)

func getCanonical(t *testing.T, ts *httptest.Server, query string) listPage[chronicle.CanonicalEvent] {
	t.Helper()
	return getPage[chronicle.CanonicalEvent](t, ts, "/api/canonical-events?"+query)
}

// reprinted returns n generated documents, each followed by a reprint on
// another site.
func reprinted(n int) []*chronicle.Document {
	var docs []*chronicle.Document
	for _, d := range storetest.Generate(n, 4) {
		c := *d
		c.ID += "-reprint"
		c.URL = "https://reprints.example/" + c.ID
		docs = append(docs, d, &c)
	}
	return docs
}

func TestCanonicalEvents(t *testing.T) {
	docs := reprinted(20)
	ts, _ := newTestServer(t, Config{Store: openSQLite(t, docs)})
	all := getCanonical(t, ts, "limit=1000")
	if len(all.Items) < 40 || all.Next != "" {
		t.Fatalf("%d canonical events (next %q), want at least 40 on one page", len(all.Items), all.Next)
	}
	for _, c := range all.Items {
		if c.NumArticles != 2 || c.NumSources != 2 || c.NumMentions != 2 {
			t.Errorf("%s: %d articles %d sources %d mentions, want 2 each (a story and its reprint)", c.ID, c.NumArticles, c.NumSources, c.NumMentions)
		}
		if !strings.HasPrefix(c.ID, "ce-") || c.Day == "" || c.FirstSeen == "" {
			t.Errorf("%s: day %q first seen %q", c.ID, c.Day, c.FirstSeen)
		}
	}

	t.Run("filters", func(t *testing.T) {
		tests := []struct {
			query string
			keep  func(c chronicle.CanonicalEvent) bool
		}{
			{"cameo=1", func(c chronicle.CanonicalEvent) bool { return strings.HasPrefix(c.CAMEO, "1") }},
			{"actor=USA", func(c chronicle.CanonicalEvent) bool {
				return c.Source != nil && strings.HasPrefix(c.Source.Code, "USA") || c.Target != nil && strings.HasPrefix(c.Target.Code, "USA")
			}},
			{"since=2025-03-01&until=2025-08-31", func(c chronicle.CanonicalEvent) bool { return c.Day >= "2025-03-01" && c.Day <= "2025-08-31" }},
			{"type=ASSAULT", func(c chronicle.CanonicalEvent) bool { return c.PLOVER == "ASSAULT" }},
		}
		for _, tt := range tests {
			t.Run(tt.query, func(t *testing.T) {
				got := getCanonical(t, ts, tt.query+"&limit=1000")
				want := 0
				for _, c := range all.Items {
					if tt.keep(c) {
						want++
					}
				}
				if want == 0 || want == len(all.Items) {
					t.Fatalf("%s keeps %d of %d: not a useful test", tt.query, want, len(all.Items))
				}
				if len(got.Items) != want {
					t.Errorf("%s: %d canonical events, want %d", tt.query, len(got.Items), want)
				}
				for _, c := range got.Items {
					if !tt.keep(c) {
						t.Errorf("%s returned %s (%s %s) that does not match", tt.query, c.ID, c.CAMEO, c.Day)
					}
				}
			})
		}
		got := getCanonical(t, ts, "document="+url.QueryEscape(docs[1].ID))
		if len(got.Items) == 0 || len(got.Items) > len(docs[1].Events) {
			t.Errorf("canonical events of %s: %d, want 1 to %d", docs[1].ID, len(got.Items), len(docs[1].Events))
		}
	})

	t.Run("min_articles", func(t *testing.T) {
		// Every event here is a story and its reprint: two articles.
		if got := getCanonical(t, ts, "min_articles=2&limit=1000"); len(got.Items) != len(all.Items) {
			t.Errorf("min_articles=2: %d canonical events, want all %d", len(got.Items), len(all.Items))
		}
		if got := getCanonical(t, ts, "min_articles=3&limit=1000"); len(got.Items) != 0 {
			t.Errorf("min_articles=3: %d canonical events, want none", len(got.Items))
		}
	})

	t.Run("pages", func(t *testing.T) {
		seen := map[string]bool{}
		cursor := ""
		for pages := 0; ; pages++ {
			q := "limit=7"
			if cursor != "" {
				q += "&cursor=" + url.QueryEscape(cursor)
			}
			p := getCanonical(t, ts, q)
			for _, c := range p.Items {
				if seen[c.ID] {
					t.Fatalf("%s on two pages", c.ID)
				}
				seen[c.ID] = true
			}
			if p.Next == "" {
				break
			}
			if pages > 100 {
				t.Fatal("pages do not end")
			}
			cursor = p.Next
		}
		if len(seen) != len(all.Items) {
			t.Errorf("pages held %d canonical events, want %d", len(seen), len(all.Items))
		}
	})

	t.Run("one with mentions", func(t *testing.T) {
		want := all.Items[0]
		resp, b := get(t, ts, "/api/canonical-events/"+url.PathEscape(want.ID))
		if resp.StatusCode != 200 {
			t.Fatalf("status %d: %s", resp.StatusCode, b)
		}
		var c chronicle.CanonicalEvent
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatal(err)
		}
		if c.ID != want.ID || len(c.Mentions) != want.NumMentions {
			t.Fatalf("got %s with %d mentions, want %s with %d", c.ID, len(c.Mentions), want.ID, want.NumMentions)
		}
		for _, m := range c.Mentions {
			if m.DocID == "" || m.DocURL == "" || m.Text == "" || m.End <= m.Start {
				t.Errorf("mention %+v lacks its document, sentence or span", m)
			}
		}
		for path, code := range map[string]int{
			"/api/canonical-events/ce-none":             404,
			"/api/canonical-events/" + want.ID + "?x=1": 400,
			"/api/canonical-events?cameo=abc":           400,
			"/api/canonical-events?min_articles=-1":     400,
			"/api/canonical-events?min_articles=two":    400,
			"/api/canonical-events?cursor=zzz":          400,
		} {
			if resp, b := get(t, ts, path); resp.StatusCode != code {
				t.Errorf("GET %s: %d %s, want %d", path, resp.StatusCode, b, code)
			}
		}
	})

	t.Run("csv", func(t *testing.T) {
		resp, b := get(t, ts, "/api/canonical-events?format=csv&limit=5")
		if resp.StatusCode != 200 {
			t.Fatalf("status %d", resp.StatusCode)
		}
		rows, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
		if err != nil || len(rows) != 6 {
			t.Fatalf("%d rows, %v; want a header and 5", len(rows), err)
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		if rows[1][col["num_articles"]] != "2" || rows[1][col["id"]] != all.Items[0].ID {
			t.Errorf("first row %q", rows[1])
		}
	})

	t.Run("store without canonical events", func(t *testing.T) {
		ts, _ := newTestServer(t, Config{Store: newMemStore(nil)})
		if resp, _ := get(t, ts, "/api/canonical-events"); resp.StatusCode != 404 {
			t.Errorf("status %d, want 404", resp.StatusCode)
		}
	})
}

// datedCoder codes one meeting on the document's date per document.
var datedCoder = CoderFunc(func(ctx context.Context, doc *chronicle.Document) error {
	doc.Sentences = []chronicle.Sentence{{I: 0, Start: 0, End: len(doc.Text)}}
	doc.Events = []chronicle.Event{{ID: "e0", PLOVER: "CONSULT", CAMEO: "036", Quad: 1, End: len(doc.Text), Date: doc.Date,
		Source: &chronicle.ActorRef{Code: "FRDGOV"}, Target: &chronicle.ActorRef{Code: "SYLGOV"}}}
	return nil
})

// TestPostedReportsMerge posts two reports of one meeting: the store merges
// them into one canonical event.
func TestPostedReportsMerge(t *testing.T) {
	ts, _ := newTestServer(t, Config{Store: openSQLite(t, nil), Coder: datedCoder, Token: "k"})
	for _, body := range []string{
		`{"id": "p1", "url": "https://a.example/p1", "date": "2025-03-04", "text": "The ministers of Freedonia and Sylvania met."}`,
		`{"id": "p2", "url": "https://b.example/p2", "date": "2025-03-05", "text": "Freedonian and Sylvanian ministers held talks."}`,
	} {
		if resp, b := post(t, ts, "k", "application/json", body); resp.StatusCode != 201 {
			t.Fatalf("POST: %d %s", resp.StatusCode, b)
		}
	}
	p := getCanonical(t, ts, "")
	if len(p.Items) != 1 {
		t.Fatalf("%d canonical events, want 1", len(p.Items))
	}
	c := p.Items[0]
	if c.NumArticles != 2 || c.FirstSeen != "2025-03-04" || len(c.Conflicts) != 1 || !strings.HasPrefix(c.Conflicts[0], "date:") {
		t.Errorf("got %d articles, first seen %s, conflicts %q; want 2, 2025-03-04 and a date conflict", c.NumArticles, c.FirstSeen, c.Conflicts)
	}
}
