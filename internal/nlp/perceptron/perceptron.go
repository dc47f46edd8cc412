// Package perceptron is the averaged multiclass perceptron behind Chronicle's
// tagger, parser and entity recogniser. Features are 64-bit hashes built with
// Hash and Mix; a trained Model keeps only the non-zero averaged weights of
// each feature in a compact open-addressing table, so scoring a feature costs
// one probe and a short loop over the classes it votes for.
package perceptron

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
)

// Hash returns the 64-bit FNV-1a hash of s.
func Hash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// Mix combines a feature hash with one more part.
func Mix(h, x uint64) uint64 {
	h ^= x + 0x9e3779b97f4a7c15 + (h << 6) + (h >> 2)
	h ^= h >> 31
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 29
	return h
}

// F1 returns the feature for template t and one value.
func F1(t, a uint64) uint64 { return nz(Mix(Mix(t*0x100000001b3, a), 1)) }

// F2 returns the feature for template t and two values.
func F2(t, a, b uint64) uint64 { return nz(Mix(Mix(Mix(t*0x100000001b3, a), b), 2)) }

// F3 returns the feature for template t and three values.
func F3(t, a, b, c uint64) uint64 { return nz(Mix(Mix(Mix(Mix(t*0x100000001b3, a), b), c), 3)) }

