package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"sync"

	"github.com/chronicle-news/chronicle/internal/pipeline"
	"github.com/chronicle-news/chronicle/internal/source"
)

// runCode runs 'chronicle code': it codes documents and prints one JSON object
// per document per line, in input order.
func runCode(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("code", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	var pf pipelineFlags
	pf.register(fs)
	input := fs.String("input", "auto", "input format: auto (text or HTML; JSONL for .jsonl names), text, html or jsonl")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "documents coded at once")
	withText := fs.Bool("text", true, "include the extracted text in each result")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	switch *input {
	case source.FormatAuto, source.FormatText, source.FormatHTML, source.FormatJSONL:
	default:
		return usagef("--input must be auto, text, html or jsonl, not %q", *input)
	}
	p, err := pf.build()
	if err != nil {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	out := bufio.NewWriterSize(env.Stdout, 1<<16)
	defer out.Flush()
	failed := false
	report := func(input string, err error) {
		failed = true
		fmt.Fprintf(env.Stderr, "chronicle: %s\n", err)
	}
	items := make(chan source.Item, 64)
	go func() {
		defer close(items)
		for _, name := range files {
			emit := func(it source.Item) error {
				select {
				case items <- it:
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			if name == "-" {
				_ = source.Read("stdin", env.Stdin, *input, emit)
				continue
			}
			f, err := os.Open(name)
			if err != nil {
				_ = emit(source.Item{Input: name, Err: fmt.Errorf("%s: %w", name, unwrapPathError(err))})
				continue
			}
			if st, err := f.Stat(); err == nil && st.IsDir() {
				f.Close()
				_ = emit(source.Item{Input: name, Err: fmt.Errorf("%s: is a directory (use 'chronicle ingest' for folders)", name)})
				continue
			}
			_ = source.Read(name, f, *input, emit)
			f.Close()
		}
	}()
	err = codeOrdered(ctx, p, items, *workers, func(it source.Item) error {
		if it.Doc != nil {
			// Print what was found, even when a stage failed.
			if !*withText {
				it.Doc.Text = ""
			}
			b, err := json.Marshal(it.Doc)
			if err != nil {
				report(it.Input, fmt.Errorf("%s: encode result: %w", it.Input, err))
				return nil
			}
			out.Write(b)
			if err := out.WriteByte('\n'); err != nil {
				return err
			}
		}
		if it.Err != nil {
			report(it.Input, it.Err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if failed {
		return errPartial
	}
	return nil
}

// codeOrdered codes items on several workers and hands them to emit in input
// order. An item whose coding failed keeps its document (with what the
// stages found) and carries the error.
func codeOrdered(ctx context.Context, p *pipeline.Pipeline, items <-chan source.Item, workers int, emit func(source.Item) error) error {
	if workers < 1 {
		workers = 1
	}
	type slot struct {
		it   source.Item
		done chan struct{}
	}
	queue := make(chan *slot, workers*4)
	work := make(chan *slot, workers*4)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range work {
				if s.it.Err == nil {
					if err := p.Code(ctx, s.it.Doc); err != nil {
						s.it.Err = fmt.Errorf("%s: %w", s.it.Input, err)
					}
				}
				close(s.done)
			}
		}()
	}
	go func() {
		defer close(work)
		defer close(queue)
		for it := range items {
			s := &slot{it: it, done: make(chan struct{})}
			queue <- s
			work <- s
		}
	}()
	var firstErr error
	for s := range queue {
		<-s.done
		if firstErr == nil {
			firstErr = emit(s.it)
		}
	}
	wg.Wait()
	return firstErr
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
