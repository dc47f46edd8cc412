package httpapi

import (
	"strconv"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func actorCols(a *chronicle.ActorRef) []string {
	if a == nil {
		return []string{"", "", ""}
	}
	return []string{a.Code, a.Name, a.Text}
}

func placeCols(p *chronicle.Place) []string {
	if p == nil {
		return []string{"", "", "", ""}
	}
	return []string{p.Name, p.Country, num(p.Lat), num(p.Lon)}
}

func eventsCSV(items any) ([]string, [][]string) {
	header := []string{"id", "doc_id", "doc_date", "date", "plover", "mode", "cameo", "quad", "goldstein",
		"source_code", "source_name", "source_text", "target_code", "target_name", "target_text",
		"location", "location_country", "lat", "lon", "factuality", "confidence", "rule", "sentence", "doc_url"}
	var rows [][]string
	for _, e := range items.([]chronicle.EventRecord) {
		row := []string{e.ID, e.DocID, e.DocDate, e.Date, e.PLOVER, e.Mode, e.CAMEO, strconv.Itoa(e.Quad), num(e.Goldstein)}
		row = append(row, actorCols(e.Source)...)
		row = append(row, actorCols(e.Target)...)
		row = append(row, placeCols(e.Location)...)
		row = append(row, e.Factuality, num(e.Confidence), e.Rule, e.Sentence, e.DocURL)
		rows = append(rows, row)
	}
	return header, rows
}

func canonicalCSV(items any) ([]string, [][]string) {
	header := []string{"id", "day", "date", "plover", "mode", "cameo", "quad", "goldstein",
		"source_code", "source_name", "source_text", "target_code", "target_name", "target_text",
		"location", "location_country", "lat", "lon", "factuality", "num_mentions", "num_sources", "num_articles", "first_seen", "conflicts"}
	var rows [][]string
	for _, e := range items.([]chronicle.CanonicalEvent) {
		row := []string{e.ID, e.Day, e.Date, e.PLOVER, e.Mode, e.CAMEO, strconv.Itoa(e.Quad), num(e.Goldstein)}
		row = append(row, actorCols(e.Source)...)
		row = append(row, actorCols(e.Target)...)
		row = append(row, placeCols(e.Location)...)
		row = append(row, e.Factuality, strconv.Itoa(e.NumMentions), strconv.Itoa(e.NumSources), strconv.Itoa(e.NumArticles),
			e.FirstSeen, strings.Join(e.Conflicts, "; "))
		rows = append(rows, row)
	}
	return header, rows
}

func quotesCSV(items any) ([]string, [][]string) {
	header := []string{"doc_id", "doc_date", "speaker_code", "speaker_name", "speaker_text", "direct", "cue", "text", "doc_url"}
	var rows [][]string
	for _, q := range items.([]chronicle.QuoteRecord) {
		row := []string{q.DocID, q.DocDate}
		row = append(row, actorCols(q.Speaker)...)
		row = append(row, strconv.FormatBool(q.Direct), q.Cue, q.Text, q.DocURL)
		rows = append(rows, row)
	}
	return header, rows
}

func claimsCSV(items any) ([]string, [][]string) {
	header := []string{"doc_id", "doc_date", "subject_code", "subject_name", "subject_text", "low", "high", "approx", "unit", "trend", "comparison", "time", "text", "doc_url"}
	var rows [][]string
	for _, c := range items.([]chronicle.ClaimRecord) {
		row := []string{c.DocID, c.DocDate}
		row = append(row, actorCols(c.Subject)...)
		if q := c.Quantity; q != nil {
			row = append(row, num(q.Low), num(q.High), strconv.FormatBool(q.Approx), q.Unit)
		} else {
			row = append(row, "", "", "", "")
		}
		row = append(row, c.Trend, c.Comparison, c.Time, c.Text, c.DocURL)
		rows = append(rows, row)
	}
	return header, rows
}

func documentsCSV(items any) ([]string, [][]string) {
	header := []string{"id", "url", "title", "date", "source", "story", "events", "quotes", "claims"}
	var rows [][]string
	for _, d := range items.([]chronicle.DocumentSummary) {
		rows = append(rows, []string{d.ID, d.URL, d.Title, d.Date, d.Source, d.Story,
			strconv.Itoa(d.Events), strconv.Itoa(d.Quotes), strconv.Itoa(d.Claims)})
	}
	return header, rows
}

func actorsCSV(items any) ([]string, [][]string) {
	header := []string{"code", "name", "country", "events", "as_source", "as_target", "quotes"}
	var rows [][]string
	for _, a := range items.([]chronicle.ActorSummary) {
		rows = append(rows, []string{a.Code, a.Name, a.Country, strconv.Itoa(a.Events),
			strconv.Itoa(a.AsSource), strconv.Itoa(a.AsTarget), strconv.Itoa(a.Quotes)})
	}
	return header, rows
}

func storiesCSV(items any) ([]string, [][]string) {
	header := []string{"id", "title", "first_seen", "last_seen", "documents", "events"}
	var rows [][]string
	for _, s := range items.([]chronicle.StorySummary) {
		rows = append(rows, []string{s.ID, s.Title, s.FirstSeen, s.LastSeen, strconv.Itoa(s.Documents), strconv.Itoa(s.Events)})
	}
	return header, rows
}

func timelineCSV(items any) ([]string, [][]string) {
	header := []string{"bucket", "group", "events"}
	var rows [][]string
	for _, p := range items.([]chronicle.TimelinePoint) {
		rows = append(rows, []string{p.Bucket, p.Group, strconv.Itoa(p.Events)})
	}
	return header, rows
}

func networkCSV(items any) ([]string, [][]string) {
	header := []string{"source", "source_name", "target", "target_name", "events", "goldstein"}
	var rows [][]string
	for _, e := range items.([]chronicle.NetworkEdge) {
		rows = append(rows, []string{e.Source, e.SourceName, e.Target, e.TargetName, strconv.Itoa(e.Events), num(e.Goldstein)})
	}
	return header, rows
}

func placesCSV(items any) ([]string, [][]string) {
	header := []string{"name", "country", "lat", "lon", "events"}
	var rows [][]string
	for _, p := range items.([]chronicle.PlaceCount) {
		rows = append(rows, []string{p.Name, p.Country, num(p.Lat), num(p.Lon), strconv.Itoa(p.Events)})
	}
	return header, rows
}
