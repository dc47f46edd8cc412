package coder

import (
	"math"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/timex"
)

// docContext holds per-document state: the document, actors seen so far (for
// pronouns and short names) and per-sentence indexes.
type docContext struct {
	doc *chronicle.Document
	// entByTok maps sentence -> token -> entity index covering it.
	entByTok []map[int]int
	// quoteOf maps sentence -> indices of quotes overlapping it.
	quotesBySent map[int][]int
	// persons caches the codes personActor found for person entities (an
	// empty code when none).
	persons map[int]chronicle.ActorRef
}

func newDocContext(doc *chronicle.Document) *docContext {
	dc := &docContext{doc: doc, entByTok: make([]map[int]int, len(doc.Sentences)), quotesBySent: map[int][]int{}}
	for i, e := range doc.Entities {
		if e.Sentence < 0 || e.Sentence >= len(doc.Sentences) {
			continue
		}
		m := dc.entByTok[e.Sentence]
		if m == nil {
			m = map[int]int{}
			dc.entByTok[e.Sentence] = m
		}
		for t := e.TokStart; t < e.TokEnd; t++ {
			if _, ok := m[t]; !ok {
				m[t] = i
			}
		}
	}
	for qi, q := range doc.Quotes {
		end := q.EndSent
		if end < q.Sentence {
			end = q.Sentence
		}
		for s := q.Sentence; s <= end; s++ {
			dc.quotesBySent[s] = append(dc.quotesBySent[s], qi)
		}
	}
	return dc
}

// sent is a sentence with its dependency index.
type sent struct {
	i      int
	s      *chronicle.Sentence
	kids   [][]int // children of each token (0-based)
	parsed bool
	// triggers marks the tokens that govern a trigger of the sentence.
	triggers map[int]bool
	// skip holds the tokens a dictionary pattern has accounted for ("WILL
	// NOT * [081]"): factuality does not read them again.
	skip map[int]bool
	// ents maps tokens to the document entity covering them (nil when not
	// known).
	ents map[int]int
}

func newSent(i int, s *chronicle.Sentence) *sent {
	n := len(s.Tokens)
	st := &sent{i: i, s: s, kids: make([][]int, n), parsed: n > 0}
	for t, tok := range s.Tokens {
		if tok.Head < 0 || tok.Head > n {
			st.parsed = false
			continue
		}
		if tok.Head > 0 {
			st.kids[tok.Head-1] = append(st.kids[tok.Head-1], t)
		}
	}
	return st
}

func (st *sent) tok(i int) *chronicle.Token { return &st.s.Tokens[i] }

// head returns the 0-based head of token i, or -1 for the root.
func (st *sent) head(i int) int { return st.s.Tokens[i].Head - 1 }

func (st *sent) rel(i int) string { return st.s.Tokens[i].DepRel }

func baseRel(r string) string {
	if i := strings.IndexByte(r, ':'); i >= 0 {
		return r[:i]
	}
	return r
}

// child returns the first child of i with one of the relations.
func (st *sent) child(i int, rels ...string) int {
	for _, k := range st.kids[i] {
		for _, r := range rels {
			if st.rel(k) == r {
				return k
			}
		}
	}
	return -1
}

// caseOf returns the lower-case preposition (case child) of token i, also
// when the parse hung it on a title before the name ("with [Russian
// President] Vladimir Putin").
func (st *sent) caseOf(i int) string {
	for _, k := range st.kids[i] {
		if st.rel(k) == "case" {
			return strings.ToLower(st.tok(k).Text)
		}
	}
	for _, k := range st.kids[i] {
		if k > i || (st.rel(k) != "nmod:desc" && st.rel(k) != "compound") {
			continue
		}
		for _, kk := range st.kids[k] {
			if st.rel(kk) == "case" && kk < k {
				return strings.ToLower(st.tok(kk).Text)
			}
		}
	}
	return ""
}

func lemma(t *chronicle.Token) string {
	if t.Lemma != "" && t.Lemma != "_" {
		return strings.ToLower(t.Lemma)
	}
	return guessLemma(strings.ToLower(t.Text))
}

// trigger is a candidate event word.
type trigger struct {
	tok   int    // the token that governs the clause (verb, or noun for nominal events)
	noun  int    // the event noun for light verbs and nominal events, else -1
	entry *Entry // dictionary entry
	rule  string
}

// codeSentence codes one sentence.
func (c *Coder) codeSentence(dc *docContext, si int) []chronicle.Event {
	st := newSent(si, &dc.doc.Sentences[si])
	if len(st.s.Tokens) == 0 {
		return nil
	}
	st.ents = dc.entByTok[si]
	if !st.parsed {
		return c.codeUnparsed(dc, st)
	}
	trigs := c.findTriggers(st)
	st.triggers = make(map[int]bool, len(trigs))
	for _, tr := range trigs {
		st.triggers[tr.tok] = true
	}
	if len(trigs) == 0 {
		c.tracef("sentence %d: no trigger word from the verb dictionary", si)
	}
	suppressed := map[int]bool{}
	var out []chronicle.Event
	for _, tr := range trigs {
		if suppressed[tr.tok] {
			continue
		}
		evs := c.codeTrigger(dc, st, tr, suppressed)
		out = append(out, evs...)
	}
	return out
}

// findTriggers lists dictionary triggers in a parsed sentence.
func (c *Coder) findTriggers(st *sent) []trigger {
	var out []trigger
	usedNoun := map[int]bool{}
	for i := range st.s.Tokens {
		t := st.tok(i)
		if t.UPOS != "VERB" && !(t.UPOS == "ADJ" || t.UPOS == "AUX") {
			continue
		}
		lem := lemma(t)
		// Light verb with an event noun object.
		if obj := st.child(i, "obj"); obj >= 0 {
			obj = st.lexicalHead(obj)
			if e := c.lightEntry(lem, st.tok(obj)); e != nil {
				out = append(out, trigger{tok: i, noun: obj, entry: e, rule: "light:" + e.Lemma + "+" + e.Object})
				usedNoun[obj] = true
				continue
			}
		}
		if found := c.obliqueLight(st, i, lem); found != nil {
			out = append(out, *found)
			usedNoun[found.noun] = true
			continue
		}
		// A light verb misparsed as a modifier of its event noun ("The
		// United States lifted sanctions" with "lifted" as amod).
		if r := st.rel(i); (r == "amod" || r == "acl") && st.head(i) >= 0 {
			n := st.head(i)
			if e := c.lightEntry(lem, st.tok(n)); e != nil && n > i {
				out = append(out, trigger{tok: i, noun: n, entry: e, rule: "light:" + e.Lemma + "+" + e.Object})
				usedNoun[n] = true
				continue
			}
		}
		if t.UPOS != "VERB" {
			continue
		}
		// A capitalised verb inside the sentence belongs to a title or a
		// name ("NBC's Meet the Press"); one in capitals throughout is
		// shouted ("We CONDEMN the attack").
		if isCapitalized(t.Text) && strings.ToUpper(t.Text) != t.Text && !st.startsSentence(i) {
			continue
		}
		// A participle before its noun is an adjective ("a designated
		// terror group", "the detained men"), not an event.
		if st.rel(i) == "amod" && t.XPOS == "VBN" && st.head(i) > i && st.determinedBefore(st.head(i), i) {
			continue
		}
		// A gerund with a possessive or article is a noun ("X's killing").
		if t.XPOS == "VBG" && (st.child(i, "nmod:poss") >= 0 || st.child(i, "det") >= 0) {
			if e := c.nounEntry(t); e != nil {
				out = append(out, trigger{tok: i, noun: i, entry: e, rule: "noun:" + e.Lemma})
				continue
			}
		}
		// Verb with particle (crack down, round up) or fixed preposition (call on).
		if prt := st.child(i, "compound:prt"); prt >= 0 {
			if e := c.Verbs.Verb(lem + "_" + strings.ToLower(st.tok(prt).Text)); e != nil {
				out = append(out, trigger{tok: i, noun: -1, entry: e, rule: "verb:" + e.Lemma})
				continue
			}
		}
		found := false
		for _, k := range st.kids[i] {
			// The preposition of a prepositional verb follows it: "on
			// Wednesday, X called Y unbearable" is not "call on".
			if baseRel(st.rel(k)) == "obl" && k > i {
				if e := c.Verbs.Verb(lem + "_" + st.caseOf(k)); e != nil && st.caseOf(k) != "" {
					out = append(out, trigger{tok: i, noun: -1, entry: e, rule: "verb:" + e.Lemma})
					found = true
					break
				}
			}
		}
		if found {
			continue
		}
		if e := c.Verbs.verbFor(t, lem); e != nil {
			out = append(out, trigger{tok: i, noun: -1, entry: e, rule: "verb:" + lem})
		}
	}
	for i := range st.s.Tokens {
		t := st.tok(i)
		if usedNoun[i] || (t.UPOS != "NOUN" && t.UPOS != "PROPN") {
			continue
		}
		lem := lemma(t)
		e := c.nounEntry(t)
		if k := st.child(i, "compound"); k >= 0 {
			// "drone strike", "hunger strike": compound + noun.
			if ce := c.Verbs.Noun(lemma(st.tok(k)) + "_" + lem); ce != nil {
				e = ce
			}
		}
		if e == nil {
			continue
		}
		// A noun that is the object of a light verb is coded with it, even
		// when the pair is not in the dictionary ("held talks").
		out = append(out, trigger{tok: i, noun: i, entry: e, rule: "noun:" + e.Lemma})
	}
	return out
}

