package coder_test

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/actor"
	"github.com/chronicle-news/chronicle/internal/coder"
	"github.com/chronicle-news/chronicle/internal/eval"
	"github.com/chronicle-news/chronicle/internal/pipeline"
	"github.com/chronicle-news/chronicle/internal/source"
	"github.com/chronicle-news/chronicle/internal/testutil"
)

// petrarchRootF1 is the root-level F1 Chronicle reaches on PETRARCH2's own
// unit-test records with PETRARCH2's test dictionaries, as measured by
//
//	U=../shared/data/petrarch2/unit-tests
//	chronicle eval --gold $U/records.jsonl --verbs $U/PETR.Validate.verbs.txt \
//	    --actors $U/PETR.Validate.actors.txt --agents $U/PETR.Validate.agents.txt \
//	    --discards $U/PETR.Validate.discards.txt
//
// The test fails when the score drops more than 0.01 below it.
const petrarchRootF1 = 0.851

// TestPetrarchUnitTests codes PETRARCH2's unit-test records through the
// whole pipeline with the suite's own verb, actor, agent and discard
// dictionaries, and scores them as `chronicle eval` does.
func TestPetrarchUnitTests(t *testing.T) {
	if testing.Short() {
		t.Skip("codes 281 records through the whole pipeline")
	}
	dir := "data/petrarch2/unit-tests/"
	gold := testutil.SharedFile(t, dir+"records.jsonl")
	verbs := testutil.SharedFile(t, dir+"PETR.Validate.verbs.txt")
	actors := testutil.SharedFile(t, dir+"PETR.Validate.actors.txt")
	agents := testutil.SharedFile(t, dir+"PETR.Validate.agents.txt")
	discards := testutil.SharedFile(t, dir+"PETR.Validate.discards.txt")

	f, err := os.Open(gold)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := eval.ReadGold(gold, f)
	if err != nil {
		t.Fatal(err)
	}
	ad, err := actor.LoadFiles([]string{actors}, agents)
	if err != nil {
		t.Fatal(err)
	}
	c, err := coder.New(coder.Options{VerbsFile: verbs, DiscardsFile: discards})
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(pipeline.Options{Actors: ad, Coder: c})
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("language models are not built yet: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	var results []eval.Result
	for _, r := range recs {
		if r.Included != nil && !*r.Included {
			continue
		}
		date, err := source.NormalizeDate(r.Date)
		if err != nil {
			date = ""
		}
		doc := &chronicle.Document{ID: r.ID, Date: date, Text: r.Text}
		if err := p.Code(context.Background(), doc); err != nil {
			t.Errorf("%s: %v", r.ID, err)
		}
		results = append(results, eval.Score(r, doc.Events))
	}
	exact, root := eval.Report(io.Discard, results, 0)
	t.Logf("%d records: root P %.3f R %.3f F1 %.3f; exact P %.3f R %.3f F1 %.3f", len(results),
		root.Precision(), root.Recall(), root.F1(), exact.Precision(), exact.Recall(), exact.F1())
	if root.F1() < petrarchRootF1-0.01 {
		t.Errorf("root F1 %.3f is below the recorded %.3f", root.F1(), petrarchRootF1)
	}
}
