package claim

import (
	"regexp"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

var (
	trendVerbRE = regexp.MustCompile(`^(?:(?i)\b(rose|risen|rising|rises|rise|increased|increasing|increases|increase|grew|grown|growing|grows|climbed|climbing|climbs|jumped|jumping|jumps|surged|surging|surges|soared|soaring|soars|doubled|doubling|tripled|quadrupled|spiked|fell|fallen|falling|falls|fall|declined|declining|declines|decline|dropped|dropping|drops|decreased|decreasing|decreases|plunged|plunging|plummeted|shrank|shrunk|shrinking|halved|slumped|dipped|tumbled|sank|eased)\b)`)
	trendNounRE = regexp.MustCompile(`^(?:(?i)\b(?:(a|an|the|its|their)\s+(?:(?:sharp|steep|dramatic|significant|slight|modest|sudden|further|record|marked|huge|big|small|slow|rapid|steady|\d+(?:\.\d+)?\s?(?:%|percent))\s+)?)?(decline|drop|fall|decrease|reduction|plunge|slump|dip|downturn|rise|increase|surge|jump|spike|growth|upturn|uptick|rebound)s?\b(\s+(?:in|of)\s+)?)`)
	trendSkipRE = regexp.MustCompile(`(?i)^\s+(?:to power|up\b|ill\b|silent\b|asleep\b|short\b|apart\b|victim\b|in love\b|the\b|its\b|his\b|her\b|their\b|a\b|an\b|charges\b|out\b|into\b)`)
	fellToRE    = regexp.MustCompile(`^\s+to\s+(?:the\s+)?[A-Z]`)
	compListRE  = regexp.MustCompile(`^(?:(?i)\b(more|fewer|less|higher|lower|greater|larger|smaller|bigger|worse|better|safer|cheaper|stronger|weaker|richer|poorer|deadlier|costlier)\b((?:\s+[\p{L}'’-]+){0,4}?)\s+than\s+)`)
	compErRE    = regexp.MustCompile(`^(?:\b([a-z]{3,}er)\s+than\s+)`)
	superRE     = regexp.MustCompile(`^(?:(?i)\bthe\s+(most|least|worst|best|[a-z]{3,}est)\b((?:\s+[\p{L}'’-]+){0,4}?)\s+(in|on record|since|ever|of any)\b)`)
	timesRE     = regexp.MustCompile(`^(?:(?i)\b(twice|three times|four times|five times|ten times|half)\s+as\s+(many|much|high|large|likely|big)\b((?:\s+[\p{L}'’-]+){0,3}?)\s+as\s+)`)
	numStartRE  = regexp.MustCompile(`(?i)^(?:[$€£\d]|(?:a dozen|a few|a handful|half|a third|a quarter|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|a thousand|a million|dozens|hundreds|thousands|millions|tens of|one|a decade|a year|a month|a week|a day|an hour|a century|a quarter|a half|double|twice|half)\b)`)
	stopPunctRE = regexp.MustCompile(`[,;:.!?()“”"]`)
)

// trendDirection returns "up" or "down" for a trend word.
func trendDirection(w string) string {
	w = strings.ToLower(w)
	for _, p := range []string{"ris", "rose", "increas", "grew", "grow", "climb", "jump", "surg", "soar",
		"doubl", "tripl", "quadrupl", "spik", "upturn", "uptick", "rebound"} {
		if strings.HasPrefix(w, p) {
			return "up"
		}
	}
	return "down"
}

// claims returns the sentence's claims with sentence-relative offsets turned
// into document offsets.
func (sc *scanner) claims() []chronicle.Claim {
	amts := sc.amounts()
	var out []chronicle.Claim
	trends := sc.trends(amts)
	comps := sc.comparisons(amts)
	for _, t := range trends {
		merged := false
		for i := range comps {
			if t.Start < comps[i].End && comps[i].Start < t.End {
				// "the largest drop in two decades": one claim with both.
				comps[i].Trend, merged = t.Trend, true
				if comps[i].Quantity == nil {
					comps[i].Quantity = t.Quantity
				}
			}
		}
		if !merged {
			out = append(out, t)
		}
	}
	out = append(out, comps...)
	for _, a := range amts {
		if a.used || insideAny(out, sc.base+a.start, sc.base+a.end) || a.weak(sc.text) || yearsOld(sc.text[a.end:]) {
			continue
		}
		start := a.start
		if v := sc.prevWord(a.start); v != "" && (peopleVerb(v) || sc.pos[a.start-len(v)-1] == "VERB" && !speechVerb(v)) {
			start = strings.LastIndex(sc.text[:a.start], v)
		}
		q := a.q
		q.Text = sc.text[a.start:a.end]
		out = append(out, chronicle.Claim{Start: sc.base + start, End: sc.base + a.end, Quantity: &q})
	}
	sortClaims(out)
	return out
}

// absorb attaches to a trend or comparison spanning [start, end) the first
// unused amount inside it, or starting within the window after it.
func absorb(amts []*amount, start, end, window int) (*chronicle.Quantity, int) {
	for _, a := range amts {
		if a.used || a.start < start || a.start > end+window || timeUnit(a.q.Unit) {
			continue
		}
		a.used = true
		q := a.q
		return &q, max(end, a.end)
	}
	return nil, end
}

// trends finds "homicides fell 50%" and "a decline in homicides".
func (sc *scanner) trends(amts []*amount) []chronicle.Claim {
	var out []chronicle.Claim
	if sc.cues&cueTrend == 0 {
		return nil
	}
	var nounSpans [][2]int
	for _, m := range sc.matchAt(trendNounRE, sc.wordStarts(trendWord, 3)) {
		article, prep := m[2] >= 0, m[6] >= 0
		if !article && !prep {
			continue
		}
		if tag, ok := sc.pos[m[4]]; ok && tag != "NOUN" {
			continue
		}
		noun := strings.ToLower(sc.text[m[4]:m[5]])
		if prep && (noun == "fall" || noun == "rise") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(sc.text[m[6]:m[7]])), "of") &&
			!strings.ContainsAny(sc.text[m[1]:sc.nounPhraseEnd(m[1], 5)], "0123456789") {
			continue // "the fall of the regime", "the rise of populism"
		}
		end := m[5]
		if prep {
			end = max(sc.nounPhraseEnd(m[1], 5), m[5])
			if end == m[1] {
				end = m[5]
			}
		}
		nounSpans = append(nounSpans, [2]int{m[0], end})
		c := chronicle.Claim{Trend: trendDirection(sc.text[m[4]:m[5]])}
		c.Quantity, _ = absorb(amts, m[0], m[4], 0)
		for _, a := range amts { // a number inside "a 20% rise in"
			if a.start >= m[0] && a.end <= m[4] {
				a.used = true
			}
		}
		c.Start, c.End = sc.base+m[0], sc.base+end
		out = append(out, c)
	}
	for _, m := range sc.matchAt(trendVerbRE, sc.wordStarts(trendWord, 0)) {
		inside := false
		for _, s := range nounSpans {
			if m[0] < s[1] && s[0] < m[1] {
				inside = true
			}
		}
		after := sc.text[m[1]:]
		w := strings.ToLower(sc.text[m[2]:m[3]])
		if inside || trendSkipRE.MatchString(after) || (strings.HasPrefix(w, "f") && fellToRE.MatchString(after) && !numAhead(after)) {
			continue
		}
		tag, tagged := sc.pos[m[2]]
		verbTag := tag == "VERB" || tag == "AUX"
		if nounForm(w) {
			// "rise", "falls", "increase" are nouns as often as verbs.
			if tagged && !verbTag || !tagged && nounBefore(sc.text[:m[0]]) {
				continue
			}
		} else if !verbTag && !sc.verbTrend(w, m[0], after) {
			continue // "growing concern", "increased funding"
		}
		thing := sc.thingBefore(m[0])
		switch strings.ToLower(strings.TrimSpace(sc.text[thing:m[0]])) {
		case "he", "she", "i", "we", "they", "you":
			continue // "where he rose": a career, not a number
		}
		end := m[1]
		// The amount of change: "fell 50%", "rose by a third", "rose to 300".
		win := stopPunctRE.FindStringIndex(after)
		limit := len(after)
		if win != nil {
			limit = win[0]
		}
		limit = min(limit, 40)
		c := chronicle.Claim{Trend: trendDirection(w)}
		c.Quantity, end = absorbAfterTrend(amts, sc.text, m[1], m[1]+limit)
		c.Start, c.End = sc.base+thing, sc.base+end
		out = append(out, c)
	}
	return out
}

