package actor

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldTable maps accented Latin letters to their plain forms, keeping case.
var foldTable = map[rune]string{
	'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'Á': "A", 'À': "A", 'Â': "A", 'Ä': "A", 'Ã': "A", 'Å': "A", 'Ā': "A", 'Ă': "A", 'Ą': "A",
	'æ': "ae", 'Æ': "AE", 'ç': "c", 'Ç': "C", 'ć': "c", 'Ć': "C", 'č': "c", 'Č': "C",
	'ď': "d", 'Ď': "D", 'đ': "d", 'Đ': "D",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ę': "e", 'ě': "e", 'ė': "e",
	'É': "E", 'È': "E", 'Ê': "E", 'Ë': "E", 'Ē': "E", 'Ę': "E", 'Ě': "E", 'Ė': "E",
	'ğ': "g", 'Ğ': "G",
	'í': "i", 'ì': "i", 'î': "i", 'ï': "i", 'ī': "i", 'ı': "i", 'İ': "I",
	'Í': "I", 'Ì': "I", 'Î': "I", 'Ï': "I", 'Ī': "I",
	'ł': "l", 'Ł': "L", 'ñ': "n", 'Ñ': "N", 'ń': "n", 'Ń': "N", 'ň': "n", 'Ň': "N",
	'ó': "o", 'ò': "o", 'ô': "o", 'ö': "o", 'õ': "o", 'ø': "o", 'ō': "o", 'ő': "o",
	'Ó': "O", 'Ò': "O", 'Ô': "O", 'Ö': "O", 'Õ': "O", 'Ø': "O", 'Ō': "O", 'Ő': "O",
	'œ': "oe", 'Œ': "OE", 'ř': "r", 'Ř': "R",
	'ś': "s", 'Ś': "S", 'š': "s", 'Š': "S", 'ş': "s", 'Ş': "S", 'ș': "s", 'Ș': "S", 'ß': "ss",
	'ť': "t", 'Ť': "T", 'ț': "t", 'Ț': "T", 'ţ': "t", 'Ţ': "T",
	'ú': "u", 'ù': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u",
	'Ú': "U", 'Ù': "U", 'Û': "U", 'Ü': "U", 'Ū': "U", 'Ů': "U", 'Ű': "U",
	'ý': "y", 'ÿ': "y", 'Ý': "Y", 'ž': "z", 'Ž': "Z", 'ź': "z", 'Ź': "Z", 'ż': "z", 'Ż': "Z",
	'’': "'", '‘': "'", 'ʼ': "'", '‐': "-", '‑': "-", '–': "-", '—': "-",
}

// caseKey returns the matching form of a token or phrase that keeps letter
// case: accents folded, curly apostrophes straightened, a possessive "'s"
// dropped, and whitespace, hyphens and underscores removed, so that
// "Claver-Carone", "Claver - Carone" and "Claver Carone" all agree.
func caseKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f, ok := foldTable[r]; ok {
			if f == "-" {
				continue
			}
			b.WriteString(f)
			continue
		}
		if r == '-' || r == '_' || unicode.IsSpace(r) || r == utf8.RuneError {
			continue
		}
		b.WriteRune(r)
	}
	k := b.String()
	k = strings.TrimSuffix(k, "'s")
	k = strings.TrimSuffix(k, "'S")
	if strings.HasSuffix(k, "s'") {
		k = strings.TrimSuffix(k, "'")
	}
	return k
}

// lowerKey is caseKey folded to lower case: the dictionary index key.
func lowerKey(s string) string { return strings.ToLower(caseKey(s)) }

// firstLetter returns the first letter of s, or 0.
func firstLetter(s string) rune {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return r
		}
	}
	return 0
}

// hasLetter reports whether s holds a letter or digit.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// allUpper reports whether every letter of s is upper case and there are at
// least two letters (a headline or an acronym).
func allUpper(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// plurals returns the regular plural forms of a phrase's last word, in the
// manner of PETRARCH's automatic noun forms.
func plurals(phrase string) []string {
	i := strings.LastIndexAny(phrase, " _")
	head, last := phrase[:i+1], phrase[i+1:]
	if last == "" {
		return nil
	}
	lw := strings.ToLower(last)
	upper := allUpper(last)
	suffix := func(s string) string {
		if upper {
			return strings.ToUpper(s)
		}
		return s
	}
	var out []string
	switch {
	case strings.HasSuffix(lw, "man") && !strings.HasSuffix(lw, "human") && !strings.HasSuffix(lw, "german"):
		out = append(out, head+last[:len(last)-2]+suffix("en"))
	case strings.HasSuffix(lw, "person"):
		out = append(out, head+last[:len(last)-6]+suffix("people"))
	case strings.HasSuffix(lw, "s") || strings.HasSuffix(lw, "x") || strings.HasSuffix(lw, "z") ||
		strings.HasSuffix(lw, "ch") || strings.HasSuffix(lw, "sh"):
		out = append(out, head+last+suffix("es"))
	case len(lw) > 1 && strings.HasSuffix(lw, "y") && !strings.ContainsRune("aeiou", rune(lw[len(lw)-2])):
		out = append(out, head+last[:len(last)-1]+suffix("ies"))
	default:
		out = append(out, head+last+suffix("s"))
	}
	return out
}
