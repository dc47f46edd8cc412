package quote

import (
	"regexp"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
)

var wordBoundRE = regexp.MustCompile(`[\p{L}\p{N}'’.-]+`)

// speaker resolves the attribution words in [start, end) to an actor, or
// returns nil when they do not look like a speaker.
func (f *finder) speaker(start, end int) *chronicle.ActorRef {
	if start < 0 || end > len(f.text) || start >= end {
		return nil
	}
	region := f.text[start:end]
	trimmed := strings.TrimLeft(region, " \t\n,")
	start += len(region) - len(trimmed)
	if loc := leadJunkRE.FindStringIndex(trimmed); loc != nil {
		trimmed = trimmed[loc[1]:]
		start += loc[1]
	}
	// Leading adverbials are not the speaker: "At a briefing on Thursday, the
	// envoy remarked".
	for {
		w := strings.ToLower(wordBoundRE.FindString(trimmed))
		i := strings.IndexByte(trimmed, ',')
		if i < 0 {
			break
		}
		chunk := strings.ToLower(strings.TrimSpace(trimmed[:i]))
		if !(adverbialStart(w) || len(w) > 5 && strings.HasSuffix(w, "ing") ||
			strings.HasSuffix(chunk, " later") || strings.HasSuffix(chunk, " earlier") || strings.HasSuffix(chunk, " ago")) {
			break // "Rebutting the claim, Balkhi said", "Hours later, police said"
		}
		rest := strings.TrimLeft(trimmed[i+1:], " \t\n")
		start += len(trimmed) - len(rest)
		trimmed = rest
	}
	// Only the last clause names the speaker: "The statement comes as the
	// Kremlin said", "Russia has not agreed, but Trump said".
	full := span{start, start + len(trimmed)}
	if locs := clauseJoinRE.FindAllStringIndex(trimmed, -1); locs != nil {
		loc := locs[len(locs)-1]
		// Not inside "speaking after the talks".
		if !strings.HasSuffix(lastField(strings.TrimRight(trimmed[:loc[0]], " ,")), "ing") {
			start += loc[1]
			trimmed = trimmed[loc[1]:]
		}
	}
	// An auxiliary ends the subject: "Trump has at various times said".
	if fs := strings.Fields(trimmed); len(fs) > 2 {
		for k, w := range fs[1:] {
			switch strings.ToLower(w) {
			case "has", "have", "had", "will", "would", "could", "can", "may", "might", "did", "does", "do":
				cut := strings.Index(trimmed, " "+w+" ")
				if cut > 0 && k+1 < len(fs)-1 {
					trimmed = trimmed[:cut]
				}
			}
		}
	}
	trimmed = strings.TrimRight(trimmed, " \t\n,.:")
	// Trailing adverbs are not part of the name: "Lammy also said".
	for {
		w := lastField(trimmed)
		if !trailingAdverb(strings.ToLower(w)) || len(w) == len(trimmed) {
			break
		}
		trimmed = strings.TrimRight(trimmed[:len(trimmed)-len(w)], " \t\n,")
	}
	end = start + len(trimmed)
	if trimmed == "" {
		return nil
	}
	e := f.entityIn(start, end)
	if e == nil {
		e = f.entityIn(full.start, full.end)
	}
	if e != nil {
		ref := f.fullName(entityRef(e))
		f.lastSpeaker = ref
		return ref
	}
	words := wordBoundRE.FindAllString(trimmed, -1)
	if len(words) == 0 {
		return nil
	}
	first := strings.ToLower(words[0])
	if len(words) == 1 {
		switch first {
		case "he", "she":
			return f.antecedent(start, first, chronicle.EntPerson)
		case "it":
			return f.antecedent(start, first, chronicle.EntOrg, chronicle.EntGPE)
		case "they":
			return f.antecedent(start, first, chronicle.EntOrg, chronicle.EntNORP, chronicle.EntPerson)
		case "i", "we", "you", "who", "which", "that":
			return nil
		}
	}
	if title := titleNoun(words); title != "" {
		if e := f.titled(title, start); e != nil {
			return entityRef(e)
		}
	}
	// The attribution's own words: up to the first comma (the appositive
	// after it is a title), at most eight words.
	if i := strings.IndexByte(trimmed, ','); i > 0 {
		trimmed = strings.TrimSpace(trimmed[:i])
		end = start + len(trimmed)
	}
	if n := len(strings.Fields(trimmed)); n == 0 || n > 8 {
		return nil
	}
	ref := &chronicle.ActorRef{Text: trimmed, Start: start, End: end}
	if isUpperStart(trimmed) && !isDeterminer(first) {
		ref = f.fullName(ref)
		f.lastSpeaker = ref
	}
	return ref
}

// fullName fills in an uncoded speaker named by a surname ("Berg said") from
// the last earlier person whose name ends with it ("Tomas Berg").
func (f *finder) fullName(ref *chronicle.ActorRef) *chronicle.ActorRef {
	if ref.Code != "" || strings.ContainsRune(ref.Text, ' ') {
		return ref
	}
	for i := len(f.doc.Entities) - 1; i >= 0; i-- {
		e := &f.doc.Entities[i]
		if e.Type == chronicle.EntPerson && e.End <= ref.Start && e.Code != "" &&
			strings.HasSuffix(e.Text, " "+ref.Text) {
			full := entityRef(e)
			full.Text, full.Start, full.End = ref.Text, ref.Start, ref.End
			if full.Name == "" {
				full.Name = e.Text
			}
			return full
		}
	}
	return ref
}

