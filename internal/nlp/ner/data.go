package ner

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"

	"github.com/chronicle-news/chronicle/internal/nlp/conllu"
)

// Types are the entity types the recogniser finds.
var Types = []string{"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}

func isType(t string) bool {
	for _, x := range Types {
		if x == t {
			return true
		}
	}
	return false
}

// ParseBracketed reads sentences written one a line with space-separated
// tokens and entities marked as "[TYPE tok tok]"; # starts a comment.
func ParseBracketed(r io.Reader, name string) ([]conllu.Sentence, error) {
	var out []conllu.Sentence
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		s, err := parseBracketLine(t)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		s.ID = fmt.Sprintf("%s:%d", name, line)
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return out, nil
}

func parseBracketLine(t string) (conllu.Sentence, error) {
	var s conllu.Sentence
	typ := ""
	first := false
	for _, tok := range strings.Fields(t) {
		switch {
		case strings.HasPrefix(tok, "[") && len(tok) > 1 && typ == "":
			typ = tok[1:]
			if !isType(typ) {
				return s, fmt.Errorf("unknown entity type %q", typ)
			}
			first = true
			continue
		case typ != "" && strings.HasSuffix(tok, "]") && len(tok) > 1:
			tok = strings.TrimSuffix(tok, "]")
			s.Words = append(s.Words, conllu.Word{Form: tok, NER: bio(first, typ), Head: -1})
			typ = ""
			continue
		}
		if typ != "" {
			s.Words = append(s.Words, conllu.Word{Form: tok, NER: bio(first, typ), Head: -1})
			first = false
		} else {
			s.Words = append(s.Words, conllu.Word{Form: tok, NER: "O", Head: -1})
		}
	}
	if typ != "" {
		return s, fmt.Errorf("entity [%s not closed", typ)
	}
	if len(s.Words) == 0 {
		return s, fmt.Errorf("empty sentence")
	}
	return s, nil
}

func bio(first bool, typ string) string {
	if first {
		return "B-" + typ
	}
	return "I-" + typ
}

// Synthesize fills the templates of a synth file (see data/synth.txt) with
// random fillers and returns n annotated sentences. The same seed gives the
// same sentences.
func Synthesize(r io.Reader, name string, n int, seed uint64) ([]conllu.Sentence, error) {
	fill := map[string][]string{}
	var templates []string
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		kind, val, ok := strings.Cut(t, "\t")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want KIND<TAB>value", name, line)
		}
		if kind == "T" {
			templates = append(templates, val)
		} else {
			fill[kind] = append(fill[kind], val)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(templates) == 0 {
		return nil, fmt.Errorf("%s: no templates", name)
	}
	rng := rand.New(rand.NewPCG(seed, 0x5e17))
	var out []conllu.Sentence
	for k := 0; k < n; k++ {
		tpl := templates[rng.IntN(len(templates))]
		var b strings.Builder
		for _, tok := range strings.Fields(tpl) {
			if strings.HasPrefix(tok, "{") && strings.HasSuffix(tok, "}") {
				kind := tok[1 : len(tok)-1]
				vals := fill[kind]
				if len(vals) == 0 {
					return nil, fmt.Errorf("%s: template slot {%s} has no fillers", name, kind)
				}
				v := vals[rng.IntN(len(vals))]
				typ := kind
				if kind == "NORPPL" {
					typ = "NORP"
				}
				if isType(typ) {
					fmt.Fprintf(&b, "[%s %s] ", typ, v)
				} else {
					b.WriteString(v + " ")
				}
				continue
			}
			b.WriteString(tok + " ")
		}
		s, err := parseBracketLine(b.String())
		if err != nil {
			return nil, fmt.Errorf("%s: template %q: %w", name, tpl, err)
		}
		// Capitalise a lower-case first word, as at the start of a sentence.
		if w := s.Words[0].Form; w != "" && w[0] >= 'a' && w[0] <= 'z' {
			s.Words[0].Form = strings.ToUpper(w[:1]) + w[1:]
		}
		s.ID = fmt.Sprintf("synth-%d", k)
		out = append(out, s)
	}
	return out, nil
}

// FromUNER converts Universal NER sentences to Chronicle's types: PER to
// PERSON, ORG kept, LOC to GPE when the gazetteer lists the name as GPE and
// LOC otherwise; capitalised nationality words tagged O become NORP, since
// UNER does not mark them.
func FromUNER(sents []conllu.Sentence, g *Gazetteer) []conllu.Sentence {
	out := make([]conllu.Sentence, len(sents))
	for si, s := range sents {
		ws := append([]conllu.Word(nil), s.Words...)
		for i := 0; i < len(ws); i++ {
			tag := ws[i].NER
			if tag == "O" || tag == "" {
				ws[i].NER = "O"
				if g.Has("NORP", []string{ws[i].Form}) {
					ws[i].NER = "B-NORP"
				}
				continue
			}
			typ := tag[2:]
			j := i + 1
			for j < len(ws) && ws[j].NER == "I-"+typ {
				j++
			}
			nt := ""
			switch typ {
			case "PER":
				nt = "PERSON"
			case "ORG":
				nt = "ORG"
			case "LOC":
				forms := make([]string, 0, j-i)
				for _, w := range ws[i:j] {
					forms = append(forms, w.Form)
				}
				nt = "LOC"
				if g.Has("GPE", forms) {
					nt = "GPE"
				}
			}
			for k := i; k < j; k++ {
				if nt == "" {
					ws[k].NER = "O"
				} else {
					ws[k].NER = bio(k == i, nt)
				}
			}
			i = j - 1
		}
		out[si] = s
		out[si].Words = ws
	}
	return out
}

// SplitByDocument splits sentences into two halves by document: documents
// alternate between the halves in file order.
func SplitByDocument(sents []conllu.Sentence) (a, b []conllu.Sentence) {
	docIdx := map[string]int{}
	for _, s := range sents {
		if _, ok := docIdx[s.DocID]; !ok {
			docIdx[s.DocID] = len(docIdx)
		}
		if docIdx[s.DocID]%2 == 0 {
			a = append(a, s)
		} else {
			b = append(b, s)
		}
	}
	return a, b
}
