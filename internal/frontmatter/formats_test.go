package frontmatter

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/figlint/figlint/rules"
	"github.com/google/go-cmp/cmp"
)

// position converts a byte offset of text to a 1-based line and a column in
// code points, counted here, independently of yamlpos.
func position(text string, off int) rules.Position {
	before := text[:off]
	nl := strings.LastIndexByte(before, '\n')
	return rules.Position{Line: 1 + strings.Count(before, "\n"), Column: 1 + utf8.RuneCountInString(before[nl+1:])}
}

// place is where a pointer's key or value is expected: target, found
// inside context, which occurs once in the file.
type place struct {
	ptr, part, context, target string
}

func checkPlaces(t *testing.T, doc *rules.Document, text string, places []place) {
	t.Helper()
	for _, p := range places {
		if strings.Count(text, p.context) != 1 {
			t.Fatalf("%s: context %q occurs %d times; expected once", p.ptr, p.context, strings.Count(text, p.context))
		}
		in := strings.Index(p.context, p.target)
		if in < 0 {
			t.Fatalf("%s: %q not in %q", p.ptr, p.target, p.context)
		}
		start := strings.Index(text, p.context) + in
		want := rules.Range{Start: position(text, start), End: position(text, start+len(p.target))}
		e, ok := doc.Lookup(p.ptr)
		if !ok {
			t.Errorf("%s: not found", p.ptr)
			continue
		}
		n := e.Value
		if p.part == "key" {
			n = e.Key
		}
		if got := doc.NodeRange(n); got != want {
			t.Errorf("%s %s at %v; expected %v (%q)", p.ptr, p.part, got, want, p.target)
		}
	}
}

// sameJSON compares a document's value with the JSON text expected, both
// read as encoding/json reads them.
func sameJSON(t *testing.T, got any, want string) {
	t.Helper()
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var g, w any
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(w, g); d != "" {
		t.Errorf("value (-want +got):\n%s", d)
	}
}

