package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

func TestCodeBadInputsDoNotStopTheBatch(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", []byte("Police arrested two protesters in Lima on Monday."))
	empty := write("empty.txt", nil)
	binary := write("binary.bin", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 1})
	latin1 := write("latin1.txt", []byte("Caf\xe9 owners protested."))
	nobody := write("nobody.html", []byte("<!DOCTYPE html><html><head><title>Empty</title></head></html>"))
	jsonl := write("docs.jsonl", []byte("{\"id\":\"j1\",\"text\":\"Rebels attacked a village.\"}\n{broken\n"))
	code, out, stderr := runCmd(t, "", "code", "--date", "2025-03-03", good, empty, binary, latin1, nobody, filepath.Join(dir, "missing.txt"), jsonl, good)
	if code != 1 {
		t.Errorf("exit status %d, want 1 (some inputs failed)", code)
	}
	for _, want := range []string{"empty.txt: empty input", "binary.bin: binary data", "latin1.txt: invalid UTF-8", "missing.txt: no such file", "docs.jsonl:2: malformed JSON"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	var ids []string
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var doc struct {
			ID        string            `json:"id"`
			Date      string            `json:"date"`
			Sentences []json.RawMessage `json:"sentences"`
			Events    []json.RawMessage `json:"events"`
			Errors    []string          `json:"errors"`
		}
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			t.Fatalf("output line is not JSON: %v", err)
		}
		if doc.Sentences == nil || doc.Events == nil {
			t.Errorf("%s: lists must be [] not null", doc.ID)
		}
		ids = append(ids, filepath.Base(doc.ID))
	}
	// Good documents come out in input order, around the failures.
	want := []string{"good.txt", "nobody.html", "j1", "good.txt"}
	if strings.Join(ids, ",") != strings.Join(want, ",") {
		t.Errorf("documents printed %v, want %v", ids, want)
	}
}

func TestCodeUsage(t *testing.T) {
	if code, _, _ := runCmd(t, "", "code", "--input", "pdf"); code != 2 {
		t.Errorf("bad --input: exit %d, want 2", code)
	}
	if code, _, _ := runCmd(t, "", "code", "--date", "yesterday", "x"); code != 2 {
		t.Errorf("bad --date: exit %d, want 2", code)
	}
	if code, _, _ := runCmd(t, "", "nosuchcommand"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
}

func TestCodeStdin(t *testing.T) {
	code, out, stderr := runCmd(t, `{"id":"s1","date":"2025-01-31","text":"Chile praised Peru."}`+"\n", "code", "--input", "jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, `"id":"s1"`) || !strings.Contains(out, `"date":"2025-01-31"`) {
		t.Errorf("output lacks the input id and date: %s", out)
	}
}

func TestExplainSaysWhyNoEvent(t *testing.T) {
	code, out, stderr := runCmd(t, "", "explain", "--date", "2025-03-03", "The weather was mild in Lima on Monday.")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"== sentence 0", "no trigger word from the verb dictionary", "no event in this sentence"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCmd(t, "", "explain", "--date", "2025-03-03", "Peruvian police arrested two protesters in Lima on Monday.")
	if code != 0 || !strings.Contains(out, "EVENT 173 COERCE") || !strings.Contains(out, "rule: verb:arrest") {
		t.Errorf("explain lacks the event and its rule:\n%s", out)
	}
}
