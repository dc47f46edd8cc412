package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/export"
)

// runQuery runs 'chronicle query events|canonical|quotes|claims|documents
// [filters]': one page of records from the store as a table, a JSON array or
// CSV. Canonical events are the events merged across reports, filtered on
// their reconciled values.
func runQuery(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("query", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: chronicle query events|canonical|quotes|claims|documents [flags]")
		fs.PrintDefaults()
	}
	db := dbFlag(fs)
	var ff filterFlags
	ff.register(fs, "most records to print (1-10000)", 100)
	fs.StringVar(&ff.cursor, "cursor", "", "continue after a previous page (the cursor printed on stderr)")
	format := fs.String("format", "table", "output format: table, json or csv")
	canonID := fs.String("id", "", "with canonical: show the canonical event `ID` with every report of it")
	minArticles := fs.Int("min-articles", 0, "with canonical: only events reported by at least `N` articles")
	kind := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		kind, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if kind == "" && fs.NArg() > 0 {
		kind = fs.Arg(0)
	} else if fs.NArg() > 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	switch kind {
	case "events", "canonical", "quotes", "claims", "documents":
	case "":
		return usagef("query: say what to list: events, canonical, quotes, claims or documents")
	default:
		return usagef("query: %q is not events, canonical, quotes, claims or documents", kind)
	}
	switch *format {
	case "table", "json", "csv":
	default:
		return usagef("--format must be table, json or csv, not %q", *format)
	}
	if *canonID != "" && kind != "canonical" {
		return usagef("query: --id is for 'query canonical'")
	}
	if *minArticles != 0 && kind != "canonical" {
		return usagef("query: --min-articles is for 'query canonical'")
	}
	if *minArticles < 0 {
		return usagef("query: --min-articles must be 0 or more, not %d", *minArticles)
	}
	store, err := openExistingStore(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	f := ff.filter()
	f.MinArticles = *minArticles
	var items []any
	var next string
	switch kind {
	case "events":
		var recs []chronicle.EventRecord
		recs, next, err = store.Events(ctx, f)
		for i := range recs {
			items = append(items, &recs[i])
		}
	case "canonical":
		cq, ok := store.(chronicle.CanonicalQuerier)
		if !ok {
			return fmt.Errorf("query canonical: %s keeps no canonical events", *db)
		}
		if *canonID != "" {
			return queryCanonicalID(ctx, env, cq, *canonID, *format)
		}
		var recs []chronicle.CanonicalEvent
		recs, next, err = cq.CanonicalEvents(ctx, f)
		for i := range recs {
			items = append(items, &recs[i])
		}
	case "quotes":
		var recs []chronicle.QuoteRecord
		recs, next, err = store.Quotes(ctx, f)
		for i := range recs {
			items = append(items, &recs[i])
		}
	case "claims":
		var recs []chronicle.ClaimRecord
		recs, next, err = store.Claims(ctx, f)
		for i := range recs {
			items = append(items, &recs[i])
		}
	case "documents":
		var recs []chronicle.DocumentSummary
		recs, next, err = store.Documents(ctx, f)
		for i := range recs {
			items = append(items, &recs[i])
		}
	}
	if err != nil {
		return asUsage(err)
	}
	out := bufio.NewWriter(env.Stdout)
	switch *format {
	case "json":
		err = writeJSONArray(out, items)
	case "csv":
		err = writeCSV(out, kind, items)
	default:
		err = writeTable(out, kind, items)
	}
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		return fmt.Errorf("query %s: write: %w", kind, err)
	}
	if next != "" {
		fmt.Fprintf(env.Stderr, "more: chronicle query %s --cursor %s\n", kind, next)
	}
	return nil
}

// queryCanonicalID prints one canonical event: as JSON with its mentions,
// else a line about it and a table (or CSV) of its reports.
func queryCanonicalID(ctx context.Context, env *Env, cq chronicle.CanonicalQuerier, id, format string) error {
	c, err := cq.CanonicalEvent(ctx, id)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(env.Stdout)
	if format == "json" {
		err = writeJSONArray(out, []any{c})
	} else {
		header := []string{"doc_id", "doc_date", "site", "date", "cameo", "place", "factuality", "start", "end", "sentence"}
		var cells [][]string
		for _, m := range c.Mentions {
			cells = append(cells, []string{m.DocID, m.DocDate, m.Site, m.Date, m.CAMEO, placeLabel(m.Place), m.Factuality,
				strconv.Itoa(m.Start), strconv.Itoa(m.End), m.Text})
		}
		if format == "csv" {
			err = printCSV(out, header, cells)
		} else {
			fmt.Fprintf(out, "%s  %s  %s %s  %s -> %s  %s  %d mentions, %d sources, %d articles, first seen %s\n", c.ID, eventDate(c.Date, c.Day),
				c.PLOVER, c.CAMEO, actorLabel(c.Source), actorLabel(c.Target), placeLabel(c.Location), c.NumMentions, c.NumSources, c.NumArticles, c.FirstSeen)
			for _, cf := range c.Conflicts {
				fmt.Fprintf(out, "conflict: %s\n", cf)
			}
			err = printTable(out, header, cells)
		}
	}
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		return fmt.Errorf("query canonical: write: %w", err)
	}
	return nil
}

