package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/schema"
	"github.com/google/go-cmp/cmp"
)

// tree writes files (slash paths relative to dir) and returns dir.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestUserSchemaErrors: with a user schema an unknown field is an error
// (exit 1), with the built-in schema a warning; the configuration can
// still lower it.
func TestUserSchemaErrors(t *testing.T) {
	dir := tree(t, map[string]string{
		"s.json":   `{"type": "object", "properties": {"title": {"type": "string"}}, "additionalProperties": false}`,
		"p.md":     "---\ntitle: Hi\nextra: 1\n---\n",
		"low.yaml": "rules:\n  schema/additionalProperties: warning\n",
	})
	code, out, _ := run(t, dir, "--no-config", "--no-snippet", "--schema", "s.json", "p.md")
	want := "p.md:3:1: error: unknown field \"extra\" in the front matter; expected only the fields the schema defines [schema/additionalProperties]\n"
	if code != ExitFindings || !strings.HasPrefix(out, want) {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
	code, out, _ = run(t, dir, "--config", "low.yaml", "--no-snippet", "--schema", "s.json", "p.md")
	if code != ExitClean || !strings.Contains(out, "p.md:3:1: warning: unknown field") {
		t.Fatalf("lowered by the configuration: exit %d, output:\n%s", code, out)
	}
}

// TestSchemaFormatModes: "format" follows each draft unless the
// configuration says assert or annotate.
func TestSchemaFormatModes(t *testing.T) {
	dir := tree(t, map[string]string{
		"d7.json":       `{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"date": {"format": "date"}}}`,
		"d2020.json":    `{"$schema": "https://json-schema.org/draft/2020-12/schema", "properties": {"date": {"format": "date"}}}`,
		"p.md":          "---\ndate: 2023-02-30\n---\n",
		"assert.yaml":   "format: assert\n",
		"annotate.yaml": "format: annotate\n",
		"bad.yaml":      "format: sometimes\n",
	})
	for _, tc := range []struct {
		config, schema string
		want           int
	}{
		{"", "d7.json", ExitFindings}, // draft 7 asserts formats
		{"", "d2020.json", ExitClean}, // 2020-12 annotates them
		{"assert.yaml", "d2020.json", ExitFindings},
		{"annotate.yaml", "d7.json", ExitClean},
		{"annotate.yaml", "d2020.json", ExitClean},
		{"assert.yaml", "d7.json", ExitFindings},
	} {
		args := []string{"--no-config"}
		if tc.config != "" {
			args = []string{"--config", tc.config}
		}
		code, out, errOut := run(t, dir, append(args, "--no-snippet", "--schema", tc.schema, "p.md")...)
		if code != tc.want {
			t.Errorf("%s with %q: exit %d, want %d\n%s%s", tc.schema, tc.config, code, tc.want, out, errOut)
		}
		if code == ExitFindings && !strings.Contains(out, "p.md:2:7: error: date is \"2023-02-30\"; expected a valid date") {
			t.Errorf("%s with %q: output\n%s", tc.schema, tc.config, out)
		}
	}
	code, _, errOut := run(t, dir, "--config", "bad.yaml", "p.md")
	if code != ExitUsage || !strings.Contains(errOut, `bad.yaml:1:9: format is "sometimes"; expected assert or annotate`) {
		t.Fatalf("bad format: exit %d, %s", code, errOut)
	}
}

// TestSchemaConfigErrors: a schema that cannot be compiled, or whose
// $refs loop without reaching a value, stops the run with exit 2 and the
// schema's path, before any page is linted; a recursion through
// properties is fine.
func TestSchemaConfigErrors(t *testing.T) {
	dir := tree(t, map[string]string{
		"broken.json":    `{"type": "object", "properties": {"a": {"type": 12}}}`,
		"notjson.json":   `{"type": `,
		"cycle.json":     `{"$ref": "#/$defs/a", "$defs": {"a": {"allOf": [{"$ref": "#/$defs/b"}]}, "b": {"$ref": "#/$defs/a"}}}`,
		"cycle2.json":    `{"properties": {"x": {"$ref": "other.json"}}}`,
		"other.json":     `{"anyOf": [{"$ref": "cycle2.json#/properties/x"}]}`,
		"recursive.json": `{"type": "object", "properties": {"child": {"$ref": "#"}, "name": {"type": "string"}}}`,
		"p.md":           "---\nchild:\n  child:\n    name: 3\n---\n",
		"mapped.yaml":    "schemas:\n  - paths: [\"*.md\"]\n    schema: cycle.json\n",
	})
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--schema", "broken.json"}, "cannot compile broken.json"},
		{[]string{"--schema", "notjson.json"}, "cannot compile notjson.json"},
		{[]string{"--schema", "cycle.json"}, "schema: cycle.json: its $refs form a cycle"},
		{[]string{"--schema", "cycle2.json"}, "schema: cycle2.json: its $refs form a cycle"},
		{[]string{"--schema", "missing.json"}, "schema: cannot read missing.json: no such file or directory"},
		{[]string{"--config", "mapped.yaml"}, "schema: cycle.json: its $refs form a cycle"},
	} {
		args := tc.args
		if args[0] != "--config" {
			args = append([]string{"--no-config"}, args...)
		}
		code, out, errOut := run(t, dir, append(args, "--format", "json", "p.md")...)
		if code != ExitUsage || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %s", tc.args, code, out, errOut)
		}
	}
	code, out, _ := run(t, dir, "--no-config", "--no-snippet", "--schema", "recursive.json", "p.md")
	if code != ExitFindings || !strings.HasPrefix(out, "p.md:4:11: error: child.child.name is the number 3; expected a string (YAML reads the unquoted \"3\" as an integer; quote it to keep it text) [schema/type]\n") {
		t.Fatalf("recursive schema: exit %d\n%s", code, out)
	}
}

