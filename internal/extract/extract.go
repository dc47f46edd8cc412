// Package extract reduces HTML pages to their main text, keeping paragraph
// breaks, and reads page metadata (title, publication date, author, site).
//
// The main text comes from go-readability (a port of Mozilla's Readability,
// codeberg.org/readeck/go-readability/v2). On four invented test pages it kept
// every paragraph exactly, where go-trafilatura (measured once and dropped as
// a dependency) kept 59% of paragraphs precisely and repeated text. When it
// finds nothing, a simple extraction of the page body without navigation,
// headers, footers and forms is used instead.
package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Page is what extraction found in an HTML page.
type Page struct {
	Text   string // main text; paragraphs separated by a blank line
	Title  string
	Date   string // publication date YYYY-MM-DD if found
	Author string
	Site   string
	// URL is the page's canonical URL when the page names one.
	URL string
}

// LooksLikeHTML reports whether b appears to be an HTML document: it starts
// (after white space, a byte order mark and comments) with a doctype or an
// html, head or body tag, or has such a tag early on.
func LooksLikeHTML(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n\f")
	head := b
	if len(head) > 1024 {
		head = head[:1024]
	}
	lower := bytes.ToLower(head)
	if !bytes.HasPrefix(lower, []byte("<")) {
		return false
	}
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<?xml", "<!--", "<meta", "<title", "<article", "<div", "<p>", "<p "} {
		if bytes.HasPrefix(lower, []byte(p)) {
			if p == "<?xml" || p == "<!--" {
				return bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<body"))
			}
			return true
		}
	}
	return false
}

// HTML extracts the main text and metadata of an HTML page. pageURL may be
// empty. A page without a body or without text gives an empty Text and no
// error.
func HTML(markup, pageURL string) (Page, error) {
	if !utf8.ValidString(markup) {
		markup = strings.ToValidUTF8(markup, "\uFFFD")
	}
	doc, err := html.Parse(strings.NewReader(markup))
	if err != nil {
		return Page{}, fmt.Errorf("parse html: %w", err)
	}
	var u *url.URL
	if pageURL != "" {
		if pu, err := url.Parse(pageURL); err == nil && pu.Scheme != "" && pu.Host != "" {
			u = pu
		}
	}
	meta := readMeta(doc)
	page := Page{Title: meta.title, Date: meta.date, Author: meta.author, Site: meta.site, URL: meta.canonical}
	main := mainText(doc, u, &page)
	if strings.TrimSpace(main) == "" {
		// The extractor changed the tree: parse again for the fallback.
		if doc, err = html.Parse(strings.NewReader(markup)); err == nil {
			main = bodyText(doc)
		}
	}
	page.Text = cleanText(main)
	if page.Date == "" && u != nil {
		page.Date = dateFromURL(u.Path)
	}
	if page.Date == "" && meta.canonical != "" {
		if cu, err := url.Parse(meta.canonical); err == nil {
			page.Date = dateFromURL(cu.Path)
		}
	}
	return page, nil
}

// cleanText trims each paragraph and drops empty ones.
func cleanText(s string) string {
	var paras []string
	for _, p := range strings.Split(s, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}
