package ignore

import "testing"

// TestMatch checks single lines against paths, with the answers of
// gitignore(5) worked out by hand (the engine's walk tests compare whole
// trees with git itself).
func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		line, rel string
		dir       bool
		want      bool // matches (before negation)
		negate    bool
	}{
		{"*.md", "a/b/c.md", false, true, false},
		{"*.md", "a/b", true, false, false},
		{"public/", "public", true, true, false},
		{"public/", "public", false, false, false}, // a file named public
		{"public/", "x/public", true, true, false}, // no inner slash: any depth
		{"/vendor", "vendor", true, true, false},
		{"/vendor", "x/vendor", true, false, false},
		{"docs/gen.md", "docs/gen.md", false, true, false},
		{"docs/gen.md", "x/docs/gen.md", false, false, false}, // an inner slash anchors
		{"**/tmp", "a/b/tmp", true, true, false},
		{"**/tmp", "tmp", true, true, false},
		{"drafts/**", "drafts", true, false, false},
		{"drafts/**", "drafts/a/b.md", false, true, false},
		{"a/**/b.md", "a/b.md", false, true, false},
		{"a/**/b.md", "a/x/y/b.md", false, true, false},
		{"[!c]y.md", "ay.md", false, true, false},
		{"[!c]y.md", "cy.md", false, false, false},
		{"?.md", "q.md", false, true, false},
		{"?.md", "qq.md", false, false, false},
		{"\\#hash.md", "#hash.md", false, true, false},
		{"\\!bang.md", "!bang.md", false, true, false},
		{"!keep.md", "keep.md", false, true, true},
		{"spaced.md   ", "spaced.md", false, true, false},
		{"kept\\ ", "kept ", false, true, false},
		{"a*b", "a/b", false, false, false}, // * stops at /
	} {
		ps := parse([]byte(tc.line))
		if len(ps) != 1 {
			t.Fatalf("%q: %d patterns", tc.line, len(ps))
		}
		if got := ps[0].match(tc.rel, tc.dir); got != tc.want || ps[0].negate != tc.negate {
			t.Errorf("%q against %q (dir %v): match %v negate %v; want %v %v", tc.line, tc.rel, tc.dir, got, ps[0].negate, tc.want, tc.negate)
		}
	}
	for _, line := range []string{"", "# a comment", "   ", "!", "/"} {
		if ps := parse([]byte(line)); len(ps) != 0 {
			t.Errorf("%q: %d patterns; expected none", line, len(ps))
		}
	}
}
