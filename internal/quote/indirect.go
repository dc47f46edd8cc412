package quote

import (
	"regexp"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

var (
	accordStartRE = regexp.MustCompile(`^(?i:according to)\s+([^,]{2,80}?),\s*(.+?)[.!?”"]*$`)
	accordEndRE   = regexp.MustCompile(`^(.+?),\s*(?i:according to)\s+([^,]{2,80}?)(?:,[^,]*)?[.!?]*$`)
	tailEndRE     = regexp.MustCompile(`^(?:\s+(?:on|in|at|last|this|late|earlier)\b[^,]{0,30})?[.!?"”]*\s*$`)
	adverbialRE   = regexp.MustCompile(`^\s*(?:(?:on|in|at|during|late|earlier|last|this)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|week|night|morning|a statement|an interview|a speech|a post[^,]*|a television interview|a news conference|a press conference|Twitter|X)?\s*,?\s*`)
)

// indirect finds reported speech without quotation marks in the sentences
// that hold no direct quote.
func (f *finder) indirect(covered []span) []chronicle.Quote {
	var out []chronicle.Quote
	for _, s := range f.sents {
		skip := false
		for _, c := range covered {
			if c.start < s.End && s.Start < c.end {
				skip = true
				break
			}
		}
		if skip || strings.ContainsAny(f.text[s.Start:s.End], "“”\"«»") {
			continue
		}
		if q, ok := f.indirectIn(s); ok {
			out = append(out, q)
		}
	}
	return out
}

func (f *finder) indirectIn(s chronicle.Sentence) (chronicle.Quote, bool) {
	txt := f.text[s.Start:s.End]
	mk := func(cs, ce int, cue string, sp *chronicle.ActorRef) (chronicle.Quote, bool) {
		for ce > cs && strings.ContainsRune(" .!?,;", rune(txt[ce-1])) {
			ce--
		}
		for cs < ce && txt[cs] == ' ' {
			cs++
		}
		if sp == nil || len(strings.Fields(txt[cs:ce])) < 3 {
			return chronicle.Quote{}, false
		}
		return chronicle.Quote{Text: txt[cs:ce], Start: s.Start + cs, End: s.Start + ce,
			Sentence: s.I, EndSent: s.I, Cue: cue, Speaker: sp}, true
	}
	according := strings.Contains(strings.ToLower(txt), "according to")
	if !according && !hasCue(txt) {
		return chronicle.Quote{}, false
	}
	if according {
		if m := accordStartRE.FindStringSubmatchIndex(txt); m != nil {
			return mk(m[4], m[5], "according to", f.speaker(s.Start+m[2], s.Start+m[3]))
		}
		if m := accordEndRE.FindStringSubmatchIndex(txt); m != nil {
			return mk(m[2], m[3], "according to", f.speaker(s.Start+m[4], s.Start+m[5]))
		}
	}
	cues := cueRE.FindAllStringSubmatchIndex(txt, -1)
	if len(cues) == 0 {
		return chronicle.Quote{}, false
	}
	// CLAUSE, X said[ on Monday].   CLAUSE, said X[, title].
	if last := cues[len(cues)-1]; last[0] >= 12 {
		pre := strings.TrimRight(txt[:last[0]], " ")
		cue := lemma(txt[last[2]:last[3]])
		if tailEndRE.MatchString(txt[last[1]:]) && f.isVerb(s, last[2]) {
			if c := strings.LastIndexByte(pre, ','); c >= 12 && len(pre)-c <= 62 && len(strings.TrimSpace(pre[c+1:])) >= 2 {
				return mk(0, c, cue, f.speaker(s.Start+c+1, s.Start+last[0]))
			}
		}
		if strings.HasSuffix(pre, ",") && invertible(cue) {
			tail := txt[last[1]:]
			name := tail
			if c := strings.IndexByte(tail, ','); c >= 0 {
				name = tail[:c]
			}
			name = strings.TrimRight(name, " .!?")
			if nameLike(name) && strings.IndexByte(strings.TrimRight(tail[len(name):], " .!?"), ',') <= 0 &&
				strings.Count(tail, ",") <= 1 {
				return mk(0, len(pre)-1, cue, f.speaker(s.Start+last[1], s.Start+last[1]+len(name)))
			}
		}
	}
	// X said (that) CLAUSE.
	m := cues[0]
	if !f.isVerb(s, m[2]) {
		return chronicle.Quote{}, false
	}
	subj := txt[:m[2]]
	if strings.TrimSpace(subj) == "" || len(strings.Fields(subj)) > 12 {
		return chronicle.Quote{}, false
	}
	if low := strings.ToLower(strings.TrimSpace(subj)); strings.HasSuffix(low, " who") ||
		strings.HasSuffix(low, " which") || strings.HasSuffix(low, " the") || strings.HasSuffix(low, " that") {
		return chronicle.Quote{}, false
	}
	if passiveBefore(subj) {
		return chronicle.Quote{}, false // "have been told that": the listener, not the speaker
	}
	cue := lemma(txt[m[2]:m[3]])
	// "CLAUSE, security sources said, adding that ...": the clause before the
	// comma is what was said.
	if i := strings.LastIndexByte(strings.TrimRight(subj, " "), ','); i > 0 {
		before, after := subj[:i], strings.TrimSpace(subj[i+1:])
		first := strings.ToLower(wordBoundRE.FindString(before))
		if after != "" && len(strings.Fields(after)) <= 6 && len(strings.Fields(before)) >= 4 &&
			!adverbialStart(first) && !strings.HasSuffix(first, "ing") && !strings.Contains(before, ",") {
			return mk(0, i, cue, f.speaker(s.Start+i+1, s.Start+m[2]))
		}
	}
	post := txt[m[3]:]
	cs := -1
	if i := thatIndex(post); i >= 0 {
		cs = m[3] + i + len("that")
	} else if cue == "say" {
		adv := adverbialRE.FindStringIndex(post)
		rest := post[adv[1]:]
		if clauseStart(rest) {
			cs = m[3] + adv[1]
		}
	}
	if cs < 0 {
		return chronicle.Quote{}, false
	}
	return mk(cs, len(txt), cue, f.speaker(s.Start, s.Start+m[2]))
}

// hasCue reports whether txt has a cue verb, cheaply, before the regular
// expressions look for the attribution.
func hasCue(txt string) bool {
	for _, w := range strings.FieldsFunc(txt, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }) {
		if isCueForm(strings.ToLower(w)) {
			return true
		}
	}
	return false
}

