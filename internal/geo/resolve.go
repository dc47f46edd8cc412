package geo

import (
	"context"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	chronicle "github.com/chronicle-news/chronicle"
)

// mention is one place name found in a document, before and after
// resolution.
type mention struct {
	sent             int
	tokStart, tokEnd int // token indices in the sentence, end exclusive; -1 when unknown
	start, end       int // byte offsets into doc.Text
	text, key        string
	fromNER          bool
	cands            []cand
	best             int // index into cands, -1 when unresolved
	qualifier        int // index of the mention that qualifies this one ("Paris, Texas"), -1
	cue              string
}

type cand struct {
	ref   nameRef
	prior float64
	score float64
}

// Local cues around a mention.
const (
	cueNone  = ""
	cueAdmin = "admin" // "Washington state", "the state of Georgia"
	cueCity  = "city"  // "the city of Valencia", "the capital, Kingston"
)

// Annotate fills doc.Places with the place names of the document, resolved
// against the gazetteer. Candidates come from the entity recogniser's GPE,
// LOC and FAC entities and from gazetteer matches of capitalised token runs
// the recogniser missed. Ambiguous names are resolved by population, kind of
// place, the countries and admin areas the rest of the document names
// (directly, through demonyms, or through resolved actors), a qualifier
// ("Paris, Texas") and local cues ("Washington state"). Names of entities the
// gazetteer does not know are kept with resolution "unknown".
func (g *Gazetteer) Annotate(ctx context.Context, doc *chronicle.Document) error {
	if doc == nil {
		return chronicle.Errorf(chronicle.EInvalid, "annotate places: nil document")
	}
	if g == nil || g.names == nil {
		return chronicle.Errorf(chronicle.EInternal, "annotate places in %q: gazetteer not loaded", doc.ID)
	}
	ms := g.mentions(doc)
	if err := ctx.Err(); err != nil {
		return err
	}
	g.resolve(doc, ms)
	places := make([]chronicle.Place, 0, len(ms))
	for _, m := range ms {
		var p chronicle.Place
		if m.best >= 0 {
			p = g.place(m.cands[m.best].ref.id)
		} else {
			p = chronicle.Place{Name: m.text, Resolution: ResolutionUnknown}
			if regionName(m.key) {
				p.Feature = FeatureRegion
			}
		}
		p.Text, p.Start, p.End, p.Sentence = m.text, m.start, m.end, m.sent
		places = append(places, p)
	}
	doc.Places = places
	return nil
}

