package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/story"
)

// PutDocument stores a coded document in one transaction. It reports false,
// and changes nothing, when a document with the same id is already stored.
func (s *Store) PutDocument(ctx context.Context, doc *chronicle.Document) (bool, error) {
	n, err := s.PutDocuments(ctx, []*chronicle.Document{doc})
	return n == 1, err
}

// PutDocuments stores several documents in one transaction (a bulk path for
// ingest and benchmarks) and returns how many were new. Documents already
// stored are skipped. On error nothing is stored.
func (s *Store) PutDocuments(ctx context.Context, docs []*chronicle.Document) (int, error) {
	ps := make([]*prepared, len(docs))
	for i, doc := range docs {
		p, err := s.prepare(doc)
		if err != nil {
			return 0, err
		}
		ps[i] = p
	}
	return s.putPrepared(ctx, ps)
}

// prepared is a document with its blobs encoded (chronicle.PreparedDocument).
type prepared struct {
	doc                    *chronicle.Document
	blob                   []byte
	events, quotes, claims [][]byte
}

// Document returns the prepared document.
func (p *prepared) Document() *chronicle.Document { return p.doc }

// PrepareDocument encodes a document's blobs for PutPrepared, on the
// caller's goroutine.
func (s *Store) PrepareDocument(doc *chronicle.Document) (chronicle.PreparedDocument, error) {
	p, err := s.prepare(doc)
	if err != nil {
		return nil, err
	}
	return p, nil
}

func (s *Store) prepare(doc *chronicle.Document) (*prepared, error) {
	if err := checkDocument(doc); err != nil {
		return nil, err
	}
	p := &prepared{doc: doc}
	var err error
	if p.blob, err = docBlob(s.d, doc); err != nil {
		return nil, fmt.Errorf("put document %s: encode: %w", doc.ID, err)
	}
	p.events = make([][]byte, len(doc.Events))
	for i := range doc.Events {
		if p.events[i], err = s.d.Codec.Marshal(&doc.Events[i]); err != nil {
			return nil, fmt.Errorf("put document %s: encode event %d: %w", doc.ID, i, err)
		}
	}
	p.quotes = make([][]byte, len(doc.Quotes))
	for i := range doc.Quotes {
		if p.quotes[i], err = s.d.Codec.Marshal(&doc.Quotes[i]); err != nil {
			return nil, fmt.Errorf("put document %s: encode quote %d: %w", doc.ID, i, err)
		}
	}
	p.claims = make([][]byte, len(doc.Claims))
	for i := range doc.Claims {
		if p.claims[i], err = s.d.Codec.Marshal(&doc.Claims[i]); err != nil {
			return nil, fmt.Errorf("put document %s: encode claim %d: %w", doc.ID, i, err)
		}
	}
	return p, nil
}

// PutPrepared stores documents prepared by PrepareDocument in one
// transaction, like PutDocuments.
func (s *Store) PutPrepared(ctx context.Context, docs []chronicle.PreparedDocument) (int, error) {
	ps := make([]*prepared, len(docs))
	for i, d := range docs {
		p, ok := d.(*prepared)
		if !ok || p == nil {
			return 0, chronicle.Errorf(chronicle.EInvalid, "put document: %T was not prepared by this store", d)
		}
		ps[i] = p
	}
	return s.putPrepared(ctx, ps)
}

func (s *Store) putPrepared(ctx context.Context, ps []*prepared) (int, error) {
	// One write at a time: the merger is shared, and must see the
	// documents in the order they are committed.
	s.canon.mu.Lock()
	defer s.canon.mu.Unlock()
	added, err := s.putDocuments(ctx, ps)
	if err != nil {
		// The merger may hold documents that were not stored.
		s.canon.reset()
		return 0, err
	}
	return added, nil
}

