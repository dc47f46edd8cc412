package timex

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
)

// Annotate fills doc.Dates, resolving relative expressions against doc.Date.
// It returns an error when doc.Date is set but is not a date; absolute dates
// are still filled in that case.
func Annotate(ctx context.Context, doc *chronicle.Document) error {
	pub, hasPub, perr := ParsePubDate(doc.Date)
	doc.Dates = doc.Dates[:0]
	for si, s := range doc.Sentences {
		if si%64 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("resolve dates: %w", err)
			}
		}
		if !sentenceValid(doc.Text, s) {
			continue
		}
		r := resolver{pub: pub, hasPub: hasPub, text: doc.Text[s.Start:s.End], base: s.Start,
			words: sentenceWords(doc.Text, s)}
		for _, m := range r.find() {
			doc.Dates = append(doc.Dates, chronicle.DateMention{
				Text: r.text[m.start:m.end], Value: m.value,
				Start: s.Start + m.start, End: s.Start + m.end, Sentence: si,
			})
		}
	}
	if perr != nil {
		return fmt.Errorf("resolve dates of document %q: %w", doc.ID, perr)
	}
	return nil
}

// ParsePubDate parses a publication date given as YYYY-MM-DD, YYYYMMDD or an
// RFC 3339 time. An empty string yields ok == false and no error.
func ParsePubDate(s string) (t time.Time, ok bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, nil
	}
	for _, layout := range []string{"2006-01-02", "20060102", time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, time.UTC), true, nil
		}
	}
	if len(s) > 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, time.UTC), true, nil
		}
	}
	return time.Time{}, false, fmt.Errorf("publication date %q is not YYYY-MM-DD", s)
}

// ForSpan returns the date expression that governs the byte range
// [start, end) of sentence sent (an event's trigger, a claim): with a parse,
// a date attached to a verb inside the range; else a date inside the range;
// else the nearest one in the same clause (not across ";", a dash, quote
// marks or "but", "while", "after", "before", "when"); else the nearest in
// the sentence. It returns nil when the sentence has no date. The result
// points into doc.Dates. Offsets are byte offsets into doc.Text.
//
// The event coder calls it to give each event its own date.
func ForSpan(doc *chronicle.Document, sent, start, end int) *chronicle.DateMention {
	best, bestScore := -1, 0
	var ws []word
	for i := range doc.Dates {
		d := &doc.Dates[i]
		if d.Sentence != sent {
			continue
		}
		// With a parse, a date attached to a verb inside the span governs it.
		if ws == nil && sent >= 0 && sent < len(doc.Sentences) && sentenceValid(doc.Text, doc.Sentences[sent]) {
			ws = sentenceWords(doc.Text, doc.Sentences[sent])
		}
		if v := dateVerb(ws, d); v >= 0 && ws[v].start >= start && ws[v].end <= end && !(d.Start >= start && d.End <= end) {
			if best < 0 || bestScore > -1 {
				best, bestScore = i, -1
			}
			continue
		}
		score := 0
		lo, hi := 0, 0 // the text between the span and the date
		switch {
		case d.End <= start:
			score, lo, hi = start-d.End, d.End, start
		case d.Start >= end:
			score, lo, hi = d.Start-end, end, d.Start
		}
		if hi > lo && lo >= 0 && hi <= len(doc.Text) && crossesClause(doc.Text[lo:hi]) {
			score += 10000
		}
		if best < 0 || score < bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return nil
	}
	return &doc.Dates[best]
}

// dateVerb returns the index of the parsed verb governing date d, or -1.
func dateVerb(ws []word, d *chronicle.DateMention) int {
	i, j := -1, -1
	for k, w := range ws {
		if i < 0 && w.start >= d.Start {
			i = k
		}
		if w.start >= d.End {
			j = k
			break
		}
	}
	if i < 0 || i >= len(ws) {
		return -1
	}
	if j < 0 {
		j = len(ws)
	}
	return governingVerb(ws, i, j)
}

