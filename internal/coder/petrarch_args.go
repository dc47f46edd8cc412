package coder

import (
	chronicle "github.com/chronicle-news/chronicle"
)

// applyPattern puts a pattern's source and target marks in place of the
// ones found in the parse. When the pattern names as target the phrase the
// parse took for the source ("NOTED + * [115]": "X noted that Y regretted"),
// the source is looked for in the governing clause; when it names as source
// the parse's target, the target is looked for again later.
func (c *Coder) applyPattern(st *sent, v int, pm PatternMatch, srcs, tgts []int) ([]int, []int) {
	if len(pm.Consumed) > 0 {
		st.skip = make(map[int]bool, len(pm.Consumed))
		for _, t := range pm.Consumed {
			if t != v {
				st.skip[t] = true
			}
		}
	}
	if len(srcs) == 0 && pm.Source < 0 {
		// "Russian police arrested students": a finite verb parsed as a
		// modifier of the noun before it has that noun as its subject, and
		// so do the verbs coordinated with it ("... and promised aid").
		u := v
		for steps := 0; steps < 4 && st.parsed && st.rel(u) == "conj" && st.head(u) >= 0; steps++ {
			u = st.head(u)
		}
		if finiteModifier(st, u) {
			srcs = []int{st.head(u)}
		}
	}
	if r := st.root(); len(srcs) == 0 && pm.Source < 0 && r >= 0 && r < v && st.rel(v) == "amod" && st.head(v) > v && isNominal(st, r) {
		// "Russian police arrested students" parsed as a verbless noun
		// phrase with "arrested" modifying "students": the root noun is
		// the source and the modified noun the target.
		srcs = []int{r}
		if len(tgts) == 0 {
			tgts = []int{st.head(v)}
		}
	}
	if len(srcs) == 0 && pm.Source < 0 && !isPassive(st, v) {
		// "INCHING &ACCORDSYN * [083]": the pattern reaches back to the
		// verb that governs the clause; its subject is the source.
		for _, t := range pm.Consumed {
			if t < v && st.parsed && (st.tok(t).UPOS == "VERB" || st.tok(t).UPOS == "AUX") {
				if sj := st.child(t, "nsubj"); sj >= 0 {
					srcs = []int{sj}
					break
				}
			}
		}
	}
	if len(srcs) == 0 && pm.Source < 0 && isPassive(st, v) {
		// "X was opposed earlier by Y": a passive agent attached below
		// the verb.
		if a := st.byAgent(v); a >= 0 {
			srcs = []int{a}
		}
	}
	if len(srcs) == 1 && pm.Source < 0 && st.parsed {
		// "X and the government of Y warned": a coordination parsed as
		// two subjects of the verb, the later one with its "and".
		for _, k := range st.kids[v] {
			if k != srcs[0] && st.rel(k) == "nsubj" && st.child(k, "cc") >= 0 {
				srcs = append(srcs, k)
			}
		}
	}
	if pm.Source >= 0 && pm.Source == pm.Target {
		// A compound actor ("% HAVE * [191]"): its members act on each other.
		return []int{pm.Source}, []int{pm.Target}
	}
	if pm.Target >= 0 {
		tgts = []int{pm.Target}
		if pm.Source < 0 && containsInt(srcs, pm.Target) {
			srcs = st.inheritSubject(v)
		}
	}
	if pm.Source >= 0 {
		srcs = []int{pm.Source}
		if pm.Target < 0 && containsInt(tgts, pm.Source) {
			tgts = nil
		}
	}
	if pm.Reverse {
		srcs, tgts = tgts, srcs
	}
	return srcs, tgts
}

// finiteModifier reports whether verb v is a finite past or present verb
// (VBD, VBZ, VBP), or a participle with an object or under the root noun,
// attached as a clausal modifier (acl, not a relative clause) to a noun
// before it: a parse of "X arrested Y" as "X [arrested Y]".
func finiteModifier(st *sent, v int) bool {
	if !st.parsed || st.rel(v) != "acl" {
		return false
	}
	h := st.head(v)
	if h < 0 || h > v {
		return false
	}
	switch st.tok(v).XPOS {
	case "VBD", "VBZ", "VBP":
	case "VBN":
		// A participle with a direct object is active ("crowds burned
		// down its embassy"); one modifying the root noun of a sentence
		// that has no verb of its own is the main verb the parser missed.
		if st.head(h) >= 0 && st.child(v, "obj") < 0 {
			return false
		}
	default:
		return false
	}
	switch st.tok(h).UPOS {
	case "NOUN", "PROPN", "PRON":
		return true
	}
	return false
}

