package extract

import (
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// mainText returns the main text of doc found by readability, filling
// metadata that page lacks from what readability read. doc may be changed.
func mainText(doc *html.Node, u *url.URL, page *Page) string {
	art, err := readability.FromDocument(doc, u)
	if err != nil {
		return ""
	}
	if page.Title == "" {
		page.Title = strings.TrimSpace(art.Title())
	}
	if page.Author == "" {
		page.Author = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(art.Byline()), "By "))
	}
	if page.Site == "" {
		page.Site = strings.TrimSpace(art.SiteName())
	}
	if page.Date == "" {
		if t, err := art.PublishedTime(); err == nil {
			page.Date = t.Format("2006-01-02")
		}
	}
	if art.Node == nil {
		return ""
	}
	return renderText(art.Node)
}

// bodyText is the simple extraction: the text of the body without
// navigation, headers, footers, asides, forms and elements whose class or id
// names boilerplate.
func bodyText(doc *html.Node) string {
	body := findElement(doc, atom.Body)
	if body == nil {
		return ""
	}
	var prune func(n *html.Node)
	prune = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode && isBoilerplate(c) {
				n.RemoveChild(c)
			} else {
				prune(c)
			}
			c = next
		}
	}
	prune(body)
	return renderText(body)
}

func isBoilerplate(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Form, atom.Menu:
		return true
	}
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" && a.Key != "role" {
			continue
		}
		v := strings.ToLower(a.Val)
		for _, w := range []string{"nav", "menu", "footer", "header", "cookie", "banner", "comment", "share",
			"social", "related", "newsletter", "subscribe", "sidebar", "advert", "promo", "breadcrumb", "top-bar"} {
			if strings.Contains(v, w) {
				return true
			}
		}
	}
	return false
}

func findElement(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, a); f != nil {
			return f
		}
	}
	return nil
}
