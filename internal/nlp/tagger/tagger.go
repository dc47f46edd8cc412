// Package tagger is Chronicle's part-of-speech tagger: a greedy left-to-right
// averaged perceptron that predicts the UPOS and Penn XPOS tags of each word
// together, with word, affix, shape, context and previous-tag features, and
// a dictionary of frequent unambiguous words that skips the model.
package tagger

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chronicle-news/chronicle/internal/nlp/conllu"
	"github.com/chronicle-news/chronicle/internal/nlp/perceptron"
)

// Tagger predicts UPOS and XPOS tags. It is safe for concurrent use.
type Tagger struct {
	// Classes are "UPOS\tXPOS" pairs; a class index names both tags.
	Classes []string
	upos    []string
	xpos    []string
	joined  []string
	dict    map[string]int
	// amb maps a normalised word to its ambiguity class: the set of classes
	// it had in training.
	amb   map[string]string
	model *perceptron.Model
	// model2, when set, is the second pass.
	model2 *perceptron.Model
}

// Options control training.
type Options struct {
	Iters int
	Seed  uint64
	// Log, when not nil, receives progress lines.
	Log io.Writer
	// Dev, when not empty, is scored after every iteration.
	Dev []conllu.Sentence
	// AmbMin is how often a word must occur to get an ambiguity class
	// (default 2).
	AmbMin int
	// TwoPass adds a second left-to-right pass that also sees the first
	// pass's tags of the following words.
	TwoPass bool
}

// ambiguityClasses maps each normalised word seen at least min times to the
// sorted set of UPOS tags it had at least 5% of the time.
func ambiguityClasses(sents []conllu.Sentence, min int) map[string]string {
	if min <= 0 {
		min = 2
	}
	counts := map[string]map[string]int{}
	for _, s := range sents {
		for _, w := range s.Words {
			nw := Norm(w.Form)
			if counts[nw] == nil {
				counts[nw] = map[string]int{}
			}
			counts[nw][w.UPOS+"/"+w.XPOS]++
		}
	}
	out := map[string]string{}
	for w, m := range counts {
		total := 0
		for _, n := range m {
			total += n
		}
		if total < min {
			continue
		}
		var tags []string
		for tg, n := range m {
			if float64(n) >= 0.05*float64(total) {
				tags = append(tags, tg)
			}
		}
		sort.Strings(tags)
		out[w] = strings.Join(tags, " ")
	}
	return out
}

// UPOS returns the UPOS tag of class c.
func (t *Tagger) UPOS(c int) string { return t.upos[c] }

// Class returns class c as "UPOS/XPOS", the form the parser reads.
func (t *Tagger) Class(c int) string { return t.joined[c] }

// XPOS returns the XPOS tag of class c.
func (t *Tagger) XPOS(c int) string { return t.xpos[c] }

// Tag returns the class of each word; out is reused when large enough.
func (t *Tagger) Tag(words []string, out []int) []int {
	res := t.TagBatch([][]string{words}, [][]int{out})
	return res[0]
}

// TagBatch tags several sentences, each pass over all of them in turn so
// that a pass's weights stay in the processor's cache; out[i] is reused for
// sentence i when large enough (out may be nil or shorter).
func (t *Tagger) TagBatch(sents [][]string, out [][]int) [][]int {
	res := make([][]int, len(sents))
	ctxs := make([]*context, len(sents))
	for si, words := range sents {
		var o []int
		if si < len(out) {
			o = out[si]
		}
		res[si] = growInts(o, len(words))
		ctxs[si] = t.newContext(words)
	}
	p := pass{t: t, scores: make([]float32, len(t.Classes))}
	for si, words := range sents {
		p.run(t.model, ctxs[si], words, res[si], nil)
	}
	if t.model2 == nil {
		return res
	}
	for si, words := range sents {
		first := append([]int(nil), res[si]...)
		p.run(t.model2, ctxs[si], words, res[si], first)
	}
	return res
}

