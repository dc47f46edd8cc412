package sqlite

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
)

// packed marks a deflate-compressed blob; plain blobs are JSON and never
// start with this byte.
const packed = 0x1f

// minPack is the smallest blob worth compressing.
const minPack = 200

// packLevel is the deflate level of blobs: level 2 of klauspost's deflate
// compresses a coded document's JSON about 8 times faster than the standard
// library's default level, to about 24% of its size instead of 21%. The
// ingest commits blobs on one goroutine, so this is ingest throughput.
const packLevel = 2

// packer compresses and decompresses the JSON blobs of documents, events,
// quotes and claims (about half their size). Blobs are raw deflate streams,
// so blobs written with any level or implementation read back alike. It is the sqlstore.Codec of
// the SQLite dialect.
type packer struct {
	writers sync.Pool // *flate.Writer
	readers sync.Pool // io.ReadCloser implementing flate.Resetter
}

// pack returns b compressed behind the packed marker, or b itself when it is
// small.
func (p *packer) pack(b []byte) ([]byte, error) {
	if len(b) < minPack {
		return b, nil
	}
	var buf bytes.Buffer
	buf.Grow(len(b)/2 + 16)
	buf.WriteByte(packed)
	w, _ := p.writers.Get().(*flate.Writer)
	if w == nil {
		var err error
		if w, err = flate.NewWriter(&buf, packLevel); err != nil {
			return nil, err
		}
	} else {
		w.Reset(&buf)
	}
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	p.writers.Put(w)
	return buf.Bytes(), nil
}

// unpack reverses pack.
func (p *packer) unpack(b []byte) ([]byte, error) {
	if len(b) == 0 || b[0] != packed {
		return b, nil
	}
	src := bytes.NewReader(b[1:])
	r, _ := p.readers.Get().(io.ReadCloser)
	if r == nil {
		r = flate.NewReader(src)
	} else if err := r.(flate.Resetter).Reset(src, nil); err != nil {
		return nil, err
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("decompress: %w", err)
	}
	p.readers.Put(r)
	return out, nil
}

// Marshal encodes v as JSON and packs it.
func (p *packer) Marshal(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return p.pack(b)
}

// Unmarshal unpacks b and decodes its JSON into v.
func (p *packer) Unmarshal(b []byte, v any) error {
	b, err := p.unpack(b)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