// putDocuments runs the write transaction of PutDocuments: the documents,
// their events with the ids of their canonical events, and every canonical
// event they changed.
func (s *Store) putDocuments(ctx context.Context, docs []*prepared) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("put document: begin: %w", err)
	}
	defer tx.Rollback()
	if s.d.WriteLock != "" {
		if _, err := tx.ExecContext(ctx, s.d.WriteLock); err != nil {
			return 0, fmt.Errorf("put document: lock: %w", err)
		}
	}
	w, err := prepareWriter(ctx, tx, s.d)
	if err != nil {
		return 0, err
	}
	defer w.close()
	if err := s.catchUp(ctx, w); err != nil {
		return 0, fmt.Errorf("put document: %w", err)
	}
	t := s.Now().UTC()
	now := t.Format(time.RFC3339Nano)
	added := 0
	var lastPK int64
	for _, p := range docs {
		pk, ok, err := w.put(ctx, p, now, s.canon.m)
		if err != nil {
			return 0, fmt.Errorf("put document %s: %w", p.doc.ID, err)
		}
		if ok {
			added++
			lastPK = max(lastPK, pk)
		}
	}
	if err := w.upsertCanonical(ctx, s.canon.m, t.Format("2006-01-02")); err != nil {
		return 0, fmt.Errorf("put document: %w", err)
	}
	s.canon.m.Release()
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("put document: commit: %w", err)
	}
	s.canon.lastPK = max(s.canon.lastPK, lastPK)
	return added, nil
}

// checkDocument rejects documents the store cannot hold.
func checkDocument(doc *chronicle.Document) error {
	switch {
	case doc == nil:
		return chronicle.Errorf(chronicle.EInvalid, "put document: nil document")
	case doc.ID == "":
		return chronicle.Errorf(chronicle.EInvalid, "put document: empty document id")
	case len(doc.ID) > 4096:
		return chronicle.Errorf(chronicle.EInvalid, "put document: id longer than 4096 bytes")
	}
	return nil
}

// writer holds the statements of one write transaction.
type writer struct {
	tx                                                 *sql.Tx
	d                                                  *Dialect
	doc, fts, story, sent, ent, ev, quote, qfts, claim *sql.Stmt
	mention, actor, pair, canon, setCanon              *sql.Stmt
	// touched are the canonical events the transaction changed.
	touched idSet
}

// prepareWriter prepares the statements of a write transaction.
func prepareWriter(ctx context.Context, tx *sql.Tx, d *Dialect) (*writer, error) {
	w := &writer{tx: tx, d: d}
	returning := ""
	if d.Returning {
		returning = " RETURNING pk"
	}
	for _, p := range []struct {
		st  **sql.Stmt
		sql string
	}{
		{&w.doc, d.InsertDocument},
		{&w.fts, d.IndexDocument},
		{&w.story, `INSERT INTO stories (id, title) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`},
		{&w.sent, d.InsertSentence},
		{&w.ent, `INSERT INTO entities (doc, sentence, span_start, span_end, text, type, name, code, country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.ev, `INSERT INTO events (doc, id, idx, sentence, span_start, span_end, plover, mode, cameo, quad, goldstein,
			src_text, src_name, src_code, src_country, tgt_text, tgt_name, tgt_code, tgt_country,
			date, day, loc_name, loc_country, loc_lat, loc_lon, factuality, confidence, rule, canonical, data)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)` + returning},
		{&w.quote, d.InsertQuote},
		{&w.qfts, d.IndexQuote},
		{&w.claim, `INSERT INTO claims (doc, idx, sentence, span_start, span_end, text, q_low, q_high, q_approx, q_unit, trend, comparison,
			subject_text, subject_code, subject_country, time, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.mention, `INSERT INTO event_mentions (event, sentence, span_start, span_end) VALUES (?, ?, ?, ?)`},
		{&w.actor, `INSERT INTO actors (code, name, country, as_source, as_target, quotes) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (code) DO UPDATE SET as_source = actors.as_source + excluded.as_source,
			as_target = actors.as_target + excluded.as_target, quotes = actors.quotes + excluded.quotes,
			name = CASE WHEN actors.name = '' THEN excluded.name ELSE actors.name END,
			country = CASE WHEN actors.country = '' THEN excluded.country ELSE actors.country END`},
		{&w.pair, `INSERT INTO actor_pairs (source, target, events, goldstein_sum) VALUES (?, ?, 1, ?)
			ON CONFLICT (source, target) DO UPDATE SET events = actor_pairs.events + 1,
			goldstein_sum = actor_pairs.goldstein_sum + excluded.goldstein_sum`},
		{&w.canon, upsertCanonicalSQL},
		{&w.setCanon, `UPDATE events SET canonical = ? WHERE doc = ? AND idx = ?`},
	} {
		if p.sql == "" {
			continue // no separate full-text index
		}
		st, err := tx.PrepareContext(ctx, d.rebind(p.sql))
		if err != nil {
			w.close()
			return nil, fmt.Errorf("put document: prepare: %w", err)
		}
		*p.st = st
	}
	return w, nil
}

