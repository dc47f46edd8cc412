package geo

import (
	"context"
	"os"
	"testing"
)

// TestDebugScores prints the candidate scores of one annotated sentence
// given in GEO_DEBUG (helper_test.go format); it is a tuning aid.
func TestDebugScores(t *testing.T) {
	line := os.Getenv("GEO_DEBUG")
	if line == "" {
		t.Skip("set GEO_DEBUG to a sentence")
	}
	g := builtin(t)
	td := doc(t, line)
	ms := g.mentions(td.doc)
	g.resolve(td.doc, ms)
	for _, m := range ms {
		t.Logf("mention %q key=%q cue=%q q=%d best=%d", m.text, m.key, m.cue, m.qualifier, m.best)
		for _, c := range m.cands {
			e := g.entries[c.ref.id]
			t.Logf("   %-25s %s %s %s pop=%d kind=%d prior=%.2f score=%.2f", e.name, e.country, e.feature, e.admin1, e.pop, c.ref.kind, c.prior, c.score)
		}
	}
	_ = context.Background()
}
