package actor

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"os"
	"strings"
)

//go:embed data/actors.txt
var builtinActors []byte

// Kinds of dictionary entries.
const (
	KindPerson  = "person"  // a named person
	KindOrg     = "org"     // a named organisation, IGO, party or armed group
	KindCountry = "country" // a country's name
	KindAdj     = "adj"     // a nationality adjective or demonym
	KindCapital = "capital" // a capital city, a metonym for the government
	KindAgent   = "agent"   // a generic agent: police, officials, rebels
)

// Role is a CAMEO code an actor holds, optionally bounded in time. From and
// Until are YYYY-MM-DD and inclusive; empty means unbounded.
type Role struct {
	Code  string
	From  string
	Until string
}

// dated reports whether the role has a time bound.
func (r Role) dated() bool { return r.From != "" || r.Until != "" }

// covers reports whether date (YYYY-MM-DD) falls within the role.
func (r Role) covers(date string) bool {
	return (r.From == "" || date >= r.From) && (r.Until == "" || date <= r.Until)
}

// Actor is a named actor: a person, organisation or country, with its names
// and its roles over time.
type Actor struct {
	Name    string   // canonical name
	Aliases []string // other names, including Name
	Kind    string   // KindPerson, KindOrg, KindCountry, KindAdj or KindCapital
	Country string   // ISO alpha-3, or ""
	Sector  string   // main role, e.g. GOV; derived from the code when empty
	Roles   []Role
	// CaseFold marks names that match whatever their letter case, as in
	// PETRARCH dictionaries written in capitals.
	CaseFold bool
	// Source names the file and line the actor was read from.
	Source string
}

// CodeAt returns the actor's CAMEO code as of date (YYYY-MM-DD; "" means the
// latest known role). Among dated roles covering the date, the one that
// started last wins; otherwise an undated role applies; otherwise the
// country code alone.
func (a *Actor) CodeAt(date string) string {
	if date == "" {
		date = "9999-12-31"
	}
	best := -1
	for i, r := range a.Roles {
		if !r.dated() || !r.covers(date) {
			continue
		}
		if best < 0 || r.From > a.Roles[best].From {
			best = i
		}
	}
	if best >= 0 {
		return a.Roles[best].Code
	}
	for _, r := range a.Roles {
		if !r.dated() {
			return r.Code
		}
	}
	if a.Country != "" {
		return a.Country
	}
	return ""
}

// Agent is a generic agent noun ("police", "gang member") that combines with
// a country: Prefix + country + Suffix. Default is the code used when no
// country is known ("NGOHRI" for a human rights group); when empty, "---" +
// Suffix is used.
type Agent struct {
	Names   []string
	Suffix  string
	Prefix  string
	Default string
	// Inherit marks words such as "member" that take the code of the actor
	// named after them ("members of MS-13").
	Inherit bool
	Source  string
}

// entry is one indexed name.
type entry struct {
	caseKey string
	kind    string
	actor   *Actor
	agent   *Agent
	words   int
}

// Dictionary is a loaded set of actors and agents, indexed for matching.
type Dictionary struct {
	actors    []*Actor
	agents    []*Agent
	countries map[string]*Actor // ISO code -> country actor
	index     map[string][]*entry
	maxKey    int
}

// Builtin returns the dictionary embedded in the binary. Each call parses the
// embedded data into a new value.
func Builtin() (*Dictionary, error) {
	f, err := parseChronicle("builtin:data/actors.txt", bytes.NewReader(builtinActors))
	if err != nil {
		return nil, fmt.Errorf("load builtin actors: %w", err)
	}
	return newDictionary(f.actors, f.agents), nil
}

