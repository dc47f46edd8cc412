package httpapi

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
)

// PLOVERTypes are the 16 event types of PLOVER v2, the values the type
// parameter accepts.
var ploverTypes = map[string]bool{
	"AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true,
	"COOPERATE": true, "AID": true, "RETREAT": true, "REQUEST": true,
	"ACCUSE": true, "REJECT": true, "THREATEN": true, "SANCTION": true,
	"PROTEST": true, "MOBILIZE": true, "COERCE": true, "ASSAULT": true,
}

var factualities = map[string]bool{
	chronicle.FactOccurred: true, chronicle.FactPlanned: true, chronicle.FactNegated: true,
	chronicle.FactHypothetical: true, chronicle.FactReported: true, chronicle.FactHistorical: true,
}

// filterParams are the query parameters every list endpoint takes.
var filterParams = []param{
	{"actor", "CAMEO actor code prefix (USA matches USAGOV) or an actor name"},
	{"type", "PLOVER event type, e.g. ASSAULT"},
	{"cameo", "CAMEO event code prefix, e.g. 19"},
	{"country", "ISO 3166 alpha-3 country of source, target or location"},
	{"since", "first date, YYYY-MM-DD, inclusive"},
	{"until", "last date, YYYY-MM-DD, inclusive"},
	{"text", "full-text query"},
	{"factuality", "occurred, planned, negated, hypothetical, reported or historical"},
	{"story", "story id"},
	{"document", "document id"},
	{"limit", "page size, 1 to 1000 (CSV: up to 10000), default 50; network and places: the heaviest that many"},
	{"cursor", "the next value of the previous page"},
	{"format", "json (default) or csv"},
}

// param is a documented query parameter.
type param struct {
	Name, Doc string
}

// badParam returns an EInvalid error naming the parameter.
func badParam(name, format string, args ...any) error {
	e := chronicle.Errorf(chronicle.EInvalid, format, args...)
	e.Op = "parameter " + name
	return e
}

// query is a parsed request: the filter, the output format, and the
// endpoint's extra parameters.
type query struct {
	Filter chronicle.Filter
	CSV    bool
	Extra  map[string]string
}

// parseQuery reads the filter parameters and the extra ones the endpoint
// allows. Unknown or repeated parameters and malformed values are EInvalid
// errors naming the parameter.
func parseQuery(v url.Values, extra []param) (query, error) {
	q := query{Extra: map[string]string{}}
	allowed := map[string]bool{}
	for _, p := range filterParams {
		allowed[p.Name] = true
	}
	for _, p := range extra {
		allowed[p.Name] = true
	}
	names := make([]string, 0, len(v))
	for name := range v {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !allowed[name] {
			return q, badParam(name, "unknown parameter (allowed: %s)", allowedList(extra))
		}
		if len(v[name]) > 1 {
			return q, badParam(name, "given %d times; give it once", len(v[name]))
		}
	}
	get := func(name string) string { return strings.TrimSpace(v.Get(name)) }
	f := &q.Filter
	f.Actor = get("actor")
	if len(f.Actor) > 200 {
		return q, badParam("actor", "longer than 200 characters")
	}
	if t := get("type"); t != "" {
		t = strings.ToUpper(t)
		if !ploverTypes[t] {
			return q, badParam("type", "%q is not a PLOVER event type (one of %s)", v.Get("type"), sortedKeys(ploverTypes))
		}
		f.Type = t
	}
	if c := get("cameo"); c != "" {
		if len(c) > 4 || strings.Trim(c, "0123456789") != "" {
			return q, badParam("cameo", "%q is not a CAMEO event code prefix (up to 4 digits, e.g. 19 or 036)", c)
		}
		f.CAMEO = c
	}
	if c := get("country"); c != "" {
		c = strings.ToUpper(c)
		if len(c) != 3 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return q, badParam("country", "%q is not an ISO 3166 alpha-3 code (three letters, e.g. USA)", v.Get("country"))
		}
		f.Country = c
	}
	var since, until time.Time
	for _, d := range []struct {
		name string
		dst  *string
		t    *time.Time
	}{{"since", &f.Since, &since}, {"until", &f.Until, &until}} {
		s := get(d.name)
		if s == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return q, badParam(d.name, "%q is not a date YYYY-MM-DD", s)
		}
		*d.dst, *d.t = s, t
	}
	if !since.IsZero() && !until.IsZero() && until.Before(since) {
		return q, badParam("until", "%s is before since %s", f.Until, f.Since)
	}
	f.Text = get("text")
	if len(f.Text) > 500 {
		return q, badParam("text", "longer than 500 characters")
	}
	if fa := get("factuality"); fa != "" {
		fa = strings.ToLower(fa)
		if !factualities[fa] {
			return q, badParam("factuality", "%q is not one of %s", v.Get("factuality"), sortedKeys(factualities))
		}
		f.Factuality = fa
	}
	f.Story = get("story")
	f.Document = get("document")
	switch fm := get("format"); fm {
	case "", "json":
	case "csv":
		q.CSV = true
	default:
		return q, badParam("format", "%q is not json or csv", fm)
	}
	f.Limit = DefaultLimit
	if l := get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		max := MaxLimit
		if q.CSV {
			max = MaxCSVLimit
		}
		if err != nil || n < 1 || n > max {
			return q, badParam("limit", "%q is not a whole number from 1 to %d", l, max)
		}
		f.Limit = n
	}
	if c := v.Get("cursor"); c != "" {
		if len(c) > maxCursorLength {
			return q, badParam("cursor", "longer than %d characters; pass the next value of the previous page", maxCursorLength)
		}
		f.Cursor = c
	}
	for _, p := range extra {
		q.Extra[p.Name] = get(p.Name)
	}
	return q, nil
}

func allowedList(extra []param) string {
	var names []string
	for _, p := range filterParams {
		names = append(names, p.Name)
	}
	for _, p := range extra {
		names = append(names, p.Name)
	}
	return strings.Join(names, ", ")
}

func sortedKeys(m map[string]bool) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}
