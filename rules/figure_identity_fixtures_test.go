package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/internal/testenv"
	"github.com/figlint/figlint/rules"
)

func TestFigureIdentityFixtures(t *testing.T) {
	ruletest.RunRule(t, ruletest.Registry(t, rules.FigureIdentity), "../fixtures/rules/figure-identity", "figure-identity")
	ruletest.Run(t, ruletest.Engine(t, rules.FigureIdentity), "../fixtures/ok")
}

// proseRules are the rules whose fixtures and corpus findings the helpers
// below check: figure-identity, caption-description, title-quality,
// text-hygiene and paper-keywords.
var proseRules = []rules.Rule{rules.FigureIdentity, rules.CaptionDescription, rules.TitleQuality, rules.TextHygiene, rules.PaperKeywords}

// proseRulesLint lints a page with rule id alone.
func proseRulesLint(t *testing.T, id, path string, data []byte) []rules.Finding {
	t.Helper()
	return ruletest.LintPage(t, ruletest.Registry(t, proseRules...), path, data, id)
}

var proseRulesWant = regexp.MustCompile(`(?m)[ \t]*# want .*$`)

// TestProseRulesFixesRestoreThePage applies every fix of a fixture page and
// expects the page it was made from (its # want comments aside): the fixes
// compute exactly what was broken.
func TestProseRulesFixesRestoreThePage(t *testing.T) {
	base, err := os.ReadFile("../fixtures/ok/_figures/PMC8932105__12935_2022_2527_Fig7_HTML.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ id, page string }{
		{"figure-identity", "filename-prefix.md"},
		{"figure-identity", "filename-other.md"}, // keeps .png: not restored, checked below
		{"figure-identity", "filename-no-extension.md"},
		{"figure-identity", "figlink-no-slash.md"},
		{"figure-identity", "figlink-pmcid.md"},
		{"figure-identity", "alias-number.md"},
		{"figure-identity", "alias-pmcid.md"},
		{"figure-identity", "redirect-only.md"},
		{"figure-identity", "figtype.md"},
		{"figure-identity", "jsonld-id.md"},
		{"figure-identity", "figid-pmcid.md"},
		{"caption-description", "cut-short.md"},
		{"caption-description", "differs.md"},
		{"caption-description", "extra.md"},
		{"text-hygiene", "trailing.md"},
		{"text-hygiene", "spaced-period.md"},
		{"text-hygiene", "doubled.md"},
		{"text-hygiene", "doubled-multiline.md"},
		{"text-hygiene", "description.md"},
		{"text-hygiene", "leading.md"},
		{"text-hygiene", "r-na-restore.md"},
		{"text-hygiene", "doubled-period-restore.md"},
		{"text-hygiene", "caption-and-description.md"}, // one finding, one fix of both fields
	} {
		t.Run(tc.id+"/"+tc.page, func(t *testing.T) {
			path := filepath.Join("..", "fixtures", "rules", tc.id, tc.page)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			fs := proseRulesLint(t, tc.id, path, data)
			var fixes []rules.Fix
			for _, f := range fs {
				if len(f.Fixes) != 1 {
					t.Fatalf("finding %q has %d fixes; want 1", f.Message, len(f.Fixes))
				}
				fixes = append(fixes, f.Fixes...)
			}
			got := proseRulesWant.ReplaceAllString(string(ruletest.ApplyFixes(t, data, fixes...)), "")
			want := string(base)
			if tc.page == "filename-other.md" {
				want = strings.Replace(want, "_Fig7_HTML.jpg", "_Fig7_HTML.png", 1)
			}
			// Fixes write one-line scalars, so compare values, not folding.
			gotDoc, wantDoc := frontmatter.Parse(path, []byte(got)), frontmatter.Parse(path, []byte(want))
			if gotDoc.Broken || !reflect.DeepEqual(gotDoc.Value, wantDoc.Value) {
				t.Errorf("fixed page differs from the original:\n%s", got)
			}
			if again := proseRulesLint(t, tc.id, path, []byte(got)); len(again) != 0 {
				t.Errorf("fixed page still has findings %+v", again)
			}
		})
	}
}

