package story

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/chronicle-news/chronicle/internal/story/corpus"
)

type pair struct{ a, b string }

func mkPair(a, b string) pair {
	if b < a {
		a, b = b, a
	}
	return pair{a, b}
}

// truthPairs returns the pairs of articles of the same story.
func truthPairs(arts []corpus.Article) map[pair]bool {
	byStory := map[string][]string{}
	for _, a := range arts {
		byStory[a.Story] = append(byStory[a.Story], a.ID)
	}
	out := map[pair]bool{}
	for _, ids := range byStory {
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				out[mkPair(ids[i], ids[j])] = true
			}
		}
	}
	return out
}

// clusterPairs returns the pairs of articles the index put in one story.
func clusterPairs(ix *Index, arts []corpus.Article) map[pair]bool {
	byStory := map[string][]string{}
	for _, a := range arts {
		s := ix.Story(a.ID)
		byStory[s] = append(byStory[s], a.ID)
	}
	return truthPairs(func() []corpus.Article {
		var out []corpus.Article
		for s, ids := range byStory {
			for _, id := range ids {
				out = append(out, corpus.Article{ID: id, Story: s})
			}
		}
		return out
	}())
}

func score(truth, got map[pair]bool) (p, r float64) {
	tp := 0
	for k := range got {
		if truth[k] {
			tp++
		}
	}
	p, r = 1, 1
	if len(got) > 0 {
		p = float64(tp) / float64(len(got))
	}
	if len(truth) > 0 {
		r = float64(tp) / float64(len(truth))
	}
	return p, r
}

// TestDuplicatesOnGeneratedCorpus measures duplicate detection: precision
// and recall of same-story pairs, both for direct matches and for the story
// clusters, on 2,000 generated articles (30% variants).
func TestDuplicatesOnGeneratedCorpus(t *testing.T) {
	arts := corpus.Generate(corpus.Options{Articles: 2000, Seed: 7})
	truth := truthPairs(arts)
	mh := NewMinHasher(DefaultHashes, DefaultShingle)
	ix, err := NewIndex(DefaultHashes, DefaultBands, DefaultThreshold)
	if err != nil {
		t.Fatal(err)
	}
	ix.Window = 7 * 24 * time.Hour
	direct := map[pair]bool{}
	start := time.Now()
	for _, a := range arts {
		_, matches := ix.Add(a.ID, a.Date, mh.Signature(a.Text), "")
		for _, m := range matches {
			direct[mkPair(a.ID, m.ID)] = true
		}
	}
	elapsed := time.Since(start)
	dp, dr := score(truth, direct)
	cp, cr := score(truth, clusterPairs(ix, arts))
	t.Logf("%d articles, %d duplicate pairs; direct matches P=%.3f R=%.3f; clusters P=%.3f R=%.3f; %.0f docs/s",
		len(arts), len(truth), dp, dr, cp, cr, float64(len(arts))/elapsed.Seconds())
	if cp < 0.95 || cr < 0.95 {
		t.Errorf("cluster precision %.3f recall %.3f, want both >= 0.95", cp, cr)
	}
}

// TestThresholdSweep shows how the threshold trades precision for recall;
// it documents the choice of DefaultThreshold (run with -v).
func TestThresholdSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("sweep")
	}
	arts := corpus.Generate(corpus.Options{Articles: 400, Seed: 11})
	truth := truthPairs(arts)
	mh := NewMinHasher(DefaultHashes, DefaultShingle)
	sigs := make([]Signature, len(arts))
	for i, a := range arts {
		sigs[i] = mh.Signature(a.Text)
	}
	var lines []string
	for _, th := range []float64{0.2, 0.3, 0.4, 0.5, 0.6, 0.7} {
		got := map[pair]bool{}
		for i := range arts {
			for j := i + 1; j < len(arts); j++ {
				if Similarity(sigs[i], sigs[j]) >= th {
					got[mkPair(arts[i].ID, arts[j].ID)] = true
				}
			}
		}
		p, r := score(truth, got)
		lines = append(lines, fmt.Sprintf("threshold %.1f: P=%.3f R=%.3f", th, p, r))
	}
	t.Logf("all pairs, %d articles:\n%s", len(arts), strings.Join(lines, "\n"))
}

func TestSimilarity(t *testing.T) {
	mh := NewMinHasher(256, 3)
	base := "The minister met the envoy in the capital on Monday to discuss the border dispute and the refugee crisis."
	tests := []struct {
		name     string
		a, b     string
		min, max float64
	}{
		{"identical", base, base, 1, 1},
		{"case and punctuation", base, strings.ToUpper(strings.ReplaceAll(base, ".", " !")), 1, 1},
		{"one word changed", base, strings.Replace(base, "Monday", "Tuesday", 1), 0.6, 0.95},
		{"unrelated", base, "Heavy rain flooded the valley and farmers lost most of their spring harvest this year.", 0, 0.05},
		{"empty", "", "", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Similarity(mh.Signature(tt.a), mh.Signature(tt.b))
			if s < tt.min || s > tt.max {
				t.Errorf("similarity %.3f, want in [%.2f, %.2f]", s, tt.min, tt.max)
			}
		})
	}
}

