package actor

import (
	"testing"
)

func TestResolve(t *testing.T) {
	d := builtin(t)
	tests := []struct {
		name     string
		sentence string
		phrase   string // the noun phrase to resolve; "" for none expected
		date     string
		code     string
		country  string
		sector   string
		actor    string // canonical name, when checked
	}{
		{"person full name", "Marco Rubio arrived in the capital on Monday.", "Marco Rubio", "2025-02-03", "USAGOV", "USA", "GOV", "Marco Rubio"},
		{"person before office", "Marco Rubio criticised the deal.", "Marco Rubio", "2023-05-10", "USALEG", "USA", "LEG", "Marco Rubio"},
		{"title and name", "Secretary of State Marco Rubio met the minister.", "Secretary of State Marco Rubio", "2025-02-03", "USAGOV", "USA", "GOV", "Marco Rubio"},
		{"short name", "Bukele said the prisons were full.", "Bukele", "2025-02-03", "SLVGOV", "SLV", "GOV", "Nayib Bukele"},
		{"accents folded", "Nicolas Maduro spoke for two hours.", "Nicolas Maduro", "2025-01-10", "VENGOV", "VEN", "GOV", "Nicolás Maduro"},
		{"country", "El Salvador agreed to take the deportees.", "El Salvador", "2025-02-03", "SLV", "SLV", "", "El Salvador"},
		{"capital metonym", "Caracas rejected the claim.", "Caracas", "2025-02-03", "VENGOV", "VEN", "GOV", ""},
		{"two-word capital", "San Salvador welcomed the visit.", "San Salvador", "2025-02-03", "SLVGOV", "SLV", "GOV", ""},
		{"Washington", "Washington imposed new tariffs.", "Washington", "2025-02-03", "USAGOV", "USA", "GOV", ""},
		{"adjective and agent", "Salvadoran police arrested the suspects.", "Salvadoran police", "2025-02-03", "SLVCOP", "SLV", "COP", ""},
		{"US leader", "The meeting was requested by the US leader last week.", "the US leader", "2025-02-03", "USAGOV", "USA", "GOV", ""},
		{"dotted US", "The U.S. military struck a boat.", "The U.S. military", "2025-09-03", "USAMIL", "USA", "MIL", ""},
		{"gang members", "Venezuelan gang members were sent to the prison.", "Venezuelan gang members", "2025-03-20", "VENCRM", "VEN", "CRM", ""},
		{"the Salvadoran president", "The Salvadoran president offered to help.", "The Salvadoran president", "2025-02-03", "SLVGOV", "SLV", "GOV", ""},
		{"special forces", "Iraqi special forces stormed the building.", "Iraqi special forces", "2024-06-01", "IRQMIL", "IRQ", "MIL", ""},
		{"human rights groups", "Human rights groups condemned the law.", "Human rights groups", "2025-02-03", "NGOHRI", "", "HRI", ""},
		{"national rights group", "Salvadoran human rights groups condemned the law.", "Salvadoran human rights groups", "2025-02-03", "SLVHRI", "SLV", "HRI", ""},
		{"activists", "Activists marched through the city.", "Activists", "2025-02-03", "---CVL", "", "CVL", ""},
		{"migrants", "Migrants waited at the border.", "Migrants", "2025-02-03", "---REF", "", "REF", ""},
		{"protesters", "Protesters blocked the road.", "Protesters", "2025-02-03", "---OPP", "", "OPP", ""},
		{"UN", "The UN called for calm.", "The UN", "2025-02-03", "IGOUNO", "", "IGO", "United Nations"},
		{"United Nations", "The United Nations called for calm.", "The United Nations", "2025-02-03", "IGOUNO", "", "IGO", "United Nations"},
		{"NATO", "NATO allies met in Brussels.", "NATO allies", "2025-02-03", "IGOWSTNAT", "", "IGO", "NATO"},
		{"possessive government", "Venezuela's government denied it.", "Venezuela's government", "2025-02-03", "VENGOV", "VEN", "GOV", ""},
		{"government of person", "The government of Nicolás Maduro denied it.", "The government of Nicolás Maduro", "2025-02-03", "VENGOV", "VEN", "GOV", ""},
		{"president of country", "The president of Mexico spoke.", "The president of Mexico", "2025-02-03", "MEXGOV", "MEX", "GOV", ""},
		{"members of gang", "Members of MS-13 were arrested.", "Members of MS-13", "2025-02-03", "SLVCRM", "SLV", "CRM", "MS-13"},
		{"armed group", "Tren de Aragua was designated a terrorist group.", "Tren de Aragua", "2025-02-20", "VENCRM", "VEN", "CRM", "Tren de Aragua"},
		{"Taliban before 2021", "The Taliban attacked the base.", "The Taliban", "2019-05-01", "AFGREB", "AFG", "REB", "Taliban"},
		{"Taliban after 2021", "The Taliban met the envoy.", "The Taliban", "2023-05-01", "AFGGOV", "AFG", "GOV", "Taliban"},
		{"Zelensky spelling", "Zelensky thanked the allies.", "Zelensky", "2025-02-03", "UKRGOV", "UKR", "GOV", "Volodymyr Zelenskyy"},
		{"Trump administration", "The Trump administration sent the migrants.", "The Trump administration", "2025-03-16", "USAGOV", "USA", "GOV", ""},
		{"envoy", "US envoy Mauricio Claver-Carone is set to meet the president.", "US envoy Mauricio Claver-Carone", "2025-01-31", "USAGOV", "USA", "GOV", "Mauricio Claver-Carone"},
		{"Carney after", "Mark Carney met Keir Starmer.", "Mark Carney", "2025-06-01", "CANGOV", "CAN", "GOV", "Mark Carney"},
		{"Trudeau after", "Justin Trudeau spoke at the event.", "Justin Trudeau", "2025-06-01", "CANELI", "CAN", "ELI", "Justin Trudeau"},
		{"Trudeau before", "Justin Trudeau spoke at the event.", "Justin Trudeau", "2024-06-01", "CANGOV", "CAN", "GOV", "Justin Trudeau"},
		{"Merz before", "Friedrich Merz attacked the plan.", "Friedrich Merz", "2024-06-01", "DEUOPP", "DEU", "OPP", "Friedrich Merz"},
		{"Merz after", "Friedrich Merz attacked the plan.", "Friedrich Merz", "2025-06-01", "DEUGOV", "DEU", "GOV", "Friedrich Merz"},
		{"Biden after", "Joe Biden spoke.", "Joe Biden", "2025-06-01", "USAELI", "USA", "ELI", "Joe Biden"},
		{"Trump first term", "Donald Trump spoke.", "Donald Trump", "2019-06-01", "USAGOV", "USA", "GOV", "Donald Trump"},
		{"Trump between terms", "Donald Trump spoke.", "Donald Trump", "2022-06-01", "USAELI", "USA", "ELI", "Donald Trump"},
		{"no date is latest", "Donald Trump spoke.", "Donald Trump", "", "USAGOV", "USA", "GOV", "Donald Trump"},
		{"pronoun us is not USA", "They told us nothing.", "us", "2025-02-03", "", "", "", ""},
		{"person named like a country", "Chad Wolf testified on Tuesday.", "Chad Wolf", "2020-02-03", "", "", "", ""},
		{"newspaper named like a capital", "The Washington Post reported it.", "The Washington Post", "2025-02-03", "", "", "", ""},
		{"unknown phrase", "The weather was cold.", "The weather", "2025-02-03", "", "", "", ""},
		{"agent without country", "Police said three people died.", "Police", "2025-02-03", "---COP", "", "COP", ""},
		{"officials", "Salvadoran officials praised the agreement.", "Salvadoran officials", "2025-02-03", "SLVGOV", "SLV", "GOV", ""},
		{"demonym plural", "Venezuelans waited for news.", "Venezuelans", "2025-02-03", "VEN", "VEN", "", "Venezuela"},
		{"IGO leader", "UN Secretary-General António Guterres urged restraint.", "UN Secretary-General António Guterres", "2025-02-03", "IGOUNO", "", "IGO", "António Guterres"},
		{"Hamas fighters", "Hamas fighters fired rockets.", "Hamas fighters", "2024-02-03", "PSEREBHMS", "PSE", "REB", "Hamas"},
		{"Islamic State", "Islamic State claimed the attack.", "Islamic State", "2024-02-03", "IMGMOSISI", "", "IMG", "Islamic State"},
		{"former holder", "A former Salvadoran president was arrested.", "A former Salvadoran president", "2025-02-03", "SLVELI", "SLV", "ELI", ""},
		{"coordinated modifiers", "The tired and angry Mexican officials left.", "The tired and angry Mexican officials", "2025-02-03", "MEXGOV", "MEX", "GOV", ""},
		{"relative with a known surname", "Ivanka Trump spoke.", "Ivanka Trump", "2025-02-03", "", "", "", ""},
		{"building named for a person", "Trump Tower was closed.", "Trump Tower", "2025-02-03", "", "", "", ""},
		{"after an opening quote and adverb", "\"Later Rubio left,\" she said.", "Rubio", "2025-02-03", "USAGOV", "USA", "GOV", "Marco Rubio"},
		{"honorific", "Mr. Rubio declined to comment.", "Mr. Rubio", "2025-02-03", "USAGOV", "USA", "GOV", "Marco Rubio"},
		{"pointer word after an agent", "The Colombian army chief resigned.", "The Colombian army chief", "2025-02-03", "COLMIL", "COL", "MIL", ""},
		{"headline capitals", "BUKELE MEETS RUBIO", "BUKELE", "2025-02-03", "SLVGOV", "SLV", "GOV", "Nayib Bukele"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := sentence(tc.sentence)
			a, b := findPhrase(t, s, tc.phrase)
			r, ok := d.ResolveMatch(s, a, b, tc.date)
			if tc.code == "" {
				if ok {
					t.Fatalf("Resolve(%q) = %+v, want no actor", tc.phrase, r.ActorRef)
				}
				return
			}
			if !ok {
				t.Fatalf("Resolve(%q) found nothing, want %s", tc.phrase, tc.code)
			}
			if r.Code != tc.code || r.Country != tc.country || r.Sector != tc.sector {
				t.Errorf("Resolve(%q) = code %q country %q sector %q, want %q %q %q", tc.phrase, r.Code, r.Country, r.Sector, tc.code, tc.country, tc.sector)
			}
			if tc.actor != "" && r.Name != tc.actor {
				t.Errorf("Resolve(%q).Name = %q, want %q", tc.phrase, r.Name, tc.actor)
			}
			if r.Start != s.Tokens[a].Start && r.Start != s.Tokens[a+1].Start {
				t.Errorf("Resolve(%q).Start = %d, want %d", tc.phrase, r.Start, s.Tokens[a].Start)
			}
			if r.End != s.Tokens[b-1].End {
				t.Errorf("Resolve(%q).End = %d, want %d", tc.phrase, r.End, s.Tokens[b-1].End)
			}
			if r.Text == "" || tc.sentence[r.Start:r.End] != r.Text {
				t.Errorf("Resolve(%q).Text = %q, want the text at %d:%d (%q)", tc.phrase, r.Text, r.Start, r.End, tc.sentence[r.Start:r.End])
			}
		})
	}
}

