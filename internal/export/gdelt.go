package export

import (
	"bufio"
	_ "embed"
	"fmt"
	"hash/fnv"
	"io"
	"strconv"
	"strings"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
)

// GDELTColumns is the number of tab-separated columns of a GDELT 2.0 event
// record.
const GDELTColumns = 61

//go:embed countries.tsv
var countriesTSV string

// countries maps ISO 3166 alpha-3 codes to FIPS 10-4 codes and names.
type countries map[string][2]string

func loadCountries() countries {
	c := countries{}
	for _, line := range strings.Split(countriesTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) == 3 {
			c[f[0]] = [2]string{f[1], f[2]}
		}
	}
	return c
}

// GDELT writes events in the GDELT 2.0 event export layout: 61
// tab-separated columns, no header, one event a line.
type GDELT struct {
	w         *bufio.Writer
	countries countries
	added     string
	fields    []string
}

// NewGDELT returns a GDELT writer. added is the DATEADDED time of every
// record (the export time; zero means now).
func NewGDELT(w io.Writer, added time.Time) *GDELT {
	if added.IsZero() {
		added = time.Now()
	}
	return &GDELT{w: bufio.NewWriterSize(w, 1<<16), countries: loadCountries(), added: added.UTC().Format("20060102150405"), fields: make([]string, GDELTColumns)}
}

// Write writes one event.
func (g *GDELT) Write(r *chronicle.EventRecord) error {
	for i := range g.fields {
		g.fields[i] = ""
	}
	f := g.fields
	f[0] = strconv.FormatUint(GlobalEventID(r), 10)
	day := eventDay(r)
	if day.IsZero() {
		day, _ = time.Parse("20060102150405", g.added)
	}
	f[1] = day.Format("20060102")
	f[2] = day.Format("200601")
	f[3] = day.Format("2006")
	f[4] = strconv.FormatFloat(float64(day.Year())+float64(int(day.Month()-1)*30+day.Day())/365, 'f', 4, 64)
	g.actor(f[5:15], r.Source)
	g.actor(f[15:25], r.Target)
	f[25] = "0"
	if r.Event.Sentence == 0 {
		f[25] = "1"
	}
	code := r.CAMEO
	f[26] = code
	if len(code) >= 3 {
		f[27] = code[:3]
	} else {
		f[27] = code
	}
	if len(code) >= 2 {
		f[28] = code[:2]
	} else {
		f[28] = code
	}
	quad := r.Quad
	if quad == 0 {
		quad = chronicle.QuadClass(code)
	}
	f[29] = strconv.Itoa(quad)
	f[30] = strconv.FormatFloat(r.Goldstein, 'f', 1, 64)
	// The counts of the event's canonical event: every report of it in the
	// store; an event without one counts its own evidence spans.
	if r.NumMentions > 0 {
		f[31] = strconv.Itoa(r.NumMentions)
		f[32] = strconv.Itoa(max(r.NumSources, 1))
		f[33] = strconv.Itoa(max(r.NumArticles, 1))
	} else {
		f[31] = strconv.Itoa(1 + len(r.Mentions))
		f[32] = "1"
		f[33] = "1"
	}
	f[34] = "0"
	g.geo(f[35:43], nil)
	g.geo(f[43:51], nil)
	g.geo(f[51:59], r.Location)
	f[59] = g.added
	f[60] = r.DocURL
	if f[60] == "" {
		f[60] = r.DocID
	}
	for i, s := range f {
		if i > 0 {
			g.w.WriteByte('\t')
		}
		g.w.WriteString(clean(s))
	}
	_, err := g.w.WriteString("\n")
	return err
}

// Close flushes the output.
func (g *GDELT) Close() error { return g.w.Flush() }

// GlobalEventID is a stable numeric id for an event: 53 bits of a hash of
// its document and event ids (exact in every JSON or float reader).
func GlobalEventID(r *chronicle.EventRecord) uint64 {
	h := fnv.New64a()
	h.Write([]byte(r.DocID))
	h.Write([]byte{0})
	h.Write([]byte(r.ID))
	return h.Sum64() & (1<<53 - 1)
}

func eventDay(r *chronicle.EventRecord) time.Time {
	for _, s := range []string{r.Date, r.DocDate} {
		if len(s) >= 10 {
			if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
				return t
			}
		}
	}
	return time.Time{}
}

// clean removes tabs and line breaks, which would break the layout.
func clean(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\t' || r == '\r' || r == '\n' }), " ")
}

