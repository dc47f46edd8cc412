package segment

import (
	"unicode"
	"unicode/utf8"

	chronicle "github.com/chronicle-news/chronicle"
)

// Kinds of tokens that may end a sentence.
const (
	notTerminal      = iota
	stopTerminal     // . ! ? and runs of them
	ellipsisTerminal // ... …
	abbrevTerminal   // U.S., Inc.: ends a sentence only before a sentence starter
	initialTerminal  // X.: ends a sentence only before a strong sentence starter
)

// splitSentences appends the sentences of one paragraph's tokens.
func splitSentences(text string, toks []chronicle.Token, para int, sents []chronicle.Sentence) []chronicle.Sentence {
	start := 0
	emit := func(end int) {
		for end-start > MaxSentenceTokens {
			sents = appendSentence(sents, toks[start:start+MaxSentenceTokens], para)
			start += MaxSentenceTokens
		}
		if end > start {
			sents = appendSentence(sents, toks[start:end], para)
		}
		start = end
	}
	for i := 0; i < len(toks); i++ {
		kind := terminalKind(text, toks, i)
		if kind == notTerminal || (kind == ellipsisTerminal && i == start) {
			// An ellipsis opening a sentence ("... It was") starts it.
			continue
		}
		// Closing quotes and brackets (and further marks) belong to the
		// sentence they close.
		j := i + 1
		for j < len(toks) && isCloser(toks, j) {
			j++
		}
		if j >= len(toks) {
			break
		}
		if endsSentence(kind, toks[i].Text, toks[j], toks[j-1].End < toks[j].Start) {
			emit(j)
		}
		i = j - 1
	}
	emit(len(toks))
	return sents
}

func appendSentence(sents []chronicle.Sentence, toks []chronicle.Token, para int) []chronicle.Sentence {
	own := make([]chronicle.Token, len(toks))
	copy(own, toks)
	return append(sents, chronicle.Sentence{
		I:      len(sents),
		Start:  own[0].Start,
		End:    own[len(own)-1].End,
		Para:   para,
		Tokens: own,
	})
}

// terminalKind says whether toks[i] may end a sentence.
func terminalKind(text string, toks []chronicle.Token, i int) int {
	t := toks[i].Text
	switch t {
	case ".", "!", "?":
		return stopTerminal
	case "\u2026":
		return ellipsisTerminal
	}
	c := t[0]
	if c == '!' || c == '?' {
		return stopTerminal
	}
	if c == '.' && len(t) > 1 && t[1] == '.' {
		return ellipsisTerminal
	}
	if len(t) > 1 && t[len(t)-1] == '.' {
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].Text
		}
		switch abbrevKind(t[:len(t)-1], next) {
		case otherAbbrev:
			return abbrevTerminal
		case initialAbbrev:
			if i > 0 && !startsUpper(toks[i-1].Text) {
				// Not inside a name ("posted on X. Militants ..."): the
				// letter ends a sentence before the usual starters, while
				// "written by J. Smith" stays whole.
				return abbrevTerminal
			}
			return initialTerminal
		case notAbbrev:
			// A word keeping its stop that we do not know (a URL, "5.")
			return stopTerminal
		}
	}
	return notTerminal
}

// startsUpper reports whether w begins with an upper-case letter.
func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// isCloser reports whether toks[j] closes a quotation or bracket, or is more
// final punctuation, right after a sentence-final mark.
func isCloser(toks []chronicle.Token, j int) bool {
	switch toks[j].Text {
	case "\u201d", "\u2019", ")", "]", "}", "\u00bb", "\u203a", ".", "!", "?":
		return true
	case "\"", "'":
		// A straight quote touching the mark closes; after a space it opens
		// the next quotation.
		return toks[j].Start == toks[j-1].End
	}
	return false
}

// endsSentence decides whether a sentence ends before next, given the kind
// and text of the final mark and whether space separates them.
func endsSentence(kind int, mark string, next chronicle.Token, spaced bool) bool {
	r, _ := utf8.DecodeRuneInString(next.Text)
	switch kind {
	case stopTerminal:
		if unicode.IsLower(r) {
			return false
		}
		switch r {
		case ',', ';', ':', ')', ']', '}', '%', '-':
			return false
		}
		return true
	case ellipsisTerminal:
		return unicode.IsUpper(r) || r == '\u201c' || (r == '"' && spaced)
	case abbrevTerminal:
		if r == '\u201c' || (r == '"' && spaced) {
			return true
		}
		return unicode.IsUpper(r) && isSentenceStarter(next.Text)
	case initialTerminal:
		return isStrongStarter(next.Text)
	}
	return false
}
