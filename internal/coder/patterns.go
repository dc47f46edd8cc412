package coder

import (
	"sort"
	"strings"
)

// PatternMatch is a dictionary pattern that matched around a verb trigger:
// it may change the event code and name the source and target tokens.
type PatternMatch struct {
	Code   string // CAMEO code the pattern gives; "---" means no event
	Code2  string // code of the paired event target->source ("032:033"), or ""
	Source int    // token index of the source phrase head, or -1
	Target int    // token index of the target phrase head, or -1
	Rule   string // the pattern, for the event's rule
	// Consumed lists the tokens the pattern matched (its words and the verb),
	// so that the coder does not read negation or modality twice: a pattern
	// like "WILL NOT * [081]" already accounts for "will not".
	Consumed []int
	// Reverse means the event runs from the target to the source: the
	// code had only a paired part ("[:110]").
	Reverse bool
}

// matchPatterns tries the verb's patterns (PETRARCH2 "- * WITH [031]" style)
// around token v. Chronicle's own dictionary has none. For a PETRARCH2
// dictionary it always answers: the code of the best pattern, or the verb's
// default code when none matches (with "---" when the verb codes only
// through patterns, or when the token is not one of the verb's multiword
// forms).
//
// PETRARCH2 matches patterns against the verb phrase of a constituency
// parse; Chronicle approximates that on the token sequence with the
// dependency parse as a guide. The words after "*" are looked for in order
// after the verb, within the verb's phrase (its subtree without adverbial,
// coordinated and loosely joined clauses); the words before "*" in order
// before it, anywhere earlier in the sentence. Words joined by "_" must be
// adjacent, words of a "(...)" or "{...}" group close together (nearGap),
// others may have words between them. A synset matches any of its members
// (nested synsets included); "$", "+" and "%" match a noun and give its
// phrase head as source, target or compound actor; "^" skips a noun phrase.
// The verb's forms are found by surface form first, then by lemma
// ("left" is LEFT, not LEAVE). When several patterns match, the one with
// the most words wins, then the first in the dictionary.
func (d *Dictionary) matchPatterns(st *sent, v int) (PatternMatch, bool) {
	p := d.petrarch
	if p == nil || st == nil || v < 0 || v >= len(st.s.Tokens) {
		return PatternMatch{}, false
	}
	ws := sentWords(st)
	vw := ws.first[v]
	if vw < 0 {
		return PatternMatch{}, false
	}
	fits := p.formsAt(st, ws, v)
	pm := PatternMatch{Source: -1, Target: -1}
	if len(fits) == 0 {
		pm.Code, pm.Rule = "---", "no verb form fits"
		return pm, true
	}
	// The best pattern of any fitting form's block; without one, the code of
	// the first fitting form that has one.
	var best *Pattern
	var bestRes matchResult
	var bestFit formFit
	seen := map[*verbBlock]bool{}
	present := make(map[string]bool, len(ws.words))
	for _, w := range ws.words {
		present[w] = true
	}
	failed := map[[3]int]bool{}
	for _, ff := range fits {
		if seen[ff.f.block] {
			continue
		}
		seen[ff.f.block] = true
		m := &matcher{st: st, ws: ws, vs: ff.vs, ve: ff.ve, lo: 0, hi: len(ws.words), failed: failed}
		m.hi = m.afterLimit(v)
		for _, pat := range ff.f.block.patterns {
			if !pat.wordsPresent(present, ws.words) {
				continue
			}
			res, ok := m.match(pat)
			if !ok {
				continue
			}
			if best == nil || res.words > bestRes.words {
				best, bestRes, bestFit = pat, res, ff
			}
		}
	}
	var code codePair
	if best != nil {
		code = best.Code
		pm.Rule = bestFit.f.block.name + " \"" + best.Text + "\""
		pm.Source, pm.Target = bestRes.source, bestRes.target
		if bestRes.compound >= 0 {
			if bestRes.compoundAfter {
				// "* WITH %": the compound's members are the targets.
				pm.Target = bestRes.compound
			} else {
				// "% HAVE *": the members act on each other, in every
				// direction already.
				pm.Source, pm.Target = bestRes.compound, bestRes.compound
				code.paired = ""
			}
		}
		for _, w := range bestRes.consumed {
			pm.Consumed = appendTok(pm.Consumed, ws.tok[w])
		}
	} else {
		bestFit = fits[0]
		for _, ff := range fits {
			if !ff.f.code.null() {
				bestFit = ff
				break
			}
		}
		code = bestFit.f.code
		pm.Rule = bestFit.f.block.name
	}
	for i := bestFit.vs; i < bestFit.ve; i++ {
		pm.Consumed = appendTok(pm.Consumed, ws.tok[i])
	}
	pm.Code, pm.Code2 = code.main, code.paired
	if isNullCode(pm.Code2) {
		pm.Code2 = ""
	}
	if isNullCode(pm.Code) {
		pm.Code = "---"
		if pm.Code2 != "" {
			pm.Code, pm.Code2, pm.Reverse = pm.Code2, "", true
		}
	}
	pm.Rule += " [" + code.String() + "]"
	return pm, true
}

