// Package cli is figlint's command line: flags, sub-commands and exit codes.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/figlint/figlint/internal/baseline"
	"github.com/figlint/figlint/internal/config"
	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/pipeline"
	"github.com/figlint/figlint/internal/report"
	"github.com/figlint/figlint/rules"
	"github.com/figlint/figlint/schema"
)

// Exit codes.
const (
	ExitClean    = 0
	ExitFindings = 1
	ExitUsage    = 2
	ExitInternal = 3
)

// batchFiles is the number of files from which a run is tuned for
// throughput rather than for a quick start.
const batchFiles = 256

// batchMemoryLimit is the soft memory limit of batch runs.
const batchMemoryLimit = 270 << 20

// Version is figlint's version; release builds set it with -ldflags.
var Version = "0.1.0-dev"

// IO is what a run reads and writes, so tests can run the CLI in-process.
type IO struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads the environment (os.Getenv when nil).
	Getenv func(string) string
	// Dir is the working directory ("" for the process's).
	Dir string
}

// usageError is a problem with the command line or configuration (exit 2).
type usageError struct {
	msg   string
	cause error
}

func (e *usageError) Error() string { return e.msg }

// Unwrap gives access to the cause, such as a *config.Error.
func (e *usageError) Unwrap() error { return e.cause }

func usagef(format string, args ...any) error { return &usageError{msg: fmt.Sprintf(format, args...)} }

// configError turns a configuration problem into a usage error that names
// the file as seen from the working directory.
func configError(err error, dir string) error {
	var ce *config.Error
	if errors.As(err, &ce) {
		if rel, relErr := filepath.Rel(dir, ce.Path); relErr == nil {
			ce.Path = filepath.ToSlash(rel)
		}
	}
	return &usageError{msg: "configuration: " + err.Error(), cause: err}
}

// Main runs figlint with args (without the program name) and returns the
// exit code.
func Main(args []string, sys IO) (code int) {
	if sys.Getenv == nil {
		sys.Getenv = os.Getenv
	}
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(sys.Stderr, "figlint: internal error: %v\n%s\nPlease report this with the command and the file that caused it.\n", p, debug.Stack())
			code = ExitInternal
		}
	}()
	var err error
	switch {
	case len(args) > 0 && args[0] == "lexicon":
		err = runLexicon(args[1:], sys)
	case len(args) > 0 && args[0] == "rules":
		err = runRules(args[1:], sys)
	case len(args) > 0 && args[0] == "version":
		fmt.Fprintf(sys.Stdout, "figlint %s\n", versionString())
		return ExitClean
	case len(args) > 0 && args[0] == "completion":
		err = runCompletion(args[1:], sys)
	case len(args) > 0 && args[0] == "help":
		err = runHelp(args[1:], sys)
	case len(args) > 0 && args[0] == "lsp":
		code, err = runLSP(args[1:], sys)
		if err == nil {
			return code
		}
	default:
		code, err = runLint(args, sys)
		if err == nil {
			return code
		}
	}
	var ue *usageError
	switch {
	case err == nil:
		return ExitClean
	case errors.Is(err, flag.ErrHelp):
		return ExitClean
	case errors.As(err, &ue):
		fmt.Fprintf(sys.Stderr, "figlint: %s\nRun \"figlint --help\" for usage.\n", ue.msg)
		return ExitUsage
	default:
		fmt.Fprintf(sys.Stderr, "figlint: internal error: %v\nPlease report this with the command that caused it.\n", err)
		return ExitInternal
	}
}

func versionString() string {
	v := Version
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	return v
}

// listFlag collects comma-separated values from repeated flags.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// parseInterspersed parses flags wherever they appear among the arguments;
// "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// maxFileSize bounds --max-size: 1 TiB is far beyond any page, and keeps
// the byte counts away from overflow.
const maxFileSize = int64(1) << 40