// adverbialStart reports whether a phrase starting with w is an adverbial
// rather than a speaker.
func adverbialStart(w string) bool {
	switch w {
	case "at", "on", "in", "after", "during", "before", "speaking", "later", "earlier",
		"meanwhile", "however", "separately", "asked", "when", "while", "from", "with",
		"despite", "following", "since", "yesterday", "today", "also", "still", "now":
		return true
	}
	return false
}

var clauseJoinRE = regexp.MustCompile(`(?i)(?:^|[\s,])(?:as|while|because|when|but|since|although|though|if|where|so|whereas|after|before)\s+`)

func lastField(s string) string {
	i := strings.LastIndexAny(s, " \t\n")
	return s[i+1:]
}

func trailingAdverb(w string) bool {
	switch w {
	case "also", "further", "later", "previously", "earlier", "then", "now", "separately",
		"again", "recently", "once", "still", "meanwhile", "however", "too", "has", "had", "have":
		return true
	}
	return false
}

func isDeterminer(w string) bool {
	switch w {
	case "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our":
		return true
	}
	return false
}

// entityIn returns the entity that best names a speaker inside [start, end):
// the first person, else the first other actor-like entity.
func (f *finder) entityIn(start, end int) *chronicle.Entity {
	var other *chronicle.Entity
	for i := range f.doc.Entities {
		e := &f.doc.Entities[i]
		if e.Start < start || e.End > end || e.Start >= e.End {
			continue
		}
		switch e.Type {
		case chronicle.EntPerson:
			return e
		case chronicle.EntOrg, chronicle.EntGPE, chronicle.EntNORP:
			if other == nil {
				other = e
			}
		}
	}
	return other
}

// antecedent resolves a pronoun at offset off to the last entity of one of
// the given types mentioned before it, or to the last named speaker.
func (f *finder) antecedent(off int, pronoun string, types ...string) *chronicle.ActorRef {
	for _, t := range types {
		var best *chronicle.Entity
		for i := range f.doc.Entities {
			e := &f.doc.Entities[i]
			if e.Type == t && e.End <= off && (best == nil || e.Start > best.Start) {
				best = e
			}
		}
		if best != nil {
			return entityRef(best)
		}
	}
	if f.lastSpeaker != nil {
		ref := *f.lastSpeaker
		return &ref
	}
	return &chronicle.ActorRef{Text: pronoun, Start: off, End: off + len(pronoun)}
}

// titleNoun returns the title a speaker phrase ends with ("the foreign
// minister" -> "minister"), or "".
func titleNoun(words []string) string {
	if len(words) > 5 {
		return ""
	}
	w := strings.ToLower(words[len(words)-1])
	switch w {
	case "minister", "president", "spokesman", "spokeswoman", "spokesperson", "secretary",
		"official", "ambassador", "envoy", "governor", "mayor", "senator", "general",
		"commander", "chief", "leader", "director", "chairman", "chairwoman", "premier",
		"chancellor", "king", "queen", "lawmaker", "congressman", "congresswoman",
		"prosecutor", "judge", "adviser", "advisor", "diplomat", "representative",
		"negotiator", "pope", "candidate", "activist", "lawyer", "attorney":
		return w
	}
	return ""
}

// titled returns the last person before offset off whose mention carries
// the title: "Foreign Minister Jane Doe" or "Jane Doe, the minister".
func (f *finder) titled(title string, off int) *chronicle.Entity {
	for i := len(f.doc.Entities) - 1; i >= 0; i-- {
		e := &f.doc.Entities[i]
		if e.Type != chronicle.EntPerson || e.End > off {
			continue
		}
		lo, hi := max(0, e.Start-40), min(len(f.text), e.End+60)
		if e.Sentence >= 0 && e.Sentence < len(f.doc.Sentences) {
			s := f.doc.Sentences[e.Sentence]
			lo, hi = max(lo, s.Start), min(hi, s.End)
		}
		if lo > e.Start || e.End > hi {
			continue
		}
		// "Foreign Minister Jane Doe", "the minister, Jane Doe"
		pre := strings.ToLower(strings.TrimRight(f.text[lo:e.Start], " ,"))
		if strings.HasSuffix(pre, title) && (len(pre) == len(title) || !isLetter(pre[len(pre)-len(title)-1])) {
			return e
		}
		// "Jane Doe, the foreign minister,"
		post := strings.TrimLeft(f.text[e.End:hi], " ")
		if rest, ok := strings.CutPrefix(post, ","); ok {
			for _, w := range strings.Fields(rest)[:min(5, len(strings.Fields(rest)))] {
				if strings.ToLower(strings.Trim(w, ",.;:")) == title {
					return e
				}
			}
		}
	}
	return nil
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80 }

func entityRef(e *chronicle.Entity) *chronicle.ActorRef {
	ref := &chronicle.ActorRef{Text: e.Text, Name: e.Name, Code: e.Code, Country: e.Country, Start: e.Start, End: e.End}
	if len(e.Code) >= 6 {
		ref.Sector = e.Code[3:6]
	}
	return ref
}
