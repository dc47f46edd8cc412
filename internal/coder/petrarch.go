package coder

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

// LoadVerbs reads a verb dictionary in Chronicle's format or the PETRARCH2
// CAMEO verb format (detected by its "--- VERB [code] ---" block headers).
func LoadVerbs(name string, r io.Reader) (*Dictionary, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("load verbs %s: %w", name, err)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // a UTF-8 byte order mark
	codes, err := parseCodes(bytes.NewReader(cameoTSV))
	if err != nil {
		return nil, err
	}
	var d *Dictionary
	if isPetrarchVerbs(data) {
		d, err = ParsePetrarchVerbs(bytes.NewReader(data), codes)
	} else {
		d, err = ParseVerbs(bytes.NewReader(data), codes)
	}
	if err != nil {
		return nil, fmt.Errorf("load verbs %s: %w", name, err)
	}
	d.Source = name
	return d, nil
}

// isPetrarchVerbs reports whether data looks like a PETRARCH2 verb
// dictionary: a line starting with "---" (a verb block header).
func isPetrarchVerbs(data []byte) bool {
	return bytes.HasPrefix(data, []byte("---")) || bytes.Contains(data, []byte("\n---"))
}

// petrarchVerbs is what a PETRARCH2 verb dictionary adds to a Dictionary:
// verb blocks with their forms and patterns, and the synonym sets the
// patterns use.
type petrarchVerbs struct {
	synsets map[string]*synset
	blocks  []*verbBlock
	// forms maps a lower-case verb word (base form, regular and irregular
	// inflections) to the verb forms it can be.
	forms map[string][]*verbForm
	// prefixed maps the first word of a multiword verb that starts before
	// its verb word ("wire" of "wire_+tap") to those forms: taggers often
	// take that word for the verb.
	prefixed map[string][]*verbForm
	// transforms are the "~" transformation rules, kept but not applied.
	transforms []string
	patterns   int
	nforms     int
	warnings   []string
}

// verbBlock is one "--- VERB [code] ---" block: a group of verbs sharing a
// default code and a list of patterns.
type verbBlock struct {
	name     string
	code     codePair
	patterns []*Pattern
	line     int
}

// codePair is a PETRARCH event code: "032:033" codes source->target as 032
// and target->source as 033; "---" codes nothing.
type codePair struct {
	main, paired string
}

func (c codePair) String() string {
	if c.paired != "" {
		return c.main + ":" + c.paired
	}
	return c.main
}

// null reports whether the code produces no event.
func (c codePair) null() bool { return isNullCode(c.main) && isNullCode(c.paired) }

func isNullCode(s string) bool { return s == "" || strings.Trim(s, "-") == "" }

// verbForm is one verb of a block: a single word ("ban") or a multiword verb
// whose verb word is marked with "+" ("wire_+tap", "+cordon_off").
type verbForm struct {
	block *verbBlock
	pre   []string // words right before the verb ("wire")
	verb  string   // the base form of the verb word
	post  []string // words right after the verb ("off")
	code  codePair // its own code, else the block's
	entry *Entry
}

// key returns the Dictionary.verbs key of the form: the verb joined with
// its following particle ("cordon_off"), else the verb.
func (f *verbForm) key() string {
	if len(f.post) > 0 {
		return f.verb + "_" + strings.Join(f.post, "_")
	}
	return f.verb
}

// synset is a "&NAME" synonym set: alternative phrases.
type synset struct {
	name    string
	members [][]patElem
	line    int
	// byFirst indexes the members that start with a plain word; other
	// holds the rest (members starting with a synset or a marker).
	byFirst map[string][][]patElem
	other   [][]patElem
	// first holds every word a member (or a nested synset's member) can
	// start with; anyFirst is set when a member starts with a marker.
	first    map[string]bool
	anyFirst bool
}

