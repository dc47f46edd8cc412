package geo

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/geo/namekey"
	"github.com/klauspost/compress/zstd"
)

//go:embed data/gazetteer.tsv.zst
var builtinData []byte

// Feature kinds of gazetteer entries; they are also the PLOVER resolution
// levels written to chronicle.Place.
const (
	FeatureCountry = "country"
	FeatureAdmin1  = "admin1"
	FeatureCity    = "city"
	// FeatureRegion marks a continent or world region ("Africa", "Middle
	// East"): a place the gazetteer does not resolve.
	FeatureRegion = "region"
	// ResolutionUnknown marks a place mention the gazetteer could not resolve.
	ResolutionUnknown = "unknown"
)

// Gazetteer is a loaded place index: countries, first-level admin areas and
// populated places, looked up by normalised name. A Gazetteer is read-only
// after loading and safe for concurrent use.
type Gazetteer struct {
	entries   []entry
	names     map[string]int32 // key -> first node in refs
	refs      []refNode
	maxTokens int
	demonyms  map[string]int32 // normalised adjective -> country entry
	byISO2    map[string]int32
	byISO3    map[string]int32
	admin1    map[string]int32 // "US.GA" -> admin1 entry
	loose     looseIndex
	geoIDs    struct {
		once sync.Once
		m    map[int]int32
	}
}

// entry is one country, admin area or place.
type entry struct {
	name     string
	feature  string
	code     string // GeoNames feature code for places (PPLC, PPLA, ...)
	iso2     string
	country  string // ISO 3166 alpha-3
	admin1   string // GeoNames admin1 code
	lat, lon float64
	pop      int
	geoID    int
	borders  []string // alpha-3 codes of neighbouring countries (countries only)
	nalts    int      // alternate names in GeoNames: well-known places have many
	capital  string
	fips     string // FIPS 10-4 country code (countries only)
}

// Name kinds: how a name refers to its entry.
const (
	namePrimary  uint8 = iota // the entry's own name or a curated alias
	nameAlt                   // a GeoNames alternate name
	nameStripped              // an admin area's name without "Province", "Oblast" ...
	nameAcronym               // an all-capitals alias ("US", "UAE"): must be written in capitals
)

type nameRef struct {
	id   int32
	kind uint8
}

// refNode is a link in the list of entries one key names.
type refNode struct {
	nameRef
	next int32 // -1 at the end
}

// lookup returns the entries key names.
func (g *Gazetteer) lookup(key string) []nameRef {
	head, ok := g.names[key]
	if !ok {
		return nil
	}
	var out []nameRef
	for i := head; i >= 0; i = g.refs[i].next {
		out = append(out, g.refs[i].nameRef)
	}
	return out
}

var (
	builtinOnce sync.Once
	builtinGaz  *Gazetteer
	builtinErr  error
)

// Builtin returns the gazetteer embedded in the binary. It is parsed once,
// on first use, and shared: a Gazetteer is never modified after loading.
func Builtin() (*Gazetteer, error) {
	builtinOnce.Do(func() {
		builtinGaz, builtinErr = Load(bytes.NewReader(builtinData))
		if builtinErr != nil {
			builtinErr = fmt.Errorf("load embedded gazetteer: %w", builtinErr)
		}
	})
	return builtinGaz, builtinErr
}

// Load reads a gazetteer in the format written by
// internal/geo/cmd/buildgazetteer: zstd-compressed, tab-separated lines of
// countries (C), admin areas (A) and places (P).
func Load(r io.Reader) (*Gazetteer, error) {
	zr, err := zstd.NewReader(r, zstd.WithDecoderConcurrency(1))
	if err != nil {
		return nil, fmt.Errorf("open gazetteer: %w", err)
	}
	defer zr.Close()
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("open gazetteer: %w", err)
	}
	return parse(string(b))
}

