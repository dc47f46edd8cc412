// Package ner is Chronicle's entity recogniser: a greedy left-to-right
// averaged-perceptron BIO tagger for PERSON, ORG, GPE, LOC, FAC and NORP,
// with word, shape, part-of-speech, context and gazetteer features. A title
// ("President", "Gen.") is never part of a PERSON span.
package ner

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/chronicle-news/chronicle/internal/nlp/conllu"
	"github.com/chronicle-news/chronicle/internal/nlp/perceptron"
	"github.com/chronicle-news/chronicle/internal/nlp/tagger"
)

// Embedded training material written for Chronicle.
var (
	//go:embed data/gazetteer.txt
	GazetteerText string
	//go:embed data/synth.txt
	SynthText string
	//go:embed data/news_train.txt
	NewsTrainText string
)

// Recognizer tags entities. It is safe for concurrent use.
type Recognizer struct {
	classes []string // "O", "B-PERSON", "I-PERSON", ...
	gaz     *Gazetteer
	model   *perceptron.Model
}

// Span is one recognised entity: tokens [Start, End) of a sentence.
type Span struct {
	Type       string
	Start, End int
}

func classList() []string {
	out := []string{"O"}
	for _, t := range Types {
		out = append(out, "B-"+t, "I-"+t)
	}
	return out
}

// Tag returns the BIO tag of each word, given the words' UPOS tags.
func (r *Recognizer) Tag(words, upos []string) []string {
	cls := r.tag(words, upos, nil, nil)
	out := make([]string, len(words))
	for i, c := range cls {
		out[i] = r.classes[c]
	}
	r.fixTitles(words, out)
	return out
}

// fixTitles moves title words at the start of a PERSON span out of it.
func (r *Recognizer) fixTitles(words, tags []string) {
	for i := 0; i < len(tags); i++ {
		if tags[i] != "B-PERSON" {
			continue
		}
		j := i
		for j < len(tags) && j+1 < len(tags) && tags[j+1] == "I-PERSON" && r.gaz.Has("TITLE", []string{words[j]}) {
			tags[j] = "O"
			tags[j+1] = "B-PERSON"
			j++
		}
	}
}

// Spans returns the entities in BIO tags.
func Spans(tags []string) []Span {
	var out []Span
	for i := 0; i < len(tags); i++ {
		t := tags[i]
		if len(t) < 3 || (t[0] != 'B' && t[0] != 'I') {
			continue
		}
		typ := t[2:]
		j := i + 1
		for j < len(tags) && tags[j] == "I-"+typ {
			j++
		}
		out = append(out, Span{Type: typ, Start: i, End: j})
		i = j - 1
	}
	return out
}

// ctx holds per-word hashes.
type ctx struct {
	norm, word, shape, suf3, pre3, pos, gaz []uint64
	gazAll                                  [][]uint64
}

const pad = 0x7061640a

func (r *Recognizer) newCtx(words, upos []string) *ctx {
	n := len(words)
	c := &ctx{}
	mk := func() []uint64 {
		s := make([]uint64, n+4)
		s[0], s[1], s[n+2], s[n+3] = pad, pad+1, pad+2, pad+3
		return s
	}
	c.norm, c.word, c.shape, c.suf3, c.pre3, c.pos, c.gaz = mk(), mk(), mk(), mk(), mk(), mk(), mk()
	c.gazAll = make([][]uint64, n+4)
	marks := r.gaz.match(words)
	for i, w := range words {
		k := i + 2
		nw := tagger.Norm(w)
		c.norm[k] = perceptron.Hash(nw)
		c.word[k] = perceptron.Hash(w)
		c.shape[k] = tagger.ShapeHash(w)
		if len(nw) > 3 {
			c.suf3[k] = perceptron.Hash(nw[len(nw)-3:])
			c.pre3[k] = perceptron.Hash(nw[:3])
		} else {
			c.suf3[k] = c.norm[k]
			c.pre3[k] = c.norm[k]
		}
		if i < len(upos) {
			c.pos[k] = perceptron.Hash(upos[i])
		}
		ms := marks[i]
		sort.Strings(ms)
		c.gaz[k] = perceptron.Hash(strings.Join(ms, ","))
		for _, m := range ms {
			c.gazAll[k] = append(c.gazAll[k], perceptron.Hash(m))
		}
	}
	return c
}

