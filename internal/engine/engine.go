// Package engine lints files: it runs the enabled rules over each parsed
// document on a pool of workers and streams the results in path order.
package engine

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"unicode/utf8"

	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/internal/safeio"
	"github.com/figlint/figlint/internal/yamlpos"
	"github.com/figlint/figlint/rules"
	"go.yaml.in/yaml/v3"
)

// DefaultMaxSize is the default file size limit.
const DefaultMaxSize = 10 << 20

// Engine lints documents with a fixed set of rules; it is safe for
// concurrent use.
type Engine struct {
	listings *sync.Map // data folder -> *listing, when ListDataDirs
	reg      *rules.Registry
	enabled  map[string]bool
	runnable map[string]bool // enabled, or enabled for some paths
	paths    []PathRules
	defaults map[string]rules.Severity
	override map[string]rules.Severity
	maxSize  int64
	dataDir  string
	workDir  string
	cache    *Cache
	shard    string
	// ruleIDs lists each rule's IDs and declared holds them as a set, by
	// the rule's own ID: looked up per page and per finding, built once.
	ruleIDs   map[string][]string
	declared  map[string]map[string]bool
	isEnabled func(id string) bool
	// fixSafety is each rule ID's Meta.FixSafety.
	fixSafety map[string]rules.FixSafety
	fix       *FixOptions
	schemaOf  func(*rules.Document) string
	isData    func(File) bool
}

// Options configure an Engine.
type Options struct {
	// Enabled lists the rule IDs to report; nil enables all.
	Enabled []string
	// Severity overrides default severities by rule ID.
	Severity map[string]rules.Severity
	// MaxSize is the largest file linted, in bytes (0: DefaultMaxSize).
	MaxSize int64
	// DataDir holds the pages' companion tables; "" means "../_data"
	// relative to each page's directory, as in the PFOCR site.
	DataDir string
	// WorkDir is the directory that displayed paths are relative to
	// ("" for the process's working directory).
	WorkDir string
	// Paths are per-path rule settings, applied in order after the
	// global ones (later entries win).
	Paths []PathRules
	// Cache, when set, stores and reuses each page's results.
	Cache *Cache
	// Shard, when set ("2/4"), says the run sees one shard of the pages:
	// collection-level findings say so.
	Shard string
	// Fix, when set, applies fixes to each page (see FixOptions).
	Fix *FixOptions
	// SchemaOf, when set, names the schema a document is checked against
	// (Facts.Schema). A file that names its own schema ("$schema") is
	// never cached: the schema file is not part of the run's fingerprint.
	SchemaOf func(doc *rules.Document) string
	// IsData tells whether a file is a data file (YAML or JSON as a whole,
	// no front matter); nil: none is.
	IsData func(f File) bool
	// ListDataDirs lists each data folder once, so that companion tables
	// that do not exist cost no system call (listing.go). For batch runs:
	// a table created after the listing is not seen.
	ListDataDirs bool
}

// PathRules turns rules on or off and sets severities for the files whose
// displayed path Match accepts.
type PathRules struct {
	Match    func(path string) bool
	Enable   map[string]bool
	Severity map[string]rules.Severity
}

// New returns an engine for the registry's rules.
func New(reg *rules.Registry, opts Options) *Engine {
	e := &Engine{reg: reg, enabled: map[string]bool{}, defaults: map[string]rules.Severity{},
		override: map[string]rules.Severity{}, maxSize: opts.MaxSize, dataDir: opts.DataDir, workDir: opts.WorkDir}
	e.maxSize = min(e.maxSize, math.MaxInt64-1) // the reader reads maxSize+1 bytes
	if e.maxSize <= 0 {
		e.maxSize = DefaultMaxSize
	}
	if e.workDir == "" {
		e.workDir, _ = os.Getwd()
	}
	e.fixSafety = map[string]rules.FixSafety{}
	for _, m := range reg.Metas() {
		e.fixSafety[m.ID] = m.FixSafety
		e.defaults[m.ID] = m.Severity
		if opts.Enabled == nil {
			e.enabled[m.ID] = true
		}
	}
	for _, id := range opts.Enabled {
		e.enabled[id] = true
	}
	for id, s := range opts.Severity {
		e.override[id] = s
	}
	e.ruleIDs, e.declared = map[string][]string{}, map[string]map[string]bool{}
	for _, r := range reg.Rules() {
		ids := r.IDs()
		e.ruleIDs[r.ID] = ids
		e.declared[r.ID] = map[string]bool{}
		for _, id := range ids {
			e.declared[r.ID][id] = true
		}
	}
	e.isEnabled = func(id string) bool { return e.runnable[id] }
	e.paths = opts.Paths
	e.cache = opts.Cache
	e.shard = opts.Shard
	e.fix = opts.Fix
	e.schemaOf = opts.SchemaOf
	e.isData = opts.IsData
	if opts.ListDataDirs {
		e.listings = &sync.Map{}
	}
	if e.cache != nil {
		e.cache.mayExist = e.mayExist
	}
	e.runnable = map[string]bool{}
	for id, on := range e.enabled {
		e.runnable[id] = on
	}
	for _, p := range e.paths {
		for id, on := range p.Enable {
			e.runnable[id] = e.runnable[id] || on
		}
	}
	return e
}