// obliqueLight finds a light verb whose event noun is an oblique ("agreed to a
// ceasefire", "called for talks").
func (c *Coder) obliqueLight(st *sent, v int, lem string) *trigger {
	for _, k := range st.kids[v] {
		if baseRel(st.rel(k)) != "obl" {
			continue
		}
		switch st.caseOf(k) {
		case "to", "on", "for", "in":
		default:
			continue
		}
		n := st.lexicalHead(k)
		if e := c.lightEntry(lem, st.tok(n)); e != nil {
			return &trigger{tok: v, noun: n, entry: e, rule: "light:" + e.Lemma + "+" + e.Object}
		}
	}
	return nil
}

// lightEntry looks up a light verb with its object noun by the noun's lemma
// and by its lower-case form ("talks" may be lemmatised to "talk").
func (c *Coder) lightEntry(verb string, obj *chronicle.Token) *Entry {
	if e := c.Verbs.Light(verb, lemma(obj)); e != nil {
		return e
	}
	return c.Verbs.Light(verb, strings.ToLower(obj.Text))
}

// nounEntry looks up a nominal trigger by lemma and by lower-case form.
func (c *Coder) nounEntry(t *chronicle.Token) *Entry {
	if e := c.Verbs.Noun(lemma(t)); e != nil {
		return e
	}
	return c.Verbs.Noun(strings.ToLower(t.Text))
}

// intentGovernors make a controlled verb's event planned ("plans to visit").
var intentGovernors = map[string]bool{
	"plan": true, "set": true, "expect": true, "intend": true, "aim": true, "schedule": true,
	"due": true, "prepare": true, "seek": true, "hope": true, "want": true, "agree": true,
	"pledge": true, "promise": true, "vow": true, "offer": true, "decide": true, "propose": true,
	"try": true, "attempt": true, "wish": true, "poise": true, "poised": true, "going": true, "go": true,
	"likely": true, "ready": true, "able": true, "about": true,
}

// reportVerbs introduce reported speech.
var reportVerbs = map[string]bool{
	"say": true, "tell": true, "claim": true, "allege": true, "report": true, "state": true,
	"add": true, "announce": true, "insist": true, "assert": true, "write": true, "believe": true,
	"suggest": true, "argue": true, "confirm": true, "deny": true, "note": true, "explain": true,
	"warn": true, "suspect": true, "think": true, "accuse": true, "charge": true,
}

// intentNouns make an infinitive they govern planned ("a plan to visit").
var intentNouns = map[string]bool{"plan": true, "offer": true, "proposal": true, "bid": true, "promise": true,
	"pledge": true, "intention": true, "decision": true, "attempt": true, "effort": true, "readiness": true, "willingness": true}

// allegeVerbs make everything below them an allegation ("accused X of
// sheltering militants who attacked a post").
var allegeVerbs = map[string]bool{"accuse": true, "blame": true, "allege": true, "suspect": true}

var hypotheticalAux = map[string]bool{"could": true, "would": true, "might": true, "may": true, "should": true, "can": true, "must": true}

