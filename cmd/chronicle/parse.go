package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/nlp"
	"github.com/chronicle-news/chronicle/internal/nlp/conllu"
	"github.com/chronicle-news/chronicle/internal/segment"
)

// runParse runs 'chronicle parse --input text|conllu [FILE...]': it prints
// CoNLL-U with lemmas, tags, dependencies and NER tags in MISC.
func runParse(ctx context.Context, env *Env, args []string) error {
	flags := flag.NewFlagSet("parse", flag.ContinueOnError)
	flags.SetOutput(env.Stderr)
	input := flags.String("input", "text", "input format: text (segmented and tokenised here) or conllu (tokens and sentences kept)")
	if err := flags.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if *input != "text" && *input != "conllu" {
		return usagef("--input must be text or conllu, not %q", *input)
	}
	models, err := nlp.Load()
	if err != nil {
		return fmt.Errorf("load language models: %w", err)
	}
	files := flags.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	out := bufio.NewWriterSize(env.Stdout, 1<<16)
	defer out.Flush()
	failed := false
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := parseOne(env, models, name, *input, out); err != nil {
			failed = true
			out.Flush()
			fmt.Fprintf(env.Stderr, "chronicle: %s: %v\n", name, err)
		}
	}
	if failed {
		return errPartial
	}
	return nil
}

func parseOne(env *Env, models *nlp.Models, name, input string, out io.Writer) error {
	var r io.Reader = env.Stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return fmt.Errorf("open: %w", err)
		}
		defer f.Close()
		r = f
	}
	var sents []conllu.Sentence
	if input == "conllu" {
		in, err := conllu.ReadForms(r, name)
		if err != nil {
			return err
		}
		for _, s := range in {
			cs := chronicle.Sentence{Tokens: make([]chronicle.Token, len(s.Words))}
			for i, w := range s.Words {
				cs.Tokens[i] = chronicle.Token{Text: w.Form, Head: -1, SpaceAfter: true}
			}
			models.AnnotateSentence(&cs)
			sents = append(sents, toConllu(cs, s.ID, s.Text, false))
		}
	} else {
		b, err := io.ReadAll(r)
		if err != nil {
			return fmt.Errorf("read: %w", err)
		}
		text := string(b)
		for i, s := range segment.Segment(text) {
			models.AnnotateSentence(&s)
			st := ""
			if s.Start >= 0 && s.End <= len(text) && s.Start <= s.End {
				st = strings.Join(strings.Fields(text[s.Start:s.End]), " ")
			}
			sents = append(sents, toConllu(s, fmt.Sprint(i+1), st, true))
		}
	}
	return conllu.Write(out, sents)
}

// toConllu converts an annotated sentence for writing; NER goes to MISC,
// and with spaces set, SpaceAfter=No too.
func toConllu(s chronicle.Sentence, id, text string, spaces bool) conllu.Sentence {
	out := conllu.Sentence{ID: id, Text: text, Words: make([]conllu.Word, len(s.Tokens))}
	for i, t := range s.Tokens {
		ner := t.NER
		if ner == "" {
			ner = "O"
		}
		misc := "NER=" + ner
		if spaces && !t.SpaceAfter && i < len(s.Tokens)-1 {
			misc += "|SpaceAfter=No"
		}
		out.Words[i] = conllu.Word{Form: t.Text, Lemma: t.Lemma, UPOS: t.UPOS, XPOS: t.XPOS,
			Feats: t.Feats, Head: t.Head, DepRel: t.DepRel, Misc: misc}
	}
	return out
}
