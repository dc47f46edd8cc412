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
	"unsafe"
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
// and packed with their class into one uint32 (class<<16 | weight). The
// lookup table holds 16-byte slots: a 32-bit fingerprint of the feature
// (the slot's position gives the other bits) and up to three entries inline,
// so most features cost one cache line; features with more entries point
// into an overflow array.
type Model struct {
	nclass int
	scale  float32
	slots  []slot // open-addressing table; fp 0 marks an empty slot
	// tiny replaces slots for models of exactly three classes: each 8-byte
	// slot is a 16-bit fingerprint and the three classes' weights.
	tiny  []uint64
	keys  []uint64 // full feature key of each slot, for writing the model
	ents  []uint32 // overflow entries of features with more than three
	nfeat int
	nw    int
}

// slot is one table entry. When e[0]>>16 is overflowMark, e[1] and e[2] are
// the offset and count of the feature's entries in ents; otherwise e holds
// the entries, unused ones 0 (class 0, weight 0, which adds nothing).
type slot struct {
	fp uint32
	e  [3]uint32
}

const overflowMark = 0xffff

// home returns the first slot to probe for key f in a table of n slots.
func home(f uint64, n uint64) uint64 { return (uint64(uint32(f)) * n) >> 32 }

// fingerprint returns the non-zero 32-bit tag stored for key f.
func fingerprint(f uint64) uint32 { return uint32(f>>32) | 1 }

// Classes returns the number of classes.
func (m *Model) Classes() int { return m.nclass }

// Features returns the number of features kept.
func (m *Model) Features() int { return m.nfeat }

// Weights returns the number of non-zero weights kept.
func (m *Model) Weights() int { return m.nw }

// tinyFingerprint returns the non-zero 16-bit tag stored for key f in a
// tiny table.
func tinyFingerprint(f uint64) uint64 { return f>>48 | 1 }

// Score adds the weights of feats to scores, which must hold Classes values.
func (m *Model) Score(feats []uint64, scores []float32) {
	if m.tiny != nil {
		m.scoreTiny(feats, scores)
		return
	}
	slots := m.slots
	n := uint64(len(slots))
	if n == 0 {
		return
	}
	// Touch every feature's home slot first: the loads are independent, so
	// the processor overlaps their cache misses instead of waiting for each.
	var touch uint32
	for _, f := range feats {
		touch += slots[home(f, n)].fp
	}
	if touch == 1 && len(feats) == 0 {
		// Never true; using touch keeps the compiler from dropping the loads.
		return
	}
	// Sum the quantised weights exactly in integers, then scale once.
	var buf [128]int32
	var acc []int32
	if m.nclass <= len(buf) {
		acc = buf[:m.nclass]
	} else {
		acc = make([]int32, m.nclass)
	}
	ents := m.ents
	for _, f := range feats {
		i := home(f, n)
		fp := fingerprint(f)
		for {
			sl := &slots[i]
			if sl.fp == fp {
				if sl.e[0]>>16 == overflowMark {
					off, cnt := sl.e[1], sl.e[2]
					for _, e := range ents[off : off+cnt] {
						acc[e>>16] += int32(int16(uint16(e)))
					}
				} else {
					e0, e1, e2 := sl.e[0], sl.e[1], sl.e[2]
					acc[e0>>16] += int32(int16(uint16(e0)))
					acc[e1>>16] += int32(int16(uint16(e1)))
					acc[e2>>16] += int32(int16(uint16(e2)))
				}
				break
			}
			if sl.fp == 0 {
				break
			}
			if i++; i == n {
				i = 0
			}
		}
	}
	scale := m.scale
	for c, a := range acc {
		if a != 0 {
			scores[c] += float32(a) * scale
		}
	}
}

// scoreTiny is Score for a tiny table.
func (m *Model) scoreTiny(feats []uint64, scores []float32) {
	tab := m.tiny
	n := uint64(len(tab))
	if n == 0 {
		return
	}
	var touch uint64
	for _, f := range feats {
		touch += tab[home(f, n)]
	}
	if touch == 1 && len(feats) == 0 {
		// Never true; using touch keeps the compiler from dropping the loads.
		return
	}
	var s0, s1, s2 int32
	for _, f := range feats {
		i := home(f, n)
		fp := tinyFingerprint(f)
		for {
			x := tab[i]
			if x&0xffff == fp {
				s0 += int32(int16(x >> 16))
				s1 += int32(int16(x >> 32))
				s2 += int32(int16(x >> 48))
				break
			}
			if x == 0 {
				break
			}
			if i++; i == n {
				i = 0
			}
		}
	}
	scale := m.scale
	scores[0] += float32(s0) * scale
	scores[1] += float32(s1) * scale
	scores[2] += float32(s2) * scale
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
	m := &Model{nclass: nclass, scale: scale}
	all := make([]uint32, 0, len(w))
	offs := make([]uint32, len(keys)+1)
	for fi := range keys {
		offs[fi] = uint32(len(all))
		for j := start[fi]; j < start[fi+1]; j++ {
			q := int16(math.Round(float64(w[j] / scale)))
			if q == 0 {
				continue
			}
			all = append(all, uint32(cls[j])<<16|uint32(uint16(q)))
		}
	}
	offs[len(keys)] = uint32(len(all))
	m.build(keys, offs, all)
	return m
}

