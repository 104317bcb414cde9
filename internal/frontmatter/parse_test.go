package frontmatter

import (
	"strings"
	"testing"

	"github.com/figlint/figlint/rules"
)

// TestProblems checks where parse-time problems land. Expected positions
// were counted by hand from each input.
func TestProblems(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		rule      string
		line, col int
		msg       string
		pointer   string
	}{
		{"no front matter", "hello\n", "front-matter", 1, 1, "no front matter", ""},
		{"unterminated toml", "+++\na = 1\n", "front-matter", 1, 1, "TOML front matter is not terminated", ""},
		{"toml not utf-8", "+++\na = 'x\xff'\n+++\n", "front-matter", 2, 7, "not valid UTF-8", ""},
		{"toml syntax", "+++\na = 1\nb = \n+++\n", "yaml-syntax", 3, 5, "invalid TOML: ", ""},
		{"toml unclosed string", "+++\na = 1\nb = \"x\n+++\n", "yaml-syntax", 3, 7, "invalid TOML: basic strings cannot have new lines", ""},
		{"toml bad date", "+++\nd = 2024-02-30\n+++\n", "yaml-syntax", 2, 5, "not a valid date or time", ""},
		{"toml big integer", "+++\nn = 99999999999999999999\n+++\n", "yaml-syntax", 2, 5, "does not fit in 64 bits", ""},
		{"toml duplicate in an inline table", "+++\nm = { k = 1, k = 2 }\n+++\n", "duplicate-key", 2, 14, "first on line 2", "/m/k"},
		{"toml table twice", "+++\n[t]\na = 1\n\n[t]\n", "front-matter", 1, 1, "not terminated", ""},
		{"toml table defined twice", "+++\n[t]\na = 1\n[t]\nb = 2\n+++\n", "duplicate-key", 4, 2, `key "t" is defined again (first on line 2)`, "/t"},
		{"toml array of tables after a table", "+++\n[t]\n[[t]]\n+++\n", "duplicate-key", 3, 3, `key "t" is defined again`, "/t"},
		{"toml key after dotted table", "+++\na.b = 1\na = 2\n+++\n", "duplicate-key", 3, 1, `key "a" is defined again`, "/a"},
		{"a shortcode is no JSON", "{{< figure src=\"a.png\" >}}\n", "front-matter", 1, 1, "no front matter", ""},
		{"a Liquid tag is no JSON", "{% include a.html %}\n", "front-matter", 1, 1, "no front matter", ""},
		{"json syntax", "{\n  \"a\": 1,\n  \"b\": tru\n}\n", "yaml-syntax", 3, 8, `invalid JSON: unknown word "tru"`, ""},
		{"json missing colon", "{\"a\" 1}", "yaml-syntax", 1, 6, "expected ':' after the key", ""},
		{"json unclosed", "{\"a\": [1, 2\n", "yaml-syntax", 2, 1, "unexpected end of the page", ""},
		{"json leading zero", "{\"a\": 012}", "yaml-syntax", 1, 7, `invalid number "012"`, ""},
		{"json control character", "{\"a\": \"x\ty\"}", "yaml-syntax", 1, 9, "control character U+0009", ""},
		{"json bad escape", "{\"a\": \"x\\qy\"}", "yaml-syntax", 1, 9, `invalid escape "\\q"`, ""},
		{"json not utf-8", "{\"a\": \"x\xffy\"}", "yaml-syntax", 1, 9, "not UTF-8", ""},
		{"json not utf-8 after a key", "{\"a\xff\": 1}", "yaml-syntax", 1, 4, "not UTF-8", ""},
		{"json duplicate", "{\"a\": 1,\n \"a\": 2}", "duplicate-key", 2, 2, `key "a" is defined again (first on line 1)`, "/a"},
		{"json too deep", "{\"a\": " + strings.Repeat("[", 10001) + "}", "yaml-syntax", 1, 10006, "nested more than 10000 levels", ""},
		{"unterminated", "---\na: 1\n", "front-matter", 1, 1, "not terminated", ""},
		{"empty", "", "front-matter", 1, 1, "file is empty", ""},
		{"invalid utf-8", "---\na: x\xffy\n---\n", "front-matter", 2, 5, "not valid UTF-8", ""},
		{"error inside a nested block", "---\nx: 1\nm:\n  a: 1\n  b: 2\n  - c\n---\n", "yaml-syntax", 6, 3, "did not find expected key", ""},
		{"tab in indentation", "---\nm:\n\ta: 1\n---\n", "yaml-syntax", 3, 1, "indented with a tab", ""},
		{"@ is not a tab problem", "---\nx: 1\na: @x\nb: |\n  \tcode\n---\n", "yaml-syntax", 3, 1, "cannot start any token", ""},
		{"unknown alias, not the asterisk in text", "---\nt: see *y here\nb: *y\n---\n", "yaml-syntax", 3, 4, "alias *y refers to no anchor", ""},
		{"control character", "---\na: 1\nb: 2\nc: x\x01y\n---\n", "yaml-syntax", 4, 5, "control character U+0001", ""},
		{"unclosed flow list", "---\na: 1\nb: [x, y\nc: 2\n---\n", "yaml-syntax", 3, 1, "did not find expected ',' or ']'", ""},
		{"alias cycle", "---\na: &a [*a]\n---\n", "yaml-syntax", 2, 8, "inside the value of its own anchor", ""},
		{"duplicate key has a pointer", "---\nm:\n  k: 1\n  k: 2\n---\n", "duplicate-key", 4, 3, "first on line 3", "/m/k"},
		{"non-string key has a pointer", "---\nm:\n  1: x\n---\n", "non-string-key", 3, 3, `key "1" is read as an integer`, "/m/1"},
		{"date key", "---\n2020-01-01: x\n---\n", "non-string-key", 2, 1, `key "2020-01-01" is read as a date`, "/2020-01-01"},
		{"null key is shown", "---\n!!null : 1\n---\n", "non-string-key", 2, 1, `key "" is read as null`, "/"},
		{"merge list item", "---\nb: &b {x: 1}\nm:\n  <<: [*b, 5]\n---\n", "yaml-syntax", 4, 12, "merge list item is a scalar", "/m"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := Parse("p.md", []byte(tc.src))
			var got []rules.Finding
			for _, f := range doc.Problems {
				if f.Rule == tc.rule {
					got = append(got, f)
				}
			}
			if len(got) != 1 {
				t.Fatalf("%s problems %+v; want one", tc.rule, doc.Problems)
			}
			f := got[0]
			if f.Range.Start != (rules.Position{Line: tc.line, Column: tc.col}) || !strings.Contains(f.Message, tc.msg) || f.Pointer != tc.pointer {
				t.Fatalf("got %v %q pointer %q; want %d:%d %q pointer %q", f.Range.Start, f.Message, f.Pointer, tc.line, tc.col, tc.msg, tc.pointer)
			}
		})
	}
}

