package cli

import (
	"path/filepath"
	"strings"

	"github.com/figlint/figlint/internal/config"
	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/schema"
)

// schemaSelector compiles the schemas the flags and the configuration
// name, each once, and returns what chooses each file's schema. A schema
// that cannot be read or compiled, or whose $refs form a cycle, is a
// configuration error (exit 2), found before any file is linted.
func schemaSelector(fl *lintFlags, cfg *config.Config, dir string) (*schema.Selector, *schema.Set, error) {
	opts := schema.Options{WorkDir: dir}
	if cfg != nil {
		opts.Format = cfg.Format
	}
	set := schema.NewSet(opts)
	sel := &schema.Selector{Set: set, WorkDir: dir}
	load := func(loc, where string) (*schema.Validator, error) {
		v, err := set.Load(loc)
		if err != nil {
			return nil, usagef("%v (check the schema file, named by %s)", err, where)
		}
		return v, nil
	}
	var err error
	if fl.schema != "" {
		if sel.Force, err = load(abs(dir, fl.schema), "--schema"); err != nil {
			return nil, nil, err
		}
	}
	if cfg != nil && cfg.Schema != "" {
		if sel.Default, err = load(cfg.Schema, "schema: in "+cfg.Path); err != nil {
			return nil, nil, err
		}
	}
	if sel.Default == nil {
		if sel.Default, err = schema.Builtin(); err != nil {
			return nil, nil, err
		}
	}
	if cfg != nil && len(cfg.Schemas) > 0 {
		mapped := map[string]*schema.Validator{}
		for _, m := range cfg.Schemas {
			if _, ok := mapped[m.Schema]; ok {
				continue
			}
			if mapped[m.Schema], err = load(m.Schema, "schemas: in "+cfg.Path); err != nil {
				return nil, nil, err
			}
		}
		sel.Mapped = func(p string) *schema.Validator {
			if loc := cfg.SchemaFor(abs(dir, filepath.FromSlash(p))); loc != "" {
				return mapped[loc]
			}
			return nil
		}
	}
	return sel, set, nil
}

// dataExts are the extensions of data files: YAML or JSON as a whole.
var dataExts = map[string]bool{".yaml": true, ".yml": true, ".json": true}

// isDataFile tells whether a file is a data file rather than a page.
func isDataFile(f engine.File) bool {
	return dataExts[strings.ToLower(filepath.Ext(f.Path))]
}

// schemaRoots are the local schema files the flags and the configuration
// name, for the run's fingerprint.
func schemaRoots(fl *lintFlags, cfg *config.Config, dir string) []string {
	var out []string
	if fl.schema != "" {
		out = append(out, abs(dir, fl.schema))
	}
	if cfg != nil {
		if cfg.Schema != "" {
			out = append(out, cfg.Schema)
		}
		for _, m := range cfg.Schemas {
			if !strings.Contains(m.Schema, "://") {
				out = append(out, m.Schema)
			}
		}
	}
	return out
}

// mappedData tells whether a file is a data file that the configuration's
// schemas map a schema to (nil when it maps none): the walk picks those.
func mappedData(cfg *config.Config) func(path string) bool {
	if cfg == nil || len(cfg.Schemas) == 0 {
		return nil
	}
	return func(p string) bool {
		return dataExts[strings.ToLower(filepath.Ext(p))] && cfg.SchemaFor(p) != ""
	}
}
