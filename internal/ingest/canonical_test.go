package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/segment"
	"github.com/chronicle-news/chronicle/internal/sqlite"
	"github.com/chronicle-news/chronicle/internal/story/corpus"
)

// reportCoder codes sentences of the invented form "Freedonia met Sylvania
// in Sylvan City on 2025-03-02." into one event each: the actors are the
// first three letters of the country names with GOV, the place is in the
// target's country.
type reportCoder struct{}

var reportRE = regexp.MustCompile(`(\w+) (met|attacked) (\w+) in ([\w ]+) on (\d{4}-\d{2}-\d{2})`)

func (reportCoder) Code(_ context.Context, doc *chronicle.Document) error {
	doc.Sentences = segment.Segment(doc.Text)
	for _, s := range doc.Sentences {
		m := reportRE.FindStringSubmatch(doc.Text[s.Start:s.End])
		if m == nil {
			continue
		}
		src, tgt := strings.ToUpper(m[1][:3]), strings.ToUpper(m[3][:3])
		cameo, plover := "036", "CONSULT"
		if m[2] == "attacked" {
			cameo, plover = "190", "ASSAULT"
		}
		doc.Events = append(doc.Events, chronicle.Event{
			ID: "e" + string(rune('0'+len(doc.Events))), Sentence: s.I, Start: s.Start, End: s.End, PLOVER: plover, CAMEO: cameo,
			Source: &chronicle.ActorRef{Text: m[1], Code: src + "GOV", Country: src},
			Target: &chronicle.ActorRef{Text: m[3], Code: tgt + "GOV", Country: tgt},
			Date:   m[5], Location: &chronicle.Place{Text: m[4], Name: m[4], Country: tgt, Resolution: "city"},
			Factuality: chronicle.FactOccurred,
		})
	}
	return nil
}

