package storetest

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
)

// genActor is an actor the generator may use.
type genActor struct {
	code, name, country, sector, typ string
}

// genEventType is a PLOVER type with CAMEO codes, Goldstein scores and the
// verb phrase used in generated sentences.
type genEventType struct {
	plover string
	cameo  []string
	gold   []float64
	modes  []string
	phrase string
}

// genPlace is a place with coordinates.
type genPlace struct {
	name, country, admin1 string
	lat, lon              float64
	geoID                 int
}

// vocabulary is the generator's fixed word lists. It is built per call to
// Generate so that no package-level state is shared.
type vocabulary struct {
	actors  []genActor
	types   []genEventType
	places  []genPlace
	topics  []string
	sources []string
	cues    []string
	facts   []string
	units   []string
	claims  []string
}

func newVocabulary() *vocabulary {
	return &vocabulary{
		actors: []genActor{
			{"USAGOV", "U.S. State Department", "USA", "GOV", chronicle.EntOrg},
			{"USAMIL", "Pentagon", "USA", "MIL", chronicle.EntOrg},
			{"USALEG", "U.S. Congress", "USA", "LEG", chronicle.EntOrg},
			{"SLVGOV", "Salvadoran government", "SLV", "GOV", chronicle.EntOrg},
			{"SLVCOP", "Salvadoran police", "SLV", "COP", chronicle.EntOrg},
			{"RUSGOV", "Kremlin", "RUS", "GOV", chronicle.EntOrg},
			{"RUSMIL", "Russian army", "RUS", "MIL", chronicle.EntOrg},
			{"UKRGOV", "Ukrainian government", "UKR", "GOV", chronicle.EntOrg},
			{"UKRMIL", "Ukrainian forces", "UKR", "MIL", chronicle.EntOrg},
			{"IGOUNO", "United Nations", "", "IGO", chronicle.EntOrg},
			{"IGOEUREEC", "European Union", "", "IGO", chronicle.EntOrg},
			{"VENGOV", "Venezuelan government", "VEN", "GOV", chronicle.EntOrg},
			{"VENOPP", "Venezuelan opposition", "VEN", "OPP", chronicle.EntOrg},
			{"CHNGOV", "Chinese foreign ministry", "CHN", "GOV", chronicle.EntOrg},
			{"IRNGOV", "Iranian government", "IRN", "GOV", chronicle.EntOrg},
			{"ISRMIL", "Israeli military", "ISR", "MIL", chronicle.EntOrg},
			{"MEXGOV", "Mexican government", "MEX", "GOV", chronicle.EntOrg},
			{"COLGOV", "Colombian government", "COL", "GOV", chronicle.EntOrg},
			{"CUBGOV", "Cuban government", "CUB", "GOV", chronicle.EntOrg},
			{"KENGOV", "Kenyan government", "KEN", "GOV", chronicle.EntOrg},
			{"SDNMIL", "Sudanese army", "SDN", "MIL", chronicle.EntOrg},
			{"SDNREB", "Rapid Support Forces", "SDN", "REB", chronicle.EntOrg},
			{"TURGOV", "Turkish government", "TUR", "GOV", chronicle.EntOrg},
			{"DEUGOV", "German government", "DEU", "GOV", chronicle.EntOrg},
			{"FRAGOV", "French government", "FRA", "GOV", chronicle.EntOrg},
			{"GBRGOV", "British government", "GBR", "GOV", chronicle.EntOrg},
			{"NGOHRI", "human rights groups", "", "HRI", chronicle.EntOrg},
			{"HTICRM", "Haitian gangs", "HTI", "CRM", chronicle.EntOrg},
		},
		types: []genEventType{
			{"AGREE", []string{"030", "031", "032"}, []float64{4.0, 5.2, 4.5}, nil, "agreed to cooperate with"},
			{"CONSULT", []string{"040", "042", "043", "036"}, []float64{1.0, 1.9, 2.8, 4.0}, []string{"visit", "phone", "multilateral", ""}, "held talks with"},
			{"SUPPORT", []string{"050", "051", "057"}, []float64{3.5, 3.4, 8.0}, nil, "voiced support for"},
			{"CONCEDE", []string{"080", "081", "083"}, []float64{5.0, 5.0, 5.0}, nil, "made concessions to"},
			{"COOPERATE", []string{"060", "061", "062"}, []float64{6.0, 6.4, 7.4}, nil, "signed a trade deal with"},
			{"AID", []string{"070", "071", "073"}, []float64{7.0, 7.4, 7.4}, nil, "sent humanitarian aid to"},
			{"RETREAT", []string{"084", "0841", "087"}, []float64{7.0, 7.0, 9.0}, []string{"release", "withdraw", "ceasefire"}, "pulled back from positions facing"},
			{"REQUEST", []string{"100", "101", "1041"}, []float64{-5.0, -5.0, -5.0}, []string{"change", "assist", "meet"}, "demanded answers from"},
			{"ACCUSE", []string{"110", "111", "112"}, []float64{-2.0, -2.0, -2.0}, []string{"disapprove", "disapprove", "allege"}, "accused"},
			{"REJECT", []string{"120", "125", "128"}, []float64{-4.0, -5.0, -4.0}, []string{"", "meet", "change"}, "rejected a proposal from"},
			{"THREATEN", []string{"130", "131", "138"}, []float64{-4.4, -5.8, -7.0}, []string{"", "relations", "violence"}, "threatened"},
			{"PROTEST", []string{"140", "141", "143"}, []float64{-6.5, -6.5, -6.5}, []string{"", "demo", "strike"}, "protested against"},
			{"SANCTION", []string{"160", "161", "163"}, []float64{-4.0, -4.0, -8.0}, []string{"", "withdraw", "discontinue"}, "imposed sanctions on"},
			{"MOBILIZE", []string{"150", "152", "154"}, []float64{-7.2, -7.2, -7.2}, []string{"", "troops", "troops"}, "deployed troops near"},
			{"COERCE", []string{"170", "173", "174"}, []float64{-7.0, -5.0, -5.0}, []string{"", "arrest", "deport"}, "arrested members of"},
			{"ASSAULT", []string{"180", "190", "193", "195"}, []float64{-9.0, -10.0, -10.0, -10.0}, []string{"", "", "firearms", "aerial"}, "attacked"},
		},
		places: []genPlace{
			{"Washington", "USA", "DC", 38.895, -77.036, 4140963},
			{"San Salvador", "SLV", "10", 13.689, -89.187, 3583361},
			{"Moscow", "RUS", "48", 55.752, 37.616, 524901},
			{"Kyiv", "UKR", "12", 50.450, 30.523, 703448},
			{"Kharkiv", "UKR", "07", 49.988, 36.233, 706483},
			{"Geneva", "CHE", "GE", 46.202, 6.146, 2660646},
			{"Caracas", "VEN", "25", 10.488, -66.879, 3646738},
			{"Beijing", "CHN", "22", 39.907, 116.397, 1816670},
			{"Brussels", "BEL", "11", 50.850, 4.349, 2800866},
			{"Tehran", "IRN", "26", 35.694, 51.422, 112931},
			{"Mexico City", "MEX", "09", 19.428, -99.128, 3530597},
			{"Bogota", "COL", "34", 4.610, -74.082, 3688689},
			{"Havana", "CUB", "02", 23.133, -82.383, 3553478},
			{"Nairobi", "KEN", "05", -1.283, 36.817, 184745},
			{"Khartoum", "SDN", "29", 15.552, 32.532, 379252},
			{"Ankara", "TUR", "68", 39.920, 32.854, 323786},
			{"Berlin", "DEU", "16", 52.524, 13.411, 2950159},
			{"Paris", "FRA", "11", 48.853, 2.349, 2988507},
			{"London", "GBR", "ENG", 51.509, -0.126, 2643743},
			{"Port-au-Prince", "HTI", "11", 18.539, -72.335, 3718426},
		},
		topics: []string{
			"grain exports", "border security", "energy prices", "a prisoner exchange", "migration",
			"cyber attacks", "nuclear talks", "fishing rights", "election monitoring", "water sharing",
			"drug trafficking", "refugee camps", "a ceasefire plan", "customs tariffs", "vaccine supplies",
			"port access", "airspace violations", "mining licences", "press freedom", "debt relief",
			"gang violence", "oil pipelines", "military drills", "embassy staff", "troop withdrawals",
			"wheat shipments", "satellite launches", "hostage releases", "visa rules", "flood relief",
			"arms sales", "railway projects", "judicial reform", "lithium deposits", "student exchanges",
			"coastal patrols", "power outages", "peacekeeping missions", "copper mines", "tax evasion",
		},
		sources: []string{"Example Wire", "Sample Times", "Invented Herald", "Fictional Post", "Demo Daily"},
		cues:    []string{"said", "told reporters", "stated", "warned", "added"},
		facts:   []string{chronicle.FactOccurred, chronicle.FactOccurred, chronicle.FactOccurred, chronicle.FactReported, chronicle.FactPlanned, chronicle.FactNegated, chronicle.FactHypothetical, chronicle.FactHistorical},
		units:   []string{"people", "soldiers", "tons", "dollars", "percent"},
		claims:  []string{"were displaced", "were detained", "arrived at the border", "were evacuated", "were counted"},
	}
}