// Suppressed is a finding that is not reported, and why.
type Suppressed struct {
	rules.Finding
	// Kind is "inSource" for an inline figlint-ignore comment and
	// "external" for a baseline entry, as in SARIF's suppression kinds.
	Kind string
	// Justification is the reason given for it, if any.
	Justification string
}

// Facts are values of a page that audit reports group findings by, and
// the few that name the figure to a curator. They are cached with the
// page's result, so they stay few and short.
type Facts struct {
	Year      string   `json:"year,omitempty"`
	Organisms []string `json:"organisms,omitempty"`
	// Figid, Title and Figlink are the page's figid, figtitle and figlink
	// as written (Title cut to maxFactTitle bytes): the report links the
	// PFOCR page and the PMC figure and names the figure.
	Figid   string `json:"figid,omitempty"`
	Title   string `json:"title,omitempty"`
	Figlink string `json:"figlink,omitempty"`
	// Schema names the JSON Schema the file was checked against ("" for
	// none), as Options.SchemaOf gives it.
	Schema string `json:"schema,omitempty"`
}

// maxFactTitle bounds Facts.Title: the pipeline keeps titles of at most
// 250 characters, but a broken page may hold a whole caption there.
const maxFactTitle = 300

// maxFactField bounds Facts.Figid and Facts.Figlink, which are short in
// every real page; a longer value is no usable link.
const maxFactField = 200

// pageFacts reads the facts of a parsed page.
func pageFacts(doc *rules.Document) Facts {
	var f Facts
	if doc.Root == nil {
		return f
	}
	scalar := func(ptr string, limit int) string {
		e, ok := doc.Lookup(ptr)
		if !ok || e.Target.Kind != yaml.ScalarNode {
			return ""
		}
		return cutUTF8(e.Target.Value, limit)
	}
	f.Year = scalar("/year", maxFactField)
	f.Figid = scalar("/figid", maxFactField)
	f.Title = scalar("/figtitle", maxFactTitle)
	f.Figlink = scalar("/figlink", maxFactField)
	if e, ok := doc.Lookup("/organisms"); ok {
		switch t := e.Target; t.Kind {
		case yaml.ScalarNode:
			f.Organisms = []string{t.Value}
		case yaml.SequenceNode:
			for _, c := range t.Content {
				if c = rules.Deref(c); c.Kind == yaml.ScalarNode {
					f.Organisms = append(f.Organisms, c.Value)
				}
			}
		}
	}
	return f
}

// cutUTF8 shortens s to at most n bytes without splitting a character.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Result is the outcome for one file.
type Result struct {
	File     File
	Findings []rules.Finding
	// Suppressed are the findings that suppressions or the baseline hid;
	// formats leave them out unless asked to show them.
	Suppressed []Suppressed
	// Source is the file's text, for snippets; nil when it was not read.
	Source *yamlpos.Source
	// Err is an internal error (a rule panicked); the file's other
	// findings are still reported.
	Err error
	// Collection marks the result of the collection phase: findings that
	// concern several pages, reported after every file.
	Collection bool
	// Facts are a few values of the page that reports group findings by
	// (year, organisms); empty when the page could not be read.
	Facts Facts
	// summaries are the page's summaries for collection-level rules, as
	// JSON, by the rule's index in the registry.
	summaries map[int]json.RawMessage
	// companions are the companion files the page's rules read, for the
	// cache to check on a later run.
	companions []companionUse
	// Fix is what --fix or --diff did to the page; nil when fixing is off
	// or no fix applied.
	Fix *FixOutcome
	// broken: the page's front matter could not be parsed.
	broken bool
}

