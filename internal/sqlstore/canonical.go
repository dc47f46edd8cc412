package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/story"
)

// DefaultMergeOptions returns the merge options of a new Store: independent
// reports of one event merge across story clusters (measured in
// internal/story: within stories only, independent reports never merge), and
// the merger holds at most story.DefaultLimit canonical events in memory
// (dropping the oldest), which bounds its memory.
func DefaultMergeOptions() story.MergeOptions {
	return story.MergeOptions{AcrossStories: true, Limit: story.DefaultLimit}
}

// canonState is the store's event merger and how far it has read the
// documents table. Every write holds mu for its whole transaction, so the
// merger always equals a replay of the stored documents in primary key
// (commit) order.
type canonState struct {
	mu     sync.Mutex
	m      *story.Merger
	lastPK int64 // the highest document pk the merger holds
}

// reset forgets the merger after a failed write, whose documents it may
// hold; the next write replays the store again.
func (c *canonState) reset() {
	c.m, c.lastPK = nil, 0
}

// catchUp brings the merger up to date with the documents stored in the
// transaction's view: at the first write it replays every stored document
// in pk order (the order they were committed in), later only those another
// process committed since. When the store holds events but no canonical
// events (a store written before canonical events existed), it rewrites
// every event's canonical id and every canonical event.
func (s *Store) catchUp(ctx context.Context, w *writer) error {
	c := &s.canon
	rebuild := false
	if c.m == nil {
		c.m, c.lastPK = story.NewMerger(s.Merge), 0
		var none bool
		err := w.tx.QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM canonical_events) AND EXISTS (SELECT 1 FROM events WHERE cameo <> '')`).Scan(&none)
		if err != nil {
			return fmt.Errorf("read canonical events: %w", err)
		}
		rebuild = none
	}
	rows, err := w.tx.QueryContext(ctx, s.d.rebind(`SELECT d.pk, d.id, d.url, d.source, d.story, d.date, e.data
		FROM documents d JOIN events e ON e.doc = d.pk WHERE d.pk > ? ORDER BY d.pk, e.idx`), c.lastPK)
	if err != nil {
		return fmt.Errorf("replay stored events: %w", err)
	}
	defer rows.Close()
	type update struct {
		docPK int64
		ids   []string
	}
	var updates []update // the rebuild's new canonical ids
	var doc *chronicle.Document
	var docPK int64
	add := func() error {
		if doc == nil {
			return nil
		}
		ids, err := c.m.Add(doc)
		if err != nil {
			return err
		}
		if rebuild {
			updates = append(updates, update{docPK, ids})
		} else {
			// Replayed events are stored already: nothing reads the
			// events dropped past the horizon.
			c.m.Release()
		}
		return nil
	}
	for rows.Next() {
		var pk int64
		var id, url, source, storyID, date string
		var data []byte
		if err := rows.Scan(&pk, &id, &url, &source, &storyID, &date, &data); err != nil {
			return fmt.Errorf("replay stored events: %w", err)
		}
		if doc == nil || pk != docPK {
			if err := add(); err != nil {
				return fmt.Errorf("replay stored events: %w", err)
			}
			doc = &chronicle.Document{ID: id, URL: url, Source: source, Story: storyID, Date: date}
			docPK = pk
		}
		var ev chronicle.Event
		if err := s.d.Codec.Unmarshal(data, &ev); err != nil {
			return fmt.Errorf("replay stored events: decode event of %s: %w", id, err)
		}
		doc.Events = append(doc.Events, ev)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("replay stored events: %w", err)
	}
	rows.Close()
	if err := add(); err != nil {
		return fmt.Errorf("replay stored events: %w", err)
	}
	// Documents without events count too: the next replay starts after them.
	var maxPK sql.NullInt64
	if err := w.tx.QueryRowContext(ctx, `SELECT MAX(pk) FROM documents`).Scan(&maxPK); err != nil {
		return fmt.Errorf("replay stored events: %w", err)
	}
	c.lastPK = max(c.lastPK, maxPK.Int64)
	// The rebuild's ids are written after the rows are read (some drivers
	// run one statement at a time on a connection), and its canonical events
	// touched in replay order get their rows in the order incremental writes
	// would have given them.
	for _, u := range updates {
		if err := w.setCanonical(ctx, u.docPK, u.ids); err != nil {
			return fmt.Errorf("rebuild canonical events: %w", err)
		}
		for _, id := range u.ids {
			w.touched.add(id)
		}
	}
	return nil
}

// setCanonical writes the canonical ids of a stored document's events.
func (w *writer) setCanonical(ctx context.Context, docPK int64, ids []string) error {
	for i, id := range ids {
		if _, err := w.exec(ctx, w.setCanon, id, docPK, i); err != nil {
			return fmt.Errorf("set canonical id of event %d: %w", i, err)
		}
	}
	return nil
}

// idSet is a set of canonical ids that keeps their order.
type idSet struct {
	ids  []string
	seen map[string]bool
}

// add adds id unless it is empty or already in the set.
func (s *idSet) add(id string) {
	if id == "" || s.seen[id] {
		return
	}
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	s.seen[id] = true
	s.ids = append(s.ids, id)
}

// upsertCanonical writes the canonical events touched by the transaction.
func (w *writer) upsertCanonical(ctx context.Context, m *story.Merger, ingestDay string) error {
	for _, id := range w.touched.ids {
		c, ok := m.Get(id)
		if !ok {
			return fmt.Errorf("canonical event %s: not in the merger", id)
		}
		if err := w.putCanonical(ctx, &c, ingestDay); err != nil {
			return fmt.Errorf("write canonical event %s: %w", id, err)
		}
	}
	return nil
}

// putCanonical inserts or updates one canonical event.
func (w *writer) putCanonical(ctx context.Context, c *story.Canonical, ingestDay string) error {
	data, err := w.d.Codec.Marshal(c)
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	ev := &c.Event
	src, tgt := ref(ev.Source), ref(ev.Target)
	locName, locCountry, lat, lon := location(ev)
	firstSeen := c.FirstSeen
	if firstSeen == "" {
		firstSeen = ingestDay
	}
	root := ""
	if len(ev.CAMEO) >= 2 {
		root = ev.CAMEO[:2]
	}
	_, err = w.exec(ctx, w.canon, c.ID, ev.PLOVER, ev.CAMEO, root, ev.Quad, ev.Goldstein,
		src.Text, src.Name, src.Code, src.Country, tgt.Text, tgt.Name, tgt.Code, tgt.Country,
		ev.Date, effectiveDay(ev.Date, firstSeen), locName, locCountry, lat, lon, ev.Factuality,
		c.NumMentions, c.NumSources, c.NumArticles, firstSeen, len(c.Conflicts), data, c.FirstSeen)
	return err
}

// upsertCanonicalSQL inserts a canonical event or updates the stored one.
// The last argument is the merger's first-seen date: when it is empty (no
// report has a publication date) the stored first_seen, the day it was first
// stored, is kept.
const upsertCanonicalSQL = `INSERT INTO canonical_events (id, plover, cameo, root, quad, goldstein,
	src_text, src_name, src_code, src_country, tgt_text, tgt_name, tgt_code, tgt_country,
	date, day, loc_name, loc_country, loc_lat, loc_lon, factuality,
	num_mentions, num_sources, num_articles, first_seen, conflicts, data)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (id) DO UPDATE SET plover = excluded.plover, cameo = excluded.cameo, root = excluded.root,
	quad = excluded.quad, goldstein = excluded.goldstein,
	src_text = excluded.src_text, src_name = excluded.src_name, src_code = excluded.src_code, src_country = excluded.src_country,
	tgt_text = excluded.tgt_text, tgt_name = excluded.tgt_name, tgt_code = excluded.tgt_code, tgt_country = excluded.tgt_country,
	date = excluded.date, day = excluded.day, loc_name = excluded.loc_name, loc_country = excluded.loc_country,
	loc_lat = excluded.loc_lat, loc_lon = excluded.loc_lon, factuality = excluded.factuality,
	num_mentions = excluded.num_mentions, num_sources = excluded.num_sources, num_articles = excluded.num_articles,
	first_seen = CASE WHEN ? = '' AND canonical_events.first_seen <> '' THEN canonical_events.first_seen ELSE excluded.first_seen END,
	conflicts = excluded.conflicts, data = excluded.data`

// canonicalRecord converts a merged event as stored to the record of the
// API; mentions are left out.
func canonicalRecord(c *story.Canonical, day, firstSeen string) chronicle.CanonicalEvent {
	return chronicle.CanonicalEvent{
		Event: c.Event, Day: day, NumMentions: c.NumMentions, NumSources: c.NumSources, NumArticles: c.NumArticles,
		FirstSeen: firstSeen, Conflicts: c.Conflicts,
	}
}

// canonicalConds adds the conditions of q on canonical events (alias e):
// the event filters apply to the reconciled values, text, story and document
// select canonical events with a matching report.
func canonicalConds(d *Dialect, w *where, q *query) {
	cq := *q
	cq.ftsTerms, cq.Story, cq.Document = nil, "", ""
	eventConds(d, w, &cq)
	if len(q.ftsTerms) > 0 {
		// The inner alias e is the events table, as EventText expects.
		w.add(`e.id IN (SELECT e.canonical FROM events e WHERE `+d.EventText+`)`, d.TextQuery(q.ftsTerms))
	}
	if q.Story != "" {
		w.add(`e.id IN (SELECT v.canonical FROM events v JOIN documents d ON d.pk = v.doc WHERE d.story = ?)`, q.Story)
	}
	if q.Document != "" {
		w.add(`e.id IN (SELECT v.canonical FROM events v JOIN documents d ON d.pk = v.doc WHERE d.id = ?)`, q.Document)
	}
	if q.MinArticles > 1 {
		w.add(`e.num_articles >= ?`, q.MinArticles)
	}
}

// CanonicalEvents returns the canonical events matching f, newest first (by
// the reconciled day, else the day first seen), without their mentions, and
// the cursor of the next page.
func (s *Store) CanonicalEvents(ctx context.Context, f chronicle.Filter) ([]chronicle.CanonicalEvent, string, error) {
	const op = "canonical-events"
	q, err := parseFilter(op, f)
	if err != nil {
		return nil, "", err
	}
	var w where
	canonicalConds(s.d, &w, q)
	if q.cursor.Kind != "" {
		w.add(`(e.day, e.pk) < (?, ?)`, q.cursor.Key, q.cursor.PK)
	}
	w.args = append(w.args, q.Limit+1)
	rows, err := s.query(ctx, `SELECT e.pk, e.day, e.first_seen, e.data FROM canonical_events e
		WHERE `+w.sql(s.d)+` ORDER BY e.day DESC, e.pk DESC LIMIT ?`, w.args...)
	if err != nil {
		return nil, "", fmt.Errorf("query canonical events: %w", err)
	}
	defer rows.Close()
	var out []chronicle.CanonicalEvent
	var last cursor
	for rows.Next() {
		var c cursor
		var firstSeen string
		var data []byte
		if err := rows.Scan(&c.PK, &c.Key, &firstSeen, &data); err != nil {
			return nil, "", fmt.Errorf("query canonical events: %w", err)
		}
		if len(out) == q.Limit {
			return out, last.encode(), rows.Err()
		}
		var ce story.Canonical
		if err := s.d.Codec.Unmarshal(data, &ce); err != nil {
			return nil, "", fmt.Errorf("query canonical events: decode: %w", err)
		}
		c.Kind = op
		last = c
		out = append(out, canonicalRecord(&ce, c.Key, firstSeen))
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("query canonical events: %w", err)
	}
	return out, "", nil
}

// CanonicalEvent returns one canonical event with its mentions, each with
// its document's title and URL and the text of its sentence.
func (s *Store) CanonicalEvent(ctx context.Context, id string) (*chronicle.CanonicalEvent, error) {
	var day, firstSeen string
	var data []byte
	err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT day, first_seen, data FROM canonical_events WHERE id = ?`), s.d.clean(id)).Scan(&day, &firstSeen, &data)
	if errors.Is(err, sql.ErrNoRows) {
		e := chronicle.Errorf(chronicle.ENotFound, "no canonical event with id %q", id)
		e.Op = "canonical event"
		return nil, e
	}
	if err != nil {
		return nil, fmt.Errorf("canonical event %s: %w", id, err)
	}
	var ce story.Canonical
	if err := s.d.Codec.Unmarshal(data, &ce); err != nil {
		return nil, fmt.Errorf("canonical event %s: decode: %w", id, err)
	}
	type mentionKey struct {
		doc string
		idx int
	}
	type docInfo struct{ title, url, text string }
	info := map[mentionKey]docInfo{}
	var docIDs []any
	seen := map[string]bool{}
	for _, m := range ce.Mentions {
		if !seen[m.DocID] {
			seen[m.DocID] = true
			docIDs = append(docIDs, s.d.clean(m.DocID))
		}
	}
	// The reports' documents, found by id (events.canonical has no index),
	// a few hundred at a time to stay under the drivers' argument limits.
	for len(docIDs) > 0 {
		chunk := docIDs[:min(len(docIDs), 500)]
		docIDs = docIDs[len(chunk):]
		rows, err := s.query(ctx, `SELECT d.id, e.idx, d.title, d.url, COALESCE((SELECT `+s.d.SentenceText+`
			FROM sentences s WHERE s.doc = e.doc AND s.i = e.sentence), '')
			FROM documents d JOIN events e ON e.doc = d.pk
			WHERE d.id IN (?`+strings.Repeat(", ?", len(chunk)-1)+`) AND e.canonical = ?`, append(chunk, s.d.clean(id))...)
		if err != nil {
			return nil, fmt.Errorf("canonical event %s: read mentions: %w", id, err)
		}
		for rows.Next() {
			var k mentionKey
			var in docInfo
			if err := rows.Scan(&k.doc, &k.idx, &in.title, &in.url, &in.text); err != nil {
				rows.Close()
				return nil, fmt.Errorf("canonical event %s: read mentions: %w", id, err)
			}
			info[k] = in
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("canonical event %s: read mentions: %w", id, err)
		}
	}
	rec := canonicalRecord(&ce, day, firstSeen)
	rec.Mentions = make([]chronicle.CanonicalMention, len(ce.Mentions))
	for i, m := range ce.Mentions {
		in := info[mentionKey{m.DocID, m.Event}]
		rec.Mentions[i] = chronicle.CanonicalMention{
			DocID: m.DocID, DocURL: m.URL, DocTitle: in.title, DocDate: m.DocDate, Site: m.Site,
			EventID: m.EventID, Event: m.Event, Sentence: m.Sentence, Start: m.Start, End: m.End, Text: in.text,
			CAMEO: m.CAMEO, Date: m.Date, Place: m.Place, Factuality: m.Factuality,
		}
		if rec.Mentions[i].DocURL == "" {
			rec.Mentions[i].DocURL = in.url
		}
	}
	return &rec, nil
}
