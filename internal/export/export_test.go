package export_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/export"
	"github.com/chronicle-news/chronicle/internal/storetest"
	"github.com/chronicle-news/chronicle/internal/testutil"
	"github.com/parquet-go/parquet-go"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var added = time.Date(2026, 1, 2, 3, 15, 0, 0, time.UTC)

func write(t *testing.T, format string, recs []chronicle.EventRecord) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := export.New(format, &buf, added)
	if err != nil {
		t.Fatal(err)
	}
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func lines(b []byte) []string {
	s := strings.TrimSuffix(string(b), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func TestGDELTGenerated(t *testing.T) {
	recs := storetest.EventRecords(storetest.Generate(300, 3))
	out := lines(write(t, "gdelt", recs))
	if len(out) != len(recs) {
		t.Fatalf("%d lines for %d events", len(out), len(recs))
	}
	ids := map[int64]bool{}
	for i, line := range out {
		if n := strings.Count(line, "\t") + 1; n != export.GDELTColumns {
			t.Fatalf("line %d has %d fields, want 61", i, n)
		}
		row, err := export.ParseGDELT(line)
		if err != nil {
			t.Fatalf("line %d: %v\n%s", i, err, line)
		}
		r := recs[i]
		f := row.Fields
		if ids[row.GlobalID] {
			t.Errorf("GLOBALEVENTID %d repeats", row.GlobalID)
		}
		ids[row.GlobalID] = true
		if row.Actor1Code != r.Source.Code || row.Actor2Code != r.Target.Code {
			t.Errorf("line %d: actors %q %q, want %q %q", i, row.Actor1Code, row.Actor2Code, r.Source.Code, r.Target.Code)
		}
		if row.EventCode != r.CAMEO || f[27] != r.CAMEO[:3] || f[28] != r.CAMEO[:2] {
			t.Errorf("line %d: event codes %q %q %q, want %q", i, f[26], f[27], f[28], r.CAMEO)
		}
		if int(row.QuadClass) != r.Quad || row.Goldstein != r.Goldstein {
			t.Errorf("line %d: quad %d goldstein %v, want %d %v", i, row.QuadClass, row.Goldstein, r.Quad, r.Goldstein)
		}
		day := r.Date
		if len(day) < 10 {
			day = r.DocDate
		}
		if f[1] != strings.ReplaceAll(day, "-", "") || f[2] != f[1][:6] || f[3] != f[1][:4] {
			t.Errorf("line %d: dates %q %q %q, want %s", i, f[1], f[2], f[3], day)
		}
		// The split columns of each actor are parts of its code.
		for _, a := range []struct {
			code string
			cols []string
		}{{r.Source.Code, f[7:15]}, {r.Target.Code, f[17:25]}} {
			for _, c := range a.cols {
				if c != "" && !strings.Contains(a.code, c) {
					t.Errorf("line %d: split code %q is not part of %q", i, c, a.code)
				}
			}
			if cc := a.cols[0]; strings.HasPrefix(a.code, "IGO") == (cc == a.code[:3]) && cc != "" {
				t.Errorf("line %d: country code %q of %q", i, cc, a.code)
			}
		}
		if r.Location != nil {
			if f[51] == "0" || f[56] == "" || f[53] == "" {
				t.Errorf("line %d: action geo %q %q %q for %s", i, f[51], f[53], f[56], r.Location.Name)
			}
		} else if f[51] != "0" {
			t.Errorf("line %d: action geo type %q without a location", i, f[51])
		}
		if f[59] != "20260102031500" || f[60] != r.DocURL {
			t.Errorf("line %d: DATEADDED %q SOURCEURL %q", i, f[59], f[60])
		}
	}
}

func TestGDELTGolden(t *testing.T) {
	got := write(t, "gdelt", storetest.EventRecords(storetest.Generate(2, 11)))
	golden := filepath.Join("testdata", "gdelt.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("GDELT export differs from %s (run go test -update after checking):\n%s", golden, got)
	}
}

// TestGDELTSample parses the real GDELT sample with the same parser and
// checks that SplitActor splits its actor codes as GDELT does.
func TestGDELTSample(t *testing.T) {
	path := testutil.SharedFile(t, "data/gdelt-sample/20191024143000.export.head300.CSV")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n, actors, agree := 0, 0, 0
	for sc.Scan() {
		row, err := export.ParseGDELT(sc.Text())
		if err != nil {
			t.Fatalf("sample line %d: %v", n+1, err)
		}
		n++
		for _, base := range []int{5, 15} {
			code := row.Fields[base]
			if code == "" {
				continue
			}
			actors++
			p := export.SplitActor(code)
			want := []string{row.Fields[base+2], row.Fields[base+3], row.Fields[base+7]}
			if p.Country == want[0] && p.KnownGroup == want[1] && p.Types[0] == want[2] {
				agree++
			} else {
				t.Logf("split %s: got %q %q %q, GDELT %q", code, p.Country, p.KnownGroup, p.Types[0], want)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 300 {
		t.Errorf("parsed %d sample rows, want 300", n)
	}
	rate := float64(agree) / float64(actors)
	t.Logf("SplitActor agrees with GDELT on %d of %d sample actor codes (%.1f%%)", agree, actors, 100*rate)
	if rate < 0.95 {
		t.Errorf("SplitActor agrees with GDELT on only %.1f%% of the sample's actor codes", 100*rate)
	}
}

func TestParseGDELTErrors(t *testing.T) {
	good := lines(write(t, "gdelt", storetest.EventRecords(storetest.Generate(1, 1))))[0]
	fields := strings.Split(good, "\t")
	set := func(i int, v string) string {
		f := append([]string(nil), fields...)
		f[i] = v
		return strings.Join(f, "\t")
	}
	for _, tc := range []struct{ name, line string }{
		{"empty", ""},
		{"60 columns", strings.Join(fields[:60], "\t")},
		{"62 columns", good + "\tx"},
		{"text id", set(0, "abc")},
		{"bad sqldate", set(1, "20251340")},
		{"float quad", set(29, "1.5")},
		{"quad 5", set(29, "5")},
		{"bad goldstein", set(30, "high")},
		{"root code mismatch", set(28, "99")},
		{"bad dateadded", set(59, "2025")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := export.ParseGDELT(tc.line); err == nil {
				t.Errorf("ParseGDELT accepted %q", tc.line)
			}
		})
	}
}

func FuzzParseGDELT(f *testing.F) {
	f.Add(lines(write(&testing.T{}, "gdelt", storetest.EventRecords(storetest.Generate(1, 1))))[0])
	f.Add("1\t2")
	f.Fuzz(func(t *testing.T, line string) {
		row, err := export.ParseGDELT(line)
		if err == nil && len(row.Fields) != export.GDELTColumns {
			t.Errorf("accepted %d fields", len(row.Fields))
		}
	})
}

func TestPLOVER(t *testing.T) {
	recs := storetest.EventRecords(storetest.Generate(50, 4))
	out := lines(write(t, "plover", recs))
	if len(out) != len(recs) {
		t.Fatalf("%d lines for %d events", len(out), len(recs))
	}
	for i, line := range out {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		for _, k := range []string{"id", "date", "actor", "event"} {
			if m[k] == nil || m[k] == "" {
				t.Errorf("line %d lacks the required field %q: %s", i, k, line)
			}
		}
		var rec export.PLOVERRecord
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		r := recs[i]
		if rec.Event[0] != r.PLOVER || rec.Actor[0].Code != r.Source.Code[:3] || rec.Recipient[0].CAMEO != r.Target.Code || rec.QuadCode != r.Quad {
			t.Errorf("line %d: %+v does not match %+v", i, rec, r.Event)
		}
		if rec.TextInfo.Start != r.Start || rec.TextInfo.End != r.End || rec.Text != r.Sentence {
			t.Errorf("line %d: evidence %+v, want %d-%d", i, rec.TextInfo, r.Start, r.End)
		}
	}
}

func TestCSV(t *testing.T) {
	recs := storetest.EventRecords(storetest.Generate(40, 5))
	rows, err := csv.NewReader(bytes.NewReader(write(t, "csv", recs))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(recs)+1 || strings.Join(rows[0], ",") != strings.Join(export.CSVHeader, ",") {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for i, row := range rows[1:] {
		r := recs[i]
		if row[col["event_id"]] != r.ID || row[col["cameo"]] != r.CAMEO || row[col["source_code"]] != r.Source.Code || row[col["sentence_text"]] != r.Sentence {
			t.Errorf("row %d: %v does not match %s", i, row, r.ID)
		}
	}
	if got := lines(write(t, "csv", nil)); len(got) != 1 {
		t.Errorf("an empty CSV export has %d lines, want the header only", len(got))
	}
}

func TestParquet(t *testing.T) {
	recs := storetest.EventRecords(storetest.Generate(60, 6))
	b := write(t, "parquet", recs)
	rows, err := parquet.Read[export.Row](bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(recs) {
		t.Fatalf("%d rows read back, want %d", len(rows), len(recs))
	}
	for i := range recs {
		if want := export.NewRow(&recs[i]); rows[i] != want {
			t.Errorf("row %d: %+v, want %+v", i, rows[i], want)
		}
	}
}

func TestJSONL(t *testing.T) {
	recs := storetest.EventRecords(storetest.Generate(10, 7))
	for i, line := range lines(write(t, "jsonl", recs)) {
		var r chronicle.EventRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		if r.ID != recs[i].ID || r.DocID != recs[i].DocID || r.Sentence != recs[i].Sentence {
			t.Errorf("line %d does not round-trip", i)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := export.New("xml", &bytes.Buffer{}, added); chronicle.ErrorCode(err) != chronicle.EInvalid {
		t.Errorf("New(xml): %v, want an EInvalid error", err)
	}
}

func BenchmarkGDELT(b *testing.B) {
	recs := storetest.EventRecords(storetest.Generate(1000, 1))
	w := export.NewGDELT(&bytes.Buffer{}, added)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = w.Write(&recs[i%len(recs)])
	}
	_ = w.Close()
}

// TestGDELTCounts takes NumMentions, NumSources and NumArticles from the
// event's canonical event, and falls back to the event's own evidence.
func TestGDELTCounts(t *testing.T) {
	base := storetest.EventRecords(storetest.Generate(1, 5))[0]
	tests := []struct {
		name             string
		mentions, spans  int
		sources, article int
		want             [3]int64
	}{
		{"no canonical event", 0, 2, 0, 0, [3]int64{3, 1, 1}},
		{"one report", 1, 0, 1, 1, [3]int64{1, 1, 1}},
		{"many reports", 7, 1, 3, 5, [3]int64{7, 3, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := base
			r.Mentions = make([]chronicle.Span, tt.spans)
			r.NumMentions, r.NumSources, r.NumArticles = tt.mentions, tt.sources, tt.article
			row, err := export.ParseGDELT(lines(write(t, "gdelt", []chronicle.EventRecord{r}))[0])
			if err != nil {
				t.Fatal(err)
			}
			if got := [3]int64{row.NumMentions, row.NumSources, row.NumArticles}; got != tt.want {
				t.Errorf("mentions, sources, articles %v, want %v", got, tt.want)
			}
		})
	}
}
