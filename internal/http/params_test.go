package httpapi

import (
	"net/url"
	"strings"
	"testing"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  chronicle.Filter
		csv   bool
	}{
		{"defaults", "", chronicle.Filter{Limit: DefaultLimit}, false},
		{"normalised case", "type=assault&country=ukr&factuality=Planned",
			chronicle.Filter{Type: "ASSAULT", Country: "UKR", Factuality: "planned", Limit: DefaultLimit}, false},
		{"everything", "actor=USAGOV&cameo=036&since=2025-01-01&until=2025-01-31&text=gas+deal&story=s1&document=d1&limit=10&cursor=abc",
			chronicle.Filter{Actor: "USAGOV", CAMEO: "036", Since: "2025-01-01", Until: "2025-01-31", Text: "gas deal",
				Story: "s1", Document: "d1", Limit: 10, Cursor: "abc"}, false},
		{"csv allows long pages", "format=csv&limit=5000", chronicle.Filter{Limit: 5000}, true},
		{"same day", "since=2025-02-02&until=2025-02-02", chronicle.Filter{Since: "2025-02-02", Until: "2025-02-02", Limit: DefaultLimit}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, _ := url.ParseQuery(tt.query)
			q, err := parseQuery(v, nil)
			if err != nil {
				t.Fatal(err)
			}
			if q.Filter != tt.want || q.CSV != tt.csv {
				t.Errorf("got %+v csv=%v, want %+v csv=%v", q.Filter, q.CSV, tt.want, tt.csv)
			}
		})
	}
}

// FuzzParseQuery checks that any query string is either accepted with
// values in range or rejected with an EInvalid error naming a parameter.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"", "type=AID&limit=5", "since=2025-01-01&until=2024-01-01", "limit=-1", "cameo=%00",
		"format=csv&limit=100000", "country=us", "text=" + strings.Repeat("x", 600), "a=1&a=2", "%zz", "bucket=week"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := parseQuery(v, []param{{"bucket", ""}})
		if err != nil {
			if chronicle.ErrorCode(err) != chronicle.EInvalid || !strings.HasPrefix(err.Error(), "parameter ") {
				t.Fatalf("error %v (code %s) is not an EInvalid naming the parameter", err, chronicle.ErrorCode(err))
			}
			return
		}
		f := q.Filter
		max := MaxLimit
		if q.CSV {
			max = MaxCSVLimit
		}
		if f.Limit < 1 || f.Limit > max {
			t.Fatalf("limit %d accepted", f.Limit)
		}
		if f.Type != "" && !ploverTypes[f.Type] {
			t.Fatalf("type %q accepted", f.Type)
		}
		for _, d := range []string{f.Since, f.Until} {
			if d != "" {
				if _, err := time.Parse("2006-01-02", d); err != nil {
					t.Fatalf("date %q accepted", d)
				}
			}
		}
		if f.Since != "" && f.Until != "" && f.Until < f.Since {
			t.Fatalf("until %s before since %s accepted", f.Until, f.Since)
		}
		if len(f.Cursor) > maxCursorLength {
			t.Fatal("long cursor accepted")
		}
	})
}