func TestIndexStoriesAndWindow(t *testing.T) {
	mh := NewMinHasher(DefaultHashes, DefaultShingle)
	ix, err := NewIndex(DefaultHashes, DefaultBands, DefaultThreshold)
	if err != nil {
		t.Fatal(err)
	}
	ix.Window = 3 * 24 * time.Hour
	text := "Forces from the north attacked positions held by rebel troops near the river town on Friday, killing at least twelve people, officials said. The army denied the report."
	if story, _ := ix.Add("a", "2025-01-10", mh.Signature(text), ""); story != "a" {
		t.Errorf("first document in story %q, want its own", story)
	}
	if story, m := ix.Add("b", "2025-01-11", mh.Signature(text+" More details later."), ""); len(m) != 1 || m[0].ID != "a" || story != "a" {
		t.Errorf("update not matched: story %q, matches %v", story, m)
	}
	if story, m := ix.Add("c", "2025-03-01", mh.Signature(text), ""); len(m) != 0 || story != "c" {
		t.Errorf("copy outside the window matched: %v", m)
	}
	if story, m := ix.Add("a", "2025-01-10", mh.Signature(text), ""); m != nil || story != "a" || ix.Len() != 3 {
		t.Errorf("adding an id twice changed the index")
	}
	if story, _ := ix.Add("s", "2025-03-02", mh.Signature("Unrelated words about the harvest festival and its music."), "stored-story"); story != "stored-story" {
		t.Errorf("a known story was not kept: %q", story)
	}
	if story, _ := ix.Add("t", "2025-03-02", mh.Signature("Unrelated words about the harvest festival and its music!"), ""); story != "stored-story" {
		t.Errorf("a duplicate of a stored document did not join its story: %q", story)
	}
	if ix.Story("b") != "a" || ix.Story("c") != "c" || ix.Story("zzz") != "" {
		t.Errorf("stories: b in %q, c in %q", ix.Story("b"), ix.Story("c"))
	}
	if _, err := NewIndex(100, 32, 0.5); err == nil {
		t.Errorf("NewIndex accepted 100 hashes in 32 bands")
	}
}

// TestIndexLimit adds a year of daily documents, in shuffled order, to an
// index that holds at most 500: it never holds more, still matches a copy of
// one of the newest documents, and a copy of a dropped old one starts a new
// story.
func TestIndexLimit(t *testing.T) {
	mh := NewMinHasher(DefaultHashes, DefaultShingle)
	ix, err := NewIndex(DefaultHashes, DefaultBands, DefaultThreshold)
	if err != nil {
		t.Fatal(err)
	}
	ix.Window = 7 * 24 * time.Hour
	ix.Limit = 500
	day0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	text := func(d, k int) string {
		return fmt.Sprintf("On day %d the council of district %d met in hall %d to discuss budget line %d and road %d, officials said; item %d.", d, k, d*7+k, d*13+k, d+k*3, d*k)
	}
	const perDay = 20
	for _, d := range rand.New(rand.NewPCG(3, 4)).Perm(365) {
		date := day0.AddDate(0, 0, d).Format("2006-01-02")
		for k := range perDay {
			ix.Add(fmt.Sprintf("d%d-%d", d, k), date, mh.Signature(text(d, k)), "")
			if ix.Len() > ix.Limit {
				t.Fatalf("the index holds %d documents, more than its limit %d", ix.Len(), ix.Limit)
			}
		}
	}
	if ix.Dropped() == 0 || ix.Dropped()+ix.Len() != 365*perDay {
		t.Errorf("dropped %d, holds %d, added %d", ix.Dropped(), ix.Len(), 365*perDay)
	}
	last := day0.AddDate(0, 0, 364).Format("2006-01-02")
	if story, m := ix.Add("copy-recent", last, mh.Signature(text(364, 3)), ""); len(m) == 0 || story != "d364-3" {
		t.Errorf("a copy of one of the newest documents did not match: story %q, matches %v", story, m)
	}
	if story, _ := ix.Add("copy-old", "2025-01-03", mh.Signature(text(2, 3)), ""); story != "copy-old" {
		t.Errorf("a copy of a dropped document joined story %q", story)
	}
}

func BenchmarkSignature(b *testing.B) {
	arts := corpus.Generate(corpus.Options{Articles: 100, Seed: 1})
	mh := NewMinHasher(DefaultHashes, DefaultShingle)
	var n int64
	for _, a := range arts {
		n += int64(len(a.Text))
	}
	b.SetBytes(n)
	for b.Loop() {
		for _, a := range arts {
			mh.Signature(a.Text)
		}
	}
}
