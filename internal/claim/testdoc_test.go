package claim

import (
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/testdoc"
)

// newDoc builds a document for tests (see testdoc.Doc).
func newDoc(text, date string) *chronicle.Document { return testdoc.Doc(text, date) }

// ent is an entity for a test document: every occurrence of its text gets one.
type ent struct{ text, typ, code string }

// addEntities marks every occurrence of each entity's text in doc.
func addEntities(doc *chronicle.Document, ents ...ent) {
	marks := make([]testdoc.Ent, len(ents))
	for i, e := range ents {
		marks[i] = testdoc.Ent{Text: e.text, Type: e.typ, Code: e.code}
	}
	testdoc.MarkEntities(doc, true, marks...)
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