func TestResolveAll(t *testing.T) {
	d := builtin(t)
	tests := []struct {
		name, sentence, phrase, date string
		codes                        []string
		texts                        []string
	}{
		{"adjectives share the agent", "Salvadoran and Guatemalan officials met.", "Salvadoran and Guatemalan officials", "2025-02-03",
			[]string{"SLVGOV", "GTMGOV"}, []string{"Salvadoran", "Guatemalan"}},
		{"agent before the list", "The ambassadors of Mexico, Peru and Chile left.", "The ambassadors of Mexico, Peru and Chile", "2025-02-03",
			[]string{"MEXGOV", "PERGOV", "CHLGOV"}, []string{"Mexico", "Peru", "Chile"}},
		{"people", "Marco Rubio and Nayib Bukele met.", "Marco Rubio and Nayib Bukele", "2025-02-03",
			[]string{"USAGOV", "SLVGOV"}, []string{"Marco Rubio", "Nayib Bukele"}},
		{"single actor", "Salvadoran police arrived.", "Salvadoran police", "2025-02-03",
			[]string{"SLVCOP"}, []string{"Salvadoran police"}},
		{"nothing", "The weather was cold.", "The weather", "2025-02-03", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := sentence(tc.sentence)
			a, b := findPhrase(t, s, tc.phrase)
			rs := d.ResolveAll(s, a, b, tc.date)
			if len(rs) != len(tc.codes) {
				t.Fatalf("ResolveAll(%q) = %+v, want codes %v", tc.phrase, rs, tc.codes)
			}
			for i, r := range rs {
				if r.Code != tc.codes[i] || r.Text != tc.texts[i] || tc.sentence[r.Start:r.End] != r.Text {
					t.Errorf("ResolveAll(%q)[%d] = %q %q at %d:%d, want %q %q", tc.phrase, i, r.Code, r.Text, r.Start, r.End, tc.codes[i], tc.texts[i])
				}
			}
		})
	}
}
