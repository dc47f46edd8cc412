package claim

import (
	"regexp"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

// scanner finds the claims of one sentence. Offsets are relative to the
// sentence unless said otherwise.
type scanner struct {
	doc  *chronicle.Document
	si   int
	text string
	base int
	// pos maps the sentence-relative start of each tagged token to its
	// UPOS tag, when the sentence is tagged.
	pos     map[int]string
	xpos    map[int]string // the fine tags, keyed like pos
	blocks  [][2]int       // dates and entities (relative), where numbers are not claims
	persons []int          // relative end offsets of person entities
	cues    cues           // which kinds of claim words the sentence has
	words   []wordPos
}

// wordPos is a word of the sentence: letters, digits and inner hyphens.
type wordPos struct {
	start, end int
	lower      string
}

// splitWords finds the words of text without regular expressions.
func splitWords(text string) []wordPos {
	var ws []wordPos
	start := -1
	for i := 0; i <= len(text); i++ {
		in := i < len(text) && (isAlnum(text[i]) || (text[i] == '-' && start >= 0))
		if in && start < 0 {
			start = i
		}
		if !in && start >= 0 {
			end := i
			for end > start && text[end-1] == '-' {
				end--
			}
			ws = append(ws, wordPos{start, end, strings.ToLower(text[start:end])})
			start = -1
		}
	}
	return ws
}

// wordStarts returns the start offsets of the words for which ok holds,
// each with up to back words before it, in order and without repeats.
func (sc *scanner) wordStarts(ok func(string) bool, back int) []int {
	var out []int
	last := -1
	for i, w := range sc.words {
		if !ok(w.lower) {
			continue
		}
		for j := max(0, i-back); j <= i; j++ {
			if j > last {
				out = append(out, sc.words[j].start)
				last = j
			}
		}
	}
	return out
}

// digitStarts returns where numbers may start: currency signs and the first
// digit of each run of digits.
func (sc *scanner) digitStarts() []int {
	var out []int
	t := sc.text
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '$' || strings.HasPrefix(t[i:], "€") || strings.HasPrefix(t[i:], "£"):
			if i >= 2 && t[i-2:i] == "US" {
				out = append(out, i-2)
			}
			out = append(out, i)
		case c >= '0' && c <= '9' && (i == 0 || !(t[i-1] >= '0' && t[i-1] <= '9' || t[i-1] == ',' || t[i-1] == '.')):
			out = append(out, i)
		}
	}
	return out
}

// matchAt runs the anchored regular expression re at each candidate offset
// and returns the matches that do not overlap an earlier one, with offsets
// relative to the sentence.
func (sc *scanner) matchAt(re *regexp.Regexp, starts []int) [][]int {
	var out [][]int
	end := -1
	for _, c := range starts {
		if c < end {
			continue
		}
		m := re.FindStringSubmatchIndex(sc.text[c:])
		if m == nil || m[1] == 0 {
			continue
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += c
			}
		}
		out = append(out, m)
		end = m[1]
	}
	return out
}

func numberWord(w string) bool {
	switch w {
	case "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
		"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
		"nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
		"ninety", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands",
		"million", "millions", "billion", "billions", "handful", "half", "third", "thirds",
		"quarter", "quarters", "majority", "one-third", "two-thirds", "one-quarter", "three-quarters":
		return true
	}
	for _, p := range []string{"twenty-", "thirty-", "forty-", "fifty-", "sixty-", "seventy-", "eighty-", "ninety-"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

func comparative(w string) bool {
	switch w {
	case "more", "fewer", "less", "higher", "lower", "greater", "larger", "smaller", "bigger",
		"worse", "better", "safer", "cheaper", "stronger", "weaker", "richer", "poorer", "deadlier", "costlier":
		return true
	}
	return false
}

func timesWord(w string) bool {
	switch w {
	case "twice", "three", "four", "five", "ten", "half":
		return true
	}
	return false
}

// cues record which kinds of words a sentence has, so that the costly
// regular expressions run only where they can match.
type cues uint8

const (
	cueDigit cues = 1 << iota
	cueNumberWord
	cueTrend
	cueThan
	cueSuperlative
	cueTimes
)

func sentenceCues(text string) cues {
	var c cues
	if strings.ContainsAny(text, "0123456789") {
		c |= cueDigit
	}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-')
	}) {
		w = strings.ToLower(w)
		switch w {
		case "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
			"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
			"nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
			"ninety", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands",
			"million", "millions", "billion", "billions", "handful", "half", "third", "thirds",
			"quarter", "quarters", "majority", "one-third", "two-thirds", "one-quarter", "three-quarters":
			c |= cueNumberWord
		case "than":
			c |= cueThan
		case "twice", "times":
			c |= cueTimes
		case "most", "least", "worst", "best":
			c |= cueSuperlative
		}
		if strings.HasSuffix(w, "est") {
			c |= cueSuperlative
		}
		if strings.HasPrefix(w, "twenty-") || strings.HasPrefix(w, "thirty-") || strings.HasPrefix(w, "forty-") ||
			strings.HasPrefix(w, "fifty-") || strings.HasPrefix(w, "sixty-") || strings.HasPrefix(w, "seventy-") ||
			strings.HasPrefix(w, "eighty-") || strings.HasPrefix(w, "ninety-") {
			c |= cueNumberWord
		}
		if trendWord(w) {
			c |= cueTrend
		}
	}
	return c
}

