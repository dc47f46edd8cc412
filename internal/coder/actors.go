package coder

import (
	"strings"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
)

// actorsAt resolves the argument headed by token h to actors: one for a
// simple phrase, several for a coordination ("X and Y").
func (c *Coder) actorsAt(dc *docContext, st *sent, h int) []chronicle.ActorRef {
	if d := c.distributeOf(dc, st, h); len(d) > 1 {
		return d
	}
	var out []chronicle.ActorRef
	if a, ok := c.actorAt(dc, st, h); ok {
		out = append(out, splitCodes(a)...)
	}
	// Conjuncts, also nested ones ("X, Y, Z and W" parsed as W under Z).
	var conj func(i, depth int)
	conj = func(i, depth int) {
		for _, k := range st.kids[i] {
			if st.rel(k) == "conj" && depth < 8 && !st.falseConj(k) {
				if a, ok := c.actorAt(dc, st, k); ok {
					out = append(out, splitCodes(a)...)
				}
				conj(k, depth+1)
			}
		}
	}
	conj(h, 0)
	// A list misparsed as an apposition ("Mordor, the Shire, Fornost and
	// Bree"): an appositive with conjuncts of its own that names another
	// actor joins the list.
	if len(out) > 0 {
		for _, k := range st.kids[h] {
			if st.rel(k) != "appos" || st.child(k, "conj") < 0 {
				continue
			}
			if a, ok := c.actorAt(dc, st, k); ok && a.Code != "" && a.Code != out[0].Code {
				out = append(out, splitCodes(a)...)
			}
			conj(k, 0)
		}
	}
	return out
}

// holdVerbs say who holds a place: "positions held by", "areas controlled by".
var holdVerbs = map[string]bool{"hold": true, "control": true, "occupy": true, "run": true, "seize": true, "capture": true, "operate": true}

// falseConj reports whether conjunct k has neither a conjunction nor a comma
// before it: a misparse of one long name phrase.
func (st *sent) falseConj(k int) bool {
	if st.rel(k) != "conj" {
		return false
	}
	for _, c := range st.kids[k] {
		if r := st.rel(c); (r == "cc" || r == "punct") && c < k {
			return false
		}
	}
	return true
}

// distributeOf resolves "the foreign ministers of Japan and South Korea" to
// one actor per country, each with the head's role.
func (c *Coder) distributeOf(dc *docContext, st *sent, h int) []chronicle.ActorRef {
	of := -1
	for _, k := range st.kids[h] {
		if baseRel(st.rel(k)) == "nmod" && st.caseOf(k) == "of" && st.child(k, "conj") >= 0 {
			of = k
			break
		}
	}
	if of < 0 || c.Actors == nil {
		return nil
	}
	lo, _ := st.phraseSpan(h)
	head, ok := c.Actors.Resolve(st.s, lo, h+1, dc.doc.Date)
	if !ok || len(head.Code) < 6 || !strings.HasPrefix(head.Code, "---") {
		return nil
	}
	var out []chronicle.ActorRef
	for _, k := range append([]int{of}, st.kids[of]...) {
		if k != of && st.rel(k) != "conj" {
			continue
		}
		a, ok := c.actorAt(dc, st, k)
		if !ok || len(a.Country) != 3 {
			continue
		}
		a.Code = a.Country + head.Code[3:]
		a.Sector = head.Code[3:6]
		out = append(out, a)
	}
	return out
}

// splitCodes turns an actor with a compound code "A/B" (PETRARCH
// dictionaries) into one actor per code.
func splitCodes(a chronicle.ActorRef) []chronicle.ActorRef {
	if !strings.Contains(a.Code, "/") {
		return []chronicle.ActorRef{a}
	}
	var out []chronicle.ActorRef
	for _, code := range strings.Split(a.Code, "/") {
		if code = strings.TrimSpace(code); code != "" {
			b := a
			b.Code = code
			if len(code) >= 3 {
				b.Country = code[:3]
			}
			b.Sector = sectorOf(code)
			out = append(out, b)
		}
	}
	return out
}

