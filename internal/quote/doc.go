// Package quote finds direct and indirect quotes in a document and the
// speakers they are attributed to.
//
// Direct quotes are text between quotation marks (curly “…”, straight "…",
// or «…»). A quote that runs over several sentences is one Quote; a quote
// left open at the end of a paragraph and reopened in the next (the news
// convention for long quotes) gives one Quote per paragraph with the same
// speaker. Short quoted phrases (under five words without closing
// punctuation) are taken as scare quotes and kept only when a speaker is
// attributed in the same sentence; a quote with no speaker at all is kept
// only when it is a whole quoted sentence of five words or more.
//
// Attributions recognised, in the order tried:
//
//	"…," X said.            "…," said X, the minister.
//	X said: "…"             X told reporters that "…"
//	"…" – X, title          (a dash after the quote or on the next line)
//	X remarked:             (at the end of the paragraph before the quote)
//	according to X, "…"
//
// and, for the next quote of the same paragraph, the previous quote's
// speaker. Indirect speech (Direct false) is "X said (that) CLAUSE",
// "CLAUSE, X said", "according to X, CLAUSE" and "CLAUSE, according to X".
//
// Inverted attributions ("said X") are accepted only for cues that invert
// (say, add, write, note, ...) and only when X looks like a name; passive
// cues ("have been told that") are not speech by the subject.
//
// The attribution's words are trimmed before resolution: leading adverbials
// ("At a briefing on Thursday,", "Rejecting the claim,", "Hours later,"),
// all but the last clause ("The ruling came as the party said"), everything
// from an auxiliary on ("Trump has at various times said") and trailing
// adverbs ("Lammy also said"). A surname alone ("Roe said") takes the codes
// of the last person named in full with that surname.
//
// Speakers are resolved to the document's entities: the first person named
// in the attribution, else its first organisation or place; "he" and "she"
// to the last person named before, "it" and "they" to the last organisation
// (or group); "the minister" to the last person whose mention carries that
// title. When nothing matches, the speaker is the attribution's own words
// (up to the first comma, at most eight words). Pronouns carry no gender:
// "she" resolves to the last person named, whoever that is.
package quote
