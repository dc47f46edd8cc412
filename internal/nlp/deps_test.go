package nlp

import (
	"reflect"
	"strings"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
)

// parsed builds a sentence from "word/head/rel" items.
func parsed(spec string) *chronicle.Sentence {
	s := &chronicle.Sentence{}
	for _, item := range strings.Fields(spec) {
		p := strings.Split(item, "/")
		h := 0
		for _, c := range p[1] {
			h = h*10 + int(c-'0')
		}
		s.Tokens = append(s.Tokens, chronicle.Token{Text: p[0], Head: h, DepRel: p[2]})
	}
	return s
}

func TestDependencyHelpers(t *testing.T) {
	// Invented: "Officials said the men were detained by police in Lima and released"
	s := parsed("Officials/2/nsubj said/0/root the/4/det men/6/nsubj:pass were/6/aux:pass detained/2/ccomp " +
		"by/8/case police/6/obl:agent in/10/case Lima/6/obl and/12/cc released/6/conj")
	if got := Root(s); got != 1 {
		t.Errorf("Root = %d", got)
	}
	if got := Subject(s, 1); got != 0 {
		t.Errorf("Subject(said) = %d", got)
	}
	if got := Subject(s, 5); got != 3 {
		t.Errorf("Subject(detained) = %d", got)
	}
	if got := Subject(s, 11); got != 3 {
		t.Errorf("Subject(released) via conj = %d", got)
	}
	if !IsPassive(s, 5) || IsPassive(s, 1) {
		t.Error("IsPassive wrong")
	}
	if got := Agent(s, 5); got != 7 {
		t.Errorf("Agent = %d", got)
	}
	if got := Obliques(s, 5); !reflect.DeepEqual(got, []Oblique{{Token: 7, Case: "by"}, {Token: 9, Case: "in"}}) {
		t.Errorf("Obliques = %v", got)
	}
	if got := Conjuncts(s, 5); !reflect.DeepEqual(got, []int{5, 11}) {
		t.Errorf("Conjuncts = %v", got)
	}
	if f, l := Subtree(s, 5); f != 2 || l != 11 {
		t.Errorf("Subtree(detained) = %d..%d", f, l)
	}
	if got := Object(s, 1); got != -1 {
		t.Errorf("Object(said) = %d", got)
	}
	if got := HeadOf(s, 1); got != -1 {
		t.Errorf("HeadOf(root) = %d", got)
	}
}
