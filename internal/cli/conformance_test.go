package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/internal/testenv"
	"github.com/figlint/figlint/rules"
	"github.com/figlint/figlint/schema"
	"go.yaml.in/yaml/v3"
)

// The official JSON Schema Test Suite, run through figlint's command line:
// each test's data becomes the YAML front matter of a page, each group's
// schema a file that the configuration's schemas: maps to its pages, the
// suite's remotes are served by --schema-map from remotes/ for
// http://localhost:1234/, and one figlint run per draft lints them all.
// A test agrees when figlint reports a schema finding exactly when the
// suite says the data is invalid; every finding must sit on the node its
// JSON pointer names. docs/conformance.md gives the numbers.

// suiteDraft is one draft of the suite and the $schema that declares it.
type suiteDraft struct {
	dir, metaschema string
}

var suiteDrafts = []suiteDraft{
	{"draft4", "http://json-schema.org/draft-04/schema#"},
	{"draft6", "http://json-schema.org/draft-06/schema#"},
	{"draft7", "http://json-schema.org/draft-07/schema#"},
	{"draft2019-09", "https://json-schema.org/draft/2019-09/schema"},
	{"draft2020-12", "https://json-schema.org/draft/2020-12/schema"},
}

// suiteGroup is one group of a test file: a schema and its tests.
type suiteGroup struct {
	Description string          `json:"description"`
	Schema      json.RawMessage `json:"schema"`
	Tests       []struct {
		Description string          `json:"description"`
		Data        json.RawMessage `json:"data"`
		Valid       bool            `json:"valid"`
	} `json:"tests"`
}

// suiteCase is one test as figlint ran it.
type suiteCase struct {
	name     string // file / group / test
	page     string // the page's path in the run
	text     string // the page's bytes
	data     any    // the test's data as JSON
	valid    bool
	refused  string // why figlint refused the group's schema, if it did
	notExact string // why YAML cannot carry the data exactly, if it cannot
}

// suiteResult counts a run's outcome.
type suiteResult struct {
	total, carried, agreed int
	// placed counts the findings whose place was checked.
	placed              int
	notExact, disagreed []string
	// reworded are tests whose numbers YAML reads as the same value
	// written otherwise (1.0 as 1): counted, and listed.
	reworded  []string
	misplaced []string
}

func (r suiteResult) percent() float64 {
	if r.carried == 0 {
		return 0
	}
	return 100 * float64(r.agreed) / float64(r.carried)
}

// check fails the test when fewer than 99.5% of the carried required
// tests agree, or when a finding is not on the node its pointer names.
func (r suiteResult) check(t *testing.T, what string) {
	t.Helper()
	if r.percent() < 99.5 {
		t.Errorf("%s: %d of %d required tests agree (%.2f%%), want at least 99.5%%", what, r.agreed, r.carried, r.percent())
	}
	if len(r.misplaced) > 0 {
		t.Errorf("%s: %d findings are not on the node their pointer names:\n%s", what, len(r.misplaced), strings.Join(r.misplaced, "\n"))
	}
}

