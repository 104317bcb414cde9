package schema

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/figlint/figlint/internal/safeio"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Format modes of Options.Format.
const (
	// FormatDefault asserts "format" as each draft says: drafts 4 to 7
	// assert it, 2019-09 and 2020-12 treat it as an annotation unless the
	// schema's dialect enables the format-assertion vocabulary.
	FormatDefault = ""
	// FormatAssert asserts "format" in every draft.
	FormatAssert = "assert"
	// FormatAnnotate never asserts "format" (except "regex", which the
	// validator always checks).
	FormatAnnotate = "annotate"
)

// ParseFormat checks a format mode given by the user.
func ParseFormat(s string) (string, error) {
	switch s {
	case FormatDefault, FormatAssert, FormatAnnotate:
		return s, nil
	}
	return "", fmt.Errorf("format is %q; expected assert or annotate", s)
}

// Options configure how user schemas are loaded and compiled.
type Options struct {
	// Format is FormatDefault, FormatAssert or FormatAnnotate.
	Format string
	// Remote loads the bytes of an http or https URL; nil refuses them.
	Remote func(url string) ([]byte, error)
	// WorkDir is the directory that schema names shown to the user are
	// relative to.
	WorkDir string
}

// Set compiles user schemas, each distinct schema once per run, and keeps
// them for every page that uses them. It is safe for concurrent use.
type Set struct {
	opts Options
	mu   sync.Mutex
	// compiled holds each root schema's outcome by absolute location.
	compiled map[string]*loaded
	// resources are the documents the compiler loaded, with their hash,
	// for the result cache's fingerprint.
	resources map[string]string
	// fetched are the remote documents loaded in this run, by URL.
	fetched map[string][]byte
}

type loaded struct {
	v   *Validator
	err error
}

// NewSet returns an empty set.
func NewSet(opts Options) *Set {
	s := &Set{opts: opts, compiled: map[string]*loaded{}, resources: map[string]string{}, fetched: map[string][]byte{}}
	return s
}

// compiler returns a compiler for one root schema, reading documents
// without $schema as draft.
func (s *Set) compiler(draft *jsonschema.Draft) *jsonschema.Compiler {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(draft)
	switch s.opts.Format {
	case FormatAssert:
		c.AssertFormat()
	case FormatAnnotate:
		for _, name := range formatNames {
			c.RegisterFormat(&jsonschema.Format{Name: name, Validate: func(any) error { return nil }})
		}
	}
	c.UseLoader(jsonschema.SchemeURLLoader{"file": s.loader(s.loadFile), "http": s.loader(s.loadRemote), "https": s.loader(s.loadRemote)})
	return c
}

// rootDraft is the draft a root schema declares with $schema (2020-12
// when it declares none or another): the documents it references that
// declare none are read in it, as the suite and users expect of a
// draft-07 schema that $refs a plain definitions file.
func (s *Set) rootDraft(key string) *jsonschema.Draft {
	var data []byte
	var err error
	if strings.HasPrefix(key, "http://") || strings.HasPrefix(key, "https://") {
		data, err = s.loadRemote(key)
	} else {
		data, err = safeio.ReadFile(strings.TrimPrefix(key, "file://"), safeio.SchemaLimit)
	}
	if err != nil {
		return jsonschema.Draft2020
	}
	var head struct {
		Schema string `json:"$schema"`
	}
	if json.Unmarshal(data, &head) != nil {
		return jsonschema.Draft2020
	}
	for _, d := range []struct {
		marker string
		draft  *jsonschema.Draft
	}{{"draft-04", jsonschema.Draft4}, {"draft-06", jsonschema.Draft6}, {"draft-07", jsonschema.Draft7},
		{"2019-09", jsonschema.Draft2019}} {
		if strings.Contains(head.Schema, "json-schema.org/") && strings.Contains(head.Schema, d.marker) {
			return d.draft
		}
	}
	return jsonschema.Draft2020
}

