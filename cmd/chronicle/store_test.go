package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/export"
	"github.com/chronicle-news/chronicle/internal/sqlite"
	"github.com/chronicle-news/chronicle/internal/storetest"
)

// generatedDB writes a SQLite store of generated documents and returns its
// path and the documents.
func generatedDB(t *testing.T) (string, []*chronicle.Document) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "chronicle.db")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	docs := storetest.Generate(30, 2)
	if _, err := s.PutDocuments(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return path, docs
}

func countEvents(docs []*chronicle.Document, keep func(e *chronicle.Event) bool) int {
	n := 0
	for _, d := range docs {
		for i := range d.Events {
			if keep(&d.Events[i]) {
				n++
			}
		}
	}
	return n
}

func TestQueryCommand(t *testing.T) {
	db, docs := generatedDB(t)
	assaults := countEvents(docs, func(e *chronicle.Event) bool { return e.PLOVER == "ASSAULT" })
	t.Run("json events", func(t *testing.T) {
		code, out, errs := runCmd(t, "", "query", "events", "--db", db, "--type", "ASSAULT", "--limit", "10000", "--format", "json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var recs []chronicle.EventRecord
		if err := json.Unmarshal([]byte(out), &recs); err != nil {
			t.Fatalf("output is not a JSON array: %v", err)
		}
		if len(recs) != assaults {
			t.Errorf("%d events, want %d", len(recs), assaults)
		}
	})
	t.Run("flags before kind", func(t *testing.T) {
		code, out, errs := runCmd(t, "", "query", "--db", db, "--limit", "3", "--format", "json", "documents")
		var recs []chronicle.DocumentSummary
		if code != 0 || json.Unmarshal([]byte(out), &recs) != nil || len(recs) != 3 {
			t.Fatalf("exit %d, %d documents: %s", code, len(recs), errs)
		}
		if !strings.Contains(errs, "--cursor") {
			t.Errorf("no hint of the next page on stderr: %q", errs)
		}
	})
	t.Run("empty json", func(t *testing.T) {
		code, out, _ := runCmd(t, "", "query", "quotes", "--db", db, "--text", "nosuchwordanywhere", "--format", "json")
		if code != 0 || strings.TrimSpace(out) != "[]" {
			t.Errorf("exit %d, output %q; want []", code, out)
		}
	})
	t.Run("table", func(t *testing.T) {
		code, out, errs := runCmd(t, "", "query", "claims", "--db", db)
		if code != 0 || !strings.HasPrefix(out, "DATE") || strings.Count(out, "\n") < 2 {
			t.Errorf("exit %d: %q %s", code, out, errs)
		}
	})
	t.Run("csv", func(t *testing.T) {
		code, out, _ := runCmd(t, "", "query", "events", "--db", db, "--actor", "USA", "--format", "csv", "--limit", "10000")
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		want := countEvents(docs, func(e *chronicle.Event) bool {
			return strings.HasPrefix(e.Source.Code, "USA") || strings.HasPrefix(e.Target.Code, "USA")
		})
		if code != 0 || err != nil || len(rows) != want+1 {
			t.Errorf("exit %d, %d rows (%v), want %d and a header", code, len(rows), err, want)
		}
	})
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"no kind", []string{"query", "--db", db}, 2},
		{"bad kind", []string{"query", "actors", "--db", db}, 2},
		{"bad format", []string{"query", "events", "--db", db, "--format", "xml"}, 2},
		{"huge limit", []string{"query", "events", "--db", db, "--limit", "1000000"}, 2},
		{"bad date", []string{"query", "events", "--db", db, "--since", "2025-02-30"}, 2},
		{"missing database", []string{"query", "events", "--db", filepath.Join(t.TempDir(), "none.db")}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runCmd(t, "", tc.args...)
			if code != tc.code || errs == "" {
				t.Errorf("exit %d (%q), want %d with a message", code, errs, tc.code)
			}
		})
	}
}

