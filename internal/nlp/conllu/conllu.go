// Package conllu reads and writes the CoNLL-U treebank format used by
// Universal Dependencies, and the IOB2 files of Universal NER, keeping only
// what Chronicle's models learn from: word forms, lemmas, tags, heads,
// relations and entity tags.
package conllu

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Word is one syntactic word of a sentence. Head is 1-based, 0 for the root
// and -1 when unknown.
type Word struct {
	Form   string
	Lemma  string
	UPOS   string
	XPOS   string
	Feats  string
	Head   int
	DepRel string
	Misc   string
	// NER is the entity tag (B-TYPE, I-TYPE or O) when the source has one.
	NER string
}

// Sentence is one sentence: its words, and its identifiers from the comments.
type Sentence struct {
	ID    string // sent_id comment
	DocID string // newdoc id comment in force for the sentence
	Text  string // text comment
	Words []Word
}

// Forms returns the sentence's word forms.
func (s *Sentence) Forms() []string {
	out := make([]string, len(s.Words))
	for i, w := range s.Words {
		out[i] = w.Form
	}
	return out
}

// Read reads CoNLL-U sentences. Multiword-token lines (1-2) and empty nodes
// (8.1) are skipped, so the words are the syntactic words. Columns missing
// from short lines are left empty; only the form column is required.
func Read(r io.Reader, name string) ([]Sentence, error) { return read(r, name, false) }

// ReadForms reads CoNLL-U keeping only the word forms (column 2) and the
// sentence breaks; every other column is ignored, however malformed.
func ReadForms(r io.Reader, name string) ([]Sentence, error) { return read(r, name, true) }

// scan reads sentences separated by blank lines, with "# newdoc",
// "# sent_id" and "# text" comments, handing each word line to row.
func scan(r io.Reader, name string, row func(cur *Sentence, t string, line int) error) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var out []Sentence
	var cur Sentence
	doc := ""
	line := 0
	flush := func() {
		if len(cur.Words) > 0 {
			cur.DocID = doc
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	for sc.Scan() {
		line++
		t := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(t) == "" {
			flush()
			continue
		}
		if strings.HasPrefix(t, "#") {
			c := strings.TrimSpace(strings.TrimPrefix(t, "#"))
			switch {
			case strings.HasPrefix(c, "newdoc id"):
				flush()
				doc = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(c, "newdoc id")), "="))
			case strings.HasPrefix(c, "newdoc"):
				flush()
				doc = fmt.Sprintf("doc@%d", line)
			case strings.HasPrefix(c, "sent_id"):
				cur.ID = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(c, "sent_id")), "="))
			case strings.HasPrefix(c, "text ="), strings.HasPrefix(c, "text="):
				cur.Text = strings.TrimSpace(c[strings.Index(c, "=")+1:])
			}
			continue
		}
		if err := row(&cur, t, line); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	flush()
	return out, nil
}

func read(r io.Reader, name string, formsOnly bool) ([]Sentence, error) {
	out, err := scan(r, name, func(cur *Sentence, t string, line int) error {
		cols := strings.Split(t, "\t")
		if len(cols) < 2 {
			return fmt.Errorf("%s:%d: want tab-separated columns, got %q", name, line, clip(t))
		}
		id := cols[0]
		if strings.ContainsAny(id, "-.") {
			return nil // multiword token or empty node
		}
		if _, err := strconv.Atoi(id); err != nil {
			return fmt.Errorf("%s:%d: bad word id %q", name, line, clip(id))
		}
		w := Word{Form: cols[1], Head: -1}
		if w.Form == "" {
			return fmt.Errorf("%s:%d: empty word form", name, line)
		}
		if formsOnly {
			cur.Words = append(cur.Words, w)
			return nil
		}
		get := func(i int) string {
			if i < len(cols) && cols[i] != "_" {
				return cols[i]
			}
			return ""
		}
		w.Lemma, w.UPOS, w.XPOS, w.Feats = get(2), get(3), get(4), get(5)
		if cols[1] == "_" && w.Lemma == "" {
			// An underscore form is the word "_" itself.
			w.Form = "_"
		}
		if h := get(6); h != "" {
			n, err := strconv.Atoi(h)
			if err != nil || n < 0 {
				return fmt.Errorf("%s:%d: bad head %q", name, line, clip(h))
			}
			w.Head = n
		}
		w.DepRel, w.Misc = get(7), get(9)
		cur.Words = append(cur.Words, w)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for si := range out {
		n := len(out[si].Words)
		for _, w := range out[si].Words {
			if w.Head > n {
				return nil, fmt.Errorf("%s: sentence %q: head %d beyond %d words", name, out[si].ID, w.Head, n)
			}
		}
	}
	return out, nil
}

// ReadIOB2 reads the Universal NER IOB2 format: CoNLL-style comment lines and
// rows "ID FORM TAG ...", tab-separated. The entity tag goes to Word.NER.
func ReadIOB2(r io.Reader, name string) ([]Sentence, error) {
	return scan(r, name, func(cur *Sentence, t string, line int) error {
		cols := strings.Split(t, "\t")
		if len(cols) < 3 {
			return fmt.Errorf("%s:%d: want at least 3 tab-separated columns, got %q", name, line, clip(t))
		}
		tag := cols[2]
		if tag != "O" && !strings.HasPrefix(tag, "B-") && !strings.HasPrefix(tag, "I-") {
			return fmt.Errorf("%s:%d: bad entity tag %q", name, line, clip(tag))
		}
		cur.Words = append(cur.Words, Word{Form: cols[1], NER: tag, Head: -1})
		return nil
	})
}

// Write writes sentences as CoNLL-U, one word a line, with "_" for empty
// columns and a blank line after each sentence.
func Write(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	for _, s := range sents {
		if s.ID != "" {
			fmt.Fprintf(bw, "# sent_id = %s\n", s.ID)
		}
		if s.Text != "" {
			fmt.Fprintf(bw, "# text = %s\n", s.Text)
		}
		for i, wd := range s.Words {
			head := "_"
			if wd.Head >= 0 {
				head = strconv.Itoa(wd.Head)
			}
			fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t_\t%s\n", i+1, field(wd.Form), field(wd.Lemma),
				field(wd.UPOS), field(wd.XPOS), field(wd.Feats), head, field(wd.DepRel), field(wd.Misc))
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}

func field(s string) string {
	if s == "" {
		return "_"
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
