package training

import (
	"fmt"
	"io"

	"github.com/chronicle-news/chronicle/internal/nlp/conllu"
	"github.com/chronicle-news/chronicle/internal/nlp/tagger"
)

// ParserTag is the tag string the parser sees for a word: UPOS and XPOS.
func ParserTag(upos, xpos string) string { return upos + "/" + xpos }

// Jackknife tags the training sentences with taggers trained on the other
// folds (so the parser learns from tags as noisy as at run time), and the
// dev sentences with a tagger trained on all of train. twoPass trains the
// taggers as the shipped one is trained (with a second pass).
func Jackknife(train, dev []conllu.Sentence, folds, iters int, seed uint64, twoPass bool, log io.Writer) (trainTags, devTags [][]string, err error) {
	trainTags = make([][]string, len(train))
	for k := 0; k < folds; k++ {
		var in []conllu.Sentence
		var held []int
		for i, s := range train {
			if i%folds == k {
				held = append(held, i)
			} else {
				in = append(in, s)
			}
		}
		t, err := tagger.Train(in, tagger.Options{Iters: iters, Seed: seed + uint64(k), TwoPass: twoPass})
		if err != nil {
			return nil, nil, fmt.Errorf("jackknife fold %d: %w", k, err)
		}
		for _, i := range held {
			trainTags[i] = tagStrings(t, train[i].Forms())
		}
		if log != nil {
			fmt.Fprintf(log, "jackknife fold %d/%d tagged %d sentences\n", k+1, folds, len(held))
		}
	}
	t, err := tagger.Train(train, tagger.Options{Iters: iters, Seed: seed, TwoPass: twoPass})
	if err != nil {
		return nil, nil, fmt.Errorf("jackknife dev tagger: %w", err)
	}
	devTags = make([][]string, len(dev))
	for i, s := range dev {
		devTags[i] = tagStrings(t, s.Forms())
	}
	return trainTags, devTags, nil
}

func tagStrings(t *tagger.Tagger, words []string) []string {
	u, x := t.TagStrings(words)
	out := make([]string, len(words))
	for i := range u {
		out[i] = ParserTag(u[i], x[i])
	}
	return out
}