// absorbAfterTrend takes the amount of change after a trend verb: the one
// after "by" or "to" if there is one, else the first.
func absorbAfterTrend(amts []*amount, text string, from, limit int) (*chronicle.Quantity, int) {
	var pick *amount
	var all []*amount
	for _, a := range amts {
		if !a.used && a.start >= from && a.start <= limit {
			all = append(all, a)
		}
	}
	for _, a := range all {
		b := strings.ToLower(strings.TrimRight(text[max(from, a.start-4):a.start], " "))
		if strings.HasSuffix(b, "to") || strings.HasSuffix(b, "by") {
			pick = a
		}
	}
	if pick == nil && len(all) > 0 {
		pick = all[0]
	}
	if pick == nil {
		return nil, from
	}
	end := from
	for _, a := range all {
		a.used = true
		end = max(end, a.end)
	}
	q := pick.q
	q.Text = text[pick.start:pick.end]
	return &q, end
}

func numAhead(s string) bool {
	s = strings.TrimLeft(s, " ")
	s = strings.TrimPrefix(s, "to ")
	s = strings.TrimPrefix(s, "by ")
	return numStartRE.MatchString(s)
}

// nounBefore reports whether the text before a "rise" ends with an article or
// adjective that makes it a noun.
func nounBefore(before string) bool {
	w := strings.ToLower(lastWord(before))
	switch w {
	case "a", "an", "the", "this", "that", "its", "their", "sharp", "steep", "further", "recent":
		return true
	}
	return false
}

