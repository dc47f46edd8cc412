package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/extract"
	"github.com/chronicle-news/chronicle/internal/story"
)

// Store is what the ingest needs of a store. chronicle.Store satisfies it.
type Store interface {
	HasDocument(ctx context.Context, id string) (bool, error)
	PutDocument(ctx context.Context, doc *chronicle.Document) (bool, error)
}

// BatchStore is a store that can commit several documents in one
// transaction, which is much faster. PutDocuments returns how many were new.
// The ingest uses it when the store has it.
type BatchStore interface {
	PutDocuments(ctx context.Context, docs []*chronicle.Document) (int, error)
}

// Coder codes one document in place; *pipeline.Pipeline satisfies it.
type Coder interface {
	Code(ctx context.Context, doc *chronicle.Document) error
}

// BatchCoder is a Coder that can also code several documents at once,
// returning the error of each; *pipeline.Pipeline satisfies it. Workers use
// it for the documents waiting in the queue together.
type BatchCoder interface {
	CodeBatch(ctx context.Context, docs []*chronicle.Document) []error
}

// codeBatch is the most documents a worker codes together.
const codeBatch = 8

// Stats counts what an ingest did.
type Stats struct {
	Stored      int // documents coded and committed
	Skipped     int // documents the store already held
	Failed      int // inputs that failed
	NotModified int // feeds or pages unchanged since the last poll
	Events      int
	Quotes      int
	Claims      int
	Tokens      int
	Bytes       int64 // bytes of extracted text coded
	Rounds      int   // polling rounds (1 without Follow)
}

// Ingester reads sources, codes their documents on several workers and
// commits them in input order to Store.
type Ingester struct {
	Store   Store
	Coder   Coder
	Fetcher *Fetcher
	// Workers is the number of documents coded at once (at least 1).
	Workers int
	// Follow polls the sources again every Interval until the context ends.
	Follow   bool
	Interval time.Duration
	// Stdin is read for the source "-".
	Stdin io.Reader
	// Errors receives one line per failed input: "chronicle: INPUT: problem".
	Errors io.Writer
	// Progress is told about progress; nil for none.
	Progress Progress
	// BatchSize is the most documents committed in one transaction when
	// the store is a BatchStore (default 64); a batch is also committed
	// when FlushEvery (default 1s) passed since its first document.
	BatchSize  int
	FlushEvery time.Duration
	// Stories, when not nil, groups near-duplicate documents into stories:
	// each document's Story is set before it is stored. Before the first
	// new document gets its story, the documents the store already holds
	// are added (when the store can list them), so that a resumed ingest
	// gives the same stories as an uninterrupted one.
	Stories *story.Index
	// Hasher computes the signatures for Stories (default
	// story.NewMinHasher(story.DefaultHashes, story.DefaultShingle)).
	Hasher *story.MinHasher
	// Now replaces the clock in tests.
	Now func() time.Time

	mu     sync.Mutex
	stats  Stats
	seenM  map[string]bool // URLs fetched or found stored in this run
	seeded bool            // the story index holds the stored documents
}

// Run ingests sources and returns what it did. It returns an error only when
// the ingest could not go on (the context ended, the store failed); inputs
// that failed are counted in Stats.Failed and reported to Errors.
func (in *Ingester) Run(ctx context.Context, sources []string) (Stats, error) {
	if in.Store == nil || in.Coder == nil {
		return Stats{}, errors.New("ingest: store and coder are required")
	}
	if in.Fetcher == nil {
		in.Fetcher = NewFetcher(FetchOptions{})
	}
	if in.Errors == nil {
		in.Errors = io.Discard
	}
	interval := in.Interval
	if interval <= 0 {
		interval = 15 * time.Minute
	}
	if in.Stories != nil && in.Hasher == nil {
		in.Hasher = story.NewMinHasher(story.DefaultHashes, story.DefaultShingle)
	}
	var err error
	for {
		in.note(func(s *Stats) { s.Rounds++ })
		err = in.round(ctx, sources)
		if err != nil || !in.Follow {
			break
		}
		if in.Progress != nil {
			in.Progress.Update(in.Stats())
		}
		if err = sleepCtx(ctx, interval); err != nil {
			break
		}
	}
	st := in.Stats()
	if in.Progress != nil {
		in.Progress.Done(st)
	}
	if in.Follow && errors.Is(err, context.Canceled) {
		err = nil // following ends when interrupted
	}
	return st, err
}

