// Package story finds near-duplicate documents: wire copies, syndicated
// reprints, updated and trimmed versions of one report. Documents are
// reduced to MinHash signatures of their word shingles; a banded LSH index
// finds candidates, and the estimated Jaccard similarity of their shingle
// sets decides. A document joins the story of its most similar earlier
// duplicate, or starts its own; the story of a document never changes once
// given, so stories do not depend on the order in which earlier documents
// arrived, only on which documents came before.
//
// A Merger (events.go) then turns the coded events of many reports into
// canonical events: one record per real-world event with every report of it
// as evidence, conflicting details reconciled by a documented rule and kept
// visible.
package story

import (
	"errors"
	"math"
	"slices"
	"time"
	"unicode"
	"unicode/utf8"
)

// Defaults measured on the generated corpus (see story_test.go).
const (
	DefaultHashes    = 128  // MinHash functions
	DefaultShingle   = 4    // words per shingle
	DefaultBands     = 64   // LSH bands (rows = hashes / bands)
	DefaultThreshold = 0.35 // estimated Jaccard similarity of duplicates
)

// Signature is a MinHash signature.
type Signature []uint64

// MinHasher computes MinHash signatures. It is safe for concurrent use.
type MinHasher struct {
	k    int
	a, b []uint64
}

// NewMinHasher returns a hasher with n hash functions over k-word shingles.
// The hash functions depend only on n, so signatures are comparable across
// runs and machines.
func NewMinHasher(n, k int) *MinHasher {
	if n <= 0 {
		n = DefaultHashes
	}
	if k <= 0 {
		k = DefaultShingle
	}
	m := &MinHasher{k: k, a: make([]uint64, n), b: make([]uint64, n)}
	state := uint64(0x5eed_c0de_2025)
	for i := range n {
		m.a[i] = splitmix(&state) | 1 // odd multipliers permute the 64-bit values
		m.b[i] = splitmix(&state)
	}
	return m
}

func splitmix(s *uint64) uint64 {
	*s += 0x9e3779b97f4a7c15
	z := *s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Signature returns the MinHash signature of text's k-word shingles. Words
// are lower-cased letter and digit runs, so punctuation, case and white space
// do not matter. A text shorter than k words is one shingle.
func (m *MinHasher) Signature(text string) Signature {
	sig := make(Signature, len(m.a))
	for i := range sig {
		sig[i] = math.MaxUint64
	}
	words := wordHashes(text)
	if len(words) == 0 {
		return sig
	}
	n := len(words) - m.k + 1
	if n < 1 {
		n = 1
	}
	for i := range n {
		// FNV-style combination of k word hashes.
		h := uint64(14695981039346656037)
		for j := i; j < i+m.k && j < len(words); j++ {
			h ^= words[j]
			h *= 1099511628211
		}
		h = mix(h)
		for f := range sig {
			if v := m.a[f]*h + m.b[f]; v < sig[f] {
				sig[f] = v
			}
		}
	}
	return sig
}

func mix(z uint64) uint64 {
	z = (z ^ (z >> 33)) * 0xff51afd7ed558ccd
	z = (z ^ (z >> 33)) * 0xc4ceb9fe1a85ec53
	return z ^ (z >> 33)
}

// wordHashes returns a hash of each lower-cased word of text.
func wordHashes(text string) []uint64 {
	var out []uint64
	h := uint64(14695981039346656037)
	in := false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			r = unicode.ToLower(r)
			for k := 0; k < 4 && r != 0; k++ { // hash the rune's bytes
				h ^= uint64(byte(r))
				h *= 1099511628211
				r >>= 8
			}
			in = true
			continue
		}
		if r == '\'' || r == '’' {
			continue // "country's" and "countrys" alike
		}
		if in {
			out = append(out, h)
			h, in = 14695981039346656037, false
		}
	}
	if in {
		out = append(out, h)
	}
	return out
}

