// Package testutil holds helpers shared by tests.
package testutil

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// SharedDir returns the path of the shared data folder (../shared from the
// repository root, or $CHRONICLE_SHARED). When it is absent the test is
// skipped with a message, or fails when CHRONICLE_REQUIRE_SHARED=1.
func SharedDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("CHRONICLE_SHARED")
	if dir == "" {
		dir = filepath.Join(RepoRoot(tb), "..", "shared")
	}
	if st, err := os.Stat(filepath.Join(dir, "data")); err != nil || !st.IsDir() {
		if os.Getenv("CHRONICLE_REQUIRE_SHARED") == "1" {
			tb.Fatalf("shared data folder %s is missing and CHRONICLE_REQUIRE_SHARED=1", dir)
		}
		tb.Skipf("shared data folder %s is absent; skipping (set CHRONICLE_SHARED to point at it)", dir)
	}
	return dir
}

// SharedFile returns the path of a file under the shared folder, skipping or
// failing like SharedDir when it is missing.
func SharedFile(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(SharedDir(tb), rel)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CHRONICLE_REQUIRE_SHARED") == "1" {
			tb.Fatalf("shared file %s is missing: %v", p, err)
		}
		tb.Skipf("shared file %s is absent; skipping", p)
	}
	return p
}

// RepoRoot returns the repository root (the folder holding go.mod).
func RepoRoot(tb testing.TB) string {
	tb.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("cannot locate the repository root")
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}
