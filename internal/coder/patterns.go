package coder

// PatternMatch is a dictionary pattern that matched around a verb trigger:
// it may change the event code and name the source and target tokens.
type PatternMatch struct {
	Code   string // CAMEO code the pattern gives
	Source int    // token index of the source phrase head, or -1
	Target int    // token index of the target phrase head, or -1
	Rule   string // the pattern, for the event's rule
}

// matchPatterns tries the verb's patterns (PETRARCH2 "- * WITH [031]" style)
// around token v. Chronicle's own dictionary has none.
func (d *Dictionary) matchPatterns(st *sent, v int) (PatternMatch, bool) {
	return PatternMatch{}, false
}
