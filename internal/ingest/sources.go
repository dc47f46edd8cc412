package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/extract"
	"github.com/chronicle-news/chronicle/internal/source"
	"github.com/chronicle-news/chronicle/internal/story"
	"github.com/mmcdole/gofeed"
	"github.com/nlnwa/gowarc/v3"
	"golang.org/x/net/html/charset"
)

// item is one document on its way through the ingest, or the error that
// kept it from being read.
type item struct {
	input string // names the input in messages
	doc   *chronicle.Document
	err   error
	// idFromURL asks for the id to be the page's canonical URL, found on
	// extraction.
	idFromURL bool
	// date is a publication date hint (a feed entry's date, a WARC
	// record's date) used when the page itself names none.
	date string
	// fetched is when the page was fetched: its dateline's year comes from
	// it, and it is the date of last resort.
	fetched time.Time
	// skipped marks a document known to be stored already.
	skipped bool
	// sig is the document's MinHash signature when stories are grouped.
	sig story.Signature
	// prep is the document encoded by the store's Preparer, when it has one.
	prep chronicle.PreparedDocument
}

type emitFunc func(item) error

// walkable reports whether a file found in a folder is read: text, HTML,
// JSONL, WARC and feed files.
func walkable(name string) bool {
	return hasExt(name, ".txt", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".warc", ".warc.gz", ".rss", ".atom")
}

func hasExt(name string, exts ...string) bool {
	lower := strings.ToLower(name)
	for _, e := range exts {
		if strings.HasSuffix(lower, e) {
			return true
		}
	}
	return false
}

// IsURL reports whether s is an http or https URL rather than a path.
func IsURL(s string) bool {
	lower := strings.ToLower(s)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}

// readSource emits the documents of one command-line source.
func (in *Ingester) readSource(ctx context.Context, src string, emit emitFunc) error {
	switch {
	case src == "-":
		br := bufio.NewReader(in.stdin())
		return source.Read("stdin", br, sniffFormat(br), in.fromSource(emit))
	case IsURL(src):
		return in.readURL(ctx, src, emit)
	}
	st, err := os.Stat(src)
	if err != nil {
		return emit(item{input: src, err: fmt.Errorf("%s: %w", src, unwrapPathError(err))})
	}
	if !st.IsDir() {
		return in.readFile(ctx, src, emit)
	}
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return emit(item{input: path, err: fmt.Errorf("%s: %w", path, unwrapPathError(err))})
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if d.IsDir() {
			if path != src && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") || !walkable(d.Name()) {
			return nil
		}
		return in.readFile(ctx, path, emit)
	})
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// fromSource adapts emit to the items of package source, deciding which
// JSONL records lack an id of their own.
func (in *Ingester) fromSource(emit emitFunc) func(source.Item) error {
	return func(si source.Item) error {
		it := item{input: si.Input, doc: si.Doc, err: si.Err}
		if it.doc != nil && isLineID(it.doc.ID) {
			// A JSONL record without an id: use its URL, else its text.
			it.doc.ID = ""
			it.idFromURL = it.doc.URL != ""
		}
		return emit(it)
	}
}

// isLineID reports whether id is the "file:line" id that package source
// gives JSONL records without one.
func isLineID(id string) bool {
	i := strings.LastIndexByte(id, ':')
	if i <= 0 || i == len(id)-1 {
		return false
	}
	_, err := strconv.Atoi(id[i+1:])
	return err == nil && hasExt(id[:i], ".jsonl", ".ndjson", "stdin")
}

// sniffFormat peeks at standard input: JSONL when it starts with "{",
// otherwise text or HTML by content.
func sniffFormat(br *bufio.Reader) string {
	// Peek one byte more at a time: a pipe may not have more yet.
	for n := 1; n <= 4096; n++ {
		b, err := br.Peek(n)
		if err != nil {
			break
		}
		switch b[n-1] {
		case ' ', '\t', '\r', '\n':
			continue
		case '{':
			return source.FormatJSONL
		}
		break
	}
	return source.FormatAuto
}