// Similarity estimates the Jaccard similarity of the shingle sets behind two
// signatures of the same hasher.
func Similarity(a, b Signature) float64 {
	if len(a) == 0 || len(a) != len(b) {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

// bandHits is how many bands of a signature must match a document's for
// the two to be compared. Two instead of one keep 99.8% of the pairs at the
// default threshold (Jaccard 0.35 puts each 2-row band's chance at 0.12)
// while cutting the unrelated pairs compared about tenfold (at Jaccard 0.05,
// 15% of them share a band, 1% two).
const bandHits = 2

// agreeAtLeast counts the positions where a and b (of equal length) agree,
// and reports whether they are at least need; it stops as soon as the
// positions left cannot make up need.
func agreeAtLeast(a, b Signature, need int) (int, bool) {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		} else if same+len(a)-i-1 < need {
			return same, false
		}
	}
	return same, same >= need
}

// Match is a stored document similar to a new one.
type Match struct {
	ID         string
	Similarity float64
}

// Index finds near-duplicates among the documents added to it and groups
// them into stories. It is not safe for concurrent use.
type Index struct {
	// Threshold is the smallest estimated Jaccard similarity of duplicates.
	Threshold float64
	// Window, when positive, limits duplicates to documents dated at most
	// this far apart (documents without a date match any).
	Window time.Duration
	// Limit, when positive, bounds the index's memory: when it holds more
	// than Limit documents, the oldest quarter (by date; an undated
	// document counts as of the newest date when it was added; ties by
	// order added) is dropped, so memory does not grow with the corpus. A
	// dropped document no longer matches: a later duplicate of it starts a
	// new story. Drops depend only on the sequence of adds, so replaying
	// the same documents in the same order gives the same stories.
	Limit int

	bands, rows int
	buckets     []map[uint64][]int
	ids         []string
	dates       []time.Time
	ages        []time.Time // the date each document ages from
	sigs        []Signature
	stories     []string
	byID        map[string]int
	newest      time.Time
	dropped     int
	// seen and stamp mark the candidates of the current Add, and hits
	// counts their matching bands.
	seen  []uint32
	hits  []uint8
	stamp uint32
}

// NewIndex returns an index for signatures of n hashes split into bands
// bands (n must be a multiple of bands).
func NewIndex(n, bands int, threshold float64) (*Index, error) {
	if bands <= 0 || n <= 0 || n%bands != 0 {
		return nil, errors.New("story index: hashes must be a positive multiple of bands")
	}
	ix := &Index{Threshold: threshold, bands: bands, rows: n / bands, byID: map[string]int{}}
	ix.buckets = make([]map[uint64][]int, bands)
	for i := range ix.buckets {
		ix.buckets[i] = map[uint64][]int{}
	}
	return ix, nil
}

// Add adds a document and returns its story and the documents already in
// the index that are near-duplicates of it, most similar first. date is
// YYYY-MM-DD or empty. story is the document's story when already known (a
// stored document); when empty, the document joins the story of its most
// similar duplicate, or starts a story named by its own id. Adding an id
// twice returns its story and nil and changes nothing.
func (ix *Index) Add(id, date string, sig Signature, story string) (string, []Match) {
	if i, ok := ix.byID[id]; ok {
		return ix.stories[i], nil
	}
	if len(sig) != ix.bands*ix.rows {
		return story, nil
	}
	var t time.Time
	if date != "" {
		t, _ = time.Parse("2006-01-02", date)
	}
	me := len(ix.ids)
	// seen[other] == stamp marks a candidate already compared: a stamp per
	// add instead of a fresh set.
	if ix.stamp++; ix.stamp == 0 {
		clear(ix.seen)
		ix.stamp = 1
	}
	if len(ix.seen) < me {
		ix.seen = append(ix.seen, make([]uint32, me-len(ix.seen))...)
		ix.hits = append(ix.hits, make([]uint8, me-len(ix.hits))...)
	}
	need := int(math.Ceil(ix.Threshold * float64(len(sig))))
	var matches []Match
	best := -1
	for b := range ix.bands {
		key := bandKey(sig[b*ix.rows : (b+1)*ix.rows])
		for _, other := range ix.buckets[b][key] {
			// A candidate is compared when its bandHits-th band matches.
			if ix.seen[other] != ix.stamp {
				ix.seen[other], ix.hits[other] = ix.stamp, 0
			}
			if ix.hits[other]++; ix.hits[other] != bandHits {
				continue
			}
			if ix.Window > 0 && !t.IsZero() && !ix.dates[other].IsZero() {
				if d := t.Sub(ix.dates[other]); d > ix.Window || -d > ix.Window {
					continue
				}
			}
			if same, ok := agreeAtLeast(sig, ix.sigs[other], need); ok {
				matches = append(matches, Match{ID: ix.ids[other], Similarity: float64(same) / float64(len(sig))})
			}
		}
		ix.buckets[b][key] = append(ix.buckets[b][key], me)
	}
	sortMatches(matches)
	if story == "" {
		story = id
		if len(matches) > 0 {
			best = ix.byID[matches[0].ID]
			story = ix.stories[best]
		}
	}
	if t.After(ix.newest) {
		ix.newest = t
	}
	age := t
	if age.IsZero() {
		age = ix.newest
	}
	ix.ids = append(ix.ids, id)
	ix.dates = append(ix.dates, t)
	ix.ages = append(ix.ages, age)
	ix.sigs = append(ix.sigs, sig)
	ix.stories = append(ix.stories, story)
	ix.byID[id] = me
	if ix.Limit > 0 && len(ix.ids) > ix.Limit {
		ix.dropOldest(ix.Limit * 3 / 4)
	}
	return story, matches
}