// build fills the lookup table; all[offs[f]:offs[f+1]] are feature f's
// entries. Features without entries are dropped.
func (m *Model) build(keys []uint64, offs []uint32, all []uint32) {
	n := 0
	for fi := range keys {
		if offs[fi+1] > offs[fi] {
			n++
		}
	}
	// About 70% full: short probe sequences, compact table.
	size := uint64(n)*10/7 + 1
	m.ents = m.ents[:0]
	m.nfeat, m.nw = n, len(all)
	m.keys = make([]uint64, size)
	if m.nclass == 3 {
		m.slots = nil
		m.tiny = make([]uint64, size)
		adviseHuge(unsafe.Pointer(unsafe.SliceData(m.tiny)), uintptr(size)*8)
		for fi, k := range keys {
			es := all[offs[fi]:offs[fi+1]]
			if len(es) == 0 {
				continue
			}
			i := home(k, size)
			for m.tiny[i] != 0 {
				if i++; i == size {
					i = 0
				}
			}
			x := tinyFingerprint(k)
			for _, e := range es {
				x |= uint64(uint16(e)) << (16 * (e>>16 + 1))
			}
			m.tiny[i] = x
			m.keys[i] = k
		}
		return
	}
	m.tiny = nil
	m.slots = make([]slot, size)
	adviseHuge(unsafe.Pointer(unsafe.SliceData(m.slots)), uintptr(size)*unsafe.Sizeof(slot{}))
	for fi, k := range keys {
		es := all[offs[fi]:offs[fi+1]]
		if len(es) == 0 {
			continue
		}
		i := home(k, size)
		for m.slots[i].fp != 0 {
			if i++; i == size {
				i = 0
			}
		}
		sl := slot{fp: fingerprint(k)}
		if len(es) <= 3 {
			copy(sl.e[:], es)
		} else {
			sl.e = [3]uint32{overflowMark << 16, uint32(len(m.ents)), uint32(len(es))}
			m.ents = append(m.ents, es...)
		}
		m.slots[i] = sl
		m.keys[i] = k
	}
}

// feature is one feature's key and entries, for writing and pruning.
type feature struct {
	key  uint64
	ents []uint32
}

// sortedFeatures returns the features sorted by key, with their entries.
func (m *Model) sortedFeatures() []feature {
	out := make([]feature, 0, m.nfeat)
	for i, x := range m.tiny {
		if x == 0 {
			continue
		}
		f := feature{key: m.keys[i]}
		for c := uint64(0); c < 3; c++ {
			if w := uint16(x >> (16 * (c + 1))); w != 0 {
				f.ents = append(f.ents, uint32(c)<<16|uint32(w))
			}
		}
		out = append(out, f)
	}
	for i := range m.slots {
		sl := &m.slots[i]
		if sl.fp == 0 {
			continue
		}
		f := feature{key: m.keys[i]}
		if sl.e[0]>>16 == overflowMark {
			f.ents = m.ents[sl.e[1] : sl.e[1]+sl.e[2]]
		} else {
			for _, e := range sl.e {
				if e != 0 {
					f.ents = append(f.ents, e)
				}
			}
		}
		out = append(out, f)
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
	for _, ft := range m.sortedFeatures() {
		body = append(body, buf[:binary.PutUvarint(buf[:], ft.key-prev)]...)
		prev = ft.key
		body = append(body, buf[:binary.PutUvarint(buf[:], uint64(len(ft.ents)))]...)
		for _, e := range ft.ents {
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
	if nclass <= 0 || nclass >= overflowMark || nfeat < 0 || nfeat > 1<<28 || size > 1<<32 || uint64(nfeat) > size {
		return nil, fmt.Errorf("read model: bad sizes (%d classes, %d features, %d bytes)", nclass, nfeat, size)
	}
	body := make([]byte, size)
	if _, err := io.ReadFull(br, body); err != nil {
		return nil, fmt.Errorf("read model body: %w", err)
	}
	m := &Model{nclass: nclass, scale: scale}
	keys := make([]uint64, 0, nfeat)
	offs := make([]uint32, 0, nfeat+1)
	all := make([]uint32, 0, size/3)
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
		offs = append(offs, uint32(len(all)))
		cnt, ok := uv()
		if !ok || cnt > uint64(nclass) {
			return nil, fmt.Errorf("read model feature %d: bad weight count", i)
		}
		for j := uint64(0); j < cnt; j++ {
			c, ok := uv()
			if !ok || c >= uint64(nclass) || p+2 > len(body) {
				return nil, fmt.Errorf("read model feature %d: bad weight", i)
			}
			if body[p] == 0 && body[p+1] == 0 {
				return nil, fmt.Errorf("read model feature %d: zero weight", i)
			}
			all = append(all, uint32(c)<<16|uint32(body[p])|uint32(body[p+1])<<8)
			p += 2
		}
	}
	offs = append(offs, uint32(len(all)))
	m.build(keys, offs, all)
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
	for _, ft := range m.sortedFeatures() {
		n := len(w)
		for _, e := range ft.ents {
			x := float32(int16(uint16(e))) * m.scale
			if x >= minAbs || x <= -minAbs {
				cls = append(cls, uint16(e>>16))
				w = append(w, x)
			}
		}
		if len(w) > n {
			keys = append(keys, ft.key)
			start = append(start, len(w))
		}
	}
	return newModel(m.nclass, keys, start, cls, w)
}
