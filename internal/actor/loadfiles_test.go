package actor

import (
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if filepath.Ext(name) == ".gz" {
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		zw := gzip.NewWriter(f)
		zw.Write([]byte(content))
		zw.Close()
		f.Close()
		return p
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadFiles(t *testing.T) {
	petrActors := writeFile(t, "a.actors.txt", "ALPHALAND_ [ALP]\n+ALPHAN\n")
	petrAgents := writeFile(t, "a.agents.txt", "CONSTABLE [~COP]\n")
	ownActors := writeFile(t, "own.txt", "country: ALP | Alphaland | Alphan | Alpha City\n")
	gz := writeFile(t, "own.txt.gz", "country: ALP | Alphaland | Alphan | Alpha City\n")
	tests := []struct {
		name    string
		actors  []string
		agents  string
		phrase  string
		code    string
		resolve bool
	}{
		{"petrarch actors keep builtin agents", []string{petrActors}, "", "Alphan police", "ALPCOP", true},
		{"petrarch actors replace builtin actors", []string{petrActors}, "", "Salvadoran", "", false},
		{"agents only keep builtin actors", nil, petrAgents, "Salvadoran constables", "SLVCOP", true},
		{"agents file replaces builtin agents", nil, petrAgents, "Salvadoran police", "SLV", true},
		{"own format", []string{ownActors}, "", "Alpha City", "ALPGOV", true},
		{"gzip", []string{gz}, petrAgents, "Alphan constable", "ALPCOP", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := LoadFiles(tc.actors, tc.agents)
			if err != nil {
				t.Fatal(err)
			}
			s := sentence(tc.phrase + " spoke.")
			r, ok := d.Resolve(s, 0, len(s.Tokens)-2, "2025-01-01")
			if ok != tc.resolve || r.Code != tc.code {
				t.Errorf("Resolve(%q) = %q, %v; want %q, %v", tc.phrase, r.Code, ok, tc.code, tc.resolve)
			}
		})
	}
}

func TestLoadFilesErrors(t *testing.T) {
	bad := writeFile(t, "bad.txt", "person: X\n  role: nope nope nope\n")
	badGz := filepath.Join(t.TempDir(), "x.gz")
	if err := os.WriteFile(badGz, []byte("not gzip"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		actors []string
		agents string
		code   string
	}{
		{"missing file", []string{filepath.Join(t.TempDir(), "nope.txt")}, "", ""},
		{"bad own format", []string{bad}, "", chronicle.EInvalid},
		{"bad gzip", []string{badGz}, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadFiles(tc.actors, tc.agents)
			if err == nil {
				t.Fatal("no error")
			}
			if tc.code != "" && chronicle.ErrorCode(err) != tc.code {
				t.Errorf("error %v has code %q, want %q", err, chronicle.ErrorCode(err), tc.code)
			}
		})
	}
}
