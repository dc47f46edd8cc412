package pipeline

import (
	"context"
	"encoding/json"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
)

// TestCodeBatchSameAsCode codes the golden passages, and two documents that
// cannot be coded, one by one and together: each document must come out the
// same, with its own error.
func TestCodeBatchSameAsCode(t *testing.T) {
	p, err := New(Options{DefaultDate: "2025-02-07"})
	if err != nil {
		t.Fatal(err)
	}
	mk := func() []*chronicle.Document {
		var docs []*chronicle.Document
		for i, ps := range readPassages(t) {
			docs = append(docs, &chronicle.Document{ID: ps.ID, Date: ps.Date, Text: ps.Text})
			if i == 3 {
				docs = append(docs, &chronicle.Document{ID: "nul", Text: "Binary\x00input"})
			}
		}
		return append(docs, &chronicle.Document{ID: "no-date", Text: "French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris on Monday."})
	}
	alone, together := mk(), mk()
	errsAlone := make([]error, len(alone))
	for i, d := range alone {
		errsAlone[i] = p.Code(context.Background(), d)
	}
	errs := p.CodeBatch(context.Background(), together)
	if len(errs) != len(together) {
		t.Fatalf("%d errors for %d documents", len(errs), len(together))
	}
	for i := range alone {
		a, _ := json.Marshal(alone[i])
		b, _ := json.Marshal(together[i])
		if string(a) != string(b) {
			t.Errorf("%s: coded differently together than alone", alone[i].ID)
		}
		if (errs[i] == nil) != (errsAlone[i] == nil) {
			t.Errorf("%s: error %v together, %v alone", alone[i].ID, errs[i], errsAlone[i])
		}
	}
	if errs[4] == nil || together[4].ID != "nul" {
		t.Errorf("the document with a NUL byte was coded without error")
	}
	if n := len(together[len(together)-1].Events); n == 0 || together[len(together)-1].Date != "2025-02-07" {
		t.Errorf("the undated document got date %q and %d events", together[len(together)-1].Date, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for i, err := range p.CodeBatch(ctx, mk()) {
		if err == nil {
			t.Errorf("document %d coded under a cancelled context", i)
		}
	}
}
