package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/postgres"
	"github.com/chronicle-news/chronicle/internal/storetest"
)

// testURL returns the server from CHRONICLE_TEST_POSTGRES, skipping the test
// when it is unset (failing when CHRONICLE_REQUIRE_POSTGRES=1).
func testURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv("CHRONICLE_TEST_POSTGRES")
	if u == "" {
		if os.Getenv("CHRONICLE_REQUIRE_POSTGRES") == "1" {
			tb.Fatal("CHRONICLE_TEST_POSTGRES is unset and CHRONICLE_REQUIRE_POSTGRES=1")
		}
		tb.Skip("no PostgreSQL server configured: set CHRONICLE_TEST_POSTGRES=postgres://... to run the PostgreSQL store tests (.ci/setup.sh does)")
	}
	return u
}

// MustOpen opens a store in a new, empty schema that is dropped when the
// test ends.
func MustOpen(tb testing.TB) *postgres.Store {
	tb.Helper()
	s, err := postgres.Open(context.Background(), newSchema(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// newSchema creates an empty schema, dropped when the test ends, and
// returns the URL of the test database with that schema as search path.
func newSchema(tb testing.TB) string {
	tb.Helper()
	base := testURL(tb)
	b := make([]byte, 6)
	rand.Read(b)
	schema := "chronicle_test_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
		admin.Close()
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		admin.ExecContext(ctx, `DROP SCHEMA `+schema+` CASCADE`)
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) chronicle.Store { return MustOpen(t) })
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := postgres.Open(ctx, ""); chronicle.ErrorCode(err) != chronicle.EInvalid {
		t.Errorf("Open(\"\"): %v, want an EInvalid error", err)
	}
	if _, err := postgres.Open(ctx, "postgres://nobody:wrong@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"); err == nil {
		t.Error("Open of an unreachable server succeeded")
	}
}

// TestReopen opens the same database twice, at once: the second Open finds
// the schema current, and both see the same documents.
func TestReopen(t *testing.T) {
	ctx := context.Background()
	u := newSchema(t)
	a, err := postgres.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.PutDocument(ctx, storetest.Generate(1, 3)[0]); err != nil {
		t.Fatal(err)
	}
	b, err := postgres.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var n int
	if err := b.DB().QueryRow(`SELECT COUNT(*) FROM schema_version`).Scan(&n); err != nil || n != 3 {
		t.Fatalf("schema_version rows = %d, %v; want 3 (one per migration)", n, err)
	}
	if ok, err := b.HasDocument(ctx, "gen-3-0"); !ok || err != nil {
		t.Errorf("second store: HasDocument = %v, %v", ok, err)
	}
}

// TestCanonicalTwoWriters writes one database through two stores, as two
// processes would: the advisory write lock orders their commits, and each
// catches up with what the other committed.
func TestCanonicalTwoWriters(t *testing.T) {
	ctx := context.Background()
	u := newSchema(t)
	a, err := postgres.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := postgres.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	one := MustOpen(t)
	defer one.Close()
	storetest.TwoWriters(t, a, b, one)
}

// TestCanonicalRebuild opens a store whose canonical events are missing,
// as in a store written before they existed.
func TestCanonicalRebuild(t *testing.T) {
	u := newSchema(t)
	one := MustOpen(t)
	defer one.Close()
	storetest.Rebuild(t, func() chronicle.Store {
		s, err := postgres.Open(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}, one)
}
