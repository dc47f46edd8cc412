// Package corpus generates invented news articles for tests and benchmarks:
// any number of reports about invented events between real countries, with
// controlled near-duplicates (wire reprints, updated, edited and trimmed
// versions) and the truth about which articles tell the same story and which
// event each reports. Everything is made up from templates; no real text.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Article is one generated report.
type Article struct {
	ID    string
	Story string // articles with the same Story are near-duplicates
	Kind  string // original, reprint, update, edit, trim or retell
	// EventID names the real-world event the article reports: the id of the
	// first article about it. Articles of one story report one event; a
	// retelling is a story of its own about an earlier event.
	EventID string
	Title   string
	Date    string // YYYY-MM-DD
	Source  string
	URL     string
	Text    string
	Event   Event // the event the article reports
	// Told is the event as the article tells it: a retelling may put it on
	// the day before. Otherwise it is Event.
	Told Event
}

// Event is the truth about an article's main event.
type Event struct {
	Source, Target string // ISO alpha-3 country codes
	CAMEO          string // event code
	Date           string // YYYY-MM-DD
	Place          string // city
	// PlaceCountry is the ISO alpha-3 country of Place.
	PlaceCountry string `json:",omitempty"`
}

// Options control generation.
type Options struct {
	Articles int     // total number of articles
	DupShare float64 // share of articles that are variants of an earlier one (default 0.3)
	Seed     uint64
	Start    time.Time // first publication date (default 2025-01-01)
	Days     int       // publication dates spread over this many days (default 60)
	// Retell is the share of the articles that are not variants which are
	// independent reports of an earlier event: new wording, other officials
	// named, and in a quarter of them the event put on the day before (default
	// 0: none, and the corpus is the same as without the option).
	Retell float64
}

type country struct{ name, adj, code, capital string }

// The vocabularies are small on purpose: unrelated articles share much of
// their wording, as real reports on similar events do.
func countries() []country {
	return []country{
		{"France", "French", "FRA", "Paris"}, {"Germany", "German", "DEU", "Berlin"}, {"Kenya", "Kenyan", "KEN", "Nairobi"},
		{"Brazil", "Brazilian", "BRA", "Brasilia"}, {"Japan", "Japanese", "JPN", "Tokyo"}, {"Egypt", "Egyptian", "EGY", "Cairo"},
		{"Canada", "Canadian", "CAN", "Ottawa"}, {"Mexico", "Mexican", "MEX", "Mexico City"}, {"India", "Indian", "IND", "New Delhi"},
		{"Nigeria", "Nigerian", "NGA", "Abuja"}, {"Peru", "Peruvian", "PER", "Lima"}, {"Poland", "Polish", "POL", "Warsaw"},
		{"Turkey", "Turkish", "TUR", "Ankara"}, {"Chile", "Chilean", "CHL", "Santiago"}, {"Ghana", "Ghanaian", "GHA", "Accra"},
		{"Norway", "Norwegian", "NOR", "Oslo"}, {"Vietnam", "Vietnamese", "VNM", "Hanoi"}, {"Morocco", "Moroccan", "MAR", "Rabat"},
	}
}

// vocab holds the words filled into templates.
type vocab struct {
	firstNames, lastNames, roles, topics, weekdays, sources []string
}

func vocabulary() vocab {
	return vocab{
		firstNames: []string{"Lina", "Tomas", "Amara", "Kenji", "Sofia", "Idris", "Marta", "Pavel", "Nadia", "Oren", "Ayla", "Ruben", "Hana", "Felix", "Zara", "Milan"},
		lastNames:  []string{"Varo", "Okafor", "Brandt", "Sato", "Mendes", "Haddad", "Novak", "Lund", "Osei", "Ferraz", "Kowal", "Demir", "Quispe", "Aalto", "Nguyen", "Benali"},
		roles:      []string{"Foreign Minister", "Defense Minister", "President", "Prime Minister", "Trade Minister", "Interior Minister"},
		topics:     []string{"border security", "trade tariffs", "water rights", "refugee flows", "energy supplies", "fishing quotas", "a prisoner exchange", "grain exports"},
		weekdays:   []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
		sources:    []string{"Invented Wire", "Daily Example", "The Sample Times", "Mock Herald", "Fictional Post"},
	}
}

type eventTemplate struct {
	cameo, title, text string
}

func eventTemplates() []eventTemplate {
	return []eventTemplate{
		{"040", "{A} and {B} leaders meet on {topic}", "{RA} met {RB} in {city} on {day} to discuss {topic}."},
		{"112", "{A} accuses {B} over {topic}", "{RA} accused {B} on {day} of violating an agreement on {topic}."},
		{"057", "{A} and {B} sign {topic} deal", "{RA} and {RB} signed an agreement on {topic} in {city} on {day}."},
		{"190", "Clashes near {city} leave {n} dead", "Forces from {A} attacked positions held by troops from {B} near {city} on {day}, killing at least {n} people."},
		{"071", "{A} pledges aid to {B}", "{RA} pledged {n} million dollars in aid to {B} on {day}, citing {topic}."},
		{"138", "{A} threatens {B} with sanctions", "{RA} threatened {B} with sanctions on {day} over {topic}."},
		{"161", "{A} expels {B} envoy", "{A} expelled the ambassador of {B} on {day} in a dispute over {topic}."},
	}
}

