package lsp

import (
	"context"
	"net/url"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/pipeline"
	"github.com/figlint/figlint/internal/report"
	"github.com/figlint/figlint/internal/safeio"
	"github.com/figlint/figlint/rules"
)

// watchGlobs are the files whose changes re-lint open pages.
var watchGlobs = []string{"**/_data/*-genes.tsv", "**/_data/*-chemicals.tsv", "**/_data/*-diseases.tsv",
	"**/.figlint.yaml", "**/.figlint.yml"}

// document is one page open in the editor.
type document struct {
	uri     string
	path    string // "" for a URI that names no file: not linted
	version int
	text    *text
	gen     int // bumped by each change: a lint of an older one is stale
	cancel  context.CancelFunc
	timer   *time.Timer
	last    *lintResult // the newest lint published, nil before the first
}

// stop stops the document's pending lint; the caller holds Server.mu.
func (d *document) stop() {
	if d.timer != nil {
		d.timer.Stop()
		d.timer = nil
	}
	if d.cancel != nil {
		d.cancel()
		d.cancel = nil
	}
}

// lintResult is one lint of one version of a document.
type lintResult struct {
	gen      int
	text     *text
	linter   *Linter
	display  string          // the page's displayed path
	findings []rules.Finding // in the order of diags
	diags    []Diagnostic
}

// linterEntry is a Linter built once for the pages of one configuration,
// or the error that building it gave.
type linterEntry struct {
	linter *Linter
	err    error
}

// uriPath returns the file a file:// URI names, or "".
func uriPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return ""
	}
	p := u.Path
	if runtime.GOOS == "windows" && len(p) > 2 && p[0] == '/' && p[2] == ':' {
		p = p[1:] // file:///C:/x
	}
	return filepath.Clean(filepath.FromSlash(p))
}

// pathURI is the file:// URI of an absolute path.
func pathURI(p string) string {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

func (s *Server) didOpen(p *didOpenParams) {
	td := p.TextDocument
	s.mu.Lock()
	if old := s.docs[td.URI]; old != nil {
		old.stop()
	}
	d := &document{uri: td.URI, path: uriPath(td.URI), version: td.Version, text: newText([]byte(td.Text))}
	s.docs[td.URI] = d
	s.mu.Unlock()
	s.schedule(td.URI, false)
}

func (s *Server) didChange(p *didChangeParams) {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		s.mu.Unlock()
		s.log.Printf("didChange of %s, which is not open", p.TextDocument.URI)
		return
	}
	t := d.text
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			t = newText([]byte(c.Text))
			continue
		}
		t = t.replace(t.offset(c.Range.Start, s.enc), t.offset(c.Range.End, s.enc), c.Text)
	}
	d.text, d.version = t, p.TextDocument.Version
	s.mu.Unlock()
	s.schedule(p.TextDocument.URI, true)
}

func (s *Server) didSave(p *didSaveParams) {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d != nil && p.Text != nil {
		d.text = newText([]byte(*p.Text))
	}
	s.mu.Unlock()
	if d != nil {
		s.schedule(p.TextDocument.URI, false)
		s.scheduleCollection()
	}
}

func (s *Server) didClose(p *didCloseParams) {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d != nil {
		d.stop()
		delete(s.docs, p.TextDocument.URI)
	}
	s.mu.Unlock()
	if d != nil {
		// The editor keeps a closed file's diagnostics unless told.
		_ = s.out.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: p.TextDocument.URI, Diagnostics: []Diagnostic{}})
	}
}

// didChangeWatchedFiles re-lints the open pages that a changed file
// concerns: a page's companion table concerns the page of its figid, any
// other file (a configuration, a schema) every page, whose linters are
// built again.
func (s *Server) didChangeWatchedFiles(p *didChangeWatchedFilesParams) {
	var relint []string
	s.mu.Lock()
	for _, ev := range p.Changes {
		changed := uriPath(ev.URI)
		base := filepath.Base(changed)
		figid := ""
		for _, suffix := range []string{"-genes.tsv", "-chemicals.tsv", "-diseases.tsv"} {
			if f, ok := strings.CutSuffix(base, suffix); ok {
				figid = f
			}
		}
		if figid == "" {
			s.linters = map[string]*linterEntry{} // a configuration (or unknown) file: build again
		}
		for uri, d := range s.docs {
			name := strings.TrimSuffix(filepath.Base(d.path), filepath.Ext(d.path))
			if figid == "" || name == figid {
				relint = append(relint, uri)
			}
		}
	}
	s.mu.Unlock()
	slices.Sort(relint)
	for _, uri := range slices.Compact(relint) {
		s.schedule(uri, false)
	}
	s.scheduleCollection()
}

