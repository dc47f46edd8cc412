package actor

import (
	"bytes"
	"strings"
	"testing"
)

// TestBuiltinCoverage checks the promises the built-in data makes: every
// country, a person holding the government code in mid-2025 for each G20
// member and each country in the Americas, and, in the officeHolders table
// that TestBuiltinOfficeHolders resolves, a head of state or government and
// a foreign minister in office on 2025-06-01 for each of them, the EU and
// the African Union.
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
	head := map[string]bool{}
	fm := map[string]bool{}
	for _, o := range officeHolders {
		if o.date != "2025-06-01" {
			continue
		}
		switch o.office {
		case "hos", "hog":
			head[o.country] = true
		case "fm":
			fm[o.country] = true
		}
	}
	// Where no foreign minister is listed for 2025-06-01, one must be listed
	// for another date in 2025 and the reason given here.
	noFM := map[string]string{
		"AU":  "the AU Commission has no foreign minister",
		"SUR": "the interim after Albert Ramdin left for the OAS on 2025-05-30 is not listed",
	}
	for _, c := range strings.Fields(americas + " " + g20 + " EU AU") {
		t.Run(c, func(t *testing.T) {
			if c != "EU" && c != "AU" {
				if d.Country(c) == nil {
					t.Errorf("no country %s", c)
				}
				if gov[c] == 0 {
					t.Errorf("no person holds %sGOV on 2025-06-01", c)
				}
			}
			if !head[c] {
				t.Errorf("officeHolders lists no head of state or government of %s on 2025-06-01", c)
			}
			if fm[c] {
				return
			}
			if _, ok := noFM[c]; !ok {
				t.Errorf("officeHolders lists no foreign minister of %s on 2025-06-01", c)
			}
			if c == "AU" {
				return
			}
			for _, o := range officeHolders {
				if o.country == c && o.office == "fm" && strings.HasPrefix(o.date, "2025-") {
					return
				}
			}
			t.Errorf("officeHolders lists no foreign minister of %s in 2025", c)
		})
	}
}

// officeHolder is one expectation about the built-in office holders: the
// person named resolves, on the date, to the code. Office is "hos" (head of
// state or its representative), "hog" (head of government), "fm" (foreign
// minister), or "" for a check of someone out of office.
type officeHolder struct {
	country, office, name, date, code string
}