// pass is one left-to-right tagging pass, with buffers reused across
// sentences.
type pass struct {
	t      *Tagger
	feats  []uint64
	scores []float32
}

// run tags words with model, seeing the tags already given on the left and,
// in a second pass, the first pass's tags (right).
func (p *pass) run(model *perceptron.Model, ctx *context, words []string, tags, right []int) {
	for i, w := range words {
		if c, ok := p.t.dict[w]; ok {
			tags[i] = c
			continue
		}
		p.feats = features(p.feats[:0], ctx, i, tags, right)
		clear(p.scores)
		model.Score(p.feats, p.scores)
		tags[i] = perceptron.Argmax(p.scores, nil)
	}
}

// TagStrings returns the UPOS and XPOS tags of words.
func (t *Tagger) TagStrings(words []string) (upos, xpos []string) {
	cl := t.Tag(words, nil)
	upos, xpos = make([]string, len(words)), make([]string, len(words))
	for i, c := range cl {
		upos[i], xpos[i] = t.upos[c], t.xpos[c]
	}
	return upos, xpos
}

func growInts(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}

// Norm returns the normalised form used for word features: lower case, with
// digits replaced by 0.
func Norm(w string) string {
	hasUpper, hasDigit := false, false
	for i := 0; i < len(w); i++ {
		b := w[i]
		if b >= 'A' && b <= 'Z' {
			hasUpper = true
		} else if b >= '0' && b <= '9' {
			hasDigit = true
		} else if b >= 0x80 {
			hasUpper = true // let strings.Map handle non-ASCII
		}
	}
	if !hasUpper && !hasDigit {
		return w
	}
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '0'
		}
		return unicode.ToLower(r)
	}, w)
}

// Shape returns the word's shape: X for upper case, x for lower case, d for
// digits, other characters kept, runs longer than two collapsed.
func Shape(w string) string {
	var b strings.Builder
	shape(w, func(c rune) { b.WriteRune(c) })
	return b.String()
}

// ShapeHash returns perceptron.Hash(Shape(w)) without building the shape.
func ShapeHash(w string) uint64 {
	h := uint64(14695981039346656037)
	var buf [utf8.UTFMax]byte
	shape(w, func(c rune) {
		for _, b := range buf[:utf8.EncodeRune(buf[:], c)] {
			h ^= uint64(b)
			h *= 1099511628211
		}
	})
	return h
}

// shape calls emit with each character of w's shape.
func shape(w string, emit func(rune)) {
	var last rune
	run := 0
	for _, r := range w {
		var c rune
		switch {
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			c = 'X'
		case r < utf8.RuneSelf && 'a' <= r && r <= 'z':
			c = 'x'
		case r < utf8.RuneSelf && '0' <= r && r <= '9':
			c = 'd'
		case r < utf8.RuneSelf:
			c = r
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c == last {
			run++
			if run > 2 {
				continue
			}
		} else {
			run = 1
		}
		last = c
		emit(c)
	}
}

// suffix returns the last n characters (runes) of w.
func suffix(w string, n int) string {
	i := len(w)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(w[:i])
		i -= size
	}
	return w[i:]
}

// prefix returns the first n characters (runes) of w.
func prefix(w string, n int) string {
	i := 0
	for k := 0; k < n && i < len(w); k++ {
		_, size := utf8.DecodeRuneInString(w[i:])
		i += size
	}
	return w[:i]
}

// context holds per-word hashes for a sentence.
type context struct {
	n                                                                 int
	norm, word, suf3, suf2, suf1, suf4, pre1, pre3, shape, flags, amb []uint64
}

const (
	padStart = 0x5157a27 // hash values for words beyond the sentence
	padEnd   = 0x9e3d
)