// TestTOMLPage reads a page that uses every kind of TOML value and
// statement: the JSON value the schema sees, the comments suppressions
// look for, and the exact place of each key and value.
func TestTOMLPage(t *testing.T) {
	data, err := os.ReadFile("testdata/toml-page.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	doc := Parse("p.md", data)
	if doc.Broken || len(doc.Problems) > 0 || doc.Format != rules.FormatTOML {
		t.Fatalf("broken %v, format %q, problems %v", doc.Broken, doc.Format, doc.Problems)
	}
	// Dates and times are strings (their text); integers in any base are
	// numbers; a non-finite float has no JSON number, so it stays text.
	sameJSON(t, doc.Value, `{
		"title": "Café \"quoted\"", "literal": "C:\\path",
		"multi": "Roses are red\nViolets are blue", "lit_multi": "line one\nline two",
		"int": 1000, "hex": 3735928559, "oct": 493, "bin": 13, "float": 6.626e-34, "inf": "inf", "yes": true,
		"odt": "1979-05-27T07:32:00-08:00", "ldt": "1979-05-27 07:32:00.999", "ld": "1979-05-27", "lt": "07:32:00",
		"arr": [1, [2, 3], {"x": "y"}, []],
		"ключ": "значение",
		"site": {"name": "figlint", "sub key": {"deep": 1}},
		"inline": {"a": {"b": 1}, "c": ["d"]},
		"params": {"author": "A. Q. Writer", "nested": {"n": 1}},
		"products": [{"name": "Hammer"}, {}, {"name": "Nail", "color": "grey"}]
	}`)
	if !strings.Contains(doc.Root.FootComment, "# figlint-ignore-file organism-name -- a comment") || !strings.Contains(doc.Root.FootComment, "# trailing comment") {
		t.Errorf("comments %q; expected every comment of the block", doc.Root.FootComment)
	}
	if doc.Open != (rules.Range{Start: rules.Position{Line: 1, Column: 1}, End: rules.Position{Line: 1, Column: 4}}) {
		t.Errorf("open %v; expected the first +++", doc.Open)
	}
	checkPlaces(t, doc, text, []place{
		{"/title", "key", "\ntitle =", "title"},
		{"/title", "value", `"Caf\u00e9 \"quoted\""`, `"Caf\u00e9 \"quoted\""`},
		{"/literal", "value", `'C:\path'`, `'C:\path'`},
		{"/multi", "value", "\"\"\"\nRoses are red\nViolets are blue\"\"\"", "\"\"\"\nRoses are red\nViolets are blue\"\"\""},
		{"/lit_multi", "key", "lit_multi", "lit_multi"},
		{"/lit_multi", "value", "'''\nline one\nline two'''", "'''\nline one\nline two'''"},
		{"/int", "value", "+1_000", "+1_000"},
		{"/hex", "value", "0xDEAD_BEEF", "0xDEAD_BEEF"},
		{"/float", "value", "6.626e-34", "6.626e-34"},
		{"/inf", "value", "= inf\n", "inf"},
		{"/odt", "value", "1979-05-27T07:32:00-08:00", "1979-05-27T07:32:00-08:00"},
		{"/ldt", "value", "1979-05-27 07:32:00.999", "1979-05-27 07:32:00.999"},
		{"/ld", "value", "ld = 1979-05-27", "1979-05-27"},
		{"/lt", "value", "07:32:00\n", "07:32:00"},
		{"/arr", "value", `[ 1, [2, 3], { x = "y" }, [] ]`, `[ 1, [2, 3], { x = "y" }, [] ]`},
		{"/arr/0", "value", "[ 1,", "1"},
		{"/arr/1", "value", "[2, 3]", "[2, 3]"},
		{"/arr/1/1", "value", "[2, 3]", "3"},
		{"/arr/2", "value", `{ x = "y" }`, `{ x = "y" }`},
		{"/arr/2/x", "key", `{ x = "y" }`, "x"},
		{"/arr/3", "value", "}, [] ]", "[]"},
		{"/ключ", "key", `"ключ"`, `"ключ"`},
		{"/ключ", "value", `"значение"`, `"значение"`},
		{"/site", "key", "site.name", "site"},
		{"/site", "value", "name = \"figlint\"\nsite.\"sub key\".deep = 1", "name = \"figlint\"\nsite.\"sub key\".deep = 1"},
		{"/site/name", "key", "site.name", "name"},
		{"/site/sub key", "key", `"sub key"`, `"sub key"`},
		{"/site/sub key/deep", "value", ".deep = 1", "1"},
		{"/inline", "value", "{ a.b = 1, c = [ 'd' ] }", "{ a.b = 1, c = [ 'd' ] }"},
		{"/inline/a", "key", "{ a.b", "a"},
		{"/inline/a/b", "value", "a.b = 1", "1"},
		{"/inline/c/0", "value", "[ 'd' ]", "'d'"},
		{"/params", "key", "[params]", "params"},
		{"/params", "value", "[params]\nauthor = \"A. Q. Writer\"   # trailing comment\n[params.nested]\nn = 1",
			"[params]\nauthor = \"A. Q. Writer\"   # trailing comment\n[params.nested]\nn = 1"},
		{"/params/author", "value", `"A. Q. Writer"`, `"A. Q. Writer"`},
		{"/params/nested", "key", "[params.nested]", "nested"},
		{"/params/nested", "value", "[params.nested]\nn = 1", "[params.nested]\nn = 1"},
		{"/products", "key", "[[products]]\nname = \"Hammer\"", "products"},
		{"/products", "value", "[[products]]\nname = \"Hammer\"\n[[products]]\n[[products]]\nname = \"Nail\"\ncolor = \"grey\"",
			"[[products]]\nname = \"Hammer\"\n[[products]]\n[[products]]\nname = \"Nail\"\ncolor = \"grey\""},
		{"/products/0", "value", "[[products]]\nname = \"Hammer\"", "[[products]]\nname = \"Hammer\""},
		{"/products/1", "value", "\"Hammer\"\n[[products]]", "[[products]]"},
		{"/products/2/color", "value", `"grey"`, `"grey"`},
	})
}

// TestJSONPage reads a JSON front matter, indented and on one line, with
// a body after it.
func TestJSONPage(t *testing.T) {
	text := "\ufeff \n{\n  \"title\": \"Caf\\u00e9 \\ud83d\\ude00\",\n  \"n\": [1, -2.5e3, 1E2, true, null, {}, []],\n" +
		"  \"ключ\": {\"a\": \"b\", \"c\": {\"d\": 0}}\n}\nBody {with braces}.\n"
	doc := Parse("p.md", []byte(text))
	if doc.Broken || len(doc.Problems) > 0 || doc.Format != rules.FormatJSON {
		t.Fatalf("broken %v, format %q, problems %v", doc.Broken, doc.Format, doc.Problems)
	}
	sameJSON(t, doc.Value, `{"title": "Café 😀", "n": [1, -2500, 100, true, null, {}, []], "ключ": {"a": "b", "c": {"d": 0}}}`)
	if doc.Open != (rules.Range{Start: rules.Position{Line: 2, Column: 1}, End: rules.Position{Line: 2, Column: 2}}) {
		t.Errorf("open %v; expected the first {", doc.Open)
	}
	checkPlaces(t, doc, text, []place{
		{"", "value", text[strings.Index(text, "{\n") : strings.Index(text, "}\nBody")+1], text[strings.Index(text, "{\n") : strings.Index(text, "}\nBody")+1]},
		{"/title", "key", `"title"`, `"title"`},
		{"/title", "value", `"Caf\u00e9 \ud83d\ude00"`, `"Caf\u00e9 \ud83d\ude00"`},
		{"/n", "value", "[1, -2.5e3, 1E2, true, null, {}, []]", "[1, -2.5e3, 1E2, true, null, {}, []]"},
		{"/n/1", "value", "-2.5e3", "-2.5e3"},
		{"/n/4", "value", "null", "null"},
		{"/n/5", "value", "{}, []", "{}"},
		{"/n/6", "value", "{}, []", "[]"},
		{"/ключ", "key", `"ключ"`, `"ключ"`},
		{"/ключ", "value", `{"a": "b", "c": {"d": 0}}`, `{"a": "b", "c": {"d": 0}}`},
		{"/ключ/c/d", "key", `"d"`, `"d"`},
		{"/ключ/c/d", "value", `"d": 0`, "0"},
	})
}

// TestTOMLLineBreaks: CRLF line ends, a byte-order mark, and a line
// separator (U+2028) inside a string, which yaml.v3 counts as a line break
// and editors do not: positions stay on the editor's lines.
func TestTOMLLineBreaks(t *testing.T) {
	text := "\ufeff+++\r\nnote = \"a\u2028b\"\r\ntitle = 'x' # figlint-ignore-file text-hygiene -- ok\r\n[t]\r\nk = [1,\r\n  2]\r\n+++\r\nbody\r\n"
	doc := Parse("p.md", []byte(text))
	if doc.Broken || len(doc.Problems) > 0 {
		t.Fatalf("problems %v", doc.Problems)
	}
	sameJSON(t, doc.Value, `{"note": "a\u2028b", "title": "x", "t": {"k": [1, 2]}}`)
	checkPlaces(t, doc, text, []place{
		{"/note", "value", "\"a\u2028b\"", "\"a\u2028b\""},
		{"/title", "key", "title", "title"},
		{"/title", "value", "'x'", "'x'"},
		{"/t", "value", "[t]\r\nk = [1,\r\n  2]", "[t]\r\nk = [1,\r\n  2]"},
		{"/t/k/1", "value", "  2]", "2"},
	})
}

// TestScalarRoundTrip: what a fix writes for a string on a TOML or JSON
// page (rules.ScalarIn) reads back as that string, as StringScalar and as
// a whole page; StringScalar refuses what is not one string.
func TestScalarRoundTrip(t *testing.T) {
	for _, s := range []string{"", "plain", `a "quoted" \ back`, "it's", "tab\there", "line\nbreak", "bell\x07 del\x7f",
		"Café 日本 😀", "\u2028 sep", "''' triple", `""" triple`, "#not a comment", "}] ,"} {
		for _, format := range []string{rules.FormatTOML, rules.FormatJSON} {
			text := rules.ScalarIn(format, s)
			if got, ok := StringScalar(format, text); !ok || got != s {
				t.Errorf("%s: %q written %q reads back %q (%v)", format, s, text, got, ok)
			}
			page := "+++\nk = " + text + "\n+++\n"
			if format == rules.FormatJSON {
				page = `{"k": ` + text + "}\n"
			}
			doc := Parse("p.md", []byte(page))
			if m, _ := doc.Value.(map[string]any); doc.Broken || m["k"] != s {
				t.Errorf("%s: page %q reads %v %v", format, page, doc.Value, doc.Problems)
			}
		}
	}
	for _, bad := range []struct{ format, text string }{
		{rules.FormatTOML, "1"}, {rules.FormatTOML, `"a" # c`}, {rules.FormatTOML, `"a"` + "\nb = 2"}, {rules.FormatTOML, `"a`},
		{rules.FormatTOML, "[\"a\"]"}, {rules.FormatJSON, "1"}, {rules.FormatJSON, `"a" "b"`}, {rules.FormatJSON, `"a`}, {"", `"a"`},
	} {
		if _, ok := StringScalar(bad.format, bad.text); ok {
			t.Errorf("%s: %q taken for one string", bad.format, bad.text)
		}
	}
}