func appendTok(ts []int, t int) []int {
	for _, x := range ts {
		if x == t {
			return ts
		}
	}
	return append(ts, t)
}

// words is a sentence as PETRARCH sees it: lower-case words, with
// contractions split ("didn't" -> "did", "n't"), each with its token.
type words struct {
	words []string
	tok   []int // token index of each word
	first []int // first word of each token, -1 for none
}

func normWord(s string) string {
	s = strings.ToLower(s)
	if strings.ContainsRune(s, '’') {
		s = strings.ReplaceAll(s, "’", "'")
	}
	return s
}

func sentWords(st *sent) words {
	var ws words
	ws.first = make([]int, len(st.s.Tokens))
	for i := range st.s.Tokens {
		w := normWord(st.s.Tokens[i].Text)
		ws.first[i] = len(ws.words)
		if w == "" {
			ws.first[i] = -1
			continue
		}
		if len(w) > 3 && strings.HasSuffix(w, "n't") {
			ws.words = append(ws.words, w[:len(w)-3], "n't")
			ws.tok = append(ws.tok, i, i)
			continue
		}
		ws.words = append(ws.words, w)
		ws.tok = append(ws.tok, i)
	}
	return ws
}

// formFit is a verb form that fits a token, with the word span of the verb
// ([vs, ve)).
type formFit struct {
	f      *verbForm
	vs, ve int
}

// formsAt lists the verb forms the token can be, by its surface form and
// its lemma, multiword forms whose other words are present first.
func (p *petrarchVerbs) formsAt(st *sent, ws words, v int) []formFit {
	vw := ws.first[v]
	var cands []*verbForm
	cands = append(cands, p.forms[normWord(st.s.Tokens[v].Text)]...)
	cands = append(cands, p.forms[lemma(st.tok(v))]...)
	var out []formFit
	seen := map[*verbForm]bool{}
	for _, f := range cands {
		if seen[f] {
			continue
		}
		seen[f] = true
		if vs, ve, ok := fits(st, ws, v, vw, f); ok {
			out = append(out, formFit{f, vs, ve})
		}
	}
	// The token may be the first word of a multiword verb ("wire" tagged
	// as the verb of "wire tapped").
	for _, f := range p.prefixed[ws.words[vw]] {
		if seen[f] {
			continue
		}
		n := len(f.pre)
		if vw+n >= len(ws.words) || !p.isForm(ws.words[vw+n], f) {
			continue
		}
		ok := true
		for i, w := range f.pre {
			ok = ok && ws.words[vw+i] == w
		}
		if vs, ve, fit := fits(st, ws, -1, vw+n, f); ok && fit {
			seen[f] = true
			out = append(out, formFit{f, vs, ve})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		return len(out[i].f.pre)+len(out[i].f.post) > len(out[j].f.pre)+len(out[j].f.post)
	})
	return out
}

// isForm reports whether word w is a form of f's verb.
func (p *petrarchVerbs) isForm(w string, f *verbForm) bool {
	for _, g := range p.forms[w] {
		if g == f {
			return true
		}
	}
	return false
}

// fits checks a multiword form's words around the verb word vw: the words
// before it must be right before it, the words after it right after it or a
// particle of the verb ("cordoned the roads off").
func fits(st *sent, ws words, v, vw int, f *verbForm) (int, int, bool) {
	vs, ve := vw, vw+1
	if n := len(f.pre); n > 0 {
		if vw-n < 0 {
			return 0, 0, false
		}
		for i, w := range f.pre {
			if ws.words[vw-n+i] != w {
				return 0, 0, false
			}
		}
		vs = vw - n
	}
	if n := len(f.post); n > 0 {
		ok := vw+1+n <= len(ws.words)
		for i := 0; ok && i < n; i++ {
			ok = ws.words[vw+1+i] == f.post[i]
		}
		if ok {
			ve = vw + 1 + n
		} else if n == 1 && st.parsed && v >= 0 {
			for _, k := range st.kids[v] {
				if st.rel(k) == "compound:prt" && normWord(st.tok(k).Text) == f.post[0] {
					ok = true
				}
			}
		}
		if !ok {
			return 0, 0, false
		}
	}
	return vs, ve, true
}