// TestProseRulesEachFixSettlesItsFinding applies each fix of each fixture
// page alone: the page must still parse and the finding must be gone.
func TestProseRulesEachFixSettlesItsFinding(t *testing.T) {
	for _, r := range proseRules {
		dir := filepath.Join("..", "fixtures", "rules", r.ID)
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, f := range proseRulesLint(t, r.ID, path, data) {
				for _, fix := range f.Fixes {
					fixed := ruletest.ApplyFixes(t, data, []rules.Fix{fix}...)
					doc := frontmatter.Parse(path, fixed)
					if doc.Broken {
						t.Errorf("%s: fix %q of %q breaks the page", path, fix.Message, f.Message)
						continue
					}
					for _, g := range proseRulesLint(t, r.ID, path, fixed) {
						if g.Message == f.Message && g.Pointer == f.Pointer {
							t.Errorf("%s: fix %q leaves %q", path, fix.Message, f.Message)
						}
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// proseRulesCorpus lints every page of the real sample with rule id alone,
// checks the number of findings and that each finding in want is among
// them (want keys are "page.md:LINE:COL").
func proseRulesCorpus(t *testing.T, id string, count int, want map[string]string) {
	t.Helper()
	dir := filepath.Join(testenv.Corpus(t), "_figures")
	pages, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages in %s: %v", dir, err)
	}
	got := map[string]string{}
	n := 0
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range proseRulesLint(t, id, filepath.ToSlash(p), data) {
			n++
			key := fmt.Sprintf("%s:%d:%d", filepath.Base(p), f.Range.Start.Line, f.Range.Start.Column)
			got[key] = f.Severity.String() + ": " + f.Message
			t.Logf("%s %s", key, got[key])
		}
	}
	if n != count {
		t.Errorf("%d %s findings on the corpus; want %d", n, id, count)
	}
	for k, msg := range want {
		if got[k] != msg {
			t.Errorf("%s: got %q; want %q", k, got[k], msg)
		}
	}
}

// TestFigureIdentityCorpus: read by hand, the 9 findings on the sample are
// the 3 filenames that kept the PMC prefix (2024-25 pages), the 5 figlinks
// without their trailing "/" (the same three pages plus PMC10545120 and
// PMC10919860), and the eLife page whose number F1 contradicts figlink's
// fig8 (and its image elife08931f008). The other figure ids, spelled
// F7, Fig7, fig-0001, sch1, undfig1, j_med-2022-0615_ga_001, CWU031F1,
// f2-09_173_.de_re and so on, all contain their number.
func TestFigureIdentityCorpus(t *testing.T) {
	proseRulesCorpus(t, "figure-identity", 9, map[string]string{
		"PMC10501637__pone.0288640.g005.md:9:11":  `error: filename "PMC10501637__pone.0288640.g005.jpg" keeps figid's "PMC10501637__" prefix; expected "pone.0288640.g005.jpg"`,
		"PMC10501637__pone.0288640.g005.md:10:10": `warning: figlink "/pmc/articles/PMC10501637/figure/F5" lacks its trailing "/"; expected "/pmc/articles/PMC10501637/figure/F5/"`,
		"PMC10957088__pbio.3002543.g006.md:9:11":  `error: filename "PMC10957088__pbio.3002543.g006.jpg" keeps figid's "PMC10957088__" prefix; expected "pbio.3002543.g006.jpg"`,
		"PMC10962832__pone.0300895.g002.md:9:11":  `error: filename "PMC10962832__pone.0300895.g002.jpg" keeps figid's "PMC10962832__" prefix; expected "pone.0300895.g002.jpg"`,
		"PMC10545120__pcbi.1011499.g004.md:10:10": `warning: figlink "/pmc/articles/PMC10545120/figure/F4" lacks its trailing "/"; expected "/pmc/articles/PMC10545120/figure/F4/"`,
		"PMC10919860__ppat.1012049.g001.md:10:10": `warning: figlink "/pmc/articles/PMC10919860/figure/F1" lacks its trailing "/"; expected "/pmc/articles/PMC10919860/figure/F1/"`,
		"PMC4608393__elife08931f008.md:13:9":      `note: number "F1" does not appear in figlink's figure id "fig8"; check which figure this page shows`,
	})
}

// TestProseRulesDocExamples checks the docs' examples: Bad is reported by
// its rule and Good, the same page fixed, is not.
func TestProseRulesDocExamples(t *testing.T) {
	for _, r := range proseRules {
		t.Run(r.ID, func(t *testing.T) {
			bad := proseRulesLint(t, r.ID, "example.md", []byte("---\n"+r.Bad+"---\n"))
			good := proseRulesLint(t, r.ID, "example.md", []byte("---\n"+r.Good+"---\n"))
			if len(bad) == 0 || len(good) != 0 {
				t.Errorf("Bad gives %+v, Good gives %+v; want findings for Bad only", bad, good)
			}
			for _, f := range bad {
				t.Logf("Bad: %s", f.Message)
			}
		})
	}
}
