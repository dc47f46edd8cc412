package ner

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Gazetteer lists names and signal words by kind: GPE, LOC and NORP names,
// and ORGKEY, FACKEY and TITLE words. Entries are token sequences matched
// with their case.
type Gazetteer struct {
	kinds map[string][]string // "tok tok" -> kinds
	// prefixes holds the proper prefixes ("tok", "tok tok") of longer
	// entries, so matching stops as soon as no entry can continue.
	prefixes map[string]bool
	maxLen   int
}

// ParseGazetteer reads "KIND<TAB>name" lines; # starts a comment.
func ParseGazetteer(r io.Reader, name string) (*Gazetteer, error) {
	g := &Gazetteer{kinds: map[string][]string{}, prefixes: map[string]bool{}}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		kind, val, ok := strings.Cut(t, "\t")
		val = strings.TrimSpace(val)
		if !ok || kind == "" || val == "" {
			return nil, fmt.Errorf("%s:%d: want KIND<TAB>name, got %q", name, line, t)
		}
		g.add(kind, val)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return g, nil
}

func (g *Gazetteer) add(kind, val string) {
	toks := strings.Fields(val)
	key := strings.Join(toks, " ")
	for _, k := range g.kinds[key] {
		if k == kind {
			return
		}
	}
	g.kinds[key] = append(g.kinds[key], kind)
	for n := 1; n < len(toks); n++ {
		g.prefixes[strings.Join(toks[:n], " ")] = true
	}
	if len(toks) > g.maxLen {
		g.maxLen = len(toks)
	}
}

// Has reports whether the token sequence is listed as kind.
func (g *Gazetteer) Has(kind string, toks []string) bool {
	for _, k := range g.kinds[strings.Join(toks, " ")] {
		if k == kind {
			return true
		}
	}
	return false
}

// Lines returns the gazetteer as sorted "KIND<TAB>name" lines.
func (g *Gazetteer) Lines() []string {
	var out []string
	for key, ks := range g.kinds {
		for _, k := range ks {
			out = append(out, k+"\t"+key)
		}
	}
	sort.Strings(out)
	return out
}

// match returns, for each token, the gazetteer marks covering it, as
// "KIND:POS" strings where POS is U (whole entry), B, I or L.
func (g *Gazetteer) match(words []string) [][]string {
	out := make([][]string, len(words))
	var b []byte
	for i := range words {
		b = b[:0]
		for n := 1; n <= g.maxLen && i+n <= len(words); n++ {
			if n > 1 {
				b = append(b, ' ')
			}
			b = append(b, words[i+n-1]...)
			ks, ok := g.kinds[string(b)]
			if !ok {
				if !g.prefixes[string(b)] {
					break
				}
				continue
			}
			for _, k := range ks {
				if n == 1 {
					out[i] = append(out[i], k+":U")
					continue
				}
				out[i] = append(out[i], k+":B")
				for j := i + 1; j < i+n-1; j++ {
					out[j] = append(out[j], k+":I")
				}
				out[i+n-1] = append(out[i+n-1], k+":L")
			}
			if !g.prefixes[string(b)] {
				break
			}
		}
	}
	return out
}