// readFile emits the documents of one file.
func (in *Ingester) readFile(ctx context.Context, path string, emit emitFunc) error {
	switch {
	case hasExt(path, ".warc", ".warc.gz"):
		return in.readWARC(ctx, path, emit)
	case hasExt(path, ".rss", ".atom", ".xml"):
		data, err := readCapped(path)
		if err != nil {
			return emit(item{input: path, err: fmt.Errorf("%s: %w", path, err)})
		}
		return in.readFeed(ctx, path, data, emit)
	}
	f, err := os.Open(path)
	if err != nil {
		return emit(item{input: path, err: fmt.Errorf("%s: %w", path, unwrapPathError(err))})
	}
	defer f.Close()
	return source.Read(path, f, source.FormatAuto, in.fromSource(emit))
}

func readCapped(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, unwrapPathError(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, source.MaxDocumentBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if len(data) > source.MaxDocumentBytes {
		return nil, chronicle.Errorf(chronicle.ETooLarge, "larger than the %d MB limit", source.MaxDocumentBytes>>20)
	}
	return data, nil
}

// readURL fetches a feed or a page.
func (in *Ingester) readURL(ctx context.Context, rawURL string, emit emitFunc) error {
	resp, err := in.Fetcher.Get(ctx, rawURL, true)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return emit(item{input: rawURL, err: fmt.Errorf("%s: %w", rawURL, err)})
	}
	if resp.NotModified {
		in.note(func(s *Stats) { s.NotModified++ })
		return nil
	}
	if isFeed(resp.Body, resp.ContentType) {
		return in.readFeed(ctx, rawURL, resp.Body, emit)
	}
	return emit(pageItem(rawURL, resp, "", ""))
}

// isFeed reports whether a response is an RSS, Atom or JSON feed.
func isFeed(body []byte, contentType string) bool {
	ct := strings.ToLower(contentType)
	if strings.Contains(ct, "html") {
		return false
	}
	return gofeed.DetectFeedType(bytes.NewReader(body)) != gofeed.FeedTypeUnknown
}

// pageItem makes a document of a fetched page.
func pageItem(input string, resp *Response, date, site string) item {
	body, err := toUTF8(resp.Body, resp.ContentType)
	if err != nil {
		return item{input: input, err: fmt.Errorf("%s: %w", input, err)}
	}
	doc := &chronicle.Document{URL: resp.URL, Source: site}
	if strings.Contains(strings.ToLower(resp.ContentType), "text/plain") || !extract.LooksLikeHTML(body) && !strings.Contains(strings.ToLower(resp.ContentType), "html") {
		doc.Text = string(body)
	} else {
		doc.HTML = string(body)
	}
	return item{input: input, doc: doc, idFromURL: true, date: date, fetched: resp.Fetched}
}

// toUTF8 converts a body in the charset its content type or markup names.
func toUTF8(body []byte, contentType string) ([]byte, error) {
	r, err := charset.NewReader(bytes.NewReader(body), contentType)
	if err != nil {
		return body, nil // unknown charset: keep the bytes, the pipeline checks UTF-8
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("decode charset: %w", err)
	}
	return out, nil
}

// readFeed emits the documents an RSS or Atom feed links to, fetching each
// page it does not hold yet.
func (in *Ingester) readFeed(ctx context.Context, input string, data []byte, emit emitFunc) error {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return emit(item{input: input, err: fmt.Errorf("%s: parse feed: %w", input, err)})
	}
	site := strings.TrimSpace(feed.Title)
	for i, e := range feed.Items {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		date := ""
		if e.PublishedParsed != nil {
			date = e.PublishedParsed.UTC().Format("2006-01-02")
		} else if e.UpdatedParsed != nil {
			date = e.UpdatedParsed.UTC().Format("2006-01-02")
		}
		link := strings.TrimSpace(e.Link)
		if link == "" && len(e.Links) > 0 {
			link = strings.TrimSpace(e.Links[0])
		}
		entryInput := fmt.Sprintf("%s: entry %d", input, i+1)
		if link == "" || CanonicalURL(link) == "" {
			// No page to fetch: code what the feed carries.
			body := e.Content
			if body == "" {
				body = e.Description
			}
			if strings.TrimSpace(body) == "" {
				if err := emit(item{input: entryInput, err: fmt.Errorf("%s: no link and no content", entryInput)}); err != nil {
					return err
				}
				continue
			}
			doc := &chronicle.Document{Title: e.Title, Source: site, HTML: "<html><body>" + body + "</body></html>"}
			if err := emit(item{input: entryInput, doc: doc, date: date}); err != nil {
				return err
			}
			continue
		}
		id := CanonicalURL(link)
		if in.seen(id) {
			continue
		}
		if has, err := in.Store.HasDocument(ctx, id); err == nil && has {
			in.markSeen(id)
			if err := emit(item{input: link, skipped: true}); err != nil {
				return err
			}
			continue
		}
		resp, err := in.Fetcher.Get(ctx, link, false)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err := emit(item{input: link, err: fmt.Errorf("%s: %w", link, err)}); err != nil {
				return err
			}
			continue
		}
		it := pageItem(link, resp, date, site)
		if it.doc != nil && it.doc.Title == "" {
			it.doc.Title = strings.TrimSpace(e.Title)
		}
		in.markSeen(id)
		if err := emit(it); err != nil {
			return err
		}
	}
	return nil
}

