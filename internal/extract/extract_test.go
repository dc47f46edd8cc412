package extract

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// paragraphPR returns the share of got's paragraphs that are in want
// (precision) and of want's paragraphs that are in got (recall).
func paragraphPR(want, got string) (p, r float64) {
	wp := strings.Split(want, "\n\n")
	gp := strings.Split(got, "\n\n")
	inWant := map[string]bool{}
	for _, s := range wp {
		inWant[s] = true
	}
	inGot := map[string]bool{}
	tp := 0
	for _, s := range gp {
		inGot[s] = true
		if inWant[s] {
			tp++
		}
	}
	if got != "" {
		p = float64(tp) / float64(len(gp))
	}
	found := 0
	for _, s := range wp {
		if inGot[s] {
			found++
		}
	}
	r = float64(found) / float64(len(wp))
	return p, r
}

func TestHTMLGolden(t *testing.T) {
	tests := []struct {
		page                      string
		title, date, author, site string
	}{
		{"article", "Harbor Ministers Agree on Fishing Truce", "2025-03-14", "Mira Okonkwo", "The Coastal Ledger"},
		{"jsonld", "Council votes to expand river flood defenses", "2024-11-02", "Jonas Whitfield", "Valley Herald"},
		{"short", "Brief: bridge reopens", "", "", ""},
		{"divsoup", "Minister resigns over contract row", "2023-06-09", "", "Northern Post"},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			markup, err := os.ReadFile(filepath.Join("testdata", tt.page+".html"))
			if err != nil {
				t.Fatal(err)
			}
			page, err := HTML(string(markup), "")
			if err != nil {
				t.Fatalf("HTML: %v", err)
			}
			golden := filepath.Join("testdata", tt.page+".txt")
			if *update {
				if err := os.WriteFile(golden, []byte(page.Text+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if w := strings.TrimSpace(string(want)); page.Text != w {
				p, r := paragraphPR(w, page.Text)
				t.Errorf("text differs from %s (paragraph precision %.2f, recall %.2f):\n%s", golden, p, r, page.Text)
			}
			for _, bad := range []string{"cookie", "Subscribe", "Related stories", "All rights reserved", "Comments", "Log in", "Most read", "Share on"} {
				if strings.Contains(page.Text, bad) {
					t.Errorf("boilerplate %q left in the text", bad)
				}
			}
			if page.Title != tt.title || page.Date != tt.date || page.Author != tt.author || page.Site != tt.site {
				t.Errorf("metadata = title %q date %q author %q site %q\nwant      title %q date %q author %q site %q",
					page.Title, page.Date, page.Author, page.Site, tt.title, tt.date, tt.author, tt.site)
			}
		})
	}
}

func TestHTMLEdgeCases(t *testing.T) {
	tests := []struct {
		name, markup, want string
	}{
		{"empty", "", ""},
		{"no body", "<html><head><title>x</title></head></html>", ""},
		{"empty body", "<html><body></body></html>", ""},
		{"only scripts", "<html><body><script>var a = 1;</script><style>p{}</style></body></html>", ""},
		{"fragment", "<p>One line.</p><p>Two <b>bold</b>words.</p>", "One line.\n\nTwo boldwords."},
		{"br breaks", "<html><body><div>First line.<br>Second line.</div></body></html>", "First line.\n\nSecond line."},
		{"entities and nbsp", "<p>Tom&nbsp;&amp;&nbsp;Jerry &#8212; “quoted”</p>", "Tom & Jerry — “quoted”"},
		{"invalid utf-8", "<p>caf\xe9 au lait</p>", "caf\uFFFD au lait"},
		{"unclosed tags", "<html><body><p>Open <i>italic <p>Next", "Open italic\n\nNext"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := HTML(tt.markup, "")
			if err != nil {
				t.Fatalf("HTML: %v", err)
			}
			if page.Text != tt.want {
				t.Errorf("text = %q, want %q", page.Text, tt.want)
			}
		})
	}
}

func TestDateFromURL(t *testing.T) {
	tests := []struct{ url, want string }{
		{"https://news.example/world/2025/03/14/truce", "2025-03-14"},
		{"https://news.example/2024-11-02-council-vote", "2024-11-02"},
		{"https://news.example/story/12345", ""},
		{"https://news.example/2024/13/40/x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			page, err := HTML("<p>Text.</p>", tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if page.Date != tt.want {
				t.Errorf("date = %q, want %q", page.Date, tt.want)
			}
		})
	}
}

func TestLooksLikeHTML(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"<!DOCTYPE html><html>", true},
		{"\ufeff  <html lang=en>", true},
		{"<p>para</p>", true},
		{"<!-- c --><html>", true},
		{"<?xml version=\"1.0\"?><rss>", false},
		{"Plain text with <b> inside", false},
		{"", false},
		{"President says <nothing>", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := LooksLikeHTML([]byte(tt.in)); got != tt.want {
				t.Errorf("LooksLikeHTML(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzHTML(f *testing.F) {
	for _, name := range []string{"article", "jsonld", "short", "divsoup"} {
		b, err := os.ReadFile(filepath.Join("testdata", name+".html"))
		if err == nil {
			f.Add(string(b))
		}
	}
	f.Add("<html><body><p>a<br>b</p></body></html>")
	f.Add(`<script type="application/ld+json">{"@type":"NewsArticle","author":[{"name":1}]}</script>`)
	f.Fuzz(func(t *testing.T, markup string) {
		page, err := HTML(markup, "https://example.org/2024/01/02/x")
		if err != nil {
			return
		}
		if strings.Contains(page.Text, "\n\n\n") {
			t.Fatalf("more than one blank line between paragraphs: %q", page.Text)
		}
		for _, p := range strings.Split(page.Text, "\n\n") {
			if p != strings.TrimSpace(p) {
				t.Fatalf("paragraph not trimmed: %q", p)
			}
		}
		LooksLikeHTML([]byte(markup))
	})
}

func BenchmarkHTML(b *testing.B) {
	markup, err := os.ReadFile(filepath.Join("testdata", "article.html"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(markup)))
	for b.Loop() {
		if _, err := HTML(string(markup), ""); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDatelineDate(t *testing.T) {
	ref := time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct{ text, want string }{
		{"WASHINGTON, March 3 (Invented Wire) — Officials said", "2025-03-03"},
		{"KYIV, Ukraine, Feb. 5, 2024 — The council", "2024-02-05"},
		{"PORT VALE, Dec. 30 — Late in the year", "2024-12-30"},
		{"LIMA, Feb. 30 — No such day", ""},
		{"The council met on March 3.", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := DatelineDate(tt.text, ref); got != tt.want {
				t.Errorf("DatelineDate(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
