package frontmatter

import (
	"strings"
	"testing"

	"github.com/figlint/figlint/rules"
)

// TestAliasCycle: a value that contains an alias to itself, through a merge
// key, a list, a nested mapping, a second anchor or a key, is one
// yaml-syntax finding at the alias that closes the cycle. Columns were
// counted by hand from each line.
func TestAliasCycle(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		line, col  int
		alias      string
	}{
		{"merge", "a: &a {<<: *a}", 2, 12, "a"},
		{"list", "b: &b [*b]", 2, 8, "b"},
		{"merge in a nested mapping", "a: &a {x: {<<: *a}}", 2, 16, "a"},
		{"merge list", "a: &a {<<: [*a]}", 2, 13, "a"},
		{"merge inside a list item", "a: &a [{<<: *a}]", 2, 13, "a"},
		{"through a second anchor", "a: &a {b: &b [*a]}", 2, 15, "a"},
		{"alias as a key", "a: &a {*a : 1}", 2, 8, "a"},
		{"block style", "x: 1\nm: &m\n  k:\n    - <<: *m", 5, 11, "m"},
		{"after a clean alias", "x: &x {a: 1}\ny: {<<: *x}\nz: &z [*x, *z]", 4, 12, "z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := Parse("p.md", []byte("---\n"+tc.yaml+"\n---\nbody\n"))
			if !doc.Broken || len(doc.Problems) != 1 {
				t.Fatalf("broken %v, problems %+v; want one problem on a broken page", doc.Broken, doc.Problems)
			}
			f := doc.Problems[0]
			want := rules.Range{
				Start: rules.Position{Line: tc.line, Column: tc.col},
				End:   rules.Position{Line: tc.line, Column: tc.col + 1 + len(tc.alias)},
			}
			if f.Rule != rules.YAMLSyntax.ID || f.Range != want ||
				!strings.Contains(f.Message, "alias *"+tc.alias+" is inside the value of its own anchor &"+tc.alias) {
				t.Errorf("got %s %v %q; want yaml-syntax %v about *%s", f.Rule, f.Range, f.Message, want, tc.alias)
			}
		})
	}
}

// TestAliasReuseIsNoCycle: aliases used many times, merged and nested are
// not a cycle, and expand to their anchors' values.
func TestAliasReuseIsNoCycle(t *testing.T) {
	doc := Parse("p.md", []byte("---\nx: &x {a: 1}\ny: {<<: *x, b: 2}\nz: [*x, *x]\nw: &w {<<: [*x, *x], c: *x}\nv: [*w]\n---\n"))
	if doc.Broken || len(doc.Problems) != 0 {
		t.Fatalf("broken %v, problems %+v; want a clean page", doc.Broken, doc.Problems)
	}
	m := doc.Value.(map[string]any)
	v := m["v"].([]any)[0].(map[string]any)
	if v["a"] == nil || v["c"].(map[string]any)["a"] == nil || m["y"].(map[string]any)["b"] == nil {
		t.Errorf("value %v; want the aliases expanded", m)
	}
}

// BenchmarkAliasCycle measures a page whose merge key names its own anchor,
// which once expanded until the 100,000-value alias cap, and a clean page
// that reuses one anchor 10,000 times (the cycle search visits each node
// once).
func BenchmarkAliasCycle(b *testing.B) {
	cyclic := []byte("---\na: &a {<<: *a}\n---\nbody\n")
	var reuse strings.Builder
	reuse.WriteString("---\nx: &x {a: 1, b: [2, 3]}\nl:\n")
	for range 10_000 {
		reuse.WriteString("- *x\n")
	}
	reuse.WriteString("---\n")
	clean := []byte(reuse.String())
	b.Run("merge-cycle", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if doc := Parse("p.md", cyclic); !doc.Broken {
				b.Fatal("cycle not found")
			}
		}
	})
	b.Run("reuse-10k", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if doc := Parse("p.md", clean); doc.Broken {
				b.Fatal(doc.Problems)
			}
		}
	})
}
