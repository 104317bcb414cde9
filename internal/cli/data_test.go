package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// place finds the first occurrence of needle in text and returns its
// 1-based line and column (in code points) and its end, computed here
// from the bytes, independently of figlint's position layer.
func place(t *testing.T, text, needle string) string {
	t.Helper()
	at := strings.Index(text, needle)
	if at < 0 {
		t.Fatalf("%q not found", needle)
	}
	lineStart := strings.LastIndex(text[:at], "\n") + 1
	line := strings.Count(text[:at], "\n") + 1
	col := utf8.RuneCountInString(text[lineStart:at]) + 1
	end := col + utf8.RuneCountInString(needle)
	return itoa(line) + ":" + itoa(col) + "-" + itoa(line) + ":" + itoa(end)
}

// TestDataFiles: YAML and JSON data files that the configuration maps a
// schema to are linted as a whole, each finding at its value's exact
// place; other data files are not picked by the walk.
func TestDataFiles(t *testing.T) {
	people := `{"type": "object", "additionalProperties": {"type": "object", "required": ["name"],
	  "properties": {"name": {"type": "string"}, "age": {"type": "integer"}, "site": {"type": "string", "pattern": "^https://"}}}}`
	yml := "alice:\n  name: Alice\n  age: 3.5\nbob:\n  age: 4\n"
	jsn := "{\n  \"alice\": {\"name\": \"Zoë\", \"age\": 3.5},\n\t\"bob\": {\n\t\t\"age\": 4\n\t},\n  \"eve\": {\"name\": 7, \"site\": \"http:\\/\\/e.org\"},\n" +
		"  \"ann\": {\"name\": \"A\\/B\", \"site\": \"https:\\/\\/a.org\"},\n" +
		"  \"zed\": {\"name\": \"\\uD83D\\uDCA9 \\ud83d\\ude00\", \"age\": 2.5}\n}\n"
	tml := "# people\n[alice]\nname = \"Alice\"\nage = 3.5\n\n[bob]\nage = 4\n\n[\"zoë\"]\nname = 'Zoë'\nsite = \"ftp://z\"\n"
	dir := tree(t, map[string]string{
		".figlint.yaml":      "schemas:\n  - paths: [\"_data/*.yml\", \"data/**/*.json\", \"data/*.toml\"]\n    schema: people.json\n",
		"data/people.toml":   tml,
		"people.json":        people,
		"_data/people.yml":   yml,
		"data/x/people.json": jsn,
		"data/other.yaml":    "not: mapped\n", // no schema is mapped to it: not picked
		"_data/.hidden.yml":  "a: 1\n",
	})
	code, out, errOut := run(t, dir, "--format", "json", ".")
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Findings []struct {
			Rule, Path, Message              string
			Line, Column, EndLine, EndColumn int
		}
		Files []struct{ Path, Schema string }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	got := make([]string, 0, len(doc.Findings))
	for _, f := range doc.Findings {
		got = append(got, f.Path+" "+itoa(f.Line)+":"+itoa(f.Column)+"-"+itoa(f.EndLine)+":"+itoa(f.EndColumn)+" "+f.Rule)
	}
	want := []string{
		"_data/people.yml " + place(t, yml, "3.5") + " schema/type",
		"_data/people.yml " + place(t, yml, "bob") + " schema/required",
		"data/people.toml " + place(t, tml, "3.5") + " schema/type",
		// A table is reported at its key, inside the brackets.
		"data/people.toml " + place(t, tml, "bob") + " schema/required",
		"data/people.toml " + place(t, tml, `"ftp://z"`) + " schema/pattern",
		"data/x/people.json " + place(t, jsn, "3.5") + " schema/type",
		"data/x/people.json " + place(t, jsn, `"bob"`) + " schema/required",
		"data/x/people.json " + place(t, jsn, "7") + " schema/type",
		"data/x/people.json " + place(t, jsn, `"http:\/\/e.org"`) + " schema/pattern",
		// After two surrogate pairs on its line (Python's json.dumps writes
		// every emoji so), the value is still found at its column.
		"data/x/people.json " + place(t, jsn, "2.5") + " schema/type",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s\n%s", diff, out)
	}
	// The JSON "\/" escape reads as "/": the pattern message shows it.
	for _, f := range doc.Findings {
		if f.Rule == "schema/type" && strings.Contains(f.Message, "zed") && !strings.Contains(f.Message, "zed.age") {
			t.Errorf("type message %q", f.Message)
		}
		if f.Rule == "schema/pattern" && strings.HasSuffix(f.Path, ".json") && !strings.Contains(f.Message, `"http://e.org"`) {
			t.Errorf("pattern message %q", f.Message)
		}
		if f.Rule == "schema/type" && strings.Contains(f.Path, ".json") && strings.Contains(f.Message, "YAML reads") {
			t.Errorf("a JSON file gets a YAML hint: %q", f.Message)
		}
	}
	files := make([]string, 0, len(doc.Files))
	for _, f := range doc.Files {
		files = append(files, f.Path+" "+f.Schema)
	}
	if diff := cmp.Diff([]string{"_data/people.yml people.json", "data/people.toml people.json", "data/x/people.json people.json"}, files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}

// TestDataFileProblems: broken data files get the usual syntax findings
// at their place; an empty one says so.
func TestDataFileProblems(t *testing.T) {
	dir := tree(t, map[string]string{
		"s.json":     `{}`,
		"bad.json":   "{\n  \"a\": [1, 2,\n}\n",
		"dup.json":   `{"a": 1, "a": 2}`,
		"empty.yaml": "",
		"bad.toml":   "a = 1\nb = \n",
		"note.toml":  "# only a comment: an empty table\n",
	})
	code, out, _ := run(t, dir, "--no-config", "--no-snippet", "--schema", "s.json", "bad.json", "dup.json", "empty.yaml", "bad.toml", "note.toml")
	want := []string{
		"bad.json:3:1: error: invalid YAML",
		`dup.json:1:10: error: key "a" is defined again (first on line 1); expected each key once [duplicate-key]`,
		"empty.yaml:1:1: error: file holds no data; expected a YAML or JSON document [front-matter]",
		"bad.toml:2:",
	}
	if strings.Contains(out, "note.toml") {
		t.Errorf("a TOML file of comments is an empty table, valid here:\n%s", out)
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	if code != ExitFindings {
		t.Errorf("exit %d", code)
	}
}