// openSQLite opens a SQLite store at path.
func openSQLite(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// allCanonical returns every canonical event of s with its mentions.
func allCanonical(t *testing.T, s *sqlite.Store) []*chronicle.CanonicalEvent {
	t.Helper()
	ctx := context.Background()
	var out []*chronicle.CanonicalEvent
	f := chronicle.Filter{Limit: 1000}
	for {
		page, next, err := s.CanonicalEvents(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range page {
			full, err := s.CanonicalEvent(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, full)
		}
		if next == "" {
			return out
		}
		f.Cursor = next
	}
}

// TestTwoReportsOneEvent ingests two reports of one invented meeting that
// disagree on its day: they become one canonical event reported by two
// articles, with the disagreement kept visible.
func TestTwoReportsOneEvent(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, d := range []map[string]string{
		{"id": "first", "url": "https://a.example/first", "date": "2025-03-03", "title": "Ministers meet",
			"text": "Freedonia met Sylvania in Sylvan City on 2025-03-02. Talks went on late."},
		{"id": "second", "url": "https://b.example/second", "date": "2025-03-03", "title": "A meeting in Sylvan City",
			"text": "In a short statement, officials said Freedonia met Sylvania in Sylvan City on 2025-03-01."},
		{"id": "other", "url": "https://b.example/other", "date": "2025-03-03", "title": "A clash",
			"text": "Freedonia attacked Sylvania in Port Sylva on 2025-03-01."},
	} {
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "reports.jsonl")
	writeFile(t, path, b.Bytes())
	s := openSQLite(t, filepath.Join(dir, "c.db"))
	defer s.Close()
	var errs bytes.Buffer
	in := newTestIngester(s, &errs)
	in.Coder = reportCoder{}
	in.Stories = newStoryIndex(t)
	st, err := in.Run(context.Background(), []string{path})
	if err != nil || st.Stored != 3 {
		t.Fatalf("ingest: %+v, %v (%s)", st, err, errs.String())
	}
	all := allCanonical(t, s)
	if len(all) != 2 {
		t.Fatalf("%d canonical events, want 2 (the meeting and the clash)", len(all))
	}
	var meeting *chronicle.CanonicalEvent
	for _, c := range all {
		if c.CAMEO == "036" {
			meeting = c
		}
	}
	if meeting == nil {
		t.Fatal("no canonical meeting")
	}
	if meeting.NumArticles != 2 || meeting.NumSources != 2 || meeting.NumMentions != 2 {
		t.Errorf("meeting: %d articles %d sources %d mentions, want 2 each", meeting.NumArticles, meeting.NumSources, meeting.NumMentions)
	}
	// A tie between two days goes to the earlier one, and stays visible.
	if meeting.Date != "2025-03-01" {
		t.Errorf("meeting date %s, want 2025-03-01", meeting.Date)
	}
	if len(meeting.Conflicts) != 1 || !strings.HasPrefix(meeting.Conflicts[0], "date: ") ||
		!strings.Contains(meeting.Conflicts[0], "2025-03-01") || !strings.Contains(meeting.Conflicts[0], "2025-03-02") {
		t.Errorf("meeting conflicts %q, want the two dates", meeting.Conflicts)
	}
	docs := map[string]bool{}
	for _, m := range meeting.Mentions {
		docs[m.DocID] = true
		if !strings.Contains(m.Text, "Freedonia met Sylvania") {
			t.Errorf("mention in %s: sentence %q is not the evidence", m.DocID, m.Text)
		}
	}
	if !docs["first"] || !docs["second"] {
		t.Errorf("meeting mentions in %v, want first and second", docs)
	}
	evs, _, err := s.Events(context.Background(), chronicle.Filter{CAMEO: "036"})
	if err != nil || len(evs) != 2 {
		t.Fatalf("events: %d, %v", len(evs), err)
	}
	for _, e := range evs {
		if e.CanonicalID != meeting.ID || e.NumArticles != 2 {
			t.Errorf("event of %s: canonical %s with %d articles, want %s with 2", e.DocID, e.CanonicalID, e.NumArticles, meeting.ID)
		}
	}
}

// TestCanonicalEventsSurviveResume ingests a generated corpus with
// independent reports of the same events once in one run and once
// interrupted and resumed by a new ingester on a reopened store: the
// canonical events are identical, and they match the generator's truth.
func TestCanonicalEventsSurviveResume(t *testing.T) {
	arts := corpus.Generate(corpus.Options{Articles: 300, Seed: 9, DupShare: 0.3, Retell: 0.3, Days: 30})
	byID := map[string]corpus.Article{}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, a := range arts {
		byID[a.ID] = a
		enc.Encode(map[string]string{"id": a.ID, "url": a.URL, "date": a.Date, "title": a.Title, "source": a.Source, "text": a.Text})
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "corpus.jsonl")
	writeFile(t, path, b.Bytes())
	var errs bytes.Buffer
	run := func(ctx context.Context, s *sqlite.Store, delay time.Duration) (Stats, error) {
		in := newTestIngester(s, &errs)
		in.Coder = truthCoder{byID, delay}
		in.Stories = newStoryIndex(t)
		in.BatchSize = 8
		return in.Run(ctx, []string{path})
	}

	full := openSQLite(t, filepath.Join(dir, "full.db"))
	defer full.Close()
	if st, err := run(context.Background(), full, 0); err != nil || st.Stored != len(arts) {
		t.Fatalf("uninterrupted run: %+v, %v", st, err)
	}
	want := allCanonical(t, full)

	// Pairwise precision and recall of "same event" against the truth.
	tp, fp, fn := 0, 0, 0
	canonOf := map[string]string{}
	for _, c := range want {
		for _, m := range c.Mentions {
			canonOf[m.DocID] = c.ID
		}
	}
	for i, a := range arts {
		for _, o := range arts[i+1:] {
			same, truth := canonOf[a.ID] == canonOf[o.ID], a.EventID == o.EventID
			switch {
			case same && truth:
				tp++
			case same:
				fp++
			case truth:
				fn++
			}
		}
	}
	p, r := float64(tp)/float64(max(tp+fp, 1)), float64(tp)/float64(max(tp+fn, 1))
	t.Logf("%d articles, %d canonical events through the store: pair precision %.3f recall %.3f", len(arts), len(want), p, r)
	if p < 0.9 || r < 0.9 {
		t.Errorf("canonical precision %.3f recall %.3f, want >= 0.9", p, r)
	}

	dbPath := filepath.Join(dir, "resumed.db")
	s := openSQLite(t, dbPath)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		defer cancel()
		for {
			var n int
			if err := s.DB().QueryRow(`SELECT COUNT(*) FROM documents`).Scan(&n); err != nil || n >= 100 {
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	st, err := run(ctx, s, time.Millisecond)
	if err != nil && !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	t.Logf("interrupted after %d of %d documents", st.Stored, len(arts))
	s.Close()
	s = openSQLite(t, dbPath)
	defer s.Close()
	if _, err := run(context.Background(), s, 0); err != nil {
		t.Fatal(err)
	}
	got := allCanonical(t, s)
	wb, _ := json.Marshal(want)
	gb, _ := json.Marshal(got)
	if !bytes.Equal(wb, gb) {
		t.Errorf("canonical events after resuming (%d) differ from an uninterrupted run (%d) after %d documents", len(got), len(want), st.Stored)
	}
}