// officeHolders lists, for every country in the Americas, every G20 member,
// the EU and the African Union, who held the top offices in 2025, with the
// changes made during the year and checks on predecessors after they left.
var officeHolders = []officeHolder{
	// The Americas.
	{"ATG", "hog", "Gaston Browne", "2025-06-01", "ATGGOV"},
	{"ATG", "hos", "Rodney Williams", "2025-06-01", "ATGGOV"},
	{"ATG", "fm", "Chet Greene", "2025-06-01", "ATGGOV"},
	{"ARG", "hos", "Javier Milei", "2025-06-01", "ARGGOV"},
	{"ARG", "fm", "Gerardo Werthein", "2025-06-01", "ARGGOV"},
	{"ARG", "fm", "Pablo Quirno", "2025-12-01", "ARGGOV"},
	{"ARG", "", "Gerardo Werthein", "2025-12-01", "ARGELI"},
	{"BHS", "hog", "Philip Davis", "2025-06-01", "BHSGOV"},
	{"BHS", "hos", "Cynthia Pratt", "2025-06-01", "BHSGOV"},
	{"BHS", "fm", "Fred Mitchell", "2025-06-01", "BHSGOV"},
	{"BRB", "hog", "Mia Mottley", "2025-06-01", "BRBGOV"},
	{"BRB", "hos", "Sandra Mason", "2025-06-01", "BRBGOV"},
	{"BRB", "fm", "Kerrie Symmonds", "2025-06-01", "BRBGOV"},
	{"BLZ", "hog", "Johnny Briceño", "2025-06-01", "BLZGOV"},
	{"BLZ", "hos", "Froyla Tzalam", "2025-06-01", "BLZGOV"},
	{"BLZ", "fm", "Eamon Courtenay", "2025-01-15", "BLZGOV"},
	{"BLZ", "fm", "Francis Fonseca", "2025-06-01", "BLZGOV"},
	{"BLZ", "", "Eamon Courtenay", "2025-06-01", "BLZELI"},
	{"BOL", "hos", "Luis Arce", "2025-06-01", "BOLGOV"},
	{"BOL", "hos", "Rodrigo Paz", "2025-12-01", "BOLGOV"},
	{"BOL", "", "Luis Arce", "2025-12-01", "BOLELI"},
	{"BOL", "fm", "Celinda Sosa Lunda", "2025-06-01", "BOLGOV"},
	{"BOL", "fm", "Fernando Aramayo", "2025-12-01", "BOLGOV"},
	{"BOL", "", "Celinda Sosa Lunda", "2025-12-01", "BOLELI"},
	{"BRA", "hos", "Luiz Inácio Lula da Silva", "2025-06-01", "BRAGOV"},
	{"BRA", "fm", "Mauro Vieira", "2025-06-01", "BRAGOV"},
	{"CAN", "hog", "Mark Carney", "2025-06-01", "CANGOV"},
	{"CAN", "hog", "Justin Trudeau", "2025-02-01", "CANGOV"},
	{"CAN", "", "Justin Trudeau", "2025-06-01", "CANELI"},
	{"CAN", "hos", "Mary Simon", "2025-06-01", "CANGOV"},
	{"CAN", "fm", "Anita Anand", "2025-06-01", "CANGOV"},
	{"CAN", "fm", "Mélanie Joly", "2025-02-01", "CANGOV"},
	{"CHL", "hos", "Gabriel Boric", "2025-06-01", "CHLGOV"},
	{"CHL", "fm", "Alberto van Klaveren", "2025-06-01", "CHLGOV"},
	{"CHL", "", "José Antonio Kast", "2025-06-01", "CHLOPP"},
	{"CHL", "", "José Antonio Kast", "2026-04-01", "CHLGOV"},
	{"COL", "hos", "Gustavo Petro", "2025-06-01", "COLGOV"},
	{"COL", "fm", "Luis Gilberto Murillo", "2025-01-10", "COLGOV"},
	{"COL", "fm", "Laura Sarabia", "2025-06-01", "COLGOV"},
	{"COL", "fm", "Rosa Villavicencio", "2025-09-01", "COLGOV"},
	{"CRI", "hos", "Rodrigo Chaves", "2025-06-01", "CRIGOV"},
	{"CRI", "fm", "Arnoldo André Tinoco", "2025-06-01", "CRIGOV"},
	{"CUB", "hos", "Miguel Díaz-Canel", "2025-06-01", "CUBGOV"},
	{"CUB", "hog", "Manuel Marrero Cruz", "2025-06-01", "CUBGOV"},
	{"CUB", "fm", "Bruno Rodríguez Parrilla", "2025-06-01", "CUBGOV"},
	{"DMA", "hog", "Roosevelt Skerrit", "2025-06-01", "DMAGOV"},
	{"DMA", "hos", "Sylvanie Burton", "2025-06-01", "DMAGOV"},
	{"DMA", "fm", "Vince Henderson", "2025-06-01", "DMAGOV"},
	{"DOM", "hos", "Luis Abinader", "2025-06-01", "DOMGOV"},
	{"DOM", "fm", "Roberto Álvarez", "2025-06-01", "DOMGOV"},
	{"ECU", "hos", "Daniel Noboa", "2025-06-01", "ECUGOV"},
	{"ECU", "fm", "Gabriela Sommerfeld", "2025-06-01", "ECUGOV"},
	{"SLV", "hos", "Nayib Bukele", "2025-06-01", "SLVGOV"},
	{"SLV", "fm", "Alexandra Hill Tinoco", "2025-06-01", "SLVGOV"},
	{"GRD", "hog", "Dickon Mitchell", "2025-06-01", "GRDGOV"},
	{"GRD", "hos", "Cécile La Grenade", "2025-06-01", "GRDGOV"},
	{"GRD", "fm", "Joseph Andall", "2025-06-01", "GRDGOV"},
	{"GTM", "hos", "Bernardo Arévalo", "2025-06-01", "GTMGOV"},
	{"GTM", "fm", "Carlos Ramiro Martínez", "2025-06-01", "GTMGOV"},
	{"GUY", "hos", "Irfaan Ali", "2025-06-01", "GUYGOV"},
	{"GUY", "hog", "Mark Phillips", "2025-06-01", "GUYGOV"},
	{"GUY", "fm", "Hugh Todd", "2025-06-01", "GUYGOV"},
	{"HTI", "hog", "Alix Didier Fils-Aimé", "2025-06-01", "HTIGOV"},
	{"HTI", "hos", "Fritz Alphonse Jean", "2025-06-01", "HTIGOV"},
	{"HTI", "hos", "Laurent Saint-Cyr", "2025-09-01", "HTIGOV"},
	{"HTI", "fm", "Jean-Victor Harvel Jean-Baptiste", "2025-06-01", "HTIGOV"},
	{"HND", "hos", "Xiomara Castro", "2025-06-01", "HNDGOV"},
	{"HND", "fm", "Eduardo Enrique Reina", "2025-06-01", "HNDGOV"},
	{"HND", "", "Nasry Asfura", "2025-06-01", "HNDPTY"},
	{"HND", "", "Nasry Asfura", "2026-03-01", "HNDGOV"},
	{"HND", "", "Xiomara Castro", "2026-03-01", "HNDELI"},
	{"JAM", "hog", "Andrew Holness", "2025-06-01", "JAMGOV"},
	{"JAM", "hos", "Patrick Allen", "2025-06-01", "JAMGOV"},
	{"JAM", "fm", "Kamina Johnson Smith", "2025-06-01", "JAMGOV"},
	{"MEX", "hos", "Claudia Sheinbaum", "2025-06-01", "MEXGOV"},
	{"MEX", "fm", "Juan Ramón de la Fuente", "2025-06-01", "MEXGOV"},
	{"NIC", "hos", "Daniel Ortega", "2025-06-01", "NICGOV"},
	{"NIC", "hos", "Rosario Murillo", "2025-06-01", "NICGOV"},
	{"NIC", "fm", "Valdrack Jaentschke", "2025-06-01", "NICGOV"},
	{"PAN", "hos", "José Raúl Mulino", "2025-06-01", "PANGOV"},
	{"PAN", "fm", "Javier Martínez-Acha", "2025-06-01", "PANGOV"},
	{"PRY", "hos", "Santiago Peña", "2025-06-01", "PRYGOV"},
	{"PRY", "fm", "Rubén Ramírez Lezcano", "2025-06-01", "PRYGOV"},
	{"PER", "hos", "Dina Boluarte", "2025-06-01", "PERGOV"},
	{"PER", "hos", "José Jerí", "2025-11-01", "PERGOV"},
	{"PER", "", "Dina Boluarte", "2025-11-01", "PERELI"},
	{"PER", "fm", "Elmer Schialer", "2025-06-01", "PERGOV"},
	{"PER", "fm", "Hugo de Zela", "2025-11-01", "PERGOV"},
	{"KNA", "hog", "Terrance Drew", "2025-06-01", "KNAGOV"},
	{"KNA", "hos", "Marcella Liburd", "2025-06-01", "KNAGOV"},
	{"KNA", "fm", "Denzil Douglas", "2025-06-01", "KNAGOV"},
	{"LCA", "hog", "Philip J. Pierre", "2025-06-01", "LCAGOV"},
	{"LCA", "hos", "Errol Charles", "2025-06-01", "LCAGOV"},
	{"LCA", "fm", "Alva Baptiste", "2025-06-01", "LCAGOV"},
	{"VCT", "hog", "Ralph Gonsalves", "2025-06-01", "VCTGOV"},
	{"VCT", "hog", "Godwin Friday", "2025-12-01", "VCTGOV"},
	{"VCT", "", "Ralph Gonsalves", "2025-12-01", "VCTOPP"},
	{"VCT", "hos", "Susan Dougan", "2025-06-01", "VCTGOV"},
	{"VCT", "fm", "Frederick Stephenson", "2025-06-01", "VCTGOV"},
	{"SUR", "hos", "Chan Santokhi", "2025-06-01", "SURGOV"},
	{"SUR", "hos", "Jennifer Geerlings-Simons", "2025-08-01", "SURGOV"},
	{"SUR", "", "Chan Santokhi", "2025-08-01", "SURPTY"},
	{"SUR", "fm", "Albert Ramdin", "2025-03-01", "SURGOV"},
	{"SUR", "", "Albert Ramdin", "2025-06-01", "IGOAMROAS"},
	{"SUR", "fm", "Melvin Bouva", "2025-08-01", "SURGOV"},
	{"TTO", "hog", "Keith Rowley", "2025-02-01", "TTOGOV"},
	{"TTO", "hog", "Stuart Young", "2025-04-01", "TTOGOV"},
	{"TTO", "hog", "Kamla Persad-Bissessar", "2025-06-01", "TTOGOV"},
	{"TTO", "", "Keith Rowley", "2025-06-01", "TTOELI"},
	{"TTO", "hos", "Christine Kangaloo", "2025-06-01", "TTOGOV"},
	{"TTO", "fm", "Amery Browne", "2025-02-01", "TTOGOV"},
	{"TTO", "fm", "Sean Sobers", "2025-06-01", "TTOGOV"},
	{"TTO", "", "Amery Browne", "2025-06-01", "TTOELI"},
	{"USA", "hos", "Donald Trump", "2025-06-01", "USAGOV"},
	{"USA", "fm", "Marco Rubio", "2025-06-01", "USAGOV"},
	{"USA", "fm", "Antony Blinken", "2025-01-15", "USAGOV"},
	{"USA", "", "Antony Blinken", "2025-06-01", "USAELI"},
	{"URY", "hos", "Luis Lacalle Pou", "2025-02-01", "URYGOV"},
	{"URY", "hos", "Yamandú Orsi", "2025-06-01", "URYGOV"},
	{"URY", "", "Luis Lacalle Pou", "2025-06-01", "URYELI"},
	{"URY", "fm", "Omar Paganini", "2025-02-01", "URYGOV"},
	{"URY", "fm", "Mario Lubetkin", "2025-06-01", "URYGOV"},
	{"URY", "", "Omar Paganini", "2025-06-01", "URYELI"},
	{"VEN", "hos", "Nicolás Maduro", "2025-06-01", "VENGOV"},
	{"VEN", "fm", "Yván Gil", "2025-06-01", "VENGOV"},
	// The rest of the G20.
	{"AUS", "hog", "Anthony Albanese", "2025-06-01", "AUSGOV"},
	{"AUS", "hos", "Sam Mostyn", "2025-06-01", "AUSGOV"},
	{"AUS", "fm", "Penny Wong", "2025-06-01", "AUSGOV"},
	{"CHN", "hos", "Xi Jinping", "2025-06-01", "CHNGOV"},
	{"CHN", "hog", "Li Qiang", "2025-06-01", "CHNGOV"},
	{"CHN", "fm", "Wang Yi", "2025-06-01", "CHNGOV"},
	{"FRA", "hos", "Emmanuel Macron", "2025-06-01", "FRAGOV"},
	{"FRA", "hog", "François Bayrou", "2025-06-01", "FRAGOV"},
	{"FRA", "hog", "Sébastien Lecornu", "2025-10-01", "FRAGOV"},
	{"FRA", "", "François Bayrou", "2025-10-01", "FRAPTY"},
	{"FRA", "fm", "Jean-Noël Barrot", "2025-06-01", "FRAGOV"},
	{"DEU", "hos", "Frank-Walter Steinmeier", "2025-06-01", "DEUGOV"},
	{"DEU", "hog", "Olaf Scholz", "2025-03-01", "DEUGOV"},
	{"DEU", "hog", "Friedrich Merz", "2025-06-01", "DEUGOV"},
	{"DEU", "fm", "Annalena Baerbock", "2025-03-01", "DEUGOV"},
	{"DEU", "fm", "Johann Wadephul", "2025-06-01", "DEUGOV"},
	{"DEU", "", "Annalena Baerbock", "2025-10-01", "IGOUNO"},
	{"IND", "hos", "Droupadi Murmu", "2025-06-01", "INDGOV"},
	{"IND", "hog", "Narendra Modi", "2025-06-01", "INDGOV"},
	{"IND", "fm", "Subrahmanyam Jaishankar", "2025-06-01", "INDGOV"},
	{"IDN", "hos", "Prabowo Subianto", "2025-06-01", "IDNGOV"},
	{"IDN", "fm", "Sugiono", "2025-06-01", "IDNGOV"},
	{"IDN", "", "Joko Widodo", "2025-06-01", "IDNELI"},
	{"ITA", "hos", "Sergio Mattarella", "2025-06-01", "ITAGOV"},
	{"ITA", "hog", "Giorgia Meloni", "2025-06-01", "ITAGOV"},
	{"ITA", "fm", "Antonio Tajani", "2025-06-01", "ITAGOV"},
	{"JPN", "hos", "Naruhito", "2025-06-01", "JPNGOV"},
	{"JPN", "hog", "Shigeru Ishiba", "2025-06-01", "JPNGOV"},
	{"JPN", "hog", "Sanae Takaichi", "2025-11-01", "JPNGOV"},
	{"JPN", "", "Sanae Takaichi", "2025-06-01", "JPNLEG"},
	{"JPN", "fm", "Takeshi Iwaya", "2025-06-01", "JPNGOV"},
	{"JPN", "fm", "Toshimitsu Motegi", "2025-11-01", "JPNGOV"},
	{"RUS", "hos", "Vladimir Putin", "2025-06-01", "RUSGOV"},
	{"RUS", "hog", "Mikhail Mishustin", "2025-06-01", "RUSGOV"},
	{"RUS", "fm", "Sergey Lavrov", "2025-06-01", "RUSGOV"},
	{"SAU", "hos", "King Salman", "2025-06-01", "SAUGOV"},
	{"SAU", "hog", "Mohammed bin Salman", "2025-06-01", "SAUGOV"},
	{"SAU", "fm", "Faisal bin Farhan", "2025-06-01", "SAUGOV"},
	{"ZAF", "hos", "Cyril Ramaphosa", "2025-06-01", "ZAFGOV"},
	{"ZAF", "fm", "Ronald Lamola", "2025-06-01", "ZAFGOV"},
	{"KOR", "hos", "Yoon Suk Yeol", "2025-03-01", "KORGOV"},
	{"KOR", "hos", "Lee Ju-ho", "2025-06-01", "KORGOV"},
	{"KOR", "hos", "Lee Jae-myung", "2025-06-10", "KORGOV"},
	{"KOR", "", "Yoon Suk Yeol", "2025-06-01", "KORELI"},
	{"KOR", "hog", "Han Duck-soo", "2025-04-15", "KORGOV"},
	{"KOR", "hog", "Kim Min-seok", "2025-08-01", "KORGOV"},
	{"KOR", "fm", "Cho Tae-yul", "2025-06-01", "KORGOV"},
	{"KOR", "fm", "Cho Hyun", "2025-08-01", "KORGOV"},
	{"TUR", "hos", "Recep Tayyip Erdoğan", "2025-06-01", "TURGOV"},
	{"TUR", "fm", "Hakan Fidan", "2025-06-01", "TURGOV"},
	{"GBR", "hos", "Charles III", "2025-06-01", "GBRGOV"},
	{"GBR", "hog", "Keir Starmer", "2025-06-01", "GBRGOV"},
	{"GBR", "fm", "David Lammy", "2025-06-01", "GBRGOV"},
	{"GBR", "fm", "Yvette Cooper", "2025-10-01", "GBRGOV"},
	// The EU and the African Union.
	{"EU", "hos", "António Costa", "2025-06-01", "IGOEUREEC"},
	{"EU", "hog", "Ursula von der Leyen", "2025-06-01", "IGOEUREEC"},
	{"EU", "fm", "Kaja Kallas", "2025-06-01", "IGOEUREEC"},
	{"EU", "", "Josep Borrell", "2025-06-01", "ESPELI"},
	{"AU", "hog", "Moussa Faki Mahamat", "2025-01-15", "IGOAFRAFU"},
	{"AU", "hog", "Mahmoud Ali Youssouf", "2025-06-01", "IGOAFRAFU"},
	{"AU", "", "Moussa Faki Mahamat", "2025-06-01", "TCDELI"},
}