func TestJSONSchemaSuite(t *testing.T) {
	suite := testenv.JSONSchemaSuite(t)
	remotes := filepath.Join(suite, "remotes")
	for _, d := range suiteDrafts {
		t.Run(d.dir, func(t *testing.T) {
			files, _ := filepath.Glob(filepath.Join(suite, "tests", d.dir, "*.json"))
			res := runSuite(t, d, files, remotes, "", asYAML)
			logSuite(t, d.dir+" required", res)
			res.check(t, d.dir)
			if res.placed < 200 { // the check must see findings: 290 to 608 per draft
				t.Errorf("%s: only %d findings had their place checked", d.dir, res.placed)
			}
		})
		t.Run(d.dir+"/json", func(t *testing.T) {
			if testing.Short() {
				t.Skip("-short: the YAML front matter run only")
			}
			// The same required tests as JSON data files, as written.
			files, _ := filepath.Glob(filepath.Join(suite, "tests", d.dir, "*.json"))
			res := runSuite(t, d, files, remotes, "", asJSON)
			logSuite(t, d.dir+" required, as JSON data files", res)
			res.check(t, d.dir+" as JSON")
		})
		t.Run(d.dir+"/json-front-matter", func(t *testing.T) {
			if testing.Short() {
				t.Skip("-short: the YAML front matter run only")
			}
			// The object-valued required tests as the JSON front matter
			// of pages, as Hugo reads it.
			files, _ := filepath.Glob(filepath.Join(suite, "tests", d.dir, "*.json"))
			res := runSuite(t, d, files, remotes, "", asJSONFM)
			logSuite(t, d.dir+" required, as JSON front matter", res)
			res.check(t, d.dir+" as JSON front matter")
		})
		t.Run(d.dir+"/optional", func(t *testing.T) {
			if testing.Short() {
				t.Skip("-short: the YAML front matter run only")
			}
			// Reported, never failed: optional tests are optional.
			files, _ := filepath.Glob(filepath.Join(suite, "tests", d.dir, "optional", "*.json"))
			formats, _ := filepath.Glob(filepath.Join(suite, "tests", d.dir, "optional", "format", "*.json"))
			res := runSuite(t, d, append(files, formats...), remotes, "format: assert\n", asYAML)
			logSuite(t, d.dir+" optional (format: assert)", res)
		})
	}
}

func logSuite(t *testing.T, what string, r suiteResult) {
	t.Helper()
	t.Logf("%s: %d tests, %d carried exactly by YAML, %d of them agree (%.2f%%); %d findings, each on the node its pointer names",
		what, r.total, r.carried, r.agreed, r.percent(), r.placed)
	for _, s := range r.reworded {
		t.Logf("a number reads as the same value written otherwise: %s", s)
	}
	for _, s := range r.notExact {
		t.Logf("not carried exactly: %s", s)
	}
	for _, s := range r.disagreed {
		t.Logf("disagrees: %s", s)
	}
}

// runSuite writes the test files' groups as pages and schemas, lints them
// in one figlint run and compares the outcome with the suite's.
// How runSuite writes each test's data.
const (
	asYAML   = iota // the YAML front matter of a page
	asJSON          // a JSON data file, the test's own text
	asJSONFM        // the JSON front matter of a page (objects only)
)

