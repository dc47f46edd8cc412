package segment

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/chronicle-news/chronicle/internal/testutil"
)

// ewtDoc is a document rebuilt from the UD English EWT treebank: text with
// paragraphs separated by blank lines, and the gold sentence and token spans.
type ewtDoc struct {
	text   string
	sents  [][2]int
	tokens [][2]int
}

type span = [2]int

// readEWT rebuilds documents from a CoNLL-U file. Sentences of a paragraph
// are joined with one space.
func readEWT(t *testing.T, path string) []ewtDoc {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []ewtDoc
	var b strings.Builder
	cur := ewtDoc{}
	flushDoc := func() {
		if b.Len() > 0 {
			cur.text = b.String()
			docs = append(docs, cur)
		}
		b.Reset()
		cur = ewtDoc{}
	}
	var sentText string
	var forms []string // surface tokens of the sentence (multiword tokens split when they concatenate)
	newPar := false
	mwtEnd := 0
	var mwtSurface string
	var mwtParts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "# newdoc"):
			flushDoc()
		case strings.HasPrefix(line, "# newpar"):
			newPar = true
		case strings.HasPrefix(line, "# text = "):
			sentText = strings.TrimPrefix(line, "# text = ")
		case line == "":
			if sentText == "" {
				continue
			}
			if b.Len() > 0 {
				if newPar {
					b.WriteString("\n\n")
				} else {
					b.WriteString(" ")
				}
			}
			base := b.Len()
			b.WriteString(sentText)
			cur.sents = append(cur.sents, span{base, base + len(sentText)})
			pos := 0
			for _, form := range forms {
				i := strings.Index(sentText[pos:], form)
				if i < 0 {
					break
				}
				s := pos + i
				cur.tokens = append(cur.tokens, span{base + s, base + s + len(form)})
				pos = s + len(form)
			}
			sentText, forms, newPar = "", nil, false
		case strings.HasPrefix(line, "#"):
		default:
			cols := strings.Split(line, "\t")
			if len(cols) < 2 || strings.Contains(cols[0], ".") {
				continue
			}
			if lo, hi, ok := strings.Cut(cols[0], "-"); ok {
				_ = lo
				mwtEnd = atoi(hi)
				mwtSurface = cols[1]
				mwtParts = nil
				continue
			}
			id := atoi(cols[0])
			if mwtEnd > 0 {
				mwtParts = append(mwtParts, cols[1])
				if id == mwtEnd {
					if strings.Join(mwtParts, "") == mwtSurface {
						forms = append(forms, mwtParts...)
					} else {
						forms = append(forms, mwtSurface)
					}
					mwtEnd = 0
				}
				continue
			}
			forms = append(forms, cols[1])
		}
	}
	flushDoc()
	return docs
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// prf returns precision, recall and F1 of got against gold spans.
func prf(gold, got map[span]bool) (p, r, f float64) {
	tp := 0
	for s := range got {
		if gold[s] {
			tp++
		}
	}
	if len(got) > 0 {
		p = float64(tp) / float64(len(got))
	}
	if len(gold) > 0 {
		r = float64(tp) / float64(len(gold))
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// TestEWT measures tokens and sentence boundaries against the EWT dev set.
// EWT is web text (blogs, reviews, e-mail), harder than news: the
// thresholds guard against regressions, they are not the news accuracy.
func TestEWT(t *testing.T) {
	path := testutil.SharedFile(t, "data/ud-english-ewt/en_ewt-ud-dev.conllu")
	docs := readEWT(t, path)
	goldTok, gotTok := map[span]bool{}, map[span]bool{}
	goldEnd, gotEnd := map[span]bool{}, map[span]bool{}
	off := 0
	for _, d := range docs {
		for _, s := range d.tokens {
			goldTok[span{off + s[0], off + s[1]}] = true
		}
		for _, s := range d.sents {
			goldEnd[span{off + s[1], 0}] = true
		}
		for _, s := range Segment(d.text) {
			gotEnd[span{off + s.End, 0}] = true
			for _, tk := range s.Tokens {
				gotTok[span{off + tk.Start, off + tk.End}] = true
			}
		}
		off += len(d.text) + 1
	}
	tp, tr, tf := prf(goldTok, gotTok)
	sp, sr, sf := prf(goldEnd, gotEnd)
	t.Logf("EWT dev: %d documents; tokens P=%.4f R=%.4f F1=%.4f; sentence ends P=%.4f R=%.4f F1=%.4f",
		len(docs), tp, tr, tf, sp, sr, sf)
	if tf < 0.97 {
		t.Errorf("token F1 %.4f < 0.97", tf)
	}
	if sf < 0.80 {
		t.Errorf("sentence-end F1 %.4f < 0.80", sf)
	}
}