// phraseSpan returns the token span of the noun phrase headed by h without
// its clauses, prepositional modifiers and conjuncts.
func (st *sent) phraseSpan(h int) (int, int) {
	lo, hi := h, h+1
	var walk func(i int)
	walk = func(i int) {
		for _, k := range st.kids[i] {
			switch st.rel(k) {
			case "amod", "compound", "flat", "flat:name", "det", "nmod:poss", "case", "nummod", "fixed", "goeswith", "det:poss", "compound:prt":
			case "nmod":
				// "Secretary of State", "Ministry of Foreign Affairs": keep
				// "of" modifiers inside capitalised names.
				if st.caseOf(k) != "of" || !isCapitalized(st.tok(k).Text) {
					continue
				}
			default:
				continue
			}
			if st.rel(k) == "case" && k < h && i == h {
				continue // leading preposition of an oblique
			}
			if k < lo {
				lo = k
			}
			if k+1 > hi {
				hi = k + 1
			}
			walk(k)
		}
	}
	walk(h)
	// A clause or "of" phrase inside the span ("Afghanistan of sheltering
	// militants" from a bad parse) cuts it.
	for i := h - 1; i > lo; i-- {
		r := st.rel(i)
		if r == "mark" || (st.tok(i).UPOS == "ADP" && !isCapitalized(st.tok(i-1).Text)) {
			lo = i + 1
			break
		}
	}
	// Drop a leading preposition or possessive marker.
	for lo < hi && (st.rel(lo) == "case" && lo < h) {
		lo++
	}
	return lo, hi
}

func isCapitalized(s string) bool {
	return s != "" && s[0] >= 'A' && s[0] <= 'Z'
}

var pronouns = map[string]string{
	"he": "PERSON", "him": "PERSON", "she": "PERSON", "her": "PERSON", "his": "PERSON",
	"they": "GROUP", "them": "GROUP", "it": "GROUP", "its": "GROUP", "their": "GROUP",
}

// quantityWords head phrases whose real head is their "of" modifier ("tens
// of thousands of gang members", "a dozen members of the gang").
var quantityWords = map[string]bool{
	"tens": true, "dozens": true, "dozen": true, "hundreds": true, "thousands": true, "millions": true,
	"scores": true, "number": true, "group": true, "couple": true, "handful": true, "members": true,
	"member": true, "some": true, "many": true, "several": true, "most": true, "all": true, "both": true,
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "million": true, "billion": true, "$": true,
	"city": true, "town": true, "village": true, "region": true, "province": true, "capital": true,
	"state": true, "district": true,
}

// moneyWords are quantities that also take "in" ("$10 million in aid").
var moneyWords = map[string]bool{"$": true, "million": true, "billion": true, "trillion": true, "€": true, "£": true}

// lexicalHead follows quantity heads to the noun they quantify.
func (st *sent) lexicalHead(h int) int {
	for steps := 0; steps < 4; steps++ {
		t := st.tok(h)
		w := strings.ToLower(t.Text)
		money := moneyWords[w] || t.UPOS == "NUM"
		if !quantityWords[w] && !money {
			return h
		}
		next := -1
		for _, k := range st.kids[h] {
			if baseRel(st.rel(k)) == "nmod" && (st.caseOf(k) == "of" || (money && st.caseOf(k) == "in")) {
				next = k
				break
			}
		}
		if next < 0 {
			return h
		}
		h = next
	}
	return h
}

// actorAt resolves one noun phrase.
func (c *Coder) actorAt(dc *docContext, st *sent, h int) (chronicle.ActorRef, bool) {
	a, ok := c.phraseActor(dc, st, h)
	if ok && strings.HasPrefix(a.Code, "IGO") {
		if e := countryEnvoy(dc, st, h); e != nil {
			// "France's U.N. envoy", "the U.S. deputy U.N. ambassador":
			// a country's diplomat at the organisation speaks for the
			// country.
			a.Code, a.Country, a.Name, a.Sector = e.Country+"GOV", e.Country, e.Name, "GOV"
		}
	}
	return a, ok
}

