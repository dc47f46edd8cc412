package claim

import (
	"regexp"
	"strconv"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

// Amount kinds.
const (
	kindCount = iota
	kindPercent
	kindMoney
	kindFraction
)

// amount is a quantity found in a sentence; offsets are relative to it.
type amount struct {
	start, end int
	q          chronicle.Quantity
	kind       int
	vague      bool // a word amount such as "dozens"
	hasScale   bool
	used       bool // absorbed by a trend or comparison
}

var (
	digitRE        = regexp.MustCompile(`^(?:(?i)(US\$|\$|€|£)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(thousand|million|billion|trillion|bn|m)\b)?(?:\s?(%|percent\b|per cent\b|percentage points?\b))?)`)
	wordRE         = regexp.MustCompile(`^(?:(?i)\b(tens of thousands|hundreds of thousands|tens of millions|hundreds of millions|a few dozen|a few hundred|a few thousand|several dozen|several hundred|several thousand|half a million|a dozen|dozens|hundreds|thousands|millions|billions|a handful|a hundred|a thousand|a million|a billion|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|half|a third|one[- ]third|two[- ]thirds|a quarter|one[- ]quarter|three[- ]quarters|a majority|the majority)\b(?:\s(thousand|million|billion|dozen)\b)?(?:\s(percent|per cent)\b)?)`)
	rangeRE        = regexp.MustCompile(`(?i)^\s*(?:and|to|or|-|–)\s*`)
	timeAfterRE    = regexp.MustCompile(`(?i)^\s?(?:a\.m\.|p\.m\.|am\b|pm\b|gmt\b|utc\b|hrs\b|o'clock)`)
	yearCountRE    = regexp.MustCompile(`^\s+(?:[a-z]+\s+)?(?:people|persons|men|women|children|soldiers|troops|migrants|refugees|workers|members|residents|cases|deaths|votes|prisoners|inmates|officers|civilians|families|homes|jobs|tons|dollars)\b`)
	currencyWordRE = regexp.MustCompile(`(?i)^\s+(dollars|euros|pounds|yuan|rubles|pesos)\b`)
)

// vagueRange gives the range a vague amount stands for.
func vagueRange(s string) (lo, hi float64, ok bool) {
	switch strings.ToLower(s) {
	case "tens of thousands":
		return 20000, 99999, true
	case "hundreds of thousands":
		return 200000, 999999, true
	case "tens of millions":
		return 20e6, 99999999, true
	case "hundreds of millions":
		return 200e6, 999999999, true
	case "a few dozen":
		return 24, 60, true
	case "a few hundred":
		return 200, 500, true
	case "a few thousand":
		return 2000, 5000, true
	case "several dozen":
		return 36, 96, true
	case "several hundred":
		return 300, 900, true
	case "several thousand":
		return 3000, 9000, true
	case "half a million":
		return 500000, 500000, true
	case "a dozen":
		return 12, 12, true
	case "dozens":
		return 24, 99, true
	case "hundreds":
		return 200, 999, true
	case "thousands":
		return 2000, 9999, true
	case "millions":
		return 2e6, 9999999, true
	case "billions":
		return 2e9, 9999999999, true
	case "a handful":
		return 3, 6, true
	}
	return 0, 0, false
}

// wordValue returns the value of a number word, and whether it is a
// fraction.
func wordValue(s string) (v float64, fraction bool, ok bool) {
	s = strings.ReplaceAll(strings.ToLower(s), "-", " ")
	switch s {
	case "half":
		return 0.5, true, true
	case "a third", "one third":
		return 0.333, true, true
	case "two thirds":
		return 0.667, true, true
	case "a quarter", "one quarter":
		return 0.25, true, true
	case "three quarters":
		return 0.75, true, true
	case "a majority", "the majority":
		return 0.5, true, true
	case "a hundred":
		return 100, false, true
	case "a thousand":
		return 1000, false, true
	case "a million":
		return 1e6, false, true
	case "a billion":
		return 1e9, false, true
	}
	units := map[string]float64{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
		"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
		"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "one": 1}
	tens := map[string]float64{"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
		"seventy": 70, "eighty": 80, "ninety": 90}
	parts := strings.Fields(s)
	if len(parts) == 0 {
		return 0, false, false
	}
	if v, ok := units[parts[0]]; ok && len(parts) == 1 {
		return v, false, true
	}
	if t, ok := tens[parts[0]]; ok {
		if len(parts) == 1 {
			return t, false, true
		}
		if u, ok := units[parts[1]]; ok && len(parts) == 2 {
			return t + u, false, true
		}
	}
	return 0, false, false
}

func scaleOf(s string) float64 {
	switch strings.ToLower(s) {
	case "thousand":
		return 1e3
	case "million", "m":
		return 1e6
	case "billion", "bn":
		return 1e9
	case "trillion":
		return 1e12
	case "dozen":
		return 12
	}
	return 1
}

func currencyCode(s string) string {
	switch strings.ToLower(s) {
	case "$", "us$", "dollars":
		return "USD"
	case "€", "euros":
		return "EUR"
	case "£", "pounds":
		return "GBP"
	case "yuan":
		return "CNY"
	case "rubles":
		return "RUB"
	case "pesos":
		return "pesos"
	}
	return ""
}

// amounts finds the quantities of the sentence, with their hedges, ranges
// and units.
func (sc *scanner) amounts() []*amount {
	var raw []*amount
	if sc.cues&cueDigit != 0 {
		for _, m := range sc.matchAt(digitRE, sc.digitStarts()) {
			if a := sc.digitAmount(m); a != nil {
				raw = append(raw, a)
			}
		}
	}
	if sc.cues&cueNumberWord != 0 {
		for _, m := range sc.matchAt(wordRE, sc.wordStarts(numberWord, 2)) {
			if a := sc.wordAmount(m); a != nil {
				raw = append(raw, a)
			}
		}
	}
	sortAmounts(raw)
	// Ranges: "between 1,500 and 3,000", "10 to 15", "1.5-2 million".
	var out []*amount
	for i := 0; i < len(raw); i++ {
		a := raw[i]
		if i+1 < len(raw) && (a.kind == raw[i+1].kind || a.kind == kindCount) && !a.vague && !raw[i+1].vague {
			b := raw[i+1]
			if loc := rangeRE.FindStringIndex(sc.text[a.end:]); loc != nil && a.end+loc[1] == b.start && !sc.trendFrom(a.start) {
				if !a.hasScale && b.hasScale && a.q.Low < b.q.Low/1000 {
					scale := b.q.Low / b.rawValue()
					a.q.Low *= scale
					a.q.High *= scale
				}
				if a.q.Unit == "" {
					a.q.Unit = b.q.Unit
				}
				merged := &amount{start: a.start, end: b.end, kind: b.kind, hasScale: b.hasScale,
					q: chronicle.Quantity{Low: min(a.q.Low, b.q.Low), High: max(a.q.High, b.q.High), Unit: b.q.Unit}}
				out = append(out, merged)
				i++
				continue
			}
		}
		out = append(out, a)
	}
	for _, a := range out {
		sc.hedge(a)
		sc.unit(a)
	}
	return out
}

// rawValue is the amount's number before its scale word, used to carry a
// scale across a range ("1.5 to 2 million").
func (a *amount) rawValue() float64 {
	if a.hasScale {
		for _, s := range []float64{1e12, 1e9, 1e6, 1e3} {
			if a.q.Low >= s {
				return a.q.Low / s
			}
		}
	}
	return a.q.Low
}

func sortAmounts(as []*amount) {
	for i := 1; i < len(as); i++ {
		for j := i; j > 0 && as[j].start < as[j-1].start; j-- {
			as[j], as[j-1] = as[j-1], as[j]
		}
	}
}

// digitAmount reads a number written in digits, or returns nil when it is
// not a claim (a date, a name, a time, an age, a designator).
func (sc *scanner) digitAmount(m []int) *amount {
	start, end := m[0], m[1]
	numStart := m[4]
	if sc.blocked(start, end) {
		return nil
	}
	t := sc.text
	if numStart > 0 {
		p := t[numStart-1]
		if isAlnum(p) || p == '/' || p == ':' || p == '#' || p == '.' || p == ',' ||
			(p == '-' && numStart > 1 && isAlnum(t[numStart-2])) {
			return nil // MS-13, G20, 3/4, 10:30
		}
	}
	if end < len(t) {
		n := t[end]
		if isAlnum(n) || n == ':' || n == '/' || (n == '-' && end+1 < len(t) && isAlnum(t[end+1])) {
			return nil // 3rd, 5G, 45-year-old, 10:30
		}
	}
	after := t[end:]
	before := t[max(0, start-24):start]
	if prev := sc.wordBefore(start, true); timeAfterRE.MatchString(after) || ageWord(prev) || designator(prev) {
		return nil
	}
	numText := t[m[4]:m[5]]
	v, err := strconv.ParseFloat(strings.ReplaceAll(numText, ",", ""), 64)
	if err != nil {
		return nil
	}
	cur, scale, pct := sub(t, m, 1), sub(t, m, 3), sub(t, m, 4)
	if cur == "" && scale == "" && pct == "" {
		// A year, or a list marker at the start of the sentence.
		if len(numText) == 4 && v >= 1800 && v <= 2100 && !yearCountRE.MatchString(after) {
			return nil
		}
		if strings.TrimSpace(t[:start]) == "" && (strings.HasPrefix(after, ".") || strings.HasPrefix(after, ")")) {
			return nil
		}
		// An age in apposition: "Jane Doe, 45, said".
		if v < 120 && strings.HasSuffix(strings.TrimRight(before, " "), ",") && strings.HasPrefix(after, ",") && sc.personBefore(start) {
			return nil
		}
	}
	a := &amount{start: start, end: end, hasScale: scale != ""}
	v *= scaleOf(scale)
	a.q = chronicle.Quantity{Low: v, High: v}
	switch {
	case pct != "":
		a.kind, a.q.Unit = kindPercent, "percent"
	case cur != "":
		a.kind, a.q.Unit = kindMoney, currencyCode(cur)
	default:
		if cm := currencyWordRE.FindStringSubmatchIndex(after); cm != nil {
			a.kind, a.q.Unit = kindMoney, currencyCode(after[cm[2]:cm[3]])
			a.end += cm[1]
		}
	}
	return a
}

// wordAmount reads a number written in words.
func (sc *scanner) wordAmount(m []int) *amount {
	start, end := m[0], m[1]
	if sc.blocked(start, end) {
		return nil
	}
	t := sc.text
	phrase := sub(t, m, 1)
	scale, pct := sub(t, m, 2), sub(t, m, 3)
	after := t[end:]
	a := &amount{start: start, end: end, hasScale: scale != ""}
	if lo, hi, ok := vagueRange(phrase); ok {
		a.vague = true
		a.q = chronicle.Quantity{Low: lo, High: hi, Approx: true}
		return a
	}
	v, fraction, ok := wordValue(phrase)
	if !ok {
		return nil
	}
	if fraction {
		// "half" is a claim only as a share: "half of", "more than half".
		if mod, _ := sc.modifierBefore(start); !strings.HasPrefix(strings.ToLower(strings.TrimLeft(after, " ")), "of ") && mod == "" {
			return nil
		}
		a.kind = kindFraction
		a.q = chronicle.Quantity{Low: v, High: v, Unit: "fraction"}
		if strings.HasSuffix(strings.ToLower(phrase), "majority") {
			a.q.High, a.q.Approx = 1, true
		}
		return a
	}
	prev := sc.wordBefore(start, false)
	if scale == "" && pct == "" && definite(prev) {
		return nil // "the two leaders"
	}
	if designator(prev) {
		return nil
	}
	v *= scaleOf(scale)
	a.q = chronicle.Quantity{Low: v, High: v}
	if pct != "" {
		a.kind, a.q.Unit = kindPercent, "percent"
	} else if cm := currencyWordRE.FindStringSubmatchIndex(after); cm != nil {
		a.kind, a.q.Unit = kindMoney, currencyCode(after[cm[2]:cm[3]])
		a.end += cm[1]
	}
	return a
}

// hedge applies the modifier before an amount: "about", "more than", "up to".
func (sc *scanner) hedge(a *amount) {
	mod, modStart := sc.modifierBefore(a.start)
	if mod == "" {
		return
	}
	switch mod {
	case "between", "from", "only", "just":
		if a.q.Low == a.q.High && (mod == "between" || mod == "from") {
			return // no range followed
		}
	case "about", "around", "roughly", "approximately", "nearly", "almost", "some",
		"an estimated", "estimated", "close to", "as many as", "upwards of":
		a.q.Approx = true
	case "more than", "over", "at least", "no fewer than", "just over", "well over", "above", "in excess of":
		a.q.Approx = true
		switch a.kind {
		case kindFraction:
			a.q.High = 1
		case kindPercent:
			a.q.High = max(100, a.q.High)
		}
	case "fewer than", "less than", "up to", "at most", "no more than", "under", "below", "just under":
		a.q.Approx = true
		a.q.Low = 0
	}
	a.start = modStart
}

// wordBefore returns the lower-case word just before offset off, separated
// from it by spaces only (or by ". " when dot is set, for "No. 2").
func (sc *scanner) wordBefore(off int, dot bool) string {
	ws := sc.wordsBefore(off, 1, dot)
	if len(ws) == 0 {
		return ""
	}
	return ws[0].lower
}

// wordsBefore returns up to n words ending just before off, nearest last,
// separated by spaces only.
func (sc *scanner) wordsBefore(off, n int, dot bool) []wordPos {
	i := len(sc.words) - 1
	for i >= 0 && sc.words[i].end > off {
		i--
	}
	var out []wordPos
	for ; i >= 0 && len(out) < n; i-- {
		w := sc.words[i]
		gap := sc.text[w.end:off]
		if len(out) > 0 {
			gap = sc.text[w.end:out[0].start]
		}
		if strings.Trim(gap, " ") != "" && !(dot && len(out) == 0 && strings.Trim(gap, " ") == ".") {
			break
		}
		out = append([]wordPos{w}, out...)
	}
	return out
}

// modifierBefore returns the hedge before offset off ("more than", "about")
// and where it starts, or "".
func (sc *scanner) modifierBefore(off int) (string, int) {
	ws := sc.wordsBefore(off, 3, false)
	for k := len(ws); k >= 1; k-- {
		phrase := ""
		for _, w := range ws[len(ws)-k:] {
			if phrase != "" {
				phrase += " "
			}
			phrase += w.lower
		}
		switch phrase {
		case "between", "from", "about", "around", "roughly", "approximately", "nearly", "almost",
			"some", "an estimated", "estimated", "more than", "over", "at least", "fewer than",
			"less than", "up to", "as many as", "at most", "close to", "just over", "just under",
			"under", "below", "above", "no fewer than", "no more than", "well over", "upwards of",
			"in excess of", "only", "just":
			return phrase, ws[len(ws)-k].start
		}
	}
	return "", 0
}

func ageWord(w string) bool { return w == "aged" || w == "age" || w == "ages" }

func definite(w string) bool {
	switch w {
	case "the", "these", "those", "both", "its", "their", "his", "her", "our", "all", "my", "your":
		return true
	}
	return false
}

// designator reports whether a number after w names a thing rather than
// counting: "Article 5", "No. 2", "Flight 370".
func designator(w string) bool {
	switch w {
	case "no", "nos", "number", "article", "section", "chapter", "title", "resolution", "room",
		"route", "highway", "flight", "gate", "page", "paragraph", "phase", "level", "grade",
		"channel", "district", "zone", "category", "class", "version", "model", "amendment",
		"item", "step", "tier", "stage", "division", "brigade", "battalion", "regiment", "corps",
		"squad", "platoon", "unit", "terminal", "platform", "line", "row", "seat", "week", "day",
		"round", "game", "match", "act", "covid", "ms", "g", "f", "su", "mig", "type":
		return true
	}
	return false
}

// unit finds the head noun that says what an amount counts, and extends the
// amount over it.
func (sc *scanner) unit(a *amount) {
	if a.kind == kindPercent || a.kind == kindMoney {
		return
	}
	unit, end := sc.headNoun(a.end)
	if unit != "" {
		if a.kind == kindFraction {
			return // "half of the voters": the unit stays "fraction"
		}
		a.q.Unit, a.end = unit, end
		return
	}
	if v := sc.prevWord(a.start); peopleVerb(v) {
		a.q.Unit = "people"
	}
}

// weak reports whether an amount says too little to be a claim: a small
// number in words with nothing counted ("two of them", "Four were hurt"
// keeps its unit when the tagger finds one).
func (a *amount) weak(text string) bool {
	if a.q.Unit != "" || a.vague || a.q.Approx || a.kind != kindCount {
		return false
	}
	c := text[a.start]
	return !(c >= '0' && c <= '9') && a.q.High < 20
}

func sub(s string, m []int, g int) string {
	if 2*g+1 >= len(m) || m[2*g] < 0 {
		return ""
	}
	return s[m[2*g]:m[2*g+1]]
}

func isAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}

// peopleVerb reports whether a bare count after verb w counts people:
// "detained tens of thousands".
func peopleVerb(w string) bool {
	switch strings.ToLower(w) {
	case "detained", "detaining", "detain", "detains", "arrested", "arresting", "arrest", "killed",
		"killing", "kill", "displaced", "displacing", "deported", "deporting", "deport", "evacuated",
		"evacuating", "injured", "wounded", "rescued", "jailed", "jailing", "imprisoned", "expelled",
		"freed", "released", "releasing", "executed", "kidnapped", "abducted", "hired", "employed",
		"employs", "sheltered", "sheltering", "hosting", "hosts", "hosted", "welcomed", "admitted":
		return true
	}
	return false
}
