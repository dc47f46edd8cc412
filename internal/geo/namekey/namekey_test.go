package namekey

import (
	"strings"
	"testing"
)

func TestOf(t *testing.T) {
	tests := []struct{ in, want string }{
		{"São Paulo", "sao paulo"},
		{"Port-au-Prince", "port au prince"},
		{"U.S.A.", "usa"},
		{"  The  Hague ", "hague"},
		{"N’Djamena", "n'djamena"},
		{"Ḩudaydah", "hudaydah"},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := Of(tc.in); got != tc.want {
				t.Errorf("Of(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzOf checks the shape of keys for any input: no ASCII capitals, no dots,
// no doubled, leading or trailing spaces.
func FuzzOf(f *testing.F) {
	for _, s := range []string{"São Paulo", "U.S.", " - , ", "THE the"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Of(s)
		if strings.ContainsAny(k, ".ABCDEFGHIJKLMNOPQRSTUVWXYZ") || strings.Contains(k, "  ") ||
			strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") {
			t.Errorf("Of(%q) = %q", s, k)
		}
	})
}
