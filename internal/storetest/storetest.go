// Package storetest holds the one conformance suite every Chronicle store
// backend runs (Run), and a generator of realistic coded documents
// (Generate) for tests and benchmarks.
//
// Run checks each query against a plain Go model of the same filters over
// the generated documents, so a backend passes only when it returns exactly
// the records the contract describes.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	chronicle "github.com/chronicle-news/chronicle"
)

// Run runs the conformance suite. open must return a new, empty store for
// each call; Run closes it.
func Run(t *testing.T, open func(t *testing.T) chronicle.Store) {
	docs := Generate(60, 7)
	ctx := context.Background()
	fill := func(t *testing.T) chronicle.Store {
		t.Helper()
		s := open(t)
		t.Cleanup(func() { s.Close() })
		for _, d := range docs {
			ok, err := s.PutDocument(ctx, d)
			if err != nil {
				t.Fatalf("PutDocument(%s): %v", d.ID, err)
			}
			if !ok {
				t.Fatalf("PutDocument(%s) = false for a new document", d.ID)
			}
		}
		return s
	}
	t.Run("Documents", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		testDocuments(t, s, docs)
	})
	t.Run("Concurrent", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		testConcurrent(t, s)
	})
	t.Run("Prepared", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		testPrepared(t, s, docs)
	})
	t.Run("Merge", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		testMerge(t, s)
	})
	s := fill(t)
	t.Run("Canonical", func(t *testing.T) { testCanonical(t, s, docs) })
	t.Run("Events", func(t *testing.T) { testEvents(t, s, docs) })
	t.Run("Pages", func(t *testing.T) { testPages(t, s, docs) })
	t.Run("Quotes", func(t *testing.T) { testQuotes(t, s, docs) })
	t.Run("Claims", func(t *testing.T) { testClaims(t, s, docs) })
	t.Run("DocumentList", func(t *testing.T) { testDocumentList(t, s, docs) })
	t.Run("DocumentTexts", func(t *testing.T) { testDocumentTexts(t, s, docs) })
	t.Run("Hostile", func(t *testing.T) { testHostile(t, s, docs) })
	t.Run("Aggregates", func(t *testing.T) { testAggregates(t, s, docs) })
}

