package rules_test

import (
	"testing"

	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/rules"
)

func TestTitleQualityFixtures(t *testing.T) {
	ruletest.RunRule(t, ruletest.Registry(t, rules.TitleQuality), "../fixtures/rules/title-quality", "title-quality")
	ruletest.Run(t, ruletest.Engine(t, rules.TitleQuality), "../fixtures/ok")
}

// TestTitleQualityCorpus: read by hand, all 23 findings on the sample are
// figtitles that repeat papertitle without its final period (the
// notebooks' fallback when no figure title was found); an independent
// script finds the same 23 pages. No sample title has Greek letters, a
// panel label, an [x] artefact or a trailing period, or is out of 10..250.
func TestTitleQualityCorpus(t *testing.T) {
	repeats := "note: figtitle repeats papertitle; expected a title of the figure itself"
	proseRulesCorpus(t, "title-quality", 23, map[string]string{
		"PMC10037252__WJG-29-1569-g002.md:3:11":         repeats,
		"PMC8932105__12935_2022_2527_Fig7_HTML.md:3:11": repeats,
		"PMC10036296__gr1_lrg.md:3:11":                  repeats, // papertitle ends in "?."
		"PMC1193534__pgen.0010027.g001.md:3:11":         repeats,
	})
}
