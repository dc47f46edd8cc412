package storetest

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/sqlstore"
	"github.com/chronicle-news/chronicle/internal/story"
)

// canonicalModel replays docs, in the order they were stored, through a
// merger with the stores' default options: the canonical events a store
// must hold.
func canonicalModel(t *testing.T, docs []*chronicle.Document) (map[string]story.Canonical, map[string][]string) {
	t.Helper()
	m := story.NewMerger(sqlstore.DefaultMergeOptions())
	ids := map[string][]string{}
	for _, d := range docs {
		got, err := m.Add(d)
		if err != nil {
			t.Fatalf("model merge of %s: %v", d.ID, err)
		}
		ids[d.ID] = got
	}
	out := map[string]story.Canonical{}
	for _, c := range m.Canonical() {
		out[c.ID] = c
	}
	return out, ids
}

// modelDay is the day a canonical event is filed under.
func modelDay(c story.Canonical) string {
	if len(c.Event.Date) == 10 {
		return c.Event.Date
	}
	return c.FirstSeen
}

// canonicalMatch reports whether a model canonical event passes the event
// filters of f (on its reconciled values).
func canonicalMatch(c story.Canonical, f chronicle.Filter) bool {
	ev := c.Event
	switch {
	case f.Actor != "" && !actorMatch(f.Actor, ev.Source, ev.Target):
		return false
	case f.CAMEO != "" && !strings.HasPrefix(ev.CAMEO, f.CAMEO):
		return false
	case f.Type != "" && ev.PLOVER != f.Type:
		return false
	case f.Factuality != "" && ev.Factuality != f.Factuality:
		return false
	case f.Since != "" && modelDay(c) < f.Since:
		return false
	case f.Until != "" && modelDay(c) > f.Until:
		return false
	}
	if f.Country != "" {
		src, tgt := refOf(ev.Source), refOf(ev.Target)
		loc := ""
		if ev.Location != nil {
			loc = ev.Location.Country
		}
		if src.Country != f.Country && tgt.Country != f.Country && loc != f.Country {
			return false
		}
	}
	return true
}

func refOf(a *chronicle.ActorRef) chronicle.ActorRef {
	if a == nil {
		return chronicle.ActorRef{}
	}
	return *a
}

// allCanonical pages through every canonical event matching f with pages of
// the given size.
func allCanonical(t *testing.T, q chronicle.CanonicalQuerier, f chronicle.Filter, page int) []chronicle.CanonicalEvent {
	t.Helper()
	var out []chronicle.CanonicalEvent
	f.Limit = page
	for n := 0; ; n++ {
		recs, next, err := q.CanonicalEvents(context.Background(), f)
		if err != nil {
			t.Fatalf("CanonicalEvents(%+v): %v", f, err)
		}
		if len(recs) > page {
			t.Fatalf("CanonicalEvents returned %d records for limit %d", len(recs), page)
		}
		out = append(out, recs...)
		if next == "" {
			return out
		}
		if n > 10000 {
			t.Fatal("CanonicalEvents pages do not end")
		}
		f.Cursor = next
	}
}

func canonicalIDs(recs []chronicle.CanonicalEvent) []string {
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.ID
	}
	slices.Sort(ids)
	return ids
}