// diplomatNouns are the roles of a country's representatives.
var diplomatNouns = map[string]bool{
	"ambassador": true, "envoy": true, "representative": true, "delegate": true, "delegation": true,
	"diplomat": true, "mission": true, "emissary": true,
}

// countryEnvoy returns the country entity named before h when h is a
// diplomat noun ("U.S. ... ambassador"), or nil.
func countryEnvoy(dc *docContext, st *sent, h int) *chronicle.Entity {
	if !diplomatNouns[strings.ToLower(st.tok(h).Lemma)] {
		return nil
	}
	lo, _ := st.phraseSpan(h)
	for i := lo; i < h; i++ {
		ei, ok := st.ents[i]
		if !ok {
			continue
		}
		e := &dc.doc.Entities[ei]
		if (e.Type == chronicle.EntGPE || e.Type == chronicle.EntNORP) && len(e.Country) == 3 && e.TokEnd <= h {
			return e
		}
	}
	return nil
}

// phraseActor resolves one noun phrase (see actorAt).
func (c *Coder) phraseActor(dc *docContext, st *sent, h int) (chronicle.ActorRef, bool) {
	if lh := st.lexicalHead(h); lh != h {
		if a, ok := c.actorAt(dc, st, lh); ok {
			return a, true
		}
	}
	t := st.tok(h)
	if firstPerson[strings.ToLower(t.Text)] {
		a, ok := c.quoteSpeaker(dc, st, h)
		if ok {
			a.Text, a.Start, a.End = t.Text, t.Start, t.End
		}
		return a, ok
	}
	if kind, ok := pronouns[strings.ToLower(t.Text)]; ok {
		if a, ok := c.speakerAntecedent(dc, st, h, kind); ok {
			a.Text, a.Start, a.End = t.Text, t.Start, t.End
			return a, true
		}
		var a chronicle.ActorRef
		if kind == "PERSON" {
			a, ok = c.lastPerson(dc, st.i, t.Start)
		} else {
			var from int
			a, from, ok = dc.lastActor(st.i, t.Start, kind)
			if ok && from < st.i && st.nearerSubject(h) {
				// "green card holders can be deported if they violate
				// the law": "they" are the holders, not an actor named
				// in an earlier sentence.
				c.tracef("sentence %d: %q refers to a subject of its own sentence", st.i, t.Text)
				return chronicle.ActorRef{}, false
			}
		}
		if ok {
			a.Text, a.Start, a.End = t.Text, t.Start, t.End
		}
		return a, ok
	}

	// "positions held by troops from Ukraine", "areas controlled by the
	// rebels": the holder is the actor.
	for _, k := range st.kids[h] {
		if st.rel(k) != "acl" || st.tok(k).XPOS != "VBN" || !holdVerbs[lemma(st.tok(k))] {
			continue
		}
		for _, a := range st.kids[k] {
			if baseRel(st.rel(a)) == "obl" && st.caseOf(a) == "by" {
				if ref, ok := c.actorAt(dc, st, a); ok {
					return ref, true
				}
			}
		}
	}
	lo, hi := st.phraseSpan(h)
	if clo, chi := st.nameChunk(h); chi-clo > 1 {
		lo, hi = min(lo, clo), max(hi, chi)
	}
	// "U.S. special envoy Mauricio Claver-Carone" parsed as a coordination
	// without "and": one phrase.
	for _, k := range st.kids[h] {
		if k > h && st.falseConj(k) {
			_, khi := st.phraseSpan(k)
			if _, chi := st.nameChunk(k); chi > khi {
				khi = chi
			}
			hi = max(hi, khi)
		}
	}
	// The most specific entity with an actor code in the phrase, and what
	// the dictionary makes of the whole phrase ("Salvadoran police",
	// "U.S. Defense Secretary Pete Hegseth").
	var best *chronicle.Entity
	if m := dc.entByTok[st.i]; m != nil {
		for i := lo; i < hi; i++ {
			ei, ok := m[i]
			if !ok || dc.doc.Entities[ei].Code == "" {
				continue
			}
			e := &dc.doc.Entities[ei]
			if best == nil || entityRank(e, h) > entityRank(best, h) {
				best = e
			}
		}
	}
	if c.Actors != nil {
		if a, ok := c.Actors.Resolve(st.s, lo, hi, dc.doc.Date); ok && a.Code != "" && !(strings.HasPrefix(a.Code, "---") && !c.headIsAgent(st, h, dc.doc.Date)) {
			if strings.HasPrefix(a.Code, "---") {
				if o, ok := c.agentOfOwner(dc, st, h, lo, hi); ok {
					return o, true
				}
				if o, ok := c.definiteAntecedent(dc, st, h, a); ok {
					return o, true
				}
			}
			if best == nil || len(a.Code) >= len(best.Code) || best.Type == chronicle.EntNORP || best.Type == chronicle.EntGPE {
				if a.Text == "" {
					a.Text = dc.doc.Text[st.tok(lo).Start:st.tok(hi-1).End]
					a.Start, a.End = st.tok(lo).Start, st.tok(hi-1).End
				}
				return a, true
			}
		}
	}
	if best != nil {
		return chronicle.ActorRef{Text: best.Text, Name: best.Name, Code: best.Code, Country: best.Country,
			Sector: sectorOf(best.Code), Start: best.Start, End: best.End}, true
	}
	// A person named without a title ("Balkhi said"): the code of the
	// document's titled mention of the same person.
	if m := dc.entByTok[st.i]; m != nil {
		for i := lo; i < hi; i++ {
			ei, ok := m[i]
			if !ok || dc.doc.Entities[ei].Type != chronicle.EntPerson {
				continue
			}
			if a, ok := c.personActor(dc, ei); ok {
				e := &dc.doc.Entities[ei]
				a.Text, a.Start, a.End = e.Text, e.Start, e.End
				return a, true
			}
			break
		}
	}
	if a, ok := c.agentOfOwner(dc, st, h, lo, hi); ok {
		return a, true
	}
	// An appositive ("Bukele, the president") or an "of" modifier.
	for _, k := range st.kids[h] {
		if st.rel(k) == "appos" {
			return c.actorAt(dc, st, k)
		}
	}
	return chronicle.ActorRef{}, false
}

