// Package config reads .figlint.yaml, the project configuration.
//
//	rules:                          # rule ID or pattern: off, on, error, warning or note
//	  schema/additionalProperties: off
//	  title-quality: warning
//	overrides:                      # later entries win; globs (see Match) are relative to this file
//	  - paths: ["_figures/legacy/**"]
//	    rules: {legacy-format: off}
//	exclude: ["drafts/**"]           # paths not linted
//	lexicons: [lexicons/mouse.lex]  # compiled gene lexicons to load
//	schema: schemas/page.json       # replaces the built-in schema
//	schemas:                        # per path, first match wins
//	  - paths: ["content/blog/**"]
//	    schema: schemas/post.json   # a file or an http(s) URL
//	format: annotate                # "format" in user schemas: assert or annotate
//	schema-map:                     # URL prefixes served from local folders
//	  "https://example.org/schemas/": vendor/schemas
//	data-dir: _data                 # the pages' companion tables
//	fail-on: warning
//
// Unknown keys, wrong types and (once the rules are known) unknown rule
// IDs are errors that name the file, line and column.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/internal/safeio"
	"github.com/figlint/figlint/rules"
	"go.yaml.in/yaml/v3"
)

// FileNames are the names searched for, in order.
var FileNames = []string{".figlint.yaml", ".figlint.yml"}

// Setting is one rule setting: a rule ID or pattern turned off, or on with
// a severity (0: the rule's default).
type Setting struct {
	Pattern  string
	Off      bool
	Severity rules.Severity
	Line     int
	Column   int
}

// Override applies settings to the paths matching its globs.
type Override struct {
	Paths []string
	Rules []Setting
}

// SchemaMapping is one entry of schemas: the files whose path matches one
// of Paths are checked against Schema.
type SchemaMapping struct {
	Paths []string
	// Schema is an absolute path or an http(s) URL.
	Schema string
}

// SchemaMapEntry maps the URLs starting with Prefix to the files of Dir.
type SchemaMapEntry struct {
	Prefix, Dir string
}

// Config is a parsed configuration file.
type Config struct {
	// Path is the file; Dir its directory, against which paths resolve.
	Path, Dir string
	Rules     []Setting
	Overrides []Override
	Exclude   []string
	Lexicons  []string // absolute
	Schema    string   // absolute, or ""
	Schemas   []SchemaMapping
	// Format is "", "assert" or "annotate": how user schemas treat the
	// format keyword ("" is each draft's own rule).
	Format string
	// SchemaMap maps URL prefixes to absolute folders, in file order.
	SchemaMap []SchemaMapEntry
	DataDir   string // absolute, or ""
	FailOn    string
}

