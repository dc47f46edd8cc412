package httpapi

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/source"
)

// endpoint is one GET list endpoint of the API: how to read it from the
// store and how to write it as CSV. The same table drives the routes and the
// OpenAPI description.
type endpoint struct {
	path    string
	summary string
	extra   []param
	item    string // OpenAPI schema name of one item
	cache   bool   // answers are aggregates worth caching
	list    func(ctx context.Context, st chronicle.Store, q query) (items any, next string, err error)
	csv     func(items any) (header []string, rows [][]string)
}

// page is the JSON of every list response.
type page struct {
	Items any    `json:"items"`
	Next  string `json:"next"`
}

func (s *Server) endpoints() []endpoint {
	return []endpoint{
		{path: "/api/events", summary: "Coded events with their evidence", item: "EventRecord",
			list: func(ctx context.Context, st chronicle.Store, q query) (any, string, error) {
				return nonNil(st.Events(ctx, q.Filter))
			}, csv: eventsCSV},
		{path: "/api/canonical-events", summary: "Canonical events: one per real-world event, merged from all its reports (without their mentions)", item: "CanonicalEvent",
			extra: []param{{"min_articles", "only events reported by at least this many articles"}},
			list: func(ctx context.Context, st chronicle.Store, q query) (any, string, error) {
				cq, err := canonicalQuerier(st)
				if err != nil {
					return nil, "", err
				}
				if v := q.Extra["min_articles"]; v != "" {
					n, err := strconv.Atoi(v)
					if err != nil || n < 0 || n > 1_000_000 {
						return nil, "", badParam("min_articles", "%q is not a number of articles (0 or more)", v)
					}
					q.Filter.MinArticles = n
				}
				return nonNil(cq.CanonicalEvents(ctx, q.Filter))
			}, csv: canonicalCSV},
		{path: "/api/quotes", summary: "Quotes with their speakers", item: "QuoteRecord",
			list: func(ctx context.Context, st chronicle.Store, q query) (any, string, error) {
				return nonNil(st.Quotes(ctx, q.Filter))
			}, csv: quotesCSV},
		{path: "/api/claims", summary: "Numeric and comparative claims", item: "ClaimRecord",
			list: func(ctx context.Context, st chronicle.Store, q query) (any, string, error) {
				return nonNil(st.Claims(ctx, q.Filter))
			}, csv: claimsCSV},
		{path: "/api/documents", summary: "Stored documents without their annotations", item: "DocumentSummary",
			list: func(ctx context.Context, st chronicle.Store, q query) (any, string, error) {
				return nonNil(st.Documents(ctx, q.Filter))
			}, csv: documentsCSV},
		{path: "/api/actors", cache: true, summary: "Actors with event counts and top partners", item: "ActorSummary",
			list: func(ctx context.Context, st chronicle.Store, q query) (any, string, error) {
				return nonNil(st.Actors(ctx, q.Filter))
			}, csv: actorsCSV},
		{path: "/api/stories", cache: true, summary: "Story clusters of documents", item: "StorySummary",
			list: func(ctx context.Context, st chronicle.Store, q query) (any, string, error) {
				return nonNil(st.Stories(ctx, q.Filter))
			}, csv: storiesCSV},
		{path: "/api/timeline", cache: true, summary: "Events per day or week by PLOVER type or quad class", item: "TimelinePoint",
			extra: []param{{"bucket", "day (default) or week"}, {"group", "plover (default) or quad"}},
			list: func(ctx context.Context, st chronicle.Store, q query) (any, string, error) {
				bucket, group := q.Extra["bucket"], q.Extra["group"]
				if bucket == "" {
					bucket = "day"
				}
				if group == "" {
					group = "plover"
				}
				if bucket != "day" && bucket != "week" {
					return nil, "", badParam("bucket", "%q is not day or week", bucket)
				}
				if group != "plover" && group != "quad" {
					return nil, "", badParam("group", "%q is not plover or quad", group)
				}
				pts, err := st.Timeline(ctx, q.Filter, bucket, group)
				return nonNil(pts, "", err)
			}, csv: timelineCSV},
		{path: "/api/network", cache: true, summary: "Weighted who-to-whom actor edges", item: "NetworkEdge",
			list: func(ctx context.Context, st chronicle.Store, q query) (any, string, error) {
				edges, err := st.Network(ctx, q.Filter)
				return nonNil(edges, "", err)
			}, csv: networkCSV},
		{path: "/api/places", cache: true, summary: "Events per location", item: "PlaceCount",
			list: func(ctx context.Context, st chronicle.Store, q query) (any, string, error) {
				places, err := st.Places(ctx, q.Filter)
				return nonNil(places, "", err)
			}, csv: placesCSV},
	}
}

// nonNil turns a nil slice into an empty one so that JSON shows [].
func nonNil[T any](items []T, next string, err error) (any, string, error) {
	if err != nil {
		return nil, "", err
	}
	if items == nil {
		items = []T{}
	}
	return items, next, nil
}

