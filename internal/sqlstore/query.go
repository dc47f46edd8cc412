package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
)

// where collects SQL conditions and their bound arguments. User input only
// ever reaches SQL as bound arguments.
type where struct {
	conds []string
	args  []any
}

// add appends a condition whose '?' placeholders take args.
func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// sql returns the conditions joined by AND, or the dialect's true.
func (w *where) sql(d *Dialect) string {
	if len(w.conds) == 0 {
		return d.True
	}
	return strings.Join(w.conds, " AND ")
}

// eventConds adds the conditions on events (alias e) of q, except the cursor.
func eventConds(d *Dialect, w *where, q *query) {
	if q.actorCode != "" {
		hi := upperBound(q.actorCode)
		w.add(`((e.src_code >= ? AND e.src_code < ?) OR (e.tgt_code >= ? AND e.tgt_code < ?))`, q.actorCode, hi, q.actorCode, hi)
	}
	if q.actorName != "" {
		p := "%" + likeEscape(q.actorName) + "%"
		w.add(`(lower(e.src_name) LIKE ? ESCAPE '\' OR lower(e.tgt_name) LIKE ? ESCAPE '\' OR lower(e.src_text) LIKE ? ESCAPE '\' OR lower(e.tgt_text) LIKE ? ESCAPE '\')`, p, p, p, p)
	}
	if q.Type != "" {
		w.add(`e.plover = ?`, q.Type)
	}
	if q.CAMEO != "" {
		w.add(`e.cameo >= ? AND e.cameo < ?`, q.CAMEO, upperBound(q.CAMEO))
	}
	if q.Country != "" {
		w.add(`(e.src_country = ? OR e.tgt_country = ? OR e.loc_country = ?)`, q.Country, q.Country, q.Country)
	}
	if q.Since != "" {
		w.add(`e.day >= ?`, q.Since)
	}
	if q.Until != "" {
		w.add(`e.day <= ?`, q.Until)
	}
	if q.Factuality != "" {
		w.add(`e.factuality = ?`, q.Factuality)
	}
	if len(q.ftsTerms) > 0 {
		w.add(d.EventText, d.TextQuery(q.ftsTerms))
	}
	if q.Story != "" {
		w.add(`e.doc IN (SELECT pk FROM documents WHERE story = ?)`, q.Story)
	}
	if q.Document != "" {
		w.add(`e.doc = (SELECT pk FROM documents WHERE id = ?)`, q.Document)
	}
}

// hasEventConds reports whether q filters on event fields.
func hasEventConds(q *query) bool {
	return q.actorCode != "" || q.actorName != "" || q.Type != "" || q.CAMEO != "" || q.Country != "" || q.Factuality != ""
}

// Events returns stored events matching f, newest first (by the event's
// day, else its document's date), and the cursor of the next page.
func (s *Store) Events(ctx context.Context, f chronicle.Filter) ([]chronicle.EventRecord, string, error) {
	q, err := parseFilter("events", f)
	if err != nil {
		return nil, "", err
	}
	var w where
	eventConds(s.d, &w, q)
	if q.cursor.Kind != "" {
		w.add(`(e.day, e.pk) < (?, ?)`, q.cursor.Key, q.cursor.PK)
	}
	w.args = append(w.args, q.Limit+1)
	query := `SELECT e.pk, e.day, e.data, e.canonical, d.id, d.date, d.url, d.title,
		COALESCE((SELECT ` + s.d.SentenceText + `
			FROM sentences s WHERE s.doc = e.doc AND s.i = e.sentence), ''),
		COALESCE(c.num_mentions, 0), COALESCE(c.num_sources, 0), COALESCE(c.num_articles, 0)
		FROM (SELECT e.pk FROM events e WHERE ` + w.sql(s.d) + ` ORDER BY e.day DESC, e.pk DESC LIMIT ?) p
		JOIN events e ON e.pk = p.pk JOIN documents d ON d.pk = e.doc
		LEFT JOIN canonical_events c ON c.id = e.canonical
		ORDER BY e.day DESC, e.pk DESC`
	rows, err := s.query(ctx, query, w.args...)
	if err != nil {
		return nil, "", fmt.Errorf("query events: %w", err)
	}
	defer rows.Close()
	var out []chronicle.EventRecord
	var last cursor
	for rows.Next() {
		var r chronicle.EventRecord
		var data []byte
		var c cursor
		if err := rows.Scan(&c.PK, &c.Key, &data, &r.CanonicalID, &r.DocID, &r.DocDate, &r.DocURL, &r.DocTitle, &r.Sentence,
			&r.NumMentions, &r.NumSources, &r.NumArticles); err != nil {
			return nil, "", fmt.Errorf("query events: %w", err)
		}
		if err := s.d.Codec.Unmarshal(data, &r.Event); err != nil {
			return nil, "", fmt.Errorf("query events: decode event: %w", err)
		}
		if len(out) == q.Limit {
			return out, last.encode(), rows.Err()
		}
		c.Kind = "events"
		last = c
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("query events: %w", err)
	}
	return out, "", nil
}