// matcher matches patterns around one verb occurrence.
type matcher struct {
	st     *sent
	ws     words
	vs, ve int // the verb's words
	lo, hi int // words the pattern may use
	// failed remembers (direction, element, position) triples that cannot
	// match, and budget bounds the work of one pattern, so that patterns of
	// markers and skips stay cheap on long sentences.
	failed map[[3]int]bool
	budget int
}

// matchBudget bounds the element tests of one pattern on one verb.
const matchBudget = 20000

type matchResult struct {
	words                    int
	source, target, compound int
	compoundAfter            bool // the compound actor follows the verb
	consumed                 []int
}

// afterStop are the relations of clauses that follow the verb's phrase
// rather than belong to it.
var afterStop = map[string]bool{"advcl": true, "parataxis": true, "conj": true, "list": true}

// afterLimit returns the end (exclusive, in words) of the verb's phrase: the
// right edge of its dependency subtree without its adverbial, coordinated and
// loosely joined clauses, or the sentence end without a parse.
func (m *matcher) afterLimit(v int) int {
	if !m.st.parsed {
		return len(m.ws.words)
	}
	right := v
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if depth > 50 {
			return
		}
		if i > right {
			right = i
		}
		for _, k := range m.st.kids[i] {
			if i == v && afterStop[baseRel(m.st.rel(k))] {
				continue
			}
			walk(k, depth+1)
		}
	}
	walk(v, 0)
	for w, t := range m.ws.tok {
		if t > right {
			return w
		}
	}
	return len(m.ws.words)
}

// match tries a pattern: the elements after the verb forward from its end,
// the elements before it backward from its start.
func (m *matcher) match(pat *Pattern) (matchResult, bool) {
	k := -1
	for i, e := range pat.elems {
		if e.kind == elemVerb {
			k = i
			break
		}
	}
	if k < 0 {
		return matchResult{}, false
	}
	res := matchResult{source: -1, target: -1, compound: -1}
	clear(m.failed)
	m.budget = matchBudget
	after := pat.elems[k+1:]
	if !m.forward(after, 0, m.ve, &res) {
		return matchResult{}, false
	}
	before := pat.elems[:k]
	if !m.backward(before, pat.elems[k], len(before)-1, m.vs, &res) {
		return matchResult{}, false
	}
	return res, true
}

// forward matches es[i:] starting at word pos or later (exactly at pos when
// the element is joined to the previous one).
func (m *matcher) forward(es []patElem, i, pos int, res *matchResult) bool {
	if i == len(es) {
		return true
	}
	key := [3]int{0, i, pos}
	if m.failed[key] {
		return false
	}
	e := es[i]
	last := m.hi - 1
	if e.adj {
		last = pos
	} else if e.near && pos+nearGap < last {
		last = pos + nearGap
	}
	for s := pos; s <= last && s < m.hi; s++ {
		for _, r := range m.elemAt(e, s, m.hi) {
			saved := *res
			saved.consumed = append([]int(nil), res.consumed...)
			m.apply(e, s, r, res)
			if m.forward(es, i+1, r.end, res) {
				return true
			}
			*res = saved
		}
	}
	m.failed[key] = true
	return false
}

// backward matches es[:i+1] so that es[i] ends right before word end (when
// the element after it, next, is joined to it), within nearGap words of it
// (when next is a later word of a group) or earlier.
func (m *matcher) backward(es []patElem, next patElem, i, end int, res *matchResult) bool {
	if i < 0 {
		return true
	}
	adjNext := next.adj
	mode := 1
	if next.adj {
		mode = 2
	} else if next.near {
		mode = 3
	}
	key := [3]int{mode, i, end}
	if m.failed[key] {
		return false
	}
	e := es[i]
	for last := end - 1; last >= m.lo; last-- {
		if adjNext && last != end-1 || next.near && last < end-1-nearGap {
			break
		}
		// The element occupies [s, last].
		for s := last; s >= m.lo && s >= last-8; s-- {
			for _, r := range m.elemAt(e, s, last+1) {
				if r.end != last+1 {
					continue
				}
				saved := *res
				saved.consumed = append([]int(nil), res.consumed...)
				m.apply(e, s, r, res)
				if m.backward(es, e, i-1, s, res) {
					return true
				}
				*res = saved
			}
			if e.kind != elemSyn {
				break // single-word elements start where they end
			}
		}
	}
	m.failed[key] = true
	return false
}

type elemMatch struct {
	end   int // word after the element
	words int // literal words matched
}

