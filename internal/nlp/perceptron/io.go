package perceptron

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
)

// WriteStrings writes a count and then each string with its length, for
// the class names and dictionaries stored next to a model.
func WriteStrings(w io.Writer, ss []string) error {
	var buf [binary.MaxVarintLen64]byte
	n := binary.PutUvarint(buf[:], uint64(len(ss)))
	if _, err := w.Write(buf[:n]); err != nil {
		return err
	}
	for _, s := range ss {
		n = binary.PutUvarint(buf[:], uint64(len(s)))
		if _, err := w.Write(buf[:n]); err != nil {
			return err
		}
		if _, err := io.WriteString(w, s); err != nil {
			return err
		}
	}
	return nil
}

// ReadStrings reads strings written by WriteStrings. The reader should be
// the same buffered reader later given to Read.
func ReadStrings(r *bufio.Reader) ([]string, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, fmt.Errorf("read string count: %w", err)
	}
	if n > 1<<24 {
		return nil, fmt.Errorf("read strings: count %d too large", n)
	}
	out := make([]string, 0, n)
	for i := uint64(0); i < n; i++ {
		l, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, fmt.Errorf("read string %d: %w", i, err)
		}
		if l > 1<<20 {
			return nil, fmt.Errorf("read string %d: length %d too large", i, l)
		}
		b := make([]byte, l)
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, fmt.Errorf("read string %d: %w", i, err)
		}
		out = append(out, string(b))
	}
	return out, nil
}