// dropOldest drops all but the keep newest documents (see Limit) and
// rebuilds the buckets.
func (ix *Index) dropOldest(keep int) {
	drop := oldest(len(ix.ids), keep, func(a, b int) int { return ix.ages[a].Compare(ix.ages[b]) })
	ids, dates, ages := make([]string, 0, keep), make([]time.Time, 0, keep), make([]time.Time, 0, keep)
	sigs, stories := make([]Signature, 0, keep), make([]string, 0, keep)
	byID := make(map[string]int, keep)
	for b := range ix.buckets {
		ix.buckets[b] = map[uint64][]int{}
	}
	for i, id := range ix.ids {
		if drop[i] {
			continue
		}
		me := len(ids)
		for b := range ix.bands {
			key := bandKey(ix.sigs[i][b*ix.rows : (b+1)*ix.rows])
			ix.buckets[b][key] = append(ix.buckets[b][key], me)
		}
		ids, dates, ages = append(ids, id), append(dates, ix.dates[i]), append(ages, ix.ages[i])
		sigs, stories = append(sigs, ix.sigs[i]), append(stories, ix.stories[i])
		byID[id] = me
	}
	ix.dropped += len(ix.ids) - keep
	ix.ids, ix.dates, ix.ages, ix.sigs, ix.stories, ix.byID = ids, dates, ages, sigs, stories, byID
	clear(ix.seen)
}

// oldest marks all but the keep youngest of n items, ordered by cmpAge
// (ties: the one added first is older).
func oldest(n, keep int, cmpAge func(a, b int) int) []bool {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, cmpAge)
	drop := make([]bool, n)
	for _, i := range order[:n-keep] {
		drop[i] = true
	}
	return drop
}

// Dropped returns how many documents the Limit dropped from the index.
func (ix *Index) Dropped() int { return ix.dropped }

func sortMatches(m []Match) {
	for i := 1; i < len(m); i++ {
		for j := i; j > 0 && (m[j].Similarity > m[j-1].Similarity || m[j].Similarity == m[j-1].Similarity && m[j].ID < m[j-1].ID); j-- {
			m[j], m[j-1] = m[j-1], m[j]
		}
	}
}

func bandKey(rows Signature) uint64 {
	h := uint64(14695981039346656037)
	for _, v := range rows {
		h ^= v
		h *= 1099511628211
	}
	return h
}

// Story returns the story of document id, or "" for an unknown id.
func (ix *Index) Story(id string) string {
	i, ok := ix.byID[id]
	if !ok {
		return ""
	}
	return ix.stories[i]
}

// Len returns the number of documents the index holds.
func (ix *Index) Len() int { return len(ix.ids) }
