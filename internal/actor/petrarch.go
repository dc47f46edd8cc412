package actor

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

// petrarchLines reads r into lines with "#" comments and "<!-- -->" blocks
// removed. Blank lines are kept as "" because they end an actor group.
func petrarchLines(name string, r io.Reader) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	inComment := false
	for sc.Scan() {
		line := sc.Text()
		if len(out) == 0 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		t := strings.TrimSpace(line)
		if inComment {
			if strings.Contains(t, "-->") {
				inComment = false
			}
			out = append(out, "#")
			continue
		}
		if strings.HasPrefix(t, "<!") {
			if !strings.Contains(t, "-->") && !strings.HasSuffix(t, ">") {
				inComment = true
			}
			out = append(out, "#")
			continue
		}
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
			if strings.TrimSpace(line) == "" {
				out = append(out, "#") // a comment line does not end a group
				continue
			}
		}
		out = append(out, strings.TrimRight(line, " \t\r"))
	}
	if err := sc.Err(); err != nil {
		return nil, chronicle.E(name, chronicle.Errorf(chronicle.EInvalid, "read: %v", err))
	}
	return out, nil
}

var bracketRE = regexp.MustCompile(`\[([^\]\}\[]*)[\]\}]`)

// ParsePetrarchActors reads a PETRARCH2 (TABARI) actor dictionary: a base
// name line, "+" synonym lines, and "[CODE]" or "[CODE DATES]" blocks on the
// name line or on following lines, where DATES is ">YYMMDD", "<YYMMDD" or
// "YYMMDD-YYMMDD" (also with four-digit years). A group without codes that
// runs straight into the next group takes that group's codes. name labels
// errors.
func ParsePetrarchActors(name string, r io.Reader) ([]*Actor, error) {
	lines, err := petrarchLines(name, r)
	if err != nil {
		return nil, err
	}
	var out []*Actor
	var cur, pending *Actor
	flush := func() {
		if cur == nil {
			return
		}
		if len(cur.Roles) == 0 {
			if pending == nil {
				pending = cur
			} else {
				pending.Aliases = append(pending.Aliases, cur.Aliases...)
			}
			cur = nil
			return
		}
		if pending != nil {
			cur.Aliases = append(cur.Aliases, pending.Aliases...)
			pending = nil
		}
		out = append(out, cur)
		cur = nil
	}
	for i, line := range lines {
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			flush()
			pending = nil
		case t == "#":
		case t[0] == '[':
			if cur == nil {
				continue // codes with no actor: ignored, as PETRARCH does
			}
			cur.Roles = append(cur.Roles, petrarchRoles(t)...)
		case t[0] == '+':
			if cur == nil {
				continue
			}
			n, codes := splitNameCodes(t[1:])
			if n != "" {
				cur.Aliases = append(cur.Aliases, n)
			}
			cur.Roles = append(cur.Roles, petrarchRoles(codes)...)
		default:
			flush()
			n, codes := splitNameCodes(t)
			if n == "" {
				continue
			}
			cur = &Actor{Name: titleName(n), Aliases: []string{n}, Kind: KindOrg, CaseFold: true,
				Source: fmt.Sprintf("%s:%d", name, i+1)}
			cur.Roles = append(cur.Roles, petrarchRoles(codes)...)
		}
	}
	flush()
	// A group whose current code is a bare country code names a country.
	for _, a := range out {
		if c := a.CodeAt(""); len(c) == 3 && isISO(c) {
			a.Kind = KindCountry
			a.Country = c
		}
	}
	return out, nil
}

// splitNameCodes splits "NAME_WORDS [CODE] [CODE DATE]" into the name (with
// underscores as spaces) and the code part.
func splitNameCodes(s string) (string, string) {
	i := strings.IndexByte(s, '[')
	codes := ""
	if i >= 0 {
		s, codes = s[:i], s[i:]
	}
	n := strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), " ")
	return n, codes
}

// petrarchRoles reads every "[CODE DATES]" block in s.
func petrarchRoles(s string) []Role {
	var out []Role
	for _, m := range bracketRE.FindAllStringSubmatch(s, -1) {
		f := strings.Fields(m[1])
		if len(f) == 0 {
			continue
		}
		r := Role{Code: strings.ToUpper(f[0])}
		if strings.ContainsRune(r.Code, '~') {
			continue // an agent code in an actor file
		}
		if len(f) > 1 {
			spec := strings.Join(f[1:], "")
			switch {
			case strings.HasPrefix(spec, "<"):
				r.Until = petrarchDate(spec[1:])
			case strings.HasPrefix(spec, ">"):
				r.From = petrarchDate(spec[1:])
			default:
				a, b, _ := strings.Cut(spec, "-")
				r.From, r.Until = petrarchDate(a), petrarchDate(b)
				if (a != "" && r.From == "") || (b != "" && r.Until == "") {
					r.From, r.Until = "", ""
				}
			}
			if !r.dated() {
				continue // a date that does not parse: drop the role
			}
		}
		out = append(out, r)
	}
	return out
}

