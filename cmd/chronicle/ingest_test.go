package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/story/corpus"
)

// storedDocs returns "id events quotes claims" for every stored document.
func storedDocs(t *testing.T, db string) []string {
	t.Helper()
	st, err := openStore(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var out []string
	f := chronicle.Filter{Limit: 500}
	for {
		docs, next, err := st.Documents(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			out = append(out, fmt.Sprintf("%s %d %d %d", d.ID, d.Events, d.Quotes, d.Claims))
		}
		if next == "" {
			break
		}
		f.Cursor = next
	}
	sort.Strings(out)
	return out
}

func TestIngestCommand(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"a.txt":     "Police arrested two protesters in Lima on Monday.",
		"b.txt":     "The foreign minister met her counterpart in Nairobi on Tuesday.",
		"empty.txt": "",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "c.db")
	code, _, stderr := runCmd(t, "", "ingest", "--db", db, "--date", "2025-03-03", dir)
	if code != 1 || !strings.Contains(stderr, "chronicle: "+filepath.Join(dir, "empty.txt")+": empty input") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "2 documents stored") {
		t.Errorf("no summary line in stderr:\n%s", stderr)
	}
	if got := storedDocs(t, db); len(got) != 2 {
		t.Fatalf("stored %v, want 2 documents", got)
	}
	// Again: nothing new, the empty file still fails.
	code, _, stderr = runCmd(t, "", "ingest", "--db", db, filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt"))
	if code != 0 || !strings.Contains(stderr, "0 documents stored") || !strings.Contains(stderr, "2 skipped") {
		t.Errorf("second run: exit %d, stderr:\n%s", code, stderr)
	}
	if code, _, _ := runCmd(t, "", "ingest", "--db", db); code != 2 {
		t.Errorf("no source: exit %d, want 2", code)
	}
}

// TestIngestInterruptedAndResumed interrupts an ingest of a generated
// corpus (as Ctrl-C does) and runs it again: the store must end with exactly
// the documents and events of an uninterrupted run.
func TestIngestInterruptedAndResumed(t *testing.T) {
	if testing.Short() {
		t.Skip("codes 80 documents three times")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "corpus.jsonl")
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, a := range corpus.Generate(corpus.Options{Articles: 80, Seed: 5}) {
		enc.Encode(map[string]string{"id": a.ID, "url": a.URL, "title": a.Title, "date": a.Date, "text": a.Text})
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	full := filepath.Join(dir, "full.db")
	if code, _, stderr := runCmd(t, "", "ingest", "--db", full, "--workers", "2", path); code != 0 {
		t.Fatalf("uninterrupted run: exit %d\n%s", code, stderr)
	}
	want := storedDocs(t, full)
	if len(want) != 80 {
		t.Fatalf("uninterrupted run stored %d documents", len(want))
	}

	// The interrupted run reads the corpus from a pipe that only ever gets
	// its first ten documents, so it cannot finish on its own however fast
	// it is; once those are stored it is interrupted, as Ctrl-C does.
	resumed := filepath.Join(dir, "resumed.db")
	lines := bytes.SplitAfter(b.Bytes(), []byte("\n"))
	pr, pw := io.Pipe()
	go func() {
		for _, l := range lines[:10] {
			if _, err := pw.Write(l); err != nil {
				return
			}
		}
	}()
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		defer cancel()
		deadline := time.Now().Add(2 * time.Minute)
		for ctx.Err() == nil && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
			st, err := openStore(ctx, resumed)
			if err != nil {
				continue
			}
			has, _ := st.HasDocument(ctx, "gen-000009")
			st.Close()
			if has {
				return
			}
		}
	}()
	var out, errb bytes.Buffer
	env := &Env{Stdin: pr, Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, env, []string{"ingest", "--db", resumed, "--workers", "2", "--batch", "2", "-"})
	}()
	var code int
	select {
	case code = <-done:
	case <-ctx.Done():
		// A reader blocked on the pipe is released after the interrupt.
		time.Sleep(200 * time.Millisecond)
		pw.CloseWithError(context.Canceled)
		code = <-done
	}
	cancel()
	first := len(storedDocs(t, resumed))
	t.Logf("interrupted run: exit %d, %d documents stored", code, first)
	if first >= 80 || first < 10 || code != 1 {
		t.Errorf("the run was not interrupted after ten documents: exit %d, %d of 80 documents stored\n%s", code, first, errb.String())
	}
	if code, _, stderr := runCmd(t, "", "ingest", "--db", resumed, "--workers", "2", path); code != 0 {
		t.Fatalf("resumed run: exit %d\n%s", code, stderr)
	}
	if got := storedDocs(t, resumed); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("after resuming, the store differs from an uninterrupted run (%d vs %d documents)", len(got), len(want))
	}
}

