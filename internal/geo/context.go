package geo

import (
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

// evidence is what a document says about where it is: countries and admin
// areas, each with the strongest support and the mention key that gave it,
// and the strongest support from any other key, so that a name is never its
// own evidence.
type evidence struct {
	countries map[string]*support // alpha-3 -> support
	admins    map[string]*support // "US.GA" -> support
	// siblingAdmins are the countries of admin areas named in the same
	// sentence as the mention being scored.
	siblingAdmins []string
}

type support struct {
	best, second float64 // second: the best from a key other than bestKey
	bestKey      string
}

func newEvidence() *evidence {
	return &evidence{countries: map[string]*support{}, admins: map[string]*support{}}
}

func add(m map[string]*support, code, key string, w float64) {
	if code == "" {
		return
	}
	s := m[code]
	if s == nil {
		m[code] = &support{best: w, bestKey: key}
		return
	}
	switch {
	case key == s.bestKey:
		s.best = max(s.best, w)
	case w > s.best:
		s.second, s.best, s.bestKey = s.best, w, key
	default:
		s.second = max(s.second, w)
	}
}

// strength returns the strongest evidence for code from keys other than own.
func strength(m map[string]*support, code, own string) float64 {
	s := m[code]
	if s == nil {
		return 0
	}
	if s.bestKey != own {
		return s.best
	}
	return s.second
}

// smallTown is the population under which a place needs evidence of its
// admin area, not just its country, to beat a bigger namesake.
const smallTown = 50000

// Evidence strengths.
const (
	evStrong = 3.0 // a country named, a demonym, a resolved actor
	evWeak   = 2.0 // the country of a city resolved in a first pass
	evAdmin  = 2.0 // an admin area named or holding a resolved city
)

// resolve picks the best candidate of every mention in two passes: the
// first with the evidence that needs no resolution (country names,
// demonyms, actors' countries), the second adding what the first resolved.
func (g *Gazetteer) resolve(doc *chronicle.Document, ms []*mention) {
	hard := newEvidence()
	for _, e := range doc.Entities {
		switch e.Type {
		case chronicle.EntGPE, chronicle.EntLoc, chronicle.EntFac:
			// Their codes may come from a name the gazetteer resolves
			// differently; the mentions speak for themselves.
		default:
			if len(e.Country) == 3 {
				add(hard.countries, e.Country, "actor:"+e.Text, evStrong)
			}
		}
	}
	for si := range doc.Sentences {
		for _, t := range doc.Sentences[si].Tokens {
			if !startsUpper(t.Text) {
				continue
			}
			if c, ok := g.Demonym(t.Text); ok {
				add(hard.countries, c, "demonym:"+strings.ToLower(t.Text), evStrong)
			}
		}
	}
	for _, m := range ms {
		if c, ok := g.clearCountry(m); ok {
			add(hard.countries, c, m.key, evStrong)
		}
	}
	for _, m := range ms {
		g.score(doc, ms, m, hard)
	}
	soft := newEvidence()
	for code, sup := range hard.countries {
		c := *sup
		soft.countries[code] = &c
	}
	for _, m := range ms {
		if m.best < 0 || m.cands[m.best].ref.kind == nameAlt {
			continue // an alternate name is too weak a reading to lean on
		}
		e := &g.entries[m.cands[m.best].ref.id]
		switch e.feature {
		case FeatureCountry:
			add(soft.countries, e.country, m.key, evStrong)
		case FeatureAdmin1:
			add(soft.countries, e.country, m.key, evWeak)
			add(soft.admins, e.iso2+"."+e.admin1, m.key, evAdmin)
		case FeatureCity:
			add(soft.countries, e.country, m.key, evWeak)
			add(soft.admins, e.iso2+"."+e.admin1, m.key, evAdmin)
		}
	}
	// Coordinated names share a level: "from Ontario to Quebec" names two
	// provinces.
	for _, m := range ms {
		soft.siblingAdmins = nil
		for _, o := range ms {
			if o != m && o.sent == m.sent && o.key != m.key && o.best >= 0 {
				if e := &g.entries[o.cands[o.best].ref.id]; e.feature == FeatureAdmin1 {
					soft.siblingAdmins = append(soft.siblingAdmins, e.country)
				}
			}
		}
		g.score(doc, ms, m, soft)
	}
	// One sense per document: a name read the same way everywhere, as its
	// best-supported mention reads it (a qualified "Paris, Texas" wins).
	bestOf := map[string]*mention{}
	for _, m := range ms {
		if m.best < 0 {
			continue
		}
		if b, ok := bestOf[m.key]; !ok || m.cands[m.best].score > b.cands[b.best].score {
			bestOf[m.key] = m
		}
	}
	for _, m := range ms {
		b := bestOf[m.key]
		if b == nil || b == m || m.best < 0 {
			continue
		}
		want := b.cands[b.best].ref.id
		for i, c := range m.cands {
			if c.ref.id == want {
				m.best = i
			}
		}
	}
}

// clearCountry reports the country a mention names when it can only be that
// country ("El Salvador", "Russia"; not "Georgia").
func (g *Gazetteer) clearCountry(m *mention) (string, bool) {
	country := ""
	for _, c := range m.cands {
		e := &g.entries[c.ref.id]
		if e.feature == FeatureCountry {
			country = e.country
		}
	}
	if country == "" {
		return "", false
	}
	for _, c := range m.cands {
		e := &g.entries[c.ref.id]
		if e.feature != FeatureCountry && c.ref.kind == namePrimary && e.pop >= 50000 {
			return "", false // a real rival: the US state of Georgia, Mexico City is not one
		}
	}
	return country, true
}

// score scores every candidate of m with the given evidence and sets m.best.
func (g *Gazetteer) score(doc *chronicle.Document, ms []*mention, m *mention, ev *evidence) {
	m.best = -1
	var q *mention
	if m.qualifier >= 0 {
		q = ms[m.qualifier]
	}
	for i := range m.cands {
		c := &m.cands[i]
		e := &g.entries[c.ref.id]
		s := c.prior
		// A small town needs more than its country named: a text that
		// mentions the United States and Geneva means Switzerland.
		cs := strength(ev.countries, e.country, m.key)
		if e.feature == FeatureCity && e.pop < smallTown && e.code != "PPLC" {
			cs /= 6
		}
		s += cs
		if e.feature != FeatureCountry {
			if a := strength(ev.admins, e.iso2+"."+e.admin1, m.key); a > 0 {
				s += a
			}
		}
		// A neighbour named is weaker evidence than the country itself.
		if cid, ok := g.byISO3[e.country]; ok {
			for _, b := range g.entries[cid].borders {
				if strength(ev.countries, b, m.key) > 0 {
					s += 1
					break
				}
			}
		}
		switch m.cue {
		case cueAdmin:
			if e.feature == FeatureAdmin1 {
				s += 5
			}
		case cueCity:
			switch e.feature {
			case FeatureCity:
				s += 3
			case FeatureCountry:
				s -= 3
			}
		}
		if e.feature == FeatureAdmin1 {
			for _, c := range ev.siblingAdmins {
				if c == e.country {
					s += 2.5
					break
				}
			}
		}
		if e.feature == FeatureAdmin1 && m.cue != cueAdmin && g.sameNameCity(m, e) {
			s -= 2.5 // "New York" is the city unless the text says state
		}
		if q != nil {
			if g.qualifies(q, e) {
				s += 8
			} else {
				s -= 4
			}
		}
		c.score = s
		if m.best < 0 || s > m.cands[m.best].score {
			m.best = i
		}
	}
}

// sameNameCity reports whether a big city inside admin area a has the
// mention's name.
func (g *Gazetteer) sameNameCity(m *mention, a *entry) bool {
	for _, c := range m.cands {
		e := &g.entries[c.ref.id]
		if e.feature == FeatureCity && e.iso2 == a.iso2 && e.admin1 == a.admin1 && e.pop >= 100000 {
			return true
		}
	}
	return false
}

// qualifies reports whether qualifier mention q ("Texas" in "Paris, Texas")
// contains entry e.
func (g *Gazetteer) qualifies(q *mention, e *entry) bool {
	if st := abbrevState(q.text); st != "" && len(q.cands) == 0 {
		return e.iso2 == "US" && e.admin1 == st
	}
	for _, c := range q.cands {
		qe := &g.entries[c.ref.id]
		switch qe.feature {
		case FeatureCountry:
			if qe.country == e.country && e.feature != FeatureCountry {
				return true
			}
		case FeatureAdmin1:
			if qe.iso2 == e.iso2 && qe.admin1 == e.admin1 && e.feature == FeatureCity {
				return true
			}
		}
	}
	return false
}