// firstWords fills first and anyFirst, following nested synsets.
func (s *synset) firstWords(depth int) {
	if s.first != nil || depth > 8 {
		return
	}
	s.first = map[string]bool{}
	for _, m := range s.members {
		if len(m) == 0 {
			continue
		}
		switch e := m[0]; {
		case e.kind == elemWord:
			s.first[e.word] = true
		case e.kind == elemSyn && e.syn != nil:
			e.syn.firstWords(depth + 1)
			for w := range e.syn.first {
				s.first[w] = true
			}
			s.anyFirst = s.anyFirst || e.syn.anyFirst
		case e.kind == elemSyn:
		default:
			s.anyFirst = true
		}
	}
}

// possible reports whether some sentence word can start a member.
func (s *synset) possible(words []string) bool {
	if s == nil {
		return false
	}
	if s.anyFirst {
		return true
	}
	for _, w := range words {
		if s.first[w] {
			return true
		}
	}
	return false
}

// index builds byFirst and other.
func (s *synset) index() {
	s.byFirst = map[string][][]patElem{}
	s.other = nil
	for _, m := range s.members {
		if len(m) > 0 && m[0].kind == elemWord {
			s.byFirst[m[0].word] = append(s.byFirst[m[0].word], m)
		} else {
			s.other = append(s.other, m)
		}
	}
}

// Pattern is one PETRARCH2 verb pattern ("- $ * + IN DETENTION [212]"): the
// words around the verb, in order, with markers for the source ($), target
// (+), compound actor (%) and skipped phrases (^).
type Pattern struct {
	elems []patElem // in text order, the verb included as elemVerb
	Code  codePair
	Text  string
	Line  int
	words int // literal words, to prefer the most specific match
	// required are the pattern's plain words: a sentence without one of
	// them cannot match.
	required []string
}

// wordsPresent reports whether every plain word of the pattern is among the
// sentence's words, and every synset can start at one of them.
func (p *Pattern) wordsPresent(present map[string]bool, words []string) bool {
	for _, w := range p.required {
		if !present[w] {
			return false
		}
	}
	for _, e := range p.elems {
		if e.kind == elemSyn && !e.syn.possible(words) {
			return false
		}
	}
	return true
}

type elemKind uint8

const (
	elemWord elemKind = iota
	elemSyn
	elemVerb
	elemSource
	elemTarget
	elemCompound
	elemSkip
)

// patElem is one element of a pattern or synset member.
type patElem struct {
	kind elemKind
	word string // lower-case word, or synset name for elemSyn
	syn  *synset
	adj  bool // joined to the previous element by "_": must follow it directly
	// near marks a later word of a group ("(TO BORDER)", "{ARMS
	// SHIPMENT}"): it must follow the previous element within nearGap words.
	near bool
}

// nearGap is how many words may separate the words of a pattern group.
const nearGap = 3

// PetrarchStats describes a loaded PETRARCH2 verb dictionary.
type PetrarchStats struct {
	Blocks, Forms, Patterns, Synsets, Transformations int
	// Warnings lists lines that were read leniently (unknown synsets,
	// patterns without a verb marker).
	Warnings []string
}

// Petrarch returns the statistics of a dictionary read from the PETRARCH2
// format, and false for other dictionaries.
func (d *Dictionary) Petrarch() (PetrarchStats, bool) {
	p := d.petrarch
	if p == nil {
		return PetrarchStats{}, false
	}
	return PetrarchStats{Blocks: len(p.blocks), Forms: p.nforms, Patterns: p.patterns, Synsets: len(p.synsets),
		Transformations: len(p.transforms), Warnings: p.warnings}, true
}

