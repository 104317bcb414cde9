package yamlpos

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestNodeEnd checks the end of the value of key "v" in small documents;
// each expected end (line, column) was counted by hand from the text.
func TestNodeEnd(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line, col int
	}{
		{"plain", "v: STAT3\n", 1, 9},
		{"plain trailing blanks", "v: STAT3   \n", 1, 9},
		{"plain with comment", "v: STAT3 # note\n", 1, 9},
		{"plain folded over lines", "v: one two\n  three\nw: x\n", 2, 8},
		{"plain blank line in value", "v: one\n\n  two\n", 3, 6},
		{"non-ASCII counted in code points", "v: Ã©tÃ© café\n", 1, 14},
		{"single quoted", "v: 'it''s'\n", 1, 11},
		{"single quoted over lines", "v: 'a\n  b'\n", 2, 5},
		{"double quoted with escape", "v: \"a\\\"b\"\n", 1, 10},
		{"double quoted over lines", "v: \"Wiki\n  Pathways\"\n", 2, 12},
		{"literal block", "v: |\n  line1\n  line2\n\nw: 1\n", 3, 8},
		{"folded block keep", "v: >-\n   folded\n   text\n", 3, 8},
		{"literal block at end", "v: |\n  a\n", 2, 4},
		{"block list", "v:\n- a\n- bb\n", 3, 5},
		{"block map", "v:\n  a: 1\n  b: two\n", 3, 9},
		{"flow list", "v: [a, b]  \n", 1, 10},
		{"flow map over lines", "v: {a: 1,\n  b: 2}\n", 2, 8},
		{"empty flow list", "v: []\n", 1, 6},
		{"empty flow map with space", "v: { }\n", 1, 7},
		{"anchor and tag", "v: &x !!str 12\n", 1, 15},
		{"alias", "a: &anchor 1\nv: *anchor\n", 2, 11},
		{"crlf", "v: abc\r\nw: 1\r\n", 1, 7},
		{"lone cr", "x: 1\rv: abc\r", 2, 7},
		{"tab before comment", "v: x\t# c\n", 1, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(tc.src), &doc); err != nil {
				t.Fatal(err)
			}
			m := doc.Content[0]
			var v *yaml.Node
			for i := 0; i+1 < len(m.Content); i += 2 {
				if m.Content[i].Value == "v" {
					v = m.Content[i+1]
				}
			}
			s := New([]byte(tc.src))
			line, col := s.Position(s.NodeEnd(v))
			if line != tc.line || col != tc.col {
				t.Fatalf("end %d:%d, want %d:%d", line, col, tc.line, tc.col)
			}
		})
	}
}

func TestLines(t *testing.T) {
	s := New([]byte("a\r\nbé\rc\n"))
	for i, want := range []string{"a", "bé", "c", ""} {
		if got := s.Line(i + 1); got != want {
			t.Errorf("line %d = %q, want %q", i+1, got, want)
		}
	}
	if l, c := s.Position(len("a\r\nbé")); l != 2 || c != 3 {
		t.Errorf("position after bé = %d:%d, want 2:3", l, c)
	}
	if off := s.Offset(2, 3); off != len("a\r\nbé") {
		t.Errorf("offset of 2:3 = %d", off)
	}
}

// TestNodeEndReview covers cases found in review; ends counted by hand.
func TestNodeEndReview(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		key       string
		line, col int
	}{
		{"plain over lone-CR lines", "x: 1\rv: ab   \r   cd  \r\r\r   ef    # c\rw: 2\r", "v", 6, 6},
		{"explicit indent in a list item", "a:\n- v: |1\n    x\n  j: 2\n", "v", 3, 6},
		{"empty value with an anchor", "m: &a\nz: 1\n", "m", 1, 6},
		{"empty value with a tag", "m: !!str\nz: 1\n", "m", 1, 9},
		{"empty value", "m:\nz: 1\n", "m", 1, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(tc.src), &doc); err != nil {
				t.Fatal(err)
			}
			v := findValue(doc.Content[0], tc.key)
			if v == nil {
				t.Fatalf("no key %q", tc.key)
			}
			s := New([]byte(tc.src))
			line, col := s.Position(s.NodeEnd(v))
			if line != tc.line || col != tc.col {
				t.Fatalf("end %d:%d, want %d:%d", line, col, tc.line, tc.col)
			}
		})
	}
}

// findValue finds the value of key anywhere in the tree.
func findValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i+1]
			}
		}
	}
	for _, c := range n.Content {
		if v := findValue(c, key); v != nil {
			return v
		}
	}
	return nil
}

// TestNewMatchesByteScan checks New's line indexes against a byte-by-byte
// reference (the scan New used before it let IndexByte find "\n") on
// random texts over the characters that break lines, and near misses.
func TestNewMatchesByteScan(t *testing.T) {
	reference := func(src []byte) (lines, ylines []int) {
		lines, ylines = []int{0}, []int{0}
		for i := 0; i < len(src); i++ {
			c := src[i]
			if c == '\n' || (c == '\r' && (i+1 == len(src) || src[i+1] != '\n')) {
				lines = append(lines, i+1)
				ylines = append(ylines, i+1)
			} else if n := yamlBreakLen(src[i:]); n > 0 {
				ylines = append(ylines, i+n)
				i += n - 1
			}
		}
		return lines, ylines
	}
	alphabet := []string{"a", "\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029", "é", "\u2027", "\xc2", "\xe2\x80"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		src := []byte(b.String())
		s := New(src)
		lines, ylines := reference(src)
		if !slices.Equal(s.lines, lines) || !slices.Equal(s.ylines, ylines) {
			t.Fatalf("New(%q): lines %v, yaml lines %v; want %v, %v", src, s.lines, s.ylines, lines, ylines)
		}
	}
}
