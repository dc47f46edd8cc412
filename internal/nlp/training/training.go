package training

import (
	"fmt"
	"io"

	"github.com/chronicle-news/chronicle/internal/nlp/lemma"
	"github.com/chronicle-news/chronicle/internal/nlp/parser"
	"github.com/chronicle-news/chronicle/internal/nlp/tagger"
)

// Options are the common training options.
type Options struct {
	Data  string // data folder
	Out   string // model file to write (gzip)
	Seed  uint64
	Iters int       // 0 for the model's default
	Log   io.Writer // progress, or nil
	// ParserAmbiguity and ParserFeatures select the parser's optional
	// ambiguity-class features and its feature set (0 or 1: the original
	// templates, as the committed model; 2: extended). See parser.Options.
	ParserAmbiguity bool
	ParserFeatures  int
}

// ParserPrune is the smallest absolute weight the shipped parser keeps:
// pruning at 1.5 shrinks it from 19 MB to 5.6 MB (gzip) and parses about 10%
// faster, for 0.05 points of test UAS (dev UAS rose 0.16).
const ParserPrune = 1.5

// TaggerPrune is the smallest absolute weight the shipped tagger keeps:
// pruning at 0.5 drops 10% of its features with no change in test UPOS or
// XPOS; at 1.0 it would be 40% faster but lose 0.14 points of UPOS.
const TaggerPrune = 0.5

// Run trains the named model ("tagger", "parser", "lemma" or "ner") and
// writes it.
func Run(what string, o Options) error {
	var save func(io.Writer) error
	switch what {
	case "tagger":
		train, dev, err := ReadTreebank(o.Data)
		if err != nil {
			return err
		}
		it := o.Iters
		if it == 0 {
			it = 6
		}
		t, err := tagger.Train(train, tagger.Options{Iters: it, Seed: o.Seed, Log: o.Log, Dev: dev, TwoPass: true})
		if err != nil {
			return err
		}
		t = t.Pruned(TaggerPrune)
		if o.Log != nil {
			f, w := t.Size()
			fmt.Fprintf(o.Log, "tagger: kept %d features, %d weights (pruned below %g)\n", f, w, TaggerPrune)
		}
		save = t.Save
	case "parser":
		train, dev, err := ReadTreebank(o.Data)
		if err != nil {
			return err
		}
		trainTags, devTags, err := Jackknife(train, dev, 4, 6, o.Seed, false, o.Log)
		if err != nil {
			return err
		}
		it := o.Iters
		if it == 0 {
			it = 10
		}
		p, err := parser.Train(train, trainTags, parser.Options{Iters: it, Seed: o.Seed, Log: o.Log, Dev: dev, DevTags: devTags, Ambiguity: o.ParserAmbiguity, FeatureSet: o.ParserFeatures})
		if err != nil {
			return err
		}
		p = p.Pruned(ParserPrune)
		if o.Log != nil {
			tf, tw, lf, lw := p.Size()
			fmt.Fprintf(o.Log, "parser: kept %d transition features (%d weights) and %d label features (%d weights), pruned below %g\n", tf, tw, lf, lw, ParserPrune)
		}
		save = p.Save
	case "lemma":
		train, _, err := ReadTreebank(o.Data)
		if err != nil {
			return err
		}
		l, err := lemma.Train(train)
		if err != nil {
			return err
		}
		save = l.Save
	case "ner":
		r, err := TrainNER(o)
		if err != nil {
			return err
		}
		save = r.Save
	default:
		return fmt.Errorf("train: unknown model %q (want tagger, parser or ner)", what)
	}
	return WriteGzip(o.Out, save)
}