// nearestActor returns the nearest actor entity before (dir -1) or after
// (dir +1) token v in the sentence, not crossing another verb with its own
// subject. It is the fallback when the parse gives no argument.
//
// With preps, the actor must follow one of those prepositions ("talks with
// X"); without, an actor right after a locative preposition ("in Caracas")
// is a place, not a participant, and is passed over.
func (dc *docContext) nearestActor(st *sent, v, dir int, preps []string) (chronicle.ActorRef, bool) {
	m := dc.entByTok[st.i]
	if m == nil {
		return chronicle.ActorRef{}, false
	}
	sawPrep := false
	for i := v + dir; i >= 0 && i < len(st.s.Tokens); i += dir {
		t := st.tok(i)
		if hasPrep(preps, strings.ToLower(t.Text)) {
			sawPrep = true
		}
		if ei, ok := m[i]; ok && dir > 0 && i > 0 && locativePreps[strings.ToLower(st.tok(i-1).Text)] && !hasPrep(preps, strings.ToLower(st.tok(i-1).Text)) {
			i = dc.doc.Entities[ei].TokEnd - 1
			continue
		}
		// Never back across another verb; forward, not into a clause with
		// its own subject.
		if i != v && t.UPOS == "VERB" && (dir < 0 || st.child(i, "nsubj") >= 0) {
			break
		}
		if len(preps) > 0 && dir > 0 && (!sawPrep || !dc.prepBefore(st, i, preps)) {
			continue
		}
		if t.Text == ";" || strings.EqualFold(t.Text, "but") || strings.EqualFold(t.Text, "while") || strings.EqualFold(t.Text, "after") || strings.EqualFold(t.Text, "before") {
			break
		}
		// A quotation mark separates a quote from its attribution.
		if i != v && quoteMark(t.Text) {
			break
		}
		ei, ok := m[i]
		if !ok {
			continue
		}
		e := dc.doc.Entities[ei]
		if e.Code == "" {
			continue
		}
		// Backwards, the object of a preposition ("a visit to South
		// Africa", "a member of the party") is not the doer.
		if dir < 0 && st.prepObject(e.TokStart) {
			i = e.TokStart
			continue
		}
		// Skip a nationality adjective in front of a longer actor phrase
		// ("Chinese President Xi Jinping").
		if e.Type == chronicle.EntNORP && e.TokEnd < len(st.s.Tokens) && isCapitalized(st.tok(e.TokEnd).Text) {
			if dir > 0 {
				continue
			}
		}
		return chronicle.ActorRef{Text: e.Text, Name: e.Name, Code: e.Code, Country: e.Country, Sector: sectorOf(e.Code), Start: e.Start, End: e.End}, true
	}
	return chronicle.ActorRef{}, false
}

