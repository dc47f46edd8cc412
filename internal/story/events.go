package story

import (
	"cmp"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
)

// Defaults of MergeOptions.
const (
	DefaultMaxDays = 1
	DefaultWindow  = 7 * 24 * time.Hour
	// DefaultLimit is how many documents the story index, and how many
	// canonical events the event merger, that ingest uses hold at most:
	// their memory is bounded by it, not by the corpus (about 0.3 GB each
	// when full).
	DefaultLimit = 200_000
)

// MergeOptions control a Merger. The zero value uses the defaults.
type MergeOptions struct {
	// MaxDays is the largest distance in days between the dates of two
	// mentions of one event (default 1, at most 366).
	MaxDays int
	// Window, for documents without a story, is the largest distance between
	// the publication dates of reports of one event (default 7 days).
	Window time.Duration
	// AcrossStories lets day-precise, fully coded mentions merge across story
	// clusters when their documents were published at most Window apart, as
	// independent reports of one event are. Stories still scope the vague
	// mentions.
	AcrossStories bool
	// Limit, when positive, bounds the merger's memory: when it holds more
	// than Limit canonical events, the oldest quarter (by their last
	// report's publication date; ties by order created) is dropped, with
	// the documents whose events are all gone, so memory does not grow with
	// the corpus. A later report of a dropped event starts a new canonical
	// event. Drops depend only on the sequence of documents added, so a
	// replay in the same order gives the same events.
	Limit int
}

// Mention is one report of a canonical event: an event of one document with
// its evidence span.
type Mention struct {
	DocID      string           `json:"doc_id"`
	URL        string           `json:"url,omitempty"`
	Site       string           `json:"site"` // host of the URL, else the document's source
	Story      string           `json:"story,omitempty"`
	DocDate    string           `json:"doc_date,omitempty"`
	EventID    string           `json:"event_id,omitempty"`
	Event      int              `json:"event"` // index in Document.Events
	Sentence   int              `json:"sentence"`
	Start      int              `json:"start"`
	End        int              `json:"end"`
	Source     string           `json:"source,omitempty"` // source actor code
	Target     string           `json:"target,omitempty"` // target actor code
	CAMEO      string           `json:"cameo"`
	Date       string           `json:"date,omitempty"`
	Place      *chronicle.Place `json:"place,omitempty"`
	Factuality string           `json:"factuality,omitempty"`
}

// Canonical is one real-world event with all its reports. Event is the
// representative: the first reported event with the reconciled CAMEO code,
// with the reconciled date, place and factuality and the canonical ID; its
// sentence and span are those of Mentions[Rep].
type Canonical struct {
	ID          string          `json:"id"`
	Event       chronicle.Event `json:"event"`
	Rep         int             `json:"rep"`
	Mentions    []Mention       `json:"mentions"`
	NumMentions int             `json:"num_mentions"`
	NumSources  int             `json:"num_sources"`  // distinct sites
	NumArticles int             `json:"num_articles"` // distinct documents
	FirstSeen   string          `json:"first_seen"`   // earliest publication date of a report
	Conflicts   []string        `json:"conflicts,omitempty"`
}

