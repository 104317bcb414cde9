package engine_test

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/internal/ruletest"
	"github.com/google/go-cmp/cmp"
)

// TestSuppressedKeepJustification: suppressed findings are kept aside,
// with their kind and reason, for formats that list them.
func TestSuppressedKeepJustification(t *testing.T) {
	reg := ruletest.Registry(t)
	eng := engine.New(reg, engine.Options{Enabled: []string{"missing-value", "text-hygiene", "unused-suppression", "suppression-reason"}})
	r := eng.LintFile(engine.File{Display: "directives.md", Path: "../../fixtures/rules/unused-suppression/directives.md"})
	got := make([]string, 0, len(r.Suppressed))
	for _, s := range r.Suppressed {
		if s.Kind != "inSource" {
			t.Errorf("kind %q, want inSource", s.Kind)
		}
		got = append(got, s.Rule+": "+s.Justification)
	}
	sort.Strings(got)
	want := []string{
		"missing-value: ",
		"missing-value: PMC gives no journal data",
		"missing-value: the article has no DOI in PMC",
		"text-hygiene: titles are kept as PMC writes them",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("suppressed (-want +got):\n%s", diff)
	}
}

// suppressionPage returns the directives fixture with n figlint-ignore
// comments added after its first key. In "mixed", every other comment is
// at the end of an extra key's line, suppressing that key's schema
// finding, and the others are next-line comments; in "block" all n are
// next-line comments in a row, which all target the same key; in "file",
// n/2 extra keys with a schema finding each are followed by n/2
// figlint-ignore-file comments that all suppress them.
func suppressionPage(tb testing.TB, shape string, n int) []byte {
	tb.Helper()
	data, err := os.ReadFile("../../fixtures/rules/unused-suppression/directives.md")
	if err != nil {
		tb.Fatal(err)
	}
	head, rest, _ := strings.Cut(string(data), "\n")
	first, rest, _ := strings.Cut(rest, "\n")
	var b strings.Builder
	b.WriteString(head + "\n" + first + "\n")
	for i := range n {
		switch {
		case shape == "mixed" && i%2 == 0:
			fmt.Fprintf(&b, "x%d: 1 # figlint-ignore schema/* -- extra on purpose\n", i)
		case shape == "file" && i < n/2:
			fmt.Fprintf(&b, "x%d: 1\n", i)
		case shape == "file":
			b.WriteString("# figlint-ignore-file schema/* -- extra keys on purpose\n")
		default:
			b.WriteString("# figlint-ignore-next-line missing-value -- checked by hand\n")
		}
	}
	b.WriteString(rest)
	return []byte(b.String())
}

// BenchmarkSuppression lints pages with 10,000 and 40,000 suppression
// comments (see suppressionPage for the shapes).
func BenchmarkSuppression(b *testing.B) {
	eng := engine.New(ruletest.Registry(b), engine.Options{})
	for _, shape := range []string{"mixed", "block", "file"} {
		for _, n := range []int{10_000, 40_000} {
			data := suppressionPage(b, shape, n)
			b.Run(fmt.Sprintf("%s-%d", shape, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					eng.LintDocument(frontmatter.Parse("p.md", data))
				}
			})
		}
	}
}

// TestSuppressionReasonAndUse: when several directives apply to a finding,
// the last in document order gives the reason and every one counts as
// used, however many findings they share (the matching is worked out once
// per line and rule).
func TestSuppressionReasonAndUse(t *testing.T) {
	src := "---\n" +
		"# figlint-ignore-file missing-value -- first reason\n" +
		"doi: .na.character # figlint-ignore missing-value -- line reason\n" +
		"# figlint-ignore-file missing-value -- last reason\n" +
		"journal_title: .na.character\n" +
		"# figlint-ignore-next-line missing-value -- next-line reason\n" +
		"journal_nlm_ta: .na.character\n" +
		"publisher_name: .na.character\n" +
		"---\n"
	eng := engine.New(ruletest.Registry(t), engine.Options{Enabled: []string{"missing-value", "unused-suppression", "suppression-reason"}})
	res := eng.LintParsed(frontmatter.Parse("p.md", []byte(src)))
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	got := map[int]string{}
	for _, s := range res.Suppressed {
		got[s.Range.Start.Line] = s.Justification
	}
	// Line 3's own directive comes before line 4's file directive; the
	// next-line directive (line 6) comes after both file directives.
	want := map[int]string{3: "last reason", 5: "last reason", 7: "next-line reason", 8: "last reason"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("justifications by line (-want +got):\n%s", diff)
	}
	for _, f := range res.Findings {
		t.Errorf("unexpected finding %d:%d %s [%s]", f.Range.Start.Line, f.Range.Start.Column, f.Message, f.Rule)
	}
}
