// Package namekey turns place names into the lookup keys of Chronicle's
// gazetteer. It is separate from package geo so that the gazetteer builder
// can use it without the embedded gazetteer.
package namekey

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Of returns the lookup key of a name: lower case, accents removed, dots
// dropped, hyphens, commas and runs of spaces made single spaces, curly
// apostrophes straightened, a leading "the" removed. "Port-au-Prince" and
// "port au prince", "U.S." and "US", "Córdoba" and "Cordoba" share a key.
func Of(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '.':
			continue
		case r == '’' || r == '‘' || r == '`':
			r = '\''
		case r == '-' || r == '‐' || r == '–' || r == ',' || unicode.IsSpace(r):
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	k := strings.TrimRight(b.String(), " ")
	return strings.TrimPrefix(k, "the ")
}
