package export

import (
	"bufio"
	"encoding/json"
	"io"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
)

// PLOVERRecord is a PLOVER v2 JSON event record (see the PLOVER manual's
// record fields); Chronicle adds factuality and the evidence span.
type PLOVERRecord struct {
	ID         string          `json:"id"`
	Date       string          `json:"date"`
	Actor      []PLOVEREntity  `json:"actor"`
	Recipient  []PLOVEREntity  `json:"recipient,omitempty"`
	Event      []string        `json:"event"`
	EventLoc   *PLOVERLocation `json:"event_loc,omitempty"`
	EventText  []string        `json:"event_text,omitempty"`
	QuadCode   int             `json:"quad_code,omitempty"`
	EventScale float64         `json:"event_scale"`
	Mode       []string        `json:"mode,omitempty"`
	Context    []string        `json:"context,omitempty"`
	Link       string          `json:"link,omitempty"`
	Text       string          `json:"text,omitempty"`
	TextInfo   PLOVERTextInfo  `json:"text_info"`
	CiteInfo   PLOVERCiteInfo  `json:"cite_info"`
	Coder      string          `json:"coder"`
	CodedDate  string          `json:"coded_date"`
	Factuality string          `json:"factuality,omitempty"`
	Confidence float64         `json:"confidence,omitempty"`
	CAMEO      string          `json:"cameo,omitempty"`
	// CanonicalID is Chronicle's id of the real-world event: records with
	// the same one are reports of one event.
	CanonicalID string `json:"canonical_id,omitempty"`
}

// PLOVEREntity is an actor or recipient entity.
type PLOVEREntity struct {
	Code           string `json:"code"`
	Sector         string `json:"sector,omitempty"`
	EntityText     string `json:"entity_text,omitempty"`
	IdentifierText string `json:"identifier_text,omitempty"`
	CAMEO          string `json:"cameo,omitempty"`
}

// PLOVERLocation is the event location object.
type PLOVERLocation struct {
	ExtractedPlace string  `json:"extracted_place,omitempty"`
	ResolvedPlace  string  `json:"resolved_place,omitempty"`
	GeonameID      int     `json:"geonameid,omitempty"`
	Lat            float64 `json:"lat"`
	Lon            float64 `json:"lon"`
	CountryCode    string  `json:"country_code,omitempty"`
	Resolution     int     `json:"resolution,omitempty"`
}

// PLOVERTextInfo locates the event in its document.
type PLOVERTextInfo struct {
	Sequence  int    `json:"sequence"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	TextStory string `json:"text_story,omitempty"`
}

// PLOVERCiteInfo cites the source document.
type PLOVERCiteInfo struct {
	Citation string `json:"citation,omitempty"`
	URL      string `json:"url,omitempty"`
	Title    string `json:"title,omitempty"`
	Coder    string `json:"coder"`
	Codebook string `json:"codebook"`
	Version  string `json:"version"`
}

// PLOVER writes PLOVER JSON records, one a line.
type PLOVER struct {
	w     *bufio.Writer
	enc   *json.Encoder
	coded string
}

// NewPLOVER returns a PLOVER writer; now is the coded date.
func NewPLOVER(w io.Writer, now time.Time) *PLOVER {
	if now.IsZero() {
		now = time.Now()
	}
	b := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	return &PLOVER{w: b, enc: enc, coded: now.UTC().Format("2006-01-02")}
}

// NewPLOVERRecord converts an event record.
func NewPLOVERRecord(r *chronicle.EventRecord, coded string) PLOVERRecord {
	p := PLOVERRecord{
		ID:          r.DocID + "#" + r.ID,
		Event:       []string{r.PLOVER},
		QuadCode:    r.Quad,
		EventScale:  r.Goldstein,
		Link:        r.DocURL,
		Text:        r.Sentence,
		TextInfo:    PLOVERTextInfo{Sequence: r.Event.Sentence, Start: r.Start, End: r.End},
		CiteInfo:    PLOVERCiteInfo{Citation: r.DocID, URL: r.DocURL, Title: r.DocTitle, Coder: "chronicle", Codebook: "PLOVER", Version: "2.0"},
		Coder:       "chronicle",
		CodedDate:   coded,
		Factuality:  r.Factuality,
		Confidence:  r.Confidence,
		CAMEO:       r.CAMEO,
		CanonicalID: r.CanonicalID,
	}
	if d := eventDay(r); !d.IsZero() {
		p.Date = d.Format("2006-01-02")
	}
	if r.Trigger != nil && r.Trigger.Text != "" {
		p.EventText = []string{r.Trigger.Text}
	}
	if e := ploverEntity(r.Source); e != nil {
		p.Actor = []PLOVEREntity{*e}
	} else {
		p.Actor = []PLOVEREntity{}
	}
	if e := ploverEntity(r.Target); e != nil {
		p.Recipient = []PLOVEREntity{*e}
	}
	if r.Mode != "" {
		p.Mode = append(p.Mode, r.Mode)
	}
	// PLOVER's auxiliary modes carry factuality.
	switch r.Factuality {
	case chronicle.FactPlanned:
		p.Mode = append(p.Mode, "future")
	case chronicle.FactHypothetical:
		p.Mode = append(p.Mode, "hypothetical")
	case chronicle.FactNegated:
		p.Mode = append(p.Mode, "negation")
	case chronicle.FactHistorical:
		p.Mode = append(p.Mode, "historical")
	}
	if l := r.Location; l != nil {
		res := map[string]int{"country": 1, "admin1": 2, "admin2": 3, "city": 4}[l.Resolution]
		p.EventLoc = &PLOVERLocation{ExtractedPlace: l.Text, ResolvedPlace: l.Name, GeonameID: l.GeoID, Lat: l.Lat, Lon: l.Lon, CountryCode: l.Country, Resolution: res}
	}
	return p
}

func ploverEntity(a *chronicle.ActorRef) *PLOVEREntity {
	if a.Empty() {
		return nil
	}
	e := &PLOVEREntity{EntityText: a.Text, IdentifierText: a.Name, CAMEO: a.Code, Sector: a.Sector}
	if len(a.Code) >= 3 {
		e.Code = a.Code[:3]
		if e.Sector == "" && len(a.Code) >= 6 {
			e.Sector = a.Code[3:6]
		}
	}
	return e
}

// Write writes one event.
func (p *PLOVER) Write(r *chronicle.EventRecord) error {
	rec := NewPLOVERRecord(r, p.coded)
	return p.enc.Encode(&rec)
}

// Close flushes the output.
func (p *PLOVER) Close() error { return p.w.Flush() }
