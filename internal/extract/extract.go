// Package extract reduces HTML pages to their main text, keeping paragraph
// breaks, and reads page metadata.
package extract

// Page is what extraction found in an HTML page.
type Page struct {
	Text   string // main text; paragraphs separated by a blank line
	Title  string
	Date   string // publication date YYYY-MM-DD if found
	Author string
	Site   string
}

// LooksLikeHTML reports whether b appears to be an HTML document.
func LooksLikeHTML(b []byte) bool {
	return false // TODO
}

// HTML extracts the main text and metadata of an HTML page. pageURL may be
// empty.
func HTML(markup, pageURL string) (Page, error) {
	return Page{Text: markup}, nil // TODO
}
