package coder

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	chronicle "github.com/chronicle-news/chronicle"
	"io"
	"strconv"
	"strings"
)

//go:embed data/cameo.tsv
var cameoTSV []byte

//go:embed data/verbs.txt
var verbsTxt []byte

// Code describes one CAMEO event code.
type Code struct {
	Code      string
	Goldstein float64
	PLOVER    string
	Mode      string
	Name      string
}

// Quad returns the CAMEO quad class of a code (see chronicle.QuadClass).
func Quad(code string) int { return chronicle.QuadClass(code) }

// Trigger kinds.
const (
	KindVerb  = "verb"
	KindNoun  = "noun"
	KindLight = "light"
)

// Entry is one trigger of the verb dictionary.
type Entry struct {
	Code     string
	Kind     string
	Lemma    string   // verb or noun lemma; particle joined with "_"
	Object   string   // for light verbs: the object noun lemma
	Preps    []string // prepositions marking the target
	NoTarget bool     // the event takes no target
	// BySector gives another code when the target has that sector ("@GOV=166").
	BySector map[string]string
	// PrepRequired: the target must be the object of one of Preps.
	PrepRequired bool
	Line         int
}

// Dictionary maps triggers to CAMEO codes.
type Dictionary struct {
	Codes map[string]Code
	verbs map[string]*Entry // lemma or lemma_particle
	nouns map[string]*Entry
	light map[string]*Entry // verb+noun
	// Source names where the dictionary came from.
	Source string
	// petrarch holds the verb blocks, forms, patterns and synsets of a
	// dictionary read from the PETRARCH2 format (nil otherwise).
	petrarch *petrarchVerbs
}

// Lookup returns the code's description.
func (d *Dictionary) Lookup(code string) (Code, bool) {
	c, ok := d.Codes[code]
	if !ok && len(code) == 3 {
		c, ok = d.Codes[code[:2]+"0"]
		if ok {
			c.Code = code
		}
	}
	return c, ok
}

// Verb returns the entry for a verb lemma (with particle joined by "_").
func (d *Dictionary) Verb(lemma string) *Entry { return d.verbs[lemma] }

// Noun returns the entry for a nominal trigger.
func (d *Dictionary) Noun(lemma string) *Entry { return d.nouns[lemma] }

// Light returns the entry for a light verb with its object noun.
func (d *Dictionary) Light(verb, noun string) *Entry { return d.light[verb+"+"+noun] }

// Len returns the number of triggers.
func (d *Dictionary) Len() int { return len(d.verbs) + len(d.nouns) + len(d.light) }

// BuiltinDictionary parses the embedded CAMEO table and verb dictionary.
func BuiltinDictionary() (*Dictionary, error) {
	codes, err := parseCodes(bytes.NewReader(cameoTSV))
	if err != nil {
		return nil, fmt.Errorf("cameo.tsv: %w", err)
	}
	d, err := ParseVerbs(bytes.NewReader(verbsTxt), codes)
	if err != nil {
		return nil, fmt.Errorf("built-in verbs.txt: %w", err)
	}
	d.Source = "built-in"
	return d, nil
}

func parseCodes(r io.Reader) (map[string]Code, error) {
	codes := map[string]Code{}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if strings.HasPrefix(s, "#") || strings.TrimSpace(s) == "" {
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("line %d: want 5 tab-separated fields, got %d", line, len(f))
		}
		g, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return nil, fmt.Errorf("line %d: goldstein %q: %w", line, f[1], err)
		}
		codes[f[0]] = Code{Code: f[0], Goldstein: g, PLOVER: f[2], Mode: f[3], Name: f[4]}
	}
	return codes, sc.Err()
}

// ParseVerbs reads Chronicle's verb dictionary format (see data/verbs.txt).
func ParseVerbs(r io.Reader, codes map[string]Code) (*Dictionary, error) {
	d := &Dictionary{Codes: codes, verbs: map[string]*Entry{}, nouns: map[string]*Entry{}, light: map[string]*Entry{}}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if i := strings.IndexByte(s, '#'); i >= 0 {
			s = s[:i]
		}
		f := strings.Fields(s)
		if len(f) == 0 {
			continue
		}
		var bySector map[string]string
		for len(f) > 3 && strings.HasPrefix(f[len(f)-1], "@") {
			sec, alt, ok := strings.Cut(f[len(f)-1][1:], "=")
			if !ok {
				return nil, fmt.Errorf("line %d: sector condition %q is not @SECTOR=CODE", line, f[len(f)-1])
			}
			if _, ok := codes[alt]; !ok {
				return nil, fmt.Errorf("line %d: unknown CAMEO code %q", line, alt)
			}
			if bySector == nil {
				bySector = map[string]string{}
			}
			bySector[sec] = alt
			f = f[:len(f)-1]
		}
		if len(f) < 3 || len(f) > 4 {
			return nil, fmt.Errorf("line %d: want CODE KIND LEMMA [PREPS] [@SECTOR=CODE...], got %q", line, strings.TrimSpace(s))
		}
		if _, ok := codes[f[0]]; !ok && !(f[0] == "---" && len(bySector) > 0) {
			return nil, fmt.Errorf("line %d: unknown CAMEO code %q", line, f[0])
		}
		e := &Entry{Code: f[0], Kind: f[1], Lemma: strings.ToLower(f[2]), Line: line, BySector: bySector}
		if len(f) == 4 {
			switch {
			case f[3] == "-":
				e.NoTarget = true
			case strings.HasPrefix(f[3], "!"):
				e.PrepRequired = true
				e.Preps = strings.Split(strings.ToLower(f[3][1:]), ",")
			default:
				e.Preps = strings.Split(strings.ToLower(f[3]), ",")
			}
		}
		switch e.Kind {
		case KindVerb:
			d.verbs[e.Lemma] = e
		case KindNoun:
			d.nouns[e.Lemma] = e
		case KindLight:
			v, n, ok := strings.Cut(e.Lemma, "+")
			if !ok || v == "" || n == "" {
				return nil, fmt.Errorf("line %d: light verb entry %q is not VERB+NOUN", line, e.Lemma)
			}
			e.Lemma, e.Object = v, n
			d.light[v+"+"+n] = e
		default:
			return nil, fmt.Errorf("line %d: kind %q is not verb, noun or light", line, e.Kind)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return d, nil
}
