// Package testdoc builds documents for the tests of the stages that run
// after segmentation: sentences and tokens from the segmenter, entities marked
// by their text.
package testdoc

import (
	"os"
	"sort"
	"strings"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/segment"
)

// Doc builds a test document with sentences and tokens from the segmenter
// (tokens unparsed and untagged, as before the nlp stage).
func Doc(text, date string) *chronicle.Document {
	return &chronicle.Document{ID: "test", Text: text, Date: date, Sentences: segment.Segment(text)}
}

// Ent is an entity to mark in a test document: every occurrence of Text
// inside one sentence gets one, with Country the code's first three letters.
type Ent struct{ Text, Type, Code string }

// MarkEntities marks every occurrence of each entity's text in doc and keeps
// doc.Entities in text order. With skipOverlap, an occurrence overlapping an
// entity marked before is left out ("Vela" inside "President Carlos Vela").
func MarkEntities(doc *chronicle.Document, skipOverlap bool, ents ...Ent) {
	for _, e := range ents {
		for off := 0; ; {
			i := strings.Index(doc.Text[off:], e.Text)
			if i < 0 {
				break
			}
			s, t := off+i, off+i+len(e.Text)
			off = t
			si := -1
			for k, sent := range doc.Sentences {
				if s >= sent.Start && t <= sent.End {
					si = k
				}
			}
			if si < 0 || (skipOverlap && overlaps(doc, s, t)) {
				continue
			}
			country := ""
			if len(e.Code) >= 3 {
				country = e.Code[:3]
			}
			doc.Entities = append(doc.Entities, chronicle.Entity{Text: e.Text, Type: e.Type, Start: s, End: t,
				Sentence: si, Name: e.Text, Code: e.Code, Country: country})
		}
	}
	sort.Slice(doc.Entities, func(a, b int) bool { return doc.Entities[a].Start < doc.Entities[b].Start })
}

func overlaps(doc *chronicle.Document, s, t int) bool {
	for _, e := range doc.Entities {
		if s < e.End && e.Start < t {
			return true
		}
	}
	return false
}

// ReadPassage reads an invented test passage: header lines "# date: D" and
// "# entity: TEXT|TYPE|CODE", a blank line, then the text. The entities are
// marked as MarkEntities does.
func ReadPassage(tb testing.TB, path string, skipOverlap bool) *chronicle.Document {
	tb.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	head, text, _ := strings.Cut(string(raw), "\n\n")
	var date string
	var ents []Ent
	for _, line := range strings.Split(head, "\n") {
		if v, ok := strings.CutPrefix(line, "# date: "); ok {
			date = v
		}
		if v, ok := strings.CutPrefix(line, "# entity: "); ok {
			f := strings.Split(v, "|")
			if len(f) != 3 {
				tb.Fatalf("%s: bad entity line %q", path, line)
			}
			ents = append(ents, Ent{Text: f[0], Type: f[1], Code: f[2]})
		}
	}
	doc := Doc(text, date)
	MarkEntities(doc, skipOverlap, ents...)
	return doc
}

// Golden compares got with the .golden file beside the passage file
// passage (its ".txt" replaced), or rewrites that file when update is set.
// What names the output in the failure message ("quotes", "dates").
func Golden(tb testing.TB, passage, got string, update bool, what string) {
	tb.Helper()
	golden := strings.TrimSuffix(passage, ".txt") + ".golden"
	if update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		tb.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if got != string(want) {
		tb.Errorf("%s differ from %s:\n--- got\n%s--- want\n%s", what, golden, got, want)
	}
}