var clauseSepRE = regexp.MustCompile(`[;“”"]|\s[–—]\s|\b(?:but|while|whereas|although|after|before|when)\b`)

func crossesClause(between string) bool { return clauseSepRE.MatchString(between) }

// resolver finds and resolves the date expressions of one sentence.
type resolver struct {
	pub    time.Time
	hasPub bool
	text   string // the sentence
	base   int    // offset of the sentence in the document
	words  []word
}

// mention is a date found in the sentence; offsets are relative to it.
type mention struct {
	start, end int
	value      string
}

// rule finds one kind of expression; resolve returns the span and value for
// one regexp match, or ok == false to reject it.
type rule struct {
	need    cues // the cues a sentence must have for the rule to be tried
	re      *regexp.Regexp
	resolve func(r *resolver, m []int) (start, end int, value string, ok bool)
}

// cues are cheap tests on a sentence that let find skip rules which cannot
// match; the regular expressions are the costly part of the stage.
type cues uint8

const (
	cueDigit cues = 1 << iota
	cueMonth
	cueWeekday
	cueRelDay
	cueUnit
)

func sentenceCues(text string) cues {
	var c cues
	if strings.ContainsAny(text, "0123456789") {
		c |= cueDigit
	}
	lower := strings.ToLower(text)
	for _, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.Contains(lower, m) {
			c |= cueMonth
			break
		}
	}
	if strings.Contains(lower, "day") {
		c |= cueWeekday | cueRelDay
	}
	for _, w := range []string{"tonight", "tomorrow", "morning", "afternoon", "evening", "night"} {
		if strings.Contains(lower, w) {
			c |= cueRelDay
			break
		}
	}
	for _, w := range []string{"week", "month", "year", "decade"} { // "week" also finds "weekend"
		if strings.Contains(lower, w) {
			c |= cueUnit
			break
		}
	}
	return c
}

const (
	reMonth = `((?:January|February|March|April|May|June|July|August|September|October|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.|(?:Jan|Feb|Aug|Sept|Oct|Nov|Dec)\b)`
	reDay   = `(\d{1,2})(?:st|nd|rd|th)?\b`
	reYear  = `((?:1[89]|20)\d\d)\b`
	reWD    = `(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`
	reNum   = `(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|thirty|forty|fifty|sixty|a couple of|a few)`
)

var rules = []rule{
	{cueDigit, anchored(`\b(\d{4})-(\d\d)-(\d\d)\b`), (*resolver).isoDate},
	{cueMonth | cueDigit, anchored(`\b(?:` + reWD + `,?\s+)?` + reMonth + `\s+` + reDay + `(?:,?\s+` + reYear + `)?`), (*resolver).monthDay},
	{cueMonth | cueDigit, anchored(`\b(?:` + reWD + `,?\s+)?` + reDay + `\s+(?:of\s+)?` + reMonth + `(?:,?\s+` + reYear + `)?`), (*resolver).dayMonth},
	{cueMonth | cueDigit, anchored(`\b(?:((?i:early|mid|late))[\s-]+)?` + reMonth + `,?\s+(?:of\s+)?` + reYear), (*resolver).monthYear},
	{cueMonth, anchored(`\b(?:((?i:last|next|this|coming|past))\s+)?` + reMonth), (*resolver).bareMonth},
	{cueDigit, anchored(`\b(?i:(between|from)\s+)` + reYear + `\s*(?:and|to|until|through|till|–|-)\s*` + reYear), (*resolver).yearRange},
	{cueDigit, anchored(`\b` + reYear + `\s*[–-]\s*` + reYear), (*resolver).yearRange2},
	{cueDigit, anchored(`\b(?:((?i:early|mid|late))[\s-]+)?` + reYear + `('s|’s)?`), (*resolver).year},
	{cueDigit, anchored(`\b(?:(?i:the)\s+)?((?:18|19|20)\d0)s\b`), (*resolver).decade},
	{cueWeekday, anchored(`\b(?:((?i:last|next|this|coming|past))\s+)?` + reWD + `(?:\s+((?i:morning|afternoon|evening|night)))?`), (*resolver).weekday},
	{cueRelDay, anchored(`\b(?i:(the day before yesterday|the day after tomorrow|today|tonight|yesterday|tomorrow|this morning|this afternoon|this evening|last night))\b`), (*resolver).relDay},
	{cueUnit, anchored(`\b(?i:(?:(earlier|later|early|late)\s+)?(?:the\s+)?(last|next|this|past|coming|previous|current)\s+(week|month|year|decade))\b`), (*resolver).relUnit},
	{cueUnit, anchored(`\b(?i:(?:over\s+)?(this|last|next|the|past|coming)\s+weekend)\b`), (*resolver).weekend},
	{cueUnit, anchored(`\b(?i:(?:the\s+)?(past|last|previous|next|coming)\s+` + reNum + `\s+(days|weeks|months|years|decades))\b`), (*resolver).pastN},
	{cueUnit, anchored(`\b(?i:` + reNum + `\s+(days?|weeks?|months?|years?|decades?)\s+(ago|earlier))\b`), (*resolver).ago},
}

