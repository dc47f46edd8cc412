package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
)

// DefaultUserAgent names Chronicle honestly in requests.
const DefaultUserAgent = "Chronicle/0.1 (news event coder; +https://github.com/chronicle-news/chronicle)"

// Fetcher fetches URLs politely. The zero value is not usable; call
// NewFetcher. A Fetcher is safe for concurrent use.
type Fetcher struct {
	// Client makes the requests; its Timeout bounds a whole request.
	Client *http.Client
	// UserAgent is sent with every request.
	UserAgent string
	// MaxBytes is the largest response body read; larger responses fail
	// with code ETooLarge.
	MaxBytes int64
	// Retries is how many times a failed request (network error, 5xx, 429)
	// is tried again, waiting Backoff, then twice as long, and so on.
	Retries int
	Backoff time.Duration
	// HostInterval is the minimum time between the starts of two requests
	// to the same host.
	HostInterval time.Duration
	// Now and Sleep replace the clock in tests.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error

	mu         sync.Mutex
	next       map[string]time.Time // host -> earliest start of the next request
	validators map[string]validator // URL -> ETag and Last-Modified of the last response
}

type validator struct {
	etag, lastModified string
}

// FetchOptions configure NewFetcher. Zero fields take the defaults.
type FetchOptions struct {
	Timeout      time.Duration // whole request; default 30s
	MaxBytes     int64         // default 20 MB
	Retries      int           // default 2; negative for none
	Backoff      time.Duration // default 1s
	HostInterval time.Duration // default 1s; negative for none
	UserAgent    string
}

// NewFetcher returns a fetcher with the options' limits.
func NewFetcher(o FetchOptions) *Fetcher {
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 20 << 20
	}
	if o.Retries == 0 {
		o.Retries = 2
	} else if o.Retries < 0 {
		o.Retries = 0
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	if o.HostInterval == 0 {
		o.HostInterval = time.Second
	} else if o.HostInterval < 0 {
		o.HostInterval = 0
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: o.Timeout,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
	}
	return &Fetcher{
		Client:       &http.Client{Timeout: o.Timeout, Transport: tr},
		UserAgent:    o.UserAgent,
		MaxBytes:     o.MaxBytes,
		Retries:      o.Retries,
		Backoff:      o.Backoff,
		HostInterval: o.HostInterval,
	}
}

// Response is a fetched resource.
type Response struct {
	URL         string // final URL after redirects
	Status      int
	NotModified bool // the server answered 304 to a conditional GET
	ContentType string
	Body        []byte
	Fetched     time.Time
}

// Get fetches rawURL. With conditional true it sends the validators of the
// previous response for the same URL, and a 304 answer gives a Response with
// NotModified set and no body. Errors name the URL's problem, not the URL.
func (f *Fetcher) Get(ctx context.Context, rawURL string, conditional bool) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, chronicle.Errorf(chronicle.EInvalid, "not an http or https URL")
	}
	var lastErr error
	for attempt := 0; attempt <= f.Retries; attempt++ {
		if attempt > 0 {
			wait := f.Backoff << (attempt - 1)
			var ra retryAfter
			if errors.As(lastErr, &ra) && ra.d > wait {
				wait = min(ra.d, 5*time.Minute)
			}
			if err := f.sleep(ctx, wait); err != nil {
				return nil, err
			}
		}
		if err := f.waitHost(ctx, u.Host); err != nil {
			return nil, err
		}
		resp, err := f.once(ctx, u.String(), conditional)
		if err == nil {
			return resp, nil
		}
		lastErr = err
		if !retryable(err) || ctx.Err() != nil {
			break
		}
	}
	if f.Retries > 0 && retryable(lastErr) {
		return nil, fmt.Errorf("%w (after %d attempts)", lastErr, f.Retries+1)
	}
	return nil, lastErr
}

// statusError is an HTTP error status.
type statusError struct {
	code int
}

