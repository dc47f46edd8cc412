package parser

import (
	"bytes"
	"os"
	"testing"

	"github.com/chronicle-news/chronicle/internal/nlp/conllu"
	"github.com/chronicle-news/chronicle/internal/testutil"
)

func readFile(t testing.TB, path string) []conllu.Sentence {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := conllu.Read(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func goldTags(sents []conllu.Sentence) [][]string {
	out := make([][]string, len(sents))
	for i, s := range sents {
		for _, w := range s.Words {
			out[i] = append(out[i], w.UPOS+"/"+w.XPOS)
		}
	}
	return out
}

func projective(s conllu.Sentence) bool {
	for i, w := range s.Words {
		d := i + 1
		lo, hi := min(d, w.Head), max(d, w.Head)
		for k := lo + 1; k < hi; k++ {
			// every word between must descend from the head
			h := k
			for h != 0 && h != w.Head {
				h = s.Words[h-1].Head
			}
			if h != w.Head {
				return false
			}
		}
	}
	return true
}

// oracleHeads parses by always taking a zero-cost transition.
func oracleHeads(t *testing.T, s conllu.Sentence) []int {
	gold := make([]int, len(s.Words)+1)
	gold[0] = -1
	for i, w := range s.Words {
		gold[i+1] = w.Head
	}
	st := newState(s.Forms(), goldTags([]conllu.Sentence{s})[0], nil)
	for steps := 0; !st.terminal(); steps++ {
		if steps > 4*len(s.Words)+4 {
			t.Fatalf("sentence %s: oracle did not terminate", s.ID)
		}
		next := -1
		for tr := 0; tr < nTrans; tr++ {
			if st.valid(tr) && st.cost(tr, gold) == 0 {
				next = tr
				break
			}
		}
		if next < 0 {
			t.Fatalf("sentence %s: no zero-cost transition", s.ID)
		}
		st.apply(next, 1)
	}
	return st.heads[1:]
}

func checkOracle(t *testing.T, sents []conllu.Sentence) {
	n := 0
	for _, s := range sents {
		if !projective(s) {
			continue
		}
		n++
		got := oracleHeads(t, s)
		for i, w := range s.Words {
			if got[i] != w.Head {
				t.Fatalf("sentence %s word %d: oracle head %d, gold %d", s.ID, i+1, got[i], w.Head)
			}
		}
	}
	if n == 0 {
		t.Fatal("no projective sentences checked")
	}
}

func TestOracleInvented(t *testing.T) {
	checkOracle(t, readFile(t, "testdata/invented.conllu"))
}

func TestOracleEWT(t *testing.T) {
	sents := readFile(t, testutil.SharedFile(t, "data/ud-english-ewt/en_ewt-ud-dev.conllu"))
	checkOracle(t, sents[:500])
}

// TestTrainSmoke trains on 200 EWT sentences for one iteration, with the
// original and the extended feature templates: the model must parse its
// training data better than chance, save and load to the same parses, and
// training must be deterministic.
func TestTrainSmoke(t *testing.T) {
	sents := readFile(t, testutil.SharedFile(t, "data/ud-english-ewt/en_ewt-ud-train.conllu"))[:200]
	tags := goldTags(sents)
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"original features", Options{Iters: 1, Seed: 3}},
		{"ambiguity and feature set 2", Options{Iters: 1, Seed: 3, Ambiguity: true, FeatureSet: 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Train(sents, tags, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			uas, las := p.Evaluate(sents, tags)
			if uas < 0.5 || las < 0.35 {
				t.Errorf("after one iteration on its own data: UAS %.3f LAS %.3f, want at least 0.5 and 0.35", uas, las)
			}
			var a, b bytes.Buffer
			if err := p.Save(&a); err != nil {
				t.Fatal(err)
			}
			p2, err := Train(sents, tags, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			p2.Save(&b)
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("two trainings with the same seed gave different models")
			}
			p3, err := Load(bytes.NewReader(a.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if p3.featureSet != p.featureSet || (p3.amb == nil) != (p.amb == nil) {
				t.Errorf("reloaded parser has feature set %d, ambiguity %v; want %d, %v", p3.featureSet, p3.amb != nil, p.featureSet, p.amb != nil)
			}
			uas3, _ := p3.Evaluate(sents, tags)
			if d := uas3 - uas; d > 0.01 || d < -0.01 {
				t.Errorf("reloaded parser UAS %.4f, before %.4f", uas3, uas)
			}
		})
	}
}

func TestLoadRejectsBadSections(t *testing.T) {
	sents := readFile(t, "testdata/invented.conllu")
	p, err := Train(sents, goldTags(sents), Options{Iters: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := p.Save(&buf); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		tail string
	}{
		{"unknown section", "Z"},
		{"unknown feature set", "F\x07"},
		{"truncated feature set", "F"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := append(append([]byte(nil), buf.Bytes()...), tc.tail...)
			if _, err := Load(bytes.NewReader(b)); err == nil {
				t.Error("want an error")
			}
		})
	}
}

func TestParseShort(t *testing.T) {
	sents := readFile(t, "testdata/invented.conllu")
	p, err := Train(sents, goldTags(sents), Options{Iters: 5, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		words []string
		tags  []string
	}{
		{"one word", []string{"Yes"}, []string{"INTJ/UH"}},
		{"two words", []string{"Police", "left"}, []string{"NOUN/NNS", "VERB/VBD"}},
		{"unknown tags", []string{"a", "b", "c"}, []string{"?", "?", "?"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			heads := make([]int, len(tc.words))
			rels := make([]string, len(tc.words))
			p.Parse(tc.words, tc.tags, heads, rels)
			roots := 0
			for i, h := range heads {
				if h < 0 || h > len(tc.words) || h == i+1 {
					t.Fatalf("word %d has bad head %d", i+1, h)
				}
				if h == 0 {
					roots++
				}
				if rels[i] == "" {
					t.Errorf("word %d has no relation", i+1)
				}
			}
			if roots != 1 {
				t.Errorf("got %d roots, want 1", roots)
			}
		})
	}
}