// close closes the prepared statements.
func (w *writer) close() {
	for _, st := range []*sql.Stmt{w.mention, w.actor, w.pair, w.canon, w.setCanon, w.doc, w.fts, w.story, w.sent, w.ent, w.ev, w.quote, w.qfts, w.claim} {
		if st != nil {
			st.Close()
		}
	}
}

// docBlob is the document as stored in documents.doc: everything except the
// events, quotes and claims, which live (as JSON too) in their own tables,
// and the story, kept in documents.story (it is set at commit, after the
// blob may have been prepared). The text is kept in documents.text unless
// the dialect's Clean changes it.
func docBlob(d *Dialect, doc *chronicle.Document) ([]byte, error) {
	c := *doc
	c.Story = ""
	if d.clean(c.Text) == c.Text {
		c.Text = "" // kept in documents.text
	}
	if len(c.Events) > 0 {
		c.Events = nil
	}
	if len(c.Quotes) > 0 {
		c.Quotes = nil
	}
	if len(c.Claims) > 0 {
		c.Claims = nil
	}
	return d.Codec.Marshal(&c)
}

// location returns the location columns of an event: name (else the text
// as written), country, and latitude and longitude (NULL without a place).
func location(ev *chronicle.Event) (name, country string, lat, lon any) {
	if ev.Location == nil {
		return "", "", nil, nil
	}
	name = ev.Location.Name
	if name == "" {
		name = ev.Location.Text
	}
	return name, ev.Location.Country, ev.Location.Lat, ev.Location.Lon
}

// ref returns *a, or the zero ActorRef when a is nil.
func ref(a *chronicle.ActorRef) chronicle.ActorRef {
	if a == nil {
		return chronicle.ActorRef{}
	}
	return *a
}

