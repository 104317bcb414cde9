package config

import (
	"strings"
	"testing"
)

// TestMatch is a table of the globs users write, each with paths it must
// and must not match.
func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		glob, rel string
		want      bool
	}{
		{"drafts/**", "drafts/a.md", true},
		{"drafts/**", "drafts/x/y/a.md", true},
		{"drafts/**", "published/a.md", false},
		{"drafts/**", "drafts-old/a.md", false},
		{"**/old/*.md", "_figures/old/p.md", true},
		{"**/old/*.md", "old/p.md", true},
		{"**/old/*.md", "_figures/old/sub/p.md", false},
		{"_figures/*.md", "_figures/p.md", true},
		{"_figures/*.md", "_figures/sub/p.md", false},
		{"_figures/**/*.md", "_figures/p.md", true},
		{"_figures/**/*.md", "_figures/a/b/p.md", true},
		{"*.markdown", "deep/dir/page.markdown", true},
		{"*.markdown", "deep/dir/page.md", false},
		{"PMC1*", "_figures/PMC123__f1.md", true},
		{"_figures/PMC1*", "_figures/PMC2__f.md", false},
		{"_figures/PMC?__f.md", "_figures/PMC2__f.md", true},
		{"_figures/PMC?__f.md", "_figures/PMC22__f.md", false},
		{"_figures/PMC[12]*", "_figures/PMC2__f.md", true},
		{"_figures/PMC[!12]*", "_figures/PMC2__f.md", false},
		// Alternatives.
		{"*.{md,markdown}", "a/p.markdown", true},
		{"*.{md,markdown}", "a/p.md", true},
		{"*.{md,markdown}", "a/p.txt", false},
		{"{drafts,old}/**", "old/x/p.md", true},
		{"{drafts,old}/**", "new/p.md", false},
		{"_figures/{PMC1*,PMC2*}/*.md", "_figures/PMC2x/p.md", true},
		{"{a,{b,c}}/p.md", "c/p.md", true},
		// Escapes: a literal "{" and "*".
		{`\{a,b\}.md`, "{a,b}.md", true},
		{`\{a,b\}.md`, "a.md", false},
		{`x\*.md`, "x*.md", true},
		{`x\*.md`, "xy.md", false},
		// As in .gitignore: a glob matching a folder matches what it
		// holds, one without "/" matches a name at any depth, a trailing
		// "/" matches folders only, a leading "/" anchors.
		{"vendor", "vendor/a.md", true},
		{"vendor", "site/vendor/x/a.md", true},
		{"vendor", "vendors/a.md", false},
		{"vendor/", "vendor/a.md", true},
		{"vendor/", "site/vendor", false},
		{"vendor", "site/vendor", true},
		{"drafts", "drafts.md", false},
		{"_figures/old", "_figures/old/p.md", true},
		{"_figures/old", "x/_figures/old/p.md", false},
		{"/_figures/old/", "_figures/old/p.md", true},
		{"_figures/PMC1*", "_figures/PMC1x/p.md", true},
		{"{drafts,old}", "a/old/p.md", true},
		{"**/tmp", "a/b/tmp/p.md", true},
		{"/", "a.md", false},
		{"**/", "a.md", false},
		{"**/", "a/b.md", true},
		{"?/a*", "b/a", true},
		{"*b/**", "b", true},
		// "**" inside a name is "*", as in bash.
		{"a**.md", "abc.md", true},
		{"a**.md", "a/b.md", false},
	} {
		if got := Match(tc.glob, tc.rel); got != tc.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tc.glob, tc.rel, got, tc.want)
		}
	}
}

// deepPath is a path of depth folders named a, then name.
func deepPath(depth int, name string) string {
	return strings.Repeat("a/", depth) + name
}

// tenStars is the pathological glob: ten "**" in a row before a name.
var tenStars = strings.Repeat("**/", 10) + "x.md"

// TestManyDoubleStars: ten "**" against a path 40 folders deep, which the
// recursive matcher tried in C(50,10) ways, gives the right answers (the
// benchmark measures the cost).
func TestManyDoubleStars(t *testing.T) {
	if !Match(tenStars, deepPath(40, "x.md")) {
		t.Error("ten ** must match x.md 40 folders deep")
	}
	if Match(tenStars, deepPath(40, "y.md")) {
		t.Error("ten ** must not match y.md")
	}
	if !Match(strings.Repeat("**/a/", 10)+"x.md", deepPath(40, "x.md")) {
		t.Error("ten **/a/ must match a path with 40 a folders")
	}
	if Match(strings.Repeat("**/a/", 10)+"x.md", deepPath(9, "x.md")) {
		t.Error("ten **/a/ must not match a path with 9 a folders")
	}
}

func TestCheckGlob(t *testing.T) {
	for _, tc := range []struct {
		glob string
		want string // "" for a valid glob, else part of the error
	}{
		{"drafts/**", ""},
		{"**/*.{md,markdown}", ""},
		{tenStars, ""},
		{strings.Repeat("{a,b}", 8), ""}, // 256 combinations
		{"[abc", "invalid glob"},
		{"{a,b", "invalid glob"},
		{`x\`, "invalid glob"},
		{strings.Repeat("{a,b}", 9), "more than 256"}, // 512
		{strings.Repeat("{a,b,c,d}", 40), "more than 256"},
	} {
		err := CheckGlob(tc.glob)
		if (err == nil) != (tc.want == "") || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("CheckGlob(%q) = %v; want %q", tc.glob, err, tc.want)
		}
	}
}

// TestAlternatives counts expansions by hand: groups multiply, their
// alternatives add, nested groups count inside their alternative, and
// escaped braces and braces inside a class are no group.
func TestAlternatives(t *testing.T) {
	for _, tc := range []struct {
		glob string
		want int
	}{
		{"a/b", 1},
		{"{a,b}", 2},
		{"{a,b}/{c,d,e}", 6},
		{"{a,{b,c}}", 3},
		{"{a,{b,c}/{d,e}}", 5},
		{`\{a,b\}`, 1},
		{"[{,}]x", 1},
		{"{,a}", 2},
		{strings.Repeat("{a,b}", 30), 1001}, // capped at limit+1
	} {
		if got := alternatives(tc.glob, 1000); got != tc.want {
			t.Errorf("alternatives(%q) = %d; want %d", tc.glob, got, tc.want)
		}
	}
}

// BenchmarkMatch measures the pathological glob (ten "**", 40 folders deep,
// no match) and a usual one.
func BenchmarkMatch(b *testing.B) {
	deep := deepPath(40, "y.md")
	b.Run("ten-doublestars", func(b *testing.B) {
		for b.Loop() {
			if Match(tenStars, deep) {
				b.Fatal("match")
			}
		}
	})
	b.Run("usual", func(b *testing.B) {
		for b.Loop() {
			if !Match("_figures/**/*.{md,markdown}", "_figures/2024/PMC8932105__12935_2022_2527_Fig7_HTML.md") {
				b.Fatal("no match")
			}
		}
	})
}
