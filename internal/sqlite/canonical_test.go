package sqlite_test

import (
	"path/filepath"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/sqlite"
	"github.com/chronicle-news/chronicle/internal/storetest"
)

// TestCanonicalTwoWriters writes one database through two stores, as two
// processes would.
func TestCanonicalTwoWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "two.db")
	a, b, one := MustOpenPath(t, path), MustOpenPath(t, path), MustOpen(t)
	defer a.Close()
	defer b.Close()
	defer one.Close()
	storetest.TwoWriters(t, a, b, one)
}

// TestCanonicalRebuild opens a store whose canonical events are missing,
// as in a store written before they existed.
func TestCanonicalRebuild(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	one := MustOpen(t)
	defer one.Close()
	storetest.Rebuild(t, func() chronicle.Store { return MustOpenPath(t, path) }, one)
}

// TestCanonicalLimit writes more events than the merger holds through two
// successive handles.
func TestCanonicalLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "limit.db")
	small := func(s *sqlite.Store) chronicle.Store {
		s.Merge.Limit = 200
		return s
	}
	one := small(MustOpen(t))
	defer one.Close()
	storetest.Limit(t, func() chronicle.Store { return small(MustOpenPath(t, path)) }, one)
}