// thingBefore returns where the noun phrase before a trend verb starts:
// "the number of murders fell" -> the offset of "the".
func (sc *scanner) thingBefore(off int) int {
	start := off
	rest := sc.text[:off]
	for n := 0; n < 6; n++ {
		trimmed := strings.TrimRight(rest, " ")
		w := lastWord(trimmed)
		if w == "" || !strings.HasSuffix(trimmed, w) {
			break
		}
		switch strings.ToLower(w) {
		case "that", "which", "who", "said", "says", "as", "while", "and", "but", "because",
			"after", "when", "where", "there", "here", "how", "why", "what", "if",
			"have", "has", "had", "will", "would", "could", "to", "be", "been", "was", "were", "is", "are":
			if start == off {
				// auxiliaries directly before the verb belong to it
				rest = trimmed[:len(trimmed)-len(w)]
				continue
			}
			return start
		}
		// A verb ends the phrase, but not a present-tense tag, which taggers
		// often give to plural nouns ("Homicides fell").
		at := len(trimmed) - len(w)
		if tag, ok := sc.pos[at]; ok && (tag == "VERB" && sc.xpos[at] != "VBZ" && sc.xpos[at] != "VBP" || tag == "AUX" || tag == "PRON" && start != off) {
			return start
		}
		start = len(trimmed) - len(w)
		rest = trimmed[:len(trimmed)-len(w)]
	}
	return start
}

