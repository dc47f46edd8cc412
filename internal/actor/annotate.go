package actor

import (
	"context"
	"sort"
	"strings"
	"unicode"

	chronicle "github.com/chronicle-news/chronicle"
)

// Annotate resolves doc.Entities to actors (Name, Code, Country) as of the
// document's date, and adds entities for dictionary actors the recogniser
// missed. A short name ("Bukele") later in the document takes the actor of
// the full name ("Nayib Bukele") mentioned earlier.
func (d *Dictionary) Annotate(ctx context.Context, doc *chronicle.Document) error {
	if d == nil || doc == nil {
		return nil
	}
	date := normDate(doc.Date)
	// Surname (lower key) -> the person named in full earlier.
	bySurname := map[string]known{}
	covered := make([][]bool, len(doc.Sentences))
	for si := range doc.Sentences {
		covered[si] = make([]bool, len(doc.Sentences[si].Tokens))
	}
	// Entities grouped by sentence, in order.
	bySent := make([][]int, len(doc.Sentences))
	for i, e := range doc.Entities {
		if e.Sentence >= 0 && e.Sentence < len(doc.Sentences) {
			bySent[e.Sentence] = append(bySent[e.Sentence], i)
			toks := doc.Sentences[e.Sentence].Tokens
			for k := e.TokStart; k < e.TokEnd && k < len(toks); k++ {
				if k >= 0 {
					covered[e.Sentence][k] = true
				}
			}
		}
	}
	var added []chronicle.Entity
	for si := range doc.Sentences {
		if err := ctx.Err(); err != nil {
			return err
		}
		s := &doc.Sentences[si]
		toks := s.Tokens
		lower, cased := tokKeys(toks)
		// The recogniser's entities and the missed names, handled in token
		// order so that a person named in full is remembered before a later
		// short name.
		type item struct {
			ent   int // index into doc.Entities, or -1
			match Match
		}
		var items []item
		for _, ei := range bySent[si] {
			items = append(items, item{ent: ei})
		}
		inMatch := make([]bool, len(toks))
		for _, m := range d.Matches(toks, 0, len(toks)) {
			for k := m.Start; k < m.End; k++ {
				inMatch[k] = true
			}
			if m.Kind == KindAgent {
				continue
			}
			free := true
			for k := m.Start; k < m.End; k++ {
				if covered[si][k] {
					free = false
				}
			}
			if free {
				items = append(items, item{ent: -1, match: m})
			}
		}
		// Short names of people named earlier in the document.
		for i := range toks {
			if covered[si][i] || inMatch[i] || !startsUpper(toks[i].Text) || cased[i] == lower[i] {
				continue
			}
			k, ok := bySurname[lower[i]]
			if !ok {
				continue
			}
			a := k.actor
			if a == nil {
				// A person outside the dictionary: keep the name only.
				a = &Actor{Name: k.name, Kind: KindPerson, Country: k.country, Roles: []Role{{Code: k.code}}}
			}
			items = append(items, item{ent: -1, match: Match{Start: i, End: i + 1, Kind: KindPerson, Actor: a}})
		}
		sort.SliceStable(items, func(a, b int) bool {
			return itemStart(doc, items[a].ent, items[a].match) < itemStart(doc, items[b].ent, items[b].match)
		})
		for _, it := range items {
			if it.ent < 0 {
				m := it.match
				e := chronicle.Entity{
					Type:     entityType(m.Kind),
					Start:    toks[m.Start].Start,
					End:      toks[m.End-1].End,
					Sentence: si,
					TokStart: m.Start,
					TokEnd:   m.End,
				}
				e.Text = spanOf(doc.Text, e.Start, e.End, toks, m.Start, m.End)
				d.setEntity(&e, m.Actor, m.Kind, date)
				added = append(added, e)
				if m.Kind == KindPerson {
					remember(bySurname, e, m.Actor)
				}
				continue
			}
			e := &doc.Entities[it.ent]
			if e.TokStart < 0 || e.TokEnd > len(toks) || e.TokStart >= e.TokEnd {
				continue
			}
			d.resolveEntity(e, s, date, func(key string) (*Actor, string, string, string, bool) {
				k, ok := bySurname[key]
				return k.actor, k.name, k.code, k.country, ok
			})
			if e.Type == chronicle.EntPerson {
				// The dictionary person inside the entity, if exactly one.
				var a *Actor
				for _, m := range d.Matches(toks, e.TokStart, e.TokEnd) {
					if m.Kind == KindPerson {
						if a != nil && a != m.Actor {
							a = nil
							break
						}
						a = m.Actor
					}
				}
				remember(bySurname, *e, a)
			}
		}
	}
	if len(added) > 0 {
		doc.Entities = append(doc.Entities, added...)
		sort.SliceStable(doc.Entities, func(a, b int) bool {
			x, y := doc.Entities[a], doc.Entities[b]
			if x.Sentence != y.Sentence {
				return x.Sentence < y.Sentence
			}
			return x.Start < y.Start
		})
	}
	return nil
}

