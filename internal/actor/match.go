package actor

import (
	"strings"
	"unicode"

	chronicle "github.com/chronicle-news/chronicle"
)

// Match is one dictionary name found in a token sequence.
type Match struct {
	Start, End int // token indices, end exclusive
	Kind       string
	Actor      *Actor // for named kinds
	Agent      *Agent // for KindAgent
}

// maxSpanTokens bounds the tokens a single name may cover.
const maxSpanTokens = 16

// tokKeys returns the lower and case keys of each token.
func tokKeys(toks []chronicle.Token) (lower, cased []string) {
	return tokKeysRange(toks, 0, len(toks))
}

// tokKeysRange returns the keys of toks[start:end], indexed like toks.
func tokKeysRange(toks []chronicle.Token, start, end int) (lower, cased []string) {
	lower = make([]string, len(toks))
	cased = make([]string, len(toks))
	for i := start; i < end; i++ {
		cased[i] = caseKey(toks[i].Text)
		lower[i] = strings.ToLower(cased[i])
	}
	return lower, cased
}

// matchAt returns the longest dictionary match starting at token i, or
// false. named limits matches to named kinds (no agents).
func (d *Dictionary) matchAt(toks []chronicle.Token, lower, cased []string, i, end int, named bool) (Match, bool) {
	if d == nil || len(d.index) == 0 || lower[i] == "" || !hasLetter(toks[i].Text) {
		return Match{}, false
	}
	var lk, ck strings.Builder
	type cand struct {
		j    int
		l, c string
	}
	var cands [maxSpanTokens]cand
	n := 0
	for j := i; j < end && j-i < maxSpanTokens; j++ {
		lk.WriteString(lower[j])
		ck.WriteString(cased[j])
		if lk.Len() > d.maxKey {
			break
		}
		// A name never ends on bare punctuation (except a dotted
		// abbreviation's final point, which is part of the previous key).
		if lower[j] == "" && j > i {
			continue
		}
		if j > i && !hasLetter(toks[j].Text) && toks[j].Text != "." {
			continue
		}
		cands[n] = cand{j + 1, lk.String(), ck.String()}
		n++
	}
	spanText := func(a, b int) string {
		var sb strings.Builder
		for k := a; k < b; k++ {
			sb.WriteString(toks[k].Text)
		}
		return sb.String()
	}
	for c := n - 1; c >= 0; c-- {
		es := d.index[cands[c].l]
		if len(es) == 0 {
			continue
		}
		txt := spanText(i, cands[c].j)
		var best *entry
		for _, e := range es {
			if named && e.kind == KindAgent {
				continue
			}
			if !caseOK(e, cands[c].c, txt) {
				continue
			}
			if best == nil || kindRank(e.kind) < kindRank(best.kind) {
				best = e
			}
		}
		if best != nil {
			return Match{Start: i, End: cands[c].j, Kind: best.kind, Actor: best.actor, Agent: best.agent}, true
		}
	}
	return Match{}, false
}

// kindRank orders competing entries for the same words.
func kindRank(k string) int {
	switch k {
	case KindPerson:
		return 0
	case KindOrg:
		return 1
	case KindCountry:
		return 2
	case KindAdj:
		return 3
	case KindCapital:
		return 4
	}
	return 5
}

// caseOK applies the case rules: agents match in any case; case-folded
// (PETRARCH) names match in any case as long as one word is capitalised; Chronicle names match their written case, a lower-case first
// letter may be capitalised, and an all-capitals span (a headline) matches.
func caseOK(e *entry, cased, text string) bool {
	if e.kind == KindAgent {
		return true
	}
	if e.actor != nil && e.actor.CaseFold {
		return strings.IndexFunc(text, unicode.IsUpper) >= 0 || firstLetter(text) == 0
	}
	if cased == e.caseKey || allUpper(text) {
		return true
	}
	if len(cased) == len(e.caseKey) && cased != "" {
		r := []rune(e.caseKey)
		if unicode.IsLower(r[0]) {
			r[0] = unicode.ToUpper(r[0])
			return string(r) == cased
		}
	}
	return false
}

