package ingest

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Progress is told how an ingest goes. Implementations must be safe for
// concurrent use.
type Progress interface {
	// Update reports the counts so far.
	Update(Stats)
	// Message prints a line (an error) without garbling the display.
	Message(line string)
	// Done reports the final counts.
	Done(Stats)
}

// NewProgress returns a progress bar when w is a terminal, and otherwise
// plain log lines every interval (and at the end).
func NewProgress(w io.Writer, interval time.Duration) Progress {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return newBar(w)
	}
	return &logProgress{w: w, interval: interval, start: time.Now(), last: time.Now()}
}

// Summary formats counts for humans.
func Summary(s Stats, elapsed time.Duration) string {
	rate := 0.0
	if secs := elapsed.Seconds(); secs > 0 {
		rate = float64(s.Stored) / secs
	}
	return fmt.Sprintf("%d documents stored (%.1f/s), %d skipped, %d failed; %d events, %d quotes, %d claims, %d tokens",
		s.Stored, rate, s.Skipped, s.Failed, s.Events, s.Quotes, s.Claims, s.Tokens)
}

// logProgress writes a line every interval.
type logProgress struct {
	mu       sync.Mutex
	w        io.Writer
	interval time.Duration
	start    time.Time
	last     time.Time
}

func (p *logProgress) Update(s Stats) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if now := time.Now(); p.interval > 0 && now.Sub(p.last) >= p.interval {
		p.last = now
		fmt.Fprintf(p.w, "chronicle: ingest: %s\n", Summary(s, now.Sub(p.start)))
	}
}

func (p *logProgress) Message(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	io.WriteString(p.w, line)
}

func (p *logProgress) Done(s Stats) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "chronicle: ingest: %s in %s\n", Summary(s, time.Since(p.start)), time.Since(p.start).Round(time.Millisecond))
}

// barProgress is a spinner with counts on a terminal.
type barProgress struct {
	mu    sync.Mutex
	w     io.Writer
	bar   *progressbar.ProgressBar
	start time.Time
	n     int
}

func newBar(w io.Writer) *barProgress {
	bar := progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("ingest"),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionShowDescriptionAtLineEnd(),
	)
	return &barProgress{w: w, bar: bar, start: time.Now()}
}

func (p *barProgress) Update(s Stats) {
	p.mu.Lock()
	defer p.mu.Unlock()
	done := s.Stored + s.Skipped + s.Failed
	if done > p.n {
		p.bar.Add(done - p.n)
		p.n = done
	}
	rate := 0.0
	if secs := time.Since(p.start).Seconds(); secs > 0.5 {
		rate = float64(s.Stored) / secs
	}
	p.bar.Describe(fmt.Sprintf("documents; %.1f stored/s, %d events, %d skipped, %d errors", rate, s.Events, s.Skipped, s.Failed))
}

func (p *barProgress) Message(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bar.Clear()
	io.WriteString(p.w, line)
}

func (p *barProgress) Done(s Stats) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bar.Finish()
	fmt.Fprintf(p.w, "\nchronicle: ingest: %s in %s\n", Summary(s, time.Since(p.start)), time.Since(p.start).Round(time.Millisecond))
}
