package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/story/corpus"
	_ "modernc.org/sqlite" // the "sqlite" driver, for reading the store file directly
)

// TestIngestKilledAndResumed kills 'chronicle ingest' with SIGKILL (not a
// polite cancellation) twice in the middle of a run and then lets it finish:
// the store must end with exactly the documents, events and counts of an
// uninterrupted run of the same corpus, and pass SQLite's integrity check
// after every kill.
//
// The test builds the chronicle binary, because only a separate process can
// be killed for real. It waits for the store file itself to show committed
// documents (polling it read-only) before killing, so it does not depend on
// timing; when a kill happens to land after the run completed (a very fast
// or very loaded machine), the kill-specific checks are skipped with a log
// line and the comparison still runs.
func TestIngestKilledAndResumed(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the chronicle binary and ingests 1000 generated articles three times")
	}
	ctx, cancel := context.WithTimeout(context.Background(), killTimeout(t))
	defer cancel()
	dir := t.TempDir()
	bin := buildChronicle(ctx, t, dir)
	const n = 1000
	src, ids := writeKillCorpus(t, dir, n)

	// The run to compare with.
	full := filepath.Join(dir, "A.db")
	start := time.Now()
	if k := ingestAndKill(ctx, t, bin, full, src, 0); k.killed || k.stored != n {
		t.Fatalf("uninterrupted run: killed %v, %d of %d documents stored", k.killed, k.stored, n)
	}
	t.Logf("uninterrupted run: %d documents in %v", n, time.Since(start).Round(time.Millisecond))

	// The same corpus into a second store, killed twice on the way: once a
	// fifth of the documents are stored, and again once the second run has
	// stored another fifth.
	resumed := filepath.Join(dir, "B.db")
	target := n / 5
	for round := 1; round <= 2; round++ {
		k := ingestAndKill(ctx, t, bin, resumed, src, target)
		if !k.killed {
			t.Logf("kill %d landed after the run completed (%d documents stored); nothing left to resume", round, k.stored)
			break
		}
		t.Logf("kill %d: SIGKILL with %d documents stored (exit: %s)", round, k.stored, k.state)
		if k.stored < target || k.stored >= n {
			t.Errorf("kill %d: %d documents stored, want between %d and %d", round, k.stored, target, n-1)
		}
		checkIntegrity(t, resumed)
		// Documents are committed in input order, so a killed run leaves
		// a prefix of the corpus.
		if got := killStoredIDs(t, resumed); !slices.Equal(got, ids[:min(len(got), len(ids))]) {
			t.Errorf("kill %d: the stored documents are not the first %d of the corpus", round, len(got))
		}
		target = k.stored + n/5
	}
	if k := ingestAndKill(ctx, t, bin, resumed, src, 0); k.killed || k.stored != n {
		t.Fatalf("resumed run: killed %v, %d of %d documents stored", k.killed, k.stored, n)
	}

	checkIntegrity(t, full)
	checkIntegrity(t, resumed)
	compareStores(ctx, t, bin, full, resumed)
}

// killTimeout returns how long the whole test may run its processes: until
// shortly before the test binary's deadline, and at most five minutes.
func killTimeout(t *testing.T) time.Duration {
	d := 5 * time.Minute
	if dl, ok := t.Deadline(); ok {
		d = min(d, time.Until(dl)-10*time.Second)
	}
	return max(d, 10*time.Second)
}

// buildChronicle builds the chronicle binary into dir and returns its path.
func buildChronicle(ctx context.Context, t *testing.T, dir string) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command to build the chronicle binary with: %v", err)
	}
	bin := filepath.Join(dir, "chronicle")
	out, err := exec.CommandContext(ctx, goBin, "build", "-o", bin, "github.com/chronicle-news/chronicle/cmd/chronicle").CombinedOutput()
	if err != nil {
		t.Fatalf("build chronicle: %v\n%s", err, out)
	}
	return bin
}