func TestExportCommand(t *testing.T) {
	db, docs := generatedDB(t)
	all := countEvents(docs, func(*chronicle.Event) bool { return true })
	out := filepath.Join(t.TempDir(), "events.tsv")
	code, _, errs := runCmd(t, "", "export", "--db", db, "--format", "gdelt", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != all {
		t.Fatalf("%d GDELT lines, want %d", len(lines), all)
	}
	for _, l := range lines {
		if _, err := export.ParseGDELT(l); err != nil {
			t.Fatal(err)
		}
	}
	for _, format := range []string{"plover", "jsonl", "csv", "parquet"} {
		code, stdout, errs := runCmd(t, "", "export", "--db", db, "--format", format, "--type", "AID", "--limit", "5")
		if code != 0 || len(stdout) == 0 {
			t.Errorf("export %s: exit %d: %s", format, code, errs)
		}
		if format == "jsonl" && strings.Count(stdout, "\n") != 5 {
			t.Errorf("export jsonl --limit 5 wrote %d lines", strings.Count(stdout, "\n"))
		}
		if format == "parquet" && !bytes.HasPrefix([]byte(stdout), []byte("PAR1")) {
			t.Errorf("parquet output does not start with PAR1")
		}
	}
	if code, _, _ := runCmd(t, "", "export", "--db", db, "--format", "xml"); code != 2 {
		t.Errorf("export --format xml: exit %d, want 2", code)
	}
	if code, _, _ := runCmd(t, "", "export", "--db", db, "--until", "soon", "--out", filepath.Join(t.TempDir(), "x")); code != 2 {
		t.Errorf("export --until soon: exit %d, want 2", code)
	}
}

// reprintedDB writes a SQLite store of generated documents, each followed by
// a reprint on another site, so that every event has two reports.
func reprintedDB(t *testing.T) (string, []*chronicle.Document) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "chronicle.db")
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var docs []*chronicle.Document
	for _, d := range storetest.Generate(15, 6) {
		c := *d
		c.ID += "-reprint"
		c.URL = "https://reprints.example/" + c.ID
		docs = append(docs, d, &c)
	}
	if _, err := s.PutDocuments(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return path, docs
}

