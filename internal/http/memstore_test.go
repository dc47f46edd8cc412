package httpapi

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
)

// memStore is an in-memory chronicle.Store for the handler tests. Cursors
// are offsets.
type memStore struct {
	mu   sync.Mutex
	docs []*chronicle.Document
	ids  map[string]bool
}

var _ chronicle.Store = (*memStore)(nil)

func newMemStore(docs []*chronicle.Document) *memStore {
	m := &memStore{ids: map[string]bool{}}
	for _, d := range docs {
		_, _ = m.PutDocument(context.Background(), d)
	}
	return m
}

func (m *memStore) Close() error { return nil }

func (m *memStore) PutDocument(_ context.Context, doc *chronicle.Document) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.ids[doc.ID] {
		return false, nil
	}
	m.ids[doc.ID] = true
	m.docs = append(m.docs, doc)
	return true, nil
}

func (m *memStore) HasDocument(_ context.Context, id string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.ids[id], nil
}

func (m *memStore) Document(_ context.Context, id string) (*chronicle.Document, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, d := range m.docs {
		if d.ID == id {
			return d, nil
		}
	}
	return nil, chronicle.Errorf(chronicle.ENotFound, "no document %q", id)
}

func paginate[T any](items []T, f chronicle.Filter) ([]T, string, error) {
	off := 0
	if f.Cursor != "" {
		n, err := strconv.Atoi(f.Cursor)
		if err != nil || n < 0 {
			return nil, "", chronicle.Errorf(chronicle.EInvalid, "bad cursor %q", f.Cursor)
		}
		off = n
	}
	if off > len(items) {
		off = len(items)
	}
	end := off + f.Limit
	if f.Limit <= 0 || end > len(items) {
		end = len(items)
	}
	next := ""
	if end < len(items) {
		next = strconv.Itoa(end)
	}
	return items[off:end], next, nil
}

func actorMatches(a *chronicle.ActorRef, q string) bool {
	if a == nil || q == "" {
		return false
	}
	return strings.HasPrefix(a.Code, strings.ToUpper(q)) || strings.Contains(strings.ToLower(a.Name), strings.ToLower(q))
}

func (m *memStore) eventMatches(d *chronicle.Document, e *chronicle.Event, f chronicle.Filter) bool {
	if f.Actor != "" && !actorMatches(e.Source, f.Actor) && !actorMatches(e.Target, f.Actor) {
		return false
	}
	if f.Type != "" && e.PLOVER != f.Type || f.CAMEO != "" && !strings.HasPrefix(e.CAMEO, f.CAMEO) {
		return false
	}
	if f.Factuality != "" && e.Factuality != f.Factuality {
		return false
	}
	if f.Country != "" {
		ok := e.Source != nil && e.Source.Country == f.Country || e.Target != nil && e.Target.Country == f.Country ||
			e.Location != nil && e.Location.Country == f.Country
		if !ok {
			return false
		}
	}
	return m.docMatches(d, eventDate(d, e), f)
}

func eventDate(d *chronicle.Document, e *chronicle.Event) string {
	if len(e.Date) == 10 {
		return e.Date
	}
	return d.Date
}

func (m *memStore) docMatches(d *chronicle.Document, date string, f chronicle.Filter) bool {
	if f.Since != "" && date < f.Since || f.Until != "" && date > f.Until {
		return false
	}
	if f.Story != "" && d.Story != f.Story || f.Document != "" && d.ID != f.Document {
		return false
	}
	if f.Text != "" && !strings.Contains(strings.ToLower(d.Text+" "+d.Title), strings.ToLower(f.Text)) {
		return false
	}
	return true
}

func sentenceText(d *chronicle.Document, i int) string {
	if i < 0 || i >= len(d.Sentences) {
		return ""
	}
	s := d.Sentences[i]
	return d.Text[s.Start:s.End]
}

