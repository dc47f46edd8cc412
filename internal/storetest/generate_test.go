package storetest

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestGenerate checks that generated documents are deterministic and that
// every offset points at the text it claims.
func TestGenerate(t *testing.T) {
	a, b := Generate(50, 3), Generate(50, 3)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("Generate is not deterministic for a seed")
	}
	if c := Generate(50, 4); reflect.DeepEqual(a, c) {
		t.Fatal("different seeds give the same documents")
	}
	types := map[string]bool{}
	for _, d := range Generate(300, 1) {
		span := func(what string, s, e int, want string) {
			t.Helper()
			if s < 0 || e > len(d.Text) || s > e {
				t.Fatalf("%s %s: span %d-%d outside the text (%d bytes)", d.ID, what, s, e, len(d.Text))
			}
			if want != "" && d.Text[s:e] != want {
				t.Errorf("%s %s: text[%d:%d] = %q, want %q", d.ID, what, s, e, d.Text[s:e], want)
			}
		}
		for i, s := range d.Sentences {
			if s.I != i {
				t.Errorf("%s: sentence %d has index %d", d.ID, i, s.I)
			}
			span("sentence", s.Start, s.End, "")
		}
		for _, e := range d.Entities {
			span("entity", e.Start, e.End, e.Text)
		}
		for _, e := range d.Events {
			types[e.PLOVER] = true
			span("event", e.Start, e.End, "")
			span("source", e.Source.Start, e.Source.End, e.Source.Text)
			span("target", e.Target.Start, e.Target.End, e.Target.Text)
			span("trigger", e.Trigger.Start, e.Trigger.End, e.Trigger.Text)
			s := d.Sentences[e.Sentence]
			if e.Start != s.Start || e.End != s.End {
				t.Errorf("%s %s: event span %d-%d, sentence %d-%d", d.ID, e.ID, e.Start, e.End, s.Start, s.End)
			}
			if e.CAMEO == "" || e.Quad < 1 || e.Quad > 4 || e.Source.Code == e.Target.Code {
				t.Errorf("%s %s: bad codes %+v", d.ID, e.ID, e)
			}
		}
		for _, q := range d.Quotes {
			span("quote", q.Start, q.End, q.Text)
		}
		for _, c := range d.Claims {
			span("claim", c.Start, c.End, c.Text)
		}
		for _, p := range d.Places {
			span("place", p.Start, p.End, p.Text)
		}
		for _, dm := range d.Dates {
			span("date", dm.Start, dm.End, dm.Text)
		}
		if _, err := json.Marshal(d); err != nil {
			t.Fatal(err)
		}
	}
	if len(types) != 16 {
		t.Errorf("generated %d PLOVER types, want all 16", len(types))
	}
}
