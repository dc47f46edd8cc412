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
	kinds  map[string][]string // "tok tok" -> kinds
	maxLen int
}

// ParseGazetteer reads "KIND<TAB>name" lines; # starts a comment.
func ParseGazetteer(r io.Reader, name string) (*Gazetteer, error) {
	g := &Gazetteer{kinds: map[string][]string{}}
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
	var b strings.Builder
	for i := range words {
		b.Reset()
		for n := 1; n <= g.maxLen && i+n <= len(words); n++ {
			if n > 1 {
				b.WriteByte(' ')
			}
			b.WriteString(words[i+n-1])
			ks, ok := g.kinds[b.String()]
			if !ok {
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
		}
	}
	return out
}
