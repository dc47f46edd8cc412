package timex

import (
	"strconv"

	"context"
	"fmt"
	chronicle "github.com/chronicle-news/chronicle"
	"strings"
	"testing"
)

func dates(t *testing.T, text, pub string) []string {
	t.Helper()
	doc := newDoc(text, pub)
	if err := Annotate(context.Background(), doc); err != nil {
		t.Fatalf("Annotate: %v", err)
	}
	var out []string
	for _, d := range doc.Dates {
		if doc.Text[d.Start:d.End] != d.Text {
			t.Errorf("offsets [%d,%d) give %q, want %q", d.Start, d.End, doc.Text[d.Start:d.End], d.Text)
		}
		out = append(out, d.Text+"="+d.Value)
	}
	return out
}

func TestAnnotate(t *testing.T) {
	const pub = "2025-01-31" // a Friday
	tests := []struct {
		name, text, pub string
		want            []string
	}{
		{"weekday future", "The envoy is set to meet the president on Monday.", pub, []string{"Monday=2025-02-03"}},
		{"weekday will", "The minister will travel to the capital on Wednesday.", pub, []string{"Wednesday=2025-02-05"}},
		{"weekday past", "The two leaders met on Monday in the capital.", pub, []string{"Monday=2025-01-27"}},
		{"weekday sentence initial past", "On Tuesday, police arrested three men.", pub, []string{"Tuesday=2025-01-28"}},
		{"weekday same day past", "The mayor said on Friday that the roads were closed.", pub, []string{"Friday=2025-01-31"}},
		{"weekday same day future", "The council will vote on Friday.", pub, []string{"Friday=2025-01-31"}},
		{"weekday passive future", "The talks will be held on Thursday.", pub, []string{"Thursday=2025-02-06"}},
		{"weekday reported future", "She said the delegation would arrive on Sunday.", pub, []string{"Sunday=2025-02-02"}},
		{"weekday progressive", "The foreign minister is visiting the region on Tuesday.", pub, []string{"Tuesday=2025-02-04"}},
		{"last weekday", "Protesters gathered last Monday.", pub, []string{"last Monday=2025-01-27"}},
		{"next weekday", "A vote is expected next Friday.", pub, []string{"next Friday=2025-02-07"}},
		{"weekday night", "Fighting broke out Saturday night.", pub, []string{"Saturday night=2025-01-25"}},
		{"today yesterday tomorrow", "The court ruled yesterday, the ban starts today and appeals open tomorrow.", pub,
			[]string{"yesterday=2025-01-30", "today=2025-01-31", "tomorrow=2025-02-01"}},
		{"month day", "The president signed the order on January 20.", pub, []string{"January 20=2025-01-20"}},
		{"abbreviated month", "The order was signed on Jan. 20.", pub, []string{"Jan. 20=2025-01-20"}},
		{"month day previous year", "The strike began on Dec. 28.", "2025-01-05", []string{"Dec. 28=2024-12-28"}},
		{"month day future", "The summit will open on Feb. 10.", pub, []string{"Feb. 10=2025-02-10"}},
		{"month day next year", "Elections will take place on January 4.", "2025-12-20", []string{"January 4=2026-01-04"}},
		{"month day nearest", "The January 3 deadline matters.", "2025-12-30", []string{"January 3=2026-01-03"}},
		{"full date", "The decree of January 20, 2025 stands.", pub, []string{"January 20, 2025=2025-01-20"}},
		{"day month year", "It was published on 20 January 2025.", pub, []string{"20 January 2025=2025-01-20"}},
		{"iso date", "The file is dated 2025-01-20.", pub, []string{"2025-01-20=2025-01-20"}},
		{"month year", "The law was passed in January 2025.", pub, []string{"January 2025=2025-01"}},
		{"weekday and date", "The talks ended on Monday, January 20, 2025.", pub, []string{"Monday, January 20, 2025=2025-01-20"}},
		{"last year", "Murders fell sharply last year.", pub, []string{"last year=2024"}},
		{"next month", "Talks will resume next month.", pub, []string{"next month=2025-02"}},
		{"this year", "Growth slowed this year.", pub, []string{"this year=2025"}},
		{"in year", "The party won the election in 2024.", pub, []string{"2024=2024"}},
		{"since year", "The country has been under emergency rule since 2019.", pub, []string{"since 2019=2019/"}},
		{"between years", "Homicides fell between 2019 and 2021.", pub, []string{"between 2019 and 2021=2019/2021"}},
		{"from to years", "He governed from 2019 to 2021.", pub, []string{"from 2019 to 2021=2019/2021"}},
		{"year dash range", "The 2019-2021 period was violent.", pub, []string{"2019-2021=2019/2021"}},
		{"this week", "The ministers met this week.", pub, []string{"this week=2025-01-27/2025-02-02"}},
		{"last week", "The army withdrew last week.", pub, []string{"last week=2025-01-20/2025-01-26"}},
		{"over the weekend past", "Protesters clashed with police over the weekend.", "2025-02-03", []string{"over the weekend=2025-02-01/2025-02-02"}},
		{"this weekend future", "Voters will go to the polls this weekend.", pub, []string{"this weekend=2025-02-01/2025-02-02"}},
		{"earlier this month", "The rebels attacked a base earlier this month.", pub, []string{"earlier this month=2025-01"}},
		{"past six months", "Prices rose over the past six months.", pub, []string{"the past six months=2024-07-31/2025-01-31"}},
		{"two years ago", "The bridge collapsed two years ago.", pub, []string{"two years ago=2023"}},
		{"months ago", "The deal was signed six months ago.", pub, []string{"six months ago=2024-07"}},
		{"in March past", "The protests began in March.", "2025-01-31", []string{"March=2024-03"}},
		{"in March future", "Elections will be held in March.", "2025-01-31", []string{"March=2025-03"}},
		{"last March", "The border reopened last March.", "2025-05-10", []string{"last March=2025-03"}},
		{"since month day", "He has been detained since January 20.", pub, []string{"since January 20=2025-01-20/"}},
		{"decade", "The conflict dates back to the 1990s.", pub, []string{"the 1990s=1990/1999"}},
		{"no pub date relative", "The talks ended yesterday.", "", []string{"yesterday="}},
		{"no pub date absolute", "It began on January 20, 2025.", "", []string{"January 20, 2025=2025-01-20"}},
		{"count not year", "More than 2000 people marched.", pub, nil},
		{"plain numbers", "Police detained 3,200 people and 45 soldiers.", pub, nil},
		{"may modal", "The minister may resign. May I ask?", pub, nil},
		{"gang name", "Members of MS-13 were arrested.", pub, nil},
		{"invalid day", "The report cited February 30, 2025 as a date.", pub, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := dates(t, tt.text, tt.pub)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("%q (pub %s):\n got %v\nwant %v", tt.text, tt.pub, got, tt.want)
			}
		})
	}
}