// mentions finds the place names of a document in document order.
func (g *Gazetteer) mentions(doc *chronicle.Document) []*mention {
	var ms []*mention
	covered := make([][]bool, len(doc.Sentences))
	for si := range doc.Sentences {
		covered[si] = make([]bool, len(doc.Sentences[si].Tokens))
	}
	for _, e := range doc.Entities {
		if e.Sentence < 0 || e.Sentence >= len(doc.Sentences) || e.Start < 0 || e.End > len(doc.Text) || e.Start >= e.End {
			continue // out of range: another stage's bug, not a place
		}
		s := &doc.Sentences[e.Sentence]
		ts, te := tokenRange(s, e.Start, e.End)
		for i := ts; i >= 0 && i < te && i < len(covered[e.Sentence]); i++ {
			covered[e.Sentence][i] = true
		}
		if e.Type != chronicle.EntGPE && e.Type != chronicle.EntLoc && e.Type != chronicle.EntFac && !g.placeLike(doc, e) {
			continue
		}
		for _, part := range splitQualified(doc.Text, e.Start, e.End) {
			m := g.newMention(doc, e.Sentence, part[0], part[1], true, e.Type)
			if m != nil {
				ms = append(ms, m)
			}
		}
	}
	for si := range doc.Sentences {
		ms = append(ms, g.scan(doc, si, covered[si])...)
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
	// Qualifiers: "Paris, Texas", "Kingston, Jamaica".
	for i, m := range ms {
		m.qualifier = -1
		if i+1 < len(ms) {
			n := ms[i+1]
			if n.sent == m.sent && n.start > m.end && strings.TrimSpace(doc.Text[m.end:n.start]) == "," && g.canQualify(n) {
				m.qualifier = i + 1
			}
		}
	}
	return ms
}

// extendRight returns a longer end for text[start:end] when up to three
// following capitalised words complete a gazetteer name.
func (g *Gazetteer) extendRight(doc *chronicle.Document, start, end int) int {
	best := end
	e := end
	for n := 0; n < 4; n++ {
		i := e
		for i < len(doc.Text) && doc.Text[i] == ' ' {
			i++
		}
		if i == e || i >= len(doc.Text) {
			break
		}
		j := i
		for j < len(doc.Text) && doc.Text[j] != ' ' && doc.Text[j] != ',' && doc.Text[j] != '.' && doc.Text[j] != ';' {
			j++
		}
		e = j
		if connector(doc.Text[i:j]) {
			continue // "Viña" + "del" + "Mar"
		}
		if !startsUpper(doc.Text[i:]) {
			break
		}
		if hasPrimary(g.candidates(doc.Text[start:e], NormKey(doc.Text[start:e]))) {
			best = e
		}
	}
	return best
}

// placeLike reports whether a PERSON or ORG entity is in fact a place the
// recogniser mislabelled: a gazetteer name in a locative phrase ("in Santa
// Cruz"), in the dateline, before a qualifier ("Eagle Pass, Texas"), or, for
// an organisation, a country's full name.
func (g *Gazetteer) placeLike(doc *chronicle.Document, e chronicle.Entity) bool {
	if e.Type != chronicle.EntPerson && e.Type != chronicle.EntOrg && e.Type != chronicle.EntNORP {
		return false
	}
	text := strings.TrimSuffix(strings.TrimSuffix(doc.Text[e.Start:g.extendRight(doc, e.Start, e.End)], "'s"), "’s")
	text = strings.TrimRight(text, ".")
	cs := g.candidates(text, NormKey(text))
	if len(cs) == 0 {
		return false
	}
	for _, c := range cs {
		if g.entries[c.ref.id].feature == FeatureCountry && c.ref.kind != nameAlt && e.Type != chronicle.EntPerson {
			return true // "Democratic Republic of Congo", "Mexico" as a government, "Dominican Republic"
		}
	}
	if e.Type == chronicle.EntNORP {
		return false
	}
	if e.Start < datelineEnd(doc) {
		return true
	}
	// The actor dictionary read it as a country's actor, and the gazetteer
	// knows a place of that name there: "San José hosted ..." as Costa
	// Rica.
	if len(e.Country) == 3 {
		for _, c := range cs {
			if ce := &g.entries[c.ref.id]; ce.country == e.Country && c.ref.kind == namePrimary && ce.feature != FeatureCountry {
				return true
			}
		}
	}
	before := strings.Fields(strings.ToLower(doc.Text[max(0, e.Start-30):e.Start]))
	if n := len(before); n > 0 {
		w := before[n-1]
		if strongLocative(w) || w == "from" || w == "of" && n > 1 && placeNoun(before[n-2]) {
			return true
		}
		if locativePrep(w) {
			// "to" and "on" also come before people: "no relation to
			// Albert Gee". Only a big place passes.
			for _, c := range cs {
				if c.prior >= 5 {
					return true
				}
			}
		}
		// "Jakarta and Surabaya": joined to a place.
		if (w == "and" || w == "or") && g.placeBefore(doc, e.Start) {
			return true
		}
	}
	after := doc.Text[e.End:]
	if strings.HasPrefix(after, ", ") {
		rest := after[2:]
		if end := capitalisedPrefixEnd(rest, 0, min(len(rest), 40)); end > 0 {
			q := strings.TrimRight(rest[:end], ",.;")
			for _, c := range g.candidates(q, NormKey(q)) {
				if f := g.entries[c.ref.id].feature; f == FeatureCountry || f == FeatureAdmin1 {
					return true
				}
			}
		}
	}
	return false
}

// placeNoun reports nouns that "of" joins to a place name: "the city of",
// "residents of", "the outskirts of".
func placeNoun(w string) bool {
	switch strings.Trim(w, ",") {
	case "city", "town", "village", "port", "capital", "province", "state", "region", "residents", "people",
		"mayor", "governor", "outskirts", "streets", "center", "centre", "north", "south", "east", "west",
		"suburbs", "district", "island", "parts", "area":
		return true
	}
	return false
}

// placeBefore reports whether a GPE, LOC or FAC entity ends just before
// "and" or "or" that ends just before offset start.
func (g *Gazetteer) placeBefore(doc *chronicle.Document, start int) bool {
	head := strings.TrimRight(doc.Text[:start], " ")
	for _, conj := range []string{" and", " or"} {
		if strings.HasSuffix(head, conj) {
			head = strings.TrimRight(strings.TrimSuffix(head, conj), " ,")
			break
		}
	}
	for _, o := range doc.Entities {
		if o.End == len(head) && o.Start < o.End {
			switch o.Type {
			case chronicle.EntGPE, chronicle.EntLoc, chronicle.EntFac:
				return true
			case chronicle.EntPerson, chronicle.EntOrg:
				return o.Start < start && g.placeLike(doc, o)
			}
		}
	}
	return false
}

// splitQualified splits an entity span "Paris, Texas" into its parts.
func splitQualified(text string, start, end int) [][2]int {
	var out [][2]int
	s := start
	for i := start; i < end; i++ {
		if text[i] == ',' {
			if i > s {
				out = append(out, [2]int{s, i})
			}
			s = i + 1
		}
	}
	if s < end {
		out = append(out, [2]int{s, end})
	}
	return out
}

// newMention makes a mention of text[start:end], trimmed of spaces, a
// leading article and a possessive, with its gazetteer candidates.
func (g *Gazetteer) newMention(doc *chronicle.Document, sent, start, end int, fromNER bool, typ string) *mention {
	for start < end && isSpaceByte(doc.Text[start]) {
		start++
	}
	for end > start && isSpaceByte(doc.Text[end-1]) {
		end--
	}
	for _, art := range []string{"the ", "The ", "THE "} {
		if strings.HasPrefix(doc.Text[start:end], art) && end-start > len(art) {
			start += len(art)
		}
	}
	for _, pos := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(doc.Text[start:end], pos) && end-start > len(pos)+1 {
			end -= len(pos)
			break
		}
	}
	if start >= end {
		return nil
	}
	if fromNER {
		// The recogniser may stop short: "Port" of "Port Said".
		end = g.extendRight(doc, start, end)
	}
	text := doc.Text[start:end]
	m := &mention{sent: sent, start: start, end: end, text: text, fromNER: fromNER, best: -1, qualifier: -1}
	m.tokStart, m.tokEnd = tokenRange(&doc.Sentences[sent], start, end)
	m.key = NormKey(text)
	m.cands = g.candidates(text, m.key)
	stripped := ""
	if len(m.cands) == 0 {
		m.cands = g.abbrevCands(doc, start, text)
	}
	if len(m.cands) == 0 && fromNER {
		// "Kharkiv region", "Washington state", "Gaza city": try the name alone.
		if k := stripKindWord(m.key); k != m.key {
			m.cands = g.candidates(text, k)
			stripped = k
		}
	}
	if len(m.cands) == 0 && fromNER {
		// The recogniser's span may run on: "U.S. presence", "White House
		// meeting". Try its leading capitalised words.
		if e := capitalisedPrefixEnd(doc.Text, start, end); e < end {
			if cs := g.candidates(doc.Text[start:e], NormKey(doc.Text[start:e])); len(cs) > 0 || landmarkKey(NormKey(doc.Text[start:e])) {
				end, text = e, doc.Text[start:e]
				m.end, m.text, m.key, m.cands = e, text, NormKey(text), cs
				m.tokStart, m.tokEnd = tokenRange(&doc.Sentences[sent], start, end)
			}
		}
	}
	if len(m.cands) == 0 && fromNER && allWordsCapitalised(text) {
		m.cands = g.looseLookup(m.key)
	}
	if typ == chronicle.EntFac || landmarkKey(m.key) {
		m.cands = g.facilityCands(m.key, m.cands)
	}
	if _, ok := g.Demonym(text); ok && !hasPrimary(m.cands) {
		return nil // a nationality the recogniser took for a place ("Somali")
	}
	if len(m.cands) == 0 && !strings.Contains(text, " ") && stopWord(text) {
		return nil // "January": not a place at all
	}
	m.cue = localCue(doc, m)
	if stripped != "" {
		m.cue = kindCue(strings.TrimPrefix(m.key, stripped+" "))
	}
	return m
}