func itemStart(doc *chronicle.Document, ent int, m Match) int {
	if ent >= 0 {
		return doc.Entities[ent].TokStart
	}
	return m.Start
}

func startsUpper(s string) bool {
	r := firstLetter(s)
	return r != 0 && unicode.IsUpper(r)
}

// known is a person named in full earlier in a document.
type known struct {
	name    string
	actor   *Actor // nil for a person outside the dictionary
	code    string
	country string
}

// remember records a multi-word person name under its surname.
func remember(m map[string]known, e chronicle.Entity, a *Actor) {
	ws := strings.Fields(e.Text)
	if len(ws) < 2 {
		return
	}
	last := lowerKey(ws[len(ws)-1])
	if last == "" {
		return
	}
	name := e.Name
	if name == "" {
		name = e.Text
	}
	m[last] = known{name: name, actor: a, code: e.Code, country: e.Country}
}

// resolveEntity sets an existing entity's Name, Code and Country.
func (d *Dictionary) resolveEntity(e *chronicle.Entity, s *chronicle.Sentence, date string,
	surname func(string) (*Actor, string, string, string, bool)) {
	toks := s.Tokens
	ms := d.Matches(toks, e.TokStart, e.TokEnd)
	// The whole span is one name.
	if len(ms) == 1 && ms[0].Start == e.TokStart && ms[0].End == e.TokEnd && ms[0].Kind != KindAgent {
		d.setEntity(e, ms[0].Actor, ms[0].Kind, date)
		return
	}
	// A single unknown word that is the surname of a person named earlier.
	if e.Type == chronicle.EntPerson || e.TokEnd-e.TokStart == 1 {
		last := e.TokEnd - 1
		for last > e.TokStart && !hasLetter(toks[last].Text) {
			last--
		}
		if e.TokEnd-e.TokStart <= 2 {
			if a, name, code, country, ok := surname(lowerKey(toks[last].Text)); ok {
				if a != nil {
					d.setEntity(e, a, KindPerson, date)
				} else {
					e.Name, e.Code, e.Country = name, code, country
				}
				return
			}
		}
	}
	if len(ms) == 0 {
		return
	}
	if r, ok := d.ResolveMatch(s, e.TokStart, e.TokEnd, date); ok {
		if r.Kind == KindAgent && r.Country == "" {
			return // a bare agent word inside a name says little
		}
		e.Name, e.Code, e.Country = r.Name, r.Code, r.Country
	}
}

// setEntity fills an entity from a named actor.
func (d *Dictionary) setEntity(e *chronicle.Entity, a *Actor, kind, date string) {
	if a == nil {
		return
	}
	e.Name = a.Name
	e.Code = a.CodeAt(date)
	e.Country = a.Country
	if e.Country == "" {
		e.Country = d.countryOf(e.Code)
	}
	if kind == KindAdj || kind == KindCountry {
		if c := d.countries[a.Country]; c != nil {
			e.Name = c.Name
		}
	}
}

// entityType maps a match kind to an entity type.
func entityType(kind string) string {
	switch kind {
	case KindPerson:
		return chronicle.EntPerson
	case KindCountry, KindCapital:
		return chronicle.EntGPE
	case KindAdj:
		return chronicle.EntNORP
	}
	return chronicle.EntOrg
}

// spanOf returns text[start:end] when the offsets are valid, else the tokens'
// text.
func spanOf(text string, start, end int, toks []chronicle.Token, a, b int) string {
	if start >= 0 && end <= len(text) && start < end {
		return text[start:end]
	}
	return phraseText(toks, a, b)
}
