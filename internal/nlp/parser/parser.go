// Package parser is Chronicle's dependency parser: greedy arc-hybrid
// transitions scored by an averaged perceptron with rich feature templates
// (after Zhang and Nivre 2011), trained with a dynamic oracle and
// exploration (Goldberg and Nivre 2013) on predicted tags. Each arc is
// labelled with a Universal Dependencies relation by a second perceptron at
// the moment it is built, so later decisions can see the labels.
package parser

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/chronicle-news/chronicle/internal/nlp/conllu"
	"github.com/chronicle-news/chronicle/internal/nlp/perceptron"
	"github.com/chronicle-news/chronicle/internal/nlp/tagger"
)

// Transitions.
const (
	shift = iota
	left
	right
	nTrans
)

// Parser assigns heads and relations. It is safe for concurrent use.
type Parser struct {
	Labels []string
	trans  *perceptron.Model
	label  *perceptron.Model
	// amb maps normalised words seen at least twice in training to a hash
	// of the tags they had: a part-of-speech feature that tagging errors
	// do not change.
	amb map[string]uint64
	// ambWords keeps amb's source for saving.
	ambWords map[string]string
	// featureSet is the version of the transition feature templates: 1 the
	// original set, 2 with s1-b0, punctuation and more valency features.
	featureSet int
}

// scorer is what parsing needs from a model: the trained Model, or a
// Trainer while learning.
type scorer interface {
	Score(feats []uint64, scores []float32)
}

// Parse sets heads (1-based, 0 for the root) and relations for a sentence
// of words with their tags. heads and rels must have len(words) elements;
// missing tags count as unknown.
func (p *Parser) Parse(words, tags []string, heads []int, rels []string) {
	if len(words) == 0 || len(heads) < len(words) || len(rels) < len(words) {
		return
	}
	if len(tags) < len(words) {
		tags = append(append(make([]string, 0, len(words)), tags...), make([]string, len(words)-len(tags))...)
	}
	st := newState(words, tags, p.amb)
	st.setFeatureSet(p.featureSet)
	p.run(st, p.trans, p.label, nil)
	for i := 1; i <= st.n; i++ {
		heads[i-1] = st.heads[i]
		if l := st.labels[i]; l > 0 {
			rels[i-1] = p.Labels[l-1]
		} else {
			rels[i-1] = "dep"
		}
	}
}

// state is a parser configuration.
type state struct {
	n      int
	stack  []int
	b      int // front of the buffer (1-based); b > n when empty
	heads  []int
	labels []int // label index + 1; 0 when unattached
	// two leftmost and two rightmost children, 0 for none
	lc1, lc2, rc1, rc2 []int
	nl, nr             []int
	lset, rset         []uint64
	w, t, wt           []uint64 // index 0 is the root
	u, sf, amb         []uint64 // coarse tag, suffix, ambiguity class
	feats, lfeats      []uint64
	hasAmb             bool
	// ext turns on feature set 2; punct[i] counts punctuation in 1..i.
	ext   bool
	punct []int
}

const (
	noneW = 0x6e6f6e65
	rootW = 0x726f6f74
)