// root returns the root token of a parsed sentence, or -1.
func (st *sent) root() int {
	if !st.parsed {
		return -1
	}
	for i := range st.s.Tokens {
		if st.s.Tokens[i].Head == 0 {
			return i
		}
	}
	return -1
}

// isNominal reports whether token t is a noun, proper noun or pronoun.
func isNominal(st *sent, t int) bool {
	switch st.tok(t).UPOS {
	case "NOUN", "PROPN", "PRON":
		return true
	}
	return false
}

// isPassive reports whether verb v is passive.
func isPassive(st *sent, v int) bool {
	return st.parsed && (st.child(v, "nsubj:pass") >= 0 || st.child(v, "aux:pass") >= 0)
}

// byAgent finds a "by" phrase under the verb's adverbs and obliques (the
// parser attached the agent one level too low), or -1.
func (st *sent) byAgent(v int) int {
	for _, k := range st.kids[v] {
		switch baseRel(st.rel(k)) {
		case "advmod", "obl":
			for _, g := range st.kids[k] {
				r := baseRel(st.rel(g))
				if (r == "obl" || r == "nmod") && st.caseOf(g) == "by" {
					return g
				}
			}
		}
	}
	return -1
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// clausalRel are the relations of clauses inside the verb's phrase: a
// target is looked for in them only when the phrase itself has none
// ("expressed hopes that X could ...", "vowed to wage war on X").
var clausalRel = map[string]bool{"advcl": true, "ccomp": true, "csubj": true, "acl": true, "xcomp": true}

// looseRel are the relations of clauses only loosely joined to the verb
// ("..., officials said"): never searched for a target.
var looseRel = map[string]bool{"parataxis": true, "list": true, "dep": true, "discourse": true, "vocative": true}

// lowerActors finds the target as PETRARCH does when the verb's object is
// not an actor: the first actor in the verb's phrase after the verb ("restore
// full diplomatic ties with X", "welcomed memos from X"), then in the
// clauses it governs, other than the source.
func (c *Coder) lowerActors(dc *docContext, st *sent, v int, srcs []chronicle.ActorRef) []chronicle.ActorRef {
	if !st.parsed {
		return nil
	}
	for pass := 0; pass < 2; pass++ {
		var heads []int
		var walk func(i, depth int)
		walk = func(i, depth int) {
			if depth > 40 {
				return
			}
			for _, k := range st.kids[i] {
				r := baseRel(st.rel(k))
				if looseRel[r] || (r == "conj" && i == v) || (pass == 0 && clausalRel[r]) {
					continue
				}
				if k > v {
					switch r {
					case "obj", "iobj", "obl", "nmod", "appos", "nsubj":
						heads = append(heads, k)
					}
				}
				walk(k, depth+1)
			}
		}
		walk(v, 0)
		sortInts(heads)
		for _, h := range heads {
			if st.tok(h).UPOS == "PRON" {
				continue // PETRARCH does not resolve pronouns
			}
			var out []chronicle.ActorRef
			for _, a := range c.actorsAt(dc, st, h) {
				if !sameActor(a, srcs) {
					out = append(out, a)
				}
			}
			if len(out) > 0 {
				return out
			}
		}
	}
	return nil
}

func sameActor(a chronicle.ActorRef, as []chronicle.ActorRef) bool {
	for _, b := range as {
		if a.Code == b.Code && a.Name == b.Name {
			return true
		}
	}
	return false
}

func sortInts(xs []int) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

// pairedEvents makes the target->source events of a paired code ("032:033":
// a visit and the receiving of it).
func (c *Coder) pairedEvents(dc *docContext, st *sent, evs []chronicle.Event, code2 string) []chronicle.Event {
	cd, ok := c.Verbs.Lookup(code2)
	if !ok {
		return nil
	}
	var out []chronicle.Event
	for _, e := range evs {
		if e.Target == nil || e.Source == nil || (e.Target.Code == "" && e.Target.Name == "") {
			continue
		}
		r := e
		src, tgt := *e.Target, *e.Source
		r.Source, r.Target = &src, &tgt
		r.CAMEO, r.PLOVER, r.Mode, r.Quad, r.Goldstein = code2, cd.PLOVER, cd.Mode, Quad(code2), cd.Goldstein
		r.Rule = e.Rule + " (paired " + code2 + ")"
		r.Mentions = nil
		start := e.Start
		if e.Trigger != nil {
			start = e.Trigger.Start
		}
		r.ID = eventID(dc.doc.ID, st.i, start, code2, src.Code+src.Name, tgt.Code+tgt.Name)
		out = append(out, r)
	}
	return out
}
