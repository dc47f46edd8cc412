package quote

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// readPassage reads an invented passage: header lines "# date: D" and
// "# entity: TEXT|TYPE|CODE", a blank line, then the text.
func readPassage(tb testing.TB, path string) *chronicle.Document {
	tb.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	head, text, _ := strings.Cut(string(raw), "\n\n")
	var date string
	var ents []ent
	for _, line := range strings.Split(head, "\n") {
		if v, ok := strings.CutPrefix(line, "# date: "); ok {
			date = v
		}
		if v, ok := strings.CutPrefix(line, "# entity: "); ok {
			f := strings.Split(v, "|")
			if len(f) != 3 {
				tb.Fatalf("%s: bad entity line %q", path, line)
			}
			ents = append(ents, ent{f[0], f[1], f[2]})
		}
	}
	doc := newDoc(text, date)
	addEntities(doc, ents...)
	return doc
}

// TestGolden finds the quotes of each passage in testdata/*.txt and compares
// them with the .golden file next to it; -update rewrites the golden files.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no passages under testdata: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc := readPassage(t, f)
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
			golden := strings.TrimSuffix(f, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden file (run with -update to create it): %v", err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("quotes differ from %s:\n--- got\n%s--- want\n%s", golden, got, want)
			}
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
	doc := readPassage(b, filepath.Join("testdata", "envoy.txt"))
	b.SetBytes(int64(len(doc.Text)))
	b.ResetTimer()
	for b.Loop() {
		if err := Annotate(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
	}
}
