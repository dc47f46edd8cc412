package claim

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
			if si < 0 || overlapsEntity(doc, s, t) {
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

func overlapsEntity(doc *chronicle.Document, s, t int) bool {
	for _, e := range doc.Entities {
		if s < e.End && e.Start < t {
			return true
		}
	}
	return false
}

// tag sets UPOS (and XPOS when given as "UPOS/XPOS") on the tokens whose
// text is listed, standing in for the tagger in tests.
func tag(doc *chronicle.Document, tags map[string]string) {
	for si := range doc.Sentences {
		for ti := range doc.Sentences[si].Tokens {
			t := &doc.Sentences[si].Tokens[ti]
			if v, ok := tags[t.Text]; ok {
				t.UPOS, t.XPOS, _ = strings.Cut(v, "/")
			} else {
				t.UPOS = "X"
			}
		}
	}
}
