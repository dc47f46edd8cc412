package sqlstore

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	chronicle "github.com/chronicle-news/chronicle"
)

// Limits on query input.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
	maxTextQuery = 500
	maxString    = 1000
)

// isPLOVER reports whether s is one of the 16 PLOVER v2 event types.
func isPLOVER(s string) bool {
	switch s {
	case "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
		"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT":
		return true
	}
	return false
}

// isFactuality reports whether s is one of the factuality values.
func isFactuality(s string) bool {
	switch s {
	case chronicle.FactOccurred, chronicle.FactPlanned, chronicle.FactNegated,
		chronicle.FactHypothetical, chronicle.FactReported, chronicle.FactHistorical:
		return true
	}
	return false
}

// query is a validated filter.
type query struct {
	chronicle.Filter
	actorCode string   // upper-case CAMEO code prefix, or ""
	actorName string   // lower-case name substring, or ""
	ftsTerms  []string // words of the full-text query
	cursor    cursor
}

// cursor is the decoded position after the last record of a page: a sort
// key and a primary key, or an offset for aggregates.
type cursor struct {
	Kind   string `json:"t"`
	Key    string `json:"k,omitempty"`
	PK     int64  `json:"p,omitempty"`
	Offset int    `json:"o,omitempty"`
}

// encode returns the cursor as the opaque string handed to clients.
func (c cursor) encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// invalid returns an EInvalid error of the operation op.
func invalid(op, format string, args ...any) error {
	e := chronicle.Errorf(chronicle.EInvalid, format, args...)
	e.Op = op
	return e
}

// parseFilter validates f for the operation op (the kind of record listed)
// and normalises it.
func parseFilter(op string, f chronicle.Filter) (*query, error) {
	q := &query{Filter: f}
	switch {
	case f.Limit < 0:
		return nil, invalid(op, "limit %d is negative", f.Limit)
	case f.Limit == 0:
		q.Limit = DefaultLimit
	case f.Limit > MaxLimit:
		return nil, invalid(op, "limit %d is larger than the maximum %d", f.Limit, MaxLimit)
	}
	if f.MinArticles < 0 {
		return nil, invalid(op, "min articles %d is negative", f.MinArticles)
	}
	for _, field := range [...]struct{ name, v string }{{"actor", f.Actor}, {"type", f.Type}, {"cameo", f.CAMEO},
		{"country", f.Country}, {"since", f.Since}, {"until", f.Until}, {"text", f.Text}, {"factuality", f.Factuality},
		{"story", f.Story}, {"document", f.Document}, {"cursor", f.Cursor}} {
		name, v := field.name, field.v
		if len(v) > maxString {
			return nil, invalid(op, "%s is longer than %d bytes", name, maxString)
		}
		if !utf8.ValidString(v) {
			return nil, invalid(op, "%s is not valid UTF-8", name)
		}
		if strings.ContainsFunc(v, func(r rune) bool { return unicode.IsControl(r) }) {
			return nil, invalid(op, "%s contains control characters", name)
		}
	}
	if a := strings.TrimSpace(f.Actor); a != "" {
		if isCodePrefix(a) {
			q.actorCode = a
		} else {
			q.actorName = strings.ToLower(a)
		}
	}
	if f.Type != "" {
		q.Type = strings.ToUpper(strings.TrimSpace(f.Type))
		if !isPLOVER(q.Type) {
			return nil, invalid(op, "type %q is not a PLOVER event type", f.Type)
		}
	}
	if f.CAMEO != "" {
		q.CAMEO = strings.TrimSpace(f.CAMEO)
		if len(q.CAMEO) > 4 || strings.Trim(q.CAMEO, "0123456789") != "" {
			return nil, invalid(op, "cameo %q is not a CAMEO event code prefix (up to 4 digits)", f.CAMEO)
		}
	}
	if f.Country != "" {
		q.Country = strings.ToUpper(strings.TrimSpace(f.Country))
		if len(q.Country) != 3 || strings.Trim(q.Country, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return nil, invalid(op, "country %q is not a three-letter ISO code", f.Country)
		}
	}
	if f.Factuality != "" {
		q.Factuality = strings.ToLower(strings.TrimSpace(f.Factuality))
		if !isFactuality(q.Factuality) {
			return nil, invalid(op, "factuality %q is not one of occurred, planned, negated, hypothetical, reported, historical", f.Factuality)
		}
	}
	var err error
	if q.Since, err = parseDay(op, "since", f.Since); err != nil {
		return nil, err
	}
	if q.Until, err = parseDay(op, "until", f.Until); err != nil {
		return nil, err
	}
	if q.Since != "" && q.Until != "" && q.Since > q.Until {
		return nil, invalid(op, "since %s is after until %s", q.Since, q.Until)
	}
	if f.Text != "" {
		if len(f.Text) > maxTextQuery {
			return nil, invalid(op, "text query is longer than %d bytes", maxTextQuery)
		}
		q.ftsTerms = textTerms(f.Text)
		if len(q.ftsTerms) == 0 {
			return nil, invalid(op, "text query %q has no words", f.Text)
		}
		if len(q.ftsTerms) > 32 {
			return nil, invalid(op, "text query has more than 32 words")
		}
	}
	if f.Cursor != "" {
		b, err := base64.RawURLEncoding.DecodeString(f.Cursor)
		if err != nil || json.Unmarshal(b, &q.cursor) != nil || q.cursor.Kind != op || q.cursor.Offset < 0 {
			return nil, invalid(op, "cursor %q is not a cursor from a previous %s page", f.Cursor, op)
		}
	}
	return q, nil
}

// isCodePrefix reports whether s looks like a CAMEO actor code prefix: upper
// case letters only, at least three.
func isCodePrefix(s string) bool {
	if len(s) < 3 || len(s) > 30 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// parseDay accepts YYYY-MM-DD or YYYYMMDD and returns YYYY-MM-DD.
func parseDay(op, name, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	for _, layout := range []string{"2006-01-02", "20060102"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02"), nil
		}
	}
	return "", invalid(op, "%s %q is not a date (YYYY-MM-DD)", name, s)
}

// textTerms splits a full-text query into words of letters and digits; all
// other characters (quotes, operators, column filters) are dropped, so the
// words are plain data for every dialect's full-text syntax.
func textTerms(s string) []string {
	var terms []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		terms = append(terms, strings.ToLower(w))
	}
	return terms
}

// likeEscape escapes s for a LIKE pattern with ESCAPE '\'.
func likeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// upperBound returns the smallest string greater than every string starting
// with the ASCII prefix p.
func upperBound(p string) string {
	return p[:len(p)-1] + string(p[len(p)-1]+1)
}

// effectiveDay is the day an event is filed under: its own date when it is
// a full date, else the document's date.
func effectiveDay(eventDate, docDate string) string {
	if d := fullDay(eventDate); d != "" {
		return d
	}
	return fullDay(docDate)
}

// fullDay returns the YYYY-MM-DD prefix of s when it is a valid date, else "".
func fullDay(s string) string {
	if len(s) < 10 {
		return ""
	}
	if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
		return ""
	}
	return s[:10]
}

// validTimeline checks the timeline's bucket and group names.
func validTimeline(bucket, group string) (string, string, error) {
	switch bucket {
	case "":
		bucket = "day"
	case "day", "week":
	default:
		return "", "", invalid("timeline", "bucket %q is not day or week", bucket)
	}
	switch group {
	case "":
		group = "plover"
	case "plover", "quad":
	default:
		return "", "", invalid("timeline", "group %q is not plover or quad", group)
	}
	return bucket, group, nil
}