// Feature templates.
const (
	nBias = iota + 1
	nNorm
	nWord
	nShape
	nSuf3
	nPre3
	nWm1
	nWp1
	nWm2
	nWp2
	nShm1
	nShp1
	nPos
	nPosm1
	nPosp1
	nPosShape
	nY1
	nY2
	nY1Y2
	nY1W
	nY1Shape
	nY1Pos
	nGaz
	nGazm1
	nGazp1
	nGazOne
	nWm1W
	nWWp1
	nFirstShape
	nWordm1
	nWordp1
	nShm1ShShp1
	nGazOneY1
	nWordShp1
)

func features(f []uint64, c *ctx, i int, prev []int) []uint64 {
	k := i + 2
	y1, y2 := uint64(99), uint64(99)
	if i > 0 {
		y1 = uint64(prev[i-1])
	}
	if i > 1 {
		y2 = uint64(prev[i-2])
	}
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	F1, F2, F3 := perceptron.F1, perceptron.F2, perceptron.F3
	f = append(f,
		F1(nBias, 0), F1(nNorm, c.norm[k]), F1(nWord, c.word[k]), F1(nShape, c.shape[k]),
		F1(nSuf3, c.suf3[k]), F1(nPre3, c.pre3[k]),
		F1(nWm1, c.norm[k-1]), F1(nWp1, c.norm[k+1]), F1(nWm2, c.norm[k-2]), F1(nWp2, c.norm[k+2]),
		F1(nShm1, c.shape[k-1]), F1(nShp1, c.shape[k+1]),
		F1(nPos, c.pos[k]), F1(nPosm1, c.pos[k-1]), F1(nPosp1, c.pos[k+1]), F2(nPosShape, c.pos[k], c.shape[k]),
		F1(nY1, y1), F1(nY2, y2), F2(nY1Y2, y1, y2), F2(nY1W, y1, c.norm[k]), F2(nY1Shape, y1, c.shape[k]),
		F2(nY1Pos, y1, c.pos[k]),
		F1(nGaz, c.gaz[k]), F1(nGazm1, c.gaz[k-1]), F1(nGazp1, c.gaz[k+1]),
		F2(nWm1W, c.norm[k-1], c.norm[k]), F2(nWWp1, c.norm[k], c.norm[k+1]),
		F2(nFirstShape, first, c.shape[k]),
		F1(nWordm1, c.word[k-1]), F1(nWordp1, c.word[k+1]),
		F3(nShm1ShShp1, c.shape[k-1], c.shape[k], c.shape[k+1]),
		F2(nWordShp1, c.word[k], c.shape[k+1]),
	)
	for _, g := range c.gazAll[k] {
		f = append(f, F1(nGazOne, g), F2(nGazOneY1, g, y1))
	}
	return f
}

// allowed reports whether class c may follow class prev (BIO constraint).
func (r *Recognizer) allowed(prev, c int) bool {
	name := r.classes[c]
	if name[0] != 'I' {
		return true
	}
	if prev < 0 {
		return false
	}
	p := r.classes[prev]
	return p != "O" && p[2:] == name[2:]
}

type scorer interface {
	Score(feats []uint64, scores []float32)
}

// tag runs the greedy tagger; with a trainer and gold classes it learns.
func (r *Recognizer) tag(words, upos []string, tr *perceptron.Trainer, gold []int) []int {
	var sc scorer = r.model
	if tr != nil {
		sc = tr
	}
	c := r.newCtx(words, upos)
	out := make([]int, len(words))
	scores := make([]float32, len(r.classes))
	var feats []uint64
	for i := range words {
		feats = features(feats[:0], c, i, out)
		clear(scores)
		sc.Score(feats, scores)
		prev := -1
		if i > 0 {
			prev = out[i-1]
		}
		best := -1
		for cl := range scores {
			if r.allowed(prev, cl) && (best < 0 || scores[cl] > scores[best]) {
				best = cl
			}
		}
		if tr != nil {
			tr.Update(feats, gold[i], best)
			if !r.allowed(prev, gold[i]) {
				// Follow gold when the guess path makes it unreachable.
				best = gold[i]
			}
		}
		out[i] = best
	}
	return out
}

// Options control training.
type Options struct {
	Iters int
	Seed  uint64
	Log   io.Writer
	// POS tags words for the part-of-speech features.
	POS func(words []string) []string
}