func (e statusError) Error() string {
	return fmt.Sprintf("HTTP status %d %s", e.code, http.StatusText(e.code))
}

// retryAfter carries a server's Retry-After with a retryable status.
type retryAfter struct {
	statusError
	d time.Duration
}

// temporary marks network errors worth retrying.
type temporary struct{ err error }

func (e temporary) Error() string { return e.err.Error() }
func (e temporary) Unwrap() error { return e.err }

func retryable(err error) bool {
	var se statusError
	var ra retryAfter
	var te temporary
	switch {
	case errors.As(err, &ra):
		return true
	case errors.As(err, &se):
		return se.code >= 500 || se.code == http.StatusTooManyRequests || se.code == http.StatusRequestTimeout
	case errors.As(err, &te):
		return true
	}
	return false
}

func (f *Fetcher) once(ctx context.Context, rawURL string, conditional bool) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, chronicle.Errorf(chronicle.EInvalid, "bad URL: %v", err)
	}
	req.Header.Set("User-Agent", f.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
	if conditional {
		f.mu.Lock()
		v, ok := f.validators[rawURL]
		f.mu.Unlock()
		if ok {
			if v.etag != "" {
				req.Header.Set("If-None-Match", v.etag)
			}
			if v.lastModified != "" {
				req.Header.Set("If-Modified-Since", v.lastModified)
			}
		}
	}
	resp, err := f.Client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, temporary{fmt.Errorf("fetch: %w", unwrapURLError(err))}
	}
	defer resp.Body.Close()
	out := &Response{URL: resp.Request.URL.String(), Status: resp.StatusCode,
		ContentType: resp.Header.Get("Content-Type"), Fetched: f.now()}
	if resp.StatusCode == http.StatusNotModified {
		out.NotModified = true
		return out, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		se := statusError{resp.StatusCode}
		if s := resp.Header.Get("Retry-After"); s != "" {
			if secs, err := strconv.Atoi(s); err == nil && secs >= 0 {
				return nil, retryAfter{se, time.Duration(secs) * time.Second}
			}
		}
		return nil, se
	}
	if resp.ContentLength > f.MaxBytes {
		return nil, chronicle.Errorf(chronicle.ETooLarge, "response of %d bytes is larger than the limit of %d", resp.ContentLength, f.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.MaxBytes+1))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, temporary{fmt.Errorf("read response: %w", unwrapURLError(err))}
	}
	if int64(len(body)) > f.MaxBytes {
		return nil, chronicle.Errorf(chronicle.ETooLarge, "response is larger than the limit of %d bytes", f.MaxBytes)
	}
	out.Body = body
	etag, lm := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if etag != "" || lm != "" {
		f.mu.Lock()
		if f.validators == nil {
			f.validators = map[string]validator{}
		}
		f.validators[rawURL] = validator{etag, lm}
		f.mu.Unlock()
	}
	return out, nil
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return errors.New("timed out")
		}
		return ue.Err
	}
	return err
}

// waitHost waits until a request to host may start.
func (f *Fetcher) waitHost(ctx context.Context, host string) error {
	if f.HostInterval <= 0 {
		return nil
	}
	f.mu.Lock()
	if f.next == nil {
		f.next = map[string]time.Time{}
	}
	now := f.now()
	start := f.next[host]
	if start.Before(now) {
		start = now
	}
	f.next[host] = start.Add(f.HostInterval)
	f.mu.Unlock()
	if d := start.Sub(now); d > 0 {
		return f.sleep(ctx, d)
	}
	return nil
}

func (f *Fetcher) now() time.Time {
	if f.Now != nil {
		return f.Now()
	}
	return time.Now()
}

func (f *Fetcher) sleep(ctx context.Context, d time.Duration) error {
	if f.Sleep != nil {
		return f.Sleep(ctx, d)
	}
	return sleepCtx(ctx, d)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