// ParsePetrarchVerbs reads a PETRARCH2 CAMEO verb dictionary: synonym sets
// ("&NAME" with "+member" lines), verb blocks ("--- VERB [code] ---") with
// their verb forms ("BAN {BANS BANNED}", "WIRE_+TAP", "DOWNPLAY [014]") and
// patterns ("- * WITH % [031]"), "#" comments and "<!-- -->" notes. Codes
// that are not in the CAMEO table are added to the dictionary's table with
// the description of their nearest known parent, so that test dictionaries
// with private codes work. Transformation rules ("~ a (a b ATTACK) SAY =
// a b 015") are counted but not applied. Malformed patterns and unknown
// synsets are skipped with a warning (see Petrarch); structural errors
// (a pattern before any block, an unclosed code or brace) are errors naming
// the line. Note that codes map to PLOVER through Chronicle's CAMEO table:
// a dictionary with another code scheme keeps its codes but may get
// PLOVER types that do not fit them.
func ParsePetrarchVerbs(r io.Reader, codes map[string]Code) (*Dictionary, error) {
	d := &Dictionary{Codes: codes, verbs: map[string]*Entry{}, nouns: map[string]*Entry{}, light: map[string]*Entry{}}
	p := &petrarchVerbs{synsets: map[string]*synset{}, forms: map[string][]*verbForm{}, prefixed: map[string][]*verbForm{}}
	d.petrarch = p
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	var cur *verbBlock
	var curSyn *synset
	inBlock := false // the last header was a verb block, not a synset
	for sc.Scan() {
		line++
		raw := sc.Text()
		s := strings.TrimSpace(stripComment(raw))
		if s == "" || strings.HasPrefix(s, "<!") || strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
			continue
		}
		switch {
		case strings.HasPrefix(s, "~"):
			p.transforms = append(p.transforms, s)
		case strings.HasPrefix(s, "---"):
			b, err := parseBlockHeader(s, line)
			if err != nil {
				return nil, err
			}
			p.blocks = append(p.blocks, b)
			cur, curSyn, inBlock = b, nil, true
			// The block's name is one of its verbs in PETRARCH2 files only
			// when listed; it is always listed in practice.
		case strings.HasPrefix(s, "&"):
			name := strings.ToUpper(strings.TrimSuffix(strings.Fields(s)[0], "_"))
			if len(name) < 2 {
				return nil, fmt.Errorf("line %d: synset without a name", line)
			}
			curSyn = &synset{name: name, line: line}
			p.synsets[name] = curSyn
			inBlock = false
		case strings.HasPrefix(s, "-"):
			if cur == nil {
				return nil, fmt.Errorf("line %d: pattern %q before any verb block", line, s)
			}
			pat, err := parsePattern(s, line)
			if err != nil {
				p.warnings = append(p.warnings, err.Error())
				continue
			}
			cur.patterns = append(cur.patterns, pat)
			p.patterns++
		case strings.HasPrefix(s, "+") && !inBlock:
			if curSyn == nil {
				return nil, fmt.Errorf("line %d: synset member %q outside a synset", line, s)
			}
			curSyn.members = append(curSyn.members, synMembers(s[1:])...)
		default:
			if cur == nil || !inBlock {
				return nil, fmt.Errorf("line %d: verb form %q outside a verb block", line, s)
			}
			if err := p.addForms(cur, s, line); err != nil {
				return nil, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(p.blocks) == 0 {
		return nil, fmt.Errorf("no verb blocks found")
	}
	p.link()
	// Register the codes and the trigger entries.
	for _, b := range p.blocks {
		registerCode(codes, b.code)
		for _, pat := range b.patterns {
			registerCode(codes, pat.Code)
		}
	}
	keys := make([]string, 0, len(p.forms))
	for k := range p.forms {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, f := range p.forms[k] {
			registerCode(codes, f.code)
			if f.entry == nil {
				f.entry = &Entry{Code: f.code.main, Kind: KindVerb, Lemma: f.key(), Line: f.block.line}
				if isNullCode(f.code.main) {
					f.entry.Code = "---"
				}
			}
			keys := []string{f.key(), f.verb}
			if len(f.pre) > 0 {
				keys = append(keys, f.pre[0])
			}
			for _, key := range keys {
				if _, ok := d.verbs[key]; !ok {
					d.verbs[key] = f.entry
				}
			}
		}
	}
	return d, nil
}

// stripComment removes a "#" comment, keeping "#" inside a "[code]".
func stripComment(s string) string {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			if depth > 0 {
				depth--
			}
		case '#':
			if depth == 0 {
				return s[:i]
			}
		}
	}
	return s
}