func nz(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

// Model is a trained, averaged and pruned perceptron. It is safe for
// concurrent use. Weights are quantised to 16 bits with one scale per model
// and packed with their class into one uint32, and each table slot holds the
// feature key with its entries' offset, so scoring a feature touches two
// cache lines.
type Model struct {
	nclass int
	scale  float32
	slots  []slot // open-addressing table; key 0 marks an empty slot
	mask   uint64
	ents   []uint32 // class<<16 | uint16(quantised weight)
	nfeat  int
}

type slot struct {
	key uint64
	off uint32
	n   uint32
}

// Classes returns the number of classes.
func (m *Model) Classes() int { return m.nclass }

// Features returns the number of features kept.
func (m *Model) Features() int { return m.nfeat }

// Weights returns the number of non-zero weights kept.
func (m *Model) Weights() int { return len(m.ents) }

// Score adds the weights of feats to scores, which must hold Classes values.
func (m *Model) Score(feats []uint64, scores []float32) {
	if len(m.slots) == 0 {
		return
	}
	slots, mask, ents, scale := m.slots, m.mask, m.ents, m.scale
	for _, f := range feats {
		i := f & mask
		for {
			sl := &slots[i]
			if sl.key == f {
				for _, e := range ents[sl.off : sl.off+sl.n] {
					scores[e>>16] += float32(int16(uint16(e))) * scale
				}
				break
			}
			if sl.key == 0 {
				break
			}
			i = (i + 1) & mask
		}
	}
}

// newModel builds a model from features sorted by key, each with its
// (class, weight) entries; weights are quantised here.
func newModel(nclass int, keys []uint64, start []int, cls []uint16, w []float32) *Model {
	var maxAbs float32
	for _, x := range w {
		if a := float32(math.Abs(float64(x))); a > maxAbs {
			maxAbs = a
		}
	}
	scale := float32(1)
	if maxAbs > 0 {
		scale = maxAbs / 32767
	}
	m := &Model{nclass: nclass, scale: scale, nfeat: len(keys)}
	m.ents = make([]uint32, 0, len(w))
	offs := make([]uint32, len(keys)+1)
	for fi := range keys {
		offs[fi] = uint32(len(m.ents))
		for j := start[fi]; j < start[fi+1]; j++ {
			q := int16(math.Round(float64(w[j] / scale)))
			if q == 0 {
				continue
			}
			m.ents = append(m.ents, uint32(cls[j])<<16|uint32(uint16(q)))
		}
	}
	offs[len(keys)] = uint32(len(m.ents))
	m.build(keys, offs)
	return m
}

// build fills the lookup table; offs[f]..offs[f+1] are feature f's entries.
func (m *Model) build(keys []uint64, offs []uint32) {
	n := len(keys)
	size := 1
	for size < 2*n+1 {
		size <<= 1
	}
	m.slots = make([]slot, size)
	m.mask = uint64(size - 1)
	m.nfeat = 0
	for fi, k := range keys {
		if offs[fi+1] == offs[fi] {
			continue
		}
		m.nfeat++
		i := k & m.mask
		for m.slots[i].key != 0 {
			i = (i + 1) & m.mask
		}
		m.slots[i] = slot{key: k, off: offs[fi], n: offs[fi+1] - offs[fi]}
	}
}

// sortedSlots returns the filled slots sorted by key.
func (m *Model) sortedSlots() []slot {
	out := make([]slot, 0, m.nfeat)
	for _, sl := range m.slots {
		if sl.key != 0 {
			out = append(out, sl)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out
}

const magic = "CHRONPM2"

// WriteTo writes the model in a compact binary form: features sorted by key
// (as varint deltas), each with its quantised weights. The output depends
// only on the weights, so the same training gives the same bytes.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var body []byte
	var buf [binary.MaxVarintLen64]byte
	prev := uint64(0)
	for _, sl := range m.sortedSlots() {
		body = append(body, buf[:binary.PutUvarint(buf[:], sl.key-prev)]...)
		prev = sl.key
		body = append(body, buf[:binary.PutUvarint(buf[:], uint64(sl.n))]...)
		for _, e := range m.ents[sl.off : sl.off+sl.n] {
			body = append(body, buf[:binary.PutUvarint(buf[:], uint64(e>>16))]...)
			body = append(body, byte(e), byte(e>>8))
		}
	}
	head := make([]byte, 0, len(magic)+20)
	head = append(head, magic...)
	head = binary.LittleEndian.AppendUint32(head, uint32(m.nclass))
	head = binary.LittleEndian.AppendUint32(head, uint32(m.nfeat))
	head = binary.LittleEndian.AppendUint32(head, math.Float32bits(m.scale))
	head = binary.LittleEndian.AppendUint64(head, uint64(len(body)))
	n1, err := w.Write(head)
	if err != nil {
		return int64(n1), fmt.Errorf("write model: %w", err)
	}
	n2, err := w.Write(body)
	if err != nil {
		return int64(n1 + n2), fmt.Errorf("write model: %w", err)
	}
	return int64(n1 + n2), nil
}

// Read reads a model written by WriteTo.
func Read(br *bufio.Reader) (*Model, error) {
	head := make([]byte, len(magic)+20)
	if _, err := io.ReadFull(br, head); err != nil {
		return nil, fmt.Errorf("read model header: %w", err)
	}
	if string(head[:len(magic)]) != magic {
		return nil, errors.New("read model: not a perceptron model (bad magic)")
	}
	h := head[len(magic):]
	nclass := int(binary.LittleEndian.Uint32(h[0:4]))
	nfeat := int(binary.LittleEndian.Uint32(h[4:8]))
	scale := math.Float32frombits(binary.LittleEndian.Uint32(h[8:12]))
	size := binary.LittleEndian.Uint64(h[12:20])
	if nclass <= 0 || nclass > 1<<16 || nfeat < 0 || nfeat > 1<<28 || size > 1<<32 || uint64(nfeat) > size {
		return nil, fmt.Errorf("read model: bad sizes (%d classes, %d features, %d bytes)", nclass, nfeat, size)
	}
	body := make([]byte, size)
	if _, err := io.ReadFull(br, body); err != nil {
		return nil, fmt.Errorf("read model body: %w", err)
	}
	m := &Model{nclass: nclass, scale: scale}
	keys := make([]uint64, 0, nfeat)
	offs := make([]uint32, 0, nfeat+1)
	m.ents = make([]uint32, 0, size/3)
	prev := uint64(0)
	p := 0
	uv := func() (uint64, bool) {
		v, n := binary.Uvarint(body[p:])
		if n <= 0 {
			return 0, false
		}
		p += n
		return v, true
	}
	for i := 0; i < nfeat; i++ {
		d, ok := uv()
		if !ok || d == 0 {
			return nil, fmt.Errorf("read model feature %d: bad key", i)
		}
		prev += d
		keys = append(keys, prev)
		offs = append(offs, uint32(len(m.ents)))
		cnt, ok := uv()
		if !ok || cnt > uint64(nclass) {
			return nil, fmt.Errorf("read model feature %d: bad weight count", i)
		}
		for j := uint64(0); j < cnt; j++ {
			c, ok := uv()
			if !ok || c >= uint64(nclass) || p+2 > len(body) {
				return nil, fmt.Errorf("read model feature %d: bad weight", i)
			}
			m.ents = append(m.ents, uint32(c)<<16|uint32(body[p])|uint32(body[p+1])<<8)
			p += 2
		}
	}
	offs = append(offs, uint32(len(m.ents)))
	m.build(keys, offs)
	return m, nil
}

// Trainer learns an averaged perceptron. Features are added the first time
// they take part in an update; an optional Allow set restricts them (for
// example to features seen at least twice).
type Trainer struct {
	nclass int
	index  map[uint64]int32
	keys   []uint64
	w      []float32 // current weights, row-major by feature
	u      []float64 // sum of (instance counter × update), for averaging
	c      float64
	// Allow, when not nil, lists the only features that get weights.
	Allow map[uint64]bool
}

// NewTrainer returns a trainer for nclass classes.
func NewTrainer(nclass int) *Trainer {
	return &Trainer{nclass: nclass, index: make(map[uint64]int32), c: 1}
}

// Classes returns the number of classes.
func (t *Trainer) Classes() int { return t.nclass }

// Score adds the current (not averaged) weights of feats to scores.
func (t *Trainer) Score(feats []uint64, scores []float32) {
	nc := t.nclass
	for _, f := range feats {
		if i, ok := t.index[f]; ok {
			row := t.w[int(i)*nc : int(i)*nc+nc]
			for c, x := range row {
				scores[c] += x
			}
		}
	}
}

// Update moves the weights of feats towards gold and away from guess, then
// counts one instance. Call Tick instead when the guess was right.
func (t *Trainer) Update(feats []uint64, gold, guess int) {
	if gold != guess {
		nc := t.nclass
		for _, f := range feats {
			i, ok := t.index[f]
			if !ok {
				if t.Allow != nil && !t.Allow[f] {
					continue
				}
				i = int32(len(t.keys))
				t.index[f] = i
				t.keys = append(t.keys, f)
				t.w = append(t.w, make([]float32, nc)...)
				t.u = append(t.u, make([]float64, nc)...)
			}
			base := int(i) * nc
			t.w[base+gold]++
			t.w[base+guess]--
			t.u[base+gold] += t.c
			t.u[base+guess] -= t.c
		}
	}
	t.c++
}

// Tick counts one instance without an update.
func (t *Trainer) Tick() { t.c++ }

// Model returns the averaged model, dropping weights whose absolute value is
// below minAbs and features left with no weight.
func (t *Trainer) Model(minAbs float32) *Model {
	nc := t.nclass
	order := make([]int, len(t.keys))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return t.keys[order[a]] < t.keys[order[b]] })
	var keys []uint64
	start := []int{0}
	var cls []uint16
	var w []float32
	for _, i := range order {
		n := len(w)
		for c := 0; c < nc; c++ {
			avg := float32(float64(t.w[i*nc+c]) - t.u[i*nc+c]/t.c)
			if avg != 0 && (avg >= minAbs || avg <= -minAbs) {
				cls = append(cls, uint16(c))
				w = append(w, avg)
			}
		}
		if len(w) == n {
			continue
		}
		keys = append(keys, t.keys[i])
		start = append(start, len(w))
	}
	return newModel(nc, keys, start, cls, w)
}

// Argmax returns the best class among those allowed (all when allowed is
// nil); ties go to the lower class.
func Argmax(scores []float32, allowed []bool) int {
	best, bi := float32(math.Inf(-1)), -1
	for c, s := range scores {
		if allowed != nil && !allowed[c] {
			continue
		}
		if s > best || bi < 0 {
			best, bi = s, c
		}
	}
	return bi
}

// Prune returns a copy of the model without the weights whose absolute
// value is below minAbs.
func (m *Model) Prune(minAbs float32) *Model {
	var keys []uint64
	start := []int{0}
	var cls []uint16
	var w []float32
	for _, sl := range m.sortedSlots() {
		n := len(w)
		for _, e := range m.ents[sl.off : sl.off+sl.n] {
			x := float32(int16(uint16(e))) * m.scale
			if x >= minAbs || x <= -minAbs {
				cls = append(cls, uint16(e>>16))
				w = append(w, x)
			}
		}
		if len(w) > n {
			keys = append(keys, sl.key)
			start = append(start, len(w))
		}
	}
	return newModel(m.nclass, keys, start, cls, w)
}