func (t *Tagger) newContext(words []string) *context {
	n := len(words)
	c := &context{n: n}
	all := make([]uint64, 11*(n+4))
	take := func() []uint64 { s := all[:n+4]; all = all[n+4:]; return s }
	c.norm, c.word, c.suf3, c.suf2, c.suf1, c.suf4, c.pre1, c.pre3, c.shape, c.flags, c.amb = take(), take(), take(), take(), take(), take(), take(), take(), take(), take(), take()
	for _, s := range [][]uint64{c.norm, c.word, c.suf3, c.suf2, c.suf1, c.suf4, c.pre1, c.pre3, c.shape, c.flags, c.amb} {
		s[0], s[1], s[n+2], s[n+3] = padStart, padStart+1, padEnd, padEnd+1
	}
	for i, w := range words {
		k := i + 2
		nw := Norm(w)
		c.norm[k] = perceptron.Hash(nw)
		if a, ok := t.amb[nw]; ok {
			c.amb[k] = perceptron.Hash(a)
		} else {
			c.amb[k] = 0xa3b
		}
		c.word[k] = perceptron.Hash(w)
		c.suf1[k] = perceptron.Hash(suffix(nw, 1))
		c.suf2[k] = perceptron.Hash(suffix(nw, 2))
		c.suf3[k] = perceptron.Hash(suffix(nw, 3))
		c.suf4[k] = perceptron.Hash(suffix(nw, 4))
		c.pre1[k] = perceptron.Hash(prefix(w, 1))
		c.pre3[k] = perceptron.Hash(prefix(nw, 3))
		c.shape[k] = ShapeHash(w)
		var fl uint64
		if strings.Contains(w, "-") {
			fl |= 1
		}
		if strings.ContainsAny(w, "0123456789") {
			fl |= 2
		}
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			fl |= 4
			if i == 0 {
				fl |= 8
			}
		}
		if strings.ToUpper(w) == w && strings.ToLower(w) != w {
			fl |= 16
		}
		c.flags[k] = fl
	}
	return c
}

// Feature templates.
const (
	tBias = iota + 1
	tNorm
	tWord
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tPre1
	tPre3
	tShape
	tFlags
	tP1
	tP2
	tP1P2
	tP1W
	tWm1
	tSm1
	tWm2
	tWp1
	tSp1
	tWp2
	tWm1W
	tWWp1
	tP1Wp1
	tShm1
	tShp1
	tWm1Wp1
	tAmb
	tAmbp1
	tAmbp2
	tAmbm1
	tAmbAmbp1
	tP1Amb
	tR0
	tR1
	tR2
	tR1R2
	tR1W
	tP1R1
	tP1R0R1
)

