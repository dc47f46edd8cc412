package nlp

import (
	"compress/gzip"
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/nlp/lemma"
	"github.com/chronicle-news/chronicle/internal/nlp/ner"
	"github.com/chronicle-news/chronicle/internal/nlp/parser"
	"github.com/chronicle-news/chronicle/internal/nlp/tagger"
)

// modelFS holds the trained models (gzip) with their licences.
//
//go:embed models
var modelFS embed.FS

// Models is the loaded set of language models. It is safe for concurrent
// use.
type Models struct {
	Tagger *tagger.Tagger
	Parser *parser.Parser
	Lemma  *lemma.Lemmatizer
	// NER is nil when no entity model is present.
	NER *ner.Recognizer
}

// loaded caches the embedded models: they are immutable once parsed, and the
// pipeline is built many times in tests.
var loaded struct {
	once sync.Once
	m    *Models
	err  error
}

// Load loads the embedded models (parsed once, then shared).
func Load() (*Models, error) {
	loaded.once.Do(func() {
		sub, err := fs.Sub(modelFS, "models")
		if err != nil {
			loaded.err = err
			return
		}
		loaded.m, loaded.err = LoadFS(sub)
	})
	return loaded.m, loaded.err
}

// LoadFS loads models from tagger.gz, parser.gz, lemma.gz and ner.gz in
// fsys, each in its own goroutine. The tagger is required; the other models
// are skipped when absent.
func LoadFS(fsys fs.FS) (*Models, error) {
	m := &Models{}
	open := func(name string, load func(io.Reader) error) error {
		f, err := fsys.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("load %s: %w", name, err)
		}
		if err := load(zr); err != nil {
			return fmt.Errorf("load %s: %w", name, err)
		}
		return nil
	}
	optional := func(name string, load func(io.Reader) error) error {
		err := open(name, load)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	jobs := []func() error{
		func() error {
			if err := open("tagger.gz", func(r io.Reader) (e error) { m.Tagger, e = tagger.Load(r); return }); err != nil {
				return fmt.Errorf("load tagger: %w", err)
			}
			return nil
		},
		func() error {
			return optional("lemma.gz", func(r io.Reader) (e error) { m.Lemma, e = lemma.Load(r); return })
		},
		func() error {
			return optional("parser.gz", func(r io.Reader) (e error) { m.Parser, e = parser.Load(r); return })
		},
		func() error {
			return optional("ner.gz", func(r io.Reader) (e error) { m.NER, e = ner.Load(r); return })
		},
	}
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = job()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return m, nil
}

// UPOS returns the UPOS tags of words.
func (m *Models) UPOS(words []string) []string {
	u, _ := m.Tagger.TagStrings(words)
	return u
}

// ParserTag is the tag string the parser is trained on: UPOS and XPOS.
func ParserTag(upos, xpos string) string { return upos + "/" + xpos }

// AnnotateSentence sets Lemma, UPOS, XPOS, Head, DepRel and NER on the
// sentence's tokens.
func (m *Models) AnnotateSentence(s *chronicle.Sentence) {
	// The copy shares s.Tokens, which is all annotateBatch changes.
	m.annotateBatch([]chronicle.Sentence{*s})
}

// annotateBatch annotates sentences model by model: every sentence is
// tagged, then parsed, then searched for entities, so each model's weights
// stay in the processor's cache while it works.
func (m *Models) annotateBatch(sents []chronicle.Sentence) {
	total := 0
	for i := range sents {
		total += len(sents[i].Tokens)
	}
	if total == 0 {
		return
	}
	// One backing array for all sentences' words and tags.
	wordsAll := make([]string, total)
	uposAll := make([]string, total)
	ptagsAll := make([]string, total)
	words := make([][]string, len(sents))
	off := 0
	for si := range sents {
		s := &sents[si]
		n := len(s.Tokens)
		words[si] = wordsAll[off : off+n]
		for i, t := range s.Tokens {
			words[si][i] = t.Text
			if words[si][i] == "" {
				words[si][i] = "_"
			}
		}
		off += n
	}
	classes := m.Tagger.TagBatch(words, nil)
	off = 0
	for si := range sents {
		s := &sents[si]
		n := len(s.Tokens)
		words, cls := words[si], classes[si]
		mixed := hasLowerWord(words)
		for i, c := range cls {
			t := &s.Tokens[i]
			t.UPOS, t.XPOS = m.Tagger.UPOS(c), m.Tagger.XPOS(c)
			ptagsAll[off+i] = m.Tagger.Class(c)
			if mixed && isAcronym(t.Text) && acronymMistag(t.UPOS) && !capsNeighbor(words, i) {
				// "IS", "US", "WHO" in running text are names, not the
				// function words they spell.
				t.UPOS, t.XPOS = "PROPN", "NNP"
				ptagsAll[off+i] = ParserTag(t.UPOS, t.XPOS)
			}
			uposAll[off+i] = t.UPOS
			if m.Lemma != nil {
				t.Lemma = m.Lemma.Lemma(t.Text, t.UPOS)
			}
		}
		off += n
	}
	if m.Parser != nil {
		heads := make([]int, 0, 64)
		rels := make([]string, 0, 64)
		off = 0
		for si := range sents {
			s := &sents[si]
			n := len(s.Tokens)
			if n == 0 {
				continue
			}
			heads, rels = slices.Grow(heads[:0], n)[:n], slices.Grow(rels[:0], n)[:n]
			m.Parser.Parse(wordsAll[off:off+n], ptagsAll[off:off+n], heads, rels)
			for i := range s.Tokens {
				s.Tokens[i].Head, s.Tokens[i].DepRel = heads[i], rels[i]
			}
			off += n
		}
	}
	off = 0
	for si := range sents {
		s := &sents[si]
		n := len(s.Tokens)
		if m.NER != nil {
			for i, tag := range m.NER.Tag(wordsAll[off:off+n], uposAll[off:off+n]) {
				s.Tokens[i].NER = tag
			}
		} else {
			for i := range s.Tokens {
				s.Tokens[i].NER = "O"
			}
		}
		off += n
	}
}