// parseSize reads a byte count with an optional KiB, MiB or GiB suffix.
func parseSize(s string) (int64, error) {
	mult := int64(1)
	for suffix, m := range map[string]int64{"KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30} {
		if strings.HasSuffix(s, suffix) {
			s, mult = strings.TrimSuffix(s, suffix), m
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("invalid size %q: expected a positive number of bytes, optionally with KiB, MiB or GiB", s)
	}
	if n > maxFileSize/mult {
		return 0, fmt.Errorf("size %q is too large: expected at most %d GiB", s, maxFileSize>>30)
	}
	return n * mult, nil
}

// testRules are extra rules that tests add to the registry.
var testRules []rules.Rule

// registry builds the rule registry with the schema rule for v.
func registry(v *schema.Validator) (*rules.Registry, error) {
	rs := append(rules.Builtin(), v.Rule())
	return rules.NewRegistry(append(rs, testRules...)...)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// lintFlags are the flags of a lint run.
type lintFlags struct {
	format, color, failOn, schema, maxSize, dataDir string
	config, baseline, writeBaseline                 string
	sarifFile, sarifCategory                        string
	cacheDir, cacheStrategy, shard, reportFile      string
	stdinFilename                                   string
	noSnippet, noConfig, includeSuppressed          bool
	noCache, quiet, version, noIgnore               bool
	fix, unsafeFixes, diff                          bool
	jobs                                            int
	disable, enableOnly                             listFlag
	lexicons                                        pathsFlag
	schemaMaps                                      pathsFlag
	offline                                         bool
	outputs                                         outputsFlag
}

func (f *lintFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.format, "format", "text", "output format: text, json, sarif (SARIF 2.1.0), github (GitHub Actions annotations and job summary) or csv (one row per finding, for a spreadsheet)")
	fs.Var(&f.outputs, "output", "also write the findings in one more format to a file, as `FORMAT=FILE`: text, json, sarif, github, csv or html; repeatable; each file is replaced whole when the run ends; FILE - is standard output, in place of --format")
	fs.StringVar(&f.sarifFile, "sarif-file", "", "also write SARIF 2.1.0 to this file, beside the --format output (for GitHub code scanning)")
	fs.StringVar(&f.sarifCategory, "sarif-category", "", "SARIF automationDetails.id: tells several figlint analyses of one commit apart in GitHub code scanning")
	fs.BoolVar(&f.includeSuppressed, "include-suppressed", false, "write the findings that suppressions or the baseline hide into SARIF, marked as suppressed")
	fs.BoolVar(&f.noSnippet, "no-snippet", false, "do not print the source line under each finding (text format)")
	fs.StringVar(&f.color, "color", "auto", "colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never")
	fs.StringVar(&f.failOn, "fail-on", "", "exit 1 when a finding has at least this severity: error, warning or note (default error)")
	fs.IntVar(&f.jobs, "jobs", 0, "number of files linted in parallel (default: the number of CPUs)")
	fs.StringVar(&f.schema, "schema", "", "JSON Schema (a file or an http(s) URL) for every file, in place of the built-in PFOCR schema, the configuration's schemas and the files' $schema")
	fs.Var(&f.schemaMaps, "schema-map", "load the schemas whose URL starts with PREFIX from the folder DIR, as `PREFIX=DIR`; repeatable")
	fs.BoolVar(&f.offline, "offline", false, "never fetch schemas over the network: use --schema-map folders and cached copies")
	fs.StringVar(&f.maxSize, "max-size", "10MiB", "largest file linted; larger files get a front-matter finding")
	fs.StringVar(&f.dataDir, "data-dir", "", "directory of the pages' companion tables (default: ../_data from each page's directory)")
	fs.StringVar(&f.config, "config", "", "configuration file (default: .figlint.yaml in the working directory or a parent, up to the repository root)")
	fs.BoolVar(&f.noConfig, "no-config", false, "do not read a configuration file")
	fs.StringVar(&f.baseline, "baseline", "", "report only findings that are not in this baseline file")
	fs.StringVar(&f.writeBaseline, "write-baseline", "", "write the run's findings to this baseline file")
	fs.Var(&f.disable, "disable", "rule IDs or patterns (schema/*) not to report, comma-separated")
	fs.Var(&f.enableOnly, "enable-only", "report only these rule IDs or patterns, comma-separated")
	fs.StringVar(&f.reportFile, "report", "", "also write an HTML audit report to this file: one self-contained page with totals, charts, the worst pages and each rule's findings, with filters")
	fs.StringVar(&f.cacheDir, "cache", "", "cache directory for results of unchanged pages (default: figlint under the user's cache directory)")
	fs.BoolVar(&f.noCache, "no-cache", false, "do not read or write the result cache")
	fs.StringVar(&f.cacheStrategy, "cache-strategy", "metadata", "the `STRATEGY` by which a re-run knows a file is unchanged: metadata (size, modification time and inode, then the content hash when they differ) or content (always read and hash)")
	fs.StringVar(&f.stdinFilename, "stdin-filename", "", "lint the content on standard input as the page of this name (for editors and scripts): its tables, configuration overrides and output paths are that file's; give no other path, or -")
	fs.BoolVar(&f.noIgnore, "no-ignore", false, "walk directories without skipping what .gitignore and .ignore files exclude")
	fs.StringVar(&f.shard, "shard", "", "lint only shard I of N of the pages (I/N, such as 2/4), for CI matrices")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress line on the terminal")
	fs.BoolVar(&f.version, "version", false, "print figlint's version and exit")
	fs.Var(&f.lexicons, "lexicon", "compiled gene lexicon FILE to check keywords against, repeatable (see figlint lexicon build)")
	fs.BoolVar(&f.fix, "fix", false, "apply the safe fixes to the files, then report what is left")
	fs.BoolVar(&f.unsafeFixes, "unsafe-fixes", false, "with --fix or --diff, apply the unsafe fixes too (they may change what a value means: review them)")
	fs.BoolVar(&f.diff, "diff", false, "print the fixes as a unified diff instead of writing them (exit 1 when there is one); implies --fix without writing")
}

func runLint(args []string, sys IO) (int, error) {
	started := time.Now() // the audit report's header says when the run was
	fs := flag.NewFlagSet("figlint", flag.ContinueOnError)
	fs.SetOutput(sys.Stderr)
	var fl lintFlags
	fl.register(fs)
	paths, err := parseFlags(fs, args, usage)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitClean, nil
		}
		return 0, err
	}
	if fl.version {
		fmt.Fprintf(sys.Stdout, "figlint %s\n", versionString())
		return ExitClean, nil
	}
	stdoutFormat, stdoutHTML, err := stdoutOutput(fs, &fl)
	if err != nil {
		return 0, err
	}
	dir := sys.Dir
	if dir == "" {
		dir = "."
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return 0, fmt.Errorf("cli: %w", err)
	}
	lt, err := newLinter(&fl, dir, sys.Getenv)
	if err != nil {
		return 0, err
	}
	cfg, reg, opts, base := lt.cfg, lt.reg, lt.opts, lt.base
	schemas, lexFiles := lt.schemas, lt.lexFiles
	if fl.failOn == "" {
		fl.failOn = "error"
		if cfg != nil && cfg.FailOn != "" {
			fl.failOn = cfg.FailOn
		}
	}
	threshold, err := rules.ParseSeverity(fl.failOn)
	if err != nil {
		return 0, usagef("--fail-on: %v", err)
	}
	if fl.jobs < 0 || fl.jobs > 1024 {
		return 0, usagef("--jobs must be between 0 (the number of CPUs) and 1024, got %d", fl.jobs)
	}
	useColor := false
	switch fl.color {
	case "always":
		useColor = true
	case "never":
	case "auto":
		useColor = isTerminal(sys.Stdout) && sys.Getenv("NO_COLOR") == "" && sys.Getenv("TERM") != "dumb"
	default:
		return 0, usagef("--color: unknown value %q: expected auto, always or never", fl.color)
	}
	if fl.unsafeFixes && !fl.fix && !fl.diff {
		return 0, usagef("--unsafe-fixes applies fixes: use it with --fix or --diff")
	}
	if fl.diff && fl.format != "text" {
		return 0, usagef("--diff prints a unified diff, not --format %s: drop one of them", fl.format)
	}
	if fl.fix || fl.diff {
		opts.Fix = &engine.FixOptions{Unsafe: fl.unsafeFixes, Write: !fl.diff}
	}
	if fl.stdinFilename != "" {
		if len(paths) > 1 || len(paths) == 1 && paths[0] != "-" {
			return 0, usagef("--stdin-filename lints standard input: give no other path (or -), got %s", strings.Join(paths, " "))
		}
		if fl.fix {
			return 0, usagef("--fix cannot write standard input back; use --diff with --stdin-filename")
		}
	} else if sys.Dir != "" {
		paths = resolveArgs(paths, dir)
	}
	var buffers map[string][]byte // --stdin-filename's content, by path
	var files []engine.File
	var pathErrs []error
	if fl.stdinFilename != "" {
		limit, _ := parseSize(fl.maxSize) // checked by newLinter
		// Read one byte past the limit, so that LintBytes reports a page
		// that is too large instead of linting a cut one.
		data, rerr := io.ReadAll(io.LimitReader(sys.Stdin, limit+1))
		if rerr != nil {
			return 0, fmt.Errorf("cli: reading standard input: %w", rerr)
		}
		f := engine.FileAt(abs(dir, fl.stdinFilename), dir)
		buffers = map[string][]byte{f.Path: data}
		files = []engine.File{f}
	} else {
		files, pathErrs = engine.CollectWith(paths, dir, sys.Stdin, engine.CollectOptions{NoIgnore: fl.noIgnore, IsData: mappedData(cfg)})
	}
	for _, pe := range pathErrs {
		fmt.Fprintf(sys.Stderr, "figlint: cannot read %v; check the path\n", pe)
	}
	if len(pathErrs) > 0 {
		// A usage error, said before any output begins: the run would
		// exit 2, and a JSON or SARIF consumer gets no document then.
		return ExitUsage, nil
	}
	excludedAll := false // the configuration's exclude, not the paths, left no page
	if cfg != nil && len(cfg.Exclude) > 0 {
		found := len(files)
		files = excluded(cfg, files)
		if found > 0 && len(files) == 0 {
			excludedAll = true
			fmt.Fprintf(sys.Stderr, "figlint: the configuration's exclude leaves none of the %d files found; nothing to lint\n", found)
		}
	}
	sharded := false // the shard, not the paths, left no page
	if fl.shard != "" {
		i, n, serr := parseShard(fl.shard)
		if serr != nil {
			return 0, usagef("--shard: %v", serr)
		}
		sharded = len(files) > 0
		files = shard(files, i, n)
		opts.Shard = fl.shard
	}
	if len(files) == 0 && !onlyLists(paths) && !sharded && !excludedAll {
		// Said before any output begins: a JSON or SARIF consumer gets no
		// document from a run that exits 2.
		fmt.Fprintf(sys.Stderr, "figlint: no *.md or *.markdown files found in %s; name the pages or directories to lint\n", strings.Join(orDot(paths), " "))
		return ExitUsage, nil
	}
	fileSpecs, err := fileOutputs(&fl, dir)
	if err != nil {
		return 0, err
	}
	outputs := map[string]string{"--write-baseline": fl.writeBaseline}
	if oerr := outputsAreNotInputs(dir, files, outputs); oerr != nil {
		return 0, oerr
	}
	if oerr := outputsNameNoInput(dir, files, fileSpecs); oerr != nil {
		return 0, oerr
	}
	stdout := sys.Stdout
	if fl.writeBaseline != "" || fl.diff {
		// Recording a baseline, not reviewing: a summary line says what was
		// written. With --diff, stdout is the diff alone.
		stdout = io.Discard
	}
	ropts := report.Options{Snippet: !fl.noSnippet, Color: useColor, Registry: reg, Version: versionString(),
		Dir: dir, Category: fl.sarifCategory, IncludeSuppressed: fl.includeSuppressed, Getenv: sys.Getenv,
		Command: append([]string{"figlint"}, args...), Started: started}
	if cfg != nil {
		ropts.ConfigFile = cfg.Path
		if rel, relErr := filepath.Rel(dir, cfg.Path); relErr == nil && filepath.IsAbs(cfg.Path) {
			ropts.ConfigFile = filepath.ToSlash(rel)
		}
	}
	rep, err := newReporter(stdoutFormat, stdout, ropts, dir)
	if err != nil {
		if stdoutHTML {
			return 0, usagef("--output html=-: %v", err)
		}
		return 0, usagef("--format: %v", err)
	}
	fileReps, cleanupOutputs, err := openFileOutputs(fileSpecs, dir, ropts)
	if err != nil {
		return 0, err
	}
	defer cleanupOutputs() // a run that stops early leaves no temporary file
	if len(fileReps) > 0 {
		rep = report.Multi(append([]report.Reporter{rep}, fileReps...)...)
	}

	if fl.cacheStrategy != "metadata" && fl.cacheStrategy != "content" {
		return 0, usagef("--cache-strategy %q: expected metadata or content", fl.cacheStrategy)
	}
	if !fl.noCache {
		cacheDir := defaultCacheDir(sys.Getenv)
		if fl.cacheDir != "" {
			cacheDir = abs(dir, fl.cacheDir)
		}
		if cacheDir != "" {
			c, cerr := engine.OpenCache(cacheDir, runFingerprint(opts, cfg, schemaRoots(&fl, cfg, dir), schemas.Resources(), lexFiles, dir))
			if cerr != nil {
				if fl.cacheDir != "" {
					return 0, usagef("--cache: %v", cerr)
				}
				// The default cache is a convenience: run without it.
			} else {
				if fl.cacheStrategy == "metadata" {
					c.UseMetadata(showsText(&fl, stdoutFormat, fileSpecs))
				}
				opts.Cache = c
				defer func() { _ = c.Close() }() // read-only handles: nothing to lose
			}
		}
	}
	// A batch lists each data folder once rather than probing three table
	// names per page; a few pages probe (a 100,000-table folder takes
	// longer to list than a pre-commit run takes in all).
	opts.ListDataDirs = len(files) >= batchFiles
	if len(files) >= batchFiles && sys.Getenv("GOGC") == "" {
		// Each page allocates ~85 KB of short-lived parse data; with the
		// default GOGC the collector runs every few pages. Measured on 5,016
		// pages with 2 workers: 0.86 s and 14 MB at GOGC=100, 0.57 s and
		// 24 MB at 400. The user's GOGC, when set, wins.
		debug.SetGCPercent(400)
		if sys.Getenv("GOMEMLIMIT") == "" {
			// What a run keeps grows with its pages (collection-rule
			// summaries, the file list): a soft limit makes the collector
			// work harder near it instead of letting GOGC=400 multiply
			// that growth. The user's GOMEMLIMIT, when set, wins.
			debug.SetMemoryLimit(batchMemoryLimit)
		}
	}
	eng := engine.New(reg, opts)
	var prog *progress
	if !fl.quiet && sys.Getenv("CI") == "" && isTerminal(sys.Stderr) {
		prog = startProgress(sys.Stderr, len(files))
	}
	fixes := &pipeline.Fix{Diff: fl.diff, Stdout: sys.Stdout, Stderr: sys.Stderr}
	based := &pipeline.Baseline{Base: base, Record: fl.writeBaseline != "", Dir: dir, MaxSize: opts.MaxSize}
	count := &pipeline.Count{Progress: prog.add}
	failOn := &pipeline.FailOn{Threshold: threshold}
	internal := &pipeline.Internal{}
	chain := pipeline.Chain{fixes, based, count, failOn, internal, pipeline.Output{Reporter: rep}}
	if err = rep.Begin(); err != nil {
		return 0, writeError(err)
	}
	err = eng.RunBuffers(files, fl.jobs, buffers, func(r engine.Result) error { return chain.Process(&r) })
	prog.finish()
	if err == nil {
		err = rep.End(count.Sum)
	}
	if err != nil {
		return 0, writeError(err)
	}
	for _, e := range internal.Errs {
		fmt.Fprintf(sys.Stderr, "figlint: internal error: %v\nPlease report this with the file that caused it.\n", e)
	}
	if fl.fix || fl.diff {
		fixes.Summary()
	}
	if fl.writeBaseline != "" {
		if err := writeBaseline(abs(dir, fl.writeBaseline), based.Written, dir); err != nil {
			return 0, usagef("%v (check the --write-baseline path)", err)
		}
		fmt.Fprintf(sys.Stderr, "figlint: wrote %d findings to the baseline %s\n", len(based.Written), fl.writeBaseline)
	}
	if fl.shard != "" {
		fmt.Fprintf(sys.Stderr, "figlint: shard %s: %d pages; collection-level rules (duplicate-alias, journal-consistency) compared this shard's pages only\n", fl.shard, len(files))
	}
	if base != nil {
		if n := base.Unmatched(); n > 0 {
			fmt.Fprintf(sys.Stderr, "figlint: %d baseline entries no longer occur; run with --write-baseline %s to drop them\n", n, fl.baseline)
		}
	}
	switch {
	case len(internal.Errs) > 0:
		return ExitInternal, nil
	case len(fixes.Failed) > 0:
		return ExitUsage, nil
	case fl.diff:
		if fixes.Files > 0 {
			return ExitFindings, nil // as diff(1): there are changes to make
		}
		return ExitClean, nil
	case len(files) == 0:
		// An empty list (a commit that changed no page) or an empty shard
		// is a normal outcome, not a mistake.
		return ExitClean, nil
	case fl.writeBaseline != "":
		return ExitClean, nil // the findings are recorded, not failed on
	case failOn.Failed:
		return ExitFindings, nil
	}
	return ExitClean, nil
}

