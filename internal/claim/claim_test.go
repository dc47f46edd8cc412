package claim

import (
	"context"
	"fmt"
	"strings"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/quote"
	"github.com/chronicle-news/chronicle/internal/timex"
)

// annotate runs the stages claims depend on, then claims.
func annotate(tb testing.TB, doc *chronicle.Document) {
	tb.Helper()
	ctx := context.Background()
	if err := timex.Annotate(ctx, doc); err != nil {
		tb.Fatalf("timex: %v", err)
	}
	if err := quote.Annotate(ctx, doc); err != nil {
		tb.Fatalf("quote: %v", err)
	}
	if err := Annotate(ctx, doc); err != nil {
		tb.Fatalf("Annotate: %v", err)
	}
}

// render shows a claim as text|low..high unit~|trend|comparison|subject|time.
func render(c chronicle.Claim) string {
	q := "-"
	if c.Quantity != nil {
		q = fmt.Sprintf("%g..%g %s", c.Quantity.Low, c.Quantity.High, c.Quantity.Unit)
		if c.Quantity.Approx {
			q += "~"
		}
	}
	sub := ""
	if c.Subject != nil {
		sub = c.Subject.Text
	}
	return fmt.Sprintf("%s|%s|%s|%s|%s|%s", c.Text, q, c.Trend, c.Comparison, sub, c.Time)
}

