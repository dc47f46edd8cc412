// Package training reads training data and trains and writes Chronicle's
// language models; 'chronicle train' is a thin wrapper around it.
package training

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/chronicle-news/chronicle/internal/nlp/conllu"
)

// ReadTreebank reads the train and dev splits of a UD treebank folder.
func ReadTreebank(dir string) (train, dev []conllu.Sentence, err error) {
	read := func(pattern string) ([]conllu.Sentence, error) {
		m, _ := filepath.Glob(filepath.Join(dir, pattern))
		if len(m) != 1 {
			return nil, fmt.Errorf("read treebank %s: want one file matching %s, found %d", dir, pattern, len(m))
		}
		return ReadConllu(m[0])
	}
	if train, err = read("*-ud-train.conllu"); err != nil {
		return nil, nil, err
	}
	if dev, err = read("*-ud-dev.conllu"); err != nil {
		return nil, nil, err
	}
	return train, dev, nil
}

// ReadConllu reads one CoNLL-U file.
func ReadConllu(path string) ([]conllu.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read treebank: %w", err)
	}
	defer f.Close()
	return conllu.Read(f, path)
}

// WriteGzip writes a model through gzip to path, deterministically (no
// timestamp or name in the gzip header).
func WriteGzip(path string, save func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err := save(zw); err != nil {
		f.Close()
		return fmt.Errorf("write model %s: %w", path, err)
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return fmt.Errorf("write model %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write model %s: %w", path, err)
	}
	return nil
}
