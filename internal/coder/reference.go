package coder

import (
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

// PersonResolver codes references the actor dictionary cannot code alone,
// by what the rest of the document says about them: a person named without
// a title ("Balkhi said") takes the code of the document's titled mention
// ("Afghan foreign ministry spokesperson Abdul Qahar Balkhi"), and a
// definite generic phrase ("the officials") the code of the last phrase with
// the same head that says whose they are ("Iraqi security officials"). The
// quote and claim stages use it for speakers and subjects.
type PersonResolver struct {
	c  *Coder
	dc *docContext
}

// NewPersonResolver returns a resolver for doc, which must be tagged,
// parsed and have its entities.
func NewPersonResolver(doc *chronicle.Document, actors ActorResolver) *PersonResolver {
	return &PersonResolver{c: &Coder{Actors: actors}, dc: newDocContext(doc)}
}

// Resolve codes the reference at bytes [start, end) of doc: the person it
// names, or the definite generic phrase it is.
func (p *PersonResolver) Resolve(start, end int) (chronicle.ActorRef, bool) {
	doc := p.dc.doc
	for ei := range doc.Entities {
		e := &doc.Entities[ei]
		if e.Type != chronicle.EntPerson || e.End <= start || e.Start >= end {
			continue
		}
		if a, ok := p.c.personActor(p.dc, ei); ok {
			return a, true
		}
		return chronicle.ActorRef{}, false
	}
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		if start < s.Start || end > s.End {
			continue
		}
		st := newSent(si, s)
		if !st.parsed || p.c.Actors == nil {
			return chronicle.ActorRef{}, false
		}
		// The head: the last noun of the span.
		h := -1
		for k, t := range s.Tokens {
			if t.Start >= start && t.End <= end && t.UPOS == "NOUN" {
				h = k
			}
		}
		if h < 0 {
			return chronicle.ActorRef{}, false
		}
		lo, hi := st.phraseSpan(h)
		a, ok := p.c.Actors.Resolve(s, lo, hi, doc.Date)
		if !ok || !strings.HasPrefix(a.Code, "---") || len(a.Code) < 6 {
			return chronicle.ActorRef{}, false
		}
		return p.c.definiteAntecedent(p.dc, st, h, a)
	}
	return chronicle.ActorRef{}, false
}

// personReach is how many sentences back "he" or "she" looks for a person.
const personReach = 6

// firstPerson pronouns stand for the speaker of the quote they are in.
var firstPerson = map[string]bool{"i": true, "we": true, "me": true, "us": true, "my": true, "our": true}

// speakerAntecedent resolves a subject pronoun of reported speech to the
// speaker: in "the ministers said they would meet", "they" are the
// ministers. The speaker must agree with the pronoun: a plural phrase or an
// organisation for "they", one person for "he" and "she".
func (c *Coder) speakerAntecedent(dc *docContext, st *sent, h int, kind string) (chronicle.ActorRef, bool) {
	if r := baseRel(st.rel(h)); r != "nsubj" {
		return chronicle.ActorRef{}, false
	}
	cl := st.head(h)
	for steps := 0; cl >= 0 && st.rel(cl) == "conj" && steps < 4; steps++ {
		cl = st.head(cl)
	}
	if cl < 0 || st.rel(cl) != "ccomp" {
		return chronicle.ActorRef{}, false
	}
	g := st.head(cl)
	if g < 0 || !reportVerbs[lemma(st.tok(g))] {
		return chronicle.ActorRef{}, false
	}
	sp := st.child(g, "nsubj")
	if sp < 0 || sp == h {
		return chronicle.ActorRef{}, false
	}
	spTok := st.tok(sp)
	if _, isPron := pronouns[strings.ToLower(spTok.Text)]; isPron || spTok.UPOS == "PRON" {
		return chronicle.ActorRef{}, false
	}
	plural := spTok.XPOS == "NNS" || spTok.XPOS == "NNPS" || st.child(sp, "conj") >= 0
	person := false
	if m := dc.entByTok[st.i]; m != nil {
		if ei, ok := m[sp]; ok && dc.doc.Entities[ei].Type == chronicle.EntPerson {
			person = true
		}
	}
	switch strings.ToLower(st.tok(h).Text) {
	case "they":
		if !plural && person {
			return chronicle.ActorRef{}, false
		}
	case "he", "she":
		if plural || (!person && spTok.UPOS == "PROPN") {
			return chronicle.ActorRef{}, false
		}
	case "it":
		if plural || person {
			return chronicle.ActorRef{}, false
		}
	default:
		return chronicle.ActorRef{}, false
	}
	a, ok := c.actorAt(dc, st, sp)
	if !ok || a.Code == "" {
		return chronicle.ActorRef{}, false
	}
	c.tracef("sentence %d: %q is the speaker %q", st.i, st.tok(h).Text, a.Text)
	return a, true
}

