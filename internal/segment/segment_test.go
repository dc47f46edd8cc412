package segment

import (
	"strings"
	"testing"
	"unicode/utf8"

	chronicle "github.com/chronicle-news/chronicle"
)

// words returns the texts of toks.
func words(toks []chronicle.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// sentenceTexts returns the text of each sentence.
func sentenceTexts(text string, sents []chronicle.Sentence) []string {
	out := make([]string, len(sents))
	for i, s := range sents {
		out[i] = text[s.Start:s.End]
	}
	return out
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // tokens joined by " | "
	}{
		{"abbreviations", "Mr. Lee of the U.S. and the U.N. met Dr. Ito.", "Mr. | Lee | of | the | U.S. | and | the | U.N. | met | Dr. | Ito | ."},
		{"military titles", "Lt. Col. Ana Ruiz and Gen. Paul Okafor", "Lt. | Col. | Ana | Ruiz | and | Gen. | Paul | Okafor"},
		{"abbreviation with possessive and brackets", "the U.S.’s role (U.S.) in U.S.-China talks, e.g., trade", "the | U.S. | ’s | role | ( | U.S. | ) | in | U.S.-China | talks | , | e.g. | , | trade"},
		{"initials", "George W. Bush and J.R.R. Tolkien", "George | W. | Bush | and | J.R.R. | Tolkien"},
		{"decimals and thousands", "It grew 1.5 times to 3,200 units.", "It | grew | 1.5 | times | to | 3,200 | units | ."},
		{"time", "at 10:30 a.m. on Tuesday", "at | 10:30 | a.m. | on | Tuesday"},
		{"time with am or pm", "at 5pm and 10:30a.m. today", "at | 5 | pm | and | 10:30 | a.m. | today"},
		{"percent", "up 4.2% from 12 %", "up | 4.2 | % | from | 12 | %"},
		{"currency", "a $5 billion loan and €20m", "a | $ | 5 | billion | loan | and | € | 20m"},
		{"clitics", "don't can't won't I'm they're we've she'll he'd", "do | n't | ca | n't | wo | n't | I | 'm | they | 're | we | 've | she | 'll | he | 'd"},
		{"possessive", "the country's army and the parents' choice", "the | country | 's | army | and | the | parents | ' | choice"},
		{"curly apostrophe", "the country’s army doesn’t", "the | country | ’s | army | does | n’t"},
		{"cannot", "We cannot wait", "We | can | not | wait"},
		{"names with apostrophes", "O'Neill and D’Souza", "O'Neill | and | D’Souza"},
		{"hyphenated names and codes", "Claver-Carone, MS-13, al-Sudani and COVID-19", "Claver-Carone | , | MS-13 | , | al-Sudani | and | COVID-19"},
		{"em and en dashes", "rose—sharply – again -- twice", "rose | — | sharply | – | again | -- | twice"},
		{"ellipses", "Wait... then… more", "Wait | ... | then | … | more"},
		{"straight quotes", `"Go," he said.`, `" | Go | , | " | he | said | .`},
		{"curly quotes", "“Go,” he said. ‘No.’", "“ | Go | , | ” | he | said | . | ‘ | No | . | ’"},
		{"brackets", "(AFP) [sic] {x}", "( | AFP | ) | [ | sic | ] | { | x | }"},
		{"url", "See https://example.org/a?b=1&c=(2), now.", "See | https://example.org/a?b=1&c=(2) | , | now | ."},
		{"url in parentheses", "(www.example.com/page)", "( | www.example.com/page | )"},
		{"email", "Write to press@example.org.", "Write | to | press@example.org | ."},
		{"and/or", "and/or 24/7", "and | / | or | 24/7"},
		{"question marks", "Really?! Yes!!", "Really | ?! | Yes | !!"},
		{"number ending a sentence", "It cost 5.", "It | cost | 5 | ."},
		{"No. before a number", "No. 5 and no.", "No. | 5 | and | no | ."},
		{"decade", "the ’90s and '80s", "the | ’90s | and | '80s"},
		{"colon", "Note: he left", "Note | : | he | left"},
		{"non-breaking space", "5\u00a0million", "5 | million"},
		{"unicode words", "Zelenskyy met Erdoğan in Kyiv", "Zelenskyy | met | Erdoğan | in | Kyiv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.in, 0)
			got := strings.Join(words(toks), " | ")
			if got != tt.want {
				t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
			checkTokens(t, tt.in, toks)
		})
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"simple", "The talks ended. Both sides left!  Did they agree?", []string{"The talks ended.", "Both sides left!", "Did they agree?"}},
		{"abbreviation inside", "Sen. Lee met Gov. Ruiz on Jan. 5 in St. Paul. They talked.", []string{"Sen. Lee met Gov. Ruiz on Jan. 5 in St. Paul.", "They talked."}},
		{"U.S. before a lowercase word", "U.S. officials said so.", []string{"U.S. officials said so."}},
		{"U.S. before a name", "The U.S. Senate voted.", []string{"The U.S. Senate voted."}},
		{"U.S. ending a sentence", "He flew to the U.S. The visit was short.", []string{"He flew to the U.S.", "The visit was short."}},
		{"Inc. ending a sentence", "She joined Acme Inc. He stayed.", []string{"She joined Acme Inc.", "He stayed."}},
		{"etc. ending a sentence", "They sold apples, pears, etc. The market closed.", []string{"They sold apples, pears, etc.", "The market closed."}},
		{"vs. and months", "Norland vs. Vestria on Feb. 3 and Sept. 9 at Corp. offices.", []string{"Norland vs. Vestria on Feb. 3 and Sept. 9 at Corp. offices."}},
		{"Rep. and Ltd.", "Rep. Ana Ruiz of Harbor Ltd. said no. Then she left.", []string{"Rep. Ana Ruiz of Harbor Ltd. said no.", "Then she left."}},
		{"U.K. ending a sentence", "She moved to the U.K. It rained.", []string{"She moved to the U.K.", "It rained."}},
		{"initials do not end", "Mary J. Blige sang.", []string{"Mary J. Blige sang."}},
		{"initial before a name", "Harry S. Truman and John F. Kennedy spoke.", []string{"Harry S. Truman and John F. Kennedy spoke."}},
		{"letter ending a sentence", "He posted on X. The post was deleted.", []string{"He posted on X.", "The post was deleted."}},
		{"letter after a lowercase word ending a sentence", "The ministry posted on X. Militants denied it.", []string{"The ministry posted on X.", "Militants denied it."}},
		{"initial after a lowercase word", "The essay was written by J. Smith in 1990.", []string{"The essay was written by J. Smith in 1990."}},
		{"a.m. ending a sentence", "It began at 9 a.m. The crowd grew.", []string{"It began at 9 a.m.", "The crowd grew."}},
		{"closing quote belongs to the sentence", `"We will stay." The crowd cheered.`, []string{`"We will stay."`, "The crowd cheered."}},
		{"curly closing quote", "“We will stay.” The crowd cheered.", []string{"“We will stay.”", "The crowd cheered."}},
		{"multi-sentence quote", "“We will stay. We will not leave,” she said.", []string{"“We will stay.", "We will not leave,” she said."}},
		{"question in a quote then lowercase", `"Why now?" he asked.`, []string{`"Why now?" he asked.`}},
		{"opening quote after a stop", `He left. "It is over," she said.`, []string{"He left.", `"It is over," she said.`}},
		{"closing bracket", "(He later resigned.) The board met.", []string{"(He later resigned.)", "The board met."}},
		{"ellipsis then capital", "He waited... Nothing came.", []string{"He waited...", "Nothing came."}},
		{"ellipsis opening a sentence", "We will see. … Nothing is decided.", []string{"We will see.", "… Nothing is decided."}},
		{"ellipsis then lowercase", "He waited … and waited.", []string{"He waited … and waited."}},
		{"decimal", "Growth was 2.5 percent. Prices rose.", []string{"Growth was 2.5 percent.", "Prices rose."}},
		{"number starts a sentence", "It ended in 2019. 2020 was worse.", []string{"It ended in 2019.", "2020 was worse."}},
		{"headline without a stop", "Rebels Seize Town\nThe rebels took the town.", []string{"Rebels Seize Town", "The rebels took the town."}},
		{"newline ends a sentence", "He said that\nthey left", []string{"He said that", "they left"}},
		{"dash does not end", "The plan — approved Monday — failed.", []string{"The plan — approved Monday — failed."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents := Segment(tt.in)
			got := sentenceTexts(tt.in, sents)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Segment(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			checkSentences(t, tt.in, sents)
		})
	}
}