// prepObject reports whether the noun phrase that token i starts or ends
// in is the object of a preposition other than "by": "a member of the
// Japanese Liberal Democratic Party", "a visit to South Africa".
func (st *sent) prepObject(i int) bool {
	for j, steps := i-1, 0; j >= 0 && steps < 6; j, steps = j-1, steps+1 {
		t := st.tok(j)
		switch t.UPOS {
		case "DET", "ADJ", "PROPN", "NUM":
			continue
		case "ADP":
			return !strings.EqualFold(t.Text, "by")
		}
		return false
	}
	return false
}

// quoteMark reports whether w is a quotation mark.
func quoteMark(w string) bool {
	switch w {
	case "\"", "“", "”", "``", "''", "«", "»":
		return true
	}
	return false
}

var locativePreps = map[string]bool{"in": true, "at": true, "near": true, "outside": true, "inside": true, "across": true, "from": true, "into": true, "through": true, "over": true}

// headIsAgent reports whether the head word itself names an actor, so that
// a modifier alone ("military cooperation") does not make the phrase one.
func (c *Coder) headIsAgent(st *sent, h int, date string) bool {
	if facilityNouns[lemma(st.tok(h))] {
		return true // "a military base", "the police station"
	}
	lo := h
	for _, k := range st.kids[h] {
		if st.rel(k) == "compound" && k < lo {
			lo = k
		}
	}
	_, ok := c.Actors.Resolve(st.s, lo, h+1, date)
	return ok
}

// facilityNouns name things that belong to the actor named by their modifier.
var facilityNouns = map[string]bool{
	"base": true, "headquarters": true, "post": true, "camp": true, "convoy": true, "vehicle": true,
	"ship": true, "checkpoint": true, "position": true, "office": true, "embassy": true, "station": true,
	"compound": true, "patrol": true, "outpost": true, "barracks": true, "stronghold": true, "facility": true,
	"rally": true, "march": true, "protest": true, "protester": true, "unit": true, "jet": true, "aircraft": true,
}