func TestQueryCanonical(t *testing.T) {
	db, docs := reprintedDB(t)
	events := countEvents(docs, func(*chronicle.Event) bool { return true })
	code, out, errs := runCmd(t, "", "query", "canonical", "--db", db, "--limit", "10000", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var all []chronicle.CanonicalEvent
	if err := json.Unmarshal([]byte(out), &all); err != nil {
		t.Fatalf("output is not a JSON array: %v", err)
	}
	if len(all) != events/2 {
		t.Fatalf("%d canonical events from %d events in originals and reprints, want %d", len(all), events, events/2)
	}
	for _, c := range all {
		if c.NumArticles != 2 {
			t.Errorf("%s: %d articles, want 2", c.ID, c.NumArticles)
		}
	}
	t.Run("filter", func(t *testing.T) {
		code, out, errs := runCmd(t, "", "query", "canonical", "--db", db, "--cameo", "1", "--format", "json", "--limit", "10000")
		var recs []chronicle.CanonicalEvent
		if code != 0 || json.Unmarshal([]byte(out), &recs) != nil {
			t.Fatalf("exit %d: %s", code, errs)
		}
		want := 0
		for _, c := range all {
			if strings.HasPrefix(c.CAMEO, "1") {
				want++
			}
		}
		if len(recs) != want || want == 0 {
			t.Errorf("%d canonical events with cameo 1..., want %d", len(recs), want)
		}
	})
	t.Run("min articles", func(t *testing.T) {
		for _, tt := range []struct {
			n    string
			want int
		}{{"2", len(all)}, {"3", 0}} {
			code, out, errs := runCmd(t, "", "query", "canonical", "--db", db, "--min-articles", tt.n, "--format", "json", "--limit", "10000")
			var recs []chronicle.CanonicalEvent
			if code != 0 || json.Unmarshal([]byte(out), &recs) != nil {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if len(recs) != tt.want {
				t.Errorf("--min-articles %s: %d canonical events, want %d", tt.n, len(recs), tt.want)
			}
		}
		for _, args := range [][]string{{"canonical", "--min-articles", "-1"}, {"events", "--min-articles", "2"}} {
			if code, _, _ := runCmd(t, "", append(append([]string{"query"}, args...), "--db", db)...); code != 2 {
				t.Errorf("query %v: exit %d, want 2", args, code)
			}
		}
	})
	t.Run("table", func(t *testing.T) {
		code, out, errs := runCmd(t, "", "query", "canonical", "--db", db, "--limit", "3")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 0 || len(lines) != 4 || !strings.HasPrefix(lines[0], "ID") || !strings.Contains(lines[0], "MENTIONS/SOURCES/ARTICLES") {
			t.Fatalf("exit %d: %q %s", code, out, errs)
		}
		if !strings.Contains(lines[1], " 2/2/2 ") || !strings.HasPrefix(lines[1], all[0].ID) {
			t.Errorf("first row %q, want %s with 2/2/2", lines[1], all[0].ID)
		}
		if !strings.Contains(errs, "--cursor") {
			t.Errorf("no hint of the next page on stderr: %q", errs)
		}
	})
	t.Run("csv", func(t *testing.T) {
		code, out, _ := runCmd(t, "", "query", "canonical", "--db", db, "--format", "csv", "--limit", "10000")
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if code != 0 || err != nil || len(rows) != len(all)+1 {
			t.Errorf("exit %d, %d rows (%v), want %d and a header", code, len(rows), err, len(all))
		}
	})
	t.Run("one with its reports", func(t *testing.T) {
		code, out, errs := runCmd(t, "", "query", "canonical", "--db", db, "--id", all[0].ID, "--format", "json")
		var recs []chronicle.CanonicalEvent
		if code != 0 || json.Unmarshal([]byte(out), &recs) != nil || len(recs) != 1 {
			t.Fatalf("exit %d: %q %s", code, out, errs)
		}
		if recs[0].ID != all[0].ID || len(recs[0].Mentions) != 2 || recs[0].Mentions[0].Text == "" {
			t.Errorf("got %s with %d mentions", recs[0].ID, len(recs[0].Mentions))
		}
		code, out, errs = runCmd(t, "", "query", "canonical", "--db", db, "--id", all[0].ID)
		if code != 0 || !strings.Contains(out, "2 articles") || strings.Count(out, "\n") != 4 {
			t.Errorf("table: exit %d: %q %s", code, out, errs)
		}
		if code, _, errs := runCmd(t, "", "query", "canonical", "--db", db, "--id", "ce-none"); code != 1 || !strings.Contains(errs, "ce-none") {
			t.Errorf("missing id: exit %d (%q), want 1 naming the id", code, errs)
		}
		if code, _, _ := runCmd(t, "", "query", "events", "--db", db, "--id", all[0].ID); code != 2 {
			t.Errorf("--id on events: exit %d, want 2", code)
		}
	})
	if code, _, errs := runCmd(t, "", "query", "canonical", "--db", db, "--cameo", "x1"); code != 2 || errs == "" {
		t.Errorf("bad cameo: exit %d (%q), want 2", code, errs)
	}
	t.Run("gdelt counts", func(t *testing.T) {
		code, out, errs := runCmd(t, "", "export", "--db", db, "--format", "gdelt")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != events {
			t.Fatalf("%d lines, want %d", len(lines), events)
		}
		for _, l := range lines {
			r, err := export.ParseGDELT(l)
			if err != nil {
				t.Fatal(err)
			}
			if r.NumArticles != 2 || r.NumSources != 2 || r.NumMentions != 2 {
				t.Fatalf("GDELT mentions/sources/articles %d/%d/%d, want 2/2/2", r.NumMentions, r.NumSources, r.NumArticles)
			}
		}
	})
}