// loadConfig finds and reads the configuration file, if any.
func loadConfig(fl *lintFlags, dir string) (*config.Config, error) {
	if fl.noConfig {
		return nil, nil
	}
	file := config.Find(dir)
	if fl.config != "" {
		file = abs(dir, fl.config)
	}
	if file == "" {
		return nil, nil
	}
	cfg, err := config.Load(file)
	if err != nil {
		return nil, configError(err, dir)
	}
	return cfg, nil
}

// engineOptions turns the configuration and the flags into the rules to
// report and their severities: the configuration first, then
// --enable-only and --disable.
func engineOptions(reg *rules.Registry, cfg *config.Config, fl *lintFlags, dir string) (engine.Options, error) {
	var opts engine.Options
	enabled := map[string]bool{}
	for _, m := range reg.Metas() {
		enabled[m.ID] = true
	}
	severity := map[string]rules.Severity{}
	if cfg != nil {
		if err := cfg.Check(reg); err != nil {
			return opts, configError(err, dir)
		}
		apply(reg, cfg.Rules, enabled, severity)
		for _, o := range cfg.Overrides {
			pr := engine.PathRules{Enable: map[string]bool{}, Severity: map[string]rules.Severity{}}
			apply(reg, o.Rules, pr.Enable, pr.Severity)
			globs, c := o.Paths, cfg
			pr.Match = func(p string) bool {
				rel := c.Rel(abs(dir, filepath.FromSlash(p)))
				for _, g := range globs {
					if config.Match(g, rel) {
						return true
					}
				}
				return false
			}
			opts.Paths = append(opts.Paths, pr)
		}
	}
	ids, err := selectRules(reg, enabled, fl.enableOnly, fl.disable)
	if err != nil {
		return opts, err
	}
	opts.Enabled, opts.Severity = ids, severity
	return opts, nil
}

