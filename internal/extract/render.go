package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// renderText returns the visible text of n with one paragraph per block
// element, paragraphs separated by a blank line and white space inside a
// paragraph collapsed to single spaces.
func renderText(n *html.Node) string {
	r := renderer{}
	r.walk(n)
	r.breakPara()
	return strings.Join(r.paras, "\n\n")
}

type renderer struct {
	paras []string
	cur   strings.Builder
	space bool // a space is pending before the next text
}

func (r *renderer) breakPara() {
	if r.cur.Len() > 0 {
		r.paras = append(r.paras, r.cur.String())
		r.cur.Reset()
	}
	r.space = false
}

func isHTMLSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\u00a0':
		return true
	}
	return false
}

func (r *renderer) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		s := n.Data
		if s == "" {
			return
		}
		if isHTMLSpace(rune(s[0])) {
			r.space = true
		}
		fields := strings.FieldsFunc(s, isHTMLSpace)
		for i, f := range fields {
			if r.cur.Len() > 0 && (r.space || i > 0) {
				r.cur.WriteByte(' ')
			}
			r.cur.WriteString(f)
			r.space = false
		}
		if isHTMLSpace(rune(s[len(s)-1])) {
			r.space = true
		}
		return
	case html.CommentNode, html.DoctypeNode:
		return
	case html.ElementNode:
		if skipElement(n) {
			return
		}
	}
	block := n.Type == html.ElementNode && isBlock(tagAtom(n))
	if block {
		r.breakPara()
	}
	if n.Type == html.ElementNode {
		switch tagAtom(n) {
		case atom.Br, atom.Hr:
			r.breakPara()
			return
		case atom.Td, atom.Th, atom.Img:
			r.space = true
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c)
	}
	if block {
		r.breakPara()
	} else if a := tagAtom(n); n.Type == html.ElementNode && (a == atom.Td || a == atom.Th) {
		r.space = true
	}
}

// skipElement reports whether an element never holds readable text.
func skipElement(n *html.Node) bool {
	switch tagAtom(n) {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Svg, atom.Math, atom.Head,
		atom.Button, atom.Input, atom.Select, atom.Textarea, atom.Option, atom.Object, atom.Embed, atom.Canvas,
		atom.Audio, atom.Video, atom.Picture, atom.Source, atom.Title, atom.Meta, atom.Link:
		return true
	}
	for _, a := range n.Attr {
		if a.Key == "hidden" || (a.Key == "aria-hidden" && a.Val == "true") {
			return true
		}
		if a.Key == "style" && strings.Contains(strings.ReplaceAll(a.Val, " ", ""), "display:none") {
			return true
		}
	}
	return false
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer, atom.Aside, atom.Nav,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.Blockquote, atom.Pre, atom.Table, atom.Tr, atom.Thead, atom.Tbody, atom.Tfoot, atom.Caption,
		atom.Figure, atom.Figcaption, atom.Address, atom.Details, atom.Summary, atom.Fieldset, atom.Form,
		atom.Body, atom.Html, atom.Center, atom.Legend:
		return true
	}
	return false
}

// tagAtom returns the atom of an element, also for elements that extractors
// created by name only.
func tagAtom(n *html.Node) atom.Atom {
	if n.DataAtom != 0 {
		return n.DataAtom
	}
	return atom.Lookup([]byte(strings.ToLower(n.Data)))
}
