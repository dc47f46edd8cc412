package quote

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// show renders a quote as text|speaker|cue|direct for comparisons.
func show(t *testing.T, text string, ents []ent) []string {
	t.Helper()
	doc := newDoc(text, "2025-01-31")
	addEntities(doc, ents...)
	if err := Annotate(context.Background(), doc); err != nil {
		t.Fatalf("Annotate: %v", err)
	}
	var out []string
	for _, q := range doc.Quotes {
		if doc.Text[q.Start:q.End] != q.Text {
			t.Errorf("offsets [%d,%d) give %q, want %q", q.Start, q.End, doc.Text[q.Start:q.End], q.Text)
		}
		sp := "-"
		if q.Speaker != nil {
			sp = q.Speaker.Text
			if q.Speaker.Code != "" {
				sp += "/" + q.Speaker.Code
			}
		}
		out = append(out, fmt.Sprintf("%s|%s|%s|%v", q.Text, sp, q.Cue, q.Direct))
	}
	return out
}

var (
	doe   = ent{"Jane Doe", "PERSON", "XYZGOV"}
	roe   = ent{"Richard Roe", "PERSON", "ABCOPP"}
	party = ent{"the National Party", "ORG", "ABCPTY"}
)

func TestAnnotate(t *testing.T) {
	tests := []struct {
		name string
		text string
		ents []ent
		want []string
	}{
		{"quote then X said", `“We will not back down,” Jane Doe said.`, []ent{doe},
			[]string{"We will not back down|Jane Doe/XYZGOV|say|true"}},
		{"quote then said X", `"The border is closed to everyone," said Jane Doe, the interior minister.`, []ent{doe},
			[]string{"The border is closed to everyone|Jane Doe/XYZGOV|say|true"}},
		{"X said colon quote", `Jane Doe said: “The talks were productive and frank.”`, []ent{doe},
			[]string{"The talks were productive and frank.|Jane Doe/XYZGOV|say|true"}},
		{"X title said", `“This is a dark day for the country,” Richard Roe, the opposition leader, told reporters.`, []ent{roe},
			[]string{"This is a dark day for the country|Richard Roe/ABCOPP|tell|true"}},
		{"X said that indirect", `Jane Doe said that the army would withdraw from the border region.`, []ent{doe},
			[]string{"the army would withdraw from the border region|Jane Doe/XYZGOV|say|false"}},
		{"X said no that", `Jane Doe said on Monday the army would withdraw by March.`, []ent{doe},
			[]string{"the army would withdraw by March|Jane Doe/XYZGOV|say|false"}},
		{"clause comma X said", `The army will withdraw from the border region, Jane Doe said.`, []ent{doe},
			[]string{"The army will withdraw from the border region|Jane Doe/XYZGOV|say|false"}},
		{"according to start", `According to Richard Roe, the vote was rigged in several provinces.`, []ent{roe},
			[]string{"the vote was rigged in several provinces|Richard Roe/ABCOPP|according to|false"}},
		{"according to end", `The vote was rigged in several provinces, according to Richard Roe.`, []ent{roe},
			[]string{"The vote was rigged in several provinces|Richard Roe/ABCOPP|according to|false"}},
		{"colon paragraph before", "At the rally, Jane Doe remarked:\n“We are looking to do a new agreement with our neighbours.”", []ent{doe},
			[]string{"We are looking to do a new agreement with our neighbours.|Jane Doe/XYZGOV|remark|true"}},
		{"dash attribution same line", `“Freedom is never given; it is won.” – Richard Roe, opposition leader`, []ent{roe},
			[]string{"Freedom is never given; it is won.|Richard Roe/ABCOPP||true"}},
		{"dash attribution next line", "“Freedom is never given; it is won.”\n— Richard Roe, opposition leader", []ent{roe},
			[]string{"Freedom is never given; it is won.|Richard Roe/ABCOPP||true"}},
		{"multi sentence quote", `“We came here to talk. We leave with a plan. Nobody expected that,” Jane Doe said.`, []ent{doe},
			[]string{"We came here to talk. We leave with a plan. Nobody expected that|Jane Doe/XYZGOV|say|true"}},
		{"straight quotes", `"It is a historic day for our people," Jane Doe said.`, []ent{doe},
			[]string{"It is a historic day for our people|Jane Doe/XYZGOV|say|true"}},
		{"pronoun he", "Richard Roe arrived in the capital on Monday.\n“I am here to listen to everyone,” he said.", []ent{roe},
			[]string{"I am here to listen to everyone|Richard Roe/ABCOPP|say|true"}},
		{"pronoun it org", "The National Party published its program.\n“Our plan will create jobs,” it said in a statement.", []ent{{"The National Party", "ORG", "ABCPTY"}},
			[]string{"Our plan will create jobs|The National Party/ABCPTY|say|true"}},
		{"title resolves", "Foreign Minister Jane Doe met Richard Roe on Monday.\n“We agreed on a road map for peace,” the minister said.", []ent{doe, roe},
			[]string{"We agreed on a road map for peace|Jane Doe/XYZGOV|say|true"}},
		{"split quote", `“We will talk,” Jane Doe said. “But we will not give in to threats.”`, []ent{doe},
			[]string{"We will talk|Jane Doe/XYZGOV|say|true", "But we will not give in to threats.|Jane Doe/XYZGOV|say|true"}},
		{"multi paragraph quote", "“The first step is a ceasefire,” Jane Doe said. “Then we need aid for the villages.\n“After that, elections can follow within a year.”", []ent{doe},
			[]string{"The first step is a ceasefire|Jane Doe/XYZGOV|say|true", "Then we need aid for the villages.|Jane Doe/XYZGOV|say|true", "After that, elections can follow within a year.|Jane Doe/XYZGOV|say|true"}},
		{"cue warn", `“Any attack will be answered,” Jane Doe warned.`, []ent{doe},
			[]string{"Any attack will be answered|Jane Doe/XYZGOV|warn|true"}},
		{"cue tweet", `Jane Doe tweeted: “Proud of our team today and every day.”`, []ent{doe},
			[]string{"Proud of our team today and every day.|Jane Doe/XYZGOV|tweet|true"}},
		{"cue deny that", `Richard Roe denied that his party had received foreign money.`, []ent{roe},
			[]string{"his party had received foreign money|Richard Roe/ABCOPP|deny|false"}},
		{"no entities raw speaker", `“The harvest failed again this year,” a farmer said.`, nil,
			[]string{"The harvest failed again this year|a farmer|say|true"}},
		{"pronoun they", "The National Party rejected the budget.\n“We cannot support these cuts to schools,” they said.", []ent{{"The National Party", "ORG", "ABCPTY"}},
			[]string{"We cannot support these cuts to schools|The National Party/ABCPTY|say|true"}},
		{"pronoun resolves to the last person named", "Richard Roe met Jane Doe. Later, Jane Doe left.\n“The meeting went well,” she said.", []ent{doe, roe},
			[]string{"The meeting went well|Jane Doe/XYZGOV|say|true"}},
		{"surname speaker", "Richard Roe spoke first.\n“We are ready to govern,” Roe said.", []ent{roe},
			[]string{"We are ready to govern|Roe/ABCOPP|say|true"}},
		{"said then quote no colon", `Jane Doe said "the border will stay open for trade."`, []ent{doe},
			[]string{"the border will stay open for trade.|Jane Doe/XYZGOV|say|true"}},
		{"told reporters that", `Jane Doe told reporters on Monday that the talks had failed.`, []ent{doe},
			[]string{"the talks had failed|Jane Doe/XYZGOV|tell|false"}},
		{"trailing adverb", `Richard Roe also said that the vote had been fair and open.`, nil,
			[]string{"the vote had been fair and open|Richard Roe|say|false"}},
		{"last clause names speaker", `The ruling came as the National Party said it would appeal the decision.`, []ent{{"the National Party", "ORG", "ABCPTY"}},
			[]string{"it would appeal the decision|the National Party/ABCPTY|say|false"}},
		{"participle clause keeps speaker", `Jane Doe, speaking after the talks, said: “We made real progress today.”`, nil,
			[]string{"We made real progress today.|Jane Doe|say|true"}},
		{"second half after said", `“We need more data,” Jane Doe said, “before we change the rules for everyone.”`, []ent{doe},
			[]string{"We need more data|Jane Doe/XYZGOV|say|true", "before we change the rules for everyone.|Jane Doe/XYZGOV|say|true"}},
		{"deny object is not a speaker", `Roe, who faces charges of "spreading false news about the army," denies the charges.`, nil, nil},
		{"title appositive then said clause", `Jane Doe, director of the water board, said 354 homes were flooded, 37 of which were destroyed.`, nil,
			[]string{"354 homes were flooded, 37 of which were destroyed|Jane Doe|say|false"}},
		{"inverted cue needs a name", `Speaking at the summit, the envoy of the island, Jane Doe, said Kabul was failing to act.`, nil,
			[]string{"Kabul was failing to act|the envoy of the island|say|false"}},
		{"clause comma speaker adding", `Rebels are holding the bridge, security sources said, adding that roads were closed.`, nil,
			[]string{"Rebels are holding the bridge|security sources|say|false"}},
		{"participle opener", `Rejecting the claim, Jane Doe said the election was fair.`, []ent{doe},
			[]string{"the election was fair|Jane Doe/XYZGOV|say|false"}},
		{"time adverbial before speaker", `Hours later, police said the road had reopened to traffic.`, nil,
			[]string{"the road had reopened to traffic|police|say|false"}},
		{"auxiliary ends the speaker", `Jane Doe has at various times said that the tariffs would stay.`, []ent{doe},
			[]string{"the tariffs would stay|Jane Doe/XYZGOV|say|false"}},
		{"clause comma said X title", `The army will withdraw from the border region, said Jane Doe, the interior minister.`, []ent{doe},
			[]string{"The army will withdraw from the border region|Jane Doe/XYZGOV|say|false"}},
		{"clause comma X said adverbial", `The army will withdraw from the border region, Jane Doe said on Monday.`, []ent{doe},
			[]string{"The army will withdraw from the border region|Jane Doe/XYZGOV|say|false"}},
		{"passive cue is not speech", `The villagers have been told that they can return next year.`, nil, nil},
		{"scare quotes skipped", `Jane Doe called the law “unjust” and left.`, []ent{doe}, nil},
		{"no cue no quote", `The army withdrew from the border region on Monday.`, nil, nil},
		{"deny with object not indirect", `Richard Roe denied the allegations.`, []ent{roe}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := show(t, tt.text, tt.ents)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestLemma(t *testing.T) {
	for form, want := range map[string]string{
		"said": "say", "says": "say", "told": "tell", "added": "add", "stated": "state", "announced": "announce",
		"remarked": "remark", "wrote": "write", "warned": "warn", "insisted": "insist", "claimed": "claim",
		"noted": "note", "explained": "explain", "argued": "argue", "denied": "deny", "stressed": "stress",
		"declared": "declare", "tweeted": "tweet", "posted": "post", "admitted": "admit", "Said": "say",
	} {
		t.Run(form, func(t *testing.T) {
			if got := lemma(form); got != want {
				t.Errorf("lemma(%q) = %q, want %q", form, got, want)
			}
		})
	}
}