// put writes one document and returns its pk; false when its id is already
// stored. The merger m gives its events their canonical ids.
func (w *writer) put(ctx context.Context, p *prepared, now string, m *story.Merger) (int64, bool, error) {
	doc, blob := p.doc, p.blob
	args := []any{doc.ID, doc.URL, doc.Title, doc.Date, doc.Source, doc.Story, doc.Text, now,
		len(doc.Events), len(doc.Quotes), len(doc.Claims), blob}
	if w.fts == nil {
		args = append(args, doc.Title+" "+doc.Text)
	}
	pk, ok, err := w.insert(ctx, w.doc, args...)
	if err != nil {
		return 0, false, fmt.Errorf("insert document: %w", err)
	}
	if !ok {
		return 0, false, nil
	}
	if w.fts != nil {
		if _, err := w.exec(ctx, w.fts, pk, doc.Title, doc.Text); err != nil {
			return 0, false, fmt.Errorf("index text: %w", err)
		}
	}
	if doc.Story != "" {
		if _, err := w.exec(ctx, w.story, doc.Story, doc.Title); err != nil {
			return 0, false, fmt.Errorf("insert story: %w", err)
		}
	}
	for _, st := range doc.Sentences {
		if _, err := w.exec(ctx, w.sent, pk, st.I, st.Start, st.End, st.Para); err != nil {
			return 0, false, fmt.Errorf("insert sentence %d: %w", st.I, err)
		}
	}
	for _, e := range doc.Entities {
		if _, err := w.exec(ctx, w.ent, pk, e.Sentence, e.Start, e.End, e.Text, e.Type, e.Name, e.Code, e.Country); err != nil {
			return 0, false, fmt.Errorf("insert entity: %w", err)
		}
	}
	canon, err := m.Add(doc)
	if err != nil {
		return 0, false, err
	}
	for _, id := range canon {
		w.touched.add(id)
	}
	for i := range doc.Events {
		ev := &doc.Events[i]
		data := p.events[i]
		src, tgt := ref(ev.Source), ref(ev.Target)
		locName, locCountry, lat, lon := location(ev)
		epk, _, err := w.insert(ctx, w.ev, pk, ev.ID, i, ev.Sentence, ev.Start, ev.End, ev.PLOVER, ev.Mode, ev.CAMEO, ev.Quad, ev.Goldstein,
			src.Text, src.Name, src.Code, src.Country, tgt.Text, tgt.Name, tgt.Code, tgt.Country,
			ev.Date, effectiveDay(ev.Date, doc.Date), locName, locCountry, lat, lon, ev.Factuality, ev.Confidence, ev.Rule,
			canon[i], data)
		if err != nil {
			return 0, false, fmt.Errorf("insert event %d: %w", i, err)
		}
		for _, m := range ev.Mentions {
			if _, err := w.exec(ctx, w.mention, epk, m.Sentence, m.Start, m.End); err != nil {
				return 0, false, fmt.Errorf("insert mention of event %d: %w", i, err)
			}
		}
		if err := w.countActors(ctx, ev); err != nil {
			return 0, false, fmt.Errorf("count actors of event %d: %w", i, err)
		}

	}
	for i := range doc.Quotes {
		q := &doc.Quotes[i]
		data := p.quotes[i]
		sp := ref(q.Speaker)
		if sp.Code != "" {
			if _, err := w.exec(ctx, w.actor, sp.Code, actorName(sp), sp.Country, 0, 0, 1); err != nil {
				return 0, false, fmt.Errorf("count speaker of quote %d: %w", i, err)
			}
		}
		qargs := []any{pk, i, q.Sentence, q.Start, q.End, q.Text, q.Direct, q.Cue, sp.Text, sp.Name, sp.Code, sp.Country, data}
		if w.qfts == nil {
			qargs = append(qargs, q.Text)
		}
		res, err := w.exec(ctx, w.quote, qargs...)
		if err != nil {
			return 0, false, fmt.Errorf("insert quote %d: %w", i, err)
		}
		if w.qfts != nil {
			qpk, _ := res.LastInsertId()
			if _, err := w.exec(ctx, w.qfts, qpk, q.Text); err != nil {
				return 0, false, fmt.Errorf("index quote %d: %w", i, err)
			}
		}
	}
	for i := range doc.Claims {
		c := &doc.Claims[i]
		data := p.claims[i]
		var low, high any
		var approx bool
		var unit string
		if c.Quantity != nil {
			low, high, approx, unit = c.Quantity.Low, c.Quantity.High, c.Quantity.Approx, c.Quantity.Unit
		}
		sub := ref(c.Subject)
		if _, err := w.exec(ctx, w.claim, pk, i, c.Sentence, c.Start, c.End, c.Text, low, high, approx, unit, c.Trend, c.Comparison,
			sub.Text, sub.Code, sub.Country, c.Time, data); err != nil {
			return 0, false, fmt.Errorf("insert claim %d: %w", i, err)
		}
	}
	return pk, true, nil
}