func (s *Server) routes() {
	for _, ep := range s.endpoints() {
		s.mux.Handle("GET "+ep.path, s.listHandler(ep))
	}
	s.mux.HandleFunc("GET /api/documents/{id...}", s.handleDocument)
	s.mux.HandleFunc("GET /api/canonical-events/{id...}", s.handleCanonical)
	s.mux.HandleFunc("POST /api/documents", s.handlePost)
	s.mux.HandleFunc("GET /api/openapi.json", s.handleOpenAPI)
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, errorBody{Error: fmt.Sprintf("no endpoint %s %s (see /api/openapi.json)", r.Method, r.URL.Path)})
	})
	s.mux.Handle("/", s.staticHandler())
}

func (s *Server) listHandler(ep endpoint) http.Handler {
	h := s.listUncached(ep)
	if !ep.cache || s.cache == nil {
		return h
	}
	return s.cache.handler(h)
}

func (s *Server) listUncached(ep endpoint) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q, err := parseQuery(r.URL.Query(), ep.extra)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		items, next, err := ep.list(r.Context(), s.cfg.Store, q)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if q.CSV {
			header, rows := ep.csv(items)
			name := strings.TrimPrefix(ep.path, "/api/") + ".csv"
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
			w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
			w.Header().Set("Cache-Control", "no-store")
			if next != "" {
				w.Header().Set("X-Next-Cursor", next)
			}
			cw := csv.NewWriter(w)
			_ = cw.Write(header)
			for _, row := range rows {
				for i := range row {
					row[i] = csvSafe(row[i])
				}
				_ = cw.Write(row)
			}
			cw.Flush()
			return
		}
		writeJSON(w, http.StatusOK, page{Items: items, Next: next})
	})
}

// csvSafe keeps a text cell from being read as a formula by spreadsheets.
func csvSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '@', '\t', '\r':
		return "'" + s
	case '-':
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return "'" + s
		}
	}
	return s
}

// Highlight is one span of a document to mark in the document view.
type Highlight struct {
	Kind     string `json:"kind"` // event, actor, date, place, quote, claim, entity
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Sentence int    `json:"sentence"`
	Label    string `json:"label,omitempty"`
	Item     int    `json:"item"` // index of the event, quote, claim, date, place or entity
}

// documentView is a document with the spans to highlight in it.
type documentView struct {
	*chronicle.Document
	Spans []Highlight `json:"spans"`
}

func (s *Server) handleDocument(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if len(r.URL.Query()) > 0 {
		for name := range r.URL.Query() {
			s.writeError(w, r, badParam(name, "unknown parameter (a document takes none)"))
			return
		}
	}
	if id == "" {
		s.writeError(w, r, badParam("id", "empty document id"))
		return
	}
	doc, err := s.cfg.Store.Document(r.Context(), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, documentView{Document: doc, Spans: Highlights(doc)})
}

// canonicalQuerier returns the store's canonical events, or an ENotFound
// error for a store that keeps none.
func canonicalQuerier(st chronicle.Store) (chronicle.CanonicalQuerier, error) {
	cq, ok := st.(chronicle.CanonicalQuerier)
	if !ok {
		e := chronicle.Errorf(chronicle.ENotFound, "this store keeps no canonical events")
		e.Op = "canonical events"
		return nil, e
	}
	return cq, nil
}

// handleCanonical answers GET /api/canonical-events/{id}: one canonical
// event with every report of it.
func (s *Server) handleCanonical(w http.ResponseWriter, r *http.Request) {
	for name := range r.URL.Query() {
		s.writeError(w, r, badParam(name, "unknown parameter (a canonical event takes none)"))
		return
	}
	id := r.PathValue("id")
	if id == "" {
		s.writeError(w, r, badParam("id", "empty canonical event id"))
		return
	}
	cq, err := canonicalQuerier(s.cfg.Store)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	c, err := cq.CanonicalEvent(r.Context(), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// Highlights lists the spans of doc to mark: event triggers and actors,
// dates, places, quotes, claims and entities. Spans outside the text are
// left out.
func Highlights(doc *chronicle.Document) []Highlight {
	n := len(doc.Text)
	out := []Highlight{}
	add := func(h Highlight) {
		if h.Start >= 0 && h.End > h.Start && h.End <= n {
			out = append(out, h)
		}
	}
	for i, e := range doc.Events {
		if e.Trigger != nil {
			add(Highlight{Kind: "event", Start: e.Trigger.Start, End: e.Trigger.End, Sentence: e.Sentence, Label: e.PLOVER + " " + e.CAMEO, Item: i})
		}
		for _, a := range []*chronicle.ActorRef{e.Source, e.Target} {
			if a != nil {
				add(Highlight{Kind: "actor", Start: a.Start, End: a.End, Sentence: e.Sentence, Label: a.Code, Item: i})
			}
		}
	}
	for i, d := range doc.Dates {
		add(Highlight{Kind: "date", Start: d.Start, End: d.End, Sentence: d.Sentence, Label: d.Value, Item: i})
	}
	for i, p := range doc.Places {
		add(Highlight{Kind: "place", Start: p.Start, End: p.End, Sentence: p.Sentence, Label: p.Name, Item: i})
	}
	for i, q := range doc.Quotes {
		label := ""
		if q.Speaker != nil {
			label = q.Speaker.Name
		}
		add(Highlight{Kind: "quote", Start: q.Start, End: q.End, Sentence: q.Sentence, Label: label, Item: i})
	}
	for i, c := range doc.Claims {
		add(Highlight{Kind: "claim", Start: c.Start, End: c.End, Sentence: c.Sentence, Item: i})
	}
	for i, e := range doc.Entities {
		add(Highlight{Kind: "entity", Start: e.Start, End: e.End, Sentence: e.Sentence, Label: e.Type + " " + e.Code, Item: i})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End > out[j].End
	})
	return out
}

// postResult is the answer to POST /api/documents.
type postResult struct {
	ID     string   `json:"id"`
	Stored bool     `json:"stored"`
	Events int      `json:"events"`
	Quotes int      `json:"quotes"`
	Claims int      `json:"claims"`
	Errors []string `json:"errors"`
}

// authorize checks the bearer token of a write request.
func (s *Server) authorize(r *http.Request) error {
	if s.cfg.Token == "" {
		e := chronicle.Errorf(chronicle.EAuth, "the server is read-only; start 'chronicle serve --token T' to accept documents")
		e.Op = "forbidden"
		return e
	}
	auth := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(token)), []byte(s.cfg.Token)) != 1 {
		return chronicle.Errorf(chronicle.EAuth, "missing or wrong bearer token in the Authorization header")
	}
	return nil
}