// Stats returns the counts so far.
func (in *Ingester) Stats() Stats {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.stats
}

func (in *Ingester) note(f func(*Stats)) {
	in.mu.Lock()
	f(&in.stats)
	in.mu.Unlock()
}

func (in *Ingester) seen(id string) bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.seenM[id]
}

func (in *Ingester) markSeen(id string) {
	in.mu.Lock()
	if in.seenM == nil {
		in.seenM = map[string]bool{}
	}
	in.seenM[id] = true
	in.mu.Unlock()
}

func (in *Ingester) stdin() io.Reader {
	if in.Stdin != nil {
		return in.Stdin
	}
	return os.Stdin
}

func (in *Ingester) now() time.Time {
	if in.Now != nil {
		return in.Now()
	}
	return time.Now()
}

// report prints a failed input.
func (in *Ingester) report(err error) {
	in.note(func(s *Stats) { s.Failed++ })
	msg := fmt.Sprintf("chronicle: %s\n", err)
	if in.Progress != nil {
		in.Progress.Message(msg)
		return
	}
	io.WriteString(in.Errors, msg)
}

// slot carries one item through the workers to the ordered committer.
type slot struct {
	it   item
	done chan struct{}
}

// round reads every source once, codes on Workers workers and commits in
// input order. Queues are bounded, so memory does not grow with the corpus.
func (in *Ingester) round(ctx context.Context, sources []string) error {
	workers := max(in.Workers, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Room for every worker to take a batch while more wait.
	queue := make(chan *slot, workers*2*codeBatch)
	work := make(chan *slot, workers*2*codeBatch)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range work {
				// Take what else waits, up to a batch.
				batch := []*slot{s}
			more:
				for len(batch) < codeBatch {
					select {
					case s2, ok := <-work:
						if !ok {
							break more
						}
						batch = append(batch, s2)
					default:
						break more
					}
				}
				in.processBatch(ctx, batch)
				for _, s := range batch {
					close(s.done)
				}
			}
		}()
	}
	var readErr error
	go func() {
		defer close(work)
		defer close(queue)
		emit := func(it item) error {
			s := &slot{it: it, done: make(chan struct{})}
			select {
			case queue <- s:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case work <- s:
			case <-ctx.Done():
				close(s.done)
				return ctx.Err()
			}
			return nil
		}
		for _, src := range sources {
			if err := in.readSource(ctx, src, emit); err != nil {
				if ctx.Err() == nil {
					readErr = err
				}
				return
			}
		}
	}()
	c := in.newCommitter()
	var commitErr error
	fail := func(err error) {
		if commitErr == nil {
			commitErr = err
			cancel()
		}
	}
	for {
		s, ok := c.next(ctx, queue, fail)
		if !ok {
			break
		}
		if commitErr != nil || ctx.Err() != nil {
			continue
		}
		if err := c.add(ctx, &s.it); err != nil {
			fail(err)
		}
		s.it = item{} // free the document
	}
	if commitErr == nil {
		// Commit what was coded, also when interrupted: every pending
		// document was coded completely before the interruption.
		if err := c.flush(context.WithoutCancel(ctx)); err != nil {
			fail(err)
		}
	}
	if err := c.wait(); err != nil {
		fail(err)
	}
	wg.Wait()
	if commitErr != nil {
		return commitErr
	}
	if readErr != nil {
		return readErr
	}
	return ctx.Err()
}

// processBatch readies and codes documents on a worker (see ready), together
// when the coder can.
func (in *Ingester) processBatch(ctx context.Context, batch []*slot) {
	var its []*item
	for _, s := range batch {
		if in.ready(ctx, &s.it) {
			its = append(its, &s.it)
		}
	}
	if bc, ok := in.Coder.(BatchCoder); ok && len(its) > 1 {
		docs := make([]*chronicle.Document, len(its))
		for i, it := range its {
			docs[i] = it.doc
		}
		for i, err := range bc.CodeBatch(ctx, docs) {
			if err != nil {
				its[i].err = fmt.Errorf("%s: %w", its[i].input, err)
			}
		}
	} else {
		for _, it := range its {
			if err := in.Coder.Code(ctx, it.doc); err != nil {
				it.err = fmt.Errorf("%s: %w", it.input, err)
			}
		}
	}
	for _, it := range its {
		in.finish(it)
	}
}