// codeTrigger codes one trigger into zero or more events (one per
// source-target pair).
func (c *Coder) codeTrigger(dc *docContext, st *sent, tr trigger, suppressed map[int]bool) []chronicle.Event {
	v := tr.tok
	entry := tr.entry
	rule := tr.rule
	// The clause head: the verb for verbal triggers; for a nominal trigger the
	// verb that governs it, if any.
	clause := v
	if tr.noun == v {
		clause = st.clauseOf(v)
	}
	// Intent: "agreed to meet", "pledged to send aid": code the controlled
	// event as planned and drop the governor's own event.
	var srcs, tgts []int
	passive := false
	if tr.noun == v {
		srcs, tgts = c.nounArgs(st, v, entry)
	} else {
		srcs, tgts, passive = c.verbArgs(st, v, tr.noun, entry)
		if passive && len(srcs) == 0 && Quad(entry.Code) == 4 {
			if a := c.agentOfEventOblique(st, v); len(a) > 0 {
				srcs = a
				rule += "+event-agent"
			}
		}
	}
	// "the Exclusion Act, which banned laborers": the noun a relative
	// clause modifies is its subject only when it names an actor.
	if tr.noun != v && st.rel(v) == "acl:relcl" {
		kept := srcs[:0]
		for _, s := range srcs {
			if s != st.head(v) || c.agentWord(dc, st, s) {
				kept = append(kept, s)
			}
		}
		if len(kept) == 0 && len(srcs) > 0 {
			c.tracef("sentence %d: %q: the relative clause's noun %q is no actor", st.i, st.tok(v).Text, st.tok(st.head(v)).Text)
			return nil
		}
		srcs = kept
	}
	pm, pmOK := c.Verbs.matchPatterns(st, v)
	st.skip = nil
	if pmOK {
		if pm.Code != "" {
			e := *entry
			e.Code = pm.Code
			entry = &e
		}
		srcs, tgts = c.applyPattern(st, v, pm, srcs, tgts)
		rule += " pattern:" + pm.Rule
	}
	// Governed by another trigger (threaten to attack, refuse to meet): the
	// governor is the event; lend it our target.
	if tr.noun != v && baseRel(st.rel(v)) == "xcomp" {
		g := st.head(v)
		if g >= 0 && !intentGovernors[lemma(st.tok(g))] {
			if ge := c.Verbs.verbFor(st.tok(g), lemma(st.tok(g))); ge != nil && ge.Code != "---" {
				c.tracef("sentence %d: %q is coded through its governor %q", st.i, st.tok(v).Text, st.tok(g).Text)
				return nil
			}
		}
	}
	if len(srcs) == 0 && tr.noun != v && !passive {
		// "rebels fighting the president": a present participle that
		// modifies an actor noun has it as its subject (but "an order
		// designating X" is the signer's).
		if g := st.head(v); st.rel(v) == "acl" && st.tok(v).XPOS == "VBG" && st.child(v, "mark") < 0 && g >= 0 && c.agentWord(dc, st, g) {
			srcs = []int{g}
		} else {
			srcs = st.inheritSubject(clause)
		}
	}
	parseObject := false
	for _, t := range tgts {
		if u := st.tok(t).UPOS; u == "NOUN" || u == "PROPN" {
			parseObject = true
		}
	}
	// "threatened to strike X", "refused to meet X": a governor without a
	// target takes the controlled verb's object.
	if len(tgts) == 0 && tr.noun != v && !entry.NoTarget {
		if x := st.child(v, "xcomp"); x >= 0 {
			if o := st.child(x, "obj"); o >= 0 {
				tgts = append(tgts, o)
				rule += "+xcomp-object"
				if xe := c.Verbs.Verb(lemma(st.tok(x))); xe != nil && strings.HasPrefix(entry.Code, "13") && Quad(xe.Code) == 4 {
					e := *entry
					e.Code = "138"
					entry = &e
				}
			}
		}
	}
	// "Russia's attack on Kyiv killed 15 people", "Israeli airstrikes killed
	// 20 people": the subject is itself an event. With a target of its own
	// the noun is the event; without, the verb codes it with the noun's
	// source and (for violence) its code.
	if tr.noun != v && len(srcs) == 1 && st.tok(srcs[0]).UPOS == "NOUN" {
		if ne := c.nounEntry(st.tok(srcs[0])); ne != nil {
			n := srcs[0]
			nsrc, ntgt := c.nounArgs(st, n, ne)
			if len(ntgt) > 0 {
				c.tracef("sentence %d: %q: its subject %q is an event with its own target", st.i, st.tok(v).Text, st.tok(n).Text)
				return nil
			}
			suppressed[n] = true
			srcs = nsrc
			if Quad(ne.Code) == 4 && Quad(entry.Code) == 4 {
				e := *entry
				e.Code = ne.Code
				entry = &e
			}
			rule += "+event-subject"
		}
	}
	// Intent governor that is itself a trigger ("agreed", "pledged"): skip it
	// when it controls another trigger.
	if tr.noun != v {
		if x := st.child(v, "xcomp"); x >= 0 && intentGovernors[lemma(st.tok(v))] {
			if st.triggers[x] {
				c.tracef("sentence %d: %q defers to the event it governs (%q)", st.i, st.tok(v).Text, st.tok(x).Text)
				return nil
			}
		}
	}
	fact, speaker, quoteIdx, why := c.factuality(dc, st, clause, tr)
	code := entry.Code
	// "--- verb receive @GOV=043": no event unless the target's sector
	// picks a code; use that code until the target is known.
	requireSector := false
	if code == "---" && len(entry.BySector) > 0 {
		requireSector = true
		for _, alt := range entry.BySector {
			if code == "---" || alt < code {
				code = alt
			}
		}
	}
	if fact == chronicle.FactPlanned && !pmOK {
		code = intentCode(code)
	}
	cd, ok := c.Verbs.Lookup(code)
	if !ok {
		c.tracef("sentence %d: %q: code %s is not in the CAMEO table", st.i, st.tok(v).Text, code)
		return nil
	}
	// "demonstrate resolve", "march troops": protest verbs with an object
	// are other senses.
	if cd.PLOVER == "PROTEST" && tr.noun != v && !pmOK && st.child(v, "obj", "ccomp", "xcomp", "iobj") >= 0 {
		c.tracef("sentence %d: %q has an object: not a protest", st.i, st.tok(v).Text)
		return nil
	}
	var srcActors, tgtActors []chronicle.ActorRef
	for _, s := range srcs {
		srcActors = append(srcActors, c.actorsAt(dc, st, s)...)
	}
	for _, t := range tgts {
		tgtActors = append(tgtActors, c.actorsAt(dc, st, t)...)
	}
	if len(tgtActors) == 0 && pmOK {
		tgtActors = c.lowerActors(dc, st, v, srcActors)
	}
	// Fallback by word order when the parse gave no argument (verbal
	// triggers only; not for PETRARCH dictionaries, which look in the
	// verb's phrase instead, as PETRARCH does).
	if len(srcActors) == 0 && len(srcs) == 0 && !passive && tr.noun != v && !pmOK {
		if a, ok := dc.nearestActor(st, v, -1, nil); ok {
			srcActors = append(srcActors, a)
			rule += "+order-source"
		}
	}
	if len(tgtActors) == 0 && !pmOK && !entry.NoTarget && tr.noun != v && !(len(srcActors) >= 2 && reciprocal(entry.Code, c.plover(entry.Code))) {
		var need []string
		if entry.PrepRequired {
			need = entry.Preps
		}
		// When the parse gave a direct object that names no actor
		// ("condemned the arrest and urged the government"), an actor by
		// word order must lie inside that object or an oblique of the
		// verb, not in a later clause.
		if a, ok := dc.nearestActor(st, v, +1, need); ok && (!parseObject || len(entry.Preps) > 0 || st.insideAny(append(st.obliques(v), tgts...), a.Start, a.End)) {
			tgtActors = append(tgtActors, a)
			rule += "+order-target"
		}
	}
	// A generic target with a named actor between it and the verb that the
	// parse left out of every phrase ("accused Afghanistan of sheltering
	// militants"): the named actor is the target.
	if len(tgtActors) == 1 && strings.HasPrefix(tgtActors[0].Code, "---") && tr.noun != v && len(tgts) == 1 {
		if a, ok := dc.namedBetween(st, v, tgts[0]); ok {
			tgtActors[0] = a
			rule += "+named-target"
		}
	}
	// "X and Y met": a symmetric event with two subjects and no object.
	if len(tgtActors) == 0 && (len(tgts) == 0 || !unilateralVerbs[lemma(st.tok(v))]) && len(srcActors) >= 2 && reciprocal(code, cd.PLOVER) {
		tgtActors = srcActors[1:]
		srcActors = srcActors[:1]
		rule += "+reciprocal"
	}
	if len(srcActors) == 0 {
		if len(srcs) > 0 {
			lo, hi := st.phraseSpan(srcs[0])
			c.tracef("sentence %d: %q (%s): no source actor found (subject %q is no actor)", st.i, st.tok(v).Text, rule, dc.doc.Text[st.tok(lo).Start:st.tok(hi-1).End])
		} else {
			c.tracef("sentence %d: %q (%s): no source actor found", st.i, st.tok(v).Text, rule)
		}
		return nil
	}
	// Forces a country moves are not its target ("Russia mobilized troops").
	if cd.PLOVER == "MOBILIZE" {
		kept := tgtActors[:0]
		for _, t := range tgtActors {
			if t.Country != "" && t.Country != srcActors[0].Country && !strings.HasPrefix(t.Code, "---") {
				kept = append(kept, t)
			}
		}
		tgtActors = kept
		if len(tgtActors) == 0 && !entry.NoTarget {
			// "deployed soldiers to the border with Colombia": any actor
			// further on that is not a place of the deployment.
			if a, ok := dc.nearestActor(st, v, +1, nil); ok && a.Country != srcActors[0].Country {
				tgtActors = append(tgtActors, a)
			}
		}
	}
	// A place attacked or seized: its country is the target.
	if len(tgtActors) == 0 && Quad(code) == 4 {
		for _, t := range tgts {
			if p := dc.placeAt(st, st.lexicalHead(t)); p != nil && len(p.Country) == 3 {
				tgtActors = append(tgtActors, chronicle.ActorRef{Text: p.Text, Name: p.Name, Code: p.Country, Country: p.Country, Start: p.Start, End: p.End})
				rule += "+place-target"
				break
			}
		}
	}
	// Sector-conditional codes ("expel diplomats" is 166, "expel migrants" 174).
	if entry.BySector != nil {
		alt, ok := "", false
		if len(tgtActors) > 0 {
			alt, ok = entry.BySector[tgtActors[0].Sector]
		}
		switch {
		case ok:
			code = alt
			if fact == chronicle.FactPlanned && !pmOK {
				code = intentCode(code)
			}
			if cd2, ok := c.Verbs.Lookup(code); ok {
				cd = cd2
			}
			rule += "+sector"
		case requireSector:
			c.tracef("sentence %d: %q (%s): codes only with a target of sector %v", st.i, st.tok(v).Text, rule, entry.BySector)
			return nil
		}
	}
	// "released a report", "freed funds": releasing is of people; an
	// object that names no one is another sense of the verb.
	if code == "084" && parseObject && len(tgtActors) == 0 && tr.noun != v && !pmOK {
		if o := st.child(v, "obj"); o >= 0 && st.tok(st.lexicalHead(o)).UPOS == "NOUN" {
			c.tracef("sentence %d: %q releases %q, not people", st.i, st.tok(v).Text, st.tok(o).Text)
			return nil
		}
	}
	// A nominal event needs a target, unless it is an act of violence the
	// sentence takes as given and names the attacker of ("condemned the
	// Israeli strikes").
	givenAttack := tr.noun == v && cd.PLOVER == "ASSAULT" && len(srcs) > 0 && st.presupposed(v)
	if len(tgtActors) == 0 && !entry.NoTarget && (!targetOptional(cd.PLOVER) || (tr.noun == v && cd.PLOVER != "PROTEST" && cd.PLOVER != "MOBILIZE" && !givenAttack)) {
		c.tracef("sentence %d: %q (%s): no target actor found", st.i, st.tok(v).Text, rule)
		return nil
	}
	if len(tgtActors) == 0 {
		tgtActors = []chronicle.ActorRef{{}}
	}
	if passive {
		rule += "+passive"
	}
	if cd.PLOVER == "CONSULT" && st.hasPhone(v, tr.noun) {
		code = "041"
		cd, _ = c.Verbs.Lookup(code)
		rule += "+phone"
	}
	date, dateText := c.eventDate(dc, st, v)
	if fact == chronicle.FactOccurred && date != "" && dc.doc.Date != "" && isHistorical(date, dc.doc.Date) {
		fact, why = chronicle.FactHistorical, "event date "+date+" is well before publication"
	}
	if fact == chronicle.FactOccurred && date != "" && dc.doc.Date != "" && date > dc.doc.Date && len(date) == 10 {
		fact, why = chronicle.FactPlanned, "event date is after publication"
		if !pmOK {
			code = intentCode(code)
		}
		if cd2, ok := c.Verbs.Lookup(code); ok {
			cd = cd2
		}
	}
	if date == "" && fact != chronicle.FactPlanned && fact != chronicle.FactHypothetical {
		date = dc.doc.Date
	}
	var loc *chronicle.Place
	if c.Places != nil {
		loc = c.Places.EventLocation(dc.doc, st.i, v)
	}
	trigTok := st.tok(v)
	if tr.noun >= 0 {
		trigTok = st.tok(tr.noun)
	}
	var out []chronicle.Event
	for _, sa := range srcActors {
		for _, ta := range tgtActors {
			if !pmOK { // PETRARCH keeps "---" agents as they are
				sa, ta = inheritCountry(sa, ta, loc, cd.PLOVER, code, dc.sentenceCountry(st))
			}
			sa, ta := sa, ta
			// A city attacked or seized is a place, not its government
			// ("an attack on Kyiv" targets UKR, not UKRGOV).
			if Quad(code) == 4 && ta.Code != "" && dc.isCity(ta.Start, ta.End) && len(ta.Country) == 3 {
				ta.Code, ta.Sector = ta.Country, ""
			}
			// Rebels, gangs and militants attacking a place in their own
			// country are the civil war, not a country acting on itself.
			if ta.Code != "" && (sa.Code == ta.Code || (sa.Country == ta.Country && stateLevel(sa.Code) && stateLevel(ta.Code)) ||
				(cd.PLOVER == "ASSAULT" && len(ta.Code) == 3 && ta.Code == sa.Country && !nonState(sa.Code))) {
				c.tracef("sentence %d: %q: %s acting on %s is not an event", st.i, st.tok(v).Text, sa.Code, ta.Code)
				continue // a country acting on itself says nothing
			}
			ev := chronicle.Event{
				Sentence: st.i, Start: st.s.Start, End: st.s.End,
				Trigger: &chronicle.Span{Sentence: st.i, Start: trigTok.Start, End: trigTok.End, Text: trigTok.Text},
				PLOVER:  cd.PLOVER, Mode: cd.Mode, CAMEO: code, Quad: Quad(code), Goldstein: cd.Goldstein,
				Source: &sa, Target: &ta, Date: date, DateText: dateText, Location: loc,
				Factuality: fact, Rule: rule + "/" + code, Quote: quoteIdx, Speaker: speaker,
			}
			if ta.Text == "" && ta.Code == "" {
				ev.Target = nil
			}
			if ev.Mode == "" {
				ev.Mode = modeFor(cd.PLOVER, loc, sa)
			}
			ev.Confidence = confidence(st.parsed, &ev, fact)
			ev.ID = eventID(dc.doc.ID, st.i, trigTok.Start, code, sa.Code+sa.Name, ta.Code+ta.Name)
			if why != "" {
				ev.Rule += " (" + why + ")"
			}
			out = append(out, ev)
			c.tracef("sentence %d: event %s %s %s -> %s [%s] by %s", st.i, code, cd.PLOVER, sa.Text, ta.Text, fact, ev.Rule)
		}
	}
	if pmOK && pm.Code2 != "" {
		out = append(out, c.pairedEvents(dc, st, out, pm.Code2)...)
	}
	return out
}

