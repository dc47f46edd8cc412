package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
)

// maxPartners is how many top partners each actor summary lists.
const maxPartners = 5

// filtered returns a subquery of the columns cols of the events matching q
// (without the cursor) and its arguments. Naming only the columns needed
// keeps materialised subqueries small and lets indexes cover them.
func filtered(d *Dialect, q *query, cols string) (string, []any) {
	var w where
	eventConds(d, &w, q)
	return `SELECT ` + cols + ` FROM events e WHERE ` + w.sql(d), w.args
}

// Actors returns the actors of the matching events, most active first, with
// their counts as source and target, their quotes and their top partners.
func (s *Store) Actors(ctx context.Context, f chronicle.Filter) ([]chronicle.ActorSummary, string, error) {
	q, err := parseFilter("actors", f)
	if err != nil {
		return nil, "", err
	}
	var w where
	eventConds(s.d, &w, q)
	cond := w.sql(s.d)
	// Each role is counted in its own grouped scan, which the (code, day)
	// indexes answer without reading the events.
	query := `SELECT c.code, COALESCE(ac.name, ''), COALESCE(ac.country, ''), c.n, c.s, c.t FROM (
			SELECT code, CAST(SUM(s) + SUM(t) AS BIGINT) AS n, CAST(SUM(s) AS BIGINT) AS s, CAST(SUM(t) AS BIGINT) AS t FROM (
				SELECT e.src_code AS code, COUNT(*) AS s, 0 AS t FROM events e WHERE ` + cond + ` AND e.src_code <> '' GROUP BY e.src_code
				UNION ALL
				SELECT e.tgt_code, 0, COUNT(*) FROM events e WHERE ` + cond + ` AND e.tgt_code <> '' GROUP BY e.tgt_code) r
			GROUP BY code) c
		LEFT JOIN actors ac ON ac.code = c.code ORDER BY c.n DESC, c.code LIMIT ? OFFSET ?`
	args := append(append(append([]any{}, w.args...), w.args...), q.Limit+1, q.cursor.Offset)
	if unfiltered(q) {
		// The running counts answer without a scan of the events.
		query = `SELECT code, name, country, as_source + as_target, as_source, as_target FROM actors
			WHERE as_source + as_target > 0 ORDER BY as_source + as_target DESC, code LIMIT ? OFFSET ?`
		args = []any{q.Limit + 1, q.cursor.Offset}
	}
	rows, err := s.query(ctx, query, args...)
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
	quotes := `SELECT code, quotes FROM actors WHERE code IN (` + in + `)` // the running counts
	if q.Document != "" {
		quotes = `SELECT speaker_code, COUNT(*) FROM quotes WHERE speaker_code IN (` + in + `)
			AND doc = (SELECT pk FROM documents WHERE id = ?) GROUP BY speaker_code`
		qargs = append(qargs, q.Document)
	}
	rows, err = s.query(ctx, quotes, qargs...)
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
	partners := `WITH p AS (
			SELECT e.src_code AS a, e.tgt_code AS b, COUNT(*) AS n FROM events e
			WHERE ` + cond + ` AND e.src_code IN (` + in + `) AND e.tgt_code <> '' GROUP BY e.src_code, e.tgt_code
			UNION ALL
			SELECT e.tgt_code, e.src_code, COUNT(*) FROM events e
			WHERE ` + cond + ` AND e.tgt_code IN (` + in + `) AND e.src_code <> '' GROUP BY e.tgt_code, e.src_code),
		counted AS (SELECT a, b, CAST(SUM(n) AS BIGINT) AS n FROM p GROUP BY a, b),
		ranked AS (
			SELECT a, b, n, ROW_NUMBER() OVER (PARTITION BY a ORDER BY n DESC, b) AS r FROM counted)
		SELECT r.a, r.b, COALESCE(ac.name, ''), r.n FROM ranked r LEFT JOIN actors ac ON ac.code = r.b
		WHERE r.r <= ? ORDER BY r.a, r.r`
	pargs := append(append(append(append([]any{}, w.args...), codes...), w.args...), codes...)
	pargs = append(pargs, maxPartners)
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
	rows, err = s.query(ctx, partners, pargs...)
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
	docEventConds(s.d, &w, q)
	if len(q.ftsTerms) > 0 {
		w.add(s.d.DocumentText, s.d.TextQuery(q.ftsTerms))
	}
	args := append(w.args, q.Limit+1, q.cursor.Offset)
	rows, err := s.query(ctx, `SELECT d.story, `+s.d.StoryTitle+`, MIN(d.date), MAX(d.date), COUNT(*), SUM(d.n_events), `+s.d.StoryDocIDs+`
		FROM documents d LEFT JOIN stories st ON st.id = d.story WHERE `+w.sql(s.d)+`
		GROUP BY d.story ORDER BY MAX(d.date) DESC, d.story LIMIT ? OFFSET ?`, args...)
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
	sub, args := filtered(s.d, q, "e.day, e.plover, e.quad")
	g := `plover`
	if group == "quad" {
		g = `CAST(quad AS TEXT)`
	}
	rows, err := s.query(ctx, `SELECT day, `+g+` AS grp, COUNT(*) FROM (`+sub+`) f WHERE day <> ''
		GROUP BY day, grp ORDER BY day, grp`, args...)
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
	if bucket == "week" {
		out = byWeek(out)
	}
	return out, nil
}