// Matches finds dictionary names in toks[start:end], longest first, left to
// right, without overlaps.
func (d *Dictionary) Matches(toks []chronicle.Token, start, end int) []Match {
	if start < 0 {
		start = 0
	}
	if end > len(toks) {
		end = len(toks)
	}
	lower, cased := tokKeysRange(toks, start, end)
	var out []Match
	for i := start; i < end; {
		if m, ok := d.matchAt(toks, lower, cased, i, end, false); ok {
			out = append(out, m)
			i = m.End
			continue
		}
		i++
	}
	return dropNameParts(toks, start, end, out)
}

// dropNameParts removes matches that are part of a longer proper name: a
// country, nationality or capital, or any one-word name, written next to a
// capitalised word the dictionary does not know ("Chad Wolf", "George
// Washington", "Washington Post", "Ivanka Trump", "Trump Tower").
func dropNameParts(toks []chronicle.Token, start, end int, ms []Match) []Match {
	covered := func(k int) bool {
		for _, m := range ms {
			if k >= m.Start && k < m.End {
				return true
			}
		}
		return false
	}
	nameWord := func(k int) bool {
		if k < start || k >= end || covered(k) {
			return false
		}
		t := toks[k].Text
		lw := strings.ToLower(t)
		initial := true
		for j := 0; j < k; j++ {
			if hasLetter(toks[j].Text) {
				initial = false
				break
			}
		}
		// A quote or colon starts a sentence of its own: "…said, “All G7
		// ministers…".
		if k > 0 {
			switch toks[k-1].Text {
			case "“", "\"", "‘", "(", ":", "—", "–":
				initial = true
			}
		}
		if initial && (sentenceStarter[lw] || strings.HasSuffix(lw, "ly")) {
			return false // capitalised only because it starts the sentence
		}
		if honorific[strings.TrimSuffix(lw, ".")] {
			return false
		}
		return startsUpper(t) && hasLetter(t) && !calendarWord[lw] && !allUpper(t)
	}
	out := ms[:0:0]
	for _, m := range ms {
		single := m.End-m.Start == 1
		if m.Kind == KindCountry || m.Kind == KindAdj || m.Kind == KindCapital || (single && m.Kind != KindAgent) {
			if nameWord(m.End) || (m.Start-1 >= start && nameWord(m.Start-1)) {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// sentenceStarter lists words often capitalised only because they start a
// sentence.
var sentenceStarter = map[string]bool{
	"the": true, "a": true, "an": true, "in": true, "on": true, "at": true, "but": true, "and": true,
	"or": true, "after": true, "before": true, "when": true, "while": true, "as": true, "for": true,
	"from": true, "with": true, "by": true, "if": true, "meanwhile": true, "then": true, "since": true,
	"last": true, "this": true, "that": true, "these": true, "those": true, "it": true, "he": true,
	"she": true, "they": true, "we": true, "i": true, "you": true, "both": true, "even": true, "so": true,
	"yet": true, "also": true, "later": true, "earlier": true, "now": true, "today": true,
	"yesterday": true, "tomorrow": true, "under": true, "during": true, "despite": true,
	"although": true, "though": true, "because": true, "once": true, "there": true, "here": true,
	"what": true, "why": true, "how": true, "where": true, "who": true, "according": true,
	"unlike": true, "like": true, "only": true, "still": true, "however": true, "instead": true,
	"until": true, "to": true, "of": true, "over": true, "about": true, "without": true, "within": true,
	"against": true, "among": true, "between": true, "each": true, "every": true, "no": true,
	"not": true, "some": true, "many": true, "most": true, "all": true, "several": true, "other": true,
	"another": true, "such": true, "his": true, "her": true, "their": true,
	"its": true, "our": true, "my": true, "your": true, "first": true, "second": true, "asked": true,
	"speaking": true, "following": true, "neither": true, "either": true, "whether": true,
	"thanks": true, "amid": true, "near": true, "outside": true, "inside": true, "across": true,
	"throughout": true, "upon": true, "via": true, "behind": true, "beyond": true, "toward": true,
	"towards": true, "meeting": true, "visiting": true, "addressing": true, "did": true, "does": true,
	"will": true, "would": true, "can": true, "could": true, "should": true, "has": true, "had": true,
	"is": true, "was": true, "are": true, "were": true, "former": true, "new": true, "ex": true,
}

// honorific lists titles written before names.
var honorific = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "sen": true, "rep": true,
	"gov": true, "gen": true, "lt": true, "col": true, "maj": true, "sgt": true, "capt": true,
	"adm": true, "prof": true, "sir": true, "dame": true, "lord": true, "lady": true, "jr": true,
	"sr": true, "pres": true, "sec": true, "amb": true, "rev": true, "fr": true, "sheikh": true,
	"king": true, "queen": true, "prince": true, "princess": true, "pope": true, "emir": true,
	"ayatollah": true, "president": true, "minister": true, "secretary": true, "chancellor": true,
	"premier": true, "senator": true, "congressman": true, "congresswoman": true, "general": true,
	"envoy": true, "judge": true, "justice": true, "mayor": true, "governor": true, "commander": true,
}

// calendarWord lists capitalised words that may follow a place name.
var calendarWord = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "january": true, "february": true, "march": true,
	"april": true, "may": true, "june": true, "july": true, "august": true, "september": true,
	"october": true, "november": true, "december": true, "i": true,
}

// determiners are skipped at the start of a phrase.
var leadSkip = map[string]bool{
	"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true,
	"our": true, "this": true, "that": true, "these": true, "those": true, "some": true,
	"several": true, "many": true, "two": true, "three": true, "both": true, "all": true,
	"other": true, "former": false,
}

// boundaries end a noun phrase's core: what follows modifies it.
var boundary = map[string]bool{
	"of": true, "in": true, "from": true, "to": true, "for": true, "with": true, "at": true,
	"on": true, "who": true, "which": true, "that": true, ",": true, "(": true, "by": true,
	"against": true, "under": true, "over": true, "near": true, "and": true, "or": true,
	"after": true, "during": true, "–": true, "—": true, ";": true, ":": true, "said": true,
	"says": true, "whose": true, "where": true, "when": true,
}

// Resolve resolves the noun phrase s.Tokens[start:end] to an actor as of date
// (YYYY-MM-DD or ""), combining titles, nationality adjectives and agents.
func (d *Dictionary) Resolve(s *chronicle.Sentence, start, end int, date string) (chronicle.ActorRef, bool) {
	r, ok := d.ResolveMatch(s, start, end, date)
	return r.ActorRef, ok
}

// Resolution is the result of ResolveMatch: the actor reference and how it
// was found.
type Resolution struct {
	chronicle.ActorRef
	// Kind is the kind of the deciding match: KindPerson, KindOrg,
	// KindCountry, KindAdj, KindCapital (a capital standing for its
	// government; the caller decides whether the position allows that) or
	// KindAgent.
	Kind  string
	Actor *Actor // the named actor, when one decided
	Agent *Agent // the head agent, when one decided
}

// roleHead are role words that take the kind of the agent before them.
var roleHead = map[string]bool{
	"commander": true, "commanders": true, "leader": true, "leaders": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "official": true, "officials": true,
	"representative": true, "representatives": true, "chief": true, "chiefs": true,
}

// ResolveMatch is Resolve with details of the match.
func (d *Dictionary) ResolveMatch(s *chronicle.Sentence, start, end int, date string) (Resolution, bool) {
	if d == nil || s == nil {
		return Resolution{}, false
	}
	toks := s.Tokens
	if start < 0 {
		start = 0
	}
	if end > len(toks) {
		end = len(toks)
	}
	for start < end && !hasLetter(toks[start].Text) {
		start++
	}
	for end > start && !hasLetter(toks[end-1].Text) {
		end--
	}
	if start >= end {
		return Resolution{}, false
	}
	date = normDate(date)
	ms := d.Matches(toks, start, end)
	if len(ms) == 0 {
		return Resolution{}, false
	}
	// Leading determiners are not part of the actor's text unless a
	// dictionary name starts with them ("The Hague").
	for start < end-1 && leadSkip[strings.ToLower(toks[start].Text)] && ms[0].Start > start {
		start++
	}
	// The core runs to the first boundary word outside any match.
	inMatch := make([]bool, end-start)
	for _, m := range ms {
		for k := m.Start; k < m.End; k++ {
			inMatch[k-start] = true
		}
	}
	core := end
	for k := start + 1; k < end; k++ {
		w := strings.ToLower(toks[k].Text)
		if inMatch[k-start] || !boundary[w] {
			continue
		}
		if (w == "and" || w == "or") && k+1 < end && !startsUpper(toks[k+1].Text) && !leadSkip[strings.ToLower(toks[k+1].Text)] && !inMatch[k+1-start] {
			continue // coordinated modifiers: "awful and evil minister"
		}
		core = k
		break
	}
	var coreMs, post []Match
	for _, m := range ms {
		if m.End <= core {
			coreMs = append(coreMs, m)
		} else if m.Start >= core {
			post = append(post, m)
		}
	}
	// The actor named after "of", "in" or "from" right after the core.
	var postOf *Match
	if core < end && len(post) > 0 {
		w := strings.ToLower(toks[core].Text)
		if w == "of" || w == "in" || w == "from" {
			p := post[0]
			if p.Kind != KindAgent {
				postOf = &p
			}
		}
	}
	res := Resolution{}
	res.Text = phraseText(toks, start, end)
	res.Start, res.End = toks[start].Start, toks[end-1].End

	// Head agent: the last agent in the core, preferring one with its own
	// code over words like "chief" that only point at another actor
	// ("the army chief" is the army's).
	head := -1
	for i := len(coreMs) - 1; i >= 0; i-- {
		if coreMs[i].Kind == KindAgent && !coreMs[i].Agent.Inherit {
			head = i
			break
		}
	}
	if head < 0 {
		for i := len(coreMs) - 1; i >= 0; i-- {
			if coreMs[i].Kind == KindAgent {
				head = i
				break
			}
		}
	}
	// "rebel commander", "gang leader", "opposition spokesman": a role word
	// after another agent is that agent's.
	if head > 0 && coreMs[head-1].Kind == KindAgent && coreMs[head-1].End == coreMs[head].Start &&
		roleHead[strings.ToLower(toks[coreMs[head].End-1].Text)] {
		head--
	}
	// A named person or organisation in the core decides, unless it only
	// modifies a following head agent ("Bukele's government", "UN
	// officials", "the Trump administration").
	lastNamed := -1
	for i := len(coreMs) - 1; i >= 0; i-- {
		if k := coreMs[i].Kind; k == KindPerson || k == KindOrg {
			lastNamed = i
			break
		}
	}
	if lastNamed >= 0 && (head < lastNamed || coreMs[head].Agent.Inherit) {
		return d.fromActor(res, coreMs[lastNamed].Actor, coreMs[lastNamed].Kind, date), true
	}
	if head >= 0 {
		g := coreMs[head].Agent
		res.Agent = g
		res.Kind = KindAgent
		var country *Match
		for i := head - 1; i >= 0; i-- {
			if k := coreMs[i].Kind; k != KindAgent {
				country = &coreMs[i]
				break
			}
		}
		if country == nil {
			// "MSF Arnor": a country after a prefix agent in the core.
			for i := head + 1; i < len(coreMs); i++ {
				if coreMs[i].Kind != KindAgent {
					country = &coreMs[i]
					break
				}
			}
		}
		if country == nil && postOf != nil {
			country = postOf
		}
		// "former officials": a former holder of the role is an elite.
		former := false
		for k := start; k < coreMs[head].Start; k++ {
			if w := strings.ToLower(toks[k].Text); w == "former" || w == "ex" || strings.HasPrefix(w, "ex-") {
				former = true
			}
		}
		if former && !g.Inherit {
			g = &Agent{Names: g.Names, Prefix: g.Prefix, Suffix: "ELI", Source: g.Source}
		}
		if g.Inherit {
			if country != nil {
				return d.fromActor(res, country.Actor, country.Kind, date), true
			}
			return Resolution{}, false
		}
		if country != nil {
			a := country.Actor
			if a.Kind == KindOrg || (a.Kind == KindPerson && a.Country == "") {
				return d.fromActor(res, a, a.Kind, date), true
			}
			iso := a.Country
			if iso == "" {
				iso = d.countryOf(a.CodeAt(date))
			}
			if iso != "" {
				res.Code = g.Prefix + iso + g.Suffix
				res.Country = iso
				res.Sector = firstN(g.Suffix, 3)
				if res.Sector == "" {
					res.Sector = firstN(g.Prefix, 3)
				}
				if c := d.countries[iso]; c != nil {
					res.Name = c.Name
				}
				if a.Kind == KindPerson {
					res.Actor = a
				}
				return res, true
			}
		}
		switch {
		case g.Default != "":
			res.Code = g.Default
			res.Country = d.countryOf(g.Default)
			res.Sector = firstN(g.Suffix, 3)
			if res.Sector == "" {
				res.Sector = d.sectorOf(g.Default, res.Country)
			}
		case g.Suffix != "":
			res.Code = "---" + g.Suffix
			res.Sector = firstN(g.Suffix, 3)
		default:
			res.Code = g.Prefix
			res.Sector = firstN(g.Prefix, 3)
		}
		return res, true
	}
	// No agent: a country, adjective or capital in the core.
	for i := len(coreMs) - 1; i >= 0; i-- {
		m := coreMs[i]
		return d.fromActor(res, m.Actor, m.Kind, date), true
	}
	return Resolution{}, false
}

// fromActor fills a resolution from a named actor as of date.
func (d *Dictionary) fromActor(res Resolution, a *Actor, kind, date string) Resolution {
	res.Kind = kind
	res.Actor = a
	res.Name = a.Name
	if kind == KindAdj || kind == KindCountry {
		if c := d.countries[a.Country]; c != nil {
			res.Name = c.Name
		}
	}
	res.Code = a.CodeAt(date)
	res.Country = a.Country
	if res.Country == "" {
		res.Country = d.countryOf(res.Code)
	}
	res.Sector = a.Sector
	if res.Sector == "" || len(a.Roles) > 1 {
		res.Sector = d.sectorOf(res.Code, res.Country)
	}
	return res
}

func firstN(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// phraseText rebuilds the text of toks[start:end] from the tokens, with a
// space wherever the offsets (or SpaceAfter) show one.
func phraseText(toks []chronicle.Token, start, end int) string {
	var b strings.Builder
	for k := start; k < end; k++ {
		if k > start {
			p := toks[k-1]
			if p.SpaceAfter || toks[k].Start > p.End || (p.End == 0 && toks[k].Start == 0) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(toks[k].Text)
	}
	return b.String()
}

// normDate reduces a date to YYYY-MM-DD: RFC 3339 and YYYYMMDD are accepted;
// anything else gives "".
func normDate(s string) string {
	s = strings.TrimSpace(s)
	if len(s) == 8 && isDigits(s) {
		return s[:4] + "-" + s[4:6] + "-" + s[6:]
	}
	if len(s) >= 10 && isDigits(s[:4]) && s[4] == '-' && isDigits(s[5:7]) && s[7] == '-' && isDigits(s[8:10]) {
		return s[:10]
	}
	if len(s) == 7 && isDigits(s[:4]) && s[4] == '-' {
		return s + "-15"
	}
	if len(s) == 4 && isDigits(s) {
		return s + "-07-01"
	}
	return ""
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
