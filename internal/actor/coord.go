package actor

import (
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

// ResolveAll resolves a noun phrase that may name several actors: a list of
// names joined by commas, "and" or "or" gives one reference each, sharing
// the phrase's head agent ("Salvadoran and Guatemalan officials" -> SLVGOV,
// GTMGOV; "lawmakers in Fornost and Gondor" -> FORLEG, GONLEG), and a
// PETRARCH compound code "A/B" gives one reference per code. Otherwise it
// returns Resolve's single reference, or nothing.
func (d *Dictionary) ResolveAll(s *chronicle.Sentence, start, end int, date string) []chronicle.ActorRef {
	if d == nil || s == nil {
		return nil
	}
	if start < 0 {
		start = 0
	}
	if end > len(s.Tokens) {
		end = len(s.Tokens)
	}
	toks := s.Tokens
	ms := d.Matches(toks, start, end)
	var out []chronicle.ActorRef
	if list := conjuncts(toks, ms); len(list) >= 2 {
		// The head agent: the last agent outside the list.
		var head *Match
		for i := len(ms) - 1; i >= 0; i-- {
			if ms[i].Kind == KindAgent && (ms[i].End <= list[0].Start || ms[i].Start >= list[len(list)-1].End) {
				head = &ms[i]
				break
			}
		}
		for _, m := range list {
			var r chronicle.ActorRef
			ok := false
			if head != nil {
				// Resolve "MEMBER AGENT" as if it were written so.
				syn := &chronicle.Sentence{Tokens: append(append([]chronicle.Token{}, toks[m.Start:m.End]...), toks[head.Start:head.End]...)}
				former := false
				for k := start; k < head.Start; k++ {
					if w := strings.ToLower(toks[k].Text); w == "former" || strings.HasPrefix(w, "ex-") {
						former = true
					}
				}
				if former {
					syn.Tokens = append([]chronicle.Token{{Text: "former"}}, syn.Tokens...)
				}
				r, ok = d.Resolve(syn, 0, len(syn.Tokens), date)
			} else {
				r, ok = d.Resolve(s, m.Start, m.End, date)
			}
			if !ok {
				continue
			}
			r.Text = phraseText(toks, m.Start, m.End)
			r.Start, r.End = toks[m.Start].Start, toks[m.End-1].End
			out = append(out, splitCompound(r)...)
		}
		if len(out) > 0 {
			return out
		}
	}
	if r, ok := d.Resolve(s, start, end, date); ok {
		return splitCompound(r)
	}
	return nil
}

// conjuncts returns the longest run of named matches (people, organisations,
// countries, nationalities, capitals) joined only by commas, "and", "or",
// "&" and "the".
func conjuncts(toks []chronicle.Token, ms []Match) []Match {
	var best, cur []Match
	for i, m := range ms {
		if m.Kind == KindAgent {
			if len(cur) > len(best) {
				best = cur
			}
			cur = nil
			continue
		}
		if len(cur) > 0 {
			prev := cur[len(cur)-1]
			joined := true
			sawJoiner := false
			for k := prev.End; k < m.Start; k++ {
				switch strings.ToLower(toks[k].Text) {
				case ",", "and", "or", "&":
					sawJoiner = true
				case "the":
				default:
					joined = false
				}
			}
			if !joined || !sawJoiner {
				if len(cur) > len(best) {
					best = cur
				}
				cur = nil
			}
		}
		cur = append(cur, ms[i])
	}
	if len(cur) > len(best) {
		best = cur
	}
	return best
}

// splitCompound turns a reference with a compound code "A/B" into one
// reference per code.
func splitCompound(r chronicle.ActorRef) []chronicle.ActorRef {
	if !strings.Contains(r.Code, "/") {
		return []chronicle.ActorRef{r}
	}
	var out []chronicle.ActorRef
	for _, c := range strings.Split(r.Code, "/") {
		if c = strings.TrimSpace(c); c != "" {
			x := r
			x.Code = c
			out = append(out, x)
		}
	}
	return out
}