func backgroundTemplates() []string {
	return []string{
		"The two countries have been at odds over {topic} for years.",
		"Officials in {capA} said talks would continue next month.",
		"{RB} told reporters in {city} that the government would respond in due course.",
		"Analysts said the move could affect {topic} across the region.",
		"“We want a fair solution for both peoples,” {RA} said.",
		"“This is not the end of the matter,” {RB} said in a statement.",
		"About {n2} people gathered outside the government offices in {capB} on {day2}.",
		"The {adjA} government has denied any wrongdoing.",
		"Trade between the two countries fell by {p} percent last year, according to official figures.",
		"A spokesperson for the {adjB} foreign ministry declined to comment.",
		"Earlier this year, {A} and {B} agreed to set up a joint committee on {topic2}.",
		"Opposition lawmakers in {capA} criticized the decision on {day2}.",
		"Neither side gave details of the next round of talks.",
		"The United Nations urged both sides to show restraint.",
		"Markets in {capB} fell {p} percent after the news.",
		"Local media reported that {n2} soldiers had been moved to the border.",
		"{RA} is expected to travel to {capB} later this year.",
		"Human rights groups have called for an independent investigation.",
	}
}

type filler struct {
	a, b        country
	ra, rb      string
	city, topic string
	topic2, day string
	day2        string
	n, n2, p    int
}

func (f *filler) fill(t string) string {
	r := strings.NewReplacer("{A}", f.a.name, "{B}", f.b.name, "{RA}", f.ra, "{RB}", f.rb, "{city}", f.city,
		"{topic}", f.topic, "{topic2}", f.topic2, "{day}", f.day, "{day2}", f.day2, "{n}", fmt.Sprint(f.n),
		"{n2}", fmt.Sprint(f.n2), "{p}", fmt.Sprint(f.p), "{capA}", f.a.capital, "{capB}", f.b.capital,
		"{adjA}", f.a.adj, "{adjB}", f.b.adj)
	return r.Replace(t)
}

// Generate returns o.Articles articles in publication order. The same
// options always give the same articles.
func Generate(o Options) []Article {
	if o.DupShare <= 0 {
		o.DupShare = 0.3
	}
	if o.Start.IsZero() {
		o.Start = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if o.Days <= 0 {
		o.Days = 60
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x0c0ffee))
	w := vocabulary()
	cs := countries()
	evs := eventTemplates()
	bg := backgroundTemplates()
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	person := func(c country) string {
		return c.adj + " " + pick(w.roles) + " " + pick(w.firstNames) + " " + pick(w.lastNames)
	}
	var out []Article
	var originals []int
	var told []toldEvent
	for len(out) < o.Articles {
		id := fmt.Sprintf("gen-%06d", len(out))
		if len(originals) > 0 && rng.Float64() < o.DupShare {
			orig := out[originals[rng.IntN(len(originals))]]
			out = append(out, variant(rng, w, orig, id))
			continue
		}
		if o.Retell > 0 && len(told) > 0 && rng.Float64() < o.Retell {
			te := told[rng.IntN(len(told))]
			f := *te.f
			f.ra, f.rb = person(f.a), person(f.b)
			f.topic2, f.day2 = pick(w.topics), pick(w.weekdays)
			f.n, f.n2, f.p = 2+rng.IntN(300), 100+rng.IntN(5000), 1+rng.IntN(30)
			if rng.IntN(4) == 0 {
				f.day = te.date.AddDate(0, 0, -1).Weekday().String()
			}
			date := te.date.AddDate(0, 0, rng.IntN(2))
			paras := []string{f.fill(te.tmpl.text)}
			for _, i := range rng.Perm(len(bg))[:4+rng.IntN(5)] {
				paras = append(paras, f.fill(bg[i]))
			}
			src := pick(w.sources)
			told := te.truth
			if f.day != te.date.Weekday().String() {
				told.Date = te.date.AddDate(0, 0, -1).Format("2006-01-02")
			}
			originals = append(originals, len(out))
			out = append(out, Article{
				ID: id, Story: id, Kind: "retell", EventID: te.event, Title: f.fill(te.tmpl.title), Date: date.Format("2006-01-02"),
				Source: src, URL: fmt.Sprintf("https://%s.example/%s/%s", slug(src), date.Format("2006/01/02"), id),
				Text: strings.Join(paras, "\n\n"), Event: te.truth, Told: told,
			})
			continue
		}
		a := cs[rng.IntN(len(cs))]
		b := cs[rng.IntN(len(cs))]
		for b.code == a.code {
			b = cs[rng.IntN(len(cs))]
		}
		date := o.Start.AddDate(0, 0, rng.IntN(o.Days))
		f := &filler{a: a, b: b, ra: person(a), rb: person(b), city: pick([]string{a.capital, b.capital}),
			topic: pick(w.topics), topic2: pick(w.topics), day: date.Weekday().String(), day2: pick(w.weekdays),
			n: 2 + rng.IntN(300), n2: 100 + rng.IntN(5000), p: 1 + rng.IntN(30)}
		ev := evs[rng.IntN(len(evs))]
		paras := []string{f.fill(ev.text)}
		for _, i := range rng.Perm(len(bg))[:4+rng.IntN(5)] {
			paras = append(paras, f.fill(bg[i]))
		}
		src := pick(w.sources)
		art := Article{
			ID: id, Story: id, Kind: "original", EventID: id, Title: f.fill(ev.title), Date: date.Format("2006-01-02"),
			Source: src, URL: fmt.Sprintf("https://%s.example/%s/%s", slug(src), date.Format("2006/01/02"), id),
			Text:  strings.Join(paras, "\n\n"),
			Event: Event{Source: a.code, Target: b.code, CAMEO: ev.cameo, Date: date.Format("2006-01-02"), Place: f.city, PlaceCountry: placeCountry(f)},
		}
		art.Told = art.Event
		originals = append(originals, len(out))
		if o.Retell > 0 {
			told = append(told, toldEvent{f: f, tmpl: ev, date: date, event: id, truth: art.Event})
		}
		out = append(out, art)
	}
	return out
}