func runSuite(t *testing.T, d suiteDraft, files []string, remotes, config string, mode int) suiteResult {
	t.Helper()
	sort.Strings(files)
	dir := t.TempDir()
	remote := (&schema.Remote{Maps: []schema.Mapping{{Prefix: "http://localhost:1234/", Dir: remotes}}, Offline: true}).Load
	var cases []*suiteCase
	var mappings strings.Builder
	mappings.WriteString(config + "schemas:\n")
	gi := 0
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var groups []suiteGroup
		if err := json.Unmarshal(raw, &groups); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		rel, _ := filepath.Rel(filepath.Join(filepath.Dir(file), ".."), file)
		rel = strings.TrimPrefix(filepath.ToSlash(rel), d.dir+"/")
		for _, g := range groups {
			gi++
			gdir := fmt.Sprintf("g%04d", gi)
			schemaFile := filepath.Join(dir, gdir, "schema.json")
			writeFile(t, schemaFile, declareDraft(t, g.Schema, d.metaschema))
			// The group's schema must compile for the run to start: one
			// figlint refuses is reported for each of its tests.
			refused := ""
			if _, err := schema.NewSet(schema.Options{Remote: remote}).Load(schemaFile); err != nil {
				refused = err.Error()
			} else {
				fmt.Fprintf(&mappings, "  - paths: [%q]\n    schema: %q\n", gdir+"/t/*", gdir+"/schema.json")
			}
			for ti, tc := range g.Tests {
				c := &suiteCase{name: rel + " / " + g.Description + " / " + tc.Description,
					page: fmt.Sprintf("%s/t/%02d.md", gdir, ti), valid: tc.Valid, refused: refused}
				c.data = decodeNumbers(t, tc.Data)
				c.text = "---\n" + yamlOf(t, c.data) + "---\n"
				if mode != asYAML {
					// The test's own JSON text, indented: its numbers as written.
					var buf bytes.Buffer
					if err := json.Indent(&buf, tc.Data, "", "  "); err != nil {
						t.Fatal(err)
					}
					c.text = buf.String() + "\n"
					if mode == asJSON {
						c.page = strings.TrimSuffix(c.page, ".md") + ".json"
					}
				}
				c.notExact = carried(c)
				if _, isObject := c.data.(map[string]any); mode == asJSONFM && !isObject {
					c.notExact = "JSON front matter is an object (a page starting with \"{\"); the data is not one"
				}
				writeFile(t, filepath.Join(dir, filepath.FromSlash(c.page)), []byte(c.text))
				cases = append(cases, c)
			}
		}
	}
	writeFile(t, filepath.Join(dir, ".figlint.yaml"), []byte(mappings.String()))
	code, out, errOut := run(t, dir, "--config", ".figlint.yaml", "--no-cache", "--offline",
		"--schema-map", "http://localhost:1234/="+remotes,
		"--enable-only", "schema,schema/*,front-matter,yaml-syntax,duplicate-key,non-string-key",
		"--format", "json", ".")
	if code != ExitClean && code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Findings []struct {
			Rule, Path, Pointer, Message string
			Line, Column                 int
		}
		Files []struct {
			Path   string
			Schema *string
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	byPage := map[string][]string{}
	var res suiteResult
	pages := map[string]*suiteCase{}
	for _, c := range cases {
		pages[c.page] = c
	}
	for _, f := range doc.Findings {
		c := pages[f.Path]
		if c == nil {
			t.Fatalf("a finding on %s, which is no test page: %s", f.Path, f.Message)
		}
		if !strings.HasPrefix(f.Rule, "schema") {
			byPage[f.Path] = append(byPage[f.Path], "parse:"+f.Rule+": "+f.Message)
			continue
		}
		byPage[f.Path] = append(byPage[f.Path], f.Rule+": "+f.Message)
		res.placed++
		if why := misplaced(c.text, f.Pointer, f.Line, f.Column); why != "" {
			res.misplaced = append(res.misplaced, fmt.Sprintf("%s: %s at %d:%d (%s): %s", c.name, f.Rule, f.Line, f.Column, f.Pointer, why))
		}
	}
	checked := map[string]string{}
	for _, f := range doc.Files {
		if f.Schema != nil {
			checked[f.Path] = *f.Schema
		}
	}
	for _, c := range cases {
		res.total++
		if c.notExact != "" {
			res.notExact = append(res.notExact, c.name+": "+c.notExact)
			continue
		}
		res.carried++
		if rw := reworded(c.data, parseCase(c).Value, ""); rw != "" {
			res.reworded = append(res.reworded, c.name+": "+rw)
		}
		var why string
		switch {
		case c.refused != "":
			why = "figlint refused the schema: " + c.refused
		case checked[c.page] != strings.TrimSuffix(c.page[:5], "/")+"/schema.json":
			why = fmt.Sprintf("checked against %q, not its group's schema", checked[c.page])
		default:
			fs := byPage[c.page]
			for _, f := range fs {
				if strings.HasPrefix(f, "parse:") {
					why = "the page did not parse: " + f
				}
			}
			if why == "" && (len(fs) == 0) != c.valid {
				data, _ := json.Marshal(c.data)
				why = fmt.Sprintf("the suite says valid=%v, figlint found %d problems %q; data %s", c.valid, len(fs), fs, data)
			}
		}
		if why != "" {
			res.disagreed = append(res.disagreed, c.name+": "+why)
			continue
		}
		res.agreed++
	}
	return res
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// declareDraft adds the draft's $schema to a schema object that has none:
// the suite's directories say which draft their schemas are.
func declareDraft(t *testing.T, raw json.RawMessage, metaschema string) []byte {
	t.Helper()
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return raw // a boolean schema means the same in every draft
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		t.Fatal(err)
	}
	if _, ok := obj["$schema"]; ok {
		return raw
	}
	decl, _ := json.Marshal(metaschema)
	return append(append([]byte(`{"$schema": `+string(decl)), map[bool]string{true: "", false: ","}[len(obj) == 0]...), trimmed[1:]...)
}

