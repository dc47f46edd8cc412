package actor

import (
	"context"
	"strings"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
)

// makeDoc splits text into sentences at ". " boundaries and tokenizes them;
// ents lists "sentence:phrase:TYPE" entities as a recogniser would give.
func makeDoc(t testing.TB, date, text string, ents ...string) *chronicle.Document {
	t.Helper()
	doc := &chronicle.Document{ID: "test", Date: date, Text: text}
	start := 0
	for start < len(text) {
		end := strings.Index(text[start:], ". ")
		if end < 0 {
			end = len(text)
		} else {
			end = start + end + 1
		}
		doc.Sentences = append(doc.Sentences, chronicle.Sentence{
			I: len(doc.Sentences), Start: start, End: end, Tokens: tokenize(text[start:end], start),
		})
		start = end
		for start < len(text) && text[start] == ' ' {
			start++
		}
	}
	for _, e := range ents {
		parts := strings.SplitN(e, ":", 3)
		si := int(parts[0][0] - '0')
		s := &doc.Sentences[si]
		a, b := findPhrase(t, s, parts[1])
		doc.Entities = append(doc.Entities, chronicle.Entity{
			Text: text[s.Tokens[a].Start:s.Tokens[b-1].End], Type: parts[2],
			Start: s.Tokens[a].Start, End: s.Tokens[b-1].End, Sentence: si, TokStart: a, TokEnd: b,
		})
	}
	return doc
}

func TestAnnotate(t *testing.T) {
	d := builtin(t)
	type want struct {
		text, typ, name, code, country string
	}
	tests := []struct {
		name string
		date string
		text string
		ents []string
		want []want
	}{
		{
			name: "resolves recognised and adds missed",
			date: "2025-02-01",
			text: "US envoy Mauricio Claver-Carone is set to meet Nayib Bukele in San Salvador. Bukele said Venezuelan gang members would be held. Rubio praised El Salvador.",
			ents: []string{"0:Mauricio Claver-Carone:PERSON", "0:Nayib Bukele:PERSON", "0:San Salvador:GPE"},
			want: []want{
				{"US", "GPE", "United States", "USA", "USA"},
				{"Mauricio Claver-Carone", "PERSON", "Mauricio Claver-Carone", "USAGOV", "USA"},
				{"Nayib Bukele", "PERSON", "Nayib Bukele", "SLVGOV", "SLV"},
				{"San Salvador", "GPE", "San Salvador", "SLVGOV", "SLV"},
				{"Bukele", "PERSON", "Nayib Bukele", "SLVGOV", "SLV"},
				{"Venezuelan", "NORP", "Venezuela", "VEN", "VEN"},
				{"Rubio", "PERSON", "Marco Rubio", "USAGOV", "USA"},
				{"El Salvador", "GPE", "El Salvador", "SLV", "SLV"},
			},
		},
		{
			name: "time-bounded role before office",
			date: "2024-03-10",
			text: "Senator Marco Rubio visited Caracas.",
			ents: []string{"0:Marco Rubio:PERSON"},
			want: []want{
				{"Marco Rubio", "PERSON", "Marco Rubio", "USALEG", "USA"},
				{"Caracas", "GPE", "Caracas", "VENGOV", "VEN"},
			},
		},
		{
			name: "short name of a person outside the dictionary",
			date: "2025-02-01",
			text: "Jane Okafor leads the group. Okafor said the law was unjust.",
			ents: []string{"0:Jane Okafor:PERSON"},
			want: []want{
				{"Jane Okafor", "PERSON", "", "", ""},
				{"Okafor", "PERSON", "Jane Okafor", "", ""},
			},
		},
		{
			name: "short name recognised as an entity",
			date: "2025-02-01",
			text: "Delcy Rodríguez met the delegation. Rodríguez later left.",
			ents: []string{"0:Delcy Rodríguez:PERSON", "1:Rodríguez:PERSON"},
			want: []want{
				{"Delcy Rodríguez", "PERSON", "Delcy Rodríguez", "VENGOV", "VEN"},
				{"Rodríguez", "PERSON", "Delcy Rodríguez", "VENGOV", "VEN"},
			},
		},
		{
			name: "entity with a title inside",
			date: "2025-02-01",
			text: "President Nayib Bukele spoke.",
			ents: []string{"0:President Nayib Bukele:PERSON"},
			want: []want{
				{"President Nayib Bukele", "PERSON", "Nayib Bukele", "SLVGOV", "SLV"},
			},
		},
		{
			name: "organisations and groups",
			date: "2025-02-01",
			text: "The UN said MS-13 and Tren de Aragua recruit children.",
			want: []want{
				{"UN", "ORG", "United Nations", "IGOUNO", ""},
				{"MS-13", "ORG", "MS-13", "SLVCRM", "SLV"},
				{"Tren de Aragua", "ORG", "Tren de Aragua", "VENCRM", "VEN"},
			},
		},
		{
			name: "no names in lower case",
			date: "2025-02-01",
			text: "They told us the turkey was cold.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := makeDoc(t, tc.date, tc.text, tc.ents...)
			if err := d.Annotate(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			var got []want
			for _, e := range doc.Entities {
				got = append(got, want{e.Text, e.Type, e.Name, e.Code, e.Country})
				if doc.Text[e.Start:e.End] != e.Text {
					t.Errorf("entity %q has offsets %d:%d that point at %q", e.Text, e.Start, e.End, doc.Text[e.Start:e.End])
				}
				s := doc.Sentences[e.Sentence]
				if s.Tokens[e.TokStart].Start != e.Start || s.Tokens[e.TokEnd-1].End != e.End {
					t.Errorf("entity %q token span %d:%d does not match its offsets", e.Text, e.TokStart, e.TokEnd)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d entities %+v, want %d %+v", len(got), got, len(tc.want), tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("entity %d = %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestAnnotateCancelled(t *testing.T) {
	d := builtin(t)
	doc := makeDoc(t, "2025-02-01", "Bukele spoke.")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := d.Annotate(ctx, doc); err == nil {
		t.Fatal("Annotate with a cancelled context returned no error")
	}
}
