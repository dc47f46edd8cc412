package nlp

import (
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

// Helpers for reading a parsed sentence. Token indexes are 0-based; a
// Token's Head is 1-based with 0 for the root, as in CoNLL-U.

// Root returns the index of the sentence's root token, or -1.
func Root(s *chronicle.Sentence) int {
	for i, t := range s.Tokens {
		if t.Head == 0 {
			return i
		}
	}
	return -1
}

// HeadOf returns the index of token i's head, or -1 for the root or an
// unparsed token.
func HeadOf(s *chronicle.Sentence, i int) int {
	if i < 0 || i >= len(s.Tokens) {
		return -1
	}
	h := s.Tokens[i].Head
	if h <= 0 || h > len(s.Tokens) {
		return -1
	}
	return h - 1
}

// baseRel returns the relation without its subtype ("nsubj:pass" -> "nsubj").
func baseRel(rel string) string {
	b, _, _ := strings.Cut(rel, ":")
	return b
}

// Children returns the indexes of the tokens whose head is token i whose
// relation (or its base, before ":") is one of rels; all children when rels
// is empty.
func Children(s *chronicle.Sentence, i int, rels ...string) []int {
	var out []int
	for j, t := range s.Tokens {
		if t.Head != i+1 {
			continue
		}
		if len(rels) == 0 || hasRel(t.DepRel, rels) {
			out = append(out, j)
		}
	}
	return out
}

func hasRel(rel string, rels []string) bool {
	for _, r := range rels {
		if rel == r || baseRel(rel) == r {
			return true
		}
	}
	return false
}

// Child returns the first child of token i with one of rels, or -1.
func Child(s *chronicle.Sentence, i int, rels ...string) int {
	if c := Children(s, i, rels...); len(c) > 0 {
		return c[0]
	}
	return -1
}

// Subject returns the subject of a verb or predicate: its nsubj or
// nsubj:pass (csubj too), or, for an xcomp or conj without one, the subject
// of the governing verb ("agreed to hold": hold's subject is agreed's).
func Subject(s *chronicle.Sentence, pred int) int {
	for steps := 0; pred >= 0 && steps < len(s.Tokens); steps++ {
		if c := Child(s, pred, "nsubj", "csubj"); c >= 0 {
			return c
		}
		rel := baseRel(s.Tokens[pred].DepRel)
		if rel != "xcomp" && rel != "conj" {
			return -1
		}
		pred = HeadOf(s, pred)
	}
	return -1
}

// IsPassive reports whether the predicate has a passive subject or
// auxiliary.
func IsPassive(s *chronicle.Sentence, pred int) bool {
	for _, c := range Children(s, pred) {
		switch s.Tokens[c].DepRel {
		case "nsubj:pass", "aux:pass", "csubj:pass":
			return true
		}
	}
	return false
}

// Object returns the direct object of the predicate (obj), or -1.
func Object(s *chronicle.Sentence, pred int) int { return Child(s, pred, "obj") }

// Oblique is an oblique dependent with its case marker ("in", "with").
type Oblique struct {
	Token int    // index of the oblique's head word
	Case  string // lower-cased case marker, or ""
}

// Obliques returns the predicate's obl dependents with their prepositions.
func Obliques(s *chronicle.Sentence, pred int) []Oblique {
	var out []Oblique
	for _, c := range Children(s, pred, "obl") {
		o := Oblique{Token: c}
		if m := Child(s, c, "case"); m >= 0 {
			o.Case = strings.ToLower(s.Tokens[m].Text)
		}
		out = append(out, o)
	}
	return out
}

// Agent returns the "by" agent of a passive predicate (obl:agent, or an
// obl marked by "by"), or -1.
func Agent(s *chronicle.Sentence, pred int) int {
	if c := Child(s, pred, "obl:agent"); c >= 0 && s.Tokens[c].DepRel == "obl:agent" {
		return c
	}
	if !IsPassive(s, pred) {
		return -1
	}
	for _, o := range Obliques(s, pred) {
		if o.Case == "by" {
			return o.Token
		}
	}
	return -1
}

// Conjuncts returns token i followed by the tokens joined to it by conj,
// transitively ("Iraq, Syria and Iran").
func Conjuncts(s *chronicle.Sentence, i int) []int {
	out := []int{i}
	for k := 0; k < len(out) && k < len(s.Tokens); k++ {
		out = append(out, Children(s, out[k], "conj")...)
	}
	return out
}

// Appositions returns the appos dependents of token i ("Fuad Hussein, the
// foreign minister").
func Appositions(s *chronicle.Sentence, i int) []int { return Children(s, i, "appos") }

// Subtree returns the first and last token index (inclusive) of the
// subtree headed by token i.
func Subtree(s *chronicle.Sentence, i int) (first, last int) {
	first, last = i, i
	in := make([]bool, len(s.Tokens))
	in[i] = true
	for changed := true; changed; {
		changed = false
		for j, t := range s.Tokens {
			if !in[j] && t.Head > 0 && t.Head <= len(s.Tokens) && in[t.Head-1] {
				in[j] = true
				changed = true
				first, last = min(first, j), max(last, j)
			}
		}
	}
	return first, last
}
