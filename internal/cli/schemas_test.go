package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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

