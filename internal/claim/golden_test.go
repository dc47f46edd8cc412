package claim

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chronicle-news/chronicle/internal/testdoc"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestGolden finds the claims of each passage in testdata/*.txt and compares
// them with the .golden file next to it; -update rewrites the golden files.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no passages under testdata: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc := testdoc.ReadPassage(t, f, true)
			annotate(t, doc)
			var b strings.Builder
			for _, c := range doc.Claims {
				fmt.Fprintf(&b, "%d\t%d\t%d\t%s\n", c.Sentence, c.Start, c.End, render(c))
			}
			testdoc.Golden(t, f, b.String(), *update, "claims")
		})
	}
}

func FuzzAnnotate(f *testing.F) {
	f.Add("Since 2019, police have detained tens of thousands, about 40% more than in 2018.")
	f.Add("Between 1.5 and 2 million dollars; MS-13; 10:30; 3rd; fewer than; the lowest in")
	f.Add("$ 5 billion rose from to 300 a decline in , more than half of")
	f.Fuzz(func(t *testing.T, text string) {
		doc := newDoc(text, "2025-01-31")
		annotate(t, doc)
		for _, c := range doc.Claims {
			if c.Start < 0 || c.End > len(text) || c.Start > c.End || text[c.Start:c.End] != c.Text {
				t.Fatalf("bad offsets %+v in %q", c, text)
			}
			if c.Sentence < 0 || c.Sentence >= len(doc.Sentences) {
				t.Fatalf("bad sentence %d", c.Sentence)
			}
			if q := c.Quantity; q != nil && q.Low > q.High {
				t.Fatalf("low %g > high %g in %+v", q.Low, q.High, c)
			}
		}
	})
}

func BenchmarkAnnotate(b *testing.B) {
	doc := testdoc.ReadPassage(b, filepath.Join("testdata", "envoy.txt"), true)
	annotate(b, doc)
	b.SetBytes(int64(len(doc.Text)))
	b.ResetTimer()
	for b.Loop() {
		if err := Annotate(b.Context(), doc); err != nil {
			b.Fatal(err)
		}
	}
}