// LintFile reads and lints one file.
func (e *Engine) LintFile(f File) Result {
	info, problem := e.stat(f)
	var data []byte
	if problem == "" {
		if e.cache != nil {
			return e.lintCached(f, info)
		}
		data, problem = e.readData(f)
	}
	if problem != "" {
		return e.lintUnreadable(f, problem)
	}
	res := e.lint(f, e.parse(f, data))
	if e.fix != nil {
		res = e.fixFile(f, data, res)
	}
	return res
}

// lintUnreadable is the result of a file that cannot be linted: one
// front-matter finding saying why.
func (e *Engine) lintUnreadable(f File, problem string) Result {
	doc := &rules.Document{Path: f.Display, Broken: true,
		Open: rules.Range{Start: rules.Position{Line: 1, Column: 1}, End: rules.Position{Line: 1, Column: 1}}}
	doc.Problems = []rules.Finding{{Rule: rules.FrontMatter.ID, Path: f.Display, Range: doc.Open, Message: problem}}
	return e.lint(f, doc)
}

// lintCached lints a file through the cache. With the metadata strategy, a
// page whose metadata maps to a result is not read when nothing of its
// text is shown (a clean page, or outputs without snippets); otherwise it
// is read and its result found by its content.
func (e *Engine) lintCached(f File, info os.FileInfo) Result {
	place := e.companionPlace(f)
	locate := func(name string) string { return e.companionPath(f, name) }
	// The page's metadata, and the content key it mapped to: trusted with
	// the metadata strategy; with either, a mapping the content proves
	// stale (a file rewritten in place, keeping its size and time) is
	// stored again, so that later runs trust the right result.
	var sk, mappedKey cacheKey
	st := fileStat{}
	if e.fix == nil {
		st = statOf(info, e.cache.since)
	}
	mapped := false
	if st != (fileStat{}) {
		sk = e.cache.statKey(f, st, place)
		if key, ok := e.cache.lookupStat(sk); ok {
			mapped, mappedKey = true, key
			if e.cache.metadata {
				if res, ok := e.cache.load(key, f, nil, locate); ok && (!e.cache.withText || len(res.Findings) == 0 && len(res.Suppressed) == 0) {
					return res
				}
			}
		}
	}
	data, problem := e.readData(f)
	if problem != "" {
		return e.lintUnreadable(f, problem)
	}
	if e.schemaOf != nil && bytes.Contains(data, []byte("$schema")) {
		// A file that may name its own schema is never cached: that
		// schema is not part of the run's fingerprint.
		res := e.lint(f, e.parse(f, data))
		if e.fix != nil {
			res = e.fixFile(f, data, res)
		}
		return res
	}
	key := e.cache.key(f, data, place)
	res, ok := e.cache.load(key, f, data, locate)
	if !ok {
		res = e.lint(f, e.parse(f, data))
		e.cache.store(key, res)
	}
	if st != (fileStat{}) && (!mapped || mappedKey != key) && res.Err == nil {
		e.cache.storeStat(sk, key)
	}
	if e.fix != nil {
		res = e.fixFile(f, data, res)
	}
	return res
}

// LintBytes lints data as the contents of f (an editor's unsaved buffer),
// as LintFile lints the file on disk: the companion tables are read from
// disk next to f.Path, and with fixing on, the fixes are applied to data
// (written to f.Path only when FixOptions.Write is set). The cache is
// not used: a buffer changes with each keystroke.
func (e *Engine) LintBytes(f File, data []byte) Result {
	if int64(len(data)) > e.maxSize {
		doc := &rules.Document{Path: f.Display, Broken: true,
			Open: rules.Range{Start: rules.Position{Line: 1, Column: 1}, End: rules.Position{Line: 1, Column: 1}}}
		doc.Problems = []rules.Finding{{Rule: rules.FrontMatter.ID, Path: f.Display, Range: doc.Open,
			Message: fmt.Sprintf("file is %d bytes; expected at most %d (raise the limit with --max-size)", len(data), e.maxSize)}}
		return e.lint(f, doc)
	}
	res := e.lint(f, e.parse(f, data))
	if e.fix != nil {
		res = e.fixFile(f, data, res)
	}
	return res
}