// Error is a problem with the configuration file, at a line and column.
type Error struct {
	Path         string
	Line, Column int
	Msg          string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Find returns the configuration file that applies in dir: the first found
// in dir or its parents, up to the repository root (the directory holding
// .git), or "" when there is none.
func Find(dir string) string {
	for {
		for _, name := range FileNames {
			p := filepath.Join(dir, name)
			if info, err := os.Stat(p); err == nil && !info.IsDir() {
				return p
			}
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Load reads and checks a configuration file's structure.
func Load(file string) (*Config, error) {
	data, err := safeio.ReadFile(file, safeio.ConfigLimit) // never /dev/zero or a FIFO
	if err != nil {
		return nil, &Error{Path: file, Msg: fmt.Sprintf("cannot read the configuration (%v)", errors.Unwrap(err))}
	}
	abs, _ := filepath.Abs(file)
	c := &Config{Path: file, Dir: filepath.Dir(abs)}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, problem := frontmatter.ErrorLine(err)
		return nil, &Error{Path: file, Line: line, Column: 1, Msg: "invalid YAML: " + problem}
	}
	if len(doc.Content) == 0 {
		return c, nil
	}
	p := parser{file: file, c: c}
	p.root(doc.Content[0])
	if p.err != nil {
		return nil, p.err
	}
	return c, nil
}

type parser struct {
	file string
	c    *Config
	err  error
}

func (p *parser) fail(n *yaml.Node, format string, args ...any) {
	if p.err == nil {
		p.err = &Error{Path: p.file, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...)}
	}
}

var topKeys = []string{"rules", "overrides", "exclude", "lexicons", "schema", "schemas", "format", "schema-map", "data-dir", "fail-on"}

func (p *parser) root(n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		p.fail(n, "the configuration is a %s; expected a mapping of %s", kind(n), strings.Join(topKeys, ", "))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			p.fail(k, "key %q is given twice; expected it once", k.Value)
		}
		seen[k.Value] = true
		switch k.Value {
		case "rules":
			p.c.Rules = p.settings(v)
		case "overrides":
			p.overrides(v)
		case "exclude":
			p.c.Exclude = p.globs(v, "exclude")
		case "lexicons":
			for _, l := range p.strings(v, "lexicons") {
				p.c.Lexicons = append(p.c.Lexicons, p.resolve(l))
			}
		case "schema":
			p.c.Schema = p.str(v, "schema")
			if !strings.HasPrefix(p.c.Schema, "http://") && !strings.HasPrefix(p.c.Schema, "https://") {
				p.c.Schema = p.resolve(p.c.Schema)
			}
		case "schemas":
			p.schemas(v)
		case "schema-map":
			if v.Kind != yaml.MappingNode {
				p.fail(v, "schema-map is a %s; expected a mapping of URL prefixes to folders", kind(v))
				break
			}
			for i := 0; i+1 < len(v.Content); i += 2 {
				prefix := p.str(v.Content[i], "a schema-map prefix")
				if !strings.HasPrefix(prefix, "http://") && !strings.HasPrefix(prefix, "https://") && p.err == nil {
					p.fail(v.Content[i], "schema-map prefix %q is not an http(s) URL; expected one such as https://example.org/schemas/", prefix)
				}
				p.c.SchemaMap = append(p.c.SchemaMap, SchemaMapEntry{Prefix: prefix, Dir: p.resolve(p.str(v.Content[i+1], "a schema-map folder"))})
			}
		case "format":
			f := p.str(v, "format")
			if f != "assert" && f != "annotate" && p.err == nil {
				p.fail(v, "format is %q; expected assert or annotate", f)
			}
			p.c.Format = f
		case "data-dir":
			p.c.DataDir = p.resolve(p.str(v, "data-dir"))
		case "fail-on":
			s := p.str(v, "fail-on")
			if _, err := rules.ParseSeverity(s); err != nil && s != "" {
				p.fail(v, "fail-on is %q; expected error, warning or note", s)
			}
			p.c.FailOn = s
		default:
			p.fail(k, "unknown key %q; expected one of %s", k.Value, strings.Join(topKeys, ", "))
		}
	}
}

func (p *parser) resolve(s string) string {
	if s == "" || filepath.IsAbs(s) {
		return s
	}
	return filepath.Join(p.c.Dir, filepath.FromSlash(s))
}

func (p *parser) str(v *yaml.Node, key string) string {
	if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
		p.fail(v, "%s is a %s; expected a string", key, kind(v))
		return ""
	}
	return v.Value
}

func (p *parser) strings(v *yaml.Node, key string) []string {
	if v.Kind != yaml.SequenceNode {
		p.fail(v, "%s is a %s; expected a list of strings", key, kind(v))
		return nil
	}
	out := make([]string, 0, len(v.Content))
	for _, c := range v.Content {
		out = append(out, p.str(c, key+" item"))
	}
	return out
}

// globs reads a list of globs, reporting a malformed one at its item.
func (p *parser) globs(v *yaml.Node, key string) []string {
	out := p.strings(v, key)
	if p.err == nil {
		for i, g := range out {
			if err := CheckGlob(g); err != nil {
				p.fail(v.Content[i], "%v", err)
			}
		}
	}
	return out
}

