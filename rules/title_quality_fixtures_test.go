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

// TestTitleQualityCorpus: read by hand, 23 findings on the sample are
// figtitles that repeat papertitle without its final period (the
// notebooks' fallback when no figure title was found); an independent
// script finds the same 23 pages. Three more repeat it without its leading
// "The" (PMC10003241, PMC10025411, PMC10031279: read, each is the paper's
// title word for word), and PMC2647780's is the paper's title up to its
// colon (read: the figure is the model the paper names). No sample title
// has Greek letters, a panel label, an [x] artefact or a trailing period,
// is out of 10..250, or ends cut (a dangling word, a genus initial, "et
// al", an open bracket): a script over the YAML values finds none.
func TestTitleQualityCorpus(t *testing.T) {
	repeats := "note: figtitle repeats papertitle; expected a title of the figure itself"
	near := "note: figtitle repeats papertitle but for case, punctuation or a leading article; expected a title of the figure itself"
	proseRulesCorpus(t, "title-quality", 27, map[string]string{
		"PMC10037252__WJG-29-1569-g002.md:3:11":         repeats,
		"PMC8932105__12935_2022_2527_Fig7_HTML.md:3:11": repeats,
		"PMC10036296__gr1_lrg.md:3:11":                  repeats, // papertitle ends in "?."
		"PMC1193534__pgen.0010027.g001.md:3:11":         repeats,
		"PMC10003241__ijms-24-04893-g003.md:3:11":       near,
		"PMC10025411__fncel-17-1105247-g0001.md:3:11":   near,
		"PMC10031279__gr8.md:3:11":                      near,
		"PMC2647780__pcbi.1000287.g001.md:3:11":         `note: figtitle repeats papertitle's main title (the part before ":"); expected a title of the figure itself`,
	})
}