// definiteAntecedent resolves a definite generic phrase ("the officials",
// "the rebels") to the last phrase with the same head word in the three
// sentences before that names whose they are ("Iraqi security officials").
func (c *Coder) definiteAntecedent(dc *docContext, st *sent, h int, a chronicle.ActorRef) (chronicle.ActorRef, bool) {
	d := st.child(h, "det")
	if d < 0 || !strings.EqualFold(st.tok(d).Text, "the") {
		return chronicle.ActorRef{}, false
	}
	for _, k := range st.kids[h] {
		if r := st.rel(k); r == "amod" || r == "compound" || r == "nmod:poss" {
			return chronicle.ActorRef{}, false // "the Syrian officials" says whose
		}
	}
	lem := lemma(st.tok(h))
	for si := st.i - 1; si >= 0 && si >= st.i-3; si-- {
		prev := newSent(si, &dc.doc.Sentences[si])
		if !prev.parsed {
			continue
		}
		for k := len(prev.s.Tokens) - 1; k >= 0; k-- {
			if prev.tok(k).UPOS != "NOUN" || lemma(prev.tok(k)) != lem {
				continue
			}
			b, ok := c.actorAt(dc, prev, k)
			if ok && len(b.Code) >= 6 && !strings.HasPrefix(b.Code, "---") && b.Code[3:] == a.Code[3:] {
				t := st.tok(h)
				lo, _ := st.phraseSpan(h)
				b.Text = dc.doc.Text[st.tok(lo).Start:t.End]
				b.Start, b.End = st.tok(lo).Start, t.End
				c.tracef("sentence %d: %q is %q of sentence %d", st.i, b.Text, b.Name, si)
				return b, true
			}
		}
	}
	return chronicle.ActorRef{}, false
}

// agentWord reports whether token h itself names an actor: a person,
// organisation or country entity, or a word the actor dictionary knows
// ("militants", "police"). "The Exclusion Act, which banned ..." and "a
// law that authorizes ..." name documents, not actors.
func (c *Coder) agentWord(dc *docContext, st *sent, h int) bool {
	if m := dc.entByTok[st.i]; m != nil {
		if ei, ok := m[h]; ok {
			switch dc.doc.Entities[ei].Type {
			case chronicle.EntPerson, chronicle.EntOrg, chronicle.EntGPE:
				return true
			}
		}
	}
	if c.Actors == nil {
		return false
	}
	a, ok := c.Actors.Resolve(st.s, h, h+1, dc.doc.Date)
	return ok && a.Code != ""
}

// quoteSpeaker resolves a first-person pronoun inside a direct quote to the
// quote's speaker: "we" of a ministry spokesperson is the ministry's actor.
func (c *Coder) quoteSpeaker(dc *docContext, st *sent, h int) (chronicle.ActorRef, bool) {
	t := st.tok(h)
	for _, qi := range dc.quotesBySent[st.i] {
		q := &dc.doc.Quotes[qi]
		if !q.Direct || t.Start < q.Start || t.End > q.End || q.Speaker == nil {
			continue
		}
		if q.Speaker.Code != "" {
			return *q.Speaker, true
		}
		// An uncoded speaker that names a person mentioned with a title
		// elsewhere in the document.
		for ei := range dc.doc.Entities {
			e := &dc.doc.Entities[ei]
			if e.Type == chronicle.EntPerson && e.Start < q.Speaker.End && q.Speaker.Start < e.End {
				return c.personActor(dc, ei)
			}
		}
		return chronicle.ActorRef{}, false
	}
	return chronicle.ActorRef{}, false
}