// parseBlockHeader reads "--- VERB [code] ---" (the first bracketed code is
// the block's).
func parseBlockHeader(s string, line int) (*verbBlock, error) {
	inner := strings.TrimSpace(strings.Trim(s, "- \t"))
	name, rest, ok := strings.Cut(inner, "[")
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, fmt.Errorf("line %d: verb block header %q has no verb", line, s)
	}
	b := &verbBlock{name: strings.ToLower(strings.TrimSuffix(name, "_")), line: line}
	if ok {
		code, _, closed := strings.Cut(rest, "]")
		if !closed {
			return nil, fmt.Errorf("line %d: verb block header %q: unclosed code", line, s)
		}
		b.code = parseCode(code)
	} else {
		b.code = codePair{main: "---"}
	}
	return b, nil
}

// parseCode reads "032", "032:033", ":110" or "---".
func parseCode(s string) codePair {
	s = strings.TrimSpace(s)
	main, paired, _ := strings.Cut(s, ":")
	return codePair{main: strings.TrimSpace(main), paired: strings.TrimSpace(paired)}
}

// lastCode cuts the trailing "[code]" off a line.
func lastCode(s string) (rest string, code codePair, ok bool) {
	i := strings.LastIndexByte(s, '[')
	if i < 0 {
		return s, codePair{}, false
	}
	j := strings.IndexByte(s[i:], ']')
	if j < 0 {
		return s, codePair{}, false
	}
	if strings.TrimSpace(s[i+j+1:]) != "" {
		return s, codePair{}, false
	}
	return strings.TrimSpace(s[:i]), parseCode(s[i+1 : i+j]), true
}

// registerCode adds private codes (not in the CAMEO table) with the
// description of their nearest known parent.
func registerCode(codes map[string]Code, c codePair) {
	for _, code := range []string{c.main, c.paired} {
		if isNullCode(code) {
			continue
		}
		if _, ok := codes[code]; ok {
			continue
		}
		nc := Code{Code: code, Name: "PETRARCH dictionary code " + code}
		for n := len(code) - 1; n >= 2; n-- {
			if parent, ok := codes[code[:n]]; ok {
				nc.Goldstein, nc.PLOVER, nc.Mode = parent.Goldstein, parent.PLOVER, parent.Mode
				break
			}
			if parent, ok := codes[code[:2]+"0"]; ok && n == 2 {
				nc.Goldstein, nc.PLOVER, nc.Mode = parent.Goldstein, parent.PLOVER, parent.Mode
			}
		}
		codes[code] = nc
	}
}

// addForms reads a verb form line: "ABANDON", "BAN {BANS BANNED}",
// "DOWNPLAY [014]", "WIRE_+TAP {WIRE_+TAPPED}", "+CORDON_OFF {...}".
func (p *petrarchVerbs) addForms(b *verbBlock, s string, line int) error {
	code := b.code
	if rest, c, ok := lastCode(s); ok {
		s, code = rest, c
	}
	var irregular []string
	if i := strings.IndexByte(s, '{'); i >= 0 {
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return fmt.Errorf("line %d: verb form %q: unclosed {", line, s)
		}
		irregular = strings.Fields(s[i+1 : i+j])
		s = s[:i] + s[i+j+1:]
	}
	f := strings.Fields(s)
	if len(f) == 0 {
		return nil
	}
	base := strings.Join(f, "_")
	form, err := parseVerbWords(base)
	if err != nil {
		return fmt.Errorf("line %d: verb form %q: %w", line, s, err)
	}
	form.block, form.code = b, code
	p.nforms++
	if len(form.pre) > 0 {
		p.prefixed[form.pre[0]] = append(p.prefixed[form.pre[0]], form)
	}
	p.addForm(form.verb, form)
	for _, w := range regularForms(form.verb) {
		p.addForm(w, form)
	}
	for _, irr := range irregular {
		g, err := parseVerbWords(irr)
		if err != nil || g.verb == "" {
			continue
		}
		p.addForm(g.verb, form)
	}
	return nil
}