// jsonFiles runs figlint with --format json and returns its findings as
// "path:line:col rule" and its files as path -> schema.
func jsonFiles(t *testing.T, dir string, args ...string) (int, []string, map[string]string) {
	t.Helper()
	code, out, errOut := run(t, dir, append([]string{"--format", "json"}, args...)...)
	var doc struct {
		Findings []struct {
			Rule   string `json:"rule"`
			Path   string `json:"path"`
			Line   int    `json:"line"`
			Column int    `json:"column"`
		} `json:"findings"`
		Files []struct {
			Path   string `json:"path"`
			Schema string `json:"schema"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("exit %d: not JSON (%v): %s %s", code, err, out, errOut)
	}
	fs := make([]string, 0, len(doc.Findings))
	for _, f := range doc.Findings {
		fs = append(fs, f.Path+":"+itoa(f.Line)+":"+itoa(f.Column)+" "+f.Rule)
	}
	files := map[string]string{}
	for _, f := range doc.Files {
		files[f.Path] = f.Schema
	}
	return code, fs, files
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestSchemaSelection: --schema forces one schema; otherwise a page's
// $schema (relative to the page) comes first, then the configuration's
// schemas (first match wins), then schema:, then the built-in schema.
// Each file's schema is in the JSON output, and each schema is compiled
// once however many pages use it.
func TestSchemaSelection(t *testing.T) {
	dir := tree(t, map[string]string{
		".figlint.yaml": "schemas:\n  - paths: [\"blog/**\"]\n    schema: schemas/post.json\n" +
			"  - paths: [\"blog/drafts/**\", \"docs/*.md\"]\n    schema: schemas/doc.json\n" +
			"schema: schemas/any.json\n",
		"schemas/post.json": `{"required": ["title"], "properties": {"title": {"type": "string"}}}`,
		"schemas/doc.json":  `{"required": ["weight"]}`,
		"schemas/any.json":  `{"type": "object", "additionalProperties": false}`,
		"blog/a.md":         "---\ntitle: A post\n---\n",
		"blog/drafts/b.md":  "---\nweight: 1\n---\n",   // the first mapping matches: title is missing
		"docs/c.md":         "---\ntitle: Docs\n---\n", // doc.json: weight is missing
		"other/d.md":        "---\nx: 1\n---\n",        // any.json: x is unknown
		"other/e.md":        "---\n$schema: ../schemas/doc.json\nweight: 2\n---\n",
		"other/f.md":        "---\n$schema: ../schemas/none.json\n---\n",
		"other/g.md":        "---\n$schema: [1]\n---\n",
	})
	code, findings, files := jsonFiles(t, dir, ".")
	if code != ExitFindings {
		t.Fatalf("exit %d", code)
	}
	want := []string{
		"blog/drafts/b.md:1:1 schema/required",
		"docs/c.md:1:1 schema/required",
		"other/d.md:2:1 schema/additionalProperties",
		"other/f.md:2:10 schema",
		"other/g.md:2:10 schema",
	}
	if diff := cmp.Diff(want, findings); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	wantFiles := map[string]string{
		"blog/a.md": "schemas/post.json", "blog/drafts/b.md": "schemas/post.json", "docs/c.md": "schemas/doc.json",
		"other/d.md": "schemas/any.json", "other/e.md": "schemas/doc.json", "other/f.md": "", "other/g.md": "",
	}
	if diff := cmp.Diff(wantFiles, files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	// --schema wins over everything, $schema included.
	_, findings, files = jsonFiles(t, dir, "--schema", "schemas/post.json", "other/e.md", "docs/c.md")
	if diff := cmp.Diff([]string{"other/e.md:1:1 schema/required"}, findings); diff != "" {
		t.Errorf("--schema: findings (-want +got):\n%s", diff)
	}
	if files["other/e.md"] != "schemas/post.json" {
		t.Errorf("--schema: files %v", files)
	}
	// Without a configuration, pages fall back to the built-in schema.
	_, _, files = jsonFiles(t, dir, "--no-config", "blog/a.md")
	if files["blog/a.md"] != "https://figlint.github.io/schema/pfocr-figure.schema.json" {
		t.Errorf("built-in: files %v", files)
	}
}

// TestSchemaCompiledOnce: a schema many pages name is loaded once.
func TestSchemaCompiledOnce(t *testing.T) {
	files := map[string]string{"s.json": `{"properties": {"n": {"type": "integer"}}}`}
	for i := range 50 {
		files["p"+itoa(i)+".md"] = "---\n$schema: s.json\nn: " + itoa(i) + "\n---\n"
	}
	dir := tree(t, files)
	set := schema.NewSet(schema.Options{WorkDir: dir})
	sel := &schema.Selector{Set: set, WorkDir: dir}
	for i := range 50 {
		name := "p" + itoa(i) + ".md"
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := sel.SchemaOf(frontmatter.Parse(name, data)); got != "s.json" {
			t.Fatalf("%s: schema %q", name, got)
		}
	}
	if got := set.Resources(); len(got) != 1 || !strings.HasPrefix(got[0], "file://"+filepath.ToSlash(dir)+"/s.json ") {
		t.Fatalf("resources %q, want s.json loaded once", got)
	}
}

// TestUnevaluatedProperties: unknown fields under unevaluatedProperties:
// false are reported at their keys; while another failure is in the same
// value, they wait (the failing subschema drops the annotations that
// would have marked its fields evaluated, so every field would look
// unknown).
func TestUnevaluatedProperties(t *testing.T) {
	dir := tree(t, map[string]string{
		"defs.json": `{"$defs": {"page": {"properties": {"title": {"type": "string"}, "slug": {"pattern": "^[a-z]+$"}}}}}`,
		"s.json":    `{"$ref": "defs.json#/$defs/page", "unevaluatedProperties": false}`,
		"bad.md":    "---\ntitle: T\nslug: Upper\nextra: 1\n---\n",
		"good.md":   "---\ntitle: T\nslug: lower\nextra: 1\n---\n",
	})
	code, out, _ := run(t, dir, "--no-config", "--no-snippet", "--schema", "s.json", "bad.md", "good.md")
	want := `bad.md:3:7: error: slug is "Upper"; expected a string matching ^[a-z]+$ [schema/pattern]
good.md:4:1: error: unknown field "extra" in the front matter; expected only the fields the schema evaluates [schema/unevaluatedProperties]
2 findings (2 errors, 0 warnings, 0 notes) in 2 files
`
	if diff := cmp.Diff(want, out); code != ExitFindings || diff != "" {
		t.Fatalf("exit %d (-want +got):\n%s", code, diff)
	}
}

// TestPageSchemaHostile: a $schema naming a device, a FIFO or a folder is
// a finding at once, never a hang, and names files relative to the
// working directory.
func TestPageSchemaHostile(t *testing.T) {
	dir := tree(t, map[string]string{
		"a.md":  "---\n$schema: /dev/zero\n---\n",
		"b.md":  "---\n$schema: fifo.json\n---\n",
		"c.md":  "---\n$schema: sub\n---\n",
		"sub/x": "",
	})
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.json"), 0o644); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	code, out, _ := run(t, dir, "--no-config", "--no-cache", "--no-snippet", "a.md", "b.md", "c.md")
	for _, want := range []string{
		`a.md:2:10: error: $schema "/dev/zero" cannot be used (schema: cannot compile /dev/zero: failing loading "file:///dev/zero": open /dev/zero: not a regular file)`,
		`b.md:2:10: error: $schema "fifo.json" cannot be used (schema: cannot compile fifo.json: failing loading "fifo.json": open fifo.json: not a regular file)`,
		`c.md:2:10: error: $schema "sub" cannot be used`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if code != ExitFindings {
		t.Errorf("exit %d", code)
	}
}

// TestPageSchemaNotCached: a page that names its own schema is linted
// again on every run, so a change to that schema shows even with the
// result cache (its schema is no part of the run's fingerprint).
func TestPageSchemaNotCached(t *testing.T) {
	dir := tree(t, map[string]string{
		"s.json": `{"properties": {"n": {"type": "integer"}}}`,
		"p.md":   "---\n$schema: s.json\nn: 1\n---\n",
	})
	cache := t.TempDir()
	if code, out, errOut := run(t, dir, "--no-config", "--cache", cache, "p.md"); code != ExitClean {
		t.Fatalf("first run: exit %d\n%s%s", code, out, errOut)
	}
	if err := os.WriteFile(filepath.Join(dir, "s.json"), []byte(`{"properties": {"n": {"type": "string"}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, dir, "--no-config", "--cache", cache, "--no-snippet", "p.md")
	if code != ExitFindings || !strings.Contains(out, "p.md:3:4: error: n is the number 1; expected a string") {
		t.Fatalf("after s.json changed: exit %d\n%s", code, out)
	}
}
