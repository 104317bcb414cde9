package rules_test

import (
	"testing"
	"time"

	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/rules"
)

func TestPublicationYearFixtures(t *testing.T) {
	reg := ruletest.Registry(t, rules.DOIFormat, rules.PublicationYear, rules.MissingValue)
	ruletest.RunRule(t, reg, "../fixtures/rules/publication-year", "publication-year")
	ruletest.Run(t, ruletest.Engine(t, rules.PublicationYear), "../fixtures/ok") // must stay clean
}

// TestPublicationYearRangeAndFixes moves the clock to mid-2025, so that
// 2026 is the latest plausible year, and checks the fixes' text.
func TestPublicationYearRangeAndFixes(t *testing.T) {
	defer rules.SetPublicationYearClock(func() time.Time {
		return time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	})()
	const (
		refLine  = "reftext: A. Q. Writer, et al. Cancer Cell Int. 2022;22:122."
		yearLine = "year: '2022'"
		noYear   = "reftext: A. Q. Writer, et al. Cancer Cell Int. ;22:122."
	)
	for _, tc := range []struct {
		name    string
		replace map[string]string
		message string // "" for no finding
		fixed   string // the year line after the fix; "" for no fix
	}{
		{"next year is plausible", map[string]string{refLine: noYear, yearLine: "year: '2026'"}, "", ""},
		{"the year after is not", map[string]string{refLine: noYear, yearLine: "year: '2027'"},
			`year "2027" is outside 1900..2026; expected the year the paper was published`, ""},
		{"1900 is plausible", map[string]string{refLine: noYear, yearLine: "year: '1900'"}, "", ""},
		{"1899 is not", map[string]string{refLine: noYear, yearLine: "year: '1899'"},
			`year "1899" is outside 1900..2026; expected the year the paper was published`, ""},
		{"fix from reftext", map[string]string{yearLine: "year: '2027'"},
			`year "2027" is outside 1900..2026 and disagrees with reftext, which says 2022; expected 2022`, yearLine},
		{"unquoted year", map[string]string{yearLine: "year: 2021"},
			`year "2021" disagrees with reftext, which says 2022; expected 2022`, yearLine},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := valueRulesPage(t, tc.replace)
			fs := lintValueRules(t, "publication-year", data)
			if tc.message == "" {
				if len(fs) != 0 {
					t.Fatalf("findings %+v; want none", fs)
				}
				return
			}
			if len(fs) != 1 || fs[0].Message != tc.message || fs[0].Severity != rules.SeverityWarning ||
				fs[0].Range.Start != (rules.Position{Line: 18, Column: 7}) {
				t.Fatalf("findings %+v; want one warning %q at 18:7", fs, tc.message)
			}
			ruletest.CheckFix(t, data, fs[0], tc.fixed)
		})
	}
}
