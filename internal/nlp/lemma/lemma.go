// Package lemma is Chronicle's lemmatizer, learned from a treebank's lemma
// column: a table of (word, UPOS) -> lemma for the forms seen in training,
// and suffix rewrite rules per UPOS for unseen forms ("detained" is treated
// like "explained" -> "explain").
package lemma

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/chronicle-news/chronicle/internal/nlp/conllu"
	"github.com/chronicle-news/chronicle/internal/nlp/perceptron"
)

// maxSuffix is the longest suffix, in bytes, a rule is keyed on.
const maxSuffix = 6

// Lemmatizer maps words to lemmas. It is safe for concurrent use.
type Lemmatizer struct {
	table map[string]string // lower(form) \t UPOS -> lemma
	rules map[string]rule   // UPOS \t suffix -> rule
}

type rule struct {
	strip int
	add   string
}

// Lemma returns the lemma of form tagged upos.
func (l *Lemmatizer) Lemma(form, upos string) string {
	switch upos {
	case "PROPN":
		if lm, ok := l.table[form+"\tPROPN"]; ok {
			return lm
		}
		return form
	case "PUNCT", "SYM", "NUM", "X":
		if lm, ok := l.table[form+"\t"+upos]; ok {
			return lm
		}
		return form
	}
	lower := strings.ToLower(form)
	if lm, ok := l.table[lower+"\t"+upos]; ok {
		return lm
	}
	if upos == "PRON" && lower == "i" {
		return "I"
	}
	for n := min(maxSuffix, len(lower)-1); n >= 1; n-- {
		suf := lower[len(lower)-n:]
		if !utf8.ValidString(suf) {
			continue
		}
		if r, ok := l.rules[upos+"\t"+suf]; ok {
			if r.strip < len(lower) {
				return lower[:len(lower)-r.strip] + r.add
			}
		}
	}
	return lower
}

// Train learns a lemmatizer from sentences with lemmas and UPOS tags.
func Train(sents []conllu.Sentence) (*Lemmatizer, error) {
	counts := map[string]map[string]int{}
	for _, s := range sents {
		for _, w := range s.Words {
			if w.Lemma == "" || w.UPOS == "" {
				continue
			}
			key := strings.ToLower(w.Form) + "\t" + w.UPOS
			if w.UPOS == "PROPN" || w.UPOS == "PUNCT" || w.UPOS == "SYM" || w.UPOS == "NUM" || w.UPOS == "X" {
				key = w.Form + "\t" + w.UPOS
			}
			if counts[key] == nil {
				counts[key] = map[string]int{}
			}
			counts[key][w.Lemma]++
		}
	}
	if len(counts) == 0 {
		return nil, fmt.Errorf("train lemmatizer: no words with lemmas")
	}
	l := &Lemmatizer{table: map[string]string{}, rules: map[string]rule{}}
	ruleCounts := map[string]map[rule]int{}
	for key, m := range counts {
		best, bestN := "", 0
		for lm, n := range m {
			if n > bestN || n == bestN && lm < best {
				best, bestN = lm, n
			}
		}
		form, upos, _ := strings.Cut(key, "\t")
		l.table[key] = best
		switch upos {
		case "PROPN", "PUNCT", "SYM", "NUM", "X":
			continue
		}
		lower := strings.ToLower(form)
		lm := strings.ToLower(best)
		p := 0
		for p < len(lower) && p < len(lm) && lower[p] == lm[p] {
			p++
		}
		r := rule{strip: len(lower) - p, add: lm[p:]}
		for n := 1; n <= maxSuffix && n < len(lower); n++ {
			if n < r.strip {
				continue
			}
			k := upos + "\t" + lower[len(lower)-n:]
			if ruleCounts[k] == nil {
				ruleCounts[k] = map[rule]int{}
			}
			ruleCounts[k][r]++
		}
	}
	for k, m := range ruleCounts {
		var best rule
		bestN, total := 0, 0
		for r, n := range m {
			total += n
			if n > bestN || n == bestN && (r.strip < best.strip || r.strip == best.strip && r.add < best.add) {
				best, bestN = r, n
			}
		}
		if total >= 2 && float64(bestN) >= 0.5*float64(total) {
			l.rules[k] = best
		}
	}
	return l, nil
}

const fileMagic = "CHRONLEMMA1\n"

// Save writes the lemmatizer (uncompressed; callers gzip it).
func (l *Lemmatizer) Save(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(fileMagic)
	keys := make([]string, 0, len(l.table))
	for k := range l.table {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var ent []string
	for _, k := range keys {
		ent = append(ent, k, l.table[k])
	}
	if err := perceptron.WriteStrings(bw, ent); err != nil {
		return fmt.Errorf("save lemmatizer: %w", err)
	}
	keys = keys[:0]
	for k := range l.rules {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	ent = ent[:0]
	for _, k := range keys {
		r := l.rules[k]
		ent = append(ent, k, strconv.Itoa(r.strip)+"\t"+r.add)
	}
	if err := perceptron.WriteStrings(bw, ent); err != nil {
		return fmt.Errorf("save lemmatizer: %w", err)
	}
	return bw.Flush()
}

// Load reads a lemmatizer written by Save.
func Load(r io.Reader) (*Lemmatizer, error) {
	br := bufio.NewReader(r)
	head := make([]byte, len(fileMagic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != fileMagic {
		return nil, fmt.Errorf("load lemmatizer: not a lemmatizer model")
	}
	tab, err := perceptron.ReadStrings(br)
	if err != nil || len(tab)%2 != 0 {
		return nil, fmt.Errorf("load lemmatizer table: bad entries (%v)", err)
	}
	rules, err := perceptron.ReadStrings(br)
	if err != nil || len(rules)%2 != 0 {
		return nil, fmt.Errorf("load lemmatizer rules: bad entries (%v)", err)
	}
	l := &Lemmatizer{table: make(map[string]string, len(tab)/2), rules: make(map[string]rule, len(rules)/2)}
	for i := 0; i < len(tab); i += 2 {
		l.table[tab[i]] = tab[i+1]
	}
	for i := 0; i < len(rules); i += 2 {
		s, add, ok := strings.Cut(rules[i+1], "\t")
		n, err := strconv.Atoi(s)
		if !ok || err != nil || n < 0 {
			return nil, fmt.Errorf("load lemmatizer rules: bad rule %q", rules[i+1])
		}
		l.rules[rules[i]] = rule{strip: n, add: add}
	}
	return l, nil
}
