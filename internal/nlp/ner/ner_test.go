package ner

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/chronicle-news/chronicle/internal/nlp/conllu"
)

func TestParseBracketed(t *testing.T) {
	in := "# comment\n[NORP Salvadoran] President [PERSON Nayib Bukele] visited [FAC Terrorism Confinement Center] .\n"
	s, err := ParseBracketed(strings.NewReader(in), "in")
	if err != nil {
		t.Fatal(err)
	}
	var tags []string
	for _, w := range s[0].Words {
		tags = append(tags, w.NER)
	}
	want := []string{"B-NORP", "O", "B-PERSON", "I-PERSON", "O", "B-FAC", "I-FAC", "I-FAC", "O"}
	if !reflect.DeepEqual(tags, want) {
		t.Errorf("tags = %v, want %v", tags, want)
	}
	for _, bad := range []string{"[PERSON Ana", "[WHAT x]", "[GPE]"} {
		if _, err := ParseBracketed(strings.NewReader(bad), "bad"); err == nil {
			t.Errorf("ParseBracketed(%q): want an error", bad)
		}
	}
}

func TestSpans(t *testing.T) {
	tests := []struct {
		name string
		tags []string
		want []Span
	}{
		{"none", []string{"O", "O"}, nil},
		{"two", []string{"B-NORP", "O", "B-PERSON", "I-PERSON"}, []Span{{"NORP", 0, 1}, {"PERSON", 2, 4}}},
		{"adjacent", []string{"B-GPE", "B-GPE"}, []Span{{"GPE", 0, 1}, {"GPE", 1, 2}}},
		{"stray I", []string{"O", "I-ORG", "I-ORG"}, []Span{{"ORG", 1, 3}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Spans(tc.tags); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Spans = %v, want %v", got, tc.want)
			}
		})
	}
}

func testGazetteer(t *testing.T) *Gazetteer {
	g, err := ParseGazetteer(strings.NewReader(GazetteerText), "gazetteer.txt")
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestGazetteer(t *testing.T) {
	g := testGazetteer(t)
	marks := g.match(strings.Fields("Salvadoran President visited San Salvador"))
	if !contains(marks[0], "NORP:U") || !contains(marks[1], "TITLE:U") || !contains(marks[3], "GPE:B") || !contains(marks[4], "GPE:L") {
		t.Errorf("marks = %v", marks)
	}
	if _, err := ParseGazetteer(strings.NewReader("no tab here\n"), "bad"); err == nil {
		t.Error("want an error for a line without a tab")
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestFromUNER(t *testing.T) {
	g := testGazetteer(t)
	in := []conllu.Sentence{{Words: []conllu.Word{
		{Form: "Iraqi", NER: "O"}, {Form: "Baghdad", NER: "B-LOC"}, {Form: "Main", NER: "B-LOC"}, {Form: "Street", NER: "I-LOC"},
		{Form: "Ana", NER: "B-PER"},
	}}}
	out := FromUNER(in, g)
	var got []string
	for _, w := range out[0].Words {
		got = append(got, w.NER)
	}
	want := []string{"B-NORP", "B-GPE", "B-LOC", "I-LOC", "B-PERSON"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FromUNER tags = %v, want %v", got, want)
	}
	if in[0].Words[0].NER != "O" {
		t.Error("FromUNER changed its input")
	}
}

func TestSynthesizeDeterministic(t *testing.T) {
	a, err := Synthesize(strings.NewReader(SynthText), "synth", 50, 7)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Synthesize(strings.NewReader(SynthText), "synth", 50, 7)
	if !reflect.DeepEqual(a, b) {
		t.Error("same seed gave different sentences")
	}
	if _, err := Synthesize(strings.NewReader("T\t{NOPE} x\n"), "bad", 1, 1); err == nil {
		t.Error("want an error for a slot without fillers")
	}
}

func upper(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		if w != "" && w[0] >= 'A' && w[0] <= 'Z' {
			out[i] = "PROPN"
		} else {
			out[i] = "NOUN"
		}
	}
	return out
}

// TestTrainSmall trains on the invented sentences and templates and checks
// the title rule and save/load.
func TestTrainSmall(t *testing.T) {
	g := testGazetteer(t)
	news, err := ParseBracketed(strings.NewReader(NewsTrainText), "news")
	if err != nil {
		t.Fatal(err)
	}
	synth, err := Synthesize(strings.NewReader(SynthText), "synth", 300, 1)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Train(append(news, synth...), g, Options{Iters: 3, Seed: 1, POS: upper})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Save(&buf); err != nil {
		t.Fatal(err)
	}
	r2, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("Iraqi President Nayib Bukele visited Baghdad .")
	for name, m := range map[string]*Recognizer{"trained": r, "loaded": r2} {
		tags := m.Tag(words, upper(words))
		if tags[1] != "O" {
			t.Errorf("%s: title tagged %s in %v", name, tags[1], tags)
		}
		if tags[2] != "B-PERSON" || tags[3] != "I-PERSON" {
			t.Errorf("%s: name not a PERSON span: %v", name, tags)
		}
	}
}

func TestFixTitles(t *testing.T) {
	r := &Recognizer{gaz: testGazetteer(t)}
	words := []string{"President", "Ana", "Ruiz"}
	tags := []string{"B-PERSON", "I-PERSON", "I-PERSON"}
	r.fixTitles(words, tags)
	if want := []string{"O", "B-PERSON", "I-PERSON"}; !reflect.DeepEqual(tags, want) {
		t.Errorf("fixTitles = %v, want %v", tags, want)
	}
}

func FuzzParseBracketed(f *testing.F) {
	f.Add("[PERSON Ana Ruiz] left [GPE Lima] .")
	f.Add("[ORG x")
	f.Fuzz(func(t *testing.T, s string) {
		sents, err := ParseBracketed(strings.NewReader(s), "fuzz")
		if err != nil {
			return
		}
		for _, st := range sents {
			tags := make([]string, len(st.Words))
			for i, w := range st.Words {
				tags[i] = w.NER
			}
			for _, sp := range Spans(tags) {
				if sp.Start < 0 || sp.End > len(tags) || sp.Start >= sp.End {
					t.Fatalf("bad span %v", sp)
				}
			}
		}
	})
}
