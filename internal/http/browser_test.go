package httpapi

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	chronicle "github.com/chronicle-news/chronicle"
	"github.com/chronicle-news/chronicle/internal/sqlite"
	"github.com/chronicle-news/chronicle/internal/storetest"
)

// findChromium returns the browser to drive, skipping the test when there is
// none unless CHRONICLE_REQUIRE_BROWSER=1.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CHRONICLE_CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p == "" {
			continue
		}
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CHRONICLE_REQUIRE_BROWSER") == "1" {
		t.Fatal("chromium not found and CHRONICLE_REQUIRE_BROWSER=1 (install it: apt-get install -y chromium)")
	}
	t.Skip("chromium not found; install it with 'apt-get install -y chromium' to run the browser tests")
	return ""
}

// browserServer serves a generated SQLite store, plus any extra documents,
// on loopback with the same server (timeouts, headers) that 'chronicle
// serve' runs, and returns its URL.
func browserServer(t *testing.T, docs int, extra ...*chronicle.Document) string {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.PutDocuments(context.Background(), storetest.Generate(docs, 7)); err != nil {
		t.Fatalf("store generated documents: %v", err)
	}
	if len(extra) > 0 {
		if _, err := st.PutDocuments(context.Background(), extra); err != nil {
			t.Fatalf("store extra documents: %v", err)
		}
	}
	srv, err := New(Config{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// consoleLog collects console errors, uncaught exceptions and failed loads.
type consoleLog struct {
	mu     sync.Mutex
	errors []string
}

func (c *consoleLog) add(s string) {
	c.mu.Lock()
	c.errors = append(c.errors, s)
	c.mu.Unlock()
}

func (c *consoleLog) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.errors
	c.errors = nil
	return out
}

// shellingReport is an invented report of one event, in words of its own:
// Ostrovian artillery (OSTMIL) shells Valmoran border posts (VLMMIL) near
// Kessel on eventDate. Two of them, on two sites, make one merged event.
func shellingReport(id, site, published, eventDate, title, lead, sentence string) *chronicle.Document {
	text := lead + " " + sentence
	off := len(lead) + 1
	span := func(s string) (int, int) {
		i := strings.Index(sentence, s)
		if i < 0 {
			panic("shellingReport: " + s + " is not in " + sentence)
		}
		return off + i, off + i + len(s)
	}
	ss, se := span("Ostrovian artillery")
	ts, te := span("Valmoran border posts")
	vs, ve := span("shelled")
	ps, pe := span("Kessel")
	doc := &chronicle.Document{
		ID: id, URL: "https://" + site + "/" + id, Title: title, Date: published, Source: site, Text: text,
		Sentences: []chronicle.Sentence{{I: 0, Start: 0, End: len(lead)}, {I: 1, Start: off, End: len(text)}},
		Places:    []chronicle.Place{{Text: "Kessel", Name: "Kessel", Country: "VLM", Start: ps, End: pe, Sentence: 1, Feature: "city", Resolution: "city"}},
		Events: []chronicle.Event{{
			ID: "e0", Sentence: 1, Start: off, End: len(text), Trigger: &chronicle.Span{Sentence: 1, Start: vs, End: ve, Text: "shelled"},
			PLOVER: "ASSAULT", CAMEO: "195", Quad: 4, Goldstein: -10,
			Source:     &chronicle.ActorRef{Text: "Ostrovian artillery", Name: "Ostrovian artillery", Code: "OSTMIL", Country: "OST", Sector: "MIL", Start: ss, End: se},
			Target:     &chronicle.ActorRef{Text: "Valmoran border posts", Name: "Valmoran border posts", Code: "VLMMIL", Country: "VLM", Sector: "MIL", Start: ts, End: te},
			Date:       eventDate,
			Location:   &chronicle.Place{Text: "Kessel", Name: "Kessel", Country: "VLM", Start: ps, End: pe, Sentence: 1, Resolution: "city"},
			Factuality: chronicle.FactOccurred, Confidence: 0.9, Rule: "test",
		}},
		Errors: []string{},
	}
	return doc
}

func TestBrowser(t *testing.T) {
	chromium := findChromium(t)
	base := browserServer(t, 300,
		shellingReport("shelling-a", "first.example", "2025-06-11", "2025-06-10", "Border posts shelled near Kessel",
			"Fighting flared again along the disputed frontier.", "Ostrovian artillery shelled Valmoran border posts near Kessel on Tuesday, officials said."),
		shellingReport("shelling-b", "second.example", "2025-06-12", "2025-06-11", "Kessel frontier comes under fire",
			"Residents of the border town reported heavy explosions.", "Local officials said Ostrovian artillery shelled Valmoran border posts outside Kessel late on Wednesday."))
	emptyBase := browserServer(t, 0)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	defer cancelT()

	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	var console consoleLog
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			switch m.Type {
			case chromedp.ConsoleError, chromedp.ConsoleException:
				console.add(fmt.Sprintf("%s at %s:%d", m, m.URL, m.Line))
			}
		}
	}()
	shots := os.Getenv("CHRONICLE_SHOTS") // a folder to save screenshots in, for looking at the pages
	shot := func(t *testing.T, name string) {
		if shots == "" {
			return
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Errorf("screenshot: %v", err)
			return
		}
		if err := os.MkdirAll(shots, 0o755); err == nil {
			_ = os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644)
		}
	}
	// open navigates to a page of the UI and waits until ready is visible.
	open := func(t *testing.T, hash, ready string) {
		t.Helper()
		// Leaving the page first makes each visit a fresh load, so that no
		// element of the previous page satisfies the wait.
		if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(base+"/"+hash), chromedp.WaitVisible(chromedp.CSS(ready))); err != nil {
			t.Fatalf("open %s and wait for %s: %v", hash, ready, err)
		}
	}
	eval := func(t *testing.T, js string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](js))
		if err != nil {
			t.Fatalf("evaluate %s: %v", js, err)
		}
		return v
	}
	count := func(t *testing.T, sel string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](fmt.Sprintf("document.querySelectorAll(%q).length", sel)))
		if err != nil {
			t.Fatalf("count %s: %v", sel, err)
		}
		return n
	}
	texts := func(t *testing.T, sel string) []string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf("[...document.querySelectorAll(%q)].map(e => e.textContent)", sel)))
		if err != nil {
			t.Fatalf("texts of %s: %v", sel, err)
		}
		return v
	}
	text := func(t *testing.T, sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return v
	}
	do := func(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	poll := func(t *testing.T, js string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[any](js, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
			t.Fatalf("wait for %s: %v", js, err)
		}
	}
	noConsoleErrors := func(t *testing.T) {
		t.Helper()
		// Values that leaked into the page as text are bugs too.
		junk, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('main').innerText.match(/\b(null|undefined|NaN)\b|\[object Object\]/) || [''])[0]`))
		if err != nil {
			t.Fatal(err)
		}
		if junk != "" {
			t.Errorf("the page shows %q", junk)
		}
		time.Sleep(50 * time.Millisecond)
		if errs := console.take(); len(errs) > 0 {
			t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
		}
	}

	t.Run("console errors are caught", func(t *testing.T) {
		open(t, "#/", "svg.timeline")
		eval(t, `console.error('probe ' + 'message'); setTimeout(() => { throw new Error('thrown probe'); }, 0); 1`)
		time.Sleep(200 * time.Millisecond)
		errs := strings.Join(console.take(), "\n")
		if !strings.Contains(errs, "probe message") || !strings.Contains(errs, "thrown probe") {
			t.Fatalf("the console listener missed the probes; got %q", errs)
		}
	})

	t.Run("dashboard renders its chart", func(t *testing.T) {
		open(t, "#/", "svg.timeline rect")
		if n := count(t, "svg.timeline rect"); n < 10 {
			t.Errorf("timeline chart has %d bars", n)
		}
		if n := count(t, ".bars li"); n < 5 {
			t.Errorf("dashboard has %d bar rows (top actors, event types)", n)
		}
		if n := count(t, ".stories li"); n == 0 {
			t.Error("no latest stories")
		}
		left, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`Math.min(...[...document.querySelectorAll('svg.timeline text')].map(e => e.getBBox().x))`))
		if err != nil {
			t.Fatal(err)
		}
		if left < 0 {
			t.Errorf("a chart label starts at x=%.1f, outside the chart", left)
		}
		shot(t, "dashboard")
		noConsoleErrors(t)
	})

	t.Run("a filter changes the table", func(t *testing.T) {
		open(t, "#/events", "table tbody tr")
		before := texts(t, "table tbody tr td:nth-child(2)")
		ready := eval(t, `document.body.dataset.ready`)
		// Choosing a type submits the filters, as a user's change does.
		do(t, chromedp.SetValue(chromedp.CSS(`#filters select[name="type"]`), "ASSAULT"))
		eval(t, `document.querySelector('#filters select[name="type"]').dispatchEvent(new Event('change', {bubbles: true}))`)
		poll(t, fmt.Sprintf(`location.hash.includes('type=ASSAULT') && document.body.dataset.ready !== %q`, ready))
		after := texts(t, "table tbody tr td:nth-child(2)")
		if len(after) == 0 {
			t.Fatal("no rows after filtering on ASSAULT")
		}
		for _, ty := range after {
			if ty != "ASSAULT" {
				t.Fatalf("row of type %q after filtering on ASSAULT", ty)
			}
		}
		if strings.Join(before, ",") == strings.Join(after, ",") {
			t.Error("the filter did not change the table")
		}
		shot(t, "events")
		noConsoleErrors(t)
	})

	t.Run("sorting the table", func(t *testing.T) {
		open(t, "#/events", "table tbody tr")
		do(t, chromedp.Click(chromedp.CSS(`th[data-key="date"]`)))
		dates := texts(t, "table tbody tr td:nth-child(1)")
		for i := 1; i < len(dates); i++ {
			if dates[i] < dates[i-1] {
				t.Fatalf("dates not ascending after sorting: %q before %q", dates[i-1], dates[i])
			}
		}
		if len(dates) < 2 {
			t.Fatalf("%d rows", len(dates))
		}
	})

	t.Run("load more appends the next page", func(t *testing.T) {
		open(t, "#/events", "table tbody tr")
		before := count(t, "table tbody tr")
		do(t, chromedp.Click(chromedp.CSS(`.more button`)))
		poll(t, fmt.Sprintf(`document.querySelectorAll('table tbody tr').length > %d`, before))
		rows := texts(t, "table tbody tr td.sentence")
		seen := map[string]bool{}
		for _, r := range rows {
			seen[r] = true
		}
		if len(rows) != 2*before || len(seen) < before {
			t.Errorf("%d rows (%d distinct) after loading more; want %d", len(rows), len(seen), 2*before)
		}
	})

	t.Run("an event opens its evidence", func(t *testing.T) {
		open(t, "#/events", "table tbody tr")
		want := text(t, `table tbody tr:first-child td.sentence`)
		do(t, chromedp.Click(chromedp.CSS(`table tbody tr:first-child td.sentence`)),
			chromedp.WaitVisible(chromedp.CSS(`.sent.evidence`)))
		got := text(t, `.sent.evidence`)
		if strings.TrimSpace(got) != strings.TrimSpace(want) {
			t.Errorf("highlighted sentence %q, want the event's sentence %q", got, want)
		}
		if n := count(t, ".sent.evidence mark.actor, .sent.evidence mark.event"); n < 2 {
			t.Errorf("%d actor or event spans marked in the evidence sentence, want at least 2", n)
		}
		if rule := text(t, "#rule"); rule == "" || rule == "—" {
			t.Error("no coding rule shown")
		}
		shot(t, "evidence")
		noConsoleErrors(t)
	})

	t.Run("map renders", func(t *testing.T) {
		open(t, "#/map", "svg.map circle.dot")
		if n := count(t, "svg.map path.land"); n < 150 {
			t.Errorf("map has %d country shapes", n)
		}
		if n := count(t, "svg.map circle.dot"); n < 3 {
			t.Errorf("map has %d place circles", n)
		}
		shot(t, "map")
		noConsoleErrors(t)
	})

	t.Run("network renders", func(t *testing.T) {
		open(t, "#/network", "svg.network .node")
		if n := count(t, "svg.network .node"); n < 4 {
			t.Errorf("network has %d nodes", n)
		}
		if n := count(t, "svg.network line"); n < 4 {
			t.Errorf("network has %d edges", n)
		}
		spread, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => {
			const xs = [...document.querySelectorAll('svg.network .node')].map(g => g.transform.baseVal[0].matrix.e);
			return Math.max(...xs) - Math.min(...xs); })()`))
		if err != nil {
			t.Fatal(err)
		}
		if spread < 200 {
			t.Errorf("network nodes span %.0f units horizontally; the layout collapsed", spread)
		}
		shot(t, "network")
		noConsoleErrors(t)
	})

	t.Run("actor page", func(t *testing.T) {
		open(t, "#/actors", "table tbody tr")
		shot(t, "actors")
		do(t, chromedp.Click(chromedp.CSS(`table tbody tr:first-child td:nth-child(2) a`)),
			chromedp.WaitVisible(chromedp.CSS(`body[data-page="actor"] svg.timeline`)))
		if n := count(t, ".page-actor .bars li"); n == 0 {
			t.Error("actor page shows no partners")
		}
		shot(t, "actor")
		noConsoleErrors(t)
	})

	t.Run("quotes by speaker", func(t *testing.T) {
		open(t, "#/quotes", "#quote-list blockquote")
		do(t, chromedp.Click(chromedp.CSS(`.speakers li:nth-child(2) a`)))
		poll(t, `location.hash.includes('speaker=') && document.body.dataset.page === 'quotes' && !!document.querySelector('.speakers a.active') && document.querySelector('.speakers a.active').getAttribute('href') === location.hash`)
		if n := count(t, "#quote-list blockquote"); n == 0 {
			t.Error("no quotes for the chosen speaker")
		}
		shot(t, "quotes")
		noConsoleErrors(t)
	})

	t.Run("search", func(t *testing.T) {
		open(t, "#/", "svg.timeline")
		word, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch('/api/documents?limit=1').then(r => r.json()).then(p => p.items[0].title.split(' ').find(w => w.length > 5) || p.items[0].title)`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		do(t, chromedp.SendKeys(chromedp.CSS(`#search-text`), word+"\r"),
			chromedp.WaitVisible(chromedp.CSS(`body[data-page="search"] .results`)))
		if n := count(t, ".results .stories li"); n == 0 {
			t.Errorf("search for %q found no reports", word)
		}
		shot(t, "search")
		noConsoleErrors(t)
	})

	t.Run("merged event with two reports", func(t *testing.T) {
		open(t, "#/merged", "table tbody tr")
		if n := count(t, "table tbody tr"); n < 10 {
			t.Errorf("merged events page lists %d events of the generated store", n)
		}
		shot(t, "merged")
		// Only events reported more than once.
		open(t, "#/merged?min_articles=2", "table tbody tr")
		heads := texts(t, "table thead th")
		ai := slices.Index(heads, "Articles")
		if ai < 0 {
			t.Fatalf("no Articles column in %q", heads)
		}
		arts := texts(t, fmt.Sprintf("table tbody tr td:nth-child(%d)", ai+1))
		if len(arts) == 0 || len(arts) != count(t, "table tbody tr") {
			t.Errorf("min_articles=2: %d article cells for %d rows", len(arts), count(t, "table tbody tr"))
		}
		for _, a := range arts {
			if n, err := strconv.Atoi(strings.TrimSpace(a)); err != nil || n < 2 {
				t.Errorf("min_articles=2 lists a row with %q articles", a)
			}
		}
		open(t, "#/merged?actor=OSTMIL", "table tbody tr")
		rows := texts(t, "table tbody tr")
		if len(rows) != 1 {
			t.Fatalf("%d merged events of OSTMIL, want 1 (two reports of one shelling): %q", len(rows), rows)
		}
		cells := texts(t, "table tbody tr td")
		col := func(label string) string {
			heads := texts(t, "table thead th")
			for i, hd := range heads {
				if hd == label && i < len(cells) {
					return strings.TrimSpace(cells[i])
				}
			}
			t.Fatalf("no column %q in %q", label, heads)
			return ""
		}
		if got := col("Articles"); got != "2" {
			t.Errorf("articles %q, want 2", got)
		}
		if got := col("Sites"); got != "2" {
			t.Errorf("sites %q, want 2", got)
		}
		if got := col("Place"); !strings.Contains(got, "Kessel") {
			t.Errorf("place %q, want Kessel", got)
		}
		if n := count(t, "table tbody tr td.conflicts .conflict"); n != 1 {
			t.Errorf("%d conflict markers; the reports give two dates", n)
		}
		do(t, chromedp.Click(chromedp.CSS(`table tbody tr:first-child td:nth-child(1)`)))
		poll(t, `document.body.dataset.page === 'merged' && !!document.querySelector('#mentions li.mention')`)
		if !strings.HasPrefix(eval(t, `location.hash`).(string), "#/merged/") {
			t.Errorf("row click went to %v", eval(t, `location.hash`))
		}
		reports := texts(t, "#mentions li.mention")
		if len(reports) != 2 {
			t.Fatalf("%d reports shown, want 2: %q", len(reports), reports)
		}
		all := strings.Join(reports, "\n")
		for _, want := range []string{"Border posts shelled near Kessel", "Kessel frontier comes under fire", "first.example", "second.example", "late on Wednesday"} {
			if !strings.Contains(all, want) {
				t.Errorf("reports do not show %q: %q", want, reports)
			}
		}
		if n := count(t, "#mentions .mention-sentence mark.event"); n != 2 {
			t.Errorf("%d triggers marked in the reports' sentences, want 2", n)
		}
		if c := strings.Join(texts(t, "#conflicts li"), "; "); !strings.Contains(c, "2025-06-10") || !strings.Contains(c, "2025-06-11") {
			t.Errorf("conflicts %q do not spell out the two dates", c)
		}
		shot(t, "merged-event")
		noConsoleErrors(t)

		// A report opens its document with the event selected, which links back.
		do(t, chromedp.Click(chromedp.CSS(`#mentions li.mention:nth-child(2) .mention-head a`)))
		poll(t, `document.body.dataset.page === 'doc' && !!document.querySelector('.sent.evidence')`)
		if n := count(t, "#reported-by a"); n != 1 {
			t.Fatalf("the evidence panel of a report of a merged event has %d links to it, want 1", n)
		}
		if got := text(t, ".sent.evidence"); !strings.Contains(got, "late on Wednesday") {
			t.Errorf("evidence sentence %q is not the second report's", got)
		}
		if got := text(t, "#reported-by"); got != "reported by 2 articles" {
			t.Errorf("evidence panel says %q", got)
		}
		shot(t, "merged-report")
		do(t, chromedp.Click(chromedp.CSS(`#reported-by a`)))
		poll(t, `document.body.dataset.page === 'merged' && document.querySelectorAll('#mentions li.mention').length === 2`)
		noConsoleErrors(t)

		// Both reports' rows on the events page link to the merged event.
		open(t, "#/events?actor=OSTMIL", "table tbody tr")
		links := texts(t, "table tbody tr a.reported-by")
		if len(links) != 2 || links[0] != "2" || links[1] != "2" {
			t.Errorf("events page links to the merged event %q, want 2 links saying 2", links)
		}
		noConsoleErrors(t)
	})

	t.Run("empty store", func(t *testing.T) {
		for _, page := range []string{"#/", "#/events", "#/merged", "#/network", "#/map", "#/quotes", "#/actors"} {
			if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(emptyBase+"/"+page),
				chromedp.WaitVisible(chromedp.CSS("body[data-ready] main .page"))); err != nil {
				t.Fatalf("%s: %v", page, err)
			}
			if n := count(t, "main .error"); n > 0 {
				t.Errorf("%s on an empty store shows an error: %s", page, text(t, "main .error"))
			}
			if n := count(t, "main .empty, svg.timeline text"); n == 0 {
				t.Errorf("%s on an empty store says nothing is there", page)
			}
		}
		shot(t, "empty-actors")
		noConsoleErrors(t)
	})
}
