package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chronicle-news/chronicle/internal/sqlite"
	"github.com/chronicle-news/chronicle/internal/storetest"
)

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"--port", "80"}, "flag provided but not defined"},
		{"extra argument", []string{"--db", "x.db", "more"}, "unexpected arguments"},
		{"missing database", []string{"--db", filepath.Join(t.TempDir(), "none.db")}, "none.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr syncBuffer
			env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(string) string { return "" }}
			err := runServe(context.Background(), env, tt.args)
			if err == nil || !strings.Contains(err.Error()+stderr.String(), tt.want) {
				t.Fatalf("got error %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func TestServeRuns(t *testing.T) {
	db := filepath.Join(t.TempDir(), "serve.db")
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutDocuments(context.Background(), storetest.Generate(5, 2)); err != nil {
		t.Fatal(err)
	}
	st.Close()

	var stderr syncBuffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runServe(ctx, env, []string{"--db", db, "--addr", "127.0.0.1:0"}) }()
	addr := regexp.MustCompile(`serving (http://127\.0\.0\.1:\d+)/`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addr.FindStringSubmatch(stderr.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v; stderr %s", err, stderr.String())
		default:
		}
	}
	if base == "" {
		cancel()
		t.Fatalf("serve did not report its address; stderr %q", stderr.String())
	}
	if !strings.Contains(stderr.String(), "read-only") {
		t.Errorf("serve without a token should say it is read-only: %q", stderr.String())
	}
	resp, err := http.Get(base + "/api/events?limit=3")
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		Items []json.RawMessage `json:"items"`
	}
	err = json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || len(page.Items) != 3 {
		t.Fatalf("GET /api/events: status %d, %d items, %v", resp.StatusCode, len(page.Items), err)
	}
	resp, err = http.Post(base+"/api/documents", "application/json", strings.NewReader(`{"id":"x","text":"A test."}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("POST to a read-only server: status %d, want 403", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, context.Canceled) {
			t.Fatalf("serve returned %v after shutdown", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
}