// ActorParts is a CAMEO actor code split as GDELT splits it.
type ActorParts struct {
	Country, KnownGroup, Ethnic, Religion1, Religion2 string
	Types                                             [3]string
}

// isRole reports whether c is a CAMEO role or type code (GDELT's
// Actor*Type*Code).
func isRole(c string) bool {
	switch c {
	case "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM", "CVL",
		"DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD", "IGO", "NGO",
		"IMG", "MNC", "PTY", "PRE", "PRM", "JRN", "UNK", "SET", "NGM", "UIS", "INT", "REL":
		return true
	}
	return false
}

func isKnownGroup(c string) bool {
	switch c {
	case "UNO", "NAT", "EEC", "AMN", "IRC", "HRW", "MSF", "IMF", "WBK", "WTO", "ICC", "OPC", "ASN", "ARL",
		"TAL", "OAS", "GCC", "SCO", "CWN", "OIC", "ICG", "WHO", "UNH", "UNC", "UNP", "XFM", "ADB", "AMU", "BIS",
		"CEM", "CIS", "COE", "EBR", "ECO", "FAO", "G77", "GOE", "IAE", "IDB", "ILO", "IOM", "ITP", "NON", "OSC",
		"PAP", "SAA", "SAD", "UNF", "WCT", "WEF", "WFP", "ACC", "APE", "BRI", "DRC", "ILM", "HCH", "PKO":
		return true
	}
	return false
}

func isReligion(c string) bool {
	switch c {
	case "CHR", "CTH", "ORT", "PRO", "MOS", "SUN", "SHI", "SFI", "JEW", "BUD", "HIN", "SIK", "JAN", "ZRO",
		"BAH", "CON", "DOX", "ITR", "TAO", "ATH", "ADR":
		return true
	}
	return false
}

// SplitActor splits a CAMEO actor code into GDELT's country, known group,
// religion and type codes. Unknown three-letter parts become the country
// (first) or the ethnic code.
func SplitActor(code string) ActorParts {
	var p ActorParts
	nt := 0
	for i := 0; i+3 <= len(code); i += 3 {
		c := code[i : i+3]
		if strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			continue
		}
		switch {
		case isRole(c):
			if nt < 3 {
				p.Types[nt] = c
				nt++
			}
		case isKnownGroup(c):
			if p.KnownGroup == "" {
				p.KnownGroup = c
			}
		case isReligion(c):
			if p.Religion1 == "" {
				p.Religion1 = c
			} else if p.Religion2 == "" {
				p.Religion2 = c
			}
		case p.Country == "":
			p.Country = c
		case p.Ethnic == "":
			p.Ethnic = c
		}
	}
	return p
}

// actor fills the ten actor columns.
func (g *GDELT) actor(f []string, a *chronicle.ActorRef) {
	if a.Empty() || a.Code == "" {
		return
	}
	p := SplitActor(a.Code)
	name := a.Name
	if name == "" {
		name = a.Text
	}
	f[0], f[1], f[2], f[3], f[4], f[5], f[6] = a.Code, strings.ToUpper(name), p.Country, p.KnownGroup, p.Ethnic, p.Religion1, p.Religion2
	f[7], f[8], f[9] = p.Types[0], p.Types[1], p.Types[2]
}

// geo fills the eight geography columns: type, full name, FIPS country,
// ADM1, ADM2, latitude, longitude, feature id.
func (g *GDELT) geo(f []string, p *chronicle.Place) {
	if p == nil || (p.Name == "" && p.Text == "" && p.Country == "") {
		f[0] = "0"
		return
	}
	fips, cname := "", ""
	if c, ok := g.countries[p.Country]; ok {
		fips, cname = c[0], c[1]
	}
	res := p.Resolution
	if res == "" {
		res = p.Feature
	}
	us := p.Country == "USA"
	switch res {
	case "country":
		f[0] = "1"
	case "admin1":
		f[0] = "5"
		if us {
			f[0] = "2"
		}
	default:
		f[0] = "4"
		if us {
			f[0] = "3"
		}
	}
	name := p.Name
	if name == "" {
		name = p.Text
	}
	full := name
	if cname != "" && name != cname {
		full += ", " + cname
	}
	f[1] = full
	f[2] = fips
	switch {
	case f[0] == "1":
		f[3] = fips
	case fips != "" && p.Admin1 != "":
		f[3] = fips + p.Admin1
	default:
		f[3] = fips
	}
	if p.Lat != 0 || p.Lon != 0 {
		f[5] = strconv.FormatFloat(p.Lat, 'f', -1, 64)
		f[6] = strconv.FormatFloat(p.Lon, 'f', -1, 64)
	}
	switch {
	case f[0] == "1" || f[0] == "2" || f[0] == "5":
		f[7] = f[3]
	case p.GeoID != 0:
		f[7] = strconv.Itoa(p.GeoID)
	}
}

