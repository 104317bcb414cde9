package cli

import (
	"fmt"
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
	cfg        *config.Config // nil: no configuration file
	reg        *rules.Registry
	opts       engine.Options // MaxSize, DataDir and WorkDir set
	schemaFile string         // "" for the built-in schema
	lexFiles   pathsFlag
	base       *baseline.Baseline // nil without --baseline
}

// newLinter reads the configuration found from dir (or named by the
// flags), the schema, the lexicons and the baseline, and sets up the
// engine's options; paths in the flags are relative to dir, and so are
// the findings' displayed paths.
func newLinter(fl *lintFlags, dir string) (*linter, error) {
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
	schemaFile := ""
	switch {
	case fl.schema != "":
		schemaFile = abs(dir, fl.schema)
	case cfg != nil && cfg.Schema != "":
		schemaFile = cfg.Schema
	}
	var v *schema.Validator
	if schemaFile != "" {
		v, err = schema.Load(schemaFile)
		if err != nil {
			return nil, usagef("%v (check the schema file)", err)
		}
	} else if v, err = schema.Builtin(); err != nil {
		return nil, fmt.Errorf("built-in schema: %w", err)
	}
	lexFiles := fl.lexicons
	if cfg != nil {
		lexFiles = append(append(pathsFlag{}, cfg.Lexicons...), lexFiles...)
	}
	rs, err := lexiconRules(append(rules.Builtin(), v.Rule()), dir, lexFiles)
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
	var base *baseline.Baseline
	if fl.baseline != "" {
		if base, err = baseline.Load(fl.baseline, dir); err != nil {
			return nil, usagef("%v", err)
		}
	}
	return &linter{cfg: cfg, reg: reg, opts: opts, schemaFile: schemaFile, lexFiles: lexFiles, base: base}, nil
}
