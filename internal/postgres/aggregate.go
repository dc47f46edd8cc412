package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

// maxPartners is how many top partners each actor summary lists.
const maxPartners = 5

// filtered returns a subquery of the events matching q (without the
// cursor) and its arguments.
func filtered(q *query) (string, []any) {
	var w where
	eventConds(&w, q)
	return `SELECT * FROM events e WHERE ` + w.sql(), w.args
}

// Actors returns the actors of the matching events, most active first, with
// their counts as source and target, their quotes and their top partners.
func (s *Store) Actors(ctx context.Context, f chronicle.Filter) ([]chronicle.ActorSummary, string, error) {
	q, err := parseFilter("actors", f)
	if err != nil {
		return nil, "", err
	}
	sub, args := filtered(q)
	args = append(args, q.Limit+1, q.cursor.Offset)
	query := `WITH f AS (` + sub + `),
		roles AS (
			SELECT src_code AS code, src_name AS name, src_country AS country, 1 AS s, 0 AS t FROM f WHERE src_code <> ''
			UNION ALL
			SELECT tgt_code, tgt_name, tgt_country, 0, 1 FROM f WHERE tgt_code <> '')
		SELECT code, MAX(name), MAX(country), COUNT(*), SUM(s), SUM(t) FROM roles
		GROUP BY code ORDER BY COUNT(*) DESC, code LIMIT ? OFFSET ?`
	if unfiltered(q) {
		// The running counts answer without a scan of the events.
		query = `SELECT code, name, country, as_source + as_target, as_source, as_target FROM actors
			WHERE as_source + as_target > 0 ORDER BY as_source + as_target DESC, code LIMIT ? OFFSET ?`
		args = []any{q.Limit + 1, q.cursor.Offset}
	}
	rows, err := s.db.QueryContext(ctx, rebind(query), args...)
	if err != nil {
		return nil, "", fmt.Errorf("query actors: %w", err)
	}
	var out []chronicle.ActorSummary
	for rows.Next() {
		var a chronicle.ActorSummary
		if err := rows.Scan(&a.Code, &a.Name, &a.Country, &a.Events, &a.AsSource, &a.AsTarget); err != nil {
			rows.Close()
			return nil, "", fmt.Errorf("query actors: %w", err)
		}
		out = append(out, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("query actors: %w", err)
	}
	next := ""
	if len(out) > q.Limit {
		out = out[:q.Limit]
		next = cursor{Kind: "actors", Offset: q.cursor.Offset + q.Limit}.encode()
	}
	if len(out) == 0 {
		return out, next, nil
	}
	index := map[string]int{}
	codes := make([]any, len(out))
	marks := make([]string, len(out))
	for i, a := range out {
		index[a.Code] = i
		codes[i] = a.Code
		marks[i] = "?"
	}
	in := strings.Join(marks, ",")
	// Quotes by each actor.
	qargs := append([]any{}, codes...)
	qw := ""
	if q.Document != "" {
		qw = ` AND doc = (SELECT pk FROM documents WHERE id = ?)`
		qargs = append(qargs, q.Document)
	}
	rows, err = s.db.QueryContext(ctx, rebind(`SELECT speaker_code, COUNT(*) FROM quotes WHERE speaker_code IN (`+in+`)`+qw+` GROUP BY speaker_code`), qargs...)
	if err != nil {
		return nil, "", fmt.Errorf("query actor quotes: %w", err)
	}
	for rows.Next() {
		var code string
		var n int
		if err := rows.Scan(&code, &n); err != nil {
			rows.Close()
			return nil, "", fmt.Errorf("query actor quotes: %w", err)
		}
		out[index[code]].Quotes = n
	}
	rows.Close()
	// Top partners of each actor.
	pargs := append(append(append([]any{}, args[:len(args)-2]...), codes...), maxPartners)
	partners := `WITH f AS (` + sub + `),
		pairs AS (
			SELECT src_code AS a, tgt_code AS b, tgt_name AS name FROM f WHERE src_code <> '' AND tgt_code <> ''
			UNION ALL
			SELECT tgt_code, src_code, src_name FROM f WHERE src_code <> '' AND tgt_code <> ''),
		counted AS (
			SELECT a, b, MAX(name) AS name, COUNT(*) AS n FROM pairs WHERE a IN (` + in + `) GROUP BY a, b),
		ranked AS (
			SELECT a, b, name, n, ROW_NUMBER() OVER (PARTITION BY a ORDER BY n DESC, b) AS r FROM counted)
		SELECT a, b, name, n FROM ranked WHERE r <= ? ORDER BY a, r`
	if unfiltered(q) {
		partners = `WITH p AS (
				SELECT source AS a, target AS b, events AS n FROM actor_pairs WHERE source IN (` + in + `)
				UNION ALL
				SELECT target, source, events FROM actor_pairs WHERE target IN (` + in + `)),
			counted AS (
				SELECT p.a, p.b, COALESCE(MAX(ac.name), '') AS name, CAST(SUM(p.n) AS BIGINT) AS n FROM p LEFT JOIN actors ac ON ac.code = p.b GROUP BY p.a, p.b),
			ranked AS (
				SELECT a, b, name, n, ROW_NUMBER() OVER (PARTITION BY a ORDER BY n DESC, b) AS r FROM counted)
			SELECT a, b, name, n FROM ranked WHERE r <= ? ORDER BY a, r`
		pargs = append(append(append([]any{}, codes...), codes...), maxPartners)
	}
	rows, err = s.db.QueryContext(ctx, rebind(partners), pargs...)
	if err != nil {
		return nil, "", fmt.Errorf("query actor partners: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a string
		var p chronicle.PartnerCount
		if err := rows.Scan(&a, &p.Code, &p.Name, &p.Events); err != nil {
			return nil, "", fmt.Errorf("query actor partners: %w", err)
		}
		out[index[a]].Partners = append(out[index[a]].Partners, p)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("query actor partners: %w", err)
	}
	return out, next, nil
}

// Stories returns story clusters, most recently seen first. Filters: story,
// since and until (document dates), text, and event filters (stories with a
// matching event).
func (s *Store) Stories(ctx context.Context, f chronicle.Filter) ([]chronicle.StorySummary, string, error) {
	q, err := parseFilter("stories", f)
	if err != nil {
		return nil, "", err
	}
	var w where
	w.add(`d.story <> ''`)
	docConds(&w, q, "d.date")
	if hasEventConds(q) {
		var ew where
		eq := *q
		eq.Since, eq.Until, eq.Story, eq.Document, eq.ftsTerms = "", "", "", "", nil
		eventConds(&ew, &eq)
		w.add(`EXISTS (SELECT 1 FROM events e WHERE e.doc = d.pk AND `+ew.sql()+`)`, ew.args...)
	}
	if len(q.ftsTerms) > 0 {
		w.add(`d.tsv @@ plainto_tsquery('simple', ?)`, tsQuery(q.ftsTerms))
	}
	args := append(w.args, q.Limit+1, q.cursor.Offset)
	rows, err := s.db.QueryContext(ctx, rebind(`SELECT d.story, COALESCE(MAX(st.title), ''), MIN(d.date), MAX(d.date), COUNT(*), SUM(d.n_events), string_agg(d.id, chr(31) ORDER BY d.date, d.pk)
		FROM documents d LEFT JOIN stories st ON st.id = d.story WHERE `+w.sql()+`
		GROUP BY d.story ORDER BY MAX(d.date) DESC, d.story LIMIT ? OFFSET ?`), args...)
	if err != nil {
		return nil, "", fmt.Errorf("query stories: %w", err)
	}
	defer rows.Close()
	var out []chronicle.StorySummary
	for rows.Next() {
		var st chronicle.StorySummary
		var ids string
		if err := rows.Scan(&st.ID, &st.Title, &st.FirstSeen, &st.LastSeen, &st.Documents, &st.Events, &ids); err != nil {
			return nil, "", fmt.Errorf("query stories: %w", err)
		}
		st.DocIDs = strings.Split(ids, "\x1f")
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("query stories: %w", err)
	}
	next := ""
	if len(out) > q.Limit {
		out = out[:q.Limit]
		next = cursor{Kind: "stories", Offset: q.cursor.Offset + q.Limit}.encode()
	}
	return out, next, nil
}

// Timeline counts matching events per day or week (the Monday starting it)
// and per PLOVER type or quad class, oldest bucket first.
func (s *Store) Timeline(ctx context.Context, f chronicle.Filter, bucket, group string) ([]chronicle.TimelinePoint, error) {
	bucket, group, err := validTimeline(bucket, group)
	if err != nil {
		return nil, err
	}
	f.Limit, f.Cursor = 0, ""
	q, err := parseFilter("timeline", f)
	if err != nil {
		return nil, err
	}
	sub, args := filtered(q)
	b := `day`
	if bucket == "week" {
		b = `to_char(date_trunc('week', day::date), 'YYYY-MM-DD')`
	}
	g := `plover`
	if group == "quad" {
		g = `CAST(quad AS TEXT)`
	}
	rows, err := s.db.QueryContext(ctx, rebind(`SELECT `+b+` AS bucket, `+g+` AS grp, COUNT(*) FROM (`+sub+`) f WHERE day <> ''
		GROUP BY bucket, grp ORDER BY bucket, grp`), args...)
	if err != nil {
		return nil, fmt.Errorf("query timeline: %w", err)
	}
	defer rows.Close()
	var out []chronicle.TimelinePoint
	for rows.Next() {
		var p chronicle.TimelinePoint
		if err := rows.Scan(&p.Bucket, &p.Group, &p.Events); err != nil {
			return nil, fmt.Errorf("query timeline: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query timeline: %w", err)
	}
	return out, nil
}

// Network returns the weighted who-to-whom edges of the matching events,
// heaviest first, at most f.Limit of them.
func (s *Store) Network(ctx context.Context, f chronicle.Filter) ([]chronicle.NetworkEdge, error) {
	f.Cursor = ""
	q, err := parseFilter("network", f)
	if err != nil {
		return nil, err
	}
	sub, args := filtered(q)
	args = append(args, q.Limit)
	if unfiltered(q) {
		sub = `SELECT p.source AS src_code, p.target AS tgt_code, COALESCE(a1.name, '') AS src_name, COALESCE(a2.name, '') AS tgt_name,
			p.events AS events, p.goldstein_sum / p.events AS goldstein FROM actor_pairs p
			LEFT JOIN actors a1 ON a1.code = p.source LEFT JOIN actors a2 ON a2.code = p.target`
		rows, err := s.db.QueryContext(ctx, rebind(`SELECT src_code, tgt_code, src_name, tgt_name, events, goldstein FROM (`+sub+`) f
			ORDER BY events DESC, src_code, tgt_code LIMIT ?`), q.Limit)
		return scanEdges(rows, err)
	}
	rows, err := s.db.QueryContext(ctx, rebind(`SELECT src_code, tgt_code, MAX(src_name), MAX(tgt_name), COUNT(*), AVG(goldstein)
		FROM (`+sub+`) f WHERE src_code <> '' AND tgt_code <> ''
		GROUP BY src_code, tgt_code ORDER BY COUNT(*) DESC, src_code, tgt_code LIMIT ?`), args...)
	return scanEdges(rows, err)
}

// Places counts matching events per location, most frequent first, at most
// f.Limit of them.
func (s *Store) Places(ctx context.Context, f chronicle.Filter) ([]chronicle.PlaceCount, error) {
	f.Cursor = ""
	q, err := parseFilter("places", f)
	if err != nil {
		return nil, err
	}
	sub, args := filtered(q)
	args = append(args, q.Limit)
	rows, err := s.db.QueryContext(ctx, rebind(`SELECT loc_name, loc_country, AVG(loc_lat), AVG(loc_lon), COUNT(*)
		FROM (`+sub+`) f WHERE loc_name <> '' AND loc_lat IS NOT NULL
		GROUP BY loc_name, loc_country ORDER BY COUNT(*) DESC, loc_name, loc_country LIMIT ?`), args...)
	if err != nil {
		return nil, fmt.Errorf("query places: %w", err)
	}
	defer rows.Close()
	var out []chronicle.PlaceCount
	for rows.Next() {
		var p chronicle.PlaceCount
		if err := rows.Scan(&p.Name, &p.Country, &p.Lat, &p.Lon, &p.Events); err != nil {
			return nil, fmt.Errorf("query places: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query places: %w", err)
	}
	return out, nil
}

// scanEdges reads network edges.
func scanEdges(rows *sql.Rows, err error) ([]chronicle.NetworkEdge, error) {
	if err != nil {
		return nil, fmt.Errorf("query network: %w", err)
	}
	defer rows.Close()
	var out []chronicle.NetworkEdge
	for rows.Next() {
		var e chronicle.NetworkEdge
		if err := rows.Scan(&e.Source, &e.Target, &e.SourceName, &e.TargetName, &e.Events, &e.Goldstein); err != nil {
			return nil, fmt.Errorf("query network: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("query network: %w", err)
	}
	return out, nil
}

// unfiltered reports whether q selects every event, so that the running
// actor and pair counts answer it.
func unfiltered(q *query) bool {
	return !hasEventConds(q) && q.Since == "" && q.Until == "" && len(q.ftsTerms) == 0 && q.Story == "" && q.Document == ""
}
