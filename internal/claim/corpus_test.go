package claim

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/testutil"
	"github.com/chronicle-news/chronicle/internal/timex"
)

var isoValueRE = regexp.MustCompile(`^(?:\d{4}(?:-\d\d(?:-\d\d)?|-W\d\d)?)?(?:/(?:\d{4}(?:-\d\d(?:-\d\d)?)?)?)?$`)

// TestSharedCorpus runs dates, quotes and claims over the shared VOA
// stories (without entities) and checks what must hold for any text: valid
// offsets, well-formed ISO values, ranges in order. It logs the counts; run
// with -v to see them.
func TestSharedCorpus(t *testing.T) {
	path := testutil.SharedFile(t, "data/voa-2025/voa_stories.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 8<<20)
	var docs, dates, quotes, claims, unresolved int
	for sc.Scan() {
		var in struct {
			ID, Published, Text string
		}
		if err := json.Unmarshal(sc.Bytes(), &in); err != nil {
			t.Fatalf("line %d: %v", docs+1, err)
		}
		pub, _, err := timex.ParsePubDate(in.Published)
		if err != nil {
			t.Fatalf("story %s: %v", in.ID, err)
		}
		doc := newDoc(in.Text, pub.Format("2006-01-02"))
		doc.ID = in.ID
		annotate(t, doc)
		docs++
		checkDoc(t, doc)
		dates += len(doc.Dates)
		quotes += len(doc.Quotes)
		claims += len(doc.Claims)
		for _, d := range doc.Dates {
			if d.Value == "" {
				unresolved++
			}
		}
		if len(doc.Dates) == 0 {
			t.Errorf("story %s: no dates found", in.ID)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d stories: %d dates (%d unresolved), %d quotes, %d claims", docs, dates, unresolved, quotes, claims)
}

func checkDoc(t *testing.T, doc *chronicle.Document) {
	t.Helper()
	span := func(kind string, start, end int, text string) {
		if start < 0 || end > len(doc.Text) || start > end || doc.Text[start:end] != text {
			t.Errorf("story %s: %s [%d,%d) %q does not match the text", doc.ID, kind, start, end, text)
		}
	}
	for _, d := range doc.Dates {
		span("date", d.Start, d.End, d.Text)
		if !isoValueRE.MatchString(d.Value) {
			t.Errorf("story %s: date %q has value %q", doc.ID, d.Text, d.Value)
		}
	}
	for _, q := range doc.Quotes {
		span("quote", q.Start, q.End, q.Text)
		if q.Text == "" || q.EndSent < q.Sentence {
			t.Errorf("story %s: bad quote %+v", doc.ID, q)
		}
	}
	for _, c := range doc.Claims {
		span("claim", c.Start, c.End, c.Text)
		if q := c.Quantity; q != nil && q.Low > q.High {
			t.Errorf("story %s: claim %q low %g > high %g", doc.ID, c.Text, q.Low, q.High)
		}
	}
}

// BenchmarkSharedCorpus runs the three stages this package and its
// neighbours own (dates, quotes, claims) over the pre-segmented VOA stories;
// ns/op is for the whole corpus.
func BenchmarkSharedCorpus(b *testing.B) {
	path := testutil.SharedFile(b, "data/voa-2025/voa_stories.jsonl")
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	var docs []*chronicle.Document
	var size int64
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 1<<20), 8<<20)
	for sc.Scan() {
		var in struct{ Published, Text string }
		if err := json.Unmarshal(sc.Bytes(), &in); err != nil {
			b.Fatal(err)
		}
		pub, _, _ := timex.ParsePubDate(in.Published)
		docs = append(docs, newDoc(in.Text, pub.Format("2006-01-02")))
		size += int64(len(in.Text))
	}
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			annotate(b, d)
		}
	}
	b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
