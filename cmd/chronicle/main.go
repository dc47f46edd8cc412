// Command chronicle turns news reports into a sourced, queryable record of
// political events. Each subcommand lives in its own file; main only wires.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// Env is what a subcommand may touch of the outside world.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

// command is one subcommand.
type command struct {
	run   func(ctx context.Context, env *Env, args []string) error
	usage string
}

// commands lists the subcommands; each run function lives in its own file.
var commands = map[string]command{
	"code":    {runCode, "code documents and print JSONL results"},
	"parse":   {runParse, "print CoNLL-U: tokens, lemmas, tags, dependencies and entities"},
	"ingest":  {runIngest, "code and store documents from files, folders, feeds, pages, WARC"},
	"query":   {runQuery, "read events, quotes, claims or documents from the store"},
	"serve":   {runServe, "serve the HTTP API and the web UI"},
	"export":  {runExport, "export stored events (gdelt, plover, jsonl, csv, parquet)"},
	"eval":    {runEval, "score coding against a gold JSONL file"},
	"explain": {runExplain, "show what each stage saw in a sentence"},
	"train":   {runTrain, "train the tagger, parser or entity recogniser from treebank data"},
}

// usageError marks bad command-line usage (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// errPartial reports that some inputs failed while the others were processed
// (exit status 1); the failures were already printed.
var errPartial = errors.New("some inputs failed")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}

// run runs one command line and returns the exit status.
func run(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(env.Stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "chronicle: unknown command %q\n", args[0])
		printUsage(env.Stderr)
		return 2
	}
	err := cmd.run(ctx, env, args[1:])
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "chronicle %s: %s\n", args[0], ue.msg)
		return 2
	case errors.Is(err, errPartial):
		return 1
	default:
		fmt.Fprintf(env.Stderr, "chronicle: %s\n", err)
		return 1
	}
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: chronicle COMMAND [flags] [args]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].usage)
	}
	fmt.Fprintln(w, "\nRun 'chronicle COMMAND -h' for a command's flags.")
}