// parse reads a page's front matter, or a data file as a whole.
func (e *Engine) parse(f File, data []byte) *rules.Document {
	if e.isData != nil && e.isData(f) {
		return frontmatter.ParseData(f.Display, data)
	}
	return frontmatter.Parse(f.Display, data)
}

// stat checks that the file may be read: a regular file of at most
// --max-size. It returns its metadata, or a message saying why it cannot
// be linted.
func (e *Engine) stat(f File) (os.FileInfo, string) {
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
	return info, ""
}

// readData returns the bytes of a file that stat accepted, or a message
// saying why it cannot be linted.
func (e *Engine) readData(f File) ([]byte, string) {
	// Opened without blocking and checked again: the file may have been
	// replaced by a FIFO or grown since the stat.
	data, err := safeio.ReadFile(f.Path, e.maxSize)
	var tooLarge *safeio.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		return nil, fmt.Sprintf("file is larger than %d bytes; expected at most that (raise the limit with --max-size)", e.maxSize)
	case errors.Is(err, safeio.ErrNotRegular):
		return nil, "path is not a regular file; expected a page file"
	case err != nil:
		return nil, fmt.Sprintf("cannot read the file (%v); expected a readable file", unwrapPath(err))
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

// LintDocument runs the enabled rules over a parsed document; its Path is
// also used to find companion files.
func (e *Engine) LintDocument(doc *rules.Document) []rules.Finding {
	r := e.lint(File{Display: doc.Path, Path: doc.Path}, doc)
	return r.Findings
}

// LintAlone lints a parsed document as a run over that page alone does:
// its findings, then the collection-level rules' findings over it (a
// collection fact such as a generation's gap, seen on one page).
func (e *Engine) LintAlone(doc *rules.Document) []rules.Finding {
	r := e.lint(File{Display: doc.Path, Path: doc.Path}, doc)
	sums := map[int][]rules.Summary{}
	for i, s := range r.summaries {
		sums[i] = append(sums[i], rules.Summary{Path: r.File.Display, Data: s})
	}
	return append(r.Findings, e.finish(sums).Findings...)
}

func (e *Engine) lint(f File, doc *rules.Document) Result {
	return e.lintWith(f, doc, nil)
}

// lintWith lints doc, reading the companion tables whose paths overlay
// holds from there rather than from disk (the tables as --fix would
// leave them).
func (e *Engine) lintWith(f File, doc *rules.Document, overlay map[string][]byte) Result {
	if doc.Folder == "" && f.Path != "" {
		if a, err := filepath.Abs(f.Path); err == nil {
			doc.Folder = filepath.Base(filepath.Dir(a))
		}
	}
	res := Result{File: f, Source: doc.Source, Facts: pageFacts(doc), broken: doc.Broken}
	if e.schemaOf != nil {
		res.Facts.Schema = e.schemaOf(doc)
	}
	read := e.companionReader(f, overlay)
	type companion struct {
		shown string
		data  []byte
		err   error
	}
	seen := map[string]companion{} // several rules read the same tables
	companions := func(name string) (string, []byte, error) {
		if c, ok := seen[name]; ok {
			return c.shown, c.data, c.err
		}
		// The metadata is taken before the read: a table changed between
		// the two is hashed again by the next run.
		var st fileStat
		if e.cache != nil && e.cache.metadata {
			if _, inOverlay := overlay[e.companionPath(f, name)]; !inOverlay && e.mayExist(e.companionPath(f, name)) {
				info, _ := os.Stat(e.companionPath(f, name))
				st = statOf(info, e.cache.since)
			}
		}
		shown, data, err := read(name)
		seen[name] = companion{shown, data, err}
		if e.cache != nil {
			use := companionUse{Name: name, Path: e.companionPath(f, name)}
			if err == nil {
				use.Stat = st
				sum := sha256.Sum256(data)
				use.Sum = hex.EncodeToString(sum[:])
			} else if !isNotExist(err) {
				use.Sum = "unreadable" // never equal to a hash: a later run re-reads
			}
			res.companions = append(res.companions, use)
		}
		return shown, data, err
	}
	for i, rule := range e.reg.Rules() {
		if doc.Broken && !rule.OnBroken {
			continue
		}
		if !e.anyEnabled(rule) {
			continue
		}
		sum, err := e.runRule(rule, doc, companions, &res.Findings)
		if err != nil && res.Err == nil {
			res.Err = err
		}
		if sum != nil {
			data, err := json.Marshal(sum)
			if err != nil {
				if res.Err == nil {
					res.Err = fmt.Errorf("engine: rule %q summary does not encode as JSON: %w", rule.ID, err)
				}
				continue
			}
			if res.summaries == nil {
				res.summaries = map[int]json.RawMessage{}
			}
			res.summaries[i] = data
		}
	}
	if doc.Source != nil {
		files := map[string]*fileText{doc.Path: {data: doc.Source.Bytes(), src: doc.Source}}
		for _, c := range seen {
			if c.err == nil {
				if _, ok := files[c.shown]; !ok {
					files[c.shown] = &fileText{data: c.data}
				}
			}
		}
		if err := e.checkFixes(doc, res.Findings, files); err != nil && res.Err == nil {
			res.Err = err
		}
	}
	func() {
		defer func() {
			if p := recover(); p != nil && res.Err == nil {
				res.Err = fmt.Errorf("engine: suppressions panicked on %s: %v\n%s", doc.Path, p, debug.Stack())
			}
		}()
		e.suppress(doc, &res)
	}()
	SortFindings(res.Findings)
	res.Findings = dedupe(res.Findings)
	return res
}

func (e *Engine) anyEnabled(r rules.Rule) bool {
	for _, id := range e.ruleIDs[r.ID] {
		if e.runnable[id] {
			return true
		}
	}
	return false
}

// companionPath is where a page's companion file of that name lives.
func (e *Engine) companionPath(f File, name string) string {
	dir := e.dataDir
	if dir == "" {
		dir = filepath.Join(filepath.Dir(f.Path), "..", "_data")
	}
	return filepath.Join(dir, filepath.Base(name))
}

// companionPlace says where the page's companion tables are found, for
// the cache key: the absolute data directory, and the working directory
// that the tables' displayed paths in findings are relative to.
func (e *Engine) companionPlace(f File) string {
	dir, err := filepath.Abs(filepath.Dir(e.companionPath(f, "x")))
	if err != nil {
		dir = filepath.Dir(e.companionPath(f, "x"))
	}
	return dir + "\x00" + e.workDir
}

// companionReader reads a page's companion files from the data directory,
// or from overlay (by path) when it holds them.
func (e *Engine) companionReader(f File, overlay map[string][]byte) rules.CompanionReader {
	return func(name string) (string, []byte, error) {
		p := e.companionPath(f, name)
		if data, ok := overlay[p]; ok {
			return display(p, e.workDir), data, nil
		}
		if !e.mayExist(p) {
			return display(p, e.workDir), nil, fmt.Errorf("engine: companion: %w", &os.PathError{Op: "open", Path: p, Err: fs.ErrNotExist})
		}
		// A table is a regular file of at most --max-size: a FIFO or a link
		// to /dev/zero is an error the rule reports, never a hang.
		data, err := safeio.ReadFile(p, e.maxSize)
		if err != nil {
			return display(p, e.workDir), nil, fmt.Errorf("engine: companion: %w", err)
		}
		return display(p, e.workDir), data, nil
	}
}

// runRule runs one rule, turning a panic into an internal error, and
// returns the page's summary for a collection-level rule.
func (e *Engine) runRule(rule rules.Rule, doc *rules.Document, companions rules.CompanionReader, out *[]rules.Finding) (sum any, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("engine: rule %q panicked on %s: %v\n%s", rule.ID, doc.Path, p, debug.Stack())
		}
	}()
	var bad error
	pass := rules.NewPass(doc, rule.ID, func(f rules.Finding) {
		ok, err := e.accept(rule, &f)
		if err != nil && bad == nil {
			bad = err
		}
		if ok {
			*out = append(*out, f)
		}
	}, companions)
	pass.SetEnabled(e.isEnabled)
	if rule.Run != nil {
		rule.Run(pass)
	}
	if rule.Summarize != nil && !doc.Broken {
		sum = rule.Summarize(pass)
	}
	return sum, bad
}

