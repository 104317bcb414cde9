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

	"github.com/figlint/figlint/internal/engine"
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
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

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
	case len(args) > 0 && args[0] == "rules":
		err = runRules(args[1:], sys)
	case len(args) > 0 && args[0] == "version":
		fmt.Fprintf(sys.Stdout, "figlint %s\n", versionString())
		return ExitClean
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
		fmt.Fprintf(sys.Stderr, "figlint: %s\nRun \"figlint -h\" for usage.\n", ue.msg)
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

func runLint(args []string, sys IO) (int, error) {
	fs := flag.NewFlagSet("figlint", flag.ContinueOnError)
	fs.SetOutput(sys.Stderr)
	var (
		format     = fs.String("format", "text", "output format: text or json")
		noSnippet  = fs.Bool("no-snippet", false, "do not print the source line under each finding (text format)")
		color      = fs.String("color", "auto", "colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never")
		failOn     = fs.String("fail-on", "error", "exit 1 when a finding has at least this severity: error, warning or note")
		jobs       = fs.Int("jobs", 0, "number of files linted in parallel (default: the number of CPUs)")
		schemaFile = fs.String("schema", "", "JSON Schema file that replaces the built-in PFOCR schema")
		maxSize    = fs.String("max-size", "10MiB", "largest file linted; larger files get a front-matter finding")
		dataDirArg = fs.String("data-dir", "", "directory of the pages' companion tables (default: ../_data from each page's directory)")
		disable    listFlag
		enableOnly listFlag
	)
	fs.Var(&disable, "disable", "rule IDs or patterns (schema/*) not to report, comma-separated")
	fs.Var(&enableOnly, "enable-only", "report only these rule IDs or patterns, comma-separated")
	fs.Usage = func() { usage(fs) }
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitClean, nil
		}
		return 0, usagef("%v", err)
	}
	threshold, err := rules.ParseSeverity(*failOn)
	if err != nil {
		return 0, usagef("--fail-on: %v", err)
	}
	limit, err := parseSize(*maxSize)
	if err != nil {
		return 0, usagef("--max-size: %v", err)
	}
	if *jobs < 0 {
		return 0, usagef("--jobs must be 0 or more, got %d", *jobs)
	}
	dir := sys.Dir
	if dir == "" {
		dir = "."
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return 0, fmt.Errorf("cli: %w", err)
	}
	dataDir := ""
	if *dataDirArg != "" {
		dataDir = abs(dir, *dataDirArg)
		if info, statErr := os.Stat(dataDir); statErr != nil || !info.IsDir() {
			return 0, usagef("--data-dir %s is not a directory; give the folder that holds the <figid>-genes.tsv tables", *dataDirArg)
		}
	}
	var v *schema.Validator
	if *schemaFile != "" {
		v, err = schema.Load(abs(dir, *schemaFile))
		if err != nil {
			return 0, usagef("%v (check the --schema file)", err)
		}
	} else if v, err = schema.Builtin(); err != nil {
		return 0, fmt.Errorf("built-in schema: %w", err)
	}
	reg, err := registry(v)
	if err != nil {
		return 0, err
	}
	enabled, err := selectRules(reg, enableOnly, disable)
	if err != nil {
		return 0, err
	}
	useColor := false
	switch *color {
	case "always":
		useColor = true
	case "never":
	case "auto":
		useColor = isTerminal(sys.Stdout) && sys.Getenv("NO_COLOR") == "" && sys.Getenv("TERM") != "dumb"
	default:
		return 0, usagef("--color: unknown value %q: expected auto, always or never", *color)
	}
	rep, err := report.New(*format, sys.Stdout, report.Options{Snippet: !*noSnippet, Color: useColor})
	if err != nil {
		return 0, usagef("--format: %v", err)
	}

	if sys.Dir != "" {
		paths = resolveArgs(paths, dir)
	}
	files, pathErrs := engine.Collect(paths, dir, sys.Stdin)
	for _, pe := range pathErrs {
		fmt.Fprintf(sys.Stderr, "figlint: cannot read %v; check the path\n", pe)
	}
	if len(files) >= batchFiles && sys.Getenv("GOGC") == "" {
		// Each page allocates ~85 KB of short-lived parse data; with the
		// default GOGC the collector runs every few pages. Measured on 5,016
		// pages with 2 workers: 0.86 s and 14 MB at GOGC=100, 0.57 s and
		// 24 MB at 400. The user's GOGC, when set, wins.
		debug.SetGCPercent(400)
	}
	eng := engine.New(reg, engine.Options{Enabled: enabled, MaxSize: limit, DataDir: dataDir, WorkDir: dir})
	var sum report.Summary
	var internal []error
	failed := false
	if err = rep.Begin(); err != nil {
		return 0, fmt.Errorf("cli: writing output: %w", err)
	}
	err = eng.Run(files, *jobs, func(r engine.Result) error {
		if !r.Collection {
			sum.Files++
		}
		for _, f := range r.Findings {
			sum.Add(f)
			if f.Severity >= threshold {
				failed = true
			}
		}
		if r.Err != nil {
			internal = append(internal, r.Err)
		}
		return rep.File(r)
	})
	if err == nil {
		err = rep.End(sum)
	}
	if err != nil {
		return 0, fmt.Errorf("cli: writing output: %w", err)
	}
	for _, e := range internal {
		fmt.Fprintf(sys.Stderr, "figlint: internal error: %v\nPlease report this with the file that caused it.\n", e)
	}
	switch {
	case len(internal) > 0:
		return ExitInternal, nil
	case len(pathErrs) > 0:
		return ExitUsage, nil
	case len(files) == 0:
		fmt.Fprintf(sys.Stderr, "figlint: no *.md or *.markdown files found in %s; name the pages or directories to lint\n", strings.Join(orDot(paths), " "))
		return ExitUsage, nil
	case failed:
		return ExitFindings, nil
	}
	return ExitClean, nil
}

func orDot(p []string) []string {
	if len(p) == 0 {
		return []string{"."}
	}
	return p
}

// resolveArgs makes relative paths relative to dir, for runs with their own
// working directory (tests).
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

// selectRules turns --enable-only and --disable into the enabled rule IDs.
func selectRules(reg *rules.Registry, only, disable []string) ([]string, error) {
	enabled := map[string]bool{}
	if len(only) == 0 {
		for _, m := range reg.Metas() {
			enabled[m.ID] = true
		}
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
  figlint rules [--format text|markdown]
  figlint version

PATH may be a file, a directory (walked for *.md and *.markdown) or @FILE,
a file listing paths one per line (@- reads standard input).

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or
configuration error, 3 internal error.

Flags:
`)
	fs.PrintDefaults()
}
