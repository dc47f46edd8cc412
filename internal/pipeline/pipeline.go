// Package pipeline wires Chronicle's stages into one coder of documents:
// extraction, segmentation, tagging and parsing, entities and actors, dates,
// places, quotes, events and claims.
package pipeline

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/actor"
	"github.com/chronicle-news/chronicle/internal/claim"
	"github.com/chronicle-news/chronicle/internal/coder"
	"github.com/chronicle-news/chronicle/internal/extract"
	"github.com/chronicle-news/chronicle/internal/geo"
	"github.com/chronicle-news/chronicle/internal/nlp"
	"github.com/chronicle-news/chronicle/internal/quote"
	"github.com/chronicle-news/chronicle/internal/segment"
	"github.com/chronicle-news/chronicle/internal/timex"
)

// MaxTextBytes is the largest extracted text the pipeline codes.
const MaxTextBytes = 20 << 20

// Options configure a pipeline.
type Options struct {
	// DefaultDate is the publication date (YYYY-MM-DD) used when a document
	// has none.
	DefaultDate string
	// Actors replaces the built-in actor dictionary when not nil.
	Actors *actor.Dictionary
	// Coder replaces the default event coder when not nil.
	Coder *coder.Coder
}

// Pipeline codes documents. It is safe for concurrent use.
type Pipeline struct {
	opts   Options
	models *nlp.Models
	actors *actor.Dictionary
	places *geo.Gazetteer
	coder  *coder.Coder
	stages []namedStage
}

type namedStage struct {
	name string
	chronicle.Annotator
}

// New loads the models and dictionaries and returns a pipeline.
func New(opts Options) (*Pipeline, error) {
	models, err := nlp.Load()
	if err != nil {
		return nil, fmt.Errorf("load language models: %w", err)
	}
	actors := opts.Actors
	if actors == nil {
		if actors, err = actor.Builtin(); err != nil {
			return nil, fmt.Errorf("load actor dictionary: %w", err)
		}
	}
	places, err := geo.Builtin()
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	c := opts.Coder
	if c == nil {
		c = &coder.Coder{}
	}
	if c.Actors == nil {
		c.Actors = actors
	}
	if c.Places == nil {
		c.Places = places
	}
	p := &Pipeline{opts: opts, models: models, actors: actors, places: places, coder: c}
	p.stages = []namedStage{
		{"segment", chronicle.AnnotatorFunc(segmentDoc)},
		{"nlp", models},
		{"actors", actors},
		{"dates", chronicle.AnnotatorFunc(timex.Annotate)},
		{"places", places},
		{"quotes", chronicle.AnnotatorFunc(quote.Annotate)},
		{"speakers", chronicle.AnnotatorFunc(func(_ context.Context, doc *chronicle.Document) error {
			resolveRefs(doc, actors, quoteRefs(doc))
			return nil
		})},
		{"events", c},
		{"claims", chronicle.AnnotatorFunc(claim.Annotate)},
		{"claim subjects", chronicle.AnnotatorFunc(func(_ context.Context, doc *chronicle.Document) error {
			resolveRefs(doc, actors, claimRefs(doc))
			return nil
		})},
	}
	return p, nil
}

// Models returns the language models.
func (p *Pipeline) Models() *nlp.Models { return p.models }

// Actors returns the actor dictionary.
func (p *Pipeline) Actors() *actor.Dictionary { return p.actors }

// Gazetteer returns the gazetteer.
func (p *Pipeline) Gazetteer() *geo.Gazetteer { return p.places }

// Coder returns the event coder.
func (p *Pipeline) Coder() *coder.Coder { return p.coder }

func segmentDoc(_ context.Context, doc *chronicle.Document) error {
	doc.Sentences = segment.Segment(doc.Text)
	return nil
}

