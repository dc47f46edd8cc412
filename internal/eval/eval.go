// Package eval reads gold event records and scores coded events against them
// at two levels: exact codes, and "root" (actor codes equal on their first
// three letters, CAMEO codes on their first two digits).
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

// Expected is one expected event of a gold record.
type Expected struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Code   string `json:"code"`
	PLOVER string `json:"plover,omitempty"`
}

// Record is one gold record: PETRARCH-style (id, date, text, expected).
type Record struct {
	ID       string     `json:"id"`
	Date     string     `json:"date"`
	Text     string     `json:"text"`
	Expected []Expected `json:"expected"`
	// Skip marks records that PETRARCH's own suite leaves out.
	Included *bool  `json:"included_by_suite,omitempty"`
	Category string `json:"category,omitempty"`
}

// ReadGold reads JSONL gold records. Malformed lines are errors naming the
// line.
func ReadGold(name string, r io.Reader) ([]Record, error) {
	var out []Record
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		b := strings.TrimSpace(sc.Text())
		if b == "" || strings.HasPrefix(b, "#") || strings.HasPrefix(b, "//") {
			continue
		}
		var rec Record
		if err := json.Unmarshal([]byte(b), &rec); err != nil {
			return nil, fmt.Errorf("%s:%d: malformed gold record: %w", name, line, err)
		}
		if rec.Text == "" {
			return nil, fmt.Errorf("%s:%d: gold record %q has no text", name, line, rec.ID)
		}
		if rec.ID == "" {
			rec.ID = fmt.Sprintf("%s:%d", name, line)
		}
		out = append(out, rec)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// Counts are true positives, false positives and false negatives.
type Counts struct{ TP, FP, FN int }

// Precision returns TP/(TP+FP), 0 when undefined.
func (c Counts) Precision() float64 {
	if c.TP+c.FP == 0 {
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// Recall returns TP/(TP+FN), 0 when undefined.
func (c Counts) Recall() float64 {
	if c.TP+c.FN == 0 {
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// F1 returns the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Add adds other to c.
func (c *Counts) Add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// Triple is a coded event reduced to what gold records hold.
type Triple struct{ Source, Target, Code string }

func (t Triple) String() string { return t.Source + " " + t.Target + " " + t.Code }

// Root reduces a triple to root level.
func (t Triple) Root() Triple {
	return Triple{cut(t.Source, 3), cut(t.Target, 3), cut(t.Code, 2)}
}

func cut(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// Triples turns coded events into triples, leaving out negated and
// hypothetical events (they did not happen).
func Triples(evs []chronicle.Event) []Triple {
	var out []Triple
	for _, e := range evs {
		if e.Factuality == chronicle.FactNegated || e.Factuality == chronicle.FactHypothetical {
			continue
		}
		t := Triple{Code: e.CAMEO}
		if e.Source != nil {
			t.Source = e.Source.Code
		}
		if e.Target != nil {
			t.Target = e.Target.Code
		}
		out = append(out, t)
	}
	return out
}

// unknown maps PETRARCH's "---" (an actor that is there but not known) to
// the empty code Chronicle gives a missing actor.
func unknown(code string) string {
	if code == "---" {
		return ""
	}
	return code
}

// Match counts matches between predicted and expected triples as multisets.
func Match(pred, gold []Triple) Counts {
	left := map[Triple]int{}
	for _, g := range gold {
		left[g]++
	}
	var c Counts
	for _, p := range pred {
		if left[p] > 0 {
			left[p]--
			c.TP++
		} else {
			c.FP++
		}
	}
	for _, n := range left {
		c.FN += n
	}
	return c
}

// Result is the score of one record.
type Result struct {
	ID         string
	Text       string
	Pred, Gold []Triple
	Exact      Counts
	Root       Counts
}

// Score scores one record's coded events.
func Score(rec Record, evs []chronicle.Event) Result {
	pred := Triples(evs)
	var gold []Triple
	for _, e := range rec.Expected {
		gold = append(gold, Triple{unknown(e.Source), unknown(e.Target), e.Code})
	}
	var pr, gr []Triple
	for _, t := range pred {
		pr = append(pr, t.Root())
	}
	for _, t := range gold {
		gr = append(gr, t.Root())
	}
	sortTriples(pred)
	sortTriples(gold)
	return Result{ID: rec.ID, Text: rec.Text, Pred: pred, Gold: gold, Exact: Match(pred, gold), Root: Match(pr, gr)}
}

func sortTriples(ts []Triple) {
	sort.Slice(ts, func(i, j int) bool { return ts[i].String() < ts[j].String() })
}

// Report sums results and writes the summary and the wrong records.
func Report(w io.Writer, results []Result, showWrong int) (exact, root Counts) {
	var wrong []Result
	for _, r := range results {
		exact.Add(r.Exact)
		root.Add(r.Root)
		if r.Root.FP > 0 || r.Root.FN > 0 {
			wrong = append(wrong, r)
		}
	}
	fmt.Fprintf(w, "records: %d (wrong at root level: %d)\n", len(results), len(wrong))
	fmt.Fprintf(w, "%-6s %9s %9s %9s %6s %6s %6s\n", "level", "precision", "recall", "f1", "tp", "fp", "fn")
	for _, l := range []struct {
		name string
		c    Counts
	}{{"exact", exact}, {"root", root}} {
		fmt.Fprintf(w, "%-6s %9.3f %9.3f %9.3f %6d %6d %6d\n", l.name, l.c.Precision(), l.c.Recall(), l.c.F1(), l.c.TP, l.c.FP, l.c.FN)
	}
	if showWrong != 0 && len(wrong) > 0 {
		fmt.Fprintln(w, "\nwrong records:")
		for i, r := range wrong {
			if showWrong > 0 && i >= showWrong {
				fmt.Fprintf(w, "... and %d more\n", len(wrong)-i)
				break
			}
			fmt.Fprintf(w, "- %s: %s\n    expected: %s\n    got:      %s\n", r.ID, clip(r.Text, 160), join(r.Gold), join(r.Pred))
		}
	}
	return exact, root
}

func join(ts []Triple) string {
	if len(ts) == 0 {
		return "(none)"
	}
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = "[" + t.String() + "]"
	}
	return strings.Join(s, " ")
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
