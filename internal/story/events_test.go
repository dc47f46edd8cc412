package story

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
)

// ev builds a coded event: source and target codes, CAMEO code, date and
// place ("" for none; "Paris/FRA" a city, "FRA" a country).
func ev(src, tgt, cameo, date, place string) chronicle.Event {
	e := chronicle.Event{CAMEO: cameo, Date: date, Factuality: chronicle.FactOccurred}
	if src != "" {
		e.Source = &chronicle.ActorRef{Text: src, Code: src}
	}
	if tgt != "" {
		e.Target = &chronicle.ActorRef{Text: tgt, Code: tgt}
	}
	if place != "" {
		if city, country, ok := strings.Cut(place, "/"); ok {
			e.Location = &chronicle.Place{Text: city, Name: city, Country: country, Resolution: "city"}
		} else {
			e.Location = &chronicle.Place{Text: place, Name: place, Country: place, Resolution: "country"}
		}
	}
	return e
}

func doc(id, date, site, story string, evs ...chronicle.Event) *chronicle.Document {
	return &chronicle.Document{ID: id, Date: date, URL: "https://" + site + "/" + id, Story: story, Events: evs}
}

// groups returns the documents of each canonical event as sorted
// "doc+doc" strings, sorted.
func groups(cs []Canonical) []string {
	var out []string
	for _, c := range cs {
		var ids []string
		for _, m := range c.Mentions {
			ids = append(ids, m.DocID)
		}
		slices.Sort(ids)
		out = append(out, strings.Join(ids, "+"))
	}
	slices.Sort(out)
	return out
}