// formatNames are the formats the validator knows ("regex" cannot be
// replaced, so it is asserted in every mode).
var formatNames = []string{"json-pointer", "relative-json-pointer", "uuid", "duration", "period",
	"ipv4", "ipv6", "hostname", "email", "date", "time", "date-time", "uri", "iri",
	"uri-reference", "iri-reference", "uri-template", "semver", "idn-hostname", "idn-email"}

type loaderFunc func(url string) (any, error)

// Load implements jsonschema.URLLoader.
func (f loaderFunc) Load(url string) (any, error) { return f(url) }

// loader records what each load returned, for the fingerprint.
func (s *Set) loader(load func(url string) ([]byte, error)) jsonschema.URLLoader {
	return loaderFunc(func(url string) (any, error) {
		data, err := load(url)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		s.resources[url] = hex.EncodeToString(sum[:]) // under s.mu: loads happen in Compile
		return jsonschema.UnmarshalJSON(bytes.NewReader(data))
	})
}

// loadFile reads a local schema file as a regular file of bounded size: a
// $ref to a FIFO or to /dev/zero is an error, not a hang.
func (s *Set) loadFile(url string) ([]byte, error) {
	path, err := jsonschema.FileLoader{}.ToFile(url)
	if err != nil {
		return nil, err
	}
	return safeio.ReadFile(path, safeio.SchemaLimit)
}

// loadRemote loads a URL once per run (s.mu is held: loads happen in
// Load), whichever root schemas need it.
func (s *Set) loadRemote(url string) ([]byte, error) {
	if s.opts.Remote == nil {
		return nil, fmt.Errorf("%s is a URL, and loading schemas over the network is not set up", url)
	}
	if data, ok := s.fetched[url]; ok {
		return data, nil
	}
	data, err := s.opts.Remote(url)
	if err == nil {
		s.fetched[url] = data
	}
	return data, err
}

// Load returns the validator for the schema at loc (a file path or an
// http(s) URL), compiling it on first use. A schema that cannot be read or
// compiled, or whose $refs form a cycle that no value can get out of, is
// an error naming it.
func (s *Set) Load(loc string) (*Validator, error) {
	key := loc
	if !isURL(loc) {
		abs, err := filepath.Abs(loc)
		if err != nil {
			return nil, fmt.Errorf("schema: %w", err)
		}
		key = abs
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if l, ok := s.compiled[key]; ok {
		return l.v, l.err
	}
	l := &loaded{}
	s.compiled[key] = l
	name := s.display(loc)
	if !isURL(loc) {
		if _, err := os.Stat(key); err != nil {
			l.err = fmt.Errorf("schema: cannot read %s: %w", name, unwrapPathError(err))
			return nil, l.err
		}
	}
	sch, err := s.compiler(s.rootDraft(key)).Compile(key)
	if err != nil {
		l.err = fmt.Errorf("schema: cannot compile %s: %s", name, s.relative(err.Error()))
		return nil, l.err
	}
	if cyc := refCycle(sch); cyc != "" {
		l.err = fmt.Errorf("schema: %s: its $refs form a cycle that never reaches a value (%s); expected every cycle to pass through a keyword that descends into the value, such as properties or items", name, cyc)
		return nil, l.err
	}
	l.v = &Validator{current: sch, user: true, Name: name}
	return l.v, nil
}

// display names a schema for the user: a URL as it is, a file relative to
// the working directory when it lies below it.
func (s *Set) display(loc string) string {
	if isURL(loc) || s.opts.WorkDir == "" {
		return loc
	}
	abs, err := filepath.Abs(loc)
	if err != nil {
		return loc
	}
	if rel, err := filepath.Rel(s.opts.WorkDir, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(abs)
}

// relative rewrites the file URLs and paths under the working directory in a
// validator's message as relative paths, so messages do not depend on
// where the collection lies.
func (s *Set) relative(msg string) string {
	if s.opts.WorkDir == "" {
		return msg
	}
	dir := filepath.ToSlash(s.opts.WorkDir) + "/"
	return strings.ReplaceAll(strings.ReplaceAll(msg, "file://"+dir, ""), dir, "")
}

// Resources lists the documents the set's schemas were compiled from, as
// "location sha256" lines in sorted order: a run's results depend on them.
func (s *Set) Resources() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.resources))
	for u, sum := range s.resources {
		out = append(out, u+" "+sum)
	}
	sort.Strings(out)
	return out
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "file://")
}

