package engine_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/rules"
)

// FuzzFix applies every fix (safe and unsafe) of every rule to mutated
// pages, as figlint --fix --unsafe-fixes would, without writing: the
// result must still parse when the page did, have no more findings than
// before, and a second fix run must find nothing more to do. Seeds are the
// fixture pages, most of which carry fixes.
func FuzzFix(f *testing.F) {
	addFixtureSeeds(f)
	reg := ruletest.Registry(f)
	plain := engine.New(reg, engine.Options{})
	fixer := engine.New(reg, engine.Options{Fix: &engine.FixOptions{Unsafe: true}})
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		page := filepath.Join(dir, "_figures", "PMC1__f1.md")
		if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(page, data, 0o644); err != nil {
			t.Fatal(err)
		}
		file := engine.File{Display: "_figures/PMC1__f1.md", Path: page}
		before := plain.LintFile(file)
		if before.Err != nil {
			t.Fatalf("lint: %v", before.Err)
		}
		res := fixer.LintFile(file)
		if res.Err != nil {
			t.Fatalf("fix: %v", res.Err)
		}
		if res.Fix == nil || len(res.Fix.Files) == 0 {
			return
		}
		if res.Fix.Err != nil {
			t.Fatalf("fix outcome: %v", res.Fix.Err)
		}
		if got, _ := os.ReadFile(page); !bytes.Equal(got, data) {
			t.Fatal("a fix run without Write changed the page")
		}
		fixed := res.Fix.Files[0].New
		if parses(before.Findings) && !parses(res.Findings) {
			t.Fatalf("the fixed page no longer parses:\n%s\nfindings: %v", fixed, res.Findings)
		}
		if len(res.Findings) > len(before.Findings) {
			t.Fatalf("fixing added findings: %d before, %d after:\n%v", len(before.Findings), len(res.Findings), res.Findings)
		}
		if err := os.WriteFile(page, fixed, 0o644); err != nil {
			t.Fatal(err)
		}
		again := fixer.LintFile(file)
		if again.Err != nil {
			t.Fatalf("second fix: %v", again.Err)
		}
		if again.Fix != nil && len(again.Fix.Files) > 0 && res.Fix.Fixed > 0 && len(res.Fix.RolledBack) == 0 {
			t.Fatalf("fixing is not idempotent: a second run changes\n%s\ninto\n%s", fixed, again.Fix.Files[0].New)
		}
	})
}

// parses tells whether none of a page's findings says it does not parse.
func parses(fs []rules.Finding) bool {
	for _, f := range fs {
		if f.Rule == "front-matter" || f.Rule == "yaml-syntax" {
			return false
		}
	}
	return true
}