// ready readies one document for coding: extraction of HTML, its date and
// id, and the check whether the store holds it already. It reports whether
// the document is to be coded.
func (in *Ingester) ready(ctx context.Context, it *item) bool {
	if it.err != nil || it.skipped || it.doc == nil || ctx.Err() != nil {
		return false
	}
	doc := it.doc
	if doc.Text == "" && doc.HTML != "" {
		page, err := extract.HTML(doc.HTML, doc.URL)
		if err != nil {
			it.err = fmt.Errorf("%s: extract html: %w", it.input, err)
			return false
		}
		doc.Text, doc.HTML = page.Text, ""
		if doc.Title == "" {
			doc.Title = page.Title
		}
		if doc.Date == "" {
			doc.Date = page.Date
		}
		if doc.Source == "" {
			doc.Source = page.Site
		}
		if page.Author != "" {
			if doc.Meta == nil {
				doc.Meta = map[string]any{}
			}
			doc.Meta["author"] = page.Author
		}
		if it.idFromURL && page.URL != "" && CanonicalURL(absURL(doc.URL, page.URL)) != "" {
			doc.URL = CanonicalURL(absURL(doc.URL, page.URL))
		}
	}
	if strings.TrimSpace(doc.Text) == "" {
		it.err = fmt.Errorf("%s: %w", it.input, chronicle.Errorf(chronicle.EInvalid, "no text found"))
		return false
	}
	if doc.Date == "" {
		doc.Date = it.date
	}
	if doc.Date == "" && !it.fetched.IsZero() {
		// The dateline, else the day the page was fetched (or archived).
		if doc.Date = extract.DatelineDate(doc.Text, it.fetched); doc.Date == "" {
			doc.Date = it.fetched.UTC().Format("2006-01-02")
		}
	}
	if doc.ID == "" && it.idFromURL {
		doc.ID = CanonicalURL(doc.URL)
	}
	if doc.ID == "" {
		doc.ID = ContentID(doc.Text)
	}
	has, err := in.Store.HasDocument(ctx, doc.ID)
	if err != nil {
		it.err = fmt.Errorf("%s: check store: %w", it.input, err)
		return false
	}
	if has {
		it.skipped = true
		return false
	}
	return true
}

// finish computes what the committer needs of a coded document: its story
// signature and its encoding for the store.
func (in *Ingester) finish(it *item) {
	doc := it.doc
	if in.Stories != nil {
		it.sig = in.Hasher.Signature(doc.Text)
	}
	// Encode for the store here, on the worker, rather than in the
	// committer that writes one batch at a time. On failure the committer
	// stores the document itself and reports the problem then.
	if p, ok := in.Store.(chronicle.Preparer); ok && len(doc.Sentences) > 0 {
		if prep, err := p.PrepareDocument(doc); err == nil {
			it.prep = prep
		}
	}
}

// storyLister is what seeding the stories needs of a store.
type storyLister interface {
	Documents(ctx context.Context, f chronicle.Filter) ([]chronicle.DocumentSummary, string, error)
	Document(ctx context.Context, id string) (*chronicle.Document, error)
}

// TextLister is a store that can list its documents' texts without their
// annotations. Seeding the story index uses it when the store has it; it is
// much faster than reading every document.
type TextLister interface {
	DocumentTexts(ctx context.Context, fn func(id, date, story, text string) error) error
}

// seedStories adds the documents the store holds to the story index, with
// the stories they were stored with. It runs once, when the first new
// document needs a story, reading documents on Workers goroutines.
func (in *Ingester) seedStories(ctx context.Context) error {
	if in.seeded {
		return nil
	}
	in.seeded = true
	if tl, ok := in.Store.(TextLister); ok {
		err := tl.DocumentTexts(ctx, func(id, date, storyID, text string) error {
			if storyID == "" {
				storyID = id
			}
			in.Stories.Add(id, date, in.Hasher.Signature(text), storyID)
			return nil
		})
		if err != nil {
			return fmt.Errorf("read stored texts for stories: %w", err)
		}
		return nil
	}
	st, ok := in.Store.(storyLister)
	if !ok {
		return nil
	}
	type seed struct {
		id, date, story string
		sig             story.Signature
	}
	ids := make(chan chronicle.DocumentSummary, 64)
	seeds := make(chan seed, 64)
	errc := make(chan error, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for range max(in.Workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range ids {
				full, err := st.Document(ctx, d.ID)
				if err != nil {
					select {
					case errc <- fmt.Errorf("read stored document %s for stories: %w", d.ID, err):
					default:
					}
					cancel()
					continue
				}
				sid := full.Story
				if sid == "" {
					sid = full.ID
				}
				seeds <- seed{full.ID, full.Date, sid, in.Hasher.Signature(full.Text)}
			}
		}()
	}
	go func() {
		defer close(ids)
		f := chronicle.Filter{Limit: 1000}
		for {
			docs, next, err := st.Documents(ctx, f)
			if err != nil {
				select {
				case errc <- fmt.Errorf("read stored documents for stories: %w", err):
				default:
				}
				cancel()
				return
			}
			for _, d := range docs {
				select {
				case ids <- d:
				case <-ctx.Done():
					return
				}
			}
			if next == "" || len(docs) == 0 {
				return
			}
			f.Cursor = next
		}
	}()
	go func() {
		wg.Wait()
		close(seeds)
	}()
	for sd := range seeds {
		// The order does not matter: every seed brings its own story.
		in.Stories.Add(sd.id, sd.date, sd.sig, sd.story)
	}
	select {
	case err := <-errc:
		return err
	default:
		return nil
	}
}

