package geo

import (
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

// locativePreps are the prepositions that put an event at a place.
func locativePrep(w string) bool {
	switch strings.ToLower(w) {
	case "in", "at", "near", "outside", "inside", "across", "throughout", "around", "within", "through",
		"into", "to", "on", "toward", "towards":
		return true
	}
	return false
}

// strongLocative reports the prepositions that say where something happens
// rather than where it goes.
func strongLocative(w string) bool {
	switch strings.ToLower(w) {
	case "in", "at", "near", "outside", "inside", "across", "throughout", "around", "within", "through":
		return true
	}
	return false
}

// EventLocation returns the place where the event triggered at token trigger
// of sentence sent happened, or nil. It prefers a place phrase attached to
// the trigger ("arrived in San Salvador", "a meeting in Brasília", "in the
// northern city of Irbil"), through the dependency parse when the sentence
// has one and else the nearest "in/at/near PLACE" after the trigger; then a
// place elsewhere in the sentence; then the document's dateline ("KYIV,
// Ukraine —"). Call it after Annotate. The result is a copy.
func (g *Gazetteer) EventLocation(doc *chronicle.Document, sent, trigger int) *chronicle.Place {
	if doc == nil || sent < 0 || sent >= len(doc.Sentences) {
		return nil
	}
	s := &doc.Sentences[sent]
	if trigger < 0 || trigger >= len(s.Tokens) {
		return g.dateline(doc)
	}
	var inSent []int // indices into doc.Places
	dl := datelineEnd(doc)
	for i := range doc.Places {
		if doc.Places[i].Sentence == sent && doc.Places[i].Start >= dl && !isQualifier(doc, i) {
			inSent = append(inSent, i)
		}
	}
	if p := g.byParse(doc, s, trigger, inSent); p != nil {
		return p
	}
	if p := bySurface(doc, s, trigger, inSent); p != nil {
		return p
	}
	if hostVerb(s.Tokens[trigger]) {
		// "San José hosted a summit": the host is the place.
		for k := len(inSent) - 1; k >= 0; k-- {
			p := &doc.Places[inSent[k]]
			if p.End <= s.Tokens[trigger].Start && p.Resolution != ResolutionUnknown {
				c := *p
				return &c
			}
		}
	}
	// A place elsewhere in the sentence: the nearest after the trigger,
	// else the nearest before it; resolved places first.
	var best *chronicle.Place
	bestDist := 1 << 30
	for _, unknownOK := range []bool{false, true} {
		for _, i := range inSent {
			p := &doc.Places[i]
			if (p.Resolution == ResolutionUnknown) != unknownOK || modifiesNoun(s, p) {
				continue
			}
			d := p.Start - s.Tokens[trigger].End
			if d < 0 {
				d = -d + 1<<20 // before the trigger: only when nothing follows
			}
			if d < bestDist {
				best, bestDist = p, d
			}
		}
		if best != nil {
			c := *best
			return &c
		}
	}
	return g.dateline(doc)
}

// modifiesNoun reports whether the place only modifies a noun ("U.S.
// officials", "Honduran police", "Kenya's government"): it names who, not
// where.
func modifiesNoun(s *chronicle.Sentence, p *chronicle.Place) bool {
	lo, hi := placeTokens(s, p)
	if lo < 0 || hi <= lo || hi > len(s.Tokens) {
		return false
	}
	last := s.Tokens[hi-1]
	if last.Head >= 0 {
		switch last.DepRel {
		case "compound", "amod", "nmod:poss", "det:poss":
			return last.Head-1 >= hi
		}
		return false
	}
	return hi < len(s.Tokens) && (s.Tokens[hi].UPOS == "NOUN" || s.Tokens[hi].Text == "'s" || s.Tokens[hi].Text == "’s")
}

// datelineEnd returns the byte offset where the document's dateline ends
// (the dash after "KYIV, Ukraine"), or 0 when the text has no dateline: a
// run of capitalised words, commas and an agency name in parentheses
// before a dash at the very start.
func datelineEnd(doc *chronicle.Document) int {
	if len(doc.Sentences) == 0 {
		return 0
	}
	head := doc.Text[:min(len(doc.Text), 120)]
	cut := -1
	for _, d := range []string{" — ", " – ", " - ", " -- ", "—", " (", ":"} {
		if i := strings.Index(head, d); i > 0 && (cut < 0 || i < cut) {
			cut = i
		}
	}
	if cut < 0 {
		return 0
	}
	first := strings.TrimLeft(head[:cut], " \t\r\n")
	if first == "" || !startsUpper(first) {
		return 0
	}
	for _, w := range strings.Fields(strings.ReplaceAll(first, ",", " ")) {
		if !startsUpper(w) {
			return 0 // a sentence, not a dateline
		}
	}
	return cut
}

// placeTokens returns the token range of a place in sentence s.
func placeTokens(s *chronicle.Sentence, p *chronicle.Place) (int, int) {
	return tokenRange(s, p.Start, p.End)
}

// byParse finds a place whose head chain reaches the trigger through
// obl/nmod (or obj) with a locative preposition on the way.
func (g *Gazetteer) byParse(doc *chronicle.Document, s *chronicle.Sentence, trigger int, inSent []int) *chronicle.Place {
	toks := s.Tokens
	parsed := false
	for _, t := range toks {
		if t.Head >= 0 {
			parsed = true
		} else {
			return nil // partly parsed: do not trust it
		}
	}
	if !parsed {
		return nil
	}
	var best *chronicle.Place
	bestRank := 1 << 30
	for _, pi := range inSent {
		p := &doc.Places[pi]
		ts, te := placeTokens(s, p)
		if ts < 0 {
			continue
		}
		// The place's head: the token whose head lies outside the span.
		h := -1
		for k := ts; k < te; k++ {
			hd := toks[k].Head - 1
			if hd < ts || hd >= te {
				h = k
				break
			}
		}
		if h < 0 {
			continue
		}
		prep := ""
		cur := h
		for steps := 0; steps < 6 && cur >= 0; steps++ {
			c := caseMarker(toks, cur)
			if c != "" && prep == "" && locativePrep(c) {
				prep = c // "in" of "in the northern city of Irbil"
			}
			hd := toks[cur].Head - 1
			if hd == trigger {
				if c != "" {
					prep = c // the preposition that attaches the phrase decides
				}
				rel := toks[cur].DepRel
				ok := false
				switch {
				case strings.HasPrefix(rel, "obl"), strings.HasPrefix(rel, "nmod"), rel == "advmod":
					ok = prep != "" && locativePrep(prep)
				case rel == "obj" || rel == "nsubj:pass":
					ok = prep == "" && visitVerb(toks[trigger]) // "visited Kyiv"
				}
				if ok {
					rank := steps * 4
					if !strongLocative(prep) {
						rank += 2
					}
					if p.Resolution == ResolutionUnknown {
						rank++
					}
					if rank < bestRank {
						best, bestRank = p, rank
					}
				}
				break
			}
			if hd < 0 {
				break
			}
			// Climb only through the noun phrase and its modifiers: "the
			// northern city of Irbil" -> city; not across clauses.
			switch rel := toks[cur].DepRel; {
			case strings.HasPrefix(rel, "nmod"), rel == "appos", rel == "compound", rel == "flat", strings.HasPrefix(rel, "conj"), rel == "obl", strings.HasPrefix(rel, "obl:"):
			default:
				hd = -1
			}
			if hd < 0 {
				break
			}
			cur = hd
		}
	}
	if best == nil {
		return nil
	}
	c := *best
	return &c
}

// caseMarker returns the preposition attached to token i (deprel case).
func caseMarker(toks []chronicle.Token, i int) string {
	for k, t := range toks {
		if t.Head-1 == i && t.DepRel == "case" && k != i {
			return strings.ToLower(t.Text)
		}
	}
	return ""
}

// isQualifier reports whether place i only qualifies the place before it:
// "Texas" in "Paris, Texas".
func isQualifier(doc *chronicle.Document, i int) bool {
	if i == 0 {
		return false
	}
	p, prev := &doc.Places[i], &doc.Places[i-1]
	if prev.Sentence != p.Sentence || prev.End > p.Start || prev.Resolution == ResolutionUnknown {
		return false
	}
	if p.Feature != FeatureCountry && p.Feature != FeatureAdmin1 {
		return false
	}
	return strings.TrimSpace(doc.Text[prev.End:p.Start]) == ","
}

func hostVerb(t chronicle.Token) bool {
	l := strings.ToLower(t.Lemma)
	if l == "" {
		l = strings.ToLower(t.Text)
	}
	return strings.HasPrefix(l, "host")
}

func visitVerb(t chronicle.Token) bool {
	l := strings.ToLower(t.Lemma)
	if l == "" {
		l = strings.ToLower(t.Text)
	}
	for _, v := range []string{"visit", "tour", "bomb", "shell", "raid", "storm", "strike", "struck", "hit", "invade", "enter", "occupy", "capture", "seize"} {
		if strings.HasPrefix(l, v) {
			return true
		}
	}
	return false
}

// bySurface finds the nearest place after the trigger introduced by a
// locative preposition, allowing a short noun phrase in between ("in the
// northern city of Irbil"); else the nearest such place before it.
func bySurface(doc *chronicle.Document, s *chronicle.Sentence, trigger int, inSent []int) *chronicle.Place {
	toks := s.Tokens
	var best *chronicle.Place
	bestRank := 1 << 30
	for _, pi := range inSent {
		p := &doc.Places[pi]
		ts, _ := placeTokens(s, p)
		if ts < 0 || ts == trigger {
			continue
		}
		prep := ""
		for k := ts - 1; k >= 0 && k >= ts-7; k-- {
			w := toks[k].Text
			lw := strings.ToLower(w)
			if locativePrep(lw) {
				prep = lw
				break
			}
			if k == trigger {
				// "visited Kyiv", "shelled the town of Kupiansk".
				if visitVerb(toks[trigger]) {
					prep = "at"
				}
				break
			}
			if !phraseWord(w) {
				break
			}
		}
		if prep == "" {
			continue
		}
		// Nearest first, after the trigger before before it, and "in" or
		// "at" before "to" or "on".
		var rank int
		if ts > trigger {
			rank = (ts - trigger) * 2
		} else {
			if !strongLocative(prep) {
				continue
			}
			rank = (trigger-ts)*2 + 3
		}
		if !strongLocative(prep) {
			rank += 7
		}
		if p.Resolution == ResolutionUnknown {
			rank++
		}
		if rank < bestRank {
			best, bestRank = p, rank
		}
	}
	if best == nil {
		return nil
	}
	c := *best
	return &c
}

// phraseWord reports words that may stand between a preposition and a
// place name: articles, adjectives and nouns in lower case, "of",
// possessives and commas inside an apposition are not.
func phraseWord(w string) bool {
	if w == "" || w == "," || w == "." || w == ";" || w == ":" || w == "—" || w == "–" || w == "\"" || w == "“" || w == "”" {
		return false
	}
	if w == "'s" || w == "’s" || w == "-" {
		return true
	}
	lw := strings.ToLower(w)
	switch lw {
	case "and", "or", "but", "that", "which", "who", "after", "before", "when", "while", "said", "says", "with", "from", "by", "for", "as", "was", "were", "is", "are", "will", "has", "have", "had":
		return false
	}
	return isWordToken(w)
}

// dateline returns the place of the document's dateline: the place names
// at the very start of the text before a dash ("KYIV, Ukraine — ...",
// "SAN SALVADOR (Reuters) - ..."), the first of them.
func (g *Gazetteer) dateline(doc *chronicle.Document) *chronicle.Place {
	cut := datelineEnd(doc)
	if cut <= 0 {
		return nil
	}
	var best *chronicle.Place
	for i := range doc.Places {
		p := &doc.Places[i]
		if p.Start >= cut || p.Sentence != 0 {
			continue
		}
		if best == nil || (best.Resolution == ResolutionUnknown && p.Resolution != ResolutionUnknown) {
			best = p
		}
		if best.Resolution != ResolutionUnknown {
			break
		}
	}
	if best == nil {
		return nil
	}
	// The dateline place must open the text.
	if strings.TrimLeft(doc.Text[:best.Start], " \t\r\n") != "" {
		return nil
	}
	c := *best
	return &c
}
