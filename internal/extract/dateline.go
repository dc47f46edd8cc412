package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// dateline matches a news dateline with a date at the start of a text:
// "WASHINGTON, March 3 (Wire) —", "KYIV, Ukraine, Feb. 5, 2025 —".
var dateline = regexp.MustCompile(`^[A-Z][A-Za-z .'-]{1,40},(?: [A-Z][A-Za-z .'-]{1,30},)? (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? ([0-3]?[0-9])(?:, ((?:19|20)[0-9]{2}))?\b`)

// DatelineDate returns the date (YYYY-MM-DD) that a text's dateline names,
// or "". A dateline without a year takes the year that puts the date
// nearest before ref (the fetch time).
func DatelineDate(text string, ref time.Time) string {
	if len(text) > 200 {
		text = text[:200]
	}
	m := dateline.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return ""
	}
	month := map[string]time.Month{"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6, "Jul": 7, "Aug": 8,
		"Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}[m[1]]
	day, err := strconv.Atoi(m[2])
	if err != nil || day < 1 || day > 31 {
		return ""
	}
	year := ref.Year()
	if m[3] != "" {
		year, _ = strconv.Atoi(m[3])
	}
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	if t.Month() != month {
		return "" // February 30
	}
	if m[3] == "" && t.After(ref.AddDate(0, 0, 1)) {
		t = t.AddDate(-1, 0, 0)
	}
	return t.Format("2006-01-02")
}
