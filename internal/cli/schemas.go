package cli

import (
	"os"
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
func schemaSelector(fl *lintFlags, cfg *config.Config, dir string, getenv func(string) string) (*schema.Selector, *schema.Set, error) {
	opts := schema.Options{WorkDir: dir}
	if cfg != nil {
		opts.Format = cfg.Format
	}
	remote, err := remoteLoader(fl, cfg, dir, getenv)
	if err != nil {
		return nil, nil, err
	}
	opts.Remote = remote.Load
	set := schema.NewSet(opts)
	sel := &schema.Selector{Set: set, WorkDir: dir}
	load := func(loc, where string) (*schema.Validator, error) {
		v, lerr := set.Load(loc)
		if lerr != nil {
			return nil, usagef("%v (check the schema file, named by %s)", lerr, where)
		}
		return v, nil
	}
	if fl.schema != "" {
		loc := fl.schema
		if !strings.HasPrefix(loc, "http://") && !strings.HasPrefix(loc, "https://") {
			loc = abs(dir, loc)
		}
		if sel.Force, err = load(loc, "--schema"); err != nil {
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

// dataExts are the extensions of data files: YAML, JSON or TOML as a whole.
var dataExts = map[string]bool{".yaml": true, ".yml": true, ".json": true, ".toml": true}

// isDataFile tells whether a file is a data file rather than a page.
func isDataFile(f engine.File) bool {
	return dataExts[strings.ToLower(filepath.Ext(f.Path))]
}

// schemaRoots are the local schema files the flags and the configuration
// name, for the run's fingerprint.
func schemaRoots(fl *lintFlags, cfg *config.Config, dir string) []string {
	var out []string
	if fl.schema != "" && !strings.Contains(fl.schema, "://") {
		out = append(out, abs(dir, fl.schema))
	}
	if cfg != nil {
		if cfg.Schema != "" && !strings.Contains(cfg.Schema, "://") {
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

// remoteLoader sets up the loading of http(s) schemas: the --schema-map
// flags' and the configuration's folders, --offline, and a cache of
// fetched schemas under the result cache's folder (none with --no-cache).
func remoteLoader(fl *lintFlags, cfg *config.Config, dir string, getenv func(string) string) (*schema.Remote, error) {
	r := &schema.Remote{Offline: fl.offline}
	for _, m := range fl.schemaMaps {
		prefix, folder, ok := strings.Cut(m, "=")
		if !ok || folder == "" || (!strings.HasPrefix(prefix, "http://") && !strings.HasPrefix(prefix, "https://")) {
			return nil, usagef("--schema-map %q: expected PREFIX=DIR with an http(s) URL prefix, such as https://example.org/schemas/=vendor/schemas", m)
		}
		r.Maps = append(r.Maps, schema.Mapping{Prefix: prefix, Dir: abs(dir, folder)})
	}
	if cfg != nil {
		for _, m := range cfg.SchemaMap {
			r.Maps = append(r.Maps, schema.Mapping{Prefix: m.Prefix, Dir: m.Dir})
		}
	}
	for _, m := range r.Maps {
		if info, err := os.Stat(m.Dir); err != nil || !info.IsDir() {
			return nil, usagef("schema map folder %s (for %s) is not a directory", m.Dir, m.Prefix)
		}
	}
	if !fl.noCache {
		base := defaultCacheDir(getenv)
		if fl.cacheDir != "" {
			base = abs(dir, fl.cacheDir)
		}
		if base != "" {
			r.CacheDir = filepath.Join(base, "schemas")
		}
	}
	return r, nil
}