// plover returns the PLOVER type of a code.
func (c *Coder) plover(code string) string {
	cd, _ := c.Verbs.Lookup(code)
	return cd.PLOVER
}

// hasPhone reports whether the trigger has a "by phone" / "phone call"
// modifier.
func (st *sent) hasPhone(v, noun int) bool {
	for _, h := range []int{v, noun} {
		if h < 0 {
			continue
		}
		for _, k := range st.kids[h] {
			switch strings.ToLower(st.tok(k).Text) {
			case "phone", "telephone", "phones":
				return true
			}
		}
		if l := lemma(st.tok(h)); l == "call" && st.tok(h).UPOS == "NOUN" {
			return true
		}
	}
	return false
}

// inheritCountry gives a generic agent without a country ("---COP") a
// country: that of the other actor when it is a national actor ("Venezuelan
// police detained activists": Venezuelan activists), else the event's
// location, else the one country the sentence names. For violence, which
// often crosses borders, the location comes first.
func inheritCountry(sa, ta chronicle.ActorRef, loc *chronicle.Place, plover, code string, sentCountry string) (chronicle.ActorRef, chronicle.ActorRef) {
	violent := plover == "ASSAULT"
	// Arrests, releases, investigations, trials and protests happen inside
	// a country; statements, aid and threats often cross borders.
	domestic := violent || domesticCode(code)
	fill := func(a *chronicle.ActorRef, other chronicle.ActorRef, isSource bool) {
		if !strings.HasPrefix(a.Code, "---") {
			return
		}
		// A national agent beside it (police, government, courts) shares its
		// country; a bare country only in domestic events.
		fromOther := ""
		if other.Country != "" && len(other.Code) >= 3 && other.Code[:3] == other.Country {
			if (len(other.Code) >= 6 && domesticSector[other.Code[3:6]]) || (domestic && len(other.Code) == 3) {
				fromOther = other.Country
			}
		}
		fromLoc := ""
		if loc != nil && len(loc.Country) == 3 {
			fromLoc = loc.Country
		}
		var country string
		switch {
		case violent && isSource:
			// Attackers often come from elsewhere: only the one country the
			// sentence names.
			country = sentCountry
		case violent:
			country = firstOf(fromLoc, fromOther, sentCountry)
		case domestic:
			country = firstOf(fromOther, fromLoc, sentCountry)
		case isSource:
			// Statements, aid and meetings cross borders: only the national
			// agent it addresses tells a source's country ("activists
			// criticized the Hungarian government").
			country = fromOther
		case len(a.Code) >= 6 && stateSector[a.Code[3:6]]:
			// A government speaking of "the police" or "the army" means
			// its own.
			country = fromOther
		}
		if country != "" {
			a.Code = country + a.Code[3:]
			a.Country = country
		}
	}
	fill(&sa, ta, true)
	fill(&ta, sa, false)
	return sa, ta
}

// domesticCode reports whether an event of this CAMEO code usually happens
// within one country: concessions and releases (08), investigations (09),
// lawsuits and convictions (115, 116), protests (14), force posture (15),
// coercion (17) and violence (18-20).
func domesticCode(code string) bool {
	if len(code) < 2 {
		return false
	}
	switch code[:2] {
	case "08", "09", "14", "15", "17", "18", "19", "20":
		return true
	}
	return code == "115" || code == "116"
}

// stateLevel reports whether a code names a country or its government.
// needsObject are violent and coercive verbs that always take an object in
// the active voice: without one they are a reduced passive.
var needsObject = map[string]bool{"kill": true, "injure": true, "wound": true, "arrest": true, "detain": true,
	"abduct": true, "kidnap": true, "execute": true, "deport": true, "assassinate": true, "torture": true}