// testPrepared checks that documents prepared ahead of their transaction
// are stored like PutDocuments stores them, with the story given after
// preparing.
func testPrepared(t *testing.T, s chronicle.Store, docs []*chronicle.Document) {
	p, ok := s.(chronicle.Preparer)
	if !ok {
		t.Skip("the store does not prepare documents")
	}
	ctx := context.Background()
	var preps []chronicle.PreparedDocument
	for _, d := range docs[:3] {
		c := *d
		pd, err := p.PrepareDocument(&c)
		if err != nil {
			t.Fatal(err)
		}
		c.Story = "story-set-after-preparing-" + d.ID
		preps = append(preps, pd)
	}
	if n, err := p.PutPrepared(ctx, preps); err != nil || n != 3 {
		t.Fatalf("PutPrepared = %d, %v; want 3", n, err)
	}
	if n, err := p.PutPrepared(ctx, preps[:1]); err != nil || n != 0 {
		t.Errorf("PutPrepared again = %d, %v; want 0", n, err)
	}
	for _, d := range docs[:3] {
		got, err := s.Document(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Story != "story-set-after-preparing-"+d.ID || got.Text != d.Text || len(got.Events) != len(d.Events) || len(got.Sentences) != len(d.Sentences) {
			t.Errorf("%s: story %q, %d events, %d sentences; want the story set after preparing and the document as given", d.ID, got.Story, len(got.Events), len(got.Sentences))
		}
	}
	if _, err := p.PrepareDocument(&chronicle.Document{}); chronicle.ErrorCode(err) != chronicle.EInvalid {
		t.Errorf("PrepareDocument without an id: %v, want EInvalid", err)
	}
	if _, err := p.PutPrepared(ctx, []chronicle.PreparedDocument{foreign{}}); chronicle.ErrorCode(err) != chronicle.EInvalid {
		t.Errorf("PutPrepared of a foreign document: %v, want EInvalid", err)
	}
}

// foreign is a PreparedDocument that no store prepared.
type foreign struct{}

func (foreign) Document() *chronicle.Document { return &chronicle.Document{ID: "foreign"} }

// testDocumentTexts checks that a store listing its texts (as the ingest
// seeds its story index) gives every document once, in the order stored.
func testDocumentTexts(t *testing.T, s chronicle.Store, docs []*chronicle.Document) {
	tl, ok := s.(interface {
		DocumentTexts(ctx context.Context, fn func(id, date, story, text string) error) error
	})
	if !ok {
		t.Skip("the store does not list texts")
	}
	var got []string
	err := tl.DocumentTexts(context.Background(), func(id, date, story, text string) error {
		i := len(got)
		if i < len(docs) && (id != docs[i].ID || date != docs[i].Date || story != docs[i].Story || text != docs[i].Text) {
			t.Errorf("text %d: got %q (%s, story %q), want %q (%s, story %q) with its text", i, id, date, story, docs[i].ID, docs[i].Date, docs[i].Story)
		}
		got = append(got, id)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(docs) {
		t.Errorf("%d texts, want %d", len(got), len(docs))
	}
	stop := errors.New("stop")
	if err := tl.DocumentTexts(context.Background(), func(string, string, string, string) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("the callback's error was not returned: %v", err)
	}
}

func testDocuments(t *testing.T, s chronicle.Store, docs []*chronicle.Document) {
	ctx := context.Background()
	d := docs[0]
	if ok, err := s.HasDocument(ctx, d.ID); err != nil || ok {
		t.Fatalf("HasDocument before put = %v, %v; want false, nil", ok, err)
	}
	if _, err := s.Document(ctx, d.ID); chronicle.ErrorCode(err) != chronicle.ENotFound {
		t.Fatalf("Document of a missing id: error %v (code %q), want code %q", err, chronicle.ErrorCode(err), chronicle.ENotFound)
	}
	for _, d := range docs[:5] {
		if ok, err := s.PutDocument(ctx, d); err != nil || !ok {
			t.Fatalf("PutDocument(%s) = %v, %v; want true, nil", d.ID, ok, err)
		}
	}
	changed := *docs[0]
	changed.Title = "a different title"
	if ok, err := s.PutDocument(ctx, &changed); err != nil || ok {
		t.Fatalf("PutDocument of a stored id = %v, %v; want false, nil", ok, err)
	}
	if _, err := s.PutDocument(ctx, &chronicle.Document{}); chronicle.ErrorCode(err) != chronicle.EInvalid {
		t.Errorf("PutDocument of a document without id: error %v, want code %q", err, chronicle.EInvalid)
	}
	if ok, err := s.HasDocument(ctx, d.ID); err != nil || !ok {
		t.Fatalf("HasDocument after put = %v, %v; want true, nil", ok, err)
	}
	for _, d := range docs[:5] {
		got, err := s.Document(ctx, d.ID)
		if err != nil {
			t.Fatalf("Document(%s): %v", d.ID, err)
		}
		want, _ := json.Marshal(d)
		have, _ := json.Marshal(got)
		if string(want) != string(have) {
			t.Errorf("Document(%s) does not round-trip:\n got %s\nwant %s", d.ID, have, want)
		}
	}
	// A document with no annotations and odd text round-trips too.
	odd := &chronicle.Document{ID: "odd 'id\"; DROP TABLE documents;--", Text: "Zero\x00byte and emoji \U0001F600 text.", Date: "", Meta: map[string]any{"k": "v"}}
	if ok, err := s.PutDocument(ctx, odd); err != nil || !ok {
		t.Fatalf("PutDocument(odd) = %v, %v", ok, err)
	}
	got, err := s.Document(ctx, odd.ID)
	if err != nil {
		t.Fatalf("Document(odd): %v", err)
	}
	want, _ := json.Marshal(odd)
	have, _ := json.Marshal(got)
	if string(want) != string(have) {
		t.Errorf("odd document does not round-trip:\n got %s\nwant %s", have, want)
	}
}

// testConcurrent writes documents while readers query; readers must never
// fail or see a document without its events.
func testConcurrent(t *testing.T, s chronicle.Store) {
	ctx := context.Background()
	docs := Generate(40, 99)
	var wg sync.WaitGroup
	done := make(chan struct{})
	errs := make(chan error, 16)
	for r := 0; r < 3; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				list, _, err := s.Documents(ctx, chronicle.Filter{Limit: 1000})
				if err != nil {
					errs <- fmt.Errorf("Documents during writes: %w", err)
					return
				}
				for _, sum := range list {
					if sum.Events == 0 {
						continue
					}
					evs, _, err := s.Events(ctx, chronicle.Filter{Document: sum.ID})
					if err != nil {
						errs <- fmt.Errorf("Events during writes: %w", err)
						return
					}
					if len(evs) != sum.Events {
						errs <- fmt.Errorf("document %s: %d events visible, summary says %d", sum.ID, len(evs), sum.Events)
						return
					}
				}
			}
		}()
	}
	for _, d := range docs {
		if _, err := s.PutDocument(ctx, d); err != nil {
			t.Errorf("PutDocument during reads: %v", err)
		}
	}
	close(done)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// model is the Go reference of the filters.
type model struct{ docs []*chronicle.Document }

type modelEvent struct {
	doc *chronicle.Document
	ev  *chronicle.Event
	day string
}

func day(eventDate, docDate string) string {
	if len(eventDate) >= 10 {
		if _, err := time.Parse("2006-01-02", eventDate[:10]); err == nil {
			return eventDate[:10]
		}
	}
	if len(docDate) >= 10 {
		return docDate[:10]
	}
	return ""
}

func isCode(s string) bool {
	return len(s) >= 3 && strings.TrimFunc(s, func(r rune) bool { return r >= 'A' && r <= 'Z' }) == ""
}

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		m[w] = true
	}
	return m
}

