// Package timex finds date expressions in a document and resolves them to
// ISO 8601 values relative to the publication date.
//
// Values are given at the precision the text supports: "2025", "2025-01",
// "2025-01-20". Ranges use a slash: "2019/" (open, from "since 2019"),
// "2019/2021" ("between 2019 and 2021"), "2024-07-31/2025-01-31" ("the past
// six months", ending on the publication date).
//
// Resolution rules, all relative to the publication date P:
//
//   - Weekdays ("on Monday", "Monday night") take the tense of the verb that
//     governs them: a past verb ("met on Monday") gives the latest such day
//     on or before P, a future form ("will meet", "is set to meet", "is
//     meeting", "to be held") the first such day on or after P. When the
//     weekday is P's own weekday the value is P itself in both tenses (news
//     style names the day even for the same day). "last Monday" is always
//     strictly before P and "next Monday" strictly after it. Without a
//     decisive tense the weekday is taken as past, the common case in news.
//     With a parse, the tense is read from the governing verb and its
//     auxiliaries, and a present-tense verb other than "says" counts as
//     future ("travels to Paris on Monday" is a scheduled event); without
//     one, the nearest tense cue in the clause decides (left of the date
//     first, then right).
//   - A day and month without a year ("January 20", "Jan. 20", "20 January")
//     takes the year that makes it the latest date on or before P for a past
//     verb, the first on or after P for a future verb, and otherwise the
//     date nearest to P. When the tense would put the date more than 200
//     days from P although the same day lies within 60 days of P, the near
//     one wins, so a misread tense cannot move a date by a year.
//   - A bare month ("in March") is the latest such month up to P's month,
//     or for a future verb the first from P's month on; "last March" is the latest March strictly before P's month,
//     "next March" the first strictly after it.
//   - "this week", "last week" and "next week" are Monday..Sunday ranges
//     ("2025-01-27/2025-02-02"), chosen over ISO week numbers so that string
//     comparison with YYYY-MM-DD filters keeps working. "the past week" is the
//     seven days ending on P. "this weekend" and "over the weekend" are the
//     Saturday/Sunday of P's week, or of the week before for a past verb
//     when that weekend is still to come.
//   - "this month", "earlier this month" and "later this month" are P's month
//     ("2025-01"); "last month" and "next month" the neighbouring months; the
//     same for years.
//   - "two years ago" is a year, "six months ago" a month, "three days ago" and
//     "two weeks ago" a day.
//
// A document without a publication date still gets its absolute dates;
// relative expressions are then reported with an empty value.
package timex
