package main

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"time"

	"github.com/chronicle-news/chronicle/internal/ingest"
	"github.com/chronicle-news/chronicle/internal/story"
)

// runIngest runs 'chronicle ingest': it codes the documents of files,
// folders, WARC files, JSONL, feeds and pages and stores them, skipping
// documents the store already holds.
func runIngest(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: chronicle ingest [flags] SOURCE...\n\nSOURCE is a file (.txt, .html, .jsonl, .warc, .warc.gz, .rss, .atom), a folder (read\nrecursively), the URL of an RSS/Atom feed or of a page, or - for standard input.\n\nflags:")
		fs.PrintDefaults()
	}
	db := dbFlag(fs)
	var pf pipelineFlags
	pf.register(fs)
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "documents coded at once")
	follow := fs.Bool("follow", false, "keep polling the sources every --interval until interrupted")
	interval := fs.Duration("interval", 15*time.Minute, "time between polls with --follow")
	timeout := fs.Duration("timeout", 30*time.Second, "time limit of one HTTP request")
	hostInterval := fs.Duration("host-interval", time.Second, "minimum time between two requests to one host")
	retries := fs.Int("retries", 2, "retries of a failed HTTP request (with backoff)")
	maxBytes := fs.Int64("max-bytes", 20<<20, "largest HTTP response read, in bytes")
	userAgent := fs.String("user-agent", ingest.DefaultUserAgent, "User-Agent of HTTP requests")
	logEvery := fs.Duration("log-interval", 10*time.Second, "time between progress lines when stderr is not a terminal")
	batch := fs.Int("batch", 64, "documents stored per transaction")
	stories := fs.Bool("stories", true, "group near-duplicate documents (wire copies, updates) into stories")
	storyWindow := fs.Duration("story-window", 7*24*time.Hour, "largest date difference between duplicates of one story")
	storyThreshold := fs.Float64("story-threshold", story.DefaultThreshold, "smallest estimated Jaccard similarity of duplicates (0-1)")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() == 0 {
		return usagef("no SOURCE given (a file, folder, feed or page URL, or -)")
	}
	if *workers < 1 {
		return usagef("--workers must be at least 1")
	}
	if *batch < 1 {
		return usagef("--batch must be at least 1")
	}
	if *interval <= 0 {
		return usagef("--interval must be positive")
	}
	if *storyThreshold <= 0 || *storyThreshold > 1 {
		return usagef("--story-threshold must be in (0, 1]")
	}
	p, err := pf.build()
	if err != nil {
		return err
	}
	store, err := openStore(ctx, *db)
	if err != nil {
		return fmt.Errorf("open store %s: %w", *db, err)
	}
	defer store.Close()
	// FetchOptions reads 0 as "the default" and a negative value as "none".
	if *retries == 0 {
		*retries = -1
	}
	if *hostInterval == 0 {
		*hostInterval = -1
	}
	in := &ingest.Ingester{
		Store: store,
		Coder: p,
		Fetcher: ingest.NewFetcher(ingest.FetchOptions{Timeout: *timeout, MaxBytes: *maxBytes, Retries: *retries,
			HostInterval: *hostInterval, UserAgent: *userAgent}),
		Workers:   *workers,
		BatchSize: *batch,
		Follow:    *follow,
		Interval:  *interval,
		Stdin:     env.Stdin,
		Errors:    env.Stderr,
		Progress:  ingest.NewProgress(env.Stderr, *logEvery),
	}
	if *stories {
		ix, err := story.NewIndex(story.DefaultHashes, story.DefaultBands, *storyThreshold)
		if err != nil {
			return err
		}
		ix.Window = *storyWindow
		ix.Limit = story.DefaultLimit
		in.Stories = ix
	}
	st, err := in.Run(ctx, fs.Args())
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	if st.Failed > 0 {
		return errPartial
	}
	return nil
}
