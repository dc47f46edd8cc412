package nlp_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/nlp"
	"github.com/chronicle-news/chronicle/internal/nlp/conllu"
	"github.com/chronicle-news/chronicle/internal/nlp/ner"
	"github.com/chronicle-news/chronicle/internal/nlp/training"
	"github.com/chronicle-news/chronicle/internal/segment"
	"github.com/chronicle-news/chronicle/internal/testutil"
)

func load(t testing.TB) *nlp.Models {
	t.Helper()
	m, err := nlp.Load()
	if err != nil {
		t.Fatal(err)
	}
	if m.Parser == nil || m.Lemma == nil || m.NER == nil {
		t.Fatal("embedded models incomplete")
	}
	return m
}

// recorded reads the figures measured for the committed models.
func recorded(t *testing.T) map[string]float64 {
	t.Helper()
	b, err := os.ReadFile("models/scores.json")
	if err != nil {
		t.Fatal(err)
	}
	var sc map[string]float64
	if err := json.Unmarshal(b, &sc); err != nil {
		t.Fatalf("models/scores.json: %v", err)
	}
	return sc
}

// atLeast fails when got is more than half a point below the recorded
// figure.
func atLeast(t *testing.T, sc map[string]float64, key string, got float64) {
	t.Helper()
	want, ok := sc[key]
	if !ok {
		t.Errorf("models/scores.json has no %q", key)
		return
	}
	t.Logf("%s = %.4f (recorded %.4f)", key, got, want)
	if got < want-0.005 {
		t.Errorf("%s = %.4f, more than half a point below the recorded %.4f", key, got, want)
	}
}

