// Package claim finds numeric claims, trends and comparisons in a document.
//
// A claim is a phrase with its byte span: a quantity ("3,200 people",
// "tens of thousands", "about 40%", "$5 billion", "between 1,500 and 3,000
// soldiers"), a trend ("homicides fell 50%", "a surge in arrests") or a
// comparison ("fewer murders than the United States", "the lowest rate in
// the region"), each with the actor it is about (Subject) and its time.
//
// Quantities. Exact numbers have Low == High. Vague amounts are ranges with
// Approx set: "dozens" 24..99, "hundreds" 200..999, "thousands"
// 2,000..9,999, "tens of thousands" 20,000..99,999, "hundreds of thousands"
// 200,000..999,999, "millions" 2..9.99 million, "a dozen" 12, "a few
// hundred" 200..500, "several thousand" 3,000..9,000. Hedges ("about",
// "nearly", "some", "an estimated", "as many as") set Approx. Lower bounds
// ("more than", "at least", "over") keep Low == High == the number with
// Approx set for counts, and run to the natural maximum for shares ("more
// than half" is 0.5..1 in unit "fraction", "over 40%" 40..100 in unit
// "percent"); upper bounds ("up to", "fewer than", "under") are 0..the
// number. Units: "percent", "fraction", ISO currency codes for money ("USD",
// "EUR", "GBP"), otherwise the head noun after the number ("people",
// "soldiers", "killed"); a bare count after a verb of detention or violence
// ("detained tens of thousands") is "people".
//
// Not claims: numbers inside date expressions or entity names (MS-13,
// COVID-19, G20), times (10:30, 5 p.m.), ages ("aged 45", "a 45-year-old",
// "Jane Doe, 45,"), ordinals, designators ("Article 5", "No. 2"), list
// markers, years, and definite counts ("the two leaders").
//
// Trends are verbs of change ("rose", "fell 50%", "has been growing",
// "doubled") with the noun phrase before them, and nouns of change with an
// article or a following "in"/"of" ("a sharp decline in homicides", "a 20%
// increase"); Trend is "up" or "down" and the amount of change, when given,
// is the Quantity. Without part-of-speech tags, "growing concern",
// "increased funding", "rose to power", "fell to the rebels", "the fall of
// the regime" and "where he rose" are not trends.
//
// Comparisons are "more/fewer/higher... X than Y", "-er than Y", "twice as
// many as Y" and superlatives with a scope ("the lowest rate in the
// region"); Comparison holds the phrase. A trend inside a comparison ("the
// largest drop in two decades") is one claim carrying both.
//
// Subject is the nearest person, organisation, place or group named before
// the claim in its sentence, else the speaker of the quote the claim is in.
// Time is the value of the date expression governing the claim (see
// timex.ForSpan).
package claim