// toldEvent is what a retelling needs of an original report.
type toldEvent struct {
	f     *filler
	tmpl  eventTemplate
	date  time.Time
	event string
	truth Event
}

// placeCountry returns the country of the filler's city, the capital of one
// of its two countries.
func placeCountry(f *filler) string {
	if f.city == f.a.capital {
		return f.a.code
	}
	return f.b.code
}

// variant makes a near-duplicate of orig: a reprint, an update, an edit or
// a trimmed version.
func variant(rng *rand.Rand, w vocab, orig Article, id string) Article {
	v := orig
	v.ID = id
	src := w.sources[rng.IntN(len(w.sources))]
	v.Source = src
	d, _ := time.Parse("2006-01-02", orig.Date)
	paras := strings.Split(orig.Text, "\n\n")
	switch rng.IntN(4) {
	case 0:
		v.Kind = "reprint"
		paras = append([]string{strings.ToUpper(orig.Event.Place) + " (" + src + ") —"}, paras...)
		paras = append(paras, "(Reporting by "+w.firstNames[rng.IntN(len(w.firstNames))]+" "+w.lastNames[rng.IntN(len(w.lastNames))]+"; editing by "+w.firstNames[rng.IntN(len(w.firstNames))]+" "+w.lastNames[rng.IntN(len(w.lastNames))]+")")
	case 1:
		v.Kind = "update"
		d = d.AddDate(0, 0, rng.IntN(2))
		v.Title = "UPDATE: " + orig.Title
		extra := []string{
			"Later on " + d.Weekday().String() + ", officials confirmed that the talks had ended without a joint statement.",
			"The number of people affected rose to " + fmt.Sprint(100+rng.IntN(900)) + ", according to local authorities.",
		}
		paras = append(paras[:1], append(extra[:1+rng.IntN(2)], paras[1:]...)...)
	case 2:
		v.Kind = "edit"
		for i := range paras {
			paras[i] = editWords(rng, paras[i])
		}
		if len(paras) > 3 {
			i := 1 + rng.IntN(len(paras)-2)
			paras[i], paras[i+1] = paras[i+1], paras[i]
		}
	default:
		v.Kind = "trim"
		keep := max(2, len(paras)*6/10)
		paras = paras[:keep]
	}
	v.Date = d.Format("2006-01-02")
	v.URL = fmt.Sprintf("https://%s.example/%s/%s", slug(src), d.Format("2006/01/02"), id)
	v.Text = strings.Join(paras, "\n\n")
	return v
}

// editWords replaces a few words with synonyms, as copy editors do.
func editWords(rng *rand.Rand, s string) string {
	syn := map[string]string{"said": "stated", "talks": "negotiations", "officials": "authorities", "people": "persons",
		"government": "administration", "agreement": "accord", "reporters": "journalists", "criticized": "condemned",
		"fell": "dropped", "years": "decades", "details": "information", "region": "area"}
	words := strings.Split(s, " ")
	for i, w := range words {
		if r, ok := syn[w]; ok && rng.IntN(2) == 0 {
			words[i] = r
		}
	}
	return strings.Join(words, " ")
}

func slug(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), " ", "-")
}
