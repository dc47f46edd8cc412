package timex

import "strings"

// Tense of the verb governing a date expression.
const (
	tenseNone = iota
	tensePast
	tenseFuture
)

// tenseAt returns the tense of the verb group governing the words from index
// i (the first word of a date expression) to j (exclusive). With a parse it
// starts from the governing verb; otherwise it scans leftwards from the
// expression to the start of its clause, then rightwards, and the first
// decisive cue wins.
func tenseAt(ws []word, i, j int) int {
	if i < 0 || i >= len(ws) {
		return tenseNone
	}
	if v := governingVerb(ws, i, j); v >= 0 {
		if t := verbTense(ws, v); t != tenseNone {
			return t
		}
	}
	if t := scanLeft(ws, i); t != tenseNone {
		return t
	}
	return scanRight(ws, j)
}

// governingVerb follows the parse from word i up to the nearest verb outside
// [i, j), or returns -1 when the sentence is not parsed.
func governingVerb(ws []word, i, j int) int {
	k := i
	for range 4 {
		h := ws[k].head
		if h <= 0 || h > len(ws) {
			return -1
		}
		k = h - 1
		if k >= i && k < j {
			continue
		}
		if ws[k].upos == "VERB" || strings.HasPrefix(ws[k].xpos, "VB") {
			return k
		}
	}
	return -1
}

// verbTense reads the tense of parsed verb v from its own tag, its
// auxiliaries and, for an infinitive, the verb it completes ("is set to
// meet").
func verbTense(ws []word, v int) int {
	var aux []string
	for k, w := range ws {
		if w.head == v+1 && k != v && (strings.HasPrefix(w.deprel, "aux") || w.deprel == "mark") {
			aux = append(aux, w.lower)
		}
	}
	has := func(words ...string) bool {
		for _, a := range aux {
			for _, w := range words {
				if a == w {
					return true
				}
			}
		}
		return false
	}
	switch {
	case has("will", "shall", "'ll", "’ll", "wo", "would"):
		return tenseFuture
	case has("to"):
		h := ws[v].head
		if h <= 0 || h > len(ws) {
			return tenseNone
		}
		// "announced a plan to protect X on Tuesday": an infinitive under a
		// noun takes the tense of the clause the noun is in.
		if ws[h-1].upos == "NOUN" {
			if g := governingVerb(ws, h-1, h); g >= 0 && g != v {
				return verbTense(ws, g)
			}
			return tenseNone
		}
		if futureToVerb(ws[h-1].lower) || verbTense(ws, h-1) == tenseFuture {
			return tenseFuture
		}
		return tenseNone
	case has("has", "have", "had", "did", "was", "were"):
		return tensePast
	case ws[v].xpos == "VBG" && has("is", "are", "am", "'s", "’s"):
		return tenseFuture
	case ws[v].xpos == "VBD":
		return tensePast
	case ws[v].xpos == "VBN" && len(aux) == 0:
		return tensePast
	case (ws[v].xpos == "VBZ" || ws[v].xpos == "VBP") && !strings.HasPrefix(ws[v].lower, "say"):
		return tenseFuture // "travels to Paris on Monday": a scheduled event
	}
	return tenseNone
}

// scanLeft looks at words before index k, nearest first, until a clause
// boundary.
func scanLeft(ws []word, k int) int {
	for x := k - 1; x >= 0; x-- {
		if clauseBoundary(ws[x].lower) {
			return tenseNone
		}
		if t := cue(ws, x); t != tenseNone {
			return t
		}
	}
	return tenseNone
}

// scanRight looks at words from index k on until a clause boundary.
func scanRight(ws []word, k int) int {
	for x := k; x < len(ws); x++ {
		if clauseBoundary(ws[x].lower) {
			return tenseNone
		}
		if t := cue(ws, x); t != tenseNone {
			return t
		}
	}
	return tenseNone
}

func clauseBoundary(w string) bool {
	switch w {
	case ";", "“", "”", "\"", "that", "which", "who", "but", "while", "whereas":
		return true
	}
	return false
}

// cue returns the tense word x signals, if any.
func cue(ws []word, x int) int {
	w := ws[x].lower
	prev, next := "", ""
	if x > 0 {
		prev = ws[x-1].lower
	}
	if x+1 < len(ws) {
		next = ws[x+1].lower
	}
	switch w {
	case "will", "'ll", "’ll", "shall", "wo", "would", "upcoming", "tomorrow":
		return tenseFuture
	case "to":
		if futureToVerb(prev) {
			return tenseFuture
		}
		return tenseNone
	case "has", "have", "had", "did", "was", "were", "ago", "yesterday":
		if w == "was" || w == "were" {
			if next == "to" || next == "due" || next == "set" || next == "expected" {
				return tenseNone
			}
		}
		return tensePast
	}
	if futureToVerb(w) && next == "to" {
		return tenseFuture
	}
	xp := ws[x].xpos
	past := false
	switch {
	case xp == "VBD" || xp == "VBN":
		past = true
	case xp == "":
		past = pastForm(ws, x)
	}
	if past {
		switch prev {
		case "be":
			return tenseFuture // "will be held", "to be signed"
		case "is", "are", "am":
			return tenseNone // present passive: "is planned for March"
		}
		return tensePast
	}
	if xp == "VBG" || (xp == "" && strings.HasSuffix(w, "ing") && len(w) > 5) {
		switch prev {
		case "is", "are", "am", "'s", "’s":
			return tenseFuture // "is meeting on Monday"
		case "was", "were":
			return tensePast
		}
	}
	return tenseNone
}

// futureToVerb reports whether w before "to" marks a planned event ("is set
// to", "plans to", "is due to").
func futureToVerb(w string) bool {
	switch w {
	case "set", "due", "expected", "scheduled", "slated", "poised", "plans", "plan",
		"planning", "going", "aims", "intends", "hopes", "wants", "vowed", "promised",
		"pledged", "threatened", "prepares", "preparing", "likely", "about":
		return true
	}
	return false
}

// pastForm guesses from its spelling whether word x is a past-tense or past
// participle verb, for sentences without part-of-speech tags.
func pastForm(ws []word, x int) bool {
	w := ws[x].lower
	if x > 0 && capitalized(ws[x].text) {
		return false // names such as "United" or "Ahmed"
	}
	switch w {
	case "said", "met", "went", "came", "took", "made", "gave", "told", "held", "left",
		"won", "lost", "saw", "began", "spoke", "wrote", "sent", "led", "fled", "fought",
		"brought", "bought", "built", "found", "got", "kept", "knew", "paid", "ran", "rose",
		"fell", "shot", "stood", "struck", "thought", "threw", "broke", "chose", "drove",
		"flew", "hung", "laid", "meant", "sat", "sold", "sought", "spent", "stole", "swore",
		"taught", "understood", "withdrew", "been", "done", "gone", "taken",
		"given", "spoken", "written", "chosen", "seen", "signed", "arrived":
		return true
	case "need", "speed", "proceed", "exceed", "succeed", "indeed", "hundred", "red",
		"bed", "shed", "seed", "feed", "breed", "embed", "bleed", "creed", "greed", "weed":
		return false
	}
	return len(w) > 4 && strings.HasSuffix(w, "ed")
}