func (m *memStore) allEvents(f chronicle.Filter) []chronicle.EventRecord {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []chronicle.EventRecord
	for _, d := range m.docs {
		for i := range d.Events {
			e := &d.Events[i]
			if m.eventMatches(d, e, f) {
				out = append(out, chronicle.EventRecord{Event: *e, DocID: d.ID, DocDate: d.Date, DocURL: d.URL,
					DocTitle: d.Title, Sentence: sentenceText(d, e.Sentence)})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].DocDate != out[j].DocDate {
			return out[i].DocDate > out[j].DocDate
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func (m *memStore) Events(_ context.Context, f chronicle.Filter) ([]chronicle.EventRecord, string, error) {
	return paginate(m.allEvents(f), f)
}

func (m *memStore) Quotes(_ context.Context, f chronicle.Filter) ([]chronicle.QuoteRecord, string, error) {
	m.mu.Lock()
	var out []chronicle.QuoteRecord
	for _, d := range m.docs {
		for _, q := range d.Quotes {
			if f.Actor != "" && !actorMatches(q.Speaker, f.Actor) || !m.docMatches(d, d.Date, f) {
				continue
			}
			out = append(out, chronicle.QuoteRecord{Quote: q, DocID: d.ID, DocDate: d.Date, DocURL: d.URL})
		}
	}
	m.mu.Unlock()
	return paginate(out, f)
}

func (m *memStore) Claims(_ context.Context, f chronicle.Filter) ([]chronicle.ClaimRecord, string, error) {
	m.mu.Lock()
	var out []chronicle.ClaimRecord
	for _, d := range m.docs {
		for _, c := range d.Claims {
			if f.Actor != "" && !actorMatches(c.Subject, f.Actor) || !m.docMatches(d, d.Date, f) {
				continue
			}
			out = append(out, chronicle.ClaimRecord{Claim: c, DocID: d.ID, DocDate: d.Date, DocURL: d.URL})
		}
	}
	m.mu.Unlock()
	return paginate(out, f)
}

func (m *memStore) Documents(_ context.Context, f chronicle.Filter) ([]chronicle.DocumentSummary, string, error) {
	m.mu.Lock()
	var out []chronicle.DocumentSummary
	for _, d := range m.docs {
		if !m.docMatches(d, d.Date, f) {
			continue
		}
		out = append(out, chronicle.DocumentSummary{ID: d.ID, URL: d.URL, Title: d.Title, Date: d.Date, Source: d.Source,
			Story: d.Story, Events: len(d.Events), Quotes: len(d.Quotes), Claims: len(d.Claims), Snippet: sentenceText(d, 0)})
	}
	m.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date > out[j].Date })
	return paginate(out, f)
}

func (m *memStore) Actors(_ context.Context, f chronicle.Filter) ([]chronicle.ActorSummary, string, error) {
	evs := m.allEvents(chronicle.Filter{Type: f.Type, CAMEO: f.CAMEO, Country: f.Country, Since: f.Since, Until: f.Until, Text: f.Text})
	byCode := map[string]*chronicle.ActorSummary{}
	partners := map[string]map[string]int{}
	names := map[string]string{}
	touch := func(a *chronicle.ActorRef) *chronicle.ActorSummary {
		s := byCode[a.Code]
		if s == nil {
			s = &chronicle.ActorSummary{Code: a.Code, Name: a.Name, Country: a.Country}
			byCode[a.Code] = s
			partners[a.Code] = map[string]int{}
		}
		names[a.Code] = a.Name
		s.Events++
		return s
	}
	for _, e := range evs {
		if e.Source.Empty() || e.Target.Empty() {
			continue
		}
		touch(e.Source).AsSource++
		touch(e.Target).AsTarget++
		partners[e.Source.Code][e.Target.Code]++
		partners[e.Target.Code][e.Source.Code]++
	}
	var out []chronicle.ActorSummary
	for code, s := range byCode {
		if f.Actor != "" && !strings.HasPrefix(code, strings.ToUpper(f.Actor)) && !strings.Contains(strings.ToLower(s.Name), strings.ToLower(f.Actor)) {
			continue
		}
		for p, n := range partners[code] {
			s.Partners = append(s.Partners, chronicle.PartnerCount{Code: p, Name: names[p], Events: n})
		}
		sort.Slice(s.Partners, func(i, j int) bool {
			if s.Partners[i].Events != s.Partners[j].Events {
				return s.Partners[i].Events > s.Partners[j].Events
			}
			return s.Partners[i].Code < s.Partners[j].Code
		})
		if len(s.Partners) > 5 {
			s.Partners = s.Partners[:5]
		}
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Events != out[j].Events {
			return out[i].Events > out[j].Events
		}
		return out[i].Code < out[j].Code
	})
	return paginate(out, f)
}

func (m *memStore) Stories(_ context.Context, f chronicle.Filter) ([]chronicle.StorySummary, string, error) {
	m.mu.Lock()
	by := map[string]*chronicle.StorySummary{}
	for _, d := range m.docs {
		if d.Story == "" || !m.docMatches(d, d.Date, f) {
			continue
		}
		s := by[d.Story]
		if s == nil {
			s = &chronicle.StorySummary{ID: d.Story, Title: d.Title, FirstSeen: d.Date, LastSeen: d.Date}
			by[d.Story] = s
		}
		s.Documents++
		s.Events += len(d.Events)
		s.DocIDs = append(s.DocIDs, d.ID)
		s.FirstSeen, s.LastSeen = min(s.FirstSeen, d.Date), max(s.LastSeen, d.Date)
	}
	m.mu.Unlock()
	var out []chronicle.StorySummary
	for _, s := range by {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].LastSeen != out[j].LastSeen {
			return out[i].LastSeen > out[j].LastSeen
		}
		return out[i].ID < out[j].ID
	})
	return paginate(out, f)
}