// schedule lints the document's current text, after the debounce delay
// when debounce is set, and publishes the diagnostics unless a newer
// change came first. A pending lint of an older text is cancelled.
func (s *Server) schedule(uri string, debounce bool) {
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil {
		s.mu.Unlock()
		return
	}
	d.stop()
	d.gen++
	gen := d.gen
	ctx, cancel := context.WithCancel(context.Background())
	d.cancel = cancel
	if s.opts.Sync {
		s.mu.Unlock()
		s.lintAndPublish(ctx, uri, gen)
		return
	}
	if debounce && s.opts.Debounce > 0 {
		d.timer = time.AfterFunc(s.opts.Debounce, func() { s.lintAndPublish(ctx, uri, gen) })
	} else {
		go s.lintAndPublish(ctx, uri, gen)
	}
	s.mu.Unlock()
}

// lintAndPublish lints generation gen of the document and publishes its
// diagnostics, unless the document changed or closed meanwhile.
func (s *Server) lintAndPublish(ctx context.Context, uri string, gen int) {
	if !s.opts.Sync {
		select {
		case s.work <- struct{}{}:
			defer func() { <-s.work }()
		case <-ctx.Done():
			return
		}
	}
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil || d.gen != gen || ctx.Err() != nil {
		s.mu.Unlock()
		return
	}
	t, path, version := d.text, d.path, d.version
	s.mu.Unlock()
	lr := s.lint(path, t, gen)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.docs[uri] != d || d.gen != gen || ctx.Err() != nil {
		return // stale: a newer lint is on its way
	}
	d.last = lr
	diags := lr.diags
	if diags == nil {
		diags = []Diagnostic{}
	}
	// Sent under the lock, so that an older lint's diagnostics can never
	// overtake a newer one's.
	v := version
	_ = s.out.notify("textDocument/publishDiagnostics", publishDiagnosticsParams{URI: uri, Version: &v, Diagnostics: diags})
}

// linterFor returns the Linter for a page in dir, building it once per
// configuration file.
func (s *Server) linterFor(dir string) (*Linter, error) {
	cfgFile := ""
	if s.opts.ConfigFile != nil {
		cfgFile = s.opts.ConfigFile(dir)
	}
	key, buildDir := "dir:"+dir, dir
	if cfgFile != "" {
		key, buildDir = "config:"+cfgFile, filepath.Dir(cfgFile)
	}
	s.mu.Lock()
	e := s.linters[key]
	s.mu.Unlock()
	if e != nil {
		return e.linter, e.err
	}
	l, err := s.opts.NewLinter(buildDir)
	if err != nil {
		s.log.Printf("configuration for %s: %v", dir, err)
	}
	s.mu.Lock()
	s.linters[key] = &linterEntry{linter: l, err: err}
	s.mu.Unlock()
	return l, err
}