// trendWord reports whether w may start a trend: "rose", "decline".
func trendWord(w string) bool {
	for _, p := range []string{"ris", "rose", "increas", "grew", "grow", "climb", "jump", "surg", "soar",
		"doubl", "tripl", "quadrupl", "spik", "fell", "fall", "declin", "drop", "decreas", "plung",
		"plummet", "shr", "halv", "slump", "dip", "tumbl", "sank", "eas", "reduc", "downturn",
		"upturn", "uptick", "rebound"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

func newScanner(doc *chronicle.Document, si int) *scanner {
	s := doc.Sentences[si]
	sc := &scanner{doc: doc, si: si, text: doc.Text[s.Start:s.End], base: s.Start}
	sc.cues = sentenceCues(sc.text)
	sc.words = splitWords(sc.text)
	for _, t := range s.Tokens {
		if t.UPOS != "" && t.Start >= s.Start && t.Start < s.End {
			if sc.pos == nil {
				sc.pos = make(map[int]string, len(s.Tokens))
				sc.xpos = make(map[int]string, len(s.Tokens))
			}
			sc.pos[t.Start-s.Start] = t.UPOS
			sc.xpos[t.Start-s.Start] = t.XPOS
		}
	}
	for _, d := range doc.Dates {
		if d.Sentence == si {
			sc.blocks = append(sc.blocks, [2]int{d.Start - s.Start, d.End - s.Start})
		}
	}
	for _, e := range doc.Entities {
		if e.Sentence == si {
			sc.blocks = append(sc.blocks, [2]int{e.Start - s.Start, e.End - s.Start})
			if e.Type == chronicle.EntPerson {
				sc.persons = append(sc.persons, e.End-s.Start)
			}
		}
	}
	return sc
}

// blocked reports whether [start, end) overlaps a date or an entity.
func (sc *scanner) blocked(start, end int) bool {
	for _, b := range sc.blocks {
		if start < b[1] && b[0] < end {
			return true
		}
	}
	return false
}

// personBefore reports whether a person entity ends just before the comma
// preceding offset off ("Jane Doe, 45,").
func (sc *scanner) personBefore(off int) bool {
	before := strings.TrimRight(sc.text[:off], " ")
	before = strings.TrimSuffix(before, ",")
	for _, e := range sc.persons {
		if e == len(before) {
			return true
		}
	}
	if len(sc.persons) == 0 {
		// Untagged text: a capitalised word before the comma.
		w := lastWord(before)
		return w != "" && w[0] >= 'A' && w[0] <= 'Z'
	}
	return false
}

var wordTokRE = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'’-]*`)

func lastWord(s string) string {
	end := len(s)
	for end > 0 && !isWordByte(s[end-1]) {
		end--
	}
	start := end
	for start > 0 && (isWordByte(s[start-1]) || s[start-1] == '-' || s[start-1] == '\'') {
		start--
	}
	for start < end && !isAlnum(s[start]) {
		start++
	}
	return s[start:end]
}

func isWordByte(b byte) bool { return isAlnum(b) }

// prevWord returns the word just before offset off, if only spaces separate
// them.
func (sc *scanner) prevWord(off int) string {
	before := sc.text[:off]
	trimmed := strings.TrimRight(before, " ")
	w := lastWord(trimmed)
	if w == "" || !strings.HasSuffix(trimmed, w) {
		return ""
	}
	return w
}

// headNoun reads the noun phrase after offset off and returns its head
// ("300 Venezuelan migrants" -> "migrants") and its end.
func (sc *scanner) headNoun(off int) (string, int) {
	rest := sc.text[off:]
	pos := off
	if loc := ofRE.FindStringIndex(rest); loc != nil {
		pos += loc[1]
		rest = rest[loc[1]:]
	}
	head, end := "", off
	for n := 0; n < 3; n++ {
		loc := nextWordRE.FindStringSubmatchIndex(rest)
		if loc == nil {
			break
		}
		w := rest[loc[2]:loc[3]]
		lw := strings.ToLower(w)
		if functionWord(lw) {
			break
		}
		if tag, ok := sc.pos[pos+loc[2]]; ok && (tag == "AUX" || tag == "ADP" || tag == "DET" || tag == "PRON" || tag == "CCONJ" || tag == "SCONJ" || tag == "PART") {
			break
		}
		if tag := sc.pos[pos+loc[2]]; tag == "VERB" && n > 0 {
			break
		}
		if sc.pos == nil && n > 0 && untaggedVerbOrAdverb(lw) {
			break
		}
		if strings.HasSuffix(lw, "'s") || strings.HasSuffix(lw, "’s") {
			break // "nine of Sudan’s 18 states": a possessive is not the head
		}
		if len(lw) < 3 && n == 0 {
			break // "30 U.S. troops" split oddly: no unit rather than "u"
		}
		head, end = lw, pos+loc[3]
		if n == 0 && (participle(lw) || sc.pos[pos+loc[2]] == "VERB") {
			break // "12 killed", "40 injured"
		}
		pos += loc[1]
		rest = rest[loc[1]:]
	}
	return head, end
}

var (
	ofRE       = regexp.MustCompile(`(?i)^\s+(?:more\s+|other\s+)?of\s+(?:the\s+|those\s+|these\s+|its\s+|their\s+)?|^\s+(?:more|other|additional|new|further|such)\b`)
	nextWordRE = regexp.MustCompile(`^ *([\p{L}][\p{L}'’-]*)`)
)

// untaggedVerbOrAdverb guesses, for untagged text, whether w ends a noun
// phrase: a past-tense verb or an adverb.
func untaggedVerbOrAdverb(w string) bool {
	switch w {
	case "fled", "fell", "rose", "went", "came", "took", "met", "left", "died", "ran", "said",
		"told", "made", "held", "won", "lost", "sat", "stood", "saw", "began", "fought", "gave",
		"got", "grew", "kept", "led", "signed", "remain", "remained", "live", "lived", "work", "worked":
		return true
	}
	return len(w) > 4 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ly")) ||
		len(w) > 5 && strings.HasSuffix(w, "ing")
}

func participle(w string) bool {
	switch w {
	case "killed", "injured", "wounded", "dead", "arrested", "detained", "displaced", "missing",
		"deported", "evacuated", "hurt", "jailed", "freed", "released", "kidnapped", "abducted":
		return true
	}
	return false
}

func functionWord(w string) bool {
	switch w {
	case "in", "on", "at", "of", "from", "for", "to", "with", "by", "who", "that", "which",
		"and", "or", "but", "as", "than", "during", "since", "after", "before", "across",
		"over", "under", "last", "this", "each", "per", "a", "an", "the", "were", "was", "are",
		"is", "be", "been", "have", "has", "had", "will", "would", "could", "can", "may",
		"might", "should", "must", "did", "do", "does", "when", "where", "while", "into",
		"between", "among", "against", "more", "less", "fewer",
		"it", "they", "he", "she", "we", "i", "you", "his", "her", "their", "its", "our",
		"percent", "such", "so", "not", "now", "still", "also", "about", "around", "through",
		"according", "said", "says", "told", "there", "here", "out", "up", "down", "off",
		"within", "away", "whom", "whose", "them", "those", "these", "ago", "old", "every",
		"behind", "ahead", "younger", "older", "later", "earlier", "apart", "long", "apiece",
		"until", "till", "beyond", "toward", "towards", "despite", "without", "via", "near":
		return true
	}
	return false
}