// lastPerson resolves "he" or "she" to the most recent person named before
// byte offset pos of sentence si, within personReach sentences (a story
// goes on with "she said" for a while when no one else is named). A person the
// dictionaries cannot code stops the search: the pronoun most likely
// refers to them, not to someone named earlier.
func (c *Coder) lastPerson(dc *docContext, si, pos int) (chronicle.ActorRef, bool) {
	for i := len(dc.doc.Entities) - 1; i >= 0; i-- {
		e := &dc.doc.Entities[i]
		if e.Sentence > si || (e.Sentence == si && e.Start >= pos) || e.Type != chronicle.EntPerson {
			continue
		}
		if e.Sentence < si-personReach {
			break
		}
		if e.Code != "" {
			return chronicle.ActorRef{Name: e.Name, Code: e.Code, Country: e.Country, Sector: sectorOf(e.Code)}, true
		}
		return c.personActor(dc, i)
	}
	return chronicle.ActorRef{}, false
}

// personActor codes the person entity ei by the first mention of the same
// person in the document (same last name) that the actor dictionary can
// code with its title: "Afghan foreign ministry spokesperson Abdul Qahar
// Balkhi" codes a later "Balkhi".
func (c *Coder) personActor(dc *docContext, ei int) (chronicle.ActorRef, bool) {
	if r, ok := dc.persons[ei]; ok {
		return r, r.Code != ""
	}
	if dc.persons == nil {
		dc.persons = map[int]chronicle.ActorRef{}
	}
	var out chronicle.ActorRef
	e := &dc.doc.Entities[ei]
	last := lastWord(e.Name)
	for j := 0; j <= ei && j < len(dc.doc.Entities) && c.Actors != nil; j++ {
		f := &dc.doc.Entities[j]
		if f.Type != chronicle.EntPerson || lastWord(f.Name) != last || f.Sentence < 0 || f.Sentence >= len(dc.doc.Sentences) {
			continue
		}
		if f.Code != "" {
			out = chronicle.ActorRef{Name: f.Name, Code: f.Code, Country: f.Country, Sector: sectorOf(f.Code)}
			break
		}
		st := newSent(f.Sentence, &dc.doc.Sentences[f.Sentence])
		if !st.parsed || f.TokEnd <= f.TokStart || f.TokEnd > len(st.s.Tokens) {
			continue
		}
		h := f.TokEnd - 1
		for steps := 0; steps < 3; steps++ {
			r := st.rel(h)
			if (r != "flat" && r != "flat:name" && r != "appos" && r != "compound") || st.head(h) < 0 {
				break
			}
			h = st.head(h)
		}
		lo, hi := st.phraseSpan(h)
		lo, hi = min(lo, f.TokStart), max(hi, f.TokEnd)
		// The title in the name's own phrase, else in an apposition
		// ("Catherine Russell, UNICEF's executive director") or next to the
		// name where the parse did not link it. A country alone ("Ken
		// Weinstein, Japan chair at ...") says where a person comes from or
		// works on, not whom they act for; a role without a country
		// ("Commerce Secretary Howard Lutnick", ---GOV) is kept only when
		// nothing better is found.
		generic := chronicle.ActorRef{}
		if a, ok := c.Actors.Resolve(st.s, lo, hi, dc.doc.Date); ok && len(a.Code) > 3 {
			if !strings.HasPrefix(a.Code, "---") {
				out = a
			} else {
				generic = a
			}
		}
		if out.Code == "" {
			if a, ok := c.appositionActor(dc, st, h); ok {
				out = a
			} else if a, ok := c.commaTitle(dc, st, f.TokStart, f.TokEnd); ok {
				out = a
			} else {
				out = generic
			}
		}
		if out.Code != "" {
			out.Name = f.Name
			break
		}
	}
	dc.persons[ei] = out
	if out.Code != "" {
		c.tracef("person %q is coded %s by its mention %q", e.Text, out.Code, out.Name)
	}
	return out, out.Code != ""
}