// lint lints one text of the page at path.
func (s *Server) lint(path string, t *text, gen int) *lintResult {
	lr := &lintResult{gen: gen, text: t}
	if path == "" {
		return lr // an untitled buffer: no folder to find a configuration from
	}
	l, err := s.linterFor(filepath.Dir(path))
	if err != nil {
		lr.diags = []Diagnostic{{Range: Range{}, Severity: severityError, Source: "figlint",
			Message: "figlint cannot lint this page: " + err.Error()}}
		return lr
	}
	if l.Excluded != nil && l.Excluded(path) {
		return lr // the configuration excludes the page: a run never lints it
	}
	lr.linter = l
	lr.display = displayPath(path, l.WorkDir)
	res := l.Lint.LintBytes(engine.File{Display: lr.display, Path: path}, t.data)
	if fs, ok := s.collectionFindings(path, t, l); ok {
		// The workspace run's collection-level findings for this text.
		res.Findings = append(res.Findings, fs...)
		engine.SortFindings(res.Findings)
	} else if fin := l.Lint.Finish(res); len(fin.Findings) > 0 || fin.Err != nil {
		// The collection phase over this page alone, as figlint PAGE runs
		// it, until a run over the workspace has seen this text.
		res.Findings = append(res.Findings, fin.Findings...)
		engine.SortFindings(res.Findings)
		if res.Err == nil {
			res.Err = fin.Err
		}
	}
	if res.Err != nil {
		s.log.Printf("internal error linting %s: %v", path, res.Err)
	}
	if l.Baseline != nil {
		_ = (&pipeline.Baseline{Base: l.Baseline.Fresh()}).Process(&res)
	}
	others := map[string]*text{}
	for _, f := range res.Findings {
		lr.findings = append(lr.findings, f)
		lr.diags = append(lr.diags, s.diagnostic(lr, f, others))
	}
	return lr
}

// displayPath is path as the engine shows it: relative to workDir where
// it can be, with / separators.
func displayPath(path, workDir string) string {
	if rel, err := filepath.Rel(workDir, path); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(path)
}

// absPath turns a displayed path back into the file's path.
func absPath(display, workDir string) string {
	p := filepath.FromSlash(display)
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(workDir, p)
}

// severities maps figlint's severities to the protocol's.
var severities = map[rules.Severity]int{rules.SeverityError: severityError, rules.SeverityWarning: severityWarning,
	rules.SeverityNote: severityInformation}

// diagnostic converts a finding; others caches the texts of the other
// files (companion tables) its places are in.
func (s *Server) diagnostic(lr *lintResult, f rules.Finding, others map[string]*text) Diagnostic {
	d := Diagnostic{Severity: severities[f.Severity], Code: f.Rule, Source: "figlint", Message: f.Message,
		CodeDescription: &codeDescription{Href: report.RuleDocURI(f.Rule)}}
	if d.Severity == 0 {
		d.Severity = severityWarning
	}
	if f.Path == lr.display || f.Path == "" {
		d.Range = s.convert(lr.text, f.Range)
	} else {
		// A finding in a companion table: shown on the page's first line,
		// with the table's place as its related location.
		d.Range = s.convert(lr.text, rules.Range{Start: rules.Position{Line: 1, Column: 1}, End: rules.Position{Line: 1, Column: 4}})
		if loc, ok := s.location(lr, f.Path, f.Range, others); ok {
			d.RelatedInformation = append(d.RelatedInformation, relatedInformation{Location: loc, Message: "in " + f.Path})
		}
		d.Message = f.Path + ": " + d.Message
	}
	for _, r := range f.Related {
		path := r.Path
		if path == "" {
			path = f.Path
		}
		if loc, ok := s.location(lr, path, r.Range, others); ok {
			d.RelatedInformation = append(d.RelatedInformation, relatedInformation{Location: loc, Message: r.Message})
		}
	}
	return d
}

// location is a range of the page or of another file, read from disk.
func (s *Server) location(lr *lintResult, display string, r rules.Range, others map[string]*text) (Location, bool) {
	path := absPath(display, lr.linter.WorkDir)
	if display == lr.display {
		return Location{URI: pathURI(path), Range: s.convert(lr.text, r)}, true
	}
	t, ok := others[path]
	if !ok {
		data, err := safeio.ReadFile(path, 64<<20)
		if err == nil {
			t = newText(data)
		}
		others[path] = t
	}
	if t == nil {
		return Location{}, false
	}
	return Location{URI: pathURI(path), Range: s.convert(t, r)}, true
}

// convert turns a figlint range into a protocol range of t.
func (s *Server) convert(t *text, r rules.Range) Range {
	enc := s.encoding()
	return Range{Start: t.position(t.lineColumn(r.Start.Line, r.Start.Column), enc),
		End: t.position(t.lineColumn(r.End.Line, r.End.Column), enc)}
}

func (s *Server) encoding() encoding {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enc
}
