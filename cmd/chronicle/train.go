package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/chronicle-news/chronicle/internal/nlp/training"
)

// runTrain runs 'chronicle train tagger|parser|ner --data DIR --out FILE'.
func runTrain(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		return usagef("usage: chronicle train tagger|parser|lemma|ner --data DIR --out FILE [--seed N] [--iters N]")
	}
	what := args[0]
	switch what {
	case "tagger", "parser", "lemma", "ner":
	default:
		return usagef("train: unknown model %q (want tagger, parser, lemma or ner)", what)
	}
	fs := flag.NewFlagSet("train "+what, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	data := fs.String("data", "", "folder with the training data (UD English EWT for tagger and parser, UNER English EWT for ner)")
	out := fs.String("out", "", "file to write the gzipped model to")
	seed := fs.Uint64("seed", 1, "random seed (same data and seed give the same model)")
	iters := fs.Int("iters", 0, "training iterations (0: the default for the model)")
	quiet := fs.Bool("quiet", false, "do not print progress")
	ambiguity := fs.Bool("ambiguity", false, "parser: add ambiguity-class features (not used by the committed model)")
	features := fs.Int("features", 1, "parser: feature template set, 1 (committed model) or 2 (extended)")
	if err := fs.Parse(args[1:]); err != nil {
		return usagef("%v", err)
	}
	if *features < 1 || *features > 2 {
		return usagef("train %s: --features must be 1 or 2, not %d", what, *features)
	}
	if *data == "" || *out == "" {
		return usagef("train %s: --data and --out are required", what)
	}
	var log io.Writer = env.Stderr
	if *quiet {
		log = nil
	}
	start := time.Now()
	if err := training.Run(what, training.Options{Data: *data, Out: *out, Seed: *seed, Iters: *iters, Log: log, ParserAmbiguity: *ambiguity, ParserFeatures: *features}); err != nil {
		return err
	}
	if log != nil {
		fmt.Fprintf(log, "train %s: wrote %s in %s\n", what, *out, time.Since(start).Round(time.Millisecond))
	}
	return nil
}
