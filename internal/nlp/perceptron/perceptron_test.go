package perceptron

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

// toy builds a separable three-class problem: class = feature family.
func toy() (feats [][]uint64, gold []int) {
	for i := 0; i < 300; i++ {
		c := i % 3
		feats = append(feats, []uint64{F1(1, uint64(c)), F1(2, uint64(i%7)), F1(3, 0)})
		gold = append(gold, c)
	}
	return feats, gold
}

func TestTrainerLearnsAndRoundTrips(t *testing.T) {
	feats, gold := toy()
	tr := NewTrainer(3)
	scores := make([]float32, 3)
	for it := 0; it < 3; it++ {
		for i, f := range feats {
			clear(scores)
			tr.Score(f, scores)
			tr.Update(f, gold[i], Argmax(scores, nil))
		}
	}
	m := tr.Model(0)
	check := func(name string, m *Model) {
		t.Helper()
		for i, f := range feats {
			clear(scores)
			m.Score(f, scores)
			if got := Argmax(scores, nil); got != gold[i] {
				t.Fatalf("%s: example %d: got class %d, want %d", name, i, got, gold[i])
			}
		}
	}
	check("trained", m)
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Read(bufio.NewReader(bytes.NewReader(buf.Bytes())))
	if err != nil {
		t.Fatal(err)
	}
	check("reloaded", m2)
	if m2.Features() != m.Features() || m2.Weights() != m.Weights() {
		t.Errorf("reloaded model has %d features, %d weights; want %d, %d", m2.Features(), m2.Weights(), m.Features(), m.Weights())
	}
	var buf2 bytes.Buffer
	m2.WriteTo(&buf2)
	if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
		t.Error("writing a reloaded model gives different bytes")
	}
	if p := m.Prune(1e9); p.Weights() != 0 {
		t.Errorf("pruning everything left %d weights", p.Weights())
	}
}

func TestArgmaxAllowed(t *testing.T) {
	tests := []struct {
		name    string
		scores  []float32
		allowed []bool
		want    int
	}{
		{"all allowed", []float32{1, 3, 2}, nil, 1},
		{"best masked", []float32{1, 3, 2}, []bool{true, false, true}, 2},
		{"tie goes low", []float32{2, 2}, nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Argmax(tc.scores, tc.allowed); got != tc.want {
				t.Errorf("Argmax = %d, want %d", got, tc.want)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	feats, gold := toy()
	tr := NewTrainer(3)
	for i, fs := range feats[:20] {
		tr.Update(fs, gold[i], (gold[i]+1)%3)
	}
	var buf bytes.Buffer
	tr.Model(0).WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Read(bufio.NewReader(bytes.NewReader(b)))
		if err != nil {
			return
		}
		scores := make([]float32, m.Classes())
		m.Score([]uint64{1, 2, 3}, scores)
	})
}

// TestScoreLayouts checks that the packed tables (three-class tiny slots,
// inline entries and overflow entries) score exactly like a plain sum over
// the model's features, for absent features too.
func TestScoreLayouts(t *testing.T) {
	for _, nclass := range []int{2, 3, 4, 40} {
		t.Run(fmt.Sprintf("%d classes", nclass), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(nclass), 7))
			tr := NewTrainer(nclass)
			var all []uint64
			for i := 0; i < 3000; i++ {
				feats := []uint64{F1(1, rng.Uint64N(50)), F1(2, rng.Uint64N(500)), F2(3, rng.Uint64N(5), rng.Uint64N(5)), F1(4, 0)}
				all = append(all, feats...)
				tr.Update(feats, rng.IntN(nclass), rng.IntN(nclass))
			}
			m := tr.Model(0)
			want := map[uint64][]float32{}
			for _, ft := range m.sortedFeatures() {
				row := make([]float32, nclass)
				for _, e := range ft.ents {
					row[e>>16] += float32(int16(uint16(e))) * m.scale
				}
				want[ft.key] = row
			}
			overflow := 0
			for _, row := range want {
				n := 0
				for _, x := range row {
					if x != 0 {
						n++
					}
				}
				if n > 3 {
					overflow++
				}
			}
			if nclass > 3 && overflow == 0 {
				t.Fatal("test model has no feature with more than three weights")
			}
			// Absent features too.
			for i := 0; i < 1000; i++ {
				all = append(all, rng.Uint64()|1)
			}
			for _, f := range all {
				got := make([]float32, nclass)
				m.Score([]uint64{f}, got)
				exp := want[f]
				if exp == nil {
					exp = make([]float32, nclass)
				}
				for c := range got {
					if got[c] != exp[c] {
						t.Fatalf("feature %x class %d: score %v, want %v", f, c, got[c], exp[c])
					}
				}
			}
		})
	}
}
