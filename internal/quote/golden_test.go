package quote

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/testdoc"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestGolden finds the quotes of each passage in testdata/*.txt and compares
// them with the .golden file next to it; -update rewrites the golden files.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no passages under testdata: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc := testdoc.ReadPassage(t, f, false)
			if err := Annotate(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, q := range doc.Quotes {
				sp := "-"
				if q.Speaker != nil {
					sp = q.Speaker.Text + "/" + q.Speaker.Code
				}
				fmt.Fprintf(&b, "%d-%d\t%d\t%d\t%v\t%s\t%s\t%s\n", q.Sentence, q.EndSent, q.Start, q.End, q.Direct, q.Cue, sp, q.Text)
			}
			testdoc.Golden(t, f, b.String(), *update, "quotes")
		})
	}
}

func FuzzAnnotate(f *testing.F) {
	f.Add("“We will not back down,” Jane Doe said.")
	f.Add("At the rally, he remarked:\n“We are here.”\n— Richard Roe, leader")
	f.Add(`"Unclosed quote, according to X, said "" “”` + "\n\n\"")
	f.Fuzz(func(t *testing.T, text string) {
		doc := newDoc(text, "2025-01-31")
		if len(doc.Sentences) > 0 {
			s := doc.Sentences[0]
			doc.Entities = append(doc.Entities, chronicle.Entity{Text: text[s.Start:s.End], Type: "PERSON", Start: s.Start, End: s.End, Sentence: 0})
		}
		if err := Annotate(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		for _, q := range doc.Quotes {
			if q.Start < 0 || q.End > len(text) || q.Start > q.End || text[q.Start:q.End] != q.Text {
				t.Fatalf("bad offsets %+v in %q", q, text)
			}
			if q.Sentence < 0 || q.EndSent < q.Sentence || q.EndSent >= len(doc.Sentences) {
				t.Fatalf("bad sentences %d-%d of %d", q.Sentence, q.EndSent, len(doc.Sentences))
			}
		}
	})
}

func BenchmarkAnnotate(b *testing.B) {
	doc := testdoc.ReadPassage(b, filepath.Join("testdata", "envoy.txt"), false)
	b.SetBytes(int64(len(doc.Text)))
	b.ResetTimer()
	for b.Loop() {
		if err := Annotate(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
	}
}
