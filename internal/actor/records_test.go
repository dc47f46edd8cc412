package actor

import (
	"bufio"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/chronicle-news/chronicle/internal/testutil"
)

// TestPetrarchRecordActors measures how many actor codes expected by
// PETRARCH2's unit-test records the validation dictionaries find in the
// record's text: each expected source and target code must come out of
// resolving some noun phrase of the sentence. It bounds the actor recall the
// event coder can reach on that suite.
func TestPetrarchRecordActors(t *testing.T) {
	recs := testutil.SharedFile(t, "data/petrarch2/unit-tests/records.jsonl")
	d, err := LoadFiles(
		[]string{testutil.SharedFile(t, "data/petrarch2/unit-tests/PETR.Validate.actors.txt")},
		testutil.SharedFile(t, "data/petrarch2/unit-tests/PETR.Validate.agents.txt"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(recs)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 8<<20)
	found, total := 0, 0
	var missed []string
	for sc.Scan() {
		var r struct {
			ID       string `json:"id"`
			Date     string `json:"date"`
			Text     string `json:"text"`
			Expected []struct {
				Source string `json:"source"`
				Target string `json:"target"`
			} `json:"expected"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		s := sentence(r.Text)
		codes := map[string]bool{}
		// Every span from a match to the end of its phrase: a match alone,
		// and a match with the agent words after it.
		ms := d.Matches(s.Tokens, 0, len(s.Tokens))
		for i, m := range ms {
			for j := i; j < len(ms) && j < i+4; j++ {
				for _, res := range d.ResolveAll(s, m.Start, ms[j].End, r.Date) {
					codes[res.Code] = true
				}
			}
		}
		for _, e := range r.Expected {
			for _, c := range []string{e.Source, e.Target} {
				if c == "" || c == "---" {
					continue
				}
				total++
				if codes[c] {
					found++
				} else {
					keys := make([]string, 0, len(codes))
					for k := range codes {
						keys = append(keys, k)
					}
					sort.Strings(keys)
					missed = append(missed, r.ID+" "+c+" got "+strings.Join(keys, ","))
				}
			}
		}
	}
	if total == 0 {
		t.Fatal("no expected actors read")
	}
	rate := float64(found) / float64(total)
	t.Logf("expected actor codes found: %d/%d (%.3f)", found, total, rate)
	if testing.Verbose() {
		for _, m := range missed {
			t.Log("missed:", m)
		}
	}
	if rate < 0.93 {
		t.Errorf("found %.3f of expected actor codes, want at least 0.93", rate)
	}
}