func TestParagraphs(t *testing.T) {
	text := "Title line\n\nFirst paragraph. Second sentence.\nNew paragraph after one newline.\r\n\r\n\n  Last one.  "
	sents := Segment(text)
	var paras []int
	for _, s := range sents {
		paras = append(paras, s.Para)
	}
	want := []int{0, 1, 1, 2, 3}
	if len(paras) != len(want) {
		t.Fatalf("got paragraphs %v, want %v (%q)", paras, want, sentenceTexts(text, sents))
	}
	for i := range want {
		if paras[i] != want[i] {
			t.Errorf("sentence %d (%q): paragraph %d, want %d", i, text[sents[i].Start:sents[i].End], paras[i], want[i])
		}
	}
	if last := sents[len(sents)-1]; text[last.Start:last.End] != "Last one." {
		t.Errorf("last sentence %q not trimmed", text[last.Start:last.End])
	}
	checkSentences(t, text, sents)
}

func TestSpaceAfterAndHead(t *testing.T) {
	text := `He said: "no."`
	toks := Segment(text)[0].Tokens
	want := map[string]bool{"He": true, "said": false, ":": true, `"`: false, "no": false, ".": false}
	for _, tk := range toks {
		if tk.Head != -1 {
			t.Errorf("token %q: Head %d, want -1", tk.Text, tk.Head)
		}
		if w, ok := want[tk.Text]; ok && tk.Text != `"` && tk.SpaceAfter != w {
			t.Errorf("token %q: SpaceAfter %v, want %v", tk.Text, tk.SpaceAfter, w)
		}
	}
	if toks[3].SpaceAfter {
		t.Errorf("opening quote: SpaceAfter true, want false")
	}
}