// Generate returns n realistic coded documents made from invented sentences,
// deterministic for a seed. Each document has two to six events (all 16
// PLOVER types with matching CAMEO codes and Goldstein scores, actors from a
// list of realistic CAMEO codes, dates spread over 2025, places with
// coordinates), a quote and usually a claim, with consistent byte offsets.
// Document ids are "gen-SEED-N"; every three consecutive documents share a
// story id.
func Generate(n int, seed int64) []*chronicle.Document {
	v := newVocabulary()
	r := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	docs := make([]*chronicle.Document, 0, max(n, 0))
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		docs = append(docs, v.document(r, seed, i, base))
	}
	return docs
}

// builder accumulates document text and annotations with byte offsets.
type builder struct {
	doc  *chronicle.Document
	text strings.Builder
	sent int
	para int
}

func (b *builder) startSentence() int { return b.text.Len() }

// write appends s and returns its byte span.
func (b *builder) write(s string) (int, int) {
	start := b.text.Len()
	b.text.WriteString(s)
	return start, b.text.Len()
}

func (b *builder) endSentence(start int) {
	b.doc.Sentences = append(b.doc.Sentences, chronicle.Sentence{I: b.sent, Start: start, End: b.text.Len(), Para: b.para})
	b.sent++
	b.text.WriteString(" ")
	if b.sent%2 == 0 {
		b.para++
	}
}

