package claim

import (
	"context"
	"fmt"
	"sort"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/timex"
)

// Annotate fills doc.Claims. It reads doc.Dates, doc.Entities and
// doc.Quotes when the earlier stages filled them.
func Annotate(ctx context.Context, doc *chronicle.Document) error {
	doc.Claims = doc.Claims[:0]
	for si, s := range doc.Sentences {
		if si%64 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("find claims: %w", err)
			}
		}
		if s.Start < 0 || s.Start > s.End || s.End > len(doc.Text) {
			continue
		}
		sc := newScanner(doc, si)
		for _, c := range sc.claims() {
			c.Sentence = si
			c.Text = doc.Text[c.Start:c.End]
			c.Subject = subject(doc, si, c.Start, c.End)
			if d := timex.ForSpan(doc, si, c.Start, c.End); d != nil {
				c.Time = d.Value
			}
			doc.Claims = append(doc.Claims, c)
		}
	}
	return nil
}

// subject returns the actor a claim in sentence si at [start, end) is about:
// the nearest actor-like entity before it in the sentence, else the speaker
// of the quote containing it.
func subject(doc *chronicle.Document, si, start, end int) *chronicle.ActorRef {
	var best *chronicle.Entity
	for i := range doc.Entities {
		e := &doc.Entities[i]
		if e.Sentence != si || e.End > start {
			continue
		}
		switch e.Type {
		case chronicle.EntPerson, chronicle.EntOrg, chronicle.EntGPE, chronicle.EntNORP:
			if best == nil || e.Start > best.Start {
				best = e
			}
		}
	}
	if best != nil {
		ref := &chronicle.ActorRef{Text: best.Text, Name: best.Name, Code: best.Code,
			Country: best.Country, Start: best.Start, End: best.End}
		if len(best.Code) >= 6 {
			ref.Sector = best.Code[3:6]
		}
		return ref
	}
	for _, q := range doc.Quotes {
		if q.Start <= start && end <= q.End && q.Speaker != nil {
			sp := *q.Speaker
			return &sp
		}
	}
	return nil
}

// sortClaims orders claims by start offset.
func sortClaims(cs []chronicle.Claim) {
	sort.SliceStable(cs, func(a, b int) bool { return cs[a].Start < cs[b].Start })
}

func lowerHas(s string, words ...string) bool {
	s = strings.ToLower(s)
	for _, w := range words {
		if s == w {
			return true
		}
	}
	return false
}