// parse reads the uncompressed gazetteer text. Names and codes are
// substrings of data.
func parse(data string) (*Gazetteer, error) {
	g := &Gazetteer{
		names:    map[string]int32{},
		demonyms: map[string]int32{},
		byISO2:   map[string]int32{},
		byISO3:   map[string]int32{},
		admin1:   map[string]int32{},
	}
	line := 0
	var places []int32
	var err error
	col := make([]string, 0, 16)
	for len(data) > 0 {
		line++
		text, rest, _ := strings.Cut(data, "\n")
		data = rest
		if text == "" || text[0] == '#' {
			var ne, nn int
			if _, err := fmt.Sscanf(text, "#size entries=%d names=%d", &ne, &nn); err == nil && ne > 0 && ne < 1e7 && nn < 1e8 {
				g.entries = make([]entry, 0, ne)
				g.refs = make([]refNode, 0, nn)
				g.names = make(map[string]int32, nn)
			}
			continue
		}
		col = splitTabs(text, col[:0])
		bad := func(what string, err error) error {
			return fmt.Errorf("gazetteer line %d: %s: %v", line, what, err)
		}
		id := int32(len(g.entries))
		switch col[0] {
		case "C":
			if len(col) < 12 {
				return nil, bad("country record", fmt.Errorf("%d columns, want 12", len(col)))
			}
			e := entry{feature: FeatureCountry, iso2: col[1], country: col[2], name: col[3], capital: col[8]}
			if e.lat, e.lon, err = parseLatLon(col[4], col[5]); err != nil {
				return nil, bad("coordinates", err)
			}
			e.geoID, _ = strconv.Atoi(col[6])
			e.pop, _ = strconv.Atoi(col[7])
			if col[11] != "" {
				e.borders = strings.Split(col[11], "|")
			}
			if len(col) > 12 {
				e.fips = col[12]
			}
			g.entries = append(g.entries, e)
			g.byISO2[e.iso2] = id
			g.byISO3[e.country] = id
			g.addName(e.name, id, namePrimary)
			for _, n := range splitList(col[9]) {
				kind := namePrimary
				if isAcronym(n) {
					kind = nameAcronym
				}
				g.addName(n, id, kind)
			}
			for _, d := range splitList(col[10]) {
				// "Dominican" names two countries: keep the more populous.
				k := NormKey(d)
				if old, ok := g.demonyms[k]; !ok || g.entries[old].pop < e.pop {
					g.demonyms[k] = id
				}
			}
		case "A":
			if len(col) < 9 {
				return nil, bad("admin record", fmt.Errorf("%d columns, want 9", len(col)))
			}
			cid, ok := g.byISO2[col[1]]
			if !ok {
				return nil, bad("admin record", fmt.Errorf("unknown country %q", col[1]))
			}
			e := entry{feature: FeatureAdmin1, iso2: col[1], country: g.entries[cid].country, admin1: col[2], name: col[3]}
			if e.lat, e.lon, err = parseLatLon(col[4], col[5]); err != nil {
				return nil, bad("coordinates", err)
			}
			e.geoID, _ = strconv.Atoi(col[6])
			e.pop, _ = strconv.Atoi(col[7])
			g.entries = append(g.entries, e)
			g.admin1[e.iso2+"."+e.admin1] = id
			for _, n := range append([]string{e.name}, splitList(col[8])...) {
				if stopWord(n) {
					continue // "East", "Gulf": a direction or a common noun first
				}
				g.addName(n, id, namePrimary)
				if s := stripAdminSuffix(n); s != n && !stopWord(s) {
					g.addName(s, id, nameStripped)
				}
			}
		case "P":
			if len(col) < 10 {
				return nil, bad("place record", fmt.Errorf("%d columns, want 10", len(col)))
			}
			e := entry{feature: FeatureCity, name: col[2], code: col[5], iso2: col[6], admin1: col[7]}
			if e.lat, e.lon, err = parseLatLon(col[3], col[4]); err != nil {
				return nil, bad("coordinates", err)
			}
			e.geoID, _ = strconv.Atoi(col[1])
			e.pop, _ = strconv.Atoi(col[8])
			if len(col) > 11 {
				e.nalts, _ = strconv.Atoi(col[11])
			}
			g.entries = append(g.entries, e)
			if len(col) > 10 && col[10] != "" {
				g.addKey(col[10], id, namePrimary) // the name's key, computed by the builder
			} else {
				g.addName(e.name, id, namePrimary)
			}
			// Alternate names are stored as lookup keys (NormKey) already.
			for _, k := range splitList(col[9]) {
				g.addKey(k, id, nameAlt)
			}
			places = append(places, id)
		default:
			return nil, bad("record", fmt.Errorf("unknown kind %q", col[0]))
		}
	}
	// Places are sorted by id in the file, before their countries are
	// known; fill in the alpha-3 codes now.
	for _, id := range places {
		e := &g.entries[id]
		if cid, ok := g.byISO2[e.iso2]; ok {
			e.country = g.entries[cid].country
		}
	}
	if len(g.byISO2) == 0 {
		return nil, fmt.Errorf("read gazetteer: no countries")
	}
	return g, nil
}

func parseLatLon(a, b string) (float64, float64, error) {
	lat, err := strconv.ParseFloat(a, 64)
	if err != nil {
		return 0, 0, err
	}
	lon, err := strconv.ParseFloat(b, 64)
	if err != nil {
		return 0, 0, err
	}
	if math.Abs(lat) > 90 || math.Abs(lon) > 180 {
		return 0, 0, fmt.Errorf("out of range: %s,%s", a, b)
	}
	return lat, lon, nil
}

// splitTabs splits a line on tabs into out, reusing its storage.
func splitTabs(s string, out []string) []string {
	for {
		i := strings.IndexByte(s, '\t')
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i])
		s = s[i+1:]
	}
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

func (g *Gazetteer) addName(name string, id int32, kind uint8) {
	g.addKey(NormKey(name), id, kind)
}

// addKey indexes entry id under an already normalised key.
func (g *Gazetteer) addKey(k string, id int32, kind uint8) {
	if k == "" {
		return
	}
	head, ok := g.names[k]
	if !ok {
		head = -1
	}
	for i := head; i >= 0; i = g.refs[i].next {
		if g.refs[i].id == id {
			if kind < g.refs[i].kind {
				g.refs[i].kind = kind
			}
			return
		}
	}
	g.refs = append(g.refs, refNode{nameRef: nameRef{id: id, kind: kind}, next: head})
	g.names[k] = int32(len(g.refs) - 1)
	if n := strings.Count(k, " ") + 1; n > g.maxTokens {
		g.maxTokens = n
	}
}

