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
// next-line comments in a row, which all target the same key.
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
		if shape == "mixed" && i%2 == 0 {
			fmt.Fprintf(&b, "x%d: 1 # figlint-ignore schema/* -- extra on purpose\n", i)
			continue
		}
		b.WriteString("# figlint-ignore-next-line missing-value -- checked by hand\n")
	}
	b.WriteString(rest)
	return []byte(b.String())
}

// BenchmarkSuppression lints pages with 10,000 and 40,000 suppression
// comments (see suppressionPage for the shapes).
func BenchmarkSuppression(b *testing.B) {
	eng := engine.New(ruletest.Registry(b), engine.Options{})
	for _, shape := range []string{"mixed", "block"} {
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
