// Command gencorpus writes a generated corpus of invented articles as JSONL
// (the input of 'chronicle code --input jsonl' and 'chronicle ingest'), and
// optionally the truth (story, event id and event of each article) as a
// second JSONL.
//
//	go run ./internal/story/corpus/gencorpus -n 20000 -seed 1 -out corpus.jsonl -truth truth.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/chronicle-news/chronicle/internal/story/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	seed := flag.Uint64("seed", 1, "random seed")
	dup := flag.Float64("dup", 0.3, "share of articles that are variants of earlier ones")
	retell := flag.Float64("retell", 0, "share of the other articles that are independent reports of earlier events")
	days := flag.Int("days", 60, "publication dates spread over this many days (from 2025-01-01)")
	out := flag.String("out", "-", "output JSONL `FILE` (- for stdout)")
	truth := flag.String("truth", "", "write the truth (id, story, kind, event) to this JSONL `FILE`")
	flag.Parse()
	if *days <= 0 {
		fmt.Fprintf(os.Stderr, "gencorpus: -days must be positive, not %d\n", *days)
		os.Exit(2)
	}
	if err := run(corpus.Options{Articles: *n, Seed: *seed, DupShare: *dup, Retell: *retell, Days: *days}, *out, *truth); err != nil {
		fmt.Fprintf(os.Stderr, "gencorpus: %v\n", err)
		os.Exit(1)
	}
}

func run(o corpus.Options, out, truth string) error {
	arts := corpus.Generate(o)
	var w io.Writer = os.Stdout
	if out != "-" {
		f, err := os.Create(out)
		if err != nil {
			return fmt.Errorf("create output: %w", err)
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for _, a := range arts {
		rec := map[string]string{"id": a.ID, "url": a.URL, "title": a.Title, "date": a.Date, "source": a.Source, "text": a.Text}
		if err := enc.Encode(rec); err != nil {
			return fmt.Errorf("write article: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	if truth == "" {
		return nil
	}
	f, err := os.Create(truth)
	if err != nil {
		return fmt.Errorf("create truth: %w", err)
	}
	defer f.Close()
	tw := bufio.NewWriter(f)
	tenc := json.NewEncoder(tw)
	for _, a := range arts {
		if err := tenc.Encode(map[string]any{"id": a.ID, "story": a.Story, "kind": a.Kind, "event_id": a.EventID, "event": a.Event}); err != nil {
			return fmt.Errorf("write truth: %w", err)
		}
	}
	return tw.Flush()
}