func (s *Server) handlePost(w http.ResponseWriter, r *http.Request) {
	if err := s.authorize(r); err != nil {
		code := http.StatusUnauthorized
		if s.cfg.Token == "" {
			code = http.StatusForbidden
		} else {
			w.Header().Set("WWW-Authenticate", `Bearer realm="chronicle"`)
		}
		writeJSON(w, code, errorBody{Error: err.Error()})
		return
	}
	if s.cfg.Coder == nil {
		writeJSON(w, http.StatusServiceUnavailable, errorBody{Error: "this server has no coder for new documents"})
		return
	}
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || (mt != "application/json" && mt != "application/x-ndjson") {
		writeJSON(w, http.StatusUnsupportedMediaType, errorBody{Error: "send the document as Content-Type: application/json"})
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		s.writeError(w, r, fmt.Errorf("read body: %w", err))
		return
	}
	var probe struct {
		URL  string `json:"url"`
		Text string `json:"text"`
		HTML string `json:"html"`
	}
	if json.Unmarshal(body, &probe) == nil && probe.URL != "" && probe.Text == "" && probe.HTML == "" {
		s.ingestURL(w, r, probe.URL)
		return
	}
	doc, err := source.FromJSON(body)
	if err != nil {
		s.writeError(w, r, chronicle.E("document", err))
		return
	}
	if doc.ID == "" {
		sum := sha256.Sum256([]byte(doc.URL + "\x00" + doc.Text + doc.HTML))
		doc.ID = "sha256-" + hex.EncodeToString(sum[:12])
	}
	if err := s.cfg.Coder.Code(r.Context(), doc); err != nil {
		switch chronicle.ErrorCode(err) {
		case chronicle.EInvalid, chronicle.ETooLarge:
			s.writeError(w, r, chronicle.E("document "+doc.ID, err))
			return
		}
		// Other stage failures are recorded in doc.Errors; the rest is kept.
	}
	stored, err := s.cfg.Store.PutDocument(r.Context(), doc)
	if err != nil {
		s.writeError(w, r, fmt.Errorf("store document %s: %w", doc.ID, err))
		return
	}
	if stored {
		s.cache.clear()
	}
	res := postResult{ID: doc.ID, Stored: stored, Events: len(doc.Events), Quotes: len(doc.Quotes),
		Claims: len(doc.Claims), Errors: doc.Errors}
	if res.Errors == nil {
		res.Errors = []string{}
	}
	code := http.StatusCreated
	if !stored {
		code = http.StatusOK
	}
	w.Header().Set("Location", "/api/documents/"+doc.ID)
	writeJSON(w, code, res)
}

// ingestURL fetches, codes and stores the feed or page at raw.
func (s *Server) ingestURL(w http.ResponseWriter, r *http.Request, raw string) {
	if s.cfg.Ingester == nil {
		s.writeError(w, r, badParam("url", "this server does not fetch URLs; post the document's text or html"))
		return
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		s.writeError(w, r, badParam("url", "%q is not an http or https URL of a feed or page", raw))
		return
	}
	res, err := s.cfg.Ingester.IngestURL(r.Context(), u.String())
	if err != nil {
		s.writeError(w, r, fmt.Errorf("ingest %s: %w", u, err))
		return
	}
	if res.Stored > 0 {
		s.cache.clear()
	}
	if res.Errors == nil {
		res.Errors = []string{}
	}
	res.URL = u.String()
	code := http.StatusOK
	if res.Stored > 0 {
		code = http.StatusCreated
	} else if res.Failed > 0 {
		code = http.StatusBadGateway
	}
	writeJSON(w, code, res)
}
