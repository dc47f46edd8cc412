package timex

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	chronicle "github.com/chronicle-news/chronicle"
)

// word is a token of a sentence as the tense rules see it: the parser's token
// when the sentence has valid tokens, otherwise a word found by a simple
// tokenizer. Offsets are absolute byte offsets into the document text.
type word struct {
	text   string
	lower  string
	start  int
	end    int
	xpos   string
	upos   string
	head   int // 1-based index of the governing word, 0 root, -1 unparsed
	deprel string
}

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+(?:['’\-.,][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]`)

// sentenceWords returns the words of sentence s of doc. It uses the
// sentence's tokens when their offsets are valid and falls back to its own
// tokenizer otherwise.
func sentenceWords(text string, s chronicle.Sentence) []word {
	if tokensValid(text, s) {
		ws := make([]word, len(s.Tokens))
		for i, t := range s.Tokens {
			ws[i] = word{text: t.Text, lower: strings.ToLower(t.Text), start: t.Start, end: t.End,
				xpos: t.XPOS, upos: t.UPOS, head: t.Head, deprel: t.DepRel}
			if t.Head > len(s.Tokens) {
				ws[i].head = -1
			}
		}
		return ws
	}
	sub := text[s.Start:s.End]
	locs := wordRE.FindAllStringIndex(sub, -1)
	ws := make([]word, len(locs))
	for i, l := range locs {
		w := sub[l[0]:l[1]]
		ws[i] = word{text: w, lower: strings.ToLower(w), start: s.Start + l[0], end: s.Start + l[1], head: -1}
	}
	return ws
}

// tokensValid reports whether every token of s lies inside s and inside
// text, in order.
func tokensValid(text string, s chronicle.Sentence) bool {
	if len(s.Tokens) == 0 {
		return false
	}
	prev := s.Start
	for _, t := range s.Tokens {
		if t.Start < prev || t.End <= t.Start || t.End > s.End || t.End > len(text) {
			return false
		}
		prev = t.Start
	}
	return true
}

// sentenceValid reports whether the sentence's offsets lie inside text.
func sentenceValid(text string, s chronicle.Sentence) bool {
	return s.Start >= 0 && s.Start <= s.End && s.End <= len(text)
}

// capitalized reports whether w starts with an upper-case letter.
func capitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
