package extract

import (
	"encoding/json"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is the metadata read from a page's head and JSON-LD.
type pageMeta struct {
	title, site, author, date, canonical string
}

// readMeta reads title, site, author, publication date and canonical URL
// from meta tags, link tags, JSON-LD and the title element.
func readMeta(doc *html.Node) pageMeta {
	var m pageMeta
	var docTitle, ogTitle string
	var dates []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if docTitle == "" && n.FirstChild != nil {
					docTitle = strings.TrimSpace(n.FirstChild.Data)
				}
			case atom.Meta:
				key := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
				val := strings.TrimSpace(attr(n, "content"))
				if val == "" {
					break
				}
				switch key {
				case "og:title", "twitter:title":
					if ogTitle == "" {
						ogTitle = val
					}
				case "og:site_name", "application-name":
					if m.site == "" {
						m.site = val
					}
				case "author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author":
					if m.author == "" && !strings.HasPrefix(val, "http") {
						m.author = strings.TrimPrefix(strings.TrimPrefix(val, "By "), "by ")
					}
				case "article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date",
					"dc.date.issued", "dcterms.created", "parsely-pub-date", "sailthru.date", "og:published_time",
					"article.published", "publication_date", "original-publish-date":
					dates = append(dates, val)
				case "og:url":
					if m.canonical == "" {
						m.canonical = val
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && attr(n, "href") != "" {
					m.canonical = attr(n, "href")
				}
			case atom.Script:
				if strings.EqualFold(attr(n, "type"), "application/ld+json") && n.FirstChild != nil {
					readJSONLD(n.FirstChild.Data, &m, &ogTitle, &dates)
				}
			case atom.Time:
				if d := attr(n, "datetime"); d != "" && (attr(n, "pubdate") != "" || strings.Contains(attr(n, "itemprop"), "datePublished")) {
					dates = append(dates, d)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, d := range dates {
		if v := normalizeDate(d); v != "" {
			m.date = v
			break
		}
	}
	m.title = ogTitle
	if m.title == "" {
		m.title = stripSiteName(docTitle, m.site)
	}
	return m
}

// readJSONLD reads schema.org article metadata from a JSON-LD block.
func readJSONLD(src string, m *pageMeta, title *string, dates *[]string) {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
		return
	}
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 6 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			if g, ok := x["@graph"]; ok {
				visit(g, depth+1)
			}
			typ := strings.ToLower(jsonString(x["@type"]))
			if !strings.Contains(typ, "article") && !strings.Contains(typ, "posting") && typ != "webpage" && typ != "report" {
				return
			}
			if d := jsonString(x["datePublished"]); d != "" {
				*dates = append(*dates, d)
			}
			if *title == "" {
				*title = strings.TrimSpace(jsonString(x["headline"]))
			}
			if m.author == "" {
				m.author = jsonName(x["author"])
			}
			if m.site == "" {
				m.site = jsonName(x["publisher"])
			}
		}
	}
	visit(v, 0)
}

func jsonString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		if len(x) > 0 {
			return jsonString(x[0])
		}
	}
	return ""
}

// jsonName returns the name of a schema.org person or organisation (or a
// list of them, joined with commas).
func jsonName(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case map[string]any:
		return strings.TrimSpace(jsonString(x["name"]))
	case []any:
		var names []string
		for _, e := range x {
			if n := jsonName(e); n != "" {
				names = append(names, n)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// stripSiteName removes a site name suffix such as " | The Ledger" from a
// document title.
func stripSiteName(title, site string) string {
	for _, sep := range []string{" | ", " - ", " — ", " – ", " :: "} {
		if i := strings.LastIndex(title, sep); i > 0 {
			suffix := strings.TrimSpace(title[i+len(sep):])
			if (site != "" && strings.EqualFold(suffix, site)) || (site == "" && len(suffix) < len(title)/2 && len(strings.Fields(suffix)) <= 4) {
				return strings.TrimSpace(title[:i])
			}
		}
	}
	return title
}

var dateLayouts = []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04",
	"2006-01-02 15:04:05", "2006-01-02", "20060102", time.RFC1123, time.RFC1123Z, "January 2, 2006", "Jan 2, 2006",
	"2 January 2006", "2006/01/02"}

// normalizeDate returns s as YYYY-MM-DD, or "" when it is not a date.
func normalizeDate(s string) string {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil && t.Year() >= 1900 && t.Year() < 2200 {
			return t.Format("2006-01-02")
		}
	}
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return ""
}

// urlDate matches /2025/03/14/ or /2025-03-14 in a URL path.
var urlDate = regexp.MustCompile(`(?:^|/)((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|$|[-_])`)

// dateFromURL returns the date a URL path names, or "".
func dateFromURL(path string) string {
	m := urlDate.FindStringSubmatch(path)
	if m == nil {
		return ""
	}
	return normalizeDate(m[1] + "-" + m[2] + "-" + m[3])
}