// testCanonical checks the canonical events of the filled store against a
// replay of the documents through the merger.
func testCanonical(t *testing.T, s chronicle.Store, docs []*chronicle.Document) {
	ctx := context.Background()
	cq, ok := s.(chronicle.CanonicalQuerier)
	if !ok {
		t.Fatalf("%T does not implement chronicle.CanonicalQuerier", s)
	}
	want, wantIDs := canonicalModel(t, docs)
	if len(want) == 0 {
		t.Fatal("the generated documents have no canonical events")
	}
	merged := 0
	for _, c := range want {
		if c.NumArticles > 1 {
			merged++
		}
	}
	t.Logf("%d canonical events, %d reported by more than one document", len(want), merged)

	t.Run("all", func(t *testing.T) {
		got := allCanonical(t, cq, chronicle.Filter{}, MaxPage)
		if len(got) != len(want) {
			t.Fatalf("%d canonical events, want %d", len(got), len(want))
		}
		for i, r := range got {
			if i > 0 && (r.Day > got[i-1].Day) {
				t.Errorf("canonical events not newest first: %s after %s", r.Day, got[i-1].Day)
			}
			w, ok := want[r.ID]
			if !ok {
				t.Errorf("canonical event %s is not in the model", r.ID)
				continue
			}
			if r.NumMentions != w.NumMentions || r.NumArticles != w.NumArticles || r.NumSources != w.NumSources {
				t.Errorf("%s: mentions/articles/sources %d/%d/%d, want %d/%d/%d", r.ID, r.NumMentions, r.NumArticles, r.NumSources, w.NumMentions, w.NumArticles, w.NumSources)
			}
			if r.Date != w.Event.Date || r.CAMEO != w.Event.CAMEO || r.Factuality != w.Event.Factuality || r.FirstSeen != w.FirstSeen || r.Day != modelDay(w) {
				t.Errorf("%s: date %q cameo %q factuality %q first seen %q day %q, want %q %q %q %q %q", r.ID, r.Date, r.CAMEO, r.Factuality, r.FirstSeen, r.Day,
					w.Event.Date, w.Event.CAMEO, w.Event.Factuality, w.FirstSeen, modelDay(w))
			}
			if !slices.Equal(r.Conflicts, w.Conflicts) {
				t.Errorf("%s: conflicts %q, want %q", r.ID, r.Conflicts, w.Conflicts)
			}
			if len(r.Mentions) != 0 {
				t.Errorf("%s: the list carries %d mentions, want none", r.ID, len(r.Mentions))
			}
		}
	})

	t.Run("events carry their canonical event", func(t *testing.T) {
		evs := allEvents(t, s, chronicle.Filter{})
		for _, e := range evs {
			ids := wantIDs[e.DocID]
			idx := slices.IndexFunc(docByID(docs, e.DocID).Events, func(x chronicle.Event) bool { return x.ID == e.ID })
			if idx < 0 || idx >= len(ids) {
				t.Fatalf("event %s of %s not in the model", e.ID, e.DocID)
			}
			if e.CanonicalID != ids[idx] {
				t.Errorf("event %s of %s: canonical %q, want %q", e.ID, e.DocID, e.CanonicalID, ids[idx])
			}
			if c, ok := want[e.CanonicalID]; ok && (e.NumMentions != c.NumMentions || e.NumArticles != c.NumArticles || e.NumSources != c.NumSources) {
				t.Errorf("event %s of %s: counts %d/%d/%d, want %d/%d/%d", e.ID, e.DocID, e.NumMentions, e.NumArticles, e.NumSources, c.NumMentions, c.NumArticles, c.NumSources)
			}
		}
	})

	t.Run("filters", func(t *testing.T) {
		for _, ff := range eventFilters(docs) {
			if ff.f.Text != "" || ff.f.Story != "" || ff.f.Document != "" {
				continue
			}
			t.Run(ff.name, func(t *testing.T) {
				var exp []string
				for id, c := range want {
					if canonicalMatch(c, ff.f) {
						exp = append(exp, id)
					}
				}
				slices.Sort(exp)
				got := canonicalIDs(allCanonical(t, cq, ff.f, 7))
				if !slices.Equal(got, exp) {
					t.Errorf("CanonicalEvents(%+v): %d ids, want %d\n got %v\nwant %v", ff.f, len(got), len(exp), got, exp)
				}
			})
		}
		t.Run("document", func(t *testing.T) {
			d := docs[3]
			var exp []string
			for _, id := range wantIDs[d.ID] {
				if id != "" && !slices.Contains(exp, id) {
					exp = append(exp, id)
				}
			}
			slices.Sort(exp)
			got := canonicalIDs(allCanonical(t, cq, chronicle.Filter{Document: d.ID}, 100))
			if !slices.Equal(got, exp) {
				t.Errorf("canonical events of document %s: %v, want %v", d.ID, got, exp)
			}
		})
		t.Run("story", func(t *testing.T) {
			st := docs[4].Story
			var exp []string
			for _, d := range docs {
				if d.Story != st {
					continue
				}
				for _, id := range wantIDs[d.ID] {
					if id != "" && !slices.Contains(exp, id) {
						exp = append(exp, id)
					}
				}
			}
			slices.Sort(exp)
			got := canonicalIDs(allCanonical(t, cq, chronicle.Filter{Story: st}, 100))
			if !slices.Equal(got, exp) {
				t.Errorf("canonical events of story %s: %v, want %v", st, got, exp)
			}
		})
		t.Run("bad input", func(t *testing.T) {
			for _, f := range []chronicle.Filter{{Limit: -1}, {CAMEO: "abc"}, {Cursor: "nonsense"}, {Since: "yesterday"}} {
				if _, _, err := cq.CanonicalEvents(ctx, f); chronicle.ErrorCode(err) != chronicle.EInvalid {
					t.Errorf("CanonicalEvents(%+v): error %v, want code %q", f, err, chronicle.EInvalid)
				}
			}
		})
	})

	t.Run("one with mentions", func(t *testing.T) {
		// The most reported event.
		var best story.Canonical
		for _, c := range want {
			if c.NumMentions > best.NumMentions || c.NumMentions == best.NumMentions && c.ID < best.ID {
				best = c
			}
		}
		got, err := cq.CanonicalEvent(ctx, best.ID)
		if err != nil {
			t.Fatalf("CanonicalEvent(%s): %v", best.ID, err)
		}
		if got.ID != best.ID || len(got.Mentions) != best.NumMentions {
			t.Fatalf("CanonicalEvent(%s): id %s with %d mentions, want %d", best.ID, got.ID, len(got.Mentions), best.NumMentions)
		}
		for i, m := range got.Mentions {
			wm := best.Mentions[i]
			d := docByID(docs, m.DocID)
			if d == nil || m.DocID != wm.DocID || m.Event != wm.Event || m.Start != wm.Start || m.End != wm.End {
				t.Errorf("mention %d: %+v, want %+v", i, m, wm)
				continue
			}
			if m.DocTitle != d.Title || m.DocURL != d.URL || m.DocDate != d.Date {
				t.Errorf("mention %d: document %q %q %q, want %q %q %q", i, m.DocTitle, m.DocURL, m.DocDate, d.Title, d.URL, d.Date)
			}
			s := d.Sentences[m.Sentence]
			if m.Text != d.Text[s.Start:s.End] {
				t.Errorf("mention %d: sentence text %q, want %q", i, m.Text, d.Text[s.Start:s.End])
			}
		}
		if _, err := cq.CanonicalEvent(ctx, "ce-no-such-event"); chronicle.ErrorCode(err) != chronicle.ENotFound {
			t.Errorf("CanonicalEvent of a missing id: error %v, want code %q", err, chronicle.ENotFound)
		}
	})
}