func (b *builder) actor(a genActor) *chronicle.ActorRef {
	s, e := b.write(a.name)
	b.doc.Entities = append(b.doc.Entities, chronicle.Entity{Text: a.name, Type: a.typ, Start: s, End: e, Sentence: b.sent, Name: a.name, Code: a.code, Country: a.country})
	return &chronicle.ActorRef{Text: a.name, Name: a.name, Code: a.code, Country: a.country, Sector: a.sector, Start: s, End: e}
}

func (v *vocabulary) document(r *rand.Rand, seed int64, i int, base time.Time) *chronicle.Document {
	day := base.AddDate(0, 0, r.IntN(365))
	id := fmt.Sprintf("gen-%d-%d", seed, i)
	topic := v.topics[r.IntN(len(v.topics))]
	doc := &chronicle.Document{
		ID:     id,
		URL:    fmt.Sprintf("https://news.example.org/%s/story-%d-%d", day.Format("2006/01/02"), seed, i),
		Date:   day.Format("2006-01-02"),
		Source: v.sources[r.IntN(len(v.sources))],
		Story:  fmt.Sprintf("story-%d-%d", seed, i/3),
		Errors: []string{},
	}
	b := &builder{doc: doc}
	nEvents := 2 + r.IntN(5)
	var quoteSpeaker genActor
	for j := 0; j < nEvents; j++ {
		t := v.types[r.IntN(len(v.types))]
		k := r.IntN(len(t.cameo))
		src := v.actors[r.IntN(len(v.actors))]
		tgt := v.actors[r.IntN(len(v.actors))]
		for tgt.code == src.code {
			tgt = v.actors[r.IntN(len(v.actors))]
		}
		if j == 0 {
			quoteSpeaker = src
			doc.Title = fmt.Sprintf("%s %s %s over %s", src.name, t.phrase, tgt.name, topic)
		}
		start := b.startSentence()
		ev := chronicle.Event{
			ID:         fmt.Sprintf("%s-e%d", id, j),
			Sentence:   b.sent,
			Start:      start,
			PLOVER:     t.plover,
			CAMEO:      t.cameo[k],
			Quad:       chronicle.QuadClass(t.cameo[k]),
			Goldstein:  t.gold[k],
			Factuality: v.facts[r.IntN(len(v.facts))],
			Confidence: float64(50+r.IntN(50)) / 100,
			Rule:       "verb:" + strings.Fields(t.phrase)[0] + "/" + t.plover,
		}
		if t.modes != nil {
			ev.Mode = t.modes[k]
		}
		if j > 0 && r.IntN(4) == 0 {
			b.write("Separately, ")
			ev.Source = b.actor(src)
		} else {
			ev.Source = b.actor(src)
		}
		ts, te := b.write(" " + t.phrase)
		ev.Trigger = &chronicle.Span{Sentence: b.sent, Start: ts + 1, End: te, Text: t.phrase}
		b.write(" ")
		ev.Target = b.actor(tgt)
		b.write(" over " + topic)
		if r.IntN(5) > 0 {
			p := v.places[r.IntN(len(v.places))]
			b.write(" in ")
			s, e := b.write(p.name)
			pl := chronicle.Place{Text: p.name, Name: p.name, Country: p.country, Admin1: p.admin1, Lat: p.lat, Lon: p.lon,
				Start: s, End: e, Sentence: b.sent, Feature: "city", Resolution: "city", GeoID: p.geoID}
			doc.Places = append(doc.Places, pl)
			doc.Entities = append(doc.Entities, chronicle.Entity{Text: p.name, Type: chronicle.EntGPE, Start: s, End: e, Sentence: b.sent, Name: p.name, Country: p.country})
			loc := pl
			ev.Location = &loc
		}
		if r.IntN(6) > 0 {
			d := day.AddDate(0, 0, -r.IntN(4))
			b.write(" on ")
			text := d.Format("January 2")
			s, e := b.write(text)
			ev.Date = d.Format("2006-01-02")
			ev.DateText = text
			doc.Dates = append(doc.Dates, chronicle.DateMention{Text: text, Value: ev.Date, Start: s, End: e, Sentence: b.sent})
		} else if r.IntN(2) == 0 {
			b.write(" last month")
			ev.Date = day.AddDate(0, -1, 0).Format("2006-01")
			ev.DateText = "last month"
		}
		b.write(".")
		ev.End = b.text.Len()
		if j == 1 {
			// A further piece of evidence: the verb phrase again.
			ev.Mentions = []chronicle.Span{*ev.Trigger}
		}
		b.endSentence(start)
		doc.Events = append(doc.Events, ev)
	}
	// A direct quote.
	start := b.startSentence()
	b.write("\u201c")
	qtext := fmt.Sprintf("We will not accept any deal on %s that ignores our people", topic)
	qs, qe := b.write(qtext)
	b.write(",\u201d ")
	speaker := b.actor(quoteSpeaker)
	cue := v.cues[r.IntN(len(v.cues))]
	b.write(" " + cue + ".")
	doc.Quotes = append(doc.Quotes, chronicle.Quote{Text: qtext, Start: qs, End: qe, Sentence: b.sent, EndSent: b.sent, Direct: true, Cue: cue, Speaker: speaker})
	b.endSentence(start)
	// A numeric claim most of the time.
	if r.IntN(10) < 7 {
		start := b.startSentence()
		b.write("Officials said ")
		num := 100 * (1 + r.IntN(500))
		unit := v.units[r.IntN(len(v.units))]
		what := v.claims[r.IntN(len(v.claims))]
		ctext := fmt.Sprintf("%s %s %s", formatThousands(num), unit, what)
		cs, ce := b.write(ctext)
		b.write(" this year.")
		doc.Claims = append(doc.Claims, chronicle.Claim{Text: ctext, Start: cs, End: ce, Sentence: b.sent,
			Quantity: &chronicle.Quantity{Low: float64(num), High: float64(num), Unit: unit, Text: formatThousands(num)},
			Time:     day.Format("2006")})
		b.endSentence(start)
	}
	doc.Text = strings.TrimRight(b.text.String(), " ")
	return doc
}

func formatThousands(n int) string {
	s := strconv.Itoa(n)
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// EventRecords returns the event records a store would return for docs (in
// document order, without canonical ids), for tests of code that reads
// records without a store.
func EventRecords(docs []*chronicle.Document) []chronicle.EventRecord {
	var out []chronicle.EventRecord
	for _, d := range docs {
		for _, e := range d.Events {
			r := chronicle.EventRecord{Event: e, DocID: d.ID, DocDate: d.Date, DocURL: d.URL, DocTitle: d.Title}
			if e.Sentence >= 0 && e.Sentence < len(d.Sentences) {
				s := d.Sentences[e.Sentence]
				if s.Start >= 0 && s.End <= len(d.Text) && s.Start <= s.End {
					r.Sentence = d.Text[s.Start:s.End]
				}
			}
			out = append(out, r)
		}
	}
	return out
}
