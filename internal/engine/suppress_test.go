package engine_test

import (
	"sort"
	"testing"

	"github.com/figlint/figlint/internal/engine"
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