// Finish runs the collection-level rules over the summaries of the
// given results, as Run does after its files: the language server lints
// one page at a time, and gets the findings that a run over that page
// alone reports (a missing genes table is found there).
func (e *Engine) Finish(results ...Result) Result {
	sums := map[int][]rules.Summary{}
	for _, r := range results {
		for i, s := range r.summaries {
			sums[i] = append(sums[i], rules.Summary{Path: r.File.Display, Data: s})
		}
	}
	return e.finish(sums)
}

// finish runs the collection-level rules over the pages' summaries.
func (e *Engine) finish(sums map[int][]rules.Summary) Result {
	res := Result{Collection: true}
	for i, rule := range e.reg.Rules() {
		if rule.Finish == nil || !e.anyEnabled(rule) {
			continue
		}
		func() {
			defer func() {
				if p := recover(); p != nil && res.Err == nil {
					res.Err = fmt.Errorf("engine: rule %q panicked in its collection phase: %v\n%s", rule.ID, p, debug.Stack())
				}
			}()
			rule.Finish(sums[i], func(d rules.Diagnostic) {
				f := d.Finding(rule.ID, nil)
				ok, err := e.accept(rule, &f)
				if err != nil && res.Err == nil {
					res.Err = err
				}
				if ok {
					if e.shard != "" {
						f.Message += fmt.Sprintf(" (shard %s: pages of other shards were not compared)", e.shard)
					}
					res.Findings = append(res.Findings, f)
				}
			})
		}()
	}
	SortFindings(res.Findings)
	res.Findings = dedupe(res.Findings)
	return res
}

