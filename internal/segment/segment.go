// Package segment splits extracted text into paragraphs, sentences and tokens
// with byte offsets.
package segment

import chronicle "github.com/chronicle-news/chronicle"

// Segment splits text into sentences with their tokens. Offsets are byte
// offsets into text. Head of every token is -1 (not parsed).
func Segment(text string) []chronicle.Sentence {
	return nil // TODO: implemented by the segmenter work
}