// agentOfOwner resolves "officials from Iraq", "diplomats of the G7": a
// generic agent with an "of"/"from" modifier naming a country or
// organisation takes that actor's code with its own role.
func (c *Coder) agentOfOwner(dc *docContext, st *sent, h, lo, hi int) (chronicle.ActorRef, bool) {
	if c.Actors == nil {
		return chronicle.ActorRef{}, false
	}
	agent, ok := c.Actors.Resolve(st.s, lo, hi, dc.doc.Date)
	if !ok || !strings.HasPrefix(agent.Code, "---") || len(agent.Code) < 6 {
		return chronicle.ActorRef{}, false
	}
	// "troops from Kenya": a country or organisation named right after the
	// agent word is its owner, whatever the parse made of the phrase (a
	// misparse can hang "from India" on a later noun).
	if k := h + 2; k < len(st.s.Tokens) {
		if w := strings.ToLower(st.tok(h + 1).Text); w == "from" || w == "of" {
			if e, ok := st.ents[k]; ok && dc.doc.Entities[e].TokStart == k {
				ent := &dc.doc.Entities[e]
				if len(ent.Code) >= 3 && !strings.HasPrefix(ent.Code, "---") && ent.Type != chronicle.EntPerson {
					a := agent
					a.Code = ent.Code[:3] + agent.Code[3:]
					if strings.HasPrefix(ent.Code, "IGO") || strings.HasPrefix(ent.Code, "NGO") {
						a.Code = ent.Code
					}
					a.Country, a.Name, a.Sector = ent.Country, ent.Name, sectorOf(a.Code)
					a.Start, a.End = st.tok(lo).Start, ent.End
					a.Text = dc.doc.Text[a.Start:a.End]
					return a, true
				}
			}
		}
	}
	for _, k := range st.kids[h] {
		if baseRel(st.rel(k)) != "nmod" || (st.caseOf(k) != "of" && st.caseOf(k) != "from") {
			continue
		}
		owner, ok := c.actorAt(dc, st, k)
		if !ok || len(owner.Code) < 3 || (strings.HasPrefix(owner.Code, "---") && len(owner.Code) < 6) {
			continue
		}
		a := agent
		a.Code = owner.Code[:3] + agent.Code[3:]
		if strings.HasPrefix(owner.Code, "---") {
			a.Code = owner.Code // "the leader of the gang" is the gang's
		}
		if strings.HasPrefix(owner.Code, "IGO") || strings.HasPrefix(owner.Code, "NGO") {
			a.Code = owner.Code // the organisation's own people act for it
		}
		a.Country = owner.Country
		a.Name = owner.Name
		a.Sector = sectorOf(a.Code)
		t := st.tok(lo)
		a.Text = dc.doc.Text[t.Start:st.tok(max(hi-1, k)).End]
		a.Start, a.End = t.Start, st.tok(max(hi-1, k)).End
		return a, true
	}
	return chronicle.ActorRef{}, false
}

// entityRank orders entities as actors: people and organisations before
// places and nationality adjectives, longer codes first, the head itself
// first among equals.
func entityRank(e *chronicle.Entity, head int) int {
	r := len(e.Code)
	switch e.Type {
	case chronicle.EntPerson:
		r += 40
	case chronicle.EntOrg:
		r += 30
	case chronicle.EntGPE, chronicle.EntFac, chronicle.EntLoc:
		r += 10
	}
	if e.TokStart <= head && head < e.TokEnd {
		r += 5
	}
	return r
}

// nameChunk returns the run of proper-name tokens around h ("U.S. Defense
// Secretary Pete Hegseth"), a guard against parses that split such names.
func (st *sent) nameChunk(h int) (int, int) {
	inName := func(i int) bool {
		t := st.tok(i)
		if t.UPOS == "PROPN" || (t.NER != "" && t.NER != "O") {
			return true
		}
		return isCapitalized(t.Text) && (t.UPOS == "ADJ" || t.UPOS == "NOUN") && i > 0
	}
	if !inName(h) {
		return h, h + 1
	}
	lo, hi := h, h+1
	for lo > 0 && inName(lo-1) {
		lo--
	}
	for hi < len(st.s.Tokens) && inName(hi) {
		hi++
	}
	return lo, hi
}