func TestBadPubDate(t *testing.T) {
	doc := newDoc("It began on January 20, 2025 and ended yesterday.", "31/01/2025")
	err := Annotate(context.Background(), doc)
	if err == nil || !strings.Contains(err.Error(), "31/01/2025") {
		t.Fatalf("Annotate error = %v, want one naming the bad date", err)
	}
	if len(doc.Dates) == 0 || doc.Dates[0].Value != "2025-01-20" {
		t.Errorf("absolute date not kept: %+v", doc.Dates)
	}
}

func TestForSpan(t *testing.T) {
	text := "The envoy met the minister on Monday; the two will sign a deal on Friday."
	doc := newDoc(text, "2025-01-29")
	if err := Annotate(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, span, want string
	}{
		{"before semicolon", "met", "Monday"},
		{"after semicolon", "sign", "Friday"},
		{"inside", "Friday", "Friday"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := strings.Index(text, tt.span)
			d := ForSpan(doc, 0, i, i+len(tt.span))
			if d == nil || d.Text != tt.want {
				t.Fatalf("ForSpan(%q) = %+v, want %q", tt.span, d, tt.want)
			}
		})
	}
	if d := ForSpan(doc, 5, 0, 1); d != nil {
		t.Errorf("ForSpan on a sentence without dates = %+v, want nil", d)
	}
}