// anchored compiles expr to match only at the start of its input; find
// tries it at the start of each candidate word.
func anchored(expr string) *regexp.Regexp {
	return regexp.MustCompile(`^(?:` + expr + `)`)
}

// candidates returns the sentence-relative offsets of the words where a date
// expression may start.
func (r *resolver) candidates() []int {
	var out []int
	for _, w := range r.words {
		off := w.start - r.base
		if off < 0 || off >= len(r.text) {
			continue
		}
		c := r.text[off]
		lw := w.lower
		switch {
		case c >= '0' && c <= '9', monthNum(lw) > 0 && capitalized(w.text), strings.HasPrefix(lw, "mid"):
			out = append(out, off)
			continue
		}
		switch lw {
		case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
			"last", "next", "this", "past", "coming", "previous", "current", "earlier", "later",
			"early", "late", "the", "between", "from", "today", "tonight", "yesterday", "tomorrow", "over",
			"a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
			"eleven", "twelve", "fifteen", "eighteen", "twenty", "thirty", "forty", "fifty", "sixty":
			out = append(out, off)
		}
	}
	return out
}

// find returns the sentence's date expressions in text order.
func (r *resolver) find() []mention {
	var all []mention
	have := sentenceCues(r.text)
	starts := r.candidates()
	for _, ru := range rules {
		if have&ru.need != ru.need {
			continue
		}
		for _, c := range starts {
			m := ru.re.FindStringSubmatchIndex(r.text[c:])
			if m == nil {
				continue
			}
			for k := range m {
				if m[k] >= 0 {
					m[k] += c
				}
			}
			if s, e, v, ok := ru.resolve(r, m); ok && s < e {
				all = append(all, mention{s, e, v})
			}
		}
	}
	sort.SliceStable(all, func(a, b int) bool {
		la, lb := all[a].end-all[a].start, all[b].end-all[b].start
		if la != lb {
			return la > lb
		}
		return all[a].start < all[b].start
	})
	var picked []mention
	for _, m := range all {
		overlap := false
		for _, p := range picked {
			if m.start < p.end && p.start < m.end {
				overlap = true
				break
			}
		}
		if !overlap {
			picked = append(picked, m)
		}
	}
	sort.Slice(picked, func(a, b int) bool { return picked[a].start < picked[b].start })
	return r.combine(picked)
}

var (
	sinceRE    = regexp.MustCompile(`(?i)\bsince\s+$`)
	rangeOpRE  = regexp.MustCompile(`(?i)\b(?:between|from)\s+$`)
	rangeMidRE = regexp.MustCompile(`(?i)^\s*(?:and|to|until|through|till|–|-)\s*$`)
)

