package training

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/chronicle-news/chronicle/internal/nlp"
	"github.com/chronicle-news/chronicle/internal/nlp/conllu"
	"github.com/chronicle-news/chronicle/internal/nlp/ner"
)

// SynthSentences is how many template sentences NER training generates.
const SynthSentences = 3000

// ReadUNER reads the Universal NER English EWT dev file in dir and returns
// the training and held-out test halves (split by document), converted to
// Chronicle's entity types.
func ReadUNER(dir string, gaz *ner.Gazetteer) (train, test []conllu.Sentence, err error) {
	m, _ := filepath.Glob(filepath.Join(dir, "*dev*.iob2"))
	if len(m) != 1 {
		return nil, nil, fmt.Errorf("read uner %s: want one *dev*.iob2 file, found %d", dir, len(m))
	}
	f, err := os.Open(m[0])
	if err != nil {
		return nil, nil, fmt.Errorf("read uner: %w", err)
	}
	defer f.Close()
	sents, err := conllu.ReadIOB2(f, m[0])
	if err != nil {
		return nil, nil, err
	}
	a, b := ner.SplitByDocument(sents)
	return ner.FromUNER(a, gaz), ner.FromUNER(b, gaz), nil
}

// TrainNER trains the entity recogniser on half of UNER (o.Data), the
// embedded invented news sentences and template sentences, with part-of-
// speech tags from the embedded tagger.
func TrainNER(o Options) (*ner.Recognizer, error) {
	gaz, err := ner.ParseGazetteer(strings.NewReader(ner.GazetteerText), "gazetteer.txt")
	if err != nil {
		return nil, err
	}
	uner, _, err := ReadUNER(o.Data, gaz)
	if err != nil {
		return nil, err
	}
	news, err := ner.ParseBracketed(strings.NewReader(ner.NewsTrainText), "news_train.txt")
	if err != nil {
		return nil, err
	}
	synth, err := ner.Synthesize(strings.NewReader(ner.SynthText), "synth.txt", SynthSentences, o.Seed)
	if err != nil {
		return nil, err
	}
	models, err := nlp.Load()
	if err != nil {
		return nil, fmt.Errorf("train ner: %w", err)
	}
	var all []conllu.Sentence
	all = append(all, uner...)
	all = append(all, news...)
	all = append(all, news...)
	all = append(all, synth...)
	if o.Log != nil {
		fmt.Fprintf(o.Log, "ner: %d UNER, %d news (twice), %d template sentences\n", len(uner), len(news), len(synth))
	}
	it := o.Iters
	if it == 0 {
		it = 8
	}
	return ner.Train(all, gaz, ner.Options{Iters: it, Seed: o.Seed, Log: o.Log, POS: models.UPOS})
}

// NewsTest reads the invented news test sentences from path.
func NewsTest(path string) ([]conllu.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read news test: %w", err)
	}
	defer f.Close()
	return ner.ParseBracketed(f, path)
}
