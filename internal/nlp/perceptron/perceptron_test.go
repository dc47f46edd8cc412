package perceptron

import (
	"bufio"
	"bytes"
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