// absURL resolves ref against base.
func absURL(base, ref string) string {
	if IsURL(ref) {
		return ref
	}
	b, err := urlParse(base)
	if err != nil {
		return ""
	}
	r, err := urlParse(ref)
	if err != nil {
		return ""
	}
	return b.ResolveReference(r).String()
}

// committer commits coded documents in input order, in batches when the
// store can take them.
type committer struct {
	in      *Ingester
	batch   BatchStore
	size    int
	every   time.Duration
	pending []*chronicle.Document
	// preps are the pending documents as prepared by the workers, used
	// when every one of them was prepared.
	preps    []chronicle.PreparedDocument
	preparer chronicle.Preparer
	ids      map[string]bool
	since    time.Time
	// writes takes batches to the writer goroutine, which stores them in
	// order while the committer gathers the next batch.
	writes chan writeJob
	done   chan struct{}
	mu     sync.Mutex
	err    error // the writer's first error
}

// writeJob is a batch for the writer.
type writeJob struct {
	ctx   context.Context
	docs  []*chronicle.Document
	preps []chronicle.PreparedDocument
}

func (in *Ingester) newCommitter() *committer {
	c := &committer{in: in, size: in.BatchSize, every: in.FlushEvery, ids: map[string]bool{}}
	if c.size <= 0 {
		c.size = 64
	}
	if c.every <= 0 {
		c.every = time.Second
	}
	if b, ok := in.Store.(BatchStore); ok && c.size > 1 {
		c.batch = b
	}
	c.preparer, _ = in.Store.(chronicle.Preparer)
	return c
}

// next returns the next slot once its document is coded, committing the
// pending batch whenever it has waited FlushEvery.
func (c *committer) next(ctx context.Context, queue <-chan *slot, fail func(error)) (*slot, bool) {
	for {
		due, stop := c.due()
		select {
		case s, ok := <-queue:
			stop()
			if !ok {
				return nil, false
			}
			for {
				due, stop := c.due()
				select {
				case <-s.done:
					stop()
					return s, true
				case <-due:
					if err := c.flush(ctx); err != nil {
						fail(err)
					}
				}
			}
		case <-due:
			if err := c.flush(ctx); err != nil {
				fail(err)
			}
		}
	}
}

// due returns a channel that fires when the pending batch must be
// committed, or nil (never ready) when nothing is pending.
func (c *committer) due() (<-chan time.Time, func()) {
	if len(c.pending) == 0 {
		return nil, func() {}
	}
	t := time.NewTimer(max(time.Until(c.since.Add(c.every)), 0))
	return t.C, func() { t.Stop() }
}

