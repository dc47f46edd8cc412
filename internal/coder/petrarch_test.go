package coder

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/testutil"
)

func loadTestPetrarch(t testing.TB) *Dictionary {
	t.Helper()
	f, err := os.Open("testdata/petrarch_verbs.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := LoadVerbs("testdata/petrarch_verbs.txt", f)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// buildSent makes a parsed sentence from "text/UPOS/head/deprel[/lemma]"
// items separated by spaces (head 1-based, 0 for the root).
func buildSent(t testing.TB, spec string) *sent {
	t.Helper()
	s := &chronicle.Sentence{}
	var text strings.Builder
	for _, item := range strings.Fields(spec) {
		f := strings.Split(item, "/")
		if len(f) < 4 {
			t.Fatalf("bad token spec %q", item)
		}
		head, err := strconv.Atoi(f[2])
		if err != nil {
			t.Fatalf("bad head in %q", item)
		}
		lem := strings.ToLower(f[0])
		if len(f) > 4 {
			lem = f[4]
		}
		if text.Len() > 0 {
			text.WriteByte(' ')
		}
		start := text.Len()
		text.WriteString(f[0])
		s.Tokens = append(s.Tokens, chronicle.Token{Text: f[0], Start: start, End: text.Len(), Lemma: lem, UPOS: f[1], Head: head, DepRel: f[3]})
	}
	s.End = text.Len()
	return newSent(0, s)
}

func TestParsePetrarchVerbs(t *testing.T) {
	d := loadTestPetrarch(t)
	st, ok := d.Petrarch()
	if !ok {
		t.Fatal("dictionary not read as PETRARCH2")
	}
	if st.Blocks != 17 || st.Synsets != 4 || st.Patterns != 18 || st.Transformations != 1 {
		t.Errorf("stats = %+v, want 17 blocks, 4 synsets, 18 patterns, 1 transformation", st)
	}
	if len(st.Warnings) != 0 {
		t.Errorf("warnings: %v", st.Warnings)
	}
	for key, code := range map[string]string{"restore": "064", "give": "070", "arrive": "032", "shut_off": "---", "tap": "1711", "block": "---"} {
		e := d.Verb(key)
		if e == nil {
			t.Errorf("no entry for %q", key)
			continue
		}
		if e.Code != code {
			t.Errorf("%q: code %s, want %s", key, e.Code, code)
		}
	}
	if _, ok := d.Lookup("1711"); !ok {
		t.Error("private code 1711 not registered")
	}
	for _, form := range []string{"gave", "given", "gives", "giving", "restored", "clashes", "shutting", "tapped"} {
		if len(d.petrarch.forms[form]) == 0 {
			t.Errorf("form %q not registered", form)
		}
	}
}

func TestParsePetrarchVerbsErrors(t *testing.T) {
	for name, in := range map[string]string{
		"pattern before block":  "- * X [010]\n--- A [010] ---\n",
		"member outside synset": "+X\n--- A [010] ---\n",
		"form outside block":    "&S\n+X\nGIVE\n--- A [010] ---\n",
		"unclosed code":         "--- A [010 ---\n",
		"unclosed brace":        "--- A [010] ---\nA {AS\n",
		"no blocks":             "&S\n+X\n",
		"empty block name":      "--- [010] ---\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := ParsePetrarchVerbs(strings.NewReader(in), map[string]Code{}); err == nil {
				t.Errorf("want an error for %q", in)
			}
		})
	}
}

