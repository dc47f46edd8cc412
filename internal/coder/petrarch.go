package coder

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// LoadVerbs reads a verb dictionary in Chronicle's format or the PETRARCH2
// CAMEO verb format (detected by its "--- VERB [code] ---" block headers).
func LoadVerbs(name string, r io.Reader) (*Dictionary, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("load verbs %s: %w", name, err)
	}
	codes, err := parseCodes(bytes.NewReader(cameoTSV))
	if err != nil {
		return nil, err
	}
	var d *Dictionary
	if bytes.Contains(data, []byte("\n---")) || bytes.HasPrefix(data, []byte("---")) {
		d, err = parsePetrarchVerbs(bytes.NewReader(data), codes)
	} else {
		d, err = ParseVerbs(bytes.NewReader(data), codes)
	}
	if err != nil {
		return nil, fmt.Errorf("load verbs %s: %w", name, err)
	}
	d.Source = name
	return d, nil
}

// parsePetrarchVerbs reads the verb blocks of a PETRARCH2 CAMEO verb
// dictionary: each "--- LEMMA [CODE] ---" block gives the base code of the
// verb and its forms. Patterns are read for their code when they name a
// following preposition only ("- * WITH [031]"); other patterns are skipped.
func parsePetrarchVerbs(r io.Reader, codes map[string]Code) (*Dictionary, error) {
	d := &Dictionary{Codes: codes, verbs: map[string]*Entry{}, nouns: map[string]*Entry{}, light: map[string]*Entry{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	var cur *Entry
	for sc.Scan() {
		line++
		s := sc.Text()
		if i := strings.IndexByte(s, '#'); i >= 0 {
			s = s[:i]
		}
		s = strings.TrimSpace(s)
		if s == "" || strings.HasPrefix(s, "<!--") || strings.HasPrefix(s, "&") || strings.HasPrefix(s, "+") {
			continue
		}
		if strings.HasPrefix(s, "---") {
			inner := strings.Trim(s, "- ")
			f := strings.Fields(inner)
			if len(f) < 2 {
				cur = nil
				continue
			}
			lemma := strings.ToLower(strings.TrimSuffix(f[0], "_"))
			code := strings.Trim(f[len(f)-1], "[]")
			if i := strings.IndexByte(code, ':'); i >= 0 {
				code = code[:i]
			}
			if _, ok := codes[code]; !ok {
				if len(code) == 3 {
					if _, ok := codes[code[:2]+"0"]; ok {
						codes[code] = Code{Code: code, Goldstein: codes[code[:2]+"0"].Goldstein, PLOVER: codes[code[:2]+"0"].PLOVER, Mode: codes[code[:2]+"0"].Mode}
					}
				}
			}
			if _, ok := codes[code]; !ok {
				cur = nil // "[---]": the verb codes only through its patterns
				continue
			}
			cur = &Entry{Code: code, Kind: KindVerb, Lemma: lemma, Line: line}
			d.verbs[lemma] = cur
			continue
		}
		if strings.HasPrefix(s, "-") {
			if cur == nil {
				continue
			}
			// "- * WITH [031]": a target preposition.
			body := strings.TrimSpace(strings.TrimPrefix(s, "-"))
			f := strings.Fields(body)
			if len(f) == 3 && f[0] == "*" && strings.HasPrefix(f[2], "[") {
				cur.Preps = append(cur.Preps, strings.ToLower(f[1]))
			}
			continue
		}
		// A verb form line: "ABANDON" or "BAN {BANS BANNED}".
		if cur != nil {
			w := strings.ToLower(strings.Fields(s)[0])
			w = strings.TrimSuffix(w, "_")
			if _, ok := d.verbs[w]; !ok && !strings.ContainsAny(w, "{}[]") {
				e := *cur
				e.Lemma = w
				d.verbs[w] = &e
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(d.verbs) == 0 {
		return nil, fmt.Errorf("no verb blocks found")
	}
	return d, nil
}
