package quote

import (
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
	testdoc.MarkEntities(doc, false, marks...)
}