// Train trains a recogniser on sentences whose words carry BIO tags.
func Train(sents []conllu.Sentence, gaz *Gazetteer, opts Options) (*Recognizer, error) {
	if len(sents) == 0 {
		return nil, fmt.Errorf("train ner: no sentences")
	}
	if opts.Iters <= 0 {
		opts.Iters = 8
	}
	r := &Recognizer{classes: classList(), gaz: gaz}
	classOf := map[string]int{}
	for i, c := range r.classes {
		classOf[c] = i
	}
	gold := make([][]int, len(sents))
	pos := make([][]string, len(sents))
	forms := make([][]string, len(sents))
	for si, s := range sents {
		forms[si] = s.Forms()
		pos[si] = opts.POS(forms[si])
		gold[si] = make([]int, len(s.Words))
		for i, w := range s.Words {
			c, ok := classOf[w.NER]
			if !ok {
				return nil, fmt.Errorf("train ner: sentence %q: unknown tag %q", s.ID, w.NER)
			}
			gold[si][i] = c
		}
	}
	tr := perceptron.NewTrainer(len(r.classes))
	rng := rand.New(rand.NewPCG(opts.Seed, 0x4e52))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	for it := 0; it < opts.Iters; it++ {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		for _, si := range order {
			r.tag(forms[si], pos[si], tr, gold[si])
		}
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, "ner iter %d done\n", it+1)
		}
	}
	r.model = tr.Model(0.01)
	return r, nil
}

// Score is precision, recall and F1 counts for one type.
type Score struct {
	TP, FP, FN int
}

// P returns precision.
func (s Score) P() float64 { return ratio(s.TP, s.TP+s.FP) }

// R returns recall.
func (s Score) R() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 returns the harmonic mean of precision and recall.
func (s Score) F1() float64 {
	p, r := s.P(), s.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Evaluate scores exact-span matches per type and overall ("ALL").
func (r *Recognizer) Evaluate(sents []conllu.Sentence, pos func([]string) []string) map[string]*Score {
	out := map[string]*Score{"ALL": {}}
	for _, t := range Types {
		out[t] = &Score{}
	}
	for _, s := range sents {
		words := s.Forms()
		pred := Spans(r.Tag(words, pos(words)))
		goldTags := make([]string, len(s.Words))
		for i, w := range s.Words {
			goldTags[i] = w.NER
		}
		gold := Spans(goldTags)
		gs := map[Span]bool{}
		for _, g := range gold {
			gs[g] = true
		}
		for _, p := range pred {
			sc := out[p.Type]
			if gs[p] {
				sc.TP++
				out["ALL"].TP++
				delete(gs, p)
			} else {
				sc.FP++
				out["ALL"].FP++
			}
		}
		for g := range gs {
			out[g.Type].FN++
			out["ALL"].FN++
		}
	}
	return out
}

const fileMagic = "CHRONNER1\n"

// Save writes the recogniser with its gazetteer (uncompressed).
func (r *Recognizer) Save(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(fileMagic)
	if err := perceptron.WriteStrings(bw, r.classes); err != nil {
		return fmt.Errorf("save ner: %w", err)
	}
	if err := perceptron.WriteStrings(bw, r.gaz.Lines()); err != nil {
		return fmt.Errorf("save ner: %w", err)
	}
	if _, err := r.model.WriteTo(bw); err != nil {
		return fmt.Errorf("save ner: %w", err)
	}
	return bw.Flush()
}

// Load reads a recogniser written by Save.
func Load(rd io.Reader) (*Recognizer, error) {
	br := bufio.NewReaderSize(rd, 1<<16)
	head := make([]byte, len(fileMagic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != fileMagic {
		return nil, fmt.Errorf("load ner: not an entity model")
	}
	r := &Recognizer{}
	var err error
	if r.classes, err = perceptron.ReadStrings(br); err != nil {
		return nil, fmt.Errorf("load ner classes: %w", err)
	}
	lines, err := perceptron.ReadStrings(br)
	if err != nil {
		return nil, fmt.Errorf("load ner gazetteer: %w", err)
	}
	if r.gaz, err = ParseGazetteer(strings.NewReader(strings.Join(lines, "\n")), "model gazetteer"); err != nil {
		return nil, fmt.Errorf("load ner gazetteer: %w", err)
	}
	if r.model, err = perceptron.Read(br); err != nil {
		return nil, fmt.Errorf("load ner: %w", err)
	}
	if r.model.Classes() != len(r.classes) {
		return nil, fmt.Errorf("load ner: model has %d classes, want %d", r.model.Classes(), len(r.classes))
	}
	return r, nil
}