func decodeNumbers(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// yamlOf writes a JSON value as block YAML: strings double-quoted,
// numbers as their JSON text, mappings with sorted keys.
func yamlOf(t *testing.T, v any) string {
	t.Helper()
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(yamlNode(v)); err != nil {
		t.Fatal(err)
	}
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func yamlNode(v any) *yaml.Node {
	switch x := v.(type) {
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(x)}
	case json.Number:
		tag := "!!int"
		if strings.ContainsAny(x.String(), ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: x.String()}
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: x, Style: yaml.DoubleQuotedStyle}
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, e := range x {
			n.Content = append(n.Content, yamlNode(e))
		}
		return n
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Style: yaml.DoubleQuotedStyle}, yamlNode(x[k]))
		}
		return n
	}
	panic(fmt.Sprintf("not a JSON value: %T", v))
}

// parseCase reads a test's page or data file as figlint does.
func parseCase(c *suiteCase) *rules.Document {
	if strings.HasSuffix(c.page, ".json") {
		return frontmatter.ParseData(c.page, []byte(c.text))
	}
	return frontmatter.Parse(c.page, []byte(c.text))
}

// carried says why figlint's reading of the page differs from the test's
// data ("" when it is the same JSON value).
func carried(c *suiteCase) string {
	if obj, ok := c.data.(map[string]any); ok {
		if _, ok := obj["$schema"]; ok {
			return `the data has a top-level "$schema" key, which figlint reads as the page's choice of schema`
		}
	}
	doc := parseCase(c)
	if doc.Broken {
		return "" // reported as a disagreement with the parse finding
	}
	if why := sameJSON(c.data, doc.Value, ""); why != "" {
		return why
	}
	return ""
}

// sameJSON compares two JSON values (numbers by their value) and says
// where they differ.
func sameJSON(want, got any, at string) string {
	switch w := want.(type) {
	case json.Number:
		g, ok := got.(json.Number)
		if !ok {
			return fmt.Sprintf("%s: the number %s reads as %#v", at, w, got)
		}
		wr, ok1 := new(big.Rat).SetString(w.String())
		gr, ok2 := new(big.Rat).SetString(g.String())
		if !ok1 || !ok2 || wr.Cmp(gr) != 0 {
			return fmt.Sprintf("%s: the number %s reads as %s (YAML numbers are read as 64-bit floats)", at, w, g)
		}
		return ""
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return fmt.Sprintf("%s: a mapping reads as %#v", at, got)
		}
		for k, v := range w {
			if why := sameJSON(v, g[k], at+"/"+k); why != "" {
				return why
			}
		}
		return ""
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return fmt.Sprintf("%s: a list reads as %#v", at, got)
		}
		for i := range w {
			if why := sameJSON(w[i], g[i], fmt.Sprintf("%s/%d", at, i)); why != "" {
				return why
			}
		}
		return ""
	}
	if want != got {
		return fmt.Sprintf("%s: %#v reads as %#v", at, want, got)
	}
	return ""
}