// refCycle looks for a cycle among the subschemas that apply to the same
// value (through $ref, $dynamicRef, $recursiveRef, allOf, anyOf, oneOf,
// not, if/then/else, dependentSchemas and schema dependencies): validating
// any value that reaches one would never end. It returns the cycle's
// locations, or "".
func refCycle(root *jsonschema.Schema) string {
	// Every schema reachable from the root, by any keyword.
	all := []*jsonschema.Schema{root}
	seen := map[*jsonschema.Schema]bool{root: true}
	for i := 0; i < len(all); i++ {
		for _, c := range append(inPlace(all[i]), descending(all[i])...) {
			if c != nil && !seen[c] {
				seen[c] = true
				all = append(all, c)
			}
		}
	}
	// A depth-first search along the in-place edges only.
	const (
		active = 1
		done   = 2
	)
	state := map[*jsonschema.Schema]int{}
	var stack []*jsonschema.Schema
	var visit func(s *jsonschema.Schema) string
	visit = func(s *jsonschema.Schema) string {
		switch state[s] {
		case active:
			i := len(stack) - 1
			for i > 0 && stack[i] != s {
				i--
			}
			var locs []string
			for _, c := range stack[i:] {
				locs = append(locs, c.Location)
			}
			return strings.Join(append(locs, s.Location), " -> ")
		case done:
			return ""
		}
		state[s] = active
		stack = append(stack, s)
		for _, c := range inPlace(s) {
			if c == nil {
				continue
			}
			if found := visit(c); found != "" {
				return found
			}
		}
		stack = stack[:len(stack)-1]
		state[s] = done
		return ""
	}
	for _, s := range all {
		if found := visit(s); found != "" {
			return found
		}
	}
	return ""
}

// inPlace are the subschemas of s that apply to the value s applies to.
func inPlace(s *jsonschema.Schema) []*jsonschema.Schema {
	out := []*jsonschema.Schema{s.Ref, s.RecursiveRef, s.Not, s.If, s.Then, s.Else}
	if s.DynamicRef != nil {
		out = append(out, s.DynamicRef.Ref)
	}
	out = append(append(append(out, s.AllOf...), s.AnyOf...), s.OneOf...)
	for _, k := range sortedKeys(s.DependentSchemas) {
		out = append(out, s.DependentSchemas[k])
	}
	deps := make([]string, 0, len(s.Dependencies))
	for k := range s.Dependencies {
		deps = append(deps, k)
	}
	sort.Strings(deps)
	for _, k := range deps {
		if d, ok := s.Dependencies[k].(*jsonschema.Schema); ok {
			out = append(out, d)
		}
	}
	return out
}

// descending are the subschemas of s that apply to parts of its value.
func descending(s *jsonschema.Schema) []*jsonschema.Schema {
	out := []*jsonschema.Schema{s.PropertyNames, s.UnevaluatedProperties, s.Contains, s.Items2020,
		s.UnevaluatedItems, s.ContentSchema}
	for _, k := range sortedKeys(s.Properties) {
		out = append(out, s.Properties[k])
	}
	pats := make([]string, 0, len(s.PatternProperties))
	byPat := map[string]*jsonschema.Schema{}
	for re, c := range s.PatternProperties {
		pats = append(pats, re.String())
		byPat[re.String()] = c
	}
	sort.Strings(pats)
	for _, p := range pats {
		out = append(out, byPat[p])
	}
	for _, v := range []any{s.AdditionalProperties, s.AdditionalItems, s.Items} {
		switch x := v.(type) {
		case *jsonschema.Schema:
			out = append(out, x)
		case []*jsonschema.Schema:
			out = append(out, x...)
		}
	}
	return append(out, s.PrefixItems...)
}

func sortedKeys(m map[string]*jsonschema.Schema) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