// HasDocument reports whether a document with the id is stored.
func (s *Store) HasDocument(ctx context.Context, id string) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT 1 FROM documents WHERE id = ?`), s.d.clean(id)).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("has document %s: %w", id, err)
	}
	return true, nil
}

// Document returns a stored document with all its annotations.
func (s *Store) Document(ctx context.Context, id string) (*chronicle.Document, error) {
	var pk int64
	var blob []byte
	var story, text string
	err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT pk, doc, story, text FROM documents WHERE id = ?`), s.d.clean(id)).Scan(&pk, &blob, &story, &text)
	if errors.Is(err, sql.ErrNoRows) {
		e := chronicle.Errorf(chronicle.ENotFound, "no document with id %q", id)
		e.Op = "document"
		return nil, e
	}
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", id, err)
	}
	doc := new(chronicle.Document)
	if err := s.d.Codec.Unmarshal(blob, doc); err != nil {
		return nil, fmt.Errorf("document %s: decode: %w", id, err)
	}
	doc.Story = story
	if doc.Text == "" {
		doc.Text = text
	}
	load := func(table string, add func([]byte) error) error {
		rows, err := s.query(ctx, `SELECT data FROM `+table+` WHERE doc = ? ORDER BY idx`, pk)
		if err != nil {
			return fmt.Errorf("document %s: read %s: %w", id, table, err)
		}
		defer rows.Close()
		for rows.Next() {
			var b []byte
			if err := rows.Scan(&b); err != nil {
				return fmt.Errorf("document %s: read %s: %w", id, table, err)
			}
			if err := add(b); err != nil {
				return fmt.Errorf("document %s: decode %s: %w", id, table, err)
			}
		}
		return rows.Err()
	}
	if err := load("events", func(b []byte) error {
		var ev chronicle.Event
		err := s.d.Codec.Unmarshal(b, &ev)
		doc.Events = append(doc.Events, ev)
		return err
	}); err != nil {
		return nil, err
	}
	if err := load("quotes", func(b []byte) error {
		var q chronicle.Quote
		err := s.d.Codec.Unmarshal(b, &q)
		doc.Quotes = append(doc.Quotes, q)
		return err
	}); err != nil {
		return nil, err
	}
	if err := load("claims", func(b []byte) error {
		var c chronicle.Claim
		err := s.d.Codec.Unmarshal(b, &c)
		doc.Claims = append(doc.Claims, c)
		return err
	}); err != nil {
		return nil, err
	}
	return doc, nil
}

// actorName is the name stored for an actor: its name, else its text.
func actorName(a chronicle.ActorRef) string {
	if a.Name != "" {
		return a.Name
	}
	return a.Text
}

// countActors adds an event to the running actor and pair counts.
func (w *writer) countActors(ctx context.Context, ev *chronicle.Event) error {
	src, tgt := ref(ev.Source), ref(ev.Target)
	if src.Code != "" {
		if _, err := w.exec(ctx, w.actor, src.Code, actorName(src), src.Country, 1, 0, 0); err != nil {
			return err
		}
	}
	if tgt.Code != "" {
		if _, err := w.exec(ctx, w.actor, tgt.Code, actorName(tgt), tgt.Country, 0, 1, 0); err != nil {
			return err
		}
	}
	if src.Code != "" && tgt.Code != "" {
		if _, err := w.exec(ctx, w.pair, src.Code, tgt.Code, ev.Goldstein); err != nil {
			return err
		}
	}
	return nil
}

// exec runs a prepared write statement, cleaning its string arguments.
func (w *writer) exec(ctx context.Context, st *sql.Stmt, args ...any) (sql.Result, error) {
	return st.ExecContext(ctx, w.d.cleanArgs(args...)...)
}

// insert runs a prepared insert and returns the new row's primary key, and
// false when the insert did nothing (a conflict).
func (w *writer) insert(ctx context.Context, st *sql.Stmt, args ...any) (int64, bool, error) {
	args = w.d.cleanArgs(args...)
	if w.d.Returning {
		var pk int64
		err := st.QueryRowContext(ctx, args...).Scan(&pk)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, false, nil
		}
		if err != nil {
			return 0, false, err
		}
		return pk, true, nil
	}
	res, err := st.ExecContext(ctx, args...)
	if err != nil {
		return 0, false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return 0, false, nil
	}
	pk, err := res.LastInsertId()
	if err != nil {
		return 0, false, err
	}
	return pk, true, nil
}
