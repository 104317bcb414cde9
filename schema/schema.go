// Package schema validates front matter against a JSON Schema and turns the
// validator's errors into findings placed on the YAML node they concern.
//
// The built-in schemas for PFOCR figure pages are embedded and compiled once;
// a user schema (any draft the validator supports, local $refs resolved)
// replaces them for other collections.
package schema

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/figlint/figlint/rules"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed *.schema.json
var files embed.FS

// Stable absolute IDs of the built-in schemas, so that output never depends
// on where figlint runs.
const (
	baseURL   = "https://figlint.github.io/schema/"
	FigureURL = baseURL + "pfocr-figure.schema.json"
	LegacyURL = baseURL + "pfocr-figure-legacy.schema.json"
)

// Validator holds compiled schemas; it is safe for concurrent use.
type Validator struct {
	current *jsonschema.Schema
	// legacy is set for the built-in PFOCR schema only: pages of the older
	// generation are recognised and checked against it.
	legacy *jsonschema.Schema
	// user is set for the user's schemas: every violation is an error
	// (the built-in schema reports unknown fields as warnings).
	user bool
	// Name says which schema this is: the file's path relative to the
	// working directory or its URL, or the built-in schema's $id.
	Name string
}

var (
	builtinOnce sync.Once
	builtin     *Validator
	builtinErr  error
)

// Builtin returns the built-in PFOCR validator, compiled on first use.
func Builtin() (*Validator, error) {
	builtinOnce.Do(func() {
		c := newCompiler()
		for _, name := range []string{"pfocr-figure.schema.json", "pfocr-figure-legacy.schema.json"} {
			doc, err := readJSON(name)
			if err != nil {
				builtinErr = err
				return
			}
			if err := c.AddResource(baseURL+name, doc); err != nil {
				builtinErr = fmt.Errorf("schema: %w", err)
				return
			}
		}
		v := &Validator{Name: FigureURL}
		if v.current, builtinErr = c.Compile(FigureURL); builtinErr != nil {
			return
		}
		if v.legacy, builtinErr = c.Compile(LegacyURL); builtinErr != nil {
			return
		}
		builtin = v
	})
	return builtin, builtinErr
}

// Source returns the text of an embedded schema by file name.
func Source(name string) ([]byte, error) { return files.ReadFile(name) }

// Load compiles the user schema at path with the default options (see
// Set.Load). Relative $refs resolve against the schema file's directory; a
// schema without $schema is read as 2020-12.
func Load(path string) (*Validator, error) {
	return NewSet(Options{}).Load(path)
}

func newCompiler() *jsonschema.Compiler {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	return c
}

func readJSON(name string) (any, error) {
	data, err := files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("schema: %s: %w", name, err)
	}
	return doc, nil
}

// Rule returns the schema rule with v as the schema of every page: it
// reports schema/<keyword> findings, and legacy-format for older PFOCR
// pages when v is the built-in schema.
func (v *Validator) Rule() rules.Rule {
	return (&Selector{Default: v}).Rule()
}

// check validates value (the document's value, or a copy without the
// $schema key that chose the schema) against sch.
func (v *Validator) check(p *rules.Pass, sch *jsonschema.Schema, value any) {
	err := sch.Validate(value)
	if err == nil {
		return
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		p.Report(rules.Diagnostic{Range: p.Doc.Open, Message: fmt.Sprintf("schema validation failed: %v", err)})
		return
	}
	m := mapper{pass: p, user: v.user, failed: failedAt(ve, nil)}
	m.walk(ve)
}

// legacySignal tells whether a page is of the older generation and returns
// the first key (in file order) that shows it, with a description.
func legacySignal(doc *rules.Document) (key, why string) {
	obj, ok := doc.Value.(map[string]any)
	if !ok || doc.Root == nil {
		return "", ""
	}
	var reasons, older []string
	first := ""
	note := func(k string) {
		if first == "" {
			first = k
		}
	}
	// Keys are examined in file order so the finding lands on the first.
	for i := 0; i+1 < len(doc.Root.Content); i += 2 {
		k := doc.Root.Content[i].Value
		switch k {
		case "organisms":
			if _, isStr := obj[k].(string); isStr {
				note(k)
				reasons = append(reasons, "organisms is a single string")
			}
		case "pathway_score":
			note(k)
			reasons = append(reasons, "pathway_score instead of automl_pathway")
		case "pmc_ranked_result_index", "annotations", "genes", "chemicals", "diseases":
			note(k)
			older = append(older, k)
		}
	}
	// A page with fields of the current generation is a current page with
	// stray fields (the current schema reports them), not an older page.
	for _, current := range []string{"organisms_ner", "automl_pathway", "doi", "journal_title"} {
		if _, ok := obj[current]; ok {
			return "", ""
		}
	}
	if first == "" {
		return "", ""
	}
	if len(older) > 0 {
		reasons = append(reasons, "older fields "+strings.Join(older, ", "))
	}
	if _, ok := obj["organisms_ner"]; !ok {
		reasons = append(reasons, "no organisms_ner")
	}
	return first, strings.Join(reasons, "; ")
}

// plural writes "1 item" or "3 items".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// describe renders a JSON value for a message: what was found.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return fmt.Sprintf("the boolean %t", x)
	case json.Number:
		return "the number " + x.String()
	case string:
		if len([]rune(x)) > 60 {
			x = string([]rune(x)[:60]) + "…"
		}
		return fmt.Sprintf("%q", x)
	case []any:
		return "a list of " + plural(len(x), "item")
	case map[string]any:
		return "a mapping of " + plural(len(x), "field")
	}
	return fmt.Sprintf("%v", v)
}