// elemAt lists the ways element e can match starting at word s (ending at
// or before limit), longest first.
func (m *matcher) elemAt(e patElem, s, limit int) []elemMatch {
	m.budget--
	if m.budget < 0 || s < 0 || s >= limit || s >= len(m.ws.words) || (s >= m.vs && s < m.ve) {
		return nil
	}
	switch e.kind {
	case elemWord:
		if m.ws.words[s] == e.word {
			return []elemMatch{{s + 1, 1}}
		}
	case elemSkip:
		// A skipped noun phrase ends with its head; any other word is
		// skipped alone.
		return []elemMatch{{m.phraseEnd(s, limit), 0}}
	case elemSource, elemTarget, elemCompound:
		if m.nominal(m.ws.tok[s]) {
			return []elemMatch{{s + 1, 0}}
		}
	case elemSyn:
		return m.synAt(e.syn, s, limit, 0)
	}
	return nil
}

// synAt matches any member of a synset at word s.
func (m *matcher) synAt(syn *synset, s, limit, depth int) []elemMatch {
	if syn == nil || depth > 8 {
		return nil
	}
	if s >= limit || s >= len(m.ws.words) {
		return nil
	}
	best := map[int]int{} // end -> most words
	for _, group := range [2][][]patElem{syn.byFirst[m.ws.words[s]], syn.other} {
		for _, mem := range group {
			for _, r := range m.seqAt(mem, 0, s, limit, 0, depth) {
				if w, ok := best[r.end]; !ok || r.words > w {
					best[r.end] = r.words
				}
			}
		}
	}
	if len(best) == 0 {
		return nil
	}
	out := make([]elemMatch, 0, len(best))
	for end, w := range best {
		out = append(out, elemMatch{end, w})
	}
	// Longest first.
	sort.Slice(out, func(i, j int) bool {
		if out[i].words != out[j].words {
			return out[i].words > out[j].words
		}
		return out[i].end > out[j].end
	})
	return out
}

// seqAt matches a synset member's elements from mem[i] at word s.
func (m *matcher) seqAt(mem []patElem, i, s, limit, words, depth int) []elemMatch {
	if i == len(mem) {
		return []elemMatch{{s, words}}
	}
	e := mem[i]
	var out []elemMatch
	m.budget--
	if m.budget < 0 {
		return nil
	}
	first, last := s, s
	if i > 0 && !e.adj {
		last = limit - 1
	}
	for p := first; p <= last && p < limit; p++ {
		var rs []elemMatch
		if e.kind == elemSyn {
			rs = m.synAt(e.syn, p, limit, depth+1)
		} else {
			rs = m.elemAt(e, p, limit)
		}
		for _, r := range rs {
			out = append(out, m.seqAt(mem, i+1, r.end, limit, words+r.words, depth)...)
		}
	}
	return out
}

// apply records what an element matched.
func (m *matcher) apply(e patElem, s int, r elemMatch, res *matchResult) {
	res.words += r.words
	switch e.kind {
	case elemSource:
		res.source = m.phraseHead(m.ws.tok[s])
	case elemTarget:
		res.target = m.phraseHead(m.ws.tok[s])
	case elemCompound:
		res.compound = m.phraseHead(m.ws.tok[s])
		res.compoundAfter = s >= m.ve
	case elemWord, elemSyn:
		for w := s; w < r.end; w++ {
			res.consumed = append(res.consumed, w)
		}
	}
}

// phraseEnd returns the word after the noun phrase that word s starts, or
// s+1 when s does not start one.
func (m *matcher) phraseEnd(s, limit int) int {
	end := s + 1
	if !m.st.parsed {
		return end
	}
	t := m.ws.tok[s]
	h := t
	if !m.nominal(t) {
		h = m.st.head(t)
		if h < t || !m.nominal(h) {
			return end
		}
	}
	h = m.phraseHead(h)
	if h < t {
		return end
	}
	if h+1 < len(m.ws.first) && m.ws.first[h+1] > end {
		end = m.ws.first[h+1]
	} else if h+1 >= len(m.ws.first) {
		end = len(m.ws.words)
	}
	if end > limit {
		end = limit
	}
	return end
}

// nominal reports whether token t can stand for an actor.
func (m *matcher) nominal(t int) bool {
	tok := m.st.tok(t)
	switch tok.UPOS {
	case "PROPN", "NOUN", "PRON":
		return true
	case "":
		return isCapitalized(tok.Text)
	}
	return false
}

// phraseHead climbs from a word of a noun phrase to the phrase's head (and,
// for compound actors, to the first conjunct).
func (m *matcher) phraseHead(t int) int {
	if !m.st.parsed {
		return t
	}
	for steps := 0; steps < 6; steps++ {
		h := m.st.head(t)
		if h < 0 {
			return t
		}
		switch m.st.rel(t) {
		case "compound", "flat", "flat:name", "amod", "nummod", "det", "goeswith":
		case "conj", "appos":
			if !m.nominal(h) {
				return t
			}
		default:
			return t
		}
		t = h
	}
	return t
}
