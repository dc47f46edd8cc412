package geo

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
)

func builtin(tb testing.TB) *Gazetteer {
	tb.Helper()
	g, err := Builtin()
	if err != nil {
		tb.Fatalf("Builtin: %v", err)
	}
	return g
}

// checkName compares a resolved place with an expected "Name" or
// "Name@feature".
func checkName(p *chronicle.Place, want string) bool {
	if want == "" {
		return true
	}
	name, feature, _ := strings.Cut(want, "@")
	if NormKey(p.Name) != NormKey(name) {
		return false
	}
	return feature == "" || p.Feature == feature
}

func describe(p *chronicle.Place) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprintf("%q -> %s %q (%s, %s) %.2f,%.2f", p.Text, p.Country, p.Name, p.Feature, p.Resolution, p.Lat, p.Lon)
}

// TestPlacesCorpus resolves every place mention of testdata/places.txt and
// requires an accuracy of at least 0.9.
func TestPlacesCorpus(t *testing.T) {
	for _, c := range corpora() {
		t.Run(c, func(t *testing.T) { testPlaces(t, c) })
	}
}

// corpora are the test corpora: places.txt, written with the resolver,
// and holdout.txt, written after it.
func corpora() []string { return []string{"testdata/places.txt", "testdata/holdout.txt"} }

func testPlaces(t *testing.T, path string) {
	g := builtin(t)
	docs := parseCorpus(t, path)
	total, right := 0, 0
	for _, td := range docs {
		if err := g.Annotate(context.Background(), td.doc); err != nil {
			t.Fatalf("line %d: Annotate: %v", td.line, err)
		}
		for _, w := range td.places {
			total++
			var got *chronicle.Place
			for i := range td.doc.Places {
				p := &td.doc.Places[i]
				if p.Start < w.end && p.End > w.start {
					got = p
					break
				}
			}
			ok := false
			switch {
			case got == nil:
			case w.country == "-":
				ok = got.Resolution == ResolutionUnknown && got.Text != ""
			default:
				ok = got.Country == w.country && checkName(got, w.name)
			}
			if ok {
				right++
			} else {
				t.Logf("line %d: %q: got %s, want %s %s", td.line, w.text, describe(got), w.country, w.name)
			}
		}
	}
	if total < 150 && strings.HasSuffix(path, "places.txt") {
		t.Errorf("corpus has %d place mentions, want at least 150", total)
	}
	acc := float64(right) / float64(total)
	t.Logf("place resolution accuracy: %d/%d = %.3f", right, total, acc)
	if acc < 0.9 {
		t.Errorf("place resolution accuracy %.3f, want >= 0.9", acc)
	}
}

// TestEventLocationCorpus checks the event locations of the corpus.
func TestEventLocationCorpus(t *testing.T) {
	for _, c := range corpora() {
		t.Run(c, func(t *testing.T) { testLocations(t, c) })
	}
}

func testLocations(t *testing.T, path string) {
	g := builtin(t)
	docs := parseCorpus(t, path)
	total, right := 0, 0
	for _, td := range docs {
		if err := g.Annotate(context.Background(), td.doc); err != nil {
			t.Fatalf("line %d: Annotate: %v", td.line, err)
		}
		for _, w := range td.locs {
			if w.country == "" {
				t.Fatalf("line %d: trigger without an expected location", td.line)
			}
			total++
			got := g.EventLocation(td.doc, w.sent, w.trigger)
			ok := false
			switch {
			case w.country == "nil":
				ok = got == nil
			case got == nil:
			case w.country == "-":
				ok = got.Resolution == ResolutionUnknown
			default:
				ok = got.Country == w.country && checkName(got, w.name)
			}
			if ok {
				right++
			} else {
				trig := td.doc.Sentences[w.sent].Tokens[w.trigger].Text
				t.Logf("line %d: location of %q: got %s, want %s %s", w.line, trig, describe(got), w.country, w.name)
			}
		}
	}
	if total < 50 && strings.HasSuffix(path, "places.txt") {
		t.Errorf("corpus has %d event locations, want at least 50", total)
	}
	acc := float64(right) / float64(total)
	t.Logf("event location accuracy: %d/%d = %.3f", right, total, acc)
	if acc < 0.9 {
		t.Errorf("event location accuracy %.3f, want >= 0.9", acc)
	}
}

func BenchmarkLoadBuiltin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(bytes.NewReader(builtinData)); err != nil {
			b.Fatal(err)
		}
	}
}
