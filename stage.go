package chronicle

import "context"

// Annotator is a pipeline stage: it reads a document and adds its own
// annotations in place. A stage that fails on one document returns an error;
// the pipeline records it in Document.Errors and carries on.
type Annotator interface {
	Annotate(ctx context.Context, doc *Document) error
}

// AnnotatorFunc adapts a function to Annotator.
type AnnotatorFunc func(ctx context.Context, doc *Document) error

// Annotate calls f.
func (f AnnotatorFunc) Annotate(ctx context.Context, doc *Document) error { return f(ctx, doc) }