// GDELTRow is one parsed GDELT event record, typed as the reference
// codebook types its columns (INTEGER, FLOAT, STRING).
type GDELTRow struct {
	Fields     []string
	GlobalID   int64
	SQLDate    int64
	EventCode  string
	QuadClass  int64
	Goldstein  float64
	Actor1Code string
	Actor2Code string
	DateAdded  int64
	SourceURL  string
	// NumMentions, NumSources and NumArticles count the reports of the event.
	NumMentions, NumSources, NumArticles int64
}

// gdeltTypes lists the reference type of each column: I integer, F float,
// S string.
const gdeltTypes = "IIIIF" + "SSSSSSSSSS" + "SSSSSSSSSS" + "ISSSIFIIIF" + "ISSSSFFS" + "ISSSSFFS" + "ISSSSFFS" + "IS"

// ParseGDELT parses one line of a GDELT 2.0 event export, checking the
// column count and that every INTEGER and FLOAT column parses (empty
// numeric columns are allowed where GDELT leaves them empty).
func ParseGDELT(line string) (*GDELTRow, error) {
	line = strings.TrimRight(line, "\r\n")
	f := strings.Split(line, "\t")
	if len(f) != GDELTColumns {
		return nil, fmt.Errorf("gdelt record: %d columns, want %d", len(f), GDELTColumns)
	}
	for i, typ := range gdeltTypes {
		if f[i] == "" {
			continue
		}
		switch typ {
		case 'I':
			if _, err := strconv.ParseInt(f[i], 10, 64); err != nil {
				return nil, fmt.Errorf("gdelt record: column %d (%s) %q is not an integer", i, GDELTNames[i], f[i])
			}
		case 'F':
			if _, err := strconv.ParseFloat(f[i], 64); err != nil {
				return nil, fmt.Errorf("gdelt record: column %d (%s) %q is not a number", i, GDELTNames[i], f[i])
			}
		}
	}
	for _, i := range []int{0, 1, 26, 29, 30, 59} {
		if f[i] == "" {
			return nil, fmt.Errorf("gdelt record: column %d (%s) is empty", i, GDELTNames[i])
		}
	}
	r := &GDELTRow{Fields: f, EventCode: f[26], Actor1Code: f[5], Actor2Code: f[15], SourceURL: f[60]}
	r.GlobalID, _ = strconv.ParseInt(f[0], 10, 64)
	r.SQLDate, _ = strconv.ParseInt(f[1], 10, 64)
	r.QuadClass, _ = strconv.ParseInt(f[29], 10, 64)
	r.Goldstein, _ = strconv.ParseFloat(f[30], 64)
	r.DateAdded, _ = strconv.ParseInt(f[59], 10, 64)
	r.NumMentions, _ = strconv.ParseInt(f[31], 10, 64)
	r.NumSources, _ = strconv.ParseInt(f[32], 10, 64)
	r.NumArticles, _ = strconv.ParseInt(f[33], 10, 64)
	if _, err := time.Parse("20060102", f[1]); err != nil {
		return nil, fmt.Errorf("gdelt record: SQLDATE %q is not YYYYMMDD", f[1])
	}
	if _, err := time.Parse("20060102150405", f[59]); err != nil {
		return nil, fmt.Errorf("gdelt record: DATEADDED %q is not YYYYMMDDHHMMSS", f[59])
	}
	if r.QuadClass < 1 || r.QuadClass > 4 {
		return nil, fmt.Errorf("gdelt record: QuadClass %d is not 1-4", r.QuadClass)
	}
	if len(r.EventCode) < 2 || strings.Trim(r.EventCode, "0123456789") != "" || f[28] != r.EventCode[:2] || !strings.HasPrefix(r.EventCode, f[27]) {
		return nil, fmt.Errorf("gdelt record: event codes %q %q %q are inconsistent", f[26], f[27], f[28])
	}
	return r, nil
}

// GDELTNames are the column names of the GDELT 2.0 event export.
var GDELTNames = [GDELTColumns]string{
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}