func hasWords(text string, query string) bool {
	ws := words(text)
	for w := range words(query) {
		if !ws[w] {
			return false
		}
	}
	return true
}

func actorMatch(f string, refs ...*chronicle.ActorRef) bool {
	for _, r := range refs {
		if r == nil {
			continue
		}
		if isCode(f) {
			if strings.HasPrefix(r.Code, f) {
				return true
			}
		} else if strings.Contains(strings.ToLower(r.Name), strings.ToLower(f)) || strings.Contains(strings.ToLower(r.Text), strings.ToLower(f)) {
			return true
		}
	}
	return false
}

func (m model) events(f chronicle.Filter) []modelEvent {
	var out []modelEvent
	for _, d := range m.docs {
		for i := range d.Events {
			e := &d.Events[i]
			dy := day(e.Date, d.Date)
			loc := ""
			if e.Location != nil {
				loc = e.Location.Country
			}
			src, tgt := e.Source, e.Target
			switch {
			case f.Actor != "" && !actorMatch(f.Actor, src, tgt),
				f.Type != "" && e.PLOVER != f.Type,
				f.CAMEO != "" && !strings.HasPrefix(e.CAMEO, f.CAMEO),
				f.Country != "" && (src == nil || src.Country != f.Country) && (tgt == nil || tgt.Country != f.Country) && loc != f.Country,
				f.Since != "" && dy < f.Since,
				f.Until != "" && (dy > f.Until || dy == ""),
				f.Factuality != "" && e.Factuality != f.Factuality,
				f.Story != "" && d.Story != f.Story,
				f.Document != "" && d.ID != f.Document,
				f.Text != "" && !hasWords(d.Title+" "+d.Text, f.Text):
				continue
			}
			out = append(out, modelEvent{d, e, dy})
		}
	}
	return out
}

func eventIDs(evs []modelEvent) []string {
	ids := make([]string, len(evs))
	for i, e := range evs {
		ids[i] = e.ev.ID
	}
	sort.Strings(ids)
	return ids
}

// eventFilters are filters exercised against the model, each matching some
// but not all generated events.
func eventFilters(docs []*chronicle.Document) []struct {
	name string
	f    chronicle.Filter
} {
	return []struct {
		name string
		f    chronicle.Filter
	}{
		{"all", chronicle.Filter{}},
		{"actor country prefix", chronicle.Filter{Actor: "USA"}},
		{"actor full code", chronicle.Filter{Actor: "IGOUNO"}},
		{"actor name", chronicle.Filter{Actor: "kremlin"}},
		{"actor name mixed case", chronicle.Filter{Actor: "Russian Army"}},
		{"type", chronicle.Filter{Type: "ASSAULT"}},
		{"cameo root", chronicle.Filter{CAMEO: "19"}},
		{"cameo full", chronicle.Filter{CAMEO: "043"}},
		{"country", chronicle.Filter{Country: "UKR"}},
		{"since until", chronicle.Filter{Since: "2025-03-01", Until: "2025-05-31"}},
		{"until", chronicle.Filter{Until: "2025-02-15"}},
		{"factuality", chronicle.Filter{Factuality: chronicle.FactPlanned}},
		{"story", chronicle.Filter{Story: docs[4].Story}},
		{"document", chronicle.Filter{Document: docs[9].ID}},
		{"text one word", chronicle.Filter{Text: "grain"}},
		{"text two words", chronicle.Filter{Text: "sanctions Kremlin"}},
		{"actor and month", chronicle.Filter{Actor: "UKR", Since: "2025-06-01", Until: "2025-06-30"}},
		{"type and country", chronicle.Filter{Type: "CONSULT", Country: "USA"}},
		{"many", chronicle.Filter{Actor: "RUS", CAMEO: "1", Since: "2025-01-15", Factuality: chronicle.FactOccurred}},
	}
}