// adminSuffixes are the words that name the kind of an admin area; news text
// often leaves them out ("Kharkiv" for "Kharkiv Oblast").
func adminSuffixes() []string {
	return []string{" Province", " Governorate", " Oblast", " Region", " State", " District",
		" Department", " Prefecture", " County", " Territory", " Krai", " Republic", " Division",
		" Municipality", " Voivodeship", " Canton", " Emirate", " Autonomous Region"}
}

func stripAdminSuffix(n string) string {
	for _, s := range adminSuffixes() {
		if strings.HasSuffix(n, s) && len(n) > len(s)+2 {
			return strings.TrimSuffix(n, s)
		}
	}
	if i := strings.Index(n, ", "); i > 0 {
		return n[:i] // "Córdoba Province, Argentina"
	}
	return n
}

func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0 && letters <= 4 && !strings.Contains(s, " ")
}

// NormKey is the lookup key of a name; see namekey.Of.
func NormKey(s string) string { return namekey.Of(s) }

// Demonym returns the ISO 3166 alpha-3 code of the country a nationality
// adjective or demonym names ("Salvadoran", "Ukrainians", "British").
func (g *Gazetteer) Demonym(word string) (country string, ok bool) {
	k := NormKey(word)
	if k == "" {
		return "", false
	}
	id, ok := g.demonyms[k]
	if !ok && strings.HasSuffix(k, "s") {
		id, ok = g.demonyms[strings.TrimSuffix(k, "s")]
	}
	if !ok {
		return "", false
	}
	return g.entries[id].country, true
}

// Country returns the country with the given ISO 3166 alpha-2 or alpha-3
// code, or with the given name, as a resolved place.
func (g *Gazetteer) Country(codeOrName string) (chronicle.Place, bool) {
	if id, ok := g.byISO3[strings.ToUpper(codeOrName)]; ok && len(codeOrName) == 3 {
		return g.place(id), true
	}
	if id, ok := g.byISO2[strings.ToUpper(codeOrName)]; ok && len(codeOrName) == 2 {
		return g.place(id), true
	}
	for _, r := range g.lookup(NormKey(codeOrName)) {
		if g.entries[r.id].feature == FeatureCountry {
			return g.place(r.id), true
		}
	}
	return chronicle.Place{}, false
}

// Lookup returns every gazetteer entry known by name, as places, the most
// likely first (countries, then by population). It uses no context; Annotate
// resolves names in documents.
func (g *Gazetteer) Lookup(name string) []chronicle.Place {
	refs := g.lookup(NormKey(name))
	ids := make([]nameRef, len(refs))
	copy(ids, refs)
	sort.SliceStable(ids, func(i, j int) bool {
		return g.priorScore(ids[i]) > g.priorScore(ids[j])
	})
	out := make([]chronicle.Place, 0, len(ids))
	for _, r := range ids {
		p := g.place(r.id)
		p.Text = name
		out = append(out, p)
	}
	return out
}

// Codes returns the codes of a resolved place (by its GeoNames id): the ISO
// 3166 alpha-2 and FIPS 10-4 codes of its country (GDELT uses FIPS) and its
// GeoNames admin1 code ("GA" for Georgia, US; "" for countries). ok is false
// for unknown places.
func (g *Gazetteer) Codes(p chronicle.Place) (iso2, fips, admin1 string, ok bool) {
	if p.GeoID == 0 || p.Resolution == ResolutionUnknown {
		return "", "", "", false
	}
	g.geoIDs.once.Do(func() {
		m := make(map[int]int32, len(g.entries))
		for i, e := range g.entries {
			if e.geoID != 0 {
				m[e.geoID] = int32(i)
			}
		}
		g.geoIDs.m = m
	})
	id, found := g.geoIDs.m[p.GeoID]
	if !found {
		return "", "", "", false
	}
	e := &g.entries[id]
	cid, found := g.byISO2[e.iso2]
	if !found {
		return "", "", "", false
	}
	return e.iso2, g.entries[cid].fips, e.admin1, true
}

// Len reports the number of entries (countries, admin areas and places).
func (g *Gazetteer) Len() int { return len(g.entries) }

// place makes a resolved chronicle.Place of an entry, without text offsets.
func (g *Gazetteer) place(id int32) chronicle.Place {
	e := &g.entries[id]
	p := chronicle.Place{
		Name:       e.name,
		Country:    e.country,
		Lat:        e.lat,
		Lon:        e.lon,
		Feature:    e.feature,
		Resolution: e.feature,
		GeoID:      e.geoID,
	}
	switch e.feature {
	case FeatureAdmin1:
		p.Admin1 = e.name
	case FeatureCity:
		if aid, ok := g.admin1[e.iso2+"."+e.admin1]; ok {
			p.Admin1 = g.entries[aid].name
		}
	}
	return p
}