// kindCue returns the cue a kind-of-place word gives.
func kindCue(w string) string {
	switch w {
	case "city", "town":
		return cueCity
	}
	return cueAdmin
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// landmark maps seats of government and other landmarks that stand for a
// city in news text to that city and its country.
func landmark(key string) (city, country string) {
	switch key {
	case "white house", "capitol hill", "capitol", "pentagon", "state department", "oval office":
		return "washington", "USA"
	case "kremlin", "red square":
		return "moscow", "RUS"
	case "downing street", "number 10", "whitehall", "westminster":
		return "london", "GBR"
	case "elysee", "elysee palace", "quai d'orsay":
		return "paris", "FRA"
	case "zhongnanhai", "tiananmen square", "great hall of the people":
		return "beijing", "CHN"
	case "blue house", "yongsan":
		return "seoul", "KOR"
	case "knesset":
		return "jerusalem", "ISR"
	case "vatican":
		return "vatican city", "VAT"
	case "bundestag", "chancellery":
		return "berlin", "DEU"
	case "tahrir square":
		return "cairo", "EGY"
	case "maidan":
		return "kyiv", "UKR"
	}
	return "", ""
}

// facilityCands keeps the candidates a facility name (FAC entity) may have:
// a landmark's city, or a country, admin area or big city of that exact
// name; a small town named "White House" is not the White House.
func (g *Gazetteer) facilityCands(key string, cs []cand) []cand {
	if city, country := landmark(key); city != "" {
		var best []cand
		for _, r := range g.lookup(city) {
			e := &g.entries[r.id]
			if e.feature == FeatureCity && e.country == country && (len(best) == 0 || e.pop > g.entries[best[0].ref.id].pop) {
				best = []cand{{ref: nameRef{id: r.id, kind: namePrimary}, prior: g.priorScore(r) + 5}}
			}
		}
		return best
	}
	var out []cand
	for _, c := range cs {
		e := &g.entries[c.ref.id]
		if e.feature != FeatureCity || e.pop >= 100000 {
			out = append(out, c)
		}
	}
	return out
}

func hasPrimary(cs []cand) bool {
	for _, c := range cs {
		if c.ref.kind == namePrimary || c.ref.kind == nameAcronym {
			return true
		}
	}
	return false
}

func landmarkKey(k string) bool {
	c, _ := landmark(k)
	return c != ""
}

// capitalisedPrefixEnd returns the end of the leading run of capitalised
// words of text[start:end].
func capitalisedPrefixEnd(text string, start, end int) int {
	last := start
	i := start
	for i < end {
		for i < end && text[i] == ' ' {
			i++
		}
		j := i
		for j < end && text[j] != ' ' {
			j++
		}
		if i >= j {
			break
		}
		if !startsUpper(text[i:j]) {
			break
		}
		last = j
		i = j
	}
	if last == start {
		return end
	}
	return last
}

func allWordsCapitalised(s string) bool {
	for _, w := range strings.Fields(s) {
		if !startsUpper(w) {
			return false
		}
	}
	return s != ""
}

// regionName reports names of continents and world regions, which are
// places but not in the gazetteer; towns that share them are never meant.
func regionName(key string) bool {
	switch key {
	case "africa", "asia", "europe", "america", "north america", "south america", "latin america", "central america",
		"middle east", "near east", "far east", "oceania", "antarctica", "arctic", "antarctic", "eurasia", "caribbean",
		"balkans", "caucasus", "sahel", "maghreb", "levant", "scandinavia", "horn of africa", "sub saharan africa",
		"west africa", "east africa", "southern africa", "north africa", "central asia", "south asia", "southeast asia",
		"east asia", "western europe", "eastern europe", "central europe", "gulf", "persian gulf", "indo pacific",
		"pacific", "atlantic", "indian ocean", "mediterranean", "baltic", "black sea", "red sea", "south china sea":
		return true
	}
	return false
}

// stripKindWord removes a trailing kind-of-place word.
func stripKindWord(k string) string {
	for _, w := range []string{" state", " province", " region", " oblast", " governorate", " city", " district", " county", " town"} {
		if strings.HasSuffix(k, w) {
			return strings.TrimSuffix(k, w)
		}
	}
	return k
}

// candidates returns the entries a name may refer to, with their prior
// scores.
func (g *Gazetteer) candidates(text, key string) []cand {
	if regionName(key) {
		return nil // "Africa" is not the Tunisian town that GeoNames also calls so
	}
	refs := g.lookup(key)
	if len(refs) == 0 {
		return nil
	}
	acronymText := allUpperLetters(text)
	abbrev := isAbbreviation(text)
	out := make([]cand, 0, len(refs))
	for _, r := range refs {
		if r.kind == nameAcronym && !acronymText {
			continue // "us" is not the United States
		}
		if abbrev && r.kind != nameAcronym && g.entries[r.id].feature != FeatureCountry {
			continue // "U.N." is not the town of Un
		}
		out = append(out, cand{ref: r, prior: g.priorScore(r)})
	}
	return out
}

// wellKnownAlts is the number of GeoNames alternate names from which a
// place counts as well known.
const wellKnownAlts = 30

// priorScore is a candidate's score before context: population on a log
// scale, capitals and countries first, alternate names last.
func (g *Gazetteer) priorScore(r nameRef) float64 {
	e := &g.entries[r.id]
	s := math.Log10(float64(e.pop) + 10)
	switch e.feature {
	case FeatureCountry:
		s += 3
	case FeatureCity:
		switch e.code {
		case "PPLC":
			s += 1.5
		case "PPLA", "PPLG":
			s += 0.5
		case "PPLX":
			s -= 0.5 // a section of a bigger city
		}
	}
	switch r.kind {
	case nameAlt:
		if e.nalts < wellKnownAlts {
			s -= 1
		} else {
			s -= 0.6 // a famous city's exonyms ("Geneva", "Kiev") are nearly as good as its name
		}
	case nameStripped:
		s -= 0.8
	}
	return s
}

// isAbbreviation reports initials ("U.N.", "U.S.") and short all-capital
// words ("UN", "EU"), which only acronym aliases may match.
func isAbbreviation(s string) bool {
	letters, dots := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		case r == '.':
			dots++
		}
	}
	return letters > 0 && (letters <= 3 || dots > 0 && dots >= letters-1)
}