// apply applies configuration settings to enabled and severity maps.
func apply(reg *rules.Registry, settings []config.Setting, enabled map[string]bool, severity map[string]rules.Severity) {
	for _, s := range settings {
		ids, _ := reg.Match(s.Pattern) // checked by Config.Check
		for _, id := range ids {
			enabled[id] = !s.Off
			if s.Severity != 0 {
				severity[id] = s.Severity
			}
		}
	}
}

// excluded drops the files that the configuration excludes.
func excluded(cfg *config.Config, files []engine.File) []engine.File {
	kept := files[:0]
	for _, f := range files {
		rel := cfg.Rel(f.Path)
		drop := false
		for _, g := range cfg.Exclude {
			drop = drop || (rel != "" && config.Match(g, rel))
		}
		if !drop {
			kept = append(kept, f)
		}
	}
	return kept
}

func writeBaseline(file string, entries []baseline.Entry, workDir string) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if err := baseline.Write(f, entries, filepath.Dir(file), workDir); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

func orDot(p []string) []string {
	if len(p) == 0 {
		return []string{"."}
	}
	return p
}

// resolveArgs makes relative paths relative to dir, for runs with their own
// working directory (tests).
// onlyLists tells whether every path argument is an @FILE list.
func onlyLists(paths []string) bool {
	for _, p := range paths {
		if len(p) < 2 || p[0] != '@' {
			return false
		}
	}
	return len(paths) > 0
}