// Merger turns the coded events of many documents into canonical events:
// one record per real-world event with every report of it as a Mention.
// Two mentions are of the same event when
//
//   - their source actor codes are equal, their target actor codes are equal,
//     and their CAMEO codes share the root (first two digits);
//   - their dates are at most MaxDays days apart (an imprecise date such as
//     "2025-03" or "2025" is the interval of days it covers; a missing date
//     covers every day);
//   - their places are compatible when both are known: the same country, and
//     the same place when both are city-level (or both admin1-level);
//   - their documents belong to the same story cluster when both have one
//     (Document.Story), or, without stories (or with AcrossStories), were
//     published at most Window apart.
//
// A mention is "vague" when its date is coarser than a day or an actor code is
// missing: nothing identifies it across unrelated reports, so it only joins an
// event that already has a mention in the same story (or, without stories,
// the same document).
//
// A new mention is compared with each candidate's reconciled values (below),
// not with each of its mentions, so a chain of one-day steps never grows into
// a week-long event. Among compatible candidates it joins the one reported by
// the most articles, then the one whose date is closest, then the oldest.
//
// Reconciliation: every field is decided by the articles that report it, one
// vote per article and value (an article that mentions the event twice with
// the same value votes once).
//
//   - date: among day-precise values, the value most articles agree on, ties to
//     the earliest; without a day-precise value, the most reported coarser
//     value, ties to the more precise, then the earliest;
//   - place: the most specific level present (city, then admin1, then
//     country), and at that level the place most articles agree on, ties to
//     the first reported;
//   - CAMEO: the most frequent full code, ties to the first reported;
//   - factuality: the most frequent value, ties to the first reported.
//
// When reports disagree the losing values stay visible in
// Canonical.Conflicts, as "date: 2025-03-02 (3 reports) vs 2025-03-03 (1
// report)". A place that only refines another (a city within the country
// another report names) is not a conflict.
//
// The index is keyed by (source, target, CAMEO root) with one bucket per day,
// so adding a mention looks at the events of 2*MaxDays+1 days of one key:
// adding is proportional to the number of mentions, and 100,000 documents fit
// in memory. Results depend only on the order of documents; Merge sorts them
// by publication date and id first, so it is deterministic for any input
// order.
//
// A Merger is not safe for concurrent use.
type Merger struct {
	maxDays       int
	windowDays    int
	acrossStories bool

	events []*canon
	byID   map[string]int
	// days indexes precise, fully coded events: key -> day -> events.
	days map[mergeKey]map[int32][]int32
	// scopes indexes every event by key and scope (story, else document) for
	// vague mentions.
	scopes map[scopeKey][]int32
	docs   map[string]docEntry

	limit   int
	newest  int32 // newest publication day seen, noDay before the first
	dropped int
	// gone holds the events dropped since the last Release, so that Get
	// still finds an event a caller saw touched before it was dropped.
	gone map[string]*canon
}

// docEntry is an added document: its events' canonical events.
type docEntry struct {
	idx []int32
}

type mergeKey struct{ source, target, root string }

type scopeKey struct {
	mergeKey
	scope string
}

// NewMerger returns an empty merger.
func NewMerger(o MergeOptions) *Merger {
	if o.MaxDays <= 0 {
		o.MaxDays = DefaultMaxDays
	}
	o.MaxDays = min(o.MaxDays, 366)
	if o.Window <= 0 {
		o.Window = DefaultWindow
	}
	return &Merger{
		maxDays:       o.MaxDays,
		windowDays:    int(math.Ceil(o.Window.Hours() / 24)),
		acrossStories: o.AcrossStories,
		byID:          map[string]int{},
		days:          map[mergeKey]map[int32][]int32{},
		scopes:        map[scopeKey][]int32{},
		docs:          map[string]docEntry{},
		limit:         o.Limit,
		newest:        noDay,
	}
}