func newState(words, tags []string, amb map[string]uint64) *state {
	n := len(words)
	st := &state{n: n, b: 1}
	st.stack = make([]int, 1, n+1)
	ints := make([]int, 8*(n+1))
	take := func() []int { s := ints[:n+1]; ints = ints[n+1:]; return s }
	st.heads, st.labels, st.lc1, st.lc2, st.rc1, st.rc2, st.nl, st.nr = take(), take(), take(), take(), take(), take(), take(), take()
	u := make([]uint64, 8*(n+1))
	takeu := func() []uint64 { s := u[:n+1]; u = u[n+1:]; return s }
	st.lset, st.rset, st.w, st.t, st.wt, st.u, st.sf, st.amb = takeu(), takeu(), takeu(), takeu(), takeu(), takeu(), takeu(), takeu()
	st.w[0], st.t[0], st.wt[0], st.u[0], st.sf[0], st.amb[0] = rootW, rootW, rootW, rootW, rootW, rootW
	for i := range words {
		st.heads[i+1] = -1
		norm := tagger.Norm(words[i])
		st.w[i+1] = perceptron.Hash(norm)
		if a, ok := amb[norm]; ok {
			st.amb[i+1] = a
		} else {
			st.amb[i+1] = 0x756e6b
		}
		st.t[i+1] = perceptron.Hash(tags[i])
		st.wt[i+1] = perceptron.Mix(st.w[i+1], st.t[i+1])
		coarse, _, _ := strings.Cut(tags[i], "/")
		st.u[i+1] = perceptron.Hash(coarse)
		nw := norm
		if len(nw) > 3 {
			nw = nw[len(nw)-3:]
		}
		st.sf[i+1] = perceptron.Hash(nw)
	}
	st.heads[0] = -1
	st.hasAmb = amb != nil
	// Room for every template, so appending features never reallocates.
	fs := make([]uint64, 0, 192)
	st.feats, st.lfeats = fs[:0:160], fs[160:160]
	return st
}

// setFeatureSet prepares the state for the given feature set version.
func (st *state) setFeatureSet(v int) {
	if v < 2 {
		return
	}
	st.ext = true
	st.punct = make([]int, st.n+1)
	punct := perceptron.Hash("PUNCT")
	for i := 1; i <= st.n; i++ {
		st.punct[i] = st.punct[i-1]
		if st.u[i] == punct {
			st.punct[i]++
		}
	}
}

func (st *state) terminal() bool { return st.b > st.n && len(st.stack) == 1 }

func (st *state) valid(tr int) bool {
	ns := len(st.stack)
	switch tr {
	case shift:
		return st.b <= st.n
	case left:
		return st.b <= st.n && ns >= 2
	case right:
		if ns < 2 {
			return false
		}
		if st.stack[ns-2] == 0 {
			return st.b > st.n && ns == 2
		}
		return true
	}
	return false
}

// forced returns the only legal transition, or -1 when there is a choice.
func (st *state) forced() int {
	ns := len(st.stack)
	switch {
	case ns < 2:
		return shift
	case st.b > st.n:
		return right
	case st.stack[ns-2] == 0:
		// Right onto the root is legal only with an empty buffer.
		return -1
	}
	return -1
}

// apply performs a transition; for arcs, label is the relation index + 1.
func (st *state) apply(tr, label int) {
	ns := len(st.stack)
	switch tr {
	case shift:
		st.stack = append(st.stack, st.b)
		st.b++
	case left:
		d, h := st.stack[ns-1], st.b
		st.stack = st.stack[:ns-1]
		st.attach(h, d, label)
		st.lc2[h] = st.lc1[h]
		st.lc1[h] = d
		st.nl[h]++
		st.lset[h] += uint64(label) * 0x9e3779b97f4a7c15
	case right:
		d, h := st.stack[ns-1], st.stack[ns-2]
		st.stack = st.stack[:ns-1]
		st.attach(h, d, label)
		st.rc2[h] = st.rc1[h]
		st.rc1[h] = d
		st.nr[h]++
		st.rset[h] += uint64(label) * 0x9e3779b97f4a7c15
	}
}

func (st *state) attach(h, d, label int) {
	st.heads[d] = h
	st.labels[d] = label
}

// arc returns the head and dependent a transition would join.
func (st *state) arc(tr int) (h, d int) {
	ns := len(st.stack)
	if tr == left {
		return st.b, st.stack[ns-1]
	}
	return st.stack[ns-2], st.stack[ns-1]
}

