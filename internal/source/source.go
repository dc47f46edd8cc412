// Package source reads documents from local inputs: plain text and HTML files
// and JSONL streams of documents. A bad document is reported as an Item with
// an error naming the input; it never stops the others.
package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/extract"
)

// MaxDocumentBytes is the largest single document (file or JSONL line) read.
const MaxDocumentBytes = 20 << 20

// Formats of input.
const (
	FormatAuto  = "auto"  // HTML or plain text, by content (JSONL by a .jsonl name)
	FormatText  = "text"  // plain text
	FormatHTML  = "html"  // an HTML page
	FormatJSONL = "jsonl" // one JSON document a line
)

// Item is one document read, or the error that kept it from being read.
// Input names where it came from ("file.jsonl:12" for a JSONL line).
type Item struct {
	Input string
	Doc   *chronicle.Document
	Err   error
}

// Record is a document as it arrives in JSONL.
type Record struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Date      string `json:"date"`
	Published string `json:"published"`
	Source    string `json:"source"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
}

// Read reads the documents in r, named name, calling emit for each in order.
// It returns early only when emit returns an error or r cannot be read at all.
func Read(name string, r io.Reader, format string, emit func(Item) error) error {
	if format == "" || format == FormatAuto {
		if strings.HasSuffix(strings.ToLower(name), ".jsonl") || strings.HasSuffix(strings.ToLower(name), ".ndjson") {
			format = FormatJSONL
		} else {
			// A stream whose first line is a JSON object is JSONL.
			br := bufio.NewReaderSize(r, 64<<10)
			r = br
			if looksLikeJSONL(br) {
				format = FormatJSONL
			}
		}
	}
	if format == FormatJSONL {
		return readJSONL(name, r, emit)
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxDocumentBytes+1))
	if err != nil {
		return emit(Item{Input: name, Err: fmt.Errorf("%s: read: %w", name, err)})
	}
	doc, err := FromBytes(name, data, format)
	if err != nil {
		return emit(Item{Input: name, Err: fmt.Errorf("%s: %w", name, err)})
	}
	return emit(Item{Input: name, Doc: doc})
}

// looksLikeJSONL peeks at the start of br: a first line that is a complete
// JSON object with a "text" or "html" field.
func looksLikeJSONL(br *bufio.Reader) bool {
	head, _ := br.Peek(64 << 10)
	head = bytes.TrimLeft(head, " \t\r\n\uFEFF")
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	line := head
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		line = head[:i]
	}
	var probe map[string]json.RawMessage
	if json.Unmarshal(line, &probe) != nil {
		return false
	}
	_, text := probe["text"]
	_, html := probe["html"]
	return text || html
}

// FromBytes makes a document with id name from the bytes of one text or HTML
// input.
func FromBytes(name string, data []byte, format string) (*chronicle.Document, error) {
	if len(data) > MaxDocumentBytes {
		return nil, chronicle.Errorf(chronicle.ETooLarge, "larger than the %d MB limit for one document", MaxDocumentBytes>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, chronicle.Errorf(chronicle.EInvalid, "empty input")
	}
	if err := checkText(data); err != nil {
		return nil, err
	}
	doc := &chronicle.Document{ID: name}
	isHTML := format == FormatHTML || (format != FormatText && extract.LooksLikeHTML(data))
	if isHTML {
		doc.HTML = string(data)
	} else {
		doc.Text = normalizeNewlines(string(data))
	}
	return doc, nil
}

// checkText rejects binary data and invalid UTF-8 with a clear message.
func checkText(data []byte) error {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return chronicle.Errorf(chronicle.EInvalid, "binary data (NUL byte at offset %d), not text", i)
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return chronicle.Errorf(chronicle.EInvalid, "invalid UTF-8 at byte offset %d", off)
	}
	return nil
}

func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return strings.TrimPrefix(s, "\uFEFF")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimPrefix(strings.ReplaceAll(s, "\r", "\n"), "\uFEFF")
}

func readJSONL(name string, r io.Reader, emit func(Item) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for lineNo := 1; ; lineNo++ {
		line, tooLong, err := readLine(br)
		input := fmt.Sprintf("%s:%d", name, lineNo)
		if len(bytes.TrimSpace(line)) > 0 || tooLong {
			item := Item{Input: input}
			if tooLong {
				item.Err = fmt.Errorf("%s: line longer than the %d MB limit for one document", input, MaxDocumentBytes>>20)
			} else if doc, derr := FromJSON(line); derr != nil {
				item.Err = fmt.Errorf("%s: %w", input, derr)
			} else {
				if doc.ID == "" {
					doc.ID = input
				}
				item.Input = doc.ID
				item.Doc = doc
			}
			if eerr := emit(item); eerr != nil {
				return eerr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return emit(Item{Input: input, Err: fmt.Errorf("%s: read: %w", input, err)})
		}
	}
}

// readLine reads one line, discarding (and reporting) lines over the limit.
func readLine(br *bufio.Reader) ([]byte, bool, error) {
	var buf []byte
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > MaxDocumentBytes {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return buf, tooLong, err
	}
}

// FromJSON makes a document from one JSONL record.
func FromJSON(line []byte) (*chronicle.Document, error) {
	if !utf8.Valid(line) {
		return nil, chronicle.Errorf(chronicle.EInvalid, "invalid UTF-8")
	}
	var rec Record
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&rec); err != nil {
		return nil, chronicle.Errorf(chronicle.EInvalid, "malformed JSON: %v", err)
	}
	if rec.Text == "" && rec.HTML == "" {
		return nil, chronicle.Errorf(chronicle.EInvalid, "record has neither \"text\" nor \"html\"")
	}
	date := rec.Date
	if date == "" {
		date = rec.Published
	}
	d, err := NormalizeDate(date)
	if err != nil {
		return nil, err
	}
	if strings.IndexByte(rec.Text, 0) >= 0 || strings.IndexByte(rec.HTML, 0) >= 0 {
		return nil, chronicle.Errorf(chronicle.EInvalid, "binary data (NUL byte) in text")
	}
	return &chronicle.Document{ID: rec.ID, URL: rec.URL, Title: rec.Title, Date: d, Source: rec.Source,
		Text: normalizeNewlines(rec.Text), HTML: rec.HTML}, nil
}

var dateLayouts = []string{"2006-01-02", "20060102", time.RFC3339, time.RFC3339Nano,
	"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05Z", "2006-01-02 15:04:05", "2006-01-02T15:04:05", time.RFC1123Z, time.RFC1123}

// NormalizeDate turns YYYY-MM-DD, YYYYMMDD or RFC 3339 (and a few common
// timestamp layouts) into YYYY-MM-DD. The empty string stays empty.
func NormalizeDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format("2006-01-02"), nil
		}
	}
	return "", chronicle.Errorf(chronicle.EInvalid, "date %q is not YYYY-MM-DD, YYYYMMDD or RFC 3339", s)
}