// onlyCircumstances reports whether everything after verb v in its clause
// is punctuation, an adverb or a phrase of place or time ("killed in the
// attack on Monday"): nothing that could be a misparsed object.
func (st *sent) onlyCircumstances(v int) bool {
	for _, k := range st.kids[v] {
		if k < v {
			continue
		}
		switch r := st.rel(k); {
		case r == "punct" || baseRel(r) == "advmod" || r == "obl:tmod" || r == "obl:unmarked":
		case baseRel(r) == "obl" || baseRel(r) == "advcl":
			switch st.caseOf(k) {
			case "in", "at", "on", "during", "near", "after", "before", "since", "across", "inside", "outside", "while", "when":
			default:
				if m := st.child(k, "mark"); m < 0 || !circumstanceMarks[strings.ToLower(st.tok(m).Text)] {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// circumstanceMarks introduce clauses of time and cause.
var circumstanceMarks = map[string]bool{"while": true, "when": true, "after": true, "before": true, "as": true, "since": true}

// nonState reports whether code is an armed or criminal group inside a
// country (rebels, insurgents, gangs).
func nonState(code string) bool {
	return len(code) >= 6 && (code[3:6] == "REB" || code[3:6] == "CRM" || code[3:6] == "INS" || code[3:6] == "UAF")
}

func stateLevel(code string) bool {
	return len(code) == 3 || (len(code) == 6 && code[3:] == "GOV")
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// stateSector are the state's own institutions.
var stateSector = map[string]bool{"COP": true, "MIL": true, "JUD": true, "LEG": true, "ELI": true, "PTY": true}

// domesticSector are roles whose country a generic agent beside them shares
// ("Venezuelan police detained activists": Venezuelan activists).
var domesticSector = map[string]bool{"GOV": true, "COP": true, "JUD": true, "LEG": true, "MIL": true, "OPP": true, "ELI": true, "PTY": true}

// reciprocal reports whether an event of this code and PLOVER type is
// something parties do together ("X and Y met", "signed a deal", "agreed to
// a ceasefire", "clashed"): two subjects then make a source and a target.
// unilateralVerbs are cooperative verbs each subject does on its own:
// "X, Y and Z offered to resettle the refugees" is not X offering Y.
var unilateralVerbs = map[string]bool{"offer": true, "promise": true, "pledge": true, "vow": true, "volunteer": true}

func reciprocal(code, plover string) bool {
	switch plover {
	case "CONSULT", "AGREE", "COOPERATE", "ASSAULT":
		return true
	}
	return strings.HasPrefix(code, "03") || strings.HasPrefix(code, "04") || strings.HasPrefix(code, "06") ||
		strings.HasPrefix(code, "19") || code == "057" || code == "087"
}

func targetOptional(plover string) bool {
	switch plover {
	case "PROTEST", "MOBILIZE", "RETREAT", "ASSAULT", "COERCE":
		return true
	}
	return false
}

// intentCode maps a cooperative code to the CAMEO "express intent" code used
// when the event is planned or promised.
func intentCode(code string) string {
	if len(code) != 3 {
		return code
	}
	switch code[:2] {
	case "04":
		return "036"
	case "05":
		return "032"
	case "06":
		return "031"
	case "07":
		return "033"
	case "08":
		return "035"
	}
	return code
}

func modeFor(plover string, loc *chronicle.Place, src chronicle.ActorRef) string {
	if plover == "CONSULT" && loc != nil && loc.Country != "" && src.Country != "" && loc.Country != src.Country {
		return "visit"
	}
	return ""
}

func confidence(parsed bool, ev *chronicle.Event, fact string) float64 {
	c := 0.5
	if parsed {
		c += 0.15
	}
	if ev.Source != nil && ev.Source.Code != "" {
		c += 0.1
	}
	if ev.Target != nil && ev.Target.Code != "" {
		c += 0.1
	}
	if ev.Source != nil && ev.Source.Name != "" {
		c += 0.05
	}
	if fact == chronicle.FactReported || fact == chronicle.FactHypothetical {
		c -= 0.1
	}
	return math.Round(c*100) / 100
}

// clauseOf returns the verb that governs a noun (the noun's head chain up to
// the first verb), or the noun itself.
func (st *sent) clauseOf(n int) int {
	for i, steps := n, 0; i >= 0 && steps < 6; steps++ {
		t := st.tok(i)
		if i != n && (t.UPOS == "VERB" || t.UPOS == "AUX") {
			return i
		}
		i = st.head(i)
	}
	return n
}

// verbArgs finds the source and target token heads of a verbal trigger.
func (c *Coder) verbArgs(st *sent, v, noun int, e *Entry) (srcs, tgts []int, passive bool) {
	subj := st.child(v, "nsubj")
	psubj := st.child(v, "nsubj:pass")
	if psubj >= 0 || st.child(v, "aux:pass") >= 0 {
		passive = true
	}
	// "270 schoolgirls kidnapped in Zamfara were freed": a past participle
	// with a subject but no auxiliary and no object is a reduced passive,
	// its "subject" the patient.
	if subj >= 0 && psubj < 0 && noun < 0 && st.child(v, "aux") < 0 && st.child(v, "obj") < 0 {
		// The same for a verb that cannot go without its object ("CIA
		// members killed", "dozens arrested"), whatever its tag.
		if (st.tok(v).XPOS == "VBN" && (st.rel(v) == "advcl" || st.rel(v) == "acl")) ||
			(needsObject[lemma(st.tok(v))] && st.onlyCircumstances(v)) {
			psubj, subj, passive = subj, -1, true
		}
	}
	// A bare past participle ("a leader killed in a raid", "killed in what
	// officials describe as...") is passive: what it inherits is the target.
	if subj < 0 && psubj < 0 && st.tok(v).XPOS == "VBN" && st.child(v, "aux") < 0 && st.child(v, "obj") < 0 {
		switch baseRel(st.rel(v)) {
		case "acl", "advcl", "conj", "root", "xcomp", "parataxis":
			if st.rel(v) != "acl:relcl" && !st.isMisparsedMain(v) && !st.isReportedAcl(v) {
				passive = true
				if inh := st.inheritSubject(v); len(inh) > 0 {
					psubj = inh[0]
				} else if st.rel(v) == "acl" {
					psubj = st.head(v)
				}
			}
		}
	}
	// Relative clauses: "the police, who arrested X" / "activists who were
	// detained by police".
	if st.rel(v) == "acl:relcl" && st.head(v) >= 0 {
		for _, p := range []*int{&subj, &psubj} {
			if *p >= 0 && relativePronoun[strings.ToLower(st.tok(*p).Text)] {
				*p = st.head(v)
			}
		}
	}
	// "officials said the rebels attacked X" misparsed as a reduced relative
	// ("the rebels [who were] attacked"): the noun is the subject.
	if subj < 0 && psubj < 0 && (st.isReportedAcl(v) || st.isMisparsedMain(v)) {
		subj = st.head(v)
		passive = false
	}
	// "Police in Lagos arrested protesters" parsed as a noun phrase with
	// "arrested" modifying "protesters": the root noun before it is the
	// subject, the noun it modifies the object.
	if subj < 0 && psubj < 0 && st.rel(v) == "amod" && noun < 0 {
		if r := st.root(); r >= 0 && r < v && (st.tok(r).UPOS == "NOUN" || st.tok(r).UPOS == "PROPN") {
			if h := st.head(v); h > v && st.tok(v).XPOS != "VBG" {
				return []int{r}, []int{h}, false
			}
		}
	}
	// A passive participle modifying a noun: "the police, backed by
	// Kenyan officers": the noun is the target, the agent the source.
	if subj < 0 && psubj < 0 && st.rel(v) == "acl" && st.tok(v).XPOS == "VBN" && !st.isMisparsedMain(v) && !st.isReportedAcl(v) {
		for _, k := range st.kids[v] {
			if baseRel(st.rel(k)) == "obl" && st.caseOf(k) == "by" {
				return []int{k}, []int{st.head(v)}, true
			}
		}
	}
	if passive {
		for _, k := range st.kids[v] {
			if baseRel(st.rel(k)) == "obl" && st.caseOf(k) == "by" {
				srcs = append(srcs, k)
			}
		}
		if psubj >= 0 {
			tgts = append(tgts, psubj)
		}
		return
	}
	if subj >= 0 {
		srcs = append(srcs, subj)
	}
	if e.NoTarget {
		return
	}
	if noun < 0 && !e.PrepRequired {
		if obj := st.child(v, "obj"); obj >= 0 {
			tgts = append(tgts, obj)
		}
	}
	if len(tgts) == 0 {
		// Obliques with the entry's prepositions, on the verb or on the
		// event noun ("held talks with X").
		heads := []int{v}
		if noun >= 0 {
			heads = append(heads, noun)
		}
		for _, h := range heads {
			for _, k := range st.kids[h] {
				r := baseRel(st.rel(k))
				if r != "obl" && r != "nmod" {
					continue
				}
				if hasPrep(e.Preps, st.caseOf(k)) {
					tgts = append(tgts, k)
				}
			}
		}
	}
	if len(tgts) == 0 {
		if io := st.child(v, "iobj"); io >= 0 {
			tgts = append(tgts, io)
		}
	}
	return
}

// isMisparsedMain reports whether verb v, parsed as a participle modifying
// the root noun of a verbless sentence, is really the main verb ("Police in
// Istanbul detained 50 protesters").
func (st *sent) isMisparsedMain(v int) bool {
	if st.rel(v) != "acl" {
		return false
	}
	hasArg := st.child(v, "obj") >= 0
	if x := st.child(v, "xcomp"); x >= 0 && (st.tok(x).UPOS == "PROPN" || st.tok(x).UPOS == "NOUN") {
		hasArg = true
	}
	if !hasArg {
		return false
	}
	n := st.head(v)
	return n >= 0 && st.rel(n) == "root"
}

// isReportedAcl reports whether verb v is parsed as a participle modifying
// the object of a speech verb while it has an object of its own: a misparse
// of a reported clause ("said the army attacked the town").
func (st *sent) isReportedAcl(v int) bool {
	if st.rel(v) != "acl" || st.child(v, "obj") < 0 {
		return false
	}
	n := st.head(v)
	if n < 0 || st.rel(n) != "obj" {
		return false
	}
	g := st.head(n)
	return g >= 0 && reportVerbs[lemma(st.tok(g))]
}

var relativePronoun = map[string]bool{"who": true, "which": true, "that": true, "whom": true}

func hasPrep(preps []string, p string) bool {
	if p == "" {
		return false
	}
	for _, q := range preps {
		if q == p {
			return true
		}
	}
	return false
}

// nounArgs finds the arguments of a nominal event: "X's arrest of Y", "talks
// with X", "the meeting between X and Y", and the subject of the verb that
// has the noun as object ("Rubio held talks with X").
func (c *Coder) nounArgs(st *sent, n int, e *Entry) (srcs, tgts []int) {
	poss := st.child(n, "nmod:poss")
	kids := st.kids[n]
	if o := st.containerOf(n); o != n {
		// "a wave of raids against X": the container's modifiers are the
		// events'.
		kids = append(append([]int(nil), kids...), st.kids[o]...)
	}
	for _, k := range kids {
		if k == n {
			continue
		}
		r := baseRel(st.rel(k))
		if r != "nmod" {
			continue
		}
		p := st.caseOf(k)
		switch {
		case p == "between":
			srcs = append(srcs, k)
		case p == "by":
			srcs = append(srcs, k)
		case hasPrep(e.Preps, p):
			tgts = append(tgts, k)
		}
	}
	if poss >= 0 {
		if len(tgts) == 0 && isMaterialConflict(e.Code) {
			tgts = append(tgts, poss)
		} else {
			srcs = append(srcs, poss)
		}
	}
	// Adjectival actors: "a Russian attack on Kyiv", "U.S. sanctions on Iran".
	if len(srcs) == 0 {
		for _, k := range st.kids[n] {
			if r := st.rel(k); r == "amod" || r == "compound" {
				// A name or nationality ("Russian", "U.S."), not a common
				// adjective ("public protests").
				if (st.tok(k).UPOS == "ADJ" && st.named(k)) || st.tok(k).UPOS == "PROPN" {
					srcs = append(srcs, k)
					break
				}
			}
		}
	}
	// The subject of a support verb that has the noun as object ("launched
	// an attack on X", "held talks with X").
	if len(srcs) == 0 {
		o := st.containerOf(n)
		h := st.head(o)
		if h >= 0 && st.rel(o) == "obj" && supportVerbs[lemma(st.tok(h))] {
			if s := st.child(h, "nsubj"); s >= 0 {
				srcs = append(srcs, s)
			} else if is := st.inheritSubject(h); len(is) > 0 {
				srcs = append(srcs, is...)
			}
		}
	}
	return
}

// startsSentence reports whether token i can be the first word of a
// sentence or of a quoted sentence: it opens the sentence, or follows a
// bracket, dash or colon, or an opening quote that itself follows
// punctuation ("said: “Meet them”", but not "NBC’s “Meet the Press”").
func (st *sent) startsSentence(i int) bool {
	if i == 0 {
		return true
	}
	switch st.tok(i - 1).Text {
	case "(", "[", "—", "–", "-", ":", ";":
		return true
	case "\"", "“", "‘", "'", "«":
		return i == 1 || st.tok(i-2).UPOS == "PUNCT"
	}
	return false
}

// determinedBefore reports whether noun n has a determiner or possessive
// before token i: "a designated group" is a noun phrase, while in a
// misparse like "Police in Lagos arrested protesters" the participle has
// none.
func (st *sent) determinedBefore(n, i int) bool {
	for _, k := range st.kids[n] {
		if k < i && (st.rel(k) == "det" || st.rel(k) == "nmod:poss" || st.rel(k) == "det:poss") {
			return true
		}
	}
	return false
}

// named reports whether token i is part of a name: capitalised, or inside
// an entity ("al-Shabab").
func (st *sent) named(i int) bool {
	t := st.tok(i)
	_, inEntity := st.ents[i]
	return isCapitalized(t.Text) || inEntity || (t.NER != "" && t.NER != "O")
}

// battleNouns are fights whose other side did the killing: "killed in a
// gun battle with police".
var battleNouns = map[string]bool{"battle": true, "gunfight": true, "shootout": true, "firefight": true,
	"clash": true, "clashes": true, "fighting": true, "crossfire": true, "confrontation": true, "encounter": true}

// agentOfEventOblique finds who did a passive act of violence that names
// no agent but the event it happened in: "killed in an Israeli airstrike",
// "killed in a raid by the army", "killed in a gun battle with police".
func (c *Coder) agentOfEventOblique(st *sent, v int) []int {
	for _, k := range st.kids[v] {
		if baseRel(st.rel(k)) != "obl" {
			continue
		}
		if p := st.caseOf(k); p != "in" && p != "during" {
			continue
		}
		n := st.lexicalHead(k)
		if battleNouns[lemma(st.tok(n))] {
			for _, m := range st.kids[n] {
				if baseRel(st.rel(m)) == "nmod" && (st.caseOf(m) == "with" || st.caseOf(m) == "by") {
					return []int{m}
				}
			}
			continue
		}
		e := c.nounEntry(st.tok(n))
		if e == nil || Quad(e.Code) != 4 {
			continue
		}
		var out []int
		for _, m := range st.kids[n] {
			r := st.rel(m)
			switch {
			case baseRel(r) == "nmod" && st.caseOf(m) == "by":
				out = append(out, m)
			case r == "nmod:poss":
				out = append(out, m)
			case (r == "amod" && st.named(m)) || (r == "compound" && st.tok(m).UPOS == "PROPN"):
				out = append(out, m)
			}
		}
		if len(out) > 0 {
			return out[:1]
		}
	}
	return nil
}

// obliques returns the oblique arguments of verb v ("pledged aid to
// Norway").
func (st *sent) obliques(v int) []int {
	var out []int
	for _, k := range st.kids[v] {
		if baseRel(st.rel(k)) == "obl" || st.rel(k) == "iobj" {
			out = append(out, k)
		}
	}
	return out
}

// insideAny reports whether bytes [start, end) lie within the subtree of
// one of the tokens hs.
func (st *sent) insideAny(hs []int, start, end int) bool {
	for _, h := range hs {
		lo, hi := st.subtree(h)
		if st.tok(lo).Start <= start && end <= st.tok(hi).End {
			return true
		}
	}
	return false
}

// subtree returns the first and last token of the subtree headed by h.
func (st *sent) subtree(h int) (int, int) {
	lo, hi := h, h
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if depth > 40 {
			return
		}
		for _, k := range st.kids[i] {
			lo, hi = min(lo, k), max(hi, k)
			walk(k, depth+1)
		}
	}
	walk(h, 0)
	return lo, hi
}

// containerOf returns the noun that holds nominal event n as its "of"
// modifier ("a series of airstrikes", "a wave of arrests"), or n itself.
func (st *sent) containerOf(n int) int {
	h := st.head(n)
	if h >= 0 && baseRel(st.rel(n)) == "nmod" && st.caseOf(n) == "of" && containerNouns[lemma(st.tok(h))] {
		return h
	}
	return n
}

// containerNouns hold a number of events: "a series of airstrikes".
var containerNouns = map[string]bool{
	"series": true, "wave": true, "spate": true, "string": true, "round": true, "barrage": true,
	"number": true, "dozen": true, "dozens": true, "hundreds": true, "campaign": true, "flurry": true,
}

// presupposed reports whether nominal event n is taken as given by the
// clause that mentions it: a definite or possessed event noun that is not
// carried by a support verb ("never condemned Russia's invasion": the
// invasion happened; "did not launch an attack": it did not).
func (st *sent) presupposed(n int) bool {
	cl := st.clauseOf(n)
	if cl == n || supportVerbs[lemma(st.tok(cl))] {
		return false
	}
	if st.child(n, "nmod:poss") >= 0 {
		return true
	}
	if d := st.child(n, "det"); d >= 0 {
		switch strings.ToLower(st.tok(d).Text) {
		case "the", "this", "that", "its", "their", "his", "her":
			return true
		}
	}
	return false
}

// supportVerbs carry a nominal event without adding meaning of their own.
var supportVerbs = map[string]bool{
	"hold": true, "conduct": true, "launch": true, "carry": true, "stage": true, "make": true,
	"pay": true, "begin": true, "start": true, "continue": true, "order": true, "impose": true,
	"mount": true, "lead": true, "resume": true, "intensify": true, "step": true, "escalate": true,
	"have": true, "give": true, "offer": true, "extend": true, "provide": true, "send": true,
}

func isMaterialConflict(code string) bool {
	return Quad(code) == 4
}

// inheritSubject finds the subject of a clause that has none: the subject of
// the verb controlling it (xcomp), of the first conjunct, or of the clause the
// participle modifies ("an order designating X": the subject of "signed").
func (st *sent) inheritSubject(v int) []int {
	for i, steps := v, 0; i >= 0 && steps < 5; steps++ {
		if i != v {
			if s := st.child(i, "nsubj", "nsubj:pass"); s >= 0 {
				return []int{s}
			}
		}
		if i != v && st.isReportedAcl(i) {
			return []int{st.head(i)}
		}
		// "criticized the government for banning the march": the object
		// of the governing verb does the banning.
		if st.rel(i) == "advcl" || st.rel(i) == "acl" {
			if m := st.child(i, "mark"); m >= 0 && strings.EqualFold(st.tok(m).Text, "for") {
				if g := st.head(i); g >= 0 {
					if st.rel(i) == "acl" && st.tok(g).UPOS != "VERB" {
						return []int{g}
					}
					if o := st.child(g, "obj"); o >= 0 {
						return []int{o}
					}
				}
			}
		}
		r := baseRel(st.rel(i))
		h := st.head(i)
		if h < 0 {
			return nil
		}
		// "hired a gunman to kill her": an infinitive under a verb with an
		// object is controlled by that object.
		if r == "xcomp" && st.child(i, "mark") >= 0 {
			if o := st.child(h, "obj"); o >= 0 && o < i {
				if u := st.tok(o).UPOS; u == "NOUN" || u == "PROPN" {
					return []int{o}
				}
			}
		}
		// "expressed sorrow over lives lost and urged X", misparsed with
		// the finite "urged" as a conjunct of the participle "lost": the
		// subject is that of the clause the participle's noun is in.
		if r == "conj" && st.rel(h) == "acl" && st.head(h) >= 0 {
			if x := st.tok(i).XPOS; x == "VBD" || x == "VBZ" || x == "VBP" {
				if cl := st.clauseOf(st.head(h)); cl != st.head(h) {
					if s := st.child(cl, "nsubj"); s >= 0 {
						return []int{s}
					}
				}
			}
		}
		switch r {
		case "xcomp", "conj", "advcl", "acl", "obj", "ccomp", "csubj":
			if r == "acl" && st.rel(i) == "acl:relcl" {
				// "the police, who arrested X": the modified noun.
				return []int{h}
			}
			if r == "obj" && st.tok(i).UPOS != "NOUN" {
				return nil
			}
			i = h
		default:
			return nil
		}
	}
	return nil
}

// factuality decides whether the event happened, is planned, negated,
// hypothetical, reported or historical, with the reason.
func (c *Coder) factuality(dc *docContext, st *sent, v int, tr trigger) (fact string, speaker *chronicle.ActorRef, quote *int, why string) {
	fact = chronicle.FactOccurred
	// Negation on the trigger or its clause.
	check := []int{v}
	if tr.noun >= 0 && tr.noun != v {
		check = append(check, tr.noun)
	}
	if tr.noun == v && v != st.clauseOf(v) {
		check = append(check, st.clauseOf(v))
	}
	// A nominal event the clause takes as given keeps its own factuality.
	if tr.noun >= 0 && tr.noun == tr.tok && st.presupposed(tr.noun) {
		check = []int{tr.noun}
	}
	for _, i := range check {
		for _, k := range st.kids[i] {
			if st.skip[k] {
				continue
			}
			l := lemma(st.tok(k))
			if (st.rel(k) == "advmod" || baseRel(st.rel(k)) == "advmod") && (l == "not" || l == "never" || l == "n't") {
				return chronicle.FactNegated, nil, nil, "negated by \"" + st.tok(k).Text + "\""
			}
			if st.rel(k) == "det" && (l == "no") {
				return chronicle.FactNegated, nil, nil, "negated by \"no\""
			}
		}
	}
	// Conditionals and modals.
	for _, i := range check {
		for _, k := range st.kids[i] {
			if st.skip[k] {
				continue
			}
			l := lemma(st.tok(k))
			if st.rel(k) == "aux" && hypotheticalAux[strings.ToLower(st.tok(k).Text)] {
				return chronicle.FactHypothetical, nil, nil, "modal \"" + st.tok(k).Text + "\""
			}
			if st.rel(k) == "mark" && (l == "if" || l == "unless") {
				return chronicle.FactHypothetical, nil, nil, "conditional \"" + st.tok(k).Text + "\""
			}
		}
	}
	// Future and intent.
	for _, i := range check {
		for _, k := range st.kids[i] {
			if st.rel(k) == "aux" {
				w := strings.ToLower(st.tok(k).Text)
				if w == "will" || w == "shall" || w == "'ll" {
					fact, why = chronicle.FactPlanned, "future \""+st.tok(k).Text+"\""
				}
			}
		}
	}
	// "its plan to recognize X", "an offer to mediate": intent nouns.
	if fact == chronicle.FactOccurred && st.rel(v) == "acl" {
		if g := st.head(v); g >= 0 && st.tok(g).UPOS == "NOUN" && intentNouns[lemma(st.tok(g))] && st.child(v, "mark") >= 0 {
			fact, why = chronicle.FactPlanned, "intent \""+st.tok(g).Text+" to\""
		}
	}
	for i, steps := v, 0; fact == chronicle.FactOccurred && i >= 0 && steps < 3; steps++ {
		if r := baseRel(st.rel(i)); r != "xcomp" && !((r == "csubj" || r == "advcl") && st.child(i, "mark") >= 0 && strings.EqualFold(st.tok(st.child(i, "mark")).Text, "to")) {
			break
		}
		g := st.head(i)
		if g < 0 {
			break
		}
		if intentGovernors[lemma(st.tok(g))] {
			fact, why = chronicle.FactPlanned, "intent \""+st.tok(g).Text+" to\""
			// The governor may itself be modal or negated.
			for _, k := range st.kids[g] {
				l := lemma(st.tok(k))
				if !st.skip[k] && (l == "not" || l == "never" || l == "n't") {
					return chronicle.FactNegated, nil, nil, "negated intent"
				}
			}
		}
		i = g
	}
	// A bare infinitive nothing plans ("to collaborate with a terrorist is
	// a crime", "a chance to meet"): not something that happened.
	if fact == chronicle.FactOccurred && tr.noun != v && c.Verbs.petrarch == nil {
		if m := st.child(v, "mark"); m >= 0 && strings.EqualFold(st.tok(m).Text, "to") && st.child(v, "aux") < 0 {
			fact, why = chronicle.FactHypothetical, "bare infinitive"
		}
	}
	// Past perfect in a main clause: background. ("the announcement that
	// Ukraine had agreed" is backshifted news, not background.)
	if fact == chronicle.FactOccurred && (st.rel(v) == "root" || (st.rel(v) == "conj" && st.head(v) >= 0 && st.rel(st.head(v)) == "root")) {
		for _, k := range st.kids[v] {
			if st.rel(k) == "aux" && lemma(st.tok(k)) == "have" && strings.EqualFold(st.tok(k).Text, "had") {
				fact, why = chronicle.FactHistorical, "past perfect"
			}
		}
	}
	// Inside a direct quote: reported by its speaker.
	trigStart := st.tok(v).Start
	for _, qi := range dc.quotesBySent[st.i] {
		q := dc.doc.Quotes[qi]
		if q.Direct && trigStart >= q.Start && trigStart < q.End {
			qi := qi
			if fact == chronicle.FactOccurred || fact == chronicle.FactHistorical {
				fact = chronicle.FactReported
			}
			return fact, q.Speaker, &qi, "inside a quote"
		}
	}
	// Reported speech: the clause is the complement of a speech verb.
	for i, steps := v, 0; i >= 0 && steps < 6; steps++ {
		r := baseRel(st.rel(i))
		h := st.head(i)
		if h < 0 {
			break
		}
		if st.isReportedAcl(i) {
			r, h = "ccomp", st.head(h)
		}
		if ((r == "ccomp" || r == "parataxis") && reportVerbs[lemma(st.tok(h))]) || allegeVerbs[lemma(st.tok(h))] {
			var sp *chronicle.ActorRef
			if s := st.child(h, "nsubj"); s >= 0 {
				if as := c.actorsAt(dc, st, s); len(as) > 0 {
					a := as[0]
					sp = &a
				}
			}
			if fact == chronicle.FactOccurred || fact == chronicle.FactHistorical {
				return chronicle.FactReported, sp, nil, "reported by \"" + st.tok(h).Text + "\""
			}
			return fact, sp, nil, why
		}
		i = h
	}
	// "X attacked Y, the army said": a speech verb hanging off the clause.
	for _, h := range []int{v, st.clauseOf(v)} {
		for _, k := range st.kids[h] {
			if st.rel(k) == "parataxis" && reportVerbs[lemma(st.tok(k))] && k > v {
				if fact == chronicle.FactOccurred || fact == chronicle.FactHistorical {
					var sp *chronicle.ActorRef
					if s := st.child(k, "nsubj"); s >= 0 {
						if as := c.actorsAt(dc, st, s); len(as) > 0 {
							sp = &as[0]
						}
					}
					return chronicle.FactReported, sp, nil, "reported by \"" + st.tok(k).Text + "\""
				}
			}
		}
	}
	// "according to X".
	for i := range st.s.Tokens {
		if strings.EqualFold(st.tok(i).Text, "according") && i+1 < len(st.s.Tokens) && strings.EqualFold(st.tok(i+1).Text, "to") {
			if fact == chronicle.FactOccurred {
				return chronicle.FactReported, nil, nil, "\"according to\""
			}
		}
	}
	return fact, nil, nil, why
}

// untilDate reports whether date d follows "until" or "till": the end of
// a period ("delayed the tariffs until April 2"), not when something
// happened.
func (st *sent) untilDate(d *chronicle.DateMention) bool {
	for k, t := range st.s.Tokens {
		if t.Start >= d.Start {
			if k > 0 {
				w := strings.ToLower(st.tok(k - 1).Text)
				return w == "until" || w == "till" || w == "untill"
			}
			return false
		}
	}
	return false
}

// dateOfConjunct reports whether the date d is governed by a verb that is
// coordinated with v, or on another branch of the sentence, rather than by
// v or a verb governing it.
func (st *sent) dateOfConjunct(d *chronicle.DateMention, v int) bool {
	dt := -1
	for k, t := range st.s.Tokens {
		if t.Start >= d.Start && t.End <= d.End {
			dt = k
			break
		}
	}
	if dt < 0 || !st.parsed {
		return false
	}
	g := st.head(dt)
	for steps := 0; g >= 0 && st.tok(g).UPOS != "VERB" && steps < 6; steps++ {
		g = st.head(g)
	}
	if g < 0 || g == v {
		return false
	}
	// The path from each verb up to their common governor.
	up := func(x int) []int {
		var p []int
		for steps := 0; x >= 0 && steps < 20; steps++ {
			p = append(p, x)
			x = st.head(x)
		}
		return p
	}
	pg, pv := up(g), up(v)
	common := -1
	for _, a := range pg {
		if containsInt(pv, a) {
			common = a
			break
		}
	}
	if common != g && common != v {
		return true // on separate branches: "imposed tariffs ..., then delayed them until April 2"
	}
	for _, path := range [][]int{pg, pv} {
		for _, x := range path {
			if x == common {
				break
			}
			if st.rel(x) == "conj" {
				return true
			}
		}
	}
	return false
}

// isHistorical reports whether an event date lies well before publication
// (more than 31 days, or an earlier year when only the year is known).
func isHistorical(date, pub string) bool {
	if strings.Contains(date, "/") {
		// A range: historical only when it ended before publication.
		_, end, _ := strings.Cut(date, "/")
		if end == "" {
			return false
		}
		date = end
	}
	if len(date) >= 4 && len(pub) >= 4 && date[:4] < pub[:4] {
		return true
	}
	if len(date) == 10 && len(pub) == 10 {
		return daysBetween(date, pub) > 31
	}
	if len(date) == 7 && len(pub) >= 7 {
		return date < pub[:7] && daysBetween(date+"-28", pub) > 31
	}
	return false
}

// eventDate picks the date expression of the trigger's sentence nearest the
// trigger.
func (c *Coder) eventDate(dc *docContext, st *sent, v int) (string, string) {
	if d := timex.ForSpan(dc.doc, st.i, st.tok(v).Start, st.tok(v).End); d != nil {
		// "imposed tariffs, then delayed them until April 2": a date that
		// belongs to a coordinated verb would make the event planned or
		// historical; leave such a date to its own verb.
		if st.untilDate(d) {
			c.tracef("sentence %d: %q is an end point, not the date of %q", st.i, d.Text, st.tok(v).Text)
			return "", ""
		}
		if pub := dc.doc.Date; pub != "" && (d.Value > pub || isHistorical(d.Value, pub)) && st.dateOfConjunct(d, v) {
			c.tracef("sentence %d: date %q belongs to another verb than %q", st.i, d.Text, st.tok(v).Text)
			return "", ""
		}
		return d.Value, d.Text
	}
	pos := st.tok(v).Start
	best, bestDist := -1, math.MaxInt
	for i, d := range dc.doc.Dates {
		if d.Sentence != st.i || strings.Contains(d.Value, "/") || st.untilDate(&dc.doc.Dates[i]) {
			continue
		}
		dist := d.Start - pos
		if dist < 0 {
			dist = -dist + 10 // prefer dates after the trigger
		}
		if dist < bestDist {
			best, bestDist = i, dist
		}
	}
	if best < 0 {
		return "", ""
	}
	return dc.doc.Dates[best].Value, dc.doc.Dates[best].Text
}