// writeKillCorpus writes n generated articles (with near-duplicates and
// retold events, so that stories and canonical events span the kills) as one
// JSONL file in dir and returns its path and the ids in input order.
func writeKillCorpus(t *testing.T, dir string, n int) (string, []string) {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	ids := make([]string, 0, n)
	for _, a := range corpus.Generate(corpus.Options{Articles: n, Seed: 29, Retell: 0.2}) {
		rec := map[string]string{"id": a.ID, "url": a.URL, "title": a.Title, "date": a.Date, "source": a.Source, "text": a.Text}
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	path := filepath.Join(dir, "corpus.jsonl")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, ids
}

// killResult is how one ingest process ended.
type killResult struct {
	killed bool   // the process died of the SIGKILL
	stored int    // documents in the store afterwards
	state  string // the process's exit state
}

// ingestAndKill runs 'chronicle ingest --db db src' and, when target is
// positive, kills it with SIGKILL as soon as the store holds at least target
// documents. Without a target, or when the process ends first, the process
// must succeed.
func ingestAndKill(ctx context.Context, t *testing.T, bin, db, src string, target int) killResult {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "ingest", "--db", db, "--workers", "2", src)
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start ingest: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	ended := false
	t.Cleanup(func() {
		// Only when the test failed before the process ended.
		if !ended {
			cmd.Process.Kill()
			<-done
		}
	})

	// One read-only connection watches the store while the process runs.
	watch := &docCounter{path: db}
	defer watch.close()
	killSent := false
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	var err error
wait:
	for {
		select {
		case err = <-done:
			ended = true
			break wait
		case <-tick.C:
			if target <= 0 || killSent {
				continue
			}
			// A failed look (the writer busy) is retried at the next tick.
			if n, err := watch.count(); err == nil && n >= target {
				// os.ErrProcessDone only means the run ended meanwhile.
				if kerr := cmd.Process.Kill(); kerr != nil && !errors.Is(kerr, os.ErrProcessDone) {
					t.Fatalf("kill ingest: %v", kerr)
				}
				killSent = true
			}
		}
	}
	if ctx.Err() != nil {
		t.Fatalf("ingest into %s did not end in time\n%s", db, stderr.String())
	}
	after := &docCounter{path: db}
	stored, serr := after.count()
	after.close()
	if serr != nil {
		t.Fatal(serr)
	}
	r := killResult{state: cmd.ProcessState.String(), stored: stored}
	// A process ended by a signal has no exit code (-1).
	r.killed = killSent && cmd.ProcessState.ExitCode() == -1
	if !r.killed && err != nil {
		t.Fatalf("ingest into %s: %v\n%s", db, err, stderr.String())
	}
	return r
}

// openReadOnly opens the SQLite file at path read-only, without the store's
// migrations, so that it can be read while another process writes it.
func openReadOnly(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", readOnlyDSN(path))
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	return db
}

// readOnlyDSN returns the driver's name for reading the SQLite file at path.
func readOnlyDSN(path string) string {
	q := url.Values{}
	q.Add("mode", "ro")
	q.Add("_pragma", "busy_timeout(10000)")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// docCounter counts the documents in a store file through one read-only
// connection, opened once the file exists.
type docCounter struct {
	path string
	db   *sql.DB
}

// count returns how many documents the store holds: 0 while the file or
// its schema does not exist yet.
func (c *docCounter) count() (int, error) {
	if c.db == nil {
		if _, err := os.Stat(c.path); err != nil {
			return 0, nil
		}
		db, err := sql.Open("sqlite", readOnlyDSN(c.path))
		if err != nil {
			return 0, fmt.Errorf("open %s: %w", c.path, err)
		}
		db.SetMaxOpenConns(1)
		c.db = db
	}
	var n int
	if err := c.db.QueryRow(`SELECT count(*) FROM documents`).Scan(&n); err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return 0, nil
		}
		return 0, fmt.Errorf("count documents in %s: %w", c.path, err)
	}
	return n, nil
}

// close closes the connection.
func (c *docCounter) close() {
	if c.db != nil {
		c.db.Close()
	}
}