// parsed builds a document from CoNLL-like rows "word HEAD DEPREL XPOS", as
// the parser would leave them.
func parsed(t *testing.T, pub string, rows ...string) *chronicle.Document {
	t.Helper()
	var b strings.Builder
	var toks []chronicle.Token
	for _, r := range rows {
		f := strings.Fields(r)
		head, err := strconv.Atoi(f[1])
		if err != nil {
			t.Fatal(err)
		}
		if b.Len() > 0 && f[0] != "," && f[0] != "." {
			b.WriteByte(' ')
		}
		start := b.Len()
		b.WriteString(f[0])
		upos := "X"
		if strings.HasPrefix(f[3], "VB") {
			upos = "VERB"
		}
		toks = append(toks, chronicle.Token{Text: f[0], Start: start, End: b.Len(), Head: head, DepRel: f[2], XPOS: f[3], UPOS: upos})
	}
	text := b.String()
	return &chronicle.Document{Text: text, Date: pub,
		Sentences: []chronicle.Sentence{{Start: 0, End: len(text), Tokens: toks}}}
}

func TestAnnotateParsed(t *testing.T) {
	tests := []struct {
		name string
		doc  *chronicle.Document
		want string
	}{
		{"present tense of a scheduled event", parsed(t, "2025-01-31",
			"On 2 case IN", "Monday 10 obl NNP", ", 2 punct ,", "the 5 det DT", "minister 10 nsubj NN",
			", 5 punct ,", "who 9 nsubj:pass WP", "was 9 aux:pass VBD", "elected 5 acl:relcl VBN",
			"travels 0 root VBZ", ". 10 punct ."), "Monday=2025-02-03"},
		{"infinitive of set", parsed(t, "2025-01-31",
			"The 2 det DT", "envoy 4 nsubj NN", "is 4 aux VBZ", "set 0 root VBN", "to 6 mark TO",
			"meet 4 xcomp VB", "him 6 obj PRP", "on 9 case IN", "Monday 6 obl NNP"), "Monday=2025-02-03"},
		{"future auxiliary", parsed(t, "2025-01-31",
			"On 2 case IN", "Tuesday 6 obl NNP", ", 2 punct ,", "officials 6 nsubj NNS",
			"will 6 aux MD", "vote 0 root VB"), "Tuesday=2025-02-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := Annotate(context.Background(), tt.doc); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range tt.doc.Dates {
				got = append(got, d.Text+"="+d.Value)
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("%q: got %v, want %s", tt.doc.Text, got, tt.want)
			}
		})
	}
}

func TestForSpanParsed(t *testing.T) {
	// "On Friday the minister, who arrived Monday, signs the deal": the verb
	// "signs" is nearer to "Monday" but governs "Friday".
	doc := parsed(t, "2025-01-29",
		"On 2 case IN", "Friday 10 obl NNP", "the 4 det DT", "minister 10 nsubj NN", ", 4 punct ,",
		"who 7 nsubj WP", "arrived 4 acl:relcl VBD", "Monday 7 obl NNP", ", 4 punct ,",
		"signs 0 root VBZ", "the 12 det DT", "deal 10 obj NN")
	if err := Annotate(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	i := strings.Index(doc.Text, "signs")
	d := ForSpan(doc, 0, i, i+len("signs"))
	if d == nil || d.Text != "Friday" {
		t.Fatalf("ForSpan(signs) = %+v, want Friday", d)
	}
	i = strings.Index(doc.Text, "arrived")
	if d := ForSpan(doc, 0, i, i+len("arrived")); d == nil || d.Text != "Monday" {
		t.Fatalf("ForSpan(arrived) = %+v, want Monday", d)
	}
}