// LoadFiles builds a dictionary from actor files (Chronicle's format or
// PETRARCH2 actor files) and an optional agents file, replacing the built-in
// actors (and agents when agentsFile is not empty). With no actor files the
// built-in actors are kept; with no agents file the built-in agents are kept.
// Files ending in .gz are decompressed.
func LoadFiles(actorFiles []string, agentsFile string) (*Dictionary, error) {
	var actors []*Actor
	var agents []*Agent
	var builtin *parsed
	if len(actorFiles) == 0 || agentsFile == "" {
		b, err := parseChronicle("builtin:data/actors.txt", bytes.NewReader(builtinActors))
		if err != nil {
			return nil, fmt.Errorf("load builtin actors: %w", err)
		}
		builtin = b
	}
	if len(actorFiles) == 0 {
		actors = builtin.actors
	}
	for _, name := range actorFiles {
		p, err := loadFile(name, false)
		if err != nil {
			return nil, err
		}
		actors = append(actors, p.actors...)
		agents = append(agents, p.agents...)
	}
	if agentsFile == "" {
		agents = append(agents, builtin.agents...)
	} else {
		p, err := loadFile(agentsFile, true)
		if err != nil {
			return nil, err
		}
		agents = append(agents, p.agents...)
		actors = append(actors, p.actors...)
	}
	return newDictionary(actors, agents), nil
}

// loadFile reads one dictionary file, detecting its format.
func loadFile(name string, agentFile bool) (*parsed, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read dictionary: %w", err)
	}
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("read dictionary %s: %w", name, err)
		}
		if data, err = io.ReadAll(zr); err != nil {
			return nil, fmt.Errorf("read dictionary %s: %w", name, err)
		}
	}
	switch {
	case isChronicleFormat(data):
		return parseChronicle(name, bytes.NewReader(data))
	case agentFile:
		ags, err := ParsePetrarchAgents(name, bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		return &parsed{agents: ags}, nil
	default:
		as, err := ParsePetrarchActors(name, bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		return &parsed{actors: as}, nil
	}
}

// Actors returns the dictionary's actors (not copies).
func (d *Dictionary) Actors() []*Actor { return d.actors }

// Agents returns the dictionary's agents (not copies).
func (d *Dictionary) Agents() []*Agent { return d.agents }

// Country returns the country actor with the ISO alpha-3 code, or nil.
func (d *Dictionary) Country(code string) *Actor {
	if d == nil {
		return nil
	}
	return d.countries[code]
}

// newDictionary indexes actors and agents.
func newDictionary(actors []*Actor, agents []*Agent) *Dictionary {
	d := &Dictionary{
		actors:    actors,
		agents:    agents,
		countries: map[string]*Actor{},
		index:     map[string][]*entry{},
	}
	add := func(name string, e *entry) {
		k := lowerKey(name)
		if k == "" {
			return
		}
		e.caseKey = caseKey(name)
		e.words = len(strings.Fields(strings.ReplaceAll(name, "_", " ")))
		for _, old := range d.index[k] {
			if old.actor == e.actor && old.agent == e.agent && old.kind == e.kind && old.caseKey == e.caseKey {
				return
			}
		}
		d.index[k] = append(d.index[k], e)
		if len(k) > d.maxKey {
			d.maxKey = len(k)
		}
	}
	for _, a := range actors {
		if a.Kind == KindCountry && a.Country != "" && d.countries[a.Country] == nil {
			d.countries[a.Country] = a
		}
	}
	for _, a := range actors {
		if a.Country == "" {
			a.Country = d.countryOf(a.CodeAt(""))
		}
		for _, n := range a.Aliases {
			add(n, &entry{kind: a.Kind, actor: a})
		}
	}
	for _, g := range agents {
		for _, n := range g.Names {
			add(n, &entry{kind: KindAgent, agent: g})
		}
	}
	return d
}

// countryOf returns the ISO code a CAMEO code starts with when it names a
// known country, or "".
func (d *Dictionary) countryOf(code string) string {
	if len(code) < 3 {
		return ""
	}
	c := code[:3]
	if _, ok := d.countries[c]; ok {
		return c
	}
	return ""
}

// sectorOf returns the main role of a code: the three letters after the
// country, or the code's first three letters for non-state actors.
func (d *Dictionary) sectorOf(code, country string) string {
	if country != "" && strings.HasPrefix(code, country) {
		rest := code[len(country):]
		if len(rest) >= 3 {
			return rest[:3]
		}
		return ""
	}
	if strings.HasPrefix(code, "---") {
		rest := code[3:]
		if len(rest) >= 3 {
			return rest[:3]
		}
		return ""
	}
	if len(code) >= 3 && d.countryOf(code) == "" {
		return code[:3]
	}
	return ""
}
