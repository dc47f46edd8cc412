package sqlite_test

import (
	"context"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/storetest"
)

// FuzzFilter sends arbitrary filter strings to the queries: each must
// succeed or fail with EInvalid, never with a SQL or FTS error.
func FuzzFilter(f *testing.F) {
	s := MustOpen(f)
	defer s.Close()
	ctx := context.Background()
	if _, err := s.PutDocuments(ctx, storetest.Generate(10, 1)); err != nil {
		f.Fatal(err)
	}
	f.Add("USA", "grain", "2025-01-01", "story-1-0", "")
	f.Add("x' OR 1=1 --", `"a" NEAR(b c) OR title:*`, "2025-13-01", "'; DROP TABLE events;", "eyJ0IjoiZXZlbnRzIn0")
	f.Add("%_\\", "AND OR NOT ^", "20250101", "\x00", "!!!")
	f.Fuzz(func(t *testing.T, actor, text, date, story, cursor string) {
		fl := chronicle.Filter{Actor: actor, Text: text, Since: date, Story: story, Cursor: cursor, Country: story, CAMEO: date, Type: actor, Factuality: text}
		for _, filter := range []chronicle.Filter{fl, {Actor: actor, Text: text, Since: date, Story: story, Cursor: cursor}} {
			if _, _, err := s.Events(ctx, filter); err != nil && chronicle.ErrorCode(err) != chronicle.EInvalid {
				t.Fatalf("Events(%+v): %v", filter, err)
			}
			if _, _, err := s.Documents(ctx, filter); err != nil && chronicle.ErrorCode(err) != chronicle.EInvalid {
				t.Fatalf("Documents(%+v): %v", filter, err)
			}
			if _, _, err := s.CanonicalEvents(ctx, filter); err != nil && chronicle.ErrorCode(err) != chronicle.EInvalid {
				t.Fatalf("CanonicalEvents(%+v): %v", filter, err)
			}
			if _, err := s.CanonicalEvent(ctx, story); err != nil && chronicle.ErrorCode(err) != chronicle.ENotFound {
				t.Fatalf("CanonicalEvent(%q): %v", story, err)
			}
			filter.Cursor = ""
			if _, _, err := s.Quotes(ctx, filter); err != nil && chronicle.ErrorCode(err) != chronicle.EInvalid {
				t.Fatalf("Quotes(%+v): %v", filter, err)
			}
			if _, _, err := s.Actors(ctx, filter); err != nil && chronicle.ErrorCode(err) != chronicle.EInvalid {
				t.Fatalf("Actors(%+v): %v", filter, err)
			}
		}
	})
}