// TestUnicodeLineBreaks: yaml.v3 breaks lines at LS, PS and NEL, editors
// (and figlint's positions) do not; nodes after such a character must
// still land on their real line.
func TestUnicodeLineBreaks(t *testing.T) {
	for _, brk := range []string{"\u2028", "\u2029", "\u0085"} {
		doc := Parse("p.md", []byte("---\na: \"x"+brk+"y\"\nb: s\nc: t\n---\n"))
		e, ok := doc.Lookup("/c")
		if !ok {
			t.Fatal("no /c")
		}
		r := doc.NodeRange(e.Value)
		if r.Start != (rules.Position{Line: 4, Column: 4}) || r.End != (rules.Position{Line: 4, Column: 5}) {
			t.Errorf("break %q: c's value at %v; want 4:4-4:5", brk, r)
		}
	}
}

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		broken    bool
		value     map[string]any
	}{
		{"plain", "---\na: x\n---\nbody\n", false, map[string]any{"a": "x"}},
		{"dots close", "---\na: x\n...\n", false, map[string]any{"a": "x"}},
		{"bom and crlf", "\ufeff---\r\na: x\r\n---\r\n", false, map[string]any{"a": "x"}},
		{"trailing blanks on delimiters", "--- \na: x\n---\t\n", false, map[string]any{"a": "x"}},
		{"empty block", "---\n---\n", false, map[string]any{}},
		{"no final newline", "---\na: x\n---", false, map[string]any{"a": "x"}},
		{"four dashes do not close", "---\na: x\n----\n", true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := Parse("p.md", []byte(tc.src))
			if doc.Broken != tc.broken {
				t.Fatalf("broken = %v (%+v)", doc.Broken, doc.Problems)
			}
			if !tc.broken {
				got, _ := doc.Value.(map[string]any)
				if len(got) != len(tc.value) || (len(got) > 0 && got["a"] != tc.value["a"]) {
					t.Fatalf("value %v; want %v", doc.Value, tc.value)
				}
			}
		})
	}
}
