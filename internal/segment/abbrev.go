package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kinds of words ending in a full stop that keep it.
const (
	notAbbrev     = iota
	titleAbbrev   // Mr., Gen.: never ends a sentence
	otherAbbrev   // U.S., Inc., etc.: may end a sentence
	initialAbbrev // W. in George W. Bush; ends a sentence only before a strong starter ("on X. The")
)

// isAbbrev reports whether core followed by a full stop is an abbreviation
// that keeps its stop. next is the text after the word, used for "No. 5".
func isAbbrev(core, next string) bool {
	return abbrevKind(core, next) != notAbbrev
}

// abbrevKind classifies core (a word without its final full stop).
func abbrevKind(core, next string) int {
	if core == "" {
		return notAbbrev
	}
	r, size := utf8.DecodeRuneInString(core)
	if size == len(core) {
		if unicode.IsUpper(r) {
			return initialAbbrev
		}
		return notAbbrev
	}
	if strings.IndexByte(core, '.') > 0 && dottedLetters(core) {
		return otherAbbrev // U.S., a.m., Ph.D., e.g.
	}
	if n := len(core); n > 3 && (strings.EqualFold(core[n-3:], "a.m") || strings.EqualFold(core[n-3:], "p.m")) {
		return otherAbbrev // 10:30a.m.
	}
	switch core {
	case "Mr", "Mrs", "Ms", "Messrs", "Drs", "Mme", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Cmdt",
		"Sgt", "Cpl", "Pvt", "Adm", "Brig", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Pres", "Rev", "Hon",
		"St", "Ste", "Mt", "Ft", "Gov't", "Supt", "Amb", "Atty", "Insp", "Det", "Fr", "Sr", "Jr",
		"vs", "v", "Vs", "approx", "ca", "cf", "Fig", "fig", "Nr":
		if core == "Sr" || core == "Jr" {
			return otherAbbrev
		}
		return titleAbbrev
	case "No", "no", "Nos", "nos", "Art", "art", "Sec", "sec", "Vol", "vol", "pp", "p":
		if startsWithDigit(next) {
			return titleAbbrev
		}
		return notAbbrev
	case "Inc", "Corp", "Ltd", "Co", "Bros", "Cos", "Plc", "etc", "al", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
		"Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Dept", "Univ", "Assn", "Ave", "Blvd", "Rd", "est", "Est",
		"Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky",
		"La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Penn",
		"Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "yr", "yrs", "hrs", "min", "mins", "mt", "Gov'", "Intl",
		"Natl", "Mfg", "Bldg", "Hwy", "Mgr", "Sq":
		return otherAbbrev
	}
	return notAbbrev
}

// dottedLetters reports whether s is letters in groups of one to three
// separated by single full stops ("U.S", "a.m", "Ph.D").
func dottedLetters(s string) bool {
	n := 0
	for _, r := range s {
		if r == '.' {
			if n == 0 {
				return false
			}
			n = 0
			continue
		}
		if !unicode.IsLetter(r) {
			return false
		}
		n++
		if n > 3 {
			return false
		}
	}
	return n > 0
}

func startsWithDigit(s string) bool {
	s = strings.TrimLeft(s, " \t\u00a0")
	return s != "" && isDigitByte(s[0])
}

// isSentenceStarter reports whether w (a capitalised word) commonly starts a
// sentence, which decides whether an abbreviation such as "U.S." before it
// ends the sentence.
func isSentenceStarter(w string) bool {
	switch w {
	case "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its", "Their", "Our",
		"My", "Your", "This", "That", "These", "Those", "There", "Here", "But", "And", "Or", "So", "Yet", "In",
		"On", "At", "For", "After", "Before", "When", "While", "As", "If", "Although", "Though", "However",
		"Meanwhile", "Still", "Also", "Many", "Some", "Most", "All", "According", "Last", "Earlier", "Later",
		"Since", "During", "Despite", "With", "Without", "By", "From", "Under", "Over", "Now", "Then", "Today",
		"Yesterday", "Both", "Each", "Such", "What", "Why", "How", "Who", "Where", "Which", "Other", "Another",
		"One", "Two", "Three", "More", "Even", "Only", "Not", "Asked", "Speaking", "Officials", "Critics",
		"Analysts", "Experts", "Authorities", "Police", "Nonetheless", "Nevertheless", "Moreover", "Instead",
		"Separately", "Similarly", "Additionally", "Furthermore", "Indeed", "Thus", "Because", "Once", "Until",
		"Unlike", "Like", "Among", "Following", "Amid", "Against", "Through", "Within", "Between", "No",
		"None", "Neither", "Every", "Any", "Few", "Several", "Much", "Whether", "Do", "Does", "Did",
		"Is", "Are", "Was", "Were", "Will", "Would", "Can", "Could", "Should", "May", "Might", "Must", "Has",
		"Have", "Had", "Let", "Please", "Yes", "Well", "Oh", "Mr.", "Mrs.", "Ms.", "Dr.",
		// Plural nouns that often open news sentences.
		"Prices", "Protesters", "Residents", "Troops", "Soldiers", "Lawmakers", "Witnesses", "Investigators",
		"Rescuers", "Voters", "Talks", "Negotiations", "Sales", "Shares", "Markets", "Stocks", "Exports", "Imports",
		"Inflation", "Unemployment", "Prosecutors", "Officers", "Leaders", "Diplomats", "Ministers", "Militants",
		"Rebels", "Refugees", "Migrants", "Workers", "Farmers", "Students", "Doctors", "Hospitals", "Schools",
		"Companies", "Investors", "Economists", "Scientists", "Researchers", "Supporters", "Opponents",
		"Together", "Overall":
		return true
	}
	return false
}

// isStrongStarter reports whether w almost always starts a sentence when
// capitalised mid-text, and is not a name: after an initial ("on X. The")
// only these end the sentence.
func isStrongStarter(w string) bool {
	switch w {
	case "The", "A", "An", "He", "She", "It", "They", "We", "I", "This", "That", "These", "Those", "There",
		"But", "And", "In", "On", "At", "For", "After", "Its", "His", "Her", "Their", "Our", "According",
		"Meanwhile", "However", "When", "While", "If", "Although", "Some", "Many", "Most":
		return true
	}
	return false
}
