package sqlite_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/sqlite"
	"github.com/chronicle-news/chronicle/internal/storetest"
)

// MustOpen opens a new store in a temporary folder.
func MustOpen(tb testing.TB) *sqlite.Store {
	tb.Helper()
	s, err := sqlite.Open(filepath.Join(tb.TempDir(), "chronicle.db"))
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) chronicle.Store { return MustOpen(t) })
}

// TestKilledWriter kills a process writing documents (SIGKILL, mid-write)
// and checks that the store opens and every stored document is complete.
func TestKilledWriter(t *testing.T) {
	if path := os.Getenv("CHRONICLE_SQLITE_CHILD_DB"); path != "" {
		writeForever(t, path)
		return
	}
	if testing.Short() {
		t.Skip("skipping the crash test in short mode")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	s := MustOpenPath(t, path)
	s.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), "CHRONICLE_SQLITE_CHILD_DB="+path)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Let the child store some documents, then kill it without warning.
	deadline := time.Now().Add(60 * time.Second)
	for {
		time.Sleep(300 * time.Millisecond)
		n := countDocs(t, path)
		if n >= 20 || time.Now().After(deadline) {
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	s = MustOpenPath(t, path)
	defer s.Close()
	var check string
	if err := s.DB().QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity check after kill: %q, %v", check, err)
	}
	want := map[string]*chronicle.Document{}
	for _, d := range storetest.Generate(childDocs, 5) {
		want[d.ID] = d
	}
	ctx := context.Background()
	list, _, err := s.Documents(ctx, chronicle.Filter{Limit: sqlite.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) == 0 {
		t.Fatal("no document was stored before the kill")
	}
	total := 0
	for _, sum := range list {
		d, err := s.Document(ctx, sum.ID)
		if err != nil {
			t.Fatalf("document %s after kill: %v", sum.ID, err)
		}
		w, _ := json.Marshal(want[d.ID])
		g, _ := json.Marshal(d)
		if string(w) != string(g) {
			t.Errorf("document %s is incomplete after the kill", d.ID)
		}
		total += len(d.Events)
	}
	evs, _, err := s.Events(ctx, chronicle.Filter{Limit: sqlite.MaxLimit})
	if err != nil || len(evs) != total {
		t.Errorf("%d events stored (%v), the stored documents hold %d", len(evs), err, total)
	}
	// The store still takes writes.
	more := storetest.Generate(1, 6)
	if ok, err := s.PutDocument(ctx, more[0]); !ok || err != nil {
		t.Errorf("PutDocument after the kill = %v, %v", ok, err)
	}
	t.Logf("%d complete documents, %d events after SIGKILL", len(list), total)
}

const childDocs = 5000

// writeForever is the child process of TestKilledWriter.
func writeForever(t *testing.T, path string) {
	s, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range storetest.Generate(childDocs, 5) {
		if _, err := s.PutDocument(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	// Writing all of them before the kill is not expected; wait for it.
	time.Sleep(time.Minute)
}

func countDocs(t *testing.T, path string) int {
	s, err := sqlite.Open(path)
	if err != nil {
		return 0
	}
	defer s.Close()
	var n int
	_ = s.DB().QueryRow("SELECT COUNT(*) FROM documents").Scan(&n)
	return n
}

func MustOpenPath(tb testing.TB, path string) *sqlite.Store {
	tb.Helper()
	s, err := sqlite.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// TestFullDisk makes the database unable to grow, as on a full disk: the
// failing write reports an error and leaves the stored documents intact.
func TestFullDisk(t *testing.T) {
	ctx := context.Background()
	s := MustOpen(t)
	defer s.Close()
	docs := storetest.Generate(400, 8)
	for _, d := range docs[:5] {
		if _, err := s.PutDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	db := s.DB()
	db.SetMaxOpenConns(1)
	var pages int
	if err := db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages+3)); err != nil {
		t.Fatal(err)
	}
	var failed error
	stored := 5
	for _, d := range docs[5:] {
		if _, err := s.PutDocument(ctx, d); err != nil {
			failed = err
			break
		}
		stored++
	}
	if failed == nil {
		t.Fatal("no write failed with a full database")
	}
	t.Logf("write %d failed as expected: %v", stored, failed)
	if _, err := db.Exec("PRAGMA max_page_count = 1073741823"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.HasDocument(ctx, docs[stored].ID); ok {
		t.Errorf("the failed document %s is partly stored", docs[stored].ID)
	}
	for _, d := range docs[:stored] {
		got, err := s.Document(ctx, d.ID)
		if err != nil {
			t.Fatalf("document %s after the failure: %v", d.ID, err)
		}
		if len(got.Events) != len(d.Events) {
			t.Errorf("document %s: %d events, want %d", d.ID, len(got.Events), len(d.Events))
		}
	}
	if ok, err := s.PutDocument(ctx, docs[stored]); !ok || err != nil {
		t.Errorf("PutDocument after space returned = %v, %v", ok, err)
	}
}

// TestReopen reopens a store: the schema is current and the data is there.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	a := MustOpenPath(t, path)
	if _, err := a.PutDocument(ctx, storetest.Generate(1, 3)[0]); err != nil {
		t.Fatal(err)
	}
	a.Close()
	b := MustOpenPath(t, path)
	defer b.Close()
	if v, err := b.Version(ctx); v != 3 || err != nil {
		t.Errorf("Version = %d, %v; want 3", v, err)
	}
	if ok, err := b.HasDocument(ctx, "gen-3-0"); !ok || err != nil {
		t.Errorf("HasDocument after reopening = %v, %v", ok, err)
	}
	if _, err := sqlite.Open(""); chronicle.ErrorCode(err) != chronicle.EInvalid {
		t.Errorf("Open(\"\"): %v, want EInvalid", err)
	}
	if _, err := sqlite.Open(filepath.Join(t.TempDir(), "no", "such", "dir", "x.db")); err == nil {
		t.Error("Open in a missing folder succeeded")
	}
}

// TestOpenNotADatabase opens a file that is not SQLite: a clear error, no
// panic, and the file is left alone.
func TestOpenNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	content := []byte("these are notes, not a database\n")
	if err := os.WriteFile(path, append(content, make([]byte, 4096)...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := sqlite.Open(path)
	if err == nil {
		t.Fatal("Open of a text file succeeded")
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
	b, _ := os.ReadFile(path)
	if !bytes.HasPrefix(b, content) {
		t.Error("Open changed the file")
	}
}
