package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/internal/testenv"
	"github.com/figlint/figlint/rules"
)

func TestCaptionDescriptionFixtures(t *testing.T) {
	ruletest.RunRule(t, ruletest.Registry(t, rules.CaptionDescription), "../fixtures/rules/caption-description", "caption-description")
	ruletest.Run(t, ruletest.Engine(t, rules.CaptionDescription), "../fixtures/ok")
}

// TestCaptionDescriptionCorpus: in all 76 sample pages the description is
// the caption (checked by hand and with an independent YAML reader), so
// the rule is silent there; a real page whose description is cut after its
// first sentence is reported at the description.
func TestCaptionDescriptionCorpus(t *testing.T) {
	proseRulesCorpus(t, "caption-description", 0, nil)

	page := filepath.Join(testenv.Corpus(t), "_figures", "PMC10033909__d3sc00173c-s1.md")
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	const whole = "  description: Possible biosynthetic pathway of dysiherbols A–E.\n"
	broken := strings.Replace(string(data), whole, "  description: Possible biosynthetic pathway\n", 1)
	if broken == string(data) {
		t.Fatal("the sample page has changed")
	}
	fs := proseRulesLint(t, "caption-description", page, []byte(broken))
	if len(fs) != 1 || fs[0].Range.Start != (rules.Position{Line: 33, Column: 16}) ||
		fs[0].Message != "schema-jsonld.description is cut short: it holds the first 29 of caption's 49 characters; expected it to equal caption" {
		t.Fatalf("findings %+v; want one at 33:16", fs)
	}
}