func (m *memStore) Timeline(_ context.Context, f chronicle.Filter, bucket, group string) ([]chronicle.TimelinePoint, error) {
	counts := map[[2]string]int{}
	for _, e := range m.allEvents(f) {
		day := e.Date
		if len(day) != 10 {
			day = e.DocDate
		}
		b := day
		if bucket == "week" {
			t, err := time.Parse("2006-01-02", day)
			if err != nil {
				continue
			}
			b = t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7)).Format("2006-01-02")
		}
		g := e.PLOVER
		if group == "quad" {
			g = strconv.Itoa(e.Quad)
		}
		counts[[2]string{b, g}]++
	}
	var out []chronicle.TimelinePoint
	for k, n := range counts {
		out = append(out, chronicle.TimelinePoint{Bucket: k[0], Group: k[1], Events: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Bucket != out[j].Bucket {
			return out[i].Bucket < out[j].Bucket
		}
		return out[i].Group < out[j].Group
	})
	return out, nil
}

func (m *memStore) Network(_ context.Context, f chronicle.Filter) ([]chronicle.NetworkEdge, error) {
	type acc struct {
		e   chronicle.NetworkEdge
		sum float64
	}
	by := map[[2]string]*acc{}
	for _, e := range m.allEvents(f) {
		if e.Source.Empty() || e.Target.Empty() {
			continue
		}
		k := [2]string{e.Source.Code, e.Target.Code}
		a := by[k]
		if a == nil {
			a = &acc{e: chronicle.NetworkEdge{Source: k[0], Target: k[1], SourceName: e.Source.Name, TargetName: e.Target.Name}}
			by[k] = a
		}
		a.e.Events++
		a.sum += e.Goldstein
	}
	var out []chronicle.NetworkEdge
	for _, a := range by {
		a.e.Goldstein = a.sum / float64(a.e.Events)
		out = append(out, a.e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Events != out[j].Events {
			return out[i].Events > out[j].Events
		}
		return out[i].Source+out[i].Target < out[j].Source+out[j].Target
	})
	return out, nil
}

func (m *memStore) Places(_ context.Context, f chronicle.Filter) ([]chronicle.PlaceCount, error) {
	by := map[string]*chronicle.PlaceCount{}
	for _, e := range m.allEvents(f) {
		if e.Location == nil || e.Location.Name == "" {
			continue
		}
		p := by[e.Location.Name]
		if p == nil {
			p = &chronicle.PlaceCount{Name: e.Location.Name, Country: e.Location.Country, Lat: e.Location.Lat, Lon: e.Location.Lon}
			by[e.Location.Name] = p
		}
		p.Events++
	}
	var out []chronicle.PlaceCount
	for _, p := range by {
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Events != out[j].Events {
			return out[i].Events > out[j].Events
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}
