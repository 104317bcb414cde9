package engine

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/google/go-cmp/cmp"
)

// TestDirectives reads the directives of a page written for it; kinds,
// targets, rules and columns were worked out by hand from its lines.
func TestDirectives(t *testing.T) {
	src := strings.Join([]string{
		"---",                                   // 1
		"a: 1 # figlint-ignore r1 -- x",         // 2: its own line
		"# figlint-ignore-next-line r2 -- x",    // 3: the next content line is 7
		"",                                      // 4
		"# figlint-ignore-next-line r3,r4 -- x", // 5: 7 as well
		"# a plain comment",                     // 6
		"b: 2",                                  // 7
		"c: 'not # figlint-ignore r5'",          // 8: inside quotes, no directive
		"d: 3 # note # figlint-ignore r6 -- y",  // 9: the directive after the note
		"# figlint-ignore-file r7",              // 10: the whole page
		"# figlint-ignore-next-line r8",         // 11: the closing line comes next
		"---",                                   // 12
		"body # figlint-ignore r9",              // 13: the body is not front matter
	}, "\n")
	type row struct {
		Kind           string
		Target, Line   int
		Column, EndCol int
		Rules          []string
		Reason         string
	}
	ds := directives(frontmatter.Parse("p.md", []byte(src)))
	got := make([]row, 0, len(ds))
	for _, d := range ds {
		got = append(got, row{d.kind, d.target, d.at.Start.Line, d.at.Start.Column, d.at.End.Column, d.rules, d.reason})
	}
	want := []row{
		{"line", 2, 2, 6, 30, []string{"r1"}, "x"},
		{"next-line", 7, 3, 1, 35, []string{"r2"}, "x"},
		{"next-line", 7, 5, 1, 38, []string{"r3", "r4"}, "x"},
		{"line", 9, 9, 13, 37, []string{"r6"}, "y"},
		{"file", 0, 10, 1, 25, []string{"r7"}, ""},
		{"next-line", 12, 11, 1, 30, []string{"r8"}, ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("directives (-want +got):\n%s", diff)
	}
}

// TestNextLineTargets compares the targets of next-line comments, found in
// one scan, with a scan from each comment, on pages of random runs of
// comments, blank lines and keys.
func TestNextLineTargets(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 2))
	for page := range 50 {
		lines := []string{"---"}
		for i := range 200 {
			switch rng.IntN(4) {
			case 0, 1:
				lines = append(lines, "# figlint-ignore-next-line r -- why")
			case 2:
				lines = append(lines, "", "  # a note")[:len(lines)+1+rng.IntN(2)]
			default:
				lines = append(lines, fmt.Sprintf("k%d: v", i))
			}
		}
		lines = append(lines, "---", "body")
		var want []int
		for l, text := range lines {
			if !strings.HasPrefix(text, "# figlint-ignore-next-line") {
				continue
			}
			target := l + 2 // 1-based line after l's, when nothing follows
			for n := l + 1; n < len(lines); n++ {
				if t := strings.TrimSpace(lines[n]); t != "" && !strings.HasPrefix(t, "#") {
					target = n + 1
					break
				}
			}
			want = append(want, target)
		}
		ds := directives(frontmatter.Parse("p.md", []byte(strings.Join(lines, "\n"))))
		got := make([]int, 0, len(ds))
		for _, d := range ds {
			got = append(got, d.target)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("page %d targets (-want +got):\n%s", page, diff)
		}
	}
}