func (p *petrarchVerbs) addForm(word string, f *verbForm) {
	for _, g := range p.forms[word] {
		if g == f {
			return
		}
	}
	p.forms[word] = append(p.forms[word], f)
}

// parseVerbWords splits "WIRE_+TAP" or "+CORDON_OFF" into the words before
// the verb, the verb and the words after. Without "+", the first word is the
// verb.
func parseVerbWords(s string) (*verbForm, error) {
	s = strings.Trim(strings.ToLower(s), "_")
	words := strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == ' ' })
	if len(words) == 0 {
		return nil, fmt.Errorf("no verb")
	}
	vi := 0
	for i, w := range words {
		if strings.HasPrefix(w, "+") {
			vi = i
			break
		}
	}
	for i := range words {
		words[i] = strings.TrimPrefix(words[i], "+")
	}
	if words[vi] == "" {
		return nil, fmt.Errorf("empty verb word")
	}
	return &verbForm{pre: words[:vi], verb: words[vi], post: words[vi+1:]}, nil
}

// regularForms returns the regular -s, -ed and -ing forms of a verb.
func regularForms(v string) []string {
	n := len(v)
	if n < 2 {
		return nil
	}
	last := v[n-1]
	isVowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	var s, ed, ing string
	switch {
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "x") || strings.HasSuffix(v, "z") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "sh"):
		s = v + "es"
	case last == 'y' && !isVowel(v[n-2]):
		s = v[:n-1] + "ies"
	default:
		s = v + "s"
	}
	switch {
	case last == 'e':
		ed, ing = v+"d", v[:n-1]+"ing"
	case last == 'y' && !isVowel(v[n-2]):
		ed, ing = v[:n-1]+"ied", v+"ing"
	default:
		ed, ing = v+"ed", v+"ing"
		// Short verbs ending consonant-vowel-consonant double the last
		// consonant (ban, banned; stab, stabbed).
		if n >= 3 && !isVowel(last) && isVowel(v[n-2]) && !isVowel(v[n-3]) && strings.IndexByte("wxy", last) < 0 && n <= 4 {
			ed, ing = v+string(last)+"ed", v+string(last)+"ing"
		}
	}
	return []string{s, ed, ing}
}

// synMembers reads a synset member line ("AUSTRIAN FLORIN", "CASH_",
// "&TIETYPES"). A single noun without a trailing "_" also matches its
// regular plural.
func synMembers(s string) [][]patElem {
	s = strings.TrimSpace(s)
	noPlural := strings.HasSuffix(s, "_")
	elems := tokenizePattern(strings.TrimSuffix(s, "_"))
	if len(elems) == 0 {
		return nil
	}
	out := [][]patElem{elems}
	if !noPlural && len(elems) >= 1 && elems[len(elems)-1].kind == elemWord {
		last := elems[len(elems)-1].word
		if pl := plural(last); pl != last {
			alt := append([]patElem(nil), elems...)
			alt[len(alt)-1].word = pl
			out = append(out, alt)
		}
	}
	return out
}

func plural(w string) string {
	n := len(w)
	switch {
	case n < 2:
		return w
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	case w[n-1] == 'y' && strings.IndexByte("aeiou", w[n-2]) < 0:
		return w[:n-1] + "ies"
	}
	return w + "s"
}

// parsePattern reads "- WORDS * WORDS [code]".
func parsePattern(s string, line int) (*Pattern, error) {
	body := strings.TrimSpace(strings.TrimPrefix(s, "-"))
	rest, code, ok := lastCode(body)
	if !ok {
		return nil, fmt.Errorf("line %d: pattern %q has no [code]", line, s)
	}
	pat := &Pattern{Code: code, Text: strings.Join(strings.Fields(rest), " "), Line: line}
	pat.elems = tokenizePattern(rest)
	verbs := 0
	for _, e := range pat.elems {
		switch e.kind {
		case elemVerb:
			verbs++
		case elemWord:
			pat.words++
			pat.required = append(pat.required, e.word)
		case elemSyn:
			pat.words++
		}
	}
	if verbs != 1 {
		return nil, fmt.Errorf("line %d: pattern %q: want one verb marker *, got %d", line, s, verbs)
	}
	return pat, nil
}