// cost is the dynamic oracle: how many gold arcs still reachable a
// transition would make unreachable.
func (st *state) cost(tr int, gold []int) int {
	ns := len(st.stack)
	c := 0
	switch tr {
	case left:
		s0 := st.stack[ns-1]
		for k := st.b; k <= st.n; k++ {
			if gold[k] == s0 {
				c++
			}
		}
		g := gold[s0]
		if g != st.b && (ns >= 2 && g == st.stack[ns-2] || g > st.b) {
			c++
		}
	case right:
		s0 := st.stack[ns-1]
		for k := st.b; k <= st.n; k++ {
			if gold[k] == s0 {
				c++
			}
		}
		if gold[s0] >= st.b {
			c++
		}
	case shift:
		b := st.b
		for i, k := range st.stack {
			if k != 0 && gold[k] == b {
				c++
			}
			if i < ns-1 && gold[b] == k {
				c++
			}
		}
	}
	return c
}

// run parses to the end. When tr is set, it learns from gold heads and
// labels (training); otherwise it follows the model.
func (p *Parser) run(st *state, ts, ls scorer, tr *training) {
	var scores [nTrans]float32
	lscores := make([]float32, len(p.Labels))
	for !st.terminal() {
		var best int
		if forced := st.forced(); forced >= 0 && tr == nil {
			// Only one transition is legal: no need to score.
			best = forced
		} else {
			st.feats = st.transFeatures(st.feats[:0])
			scores = [nTrans]float32{}
			ts.Score(st.feats, scores[:])
			best = -1
			bestS := float32(0)
			for t := 0; t < nTrans; t++ {
				if st.valid(t) && (best < 0 || scores[t] > bestS) {
					best, bestS = t, scores[t]
				}
			}
		}
		next := best
		if tr != nil {
			next = tr.transition(st, scores[:], best)
		}
		label := 0
		if next != shift {
			h, d := st.arc(next)
			st.lfeats = st.labelFeatures(st.lfeats[:0], h, d)
			lf := st.lfeats
			clear(lscores)
			ls.Score(lf, lscores)
			label = perceptron.Argmax(lscores, nil) + 1
			if tr != nil && tr.gold[d] == h {
				g := tr.goldLabels[d] - 1
				tr.labels.Update(lf, g, label-1)
				label = g + 1
			}
		}
		st.apply(next, label)
	}
}

// training is the learning side of run.
type training struct {
	gold, goldLabels []int
	trans, labels    *perceptron.Trainer
	explore          bool
	rng              *rand.Rand
	correct, total   int
}

// transition updates the transition model and picks the transition to
// follow.
func (tr *training) transition(st *state, scores []float32, pred int) int {
	var costs [nTrans]int
	minCost := -1
	for t := 0; t < nTrans; t++ {
		if !st.valid(t) {
			costs[t] = -1
			continue
		}
		costs[t] = st.cost(t, tr.gold)
		if minCost < 0 || costs[t] < minCost {
			minCost = costs[t]
		}
	}
	goldT, goldS := -1, float32(0)
	for t := 0; t < nTrans; t++ {
		if costs[t] == minCost && (goldT < 0 || scores[t] > goldS) {
			goldT, goldS = t, scores[t]
		}
	}
	tr.total++
	if costs[pred] == minCost {
		tr.correct++
		tr.trans.Tick()
		return pred
	}
	tr.trans.Update(st.feats, goldT, pred)
	if tr.explore && tr.rng.Float64() < 0.9 {
		return pred
	}
	return goldT
}

// Options control training.
type Options struct {
	Iters int
	Seed  uint64
	Log   io.Writer
	// Dev, when not empty, is parsed with its Tags after each iteration.
	Dev     []conllu.Sentence
	DevTags [][]string
	// Ambiguity adds ambiguity-class features (the tags each word had in
	// training).
	Ambiguity bool
	// FeatureSet selects the transition feature templates (0 or 1: the
	// original set; 2: extended).
	FeatureSet int
}

