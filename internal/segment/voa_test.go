package segment

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/chronicle-news/chronicle/internal/testutil"
)

// TestVOASentenceShapes segments the shared VOA stories (real news text,
// read at test time only) and counts sentences of a suspicious shape: starting
// with a lowercase letter, shorter than four tokens, or not ending in final
// punctuation. Such sentences are usually wrong splits.
func TestVOASentenceShapes(t *testing.T) {
	path := testutil.SharedFile(t, "data/voa-2025/voa_stories.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<22), 1<<22)
	var n, odd int
	for sc.Scan() {
		var rec struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("read %s: %v", path, err)
		}
		sents := Segment(rec.Text)
		checkSentences(t, rec.Text, sents)
		for _, s := range sents {
			n++
			st := rec.Text[s.Start:s.End]
			first, _ := utf8.DecodeRuneInString(st)
			last, _ := utf8.DecodeLastRuneInString(st)
			if unicode.IsLower(first) || len(s.Tokens) < 4 || !strings.ContainsRune(".?!\"”’)…", last) {
				odd++
				t.Logf("odd sentence: %q", st)
			}
		}
	}
	rate := float64(odd) / float64(max(n, 1))
	t.Logf("VOA: %d sentences, %d of odd shape (%.2f%%)", n, odd, 100*rate)
	if n < 1000 {
		t.Errorf("only %d sentences in the VOA stories", n)
	}
	if rate > 0.01 {
		t.Errorf("%.2f%% of sentences have an odd shape, want at most 1%%", 100*rate)
	}
}
