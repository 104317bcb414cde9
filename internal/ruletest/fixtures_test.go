package ruletest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/rules"
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

// TestEveryRuleHasFixtures: every registered rule ID has its fixture
// folder, fixtures/rules/<id> (so a schema/<keyword> member's is
// fixtures/rules/schema/<keyword>), holding a page that expects one of
// its findings. The registry itself tells the two exceptions: the own ID
// of a rule with a family needs only its folder, which holds the members'
// folders (schema, whose own ID is reported only when the validator
// itself fails); and a family member documented without an example is a
// schema keyword that the built-in schema does not use, which no PFOCR
// page can fail (it is reached only with --schema).
func TestEveryRuleHasFixtures(t *testing.T) {
	reg := ruletest.Registry(t)
	root := "../../fixtures/rules"
	checked := 0
	for _, r := range reg.Rules() {
		for i, id := range r.IDs() {
			m, _ := reg.Meta(id)
			if i > 0 && m.Bad == "" {
				continue
			}
			dir := filepath.Join(root, filepath.FromSlash(id))
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				t.Errorf("rule %s has no fixture folder %s: add one with a page that expects its findings", id, dir)
				continue
			}
			checked++
			if i == 0 && len(r.Family) > 0 {
				continue
			}
			if !expects(t, dir, id) {
				t.Errorf("no page under %s expects a finding of rule %s", dir, id)
			}
		}
	}
	if checked < 30 {
		t.Fatalf("only %d rule IDs checked; expected every built-in rule and the schema keywords in use", checked)
	}
}

// expects tells whether a page under dir expects a finding of rule id.
func expects(t *testing.T, dir, id string) bool {
	t.Helper()
	found := false
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
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
			found = found || (e.Rule == id && !e.EnableOnly)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// TestMetaMatchesFixtures: every rule ID says which version it appeared
// in, and its Meta's fix safety tells the truth over the fixtures (linted
// with every rule on): a rule that says it offers no fix offers none, and
// a rule that says it offers fixes offers one on some fixture page.
func TestMetaMatchesFixtures(t *testing.T) {
	reg := ruletest.Registry(t)
	for _, m := range reg.Metas() {
		if m.Since == "" {
			t.Errorf("rule %s has no Since: set the version it first ships in", m.ID)
		}
	}
	var files []engine.File
	err := filepath.WalkDir("../../fixtures/rules", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".md" {
			files = append(files, engine.File{Display: filepath.ToSlash(p), Path: p})
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fixing := map[string]bool{}
	err = engine.New(reg, engine.Options{}).Run(files, 2, func(r engine.Result) error {
		for _, f := range r.Findings {
			if len(f.Fixes) == 0 {
				continue
			}
			fixing[f.Rule] = true
			if m, _ := reg.Meta(f.Rule); m.FixSafety == rules.FixSafetyDefault {
				t.Errorf("%s:%d: rule %s offers a fix (%q) but its Meta says it offers none: set Meta.FixSafety",
					f.Path, f.Range.Start.Line, f.Rule, f.Fixes[0].Message)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range reg.Metas() {
		if m.FixSafety != rules.FixSafetyDefault && !fixing[m.ID] {
			t.Errorf("rule %s says its fixes are %s, but no fixture page gets one: add one", m.ID, m.Fixes())
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

// recorder is a testing.TB that records the errors a helper reports.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestCheckFix proves that CheckFix accepts a fix that rewrites the
// finding's line as wanted and fails a missing fix, an unwanted one, a
// wrong line and a change elsewhere.
func TestCheckFix(t *testing.T) {
	data := []byte("---\na: x\nb: y\n---\n")
	at2 := rules.Range{Start: rules.Position{Line: 2, Column: 4}, End: rules.Position{Line: 2, Column: 5}}
	edit := func(start, end int, text string) rules.Fix {
		return rules.Fix{Message: "m", Edits: []rules.TextEdit{{Start: start, End: end, NewText: text}}}
	}
	for _, tc := range []struct {
		name     string
		fixes    []rules.Fix
		wantLine string
		fails    bool
	}{
		{"fixed as wanted", []rules.Fix{edit(7, 8, "z")}, "a: z", false},
		{"no fix wanted, none offered", nil, "", false},
		{"a fix wanted, none offered", nil, "a: z", true},
		{"no fix wanted, one offered", []rules.Fix{edit(7, 8, "z")}, "", true},
		{"two fixes", []rules.Fix{edit(7, 8, "z"), edit(7, 8, "w")}, "a: z", true},
		{"another text", []rules.Fix{edit(7, 8, "w")}, "a: z", true},
		{"another line too", []rules.Fix{{Message: "m", Edits: []rules.TextEdit{{Start: 7, End: 8, NewText: "z"}, {Start: 12, End: 13, NewText: "q"}}}}, "a: z", true},
		{"a line added", []rules.Fix{edit(8, 8, "\nc: 1")}, "a: x", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &recorder{TB: t}
			ruletest.CheckFix(r, data, rules.Finding{Range: at2, Message: "f", Fixes: tc.fixes}, tc.wantLine)
			if failed := len(r.errs) > 0; failed != tc.fails {
				t.Errorf("CheckFix failed = %v (%q); want %v", failed, r.errs, tc.fails)
			}
		})
	}
}
