package frontmatter

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/figlint/figlint/rules"
	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
)

// checkTree checks what every parse must give: problems and nodes inside
// the file, each node's end not before its start, children inside their
// parent (for collections written with brackets, and for keys and values
// of one pair), and a value for every tree.
func checkTree(t *testing.T, doc *rules.Document, data []byte) {
	t.Helper()
	src := doc.Source
	inFile := func(what string, r rules.Range) {
		if r.Start.Line < 1 || r.End.Line > src.LineCount() || r.End.Line < r.Start.Line ||
			(r.End.Line == r.Start.Line && r.End.Column < r.Start.Column) {
			t.Fatalf("%s at %v: outside the file of %d lines or reversed\n%q", what, r, src.LineCount(), data)
		}
	}
	for _, f := range doc.Problems {
		inFile(f.Rule+" "+f.Message, f.Range)
	}
	if doc.Root == nil {
		return
	}
	if doc.Value == nil && !doc.Broken {
		t.Fatalf("no value for a tree\n%q", data)
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		s, e := src.NodeOffset(n.Line, n.Column), src.NodeEnd(n)
		if s > e || e > len(data) {
			t.Fatalf("node %q at [%d, %d) of %d bytes\n%q", n.Value, s, e, len(data), data)
		}
		inFile("node "+n.Value, doc.NodeRange(n))
		for _, c := range n.Content {
			cs, ce := src.NodeOffset(c.Line, c.Column), src.NodeEnd(c)
			if n.Style&yaml.FlowStyle != 0 && (cs < s || ce > e) {
				t.Fatalf("child %q [%d, %d) outside its parent [%d, %d)\n%q", c.Value, cs, ce, s, e, data)
			}
			walk(c)
		}
	}
	walk(doc.Root)
}

func hasRule(doc *rules.Document, id string) bool {
	for _, f := range doc.Problems {
		if f.Rule == id {
			return true
		}
	}
	return false
}

// FuzzTOML parses the input as a page's TOML front matter: never a panic,
// every position in the file, and agreement with go-toml's own decoder on
// which inputs are valid TOML, both ways (figlint's duplicate-key findings
// count as invalid, as they are for go-toml, which also rejects a table or
// key defined twice).
func FuzzTOML(f *testing.F) {
	page, err := os.ReadFile("testdata/toml-page.md")
	if err != nil {
		f.Fatal(err)
	}
	body := strings.TrimPrefix(strings.SplitN(string(page), "\n+++\n", 2)[0], "+++\n")
	f.Add(body)
	for _, s := range []string{"a = 1", "[a]\nb = 2\n[a]", "a.b = 1\na = 2", "x = [1, [2], {y = 3}]", "d = 1979-05-27T07:32:00Z",
		"s = \"\"\"\\\n  a\"\"\"", "[[t]]\n[t.u]\nv = 1\n[[t]]", "k = {a = 1, a = 2}", "n = 0x_1", "'' = 1", "a = 2024-13-01",
		"[a.b.c]\n[a]\nb.d = 1", "[a]\nb.c = 1\n[a.b.d]\ne = 1", "[a.b]\n[a]\nb = 1", "x = {a = 1}\n[x.b]", "[[a]]\n[a.b]\n[[a]]\n[a.b]",
		"a = [1]\n[[a]]", "[a]\n[a.b]\n[a]", "a = 07:32", "a = {\nb = 1,\n}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.Contains(s, "+++") {
			return // would end the block early
		}
		data := []byte("+++\n" + s + "\n+++\nbody\n")
		doc := Parse("p.md", data)
		checkTree(t, doc, data)
		if !utf8.ValidString(s) || strings.ContainsRune(s, '\r') {
			return
		}
		var v map[string]any
		theirs := toml.Unmarshal([]byte(s), &v) == nil
		ours := !doc.Broken && !hasRule(doc, rules.DuplicateKey.ID)
		if theirs && !ours {
			t.Fatalf("go-toml reads it, figlint reports %v\n%q", doc.Problems, s)
		}
		if ours && !theirs {
			t.Fatalf("figlint reads it, go-toml does not: %v\n%q", toml.Unmarshal([]byte(s), &v), s)
		}
	})
}

// FuzzJSON parses the input as a page's JSON front matter: never a panic,
// every position in the file, and agreement with encoding/json on validity.
func FuzzJSON(f *testing.F) {
	for _, s := range []string{`{}`, `{"a": [1, 2.5, -0, 1e9, true, false, null]}`, `{"a": {"b": "c\u00e9\n"}}`, `{"a":1,"a":2}`, `{"a": [}`, `{"a": 01}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !strings.HasPrefix(s, "{") {
			return
		}
		data := []byte(s + "\nbody\n")
		doc := Parse("p.md", data)
		checkTree(t, doc, data)
		if !utf8.ValidString(s) {
			return
		}
		// The object ends at its "}"; what follows is the body, so compare
		// only inputs whose object is the whole input.
		dec := json.NewDecoder(strings.NewReader(s))
		var v any
		err := dec.Decode(&v)
		whole := err == nil && dec.InputOffset() == int64(len(s))
		if whole && doc.Broken {
			t.Fatalf("encoding/json reads it, figlint reports %v\n%q", doc.Problems, s)
		}
		if err != nil && !doc.Broken {
			t.Fatalf("encoding/json rejects it (%v), figlint reads it\n%q", err, s)
		}
	})
}