func testEvents(t *testing.T, s chronicle.Store, docs []*chronicle.Document) {
	ctx := context.Background()
	m := model{docs}
	for _, tc := range eventFilters(docs) {
		t.Run(tc.name, func(t *testing.T) {
			want := eventIDs(m.events(tc.f))
			f := tc.f
			f.Limit = 10000
			got, next, err := s.Events(ctx, f)
			if err != nil {
				t.Fatalf("Events(%+v): %v", tc.f, err)
			}
			if next != "" {
				t.Errorf("Events(%+v): next cursor %q after the last page", tc.f, next)
			}
			ids := make([]string, len(got))
			for i, r := range got {
				ids[i] = r.ID
				if i > 0 && day(r.Date, r.DocDate) > day(got[i-1].Date, got[i-1].DocDate) {
					t.Errorf("events not newest first: %s after %s", r.ID, got[i-1].ID)
				}
			}
			sort.Strings(ids)
			if !slices.Equal(ids, want) {
				t.Errorf("Events(%+v) returned %d events, want %d\n got %v\nwant %v", tc.f, len(ids), len(want), ids, want)
			}
			if len(want) == 0 || (tc.name != "all" && len(want) == len(model{docs}.events(chronicle.Filter{}))) {
				t.Errorf("filter %+v matches %d of the generated events; the case tests nothing", tc.f, len(want))
			}
		})
	}
	// Every record carries its document and the sentence text.
	got, _, err := s.Events(ctx, chronicle.Filter{Document: docs[3].ID})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]chronicle.Event{}
	for _, e := range docs[3].Events {
		byID[e.ID] = e
	}
	for _, r := range got {
		want := byID[r.ID]
		if !reflect.DeepEqual(r.Event, want) {
			t.Errorf("event %s does not round-trip:\n got %+v\nwant %+v", r.ID, r.Event, want)
		}
		sent := docs[3].Sentences[want.Sentence]
		if r.DocID != docs[3].ID || r.DocDate != docs[3].Date || r.DocURL != docs[3].URL || r.DocTitle != docs[3].Title {
			t.Errorf("event %s: document fields %q %q %q %q", r.ID, r.DocID, r.DocDate, r.DocURL, r.DocTitle)
		}
		if r.Sentence != docs[3].Text[sent.Start:sent.End] {
			t.Errorf("event %s: sentence text %q, want %q", r.ID, r.Sentence, docs[3].Text[sent.Start:sent.End])
		}
		if r.CanonicalID == "" {
			t.Errorf("event %s: empty canonical id", r.ID)
		}
	}
}

