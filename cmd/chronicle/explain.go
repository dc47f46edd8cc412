package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	chronicle "github.com/chronicle-news/chronicle"
)

// runExplain runs 'chronicle explain': it codes one sentence (or short text)
// and shows what each stage saw and which rule produced, or failed to
// produce, each event.
func runExplain(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	var pf pipelineFlags
	pf.register(fs)
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	text := strings.Join(fs.Args(), " ")
	if text == "" || text == "-" {
		b, err := io.ReadAll(io.LimitReader(env.Stdin, 1<<20))
		if err != nil {
			return fmt.Errorf("read stdin: %w", err)
		}
		text = string(b)
	}
	if strings.TrimSpace(text) == "" {
		return usagef("give a sentence to explain, as an argument or on stdin")
	}
	p, err := pf.build()
	if err != nil {
		return err
	}
	var trace []string
	c := p.Coder()
	c.Trace = func(format string, args ...any) { trace = append(trace, fmt.Sprintf(format, args...)) }
	defer func() { c.Trace = nil }()
	doc := &chronicle.Document{ID: "explain", Text: text, Date: pf.date}
	codeErr := p.Code(ctx, doc)
	w := env.Stdout
	fmt.Fprintf(w, "publication date: %s\n", orNone(doc.Date))
	for _, s := range doc.Sentences {
		fmt.Fprintf(w, "\n== sentence %d [%d:%d]: %s\n", s.I, s.Start, s.End, doc.Text[s.Start:s.End])
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  #\ttoken\tlemma\tupos\txpos\thead\tdeprel\tner")
		for i, t := range s.Tokens {
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", i+1, t.Text, t.Lemma, t.UPOS, t.XPOS, t.Head, t.DepRel, t.NER)
		}
		tw.Flush()
		fmt.Fprintln(w, "  entities and actors:")
		n := 0
		for _, e := range doc.Entities {
			if e.Sentence == s.I {
				n++
				fmt.Fprintf(w, "    %-8s %-30q name=%q code=%s country=%s\n", e.Type, e.Text, e.Name, orNone(e.Code), orNone(e.Country))
			}
		}
		if n == 0 {
			fmt.Fprintln(w, "    (none: without actors no event can be coded)")
		}
		for _, d := range doc.Dates {
			if d.Sentence == s.I {
				fmt.Fprintf(w, "  date: %q -> %s\n", d.Text, d.Value)
			}
		}
		for _, pl := range doc.Places {
			if pl.Sentence == s.I {
				fmt.Fprintf(w, "  place: %q -> %s, %s (%s) %.2f,%.2f\n", pl.Text, pl.Name, pl.Country, pl.Resolution, pl.Lat, pl.Lon)
			}
		}
		for _, q := range doc.Quotes {
			if q.Sentence == s.I {
				sp := "(no speaker)"
				if q.Speaker != nil {
					sp = q.Speaker.Text + " " + q.Speaker.Code
				}
				fmt.Fprintf(w, "  quote: %q by %s (cue %q, direct=%v)\n", q.Text, sp, q.Cue, q.Direct)
			}
		}
		for _, cl := range doc.Claims {
			if cl.Sentence == s.I {
				fmt.Fprintf(w, "  claim: %q", cl.Text)
				if cl.Quantity != nil {
					fmt.Fprintf(w, " quantity=%g..%g %s", cl.Quantity.Low, cl.Quantity.High, cl.Quantity.Unit)
				}
				fmt.Fprintln(w)
			}
		}
		fmt.Fprintln(w, "  coder:")
		prefix := fmt.Sprintf("sentence %d:", s.I)
		any := false
		for _, t := range trace {
			if strings.HasPrefix(t, prefix) {
				fmt.Fprintf(w, "    %s\n", strings.TrimSpace(strings.TrimPrefix(t, prefix)))
				any = true
			}
		}
		if !any {
			fmt.Fprintln(w, "    (no decision recorded)")
		}
		nev := 0
		for _, e := range doc.Events {
			if e.Sentence != s.I {
				continue
			}
			nev++
			tgt := "(none)"
			if e.Target != nil {
				tgt = fmt.Sprintf("%s [%s]", e.Target.Text, e.Target.Code)
			}
			fmt.Fprintf(w, "  EVENT %s %s/%s  %s [%s] -> %s  date=%s factuality=%s confidence=%.2f\n        rule: %s\n",
				e.CAMEO, e.PLOVER, orNone(e.Mode), e.Source.Text, e.Source.Code, tgt, orNone(e.Date), e.Factuality, e.Confidence, e.Rule)
		}
		if nev == 0 {
			fmt.Fprintln(w, "  no event in this sentence (see the coder lines above for the stage that dropped it)")
		}
	}
	if len(doc.Errors) > 0 {
		fmt.Fprintf(w, "\nerrors: %s\n", strings.Join(doc.Errors, "; "))
	}
	return codeErr
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