func allUpperLetters(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n > 0
}

// canQualify reports whether a mention can be the qualifier in "Paris,
// Texas": a country or an admin area.
func (g *Gazetteer) canQualify(m *mention) bool {
	for _, c := range m.cands {
		if f := g.entries[c.ref.id].feature; f == FeatureCountry || f == FeatureAdmin1 {
			return true
		}
	}
	return len(m.cands) == 0 && abbrevState(m.text) != ""
}

// localCue looks at the words around a mention for the kind of place meant.
func localCue(doc *chronicle.Document, m *mention) string {
	after := strings.ToLower(strings.TrimSpace(doc.Text[m.end:min(len(doc.Text), m.end+14)]))
	for _, w := range []string{"state", "province", "region", "oblast", "governorate", "county"} {
		if strings.HasPrefix(after, w) && (len(after) == len(w) || !isLetterByte(after[len(w)])) {
			return cueAdmin
		}
	}
	before := strings.ToLower(doc.Text[max(0, m.start-20):m.start])
	before = strings.TrimRight(before, " ")
	for _, w := range []string{"state of", "province of", "region of", "states of"} {
		if strings.HasSuffix(before, w) {
			return cueAdmin
		}
	}
	for _, w := range []string{"city of", "town of", "capital of", "village of", "capital", "capital,", "port of", "port city of", "city,", "town,", "city"} {
		if strings.HasSuffix(before, w) {
			return cueCity
		}
	}
	return cueNone
}

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// abbrevState maps the common abbreviations of US states used after a
// comma ("Cambridge, Mass.") to admin1 codes.
func abbrevState(s string) string {
	switch strings.TrimSuffix(strings.TrimSpace(s), ".") {
	case "Mass":
		return "MA"
	case "Calif":
		return "CA"
	case "Va":
		return "VA"
	case "Ga":
		return "GA"
	case "Tex":
		return "TX"
	case "Fla":
		return "FL"
	case "Wash":
		return "WA"
	case "Ore":
		return "OR"
	case "Ky":
		return "KY"
	case "Tenn":
		return "TN"
	case "Ill":
		return "IL"
	case "Pa":
		return "PA"
	case "Md":
		return "MD"
	case "Minn":
		return "MN"
	case "Ohio":
		return "OH"
	}
	return ""
}