func TestAnnotate(t *testing.T) {
	var (
		slv  = ent{"El Salvador", "GPE", "SLV"}
		usa  = ent{"the United States", "GPE", "USA"}
		pres = ent{"President Bukele", "PERSON", "SLVGOV"}
		doe  = ent{"Jane Doe", "PERSON", "XYZGOV"}
	)
	tests := []struct {
		name string
		text string
		ents []ent
		want []string
	}{
		{"exact count", "Police detained 3,200 people in the capital.", nil,
			[]string{"detained 3,200 people|3200..3200 people||||"}},
		{"tens of thousands", "Since 2019, President Bukele has detained tens of thousands on suspicion of gang membership.", []ent{pres},
			[]string{"detained tens of thousands|20000..99999 people~|||President Bukele|2019/"}},
		{"a dozen", "A dozen soldiers were wounded.", nil, []string{"A dozen soldiers|12..12 soldiers~||||"}},
		{"dozens", "Dozens of protesters gathered outside.", nil, []string{"Dozens of protesters|24..99 protesters~||||"}},
		{"hundreds", "Hundreds of families fled the town.", nil, []string{"Hundreds of families|200..999 families~||||"}},
		{"more than half", "More than half of the voters stayed home.", nil,
			[]string{"More than half|0.5..1 fraction~||||"}},
		{"about percent", "The party won about 40% of the vote.", nil, []string{"about 40%|40..40 percent~||||"}},
		{"dollars billion", "The government pledged $5 billion for roads.", nil, []string{"$5 billion|5e+09..5e+09 USD||||"}},
		{"million", "The program reached 1.5 million children.", nil, []string{"1.5 million children|1.5e+06..1.5e+06 children||||"}},
		{"range", "Between 1,500 and 3,000 soldiers were deployed.", nil,
			[]string{"Between 1,500 and 3,000 soldiers|1500..3000 soldiers||||"}},
		{"range with scale", "The cost is estimated at between 1.5 and 2 million dollars.", nil,
			[]string{"between 1.5 and 2 million dollars|1.5e+06..2e+06 USD||||"}},
		{"nearly", "Nearly 300 people were evacuated.", nil, []string{"Nearly 300 people|300..300 people~||||"}},
		{"at least killed", "At least 12 killed in the attack, officials said.", nil, []string{"At least 12 killed|12..12 killed~|||officials|"}},
		{"adjective before noun", "The navy rescued 300 Venezuelan migrants on Tuesday.", nil,
			[]string{"rescued 300 Venezuelan migrants|300..300 migrants||||2025-01-28"}},
		{"up to", "The law allows up to 50 prisoners per cell.", nil, []string{"up to 50 prisoners|0..50 prisoners~||||"}},
		{"trend verb", "Homicides fell 50% last year.", nil, []string{"Homicides fell 50%|50..50 percent|down|||2024"}},
		{"trend rose to", "The number of murders rose to 300 in 2024.", nil,
			[]string{"The number of murders rose to 300|300..300 |up|||2024"}},
		{"trend noun", "Officials reported a sharp decline in homicides.", nil, []string{"a sharp decline in homicides|-|down|||"}},
		{"trend surge", "Aid groups warned of a surge in arrests since January.", nil, []string{"a surge in arrests|-|up|||2025-01/"}},
		{"trend doubled", "Exports doubled in 2023.", nil, []string{"Exports doubled|-|up|||2023"}},
		{"comparison", "El Salvador now has fewer murders than the United States.", []ent{slv, usa},
			[]string{"fewer murders than the United States|-||fewer murders than the United States|El Salvador|"}},
		{"comparison er", "The new prison is larger than any other in the region.", nil,
			[]string{"larger than any other|-||larger than any other||"}},
		{"superlative", "The country recorded the lowest murder rate in the hemisphere.", nil,
			[]string{"the lowest murder rate in the hemisphere|-||the lowest murder rate in the hemisphere||"}},
		{"subject from entity", "Jane Doe said 40 journalists were jailed.", []ent{doe},
			[]string{"40 journalists|40..40 journalists|||Jane Doe|"}},
		{"subject from quote speaker", "“We have built 12 new schools,” the minister said.", nil,
			[]string{"12 new schools|12..12 schools|||the minister|"}},
		{"skip gang name", "Members of MS-13 and the G20 met.", nil, nil},
		{"skip covid", "COVID-19 spread quickly.", nil, nil},
		{"skip time", "The meeting began at 10:30 and ended at 5 p.m.", nil, nil},
		{"skip age", "A 45-year-old man was arrested. Jane Doe, 52, was released.", []ent{doe}, nil},
		{"skip aged", "A man aged 60 died.", nil, nil},
		{"skip year", "The law was passed in 2019.", nil, nil},
		{"skip date", "The order was signed on January 20, 2025.", nil, nil},
		{"skip designator", "Article 5 of the treaty and Resolution 2417 apply.", nil, nil},
		{"skip list marker", "1. The first point is clear.", nil, nil},
		{"skip ordinal", "It was the 3rd attempt.", nil, nil},
		{"skip definite", "The two leaders met.", nil, nil},
		{"skip rose to power", "He rose to power in a coup.", nil, nil},
		{"skip political fall", "The fall of the regime surprised everyone.", nil, nil},
		{"skip adjective growing", "Officials warned of a growing threat.", nil, nil},
		{"skip adjective after been", "There has been growing concern about the dam.", nil, nil},
		{"skip pronoun career", "It is the town where he rose through the ranks.", nil, nil},
		{"trend progressive with been", "Violence has been growing since the vote.", nil, []string{"Violence has been growing|-|up|||"}},
		{"skip adjective increased", "The plan brings increased funding for schools.", nil, nil},
		{"skip bare small word number", "Four of them were hurt.", nil, nil},
		{"four dozen", "More than four dozen villages were flooded.", nil, []string{"More than four dozen villages|48..48 villages~||||"}},
		{"word amount in dollars", "The agency needs a billion dollars.", nil, []string{"a billion dollars|1e+09..1e+09 USD||||"}},
		{"possessive is not the unit", "Nine of the country’s 18 provinces voted.", nil, []string{"18 provinces|18..18 provinces||||"}},
		{"trend verb progressive", "Food prices are rising across the region.", nil, []string{"Food prices are rising|-|up|||"}},
		{"skip fell to rebels", "The town fell to Northern rebels.", nil, nil},
		{"more than not comparison", "More than 300 people signed.", nil, []string{"More than 300 people|300..300 people~||||"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := newDoc(tt.text, "2025-01-31")
			addEntities(doc, tt.ents...)
			annotate(t, doc)
			var got []string
			for _, c := range doc.Claims {
				if doc.Text[c.Start:c.End] != c.Text {
					t.Errorf("offsets [%d,%d) give %q, want %q", c.Start, c.End, doc.Text[c.Start:c.End], c.Text)
				}
				got = append(got, render(c))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestAnnotateTagged(t *testing.T) {
	tests := []struct {
		name string
		text string
		tags map[string]string
		want []string
	}{
		{"verb after noun", "Between 1,500 and 3,000 soldiers patrol the border.",
			map[string]string{"soldiers": "NOUN/NNS", "patrol": "VERB/VBP", "the": "DET/DT", "border": "NOUN/NN"},
			[]string{"Between 1,500 and 3,000 soldiers|1500..3000 soldiers||||"}},
		{"noun rise is not a verb trend", "The rise in prices worried rivals.",
			map[string]string{"The": "DET/DT", "rise": "NOUN/NN", "in": "ADP/IN", "prices": "NOUN/NNS", "worried": "VERB/VBD"},
			[]string{"The rise in prices|-|up|||"}},
		{"participle unit", "Officials said 12 killed in the blast.",
			map[string]string{"Officials": "NOUN/NNS", "said": "VERB/VBD", "killed": "VERB/VBN", "in": "ADP/IN"},
			[]string{"12 killed|12..12 killed|||Officials|"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := newDoc(tt.text, "2025-01-31")
			tag(doc, tt.tags)
			annotate(t, doc)
			var got []string
			for _, c := range doc.Claims {
				got = append(got, render(c))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}
