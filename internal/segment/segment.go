package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	chronicle "github.com/chronicle-news/chronicle"
)

// MaxSentenceTokens is the longest sentence Segment returns. Longer runs of
// text without a sentence end (lists, tables, garbage) are cut into pieces of
// this many tokens so that later stages stay fast.
const MaxSentenceTokens = 250

// Segment splits text into sentences with their tokens. Offsets are byte
// offsets into text. Head of every token is -1 (not parsed).
func Segment(text string) []chronicle.Sentence {
	var sents []chronicle.Sentence
	para := 0
	var toks []chronicle.Token
	for lo := 0; lo < len(text); {
		hi := lo + lineEnd(text[lo:])
		toks = tokenizeLine(text, lo, hi, toks[:0])
		if len(toks) > 0 {
			sents = splitSentences(text, toks, para, sents)
			para++
		}
		lo = hi + lineBreakLen(text[hi:])
	}
	return sents
}

// Tokenize splits text into tokens without finding sentences. Offsets are
// byte offsets into text plus base, so a caller that tokenizes a piece of a
// larger text can pass the piece's offset. Line breaks separate tokens like
// any other white space.
func Tokenize(text string, base int) []chronicle.Token {
	var toks []chronicle.Token
	for lo := 0; lo < len(text); {
		hi := lo + lineEnd(text[lo:])
		toks = tokenizeLine(text, lo, hi, toks)
		lo = hi + lineBreakLen(text[hi:])
	}
	if base != 0 {
		for i := range toks {
			toks[i].Start += base
			toks[i].End += base
		}
	}
	return toks
}

// lineEnd returns the offset of the first line break in s, or len(s).
func lineEnd(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '\n' || c == '\r' || c == '\v' || c == '\f' {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\u2028' || r == '\u2029' || r == '\u0085' {
			return i
		}
		i += size
	}
	return len(s)
}

// lineBreakLen returns the length of the line break at the start of s.
func lineBreakLen(s string) int {
	if s == "" {
		return 0
	}
	if s[0] < utf8.RuneSelf {
		return 1
	}
	_, size := utf8.DecodeRuneInString(s)
	return size
}

// isSpace reports whether r separates tokens.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r <= ' ' || r == 0x7f
	}
	switch r {
	case '\u200b', '\u2060', '\ufeff', utf8.RuneError:
		return true
	}
	return unicode.IsSpace(r) || unicode.IsControl(r)
}

// tokenizeLine appends the tokens of text[lo:hi] (a line without breaks).
func tokenizeLine(text string, lo, hi int, toks []chronicle.Token) []chronicle.Token {
	i := lo
	for i < hi {
		r, size := utf8.DecodeRuneInString(text[i:hi])
		if isSpace(r) {
			i += size
			continue
		}
		j := i + size
		for j < hi {
			r, size = utf8.DecodeRuneInString(text[j:hi])
			if isSpace(r) {
				break
			}
			j += size
		}
		n := len(toks)
		toks = splitChunk(text, i, j, hi, toks)
		if n < len(toks) {
			toks[len(toks)-1].SpaceAfter = j < len(text)
		}
		i = j
	}
	return toks
}

func newToken(text string, start, end int) chronicle.Token {
	return chronicle.Token{Text: text[start:end], Start: start, End: end, Head: -1}
}

