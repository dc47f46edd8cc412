// Package testdoc builds documents for the tests of the stages that run
// after segmentation: sentences and tokens from the segmenter, entities marked
// by their text.
package testdoc

import (
	"sort"
	"strings"

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