// tokenizePattern splits pattern text into elements: words joined by "_"
// must be adjacent, words separated by spaces may have others between them.
// Parentheses (prepositional phrases) and braces (noun phrases) group words;
// they are read as words in order.
func tokenizePattern(s string) []patElem {
	var out []patElem
	adj := false
	depth, inGroup := 0, 0 // group nesting, elements read in the current group
	i := 0
	flush := func(tok string) {
		if tok == "" {
			return
		}
		e := patElem{adj: adj && len(out) > 0, near: depth > 0 && inGroup > 0}
		if depth > 0 {
			inGroup++
		}
		switch {
		case tok == "*":
			e.kind = elemVerb
		case tok == "$":
			e.kind = elemSource
		case tok == "+":
			e.kind = elemTarget
		case tok == "%":
			e.kind = elemCompound
		case tok == "^":
			e.kind = elemSkip
		case strings.HasPrefix(tok, "&"):
			e.kind, e.word = elemSyn, strings.ToUpper(tok)
		default:
			e.kind, e.word = elemWord, strings.ToLower(tok)
		}
		out = append(out, e)
		adj = false
	}
	var tok strings.Builder
	for i < len(s) {
		c := s[i]
		switch {
		case c == '_':
			flush(tok.String())
			tok.Reset()
			adj = true
		case c == ' ' || c == '\t' || c == '(' || c == ')' || c == '{' || c == '}':
			had := tok.Len() > 0
			flush(tok.String())
			tok.Reset()
			if had || c == ' ' || c == '\t' {
				adj = false
			}
			switch c {
			case '(', '{':
				if depth == 0 {
					inGroup = 0
				}
				depth++
			case ')', '}':
				if depth > 0 {
					depth--
				}
			}
		case c == '*' || c == '$' || c == '%' || c == '^' || (c == '+' && tok.Len() == 0):
			flush(tok.String())
			tok.Reset()
			flush(string(c))
		default:
			tok.WriteByte(c)
		}
		i++
	}
	flush(tok.String())
	return out
}

// link resolves the synset references of patterns and synsets. Unknown
// synsets match nothing and are reported as warnings.
func (p *petrarchVerbs) link() {
	missing := map[string]bool{}
	resolve := func(es []patElem) {
		for i := range es {
			if es[i].kind != elemSyn {
				continue
			}
			name := strings.TrimSuffix(es[i].word, "_")
			if s, ok := p.synsets[name]; ok {
				es[i].syn = s
			} else if !missing[name] {
				missing[name] = true
				p.warnings = append(p.warnings, fmt.Sprintf("unknown synset %s", name))
			}
		}
	}
	for _, s := range p.synsets {
		for _, m := range s.members {
			resolve(m)
		}
		s.index()
	}
	for _, s := range p.synsets {
		s.firstWords(0)
	}
	for _, b := range p.blocks {
		for _, pat := range b.patterns {
			resolve(pat.elems)
		}
	}
}

// verbFor returns the trigger entry of a verb token: for PETRARCH
// dictionaries its surface form first ("left" is a form of the LEFT block,
// not of LEAVE), then its lemma.
func (d *Dictionary) verbFor(t *chronicle.Token, lem string) *Entry {
	if d.petrarch != nil {
		if fs := d.petrarch.forms[normWord(t.Text)]; len(fs) > 0 {
			return fs[0].entry
		}
	}
	if e := d.verbs[lem]; e != nil {
		return e
	}
	// A lemma the lemmatizer got wrong ("shelled" as "shel"): the regular
	// stem of the word itself.
	if g := guessLemma(strings.ToLower(t.Text)); g != lem {
		return d.verbs[g]
	}
	return nil
}
