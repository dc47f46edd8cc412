package sqlstore

import (
	"strings"
	"testing"
	"unicode"

	chronicle "github.com/chronicle-news/chronicle"
)

func TestDollar(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"none", `SELECT 1`, `SELECT 1`},
		{"several", `a = ? AND b IN (?, ?)`, `a = $1 AND b IN ($2, $3)`},
		{"quoted mark kept", `x LIKE ? ESCAPE '\' AND y = '?' AND z = ?`, `x LIKE $1 ESCAPE '\' AND y = '?' AND z = $2`},
		{"ten or more", strings.Repeat("?,", 10) + "?", "$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Dollar(tt.in); got != tt.want {
				t.Errorf("Dollar(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseFilter(t *testing.T) {
	tests := []struct {
		name    string
		f       chronicle.Filter
		invalid bool
		check   func(t *testing.T, q *query)
	}{
		{name: "default limit", check: func(t *testing.T, q *query) {
			if q.Limit != DefaultLimit {
				t.Errorf("limit %d, want %d", q.Limit, DefaultLimit)
			}
		}},
		{name: "code prefix", f: chronicle.Filter{Actor: " USA "}, check: func(t *testing.T, q *query) {
			if q.actorCode != "USA" || q.actorName != "" {
				t.Errorf("actor code %q name %q", q.actorCode, q.actorName)
			}
		}},
		{name: "actor name", f: chronicle.Filter{Actor: "Marco Rubio"}, check: func(t *testing.T, q *query) {
			if q.actorName != "marco rubio" || q.actorCode != "" {
				t.Errorf("actor code %q name %q", q.actorCode, q.actorName)
			}
		}},
		{name: "normalised", f: chronicle.Filter{Type: "consult", Country: "slv", Factuality: "Planned", Since: "20250102"}, check: func(t *testing.T, q *query) {
			if q.Type != "CONSULT" || q.Country != "SLV" || q.Factuality != "planned" || q.Since != "2025-01-02" {
				t.Errorf("got %+v", q.Filter)
			}
		}},
		{name: "text words", f: chronicle.Filter{Text: `"Grain" OR title:deal*`}, check: func(t *testing.T, q *query) {
			if strings.Join(q.ftsTerms, " ") != "grain or title deal" {
				t.Errorf("terms %q", q.ftsTerms)
			}
		}},
		{name: "cursor round trip", f: chronicle.Filter{Cursor: cursor{Kind: "events", Key: "2025-01-01", PK: 7}.encode()}, check: func(t *testing.T, q *query) {
			if q.cursor != (cursor{Kind: "events", Key: "2025-01-01", PK: 7}) {
				t.Errorf("cursor %+v", q.cursor)
			}
		}},
		{name: "negative limit", f: chronicle.Filter{Limit: -1}, invalid: true},
		{name: "huge limit", f: chronicle.Filter{Limit: MaxLimit + 1}, invalid: true},
		{name: "bad type", f: chronicle.Filter{Type: "PARTY"}, invalid: true},
		{name: "bad cameo", f: chronicle.Filter{CAMEO: "04a"}, invalid: true},
		{name: "bad country", f: chronicle.Filter{Country: "US"}, invalid: true},
		{name: "bad factuality", f: chronicle.Filter{Factuality: "maybe"}, invalid: true},
		{name: "bad date", f: chronicle.Filter{Since: "2025-13-01"}, invalid: true},
		{name: "since after until", f: chronicle.Filter{Since: "2025-02-01", Until: "2025-01-01"}, invalid: true},
		{name: "no words", f: chronicle.Filter{Text: "!!!"}, invalid: true},
		{name: "control character", f: chronicle.Filter{Story: "a\x00b"}, invalid: true},
		{name: "invalid utf-8", f: chronicle.Filter{Document: "a\xffb"}, invalid: true},
		{name: "cursor of another list", f: chronicle.Filter{Cursor: cursor{Kind: "quotes"}.encode()}, invalid: true},
		{name: "garbage cursor", f: chronicle.Filter{Cursor: "garbage"}, invalid: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := parseFilter("events", tt.f)
			if tt.invalid {
				if chronicle.ErrorCode(err) != chronicle.EInvalid {
					t.Fatalf("parseFilter(%+v) error %v, want EInvalid", tt.f, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseFilter(%+v): %v", tt.f, err)
			}
			tt.check(t, q)
		})
	}
}

func TestByWeek(t *testing.T) {
	days := []chronicle.TimelinePoint{
		{Bucket: "2025-01-05", Group: "AID", Events: 1}, // a Sunday: week of 2024-12-30
		{Bucket: "2025-01-06", Group: "AID", Events: 2}, // a Monday
		{Bucket: "2025-01-08", Group: "AID", Events: 3},
		{Bucket: "2025-01-08", Group: "ACCUSE", Events: 4},
	}
	got := byWeek(days)
	want := []chronicle.TimelinePoint{
		{Bucket: "2024-12-30", Group: "AID", Events: 1},
		{Bucket: "2025-01-06", Group: "ACCUSE", Events: 4},
		{Bucket: "2025-01-06", Group: "AID", Events: 5},
	}
	if len(got) != len(want) {
		t.Fatalf("byWeek = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("byWeek[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// FuzzParseFilter checks that any filter is accepted or rejected with
// EInvalid, and that full-text words hold only letters and digits.
func FuzzParseFilter(f *testing.F) {
	f.Add("USA", "grain deal", "2025-01-01", "story-1", "")
	f.Add("x' OR 1=1 --", `"a" NEAR(b c) OR title:*`, "2025-13-01", "'; DROP TABLE events;", "eyJ0IjoiZXZlbnRzIn0")
	f.Fuzz(func(t *testing.T, actor, text, date, story, cur string) {
		fl := chronicle.Filter{Actor: actor, Text: text, Since: date, Story: story, Cursor: cur, Country: story, CAMEO: date, Type: actor, Factuality: text}
		q, err := parseFilter("events", fl)
		if err != nil {
			if chronicle.ErrorCode(err) != chronicle.EInvalid {
				t.Fatalf("parseFilter(%+v): %v", fl, err)
			}
			return
		}
		for _, w := range q.ftsTerms {
			if w == "" || strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
				t.Fatalf("text word %q of %q is not letters and digits", w, text)
			}
		}
	})
}