func TestLongSentenceIsCut(t *testing.T) {
	text := strings.Repeat("word ", 3*MaxSentenceTokens)
	sents := Segment(text)
	if len(sents) != 3 {
		t.Fatalf("got %d sentences, want 3", len(sents))
	}
	checkSentences(t, text, sents)
}

func TestTokenizeBase(t *testing.T) {
	toks := Tokenize("Hi there.", 100)
	if toks[0].Start != 100 || toks[2].End != 109 {
		t.Errorf("offsets not shifted by base: %+v", toks)
	}
}

func TestEmpty(t *testing.T) {
	for _, in := range []string{"", " ", "\n\n\n", "\u200b\ufeff \t"} {
		if got := Segment(in); len(got) != 0 {
			t.Errorf("Segment(%q) = %d sentences, want 0", in, len(got))
		}
	}
}

// checkTokens checks the offset invariants of toks.
func checkTokens(t *testing.T, text string, toks []chronicle.Token) {
	t.Helper()
	prev := 0
	for _, tk := range toks {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(text) {
			t.Fatalf("token %q has bad offsets [%d,%d) after %d", tk.Text, tk.Start, tk.End, prev)
		}
		if text[tk.Start:tk.End] != tk.Text {
			t.Fatalf("text[%d:%d] = %q, token says %q", tk.Start, tk.End, text[tk.Start:tk.End], tk.Text)
		}
		if tk.Head != -1 {
			t.Fatalf("token %q: Head %d, want -1", tk.Text, tk.Head)
		}
		if strings.TrimSpace(tk.Text) != tk.Text {
			t.Fatalf("token %q has surrounding space", tk.Text)
		}
		prev = tk.End
	}
}

// checkSentences checks the offset invariants of sents.
func checkSentences(t *testing.T, text string, sents []chronicle.Sentence) {
	t.Helper()
	prev, para := 0, 0
	for i, s := range sents {
		if s.I != i {
			t.Fatalf("sentence %d has I=%d", i, s.I)
		}
		if s.Start < prev || s.End <= s.Start || s.End > len(text) || s.Para < para {
			t.Fatalf("sentence %d has bad offsets [%d,%d) para %d after %d para %d", i, s.Start, s.End, s.Para, prev, para)
		}
		if len(s.Tokens) == 0 || s.Tokens[0].Start != s.Start || s.Tokens[len(s.Tokens)-1].End != s.End {
			t.Fatalf("sentence %d span [%d,%d) does not match its tokens", i, s.Start, s.End)
		}
		if strings.ContainsAny(text[s.Start:s.End], "\n\r") {
			t.Fatalf("sentence %d crosses a line break: %q", i, text[s.Start:s.End])
		}
		checkTokens(t, text, s.Tokens)
		prev, para = s.End, s.Para
	}
}

func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		"Mr. Lee met the U.S. envoy. “We don’t agree,” he said.\n\nNew paragraph...",
		"$5.5bn (3,200) 10:30 p.m. https://x.org/a?b. e@x.io 'quote' country's",
		"??!!..--—…''\"\"",
		"a\u2028b\u2029c\r\nd",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sents := Segment(text)
		checkSentences(t, text, sents)
		if utf8.ValidString(text) {
			var n int
			for _, s := range sents {
				n += len(s.Tokens)
			}
			if toks := Tokenize(text, 0); len(toks) != n {
				t.Fatalf("Tokenize found %d tokens, Segment %d", len(toks), n)
			}
		}
		checkTokens(t, text, Tokenize(text, 0))
	})
}

// benchText is an invented news-like article.
const benchText = `Officials Meet in Capital After Border Clash

SAN MARCO — Sen. Ana Ruiz met Gen. Paul Okafor on Tuesday, the U.S. Embassy said, after a clash that killed 12 people and displaced 3,200 more. “We don’t want a wider war,” Ruiz said. “The country’s future depends on talks.”

The two sides agreed to a ceasefire at 10:30 p.m., according to a statement posted on https://example.org/news?id=42. Okafor's office said the army would pull back 1.5 kilometers... Critics were not convinced.

A $5 billion aid package — proposed by the U.N. in January — is still pending. "It is not enough," said Dr. Lena Ito of Relief Now Inc. She added that prices rose 4.2% in March.
`

func BenchmarkSegment(b *testing.B) {
	text := strings.Repeat(benchText, 50)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Segment(text)
	}
}
