package timex

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chronicle-news/chronicle/internal/testdoc"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestGolden resolves the dates of each invented passage in testdata/*.txt
// (first line: publication date) and compares them with the .golden file
// next to it. Run with -update to rewrite the golden files after checking
// the differences by hand.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no passages under testdata: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			pub, text, _ := strings.Cut(string(raw), "\n")
			doc := newDoc(text, pub)
			if err := Annotate(context.Background(), doc); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, d := range doc.Dates {
				fmt.Fprintf(&b, "%d\t%d\t%d\t%s\t%s\n", d.Sentence, d.Start, d.End, d.Text, d.Value)
			}
			testdoc.Golden(t, f, b.String(), *update, "dates")
			sc := bufio.NewScanner(strings.NewReader(b.String()))
			for sc.Scan() {
				if strings.HasSuffix(sc.Text(), "\t") {
					t.Errorf("unresolved date: %s", sc.Text())
				}
			}
		})
	}
}

func FuzzAnnotate(f *testing.F) {
	f.Add("The envoy is set to meet the president on Monday.", "2025-01-31")
	f.Add("Since 2019, between 2019 and 2021, Jan. 20, 20 January 2025.", "")
	f.Add("the past six months two years ago earlier this month", "bad")
	f.Fuzz(func(t *testing.T, text, pub string) {
		doc := newDoc(text, pub)
		_ = Annotate(context.Background(), doc)
		for _, d := range doc.Dates {
			if d.Start < 0 || d.End > len(text) || d.Start >= d.End || text[d.Start:d.End] != d.Text {
				t.Fatalf("bad offsets %+v in %q", d, text)
			}
			if d.Sentence < 0 || d.Sentence >= len(doc.Sentences) {
				t.Fatalf("bad sentence %d", d.Sentence)
			}
			_ = ForSpan(doc, d.Sentence, d.Start, d.End)
		}
	})
}

func BenchmarkAnnotate(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "envoy.txt"))
	if err != nil {
		b.Fatal(err)
	}
	pub, text, _ := strings.Cut(string(raw), "\n")
	doc := newDoc(text, pub)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		if err := Annotate(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
	}
}