// reworded finds a number that figlint reads as the same value in other
// words (1.0 as 1, 1e2 as 100), or "".
func reworded(want, got any, at string) string {
	switch w := want.(type) {
	case json.Number:
		if g, ok := got.(json.Number); ok && g != w {
			return fmt.Sprintf("%s: %s reads as %s", at, w, g)
		}
	case map[string]any:
		g, _ := got.(map[string]any)
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if r := reworded(w[k], g[k], at+"/"+k); r != "" {
				return r
			}
		}
	case []any:
		g, _ := got.([]any)
		for i := range w {
			if i < len(g) {
				if r := reworded(w[i], g[i], fmt.Sprintf("%s/%d", at, i)); r != "" {
					return r
				}
			}
		}
	}
	return ""
}

// misplaced checks a finding's start against the page's own YAML nodes
// (parsed here with yaml.v3, not through figlint's index): it must be the
// key or the value of the node the pointer names or, for a value that is
// absent (a missing required field), of its nearest present ancestor (the
// opening "---" for the root). It returns what is wrong, or "".
func misplaced(text, pointer string, line, col int) string {
	var root yaml.Node
	body, shift := text, 0 // a JSON data file is read whole
	if strings.HasPrefix(text, "---\n") {
		body, shift = strings.TrimSuffix(strings.TrimPrefix(text, "---\n"), "---\n"), 1
	}
	if err := yaml.Unmarshal([]byte(body), &root); err != nil || len(root.Content) == 0 {
		if shift == 0 && pointer == "" && line == 1 && col == 1 {
			// JSON that yaml.v3 alone cannot read (surrogate pair escapes,
			// which figlint rewrites): a finding on the whole value is at
			// its start.
			return ""
		}
		return "the page does not parse"
	}
	var toks []string
	if pointer != "" {
		for _, tk := range strings.Split(pointer[1:], "/") {
			toks = append(toks, strings.ReplaceAll(strings.ReplaceAll(tk, "~1", "/"), "~0", "~"))
		}
	}
	var key *yaml.Node
	n := root.Content[0]
	for _, tk := range toks {
		var nk, nv *yaml.Node
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == tk {
					nk, nv = n.Content[i], n.Content[i+1]
				}
			}
		case yaml.SequenceNode:
			var i int
			if _, err := fmt.Sscanf(tk, "%d", &i); err == nil && i >= 0 && i < len(n.Content) {
				nv = n.Content[i]
			}
		}
		if nv == nil {
			break // absent: the ancestor is where the finding belongs
		}
		key, n = nk, nv
	}
	at := func(m *yaml.Node) bool { return m != nil && m.Line+shift == line && m.Column == col }
	if at(key) || at(n) || (key == nil && n == root.Content[0] && line == 1 && col == 1) {
		return ""
	}
	want := fmt.Sprintf("value at %d:%d", n.Line+shift, n.Column)
	if key != nil {
		want += fmt.Sprintf(" or key at %d:%d", key.Line+shift, key.Column)
	}
	return "expected the " + want
}

// TestMisplaced: the place check itself accepts a finding at the named
// node's key or value, or at its nearest present ancestor, and nothing
// else.
func TestMisplaced(t *testing.T) {
	page := "---\n\"a\":\n  \"b\": 1\n\"c\":\n- 2\n- 3\n---\n"
	for _, tc := range []struct {
		ptr       string
		line, col int
		ok        bool
	}{
		{"/a/b", 3, 3, true}, {"/a/b", 3, 8, true}, {"/a/b", 2, 1, false},
		{"/a/x", 2, 1, true}, {"/a/x", 3, 3, true}, {"/a/x", 3, 1, false}, // absent: its parent
		{"/c/1", 6, 3, true}, {"/c/1", 5, 3, false},
		{"", 1, 1, true}, {"/x", 1, 1, true}, {"/x", 2, 2, false},
	} {
		if got := misplaced(page, tc.ptr, tc.line, tc.col) == ""; got != tc.ok {
			t.Errorf("%s at %d:%d: accepted %v, want %v", tc.ptr, tc.line, tc.col, got, tc.ok)
		}
	}
}
