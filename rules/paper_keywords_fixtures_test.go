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

func TestPaperKeywordsFixtures(t *testing.T) {
	ruletest.RunRule(t, ruletest.Registry(t, rules.PaperKeywords), "../fixtures/rules/paper-keywords", "paper-keywords")
	ruletest.Run(t, ruletest.Engine(t, rules.PaperKeywords), "../fixtures/ok")
}

// TestPaperKeywordsCorpus: no sample page has an empty or repeated author
// keyword (checked with an independent script); a real keyword string with
// one part repeated in another case is reported, with the cleaned string.
func TestPaperKeywordsCorpus(t *testing.T) {
	proseRulesCorpus(t, "paper-keywords", 0, nil)

	page := filepath.Join(testenv.Corpus(t), "_figures", "PMC10037252__WJG-29-1569-g002.md")
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	line, col := 0, 0
	for i, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "keywords: ") {
			line, col = i+1, len("keywords: ")+1
		}
	}
	broken := strings.Replace(string(data), "keywords: ", "keywords: personalized medicine | ", 1)
	fs := proseRulesLint(t, "paper-keywords", page, []byte(broken))
	if len(fs) != 1 || fs[0].Range.Start != (rules.Position{Line: line, Column: col}) ||
		fs[0].Message != `keywords repeats "Personalized medicine"; expected each keyword once: "personalized medicine | Systemic treatment | Metastatic colorectal cancer | Biomarkers | Chemotherapy | Targeted therapy | Immunotherapy"` {
		t.Fatalf("findings %+v; want one repeat at %d:%d", fs, line, col)
	}
}
