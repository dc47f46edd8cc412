// Package export writes stored events in the formats users already read:
// the GDELT 2.0 event layout (61 tab-separated columns, no header), PLOVER
// JSON records (one a line), JSONL of Chronicle's event records, CSV with a
// header, and Parquet.
//
// The CSV and Parquet files share one flat schema, Row: one event a row
// with its document, actors, location and evidence. Parquet columns are
// named as the CSV header, strings are UTF-8 byte arrays, numbers int64 or
// double, the file is zstd-compressed.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/parquet-go/parquet-go"
)

// Writer writes events in one format. Close flushes and finishes the output
// (it does not close the underlying writer).
type Writer interface {
	Write(r *chronicle.EventRecord) error
	Close() error
}

// Formats lists the formats New accepts.
var Formats = []string{"gdelt", "plover", "jsonl", "csv", "parquet"}

// New returns a writer of the named format. now is the export time (GDELT's
// DATEADDED and PLOVER's coded date).
func New(format string, w io.Writer, now time.Time) (Writer, error) {
	switch format {
	case "gdelt":
		return NewGDELT(w, now), nil
	case "plover":
		return NewPLOVER(w, now), nil
	case "jsonl":
		return NewJSONL(w), nil
	case "csv":
		return NewCSV(w), nil
	case "parquet":
		return NewParquet(w), nil
	}
	return nil, chronicle.Errorf(chronicle.EInvalid, "export format %q is not one of %s", format, strings.Join(Formats, ", "))
}

// JSONL writes Chronicle event records, one JSON object a line.
type JSONL struct {
	w   *bufio.Writer
	enc *json.Encoder
}

// NewJSONL returns a JSONL writer.
func NewJSONL(w io.Writer) *JSONL {
	b := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	return &JSONL{w: b, enc: enc}
}

// Write writes one event.
func (j *JSONL) Write(r *chronicle.EventRecord) error { return j.enc.Encode(r) }

// Close flushes the output.
func (j *JSONL) Close() error { return j.w.Flush() }

// Row is the flat record of the CSV and Parquet exports.
type Row struct {
	EventID       string  `parquet:"event_id" json:"event_id"`
	DocID         string  `parquet:"doc_id" json:"doc_id"`
	DocDate       string  `parquet:"doc_date" json:"doc_date"`
	DocURL        string  `parquet:"doc_url" json:"doc_url"`
	DocTitle      string  `parquet:"doc_title" json:"doc_title"`
	Date          string  `parquet:"date" json:"date"`
	DateText      string  `parquet:"date_text" json:"date_text"`
	PLOVER        string  `parquet:"plover" json:"plover"`
	Mode          string  `parquet:"mode" json:"mode"`
	CAMEO         string  `parquet:"cameo" json:"cameo"`
	Quad          int64   `parquet:"quad" json:"quad"`
	Goldstein     float64 `parquet:"goldstein" json:"goldstein"`
	SourceText    string  `parquet:"source_text" json:"source_text"`
	SourceName    string  `parquet:"source_name" json:"source_name"`
	SourceCode    string  `parquet:"source_code" json:"source_code"`
	SourceCountry string  `parquet:"source_country" json:"source_country"`
	TargetText    string  `parquet:"target_text" json:"target_text"`
	TargetName    string  `parquet:"target_name" json:"target_name"`
	TargetCode    string  `parquet:"target_code" json:"target_code"`
	TargetCountry string  `parquet:"target_country" json:"target_country"`
	Location      string  `parquet:"location" json:"location"`
	LocCountry    string  `parquet:"location_country" json:"location_country"`
	Lat           float64 `parquet:"lat" json:"lat"`
	Lon           float64 `parquet:"lon" json:"lon"`
	Factuality    string  `parquet:"factuality" json:"factuality"`
	Confidence    float64 `parquet:"confidence" json:"confidence"`
	Rule          string  `parquet:"rule" json:"rule"`
	Sentence      int64   `parquet:"sentence" json:"sentence"`
	Start         int64   `parquet:"start" json:"start"`
	End           int64   `parquet:"end" json:"end"`
	SentenceText  string  `parquet:"sentence_text" json:"sentence_text"`
	CanonicalID   string  `parquet:"canonical_id" json:"canonical_id"`
}