// features appends the features of word i given the tags of words before it.
func features(f []uint64, c *context, i int, tags, right []int) []uint64 {
	k := i + 2
	p1, p2 := uint64(0xfffe), uint64(0xfffe)
	if i > 0 {
		p1 = uint64(tags[i-1])
	}
	if i > 1 {
		p2 = uint64(tags[i-2])
	}
	f = append(f,
		perceptron.F1(tBias, 0),
		perceptron.F1(tNorm, c.norm[k]),
		perceptron.F1(tWord, c.word[k]),
		perceptron.F1(tSuf1, c.suf1[k]),
		perceptron.F1(tSuf2, c.suf2[k]),
		perceptron.F1(tSuf3, c.suf3[k]),
		perceptron.F1(tSuf4, c.suf4[k]),
		perceptron.F1(tPre1, c.pre1[k]),
		perceptron.F1(tPre3, c.pre3[k]),
		perceptron.F1(tShape, c.shape[k]),
		perceptron.F1(tFlags, c.flags[k]),
		perceptron.F1(tP1, p1),
		perceptron.F1(tP2, p2),
		perceptron.F2(tP1P2, p1, p2),
		perceptron.F2(tP1W, p1, c.norm[k]),
		perceptron.F1(tWm1, c.norm[k-1]),
		perceptron.F1(tSm1, c.suf3[k-1]),
		perceptron.F1(tWm2, c.norm[k-2]),
		perceptron.F1(tWp1, c.norm[k+1]),
		perceptron.F1(tSp1, c.suf3[k+1]),
		perceptron.F1(tWp2, c.norm[k+2]),
		perceptron.F2(tWm1W, c.norm[k-1], c.norm[k]),
		perceptron.F2(tWWp1, c.norm[k], c.norm[k+1]),
		perceptron.F2(tP1Wp1, p1, c.norm[k+1]),
		perceptron.F1(tShm1, c.shape[k-1]),
		perceptron.F1(tShp1, c.shape[k+1]),
		perceptron.F2(tWm1Wp1, c.norm[k-1], c.norm[k+1]),
		perceptron.F1(tAmb, c.amb[k]),
		perceptron.F1(tAmbp1, c.amb[k+1]),
		perceptron.F1(tAmbp2, c.amb[k+2]),
		perceptron.F1(tAmbm1, c.amb[k-1]),
		perceptron.F2(tAmbAmbp1, c.amb[k], c.amb[k+1]),
		perceptron.F2(tP1Amb, p1, c.amb[k]),
	)
	if right != nil {
		n1, n2 := uint64(0xfffd), uint64(0xfffd)
		if i+1 < len(right) {
			n1 = uint64(right[i+1])
		}
		if i+2 < len(right) {
			n2 = uint64(right[i+2])
		}
		cur := uint64(right[i])
		f = append(f,
			perceptron.F1(tR0, cur),
			perceptron.F1(tR1, n1),
			perceptron.F1(tR2, n2),
			perceptron.F2(tR1R2, n1, n2),
			perceptron.F2(tR1W, n1, c.norm[k]),
			perceptron.F2(tP1R1, p1, n1),
			perceptron.F3(tP1R0R1, p1, cur, n1),
		)
	}
	return f
}

// Train trains a tagger on sentences with gold UPOS and XPOS tags.
func Train(sents []conllu.Sentence, opts Options) (*Tagger, error) {
	if len(sents) == 0 {
		return nil, fmt.Errorf("train tagger: no sentences")
	}
	if opts.Iters <= 0 {
		opts.Iters = 5
	}
	// Classes and the tag dictionary.
	classSet := map[string]bool{}
	counts := map[string]map[string]int{}
	for _, s := range sents {
		for _, w := range s.Words {
			if w.UPOS == "" {
				return nil, fmt.Errorf("train tagger: sentence %q: word %q has no UPOS", s.ID, w.Form)
			}
			cl := w.UPOS + "\t" + w.XPOS
			classSet[cl] = true
			if counts[w.Form] == nil {
				counts[w.Form] = map[string]int{}
			}
			counts[w.Form][cl]++
		}
	}
	t := &Tagger{dict: map[string]int{}}
	t.amb = ambiguityClasses(sents, opts.AmbMin)
	for cl := range classSet {
		t.Classes = append(t.Classes, cl)
	}
	sort.Strings(t.Classes)
	t.index()
	classOf := map[string]int{}
	for i, cl := range t.Classes {
		classOf[cl] = i
	}
	for form, m := range counts {
		total, best, bestN := 0, "", 0
		for cl, n := range m {
			total += n
			if n > bestN || n == bestN && cl < best {
				best, bestN = cl, n
			}
		}
		if total >= 20 && float64(bestN)/float64(total) >= 0.995 {
			t.dict[form] = classOf[best]
		}
	}
	gold := make([][]int, len(sents))
	for i, s := range sents {
		gold[i] = make([]int, len(s.Words))
		for j, w := range s.Words {
			gold[i][j] = classOf[w.UPOS+"\t"+w.XPOS]
		}
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x7a66e7))
	if opts.TwoPass {
		// The second pass learns from first-pass tags of held-out folds.
		const folds = 4
		first := make([][]int, len(sents))
		for k := 0; k < folds; k++ {
			var in, inGold [][]int
			var inSents []conllu.Sentence
			_ = in
			for i := range sents {
				if i%folds != k {
					inSents = append(inSents, sents[i])
					inGold = append(inGold, gold[i])
				}
			}
			m := t.trainPass(inSents, inGold, nil, opts.Iters, rng, opts, nil)
			ft := &Tagger{Classes: t.Classes, upos: t.upos, xpos: t.xpos, dict: t.dict, amb: t.amb, model: m}
			for i := range sents {
				if i%folds == k {
					first[i] = ft.Tag(sents[i].Forms(), nil)
				}
			}
		}
		t.model = t.trainPass(sents, gold, nil, opts.Iters, rng, opts, nil)
		t.model2 = t.trainPass(sents, gold, first, opts.Iters, rng, opts, opts.Log)
		return t, nil
	}
	t.model = t.trainPass(sents, gold, nil, opts.Iters, rng, opts, opts.Log)
	return t, nil
}

