package coder

import (
	"bufio"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
)

// parsedCase is one document of testdata/parsed.conllu with its expectations
// per sentence.
type parsedCase struct {
	doc    *chronicle.Document
	expect [][]string // per sentence: "SRC TGT CODE FACT" lines
}

// readParsed reads hand-parsed sentences in CoNLL-U with entity and
// expectation annotations.
func readParsed(t testing.TB, path string) []parsedCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []parsedCase
	var cur *parsedCase
	var sent *chronicle.Sentence
	var text strings.Builder
	var expect []string
	flush := func() {
		if sent == nil {
			return
		}
		sent.End = text.Len()
		for sent.End > sent.Start && text.String()[sent.End-1] == ' ' {
			sent.End--
		}
		cur.doc.Sentences = append(cur.doc.Sentences, *sent)
		cur.expect = append(cur.expect, expect)
		cur.doc.Text = text.String()
		sent, expect = nil, nil
	}
	sc := bufio.NewScanner(f)
	var entStart, entSent = -1, -1
	var entType, entCode string
	closeEnt := func(end int) {
		if entStart < 0 {
			return
		}
		s := cur.doc.Sentences
		_ = s
		toks := sent.Tokens
		cur.doc.Entities = append(cur.doc.Entities, chronicle.Entity{
			Text: text.String()[toks[entStart].Start:toks[end-1].End], Type: entType, Code: entCode,
			Country: entCode[:min(3, len(entCode))], Name: text.String()[toks[entStart].Start:toks[end-1].End],
			Start: toks[entStart].Start, End: toks[end-1].End, Sentence: entSent, TokStart: entStart, TokEnd: end})
		entStart = -1
	}
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "# newdoc"):
			flush()
			date := ""
			if i := strings.Index(line, "date="); i >= 0 {
				date = strings.TrimSpace(line[i+5:])
			}
			cases = append(cases, parsedCase{doc: &chronicle.Document{ID: "case" + strconv.Itoa(len(cases)), Date: date}})
			cur = &cases[len(cases)-1]
			text.Reset()
		case strings.HasPrefix(line, "# expect:"):
			e := strings.TrimSpace(strings.TrimPrefix(line, "# expect:"))
			if e != "none" {
				expect = append(expect, e)
			}
		case strings.HasPrefix(line, "#"):
		case strings.TrimSpace(line) == "":
			if sent != nil {
				closeEnt(len(sent.Tokens))
				flush()
			}
		default:
			f := strings.Split(line, "\t")
			if len(f) != 10 {
				t.Fatalf("bad line %q", line)
			}
			if sent == nil {
				if text.Len() > 0 {
					text.WriteByte(' ')
				}
				sent = &chronicle.Sentence{I: len(cur.doc.Sentences), Start: text.Len()}
			}
			head, _ := strconv.Atoi(f[6])
			start := text.Len()
			text.WriteString(f[1])
			tok := chronicle.Token{Text: f[1], Start: start, End: text.Len(), Lemma: f[2], UPOS: f[3], XPOS: f[4], Head: head, DepRel: f[7]}
			if !strings.Contains(f[9], "SpaceAfter=No") {
				text.WriteByte(' ')
			}
			i := len(sent.Tokens)
			sent.Tokens = append(sent.Tokens, tok)
			ent := ""
			for _, m := range strings.Split(f[9], "|") {
				if strings.HasPrefix(m, "Ent=") {
					ent = m[4:]
				}
			}
			if ent == "" || strings.HasPrefix(ent, "B-") {
				closeEnt(i)
			}
			if strings.HasPrefix(ent, "B-") {
				typ, code, _ := strings.Cut(ent[2:], ":")
				entStart, entSent, entType, entCode = i, sent.I, typ, code
			}
		}
	}
	if sent != nil {
		closeEnt(len(sent.Tokens))
		flush()
	}
	return cases
}

func eventLine(e chronicle.Event) string {
	tgt := "-"
	if e.Target != nil && e.Target.Code != "" {
		tgt = e.Target.Code
	}
	return e.Source.Code + " " + tgt + " " + e.CAMEO + " " + e.Factuality
}

func TestCodeParsedSentences(t *testing.T) {
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, pc := range readParsed(t, "testdata/parsed.conllu") {
		for si := range pc.doc.Sentences {
			_ = si
		}
		t.Run(pc.doc.Text, func(t *testing.T) {
			if err := c.Annotate(context.Background(), pc.doc); err != nil {
				t.Fatal(err)
			}
			for si, want := range pc.expect {
				var got []string
				for _, e := range pc.doc.Events {
					if e.Sentence == si {
						got = append(got, eventLine(e))
					}
				}
				if strings.Join(got, "; ") != strings.Join(want, "; ") {
					t.Errorf("sentence %d: got events %q, want %q", si, got, want)
				}
			}
			for _, e := range pc.doc.Events {
				if e.Rule == "" || e.ID == "" || e.PLOVER == "" || e.Quad == 0 || e.Trigger == nil {
					t.Errorf("event lacks rule, id, plover, quad or trigger: %+v", e)
				}
				if e.Start < 0 || e.End > len(pc.doc.Text) || e.Start >= e.End {
					t.Errorf("bad evidence span %d:%d", e.Start, e.End)
				}
			}
		})
	}
}