// Merge merges the events of docs, taken in order of publication date (no
// date last) and id, and returns the canonical events ordered by first-seen
// date and id.
func Merge(docs []*chronicle.Document, o MergeOptions) ([]Canonical, error) {
	sorted := slices.Clone(docs)
	slices.SortStableFunc(sorted, func(a, b *chronicle.Document) int {
		if (a.Date == "") != (b.Date == "") {
			if a.Date == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(strings.Compare(a.Date, b.Date), strings.Compare(a.ID, b.ID))
	})
	m := NewMerger(o)
	var errs []error
	for _, d := range sorted {
		if _, err := m.Add(d); err != nil {
			errs = append(errs, err)
		}
	}
	return m.Canonical(), errors.Join(errs...)
}

// Add merges the events of doc and returns, for each of doc.Events, the ID of
// its canonical event ("" for an event without a CAMEO code). Adding a
// document id again changes nothing and returns the IDs given the first time.
func (m *Merger) Add(doc *chronicle.Document) ([]string, error) {
	if doc == nil {
		return nil, errors.New("merge events: nil document")
	}
	if doc.ID == "" {
		return nil, fmt.Errorf("merge events: document %q: no id", doc.Title)
	}
	if e, ok := m.docs[doc.ID]; ok {
		return m.ids(e.idx), nil
	}
	if len(doc.Events) == 0 {
		// Nothing to merge, and nothing changes: a replay of the stored
		// events, which never sees such documents, stays the same.
		return []string{}, nil
	}
	story := doc.Story
	pubDay, pubOK := parseDay(doc.Date)
	if pubOK && pubDay > m.newest {
		m.newest = pubDay
	}
	site := siteOf(doc)
	idx := make([]int32, len(doc.Events))
	for i := range doc.Events {
		ev := &doc.Events[i]
		idx[i] = -1
		root := cameoRoot(ev.CAMEO)
		if root == "" {
			continue
		}
		mn := Mention{
			DocID: doc.ID, URL: doc.URL, Site: site, Story: doc.Story, DocDate: doc.Date,
			EventID: ev.ID, Event: i, Sentence: ev.Sentence, Start: ev.Start, End: ev.End,
			Source: code(ev.Source), Target: code(ev.Target), CAMEO: ev.CAMEO, Date: ev.Date, Place: clonePlace(ev.Location), Factuality: ev.Factuality,
		}
		k := mergeKey{source: code(ev.Source), target: code(ev.Target), root: root}
		lo, hi, precise := dateSpan(ev.Date)
		vague := !precise || k.source == "" || k.target == ""
		scope := story
		if scope == "" {
			scope = doc.ID
		}
		c := m.find(k, scope, story, lo, hi, vague, pubDay, pubOK, mn.Place)
		if c < 0 {
			c = m.create(k, ev, mn)
		}
		m.attach(c, k, scope, ev, mn, pubDay, pubOK)
		idx[i] = c
	}
	m.docs[doc.ID] = docEntry{idx: idx}
	ids := m.ids(idx)
	if m.limit > 0 && len(m.events) > m.limit {
		m.dropOldest(m.limit * 3 / 4)
	}
	return ids, nil
}

// dropOldest drops all but the keep newest canonical events (see Limit)
// and the documents left without events, and rebuilds the indexes.
func (m *Merger) dropOldest(keep int) {
	drop := oldest(len(m.events), keep, func(a, b int) int { return cmp.Compare(m.events[a].age(), m.events[b].age()) })
	remap := make([]int32, len(m.events))
	var events []*canon
	for i, c := range m.events {
		if drop[i] {
			remap[i] = -1
			if m.gone == nil {
				m.gone = map[string]*canon{}
			}
			m.gone[c.id] = c
			continue
		}
		remap[i] = int32(len(events))
		events = append(events, c)
	}
	if len(events) == len(m.events) {
		return
	}
	m.dropped += len(m.events) - len(events)
	m.events = events
	m.byID = make(map[string]int, len(events))
	for i, c := range events {
		m.byID[c.id] = i
	}
	kept := func(idx []int32) []int32 {
		out := idx[:0]
		for _, ci := range idx {
			if ci >= 0 && remap[ci] >= 0 {
				out = append(out, remap[ci])
			}
		}
		return out
	}
	for k, byDay := range m.days {
		for d, idx := range byDay {
			if idx = kept(idx); len(idx) == 0 {
				delete(byDay, d)
			} else {
				byDay[d] = idx
			}
		}
		if len(byDay) == 0 {
			delete(m.days, k)
		}
	}
	for k, idx := range m.scopes {
		if idx = kept(idx); len(idx) == 0 {
			delete(m.scopes, k)
		} else {
			m.scopes[k] = idx
		}
	}
	for id, e := range m.docs {
		live := false
		for j, ci := range e.idx {
			if ci >= 0 {
				e.idx[j] = remap[ci]
				live = live || remap[ci] >= 0
			}
		}
		if !live {
			delete(m.docs, id)
		}
	}
}

// age is the day an event ages from: its last report's publication day, else
// the newest publication day when it was created.
func (c *canon) age() int32 {
	if c.seenOK {
		return c.lastSeen
	}
	return c.born
}

// Dropped returns how many canonical events the Limit dropped from the
// merger's memory.
func (m *Merger) Dropped() int { return m.dropped }

func (m *Merger) ids(idx []int32) []string {
	out := make([]string, len(idx))
	for i, c := range idx {
		if c >= 0 {
			out[i] = m.events[c].id
		}
	}
	return out
}

// find returns the event a mention joins, or -1.
func (m *Merger) find(k mergeKey, scope, story string, lo, hi int32, vague bool, pub int32, pubOK bool, place *chronicle.Place) int32 {
	// Events with a mention in the same scope are candidates for every
	// mention; precise mentions also look at the day buckets.
	cands := m.scopes[scopeKey{k, scope}]
	if byDay := m.days[k]; !vague && byDay != nil {
		cands = slices.Clone(cands)
		for d := lo - int32(m.maxDays); d <= hi+int32(m.maxDays); d++ {
			cands = append(cands, byDay[d]...)
		}
	}
	best := int32(-1)
	var bestDist int32
	for _, ci := range cands {
		c := m.events[ci]
		if ci == best {
			continue
		}
		if !vague {
			if !m.acrossStories && story != "" && c.story != "" && story != c.story {
				continue
			}
			if (story == "" || m.acrossStories) && pubOK && c.seenOK &&
				(pub-c.lastSeen > int32(m.windowDays) || c.firstSeen-pub > int32(m.windowDays)) {
				continue
			}
		}
		clo, chi := c.span()
		dist := gap(lo, hi, clo, chi)
		if dist > int32(m.maxDays) || !placesCompatible(place, c.place) {
			continue
		}
		if best < 0 || better(c, dist, m.events[best], bestDist, ci, best) {
			best, bestDist = ci, dist
		}
	}
	return best
}

func better(c *canon, dist int32, b *canon, bdist int32, ci, bi int32) bool {
	if c.articles != b.articles {
		return c.articles > b.articles
	}
	if dist != bdist {
		return dist < bdist
	}
	return ci < bi
}

func (m *Merger) create(k mergeKey, ev *chronicle.Event, mn Mention) int32 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%d\x00%d\x00%d\x00%s", mn.DocID, mn.Event, mn.Start, mn.End, mn.CAMEO)
	id := fmt.Sprintf("ce-%016x", h.Sum64())
	for n := 2; ; n++ {
		if _, dup := m.byID[id]; !dup {
			break
		}
		id = fmt.Sprintf("ce-%016x-%d", h.Sum64(), n)
	}
	c := &canon{id: id, key: k, story: mn.Story, day: noDay, born: m.newest}
	m.events = append(m.events, c)
	m.byID[id] = len(m.events) - 1
	return int32(len(m.events) - 1)
}