// maxJobs bounds the workers of a run.
const maxJobs = 1024

// Run lints files on jobs workers (0: one per CPU) and calls emit with each
// file's result in the order of files, then, when collection-level rules
// found something, once more with a Result marked Collection. At most a
// small window of results is held at once, so memory does not grow with
// the number of files beyond the collection rules' small summaries. emit's
// first error stops further emits and is returned after the workers finish.
func (e *Engine) Run(files []File, jobs int, emit func(Result) error) error {
	return e.run(files, jobs, e.LintFile, emit)
}

// RunBuffers is Run, with the files whose paths buffers holds linted from
// there (as LintBytes does: the content on standard input, named by
// --stdin-filename) and the others from disk.
func (e *Engine) RunBuffers(files []File, jobs int, buffers map[string][]byte, emit func(Result) error) error {
	return e.run(files, jobs, func(f File) Result {
		if data, ok := buffers[f.Path]; ok {
			return e.LintBytes(f, data)
		}
		return e.LintFile(f)
	}, emit)
}

// RunCollection lints files for the collection-level rules' findings
// alone, as Run's last result gives them (with Collection set), reading
// the files whose paths buffers holds from there (the editor's unsaved
// pages) and the others from disk; the pages' own findings are dropped.
func (e *Engine) RunCollection(files []File, jobs int, buffers map[string][]byte) Result {
	fin := Result{Collection: true}
	lint := func(f File) Result {
		if data, ok := buffers[f.Path]; ok {
			return e.LintBytes(f, data)
		}
		return e.LintFile(f)
	}
	_ = e.run(files, jobs, lint, func(r Result) error {
		if r.Collection {
			fin = r
		}
		return nil
	})
	return fin
}

func (e *Engine) run(files []File, jobs int, lintFile func(File) Result, emit func(Result) error) error {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	// More workers than files, or than any machine has cores for, only
	// cost memory (a billion would not fit).
	jobs = max(1, min(jobs, len(files), maxJobs))
	type job struct {
		file File
		out  chan Result
	}
	window := make(chan chan Result, 4*jobs)
	work := make(chan job, 4*jobs)
	stop := make(chan struct{}) // closed when emit fails: lint no more files
	go func() {
		defer close(window)
		defer close(work)
		for _, f := range files {
			out := make(chan Result, 1)
			select {
			case window <- out:
			case <-stop:
				return
			}
			work <- job{file: f, out: out}
		}
	}()
	for range jobs {
		go func() {
			for j := range work {
				j.out <- lintFile(j.file)
			}
		}()
	}
	var emitErr error
	sums := map[int][]rules.Summary{}
	for out := range window {
		r := <-out
		for i, s := range r.summaries {
			sums[i] = append(sums[i], rules.Summary{Path: r.File.Display, Data: s})
		}
		r.summaries = nil
		if emitErr == nil {
			if emitErr = emit(r); emitErr != nil {
				close(stop)
			}
		}
	}
	if e.cache != nil {
		e.cache.Flush()
	}
	if fin := e.finish(sums); emitErr == nil && (len(fin.Findings) > 0 || fin.Err != nil) {
		emitErr = emit(fin)
	}
	return emitErr
}
