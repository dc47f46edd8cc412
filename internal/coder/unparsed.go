package coder

import (
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

// codeUnparsed codes a sentence that has no dependency parse by word order:
// the nearest actor before a trigger verb is the source, the nearest after it
// the target.
func (c *Coder) codeUnparsed(dc *docContext, st *sent) []chronicle.Event {
	var out []chronicle.Event
	toks := st.s.Tokens
	type actorPos struct {
		tok int
		ref chronicle.ActorRef
	}
	var actors []actorPos
	for _, e := range dc.doc.Entities {
		if e.Sentence == st.i && e.Code != "" {
			actors = append(actors, actorPos{e.TokStart, chronicle.ActorRef{Text: e.Text, Name: e.Name, Code: e.Code, Country: e.Country, Sector: sectorOf(e.Code), Start: e.Start, End: e.End}})
		}
	}
	for i := range toks {
		lem := lemma(&toks[i])
		e := c.Verbs.Verb(lem)
		if e == nil {
			continue
		}
		var src, tgt *chronicle.ActorRef
		for _, a := range actors {
			a := a
			if a.tok < i {
				src = &a.ref
			} else if tgt == nil && a.tok > i {
				tgt = &a.ref
			}
		}
		if src == nil || (tgt == nil && !e.NoTarget) {
			c.tracef("sentence %d: %q: no parse, and no actor on both sides", st.i, toks[i].Text)
			continue
		}
		fact := chronicle.FactOccurred
		for j := i - 1; j >= 0 && j >= i-4; j-- {
			w := strings.ToLower(toks[j].Text)
			switch w {
			case "not", "n't", "never":
				fact = chronicle.FactNegated
			case "will", "to":
				if fact == chronicle.FactOccurred {
					fact = chronicle.FactPlanned
				}
			case "could", "would", "might", "may":
				fact = chronicle.FactHypothetical
			}
		}
		code := e.Code
		if fact == chronicle.FactPlanned {
			code = intentCode(code)
		}
		cd, ok := c.Verbs.Lookup(code)
		if !ok {
			continue
		}
		date, dateText := c.eventDate(dc, st, i)
		if date == "" && fact == chronicle.FactOccurred {
			date = dc.doc.Date
		}
		ev := chronicle.Event{Sentence: st.i, Start: st.s.Start, End: st.s.End,
			Trigger: &chronicle.Span{Sentence: st.i, Start: toks[i].Start, End: toks[i].End, Text: toks[i].Text},
			PLOVER:  cd.PLOVER, Mode: cd.Mode, CAMEO: code, Quad: Quad(code), Goldstein: cd.Goldstein,
			Source: src, Target: tgt, Date: date, DateText: dateText, Factuality: fact,
			Rule: "order:" + lem + "/" + code}
		ev.Confidence = confidence(false, &ev, fact)
		ev.ID = eventID(dc.doc.ID, st.i, toks[i].Start, code, src.Code, "")
		out = append(out, ev)
	}
	return out
}