// placeAt returns the resolved place covering token i, if any.
func (dc *docContext) placeAt(st *sent, i int) *chronicle.Place {
	t := st.tok(i)
	for k := range dc.doc.Places {
		p := &dc.doc.Places[k]
		if p.Start <= t.Start && t.End <= p.End && p.Resolution != "" && p.Resolution != "unknown" {
			return p
		}
	}
	return nil
}

// sentenceCountry returns the one country the sentence's entities name, or
// "" when it names none or several.
func (dc *docContext) sentenceCountry(st *sent) string {
	country := ""
	for _, e := range dc.doc.Entities {
		if e.Sentence != st.i || len(e.Country) != 3 {
			continue
		}
		if country != "" && e.Country != country {
			return ""
		}
		country = e.Country
	}
	return country
}

// namedBetween returns a named actor entity (person, organisation or
// country) lying wholly between tokens a and b.
func (dc *docContext) namedBetween(st *sent, a, b int) (chronicle.ActorRef, bool) {
	if a > b {
		a, b = b, a
	}
	for _, e := range dc.doc.Entities {
		if e.Sentence != st.i || e.Code == "" || e.TokStart <= a || e.TokEnd > b || e.Type == chronicle.EntNORP {
			continue
		}
		if e.TokStart > 0 && locativePreps[strings.ToLower(st.tok(e.TokStart-1).Text)] {
			continue
		}
		return chronicle.ActorRef{Text: e.Text, Name: e.Name, Code: e.Code, Country: e.Country, Sector: sectorOf(e.Code), Start: e.Start, End: e.End}, true
	}
	return chronicle.ActorRef{}, false
}

// prepBefore reports whether one of preps stands right before token i,
// allowing determiners and adjectives between ("with the United States").
func (dc *docContext) prepBefore(st *sent, i int, preps []string) bool {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		t := st.tok(j)
		if hasPrep(preps, strings.ToLower(t.Text)) {
			return true
		}
		if t.UPOS != "DET" && t.UPOS != "ADJ" && t.UPOS != "NUM" && t.UPOS != "PROPN" {
			return false
		}
	}
	return false
}

// isCity reports whether a resolved city place covers the byte span.
func (dc *docContext) isCity(start, end int) bool {
	for _, p := range dc.doc.Places {
		if p.Start < end && start < p.End && p.Resolution == "city" {
			return true
		}
	}
	return false
}

// lastActor returns the most recent actor entity before byte offset pos of
// sentence si that fits a pronoun of the given kind, with its sentence.
func (dc *docContext) lastActor(si, pos int, kind string) (chronicle.ActorRef, int, bool) {
	// People are referred to across a few sentences, groups and countries
	// ("they", "it") only from the sentence before.
	reach := 3
	if kind == "GROUP" {
		reach = 1
	}
	for i := len(dc.doc.Entities) - 1; i >= 0; i-- {
		e := dc.doc.Entities[i]
		if e.Sentence > si || (e.Sentence == si && e.Start >= pos) || e.Code == "" {
			continue
		}
		if e.Sentence < si-reach {
			break
		}
		if kind == "PERSON" && e.Type != chronicle.EntPerson {
			continue
		}
		if kind == "GROUP" && e.Type == chronicle.EntPerson {
			continue
		}
		if kind == "GROUP" && e.Type == chronicle.EntNORP {
			continue
		}
		// "it" and "they" pick up the actors of the sentence before, not
		// a place or party named in a prepositional phrase ("sending
		// people back to China").
		if kind == "GROUP" && e.Sentence < si && dc.inPrepPhrase(&e) {
			continue
		}
		return chronicle.ActorRef{Name: e.Name, Code: e.Code, Country: e.Country, Sector: sectorOf(e.Code)}, e.Sentence, true
	}
	return chronicle.ActorRef{}, 0, false
}