// docConds adds conditions on documents (alias d) of q, including event
// conditions as "has a matching event".
func docConds(w *where, q *query, dateCol string) {
	if q.Since != "" {
		w.add(dateCol+` >= ?`, q.Since)
	}
	if q.Until != "" {
		w.add(dateCol+` <= ?`, q.Until)
	}
	if q.Story != "" {
		w.add(`d.story = ?`, q.Story)
	}
	if q.Document != "" {
		w.add(`d.id = ?`, q.Document)
	}
}

// docEventConds adds the event conditions of q (actor, type, cameo,
// country, factuality) on documents (alias d) as "has a matching event".
func docEventConds(d *Dialect, w *where, q *query) {
	if !hasEventConds(q) {
		return
	}
	var ew where
	eq := *q
	eq.Since, eq.Until, eq.Story, eq.Document, eq.ftsTerms = "", "", "", "", nil
	eventConds(d, &ew, &eq)
	w.add(`EXISTS (SELECT 1 FROM events e WHERE e.doc = d.pk AND `+ew.sql(d)+`)`, ew.args...)
}

// Quotes returns stored quotes matching f, most recently stored first. The
// filters used are actor (the speaker), country (the speaker's), since and
// until (the document's date), text (full-text over the quote), story and
// document.
func (s *Store) Quotes(ctx context.Context, f chronicle.Filter) ([]chronicle.QuoteRecord, string, error) {
	q, err := parseFilter("quotes", f)
	if err != nil {
		return nil, "", err
	}
	var w where
	if q.actorCode != "" {
		w.add(`x.speaker_code >= ? AND x.speaker_code < ?`, q.actorCode, upperBound(q.actorCode))
	}
	if q.actorName != "" {
		p := "%" + likeEscape(q.actorName) + "%"
		w.add(`(lower(x.speaker_name) LIKE ? ESCAPE '\' OR lower(x.speaker_text) LIKE ? ESCAPE '\')`, p, p)
	}
	if q.Country != "" {
		w.add(`x.speaker_country = ?`, q.Country)
	}
	if len(q.ftsTerms) > 0 {
		w.add(s.d.QuoteText, s.d.TextQuery(q.ftsTerms))
	}
	docConds(&w, q, "d.date")
	var out []chronicle.QuoteRecord
	next, err := s.listByPK(ctx, "quotes", q, &w, func(data []byte, docID, docDate, docURL string) error {
		r := chronicle.QuoteRecord{DocID: docID, DocDate: docDate, DocURL: docURL}
		if err := s.d.Codec.Unmarshal(data, &r.Quote); err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	return out, next, err
}

// Claims returns stored claims matching f, most recently stored first. The
// filters used are actor (the claim's subject), country (the subject's),
// since and until (the document's date), text (words of the claim), story
// and document.
func (s *Store) Claims(ctx context.Context, f chronicle.Filter) ([]chronicle.ClaimRecord, string, error) {
	q, err := parseFilter("claims", f)
	if err != nil {
		return nil, "", err
	}
	var w where
	if q.actorCode != "" {
		w.add(`x.subject_code >= ? AND x.subject_code < ?`, q.actorCode, upperBound(q.actorCode))
	}
	if q.actorName != "" {
		w.add(`lower(x.subject_text) LIKE ? ESCAPE '\'`, "%"+likeEscape(q.actorName)+"%")
	}
	if q.Country != "" {
		w.add(`x.subject_country = ?`, q.Country)
	}
	for _, t := range q.ftsTerms {
		w.add(`lower(x.text) LIKE ? ESCAPE '\'`, "%"+likeEscape(t)+"%")
	}
	docConds(&w, q, "d.date")
	var out []chronicle.ClaimRecord
	next, err := s.listByPK(ctx, "claims", q, &w, func(data []byte, docID, docDate, docURL string) error {
		r := chronicle.ClaimRecord{DocID: docID, DocDate: docDate, DocURL: docURL}
		if err := s.d.Codec.Unmarshal(data, &r.Claim); err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	return out, next, err
}

// listByPK pages through quotes or claims (alias x, joined to documents d)
// by descending primary key.
func (s *Store) listByPK(ctx context.Context, table string, q *query, w *where, add func(data []byte, docID, docDate, docURL string) error) (string, error) {
	if q.cursor.Kind != "" {
		w.add(`x.pk < ?`, q.cursor.PK)
	}
	w.args = append(w.args, q.Limit+1)
	rows, err := s.query(ctx, `SELECT x.pk, x.data, d.id, d.date, d.url FROM `+table+` x JOIN documents d ON d.pk = x.doc
		WHERE `+w.sql(s.d)+` ORDER BY x.pk DESC LIMIT ?`, w.args...)
	if err != nil {
		return "", fmt.Errorf("query %s: %w", table, err)
	}
	defer rows.Close()
	n := 0
	var last int64
	for rows.Next() {
		var pk int64
		var data []byte
		var id, date, url string
		if err := rows.Scan(&pk, &data, &id, &date, &url); err != nil {
			return "", fmt.Errorf("query %s: %w", table, err)
		}
		if n == q.Limit {
			return cursor{Kind: table, PK: last}.encode(), nil
		}
		if err := add(data, id, date, url); err != nil {
			return "", fmt.Errorf("query %s: decode: %w", table, err)
		}
		last = pk
		n++
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("query %s: %w", table, err)
	}
	return "", nil
}

// Documents returns summaries of stored documents matching f, newest first.
// Event filters (actor, type, cameo, country, factuality) select documents
// with at least one matching event; text is full-text over title and text,
// and fills each summary's snippet.
func (s *Store) Documents(ctx context.Context, f chronicle.Filter) ([]chronicle.DocumentSummary, string, error) {
	q, err := parseFilter("documents", f)
	if err != nil {
		return nil, "", err
	}
	var w where
	docConds(&w, q, "d.date")
	docEventConds(s.d, &w, q)
	snippet := `''`
	var snipArgs []any
	if len(q.ftsTerms) > 0 {
		fq := s.d.TextQuery(q.ftsTerms)
		w.add(s.d.DocumentText, fq)
		snippet = s.d.Snippet
		snipArgs = []any{fq}
	}
	if q.cursor.Kind != "" {
		w.add(`(d.date, d.pk) < (?, ?)`, q.cursor.Key, q.cursor.PK)
	}
	args := append(snipArgs, w.args...)
	args = append(args, q.Limit+1)
	rows, err := s.query(ctx, `SELECT d.pk, d.id, d.url, d.title, d.date, d.source, d.story, d.n_events, d.n_quotes, d.n_claims, d.ingested, `+snippet+`
		FROM documents d WHERE `+w.sql(s.d)+` ORDER BY d.date DESC, d.pk DESC LIMIT ?`, args...)
	if err != nil {
		return nil, "", fmt.Errorf("query documents: %w", err)
	}
	defer rows.Close()
	var out []chronicle.DocumentSummary
	var last cursor
	for rows.Next() {
		var r chronicle.DocumentSummary
		var pk int64
		var ingested string
		if err := rows.Scan(&pk, &r.ID, &r.URL, &r.Title, &r.Date, &r.Source, &r.Story, &r.Events, &r.Quotes, &r.Claims, &ingested, &r.Snippet); err != nil {
			return nil, "", fmt.Errorf("query documents: %w", err)
		}
		if len(out) == q.Limit {
			return out, last.encode(), rows.Err()
		}
		r.Ingested, _ = time.Parse(time.RFC3339Nano, ingested)
		last = cursor{Kind: "documents", Key: r.Date, PK: pk}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("query documents: %w", err)
	}
	return out, "", nil
}

// DocumentTexts calls fn with the id, date, story and text of every stored
// document, in commit (primary key) order, without reading annotations: the
// ingest seeds its story index with it.
func (s *Store) DocumentTexts(ctx context.Context, fn func(id, date, story, text string) error) error {
	rows, err := s.query(ctx, `SELECT id, date, story, text FROM documents ORDER BY pk`)
	if err != nil {
		return fmt.Errorf("document texts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, date, story, text string
		if err := rows.Scan(&id, &date, &story, &text); err != nil {
			return fmt.Errorf("document texts: %w", err)
		}
		if err := fn(id, date, story, text); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("document texts: %w", err)
	}
	return nil
}