// killStoredIDs returns the ids of the stored documents in the order they
// were stored.
func killStoredIDs(t *testing.T, path string) []string {
	t.Helper()
	db := openReadOnly(t, path)
	defer db.Close()
	rows, err := db.Query(`SELECT id FROM documents ORDER BY pk`)
	if err != nil {
		t.Fatalf("list documents in %s: %v", path, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}

// checkIntegrity runs SQLite's integrity and foreign key checks on the file.
func checkIntegrity(t *testing.T, path string) {
	t.Helper()
	db := openReadOnly(t, path)
	defer db.Close()
	rows, err := db.Query(`PRAGMA integrity_check`)
	if err != nil {
		t.Fatalf("integrity check of %s: %v", path, err)
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	rows.Close()
	if len(problems) > 0 {
		t.Errorf("integrity check of %s:\n%s", path, strings.Join(problems, "\n"))
	}
	if got := killRows(t, db, `PRAGMA foreign_key_check`); len(got) > 0 {
		t.Errorf("foreign key check of %s: %d rows point nowhere, first: %s", path, len(got), got[0])
	}
}

// killRows returns the rows of a query as tab-separated text, floats with
// ten significant digits and blobs as their SHA-256.
func killRows(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		fields := make([]string, len(vals))
		for i, v := range vals {
			switch v := v.(type) {
			case float64:
				fields[i] = strconv.FormatFloat(v, 'g', 10, 64)
			case []byte:
				fields[i] = fmt.Sprintf("blob:%x", sha256.Sum256(v))
			default:
				fields[i] = fmt.Sprint(v)
			}
		}
		out = append(out, strings.Join(fields, "\t"))
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}

// compareStores checks that the stores at a (uninterrupted) and b (killed
// and resumed) hold the same documents, events and tables.
func compareStores(ctx context.Context, t *testing.T, bin, a, b string) {
	t.Helper()
	dropped := map[string]bool{}

	// Events as exported, in a stable order.
	exported := func(db string) []string {
		var out, stderr bytes.Buffer
		cmd := exec.CommandContext(ctx, bin, "export", "--format", "jsonl", "--db", db)
		cmd.Stdout, cmd.Stderr = &out, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("export %s: %v\n%s", db, err, stderr.String())
		}
		var lines []string
		for l := range strings.Lines(out.String()) {
			lines = append(lines, normalJSON(t, []byte(l), dropped))
		}
		slices.Sort(lines)
		return lines
	}
	ea, eb := exported(a), exported(b)
	if len(ea) == 0 {
		t.Error("the uninterrupted run stored no events")
	}
	diffLines(t, "exported events", ea, eb)

	// Documents as the store lists them.
	summaries := func(db string) []string {
		st, err := openExistingStore(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		var sums []string
		f := chronicle.Filter{Limit: 1000}
		for {
			page, next, err := st.Documents(ctx, f)
			if err != nil {
				t.Fatalf("documents of %s: %v", db, err)
			}
			for _, d := range page {
				js, err := json.Marshal(d)
				if err != nil {
					t.Fatal(err)
				}
				sums = append(sums, normalJSON(t, js, dropped))
			}
			if next == "" {
				break
			}
			f.Cursor = next
		}
		slices.Sort(sums)
		return sums
	}
	sa, sb := summaries(a), summaries(b)
	diffLines(t, "document summaries", sa, sb)

	// Every table row by row: canonical events and their counts, stories,
	// the actor and actor-pair counts kept by every write, quotes, claims,
	// entities, sentences and the raw event rows.
	ta, tb := tableContents(t, a), tableContents(t, b)
	names := make([]string, 0, len(ta))
	for name := range ta {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if _, ok := tb[name]; !ok {
			t.Errorf("table %s is missing after resuming", name)
			continue
		}
		diffLines(t, "table "+name, ta[name], tb[name])
	}
	if !slices.Equal(ta["documents"], tb["documents"]) {
		showDocumentDiff(ctx, t, a, b, ta["documents"], tb["documents"])
	}
	var keys []string
	for k := range dropped {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	t.Logf("compared %d events, %d documents and %d tables; ignored run-specific fields %v", len(ea), len(sa), len(names), keys)
}

// showDocumentDiff reports how the first document whose row differs
// between the stores at a and b (rows from tableContents, the document id
// first) differs as a whole coded document.
func showDocumentDiff(ctx context.Context, t *testing.T, a, b string, rowsA, rowsB []string) {
	t.Helper()
	var id string
	for _, r := range rowsA {
		if _, ok := slices.BinarySearch(rowsB, r); !ok {
			id, _, _ = strings.Cut(r, "\t")
			break
		}
	}
	if id == "" {
		return
	}
	whole := func(db string) string {
		st, err := openExistingStore(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		doc, err := st.Document(ctx, id)
		if err != nil {
			return err.Error()
		}
		js, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		return normalJSON(t, js, map[string]bool{})
	}
	t.Errorf("document %s after resuming differs %s", id, firstDiff(whole(a), whole(b)))
}

// tableContents returns the sorted rows of every ordinary table of the
// SQLite file, without row ids and run-specific columns: a reference to a
// document (column doc) or an event (column event) is replaced by the
// document's id and the event's id, which do not depend on the order rows
// were written in. Full-text indexes give only their row count, and
// SQLite's own tables and the shadow tables of full-text indexes (whose
// layout depends on the history of writes) are left out.
func tableContents(t *testing.T, path string) map[string][]string {
	t.Helper()
	db := openReadOnly(t, path)
	defer db.Close()
	var names, virtual []string
	for _, row := range killRows(t, db, `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`) {
		name, def, _ := strings.Cut(row, "\t")
		names = append(names, name)
		if strings.HasPrefix(strings.ToUpper(def), "CREATE VIRTUAL TABLE") {
			virtual = append(virtual, name)
		}
	}
	quote := func(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
	out := map[string][]string{}
	for _, name := range names {
		if slices.ContainsFunc(virtual, func(v string) bool { return strings.HasPrefix(name, v+"_") }) {
			continue
		}
		if slices.Contains(virtual, name) {
			out[name] = killRows(t, db, `SELECT count(*) FROM `+quote(name))
			continue
		}
		var cols []string
		for _, row := range killRows(t, db, `SELECT name, upper(type) FROM pragma_table_info('`+strings.ReplaceAll(name, `'`, `''`)+`')`) {
			col, typ, _ := strings.Cut(row, "\t")
			switch {
			case col == "pk" || runSpecific(col):
			case col == "doc" && typ == "INTEGER":
				cols = append(cols, `(SELECT d.id FROM documents d WHERE d.pk = t.doc)`)
			case col == "event" && typ == "INTEGER":
				cols = append(cols, `(SELECT d.id || ' ' || e.id FROM events e JOIN documents d ON d.pk = e.doc WHERE e.pk = t.event)`)
			default:
				cols = append(cols, "t."+quote(col))
			}
		}
		if len(cols) == 0 {
			out[name] = killRows(t, db, `SELECT count(*) FROM `+quote(name))
			continue
		}
		rows := killRows(t, db, `SELECT `+strings.Join(cols, ", ")+` FROM `+quote(name)+` t`)
		slices.Sort(rows)
		out[name] = rows
	}
	return out
}

// runSpecific reports whether a field or column named key holds something
// that differs between two runs over the same input: the time of ingest
// (GDELT's DATEADDED) or of a schema migration. Everything else is compared.
func runSpecific(key string) bool {
	k := strings.ToLower(strings.ReplaceAll(key, "_", ""))
	switch k {
	case "ingested", "ingestedat", "ingesttime", "dateadded", "applied", "appliedat":
		return true
	}
	return false
}

// normalJSON returns the JSON value js with the run-specific fields of its
// objects removed (their names are added to dropped) and keys sorted.
func normalJSON(t *testing.T, js []byte, dropped map[string]bool) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(js, &v); err != nil {
		t.Fatalf("decode %.200s: %v", js, err)
	}
	var strip func(v any)
	strip = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if runSpecific(k) {
					delete(v, k)
					dropped[k] = true
					continue
				}
				strip(x)
			}
		case []any:
			for _, x := range v {
				strip(x)
			}
		}
	}
	strip(v)
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// diffLines reports the first differences between two lists of rows,
// counting repeated rows, so that a duplicate shows as well as a loss.
func diffLines(t *testing.T, what string, want, got []string) {
	t.Helper()
	if slices.Equal(want, got) {
		return
	}
	count := map[string]int{}
	for _, l := range want {
		count[l]++
	}
	for _, l := range got {
		count[l]--
	}
	var only, extra []string // rows (more often) in want, in got
	for l, c := range count {
		switch {
		case c > 0:
			only = append(only, l)
		case c < 0:
			extra = append(extra, l)
		}
	}
	slices.Sort(only)
	slices.Sort(extra)
	first := "(none)"
	switch {
	case len(only) > 0 && len(extra) > 0:
		first = firstDiff(only[0], extra[0])
	case len(only) > 0:
		first = fmt.Sprintf("only uninterrupted (or more often): %.400s", only[0])
	case len(extra) > 0:
		first = fmt.Sprintf("only resumed (or more often): %.400s", extra[0])
	}
	t.Errorf("%s differ after resuming: %d rows uninterrupted, %d resumed; %d distinct rows more often uninterrupted, %d more often resumed; first %s",
		what, len(want), len(got), len(only), len(extra), first)
}

// firstDiff shows where two texts first differ, with some context.
func firstDiff(want, got string) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	from := max(i-120, 0)
	return fmt.Sprintf("at byte %d of %.80q:\nuninterrupted: …%.300s\nresumed:       …%.300s", i, want, want[from:], got[from:])
}