// trainPass trains the first-pass model, or the second-pass model when
// first holds first-pass tags.
func (t *Tagger) trainPass(sents []conllu.Sentence, gold, first [][]int, iters int, rng *rand.Rand, opts Options, log io.Writer) *perceptron.Model {
	tr := perceptron.NewTrainer(len(t.Classes))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	scores := make([]float32, len(t.Classes))
	var feats []uint64
	for it := 0; it < iters; it++ {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		correct, total := 0, 0
		for _, si := range order {
			words := sents[si].Forms()
			ctx := t.newContext(words)
			pred := make([]int, len(words))
			var right []int
			if first != nil {
				right = first[si]
			}
			for i, w := range words {
				g := gold[si][i]
				if c, ok := t.dict[w]; ok {
					pred[i] = c
					continue
				}
				feats = features(feats[:0], ctx, i, pred, right)
				clear(scores)
				tr.Score(feats, scores)
				guess := perceptron.Argmax(scores, nil)
				tr.Update(feats, g, guess)
				pred[i] = guess
				total++
				if guess == g {
					correct++
				}
			}
		}
		if log != nil {
			fmt.Fprintf(log, "tagger iter %d: train acc %.4f", it+1, float64(correct)/float64(total))
			if len(opts.Dev) > 0 {
				if first != nil {
					t.model2 = tr.Model(0)
				} else {
					t.model = tr.Model(0)
				}
				u, x := t.Evaluate(opts.Dev)
				fmt.Fprintf(log, " dev upos %.4f xpos %.4f", u, x)
			}
			fmt.Fprintln(log)
		}
	}
	return tr.Model(0.001)
}

func (t *Tagger) index() {
	t.upos = make([]string, len(t.Classes))
	t.xpos = make([]string, len(t.Classes))
	t.joined = make([]string, len(t.Classes))
	for i, cl := range t.Classes {
		u, x, _ := strings.Cut(cl, "\t")
		t.upos[i], t.xpos[i] = u, x
		t.joined[i] = u + "/" + x
	}
}

// Evaluate returns UPOS and XPOS accuracy on gold-tagged sentences.
func (t *Tagger) Evaluate(sents []conllu.Sentence) (upos, xpos float64) {
	var n, cu, cx int
	var out []int
	for _, s := range sents {
		out = t.Tag(s.Forms(), out)
		for i, w := range s.Words {
			n++
			if t.upos[out[i]] == w.UPOS {
				cu++
			}
			if t.xpos[out[i]] == w.XPOS {
				cx++
			}
		}
	}
	if n == 0 {
		return 0, 0
	}
	return float64(cu) / float64(n), float64(cx) / float64(n)
}

const fileMagic = "CHRONTAG1\n"