// BenchmarkIngest measures 'chronicle ingest' end to end (generated corpus,
// whole pipeline, SQLite store) on 1 and 2 workers.
func BenchmarkIngest(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "corpus.jsonl")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	n := 500
	var size int64
	for _, a := range corpus.Generate(corpus.Options{Articles: n, Seed: 9}) {
		size += int64(len(a.Text))
		enc.Encode(map[string]string{"id": a.ID, "url": a.URL, "title": a.Title, "date": a.Date, "text": a.Text})
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, workers := range []string{"1", "2"} {
		b.Run("workers="+workers, func(b *testing.B) {
			b.SetBytes(size)
			i := 0
			for b.Loop() {
				i++
				db := filepath.Join(dir, fmt.Sprintf("w%s-%d.db", workers, i))
				var out, errb bytes.Buffer
				env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
				if code := run(context.Background(), env, []string{"ingest", "--db", db, "--workers", workers, path}); code != 0 {
					b.Fatalf("exit %d: %s", code, errb.String())
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// TestIngestMergesEventsAcrossReports ingests generated articles with known
// duplicates and checks that the main event of reports of one story is
// stored as one canonical event, and only those.
func TestIngestMergesEventsAcrossReports(t *testing.T) {
	if testing.Short() {
		t.Skip("codes 150 documents")
	}
	dir := t.TempDir()
	arts := corpus.Generate(corpus.Options{Articles: 150, Seed: 13})
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	byID := map[string]corpus.Article{}
	for _, a := range arts {
		enc.Encode(map[string]string{"id": a.ID, "url": a.URL, "title": a.Title, "date": a.Date, "text": a.Text})
		byID[a.ID] = a
	}
	path := filepath.Join(dir, "corpus.jsonl")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "c.db")
	if code, _, stderr := runCmd(t, "", "ingest", "--db", db, path); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	st, err := openStore(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// The canonical id of each document's main event, when it was coded
	// with the right actors and CAMEO root.
	main := map[string]string{}
	f := chronicle.Filter{Limit: 1000}
	for {
		evs, next, err := st.Events(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			truth := byID[e.DocID].Event
			if _, ok := main[e.DocID]; ok || e.Source == nil || e.Target == nil {
				continue
			}
			if strings.HasPrefix(e.Source.Code, truth.Source) && strings.HasPrefix(e.Target.Code, truth.Target) && strings.HasPrefix(e.CAMEO, truth.CAMEO[:2]) {
				main[e.DocID] = e.CanonicalID
			}
		}
		if next == "" {
			break
		}
		f.Cursor = next
	}
	tp, fp, fn := 0, 0, 0
	ids := make([]string, 0, len(main))
	for id := range main {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for i, a := range ids {
		for _, c := range ids[i+1:] {
			merged := main[a] == main[c]
			same := byID[a].Story == byID[c].Story
			switch {
			case merged && same:
				tp++
			case merged:
				fp++
			case same:
				fn++
			}
		}
	}
	p, r := float64(tp)/float64(max(tp+fp, 1)), float64(tp)/float64(max(tp+fn, 1))
	t.Logf("main event coded in %d of %d reports; merged across reports: precision %.3f recall %.3f (%d same-story pairs)",
		len(main), len(arts), p, r, tp+fn)
	if tp+fn == 0 {
		t.Fatal("no report pairs of one story had their main event coded")
	}
	if p < 0.9 || r < 0.9 {
		t.Errorf("event merging precision %.3f recall %.3f, want >= 0.9", p, r)
	}
}