func testPages(t *testing.T, s chronicle.Store, docs []*chronicle.Document) {
	ctx := context.Background()
	m := model{docs}
	for _, tc := range []struct {
		name string
		f    chronicle.Filter
	}{
		{"all", chronicle.Filter{Limit: 7}},
		{"type", chronicle.Filter{Type: "ACCUSE", Limit: 2}},
		{"actor", chronicle.Filter{Actor: "USA", Limit: 5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := eventIDs(m.events(tc.f))
			var ids []string
			f := tc.f
			for page := 0; ; page++ {
				if page > len(want)+2 {
					t.Fatal("pagination does not end")
				}
				got, next, err := s.Events(ctx, f)
				if err != nil {
					t.Fatalf("page %d: %v", page, err)
				}
				if len(got) > f.Limit {
					t.Fatalf("page %d: %d events, limit %d", page, len(got), f.Limit)
				}
				if next != "" && len(got) != f.Limit {
					t.Fatalf("page %d: a short page (%d) with a next cursor", page, len(got))
				}
				for _, r := range got {
					ids = append(ids, r.ID)
				}
				if next == "" {
					break
				}
				f.Cursor = next
			}
			sort.Strings(ids)
			if !slices.Equal(ids, want) {
				t.Errorf("pages hold %d events, want %d (duplicates or gaps)\n got %v\nwant %v", len(ids), len(want), ids, want)
			}
		})
	}
	// Quotes and documents page too.
	var n int
	f := chronicle.Filter{Limit: 9}
	for {
		got, next, err := s.Quotes(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		n += len(got)
		if next == "" {
			break
		}
		f.Cursor = next
	}
	want := 0
	for _, d := range docs {
		want += len(d.Quotes)
	}
	if n != want {
		t.Errorf("quote pages hold %d quotes, want %d", n, want)
	}
	seen := map[string]bool{}
	f = chronicle.Filter{Limit: 11}
	for {
		got, next, err := s.Documents(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range got {
			if seen[d.ID] {
				t.Errorf("document %s on two pages", d.ID)
			}
			seen[d.ID] = true
		}
		if next == "" {
			break
		}
		f.Cursor = next
	}
	if len(seen) != len(docs) {
		t.Errorf("document pages hold %d documents, want %d", len(seen), len(docs))
	}
	if _, _, err := s.Quotes(ctx, chronicle.Filter{Cursor: f.Cursor}); f.Cursor != "" && chronicle.ErrorCode(err) != chronicle.EInvalid {
		t.Errorf("a documents cursor given to Quotes: error %v, want code %q", err, chronicle.EInvalid)
	}
}

func testQuotes(t *testing.T, s chronicle.Store, docs []*chronicle.Document) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		f    chronicle.Filter
		keep func(d *chronicle.Document, q *chronicle.Quote) bool
	}{
		{"all", chronicle.Filter{}, func(d *chronicle.Document, q *chronicle.Quote) bool { return true }},
		{"speaker code", chronicle.Filter{Actor: "RUS"}, func(d *chronicle.Document, q *chronicle.Quote) bool { return actorMatch("RUS", q.Speaker) }},
		{"speaker name", chronicle.Filter{Actor: "united nations"}, func(d *chronicle.Document, q *chronicle.Quote) bool { return actorMatch("united nations", q.Speaker) }},
		{"text", chronicle.Filter{Text: "energy"}, func(d *chronicle.Document, q *chronicle.Quote) bool { return hasWords(q.Text, "energy") }},
		{"since", chronicle.Filter{Since: "2025-07-01"}, func(d *chronicle.Document, q *chronicle.Quote) bool { return d.Date >= "2025-07-01" }},
		{"document", chronicle.Filter{Document: docs[2].ID}, func(d *chronicle.Document, q *chronicle.Quote) bool { return d.ID == docs[2].ID }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want []string
			for _, d := range docs {
				for i := range d.Quotes {
					if tc.keep(d, &d.Quotes[i]) {
						want = append(want, d.ID+"|"+d.Quotes[i].Text)
					}
				}
			}
			f := tc.f
			f.Limit = 10000
			got, _, err := s.Quotes(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var have []string
			for _, r := range got {
				have = append(have, r.DocID+"|"+r.Text)
				if r.Speaker == nil || r.DocURL == "" {
					t.Errorf("quote record %+v lacks speaker or document", r)
				}
			}
			sort.Strings(want)
			sort.Strings(have)
			if !slices.Equal(have, want) {
				t.Errorf("Quotes(%+v): %d quotes, want %d", tc.f, len(have), len(want))
			}
		})
	}
}

func testClaims(t *testing.T, s chronicle.Store, docs []*chronicle.Document) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		f    chronicle.Filter
		keep func(d *chronicle.Document, c *chronicle.Claim) bool
	}{
		{"all", chronicle.Filter{}, func(d *chronicle.Document, c *chronicle.Claim) bool { return true }},
		{"text", chronicle.Filter{Text: "displaced"}, func(d *chronicle.Document, c *chronicle.Claim) bool { return strings.Contains(c.Text, "displaced") }},
		{"until", chronicle.Filter{Until: "2025-04-30"}, func(d *chronicle.Document, c *chronicle.Claim) bool { return d.Date <= "2025-04-30" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := 0
			for _, d := range docs {
				for i := range d.Claims {
					if tc.keep(d, &d.Claims[i]) {
						want++
					}
				}
			}
			f := tc.f
			f.Limit = 10000
			got, _, err := s.Claims(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != want || want == 0 {
				t.Errorf("Claims(%+v): %d claims, want %d (> 0)", tc.f, len(got), want)
			}
			for _, r := range got {
				if r.Quantity == nil || r.Quantity.Low <= 0 || r.DocID == "" {
					t.Errorf("claim record %+v lacks its quantity or document", r)
				}
			}
		})
	}
}