// abbrevCands returns the US state a comma-preceded abbreviation names
// ("Cambridge, Mass."), as a candidate list.
func (g *Gazetteer) abbrevCands(doc *chronicle.Document, start int, text string) []cand {
	st := abbrevState(text)
	if st == "" {
		return nil
	}
	before := strings.TrimRight(doc.Text[:start], " ")
	if !strings.HasSuffix(before, ",") {
		return nil
	}
	id, ok := g.admin1["US."+st]
	if !ok {
		return nil
	}
	r := nameRef{id: id, kind: namePrimary}
	return []cand{{ref: r, prior: g.priorScore(r)}}
}

// tokenRange returns the tokens of s overlapping the byte span, or -1, -1.
func tokenRange(s *chronicle.Sentence, start, end int) (int, int) {
	ts, te := -1, -1
	for i, t := range s.Tokens {
		if t.End > start && t.Start < end {
			if ts < 0 {
				ts = i
			}
			te = i + 1
		}
	}
	return ts, te
}

// scan finds gazetteer names in capitalised token runs of sentence si that no
// entity covers.
func (g *Gazetteer) scan(doc *chronicle.Document, si int, covered []bool) []*mention {
	toks := doc.Sentences[si].Tokens
	var out []*mention
	for i := 0; i < len(toks); i++ {
		if covered[i] || !g.runStart(toks, i) {
			continue
		}
		for j := min(len(toks), i+g.maxTokens+2); j > i; j-- {
			if !g.runOK(toks, covered, i, j) {
				continue
			}
			start, end := toks[i].Start, toks[j-1].End
			if start < 0 || end > len(doc.Text) || start >= end {
				break
			}
			text := doc.Text[start:end]
			key := NormKey(text)
			cs := g.candidates(text, key)
			if len(cs) == 0 {
				cs = g.abbrevCands(doc, start, text)
			}
			if len(cs) == 0 || !g.acceptScan(doc, toks, i, j, cs) {
				continue
			}
			m := g.newMention(doc, si, start, end, false, chronicle.EntGPE)
			if m == nil || len(m.cands) == 0 {
				continue
			}
			out = append(out, m)
			i = j - 1
			break
		}
	}
	return out
}