// nounPhraseEnd returns the end of the noun phrase starting at off: up to max
// words, stopping at punctuation and at function words other than "of".
func (sc *scanner) nounPhraseEnd(off, maxWords int) int {
	// An entity starting here is the whole phrase.
	for _, e := range sc.doc.Entities {
		if e.Sentence == sc.si && e.Start-sc.base == off {
			return e.End - sc.base
		}
	}
	end := off
	rest := sc.text[off:]
	pos := off
	for n := 0; n < maxWords; n++ {
		loc := wordTokRE.FindStringIndex(rest)
		if loc == nil || strings.TrimSpace(rest[:loc[0]]) != "" {
			break
		}
		w := strings.ToLower(rest[loc[0]:loc[1]])
		if n > 0 && w != "of" && w != "the" && (functionWord(w) || sc.pos[pos+loc[0]] == "VERB") {
			break
		}
		end = pos + loc[1]
		pos += loc[1]
		rest = rest[loc[1]:]
	}
	// Do not end on "of" or "the".
	for {
		trimmed := strings.TrimRight(sc.text[off:end], " ")
		w := strings.ToLower(lastWord(trimmed))
		if (w == "of" || w == "the") && strings.HasSuffix(strings.ToLower(trimmed), w) && len(trimmed) > len(w) {
			end = off + len(strings.TrimRight(trimmed[:len(trimmed)-len(w)], " "))
			continue
		}
		break
	}
	return end
}

// comparisons finds "fewer murders than the United States", "the lowest
// rate in the region" and "twice as many as".
func (sc *scanner) comparisons(amts []*amount) []chronicle.Claim {
	var out []chronicle.Claim
	add := func(start, thanEnd int) {
		if numStartRE.MatchString(sc.text[thanEnd:]) {
			return // "more than 300" is a hedge on a number
		}
		if w := strings.ToLower(firstWord(sc.text[thanEnd:])); strings.HasSuffix(w, "ed") && sc.pos[thanEnd] != "NOUN" {
			return // "more than surprised"
		}
		end := sc.nounPhraseEnd(thanEnd, 5)
		if end <= thanEnd {
			return
		}
		for _, c := range out {
			if c.Start-sc.base < end && start < c.End-sc.base {
				return
			}
		}
		c := chronicle.Claim{Start: sc.base + start, End: sc.base + end, Comparison: sc.text[start:end]}
		c.Quantity, _ = absorb(amts, start, end, 0)
		out = append(out, c)
	}
	if sc.cues&(cueThan|cueSuperlative|cueTimes) == 0 {
		return nil
	}
	for _, m := range sc.matchAt(compListRE, sc.wordStarts(comparative, 0)) {
		if w := strings.ToLower(sc.text[m[2]:m[3]]); (w == "more" || w == "less" || w == "fewer") && m[4] == m[5] {
			if numStartRE.MatchString(sc.text[m[1]:]) {
				continue
			}
		}
		add(m[0], m[1])
	}
	for _, m := range sc.matchAt(compErRE, sc.wordStarts(func(w string) bool { return strings.HasSuffix(w, "er") }, 0)) {
		switch sc.text[m[2]:m[3]] {
		case "rather", "other", "later", "sooner", "earlier", "never", "ever", "under", "over",
			"after", "whether", "either", "neither", "order", "better", "greater", "larger", "smaller",
			"bigger", "lower", "higher", "fewer", "worse", "safer", "cheaper", "stronger", "weaker",
			"richer", "poorer", "deadlier", "costlier":
			continue
		}
		add(m[0], m[1])
	}
	for _, m := range sc.matchAt(timesRE, sc.wordStarts(timesWord, 0)) {
		add(m[0], m[1])
	}
	for _, m := range sc.matchAt(superRE, sc.wordStarts(func(w string) bool { return w == "the" }, 0)) {
		switch strings.ToLower(sc.text[m[2]:m[3]]) {
		case "interest", "forest", "protest", "request", "honest", "latest", "arrest", "contest",
			"rest", "test", "guest", "chest", "nest", "suggest", "invest", "digest", "manifest",
			"modest", "earnest", "harvest", "priest", "conquest", "inquest", "unrest", "west":
			continue
		}
		add(m[0], m[6]) // the phrase after "in", "since", "ever"
	}
	return out
}

