package timex

import (
	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/segment"
)

// newDoc builds a document for tests with sentences and tokens from the
// segmenter (tokens unparsed and untagged, as before the nlp stage).
func newDoc(text, date string) *chronicle.Document {
	return &chronicle.Document{ID: "test", Text: text, Date: date, Sentences: segment.Segment(text)}
}