func testDocumentList(t *testing.T, s chronicle.Store, docs []*chronicle.Document) {
	ctx := context.Background()
	got, _, err := s.Documents(ctx, chronicle.Filter{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(docs) {
		t.Fatalf("Documents: %d, want %d", len(got), len(docs))
	}
	byID := map[string]*chronicle.Document{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	for i, sum := range got {
		d := byID[sum.ID]
		if d == nil {
			t.Fatalf("unknown document %q", sum.ID)
		}
		if sum.Events != len(d.Events) || sum.Quotes != len(d.Quotes) || sum.Claims != len(d.Claims) || sum.Title != d.Title || sum.Date != d.Date || sum.Story != d.Story {
			t.Errorf("summary %+v does not match the document", sum)
		}
		if sum.Ingested.IsZero() {
			t.Errorf("summary %s: zero ingested time", sum.ID)
		}
		if i > 0 && sum.Date > got[i-1].Date {
			t.Errorf("documents not newest first")
		}
	}
	text, _, err := s.Documents(ctx, chronicle.Filter{Text: "border security", Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, d := range docs {
		if hasWords(d.Title+" "+d.Text, "border security") {
			want++
		}
	}
	if len(text) != want || want == 0 {
		t.Errorf("Documents(text): %d, want %d (> 0)", len(text), want)
	}
	for _, sum := range text {
		if !strings.Contains(strings.ToLower(sum.Snippet), "border") && !strings.Contains(strings.ToLower(sum.Snippet), "security") {
			t.Errorf("snippet %q of %s lacks the query words", sum.Snippet, sum.ID)
		}
	}
	withType, _, err := s.Documents(ctx, chronicle.Filter{Type: "AID", Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	want = 0
	for _, d := range docs {
		if slices.ContainsFunc(d.Events, func(e chronicle.Event) bool { return e.PLOVER == "AID" }) {
			want++
		}
	}
	if len(withType) != want || want == 0 {
		t.Errorf("Documents(type AID): %d, want %d (> 0)", len(withType), want)
	}
}

func testHostile(t *testing.T, s chronicle.Store, docs []*chronicle.Document) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		f    chronicle.Filter
	}{
		{"huge limit", chronicle.Filter{Limit: 10001}},
		{"negative limit", chronicle.Filter{Limit: -1}},
		{"bad since", chronicle.Filter{Since: "2025-13-45"}},
		{"words as date", chronicle.Filter{Until: "yesterday'; DROP TABLE events;--"}},
		{"since after until", chronicle.Filter{Since: "2025-06-01", Until: "2025-01-01"}},
		{"injected type", chronicle.Filter{Type: "AGREE' OR '1'='1"}},
		{"short country", chronicle.Filter{Country: "US"}},
		{"injected country", chronicle.Filter{Country: "U'S"}},
		{"letters in cameo", chronicle.Filter{CAMEO: "1a"}},
		{"bad factuality", chronicle.Filter{Factuality: "maybe"}},
		{"garbage cursor", chronicle.Filter{Cursor: "not-a-cursor"}},
		{"fts syntax only", chronicle.Filter{Text: `" * ( ) :`}},
		{"long text", chronicle.Filter{Text: strings.Repeat("word ", 200)}},
		{"control characters", chronicle.Filter{Actor: "USA\x00GOV"}},
		{"invalid utf8", chronicle.Filter{Actor: "\xff\xfe"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := s.Events(ctx, tc.f)
			if chronicle.ErrorCode(err) != chronicle.EInvalid {
				t.Errorf("Events(%+v): error %v (code %q), want code %q", tc.f, err, chronicle.ErrorCode(err), chronicle.EInvalid)
			}
			var ce *chronicle.Error
			if err != nil && (!errors.As(err, &ce) || err.Error() == "") {
				t.Errorf("error %v is not a clear *chronicle.Error", err)
			}
			if _, _, err := s.Documents(ctx, tc.f); chronicle.ErrorCode(err) != chronicle.EInvalid {
				t.Errorf("Documents(%+v): error %v, want code %q", tc.f, err, chronicle.EInvalid)
			}
		})
	}
	// Hostile but valid strings are data, never SQL or FTS syntax.
	for _, tc := range []struct {
		name string
		f    chronicle.Filter
	}{
		{"sql in actor name", chronicle.Filter{Actor: "x'); DROP TABLE events; --"}},
		{"like wildcards", chronicle.Filter{Actor: "%_%"}},
		{"sql in story", chronicle.Filter{Story: "' OR '1'='1"}},
		{"sql in document", chronicle.Filter{Document: "1 OR 1=1"}},
		{"fts operators", chronicle.Filter{Text: `grain OR NEAR(title: "x") NOT *`}},
		{"fts column filter", chronicle.Filter{Text: "title:grain"}},
		{"quoted words", chronicle.Filter{Text: `"grain"`}},
		{"prefix star", chronicle.Filter{Text: "gra*"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, _, err := s.Events(ctx, tc.f)
			if err != nil {
				t.Fatalf("Events(%+v): %v", tc.f, err)
			}
			if want := len(model{docs}.events(tc.f)); len(got) != want {
				t.Errorf("Events(%+v): %d events, want %d", tc.f, len(got), want)
			}
		})
	}
	all, _, err := s.Events(ctx, chronicle.Filter{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	want := len(model{docs}.events(chronicle.Filter{}))
	if len(all) != want {
		t.Errorf("after hostile queries the store holds %d events, want %d", len(all), want)
	}
}

func testAggregates(t *testing.T, s chronicle.Store, docs []*chronicle.Document) {
	ctx := context.Background()
	m := model{docs}
	all := m.events(chronicle.Filter{})
	t.Run("actors", func(t *testing.T) {
		counts := map[string][2]int{}
		quotes := map[string]int{}
		for _, e := range all {
			if c := e.ev.Source.Code; c != "" {
				n := counts[c]
				n[0]++
				counts[c] = n
			}
			if c := e.ev.Target.Code; c != "" {
				n := counts[c]
				n[1]++
				counts[c] = n
			}
		}
		for _, d := range docs {
			for _, q := range d.Quotes {
				if q.Speaker != nil {
					quotes[q.Speaker.Code]++
				}
			}
		}
		got, next, err := s.Actors(ctx, chronicle.Filter{Limit: 10000})
		if err != nil {
			t.Fatal(err)
		}
		if next != "" || len(got) != len(counts) {
			t.Fatalf("Actors: %d actors (next %q), want %d", len(got), next, len(counts))
		}
		for i, a := range got {
			c := counts[a.Code]
			if a.AsSource != c[0] || a.AsTarget != c[1] || a.Events != c[0]+c[1] || a.Quotes != quotes[a.Code] {
				t.Errorf("actor %s: %d/%d/%d quotes %d, want %d/%d/%d quotes %d", a.Code, a.Events, a.AsSource, a.AsTarget, a.Quotes, c[0]+c[1], c[0], c[1], quotes[a.Code])
			}
			if i > 0 && a.Events > got[i-1].Events {
				t.Errorf("actors not most active first")
			}
			if len(a.Partners) == 0 || len(a.Partners) > 5 || a.Name == "" {
				t.Errorf("actor %s: %d partners, name %q", a.Code, len(a.Partners), a.Name)
			}
		}
		// A filter matching every event takes the scanning path; it must
		// agree with the unfiltered answer.
		scanned, _, err := s.Actors(ctx, chronicle.Filter{Since: "2000-01-01", Limit: 10000})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(scanned, got) {
			t.Errorf("Actors with a filter matching everything differs from Actors without filter:\n got %+v\nwant %+v", scanned, got)
		}
		few, _, err := s.Actors(ctx, chronicle.Filter{Type: "AID", Limit: 10000})
		if err != nil {
			t.Fatal(err)
		}
		aid := map[string]int{}
		for _, e := range m.events(chronicle.Filter{Type: "AID"}) {
			aid[e.ev.Source.Code]++
			aid[e.ev.Target.Code]++
		}
		if len(few) != len(aid) {
			t.Errorf("Actors(type AID): %d actors, want %d", len(few), len(aid))
		}
		for _, a := range few {
			if a.Events != aid[a.Code] {
				t.Errorf("Actors(type AID): %s has %d events, want %d", a.Code, a.Events, aid[a.Code])
			}
		}
		page, next, err := s.Actors(ctx, chronicle.Filter{Limit: 3})
		if err != nil || len(page) != 3 || next == "" {
			t.Fatalf("Actors(limit 3) = %d, %q, %v", len(page), next, err)
		}
		page2, _, err := s.Actors(ctx, chronicle.Filter{Limit: 3, Cursor: next})
		if err != nil || len(page2) != 3 || page2[0].Code != got[3].Code {
			t.Errorf("Actors second page = %+v, %v; want it to start at %s", page2, err, got[3].Code)
		}
	})
	t.Run("timeline", func(t *testing.T) {
		for _, bucket := range []string{"day", "week"} {
			for _, group := range []string{"plover", "quad"} {
				pts, err := s.Timeline(ctx, chronicle.Filter{}, bucket, group)
				if err != nil {
					t.Fatal(err)
				}
				want := map[string]int{}
				for _, e := range all {
					if e.day == "" {
						continue
					}
					b := e.day
					if bucket == "week" {
						d, _ := time.Parse("2006-01-02", e.day)
						b = d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7)).Format("2006-01-02")
					}
					g := e.ev.PLOVER
					if group == "quad" {
						g = fmt.Sprint(e.ev.Quad)
					}
					want[b+" "+g]++
				}
				have := map[string]int{}
				for _, p := range pts {
					have[p.Bucket+" "+p.Group] += p.Events
				}
				if !reflect.DeepEqual(have, want) {
					t.Errorf("Timeline(%s, %s): %d points differ from the model's %d", bucket, group, len(have), len(want))
				}
			}
		}
		if _, err := s.Timeline(ctx, chronicle.Filter{}, "month", "plover"); chronicle.ErrorCode(err) != chronicle.EInvalid {
			t.Errorf("Timeline(month): error %v, want code %q", err, chronicle.EInvalid)
		}
	})
	t.Run("network", func(t *testing.T) {
		all := map[string]int{}
		for _, e := range m.events(chronicle.Filter{}) {
			all[e.ev.Source.Code+">"+e.ev.Target.Code]++
		}
		edges, err := s.Network(ctx, chronicle.Filter{Limit: 10000})
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]int{}
		for i, e := range edges {
			have[e.Source+">"+e.Target] = e.Events
			if e.SourceName == "" || e.TargetName == "" || (i > 0 && e.Events > edges[i-1].Events) {
				t.Errorf("edge %+v: names missing or not heaviest first", e)
			}
		}
		if !reflect.DeepEqual(have, all) {
			t.Errorf("Network(): %d edges, want %d", len(have), len(all))
		}
		want := map[string]int{}
		for _, e := range m.events(chronicle.Filter{Type: "ASSAULT"}) {
			if e.ev.Source.Code != "" && e.ev.Target.Code != "" {
				want[e.ev.Source.Code+">"+e.ev.Target.Code]++
			}
		}
		edges, err = s.Network(ctx, chronicle.Filter{Type: "ASSAULT", Limit: 10000})
		if err != nil {
			t.Fatal(err)
		}
		have = map[string]int{}
		for _, e := range edges {
			have[e.Source+">"+e.Target] = e.Events
			if e.Goldstein > -9 || e.Goldstein < -10 {
				t.Errorf("ASSAULT edge %s>%s has mean Goldstein %v", e.Source, e.Target, e.Goldstein)
			}
		}
		if !reflect.DeepEqual(have, want) {
			t.Errorf("Network: %v, want %v", have, want)
		}
	})
	t.Run("places", func(t *testing.T) {
		want := map[string]int{}
		for _, e := range all {
			if e.ev.Location != nil {
				want[e.ev.Location.Name]++
			}
		}
		places, err := s.Places(ctx, chronicle.Filter{Limit: 10000})
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]int{}
		for _, p := range places {
			have[p.Name] = p.Events
			if p.Lat == 0 || p.Lon == 0 || p.Country == "" {
				t.Errorf("place %+v lacks coordinates or country", p)
			}
		}
		if !reflect.DeepEqual(have, want) {
			t.Errorf("Places: %v, want %v", have, want)
		}
	})
	t.Run("stories", func(t *testing.T) {
		want := map[string]int{}
		for _, d := range docs {
			want[d.Story]++
		}
		got, _, err := s.Stories(ctx, chronicle.Filter{Limit: 10000})
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]int{}
		for _, st := range got {
			have[st.ID] = st.Documents
			if len(st.DocIDs) != st.Documents || st.FirstSeen > st.LastSeen || st.Title == "" {
				t.Errorf("story %+v is inconsistent", st)
			}
		}
		if !reflect.DeepEqual(have, want) {
			t.Errorf("Stories: %v, want %v", have, want)
		}
	})
}
