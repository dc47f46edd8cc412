package actor

import (
	"strings"
	"testing"

	"github.com/chronicle-news/chronicle/internal/testutil"
)

func TestLoadPhoenix(t *testing.T) {
	files := []string{
		testutil.SharedFile(t, "data/petrarch2/dictionaries/Phoenix.Countries.actors.txt"),
		testutil.SharedFile(t, "data/petrarch2/dictionaries/Phoenix.International.actors.txt"),
		testutil.SharedFile(t, "data/petrarch2/dictionaries/Phoenix.MilNonState.actors.txt"),
	}
	agents := testutil.SharedFile(t, "data/petrarch2/dictionaries/Phoenix.agents.txt")
	d, err := LoadFiles(files, agents)
	if err != nil {
		t.Fatalf("LoadFiles: %v", err)
	}
	if n := len(d.Actors()); n < 10000 {
		t.Errorf("loaded %d actors, want more than 10000", n)
	}
	if n := len(d.Agents()); n < 1500 {
		t.Errorf("loaded %d agents, want more than 1500", n)
	}
	t.Logf("Phoenix: %d actors, %d agents", len(d.Actors()), len(d.Agents()))
	tests := []struct {
		name, sentence, phrase, date, code string
	}{
		{"country", "Afghanistan rejected the claim.", "Afghanistan", "2014-01-01", "AFG"},
		{"synonym", "Afghan police arrested him.", "Afghan police", "2014-01-01", "AFGCOP"},
		{"obama before", "Barack Obama spoke.", "Barack Obama", "1995-01-01", "USAELI"},
		{"obama after", "Barack Obama spoke.", "Barack Obama", "2012-01-01", "USAGOV"},
		{"un", "The UN called for calm.", "The UN", "2014-01-01", "IGOUNO"},
		{"nato group", "The North Atlantic Treaty Organization met.", "The North Atlantic Treaty Organization", "2014-01-01", "IGOWSTNAT"},
		{"hamas", "Hamas fired rockets.", "Hamas", "2014-01-01", "PSEREBHMS"},
		{"agent plural", "Iraqi soldiers entered the town.", "Iraqi soldiers", "2014-01-01", "IRQMIL"},
		{"substitution set", "The Iraqi information ministry said so.", "The Iraqi information ministry", "2014-01-01", "IRQGOVMED"},
		{"codeless group joins next", "The US vice president arrived.", "The US vice president", "2014-01-01", "USAGOV"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := sentence(tc.sentence)
			a, b := findPhrase(t, s, tc.phrase)
			r, ok := d.Resolve(s, a, b, tc.date)
			if !ok || r.Code != tc.code {
				t.Errorf("Resolve(%q, %s) = %q, %v; want %q", tc.phrase, tc.date, r.Code, ok, tc.code)
			}
		})
	}
}

func TestLoadValidate(t *testing.T) {
	actors := testutil.SharedFile(t, "data/petrarch2/unit-tests/PETR.Validate.actors.txt")
	agents := testutil.SharedFile(t, "data/petrarch2/unit-tests/PETR.Validate.agents.txt")
	d, err := LoadFiles([]string{actors}, agents)
	if err != nil {
		t.Fatalf("LoadFiles: %v", err)
	}
	if n := len(d.Actors()); n < 120 || n > 200 {
		t.Errorf("loaded %d actors, want 120..200", n)
	}
	if n := len(d.Agents()); n < 70 {
		t.Errorf("loaded %d agents, want at least 70", n)
	}
	t.Logf("Validate: %d actors, %d agents", len(d.Actors()), len(d.Agents()))
	tests := []struct {
		name, sentence, phrase, date, code string
	}{
		{"plain", "Gondor sent troops.", "Gondor", "2010-01-01", "GON"},
		{"synonym", "Minas Tirith sent troops.", "Minas Tirith", "2010-01-01", "GON"},
		{"lower-case code", "Palestinian police arrived.", "Palestinian police", "2010-01-01", "PSECOP"},
		{"gollum early", "Gollum escaped.", "Gollum", "1994-01-01", "HOB"},
		{"gollum gov", "Smeagol escaped.", "Smeagol", "1997-01-01", "HOBGOV"},
		{"gollum reb", "Stinker escaped.", "Stinker", "2005-01-01", "HOBREB"},
		{"sam override", "Sam Gamgee left.", "Sam Gamgee", "2010-01-10", "ORCHOB"},
		{"sam mil", "Sam Gamgee left.", "Sam Gamgee", "2009-01-10", "HOBMIL"},
		{"sam eli", "Sam Gamgee left.", "Sam Gamgee", "2014-01-10", "HOBELI"},
		{"sam civ", "Sam Gamgee left.", "Sam Gamgee", "2001-01-10", "HOBCIV"},
		{"code on next line", "The Ent spoke.", "The Ent", "2010-01-01", "ENT"},
		{"zimbabwe old", "Zimbabwe protested.", "Zimbabwe", "1975-01-01", "RHO"},
		{"zimbabwe new", "Zimbabwe protested.", "Zimbabwe", "1990-01-01", "ZBW"},
		{"explicit plural agent", "Two golden geese of Gondor flew.", "golden geese of Gondor", "2010-01-01", "GONGGS"},
		{"substitution", "The Gondor ministers of silly walks met.", "The Gondor ministers of silly walks", "2010-01-01", "GONGOV"},
		{"prefix agent", "A Gondor human rights body complained.", "A Gondor human rights body", "2010-01-01", "NGOGON"},
		{"interpol", "Interpol issued a notice.", "Interpol", "2010-01-01", "IGOCOPITP"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := sentence(tc.sentence)
			a, b := findPhrase(t, s, tc.phrase)
			r, ok := d.Resolve(s, a, b, tc.date)
			if !ok || r.Code != tc.code {
				t.Errorf("Resolve(%q, %s) = %q, %v; want %q", tc.phrase, tc.date, r.Code, ok, tc.code)
			}
		})
	}
}

func TestPetrarchActorFormat(t *testing.T) {
	src := `<!-- a comment
spanning lines -->
ALPHA_LAND_ [ALP] # comment
+ALPHANIAN
BETA_MAN
+MR_BETA
	[ALPGOV 990101-051231]
	[ALPELI]
GAMMA [GAM <20000101] [GAMGOV >20000101]

DELTA_ONE
DELTA_TWO
	[DLT]
ORPHAN_

EPSILON [EPS] [EPSGOV 2004017-20061201]
`
	as, err := ParsePetrarchActors("test.txt", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*Actor{}
	for _, a := range as {
		for _, n := range a.Aliases {
			byName[n] = a
		}
	}
	tests := []struct{ name, date, code string }{
		{"ALPHANIAN", "2010-01-01", "ALP"},
		{"MR BETA", "2001-01-01", "ALPGOV"},
		{"BETA MAN", "2010-01-01", "ALPELI"},
		{"GAMMA", "1999-01-01", "GAM"},
		{"GAMMA", "2001-01-01", "GAMGOV"},
		{"DELTA ONE", "2001-01-01", "DLT"},
		{"EPSILON", "2005-01-01", "EPS"},
	}
	for _, tc := range tests {
		a := byName[tc.name]
		if a == nil {
			t.Errorf("%s not loaded", tc.name)
			continue
		}
		if got := a.CodeAt(tc.date); got != tc.code {
			t.Errorf("%s at %s = %q, want %q", tc.name, tc.date, got, tc.code)
		}
	}
	if byName["ORPHAN"] != nil {
		t.Errorf("a group without codes followed by a blank line was kept")
	}
	if len(as) != 5 {
		t.Errorf("got %d actors, want 5", len(as))
	}
}