func readConllu(t testing.TB, rel string) []conllu.Sentence {
	t.Helper()
	s, err := training.ReadConllu(testutil.SharedFile(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func toSentence(s conllu.Sentence) chronicle.Sentence {
	cs := chronicle.Sentence{Tokens: make([]chronicle.Token, len(s.Words))}
	for i, w := range s.Words {
		cs.Tokens[i] = chronicle.Token{Text: w.Form, Head: -1}
	}
	return cs
}

// TestEvalEWT scores the committed tagger and parser on the EWT test split
// with gold tokenisation.
func TestEvalEWT(t *testing.T) {
	m := load(t)
	sents := readConllu(t, "data/ud-english-ewt/en_ewt-ud-test.conllu")
	var n, upos, xpos, uas, las int
	for _, s := range sents {
		cs := toSentence(s)
		m.AnnotateSentence(&cs)
		for i, w := range s.Words {
			tok := cs.Tokens[i]
			n++
			if tok.UPOS == w.UPOS {
				upos++
			}
			if tok.XPOS == w.XPOS {
				xpos++
			}
			if tok.Head == w.Head {
				uas++
				if tok.DepRel == w.DepRel {
					las++
				}
			}
		}
	}
	sc := recorded(t)
	f := func(k int) float64 { return float64(k) / float64(n) }
	atLeast(t, sc, "upos", f(upos))
	atLeast(t, sc, "xpos", f(xpos))
	atLeast(t, sc, "uas", f(uas))
	atLeast(t, sc, "las", f(las))
}

// TestEvalNER scores the committed recogniser on the held-out half of UNER
// and on the invented news test sentences.
func TestEvalNER(t *testing.T) {
	m := load(t)
	gaz, err := ner.ParseGazetteer(strings.NewReader(ner.GazetteerText), "gazetteer.txt")
	if err != nil {
		t.Fatal(err)
	}
	news, err := training.NewsTest("ner/testdata/news_test.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(news) < 50 {
		t.Errorf("news test set has %d sentences, want at least 50", len(news))
	}
	sc := recorded(t)
	report := func(name string, set []conllu.Sentence) {
		res := m.NER.Evaluate(set, m.UPOS)
		for _, typ := range append([]string{"ALL"}, ner.Types...) {
			s := res[typ]
			t.Logf("%s %-6s P %.3f R %.3f F1 %.3f", name, typ, s.P(), s.R(), s.F1())
		}
		atLeast(t, sc, "ner_"+name+"_f1", res["ALL"].F1())
	}
	report("news", news)
	_, uner, err := training.ReadUNER(testutil.SharedFile(t, "data/uner-english-ewt"), gaz)
	if err != nil {
		t.Fatal(err)
	}
	report("uner", uner)
}

func TestLemmaVerbs(t *testing.T) {
	m := load(t)
	tests := []struct{ form, upos, want string }{
		{"met", "VERB", "meet"},
		{"detained", "VERB", "detain"},
		{"said", "VERB", "say"},
		{"deported", "VERB", "deport"},
		{"was", "AUX", "be"},
		{"negotiations", "NOUN", "negotiation"},
	}
	for _, tc := range tests {
		t.Run(tc.form, func(t *testing.T) {
			if got := m.Lemma.Lemma(tc.form, tc.upos); got != tc.want {
				t.Errorf("Lemma(%q, %s) = %q, want %q", tc.form, tc.upos, got, tc.want)
			}
		})
	}
}

const article = `Salvadoran President Nayib Bukele met Secretary of State Marco Rubio in San Salvador on Monday. ` +
	`Officers from Customs and Border Protection said the prisoners were detained at the Terrorism Confinement Center.`

func TestAnnotateDocument(t *testing.T) {
	m := load(t)
	doc := &chronicle.Document{ID: "invented", Text: article}
	doc.Sentences = segment.Segment(doc.Text)
	if len(doc.Sentences) == 0 {
		t.Skip("segmenter returned no sentences")
	}
	if err := m.Annotate(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	for _, s := range doc.Sentences {
		roots := 0
		for i, tok := range s.Tokens {
			if tok.UPOS == "" || tok.XPOS == "" || tok.Lemma == "" || tok.DepRel == "" || tok.NER == "" {
				t.Errorf("sentence %d token %q not fully annotated: %+v", s.I, tok.Text, tok)
			}
			if tok.Head < 0 || tok.Head > len(s.Tokens) || tok.Head == i+1 {
				t.Errorf("sentence %d token %q has bad head %d", s.I, tok.Text, tok.Head)
			}
			if tok.Head == 0 {
				roots++
			}
			if tok.Text == "met" && tok.Lemma != "meet" {
				t.Errorf("lemma of met = %q", tok.Lemma)
			}
		}
		if roots != 1 {
			t.Errorf("sentence %d has %d roots", s.I, roots)
		}
	}
	found := map[string]string{}
	for _, e := range doc.Entities {
		if doc.Text[e.Start:e.End] != e.Text {
			t.Errorf("entity %q has offsets %d-%d pointing at %q", e.Text, e.Start, e.End, doc.Text[e.Start:e.End])
		}
		if e.TokEnd <= e.TokStart || e.Sentence < 0 || e.Sentence >= len(doc.Sentences) {
			t.Errorf("entity %q has bad token span or sentence: %+v", e.Text, e)
		}
		found[e.Text] = e.Type
	}
	t.Logf("entities: %v", found)
	for text, typ := range map[string]string{"Nayib Bukele": "PERSON", "Salvadoran": "NORP", "Marco Rubio": "PERSON"} {
		if found[text] != typ {
			t.Errorf("entity %q: got type %q, want %s", text, found[text], typ)
		}
	}
	for text := range found {
		if strings.HasPrefix(text, "President") || strings.HasPrefix(text, "Secretary") {
			t.Errorf("a title is inside entity %q", text)
		}
	}
}

// TestAnnotateDocsSameAsOneByOne checks that annotating documents together,
// in batches that cross documents, gives each exactly what annotating it
// alone gives.
func TestAnnotateDocsSameAsOneByOne(t *testing.T) {
	m := load(t)
	paras := strings.Split(article, "\n\n")
	mk := func() []*chronicle.Document {
		var docs []*chronicle.Document
		for i := range 40 {
			// Documents of different lengths, so batches end mid-document.
			text := strings.Join(paras[:1+i%len(paras)], "\n\n")
			d := &chronicle.Document{ID: fmt.Sprint("d", i), Text: text}
			d.Sentences = segment.Segment(text)
			docs = append(docs, d)
		}
		return docs
	}
	one, together := mk(), mk()
	for _, d := range one {
		if err := m.Annotate(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.AnnotateDocs(context.Background(), together); err != nil {
		t.Fatal(err)
	}
	for i := range one {
		a, b := one[i], together[i]
		if !reflect.DeepEqual(a.Sentences, b.Sentences) || !reflect.DeepEqual(a.Entities, b.Entities) {
			t.Errorf("document %d annotated differently together (%d entities) than alone (%d entities)", i, len(b.Entities), len(a.Entities))
		}
		if len(b.Sentences) > 0 && b.Sentences[0].Tokens[0].UPOS == "" {
			t.Errorf("document %d was not annotated", i)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := m.AnnotateDocs(ctx, mk()); err == nil {
		t.Errorf("a cancelled context did not stop AnnotateDocs")
	}
}

// TestAcronyms checks that an acronym spelling a function word is a proper
// noun in running text, and that shouted words and headlines in capitals
// keep their tags.
func TestAcronyms(t *testing.T) {
	m := load(t)
	tag := func(words ...string) []string {
		s := chronicle.Sentence{Tokens: make([]chronicle.Token, len(words))}
		for i, w := range words {
			s.Tokens[i] = chronicle.Token{Text: w, Head: -1}
		}
		m.AnnotateSentence(&s)
		out := make([]string, len(words))
		for i, tok := range s.Tokens {
			out[i] = tok.UPOS
		}
		return out
	}
	for _, tt := range []struct {
		name  string
		words []string
		i     int
		want  string
	}{
		{"IS in running text", []string{"Police", "arrested", "four", "IS", "members", "near", "the", "border", "."}, 3, "PROPN"},
		{"WHO as a subject", []string{"The", "WHO", "warned", "of", "a", "new", "outbreak", "."}, 1, "PROPN"},
		{"US as a name", []string{"The", "US", "and", "Canada", "signed", "the", "deal", "."}, 1, "PROPN"},
		{"headline in capitals", []string{"THE", "VOTE", "IS", "TODAY"}, 2, "AUX"},
		{"shouted phrase", []string{"I", "said", "WE", "WILL", "WIN", "and", "meant", "it", "."}, 3, "AUX"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tag(tt.words...); got[tt.i] != tt.want {
				t.Errorf("%q tagged %s in %q, want %s", tt.words[tt.i], got[tt.i], strings.Join(tt.words, " "), tt.want)
			}
		})
	}
}

func TestAnnotateCancelled(t *testing.T) {
	m := load(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	doc := &chronicle.Document{Text: "Hi.", Sentences: []chronicle.Sentence{{Tokens: []chronicle.Token{{Text: "Hi"}}}}}
	if err := m.Annotate(ctx, doc); err == nil {
		t.Error("want an error from a cancelled context")
	}
}

func TestModelLoadTime(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing is not meaningful in short or race mode")
	}
	sub, _ := fs.Sub(nlp.ModelFS(), "models")
	start := time.Now()
	if _, err := nlp.LoadFS(sub); err != nil {
		t.Fatal(err)
	}
	d := time.Since(start)
	t.Logf("model load took %s", d)
	if d > 2*time.Second {
		t.Errorf("model load took %s", d)
	}
}

// BenchmarkAnnotate measures tagger + lemmatizer + parser + NER speed on the
// EWT dev split, in tokens per second on one goroutine, and in tokens per
// CPU second of the whole process (fairer on a shared machine).
func BenchmarkAnnotate(b *testing.B) {
	m := load(b)
	sents := readConllu(b, "data/ud-english-ewt/en_ewt-ud-dev.conllu")
	in := make([]chronicle.Sentence, len(sents))
	tokens := 0
	for i, s := range sents {
		in[i] = toSentence(s)
		tokens += len(s.Words)
	}
	b.ResetTimer()
	cpu0 := testutil.CPUTime()
	for i := 0; i < b.N; i++ {
		for j := range in {
			m.AnnotateSentence(&in[j])
		}
	}
	reportSpeed(b, tokens, cpu0)
}

// devDocs returns the EWT dev split grouped into its documents, and its
// number of tokens.
func devDocs(b *testing.B) ([]*chronicle.Document, int) {
	sents := readConllu(b, "data/ud-english-ewt/en_ewt-ud-dev.conllu")
	var docs []*chronicle.Document
	tokens := 0
	for _, s := range sents {
		if len(docs) == 0 || docs[len(docs)-1].ID != s.DocID || s.DocID == "" {
			docs = append(docs, &chronicle.Document{ID: s.DocID})
		}
		d := docs[len(docs)-1]
		cs := toSentence(s)
		cs.I = len(d.Sentences)
		d.Sentences = append(d.Sentences, cs)
		tokens += len(s.Words)
	}
	return docs, tokens
}

// BenchmarkAnnotateDocs measures the same models through Annotate on the
// EWT dev split grouped into its documents, as the pipeline calls them.
func BenchmarkAnnotateDocs(b *testing.B) {
	m := load(b)
	docs, tokens := devDocs(b)
	ctx := context.Background()
	b.ResetTimer()
	cpu0 := testutil.CPUTime()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if err := m.Annotate(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportSpeed(b, tokens, cpu0)
	b.ReportMetric(float64(len(docs)), "docs")
}

// BenchmarkAnnotateDocsTogether measures the same documents annotated
// together (AnnotateDocs), in batches across documents, as ingest workers
// annotate them.
func BenchmarkAnnotateDocsTogether(b *testing.B) {
	m := load(b)
	docs, tokens := devDocs(b)
	ctx := context.Background()
	b.ResetTimer()
	cpu0 := testutil.CPUTime()
	for i := 0; i < b.N; i++ {
		if err := m.AnnotateDocs(ctx, docs); err != nil {
			b.Fatal(err)
		}
	}
	reportSpeed(b, tokens, cpu0)
}

func reportSpeed(b *testing.B, tokens int, cpu0 time.Duration) {
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if cpu := testutil.CPUTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(tokens)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
}

// BenchmarkStages measures each model alone on the EWT dev split.
func BenchmarkStages(b *testing.B) {
	m := load(b)
	sents := readConllu(b, "data/ud-english-ewt/en_ewt-ud-dev.conllu")
	words := make([][]string, len(sents))
	upos := make([][]string, len(sents))
	ptags := make([][]string, len(sents))
	tokens := 0
	for i, s := range sents {
		words[i] = s.Forms()
		tokens += len(s.Words)
		cls := m.Tagger.Tag(words[i], nil)
		upos[i] = make([]string, len(cls))
		ptags[i] = make([]string, len(cls))
		for j, c := range cls {
			upos[i][j] = m.Tagger.UPOS(c)
			ptags[i][j] = m.Tagger.Class(c)
		}
	}
	b.Run("tagger", func(b *testing.B) {
		var out []int
		cpu0 := testutil.CPUTime()
		for i := 0; i < b.N; i++ {
			for _, w := range words {
				out = m.Tagger.Tag(w, out)
			}
		}
		reportSpeed(b, tokens, cpu0)
	})
	b.Run("parser", func(b *testing.B) {
		cpu0 := testutil.CPUTime()
		for i := 0; i < b.N; i++ {
			for j, w := range words {
				heads := make([]int, len(w))
				rels := make([]string, len(w))
				m.Parser.Parse(w, ptags[j], heads, rels)
			}
		}
		reportSpeed(b, tokens, cpu0)
	})
	b.Run("ner", func(b *testing.B) {
		cpu0 := testutil.CPUTime()
		for i := 0; i < b.N; i++ {
			for j, w := range words {
				m.NER.Tag(w, upos[j])
			}
		}
		reportSpeed(b, tokens, cpu0)
	})
}

// BenchmarkLoad measures reading all embedded models.
func BenchmarkLoad(b *testing.B) {
	sub, _ := fs.Sub(nlp.ModelFS(), "models")
	cpu0 := testutil.CPUTime()
	for i := 0; i < b.N; i++ {
		if _, err := nlp.LoadFS(sub); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := testutil.CPUTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}

// FuzzAnnotateSentence checks that any tokens get a valid tree and tags.
func FuzzAnnotateSentence(f *testing.F) {
	m := load(f)
	f.Add("Salvadoran President Nayib Bukele met Marco Rubio .")
	f.Add("")
	f.Add("a")
	f.Add("\u00e9\u00e9 \x00 \xff ((( ]] [[ Tren de Aragua MS-13")
	f.Fuzz(func(t *testing.T, in string) {
		words := strings.Fields(in)
		s := chronicle.Sentence{Tokens: make([]chronicle.Token, len(words))}
		for i, w := range words {
			s.Tokens[i] = chronicle.Token{Text: w, Head: -1}
		}
		m.AnnotateSentence(&s)
		roots := 0
		for i, tok := range s.Tokens {
			if tok.Head < 0 || tok.Head > len(words) || tok.Head == i+1 || tok.UPOS == "" || tok.NER == "" {
				t.Fatalf("token %d %q badly annotated: %+v", i, tok.Text, tok)
			}
			if tok.Head == 0 {
				roots++
			}
		}
		if len(words) > 0 && roots != 1 {
			t.Fatalf("%d roots", roots)
		}
	})
}
