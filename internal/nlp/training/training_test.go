package training

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/chronicle-news/chronicle/internal/nlp/conllu"
	"github.com/chronicle-news/chronicle/internal/testutil"
)

// smallTreebank writes a folder with the first 200 EWT train sentences as
// train and 50 dev sentences as dev.
func smallTreebank(t *testing.T) string {
	t.Helper()
	train, dev, err := ReadTreebank(filepath.Dir(testutil.SharedFile(t, "data/ud-english-ewt/en_ewt-ud-train.conllu")))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, s []conllu.Sentence) {
		var buf bytes.Buffer
		if err := conllu.Write(&buf, s); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("en_small-ud-train.conllu", train[:200])
	write("en_small-ud-dev.conllu", dev[:50])
	return dir
}

// TestRunDeterministic trains each model twice on small data for one
// iteration and checks the bytes are the same.
func TestRunDeterministic(t *testing.T) {
	tb := smallTreebank(t)
	uner := filepath.Dir(testutil.SharedFile(t, "data/uner-english-ewt/en_ewt-ud-dev.iob2"))
	for _, tc := range []struct{ what, data string }{
		{"tagger", tb}, {"lemma", tb}, {"parser", tb}, {"ner", uner},
	} {
		t.Run(tc.what, func(t *testing.T) {
			out := t.TempDir()
			var got [][]byte
			for i := 0; i < 2; i++ {
				path := filepath.Join(out, tc.what+".gz")
				if err := Run(tc.what, Options{Data: tc.data, Out: path, Seed: 9, Iters: 1}); err != nil {
					t.Fatal(err)
				}
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, b)
			}
			if len(got[0]) < 100 {
				t.Errorf("model is only %d bytes", len(got[0]))
			}
			if !bytes.Equal(got[0], got[1]) {
				t.Error("same data and seed gave different model bytes")
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct{ name, what, data string }{
		{"unknown model", "tokenizer", t.TempDir()},
		{"missing treebank", "tagger", t.TempDir()},
		{"missing uner", "ner", t.TempDir()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Run(tc.what, Options{Data: tc.data, Out: filepath.Join(t.TempDir(), "m.gz"), Iters: 1})
			if err == nil {
				t.Error("want an error")
			}
		})
	}
}