func (p *parser) settings(v *yaml.Node) []Setting {
	if v.Kind != yaml.MappingNode {
		p.fail(v, "rules is a %s; expected a mapping of rule IDs to off, on, error, warning or note", kind(v))
		return nil
	}
	var out []Setting
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		s := Setting{Pattern: k.Value, Line: k.Line, Column: k.Column}
		word := strings.ToLower(val.Value)
		switch {
		case val.Kind != yaml.ScalarNode:
			p.fail(val, "rule %q is set to a %s; expected off, on, error, warning or note", k.Value, kind(val))
		case word == "off" || word == "false":
			s.Off = true
		case word == "on" || word == "true":
		default:
			sev, err := rules.ParseSeverity(word)
			if err != nil {
				p.fail(val, "rule %q is set to %q; expected off, on, error, warning or note", k.Value, val.Value)
			}
			s.Severity = sev
		}
		out = append(out, s)
	}
	return out
}

func (p *parser) overrides(v *yaml.Node) {
	if v.Kind != yaml.SequenceNode {
		p.fail(v, "overrides is a %s; expected a list of {paths, rules}", kind(v))
		return
	}
	for _, o := range v.Content {
		if o.Kind != yaml.MappingNode {
			p.fail(o, "an overrides item is a %s; expected a mapping with paths and rules", kind(o))
			continue
		}
		var ov Override
		for i := 0; i+1 < len(o.Content); i += 2 {
			k, val := o.Content[i], o.Content[i+1]
			switch k.Value {
			case "paths":
				ov.Paths = p.globs(val, "paths")
			case "rules":
				ov.Rules = p.settings(val)
			default:
				p.fail(k, "unknown key %q in an overrides item; expected paths or rules", k.Value)
			}
		}
		if len(ov.Paths) == 0 {
			p.fail(o, "an overrides item has no paths; expected paths: [glob, ...]")
		}
		p.c.Overrides = append(p.c.Overrides, ov)
	}
}

func (p *parser) schemas(v *yaml.Node) {
	if v.Kind != yaml.SequenceNode {
		p.fail(v, "schemas is a %s; expected a list of {paths, schema}", kind(v))
		return
	}
	for _, o := range v.Content {
		if o.Kind != yaml.MappingNode {
			p.fail(o, "a schemas item is a %s; expected a mapping with paths and schema", kind(o))
			continue
		}
		var m SchemaMapping
		for i := 0; i+1 < len(o.Content); i += 2 {
			k, val := o.Content[i], o.Content[i+1]
			switch k.Value {
			case "paths":
				m.Paths = p.globs(val, "paths")
			case "schema":
				m.Schema = p.str(val, "schema")
				if !strings.HasPrefix(m.Schema, "http://") && !strings.HasPrefix(m.Schema, "https://") {
					m.Schema = p.resolve(m.Schema)
				}
			default:
				p.fail(k, "unknown key %q in a schemas item; expected paths or schema", k.Value)
			}
		}
		if len(m.Paths) == 0 {
			p.fail(o, "a schemas item has no paths; expected paths: [glob, ...]")
		}
		if m.Schema == "" {
			p.fail(o, "a schemas item has no schema; expected schema: FILE or URL")
		}
		p.c.Schemas = append(p.c.Schemas, m)
	}
}

func kind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!int", "!!float":
			return "number"
		case "!!bool":
			return "boolean"
		case "!!null":
			return "null"
		}
		return "string"
	}
	return "value"
}

// Check validates the rule IDs and patterns against the registry.
func (c *Config) Check(reg *rules.Registry) error {
	all := append([]Setting{}, c.Rules...)
	for _, o := range c.Overrides {
		all = append(all, o.Rules...)
	}
	for _, s := range all {
		if _, err := reg.Match(s.Pattern); err != nil {
			return &Error{Path: c.Path, Line: s.Line, Column: s.Column, Msg: err.Error()}
		}
	}
	return nil
}

// SchemaFor returns the schema of the first schemas entry whose paths
// match file, or "".
func (c *Config) SchemaFor(file string) string {
	rel := c.Rel(file)
	if rel == "" {
		return ""
	}
	for _, m := range c.Schemas {
		for _, g := range m.Paths {
			if Match(g, rel) {
				return m.Schema
			}
		}
	}
	return ""
}

// Rel returns the path of file relative to the configuration's directory,
// with / separators, for glob matching ("" when it lies outside).
func (c *Config) Rel(file string) string {
	abs, err := filepath.Abs(file)
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(c.Dir, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return ""
	}
	return filepath.ToSlash(rel)
}
