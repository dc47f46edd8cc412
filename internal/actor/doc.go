// Package actor holds actor dictionaries (Chronicle's own format and PETRARCH2
// imports) with time-bounded roles, and resolves names and noun phrases to
// CAMEO actor codes.
//
// # What a dictionary holds
//
// A Dictionary holds named actors (people, organisations, countries, their
// nationality adjectives and capitals) and generic agents ("police", "gang
// members", "human rights groups"). An actor has one or more roles: a CAMEO
// code, optionally bounded by from/until dates, so that "Marco Rubio" is
// USALEG in 2024 and USAGOV from 2025-01-21. Among the dated roles that cover
// a date, the one that started last wins; an undated role applies otherwise;
// with no date at all the latest role applies.
//
// # Resolving a phrase
//
// Resolve takes a noun phrase (a token range of a sentence) and finds the
// dictionary names in it, longest first. The phrase's core runs up to the
// first preposition, relative word or comma. A named person or organisation
// in the core decides ("Secretary of State Marco Rubio" -> USAGOV). Otherwise
// the last agent in the core is the head and combines with the nearest
// country, nationality or capital before it, or with the actor named after
// "of", "in" or "from": "Salvadoran police" -> SLVCOP, "the president of
// Mexico" -> MEXGOV, "members of MS-13" -> SLVCRM. An agent alone gives
// "---" plus its code ("police" -> ---COP) or its own default ("human rights
// groups" -> NGOHRI). A country alone gives its code; a capital gives the
// government (Caracas -> VENGOV; ResolveMatch reports the kind so the caller
// can accept the metonym only in actor positions).
//
// Names match case-sensitively ("US" is the United States, "us" is not),
// ignoring accents, hyphens and spacing ("Nicolas Maduro" = "Nicolás
// Maduro", "Claver Carone" = "Claver-Carone"), and in any case when the text
// is in capitals. Agents match in any case, with regular plurals. A place
// name next to an unknown capitalised word is taken as part of a longer
// name ("Chad Wolf", "Washington Post") and ignored.
//
// # Annotating a document
//
// Annotate sets Name, Code and Country on the recogniser's entities as of the
// document's date (a capital's code is its government's, as the metonym is
// what an actor position means; places are the geo stage's business), adds entities for dictionary names the recogniser missed,
// and resolves a lone surname to the person named in full earlier in the
// same document, in or out of the dictionary.
//
// # Chronicle's dictionary format
//
// A UTF-8 text file, one statement a line; "#" starts a comment (at the line
// start or after a space). Unindented lines start an entry; indented lines
// add attributes to the person or org above them:
//
//	# One line per country: ISO | names | adjectives | capitals.
//	country: SLV | El Salvador; Salvador | Salvadoran; Salvadorean | San Salvador
//
//	# One line per agent: CODE [DEFAULT] | names. "!" after a name stops
//	# the automatic plural; "X~" is a prefix code; "*" takes the code of the
//	# actor after "of".
//	agent: COP | police!; police officer; policeman
//	agent: HRI NGOHRI | human rights group; rights group
//
//	person: Marco Rubio
//	  alias: Rubio; Secretary of State Marco Rubio
//	  country: USA
//	  role: USALEG 2011-01-03..2025-01-20
//	  role: USAGOV 2025-01-21..
//
//	org: Tren de Aragua
//	  alias: TdA
//	  country: VEN
//	  code: VENCRM
//
// Attributes: alias (";"-separated, repeatable), country (ISO alpha-3),
// sector (overrides the sector derived from the code), role ("CODE" or
// "CODE FROM..UNTIL", dates YYYY, YYYY-MM or YYYY-MM-DD, both inclusive,
// either side may be empty), code (a role without dates), note (ignored).
// Country lines make three entries: the country (code ISO), its adjectives
// and demonyms (code ISO, with an "s" plural added) and its capitals (code
// ISO+GOV).
//
// The built-in dictionary is data/actors.txt, embedded in the binary; its
// README explains how to add an actor.
//
// # PETRARCH2 formats
//
// LoadFiles also reads PETRARCH2 (TABARI) actor files: a base name line
// (words joined by "_"), "+" synonym lines, and codes in brackets on the name
// line or the lines after it, "[CODE]", "[CODE >YYMMDD]", "[CODE <YYMMDD]",
// "[CODE YYMMDD-YYMMDD]" (also four-digit years; two-digit years below 30
// are 20YY). A group with no codes that runs straight into the next group
// shares its codes; one followed by a blank line is dropped. Roles whose
// dates do not parse are dropped. "#" comments and "<!-- -->" blocks are
// skipped. Agents files hold "PHRASE {PLURALS} [~CODE]" lines ("~CODE" is
// appended to the actor's code, "CODE~" put before it; "{}" turns off the
// automatic plural) and "!SET! = A, B" substitution sets expanded wherever
// "!SET!" appears. The format of each file is detected from its first
// statement.
package actor