// runStart reports whether a place name may start at token i.
func (g *Gazetteer) runStart(toks []chronicle.Token, i int) bool {
	t := toks[i].Text
	if !startsUpper(t) {
		return false
	}
	if i == 0 || isSentenceStart(toks, i) {
		if functionWord(strings.ToLower(t)) {
			return false
		}
	}
	return true
}

func isSentenceStart(toks []chronicle.Token, i int) bool {
	for k := i - 1; k >= 0; k-- {
		if isWordToken(toks[k].Text) {
			return false
		}
		if t := toks[k].Text; t == "—" || t == "–" || t == ":" || t == "\"" || t == "“" || t == "(" {
			return true
		}
	}
	return true
}

// runOK reports whether tokens i..j-1 can form a place name: capitalised
// words joined by connectors ("Rio de Janeiro") and hyphens, none covered by
// an entity.
func (g *Gazetteer) runOK(toks []chronicle.Token, covered []bool, i, j int) bool {
	if !startsUpper(toks[j-1].Text) && !hasPossessive(toks[j-1].Text) {
		return false
	}
	for k := i; k < j; k++ {
		if covered[k] {
			return false
		}
		t := toks[k].Text
		switch {
		case startsUpper(t):
		case k > i && k < j-1 && (connector(t) || t == "-" || t == "'" || t == "’"):
		default:
			return false
		}
		if k > i && toks[k].Start > toks[k-1].End+1 {
			return false // a line break or double space in between
		}
	}
	return true
}