// isCueForm reports whether w is one of the cue verb forms of cueWords.
func isCueForm(w string) bool {
	switch w {
	case "acknowledged", "added", "adds", "admitted", "announced", "announces", "argued", "argues",
		"asked", "asks", "claimed", "claims", "conceded", "concedes", "concluded", "continued",
		"continues", "declared", "declares", "denied", "denies", "explained", "explains", "insisted",
		"insists", "noted", "notes", "posted", "posts", "recalled", "recalls", "remarked", "remarks",
		"replied", "replies", "said", "say", "says", "stated", "states", "stressed", "stresses",
		"tells", "told", "tweeted", "tweets", "urged", "urges", "vowed", "vows", "warned", "warns",
		"writes", "wrote":
		return true
	}
	return false
}

// nameLike reports whether s can name a speaker after an inverted cue
// ("said Jane Doe", "said the minister"): a few words, starting with a
// capital or an article, without verbs or clause words.
func nameLike(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 6 {
		return false
	}
	first := strings.ToLower(ws[0])
	if !isUpperStart(ws[0]) && first != "the" && first != "a" && first != "an" {
		return false
	}
	for _, w := range ws {
		switch strings.ToLower(w) {
		case "was", "were", "is", "are", "has", "have", "had", "will", "would", "that", "which", "who", "be", "been":
			return false
		}
	}
	return true
}

// passiveBefore reports whether the words before a cue make it passive:
// "was told", "have been told".
func passiveBefore(subj string) bool {
	ws := strings.Fields(subj)
	if len(ws) == 0 {
		return false
	}
	switch strings.ToLower(ws[len(ws)-1]) {
	case "been", "was", "were", "be", "being", "is", "are":
		return true
	}
	return false
}

// thatIndex returns the offset of a complementiser "that" among the first
// eight words of post, or -1.
func thatIndex(post string) int {
	ws := wordBoundRE.FindAllStringIndex(post, 9)
	for _, w := range ws {
		if strings.EqualFold(post[w[0]:w[1]], "that") {
			return w[0]
		}
		if strings.ContainsAny(post[:w[0]], ".;") {
			return -1
		}
	}
	return -1
}

// clauseStart reports whether s begins like a clause: a pronoun, a
// determiner, a name or a number.
func clauseStart(s string) bool {
	w := wordBoundRE.FindString(s)
	if w == "" || !strings.HasPrefix(s, w) {
		return false
	}
	switch strings.ToLower(w) {
	case "he", "she", "it", "they", "we", "i", "there", "the", "a", "an", "this", "these",
		"those", "his", "her", "its", "their", "our", "some", "many", "most", "no", "all":
		return true
	}
	return isUpperStart(w) || (w[0] >= '0' && w[0] <= '9')
}

// isVerb reports whether the word at relative offset off of sentence s is
// tagged as a verb, or is untagged.
func (f *finder) isVerb(s chronicle.Sentence, off int) bool {
	for _, t := range s.Tokens {
		if t.Start == s.Start+off {
			if t.XPOS == "" && t.UPOS == "" {
				return true
			}
			return t.UPOS == "VERB" || strings.HasPrefix(t.XPOS, "VB")
		}
	}
	return true
}