// trendFrom reports whether the amount at off follows "from" after a trend
// verb ("rose from 200 to 300"), which is a change, not a range.
func (sc *scanner) trendFrom(off int) bool {
	before := strings.ToLower(sc.text[max(0, off-30):off])
	i := strings.LastIndex(before, "from ")
	if i < 0 {
		return false
	}
	return trendVerbRE.MatchString(before[:i])
}

// timeUnit reports whether u measures time: "in two decades" says when, not
// how much.
func timeUnit(u string) bool {
	switch u {
	case "years", "year", "decades", "decade", "months", "month", "weeks", "week", "days", "day", "hours", "hour":
		return true
	}
	return false
}

// insideAny reports whether [start, end) lies inside one of the claims.
func insideAny(cs []chronicle.Claim, start, end int) bool {
	for _, c := range cs {
		if c.Start <= start && end <= c.End {
			return true
		}
	}
	return false
}

// speechVerb reports whether w reports speech; the claim is then what was
// said, without the verb.
func speechVerb(w string) bool {
	switch strings.ToLower(w) {
	case "said", "says", "say", "told", "tells", "added", "adds", "noted", "notes", "stated",
		"states", "reported", "reports", "announced", "announces", "estimated", "estimates",
		"claimed", "claims", "warned", "warns", "wrote", "writes", "insisted", "argued", "explained":
		return true
	}
	return false
}

// verbTrend decides, for untagged text, whether the trend word w at offset
// off is a verb of change rather than an adjective: "is rising", "rose 5%"
// but not "a growing threat" or "increased funding".
func (sc *scanner) verbTrend(w string, off int, after string) bool {
	next := strings.ToLower(firstWord(after))
	rest := strings.TrimLeft(after, " ")
	// A lower-case word other than a preposition or adverb right after the
	// trend word makes it an adjective: "growing concern", "increased funding".
	nounFollows := next != "" && rest != "" && isLower(rest[0]) && !strings.HasSuffix(next, "ly")
	switch next {
	case "by", "to", "from", "in", "on", "at", "over", "since", "during", "after", "last", "this",
		"again", "further", "more", "less", "nearly", "almost", "about", "around", "and", "but",
		"as", "while", "than", "year", "percent", "for", "between", "among", "across", "throughout",
		"each", "every", "per", "significantly", "sharply", "slightly", "steadily", "dramatically":
		nounFollows = false
	}
	if strings.HasSuffix(w, "ing") {
		prev := strings.ToLower(lastWord(strings.TrimRight(sc.text[:off], " ")))
		switch prev {
		case "is", "are", "was", "were", "been", "be", "keeps", "kept", "continue", "continues", "continued":
			return !nounFollows
		}
		return next == "by" || next == "to" || next == "from"
	}
	if strings.HasSuffix(w, "ed") {
		return !nounFollows
	}
	return true
}

func firstWord(s string) string {
	s = strings.TrimLeft(s, " ")
	i := 0
	for i < len(s) && (isAlnum(s[i]) || s[i] == '-') {
		i++
	}
	return s[:i]
}

func isLower(b byte) bool { return b >= 'a' && b <= 'z' }

// yearsOld reports whether an age follows: "11 years old".
func yearsOld(after string) bool {
	a := strings.ToLower(after)
	return strings.HasPrefix(a, " years old") || strings.HasPrefix(a, " year old") || strings.HasPrefix(a, "-year-old")
}

// nounForm reports whether a trend word is also a common noun form.
func nounForm(w string) bool {
	switch w {
	case "rise", "rises", "fall", "falls", "increase", "increases", "decline", "declines",
		"drop", "drops", "jump", "jumps", "surge", "surges", "soars", "climbs", "decreases":
		return true
	}
	return false
}
