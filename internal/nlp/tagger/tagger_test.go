package tagger

import (
	"bytes"
	"github.com/chronicle-news/chronicle/internal/nlp/perceptron"
	"os"
	"testing"

	"github.com/chronicle-news/chronicle/internal/nlp/conllu"
	"github.com/chronicle-news/chronicle/internal/testutil"
)

func TestShapeAndNorm(t *testing.T) {
	tests := []struct{ in, shape, norm string }{
		{"Bukele", "Xxx", "bukele"},
		{"MS-13", "XX-dd", "ms-00"},
		{"al-Sudani", "xx-Xxx", "al-sudani"},
		{"2025", "dd", "0000"},
		{"Ñandú", "Xxx", "ñandú"},
		{"ÉTATS-unis", "XX-xx", "états-unis"},
		{"5½%", "d½%", "0½%"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := Shape(tc.in); got != tc.shape {
				t.Errorf("Shape(%q) = %q, want %q", tc.in, got, tc.shape)
			}
			if got := Norm(tc.in); got != tc.norm {
				t.Errorf("Norm(%q) = %q, want %q", tc.in, got, tc.norm)
			}
			if got, want := ShapeHash(tc.in), perceptron.Hash(tc.shape); got != want {
				t.Errorf("ShapeHash(%q) = %x, want the hash of %q, %x", tc.in, got, tc.shape, want)
			}
		})
	}
}

func readEWT(t *testing.T, n int) []conllu.Sentence {
	t.Helper()
	path := testutil.SharedFile(t, "data/ud-english-ewt/en_ewt-ud-train.conllu")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := conllu.Read(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return s[:n]
}

// TestTrainSmoke trains on 200 sentences for one iteration: better than
// chance on its own data, deterministic, and the same after save and load.
func TestTrainSmoke(t *testing.T) {
	sents := readEWT(t, 200)
	for _, two := range []bool{false, true} {
		tg, err := Train(sents, Options{Iters: 1, Seed: 5, TwoPass: two})
		if err != nil {
			t.Fatal(err)
		}
		u, x := tg.Evaluate(sents)
		if u < 0.8 || x < 0.75 {
			t.Errorf("two-pass %v: accuracy on training data UPOS %.3f XPOS %.3f, want >= 0.8 and 0.75", two, u, x)
		}
		var a, b bytes.Buffer
		if err := tg.Save(&a); err != nil {
			t.Fatal(err)
		}
		tg2, _ := Train(sents, Options{Iters: 1, Seed: 5, TwoPass: two})
		tg2.Save(&b)
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("two-pass %v: same data and seed gave different models", two)
		}
		tg3, err := Load(bytes.NewReader(a.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		u3, _ := tg3.Evaluate(sents)
		if d := u3 - u; d > 0.01 || d < -0.01 {
			t.Errorf("two-pass %v: reloaded UPOS %.4f, before %.4f", two, u3, u)
		}
	}
}

func TestLoadRejectsGarbage(t *testing.T) {
	for _, in := range []string{"", "CHRONTAG1\n", "not a model"} {
		if _, err := Load(bytes.NewReader([]byte(in))); err == nil {
			t.Errorf("Load(%q): want an error", in)
		}
	}
}

func TestTrainRejectsUntagged(t *testing.T) {
	s := []conllu.Sentence{{ID: "x", Words: []conllu.Word{{Form: "hi"}}}}
	if _, err := Train(s, Options{Iters: 1}); err == nil {
		t.Error("want an error for words without UPOS")
	}
}
