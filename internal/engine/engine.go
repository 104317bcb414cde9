// Package engine lints files: it runs the enabled rules over each parsed
// document on a pool of workers and streams the results in path order.
package engine

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"sort"

	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/internal/yamlpos"
	"github.com/figlint/figlint/rules"
)

// DefaultMaxSize is the default file size limit.
const DefaultMaxSize = 10 << 20

// Engine lints documents with a fixed set of rules; it is safe for
// concurrent use.
type Engine struct {
	reg      *rules.Registry
	enabled  map[string]bool
	severity map[string]rules.Severity
	maxSize  int64
}

// Options configure an Engine.
type Options struct {
	// Enabled lists the rule IDs to report; nil enables all.
	Enabled []string
	// Severity overrides default severities by rule ID.
	Severity map[string]rules.Severity
	// MaxSize is the largest file linted, in bytes (0: DefaultMaxSize).
	MaxSize int64
}

// New returns an engine for the registry's rules.
func New(reg *rules.Registry, opts Options) *Engine {
	e := &Engine{reg: reg, enabled: map[string]bool{}, severity: map[string]rules.Severity{}, maxSize: opts.MaxSize}
	if e.maxSize <= 0 {
		e.maxSize = DefaultMaxSize
	}
	for _, m := range reg.Metas() {
		e.severity[m.ID] = m.Severity
		if opts.Enabled == nil {
			e.enabled[m.ID] = true
		}
	}
	for _, id := range opts.Enabled {
		e.enabled[id] = true
	}
	for id, s := range opts.Severity {
		e.severity[id] = s
	}
	return e
}

// Result is the outcome for one file.
type Result struct {
	File     File
	Findings []rules.Finding
	// Source is the file's text, for snippets; nil when it was not read.
	Source *yamlpos.Source
	// Err is an internal error (a rule panicked); the file's other
	// findings are still reported.
	Err error
}

// LintFile reads and lints one file.
func (e *Engine) LintFile(f File) Result {
	data, problem := e.read(f)
	if problem != "" {
		doc := &rules.Document{Path: f.Display, Broken: true,
			Open: rules.Range{Start: rules.Position{Line: 1, Column: 1}, End: rules.Position{Line: 1, Column: 1}}}
		doc.Problems = []rules.Finding{{Rule: rules.FrontMatter.ID, Path: f.Display, Range: doc.Open, Message: problem}}
		return e.lint(f, doc)
	}
	return e.lint(f, frontmatter.Parse(f.Display, data))
}

// read returns the file's bytes, or a message saying why it cannot be
// linted.
func (e *Engine) read(f File) ([]byte, string) {
	// Stat before opening: opening a FIFO would block until a writer came.
	info, err := os.Stat(f.Path)
	if err != nil {
		return nil, fmt.Sprintf("cannot read the file (%v); expected a readable file", unwrapPath(err))
	}
	if info.IsDir() {
		return nil, "path is a directory reached through a link; expected a file"
	}
	if !info.Mode().IsRegular() {
		return nil, "path is not a regular file; expected a page file"
	}
	if info.Size() > e.maxSize {
		return nil, fmt.Sprintf("file is %d bytes; expected at most %d (raise the limit with --max-size)", info.Size(), e.maxSize)
	}
	fh, err := os.Open(f.Path)
	if err != nil {
		return nil, fmt.Sprintf("cannot read the file (%v); expected a readable file", unwrapPath(err))
	}
	defer func() { _ = fh.Close() }() // read-only: a close error loses nothing
	data, err := io.ReadAll(io.LimitReader(fh, e.maxSize+1))
	if err != nil {
		return nil, fmt.Sprintf("cannot read the file (%v); expected a readable file", unwrapPath(err))
	}
	if int64(len(data)) > e.maxSize {
		return nil, fmt.Sprintf("file is larger than %d bytes; expected at most that (raise the limit with --max-size)", e.maxSize)
	}
	return data, ""
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// LintDocument runs the enabled rules over a parsed document.
func (e *Engine) LintDocument(doc *rules.Document) []rules.Finding {
	r := e.lint(File{Display: doc.Path}, doc)
	return r.Findings
}

func (e *Engine) lint(f File, doc *rules.Document) Result {
	res := Result{File: f, Source: doc.Source}
	for _, rule := range e.reg.Rules() {
		if doc.Broken && !rule.OnBroken {
			continue
		}
		if !e.anyEnabled(rule) {
			continue
		}
		if err := e.runRule(rule, doc, &res.Findings); err != nil && res.Err == nil {
			res.Err = err
		}
	}
	SortFindings(res.Findings)
	res.Findings = dedupe(res.Findings)
	return res
}

func (e *Engine) anyEnabled(r rules.Rule) bool {
	for _, id := range r.IDs() {
		if e.enabled[id] {
			return true
		}
	}
	return false
}

// runRule runs one rule, turning a panic into an internal error.
func (e *Engine) runRule(rule rules.Rule, doc *rules.Document, out *[]rules.Finding) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("engine: rule %q panicked on %s: %v\n%s", rule.ID, doc.Path, p, debug.Stack())
		}
	}()
	own := map[string]bool{}
	for _, id := range rule.IDs() {
		own[id] = true
	}
	var bad error
	pass := rules.NewPass(doc, func(f rules.Finding) {
		if !own[f.Rule] {
			if bad == nil {
				bad = fmt.Errorf("engine: rule %q reported under the undeclared ID %q", rule.ID, f.Rule)
			}
			return
		}
		if !e.enabled[f.Rule] {
			return
		}
		f.Severity = e.severity[f.Rule]
		*out = append(*out, f)
	})
	rule.Run(pass)
	return bad
}

// SortFindings orders findings by path, line, column and rule, then end and
// message, so output never depends on scheduling.
func SortFindings(fs []rules.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Range.Start != b.Range.Start {
			return a.Range.Start.Less(b.Range.Start)
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Range.End != b.Range.End {
			return a.Range.End.Less(b.Range.End)
		}
		return a.Message < b.Message
	})
}

func dedupe(fs []rules.Finding) []rules.Finding {
	if len(fs) < 2 {
		return fs
	}
	out := fs[:1]
	for _, f := range fs[1:] {
		p := out[len(out)-1]
		if f.Rule == p.Rule && f.Range == p.Range && f.Message == p.Message && f.Path == p.Path {
			continue
		}
		out = append(out, f)
	}
	return out
}

// Run lints files on jobs workers (0: one per CPU) and calls emit with each
// file's result in the order of files. At most a small window of results is
// held at once, so memory does not grow with the number of files. emit's
// first error stops further emits and is returned after the workers finish.
func (e *Engine) Run(files []File, jobs int, emit func(Result) error) error {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	type job struct {
		file File
		out  chan Result
	}
	window := make(chan chan Result, 4*jobs)
	work := make(chan job)
	go func() {
		for _, f := range files {
			out := make(chan Result, 1)
			window <- out
			work <- job{file: f, out: out}
		}
		close(window)
		close(work)
	}()
	for range jobs {
		go func() {
			for j := range work {
				j.out <- e.LintFile(j.file)
			}
		}()
	}
	var emitErr error
	for out := range window {
		r := <-out
		if emitErr == nil {
			emitErr = emit(r)
		}
	}
	return emitErr
}
