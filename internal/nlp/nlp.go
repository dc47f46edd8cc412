package nlp

import (
	"compress/gzip"
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
// fsys. The tagger is required; the other models are skipped when absent.
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
	var err error
	if err = open("tagger.gz", func(r io.Reader) (e error) { m.Tagger, e = tagger.Load(r); return }); err != nil {
		return nil, fmt.Errorf("load tagger: %w", err)
	}
	optional := func(name string, load func(io.Reader) error) error {
		err := open(name, load)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	if err = optional("lemma.gz", func(r io.Reader) (e error) { m.Lemma, e = lemma.Load(r); return }); err != nil {
		return nil, err
	}
	if err = optional("parser.gz", func(r io.Reader) (e error) { m.Parser, e = parser.Load(r); return }); err != nil {
		return nil, err
	}
	if err = optional("ner.gz", func(r io.Reader) (e error) { m.NER, e = ner.Load(r); return }); err != nil {
		return nil, err
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
	n := len(s.Tokens)
	if n == 0 {
		return
	}
	words := make([]string, n)
	for i, t := range s.Tokens {
		words[i] = t.Text
		if words[i] == "" {
			words[i] = "_"
		}
	}
	cls := m.Tagger.Tag(words, nil)
	upos := make([]string, n)
	ptags := make([]string, n)
	for i, c := range cls {
		t := &s.Tokens[i]
		t.UPOS, t.XPOS = m.Tagger.UPOS(c), m.Tagger.XPOS(c)
		upos[i] = t.UPOS
		ptags[i] = m.Tagger.Class(c)
		if m.Lemma != nil {
			t.Lemma = m.Lemma.Lemma(t.Text, t.UPOS)
		}
	}
	if m.Parser != nil {
		heads := make([]int, n)
		rels := make([]string, n)
		m.Parser.Parse(words, ptags, heads, rels)
		for i := range s.Tokens {
			s.Tokens[i].Head, s.Tokens[i].DepRel = heads[i], rels[i]
		}
	}
	if m.NER != nil {
		for i, tag := range m.NER.Tag(words, upos) {
			s.Tokens[i].NER = tag
		}
	} else {
		for i := range s.Tokens {
			s.Tokens[i].NER = "O"
		}
	}
}

// Annotate tags and parses every sentence and fills doc.Entities from the
// entity recogniser.
func (m *Models) Annotate(ctx context.Context, doc *chronicle.Document) error {
	doc.Entities = doc.Entities[:0]
	for i := range doc.Sentences {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("annotate %s: %w", doc.ID, err)
			}
		}
		s := &doc.Sentences[i]
		m.AnnotateSentence(s)
		doc.Entities = append(doc.Entities, Entities(doc.Text, s)...)
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