// inPrepPhrase reports whether entity e is the object of a preposition
// other than "by" in the parse of its sentence.
func (dc *docContext) inPrepPhrase(e *chronicle.Entity) bool {
	if e.Sentence < 0 || e.Sentence >= len(dc.doc.Sentences) || e.TokEnd <= e.TokStart {
		return false
	}
	toks := dc.doc.Sentences[e.Sentence].Tokens
	if e.TokEnd > len(toks) {
		return false
	}
	// The entity's head: the token whose head lies outside the entity.
	h := e.TokEnd - 1
	for k := e.TokStart; k < e.TokEnd; k++ {
		if hd := toks[k].Head - 1; hd < e.TokStart || hd >= e.TokEnd {
			h = k
			break
		}
	}
	for k, t := range toks {
		if t.Head-1 == h && t.DepRel == "case" && t.UPOS == "ADP" && k < h && !strings.EqualFold(t.Text, "by") {
			return true
		}
	}
	return false
}

// nearerSubject reports whether a plural (for "they") or singular (for
// "it") noun subject stands before pronoun h in its own sentence, its
// nearest antecedent.
func (st *sent) nearerSubject(h int) bool {
	plural := !strings.EqualFold(st.tok(h).Text, "it") && !strings.EqualFold(st.tok(h).Text, "its")
	for k := 0; k < h; k++ {
		t := st.tok(k)
		if t.UPOS != "NOUN" || (baseRel(st.rel(k)) != "nsubj" && st.rel(k) != "nsubj:pass") {
			continue
		}
		if (t.XPOS == "NNS") == plural {
			return true
		}
	}
	return false
}

// sectorOf returns the main role code of a CAMEO actor code.
func sectorOf(code string) string {
	if len(code) >= 6 {
		return code[3:6]
	}
	return ""
}

var irregular = map[string]string{
	"met": "meet", "meets": "meet", "meeting": "meet", "held": "hold", "holds": "hold", "made": "make",
	"paid": "pay", "said": "say", "told": "tell", "struck": "strike", "fought": "fight", "shot": "shoot",
	"beat": "beat", "beaten": "beat", "sent": "send", "gave": "give", "given": "give", "took": "take",
	"taken": "take", "brought": "bring", "sought": "seek", "spoke": "speak", "spoken": "speak",
	"broke": "break", "broken": "break", "freed": "free", "led": "lead", "began": "begin", "won": "win",
	"threw": "throw", "withdrew": "withdraw", "withdrawn": "withdraw", "forgave": "forgive", "forgiven": "forgive",
	"slapped": "slap", "cut": "cut", "put": "put", "set": "set", "has": "have", "had": "have", "was": "be",
	"were": "be", "is": "be", "are": "be", "been": "be", "did": "do", "does": "do", "went": "go", "gone": "go",
	"talks": "talks", "arrested": "arrest", "detained": "detain",
}

// guessLemma is a small fallback lemmatizer for unparsed text.
func guessLemma(w string) string {
	if l, ok := irregular[w]; ok {
		return l
	}
	switch {
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ed") && len(w) > 4:
		stem := w[:len(w)-2]
		if n := len(stem); n > 2 && stem[n-1] == stem[n-2] && !strings.HasSuffix(stem, "ss") && !strings.HasSuffix(stem, "ll") {
			return stem[:n-1]
		}
		if strings.HasSuffix(stem, "iz") || strings.HasSuffix(stem, "is") || strings.HasSuffix(stem, "at") || strings.HasSuffix(stem, "ur") || strings.HasSuffix(stem, "us") || strings.HasSuffix(stem, "ic") || strings.HasSuffix(stem, "ov") || strings.HasSuffix(stem, "rc") || strings.HasSuffix(stem, "in") && !strings.HasSuffix(stem, "ain") {
			return stem + "e"
		}
		return stem
	case strings.HasSuffix(w, "ing") && len(w) > 5:
		return w[:len(w)-3]
	case strings.HasSuffix(w, "es") && (strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "sses")):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

func daysBetween(a, b string) int {
	ta, err1 := time.Parse("2006-01-02", a)
	tb, err2 := time.Parse("2006-01-02", b)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}
