package cli

import (
	"fmt"
	"hash/fnv"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/figlint/figlint/internal/engine"
)

// defaultCacheDir is figlint's cache under the user's cache directory, from
// the run's environment ("" when it has neither XDG_CACHE_HOME nor HOME).
func defaultCacheDir(getenv func(string) string) string {
	if d := getenv("XDG_CACHE_HOME"); d != "" {
		return filepath.Join(d, "figlint")
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".cache", "figlint")
	}
	return ""
}

// parseShard reads "I/N" (1 <= I <= N).
func parseShard(s string) (i, n int, err error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return 0, 0, fmt.Errorf("invalid shard %q: expected I/N with 1 <= I <= N, such as 2/4", s)
	}
	return i, n, nil
}

// shard keeps the files of shard i of n: a file belongs to the shard its
// path's hash falls in, so the split is deterministic and a page stays in
// its shard when others are added or removed.
func shard(files []engine.File, i, n int) []engine.File {
	kept := files[:0]
	for _, f := range files {
		h := fnv.New32a()
		h.Write([]byte(f.Display))
		if int(h.Sum32()%uint32(n)) == i-1 {
			kept = append(kept, f)
		}
	}
	return kept
}

// progress draws a progress line on a terminal: pages done of total, pages
// per second, findings so far and the time left. It starts after a second,
// so quick runs print nothing, and clears itself at the end.
type progress struct {
	w              io.Writer
	total          int
	done, findings atomic.Int64
	start          time.Time
	stop, stopped  chan struct{}
	drawn          atomic.Bool
}

func startProgress(w io.Writer, total int) *progress {
	p := &progress{w: w, total: total, start: time.Now(), stop: make(chan struct{}), stopped: make(chan struct{})}
	go func() {
		defer close(p.stopped)
		delay := time.NewTimer(time.Second)
		defer delay.Stop()
		select {
		case <-p.stop:
			return
		case <-delay.C:
		}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			p.draw()
			select {
			case <-p.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return p
}

// add counts one finished page and its findings.
func (p *progress) add(findings int) {
	if p == nil {
		return
	}
	p.done.Add(1)
	p.findings.Add(int64(findings))
}

func (p *progress) draw() {
	fmt.Fprint(p.w, "\r\x1b[K"+p.line(time.Since(p.start)))
	p.drawn.Store(true)
}

// line renders the progress after elapsed time.
func (p *progress) line(elapsed time.Duration) string {
	done := p.done.Load()
	rate := float64(done) / elapsed.Seconds()
	eta := "?"
	if rate > 0 {
		eta = (time.Duration(float64(int64(p.total)-done)/rate) * time.Second).Round(time.Second).String()
	}
	return fmt.Sprintf("figlint: %d/%d pages, %.0f pages/s, %d findings, %s left", done, p.total, rate, p.findings.Load(), eta)
}

// finish stops the line and clears it.
func (p *progress) finish() {
	if p == nil {
		return
	}
	close(p.stop)
	<-p.stopped
	if p.drawn.Load() {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// showsText says whether a run shows or keys on the text of the pages
// that have findings: text snippets, SARIF's line hashes, baseline keys,
// fixes. A cached run that does not needs to read no unchanged page.
func showsText(fl *lintFlags, stdoutFormat string, files []outputSpec) bool {
	if fl.baseline != "" || fl.writeBaseline != "" || fl.fix || fl.diff {
		return true
	}
	formats := []string{stdoutFormat}
	for _, s := range files {
		formats = append(formats, s.Format)
	}
	for _, f := range formats {
		if f == "sarif" || f == "text" && !fl.noSnippet {
			return true
		}
	}
	return false
}
