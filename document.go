package chronicle

// Document is one news report and everything Chronicle found in it.
// The JSON shape is the contract's document result.
type Document struct {
	ID     string `json:"id"`
	URL    string `json:"url"`
	Title  string `json:"title"`
	Date   string `json:"date"` // publication date, YYYY-MM-DD, or empty
	Source string `json:"source"`
	// Story is the id of the story cluster the document belongs to, once
	// stored.
	Story string `json:"story,omitempty"`

	// Text is the extracted main text; every offset points into it.
	Text string `json:"text,omitempty"`
	// HTML is the raw markup the text was extracted from, if any. It is not
	// kept in results.
	HTML string `json:"-"`

	Sentences []Sentence     `json:"sentences"`
	Entities  []Entity       `json:"entities"`
	Events    []Event        `json:"events"`
	Quotes    []Quote        `json:"quotes"`
	Claims    []Claim        `json:"claims"`
	Dates     []DateMention  `json:"dates"`
	Places    []Place        `json:"places"`
	Errors    []string       `json:"errors"`
	Meta      map[string]any `json:"meta,omitempty"`
}

// Sentence is one sentence of a document. Tokens are kept in memory for the
// later stages and are not part of the JSON result.
type Sentence struct {
	I      int     `json:"i"`
	Start  int     `json:"start"`
	End    int     `json:"end"`
	Para   int     `json:"para"` // paragraph index, counted from 0
	Tokens []Token `json:"-"`
}

// Token is one word or punctuation mark with its annotations. Head is the
// 1-based index of the governing token within the sentence, 0 for the root,
// -1 when the sentence is not parsed.
type Token struct {
	Text   string
	Start  int
	End    int
	Lemma  string
	UPOS   string
	XPOS   string
	Feats  string
	Head   int
	DepRel string
	NER    string // B-TYPE, I-TYPE or O
	// SpaceAfter reports whether whitespace follows the token in the text.
	SpaceAfter bool
}

// Entity is a named entity mention. TokStart and TokEnd index the sentence's
// tokens (end exclusive).
type Entity struct {
	Text     string `json:"text"`
	Type     string `json:"type"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Sentence int    `json:"sentence"`
	Name     string `json:"name,omitempty"`
	Code     string `json:"code,omitempty"`
	Country  string `json:"country,omitempty"`
	TokStart int    `json:"-"`
	TokEnd   int    `json:"-"`
}

// Entity types.
const (
	EntPerson = "PERSON"
	EntOrg    = "ORG"
	EntGPE    = "GPE"
	EntLoc    = "LOC"
	EntFac    = "FAC"
	EntNORP   = "NORP"
	EntEvent  = "EVENT"
	EntLaw    = "LAW"
)

// ActorRef is an actor as it appears in an event, quote or claim: the text that
// named it and what the dictionaries resolved it to.
type ActorRef struct {
	Text    string `json:"text"`
	Name    string `json:"name,omitempty"`
	Code    string `json:"code,omitempty"`
	Country string `json:"country,omitempty"`
	Sector  string `json:"sector,omitempty"`
	Start   int    `json:"start,omitempty"`
	End     int    `json:"end,omitempty"`
}

// Empty reports whether the reference names no actor.
func (a *ActorRef) Empty() bool { return a == nil || (a.Text == "" && a.Code == "") }

// Event is one coded event with its evidence.
type Event struct {
	ID         string    `json:"id"`
	Sentence   int       `json:"sentence"`
	Start      int       `json:"start"`
	End        int       `json:"end"`
	Trigger    *Span     `json:"trigger,omitempty"`
	PLOVER     string    `json:"plover"`
	Mode       string    `json:"mode"`
	CAMEO      string    `json:"cameo"`
	Quad       int       `json:"quad"`
	Goldstein  float64   `json:"goldstein"`
	Source     *ActorRef `json:"source"`
	Target     *ActorRef `json:"target"`
	Date       string    `json:"date"`
	DateText   string    `json:"date_text"`
	Location   *Place    `json:"location"`
	Factuality string    `json:"factuality"`
	Confidence float64   `json:"confidence"`
	Rule       string    `json:"rule"`
	Quote      *int      `json:"quote"` // index into Document.Quotes when the event is reported inside a quote
	Speaker    *ActorRef `json:"speaker,omitempty"`
	// Mentions lists further evidence spans for the same event within the document.
	Mentions []Span `json:"mentions,omitempty"`
}

// Span is a piece of evidence: a byte span in a sentence.
type Span struct {
	Sentence int    `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text,omitempty"`
}

// Factuality values.
const (
	FactOccurred     = "occurred"
	FactPlanned      = "planned"
	FactNegated      = "negated"
	FactHypothetical = "hypothetical"
	FactReported     = "reported"
	FactHistorical   = "historical"
)

// Quote is direct or indirect speech with its speaker.
type Quote struct {
	Text     string    `json:"text"`
	Start    int       `json:"start"`
	End      int       `json:"end"`
	Sentence int       `json:"sentence"`
	EndSent  int       `json:"end_sentence"`
	Direct   bool      `json:"direct"`
	Cue      string    `json:"cue"`
	Speaker  *ActorRef `json:"speaker"`
}

// Claim is a numeric or comparative statement.
type Claim struct {
	Text       string    `json:"text"`
	Start      int       `json:"start"`
	End        int       `json:"end"`
	Sentence   int       `json:"sentence"`
	Quantity   *Quantity `json:"quantity"`
	Trend      string    `json:"trend"`
	Comparison string    `json:"comparison"`
	Subject    *ActorRef `json:"subject"`
	Time       string    `json:"time"`
}

// Quantity is a number as claimed: an exact value has Low == High.
type Quantity struct {
	Low    float64 `json:"low"`
	High   float64 `json:"high"`
	Approx bool    `json:"approx"`
	Unit   string  `json:"unit"`
	Text   string  `json:"text,omitempty"`
}

// DateMention is a date expression resolved to ISO 8601 at the precision
// known ("2025", "2025-01", "2025-01-20", ranges as "2019/" or "2019/2021").
type DateMention struct {
	Text     string `json:"text"`
	Value    string `json:"value"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Sentence int    `json:"sentence"`
}

// Place is a resolved (or unresolved) place mention.
type Place struct {
	Text       string  `json:"text"`
	Name       string  `json:"name"`
	Country    string  `json:"country"`
	Admin1     string  `json:"admin1,omitempty"`
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Sentence   int     `json:"sentence"`
	Feature    string  `json:"feature,omitempty"`    // city, admin1, country, region
	Resolution string  `json:"resolution,omitempty"` // city, admin1, country, unknown
	GeoID      int     `json:"geonameid,omitempty"`
}

// QuadClass returns the CAMEO quad class of a CAMEO event code as GDELT uses
// it: 1 verbal cooperation (roots 01-05), 2 material cooperation (06-09),
// 3 verbal conflict (10-14), 4 material conflict (15-20); 0 for no code.
// (PLOVER's own type table puts PROTEST under material conflict; Event.Quad
// follows CAMEO so that exports agree with GDELT.)
func QuadClass(code string) int {
	if len(code) < 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9' {
		return 0
	}
	root := int(code[0]-'0')*10 + int(code[1]-'0')
	switch {
	case root < 1 || root > 20:
		return 0
	case root <= 5:
		return 1
	case root <= 9:
		return 2
	case root <= 14:
		return 3
	}
	return 4
}
