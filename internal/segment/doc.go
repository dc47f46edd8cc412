// Package segment splits extracted text into paragraphs, sentences and tokens
// with byte offsets.
//
// Paragraphs are lines: a newline (or a blank line) starts a new paragraph,
// and a paragraph break always ends a sentence. Within a paragraph, sentences
// end at full stops, question and exclamation marks and ellipses, decided
// with the next word's capitalisation, a list of abbreviations (U.S., Mr.,
// Jan., Inc., a.m., ...) and a list of common sentence starters. Closing
// quotes and brackets after the final mark belong to the sentence they close.
//
// Tokens follow the UD English EWT treebank, on which the parser is trained:
// punctuation is split from words, clitics are split ("don't" -> "do" "n't",
// "country's" -> "country" "'s"), while abbreviations, hyphenated words,
// numbers such as 3,200, 1.5 and 10:30, URLs and e-mail addresses stay one
// token. Every token satisfies text[tok.Start:tok.End] == tok.Text.
package segment
