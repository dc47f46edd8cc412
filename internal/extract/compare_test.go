//go:build compare

package extract

// This file measures go-readability against go-trafilatura on the test
// pages: run `go test -tags compare -run Compare -v ./internal/extract/`.
// It is behind a build tag so that ordinary builds do not compile
// trafilatura and its date parser.

import (
	"os"
	"strings"
	"testing"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

func trafilaturaText(doc *html.Node) string {
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{ExcludeComments: true, HtmlDateMode: trafilatura.Fast})
	if err != nil || res == nil || res.ContentNode == nil {
		return ""
	}
	return renderText(res.ContentNode)
}

func TestCompareExtractors(t *testing.T) {
	extractors := map[string]func(*html.Node) string{
		"readability": func(d *html.Node) string { var p Page; return mainText(d, nil, &p) },
		"trafilatura": trafilaturaText,
		"body":        bodyText,
	}
	for _, name := range []string{"readability", "trafilatura", "body"} {
		var sumP, sumR float64
		exact := 0
		pages := []string{"article", "jsonld", "short", "divsoup"}
		for _, pg := range pages {
			markup, _ := os.ReadFile("testdata/" + pg + ".html")
			want, _ := os.ReadFile("testdata/" + pg + ".txt")
			doc, _ := html.Parse(strings.NewReader(string(markup)))
			got := cleanText(extractors[name](doc))
			p, r := paragraphPR(strings.TrimSpace(string(want)), got)
			sumP += p
			sumR += r
			if got == strings.TrimSpace(string(want)) {
				exact++
			}
		}
		n := float64(len(pages))
		t.Logf("%-12s paragraph precision %.2f recall %.2f, exact pages %d/%d", name, sumP/n, sumR/n, exact, len(pages))
	}
}
