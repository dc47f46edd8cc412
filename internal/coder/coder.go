// Package coder turns parsed sentences into events: PLOVER type and mode,
// CAMEO code, source, target, date, place and factuality, each with the rule
// that made it and its evidence span.
//
// The coder reads the dependency parse (UD relations) when the sentence has
// one: subjects, objects, obliques, passive agents, xcomp control, conjuncts,
// light verbs and nominal events. Without a parse it falls back to word order.
package coder

import (
	"bufio"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"os"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

// ActorResolver resolves a noun phrase of a sentence to an actor as of a date
// (the actor dictionary implements it).
type ActorResolver interface {
	Resolve(s *chronicle.Sentence, start, end int, date string) (chronicle.ActorRef, bool)
}

// Locator finds where the event triggered at a token happened (the gazetteer
// implements it).
type Locator interface {
	EventLocation(doc *chronicle.Document, sent, trigger int) *chronicle.Place
}

// Options configure a coder.
type Options struct {
	VerbsFile    string // replaces the built-in verb dictionary when set
	DiscardsFile string // replaces the built-in discards when set
}

// Coder codes events with a verb dictionary and an actor dictionary.
type Coder struct {
	Actors   ActorResolver
	Places   Locator
	Verbs    *Dictionary
	Discards []string // lower-case phrases; a sentence containing one is not coded
	// Trace, when not nil, receives a line for each decision (explain).
	Trace func(format string, args ...any)
}

// New returns a coder with the dictionaries the options name.
func New(opts Options) (*Coder, error) {
	c := &Coder{}
	if opts.VerbsFile != "" {
		f, err := os.Open(opts.VerbsFile)
		if err != nil {
			return nil, fmt.Errorf("load verbs: %w", err)
		}
		defer f.Close()
		d, err := LoadVerbs(opts.VerbsFile, f)
		if err != nil {
			return nil, err
		}
		c.Verbs = d
	} else {
		d, err := BuiltinDictionary()
		if err != nil {
			return nil, err
		}
		c.Verbs = d
	}
	if opts.DiscardsFile != "" {
		ds, err := LoadDiscards(opts.DiscardsFile)
		if err != nil {
			return nil, err
		}
		c.Discards = ds
	}
	return c, nil
}

// LoadDiscards reads a PETRARCH2 discard file: one phrase a line, "#"
// comments, optional "+" or "-" prefixes and "[code]" suffixes ignored.
func LoadDiscards(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load discards: %w", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		s := sc.Text()
		if i := strings.IndexByte(s, '#'); i >= 0 {
			s = s[:i]
		}
		if i := strings.IndexByte(s, '['); i >= 0 {
			s = s[:i]
		}
		s = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(s), "+-~"))
		if s == "" || strings.HasPrefix(s, "<") {
			continue
		}
		out = append(out, strings.ToLower(strings.ReplaceAll(s, "_", " ")))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("load discards %s: %w", path, err)
	}
	return out, nil
}

func (c *Coder) tracef(format string, args ...any) {
	if c.Trace != nil {
		c.Trace(format, args...)
	}
}

// Annotate fills doc.Events.
func (c *Coder) Annotate(ctx context.Context, doc *chronicle.Document) error {
	if c.Verbs == nil {
		d, err := BuiltinDictionary()
		if err != nil {
			return err
		}
		c.Verbs = d
	}
	doc.Events = doc.Events[:0]
	ctxDoc := newDocContext(doc)
	for si := range doc.Sentences {
		if err := ctx.Err(); err != nil {
			return err
		}
		s := &doc.Sentences[si]
		if d := c.discarded(doc, s); d != "" {
			c.tracef("sentence %d: discarded by %q", si, d)
			continue
		}
		evs := c.codeSentence(ctxDoc, si)
		doc.Events = append(doc.Events, evs...)
	}
	doc.Events = mergeDuplicates(doc.Events)
	return nil
}

func (c *Coder) discarded(doc *chronicle.Document, s *chronicle.Sentence) string {
	if len(c.Discards) == 0 {
		return ""
	}
	text := " " + strings.ToLower(doc.Text[s.Start:s.End]) + " "
	for _, d := range c.Discards {
		if strings.Contains(text, " "+d+" ") {
			return d
		}
	}
	return ""
}

// eventID makes a stable id from the document, sentence, trigger and code.
func eventID(docID string, sent, start int, code string, src, tgt string) string {
	h := sha1.Sum([]byte(fmt.Sprintf("%s\x00%d\x00%d\x00%s\x00%s\x00%s", docID, sent, start, code, src, tgt)))
	return hex.EncodeToString(h[:8])
}

// mergeDuplicates keeps one event for the same source, target, code and date
// within a document, adding the other mentions as evidence.
func mergeDuplicates(evs []chronicle.Event) []chronicle.Event {
	if len(evs) < 2 {
		return evs
	}
	seen := map[string]int{}
	out := evs[:0]
	for _, e := range evs {
		key := ""
		if e.Source != nil && e.Target != nil && e.Source.Code != "" && e.Target.Code != "" {
			key = strings.Join([]string{e.Source.Code, e.Target.Code, e.CAMEO, e.Date, e.Factuality}, "|")
		}
		if key != "" {
			if i, ok := seen[key]; ok {
				if out[i].Sentence != e.Sentence {
					out[i].Mentions = append(out[i].Mentions, chronicle.Span{Sentence: e.Sentence, Start: e.Start, End: e.End})
				}
				continue
			}
			seen[key] = len(out)
		}
		out = append(out, e)
	}
	return out
}