// add commits (or queues for the next batch) one processed item; it returns
// an error only when the store fails, which ends the ingest.
func (c *committer) add(ctx context.Context, it *item) error {
	in := c.in
	switch {
	case it.skipped:
		in.note(func(s *Stats) { s.Skipped++ })
	case it.doc == nil || len(it.doc.Sentences) == 0 && it.err != nil:
		// Nothing was coded: report it and store nothing.
		if it.err != nil {
			in.report(it.err)
		}
	case c.batch != nil:
		// Store what was found even when a stage failed, and report the
		// failure.
		if it.err != nil {
			in.report(it.err)
		}
		if c.ids[it.doc.ID] {
			in.note(func(s *Stats) { s.Skipped++ })
			break
		}
		if err := in.assignStory(ctx, it); err != nil {
			return err
		}
		if len(c.pending) == 0 {
			c.since = time.Now()
		}
		c.ids[it.doc.ID] = true
		c.pending = append(c.pending, it.doc)
		c.preps = append(c.preps, it.prep)
		if len(c.pending) >= c.size {
			return c.flush(ctx)
		}
	default:
		doc := it.doc
		if err := in.assignStory(ctx, it); err != nil {
			return err
		}
		stored, err := in.Store.PutDocument(ctx, doc)
		if err != nil {
			return fmt.Errorf("store %s: %w", doc.ID, err)
		}
		if it.err != nil {
			in.report(it.err)
		}
		if stored {
			c.count([]*chronicle.Document{doc}, 1)
		} else {
			in.note(func(s *Stats) { s.Skipped++ })
		}
	}
	if in.Progress != nil {
		in.Progress.Update(in.Stats())
	}
	return nil
}

// assignStory sets the story of a document about to be committed; the
// committer calls it in input order.
func (in *Ingester) assignStory(ctx context.Context, it *item) error {
	if in.Stories == nil || it.sig == nil {
		return nil
	}
	if err := in.seedStories(ctx); err != nil {
		return err
	}
	storyID, _ := in.Stories.Add(it.doc.ID, it.doc.Date, it.sig, it.doc.Story)
	it.doc.Story = storyID
	return nil
}

// flush hands the pending batch to the writer goroutine, which commits it
// in one transaction, waiting while the writer still has a batch queued,
// and returns the writer's error, if any. Batches are written even when ctx
// ends: their documents were coded completely.
func (c *committer) flush(ctx context.Context) error {
	if len(c.pending) == 0 {
		return c.writeErr()
	}
	if c.writes == nil {
		c.writes, c.done = make(chan writeJob, 1), make(chan struct{})
		go c.writer()
	}
	c.writes <- writeJob{ctx: context.WithoutCancel(ctx), docs: c.pending, preps: c.preps}
	c.pending, c.preps = nil, nil
	clear(c.ids)
	return c.writeErr()
}

// writer stores the batches of flush in order. After an error it drops the
// later batches: the ingest is ending.
func (c *committer) writer() {
	defer close(c.done)
	for job := range c.writes {
		if c.writeErr() != nil {
			continue
		}
		var added int
		var err error
		if c.preparer != nil && !slices.Contains(job.preps, nil) {
			added, err = c.preparer.PutPrepared(job.ctx, job.preps)
		} else {
			added, err = c.batch.PutDocuments(job.ctx, job.docs)
		}
		if err != nil {
			c.mu.Lock()
			c.err = fmt.Errorf("store %d documents (%s ... %s): %w", len(job.docs), job.docs[0].ID, job.docs[len(job.docs)-1].ID, err)
			c.mu.Unlock()
			continue
		}
		c.count(job.docs, added)
		if c.in.Progress != nil {
			c.in.Progress.Update(c.in.Stats())
		}
	}
}

// writeErr returns the writer's first error.
func (c *committer) writeErr() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// wait waits until every batch handed to the writer is stored and returns
// the writer's first error.
func (c *committer) wait() error {
	if c.writes != nil {
		close(c.writes)
		<-c.done
		c.writes = nil
	}
	return c.writeErr()
}

// count adds committed documents to the stats; added of them were new.
func (c *committer) count(docs []*chronicle.Document, added int) {
	var events, quotes, claims, tokens int
	var bytes int64
	for _, d := range docs {
		events += len(d.Events)
		quotes += len(d.Quotes)
		claims += len(d.Claims)
		bytes += int64(len(d.Text))
		for _, s := range d.Sentences {
			tokens += len(s.Tokens)
		}
	}
	if added < len(docs) && len(docs) > 0 {
		// Some were stored meanwhile by someone else: scale the counts.
		f := float64(added) / float64(len(docs))
		events, quotes, claims, tokens = int(float64(events)*f), int(float64(quotes)*f), int(float64(claims)*f), int(float64(tokens)*f)
		bytes = int64(float64(bytes) * f)
	}
	c.in.note(func(s *Stats) {
		s.Stored += added
		s.Skipped += len(docs) - added
		s.Events += events
		s.Quotes += quotes
		s.Claims += claims
		s.Tokens += tokens
		s.Bytes += bytes
	})
}
