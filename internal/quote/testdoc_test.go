package quote

import (
	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/testutil"
)

// newDoc builds a document for tests (see testutil.Doc).
func newDoc(text, date string) *chronicle.Document { return testutil.Doc(text, date) }

// ent is an entity for a test document: every occurrence of its text gets one.
type ent struct{ text, typ, code string }

// addEntities marks every occurrence of each entity's text in doc.
func addEntities(doc *chronicle.Document, ents ...ent) {
	marks := make([]testutil.Ent, len(ents))
	for i, e := range ents {
		marks[i] = testutil.Ent{Text: e.text, Type: e.typ, Code: e.code}
	}
	testutil.MarkEntities(doc, false, marks...)
}