// ambiguity maps each normalised word seen at least twice to the sorted set
// of its UPOS/XPOS tags with at least a 5% share.
func ambiguity(sents []conllu.Sentence) map[string]string {
	counts := map[string]map[string]int{}
	for _, s := range sents {
		for _, w := range s.Words {
			nw := tagger.Norm(w.Form)
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
		if total < 2 {
			continue
		}
		var tags []string
		for t, n := range m {
			if 20*n >= total {
				tags = append(tags, t)
			}
		}
		sort.Strings(tags)
		out[w] = strings.Join(tags, " ")
	}
	return out
}

func (p *Parser) setAmb(words map[string]string) {
	p.ambWords = words
	p.amb = make(map[string]uint64, len(words))
	for w, a := range words {
		p.amb[w] = perceptron.Hash(a)
	}
}

// Train trains a parser on sentences with gold heads and relations, using
// tags[i] as the tags of sentence i (predicted by a jack-knifed tagger).
func Train(sents []conllu.Sentence, tags [][]string, opts Options) (*Parser, error) {
	if len(sents) == 0 || len(tags) != len(sents) {
		return nil, fmt.Errorf("train parser: want sentences with tags, got %d sentences and %d tag lists", len(sents), len(tags))
	}
	if opts.Iters <= 0 {
		opts.Iters = 10
	}
	labelSet := map[string]bool{}
	for _, s := range sents {
		for _, w := range s.Words {
			if w.Head < 0 || w.DepRel == "" {
				return nil, fmt.Errorf("train parser: sentence %q: word %q has no head or relation", s.ID, w.Form)
			}
			labelSet[w.DepRel] = true
		}
	}
	p := &Parser{featureSet: max(opts.FeatureSet, 1)}
	if opts.Ambiguity {
		p.setAmb(ambiguity(sents))
	}
	for l := range labelSet {
		p.Labels = append(p.Labels, l)
	}
	sort.Strings(p.Labels)
	labelOf := map[string]int{}
	for i, l := range p.Labels {
		labelOf[l] = i + 1
	}
	tr := &training{
		trans:  perceptron.NewTrainer(nTrans),
		labels: perceptron.NewTrainer(len(p.Labels)),
		rng:    rand.New(rand.NewPCG(opts.Seed, 0x9a25e7)),
	}
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	for it := 0; it < opts.Iters; it++ {
		tr.explore = it > 0
		tr.correct, tr.total = 0, 0
		tr.rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		for _, si := range order {
			s := sents[si]
			if len(tags[si]) != len(s.Words) {
				return nil, fmt.Errorf("train parser: sentence %q has %d words and %d tags", s.ID, len(s.Words), len(tags[si]))
			}
			tr.gold = make([]int, len(s.Words)+1)
			tr.goldLabels = make([]int, len(s.Words)+1)
			tr.gold[0] = -1
			for i, w := range s.Words {
				tr.gold[i+1] = w.Head
				tr.goldLabels[i+1] = labelOf[w.DepRel]
			}
			st := newState(s.Forms(), tags[si], p.amb)
			st.setFeatureSet(p.featureSet)
			p.run(st, tr.trans, tr.labels, tr)
		}
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, "parser iter %d: oracle agreement %.4f", it+1, float64(tr.correct)/float64(tr.total))
			if len(opts.Dev) > 0 && (it%3 == 2 || it == opts.Iters-1) {
				p.trans, p.label = tr.trans.Model(0), tr.labels.Model(0)
				uas, las := p.Evaluate(opts.Dev, opts.DevTags)
				fmt.Fprintf(opts.Log, " dev UAS %.4f LAS %.4f", uas, las)
			}
			fmt.Fprintln(opts.Log)
		}
	}
	p.trans, p.label = tr.trans.Model(0.01), tr.labels.Model(0.01)
	return p, nil
}