// appositionActor resolves the title apposed to a person's name, either
// way round: "Russell, UNICEF's executive director" and "the special
// envoy, Steve Witkoff".
func (c *Coder) appositionActor(dc *docContext, st *sent, h int) (chronicle.ActorRef, bool) {
	try := func(k int) (chronicle.ActorRef, bool) {
		if st.tok(k).UPOS != "NOUN" {
			return chronicle.ActorRef{}, false
		}
		lo, hi := st.phraseSpan(k)
		if m := dc.entByTok[st.i]; m != nil {
			for i := lo; i < hi; i++ {
				if ei, ok := m[i]; ok && dc.doc.Entities[ei].Type == chronicle.EntPerson {
					return chronicle.ActorRef{}, false // another person
				}
			}
		}
		a, ok := c.Actors.Resolve(st.s, lo, hi, dc.doc.Date)
		if ok && len(a.Code) > 3 && !strings.HasPrefix(a.Code, "---") {
			return a, true
		}
		if ok && strings.HasPrefix(a.Code, "---") {
			if o, ok := c.agentOfOwner(dc, st, k, lo, hi); ok {
				return o, true
			}
		}
		return chronicle.ActorRef{}, false
	}
	for _, k := range st.kids[h] {
		if st.rel(k) == "appos" {
			if a, ok := try(k); ok {
				return a, true
			}
		}
	}
	if st.rel(h) == "appos" && st.head(h) >= 0 {
		return try(st.head(h))
	}
	return chronicle.ActorRef{}, false
}

// commaTitle resolves a title next to the person name lo..hi when the parse
// did not link the two: "Iraqi defense ministry spokesperson Yahya Rasool",
// "Ghana's foreign minister, Kwame Mensah, said" and "Kwame Mensah, Ghana's
// foreign minister, said".
func (c *Coder) commaTitle(dc *docContext, st *sent, lo, hi int) (chronicle.ActorRef, bool) {
	n := len(st.s.Tokens)
	titleRun := func(a, b int) (chronicle.ActorRef, bool) {
		// a..b holds determiners, possessives, adjectives and nouns and
		// ends in a noun.
		if a < 0 || b > n || a >= b || st.tok(b-1).UPOS != "NOUN" {
			return chronicle.ActorRef{}, false
		}
		for i := a; i < b; i++ {
			switch st.tok(i).UPOS {
			case "DET", "ADJ", "NOUN", "PROPN", "PART":
			default:
				return chronicle.ActorRef{}, false
			}
			if m := dc.entByTok[st.i]; m != nil {
				if ei, ok := m[i]; ok && dc.doc.Entities[ei].Type == chronicle.EntPerson {
					return chronicle.ActorRef{}, false
				}
			}
		}
		a2, ok := c.Actors.Resolve(st.s, a, b, dc.doc.Date)
		if ok && len(a2.Code) > 3 && !strings.HasPrefix(a2.Code, "---") {
			return a2, true
		}
		return chronicle.ActorRef{}, false
	}
	// "Iraqi defense ministry spokesperson Yahya Rasool" split by the parse.
	if a := lo; a > 0 {
		for a > 0 && lo-a < 6 {
			u := st.tok(a - 1).UPOS
			if u != "ADJ" && u != "NOUN" && u != "PROPN" && u != "DET" && u != "PART" {
				break
			}
			a--
		}
		if a < lo {
			if r, ok := c.Actors.Resolve(st.s, a, hi, dc.doc.Date); ok && len(r.Code) > 3 && !strings.HasPrefix(r.Code, "---") {
				return r, true
			}
		}
	}
	if lo >= 2 && st.tok(lo-1).Text == "," {
		a := lo - 1
		for a > 0 && lo-1-a < 6 && st.tok(a-1).UPOS != "PUNCT" && st.tok(a-1).UPOS != "VERB" && st.tok(a-1).UPOS != "ADP" {
			a--
		}
		if r, ok := titleRun(a, lo-1); ok {
			return r, true
		}
	}
	if hi+1 < n && st.tok(hi).Text == "," {
		b := hi + 1
		for b < n && b-hi-1 < 6 && st.tok(b).UPOS != "PUNCT" && st.tok(b).UPOS != "VERB" && st.tok(b).UPOS != "ADP" {
			b++
		}
		if r, ok := titleRun(hi+1, b); ok {
			return r, true
		}
	}
	return chronicle.ActorRef{}, false
}

// lastWord returns the last space-separated word of a name.
func lastWord(name string) string {
	f := strings.Fields(name)
	if len(f) == 0 {
		return ""
	}
	return strings.ToLower(f[len(f)-1])
}
