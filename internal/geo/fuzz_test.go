package geo

import (
	"context"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
)

// FuzzLoad feeds arbitrary gazetteer text to the parser: it must return an
// error or a gazetteer, never panic.
func FuzzLoad(f *testing.F) {
	f.Add(tinyGazetteer)
	f.Add("C\tFR\tFRA\tFrance\t46\t2\t1\t1\tParis\t\t\t\nP\t1\tParis\t1\t2\tPPLC\tFR\t11\t5\ta|b\n")
	f.Add("#size entries=3 names=9\nA\tUS\tTX\tTexas\t31\t-99\t1\t1\t\n")
	f.Fuzz(func(t *testing.T, data string) {
		g, err := parse(data)
		if err != nil {
			return
		}
		g.Lookup("Paris")
		g.Demonym("French")
		g.Country("FR")
	})
}

// FuzzAnnotate runs place resolution and event location on arbitrary text
// tokenised by the test tokeniser, with every capitalised token also
// offered as a GPE entity.
func FuzzAnnotate(f *testing.F) {
	f.Add("KYIV, Ukraine — Troops arrived in Paris, Texas, and the U.S. said so.")
	f.Add("In San Salvador , Georgia's capital of Tbilisi; Cambridge, Mass.")
	f.Add("— , ’s ' - the The")
	g, err := Builtin()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := &chronicle.Document{ID: "fuzz", Text: text}
		toks := tokenize(text, 0, len(text))
		d.Sentences = []chronicle.Sentence{{Start: 0, End: len(text), Tokens: toks}}
		for i, tk := range toks {
			if startsUpper(tk.Text) {
				d.Entities = append(d.Entities, chronicle.Entity{Text: tk.Text, Type: "GPE", Start: tk.Start, End: tk.End, TokStart: i, TokEnd: i + 1})
			}
		}
		if err := g.Annotate(context.Background(), d); err != nil {
			t.Fatalf("Annotate: %v", err)
		}
		for _, p := range d.Places {
			if p.Start < 0 || p.End > len(text) || p.Start >= p.End || text[p.Start:p.End] != p.Text {
				t.Fatalf("bad place span %+v", p)
			}
		}
		for i := range toks {
			g.EventLocation(d, 0, i)
		}
	})
}
