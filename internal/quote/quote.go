package quote

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	chronicle "github.com/chronicle-news/chronicle"
)

// Annotate fills doc.Quotes.
func Annotate(ctx context.Context, doc *chronicle.Document) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("find quotes: %w", err)
	}
	f := newFinder(doc)
	doc.Quotes = f.find()
	return nil
}

// finder holds one document's state while its quotes are found.
type finder struct {
	doc   *chronicle.Document
	text  string
	sents []chronicle.Sentence // only those with valid offsets, in order
	paras []span
	// lastSpeaker is the last speaker resolved to a name (not a pronoun),
	// used for pronouns when the document has no entities.
	lastSpeaker *chronicle.ActorRef
}

type span struct{ start, end int }

// quoted is a direct quote's text between its marks.
type quoted struct {
	open, close int // offsets of the marks; close == end of paragraph when left open
	start, end  int // the quoted text, trimmed
	para        int
	openEnd     bool // the paragraph ended before the quote closed
	closeLen    int
}

func newFinder(doc *chronicle.Document) *finder {
	f := &finder{doc: doc, text: doc.Text}
	for i, s := range doc.Sentences {
		if s.Start >= 0 && s.Start <= s.End && s.End <= len(doc.Text) &&
			(len(f.sents) == 0 || s.Start >= f.sents[len(f.sents)-1].End) {
			s.I = i // the index in doc.Sentences, whatever the segmenter set
			f.sents = append(f.sents, s)
		}
	}
	for i, s := range f.sents {
		if i == 0 || s.Para != f.sents[i-1].Para {
			f.paras = append(f.paras, span{s.Start, s.End})
		} else {
			f.paras[len(f.paras)-1].end = s.End
		}
	}
	return f
}

// sentenceAt returns the index in doc.Sentences of the sentence containing
// offset off, or the last one starting before it.
func (f *finder) sentenceAt(off int) int {
	i := sort.Search(len(f.sents), func(i int) bool { return f.sents[i].Start > off })
	if i == 0 {
		return f.sents[0].I
	}
	return f.sents[i-1].I
}

// sentSpan returns the span of the sentence containing offset off.
func (f *finder) sentSpan(off int) span {
	i := sort.Search(len(f.sents), func(i int) bool { return f.sents[i].Start > off })
	if i == 0 {
		return span{f.sents[0].Start, f.sents[0].End}
	}
	return span{f.sents[i-1].Start, f.sents[i-1].End}
}

func (f *finder) find() []chronicle.Quote {
	if len(f.sents) == 0 {
		return nil
	}
	var quotes []chronicle.Quote
	var segs []quoted
	for pi, p := range f.paras {
		segs = append(segs, f.segments(pi, p)...)
	}
	covered := make([]span, 0, len(segs))
	var prev *chronicle.Quote
	var prevSeg *quoted
	for i := range segs {
		s := &segs[i]
		q, ok := f.direct(s, prev, prevSeg)
		if !ok {
			continue
		}
		quotes = append(quotes, q)
		prev, prevSeg = &quotes[len(quotes)-1], s
		covered = append(covered, span{s.open, s.close + s.closeLen})
	}
	quotes = append(quotes, f.indirect(covered)...)
	sort.SliceStable(quotes, func(a, b int) bool { return quotes[a].Start < quotes[b].Start })
	return quotes
}

// segments finds the quoted stretches of paragraph p.
func (f *finder) segments(pi int, p span) []quoted {
	var segs []quoted
	open := -1
	var closer rune
	for i := p.start; i < p.end; {
		r, n := utf8.DecodeRuneInString(f.text[i:])
		switch {
		case open < 0 && (r == '“' || r == '"' || r == '«'):
			open = i
			switch r {
			case '“':
				closer = '”'
			case '«':
				closer = '»'
			default:
				closer = '"'
			}
		case open >= 0 && (r == closer || (closer == '”' && r == '"') || (closer == '"' && r == '”')):
			segs = append(segs, f.newSegment(open, i, n, pi, false))
			open = -1
		}
		i += n
	}
	if open >= 0 {
		segs = append(segs, f.newSegment(open, p.end, 0, pi, true))
	}
	return segs
}