// attach adds a mention to event ci and updates the indexes.
func (m *Merger) attach(ci int32, k mergeKey, scope string, ev *chronicle.Event, mn Mention, pub int32, pubOK bool) {
	c := m.events[ci]
	newDoc := c.lastDoc != mn.DocID || len(c.mentions) == 0
	c.mentions = append(c.mentions, mn)
	if newDoc {
		c.articles++
		c.lastDoc = mn.DocID
		if c.sites == nil {
			c.sites = map[string]struct{}{}
		}
		c.sites[mn.Site] = struct{}{}
		if mn.DocDate != "" && (c.first == "" || mn.DocDate < c.first) {
			c.first = mn.DocDate
		}
		if pubOK {
			if !c.seenOK || pub < c.firstSeen {
				c.firstSeen = pub
			}
			if !c.seenOK || pub > c.lastSeen {
				c.lastSeen = pub
			}
			c.seenOK = true
		}
	}
	if c.reps == nil {
		c.reps = map[string]int{}
		c.repEvents = map[string]chronicle.Event{}
	}
	if _, ok := c.reps[mn.CAMEO]; !ok {
		c.reps[mn.CAMEO] = len(c.mentions) - 1
		c.repEvents[mn.CAMEO] = cloneEvent(ev)
	}
	c.cameo.add(mn.CAMEO, mn.DocID)
	c.fact.add(mn.Factuality, mn.DocID)
	if mn.Date != "" {
		c.dates.add(mn.Date, mn.DocID)
	}
	if known(mn.Place) {
		c.places.add(placeID(mn.Place), mn.DocID)
		if _, ok := c.placeOf[placeID(mn.Place)]; !ok {
			if c.placeOf == nil {
				c.placeOf = map[string]*chronicle.Place{}
			}
			c.placeOf[placeID(mn.Place)] = mn.Place
		}
	}
	oldDay := c.day
	c.reconcile()
	if c.day != noDay && c.day != oldDay && k.source != "" && k.target != "" {
		byDay := m.days[k]
		if byDay == nil {
			byDay = map[int32][]int32{}
			m.days[k] = byDay
		}
		byDay[c.day] = append(byDay[c.day], ci)
	}
	sk := scopeKey{k, scope}
	if s := m.scopes[sk]; len(s) == 0 || s[len(s)-1] != ci {
		m.scopes[sk] = append(s, ci)
	}
}

// Len returns the number of canonical events.
func (m *Merger) Len() int { return len(m.events) }