// petrarchDate converts YYMMDD (00-29 is 20YY, else 19YY) or YYYYMMDD to
// YYYY-MM-DD. An invalid date gives "", leaving that side unbounded.
func petrarchDate(s string) string {
	for _, c := range s {
		if c < '0' || c > '9' {
			return ""
		}
	}
	var y, m, d string
	switch len(s) {
	case 6:
		y, m, d = s[:2], s[2:4], s[4:6]
		if y < "30" {
			y = "20" + y
		} else {
			y = "19" + y
		}
	case 8:
		y, m, d = s[:4], s[4:6], s[6:8]
	default:
		return ""
	}
	if m < "01" || m > "12" || d < "01" || d > "31" {
		return ""
	}
	return y + "-" + m + "-" + d
}

// titleName turns "BARACK OBAMA" into "Barack Obama", keeping short words
// and abbreviations in capitals.
func titleName(s string) string {
	if !allUpper(s) {
		return s
	}
	ws := strings.Fields(s)
	for i, w := range ws {
		lw := strings.ToLower(w)
		switch {
		case i > 0 && (lw == "of" || lw == "the" || lw == "and" || lw == "de" || lw == "for" || lw == "in" || lw == "la" || lw == "del"):
			ws[i] = lw
		case len(w) <= 3 || strings.ContainsRune(w, '.'):
		default:
			parts := strings.Split(lw, "-")
			for j, p := range parts {
				if p != "" {
					parts[j] = strings.ToUpper(p[:1]) + p[1:]
				}
			}
			ws[i] = strings.Join(parts, "-")
		}
	}
	return strings.Join(ws, " ")
}

var substRE = regexp.MustCompile(`^!([A-Za-z0-9]+)!\s*=\s*(.*)$`)
var substUseRE = regexp.MustCompile(`!([A-Za-z0-9]+)!`)

// ParsePetrarchAgents reads a PETRARCH2 agents file: "PHRASE {PLURALS}
// [~CODE]" lines, where "~CODE" is appended to the actor's code and "CODE~"
// put before it, "{}" turns off the automatic regular plural and "{FORMS}"
// lists the plural forms, and "!SET! = A, B" substitution sets expand
// "!SET!" inside phrases. name labels errors.
func ParsePetrarchAgents(name string, r io.Reader) ([]*Agent, error) {
	lines, err := petrarchLines(name, r)
	if err != nil {
		return nil, err
	}
	sets := map[string][]string{}
	for _, line := range lines {
		if m := substRE.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
			var alts []string
			for _, a := range strings.Split(m[2], ",") {
				if a = strings.TrimSpace(a); a != "" {
					alts = append(alts, a)
				}
			}
			sets[strings.ToUpper(m[1])] = alts
		}
	}
	var out []*Agent
	for i, line := range lines {
		t := strings.TrimSpace(line)
		if t == "" || t == "#" || substRE.MatchString(t) {
			continue
		}
		bi := strings.IndexByte(t, '[')
		if bi < 0 {
			continue // a phrase without a code
		}
		phrase, rest := t[:bi], t[bi:]
		var forms []string
		explicit := false
		if oi := strings.IndexByte(phrase, '{'); oi >= 0 {
			explicit = true
			inner := phrase[oi+1:]
			if ci := strings.IndexByte(inner, '}'); ci >= 0 {
				inner = inner[:ci]
			}
			forms = strings.Fields(inner)
			phrase = phrase[:oi]
		}
		phrase = strings.TrimSpace(phrase)
		if phrase == "" {
			continue
		}
		m := bracketRE.FindStringSubmatch(rest)
		if m == nil {
			continue
		}
		code := strings.ToUpper(strings.Join(strings.Fields(m[1]), ""))
		g := &Agent{Source: fmt.Sprintf("%s:%d", name, i+1)}
		switch {
		case strings.HasPrefix(code, "~"):
			g.Suffix = code[1:]
		case strings.HasSuffix(code, "~"):
			g.Prefix = strings.TrimSuffix(code, "~")
		default:
			g.Suffix = code
		}
		if g.Prefix+g.Suffix == "" {
			continue
		}
		for _, p := range expandSubst(phrase, sets) {
			p = strings.Join(strings.Fields(strings.ReplaceAll(p, "_", " ")), " ")
			if p == "" {
				continue
			}
			g.Names = append(g.Names, p)
			if !explicit {
				g.Names = append(g.Names, plurals(p)...)
			}
		}
		for _, f := range forms {
			for _, p := range expandSubst(f, sets) {
				if p = strings.Join(strings.Fields(strings.ReplaceAll(p, "_", " ")), " "); p != "" {
					g.Names = append(g.Names, p)
				}
			}
		}
		if len(g.Names) > 0 {
			out = append(out, g)
		}
	}
	return out, nil
}

// expandSubst expands every "!SET!" in s with each of the set's
// alternatives; an unknown set is left as written.
func expandSubst(s string, sets map[string][]string) []string {
	m := substUseRE.FindStringSubmatchIndex(s)
	if m == nil {
		return []string{s}
	}
	alts, ok := sets[strings.ToUpper(s[m[2]:m[3]])]
	if !ok {
		return []string{strings.ReplaceAll(s, "!", "")}
	}
	var out []string
	for _, a := range alts {
		out = append(out, expandSubst(s[:m[0]]+a+s[m[1]:], sets)...)
		if len(out) > 256 {
			break
		}
	}
	return out
}