// writeJSONArray writes items as one JSON array ([] when empty).
func writeJSONArray(w io.Writer, items []any) error {
	if items == nil {
		items = []any{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(items)
}

func actorLabel(a *chronicle.ActorRef) string {
	if a.Empty() {
		return ""
	}
	switch {
	case a.Code != "" && a.Name != "":
		return a.Name + " (" + a.Code + ")"
	case a.Code != "":
		return a.Code
	case a.Name != "":
		return a.Name
	}
	return a.Text
}

func placeLabel(p *chronicle.Place) string {
	if p == nil {
		return ""
	}
	if p.Name != "" {
		return p.Name
	}
	return p.Text
}

// shorten cuts s to at most n runes, on one line.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func quantityLabel(q *chronicle.Quantity) string {
	if q == nil {
		return ""
	}
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	s := f(q.Low)
	if q.High != q.Low {
		s += "-" + f(q.High)
	}
	if q.Approx {
		s = "~" + s
	}
	if q.Unit != "" {
		s += " " + q.Unit
	}
	return s
}

func eventDate(date, docDate string) string {
	if date != "" {
		return date
	}
	return docDate
}

// rows returns the header and the cells of the table and CSV outputs of
// quotes, claims and documents.
func rows(kind string, items []any) ([]string, [][]string) {
	var out [][]string
	switch kind {
	case "quotes":
		for _, it := range items {
			q := it.(*chronicle.QuoteRecord)
			out = append(out, []string{q.DocDate, actorLabel(q.Speaker), q.Cue, q.Text, q.DocID})
		}
		return []string{"date", "speaker", "cue", "text", "doc_id"}, out
	case "claims":
		for _, it := range items {
			c := it.(*chronicle.ClaimRecord)
			out = append(out, []string{c.DocDate, actorLabel(c.Subject), quantityLabel(c.Quantity), c.Text, c.DocID})
		}
		return []string{"date", "subject", "quantity", "text", "doc_id"}, out
	case "canonical":
		for _, it := range items {
			c := it.(*chronicle.CanonicalEvent)
			out = append(out, []string{c.ID, eventDate(c.Date, c.Day), c.PLOVER, c.CAMEO, actorLabel(c.Source), actorLabel(c.Target),
				placeLabel(c.Location), fmt.Sprintf("%d/%d/%d", c.NumMentions, c.NumSources, c.NumArticles), c.FirstSeen, strings.Join(c.Conflicts, "; ")})
		}
		return []string{"id", "date", "type", "cameo", "source", "target", "place", "mentions/sources/articles", "first_seen", "conflicts"}, out
	case "documents":
		for _, it := range items {
			d := it.(*chronicle.DocumentSummary)
			out = append(out, []string{d.Date, d.ID, strconv.Itoa(d.Events), strconv.Itoa(d.Quotes), strconv.Itoa(d.Claims), d.Story, d.Title, d.URL})
		}
		return []string{"date", "id", "events", "quotes", "claims", "story", "title", "url"}, out
	}
	for _, it := range items {
		e := it.(*chronicle.EventRecord)
		out = append(out, []string{eventDate(e.Date, e.DocDate), e.PLOVER, e.CAMEO, actorLabel(e.Source), actorLabel(e.Target),
			placeLabel(e.Location), e.Factuality, e.DocID})
	}
	return []string{"date", "type", "cameo", "source", "target", "location", "factuality", "doc_id"}, out
}

func writeTable(w io.Writer, kind string, items []any) error {
	header, cells := rows(kind, items)
	return printTable(w, header, cells)
}

// printTable writes aligned columns under an upper-case header, each cell
// shortened to 60 characters.
func printTable(w io.Writer, header []string, cells [][]string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(header, "\t")))
	for _, row := range cells {
		for i := range row {
			row[i] = shorten(row[i], 60)
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	return tw.Flush()
}

func writeCSV(w io.Writer, kind string, items []any) error {
	if kind == "events" {
		cw := export.NewCSV(w)
		for _, it := range items {
			if err := cw.Write(it.(*chronicle.EventRecord)); err != nil {
				return err
			}
		}
		return cw.Close()
	}
	header, cells := rows(kind, items)
	return printCSV(w, header, cells)
}

// printCSV writes a header and rows as CSV.
func printCSV(w io.Writer, header []string, cells [][]string) error {
	cw := csv.NewWriter(w)
	cw.Write(header)
	cw.WriteAll(cells)
	return cw.Error()
}
