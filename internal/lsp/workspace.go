package lsp

import (
	"bytes"
	"os"
	"path/filepath"
	"time"

	"github.com/figlint/figlint/internal/config"
	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/safeio"
	"github.com/figlint/figlint/rules"
)

// collectionDelay is how long the workspace's collection run waits after
// what asked for it (a save, a changed table), so that a burst of saves
// starts one run.
const collectionDelay = 300 * time.Millisecond

// collection is the collection-level findings of the workspace folders,
// by page, and the texts they were computed from.
type collection struct {
	findings map[string][]collected // by the page's path
	open     map[string]*text       // the open pages' texts the run linted, by path
	pages    map[string]bool        // every page of the run
}

// collected is a collection-level finding with its paths made absolute.
type collected struct {
	f       rules.Finding
	related []string // the related places' paths, in f.Related's order
}

// scheduleCollection asks for a collection run of the workspace folders
// soon; it never runs on a keystroke, only at the start, on a save and on
// a changed watched file.
func (s *Server) scheduleCollection() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.roots) == 0 || s.opts.Sync || s.shutdown {
		return
	}
	if s.collTimer != nil {
		s.collTimer.Stop()
	}
	s.collTimer = time.AfterFunc(collectionDelay, s.runCollection)
}

// runCollection lints the workspace folders' pages (the open ones from
// their buffers) for the collection-level rules, then re-lints the open
// pages so that they show the findings.
func (s *Server) runCollection() {
	s.mu.Lock()
	if s.collRunning {
		s.collAgain = true
		s.mu.Unlock()
		return
	}
	s.collRunning = true
	roots := append([]string(nil), s.roots...)
	buffers := map[string][]byte{}
	open := map[string]*text{}
	for _, d := range s.docs {
		if d.path != "" {
			buffers[d.path], open[d.path] = d.text.data, d.text
		}
	}
	s.mu.Unlock()

	c := &collection{findings: map[string][]collected{}, open: open, pages: map[string]bool{}}
	for _, root := range roots {
		if !isCollection(root) {
			s.log.Printf("no collection run over %s: it holds no .git and no figlint configuration", root)
			continue
		}
		l, err := s.linterFor(root)
		if err != nil {
			continue // said on each page of the folder
		}
		files, _ := engine.Collect([]string{root}, l.WorkDir, nil)
		kept := files[:0]
		for _, f := range files {
			if l.Excluded == nil || !l.Excluded(f.Path) {
				kept = append(kept, f)
				c.pages[f.Path] = true
			}
		}
		started := time.Now()
		fin := l.Lint.RunCollection(kept, 0, buffers)
		s.log.Printf("collection run over %d pages of %s: %d findings in %s", len(kept), root, len(fin.Findings), time.Since(started).Round(time.Millisecond))
		for _, f := range fin.Findings {
			p := absPath(f.Path, l.WorkDir)
			cf := collected{f: f}
			for _, r := range f.Related {
				rp := p
				if r.Path != "" {
					rp = absPath(r.Path, l.WorkDir)
				}
				cf.related = append(cf.related, rp)
			}
			c.findings[p] = append(c.findings[p], cf)
		}
	}

	s.mu.Lock()
	s.coll = c
	s.collRunning = false
	again := s.collAgain
	s.collAgain = false
	uris := make([]string, 0, len(s.docs))
	for uri := range s.docs {
		uris = append(uris, uri)
	}
	s.mu.Unlock()
	if again {
		s.scheduleCollection()
	}
	for _, uri := range uris {
		s.schedule(uri, false)
	}
}

// isCollection tells whether a workspace folder is worth a run over its
// pages: a repository or a folder with a figlint configuration, not a
// home folder an editor was started in.
func isCollection(dir string) bool {
	for _, name := range append([]string{".git"}, config.FileNames...) {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return false
}

// collectionFindings returns the workspace run's findings for the page
// at path, with paths as l shows them, when the run saw the text t;
// ok is false when it did not (the page is outside the workspace, or
// changed since): its positions would be stale.
func (s *Server) collectionFindings(path string, t *text, l *Linter) (fs []rules.Finding, ok bool) {
	s.mu.Lock()
	c := s.coll
	s.mu.Unlock()
	if c == nil || !c.pages[path] {
		return nil, false
	}
	if seen, wasOpen := c.open[path]; wasOpen {
		if seen != t && !bytes.Equal(seen.data, t.data) {
			return nil, false
		}
	} else if disk, err := safeio.ReadFile(path, int64(len(t.data))+1); err != nil || !bytes.Equal(disk, t.data) {
		return nil, false
	}
	display := displayPath(path, l.WorkDir)
	for _, cf := range c.findings[path] {
		f := cf.f
		f.Path = display
		f.Related = append([]rules.Related(nil), f.Related...)
		for i := range f.Related {
			f.Related[i].Path = displayPath(cf.related[i], l.WorkDir)
		}
		fs = append(fs, f)
	}
	return fs, true
}