func TestLoadVerbsDetectsFormat(t *testing.T) {
	for name, tc := range map[string]struct {
		in       string
		petrarch bool
	}{
		"chronicle":          {"040 verb meet with\n", false},
		"petrarch":           {"--- MEET [040] ---\nMEET\n", true},
		"petrarch with bom":  {"\ufeff<!-- a note -->\n--- MEET [040] ---\nMEET\n", true},
		"petrarch with crlf": {"&S\r\n+X\r\n--- MEET [040] ---\r\nMEET\r\n- * &S [041]\r\n", true},
	} {
		t.Run(name, func(t *testing.T) {
			d, err := LoadVerbs(name, strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := d.Petrarch(); ok != tc.petrarch {
				t.Errorf("read as PETRARCH2: %v, want %v", ok, tc.petrarch)
			}
			if d.Verb("meet") == nil {
				t.Error("verb meet missing")
			}
		})
	}
}

func TestPetrarchLenientPatterns(t *testing.T) {
	in := "--- A [010] ---\nA\n- * X\n- X Y [011]\n- * &NOSUCH [012]\n"
	d, err := ParsePetrarchVerbs(strings.NewReader(in), map[string]Code{})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := d.Petrarch()
	if st.Patterns != 1 || len(st.Warnings) != 3 {
		t.Errorf("got %d patterns and warnings %q, want 1 pattern and 3 warnings", st.Patterns, st.Warnings)
	}
}

func TestMatchPatterns(t *testing.T) {
	d := loadTestPetrarch(t)
	for _, tc := range []struct {
		name, spec string
		verb       int // 0-based token of the verb
		code       string
		code2      string
		src, tgt   int
		consumed   []string
		reverse    bool
	}{
		{"words in order", "Arnor/PROPN/2/nsubj restored/VERB/0/root/restore diplomatic/ADJ/4/amod ties/NOUN/2/obj", 1, "065", "", -1, -1, []string{"diplomatic", "ties"}, false},
		{"gap allowed", "Arnor/PROPN/2/nsubj restored/VERB/0/root/restore full/ADJ/5/amod diplomatic/ADJ/5/amod ties/NOUN/2/obj", 1, "065", "", -1, -1, nil, false},
		{"adjacency required", "Arnor/PROPN/2/nsubj restored/VERB/0/root/restore broken/ADJ/5/amod old/ADJ/5/amod ties/NOUN/2/obj", 1, "064", "", -1, -1, nil, false},
		{"adjacent", "Arnor/PROPN/2/nsubj restored/VERB/0/root/restore broken/ADJ/4/amod ties/NOUN/2/obj", 1, "066", "", -1, -1, nil, false},
		{"default code", "Arnor/PROPN/2/nsubj restored/VERB/0/root/restore order/NOUN/2/obj", 1, "064", "", -1, -1, nil, false},
		{"word before verb", "Arnor/PROPN/4/nsubj did/AUX/4/aux not/PART/4/advmod restore/VERB/0/root relations/NOUN/4/obj", 3, "112", "", -1, -1, []string{"not", "relations"}, false},
		{"synset member with gap", "Arnor/PROPN/2/nsubj gave/VERB/0/root/give swiss/ADJ/4/amod francs/NOUN/2/obj", 1, "071", "", -1, -1, nil, false},
		{"longest synset member wins", "Arnor/PROPN/2/nsubj gave/VERB/0/root/give swiss/ADJ/5/amod gold/NOUN/5/compound francs/NOUN/2/obj", 1, "072", "", -1, -1, nil, false},
		{"plural of a synset noun", "Arnor/PROPN/2/nsubj gave/VERB/0/root/give dollars/NOUN/2/obj", 1, "071", "", -1, -1, nil, false},
		{"no plural for trailing underscore", "Arnor/PROPN/2/nsubj gave/VERB/0/root/give golden/ADJ/5/amod goblin/NOUN/5/compound galleonss/NOUN/2/obj", 1, "070", "", -1, -1, nil, false},
		{"adjacent synset member", "Arnor/PROPN/2/nsubj gave/VERB/0/root/give golden/ADJ/5/amod goblin/NOUN/5/compound galleons/NOUN/2/obj", 1, "071", "", -1, -1, nil, false},
		{"broken adjacent member", "Arnor/PROPN/2/nsubj gave/VERB/0/root/give golden/ADJ/4/amod galleons/NOUN/2/obj", 1, "070", "", -1, -1, nil, false},
		{"nested synset", "Arnor/PROPN/3/nsubj loudly/ADV/3/advmod gave/VERB/0/root/give dollars/NOUN/3/obj", 2, "073", "", -1, -1, nil, false},
		{"contraction in synset", "Gondor/PROPN/4/nsubj did/AUX/4/aux n't/PART/4/advmod clash/VERB/0/root over/ADP/6/case water/NOUN/4/obl", 3, "904", "", -1, -1, []string{"did", "n't", "over"}, false},
		{"unsplit contraction", "Gondor/PROPN/3/nsubj didn't/AUX/3/aux clash/VERB/0/root over/ADP/5/case water/NOUN/3/obl", 2, "904", "", -1, -1, []string{"didn't"}, false},
		{"pattern after verb only", "Gondor/PROPN/2/nsubj clashed/VERB/0/root/clash over/ADP/4/case water/NOUN/2/obl", 1, "121", "", -1, -1, nil, false},
		{"paired code", "Arnor/PROPN/2/nsubj arrived/VERB/0/root/arrive in/ADP/4/case Gondor/PROPN/2/obl", 1, "032", "033", -1, -1, nil, false},
		{"surface form before lemma", "Arnor/PROPN/2/nsubj left/VERB/0/root/leave for/ADP/4/case Gondor/PROPN/2/obl", 1, "032", "033", -1, -1, nil, false},
		{"only a paired code", "Arnor/PROPN/2/nsubj shocked/VERB/0/root/shock Gondor/PROPN/2/obj", 1, "110", "", -1, -1, nil, true},
		{"multiword verb with word before", "Arnor/PROPN/3/nsubj wire/NOUN/3/compound tapped/VERB/0/root/tap phones/NOUN/3/obj", 2, "1711", "", -1, -1, nil, false},
		{"multiword verb missing its word", "Arnor/PROPN/2/nsubj tapped/VERB/0/root/tap phones/NOUN/2/obj", 1, "---", "", -1, -1, nil, false},
		{"pattern after multiword verb", "Arnor/PROPN/3/nsubj wire/NOUN/3/compound tapped/VERB/0/root/tap the/DET/5/det road/NOUN/3/obj", 2, "191", "", -1, -1, nil, false},
		{"words before a multiword verb", "Arnor/PROPN/5/nsubj will/AUX/5/aux not/PART/5/advmod wire/NOUN/5/compound tap/VERB/0/root phones/NOUN/5/obj", 4, "081", "", -1, -1, []string{"will", "not", "wire"}, false},
		{"first word of a multiword verb tagged as the verb", "Arnor/PROPN/2/nsubj wire/VERB/0/root tapped/NOUN/2/obj the/DET/5/det road/NOUN/2/obj", 1, "191", "", -1, -1, nil, false},
		{"group words close together", "Arnor/PROPN/2/nsubj rushed/VERB/0/root/rush troops/NOUN/2/obj to/ADP/6/case the/DET/6/det border/NOUN/2/obl", 1, "154", "", -1, -1, nil, false},
		{"group words too far apart", "Arnor/PROPN/2/nsubj rushed/VERB/0/root/rush aid/NOUN/2/obj to/ADP/5/case victims/NOUN/2/obl of/ADP/8/case the/DET/8/det flood/NOUN/5/nmod near/ADP/11/case the/DET/11/det border/NOUN/8/nmod", 1, "070", "", -1, -1, nil, false},
		{"particle verb", "Arnor/PROPN/2/nsubj shut/VERB/0/root off/ADP/2/compound:prt the/DET/5/det road/NOUN/2/obj", 1, "191", "", -1, -1, nil, false},
		{"particle verb with particle after object", "Arnor/PROPN/2/nsubj shut/VERB/0/root the/DET/4/det road/NOUN/2/obj off/ADP/2/compound:prt", 1, "191", "", -1, -1, nil, false},
		{"source and target marks", "The/DET/2/det road/NOUN/4/nsubj:pass was/AUX/4/aux:pass shut/VERB/0/root off/ADP/4/compound:prt by/ADP/8/case Arnor/PROPN/8/compound soldiers/NOUN/4/obl:agent", 3, "192", "", 7, 1, nil, false},
		{"compound actor", "Gondor/PROPN/5/nsubj and/CCONJ/3/cc Arnor/PROPN/1/conj have/AUX/5/aux blocked/VERB/0/root/block trade/NOUN/5/obj", 4, "193", "", 0, 0, nil, false},
		{"skipped noun phrase", "Arnor/PROPN/2/nsubj warned/VERB/0/root/warn at/ADP/5/case the/DET/5/det Gondor/PROPN/2/obl of/ADP/8/case the/DET/8/det Prince/PROPN/5/nmod", 1, "162", "", -1, 7, nil, false},
		{"compound actor after the verb", "Arnor/PROPN/2/nsubj agreed/VERB/0/root/agree with/ADP/4/case Gondor/PROPN/2/obl and/CCONJ/6/cc Rohan/PROPN/4/conj", 1, "031", "", -1, 3, nil, false},
		{"reciprocal compound drops the pair", "Arnor/PROPN/4/nsubj and/CCONJ/3/cc Gondor/PROPN/1/conj agree/VERB/0/root", 3, "030", "", 0, 0, nil, false},
		{"null pattern code", "Arnor/PROPN/2/nsubj blocked/VERB/0/root/block the/DET/4/det card/NOUN/2/obj", 1, "---", "", -1, -1, nil, false},
		{"pattern-only verb without match", "Arnor/PROPN/2/nsubj blocked/VERB/0/root/block trade/NOUN/2/obj", 1, "---", "", -1, -1, nil, false},
		{"words outside the verb's phrase", "Arnor/PROPN/2/nsubj restored/VERB/0/root/restore order/NOUN/2/obj ,/PUNCT/6/punct diplomatic/ADJ/6/amod ties/NOUN/2/parataxis", 1, "064", "", -1, -1, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := buildSent(t, tc.spec)
			pm, ok := d.matchPatterns(st, tc.verb)
			if !ok {
				t.Fatal("no answer from a PETRARCH dictionary")
			}
			if pm.Code != tc.code || pm.Code2 != tc.code2 || pm.Reverse != tc.reverse {
				t.Errorf("code %s:%s reverse %v (%s), want %s:%s reverse %v", pm.Code, pm.Code2, pm.Reverse, pm.Rule, tc.code, tc.code2, tc.reverse)
			}
			if pm.Source != tc.src || pm.Target != tc.tgt {
				t.Errorf("source %d target %d, want %d %d", pm.Source, pm.Target, tc.src, tc.tgt)
			}
			got := map[string]bool{}
			for _, k := range pm.Consumed {
				got[st.tok(k).Text] = true
			}
			for _, w := range tc.consumed {
				if !got[w] {
					t.Errorf("token %q not among the consumed %v", w, pm.Consumed)
				}
			}
		})
	}
}

