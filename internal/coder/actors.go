package coder

import (
	"strings"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
)

// actorsAt resolves the argument headed by token h to actors: one for a
// simple phrase, several for a coordination ("X and Y").
func (c *Coder) actorsAt(dc *docContext, st *sent, h int) []chronicle.ActorRef {
	var out []chronicle.ActorRef
	if a, ok := c.actorAt(dc, st, h); ok {
		out = append(out, a)
	}
	for _, k := range st.kids[h] {
		if st.rel(k) == "conj" {
			if a, ok := c.actorAt(dc, st, k); ok {
				out = append(out, a)
			}
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

// actorAt resolves one noun phrase.
func (c *Coder) actorAt(dc *docContext, st *sent, h int) (chronicle.ActorRef, bool) {
	t := st.tok(h)
	if kind, ok := pronouns[strings.ToLower(t.Text)]; ok {
		a, ok := dc.lastActor(st.i, t.Start, kind)
		if ok {
			a.Text, a.Start, a.End = t.Text, t.Start, t.End
		}
		return a, ok
	}
	lo, hi := st.phraseSpan(h)
	// An entity with an actor code on the head.
	if m := dc.entByTok[st.i]; m != nil {
		if ei, ok := m[h]; ok {
			e := dc.doc.Entities[ei]
			if e.Code != "" {
				// Prefer the whole phrase when the dictionary resolves it to a
				// more specific code ("Salvadoran police").
				if c.Actors != nil {
					if a, ok := c.Actors.Resolve(st.s, lo, hi, dc.doc.Date); ok && a.Code != "" && len(a.Code) > len(e.Code) {
						return a, true
					}
				}
				return chronicle.ActorRef{Text: e.Text, Name: e.Name, Code: e.Code, Country: e.Country,
					Sector: sectorOf(e.Code), Start: e.Start, End: e.End}, true
			}
		}
	}
	if c.Actors != nil {
		if a, ok := c.Actors.Resolve(st.s, lo, hi, dc.doc.Date); ok {
			if a.Text == "" {
				a.Text = dc.doc.Text[st.tok(lo).Start:st.tok(hi-1).End]
				a.Start, a.End = st.tok(lo).Start, st.tok(hi-1).End
			}
			return a, true
		}
	}
	// An entity with a code anywhere in the phrase ("officials from Iraq").
	if m := dc.entByTok[st.i]; m != nil {
		for i := lo; i < hi; i++ {
			if ei, ok := m[i]; ok && dc.doc.Entities[ei].Code != "" {
				e := dc.doc.Entities[ei]
				return chronicle.ActorRef{Text: e.Text, Name: e.Name, Code: e.Code, Country: e.Country, Sector: sectorOf(e.Code), Start: e.Start, End: e.End}, true
			}
		}
	}
	// An appositive ("Bukele, the president") or an "of" modifier.
	for _, k := range st.kids[h] {
		if st.rel(k) == "appos" {
			return c.actorAt(dc, st, k)
		}
	}
	return chronicle.ActorRef{}, false
}

// lastActor returns the most recent actor entity before byte offset pos of
// sentence si that fits a pronoun of the given kind.
func (dc *docContext) lastActor(si, pos int, kind string) (chronicle.ActorRef, bool) {
	for i := len(dc.doc.Entities) - 1; i >= 0; i-- {
		e := dc.doc.Entities[i]
		if e.Sentence > si || (e.Sentence == si && e.Start >= pos) || e.Code == "" {
			continue
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
		return chronicle.ActorRef{Name: e.Name, Code: e.Code, Country: e.Country, Sector: sectorOf(e.Code)}, true
	}
	return chronicle.ActorRef{}, false
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