// CSVHeader is the header of the CSV export, the column names of Row.
var CSVHeader = []string{"event_id", "doc_id", "doc_date", "doc_url", "doc_title", "date", "date_text", "plover", "mode", "cameo",
	"quad", "goldstein", "source_text", "source_name", "source_code", "source_country", "target_text", "target_name", "target_code",
	"target_country", "location", "location_country", "lat", "lon", "factuality", "confidence", "rule", "sentence", "start", "end",
	"sentence_text", "canonical_id"}

// NewRow flattens an event record.
func NewRow(r *chronicle.EventRecord) Row {
	row := Row{EventID: r.ID, DocID: r.DocID, DocDate: r.DocDate, DocURL: r.DocURL, DocTitle: r.DocTitle, Date: r.Date, DateText: r.DateText,
		PLOVER: r.PLOVER, Mode: r.Mode, CAMEO: r.CAMEO, Quad: int64(r.Quad), Goldstein: r.Goldstein, Factuality: r.Factuality,
		Confidence: r.Confidence, Rule: r.Rule, Sentence: int64(r.Event.Sentence), Start: int64(r.Start), End: int64(r.End),
		SentenceText: r.Sentence, CanonicalID: r.CanonicalID}
	if a := r.Source; a != nil {
		row.SourceText, row.SourceName, row.SourceCode, row.SourceCountry = a.Text, a.Name, a.Code, a.Country
	}
	if a := r.Target; a != nil {
		row.TargetText, row.TargetName, row.TargetCode, row.TargetCountry = a.Text, a.Name, a.Code, a.Country
	}
	if l := r.Location; l != nil {
		row.Location, row.LocCountry, row.Lat, row.Lon = l.Name, l.Country, l.Lat, l.Lon
		if row.Location == "" {
			row.Location = l.Text
		}
	}
	return row
}

func (row *Row) strings() []string {
	i := strconv.FormatInt
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	return []string{row.EventID, row.DocID, row.DocDate, row.DocURL, row.DocTitle, row.Date, row.DateText, row.PLOVER, row.Mode, row.CAMEO,
		i(row.Quad, 10), f(row.Goldstein), row.SourceText, row.SourceName, row.SourceCode, row.SourceCountry, row.TargetText, row.TargetName,
		row.TargetCode, row.TargetCountry, row.Location, row.LocCountry, f(row.Lat), f(row.Lon), row.Factuality, f(row.Confidence), row.Rule,
		i(row.Sentence, 10), i(row.Start, 10), i(row.End, 10), row.SentenceText, row.CanonicalID}
}

// CSV writes events as CSV with a header row.
type CSV struct {
	w      *csv.Writer
	header bool
}

// NewCSV returns a CSV writer.
func NewCSV(w io.Writer) *CSV { return &CSV{w: csv.NewWriter(w)} }

// Write writes one event (after the header, the first time).
func (c *CSV) Write(r *chronicle.EventRecord) error {
	if err := c.writeHeader(); err != nil {
		return err
	}
	row := NewRow(r)
	return c.w.Write(row.strings())
}

func (c *CSV) writeHeader() error {
	if c.header {
		return nil
	}
	c.header = true
	return c.w.Write(CSVHeader)
}

// Close writes the header if no event was written, and flushes.
func (c *CSV) Close() error {
	if err := c.writeHeader(); err != nil {
		return err
	}
	c.w.Flush()
	return c.w.Error()
}

// Parquet writes events as a Parquet file with the schema of Row.
type Parquet struct {
	w   *parquet.GenericWriter[Row]
	buf []Row
}

// NewParquet returns a Parquet writer.
func NewParquet(w io.Writer) *Parquet {
	return &Parquet{w: parquet.NewGenericWriter[Row](w, parquet.Compression(&parquet.Zstd), parquet.CreatedBy("chronicle", "1", ""))}
}

// Write buffers one event.
func (p *Parquet) Write(r *chronicle.EventRecord) error {
	p.buf = append(p.buf, NewRow(r))
	if len(p.buf) >= 4096 {
		return p.flush()
	}
	return nil
}

func (p *Parquet) flush() error {
	if len(p.buf) == 0 {
		return nil
	}
	if _, err := p.w.Write(p.buf); err != nil {
		return fmt.Errorf("write parquet rows: %w", err)
	}
	p.buf = p.buf[:0]
	return nil
}

// Close writes the buffered rows and the file footer.
func (p *Parquet) Close() error {
	if err := p.flush(); err != nil {
		return err
	}
	if err := p.w.Close(); err != nil {
		return fmt.Errorf("close parquet: %w", err)
	}
	return nil
}