// splitChunk appends the tokens of the white-space-free chunk text[cs:ce].
// lineHi is the end of the line, for looking at the next word.
func splitChunk(text string, cs, ce, lineHi int, toks []chronicle.Token) []chronicle.Token {
	if ce-cs == 1 {
		return append(toks, newToken(text, cs, ce))
	}
	if toks, ok := splitURL(text, cs, ce, toks); ok {
		return toks
	}
	w := cs // start of the current word
	i := cs
	for i < ce {
		c := text[i]
		var r rune = rune(c)
		size := 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:ce])
		}
		sepEnd := 0 // end of a separator token starting at i, if any
		switch r {
		case '(', ')', '[', ']', '{', '}', '"', '\u201c', '\u201d', '\u201e', ';', '\u00ab', '\u00bb', '\u2039', '\u203a',
			'$', '\u00a3', '\u20ac', '\u00a5', '\u20b9', '%', '\u2014', '\u2013', '\u2015', '\u2026', '|':
			sepEnd = i + size
		case '!', '?':
			sepEnd = i + 1
			for sepEnd < ce && (text[sepEnd] == '!' || text[sepEnd] == '?') {
				sepEnd++
			}
		case ',', ':':
			if !(i > cs && isDigitByte(text[i-1]) && i+1 < ce && isDigitByte(text[i+1])) {
				sepEnd = i + 1
			}
		case '.':
			if i+1 < ce && text[i+1] == '.' {
				sepEnd = i + 2
				for sepEnd < ce && text[sepEnd] == '.' {
					sepEnd++
				}
			}
		case '/':
			// "and/or" splits; 24/7, 1/2 and paths do not.
			if i > cs && i+1 < ce && isASCIILetter(text[i-1]) && isASCIILetter(text[i+1]) {
				sepEnd = i + 1
			}
		case '-':
			if i+1 < ce && text[i+1] == '-' {
				sepEnd = i + 2
				for sepEnd < ce && text[sepEnd] == '-' {
					sepEnd++
				}
			}
		}
		if sepEnd == 0 {
			i += size
			continue
		}
		if w < i {
			toks = splitWord(text, w, i, lineHi, toks)
		}
		toks = append(toks, newToken(text, i, sepEnd))
		i = sepEnd
		w = i
	}
	if w < ce {
		toks = splitWord(text, w, ce, lineHi, toks)
	}
	return toks
}

// splitURL appends a URL or e-mail chunk as one token, with opening and
// closing punctuation around it split off. It reports false when the chunk is
// not a URL.
func splitURL(text string, cs, ce int, toks []chronicle.Token) ([]chronicle.Token, bool) {
	s := cs
	for s < ce && strings.IndexByte("([{<\"'", text[s]) >= 0 {
		s++
	}
	if s < ce && text[s] >= utf8.RuneSelf {
		for _, q := range []string{"\u201c", "\u2018"} {
			if strings.HasPrefix(text[s:ce], q) {
				s += len(q)
			}
		}
	}
	body := text[s:ce]
	if !hasURLPrefix(body) {
		return toks, false
	}
	e := ce
	for e > s {
		c := text[e-1]
		if strings.IndexByte(".,;:!?\"'>]}", c) >= 0 {
			e--
			continue
		}
		if c == ')' && strings.Count(text[s:e], "(") < strings.Count(text[s:e], ")") {
			e--
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeLastRuneInString(text[s:e])
			if r == '\u201d' || r == '\u2019' || r == '\u2026' {
				e -= size
				continue
			}
		}
		break
	}
	if e-s < 5 {
		return toks, false
	}
	for i := cs; i < s; {
		_, size := utf8.DecodeRuneInString(text[i:s])
		toks = append(toks, newToken(text, i, i+size))
		i += size
	}
	toks = append(toks, newToken(text, s, e))
	for i := e; i < ce; {
		_, size := utf8.DecodeRuneInString(text[i:ce])
		toks = append(toks, newToken(text, i, i+size))
		i += size
	}
	return toks, true
}

func hasURLPrefix(s string) bool {
	if len(s) < 5 {
		return false
	}
	for _, p := range []string{"http://", "https://", "ftp://", "www.", "mailto:"} {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			return true
		}
	}
	return false
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

