package geo

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	chronicle "github.com/chronicle-news/chronicle"
)

// The test corpus format (testdata/places.txt): documents separated by
// blank lines, one sentence a line. In a sentence,
//
//	[Name|CTY]            an entity span (GPE) the recogniser found; the place
//	                      should resolve to country CTY (ISO alpha-3), "-" for
//	                      unknown
//	[LOC:Name|CTY|Exact]  with an entity type and the expected gazetteer name
//	{Name|CTY|Exact}      a place the recogniser missed (no entity)
//	*word*                the trigger of an event (for EventLocation)
//
// A line "=> CTY|Exact" after a sentence gives the expected location of
// that sentence's trigger ("=> nil" for none). Lines starting with # are
// comments.

type wantPlace struct {
	start, end int
	text       string
	country    string
	name       string
}

type wantLoc struct {
	sent, trigger int
	country, name string // country "nil": no location
	line          int
}

type testDoc struct {
	doc    *chronicle.Document
	places []wantPlace
	locs   []wantLoc
	line   int
}

// tokenize splits text[start:end] on spaces and punctuation the way a
// simple news tokeniser would: "U.S." stays one token, "'s" is split off.
func tokenize(text string, start, end int) []chronicle.Token {
	var toks []chronicle.Token
	add := func(s, e int) {
		if s < e {
			toks = append(toks, chronicle.Token{Text: text[s:e], Start: s, End: e, Head: -1})
		}
	}
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
		s, e := i, j
		// Leading punctuation.
		for s < e {
			r, n := utf8.DecodeRuneInString(text[s:e])
			if strings.ContainsRune("(\"“‘'", r) {
				add(s, s+n)
				s += n
				continue
			}
			break
		}
		var tail []int // token boundaries of trailing punctuation, reversed
		for e > s {
			r, n := utf8.DecodeLastRuneInString(text[s:e])
			if strings.ContainsRune(",;:)\"”’?!", r) || (r == '.' && !strings.Contains(text[s:e-1], ".")) {
				tail = append(tail, e-n, e)
				e -= n
				continue
			}
			break
		}
		for _, suf := range []string{"'s", "’s"} {
			if strings.HasSuffix(text[s:e], suf) && e-s > len(suf) {
				add(s, e-len(suf))
				s = e - len(suf)
				break
			}
		}
		add(s, e)
		for k := len(tail) - 2; k >= 0; k -= 2 {
			add(tail[k], tail[k+1])
		}
		i = j
	}
	for k := range toks {
		toks[k].SpaceAfter = toks[k].End < len(text) && text[toks[k].End] == ' '
	}
	return toks
}

// parseCorpus reads the annotated test corpus.
func parseCorpus(t testing.TB, path string) []testDoc {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open corpus: %v", err)
	}
	defer f.Close()
	var docs []testDoc
	var cur *testDoc
	flush := func() {
		if cur != nil && len(cur.doc.Sentences) > 0 {
			docs = append(docs, *cur)
		}
		cur = nil
	}
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimSpace(sc.Text())
		switch {
		case l == "":
			flush()
			continue
		case strings.HasPrefix(l, "#"):
			continue
		}
		if cur == nil {
			cur = &testDoc{doc: &chronicle.Document{ID: fmt.Sprintf("%s:%d", path, line)}, line: line}
		}
		if strings.HasPrefix(l, "=>") {
			if len(cur.doc.Sentences) == 0 {
				t.Fatalf("%s:%d: => before any sentence", path, line)
			}
			si := len(cur.doc.Sentences) - 1
			trig := -1
			for k := len(cur.locs) - 1; k >= 0; k-- {
				if cur.locs[k].sent == si && cur.locs[k].country == "" {
					trig = k
				}
			}
			if trig < 0 {
				t.Fatalf("%s:%d: => without a *trigger* in the sentence", path, line)
			}
			parts := strings.Split(strings.TrimSpace(strings.TrimPrefix(l, "=>")), "|")
			cur.locs[trig].country = parts[0]
			if len(parts) > 1 {
				cur.locs[trig].name = parts[1]
			}
			cur.locs[trig].line = line
			continue
		}
		addSentence(t, cur, l, path, line)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read corpus: %v", err)
	}
	flush()
	return docs
}

