package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/figlint/figlint/internal/config"
	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/lsp"
)

const lspUsage = `Usage: figlint lsp [flags]

Runs figlint as a language server (LSP 3.17) on standard input and output,
for editors: the pages open in the editor are linted as you type, with the
same configuration, schema, companion tables, suppressions and baseline as
a lint run, and their fixes and suppressions are offered as code actions.
The configuration is found from each page's folder, as a run started there
would find it. The log goes to standard error (or --log-file).

Flags:
`

// lspFlags registers the flags of figlint lsp: the lint flags that choose
// what is checked, and where the log goes.
func lspFlags(fs *flag.FlagSet, fl *lintFlags, logFile *string, debounce *time.Duration) {
	fs.StringVar(&fl.config, "config", "", "configuration `FILE` for every page (default: .figlint.yaml in the page's folder or a parent, up to the repository root)")
	fs.BoolVar(&fl.noConfig, "no-config", false, "do not read a configuration file")
	fs.StringVar(&fl.schema, "schema", "", "JSON Schema `FILE` that replaces the built-in PFOCR schema")
	fs.StringVar(&fl.dataDir, "data-dir", "", "`DIR` of the pages' companion tables (default: ../_data from each page's directory)")
	fs.StringVar(&fl.baseline, "baseline", "", "hide the findings that are in this baseline `FILE`")
	fs.Var(&fl.disable, "disable", "rule `IDS` or patterns (schema/*) not to report, comma-separated")
	fs.Var(&fl.enableOnly, "enable-only", "report only these rule `IDS` or patterns, comma-separated")
	fs.Var(&fl.lexicons, "lexicon", "compiled gene lexicon FILE to check keywords against, repeatable")
	fs.StringVar(&fl.maxSize, "max-size", "10MiB", "largest page linted (a `SIZE` in bytes, KiB, MiB or GiB)")
	fs.StringVar(logFile, "log-file", "", "append the server's log to this `FILE` instead of standard error")
	fs.DurationVar(debounce, "debounce", lsp.DefaultDebounce, "how long a change waits for the next before the page is linted again (0: at once)")
}

func runLSP(args []string, sys IO) (int, error) {
	var logFile string
	opts, err := lspSetup(args, sys, &logFile)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitClean, nil
		}
		return 0, err
	}
	opts.Log = sys.Stderr
	if logFile != "" {
		f, err := os.OpenFile(logFile, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
		if err != nil {
			return 0, usagef("--log-file: %v", err)
		}
		defer func() { _ = f.Close() }()
		opts.Log = f
	}
	return lsp.New(sys.Stdout, opts).Serve(sys.Stdin), nil
}

// LSPOptions parses figlint lsp's flags (sys.Dir is where the editor
// started it) and returns the server's options, for benchmarks and fuzz
// tests that run the server in-process; the log is discarded.
func LSPOptions(args []string, sys IO) (lsp.Options, error) {
	var logFile string
	opts, err := lspSetup(args, sys, &logFile)
	opts.Log = nil
	return opts, err
}

// lspSetup parses the flags and builds the options; logFile receives
// --log-file, made absolute.
func lspSetup(args []string, sys IO, logFile *string) (lsp.Options, error) {
	fs := flag.NewFlagSet("figlint lsp", flag.ContinueOnError)
	fs.SetOutput(sys.Stderr)
	fl := &lintFlags{}
	var debounce time.Duration
	lspFlags(fs, fl, logFile, &debounce)
	rest, err := parseFlags(fs, args, func(fs *flag.FlagSet) {
		fmt.Fprint(fs.Output(), lspUsage)
		printFlags(fs)
	})
	if err != nil {
		return lsp.Options{}, err
	}
	if len(rest) > 0 {
		return lsp.Options{}, usagef("lsp takes no paths (the editor names the pages), got %q", rest[0])
	}
	if _, serr := parseSize(fl.maxSize); serr != nil {
		return lsp.Options{}, usagef("--max-size: %v", serr)
	}
	if debounce < 0 {
		return lsp.Options{}, usagef("--debounce must not be negative, got %s", debounce)
	}
	cwd := sys.Dir
	if cwd == "" {
		cwd = "."
	}
	if cwd, err = filepath.Abs(cwd); err != nil {
		return lsp.Options{}, fmt.Errorf("cli: %w", err)
	}
	// The flags' paths are the user's, from where the editor started the
	// server; each page's linter is built from its own folder.
	for _, p := range []*string{&fl.config, &fl.schema, &fl.dataDir, &fl.baseline, logFile} {
		if *p != "" {
			*p = abs(cwd, *p)
		}
	}
	for i, p := range fl.lexicons {
		fl.lexicons[i] = abs(cwd, p)
	}
	opts := lspOptions(fl)
	opts.Debounce = debounce
	return opts, nil
}

// lspOptions makes the server's linters with newLinter, as a lint run
// started in the page's folder would.
func lspOptions(fl *lintFlags) lsp.Options {
	return lsp.Options{
		Version: versionString(),
		ConfigFile: func(dir string) string {
			switch {
			case fl.noConfig:
				return ""
			case fl.config != "":
				return fl.config
			}
			return config.Find(dir)
		},
		NewLinter: func(dir string) (*lsp.Linter, error) {
			lt, err := newLinter(fl, dir, os.Getenv)
			if err != nil {
				return nil, err
			}
			fixOpts := lt.opts
			fixOpts.Fix = &engine.FixOptions{} // safe fixes, nothing written
			l := &lsp.Linter{Lint: engine.New(lt.reg, lt.opts), Fix: engine.New(lt.reg, fixOpts),
				Registry: lt.reg, Baseline: lt.base, WorkDir: dir}
			if cfg := lt.cfg; cfg != nil && len(cfg.Exclude) > 0 {
				l.Excluded = func(path string) bool { return len(excluded(cfg, []engine.File{{Path: path}})) == 0 }
			}
			return l, nil
		},
	}
}
