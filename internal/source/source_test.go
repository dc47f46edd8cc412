package source

import (
	"bytes"
	"strings"
	"testing"
)

func collect(t *testing.T, name, in, format string) []Item {
	t.Helper()
	var items []Item
	err := Read(name, strings.NewReader(in), format, func(it Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func TestReadText(t *testing.T) {
	tests := []struct {
		name, in, wantErr, wantText string
		html                        bool
	}{
		{name: "plain", in: "Police detained two men.\r\nThey were released.", wantText: "Police detained two men.\nThey were released."},
		{name: "empty", in: "  \n\t", wantErr: "empty input"},
		{name: "binary", in: "abc\x00def", wantErr: "binary data"},
		{name: "invalid utf8", in: "caf\xe9 au lait", wantErr: "invalid UTF-8 at byte offset 3"},
		{name: "html", in: "<!DOCTYPE html><html><body><p>Hi</p></body></html>", html: true},
		{name: "bom", in: "\uFEFFHello.", wantText: "Hello."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := collect(t, "in.txt", tt.in, FormatAuto)
			if len(items) != 1 {
				t.Fatalf("got %d items", len(items))
			}
			it := items[0]
			if tt.wantErr != "" {
				if it.Err == nil || !strings.Contains(it.Err.Error(), tt.wantErr) || !strings.Contains(it.Err.Error(), "in.txt") {
					t.Fatalf("error %v, want one naming in.txt and %q", it.Err, tt.wantErr)
				}
				return
			}
			if it.Err != nil {
				t.Fatal(it.Err)
			}
			if tt.html && it.Doc.HTML == "" {
				t.Errorf("HTML input not detected")
			}
			if !tt.html && it.Doc.Text != tt.wantText {
				t.Errorf("text %q, want %q", it.Doc.Text, tt.wantText)
			}
		})
	}
}

func TestReadJSONL(t *testing.T) {
	in := `{"id":"a","date":"20250131","text":"One."}
not json
{"id":"b","text":""}

{"id":"c","date":"2025-01-31T10:00:00Z","html":"<p>Two.</p>"}
{"id":"d","date":"31/01/2025","text":"Three."}
{"text":"No id."}
`
	items := collect(t, "docs.jsonl", in, FormatAuto)
	if len(items) != 6 {
		t.Fatalf("got %d items, want 6", len(items))
	}
	if items[0].Err != nil || items[0].Doc.Date != "2025-01-31" || items[0].Doc.ID != "a" {
		t.Errorf("item 0: %+v %v", items[0].Doc, items[0].Err)
	}
	if items[1].Err == nil || !strings.Contains(items[1].Err.Error(), "docs.jsonl:2") {
		t.Errorf("malformed line: %v", items[1].Err)
	}
	if items[2].Err == nil || !strings.Contains(items[2].Err.Error(), "neither") {
		t.Errorf("empty record: %v", items[2].Err)
	}
	if items[3].Err != nil || items[3].Doc.HTML == "" || items[3].Doc.Date != "2025-01-31" {
		t.Errorf("html record: %+v %v", items[3].Doc, items[3].Err)
	}
	if items[4].Err == nil || !strings.Contains(items[4].Err.Error(), "31/01/2025") {
		t.Errorf("bad date: %v", items[4].Err)
	}
	if items[5].Err != nil || items[5].Doc.ID != "docs.jsonl:7" {
		t.Errorf("id fallback: %+v %v", items[5].Doc, items[5].Err)
	}
}

func TestReadTooLarge(t *testing.T) {
	big := bytes.Repeat([]byte("word "), MaxDocumentBytes/5+10)
	items := collect(t, "big.txt", string(big), FormatText)
	if len(items) != 1 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), "limit") {
		t.Fatalf("want a size error, got %+v", items)
	}
	line := `{"id":"x","text":"` + strings.Repeat("a", MaxDocumentBytes+5) + `"}` + "\n" + `{"id":"y","text":"ok"}` + "\n"
	items = collect(t, "big.jsonl", line, FormatJSONL)
	if len(items) != 2 || items[0].Err == nil || items[1].Err != nil || items[1].Doc.ID != "y" {
		t.Fatalf("a long line must fail alone: %+v", items)
	}
}

func FuzzFromJSON(f *testing.F) {
	f.Add([]byte(`{"id":"a","date":"2025-01-01","text":"x"}`))
	f.Add([]byte(`{"html":"<p>"}`))
	f.Add([]byte(`{`))
	f.Fuzz(func(t *testing.T, b []byte) {
		doc, err := FromJSON(b)
		if err == nil && doc.Text == "" && doc.HTML == "" {
			t.Fatalf("accepted a record without text")
		}
	})
}

func TestReadDetectsJSONL(t *testing.T) {
	items := collect(t, "stdin", "{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\"Two.\"}\n", FormatAuto)
	if len(items) != 2 || items[0].Doc == nil || items[0].Doc.ID != "a" || items[1].Doc.ID != "b" {
		t.Fatalf("JSONL on stdin not detected: %+v", items)
	}
	items = collect(t, "stdin", "{braces} in plain text.", FormatAuto)
	if len(items) != 1 || items[0].Doc == nil || items[0].Doc.Text != "{braces} in plain text." {
		t.Fatalf("plain text starting with a brace: %+v", items)
	}
}
