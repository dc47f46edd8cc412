package actor

import (
	"testing"
	"unicode"
	"unicode/utf8"

	chronicle "github.com/chronicle-news/chronicle"
)

// tokenize splits text into tokens on spaces and punctuation, keeping
// hyphenated words, dotted abbreviations ("U.S.") and "'s" together the way
// a news tokenizer does, with byte offsets.
func tokenize(text string, base int) []chronicle.Token {
	var toks []chronicle.Token
	i := 0
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += w
			continue
		}
		start := i
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			for i < len(text) {
				r, w = utf8.DecodeRuneInString(text[i:])
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					i += w
					continue
				}
				// Inner hyphens and apostrophes, and abbreviation points.
				if (r == '-' || r == '.' || r == '\'' || r == '’') && i+w < len(text) {
					n, _ := utf8.DecodeRuneInString(text[i+w:])
					if (unicode.IsLetter(n) || unicode.IsDigit(n)) && !(r == '\'' && (n == 's')) && !(r == '’' && n == 's') {
						i += w
						continue
					}
				}
				if r == '.' && abbrevs[text[start:i]] {
					i += w
					break
				}
				if r == '.' && i-start == 1 {
					i += w // "U.S." ends with its point; an initial too
					continue
				}
				if r == '.' && i > start && text[i-2] == '.' {
					i += w
					continue
				}
				break
			}
		} else if (r == '\'' || r == '’') && i+w < len(text) && text[i+w] == 's' {
			i += w + 1
		} else {
			i += w
		}
		toks = append(toks, chronicle.Token{Text: text[start:i], Start: base + start, End: base + i, Head: -1})
	}
	for k := range toks {
		if k+1 < len(toks) {
			toks[k].SpaceAfter = toks[k+1].Start > toks[k].End
		}
	}
	return toks
}

// abbrevs are titles the tokenizer keeps with their point.
var abbrevs = map[string]bool{"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Gen": true, "Sen": true, "Rep": true, "St": true}

// sentence builds one tokenized sentence.
func sentence(text string) *chronicle.Sentence {
	return &chronicle.Sentence{Start: 0, End: len(text), Tokens: tokenize(text, 0)}
}

// findPhrase returns the token range of phrase in s.
func findPhrase(t testing.TB, s *chronicle.Sentence, phrase string) (int, int) {
	t.Helper()
	p := tokenize(phrase, 0)
	for i := 0; i+len(p) <= len(s.Tokens); i++ {
		ok := true
		for k := range p {
			if s.Tokens[i+k].Text != p[k].Text {
				ok = false
				break
			}
		}
		if ok {
			return i, i + len(p)
		}
	}
	t.Fatalf("phrase %q not in tokens %v", phrase, s.Tokens)
	return 0, 0
}

func builtin(tb testing.TB) *Dictionary {
	tb.Helper()
	d, err := Builtin()
	if err != nil {
		tb.Fatalf("Builtin: %v", err)
	}
	return d
}