// combine merges "between A and B" and "from A to B" into one range and
// turns "since A" into the open range "A/".
func (r *resolver) combine(ms []mention) []mention {
	var out []mention
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		if i+1 < len(ms) && m.value != "" && ms[i+1].value != "" && !strings.Contains(m.value, "/") &&
			!strings.Contains(ms[i+1].value, "/") && rangeMidRE.MatchString(r.text[m.end:ms[i+1].start]) {
			if loc := rangeOpRE.FindStringIndex(r.before(m.start)); loc != nil {
				out = append(out, mention{max(0, m.start-32) + loc[0], ms[i+1].end, m.value + "/" + ms[i+1].value})
				i++
				continue
			}
		}
		if loc := sinceRE.FindStringIndex(r.before(m.start)); loc != nil {
			m.start = max(0, m.start-32) + loc[0]
			if m.value != "" && !strings.Contains(m.value, "/") {
				m.value += "/"
			}
		}
		out = append(out, m)
	}
	return out
}

// before returns up to 32 bytes of the sentence before relative offset i,
// enough for the look-behind tests on the preceding word.
func (r *resolver) before(i int) string {
	return r.text[max(0, i-32):i]
}

// prevWord returns the lower-case word before relative offset off when only
// spaces or a hyphen separate them ("in March", "mid-2024").
func (r *resolver) prevWord(off int) string {
	for k := len(r.words) - 1; k >= 0; k-- {
		w := r.words[k]
		e := w.end - r.base
		if e > off {
			continue
		}
		if strings.Trim(r.text[e:off], " -") != "" {
			return ""
		}
		return w.lower
	}
	return ""
}

func monthCue(w string) bool {
	switch w {
	case "in", "since", "by", "until", "till", "before", "after", "during", "from", "through",
		"early", "late", "mid", "of", "to", "and", "between", "on", "for":
		return true
	}
	return false
}

func yearCue(w string) bool {
	switch w {
	case "in", "since", "by", "until", "till", "before", "after", "during", "from", "through",
		"of", "the", "year", "and", "between", "to", "spring", "summer", "autumn", "fall", "winter":
		return true
	}
	return false
}

// group returns the text of submatch g, or "".
func (r *resolver) group(m []int, g int) string {
	if 2*g+1 >= len(m) || m[2*g] < 0 {
		return ""
	}
	return r.text[m[2*g]:m[2*g+1]]
}

// wordIndex returns the indexes of the first word at or after relative offset
// s and the first word at or after e.
func (r *resolver) wordIndex(s, e int) (int, int) {
	i, j := len(r.words), len(r.words)
	for k, w := range r.words {
		if i == len(r.words) && w.start >= r.base+s {
			i = k
		}
		if w.start >= r.base+e {
			j = k
			break
		}
	}
	return i, j
}

func (r *resolver) tense(s, e int) int {
	i, j := r.wordIndex(s, e)
	return tenseAt(r.words, i, j)
}

func day(t time.Time) string   { return t.Format("2006-01-02") }
func month(t time.Time) string { return t.Format("2006-01") }
func year(t time.Time) string  { return t.Format("2006") }

func date(y, m, d int) (time.Time, bool) {
	t := time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC)
	return t, t.Year() == y && int(t.Month()) == m && t.Day() == d
}

func monthNum(s string) int {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0
	}
	switch s[:3] {
	case "jan":
		return 1
	case "feb":
		return 2
	case "mar":
		return 3
	case "apr":
		return 4
	case "may":
		return 5
	case "jun":
		return 6
	case "jul":
		return 7
	case "aug":
		return 8
	case "sep":
		return 9
	case "oct":
		return 10
	case "nov":
		return 11
	case "dec":
		return 12
	}
	return 0
}

func numWord(s string) int {
	s = strings.ToLower(s)
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	switch s {
	case "a", "an", "one":
		return 1
	case "two", "a couple of":
		return 2
	case "three", "a few":
		return 3
	case "four":
		return 4
	case "five":
		return 5
	case "six":
		return 6
	case "seven":
		return 7
	case "eight":
		return 8
	case "nine":
		return 9
	case "ten":
		return 10
	case "eleven":
		return 11
	case "twelve":
		return 12
	case "fifteen":
		return 15
	case "eighteen":
		return 18
	case "twenty":
		return 20
	case "thirty":
		return 30
	case "forty":
		return 40
	case "fifty":
		return 50
	case "sixty":
		return 60
	}
	return 0
}

