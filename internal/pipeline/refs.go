package pipeline

import (
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/actor"
	"github.com/chronicle-news/chronicle/internal/coder"
)

// quoteRefs returns the speakers of doc's quotes.
func quoteRefs(doc *chronicle.Document) []*chronicle.ActorRef {
	var out []*chronicle.ActorRef
	for i := range doc.Quotes {
		if doc.Quotes[i].Speaker != nil {
			out = append(out, doc.Quotes[i].Speaker)
		}
	}
	return out
}

// claimRefs returns the subjects of doc's claims.
func claimRefs(doc *chronicle.Document) []*chronicle.ActorRef {
	var out []*chronicle.ActorRef
	for i := range doc.Claims {
		if doc.Claims[i].Subject != nil {
			out = append(out, doc.Claims[i].Subject)
		}
	}
	return out
}

// resolveRefs gives an actor code to references that the quote and claim
// stages found by their text but could not code ("Pakistani officials",
// "the interior ministry"): the actor dictionary reads the tokens of the
// reference's span as of the document's date. What is still uncoded then
// is looked up in the rest of the document: a surname takes the code of
// the person's titled mention ("Balkhi" of "Afghan foreign ministry
// spokesperson Abdul Qahar Balkhi"), "the officials" the code of the
// "Iraqi officials" mentioned before.
func resolveRefs(doc *chronicle.Document, actors *actor.Dictionary, refs []*chronicle.ActorRef) {
	if actors == nil {
		return
	}
	resolveByDictionary(doc, actors, refs)
	var persons *coder.PersonResolver
	for _, r := range refs {
		if (r.Code != "" && !strings.HasPrefix(r.Code, "---")) || r.End <= r.Start {
			continue
		}
		if persons == nil {
			persons = coder.NewPersonResolver(doc, actors)
		}
		a, ok := persons.Resolve(r.Start, r.End)
		if !ok || a.Code == "" {
			continue
		}
		r.Code, r.Country, r.Sector = a.Code, a.Country, a.Sector
		if a.Name != "" {
			r.Name = a.Name
		}
	}
}

// resolveByDictionary codes references by the tokens of their own span.
func resolveByDictionary(doc *chronicle.Document, actors *actor.Dictionary, refs []*chronicle.ActorRef) {
	for _, r := range refs {
		// Uncoded, or only a nationality that heads a longer phrase
		// ("Brazilian" of "Brazilian officials").
		if (r.Code != "" && len(r.Code) != 3) || r.End <= r.Start {
			continue
		}
		s, lo, hi := tokenSpan(doc, r.Start, r.End)
		if s == nil {
			continue
		}
		for hi < len(s.Tokens) && (s.Tokens[hi].UPOS == "NOUN" || s.Tokens[hi].UPOS == "PROPN") {
			hi++
		}
		a, ok := actors.Resolve(s, lo, hi, doc.Date)
		if !ok || a.Code == "" || len(a.Code) <= len(r.Code) {
			continue
		}
		r.Code, r.Country, r.Sector = a.Code, a.Country, a.Sector
		if a.Name != "" {
			r.Name = a.Name
		}
		r.Text = doc.Text[s.Tokens[lo].Start:s.Tokens[hi-1].End]
		r.Start, r.End = s.Tokens[lo].Start, s.Tokens[hi-1].End
	}
}

// tokenSpan finds the sentence and token range covering bytes [start, end).
func tokenSpan(doc *chronicle.Document, start, end int) (*chronicle.Sentence, int, int) {
	for i := range doc.Sentences {
		s := &doc.Sentences[i]
		if start < s.Start || end > s.End {
			continue
		}
		lo, hi := -1, -1
		for k, t := range s.Tokens {
			if lo < 0 && t.End > start {
				lo = k
			}
			if t.Start < end {
				hi = k + 1
			}
		}
		if lo >= 0 && hi > lo {
			return s, lo, hi
		}
	}
	return nil, 0, 0
}
