package actor

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

// parsed is the content of one dictionary file.
type parsed struct {
	actors []*Actor
	agents []*Agent
}

// chronicleKeys are the keys that may start a line of Chronicle's format.
var chronicleLine = regexp.MustCompile(`^(person|org|country|agent):`)

// isChronicleFormat reports whether data is in Chronicle's own format: its
// first line that is neither blank nor a comment starts with a known key.
func isChronicleFormat(data []byte) bool {
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		return chronicleLine.MatchString(line)
	}
	return false
}

// ParseChronicle reads a dictionary in Chronicle's format (see the package
// documentation) and returns its actors and agents. name labels errors.
func ParseChronicle(name string, r io.Reader) ([]*Actor, []*Agent, error) {
	p, err := parseChronicle(name, r)
	if err != nil {
		return nil, nil, err
	}
	return p.actors, p.agents, nil
}

func parseChronicle(name string, r io.Reader) (*parsed, error) {
	out := &parsed{}
	var cur *Actor
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	bad := func(format string, args ...any) error {
		return chronicle.E(fmt.Sprintf("%s:%d", name, n), chronicle.Errorf(chronicle.EInvalid, format, args...))
	}
	finish := func() error {
		if cur == nil {
			return nil
		}
		if len(cur.Roles) == 0 && cur.Country == "" {
			return chronicle.E(cur.Source, chronicle.Errorf(chronicle.EInvalid, "actor %q has no code, role or country", cur.Name))
		}
		out.actors = append(out.actors, cur)
		cur = nil
		return nil
	}
	for sc.Scan() {
		n++
		raw := sc.Text()
		if n == 1 {
			raw = strings.TrimPrefix(raw, "\ufeff")
		}
		line := stripComment(raw)
		if strings.TrimSpace(line) == "" {
			continue
		}
		indented := line[0] == ' ' || line[0] == '\t'
		key, val, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok {
			return nil, bad("expected \"key: value\", got %q", strings.TrimSpace(line))
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		if indented {
			if cur == nil {
				return nil, bad("attribute %q outside a person or org block", key)
			}
			if err := setAttr(cur, key, val); err != nil {
				return nil, bad("%v", err)
			}
			continue
		}
		if err := finish(); err != nil {
			return nil, err
		}
		src := fmt.Sprintf("%s:%d", name, n)
		switch key {
		case "person", "org":
			if val == "" {
				return nil, bad("%s without a name", key)
			}
			kind := KindPerson
			if key == "org" {
				kind = KindOrg
			}
			cur = &Actor{Name: val, Aliases: []string{val}, Kind: kind, Source: src}
		case "country":
			as, err := parseCountryLine(val, src)
			if err != nil {
				return nil, bad("%v", err)
			}
			out.actors = append(out.actors, as...)
		case "agent":
			g, err := parseAgentLine(val, src)
			if err != nil {
				return nil, bad("%v", err)
			}
			out.agents = append(out.agents, g)
		default:
			return nil, bad("unknown key %q", key)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, chronicle.E(name, chronicle.Errorf(chronicle.EInvalid, "read: %v", err))
	}
	if err := finish(); err != nil {
		return nil, err
	}
	return out, nil
}

// stripComment removes a "#" comment that starts the line or follows
// whitespace.
func stripComment(line string) string {
	if strings.HasPrefix(strings.TrimSpace(line), "#") {
		return ""
	}
	if i := strings.Index(line, " #"); i >= 0 {
		line = line[:i]
	}
	if i := strings.Index(line, "\t#"); i >= 0 {
		line = line[:i]
	}
	return strings.TrimRight(line, " \t\r")
}

// splitList splits "a; b; c" into trimmed, non-empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var codeRE = regexp.MustCompile(`^[A-Z0-9-]{3,}$`)

// setAttr applies one indented attribute line to an actor block.
func setAttr(a *Actor, key, val string) error {
	switch key {
	case "alias", "aliases":
		a.Aliases = append(a.Aliases, splitList(val)...)
	case "country":
		if !isISO(val) {
			return fmt.Errorf("country %q is not an ISO alpha-3 code", val)
		}
		a.Country = val
	case "sector":
		a.Sector = val
	case "code", "role":
		r, err := parseRole(val)
		if err != nil {
			return err
		}
		a.Roles = append(a.Roles, r)
	case "note":
	default:
		return fmt.Errorf("unknown attribute %q", key)
	}
	return nil
}

// parseRole reads "CODE" or "CODE FROM..UNTIL" with either date optional.
func parseRole(val string) (Role, error) {
	f := strings.Fields(val)
	if len(f) == 0 || len(f) > 2 {
		return Role{}, fmt.Errorf("role %q: want CODE [FROM..UNTIL]", val)
	}
	r := Role{Code: f[0]}
	if !codeRE.MatchString(r.Code) {
		return Role{}, fmt.Errorf("role %q: bad code %q", val, r.Code)
	}
	if len(f) == 2 {
		from, until, ok := strings.Cut(f[1], "..")
		if !ok {
			return Role{}, fmt.Errorf("role %q: dates must be FROM..UNTIL", val)
		}
		var err error
		if r.From, err = isoDate(from, false); err != nil {
			return Role{}, fmt.Errorf("role %q: %v", val, err)
		}
		if r.Until, err = isoDate(until, true); err != nil {
			return Role{}, fmt.Errorf("role %q: %v", val, err)
		}
		if r.From != "" && r.Until != "" && r.From > r.Until {
			return Role{}, fmt.Errorf("role %q: from is after until", val)
		}
	}
	return r, nil
}

var dateRE = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$`)

// isoDate validates YYYY, YYYY-MM or YYYY-MM-DD and widens a partial date
// to its first day, or with end set to its last day.
func isoDate(s string, end bool) (string, error) {
	if s == "" {
		return "", nil
	}
	m := dateRE.FindStringSubmatch(s)
	if m == nil {
		return "", fmt.Errorf("bad date %q: want YYYY-MM-DD", s)
	}
	mo, day := m[2], m[3]
	if mo != "" && (mo < "01" || mo > "12") {
		return "", fmt.Errorf("bad month in %q", s)
	}
	if day != "" && (day < "01" || day > "31") {
		return "", fmt.Errorf("bad day in %q", s)
	}
	if mo == "" {
		mo = "01"
		if end {
			mo = "12"
		}
	}
	if day == "" {
		day = "01"
		if end {
			day = "31"
		}
	}
	return m[1] + "-" + mo + "-" + day, nil
}

func isISO(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// parseCountryLine reads "ISO | names | adjectives | capitals".
func parseCountryLine(val, src string) ([]*Actor, error) {
	parts := strings.Split(val, "|")
	if len(parts) < 2 || len(parts) > 4 {
		return nil, fmt.Errorf("country %q: want ISO | names | adjectives | capitals", val)
	}
	iso := strings.TrimSpace(parts[0])
	if !isISO(iso) {
		return nil, fmt.Errorf("country %q: %q is not an ISO alpha-3 code", val, iso)
	}
	names := splitList(parts[1])
	if len(names) == 0 {
		return nil, fmt.Errorf("country %s has no name", iso)
	}
	c := &Actor{Name: names[0], Aliases: names, Kind: KindCountry, Country: iso,
		Roles: []Role{{Code: iso}}, Source: src}
	out := []*Actor{c}
	if len(parts) > 2 {
		if adj := splitList(parts[2]); len(adj) > 0 {
			a := &Actor{Name: names[0], Kind: KindAdj, Country: iso, Roles: []Role{{Code: iso}}, Source: src}
			for _, w := range adj {
				a.Aliases = append(a.Aliases, w)
				if !strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ese") && !strings.HasSuffix(w, "ch") && !strings.HasSuffix(w, "sh") {
					a.Aliases = append(a.Aliases, w+"s")
				}
			}
			out = append(out, a)
		}
	}
	if len(parts) > 3 {
		for _, cap := range splitList(parts[3]) {
			out = append(out, &Actor{Name: cap, Aliases: []string{cap}, Kind: KindCapital, Country: iso,
				Sector: "GOV", Roles: []Role{{Code: iso + "GOV"}}, Source: src})
		}
	}
	return out, nil
}

// parseAgentLine reads "CODE [DEFAULT] | names". CODE is a suffix ("COP" or
// "~COP"), a prefix ("IGO~"), or "*" for words that inherit the code of the
// actor they are of.
func parseAgentLine(val, src string) (*Agent, error) {
	head, names, ok := strings.Cut(val, "|")
	if !ok {
		return nil, fmt.Errorf("agent %q: want CODE [DEFAULT] | names", val)
	}
	f := strings.Fields(head)
	if len(f) == 0 || len(f) > 2 {
		return nil, fmt.Errorf("agent %q: want CODE [DEFAULT] | names", val)
	}
	g := &Agent{Source: src}
	switch code := f[0]; {
	case code == "*":
		g.Inherit = true
	case strings.HasSuffix(code, "~"):
		g.Prefix = strings.TrimSuffix(code, "~")
	default:
		g.Suffix = strings.TrimPrefix(code, "~")
	}
	if g.Prefix+g.Suffix != "" && !codeRE.MatchString(g.Prefix+g.Suffix) {
		return nil, fmt.Errorf("agent %q: bad code %q", val, f[0])
	}
	if len(f) == 2 {
		if !codeRE.MatchString(f[1]) {
			return nil, fmt.Errorf("agent %q: bad default code %q", val, f[1])
		}
		g.Default = f[1]
	}
	for _, n := range splitList(names) {
		g.Names = append(g.Names, n)
		if strings.HasSuffix(n, "!") {
			continue
		}
		g.Names = append(g.Names, plurals(n)...)
	}
	for i, n := range g.Names {
		g.Names[i] = strings.TrimSuffix(n, "!")
	}
	if len(g.Names) == 0 {
		return nil, fmt.Errorf("agent %q has no names", val)
	}
	return g, nil
}
