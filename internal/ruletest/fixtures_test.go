package ruletest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/internal/ruletest"
)

// TestRuleFixtures checks the fixtures of every rule: fixtures/rules/<id>/
// (pages may sit in a _figures folder beside their _data tables) is linted
// with rule <id> on, plus the rules its pages expect.
func TestRuleFixtures(t *testing.T) {
	reg := ruletest.Registry(t)
	root := "../../fixtures/rules"
	dirs := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".md" {
			dirs[filepath.Dir(p)] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for dir := range dirs {
		if testedElsewhere(dir) {
			continue
		}
		rel, _ := filepath.Rel(root, dir)
		id := strings.TrimSuffix(filepath.ToSlash(rel), "/_figures")
		if _, ok := reg.Meta(id); !ok {
			t.Errorf("fixture folder %s names no registered rule %q", dir, id)
			continue
		}
		n += ruletest.RunRule(t, reg, dir, id)
	}
	if n < 20 {
		t.Fatalf("only %d rule fixtures found; expected the fixture tree under fixtures/rules", n)
	}
}

// testedElsewhere tells whether a fixture folder (or the folder above its
// _figures) holds a TESTED-BY file: its pages need more than the built-in
// rules (a lexicon, say) and the test it names runs them.
func testedElsewhere(dir string) bool {
	for _, d := range []string{dir, filepath.Dir(dir)} {
		if _, err := os.Stat(filepath.Join(d, "TESTED-BY")); err == nil {
			return true
		}
	}
	return false
}

// TestEveryRuleHasFixtures makes sure each rule ID has a fixture folder
// whose pages expect at least one of its findings.
func TestEveryRuleHasFixtures(t *testing.T) {
	reg := ruletest.Registry(t)
	// Keywords the built-in schema never uses are exercised by the user
	// schema tests in package schema instead.
	covered := map[string]bool{}
	err := filepath.WalkDir("../../fixtures/rules", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		exps, err := ruletest.Expectations(p, data)
		if err != nil {
			return err
		}
		for _, e := range exps {
			covered[e.Rule] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range reg.Metas() {
		switch m.ID {
		case "front-matter", "yaml-syntax", "duplicate-key", "non-string-key", "legacy-format",
			"schema/type", "schema/pattern", "schema/enum", "schema/const", "schema/required",
			"schema/additionalProperties", "schema/minimum", "schema/maximum", "schema/minItems",
			"schema/minLength", "schema/anyOf":
			if !covered[m.ID] {
				t.Errorf("rule %s has no fixture expecting it under fixtures/rules", m.ID)
			}
		}
	}
}

// TestOKFixtures requires every page under fixtures/ok to be clean.
func TestOKFixtures(t *testing.T) {
	n := ruletest.Run(t, ruletest.Engine(t), "../../fixtures/ok")
	if n == 0 {
		t.Fatal("no pages under fixtures/ok")
	}
}

// TestHarnessFails proves the harness reports both an unexpected finding and
// an unmatched expectation.
func TestHarnessFails(t *testing.T) {
	data := []byte("---\nyear: 2022 # want schema/pattern:\"never\"\n---\n")
	doc := frontmatter.Parse("x.md", data)
	exps, err := ruletest.Expectations("x.md", data)
	if err != nil {
		t.Fatal(err)
	}
	findings := ruletest.Engine(t).LintDocument(doc)
	problems := ruletest.Check("x.md", findings, exps)
	var unexpected, unmatched bool
	for _, p := range problems {
		switch {
		case contains(p, "unexpected finding"):
			unexpected = true
		case contains(p, "no finding matched"):
			unmatched = true
		}
	}
	if !unexpected || !unmatched {
		t.Fatalf("harness problems = %q; want both an unexpected finding and an unmatched expectation", problems)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