// Prepare checks a document's input and extracts its main text from HTML.
// It returns an error naming the problem when the document cannot be coded.
func Prepare(doc *chronicle.Document) error {
	if doc.Text == "" && doc.HTML != "" {
		page, err := extract.HTML(doc.HTML, doc.URL)
		if err != nil {
			return fmt.Errorf("extract html: %w", err)
		}
		doc.Text = page.Text
		if doc.Title == "" {
			doc.Title = page.Title
		}
		if doc.Date == "" {
			doc.Date = page.Date
		}
		if doc.Source == "" {
			doc.Source = page.Site
		}
		doc.HTML = ""
	}
	if !utf8.ValidString(doc.Text) {
		return chronicle.Errorf(chronicle.EInvalid, "text is not valid UTF-8")
	}
	if strings.IndexByte(doc.Text, 0) >= 0 {
		return chronicle.Errorf(chronicle.EInvalid, "text contains NUL bytes (binary input?)")
	}
	if len(doc.Text) > MaxTextBytes {
		return chronicle.Errorf(chronicle.ETooLarge, "text is %d bytes, more than the limit of %d", len(doc.Text), MaxTextBytes)
	}
	return nil
}

// Code runs every stage on doc. A stage that fails or panics is recorded in
// doc.Errors and the remaining stages still run; the returned error reports
// the first failure.
func (p *Pipeline) Code(ctx context.Context, doc *chronicle.Document) error {
	if doc.Date == "" {
		doc.Date = p.opts.DefaultDate
	}
	if err := Prepare(doc); err != nil {
		doc.Errors = append(doc.Errors, err.Error())
		initSlices(doc)
		return err
	}
	var first error
	for _, s := range p.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := runStage(ctx, s, doc); err != nil {
			doc.Errors = append(doc.Errors, err.Error())
			if first == nil {
				first = err
			}
		}
	}
	initSlices(doc)
	return first
}

// CodeBatch codes several documents like Code, and returns the error of
// each. The language models annotate the documents' sentences together, in
// batches that cross documents, which keeps each model's weights in the
// processor's cache for longer; the results are those of Code.
func (p *Pipeline) CodeBatch(ctx context.Context, docs []*chronicle.Document) []error {
	errs := make([]error, len(docs))
	var live []int
	for i, doc := range docs {
		if doc.Date == "" {
			doc.Date = p.opts.DefaultDate
		}
		if err := Prepare(doc); err != nil {
			doc.Errors = append(doc.Errors, err.Error())
			initSlices(doc)
			errs[i] = err
			continue
		}
		live = append(live, i)
	}
	fail := func(i int, err error) {
		docs[i].Errors = append(docs[i].Errors, err.Error())
		if errs[i] == nil {
			errs[i] = err
		}
	}
	for _, s := range p.stages {
		if err := ctx.Err(); err != nil {
			for _, i := range live {
				if errs[i] == nil {
					errs[i] = err
				}
			}
			return errs
		}
		if s.name == "nlp" && len(live) > 1 {
			batch := make([]*chronicle.Document, len(live))
			for j, i := range live {
				batch[j] = docs[i]
			}
			if err := p.annotateTogether(ctx, batch); err == nil {
				continue
			}
			// On failure each document is annotated alone, so that the
			// error is its own.
		}
		for _, i := range live {
			if err := runStage(ctx, s, docs[i]); err != nil {
				fail(i, err)
			}
		}
	}
	for _, i := range live {
		initSlices(docs[i])
	}
	return errs
}

// annotateTogether runs the language models on docs together, turning a
// panic into an error.
func (p *Pipeline) annotateTogether(ctx context.Context, docs []*chronicle.Document) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("nlp: internal error: %v", r)
		}
	}()
	return p.models.AnnotateDocs(ctx, docs)
}

func runStage(ctx context.Context, s namedStage, doc *chronicle.Document) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: internal error: %v", s.name, r)
		}
	}()
	if err := s.Annotate(ctx, doc); err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	return nil
}

// initSlices makes empty lists encode as [] rather than null.
func initSlices(doc *chronicle.Document) {
	if doc.Sentences == nil {
		doc.Sentences = []chronicle.Sentence{}
	}
	if doc.Entities == nil {
		doc.Entities = []chronicle.Entity{}
	}
	if doc.Events == nil {
		doc.Events = []chronicle.Event{}
	}
	if doc.Quotes == nil {
		doc.Quotes = []chronicle.Quote{}
	}
	if doc.Claims == nil {
		doc.Claims = []chronicle.Claim{}
	}
	if doc.Dates == nil {
		doc.Dates = []chronicle.DateMention{}
	}
	if doc.Places == nil {
		doc.Places = []chronicle.Place{}
	}
	if doc.Errors == nil {
		doc.Errors = []string{}
	}
}