// addSentence appends one annotated sentence to the document.
func addSentence(t testing.TB, td *testDoc, l, path string, line int) {
	t.Helper()
	doc := td.doc
	if doc.Text != "" {
		doc.Text += " "
	}
	base := len(doc.Text)
	var b strings.Builder
	type span struct {
		start, end int
		typ        string
		entity     bool
		country    string
		name       string
	}
	var spans []span
	trigStart := -1
	for i := 0; i < len(l); {
		c := l[i]
		switch c {
		case '[', '{':
			closer := byte(']')
			if c == '{' {
				closer = '}'
			}
			j := strings.IndexByte(l[i:], closer)
			if j < 0 {
				t.Fatalf("%s:%d: unclosed %c", path, line, c)
			}
			body := l[i+1 : i+j]
			parts := strings.Split(body, "|")
			if len(parts) < 2 {
				t.Fatalf("%s:%d: %q needs Name|CTY", path, line, body)
			}
			name := parts[0]
			typ := chronicle.EntGPE
			if k := strings.IndexByte(name, ':'); k > 0 && strings.ToUpper(name[:k]) == name[:k] {
				typ, name = name[:k], name[k+1:]
			}
			sp := span{start: base + b.Len(), typ: typ, entity: c == '[', country: parts[1]}
			if len(parts) > 2 {
				sp.name = parts[2]
			}
			b.WriteString(name)
			sp.end = base + b.Len()
			spans = append(spans, sp)
			i += j + 1
		case '*':
			j := strings.IndexByte(l[i+1:], '*')
			if j < 0 {
				t.Fatalf("%s:%d: unclosed *", path, line)
			}
			trigStart = base + b.Len()
			b.WriteString(l[i+1 : i+1+j])
			i += j + 2
		default:
			b.WriteByte(c)
			i++
		}
	}
	doc.Text += b.String()
	si := len(doc.Sentences)
	toks := tokenize(doc.Text, base, len(doc.Text))
	doc.Sentences = append(doc.Sentences, chronicle.Sentence{I: si, Start: base, End: len(doc.Text), Tokens: toks})
	for _, sp := range spans {
		if sp.entity {
			e := chronicle.Entity{Text: doc.Text[sp.start:sp.end], Type: sp.typ, Start: sp.start, End: sp.end, Sentence: si}
			e.TokStart, e.TokEnd = tokenRange(&doc.Sentences[si], sp.start, sp.end)
			doc.Entities = append(doc.Entities, e)
		}
		if sp.country != "~" { // "~": an entity that is not a place mention to score
			td.places = append(td.places, wantPlace{start: sp.start, end: sp.end, text: doc.Text[sp.start:sp.end], country: sp.country, name: sp.name})
		}
	}
	if trigStart >= 0 {
		trig := -1
		for k, tk := range toks {
			if tk.Start == trigStart {
				trig = k
			}
		}
		if trig < 0 {
			t.Fatalf("%s:%d: trigger does not start a token", path, line)
		}
		td.locs = append(td.locs, wantLoc{sent: si, trigger: trig})
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"plain", "Troops arrived in Kyiv.", []string{"Troops", "arrived", "in", "Kyiv", "."}},
		{"abbreviation", "The U.S. envoy, in Paris, said so.", []string{"The", "U.S.", "envoy", ",", "in", "Paris", ",", "said", "so", "."}},
		{"possessive", "Georgia's capital (Tbilisi)", []string{"Georgia", "'s", "capital", "(", "Tbilisi", ")"}},
		{"hyphen", "Port-au-Prince; “quiet”", []string{"Port-au-Prince", ";", "“", "quiet", "”"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			toks := tokenize(tc.text, 0, len(tc.text))
			var got []string
			for _, tk := range toks {
				if tc.text[tk.Start:tk.End] != tk.Text {
					t.Fatalf("token %q has offsets %d-%d", tk.Text, tk.Start, tk.End)
				}
				got = append(got, tk.Text)
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("tokenize(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}