func TestDictionaryCoversEveryRoot(t *testing.T) {
	d, err := BuiltinDictionary()
	if err != nil {
		t.Fatal(err)
	}
	roots := map[string]bool{}
	for _, m := range []map[string]*Entry{d.verbs, d.nouns, d.light} {
		for _, e := range m {
			if e.Code == "---" {
				if len(e.BySector) == 0 {
					t.Errorf("entry %s %s: code --- without a sector condition", e.Kind, e.Lemma)
				}
				continue
			}
			roots[e.Code[:2]] = true
			if _, ok := d.Codes[e.Code]; !ok {
				t.Errorf("entry %s %s: code not in CAMEO table", e.Kind, e.Lemma)
			}
		}
	}
	for r := 1; r <= 20; r++ {
		root := strconv.Itoa(r)
		if r < 10 {
			root = "0" + root
		}
		if !roots[root] {
			t.Errorf("no trigger reaches CAMEO root %s", root)
		}
	}
	plover := map[string]bool{}
	for _, c := range d.Codes {
		plover[c.PLOVER] = true
	}
	if len(plover) != 16 {
		t.Errorf("CAMEO table maps to %d PLOVER types, want 16: %v", len(plover), plover)
	}
}

func TestQuad(t *testing.T) {
	for code, want := range map[string]int{"036": 1, "051": 1, "073": 2, "084": 2, "090": 2, "112": 3, "130": 3, "141": 3, "154": 4, "190": 4, "202": 4, "": 0, "2x": 0, "99": 0} {
		if got := Quad(code); got != want {
			t.Errorf("Quad(%q) = %d, want %d", code, got, want)
		}
	}
}

func TestParseVerbsErrors(t *testing.T) {
	codes, err := parseCodes(strings.NewReader(string(cameoTSV)))
	if err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string]string{
		"unknown code": "999 verb meet\n",
		"bad kind":     "040 adverb meet\n",
		"bad light":    "040 light hold\n",
		"short line":   "040 verb\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseVerbs(strings.NewReader(in), codes); err == nil {
				t.Errorf("want an error for %q", in)
			}
		})
	}
}

func TestGuessLemma(t *testing.T) {
	for in, want := range map[string]string{"met": "meet", "arrested": "arrest", "criticized": "criticize", "deported": "deport", "praises": "praise", "accuses": "accuse", "detained": "detain", "kidnapped": "kidnap"} {
		if got := guessLemma(in); got != want {
			t.Errorf("guessLemma(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSameEventTwiceIsOneEventWithTwoSpans(t *testing.T) {
	cases := readParsed(t, "testdata/parsed.conllu")
	var doc *chronicle.Document
	for _, pc := range cases {
		if strings.HasPrefix(pc.doc.Text, "Lula held talks with Xi") {
			doc = pc.doc
		}
	}
	if doc == nil {
		t.Fatal("test sentence missing")
	}
	// The same report twice in one document.
	s := doc.Sentences[0]
	off := len(doc.Text) + 1
	doc.Text += " " + doc.Text
	s2 := s
	s2.I, s2.Start, s2.End = 1, s.Start+off, s.End+off
	s2.Tokens = append([]chronicle.Token(nil), s.Tokens...)
	for i := range s2.Tokens {
		s2.Tokens[i].Start += off
		s2.Tokens[i].End += off
	}
	doc.Sentences = append(doc.Sentences, s2)
	n := len(doc.Entities)
	for _, e := range doc.Entities[:n] {
		e.Sentence, e.Start, e.End = 1, e.Start+off, e.End+off
		doc.Entities = append(doc.Entities, e)
	}
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Annotate(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Events) != 1 {
		t.Fatalf("got %d events, want 1: %+v", len(doc.Events), doc.Events)
	}
	if m := doc.Events[0].Mentions; len(m) != 1 || m[0].Sentence != 1 || m[0].Start != s2.Start {
		t.Errorf("mentions %+v, want the second sentence's span", m)
	}
}

func TestDiscards(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/discards.txt"
	if err := os.WriteFile(path, []byte("# sports pages\n+HELD TALKS [] # drop\nfootball match\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := New(Options{DiscardsFile: path})
	if err != nil {
		t.Fatal(err)
	}
	for _, pc := range readParsed(t, "testdata/parsed.conllu") {
		if err := c.Annotate(context.Background(), pc.doc); err != nil {
			t.Fatal(err)
		}
		talks := strings.Contains(strings.ToLower(pc.doc.Text), "held talks")
		if talks && len(pc.doc.Events) != 0 {
			t.Errorf("%q: a discarded sentence was coded: %+v", pc.doc.Text, pc.doc.Events)
		}
		if !talks && len(pc.expect[0]) > 0 && len(pc.doc.Events) == 0 {
			t.Errorf("%q: discards dropped a sentence they do not match", pc.doc.Text)
		}
	}
	if _, err := New(Options{DiscardsFile: dir + "/missing.txt"}); err == nil {
		t.Error("a missing discard file must be an error")
	}
}
