package segment

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden segments the invented articles in testdata/*.txt and compares
// sentences and tokens with testdata/*.golden (rewrite with -update).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test articles: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			var b strings.Builder
			for _, s := range Segment(text) {
				fmt.Fprintf(&b, "%d p%d [%d,%d) %s\n", s.I, s.Para, s.Start, s.End, text[s.Start:s.End])
				for i, tk := range s.Tokens {
					if i > 0 {
						b.WriteString(" | ")
					}
					b.WriteString(tk.Text)
				}
				b.WriteString("\n\n")
			}
			got := b.String()
			golden := strings.TrimSuffix(file, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("segmentation of %s differs from %s:\n%s", file, golden, got)
			}
		})
	}
}
