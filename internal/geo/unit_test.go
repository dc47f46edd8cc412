package geo

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/klauspost/compress/zstd"
)

func gz(t testing.TB, s string) []byte {
	t.Helper()
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	return enc.EncodeAll([]byte(s), nil)
}

// tinyGazetteer is a hand-written gazetteer in the embedded format.
const tinyGazetteer = "# test\n" +
	"C\tFR\tFRA\tFrance\t46\t2\t3017382\t60000000\tParis\tFrench Republic\tFrench\tBEL|DEU\n" +
	"C\tUS\tUSA\tUnited States\t38\t-97\t6252001\t300000000\tWashington D.C.\tUS|America\tAmerican\tCAN|MEX\n" +
	"A\tUS\tTX\tTexas\t31\t-99\t4736286\t25000000\t\n" +
	"A\tFR\t11\tÎle-de-France\t48.7\t2.5\t3012874\t12000000\tIle-de-France Region\n" +
	"P\t2988507\tParis\t48.8534\t2.3488\tPPLC\tFR\t11\t2138551\tparigi|lutetia\n" +
	"P\t4717560\tParis\t33.6609\t-95.5555\tPPLA2\tUS\tTX\t24782\t\n"

func TestLoad(t *testing.T) {
	g, err := Load(bytes.NewReader(gz(t, tinyGazetteer)))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if g.Len() != 6 {
		t.Errorf("Len = %d, want 6", g.Len())
	}
	got := g.Lookup("Paris")
	if len(got) != 2 || got[0].Country != "FRA" || got[1].Country != "USA" || got[1].Admin1 != "Texas" {
		t.Errorf("Lookup(Paris) = %+v, want France then Texas", got)
	}
	if got := g.Lookup("Parigi"); len(got) != 1 || got[0].GeoID != 2988507 {
		t.Errorf("Lookup(Parigi) = %+v, want the French capital by alternate name", got)
	}
	if got := g.Lookup("Ile de France"); len(got) != 1 || got[0].Feature != FeatureAdmin1 {
		t.Errorf("Lookup(Ile de France) = %+v, want the admin area", got)
	}
	if c, ok := g.Demonym("Americans"); !ok || c != "USA" {
		t.Errorf("Demonym(Americans) = %q, %v", c, ok)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"not zstd", "plain text", "open gazetteer"},
		{"short country", "C\tFR\tFRA\n", "country record"},
		{"bad coordinates", "C\tFR\tFRA\tFrance\tx\t2\t1\t1\tParis\t\t\t\n", "coordinates"},
		{"out of range", "C\tFR\tFRA\tFrance\t146\t2\t1\t1\tParis\t\t\t\n", "out of range"},
		{"admin before country", "A\tUS\tTX\tTexas\t31\t-99\t1\t1\t\n", "unknown country"},
		{"unknown kind", "X\tfoo\n", "unknown kind"},
		{"no countries", "# empty\n", "no countries"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.data)
			if tc.name != "not zstd" {
				data = gz(t, tc.data)
			}
			_, err := Load(bytes.NewReader(data))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestBuiltinLookups(t *testing.T) {
	g := builtin(t)
	t.Run("Albany is never Albania", func(t *testing.T) {
		for _, p := range g.Lookup("Albany") {
			if p.Country == "ALB" {
				t.Errorf("Lookup(Albany) includes %+v", p)
			}
		}
		if got := g.Lookup("Albania"); len(got) == 0 || got[0].Country != "ALB" {
			t.Errorf("Lookup(Albania) = %+v, want the country first", got)
		}
	})
	countries := []struct{ in, want string }{
		{"SV", "SLV"}, {"slv", "SLV"}, {"El Salvador", "SLV"}, {"the United States", "USA"},
		{"Britain", "GBR"}, {"Türkiye", "TUR"}, {"Turkey", "TUR"}, {"Ivory Coast", "CIV"}, {"Kosovo", "XKX"},
	}
	for _, tc := range countries {
		t.Run("country "+tc.in, func(t *testing.T) {
			p, ok := g.Country(tc.in)
			if !ok || p.Country != tc.want || p.Resolution != FeatureCountry {
				t.Errorf("Country(%q) = %+v, %v; want %s", tc.in, p, ok, tc.want)
			}
		})
	}
	t.Run("codes", func(t *testing.T) {
		ps := g.Lookup("Atlanta")
		iso2, fips, admin1, ok := g.Codes(ps[0])
		if !ok || iso2 != "US" || fips != "US" || admin1 != "GA" {
			t.Errorf("Codes(Atlanta) = %q %q %q %v", iso2, fips, admin1, ok)
		}
		de, _ := g.Country("DEU")
		if iso2, fips, _, ok := g.Codes(de); !ok || iso2 != "DE" || fips != "GM" {
			t.Errorf("Codes(Germany) = %q %q %v, want DE GM", iso2, fips, ok)
		}
		if _, _, _, ok := g.Codes(chronicle.Place{Name: "x", Resolution: ResolutionUnknown}); ok {
			t.Error("Codes of an unknown place reported ok")
		}
	})
	demonyms := []struct{ in, want string }{
		{"Salvadoran", "SLV"}, {"Salvadorans", "SLV"}, {"Ukrainian", "UKR"}, {"British", "GBR"},
		{"Dominican", "DOM"}, {"Saudi", "SAU"}, {"Emirati", "ARE"}, {"Georgian", "GEO"}, {"Filipino", "PHL"},
	}
	for _, tc := range demonyms {
		t.Run("demonym "+tc.in, func(t *testing.T) {
			if c, ok := g.Demonym(tc.in); !ok || c != tc.want {
				t.Errorf("Demonym(%q) = %q, %v; want %s", tc.in, c, ok, tc.want)
			}
		})
	}
	for _, w := range []string{"Salvador", "table", "", "Paris"} {
		if c, ok := g.Demonym(w); ok {
			t.Errorf("Demonym(%q) = %q, want no country", w, c)
		}
	}
	if _, ok := g.Country("Atlantis"); ok {
		t.Error("Country(Atlantis) found a country")
	}
}

func TestNormKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Córdoba", "cordoba"},
		{"Port-au-Prince", "port au prince"},
		{"U.S.", "us"},
		{"the United  States", "united states"},
		{"Côte d’Ivoire", "cote d'ivoire"},
		{"SAN SALVADOR", "san salvador"},
		{"Brasília", "brasilia"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := NormKey(tc.in); got != tc.want {
				t.Errorf("NormKey(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// doc builds a one-document corpus from annotated lines (helper_test.go).
func doc(t *testing.T, lines ...string) *testDoc {
	t.Helper()
	td := &testDoc{doc: &chronicle.Document{ID: t.Name()}}
	for i, l := range lines {
		addSentence(t, td, l, t.Name(), i+1)
	}
	return td
}

func TestAnnotateCases(t *testing.T) {
	g := builtin(t)
	tests := []struct {
		name  string
		lines []string
		// want lists "text=CTY/Name/feature" for each place in order.
		want []string
	}{
		{"acronym only in capitals", []string{"Tell us what the US said."}, []string{"US=USA/United States/country"}},
		{"no match inside a name", []string{"Andrew Jackson spoke to Nice Guy Records."}, nil},
		{"sentence-initial function word", []string{"In Kyiv, sirens sounded."}, []string{"Kyiv=UKR/Kyiv/city"}},
		{"Washington state cue", []string{"Fires burned in [Washington|USA] state."}, []string{"Washington=USA/Washington/admin1"}},
		{"New York is the city", []string{"Rents rose in [New York|USA]."}, []string{"New York=USA/New York City/city"}},
		{"state of New York", []string{"Snow fell across the state of [New York|USA]."}, []string{"New York=USA/New York/admin1"}},
		{"qualified by abbreviation", []string{"A fire hit [Paris, Tenn.|USA]."}, []string{"Paris=USA/Paris/city", "Tenn.=USA/Tennessee/admin1"}},
		{"unknown kept", []string{"Shots were fired near [LOC:Wexmoor Pass|-]."}, []string{"Wexmoor Pass=/Wexmoor Pass/"}},
		{"demonym entity is no place", []string{"The [Salvadoran|-] envoy left."}, nil},
		{"initials match only acronyms", []string{"The [U.N.|-] and the [US|USA] met."}, []string{"U.N.=/U.N./", "US=USA/United States/country"}},
		{"landmark whatever its label", []string{"The [White House|USA] said so."}, []string{"White House=USA/Washington/city"}},
		{"continent is a region", []string{"Aid reached [LOC:Africa|-]."}, []string{"Africa=/Africa/region"}},
		{"nationality adjective is no country", []string{"The [Thai|-] government agreed."}, nil},
		{"weak preposition before a person", []string{"No relation to [PERSON:Albert|-] Gee."}, nil},
		{"landmark stands for its city", []string{"Aides at the [FAC:White House|USA] said [Moscow|RUS] had replied."}, []string{"White House=USA/Washington/city", "Moscow=RUS/Moscow/city"}},
		{"small town named like a landmark", []string{"Guards stood at [FAC:Hilltop Prison|-]."}, []string{"Hilltop Prison=/Hilltop Prison/"}},
		{"exonym beats a small namesake", []string{"[U.S.|USA] and [NORP:Iranian|-] envoys met in [Geneva|CHE]."}, []string{"U.S.=USA/United States/country", "Geneva=CHE/Genève/city"}},
		{"surname is no old city name", []string{"Officials including Wei Cheng arrived."}, nil},
		{"recogniser span runs on", []string{"The [U.S. presence|USA] grew."}, []string{"U.S.=USA/United States/country"}},
		{"month is no place", []string{"It ended in [January|-]."}, nil},
		{"compass word is no admin area", []string{"Rain fell in the [LOC:East|-]."}, nil},
		{"person label in a locative phrase", []string{"Roads were cut in [PERSON:Santa Cruz|BOL], [Bolivia|BOL]."}, []string{"Santa Cruz=BOL/Santa Cruz de la Sierra/city", "Bolivia=BOL/Bolivia/country"}},
		{"person label without place context", []string{"[PERSON:Victoria|-] said no."}, nil},
		{"coordinated with a place", []string{"Votes were counted in [Jakarta|IDN] and [PERSON:Surabaya|IDN]."}, []string{"Jakarta=IDN/Jakarta/city", "Surabaya=IDN/Surabaya/city"}},
		{"nationality label on a country", []string{"The [NORP:Dominican Republic|DOM] voted."}, []string{"Dominican Republic=DOM/Dominican Republic/country"}},
		{"recogniser stops before a connector", []string{"Fire spread to [LOC:Viña|CHL] del Mar."}, []string{"Viña del Mar=CHL/Viña del Mar/city"}},
		{"dateline split by the recogniser", []string{"[PERSON:SAN|SLV] SALVADOR, [El Salvador|SLV] — Rain fell."}, []string{"SAN SALVADOR=SLV/San Salvador/city", "El Salvador=SLV/El Salvador/country"}},
		{"recogniser stops short", []string{"A ferry sailed to [ORG:Port|EGY] Said."}, []string{"Port Said=EGY/Port Said/city"}},
		{"possessive trimmed", []string{"[Georgia|GEO]'s capital, [Tbilisi|GEO], was quiet."}, []string{"Georgia=GEO/Georgia/country", "Tbilisi=GEO/Tbilisi/city"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			td := doc(t, tc.lines...)
			if err := g.Annotate(context.Background(), td.doc); err != nil {
				t.Fatalf("Annotate: %v", err)
			}
			var got []string
			for _, p := range td.doc.Places {
				if td.doc.Text[p.Start:p.End] != p.Text {
					t.Errorf("place %q has offsets %d-%d (%q)", p.Text, p.Start, p.End, td.doc.Text[p.Start:p.End])
				}
				got = append(got, p.Text+"="+p.Country+"/"+p.Name+"/"+p.Feature)
			}
			if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
				t.Errorf("places = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestActorCodedPlace(t *testing.T) {
	g := builtin(t)
	td := doc(t, "[PERSON:San José|CRI] hosted the summit.")
	td.doc.Entities[0].Country = "CRI" // as the actor stage codes it
	if err := g.Annotate(context.Background(), td.doc); err != nil {
		t.Fatal(err)
	}
	if len(td.doc.Places) != 1 || td.doc.Places[0].Country != "CRI" {
		t.Errorf("places = %+v, want San José, Costa Rica", td.doc.Places)
	}
	td = doc(t, "[PERSON:San José|-] hosted the summit.")
	if err := g.Annotate(context.Background(), td.doc); err != nil {
		t.Fatal(err)
	}
	if len(td.doc.Places) != 0 {
		t.Errorf("places = %+v, want none for an uncoded person", td.doc.Places)
	}
}

func TestAnnotateBadInput(t *testing.T) {
	g := builtin(t)
	if err := g.Annotate(context.Background(), nil); chronicle.ErrorCode(err) != chronicle.EInvalid {
		t.Errorf("Annotate(nil) = %v, want an %s error", err, chronicle.EInvalid)
	}
	var zero Gazetteer
	if err := zero.Annotate(context.Background(), &chronicle.Document{ID: "x"}); err == nil {
		t.Error("Annotate on an unloaded gazetteer gave no error")
	}
	d := &chronicle.Document{ID: "bad", Text: "Kyiv", Sentences: []chronicle.Sentence{{Start: 0, End: 4, Tokens: []chronicle.Token{{Text: "Kyiv", Start: 0, End: 4}}}},
		Entities: []chronicle.Entity{{Text: "Kyiv", Type: "GPE", Start: 2, End: 99, Sentence: 0}, {Text: "x", Type: "GPE", Start: 0, End: 4, Sentence: 7}}}
	if err := g.Annotate(context.Background(), d); err != nil {
		t.Fatalf("Annotate with out-of-range entities: %v", err)
	}
	if len(d.Places) != 1 || d.Places[0].Country != "UKR" {
		t.Errorf("places = %+v, want Kyiv found by the gazetteer alone", d.Places)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := g.Annotate(ctx, doc(t, "Troops left [Kyiv|UKR].").doc); !errors.Is(err, context.Canceled) {
		t.Errorf("Annotate with a cancelled context = %v, want context.Canceled", err)
	}
	if p := g.EventLocation(nil, 0, 0); p != nil {
		t.Errorf("EventLocation(nil) = %+v", p)
	}
	if p := g.EventLocation(d, 5, 0); p != nil {
		t.Errorf("EventLocation(bad sentence) = %+v", p)
	}
}

// parsed builds a sentence with a dependency parse: each token is
// "word/head/deprel" with a 1-based head.
func parsed(t *testing.T, g *Gazetteer, entities [][2]int, toks ...string) *chronicle.Document {
	t.Helper()
	d := &chronicle.Document{ID: t.Name()}
	var s chronicle.Sentence
	for i, tk := range toks {
		parts := strings.Split(tk, "/")
		if len(parts) != 3 {
			t.Fatalf("token %q is not word/head/deprel", tk)
		}
		if i > 0 {
			d.Text += " "
		}
		start := len(d.Text)
		d.Text += parts[0]
		var head int
		for _, c := range parts[1] {
			head = head*10 + int(c-'0')
		}
		s.Tokens = append(s.Tokens, chronicle.Token{Text: parts[0], Start: start, End: len(d.Text), Head: head, DepRel: parts[2]})
	}
	s.End = len(d.Text)
	d.Sentences = []chronicle.Sentence{s}
	for _, e := range entities {
		d.Entities = append(d.Entities, chronicle.Entity{Type: "GPE", Start: s.Tokens[e[0]].Start, End: s.Tokens[e[1]-1].End,
			Text: d.Text[s.Tokens[e[0]].Start:s.Tokens[e[1]-1].End], TokStart: e[0], TokEnd: e[1]})
	}
	if err := g.Annotate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestEventLocationParsed(t *testing.T) {
	g := builtin(t)
	// The parse alone must find "in the northern city of Irbil": no surface
	// fallback may answer for it.
	d := parsed(t, g, [][2]int{{7, 8}}, "Drones/2/nsubj", "struck/0/root", "in/6/case", "the/6/det", "northern/6/amod", "city/2/obl", "of/8/case", "Irbil/6/nmod")
	var inSent []int
	for i := range d.Places {
		inSent = append(inSent, i)
	}
	if p := g.byParse(d, &d.Sentences[0], 1, inSent); p == nil || p.Name != "Erbil" {
		t.Errorf("byParse = %s, want Erbil", describe(p))
	}
	d = parsed(t, g, [][2]int{{2, 3}}, "Envoys/2/nsubj", "left/0/root", "Oslo/2/obl")
	if p := g.byParse(d, &d.Sentences[0], 1, []int{0}); p != nil {
		t.Errorf("byParse without a preposition = %s, want nil", describe(p))
	}
	testEventLocationParsed(t, g)
}

func testEventLocationParsed(t *testing.T, g *Gazetteer) {
	tests := []struct {
		name     string
		entities [][2]int
		toks     []string
		trigger  int
		want     string // Name, or "" for nil
	}{
		{
			// Attached to "said", not to "met": the parse puts the meeting in Lima.
			name:     "attachment beats distance",
			entities: [][2]int{{5, 6}, {10, 11}},
			toks: []string{"Ministers/2/nsubj", "met/0/root", "on/4/case", "Monday/2/obl", "in/6/case", "Lima/2/obl",
				",/9/punct", "officials/9/nsubj", "said/2/parataxis", "in/11/case", "Bogotá/9/obl"},
			trigger: 1, want: "Lima",
		},
		{
			name:     "through the noun phrase",
			entities: [][2]int{{7, 8}},
			toks: []string{"Drones/2/nsubj", "struck/0/root", "in/6/case", "the/6/det", "northern/6/amod", "city/2/obl",
				"of/8/case", "Irbil/6/nmod"},
			trigger: 1, want: "Erbil",
		},
		{
			name:     "noun trigger",
			entities: [][2]int{{4, 5}},
			toks:     []string{"a/2/det", "meeting/0/root", "was/2/cop", "in/5/case", "Brasília/2/nmod"},
			trigger:  1, want: "Brasília",
		},
		{
			name:     "object of visit",
			entities: [][2]int{{2, 3}},
			toks:     []string{"Blinken/2/nsubj", "visited/0/root", "Kyiv/2/obj"},
			trigger:  1, want: "Kyiv",
		},
		{
			name:     "other clause falls back to sentence place",
			entities: [][2]int{{5, 6}},
			toks:     []string{"Talks/2/nsubj", "ended/0/root", ",/4/punct", "envoys/2/parataxis", "from/6/case", "Oslo/4/nmod"},
			trigger:  1, want: "Oslo",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := parsed(t, g, tc.entities, tc.toks...)
			got := g.EventLocation(d, 0, tc.trigger)
			switch {
			case tc.want == "" && got != nil:
				t.Errorf("EventLocation = %s, want nil", describe(got))
			case tc.want != "" && (got == nil || got.Name != tc.want):
				t.Errorf("EventLocation = %s, want %s (places %+v)", describe(got), tc.want, d.Places)
			}
		})
	}
}

// TestScanAfterRecogniser checks that gazetteer matching is stricter where
// the recogniser ran and saw no entity.
func TestScanAfterRecogniser(t *testing.T) {
	g := builtin(t)
	tests := []struct {
		name, line string
		want       string
	}{
		{"big city kept", "Ministers met in Jakarta on Monday.", "Jakarta"},
		{"country kept", "Ministers met in Peru on Monday.", "Peru"},
		{"small town dropped", "Ministers met Roy on Monday.", ""},
		{"mid-size city after a preposition kept", "Ministers met in Spokane on Monday.", "Spokane"},
		{"mid-size city elsewhere dropped", "Spokane officials met on Monday.", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			td := doc(t, tc.line)
			for i := range td.doc.Sentences[0].Tokens {
				td.doc.Sentences[0].Tokens[i].NER = "O"
			}
			if err := g.Annotate(context.Background(), td.doc); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range td.doc.Places {
				got = append(got, p.Text)
			}
			if strings.Join(got, ",") != tc.want {
				t.Errorf("places = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestGDELTGeoType(t *testing.T) {
	tests := []struct {
		name string
		p    chronicle.Place
		want int
	}{
		{"country", chronicle.Place{Country: "UKR", Resolution: FeatureCountry}, 1},
		{"US state", chronicle.Place{Country: "USA", Resolution: FeatureAdmin1}, 2},
		{"US city", chronicle.Place{Country: "USA", Resolution: FeatureCity}, 3},
		{"world city", chronicle.Place{Country: "SLV", Resolution: FeatureCity}, 4},
		{"world state", chronicle.Place{Country: "UKR", Resolution: FeatureAdmin1}, 5},
		{"unknown", chronicle.Place{Resolution: ResolutionUnknown}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := GDELTGeoType(tc.p); got != tc.want {
				t.Errorf("GDELTGeoType = %d, want %d", got, tc.want)
			}
		})
	}
}