func resolveArgs(paths []string, dir string) []string {
	if len(paths) == 0 {
		return []string{dir}
	}
	out := make([]string, len(paths))
	for i, p := range paths {
		switch {
		case p == "@-":
			out[i] = p
		case strings.HasPrefix(p, "@"):
			out[i] = "@" + abs(dir, p[1:])
		default:
			out[i] = abs(dir, p)
		}
	}
	return out
}

func abs(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// selectRules applies --enable-only and --disable to the rules enabled so
// far and returns the enabled IDs.
func selectRules(reg *rules.Registry, enabled map[string]bool, only, disable []string) ([]string, error) {
	if len(only) > 0 {
		enabled = map[string]bool{}
	}
	for _, p := range only {
		ids, err := reg.Match(p)
		if err != nil {
			return nil, usagef("--enable-only: %v", err)
		}
		for _, id := range ids {
			enabled[id] = true
		}
	}
	for _, p := range disable {
		ids, err := reg.Match(p)
		if err != nil {
			return nil, usagef("--disable: %v", err)
		}
		for _, id := range ids {
			delete(enabled, id)
		}
	}
	out := make([]string, 0, len(enabled))
	for _, m := range reg.Metas() {
		if enabled[m.ID] {
			out = append(out, m.ID)
		}
	}
	return out, nil
}

func usage(fs *flag.FlagSet) {
	w := fs.Output()
	fmt.Fprint(w, `figlint checks the YAML front matter of PFOCR figure pages (or any Jekyll or
Hugo collection, with --schema) and reports each problem at its line and column.

Usage:
  figlint [flags] [PATH...]      lint files and directories (default ".")
  figlint rules [--format text|markdown]   list the rules
  figlint rules RULE-ID...       explain rules (doc, severity, examples)
  figlint lexicon build -o FILE INPUT...   compile gene_info, HGNC or genes tables
  figlint lexicon info FILE
  figlint completion bash|zsh|fish   print a shell completion script
  figlint lsp [flags]            run as a language server for editors (stdio)
  figlint help [COMMAND]         this text, or a command's
  figlint version                (or --version)

PATH may be a file, a directory (walked for *.md and *.markdown) or @FILE,
a file listing paths one per line (@- reads standard input).

Fixes: figlint --diff PATH shows what the safe fixes would change (a
unified diff; nothing written), figlint --fix PATH applies them; add
--unsafe-fixes for the fixes that need review.

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or
configuration error, 3 internal error.

Flags:
`)
	printFlags(fs)
	fmt.Fprint(w, "\nRun \"figlint help rules\" or \"figlint rules RULE-ID\" for the rules.\n")
}