func docByID(docs []*chronicle.Document, id string) *chronicle.Document {
	for _, d := range docs {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// MaxPage is the largest page the conformance suite asks for.
const MaxPage = 10000

// allEvents pages through every event matching f.
func allEvents(t *testing.T, s chronicle.Store, f chronicle.Filter) []chronicle.EventRecord {
	t.Helper()
	var out []chronicle.EventRecord
	f.Limit = MaxPage
	for {
		recs, next, err := s.Events(context.Background(), f)
		if err != nil {
			t.Fatalf("Events(%+v): %v", f, err)
		}
		out = append(out, recs...)
		if next == "" {
			return out
		}
		f.Cursor = next
	}
}

// mergeDoc is an invented report for testMerge: the foreign ministers of
// Freedonia (FRD) and Sylvania (SYL) meet in a city on a day.
func mergeDoc(id, site, date, eventDate, city string) *chronicle.Document {
	text := fmt.Sprintf("The Freedonian foreign minister met her Sylvanian counterpart in %s on %s.", city, eventDate)
	return &chronicle.Document{
		ID: id, URL: "https://" + site + "/" + id, Title: "Ministers meet in " + city, Date: date, Text: text,
		Sentences: []chronicle.Sentence{{I: 0, Start: 0, End: len(text)}},
		Events: []chronicle.Event{{
			ID: "e0", Sentence: 0, Start: 0, End: len(text), PLOVER: "CONSULT", CAMEO: "036", Quad: 1, Goldstein: 4,
			Source: &chronicle.ActorRef{Text: "Freedonian foreign minister", Code: "FRDGOV", Country: "FRD"},
			Target: &chronicle.ActorRef{Text: "Sylvanian counterpart", Code: "SYLGOV", Country: "SYL"},
			Date:   eventDate, Location: &chronicle.Place{Text: city, Name: city, Country: "SYL", Resolution: "city"},
			Factuality: chronicle.FactOccurred,
		}},
	}
}

// testMerge stores reports of one event one by one: they become one
// canonical event whose counts, date and conflicts follow each new report.
func testMerge(t *testing.T, s chronicle.Store) {
	ctx := context.Background()
	cq, ok := s.(chronicle.CanonicalQuerier)
	if !ok {
		t.Fatalf("%T does not implement chronicle.CanonicalQuerier", s)
	}
	steps := []struct {
		doc                          *chronicle.Document
		articles, sources            int
		date, firstSeen, conflictHas string
	}{
		{mergeDoc("m1", "a.example", "2025-03-03", "2025-03-02", "Sylvan City"), 1, 1, "2025-03-02", "2025-03-03", ""},
		{mergeDoc("m2", "b.example", "2025-03-02", "2025-03-01", "Sylvan City"), 2, 2, "2025-03-01", "2025-03-02", "date: 2025-03-01 (1 report) vs 2025-03-02 (1 report)"},
		{mergeDoc("m3", "a.example", "2025-03-04", "2025-03-02", "Sylvan City"), 3, 2, "2025-03-02", "2025-03-02", "date: 2025-03-02 (2 reports) vs 2025-03-01 (1 report)"},
		// Another place in another country is another event.
		{mergeDoc("m4", "c.example", "2025-03-04", "2025-03-02", "Elsewhere"), 3, 2, "2025-03-02", "2025-03-02", "date: 2025-03-02 (2 reports)"},
	}
	steps[3].doc.Events[0].Location.Country = "FRD"
	var first string
	for i, st := range steps {
		if ok, err := s.PutDocument(ctx, st.doc); err != nil || !ok {
			t.Fatalf("PutDocument(%s) = %v, %v", st.doc.ID, ok, err)
		}
		evs, _, err := s.Events(ctx, chronicle.Filter{Document: "m1"})
		if err != nil || len(evs) != 1 {
			t.Fatalf("events of m1: %d, %v", len(evs), err)
		}
		if i == 0 {
			first = evs[0].CanonicalID
		}
		if evs[0].CanonicalID != first || first == "" {
			t.Fatalf("step %d: m1's canonical id %q changed from %q", i, evs[0].CanonicalID, first)
		}
		c, err := cq.CanonicalEvent(ctx, first)
		if err != nil {
			t.Fatalf("step %d: CanonicalEvent: %v", i, err)
		}
		if c.NumArticles != st.articles || c.NumSources != st.sources || c.Date != st.date || c.FirstSeen != st.firstSeen || len(c.Mentions) != st.articles {
			t.Errorf("step %d: articles %d sources %d date %s first seen %s mentions %d, want %d %d %s %s %d", i,
				c.NumArticles, c.NumSources, c.Date, c.FirstSeen, len(c.Mentions), st.articles, st.sources, st.date, st.firstSeen, st.articles)
		}
		conflicts := strings.Join(c.Conflicts, "; ")
		if st.conflictHas == "" && conflicts != "" || !strings.Contains(conflicts, st.conflictHas) {
			t.Errorf("step %d: conflicts %q, want %q", i, conflicts, st.conflictHas)
		}
	}
	all, _, err := cq.CanonicalEvents(ctx, chronicle.Filter{})
	if err != nil || len(all) != 2 {
		t.Fatalf("CanonicalEvents: %d, %v; want 2", len(all), err)
	}
	got, _, err := cq.CanonicalEvents(ctx, chronicle.Filter{Country: "FRD", Actor: "SYL"})
	if err != nil || len(got) != 2 {
		t.Errorf("CanonicalEvents(country FRD, actor SYL): %d, %v; want 2", len(got), err)
	}
	got, _, err = cq.CanonicalEvents(ctx, chronicle.Filter{Text: "Elsewhere"})
	if err != nil || len(got) != 1 || got[0].ID == first {
		t.Errorf("CanonicalEvents(text Elsewhere): %v, %v; want the other event", canonicalIDs(got), err)
	}
}

// ReportedTwice returns n generated documents, each followed by a copy on
// another site in the same story, so that every event is reported by two
// documents.
func ReportedTwice(n int, seed int64) []*chronicle.Document {
	var docs []*chronicle.Document
	for _, d := range Generate(n, seed) {
		c := *d
		c.ID += "-copy"
		c.URL = "https://copies.example/" + c.ID
		docs = append(docs, d, &c)
	}
	return docs
}

// CanonicalDump returns every canonical event of s with its mentions and
// every event's canonical id, as JSON, for comparing stores.
func CanonicalDump(t testing.TB, s chronicle.Store) string {
	t.Helper()
	ctx := context.Background()
	cq, ok := s.(chronicle.CanonicalQuerier)
	if !ok {
		t.Fatalf("%T does not implement chronicle.CanonicalQuerier", s)
	}
	var all []*chronicle.CanonicalEvent
	f := chronicle.Filter{Limit: 50}
	for {
		page, next, err := cq.CanonicalEvents(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range page {
			full, err := cq.CanonicalEvent(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, full)
		}
		if next == "" {
			break
		}
		f.Cursor = next
	}
	ids := map[string]string{}
	f = chronicle.Filter{Limit: MaxPage}
	for {
		evs, next, err := s.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			ids[e.DocID+"#"+e.ID] = e.CanonicalID
		}
		if next == "" {
			break
		}
		f.Cursor = next
	}
	b, err := json.Marshal(struct {
		Canonical []*chronicle.CanonicalEvent
		IDs       map[string]string
	}{all, ids})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TwoWriters writes documents through two stores a and b over one
// database, as two processes would, alternating between them and between
// single and batch writes: each must catch up with what the other committed,
// so the canonical events equal those of one writer (one, a store over an
// empty database of its own).
func TwoWriters(t *testing.T, a, b, one chronicle.Store) {
	ctx := context.Background()
	docs := ReportedTwice(15, 21)
	for _, d := range docs {
		if _, err := one.PutDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	want := CanonicalDump(t, one)
	type batcher interface {
		PutDocuments(ctx context.Context, docs []*chronicle.Document) (int, error)
	}
	for i, d := range docs {
		w := a
		if i%3 == 1 {
			w = b
		}
		if bw, ok := w.(batcher); ok && i%5 == 4 {
			if _, err := bw.PutDocuments(ctx, []*chronicle.Document{d}); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if _, err := w.PutDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	for name, s := range map[string]chronicle.Store{"a": a, "b": b} {
		if got := CanonicalDump(t, s); got != want {
			t.Errorf("two writers, read through %s: %s", name, DumpDiff(got, want))
		}
	}
	all, _, err := a.(chronicle.CanonicalQuerier).CanonicalEvents(ctx, chronicle.Filter{Limit: MaxPage})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		if c.NumArticles != 2 {
			t.Errorf("canonical event %s has %d articles, want 2 (the original and its copy)", c.ID, c.NumArticles)
		}
	}
}

// DumpDiff shows where two dumps of CanonicalDump first differ.
func DumpDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-200, 0)
	return "\n got ..." + got[from:min(i+200, len(got))] + "\nwant ..." + want[from:min(i+200, len(want))]
}

// Rebuild checks that a store whose canonical events are missing, as in a
// database written before they existed, recomputes all of them at its next
// write. open returns a new handle on one database each call (the store
// must have a DB() *sql.DB method); one is a store over an empty database of
// its own.
func Rebuild(t *testing.T, open func() chronicle.Store, one chronicle.Store) {
	ctx := context.Background()
	docs := ReportedTwice(10, 21)
	for _, d := range docs {
		if _, err := one.PutDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	want := CanonicalDump(t, one)
	s := open()
	for _, d := range docs[:len(docs)-1] {
		if _, err := s.PutDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	db, ok := s.(interface{ DB() *sql.DB })
	if !ok {
		t.Fatalf("%T has no DB method", s)
	}
	for _, q := range []string{`DELETE FROM canonical_events`, `UPDATE events SET canonical = 'story|2025-01-01|036|A|B'`} {
		if _, err := db.DB().ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s = open()
	defer s.Close()
	if _, err := s.PutDocument(ctx, docs[len(docs)-1]); err != nil {
		t.Fatal(err)
	}
	if got := CanonicalDump(t, s); got != want {
		t.Errorf("rebuilt: %s", DumpDiff(got, want))
	}
}

// Limit checks a store whose event merger holds fewer canonical events than
// it is given (the caller sets a small merge Limit on every handle, and one):
// writing them in batches must work (events dropped from the merger's memory
// within a batch are still written), and a second handle that takes over
// half way, and so replays the stored events, must end with the canonical
// events of one handle that wrote everything. open returns a new handle on
// one database each call; one is a store over an empty database of its own.
func Limit(t *testing.T, open func() chronicle.Store, one chronicle.Store) {
	ctx := context.Background()
	codes := []string{"FRA", "DEU", "KEN", "BRA", "JPN", "EGY", "CAN", "MEX"}
	var docs []*chronicle.Document
	day0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 1100 {
		// Each event is reported twice, by documents i and i+1.
		k := i / 2
		date := day0.AddDate(0, 0, k/2).Format("2006-01-02")
		if k%7 == 3 {
			// Late reports of an old event: among the first dropped
			// from memory, which may happen within their batch.
			date = day0.AddDate(0, 0, max(k/2-200, 0)).Format("2006-01-02")
		}
		src, tgt := codes[k%len(codes)], codes[(k/len(codes)+k+1)%len(codes)]
		if src == tgt {
			tgt = "USA"
		}
		docs = append(docs, &chronicle.Document{
			ID: fmt.Sprintf("h%04d", i), URL: fmt.Sprintf("https://site%d.example/h%04d", i%2, i), Date: date,
			Text: fmt.Sprintf("Report %d on event %d.", i, k),
			Events: []chronicle.Event{{
				ID: "e0", CAMEO: "040", PLOVER: "CONSULT", Date: date, Factuality: chronicle.FactOccurred,
				Source: &chronicle.ActorRef{Text: src, Code: src + "GOV", Country: src},
				Target: &chronicle.ActorRef{Text: tgt, Code: tgt + "GOV", Country: tgt},
			}},
		})
	}
	type batcher interface {
		PutDocuments(ctx context.Context, docs []*chronicle.Document) (int, error)
	}
	put := func(s chronicle.Store, docs []*chronicle.Document) {
		t.Helper()
		b, ok := s.(batcher)
		if !ok {
			t.Skip("the store has no PutDocuments")
		}
		for len(docs) > 0 {
			n := min(len(docs), 50)
			if _, err := b.PutDocuments(ctx, docs[:n]); err != nil {
				t.Fatal(err)
			}
			docs = docs[n:]
		}
	}
	// Documents without events between them.
	var all []*chronicle.Document
	for i, d := range docs {
		all = append(all, d)
		if i%5 == 0 {
			all = append(all, &chronicle.Document{ID: d.ID + "-none", Date: d.Date, Text: "Nothing happened."})
		}
	}
	docs = all
	put(one, docs)
	want := CanonicalDump(t, one)
	a := open()
	put(a, docs[:640])
	a.Close()
	b := open()
	defer b.Close()
	put(b, docs[640:])
	if got := CanonicalDump(t, b); got != want {
		t.Errorf("taken over half way: %s", DumpDiff(got, want))
	}
	ces, _, err := one.(chronicle.CanonicalQuerier).CanonicalEvents(ctx, chronicle.Filter{Limit: MaxPage})
	if err != nil {
		t.Fatal(err)
	}
	// 550 events, each reported twice; the two reports of a late, old
	// event may fall on both sides of a sweep and make two, and a late
	// report can meet an older event with the same actors and day.
	if len(ces) < 500 || len(ces) > 600 {
		t.Errorf("%d canonical events from 1100 documents reporting 550 events twice", len(ces))
	}
}