func hasPossessive(t string) bool {
	return strings.HasSuffix(t, "'s") || strings.HasSuffix(t, "’s")
}

// acceptScan decides whether a gazetteer match outside the recogniser's
// entities is a place mention: a whole capitalised run, a proper noun when
// the tagger ran, and no common capitalised word at the start of a sentence.
func (g *Gazetteer) acceptScan(doc *chronicle.Document, toks []chronicle.Token, i, j int, cs []cand) bool {
	// The match must be the whole run of capitalised words: "Jackson" in
	// "Andrew Jackson" or "Kyiv" in "Kyiv Mayor" is not a place mention.
	if i > 0 && startsUpper(toks[i-1].Text) && isWordToken(toks[i-1].Text) &&
		!(isSentenceStart(toks, i-1) && functionWord(strings.ToLower(toks[i-1].Text))) {
		return false
	}
	if j < len(toks) && startsUpper(toks[j].Text) && isWordToken(toks[j].Text) {
		return false
	}
	tagged := false
	propn := false
	for k := i; k < j; k++ {
		if toks[k].UPOS != "" {
			tagged = true
		}
		switch toks[k].UPOS {
		case "PROPN":
			propn = true
		case "NOUN", "X":
			// Taggers often call an unknown capitalised word mid-sentence
			// a noun ("Emilia-Romagna"); at a sentence start it is more
			// likely a real common noun ("Police").
			propn = propn || !isSentenceStart(toks, i)
		}
		if n := toks[k].NER; n != "" && n != "O" && !strings.HasSuffix(n, "GPE") && !strings.HasSuffix(n, "LOC") && !strings.HasSuffix(n, "FAC") {
			return false
		}
	}
	if tagged && !propn {
		return false
	}
	// When the recogniser ran and saw no entity here, only names that are
	// rarely anything but places pass.
	nerRan := false
	for _, tk := range toks {
		if tk.NER != "" {
			nerRan = true
			break
		}
	}
	best := 0.0
	bestFeature := ""
	for _, c := range cs {
		if c.prior > best {
			best = c.prior
			bestFeature = g.entries[c.ref.id].feature
		}
	}
	single := j-i == 1
	if single && stopWord(toks[i].Text) {
		return false
	}
	bestKind := namePrimary
	for _, c := range cs {
		if c.prior == best {
			bestKind = c.ref.kind
		}
	}
	if single && bestKind == nameAlt && !g.wellKnown(cs) && localCueAt(doc, toks[i].Start) != cueCity {
		return false // "Cheng" is a surname before it is an old name of Zhengzhou
	}
	locative := false
	if i > 0 {
		w := strings.ToLower(toks[i-1].Text)
		locative = locativePrep(w) || w == "from" || w == "of" && i > 1 && placeNoun(strings.ToLower(toks[i-2].Text))
	}
	if nerRan && bestFeature != FeatureCountry && best < 6 && !(locative && best >= 4.5) {
		return false
	}
	if single && bestFeature == FeatureCity && best < 4.5 {
		return false // a small town named like a common word or a surname
	}
	if single && isSentenceStart(toks, i) && bestFeature == FeatureCity && best < 6 && !tagged {
		return false
	}
	return true
}