// Save writes the tagger (uncompressed; callers gzip it).
func (t *Tagger) Save(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(fileMagic)
	if err := perceptron.WriteStrings(bw, t.Classes); err != nil {
		return fmt.Errorf("save tagger: %w", err)
	}
	forms := make([]string, 0, len(t.dict))
	for f := range t.dict {
		forms = append(forms, f)
	}
	sort.Strings(forms)
	entries := make([]string, 0, 2*len(forms))
	for _, f := range forms {
		entries = append(entries, f, t.Classes[t.dict[f]])
	}
	if err := perceptron.WriteStrings(bw, entries); err != nil {
		return fmt.Errorf("save tagger: %w", err)
	}
	words := make([]string, 0, len(t.amb))
	for w := range t.amb {
		words = append(words, w)
	}
	sort.Strings(words)
	entries = entries[:0]
	for _, w := range words {
		entries = append(entries, w, t.amb[w])
	}
	if err := perceptron.WriteStrings(bw, entries); err != nil {
		return fmt.Errorf("save tagger: %w", err)
	}
	if _, err := t.model.WriteTo(bw); err != nil {
		return fmt.Errorf("save tagger: %w", err)
	}
	if t.model2 != nil {
		bw.WriteString("2")
		if _, err := t.model2.WriteTo(bw); err != nil {
			return fmt.Errorf("save tagger: %w", err)
		}
	}
	return bw.Flush()
}

// Load reads a tagger written by Save.
func Load(r io.Reader) (*Tagger, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	head := make([]byte, len(fileMagic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != fileMagic {
		return nil, fmt.Errorf("load tagger: not a tagger model")
	}
	t := &Tagger{dict: map[string]int{}}
	var err error
	if t.Classes, err = perceptron.ReadStrings(br); err != nil {
		return nil, fmt.Errorf("load tagger classes: %w", err)
	}
	t.index()
	classOf := map[string]int{}
	for i, cl := range t.Classes {
		classOf[cl] = i
	}
	entries, err := perceptron.ReadStrings(br)
	if err != nil || len(entries)%2 != 0 {
		return nil, fmt.Errorf("load tagger dictionary: bad entries (%v)", err)
	}
	for i := 0; i < len(entries); i += 2 {
		c, ok := classOf[entries[i+1]]
		if !ok {
			return nil, fmt.Errorf("load tagger dictionary: unknown class %q", entries[i+1])
		}
		t.dict[entries[i]] = c
	}
	if entries, err = perceptron.ReadStrings(br); err != nil || len(entries)%2 != 0 {
		return nil, fmt.Errorf("load tagger ambiguity classes: bad entries (%v)", err)
	}
	t.amb = make(map[string]string, len(entries)/2)
	for i := 0; i < len(entries); i += 2 {
		t.amb[entries[i]] = entries[i+1]
	}
	if t.model, err = perceptron.Read(br); err != nil {
		return nil, fmt.Errorf("load tagger: %w", err)
	}
	if b, err := br.ReadByte(); err == nil && b == '2' {
		if t.model2, err = perceptron.Read(br); err != nil {
			return nil, fmt.Errorf("load tagger second pass: %w", err)
		}
	}
	if t.model.Classes() != len(t.Classes) || t.model2 != nil && t.model2.Classes() != len(t.Classes) {
		return nil, fmt.Errorf("load tagger: model has %d classes, want %d", t.model.Classes(), len(t.Classes))
	}
	return t, nil
}

// Pruned returns a copy of the tagger without weights below minAbs.
func (t *Tagger) Pruned(minAbs float32) *Tagger {
	c := *t
	c.model = t.model.Prune(minAbs)
	if t.model2 != nil {
		c.model2 = t.model2.Prune(minAbs)
	}
	return &c
}

// Size returns the number of features and weights the tagger keeps.
func (t *Tagger) Size() (features, weights int) {
	features, weights = t.model.Features(), t.model.Weights()
	if t.model2 != nil {
		features += t.model2.Features()
		weights += t.model2.Weights()
	}
	return features, weights
}