// officeCode is the code an office holder of country holds.
func officeCode(country string) string {
	switch country {
	case "EU":
		return "IGOEUREEC"
	case "AU":
		return "IGOAFRAFU"
	}
	return country + "GOV"
}

// TestBuiltinOfficeHolders resolves each listed office holder by name, in a
// sentence, on the listed date (TestBuiltinCoverage checks that the list
// covers every country it must).
func TestBuiltinOfficeHolders(t *testing.T) {
	d := builtin(t)
	for _, tc := range officeHolders {
		t.Run(tc.country+"/"+tc.name+"/"+tc.date, func(t *testing.T) {
			if tc.office != "" && tc.code != officeCode(tc.country) {
				t.Fatalf("table error: %s office %q has code %s, want %s", tc.name, tc.office, tc.code, officeCode(tc.country))
			}
			s := sentence(tc.name + " spoke to reporters on Monday.")
			a, b := findPhrase(t, s, tc.name)
			r, ok := d.ResolveMatch(s, a, b, tc.date)
			if !ok {
				t.Fatalf("Resolve(%q) on %s found nothing, want %s", tc.name, tc.date, tc.code)
			}
			if r.Name != tc.name {
				t.Errorf("Resolve(%q).Name = %q, want the person listed", tc.name, r.Name)
			}
			if r.Code != tc.code {
				t.Errorf("Resolve(%q) on %s = %s, want %s", tc.name, tc.date, r.Code, tc.code)
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