func (f *finder) newSegment(open, close, closeLen, para int, openEnd bool) quoted {
	_, n := utf8.DecodeRuneInString(f.text[open:])
	s := quoted{open: open, close: close, closeLen: closeLen, para: para, openEnd: openEnd}
	s.start, s.end = open+n, close
	for s.start < s.end && isSpace(f.text[s.start]) {
		s.start++
	}
	for s.end > s.start && (isSpace(f.text[s.end-1]) || f.text[s.end-1] == ',') {
		s.end--
	}
	return s
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

// direct turns a quoted segment into a Quote when it is speech.
func (f *finder) direct(s *quoted, prev *chronicle.Quote, prevSeg *quoted) (chronicle.Quote, bool) {
	if s.end <= s.start {
		return chronicle.Quote{}, false
	}
	body := f.text[s.start:s.end]
	words := len(strings.Fields(body))
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(f.text[s.start:s.close], " "))
	sentencey := words >= 5 || strings.ContainsRune(".!?,…", last)
	q := chronicle.Quote{Text: body, Start: s.start, End: s.end, Direct: true,
		Sentence: f.sentenceAt(s.start), EndSent: f.sentenceAt(max(s.start, s.end-1))}
	att, ok := f.attribution(s)
	switch {
	case ok:
		q.Cue, q.Speaker = att.cue, att.speaker
	case !sentencey:
		return chronicle.Quote{}, false
	case prev != nil && prevSeg != nil && prev.Direct &&
		(prevSeg.para == s.para || (prevSeg.openEnd && prevSeg.para == s.para-1) || f.onlyQuote(s, prevSeg)):
		q.Cue, q.Speaker = prev.Cue, prev.Speaker
	}
	if q.Speaker == nil {
		// Without a speaker keep only whole quoted sentences, not a phrase
		// quoted inside the writer's own sentence.
		ss := f.sentSpan(s.open)
		if words < 5 || strings.TrimSpace(f.text[max(ss.start, f.paras[s.para].start):s.open]) != "" {
			return chronicle.Quote{}, false
		}
	}
	return q, true
}

// onlyQuote reports whether segment s makes up its whole paragraph and
// follows directly on the paragraph of the previous quote: a speaker's
// quote continued in a new paragraph.
func (f *finder) onlyQuote(s, prevSeg *quoted) bool {
	if prevSeg.para != s.para-1 {
		return false
	}
	p := f.paras[s.para]
	return strings.TrimSpace(f.text[p.start:s.open]) == "" &&
		len(strings.TrimSpace(f.text[min(s.close+s.closeLen, p.end):p.end])) <= 1
}

// attribution is a speaker with the cue that introduced them.
type attribution struct {
	cue     string
	speaker *chronicle.ActorRef
}

var (
	cueWords   = `says|said|say|tells|told|adds|added|states|stated|announces|announced|remarks|remarked|writes|wrote|warns|warned|insists|insisted|claims|claimed|notes|noted|explains|explained|argues|argued|denies|denied|stresses|stressed|declares|declared|tweets|tweeted|posts|posted|asked|asks|replied|replies|continued|continues|recalled|recalls|acknowledged|admitted|urged|urges|wrote|insisted|vowed|vows|concluded|concedes|conceded`
	cueRE      = regexp.MustCompile(`\b(` + cueWords + `)\b`)
	afterRE    = regexp.MustCompile(`^[\s,]*(?:[–—]|--)?\s*`)
	dashRE     = regexp.MustCompile(`^[ \t]*(?:[–—]|--?)[ \t]*([^\n]+)`)
	accordRE   = regexp.MustCompile(`(?i)\baccording to\s+([^,“”"]{2,80}?)\s*,?\s*$`)
	stopRE     = regexp.MustCompile(`[.;!?](?:\s|$)`)
	leadJunkRE = regexp.MustCompile(`^(?i:and|but|however|meanwhile|also|as)\b[\s,]*`)
)

// attribution finds who said segment s.
func (f *finder) attribution(s *quoted) (attribution, bool) {
	// After the quote: `," X said` or `," said X` or `" – X`.
	if s.closeLen > 0 {
		from := s.close + s.closeLen
		end := max(f.paras[s.para].end, from)
		after := f.text[from:end]
		if j := strings.IndexAny(after, "“\"«"); j >= 0 {
			after = after[:j]
		}
		if a, ok := f.afterQuote(from, after); ok {
			return a, true
		}
		if m := dashRE.FindStringSubmatchIndex(after); m != nil {
			return f.dashSpeaker(from+m[2], from+m[3]), true
		}
		// A dash attribution on the next line or paragraph.
		if s.para+1 < len(f.paras) {
			np := f.paras[s.para+1]
			if strings.TrimSpace(after) == "" || strings.TrimSpace(after) == "." {
				if m := dashRE.FindStringSubmatchIndex(f.text[np.start:np.end]); m != nil {
					return f.dashSpeaker(np.start+m[2], np.start+m[3]), true
				}
			}
		}
	}
	// Before the quote, in its sentence: `X said: "`.
	ss := f.sentSpan(s.open)
	from := ss.start
	if p := f.paras[s.para]; from < p.start {
		from = p.start
	}
	before := f.text[from:s.open]
	if j := strings.LastIndexAny(before, "”\"»"); j >= 0 {
		_, n := utf8.DecodeRuneInString(before[j:])
		from += j + n
		before = f.text[from:s.open]
	}
	if a, ok := f.beforeQuote(from, before); ok {
		return a, true
	}
	// The paragraph before ends with `X remarked:`.
	if s.para > 0 && strings.TrimSpace(before) == "" {
		pp := f.paras[s.para-1]
		prevText := strings.TrimRight(f.text[pp.start:pp.end], " \n")
		if strings.HasSuffix(prevText, ":") {
			ls := f.sentSpan(pp.start + len(prevText) - 1)
			st := max(ls.start, pp.start)
			if a, ok := f.beforeQuote(st, f.text[st:pp.start+len(prevText)]); ok {
				return a, true
			}
		}
	}
	return attribution{}, false
}

