package quote

import (
	"sort"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/segment"
)

// newDoc builds a document for tests with sentences and tokens from the
// segmenter (tokens unparsed and untagged, as before the nlp stage).
func newDoc(text, date string) *chronicle.Document {
	return &chronicle.Document{ID: "test", Text: text, Date: date, Sentences: segment.Segment(text)}
}

// ent is an entity for a test document: every occurrence of Text gets one.
type ent struct{ text, typ, code string }

// addEntities marks every occurrence of each entity's text in doc.
func addEntities(doc *chronicle.Document, ents ...ent) {
	for _, e := range ents {
		for off := 0; ; {
			i := strings.Index(doc.Text[off:], e.text)
			if i < 0 {
				break
			}
			s, t := off+i, off+i+len(e.text)
			off = t
			si := -1
			for k, sent := range doc.Sentences {
				if s >= sent.Start && t <= sent.End {
					si = k
				}
			}
			if si < 0 {
				continue
			}
			country := ""
			if len(e.code) >= 3 {
				country = e.code[:3]
			}
			doc.Entities = append(doc.Entities, chronicle.Entity{Text: e.text, Type: e.typ, Start: s, End: t,
				Sentence: si, Name: e.text, Code: e.code, Country: country})
		}
	}
	sort.Slice(doc.Entities, func(a, b int) bool { return doc.Entities[a].Start < doc.Entities[b].Start })
}