func weekdayNum(s string) time.Weekday {
	switch s {
	case "Monday":
		return time.Monday
	case "Tuesday":
		return time.Tuesday
	case "Wednesday":
		return time.Wednesday
	case "Thursday":
		return time.Thursday
	case "Friday":
		return time.Friday
	case "Saturday":
		return time.Saturday
	}
	return time.Sunday
}

func weekStart(t time.Time) time.Time {
	return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
}

func (r *resolver) isoDate(m []int) (int, int, string, bool) {
	y, _ := strconv.Atoi(r.group(m, 1))
	mo, _ := strconv.Atoi(r.group(m, 2))
	d, _ := strconv.Atoi(r.group(m, 3))
	t, ok := date(y, mo, d)
	if !ok {
		return 0, 0, "", false
	}
	return m[0], m[1], day(t), true
}

// dayMonthYear resolves a day and month with an optional year.
func (r *resolver) dayMonthYear(m []int, d, mo int, ys string) (int, int, string, bool) {
	if ys != "" {
		y, _ := strconv.Atoi(ys)
		t, ok := date(y, mo, d)
		if !ok {
			return 0, 0, "", false
		}
		return m[0], m[1], day(t), true
	}
	if _, ok := date(2024, mo, d); !ok { // 2024 is a leap year
		return 0, 0, "", false
	}
	if !r.hasPub {
		return m[0], m[1], "", true
	}
	tense := r.tense(m[0], m[1])
	var best, nearest time.Time
	found, haveNearest := false, false
	for y := r.pub.Year() - 1; y <= r.pub.Year()+1; y++ {
		t, ok := date(y, mo, d)
		if !ok {
			continue
		}
		if !haveNearest || absDays(t.Sub(r.pub)) < absDays(nearest.Sub(r.pub)) {
			nearest, haveNearest = t, true
		}
		switch tense {
		case tensePast:
			if !t.After(r.pub) {
				best, found = t, true
			}
		case tenseFuture:
			if !found && !t.Before(r.pub) {
				best, found = t, true
			}
		}
	}
	// A misread tense must not move "Feb. 28" a whole year away when the
	// same day lies within two months of P.
	const oneDay = 24 * time.Hour
	if !found || absDays(best.Sub(r.pub)) > 200*oneDay && absDays(nearest.Sub(r.pub)) <= 60*oneDay {
		best, found = nearest, haveNearest
	}
	if !found {
		return m[0], m[1], "", true
	}
	return m[0], m[1], day(best), true
}