// afterQuote reads `, X said` or `, said X` at the start of after (which
// starts at offset base).
func (f *finder) afterQuote(base int, after string) (attribution, bool) {
	lead := afterRE.FindStringIndex(after)
	rest := after[lead[1]:]
	if loc := stopRE.FindStringIndex(rest); loc != nil {
		rest = rest[:loc[0]]
	}
	m := cueRE.FindStringSubmatchIndex(rest)
	if m == nil {
		return attribution{}, false
	}
	off := base + lead[1]
	cue := lemma(rest[m[2]:m[3]])
	if pre := strings.TrimSpace(rest[:m[0]]); pre != "" {
		if len(strings.Fields(pre)) > 12 {
			return attribution{}, false
		}
		sp := f.speaker(off, off+m[0])
		return attribution{cue, sp}, sp != nil
	}
	// `said X, the minister.`
	if !invertible(cue) {
		return attribution{}, false
	}
	tail := rest[m[1]:]
	sp := f.speaker(off+m[1], off+m[1]+len(tail))
	return attribution{cue, sp}, sp != nil
}

// beforeQuote reads `X said:` or `X told reporters that` at the end of
// before (which starts at offset base).
func (f *finder) beforeQuote(base int, before string) (attribution, bool) {
	if m := accordRE.FindStringSubmatchIndex(before); m != nil {
		sp := f.speaker(base+m[2], base+m[3])
		return attribution{"according to", sp}, sp != nil
	}
	ms := cueRE.FindAllStringSubmatchIndex(before, -1)
	if ms == nil {
		return attribution{}, false
	}
	m := ms[len(ms)-1]
	// Between the cue and the quote only an object, adverbials, "that" and
	// punctuation may stand: "told reporters on Monday that".
	between := before[m[1]:]
	if len(strings.Fields(between)) > 8 || strings.ContainsAny(between, ".;!?") {
		return attribution{}, false
	}
	subj := before[:m[0]]
	start := 0
	if loc := stopRE.FindAllStringIndex(subj, -1); loc != nil {
		start = loc[len(loc)-1][1]
	}
	sp := f.speaker(base+start, base+m[0])
	return attribution{lemma(before[m[2]:m[3]]), sp}, sp != nil
}

// dashSpeaker resolves the name after a dash: `– Jane Doe, minister`.
func (f *finder) dashSpeaker(start, end int) attribution {
	sp := f.speaker(start, end)
	if sp == nil {
		line := strings.TrimSpace(f.text[start:end])
		sp = &chronicle.ActorRef{Text: line, Start: start, End: start + len(line)}
	}
	return attribution{"", sp}
}

// lemma returns the dictionary form of a cue verb.
func lemma(w string) string {
	w = strings.ToLower(w)
	switch w {
	case "said", "says", "say":
		return "say"
	case "told", "tells":
		return "tell"
	case "wrote", "writes":
		return "write"
	case "denied", "denies":
		return "deny"
	case "replied", "replies":
		return "reply"
	case "stresses", "stressed":
		return "stress"
	case "concedes", "conceded":
		return "concede"
	case "argues", "argued":
		return "argue"
	case "states", "stated":
		return "state"
	case "announces", "announced":
		return "announce"
	case "declares", "declared":
		return "declare"
	case "continues", "continued":
		return "continue"
	case "notes", "noted":
		return "note"
	case "urges", "urged":
		return "urge"
	case "concluded":
		return "conclude"
	case "acknowledged":
		return "acknowledge"
	case "admitted":
		return "admit"
	case "posts", "posted":
		return "post"
	}
	if b, ok := strings.CutSuffix(w, "ed"); ok {
		return b
	}
	if b, ok := strings.CutSuffix(w, "s"); ok {
		return b
	}
	return w
}

// invertible reports whether a cue may come before its speaker: "said
// Jane Doe" but not "denies the charges".
func invertible(cue string) bool {
	switch cue {
	case "say", "add", "write", "ask", "continue", "explain", "note", "reply", "recall",
		"remark", "insist", "warn", "declare", "state", "tweet", "post", "conclude":
		return true
	}
	return false
}

func isUpperStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
