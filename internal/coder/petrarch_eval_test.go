package coder_test

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"
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
const petrarchRootF1 = 0.88

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

// TestCAMEOVerbsInvented codes invented sentences through the whole pipeline
// with PETRARCH2's full CAMEO verb dictionary and Chronicle's own actors: the
// dictionary's patterns decide the codes.
func TestCAMEOVerbsInvented(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole pipeline")
	}
	verbs := testutil.SharedFile(t, "data/petrarch2/dictionaries/CAMEO.2.0.txt")
	c, err := coder.New(coder.Options{VerbsFile: verbs})
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(pipeline.Options{Coder: c})
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("language models are not built yet: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text, src, tgt, code, pattern string
	}{
		{"Russia asked China for humanitarian aid.", "RUS", "CHN", "0233", `"* (FOR {HUMANITARIAN AID})"`},
		{"The Iranian army besieged the rebel stronghold.", "IRN", "---", "191", `"* &STRONGHOLD"`},
		{"Egyptian forces occupied the bridge near Rafah.", "EGY", "", "192", `"* BRIDGE"`},
		{"Turkey rushed troops to the border with Syria.", "TUR", "SYR", "154", `"* (TO BORDER)"`},
		{"France expelled the ambassador of Mali.", "FRA", "MLI", "174", "deport [174]"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			doc := &chronicle.Document{ID: "invented", Date: "2025-02-01", Text: tc.text}
			if err := p.Code(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range doc.Events {
				src, tgt := "", ""
				if e.Source != nil && len(e.Source.Code) >= 3 {
					src = e.Source.Code[:3]
				}
				if e.Target != nil && len(e.Target.Code) >= 3 {
					tgt = e.Target.Code[:3]
				}
				if src == tc.src && tgt == tc.tgt && e.CAMEO == tc.code && strings.Contains(e.Rule, tc.pattern) {
					return
				}
				got = append(got, src+" "+tgt+" "+e.CAMEO+" "+e.Rule)
			}
			t.Errorf("no event %s %s %s by %s; got %q", tc.src, tc.tgt, tc.code, tc.pattern, got)
		})
	}
}
