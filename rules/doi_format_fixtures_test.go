package rules_test

import (
	"os"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/rules"
)

func TestDOIFormatFixtures(t *testing.T) {
	reg := ruletest.Registry(t, rules.DOIFormat, rules.PublicationYear, rules.MissingValue)
	ruletest.RunRule(t, reg, "../fixtures/rules/doi-format", "doi-format")
	ruletest.Run(t, ruletest.Engine(t, rules.DOIFormat), "../fixtures/ok") // must stay clean
}

// okPage is the clean seed page that the inline tests below break.
const okPage = "../fixtures/ok/_figures/PMC8932105__12935_2022_2527_Fig7_HTML.md"

// valueRulesPage returns the seed page with each whole line old replaced.
func valueRulesPage(t *testing.T, replace map[string]string) []byte {
	t.Helper()
	data, err := os.ReadFile(okPage)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for old, repl := range replace {
		found := false
		for i, l := range lines {
			if l == old {
				lines[i], found = repl, true
			}
		}
		if !found {
			t.Fatalf("line %q is not in %s", old, okPage)
		}
	}
	return []byte(strings.Join(lines, "\n"))
}

// lintValueRules lints a page with only the given rule on.
func lintValueRules(t *testing.T, id string, data []byte) []rules.Finding {
	t.Helper()
	reg := ruletest.Registry(t, rules.DOIFormat, rules.PublicationYear, rules.MissingValue)
	return ruletest.LintPage(t, reg, okPage, data, id)
}

// TestDOIFormatFixesAndSeverities checks what the fixture harness cannot:
// the text a fix writes, and the per-case severity.
func TestDOIFormatFixesAndSeverities(t *testing.T) {
	const doiLine = "doi: 10.1186/s12935-022-02527-9"
	for _, tc := range []struct {
		name, line string
		severity   rules.Severity
		fixed      string // "" when there is no fix
	}{
		{"URL prefix", "doi: https://doi.org/10.1186/s12935-022-02527-9", rules.SeverityError, doiLine},
		{"quoted with spaces", "doi: ' doi:10.1186/s12935-022-02527-9. '", rules.SeverityError, doiLine},
		{"escaped dash", `doi: "10.1186/s12935\u2013022-02527-9"`, rules.SeverityError, doiLine},
		{"fix needing quotes", "doi: https://doi.org/10.1002/(SICI)1097-4636(199606)31:2<203::AID-JBM6>3.0.CO;2-E",
			rules.SeverityError, "doi: 10.1002/(SICI)1097-4636(199606)31:2<203::AID-JBM6>3.0.CO;2-E"},
		{"two DOIs", "doi: 10.1186/s12935-022-02527-9 10.1186/s12935-022-02528-8", rules.SeverityError, ""},
		{"not a DOI", "doi: PMC8932105", rules.SeverityError, ""},
		{"Handbook syntax only", "doi: 10.118/s12935-022-02527-9", rules.SeverityNote, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := valueRulesPage(t, map[string]string{doiLine: tc.line})
			fs := lintValueRules(t, "doi-format", data)
			if len(fs) != 1 {
				t.Fatalf("findings %+v; want one", fs)
			}
			f := fs[0]
			if f.Severity != tc.severity || f.Pointer != "/doi" || f.Range.Start != (rules.Position{Line: 19, Column: 6}) {
				t.Errorf("finding %+v; want %v at 19:6, pointer /doi", f, tc.severity)
			}
			ruletest.CheckFix(t, data, f, tc.fixed)
		})
	}
}