// acronymMistag reports whether upos is one of the closed-class and verb
// tags the tagger gives an all-capital acronym that spells a function word
// ("IS" as "is", "US" as "us", "WHO" as "who").
func acronymMistag(upos string) bool {
	switch upos {
	case "AUX", "VERB", "PRON", "ADP", "DET":
		return true
	}
	return false
}

// isAcronym reports whether w is two to five capital letters and nothing
// else; longer words in capitals are shouted ("We CONDEMN"), not acronyms.
func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// capsNeighbor reports whether a word next to words[i] is in capitals too:
// a run of capitals is a shouted phrase or a heading ("WE WILL WIN").
func capsNeighbor(words []string, i int) bool {
	for _, j := range []int{i - 1, i + 1} {
		if j >= 0 && j < len(words) && len(words[j]) >= 2 && strings.ToUpper(words[j]) == words[j] && strings.ToLower(words[j]) != words[j] {
			return true
		}
	}
	return false
}

// hasLowerWord reports whether some word of the sentence has a lower-case
// letter, so that capitals mark names rather than a headline in capitals.
func hasLowerWord(words []string) bool {
	for _, w := range words {
		if strings.ToUpper(w) != w {
			return true
		}
	}
	return false
}

// Annotate tags and parses every sentence and fills doc.Entities from the
// entity recogniser.
func (m *Models) Annotate(ctx context.Context, doc *chronicle.Document) error {
	if err := m.AnnotateDocs(ctx, []*chronicle.Document{doc}); err != nil {
		return fmt.Errorf("%s: %w", doc.ID, err)
	}
	return nil
}

// docBatchSize is how many sentences AnnotateDocs gives each model in turn:
// larger batches keep each model's weights in the processor's cache for
// longer (on the EWT dev split, 64 sentences a batch run at 89k tokens/s and
// 2048 at 103k).
const docBatchSize = 512

// AnnotateDocs is Annotate for several documents at once: their sentences
// are tagged, parsed and searched for entities in batches that cross
// document boundaries, which is faster for short documents.
func (m *Models) AnnotateDocs(ctx context.Context, docs []*chronicle.Document) error {
	var batch []chronicle.Sentence
	flush := func() error {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("annotate: %w", err)
		}
		// The copies share their tokens with the documents' sentences.
		m.annotateBatch(batch)
		batch = batch[:0]
		return nil
	}
	for _, doc := range docs {
		for _, s := range doc.Sentences {
			batch = append(batch, s)
			if len(batch) == docBatchSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	for _, doc := range docs {
		doc.Entities = doc.Entities[:0]
		for i := range doc.Sentences {
			doc.Entities = append(doc.Entities, Entities(doc.Text, &doc.Sentences[i])...)
		}
	}
	return nil
}

// Entities returns the entities marked by the NER tags of a sentence's
// tokens, with byte offsets into text.
func Entities(text string, s *chronicle.Sentence) []chronicle.Entity {
	tags := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		tags[i] = t.NER
	}
	var out []chronicle.Entity
	for _, sp := range ner.Spans(tags) {
		first, last := s.Tokens[sp.Start], s.Tokens[sp.End-1]
		e := chronicle.Entity{
			Type: sp.Type, Start: first.Start, End: last.End,
			Sentence: s.I, TokStart: sp.Start, TokEnd: sp.End,
		}
		if first.Start >= 0 && last.End <= len(text) && first.Start < last.End {
			e.Text = text[first.Start:last.End]
		} else {
			var b strings.Builder
			for i := sp.Start; i < sp.End; i++ {
				if i > sp.Start && s.Tokens[i-1].SpaceAfter {
					b.WriteByte(' ')
				}
				b.WriteString(s.Tokens[i].Text)
			}
			e.Text = b.String()
		}
		e.Name = strings.Join(strings.Fields(e.Text), " ")
		out = append(out, e)
	}
	return out
}

// ModelFS returns the embedded model folder ("models/..."), for tools and
// benchmarks that load the models afresh.
func ModelFS() fs.FS { return modelFS }
