package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"strings"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	httpapi "github.com/chronicle-news/chronicle/internal/http"
	"github.com/chronicle-news/chronicle/internal/ingest"
)

// runServe runs 'chronicle serve': the JSON API under /api/ and the web UI
// at /, read-only unless a token is given.
func runServe(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	addr := fs.String("addr", httpapi.DefaultAddr, "listen `address` (loopback by default)")
	db := dbFlag(fs)
	token := fs.String("token", "", "bearer `TOKEN` that allows POST /api/documents (default $CHRONICLE_TOKEN; none: read-only)")
	maxBody := fs.Int64("max-body", httpapi.DefaultMaxBody, "largest request body in `bytes`")
	var pf pipelineFlags
	pf.register(fs)
	if err := fs.Parse(args); err != nil {
		return usagef("%v", err)
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	if *token == "" && env.Getenv != nil {
		*token = env.Getenv("CHRONICLE_TOKEN")
	}
	store, err := openExistingStore(ctx, *db)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer store.Close()
	cfg := httpapi.Config{Store: store, Token: *token, MaxBody: *maxBody, Log: log.New(env.Stderr, "chronicle serve: ", log.LstdFlags)}
	if *token != "" {
		p, err := pf.build()
		if err != nil {
			return fmt.Errorf("serve: build pipeline: %w", err)
		}
		cfg.Coder = httpapi.CoderFunc(p.Code)
		cfg.Ingester = &urlIngester{store: store, coder: p,
			fetcher: ingest.NewFetcher(ingest.FetchOptions{Timeout: 30 * time.Second, MaxBytes: 20 << 20})}
	}
	return serve(ctx, env, cfg, *addr)
}

// urlIngester ingests posted feed and page URLs with the ingest command's
// machinery, one URL per request (no story grouping).
type urlIngester struct {
	store   chronicle.Store
	coder   ingest.Coder
	fetcher *ingest.Fetcher
}

// IngestURL fetches, codes and stores the documents of one http(s) URL.
func (u *urlIngester) IngestURL(ctx context.Context, url string) (httpapi.IngestResult, error) {
	if !ingest.IsURL(url) {
		return httpapi.IngestResult{}, fmt.Errorf("ingest %q: not an http or https URL", url)
	}
	var errs bytes.Buffer
	in := &ingest.Ingester{Store: u.store, Coder: u.coder, Fetcher: u.fetcher, Workers: 1, Errors: &errs}
	st, err := in.Run(ctx, []string{url})
	if err != nil {
		return httpapi.IngestResult{}, err
	}
	res := httpapi.IngestResult{Stored: st.Stored, Skipped: st.Skipped, Failed: st.Failed, Events: st.Events}
	for _, line := range strings.Split(strings.TrimSpace(errs.String()), "\n") {
		if line != "" {
			res.Errors = append(res.Errors, line)
		}
	}
	return res, nil
}

// serve listens on addr and serves cfg until ctx is done.
func serve(ctx context.Context, env *Env, cfg httpapi.Config, addr string) error {
	srv, err := httpapi.New(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: listen: %w", err)
	}
	mode := "read-only"
	if cfg.Token != "" {
		mode = "accepting documents with the bearer token"
	}
	fmt.Fprintf(env.Stderr, "chronicle: serving http://%s/ (%s)\n", ln.Addr(), mode)
	if host, _, err := net.SplitHostPort(addr); err == nil {
		if ip := net.ParseIP(host); host == "" || (ip != nil && !ip.IsLoopback()) {
			fmt.Fprintf(env.Stderr, "chronicle: warning: %s is reachable from other machines\n", ln.Addr())
		}
	}
	return srv.Serve(ctx, ln)
}