// wellKnown reports whether the best candidate is a well-known place,
// whose alternate names (exonyms such as "Antwerp") are safe to match.
func (g *Gazetteer) wellKnown(cs []cand) bool {
	best := -1
	for i, c := range cs {
		if best < 0 || c.prior > cs[best].prior {
			best = i
		}
	}
	return best >= 0 && g.entries[cs[best].ref.id].nalts >= wellKnownAlts
}

// localCueAt is localCue for a name starting at byte start.
func localCueAt(doc *chronicle.Document, start int) string {
	return localCue(doc, &mention{start: start, end: start})
}

func startsUpper(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r)
}

func isWordToken(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func connector(t string) bool {
	switch t {
	case "of", "de", "del", "da", "do", "dos", "das", "la", "le", "les", "el", "al", "and", "the", "upon", "on", "sur", "am", "an", "der", "di", "y", "en", "es":
		return true
	}
	return false
}

// functionWord reports closed-class words that start sentences capitalised.
func functionWord(w string) bool {
	switch w {
	case "in", "at", "on", "from", "after", "before", "the", "a", "an", "and", "but", "or", "when", "while", "as", "for",
		"to", "with", "by", "during", "since", "near", "outside", "inside", "across", "meanwhile", "then", "also", "last",
		"this", "that", "these", "those", "there", "here", "yet", "so", "if", "of", "under", "over", "between", "among",
		"about", "through", "throughout", "until", "despite", "it", "he", "she", "they", "we", "i", "his", "her", "their",
		"its", "our", "some", "many", "most", "all", "no", "not", "both", "each", "every", "other", "such", "what", "who",
		"where", "why", "how", "which", "earlier", "later", "now", "today", "still", "even", "only", "just", "however":
		return true
	}
	return false
}

// stopWord lists capitalised words that name towns somewhere but in news
// text are titles, institutions, months, days or common nouns.
func stopWord(t string) bool {
	switch strings.ToLower(t) {
	case "president", "minister", "prime", "general", "police", "army", "congress", "senate", "parliament",
		"government", "state", "city", "republic", "union", "mobile", "reading", "nice", "split", "bath", "van",
		"mark", "hope", "victory", "liberty", "independence", "progress", "mission", "commerce", "friendship",
		"justice", "concord", "sale", "march", "may", "june", "july", "august", "april", "january", "february",
		"september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday", "god", "lord", "university", "court", "supreme", "national", "federal", "central",
		"north", "south", "east", "west", "northern", "southern", "eastern", "western", "said", "says", "mr", "mrs",
		"ms", "dr", "sir", "new", "man", "deal", "best", "orange", "media", "reuters", "providence", "paradise",
		"enterprise", "harmony", "opportunity", "unity", "freedom", "peace", "valley", "ocean", "bay", "lake", "river",
		"mount", "island", "islands", "sea", "gulf", "house", "white", "black", "green", "red", "gold", "silver",
		"atlantic", "pacific", "arctic", "port", "harbor", "harbour", "bridge", "square", "fort":
		return true
	}
	return false
}
