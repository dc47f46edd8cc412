package geo

import (
	"strings"
	"sync"
)

// looseIndex finds names by a coarse spelling key, for transliterations
// the gazetteer does not list ("Hodeidah" for "Hodeida"). It is built on
// first use: most documents never need it.
type looseIndex struct {
	once sync.Once
	m    map[string][]int32
}

// looseMinPop is the smallest population of a place found by loose
// spelling: small places with similar names would be noise.
const looseMinPop = 100000

// looseKey returns a coarse spelling key of a lookup key: articles "al" and
// "el" dropped, "h" after the first letter of a word dropped, "y" read as
// "i", "ou" as "u", doubled letters single.
func looseKey(k string) string {
	for _, a := range []string{"al ", "el ", "ad ", "ar ", "as ", "at ", "an "} {
		k = strings.TrimPrefix(k, a)
	}
	var b strings.Builder
	var prev rune
	wordStart := true
	for _, r := range strings.ReplaceAll(k, "ou", "u") {
		if r == ' ' || r == '\'' {
			wordStart = true
			prev = 0
			continue
		}
		if r == 'h' && !wordStart {
			continue
		}
		if r == 'y' {
			r = 'i'
		}
		if r == prev {
			continue
		}
		b.WriteRune(r)
		prev = r
		wordStart = false
	}
	return b.String()
}

func (g *Gazetteer) looseLookup(key string) []cand {
	g.loose.once.Do(func() {
		m := map[string][]int32{}
		for k, head := range g.names {
			for i := head; i >= 0; i = g.refs[i].next {
				e := &g.entries[g.refs[i].id]
				if e.feature == FeatureCity && e.pop < looseMinPop {
					continue
				}
				lk := looseKey(k)
				if len(lk) < 4 {
					continue
				}
				ids := m[lk]
				dup := false
				for _, id := range ids {
					dup = dup || id == g.refs[i].id
				}
				if !dup {
					m[lk] = append(ids, g.refs[i].id)
				}
			}
		}
		g.loose.m = m
	})
	var out []cand
	for _, id := range g.loose.m[looseKey(key)] {
		r := nameRef{id: id, kind: nameAlt}
		out = append(out, cand{ref: r, prior: g.priorScore(r)})
	}
	return out
}
