package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/eval"
	"github.com/chronicle-news/chronicle/internal/source"
)

// runEval runs 'chronicle eval': it codes each gold record's text and scores
// the events against the record's expected events.
func runEval(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	var pf pipelineFlags
	pf.register(fs)
	gold := fs.String("gold", "", "gold records `FILE` (JSONL: id, date, text, expected: [{source, target, code}])")
	wrong := fs.Int("wrong", 50, "how many wrong records to list (-1 for all, 0 for none)")
	all := fs.Bool("all", false, "score records that the PETRARCH suite leaves out (included_by_suite=false) too")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if *gold == "" {
		return usagef("--gold FILE is required")
	}
	f, err := os.Open(*gold)
	if err != nil {
		return fmt.Errorf("%s: %w", *gold, unwrapPathError(err))
	}
	defer f.Close()
	recs, err := eval.ReadGold(*gold, f)
	if err != nil {
		return err
	}
	p, err := pf.build()
	if err != nil {
		return err
	}
	var results []eval.Result
	for _, r := range recs {
		if r.Included != nil && !*r.Included && !*all {
			continue
		}
		date, err := source.NormalizeDate(r.Date)
		if err != nil {
			fmt.Fprintf(env.Stderr, "chronicle: %s: %v\n", r.ID, err)
			date = ""
		}
		doc := &chronicle.Document{ID: r.ID, Date: date, Text: r.Text}
		if err := p.Code(ctx, doc); err != nil {
			fmt.Fprintf(env.Stderr, "chronicle: %s: %v\n", r.ID, err)
		}
		results = append(results, eval.Score(r, doc.Events))
	}
	eval.Report(env.Stdout, results, *wrong)
	return nil
}
