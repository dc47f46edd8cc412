package actor

import (
	"bytes"
	"strings"
	"testing"
)

// TestBuiltinCoverage checks the promises the built-in data makes: every
// country, and a head of government in office in mid-2025 for each G20
// member and each country in the Americas.
func TestBuiltinCoverage(t *testing.T) {
	d := builtin(t)
	if n := len(d.countries); n < 195 {
		t.Errorf("%d countries, want at least 195", n)
	}
	americas := "ATG ARG BHS BRB BLZ BOL BRA CAN CHL COL CRI CUB DMA DOM ECU SLV GRD GTM GUY HTI HND JAM MEX NIC PAN PRY PER KNA LCA VCT SUR TTO USA URY VEN"
	g20 := "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN MEX RUS SAU ZAF KOR TUR GBR USA"
	gov := map[string]int{}
	for _, a := range d.Actors() {
		if a.Kind == KindPerson && a.CodeAt("2025-06-01") == a.Country+"GOV" {
			gov[a.Country]++
		}
	}
	for _, c := range strings.Fields(americas + " " + g20) {
		t.Run(c, func(t *testing.T) {
			if d.Country(c) == nil {
				t.Errorf("no country %s", c)
			}
			if gov[c] == 0 {
				t.Errorf("no person holds %sGOV on 2025-06-01", c)
			}
		})
	}
}

// TestBuiltinConsistent checks every built-in actor: a role, codes that
// start with a known country or a non-state prefix, and dates in order.
func TestBuiltinConsistent(t *testing.T) {
	d := builtin(t)
	prefixes := []string{"IGO", "NGO", "IMG", "---"}
	for _, a := range d.Actors() {
		if len(a.Roles) == 0 {
			t.Errorf("%s (%s) has no role", a.Name, a.Source)
		}
		for _, r := range a.Roles {
			ok := d.Country(r.Code[:3]) != nil
			for _, p := range prefixes {
				ok = ok || strings.HasPrefix(r.Code, p)
			}
			if !ok {
				t.Errorf("%s (%s): code %s starts with no known country or prefix", a.Name, a.Source, r.Code)
			}
			if r.From != "" && r.Until != "" && r.From > r.Until {
				t.Errorf("%s (%s): role %s from %s is after until %s", a.Name, a.Source, r.Code, r.From, r.Until)
			}
		}
		if a.Kind == KindPerson && a.Country != "" && d.Country(a.Country) == nil {
			t.Errorf("%s (%s): unknown country %s", a.Name, a.Source, a.Country)
		}
	}
	// An agent name with two different codes is ambiguous.
	agentCode := map[string]string{}
	for _, g := range d.Agents() {
		code := g.Prefix + "~" + g.Suffix
		for _, n := range g.Names {
			k := lowerKey(n)
			if c, ok := agentCode[k]; ok && c != code {
				t.Errorf("agent %q has codes %s and %s (%s)", n, c, code, g.Source)
			}
			agentCode[k] = code
		}
	}
	// Aliases that name two different people are ambiguous.
	seen := map[string]*Actor{}
	for _, a := range d.Actors() {
		if a.Kind != KindPerson {
			continue
		}
		for _, n := range a.Aliases {
			k := lowerKey(n)
			if o := seen[k]; o != nil && o != a {
				t.Errorf("alias %q names both %s and %s", n, o.Name, a.Name)
			}
			seen[k] = a
		}
	}
}

func TestChronicleFormatErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown key", "person: A B\n  colour: red\n", "unknown attribute"},
		{"attribute outside block", "  alias: X\n", "outside"},
		{"bad role date", "person: A B\n  role: USAGOV 2025-13-01..\n", "bad month"},
		{"from after until", "person: A B\n  role: USAGOV 2025-01-01..2024-01-01\n", "after until"},
		{"no code", "person: A B\n  alias: B\n", "no code"},
		{"bad country", "country: XX | Nowhere\n", "not an ISO"},
		{"bad agent", "agent: cop police\n", "want CODE"},
		{"no colon", "person: A\nhello\n", "key: value"},
		{"bad code", "org: X\n  code: usa gov\n", "bad code"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ParseChronicle("t.txt", strings.NewReader(tc.src))
			if err == nil {
				t.Fatalf("no error for %q", tc.src)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "t.txt") {
				t.Errorf("error %q does not name the file and %q", err, tc.want)
			}
		})
	}
}

func TestChronicleFormat(t *testing.T) {
	src := `# test
country: ALP | Alphaland; Alpha | Alphan | Alpha City
agent: COP | police!; police officer
agent: HRI NGOHRI | rights group
person: Ann Example
  alias: Example # a short name
  country: ALP
  role: ALPLEG ..2020-06
  role: ALPGOV 2020-07..
`
	as, ags, err := ParseChronicle("t.txt", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 4 || len(ags) != 2 {
		t.Fatalf("got %d actors and %d agents, want 4 and 2", len(as), len(ags))
	}
	ann := as[3]
	if ann.CodeAt("2020-06-30") != "ALPLEG" || ann.CodeAt("2020-07-01") != "ALPGOV" {
		t.Errorf("month-precision bounds: %q on 2020-06-30, %q on 2020-07-01", ann.CodeAt("2020-06-30"), ann.CodeAt("2020-07-01"))
	}
	names := strings.Join(ags[1].Names, ",")
	if names != "rights group,rights groups" {
		t.Errorf("agent names %q, want plural added", names)
	}
	if strings.Join(ags[0].Names, ",") != "police,police officer,police officers" {
		t.Errorf("agent names %q, want no plural after !", strings.Join(ags[0].Names, ","))
	}
	if !isChronicleFormat([]byte(src)) || isChronicleFormat([]byte("ALPHA [ALP]\n")) {
		t.Error("format detection is wrong")
	}
	if !bytes.HasPrefix(builtinActors, []byte("#")) {
		t.Error("built-in data does not start with its header comment")
	}
}