// byWeek merges day buckets (in day order) into weeks named by their
// Monday.
func byWeek(days []chronicle.TimelinePoint) []chronicle.TimelinePoint {
	index := map[[2]string]int{}
	var out []chronicle.TimelinePoint
	for _, p := range days {
		d, err := time.Parse("2006-01-02", p.Bucket)
		if err != nil {
			continue
		}
		p.Bucket = d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7)).Format("2006-01-02")
		k := [2]string{p.Bucket, p.Group}
		if i, ok := index[k]; ok {
			out[i].Events += p.Events
			continue
		}
		index[k] = len(out)
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Bucket != out[j].Bucket {
			return out[i].Bucket < out[j].Bucket
		}
		return out[i].Group < out[j].Group
	})
	return out
}

// Network returns the weighted who-to-whom edges of the matching events,
// heaviest first, at most f.Limit of them.
func (s *Store) Network(ctx context.Context, f chronicle.Filter) ([]chronicle.NetworkEdge, error) {
	f.Cursor = ""
	q, err := parseFilter("network", f)
	if err != nil {
		return nil, err
	}
	sub, args := filtered(s.d, q, "e.src_code, e.tgt_code, e.src_name, e.tgt_name, e.goldstein")
	args = append(args, q.Limit)
	if unfiltered(q) {
		sub = `SELECT p.source AS src_code, p.target AS tgt_code, COALESCE(a1.name, '') AS src_name, COALESCE(a2.name, '') AS tgt_name,
			p.events AS events, p.goldstein_sum / p.events AS goldstein FROM actor_pairs p
			LEFT JOIN actors a1 ON a1.code = p.source LEFT JOIN actors a2 ON a2.code = p.target`
		rows, err := s.query(ctx, `SELECT src_code, tgt_code, src_name, tgt_name, events, goldstein FROM (`+sub+`) f
			ORDER BY events DESC, src_code, tgt_code LIMIT ?`, q.Limit)
		return scanEdges(rows, err)
	}
	rows, err := s.query(ctx, `SELECT src_code, tgt_code, MAX(src_name), MAX(tgt_name), COUNT(*), AVG(goldstein)
		FROM (`+sub+`) f WHERE src_code <> '' AND tgt_code <> ''
		GROUP BY src_code, tgt_code ORDER BY COUNT(*) DESC, src_code, tgt_code LIMIT ?`, args...)
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
	sub, args := filtered(s.d, q, "e.loc_name, e.loc_country, e.loc_lat, e.loc_lon")
	args = append(args, q.Limit)
	rows, err := s.query(ctx, `SELECT loc_name, loc_country, AVG(loc_lat), AVG(loc_lon), COUNT(*)
		FROM (`+sub+`) f WHERE loc_name <> '' AND loc_lat IS NOT NULL
		GROUP BY loc_name, loc_country ORDER BY COUNT(*) DESC, loc_name, loc_country LIMIT ?`, args...)
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
