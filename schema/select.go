package schema

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/figlint/figlint/rules"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// Selector chooses the schema of each file, in this order: Force when set
// (--schema), the file's own "$schema" key (with Set), the first of the
// configuration's path mappings that matches (Mapped), else Default.
type Selector struct {
	// Force, when set, is the schema of every file.
	Force *Validator
	// Set compiles the schemas that files name in a top-level "$schema"
	// key; nil ignores the key.
	Set *Set
	// Mapped returns the schema mapped to a file's displayed path, or nil.
	Mapped func(path string) *Validator
	// Default applies where nothing else does (the built-in PFOCR schema,
	// or the configuration's schema:); nil checks such files against no
	// schema.
	Default *Validator
	// WorkDir is what the displayed paths are relative to, to find a
	// "$schema" path relative to its file.
	WorkDir string
}

// SchemaKey is the top-level key by which a file names its schema.
const SchemaKey = "$schema"

// choice is the schema a document is checked against.
type choice struct {
	v    *Validator
	sch  *jsonschema.Schema
	name string
	// fromKey: the file's "$schema" key chose it, and is left out of the
	// value checked.
	fromKey bool
	// legacyKey and legacyWhy: an older PFOCR page, checked against the
	// legacy schema; legacyKey is the key that shows it.
	legacyKey, legacyWhy string
	// problem: the "$schema" key names no schema that can be used.
	problem string
}

type choiceKey struct{}

// choose picks the document's schema, once per document.
func (s *Selector) choose(doc *rules.Document) *choice {
	return doc.Memo(choiceKey{}, func() any { return s.compute(doc) }).(*choice)
}

func (s *Selector) compute(doc *rules.Document) *choice {
	c := &choice{}
	switch {
	case s.Force != nil:
		c.v = s.Force
	case s.Set != nil && s.pageSchema(doc, c):
		if c.problem != "" {
			return c
		}
	default:
		if s.Mapped != nil {
			c.v = s.Mapped(doc.Path)
		}
		if c.v == nil {
			c.v = s.Default
		}
	}
	if c.v == nil {
		return c
	}
	c.sch, c.name = c.v.current, c.v.Name
	if c.v.legacy != nil {
		if key, why := legacySignal(doc); key != "" {
			c.sch, c.name, c.legacyKey, c.legacyWhy = c.v.legacy, LegacyURL, key, why
		}
	}
	return c
}

// pageSchema reads the document's "$schema" key into c; it tells whether
// the key is there.
func (s *Selector) pageSchema(doc *rules.Document, c *choice) bool {
	obj, ok := doc.Value.(map[string]any)
	if !ok {
		return false
	}
	raw, ok := obj[SchemaKey]
	if !ok {
		return false
	}
	c.fromKey = true
	ref, ok := raw.(string)
	if !ok || strings.TrimSpace(ref) == "" {
		c.problem = "$schema is " + describe(raw) + "; expected the path (relative to this file) or the URL of a JSON Schema"
		return true
	}
	loc := ref
	if !isURL(ref) && !filepath.IsAbs(ref) {
		page := doc.Path
		if !filepath.IsAbs(page) {
			page = filepath.Join(s.WorkDir, filepath.FromSlash(page))
		}
		loc = filepath.Join(filepath.Dir(page), filepath.FromSlash(ref))
	}
	v, err := s.Set.Load(loc)
	if err != nil {
		c.problem = "$schema " + describe(ref) + " cannot be used (" + err.Error() + "); expected the path (relative to this file) or the URL of a JSON Schema"
		return true
	}
	c.v = v
	return true
}

// SchemaOf names the schema a document is checked against ("" when none:
// the file could not be parsed, or names no usable schema).
func (s *Selector) SchemaOf(doc *rules.Document) string {
	if doc.Broken {
		return ""
	}
	c := s.choose(doc)
	if c.problem != "" {
		return ""
	}
	return c.name
}

// Rule returns the schema rule: it reports schema/<keyword> findings, and
// legacy-format for older PFOCR pages where the built-in schema applies.
func (s *Selector) Rule() rules.Rule {
	family := keywordMetas()
	if (s.Force != nil && s.Force.legacy != nil) || (s.Force == nil && s.Default != nil && s.Default.legacy != nil) {
		family = append(family, LegacyFormat)
	}
	return rules.Rule{
		Meta: rules.Meta{
			ID:        "schema",
			Severity:  rules.SeverityError,
			Since:     "0.1.0",
			Precision: rules.PrecisionVeryHigh,
			Summary:   "the front matter must match the JSON Schema",
			Doc: "Validates the front matter (or a data file), read as JSON, against its schema: " +
				"the one given with `--schema`, else the one its `$schema` key names, else the first " +
				"of the configuration's `schemas` that matches its path, else the configuration's " +
				"`schema`, else the built-in PFOCR schema. Each violated keyword is reported under its " +
				"own rule ID `schema/<keyword>`; the `schema` ID itself is reported when `$schema` names " +
				"no usable schema or the validator fails for another reason.",
		},
		Family: family,
		Run:    s.run,
	}
}

func (s *Selector) run(p *rules.Pass) {
	c := s.choose(p.Doc)
	if c.problem != "" {
		p.Report(rules.Diagnostic{Range: s.keyRange(p.Doc), Pointer: rules.Pointer(SchemaKey),
			Message: c.problem, Severity: rules.SeverityError})
		return
	}
	if c.v == nil {
		return
	}
	if c.legacyKey != "" {
		p.Report(rules.Diagnostic{As: LegacyFormat.ID, Pointer: rules.Pointer(c.legacyKey), Key: true,
			Message: fmt.Sprintf("page is in the older PFOCR format (%s); checked against the legacy schema; expected the current format", c.legacyWhy)})
	}
	value := p.Doc.Value
	if c.fromKey {
		obj := value.(map[string]any)
		rest := make(map[string]any, len(obj)-1)
		for k, v := range obj {
			if k != SchemaKey {
				rest[k] = v
			}
		}
		value = rest
	}
	c.v.check(p, c.sch, value)
}

// keyRange is where the document's "$schema" value is.
func (s *Selector) keyRange(doc *rules.Document) rules.Range {
	if e, ok := doc.LookupTokens([]string{SchemaKey}); ok && e.Value != nil && e.Value.Kind != yaml.DocumentNode {
		return doc.NodeRange(e.Value)
	}
	return doc.Open
}