// splitWord appends the tokens of text[ws:we], a piece of a chunk without
// separators: it splits off quote marks and apostrophes at both ends, a final
// full stop unless the word is an abbreviation, and clitics.
func splitWord(text string, ws, we, lineHi int, toks []chronicle.Token) []chronicle.Token {
	// Opening quotes and apostrophes.
	for ws < we {
		if text[ws] == '\'' || text[ws] == '`' {
			if ws+1 < we && (isDigitByte(text[ws+1]) || isClitic(text[ws:we])) {
				break
			}
			toks = append(toks, newToken(text, ws, ws+1))
			ws++
			continue
		}
		if strings.HasPrefix(text[ws:we], "\u2018") || strings.HasPrefix(text[ws:we], "\u2019") {
			n := len("\u2018")
			if ws+n < we && (isDigitByte(text[ws+n]) || isClitic(text[ws:we])) {
				break
			}
			toks = append(toks, newToken(text, ws, ws+n))
			ws += n
			continue
		}
		break
	}
	if ws >= we {
		return toks
	}
	// Closing quotes, apostrophes and full stops, innermost last.
	var trail [8]int // starts of trailing tokens, outermost first
	nt := 0
	end := we
	for end > ws && nt < len(trail)-1 {
		c := text[end-1]
		if c == '\'' || c == '`' {
			if end-1 == ws {
				break
			}
			end--
			trail[nt] = end
			nt++
			continue
		}
		if c == '.' {
			if end-1 == ws || isAbbrev(text[ws:end-1], text[we:lineHi]) {
				break
			}
			end--
			trail[nt] = end
			nt++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeLastRuneInString(text[ws:end])
			if (r == '\u2019' || r == '\u2018') && end-size > ws {
				end -= size
				trail[nt] = end
				nt++
				continue
			}
		}
		break
	}
	toks = splitClitics(text, ws, end, toks)
	// Emit trailing tokens innermost first.
	for k := nt - 1; k >= 0; k-- {
		e := we
		if k > 0 {
			e = trail[k-1]
		}
		toks = append(toks, newToken(text, trail[k], e))
	}
	return toks
}

// isClitic reports whether s (starting with an apostrophe) is a clitic such
// as 's or 're standing alone.
func isClitic(s string) bool {
	_, n := utf8.DecodeRuneInString(s)
	rest := strings.ToLower(s[n:])
	switch rest {
	case "s", "re", "ve", "ll", "d", "m":
		return true
	}
	return false
}

// splitClitics appends text[ws:we] as a word, split EWT-style into a stem and
// a clitic when it ends in one, and a time from its "am" or "pm" ("5pm").
func splitClitics(text string, ws, we int, toks []chronicle.Token) []chronicle.Token {
	w := text[ws:we]
	if cut := meridiemCut(w); cut > 0 {
		toks = append(toks, newToken(text, ws, ws+cut))
		return append(toks, newToken(text, ws+cut, we))
	}
	if len(w) >= 3 {
		if cut := cliticCut(w); cut > 0 {
			toks = append(toks, newToken(text, ws, ws+cut))
			return append(toks, newToken(text, ws+cut, we))
		}
	}
	return append(toks, newToken(text, ws, we))
}

// cliticCut returns where the clitic of w starts, or 0.
func cliticCut(w string) int {
	// Words EWT splits without an apostrophe.
	if len(w) == 5 || len(w) == 6 {
		for _, s := range []string{"cannot", "gonna", "wanna", "gotta"} {
			if strings.EqualFold(w, s) {
				return 3
			}
		}
	}
	// n't, n’t
	for _, apo := range []string{"'", "\u2019"} {
		if n := len(apo) + 2; len(w) > n {
			suf := w[len(w)-n:]
			if (suf[0] == 'n' || suf[0] == 'N') && suf[1:1+len(apo)] == apo && (suf[n-1] == 't' || suf[n-1] == 'T') {
				cut := len(w) - n
				if cut > 0 && isLetterBefore(w, cut) {
					return cut
				}
			}
		}
	}
	// 's 're 've 'll 'd 'm
	for _, apo := range []string{"'", "\u2019"} {
		i := strings.LastIndex(w, apo)
		if i <= 0 || !(isLetterOrDigitBefore(w, i) || w[i-1] == '.' && dottedLetters(w[:i-1])) {
			continue
		}
		switch w[i+len(apo):] {
		case "s", "re", "ve", "ll", "d", "m", "S", "RE", "VE", "LL", "D", "M":
			return i
		}
	}
	return 0
}

func isLetterBefore(w string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(w[:i])
	return unicode.IsLetter(r)
}

func isLetterOrDigitBefore(w string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(w[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// meridiemCut returns where "am", "pm", "a.m." or "p.m." starts in a time
// such as "5pm" or "10:30a.m.", or 0.
func meridiemCut(w string) int {
	if len(w) < 3 || !isDigitByte(w[0]) {
		return 0
	}
	for _, suf := range []string{"am", "pm", "a.m.", "p.m.", "a.m", "p.m"} {
		if len(w) > len(suf) && strings.EqualFold(w[len(w)-len(suf):], suf) {
			cut := len(w) - len(suf)
			if isDigitByte(w[cut-1]) {
				return cut
			}
		}
	}
	return 0
}