func absDays(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func (r *resolver) monthDay(m []int) (int, int, string, bool) {
	d, _ := strconv.Atoi(r.group(m, 3))
	return r.dayMonthYear(m, d, monthNum(r.group(m, 2)), r.group(m, 4))
}

func (r *resolver) dayMonth(m []int) (int, int, string, bool) {
	d, _ := strconv.Atoi(r.group(m, 2))
	return r.dayMonthYear(m, d, monthNum(r.group(m, 3)), r.group(m, 4))
}

func (r *resolver) monthYear(m []int) (int, int, string, bool) {
	y, _ := strconv.Atoi(r.group(m, 3))
	return m[0], m[1], fmt.Sprintf("%04d-%02d", y, monthNum(r.group(m, 2))), true
}

func (r *resolver) bareMonth(m []int) (int, int, string, bool) {
	mod := strings.ToLower(r.group(m, 1))
	name := r.group(m, 2)
	mo := monthNum(name)
	after := r.text[m[1]:]
	possessive := strings.HasPrefix(after, "'s") || strings.HasPrefix(after, "’s")
	if mod == "" && !possessive && !monthCue(r.prevWord(m[0])) {
		return 0, 0, "", false
	}
	if !r.hasPub {
		return m[0], m[1], "", true
	}
	py, pm := r.pub.Year(), int(r.pub.Month())
	y := py
	switch mod {
	case "last", "past":
		if mo >= pm {
			y = py - 1
		}
	case "next", "coming":
		if mo <= pm {
			y = py + 1
		}
	case "this":
	default:
		switch r.tense(m[0], m[1]) {
		case tenseFuture:
			if mo < pm {
				y = py + 1
			}
		default: // past, or unknown: news mostly reports what happened
			if mo > pm {
				y = py - 1
			}
		}
	}
	return m[0], m[1], fmt.Sprintf("%04d-%02d", y, mo), true
}

func (r *resolver) yearRange(m []int) (int, int, string, bool) {
	a, b := r.group(m, 2), r.group(m, 3)
	if a > b {
		return 0, 0, "", false
	}
	return m[0], m[1], a + "/" + b, true
}

func (r *resolver) yearRange2(m []int) (int, int, string, bool) {
	a, b := r.group(m, 1), r.group(m, 2)
	if a >= b {
		return 0, 0, "", false
	}
	return m[0], m[1], a + "/" + b, true
}

func (r *resolver) year(m []int) (int, int, string, bool) {
	y := r.group(m, 2)
	if r.group(m, 1) == "" && r.group(m, 3) == "" && !yearCue(r.prevWord(m[0])) {
		return 0, 0, "", false
	}
	// "of 2000 people", "to 1900 troops": a count, not a year.
	if countNoun(r.text[m[1]:]) {
		return 0, 0, "", false
	}
	end := m[1]
	if r.group(m, 3) != "" {
		end = m[6] // without the possessive "'s"
	}
	return m[0], end, y, true
}

var countNounRE = regexp.MustCompile(`^\s+(?:[a-z]+\s+)?(?:people|persons|men|women|children|soldiers|troops|migrants|refugees|workers|members|residents|cases|deaths|dollars|votes|voters|prisoners|inmates|police|officers|civilians|families|homes|jobs|tons|kilometers|miles)\b`)

func countNoun(after string) bool { return countNounRE.MatchString(after) }

func (r *resolver) decade(m []int) (int, int, string, bool) {
	d, _ := strconv.Atoi(r.group(m, 1))
	return m[0], m[1], fmt.Sprintf("%04d/%04d", d, d+9), true
}

func (r *resolver) weekday(m []int) (int, int, string, bool) {
	mod := strings.ToLower(r.group(m, 1))
	wd := weekdayNum(r.group(m, 2))
	start := m[0]
	if mod == "" {
		start = m[4]
	}
	if !r.hasPub {
		return start, m[1], "", true
	}
	back := (int(r.pub.Weekday()) - int(wd) + 7) % 7
	fwd := (int(wd) - int(r.pub.Weekday()) + 7) % 7
	var t time.Time
	switch mod {
	case "last", "past":
		if back == 0 {
			back = 7
		}
		t = r.pub.AddDate(0, 0, -back)
	case "next", "coming":
		if fwd == 0 {
			fwd = 7
		}
		t = r.pub.AddDate(0, 0, fwd)
	default:
		if r.tense(start, m[1]) == tenseFuture {
			t = r.pub.AddDate(0, 0, fwd)
		} else {
			t = r.pub.AddDate(0, 0, -back)
		}
	}
	return start, m[1], day(t), true
}

func (r *resolver) relDay(m []int) (int, int, string, bool) {
	if !r.hasPub {
		return m[0], m[1], "", true
	}
	switch strings.ToLower(r.group(m, 1)) {
	case "yesterday", "last night":
		return m[0], m[1], day(r.pub.AddDate(0, 0, -1)), true
	case "tomorrow":
		return m[0], m[1], day(r.pub.AddDate(0, 0, 1)), true
	case "the day before yesterday":
		return m[0], m[1], day(r.pub.AddDate(0, 0, -2)), true
	case "the day after tomorrow":
		return m[0], m[1], day(r.pub.AddDate(0, 0, 2)), true
	}
	return m[0], m[1], day(r.pub), true
}

func (r *resolver) relUnit(m []int) (int, int, string, bool) {
	if !r.hasPub {
		return m[0], m[1], "", true
	}
	mod := strings.ToLower(r.group(m, 2))
	unit := strings.ToLower(r.group(m, 3))
	p := r.pub
	off := 0
	switch mod {
	case "last", "previous":
		off = -1
	case "next", "coming":
		off = 1
	case "past":
		// "the past week/month/year": the period ending on the publication date.
		var from time.Time
		switch unit {
		case "week":
			from = p.AddDate(0, 0, -7)
		case "month":
			from = p.AddDate(0, -1, 0)
		case "year":
			from = p.AddDate(-1, 0, 0)
		default:
			from = p.AddDate(-10, 0, 0)
		}
		return m[0], m[1], day(from) + "/" + day(p), true
	}
	switch unit {
	case "week":
		ws := weekStart(p).AddDate(0, 0, 7*off)
		return m[0], m[1], day(ws) + "/" + day(ws.AddDate(0, 0, 6)), true
	case "month":
		first := time.Date(p.Year(), p.Month(), 1, 12, 0, 0, 0, time.UTC).AddDate(0, off, 0)
		return m[0], m[1], month(first), true
	case "year":
		return m[0], m[1], strconv.Itoa(p.Year() + off), true
	}
	d := p.Year()/10*10 + 10*off
	return m[0], m[1], fmt.Sprintf("%04d/%04d", d, d+9), true
}

// weekend resolves "this weekend", "last weekend", "over the weekend" to a
// Saturday/Sunday range: "last" is the weekend before P's week, "next" the
// one after, otherwise the latest weekend ending on or before P for a past
// verb and the coming one otherwise.
func (r *resolver) weekend(m []int) (int, int, string, bool) {
	if !r.hasPub {
		return m[0], m[1], "", true
	}
	sat := weekStart(r.pub).AddDate(0, 0, 5) // Saturday of P's week
	switch strings.ToLower(r.group(m, 1)) {
	case "last", "past":
		sat = sat.AddDate(0, 0, -7)
	case "next", "coming":
		sat = sat.AddDate(0, 0, 7)
	default:
		if r.tense(m[0], m[1]) == tensePast && sat.After(r.pub) {
			sat = sat.AddDate(0, 0, -7)
		}
	}
	return m[0], m[1], day(sat) + "/" + day(sat.AddDate(0, 0, 1)), true
}

func (r *resolver) pastN(m []int) (int, int, string, bool) {
	n := numWord(r.group(m, 2))
	if n <= 0 {
		return 0, 0, "", false
	}
	if !r.hasPub {
		return m[0], m[1], "", true
	}
	unit := strings.ToLower(r.group(m, 3))
	sign := -1
	switch strings.ToLower(r.group(m, 1)) {
	case "next", "coming":
		sign = 1
	}
	o := r.shift(unit, sign*n)
	if sign < 0 {
		return m[0], m[1], day(o) + "/" + day(r.pub), true
	}
	return m[0], m[1], day(r.pub) + "/" + day(o), true
}

func (r *resolver) shift(unit string, n int) time.Time {
	switch strings.TrimSuffix(unit, "s") {
	case "day":
		return r.pub.AddDate(0, 0, n)
	case "week":
		return r.pub.AddDate(0, 0, 7*n)
	case "month":
		return r.pub.AddDate(0, n, 0)
	case "year":
		return r.pub.AddDate(n, 0, 0)
	}
	return r.pub.AddDate(10*n, 0, 0)
}

func (r *resolver) ago(m []int) (int, int, string, bool) {
	n := numWord(r.group(m, 1))
	if n <= 0 {
		return 0, 0, "", false
	}
	if !r.hasPub {
		return m[0], m[1], "", true
	}
	unit := strings.TrimSuffix(strings.ToLower(r.group(m, 2)), "s")
	t := r.shift(unit, -n)
	switch unit {
	case "year":
		return m[0], m[1], year(t), true
	case "decade":
		d := t.Year() / 10 * 10
		return m[0], m[1], fmt.Sprintf("%04d/%04d", d, d+9), true
	case "month":
		return m[0], m[1], month(t), true
	}
	return m[0], m[1], day(t), true
}
