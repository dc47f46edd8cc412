package httpapi

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

// TestOpenAPIGolden keeps the API's paths and parameters (not the schemas,
// which follow the domain types) in testdata/openapi.golden.json so that a
// change to the API shows up in review. Run with -update after an intended
// change.
func TestOpenAPIGolden(t *testing.T) {
	s, err := New(Config{Store: newMemStore(nil)})
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(s.OpenAPI()["paths"], "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "openapi.golden.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestOpenAPIGolden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("OpenAPI description differs from %s; run with -update if the change is intended", path)
	}
}
