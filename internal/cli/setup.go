package cli

import (
	"os"

	"github.com/figlint/figlint/internal/baseline"
	"github.com/figlint/figlint/internal/config"
	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
	"github.com/figlint/figlint/schema"
)

// linter is what linting needs, built from the flags and the
// configuration that applies in a folder: a lint run and the language
// server build theirs here, so that both give the same answers.
type linter struct {
	cfg      *config.Config // nil: no configuration file
	reg      *rules.Registry
	opts     engine.Options // MaxSize, DataDir, WorkDir, SchemaOf and IsData set
	schemas  *schema.Set    // the schemas compiled for the run, for its fingerprint
	lexFiles pathsFlag
	base     *baseline.Baseline // nil without --baseline
}

// newLinter reads the configuration found from dir (or named by the
// flags), the schema, the lexicons and the baseline, and sets up the
// engine's options; paths in the flags are relative to dir, and so are
// the findings' displayed paths; getenv reads the environment (proxies and
// the cache folder of remote schemas).
func newLinter(fl *lintFlags, dir string, getenv func(string) string) (*linter, error) {
	cfg, err := loadConfig(fl, dir)
	if err != nil {
		return nil, err
	}
	limit, err := parseSize(fl.maxSize)
	if err != nil {
		return nil, usagef("--max-size: %v", err)
	}
	dataDir := ""
	switch {
	case fl.dataDir != "":
		dataDir = abs(dir, fl.dataDir)
	case cfg != nil && cfg.DataDir != "":
		dataDir = cfg.DataDir
	}
	if dataDir != "" {
		if info, statErr := os.Stat(dataDir); statErr != nil || !info.IsDir() {
			return nil, usagef("data directory %s is not a directory; give the folder that holds the <figid>-genes.tsv tables", dataDir)
		}
	}
	sel, schemas, err := schemaSelector(fl, cfg, dir, getenv)
	if err != nil {
		return nil, err
	}
	lexFiles := fl.lexicons
	if cfg != nil {
		lexFiles = append(append(pathsFlag{}, cfg.Lexicons...), lexFiles...)
	}
	rs, err := lexiconRules(append(rules.Builtin(), sel.Rule()), dir, lexFiles)
	if err != nil {
		return nil, err
	}
	reg, err := rules.NewRegistry(append(rs, testRules...)...)
	if err != nil {
		return nil, err
	}
	opts, err := engineOptions(reg, cfg, fl, dir)
	if err != nil {
		return nil, err
	}
	opts.MaxSize, opts.DataDir, opts.WorkDir = limit, dataDir, dir
	opts.SchemaOf, opts.IsData = sel.SchemaOf, isDataFile
	var base *baseline.Baseline
	if fl.baseline != "" {
		if base, err = baseline.Load(fl.baseline, dir); err != nil {
			return nil, usagef("%v", err)
		}
	}
	return &linter{cfg: cfg, reg: reg, opts: opts, schemas: schemas, lexFiles: lexFiles, base: base}, nil
}