func TestMatchPatternsChronicleDictionary(t *testing.T) {
	d, err := BuiltinDictionary()
	if err != nil {
		t.Fatal(err)
	}
	st := buildSent(t, "Arnor/PROPN/2/nsubj met/VERB/0/root/meet Gondor/PROPN/2/obj")
	if _, ok := d.matchPatterns(st, 1); ok {
		t.Error("Chronicle's own dictionary has no patterns, but one matched")
	}
}

func TestRegularForms(t *testing.T) {
	for in, want := range map[string]string{"ban": "bans banned banning", "accuse": "accuses accused accusing", "carry": "carries carried carrying",
		"push": "pushes pushed pushing", "play": "plays played playing", "abandon": "abandons abandoned abandoning"} {
		if got := strings.Join(regularForms(in), " "); got != want {
			t.Errorf("regularForms(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLoadCAMEOVerbs loads the full PETRARCH2 CAMEO verb dictionary.
func TestLoadCAMEOVerbs(t *testing.T) {
	path := testutil.SharedFile(t, "data/petrarch2/dictionaries/CAMEO.2.0.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := LoadVerbs(path, f)
	if err != nil {
		t.Fatal(err)
	}
	st, ok := d.Petrarch()
	if !ok {
		t.Fatal("not read as PETRARCH2")
	}
	t.Logf("CAMEO.2.0: %+v, %d trigger keys", st, d.Len())
	if st.Blocks < 390 || st.Patterns < 4600 || st.Synsets < 38 || st.Forms < 1700 {
		t.Errorf("loaded %+v, want at least 390 blocks, 4600 patterns, 38 synsets, 1700 forms", st)
	}
	for _, v := range []string{"accelerate", "ask", "ask_for", "besiege", "occupy", "massacre"} {
		if d.Verb(v) == nil {
			t.Errorf("verb %q missing", v)
		}
	}
}

func FuzzParsePetrarchVerbs(f *testing.F) {
	seed, err := os.ReadFile("testdata/petrarch_verbs.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("--- A [010] ---\nA {B\n"))
	f.Add([]byte("--- A [01:0] ---\n+A_+B_C {+D_E} [1]\n- $ + % ^ * &X_(Y) {Z} [---]\n&X\n+&X\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParsePetrarchVerbs(bytes.NewReader(data), map[string]Code{})
		if err != nil {
			return
		}
		// Matching must not panic on any loaded dictionary.
		st := buildSent(t, "A/PROPN/2/nsubj b/VERB/0/root c/NOUN/2/obj d/NOUN/2/obl")
		d.matchPatterns(st, 1)
	})
}

func BenchmarkMatchPatterns(b *testing.B) {
	path := testutil.SharedFile(b, "data/petrarch2/dictionaries/CAMEO.2.0.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	d, err := LoadVerbs(path, bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	st := buildSent(b, "The/DET/2/det army/NOUN/3/nsubj asked/VERB/0/root/ask the/DET/5/det government/NOUN/3/obj for/ADP/8/case humanitarian/ADJ/8/amod aid/NOUN/3/obl in/ADP/10/case Gondor/PROPN/8/nmod")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.matchPatterns(st, 2)
	}
}

func BenchmarkLoadCAMEOVerbs(b *testing.B) {
	path := testutil.SharedFile(b, "data/petrarch2/dictionaries/CAMEO.2.0.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for i := 0; i < b.N; i++ {
		if _, err := LoadVerbs(path, bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCodePetrarchParsed codes hand-parsed sentences with the invented
// PETRARCH2-format dictionary: patterns, paired codes, compound actors,
// multiword verbs and negation that a pattern accounts for.
func TestCodePetrarchParsed(t *testing.T) {
	c := &Coder{Verbs: loadTestPetrarch(t)}
	for _, pc := range readParsed(t, "testdata/petrarch_parsed.conllu") {
		t.Run(pc.doc.Text, func(t *testing.T) {
			if err := c.Annotate(context.Background(), pc.doc); err != nil {
				t.Fatal(err)
			}
			for si, want := range pc.expect {
				var got []string
				for _, e := range pc.doc.Events {
					if e.Sentence == si {
						got = append(got, eventLine(e))
					}
				}
				if strings.Join(got, "; ") != strings.Join(want, "; ") {
					t.Errorf("sentence %d: got events %q, want %q", si, got, want)
				}
			}
		})
	}
}

// BenchmarkCodePetrarch codes the hand-parsed sentences of
// testdata/petrarch_parsed.conllu with the invented PETRARCH2 dictionary
// (coding only, no parsing); it reports sentences per second.
func BenchmarkCodePetrarch(b *testing.B) {
	c := &Coder{Verbs: loadTestPetrarch(b)}
	cases := readParsed(b, "testdata/petrarch_parsed.conllu")
	n := 0
	for _, pc := range cases {
		n += len(pc.doc.Sentences)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, pc := range cases {
			if err := c.Annotate(context.Background(), pc.doc); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "sentences/s")
}