// Evaluate returns the unlabelled and labelled attachment scores on gold
// trees, parsing with the given tags. Punctuation counts like any word.
func (p *Parser) Evaluate(sents []conllu.Sentence, tags [][]string) (uas, las float64) {
	var n, cu, cl int
	for si, s := range sents {
		heads := make([]int, len(s.Words))
		rels := make([]string, len(s.Words))
		p.Parse(s.Forms(), tags[si], heads, rels)
		for i, w := range s.Words {
			n++
			if heads[i] == w.Head {
				cu++
				if rels[i] == w.DepRel {
					cl++
				}
			}
		}
	}
	if n == 0 {
		return 0, 0
	}
	return float64(cu) / float64(n), float64(cl) / float64(n)
}

const fileMagic = "CHRONPARSE1\n"

// Save writes the parser (uncompressed; callers gzip it).
func (p *Parser) Save(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(fileMagic)
	if err := perceptron.WriteStrings(bw, p.Labels); err != nil {
		return fmt.Errorf("save parser: %w", err)
	}
	if _, err := p.trans.WriteTo(bw); err != nil {
		return fmt.Errorf("save parser: %w", err)
	}
	if _, err := p.label.WriteTo(bw); err != nil {
		return fmt.Errorf("save parser: %w", err)
	}
	if p.ambWords != nil {
		words := make([]string, 0, len(p.ambWords))
		for w := range p.ambWords {
			words = append(words, w)
		}
		sort.Strings(words)
		ent := make([]string, 0, 2*len(words))
		for _, w := range words {
			ent = append(ent, w, p.ambWords[w])
		}
		bw.WriteString("A")
		if err := perceptron.WriteStrings(bw, ent); err != nil {
			return fmt.Errorf("save parser: %w", err)
		}
	}
	if p.featureSet > 1 {
		bw.WriteString("F")
		bw.WriteByte(byte(p.featureSet))
	}
	return bw.Flush()
}

// Load reads a parser written by Save.
func Load(r io.Reader) (*Parser, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	head := make([]byte, len(fileMagic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != fileMagic {
		return nil, fmt.Errorf("load parser: not a parser model")
	}
	p := &Parser{}
	var err error
	if p.Labels, err = perceptron.ReadStrings(br); err != nil {
		return nil, fmt.Errorf("load parser labels: %w", err)
	}
	if p.trans, err = perceptron.Read(br); err != nil {
		return nil, fmt.Errorf("load parser transitions: %w", err)
	}
	if p.label, err = perceptron.Read(br); err != nil {
		return nil, fmt.Errorf("load parser labeller: %w", err)
	}
	p.featureSet = 1
	for {
		b, err := br.ReadByte()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("load parser: %w", err)
		}
		switch b {
		case 'A':
			ent, err := perceptron.ReadStrings(br)
			if err != nil || len(ent)%2 != 0 {
				return nil, fmt.Errorf("load parser ambiguity classes: bad entries (%v)", err)
			}
			words := make(map[string]string, len(ent)/2)
			for i := 0; i < len(ent); i += 2 {
				words[ent[i]] = ent[i+1]
			}
			p.setAmb(words)
		case 'F':
			v, err := br.ReadByte()
			if err != nil || v < 1 || v > 2 {
				return nil, fmt.Errorf("load parser: unknown feature set %d (%v)", v, err)
			}
			p.featureSet = int(v)
		default:
			return nil, fmt.Errorf("load parser: unknown section %q", b)
		}
	}
	if p.trans.Classes() != nTrans || p.label.Classes() != len(p.Labels) {
		return nil, fmt.Errorf("load parser: model sizes do not match")
	}
	return p, nil
}

// Pruned returns a copy of the parser without weights below minAbs.
func (p *Parser) Pruned(minAbs float32) *Parser {
	return &Parser{Labels: p.Labels, trans: p.trans.Prune(minAbs), label: p.label.Prune(minAbs), amb: p.amb, ambWords: p.ambWords, featureSet: p.featureSet}
}

// Size returns the features and weights of the transition and label models.
func (p *Parser) Size() (transFeatures, transWeights, labelFeatures, labelWeights int) {
	return p.trans.Features(), p.trans.Weights(), p.label.Features(), p.label.Weights()
}
