package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/export"
	"github.com/chronicle-news/chronicle/internal/sqlite"
)

// runExport runs 'chronicle export --format gdelt|plover|jsonl|csv|parquet
// [--out FILE] [filters]': every stored event matching the filters, page by
// page.
func runExport(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	db := dbFlag(fs)
	var ff filterFlags
	ff.register(fs, "most events to export (0: all)", 0)
	format := fs.String("format", "jsonl", "output format: "+strings.Join(export.Formats, ", "))
	out := fs.String("out", "", "output `FILE` (default standard output)")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	if ff.limit < 0 {
		return usagef("--limit must not be negative")
	}
	if !slices.Contains(export.Formats, *format) {
		return usagef("--format must be one of %s, not %q", strings.Join(export.Formats, ", "), *format)
	}
	store, err := openExistingStore(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	// Check the filters before creating the output file.
	f := ff.filter()
	f.Limit = 1
	if _, _, err := store.Events(ctx, f); err != nil {
		return asUsage(err)
	}

	var dst io.Writer = env.Stdout
	var file *os.File
	if *out != "" && *out != "-" {
		// Write next to the target and rename, so a failed export leaves no
		// half-written file under the final name.
		file, err = os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*")
		if err != nil {
			return fmt.Errorf("export: %w", unwrapPathError(err))
		}
		defer os.Remove(file.Name())
		defer file.Close()
		dst = file
	}
	buf := bufio.NewWriterSize(dst, 1<<16)
	w, err := export.New(*format, buf, time.Now())
	if err != nil {
		return err
	}
	n, err := exportEvents(ctx, store, ff, w)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := buf.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if file != nil {
		if err := file.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := os.Rename(file.Name(), *out); err != nil {
			return fmt.Errorf("export: %w", unwrapPathError(err))
		}
		fmt.Fprintf(env.Stderr, "chronicle export: %d events written to %s\n", n, *out)
	}
	return nil
}

// exportEvents writes every matching event (at most ff.limit when it is
// positive) and returns how many it wrote.
func exportEvents(ctx context.Context, store chronicle.EventQuerier, ff filterFlags, w export.Writer) (int, error) {
	f := ff.filter()
	total := ff.limit
	n := 0
	for {
		f.Limit = sqlite.MaxLimit
		if total > 0 && total-n < f.Limit {
			f.Limit = total - n
		}
		recs, next, err := store.Events(ctx, f)
		if err != nil {
			return n, err
		}
		for i := range recs {
			if err := w.Write(&recs[i]); err != nil {
				return n, err
			}
			n++
		}
		if next == "" || (total > 0 && n >= total) {
			return n, nil
		}
		if err := ctx.Err(); err != nil {
			return n, err
		}
		f.Cursor = next
	}
}
