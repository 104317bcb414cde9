package rules_test

import (
	"os"
	"testing"

	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/rules"
)

func TestTextHygieneFixtures(t *testing.T) {
	ruletest.RunRule(t, ruletest.Registry(t, rules.TextHygiene), "../fixtures/rules/text-hygiene", "text-hygiene")
	ruletest.Run(t, ruletest.Engine(t, rules.TextHygiene), "../fixtures/ok")
}

// TestTextHygieneCorpus: read by hand, the 5 findings on the sample are
// all true: two papertitles with a doubled space (one inside a quoted
// scalar, one in a plain one), a reftext with a trailing space in quotes,
// a papertitle ending in " .", and keywords written as a literal block
// whose line break splits "reaction mechanism". An independent script
// over the YAML values finds the same five and no mojibake, entity,
// control character or U+FFFD. Nor does the sample have an ISO 8879 Greek
// entity, R's NA in a reftext, a doubled period or a spaced charge (a
// grep for "&[A-Za-z]+;", "NA[:;.)]", "[^.]\.\.[^.]" and " [+-][ ,.;:)/]"
// over the pages finds none; the many "Ca2+", "K+" and "NADP+" of the
// captions are written without a space).
func TestTextHygieneCorpus(t *testing.T) {
	proseRulesCorpus(t, "text-hygiene", 5, map[string]string{
		"PMC100003__mb2410470011.md:13:13":     `note: papertitle has 2 spaces in a row ("…ses Etk/Bmx,  Src, and Foc…"); expected single spaces`,
		"PMC100005__mb2410575011.md:24:13":     `note: papertitle has 2 spaces in a row ("…n Kinase C's  via a src Ki…"); expected single spaces`,
		"PMC10036296__gr1_lrg.md:37:10":        `note: reftext has trailing whitespace ("…2023 Mar 24 "); expected it trimmed`,
		"PMC321618__zii0020410930007.md:27:13": `note: papertitle has whitespace before its final period ("…roliferation ."); expected "…roliferation."`,
		"PMC10029719__cs3c00075_0011.md:23:11": `warning: keywords has a line break "\n" in "…g | reaction\nmechanism"; expected a space`,
	})
}

// TestTextHygieneDescriptionIsRelated: a description that repeats the
// caption repeats its problems; they are one finding at the caption with
// the description as a related location, and its fix edits both.
func TestTextHygieneDescriptionIsRelated(t *testing.T) {
	path := "../fixtures/rules/text-hygiene/caption-and-description.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fs := proseRulesLint(t, "text-hygiene", path, data)
	if len(fs) != 1 {
		t.Fatalf("%d findings; want 1: %+v", len(fs), fs)
	}
	f := fs[0]
	if f.Pointer != "/caption" || len(f.Related) != 1 || f.Related[0].Range.Start.Line != 34 {
		t.Errorf("finding at %s with related %+v; want /caption with the description (line 34) related", f.Pointer, f.Related)
	}
	if len(f.Fixes) != 1 || len(f.Fixes[0].Edits) != 2 {
		t.Errorf("fixes %+v; want one fix of two edits", f.Fixes)
	}
}