// readWARC emits the HTML and text responses archived in a WARC file.
func (in *Ingester) readWARC(ctx context.Context, path string, emit emitFunc) error {
	r, err := gowarc.NewWarcFileReader(path, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore))
	if err != nil {
		return emit(item{input: path, err: fmt.Errorf("%s: open warc: %w", path, unwrapPathError(err))})
	}
	defer r.Close()
	for n := 1; ; n++ {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rec, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			rec.Close()
			return emit(item{input: path, err: fmt.Errorf("%s: record %d: read warc: %w", path, n, err)})
		}
		it, ok := warcItem(path, n, rec.WarcRecord)
		rec.Close()
		if !ok {
			continue
		}
		if err := emit(it); err != nil {
			return err
		}
	}
}

// warcItem makes a document of one WARC record, reporting false for records
// that hold no page (requests, metadata, images, redirects).
func warcItem(path string, n int, rec gowarc.WarcRecord) (item, bool) {
	if rec == nil {
		return item{}, false
	}
	target := rec.WarcHeader().Get(gowarc.WarcTargetURI)
	input := fmt.Sprintf("%s: record %d", path, n)
	if target != "" {
		input = fmt.Sprintf("%s: %s", path, target)
	}
	var contentType string
	var payload io.Reader
	switch rec.Type() {
	case gowarc.Response:
		hb, ok := rec.Block().(gowarc.HttpResponseBlock)
		if !ok || hb.HttpStatusCode() != 200 {
			return item{}, false
		}
		if h := hb.HttpHeader(); h != nil {
			contentType = h.Get("Content-Type")
		}
		r, err := hb.PayloadBytes()
		if err != nil {
			return item{input: input, err: fmt.Errorf("%s: read payload: %w", input, err)}, true
		}
		payload = r
	case gowarc.Resource:
		contentType = rec.WarcHeader().Get(gowarc.ContentType)
		pb, ok := rec.Block().(gowarc.PayloadBlock)
		if !ok {
			return item{}, false
		}
		r, err := pb.PayloadBytes()
		if err != nil {
			return item{input: input, err: fmt.Errorf("%s: read payload: %w", input, err)}, true
		}
		payload = r
	default:
		return item{}, false
	}
	ct := strings.ToLower(contentType)
	if ct != "" && !strings.Contains(ct, "html") && !strings.Contains(ct, "text/plain") {
		return item{}, false
	}
	body, err := io.ReadAll(io.LimitReader(payload, source.MaxDocumentBytes+1))
	if err != nil {
		return item{input: input, err: fmt.Errorf("%s: read payload: %w", input, err)}, true
	}
	if len(body) > source.MaxDocumentBytes {
		return item{input: input, err: fmt.Errorf("%s: %w", input, chronicle.Errorf(chronicle.ETooLarge, "larger than the %d MB limit for one document", source.MaxDocumentBytes>>20))}, true
	}
	resp := &Response{URL: target, ContentType: contentType, Body: body}
	if t, err := rec.Date(); err == nil {
		resp.Fetched = t.UTC()
	}
	it := pageItem(input, resp, "", "")
	if target == "" || CanonicalURL(target) == "" {
		it.idFromURL = false
		if it.doc != nil {
			it.doc.URL = ""
		}
	}
	return it, true
}