func TestMergeRules(t *testing.T) {
	tests := []struct {
		name string
		opts MergeOptions
		docs []*chronicle.Document
		want []string
	}{
		{
			name: "same event on three sites",
			docs: []*chronicle.Document{
				doc("a", "2025-03-02", "one.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "Paris/FRA")),
				doc("b", "2025-03-02", "two.example", "", ev("FRAGOV", "DEUGOV", "042", "2025-03-02", "Paris/FRA")),
				doc("c", "2025-03-03", "three.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-03", "FRA")),
			},
			want: []string{"a+b+c"},
		},
		{
			name: "dates two days apart",
			docs: []*chronicle.Document{
				doc("a", "2025-03-02", "one.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "")),
				doc("b", "2025-03-04", "two.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-04", "")),
			},
			want: []string{"a", "b"},
		},
		{
			name: "no chain of one-day steps",
			docs: []*chronicle.Document{
				doc("a", "2025-03-02", "one.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "")),
				doc("b", "2025-03-02", "two.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "")),
				doc("c", "2025-03-03", "three.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-03", "")),
				doc("d", "2025-03-04", "four.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-04", "")),
			},
			want: []string{"a+b+c", "d"},
		},
		{
			name: "different root, source or target",
			docs: []*chronicle.Document{
				doc("a", "2025-03-02", "one.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "")),
				doc("b", "2025-03-02", "two.example", "", ev("FRAGOV", "DEUGOV", "057", "2025-03-02", "")),
				doc("c", "2025-03-02", "two.example", "", ev("DEUGOV", "FRAGOV", "040", "2025-03-02", "")),
				doc("d", "2025-03-02", "two.example", "", ev("FRA", "DEUGOV", "040", "2025-03-02", "")),
			},
			want: []string{"a", "b", "c", "d"},
		},
		{
			name: "different cities",
			docs: []*chronicle.Document{
				doc("a", "2025-03-02", "one.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "Paris/FRA")),
				doc("b", "2025-03-02", "two.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "Lyon/FRA")),
			},
			want: []string{"a", "b"},
		},
		{
			name: "different countries",
			docs: []*chronicle.Document{
				doc("a", "2025-03-02", "one.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "FRA")),
				doc("b", "2025-03-02", "two.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "Berlin/DEU")),
				doc("c", "2025-03-02", "three.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "")),
			},
			want: []string{"a+c", "b"},
		},
		{
			name: "stories keep events apart",
			docs: []*chronicle.Document{
				doc("a", "2025-03-02", "one.example", "s1", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "")),
				doc("b", "2025-03-02", "two.example", "s2", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "")),
				doc("c", "2025-03-03", "two.example", "s1", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "")),
			},
			want: []string{"a+c", "b"},
		},
		{
			name: "across stories",
			opts: MergeOptions{AcrossStories: true},
			docs: []*chronicle.Document{
				doc("a", "2025-03-02", "one.example", "s1", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", ""), ev("FRA", "DEU", "030", "2025", "")),
				doc("b", "2025-03-02", "two.example", "s2", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", ""), ev("FRA", "DEU", "030", "2025", "")),
				doc("c", "2025-03-20", "two.example", "s3", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "")),
			},
			want: []string{"a", "a+b", "b", "c"},
		},
		{
			name: "publication window without stories",
			docs: []*chronicle.Document{
				doc("a", "2025-03-02", "one.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "")),
				doc("b", "2025-03-20", "two.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "")),
			},
			want: []string{"a", "b"},
		},
		{
			name: "vague dates merge only within a story",
			docs: []*chronicle.Document{
				doc("a", "2025-03-02", "one.example", "s1", ev("FRA", "DEU", "030", "2025", "")),
				doc("b", "2025-03-02", "two.example", "s1", ev("FRA", "DEU", "030", "2025", "")),
				doc("c", "2025-03-02", "two.example", "s2", ev("FRA", "DEU", "030", "2025", "")),
				doc("d", "2025-03-02", "three.example", "", ev("FRA", "DEU", "030", "2025", "")),
			},
			want: []string{"a+b", "c", "d"},
		},
		{
			name: "a missing target merges only within a story",
			docs: []*chronicle.Document{
				doc("a", "2025-03-02", "one.example", "s1", ev("FRA", "", "190", "2025-03-02", "")),
				doc("b", "2025-03-02", "two.example", "s1", ev("FRA", "", "190", "2025-03-02", "")),
				doc("c", "2025-03-02", "two.example", "", ev("FRA", "", "190", "2025-03-02", "")),
			},
			want: []string{"a+b", "c"},
		},
		{
			name: "a month refines a day in the same story",
			docs: []*chronicle.Document{
				doc("a", "2025-03-02", "one.example", "s1", ev("FRA", "DEU", "190", "2025-03-02", "")),
				doc("b", "2025-03-02", "two.example", "s1", ev("FRA", "DEU", "190", "2025-03", "")),
				doc("c", "2025-03-02", "two.example", "s1", ev("FRA", "DEU", "190", "2025-04", "")),
			},
			want: []string{"a+b", "c"},
		},
		{
			name: "events without a code are skipped",
			docs: []*chronicle.Document{
				doc("a", "2025-03-02", "one.example", "", ev("FRA", "DEU", "", "2025-03-02", "")),
			},
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Merge(tt.docs, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if g := groups(got); !reflect.DeepEqual(g, tt.want) {
				t.Errorf("groups = %q, want %q", g, tt.want)
			}
		})
	}
}

func TestReconcile(t *testing.T) {
	docs := []*chronicle.Document{
		doc("a", "2025-03-03", "one.example", "", ev("FRAGOV", "DEUGOV", "042", "2025-03-03", "FRA")),
		doc("b", "2025-03-02", "two.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "Paris/FRA")),
		doc("c", "2025-03-02", "www.Two.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "FRA"),
			ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "FRA")),
		doc("d", "2025-03-04", "three.example", "", ev("FRAGOV", "DEUGOV", "042", "2025-03-03", "")),
	}
	docs[3].Events[0].Factuality = chronicle.FactReported
	got, err := Merge(docs, MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("got %d events, want 1: %q", len(got), groups(got))
	}
	c := got[0]
	checks := []struct{ name, got, want string }{
		{"date", c.Event.Date, "2025-03-02"},
		{"place", c.Event.Location.Name, "Paris"},
		{"cameo", c.Event.CAMEO, "040"},
		{"factuality", c.Event.Factuality, chronicle.FactOccurred},
		{"first seen", c.FirstSeen, "2025-03-02"},
		{"id", c.Event.ID, c.ID},
		{"representative", c.Mentions[c.Rep].CAMEO, "040"},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %q, want %q", ch.name, ch.got, ch.want)
		}
	}
	if c.NumMentions != 5 || c.NumArticles != 4 || c.NumSources != 3 {
		t.Errorf("mentions, articles, sources = %d, %d, %d, want 5, 4, 3", c.NumMentions, c.NumArticles, c.NumSources)
	}
	// a and d both say 2025-03-03: a tie with b and c (2025-03-02) goes to
	// the earlier date. The country-level places only refine Paris.
	want := []string{
		"date: 2025-03-02 (2 reports) vs 2025-03-03 (2 reports)",
		"cameo: 040 (2 reports) vs 042 (2 reports)",
		"factuality: occurred (3 reports) vs reported (1 report)",
	}
	if !reflect.DeepEqual(c.Conflicts, want) {
		t.Errorf("conflicts = %q\nwant %q", c.Conflicts, want)
	}
}

func TestPlaceConflictVisible(t *testing.T) {
	m := NewMerger(MergeOptions{})
	// Paris is reconciled first; an unknown place joins; a report placing it
	// in Germany cannot join and starts its own event.
	for _, d := range []*chronicle.Document{
		doc("a", "2025-03-02", "one.example", "s", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "Paris/FRA")),
		doc("b", "2025-03-02", "two.example", "s", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "")),
		doc("c", "2025-03-02", "three.example", "s", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", "Berlin/DEU")),
	} {
		if _, err := m.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	if m.Len() != 2 {
		t.Fatalf("got %d events, want 2", m.Len())
	}
	for _, c := range m.Canonical() {
		if len(c.Conflicts) != 0 {
			t.Errorf("%s: unexpected conflicts %q", c.ID, c.Conflicts)
		}
	}
}

func TestMergeDeterministic(t *testing.T) {
	var docs []*chronicle.Document
	rng := rand.New(rand.NewPCG(1, 2))
	codes := []string{"FRAGOV", "DEUGOV", "KENGOV"}
	for i := range 200 {
		day := 1 + rng.IntN(9)
		date := "2025-03-0" + string(rune('0'+day))
		var evs []chronicle.Event
		for range 1 + rng.IntN(3) {
			evs = append(evs, ev(codes[rng.IntN(3)], codes[rng.IntN(3)], []string{"040", "042", "190"}[rng.IntN(3)], date,
				[]string{"", "FRA", "Paris/FRA", "Lyon/FRA"}[rng.IntN(4)]))
		}
		docs = append(docs, doc("d"+string(rune('a'+i%26))+string(rune('a'+i/26)), date, []string{"x.example", "y.example"}[rng.IntN(2)], "", evs...))
	}
	first, err := Merge(docs, MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		shuffled := slices.Clone(docs)
		rand.New(rand.NewPCG(uint64(i), 9)).Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
		again, err := Merge(shuffled, MergeOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(first, again) {
			t.Fatalf("shuffle %d: different result", i)
		}
	}
	// Every mention is in exactly one event, and every event respects the
	// rules against its reconciled values.
	n := 0
	for _, c := range first {
		n += len(c.Mentions)
		for _, m := range c.Mentions {
			if cameoRoot(m.CAMEO) != cameoRoot(c.Event.CAMEO) {
				t.Errorf("%s: mention root %s, event %s", c.ID, m.CAMEO, c.Event.CAMEO)
			}
			if !placesCompatible(m.Place, c.Event.Location) {
				t.Errorf("%s: mention place %v, event %v", c.ID, m.Place, c.Event.Location)
			}
		}
	}
	total := 0
	for _, d := range docs {
		total += len(d.Events)
	}
	if n != total {
		t.Errorf("%d mentions, want %d", n, total)
	}
}

func TestMergerAdd(t *testing.T) {
	m := NewMerger(MergeOptions{})
	d := doc("a", "2025-03-02", "one.example", "", ev("FRAGOV", "DEUGOV", "040", "2025-03-02", ""), ev("", "", "", "", ""))
	ids, err := m.Add(d)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 2 || ids[0] == "" || ids[1] != "" {
		t.Fatalf("ids = %q", ids)
	}
	again, err := m.Add(d)
	if err != nil || !reflect.DeepEqual(again, ids) || m.Len() != 1 {
		t.Errorf("re-adding: ids %q, err %v, %d events", again, err, m.Len())
	}
	if c, ok := m.Get(ids[0]); !ok || c.NumMentions != 1 {
		t.Errorf("Get(%s) = %+v, %v", ids[0], c, ok)
	}
	for _, bad := range []*chronicle.Document{nil, {Title: "untitled"}} {
		if _, err := m.Add(bad); err == nil {
			t.Errorf("Add(%v): no error", bad)
		}
	}
}

// TestMergerLimit adds a year of daily reports, in shuffled order, to a
// merger that holds at most 400 events: it never holds more; a second report
// of one of the newest events still merges, and one of a dropped old event
// starts a new canonical event.
func TestMergerLimit(t *testing.T) {
	const limit, perDay = 400, 10
	m := NewMerger(MergeOptions{Limit: limit})
	day0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	days := rand.New(rand.NewPCG(1, 2)).Perm(365)
	first := map[string]string{} // document -> canonical id of its event
	for _, d := range days {
		date := day0.AddDate(0, 0, d).Format("2006-01-02")
		for k := range perDay {
			id := fmt.Sprintf("d%d-%d", d, k)
			ids, err := m.Add(doc(id, date, "one.example", "", ev(fmt.Sprintf("C%03d", k), fmt.Sprintf("T%03d", d), "040", date, "")))
			if err != nil {
				t.Fatal(err)
			}
			first[id] = ids[0]
			if m.Len() > limit {
				t.Fatalf("the merger holds %d events, more than its limit %d", m.Len(), limit)
			}
		}
	}
	if m.Dropped() == 0 || m.Dropped()+m.Len() != 365*perDay {
		t.Errorf("dropped %d, holds %d, created %d", m.Dropped(), m.Len(), 365*perDay)
	}
	// Events dropped since the last Release stay readable until it.
	readable := func() int {
		n := 0
		for _, id := range first {
			if _, ok := m.Get(id); ok {
				n++
			}
		}
		return n
	}
	before := readable()
	m.Release()
	if after := readable(); before <= after || after != m.Len() {
		t.Errorf("%d events readable before Release, %d after, %d held", before, after, m.Len())
	}
	last := day0.AddDate(0, 0, 364).Format("2006-01-02")
	ids, _ := m.Add(doc("again-recent", last, "two.example", "", ev("C003", "T364", "040", last, "")))
	if ids[0] != first["d364-3"] {
		t.Errorf("a second report of one of the newest events made %q, want %q", ids[0], first["d364-3"])
	}
	old := day0.AddDate(0, 0, 2).Format("2006-01-02")
	ids, _ = m.Add(doc("again-old", old, "two.example", "", ev("C003", "T002", "040", old, "")))
	if ids[0] == "" || ids[0] == first["d2-3"] {
		t.Errorf("a report of a dropped event joined %q", ids[0])
	}
}

func TestDateSpan(t *testing.T) {
	tests := []struct {
		in      string
		lo, hi  string
		precise bool
	}{
		{"2025-03-02", "2025-03-02", "2025-03-02", true},
		{"2025-03", "2025-03-01", "2025-03-31", false},
		{"2024", "2024-01-01", "2024-12-31", false},
		{"2019/2021", "2019-01-01", "2021-12-31", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			lo, hi, p := dateSpan(tt.in)
			wlo, _ := parseDay(tt.lo)
			whi, _ := parseDay(tt.hi)
			if lo != wlo || hi != whi || p != tt.precise {
				t.Errorf("dateSpan(%q) = %d, %d, %v, want %d, %d, %v", tt.in, lo, hi, p, wlo, whi, tt.precise)
			}
		})
	}
	for _, in := range []string{"", "soon", "2019/", "2025-13-45", "2021/2019"} {
		if _, _, p := dateSpan(in); p {
			t.Errorf("dateSpan(%q) precise", in)
		}
	}
}

// FuzzMerge feeds arbitrary dates, codes and places to the merger: it must
// not panic, and every event must come out in exactly one canonical event.
func FuzzMerge(f *testing.F) {
	f.Add("2025-03-02", "2025-03", "040", "04", "FRA", "")
	f.Add("2019/", "", "1", "190", "", "x")
	f.Fuzz(func(t *testing.T, d1, d2, c1, c2, p1, p2 string) {
		docs := []*chronicle.Document{
			doc("a", d1, "one.example", "", ev("A", "B", c1, d1, p1), ev("A", "B", c2, d2, p2)),
			doc("b", d2, "two.example", "", ev("A", "B", c2, d2, p1), ev("A", "", c1, d1, p2)),
		}
		got, err := Merge(docs, MergeOptions{})
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, d := range docs {
			for _, e := range d.Events {
				if cameoRoot(e.CAMEO) != "" {
					want++
				}
			}
		}
		n := 0
		for _, c := range got {
			n += c.NumMentions
		}
		if n != want {
			t.Errorf("%d mentions, want %d", n, want)
		}
	})
}