// Get returns the canonical event with the given ID, also when it was
// dropped by the Limit since the last Release.
func (m *Merger) Get(id string) (Canonical, bool) {
	i, ok := m.byID[id]
	if !ok {
		if c, ok := m.gone[id]; ok {
			return c.canonical(), true
		}
		return Canonical{}, false
	}
	return m.events[i].canonical(), true
}

// Release forgets the events dropped by the Limit, once the caller has
// read (Get) those it needs.
func (m *Merger) Release() { clear(m.gone) }

// Canonical returns every canonical event, ordered by first-seen date (none
// last) and ID.
func (m *Merger) Canonical() []Canonical {
	out := make([]Canonical, len(m.events))
	for i, c := range m.events {
		out[i] = c.canonical()
	}
	slices.SortFunc(out, func(a, b Canonical) int {
		if (a.FirstSeen == "") != (b.FirstSeen == "") {
			if a.FirstSeen == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(strings.Compare(a.FirstSeen, b.FirstSeen), strings.Compare(a.ID, b.ID))
	})
	return out
}

const noDay = math.MinInt32

// canon is a canonical event being built.
type canon struct {
	id       string
	key      mergeKey
	story    string
	mentions []Mention
	articles int
	lastDoc  string
	sites    map[string]struct{}
	first    string // earliest publication date as written

	firstSeen, lastSeen int32 // publication days
	seenOK              bool
	born                int32 // the newest publication day when created

	reps      map[string]int             // CAMEO code -> first mention with it
	repEvents map[string]chronicle.Event // CAMEO code -> first event with it
	cameo     tally
	fact      tally
	dates     tally
	places    tally
	placeOf   map[string]*chronicle.Place

	// Reconciled values.
	date       string
	day        int32 // day of date when day-precise, else noDay
	place      *chronicle.Place
	code       string
	factuality string
}

// span returns the day interval of the reconciled date.
func (c *canon) span() (int32, int32) {
	if c.day != noDay {
		return c.day, c.day
	}
	lo, hi, _ := dateSpan(c.date)
	return lo, hi
}

func (c *canon) reconcile() {
	c.code = c.cameo.best(nil)
	c.factuality = c.fact.best(nil)
	// Date: day-precise values first, ties to the earliest; else coarser
	// values, ties to the more precise, then the earliest.
	c.date = c.dates.best(func(a, b *vote) int {
		_, _, pa := dateSpan(a.val)
		_, _, pb := dateSpan(b.val)
		if pa != pb {
			if pa {
				return -1
			}
			return 1
		}
		if a.n != b.n {
			return b.n - a.n
		}
		if len(a.val) != len(b.val) {
			return len(b.val) - len(a.val)
		}
		return strings.Compare(a.val, b.val)
	})
	c.day = noDay
	if d, ok := parseDay(c.date); ok {
		c.day = d
	}
	// Place: the most specific level, then the most reports, then the first.
	id := c.places.best(func(a, b *vote) int {
		la, lb := level(c.placeOf[a.val]), level(c.placeOf[b.val])
		if la != lb {
			return lb - la
		}
		if a.n != b.n {
			return b.n - a.n
		}
		return a.order - b.order
	})
	c.place = c.placeOf[id]
}

func (c *canon) canonical() Canonical {
	rep := c.reps[c.code]
	r := c.repEvents[c.code]
	ev := cloneEvent(&r)
	ev.ID = c.id
	ev.Date = c.date
	if c.place != nil {
		p := *c.place
		ev.Location = &p
	}
	ev.Factuality = c.factuality
	out := Canonical{
		ID: c.id, Event: ev, Rep: rep, Mentions: make([]Mention, len(c.mentions)),
		NumMentions: len(c.mentions), NumSources: len(c.sites), NumArticles: c.articles,
		FirstSeen: c.first,
	}
	for i, m := range c.mentions {
		m.Place = clonePlace(m.Place)
		out.Mentions[i] = m
	}
	if s := c.dateConflicts().conflict("date", func(a, b *vote) int {
		return cmp.Or(b.n-a.n, strings.Compare(a.val, b.val))
	}, nil); s != "" {
		out.Conflicts = append(out.Conflicts, s)
	}
	if c.placeConflict() {
		s := c.places.conflict("place", func(a, b *vote) int {
			return cmp.Or(b.n-a.n, a.order-b.order)
		}, func(id string) string { return placeLabel(c.placeOf[id]) })
		out.Conflicts = append(out.Conflicts, s)
	}
	if s := c.cameo.conflict("cameo", func(a, b *vote) int { return cmp.Or(b.n-a.n, a.order-b.order) }, nil); s != "" {
		out.Conflicts = append(out.Conflicts, s)
	}
	if s := c.fact.conflict("factuality", func(a, b *vote) int { return cmp.Or(b.n-a.n, a.order-b.order) }, nil); s != "" {
		out.Conflicts = append(out.Conflicts, s)
	}
	return out
}

// dateConflicts returns the reported dates that disagree: every value when
// the reconciled date is not one day, else the days and the coarser values
// that do not contain the reconciled day (a month that contains it only
// refines nothing).
func (c *canon) dateConflicts() *tally {
	if c.day == noDay {
		return &c.dates
	}
	t := &tally{}
	for _, v := range c.dates.votes {
		if lo, hi, precise := dateSpan(v.val); precise || c.day < lo || c.day > hi {
			t.votes = append(t.votes, v)
		}
	}
	return t
}

// placeConflict reports whether two reported places are incompatible.
func (c *canon) placeConflict() bool {
	for i := range c.places.votes {
		for j := i + 1; j < len(c.places.votes); j++ {
			if !placesCompatible(c.placeOf[c.places.votes[i].val], c.placeOf[c.places.votes[j].val]) {
				return true
			}
		}
	}
	return false
}

// tally counts the articles reporting each value.
type tally struct{ votes []vote }

type vote struct {
	val     string
	n       int
	lastDoc string
	order   int
}

func (t *tally) add(val, doc string) {
	for i := range t.votes {
		if v := &t.votes[i]; v.val == val {
			if v.lastDoc != doc {
				v.n++
				v.lastDoc = doc
			}
			return
		}
	}
	t.votes = append(t.votes, vote{val: val, n: 1, lastDoc: doc, order: len(t.votes)})
}

// best returns the winning value: by order when cmpFn is nil (most votes,
// ties to the first), else the smallest by cmpFn.
func (t *tally) best(cmpFn func(a, b *vote) int) string {
	if cmpFn == nil {
		cmpFn = func(a, b *vote) int { return cmp.Or(b.n-a.n, a.order-b.order) }
	}
	var best *vote
	for i := range t.votes {
		if best == nil || cmpFn(&t.votes[i], best) < 0 {
			best = &t.votes[i]
		}
	}
	if best == nil {
		return ""
	}
	return best.val
}

// conflict describes a disagreement, or returns "" when all agree.
func (t *tally) conflict(field string, order func(a, b *vote) int, label func(string) string) string {
	if len(t.votes) < 2 {
		return ""
	}
	vs := make([]*vote, len(t.votes))
	for i := range t.votes {
		vs[i] = &t.votes[i]
	}
	slices.SortFunc(vs, order)
	parts := make([]string, len(vs))
	for i, v := range vs {
		name := v.val
		if label != nil {
			name = label(v.val)
		}
		if name == "" {
			name = "(none)"
		}
		unit := "reports"
		if v.n == 1 {
			unit = "report"
		}
		parts[i] = fmt.Sprintf("%s (%d %s)", name, v.n, unit)
	}
	return field + ": " + strings.Join(parts, " vs ")
}

func code(a *chronicle.ActorRef) string {
	if a == nil {
		return ""
	}
	return a.Code
}

// cameoRoot returns the first two digits of a CAMEO event code, or "".
func cameoRoot(c string) string {
	if len(c) < 2 || c[0] < '0' || c[0] > '9' || c[1] < '0' || c[1] > '9' {
		return ""
	}
	return c[:2]
}

// siteOf returns the site of a document: its URL's host without "www.",
// else its source, else its id.
func siteOf(d *chronicle.Document) string {
	if u, err := url.Parse(d.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	if d.Source != "" {
		return strings.ToLower(d.Source)
	}
	return "doc:" + d.ID
}

var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// parseDay returns the day number of a YYYY-MM-DD date.
func parseDay(s string) (int32, bool) {
	if len(s) != 10 {
		return 0, false
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, false
	}
	return int32(t.Sub(epoch).Hours() / 24), true
}

// dateSpan returns the days an ISO 8601 date value covers ("2025-03-02",
// "2025-03", "2025", ranges "2019/2021" and "2019/") and whether it is one
// day. An empty or unreadable value covers every day.
func dateSpan(s string) (lo, hi int32, precise bool) {
	const all = math.MaxInt32 / 4
	if d, ok := parseDay(s); ok {
		return d, d, true
	}
	from, to, isRange := strings.Cut(s, "/")
	if !isRange {
		to = from
	}
	lo, hi = -all, all
	if a, _, ok := periodSpan(from); ok {
		lo = a
	}
	if _, b, ok := periodSpan(to); ok {
		hi = b
	}
	if lo > hi {
		return -all, all, false
	}
	return lo, hi, false
}

// periodSpan returns the first and last day of a year, month or day.
func periodSpan(s string) (lo, hi int32, ok bool) {
	if d, ok := parseDay(s); ok {
		return d, d, true
	}
	var start, end time.Time
	switch len(s) {
	case 4:
		y, err := strconv.Atoi(s)
		if err != nil || y < 1 {
			return 0, 0, false
		}
		start = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		end = start.AddDate(1, 0, -1)
	case 7:
		t, err := time.Parse("2006-01", s)
		if err != nil {
			return 0, 0, false
		}
		start, end = t, t.AddDate(0, 1, -1)
	default:
		return 0, 0, false
	}
	return int32(start.Sub(epoch).Hours() / 24), int32(end.Sub(epoch).Hours() / 24), true
}

// gap returns the number of days between two intervals, 0 when they overlap.
func gap(alo, ahi, blo, bhi int32) int32 {
	switch {
	case ahi < blo:
		return blo - ahi
	case bhi < alo:
		return alo - bhi
	}
	return 0
}

// cloneEvent copies an event and the values it points to, so a canonical
// event shares nothing with the documents.
func cloneEvent(ev *chronicle.Event) chronicle.Event {
	out := *ev
	out.Source, out.Target, out.Speaker = cloneActor(ev.Source), cloneActor(ev.Target), cloneActor(ev.Speaker)
	out.Location = clonePlace(ev.Location)
	if ev.Trigger != nil {
		t := *ev.Trigger
		out.Trigger = &t
	}
	if ev.Quote != nil {
		q := *ev.Quote
		out.Quote = &q
	}
	out.Mentions = nil
	return out
}

func cloneActor(a *chronicle.ActorRef) *chronicle.ActorRef {
	if a == nil {
		return nil
	}
	c := *a
	return &c
}

func known(p *chronicle.Place) bool { return p != nil && p.Country != "" }

func clonePlace(p *chronicle.Place) *chronicle.Place {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}

// level ranks how specific a place is: city 3, admin1 2, country 1.
func level(p *chronicle.Place) int {
	if p == nil {
		return 0
	}
	r := p.Resolution
	if r == "" {
		r = p.Feature
	}
	switch r {
	case "city":
		return 3
	case "admin1":
		return 2
	}
	return 1
}

// placeID identifies a place: its GeoNames id, else its name and country.
func placeID(p *chronicle.Place) string {
	if p.GeoID != 0 {
		return "g" + strconv.Itoa(p.GeoID)
	}
	name := p.Name
	if name == "" {
		name = p.Text
	}
	return "n" + strings.ToLower(name) + "|" + p.Country
}

func placeLabel(p *chronicle.Place) string {
	if p == nil {
		return ""
	}
	name := cmp.Or(p.Name, p.Text)
	if level(p) == 1 {
		return cmp.Or(name, p.Country)
	}
	return name + ", " + p.Country
}

// placesCompatible reports whether two places can be where one event
// happened: either unknown, or the same country and, when both are
// city-level (or both admin1-level), the same place.
func placesCompatible(a, b *chronicle.Place) bool {
	if !known(a) || !known(b) {
		return true
	}
	if a.Country != b.Country {
		return false
	}
	la, lb := level(a), level(b)
	if la == lb && la > 1 {
		return samePlace(a, b)
	}
	return true
}

// samePlace reports whether two places are one: the same GeoNames id when
// both have one, else the same name in the same country.
func samePlace(a, b *chronicle.Place) bool {
	if a.GeoID != 0 && b.GeoID != 0 {
		return a.GeoID == b.GeoID
	}
	return a.Country == b.Country && strings.EqualFold(cmp.Or(a.Name, a.Text), cmp.Or(b.Name, b.Text))
}
