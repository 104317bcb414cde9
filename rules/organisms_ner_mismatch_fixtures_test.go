package rules_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/rules"
)

func TestOrganismsNERMismatchFixtures(t *testing.T) {
	reg := ruletest.Registry(t, rules.OrganismName, rules.OrganismsNERMismatch)
	ruletest.RunRule(t, reg, "../fixtures/rules/organisms-ner-mismatch", "organisms-ner-mismatch")
	ruletest.Run(t, ruletest.Engine(t, rules.OrganismName, rules.OrganismsNERMismatch), "../fixtures/ok")
}

// TestOrganismsNERMismatchSeverities checks the per-case severities, which
// the fixture harness does not.
func TestOrganismsNERMismatchSeverities(t *testing.T) {
	for name, want := range map[string][]rules.Severity{
		"extra.md":               {rules.SeverityWarning, rules.SeverityWarning},
		"disjoint.md":            {rules.SeverityError},
		"disjoint-case.md":       nil, // case is organism-name's finding
		"unknown-na.md":          nil, // PFOCR's normal "unknown"
		"unknown-missing.md":     nil,
		"unknown-empty.md":       nil,
		"unknown-placeholder.md": nil,
		"clean.md":               nil,
		"ner-na.md":              nil,
	} {
		t.Run(name, func(t *testing.T) {
			fs := orgLintOne(t, filepath.Join("..", "fixtures", "rules", "organisms-ner-mismatch", name), "organisms-ner-mismatch")
			if len(fs) != len(want) {
				t.Fatalf("%d findings, want %d: %+v", len(fs), len(want), fs)
			}
			for i, f := range fs {
				if f.Severity != want[i] || len(f.Fixes) != 0 {
					t.Errorf("finding %q: severity %v and %d fixes, want %v and none", f.Message, f.Severity, len(f.Fixes), want[i])
				}
			}
		})
	}
}

// TestOrganismsNERMismatchCorpus runs the rule over the real sample. All 28
// findings were read by hand against their pages (organisms [NA], on 34
// pages whose organisms_ner names species, is PFOCR's "unknown" and is not
// reported): 3 errors where the two
// lists are disjoint (each an NER list of only Drosophila melanogaster, the
// fly symbols being English words, against papers on other organisms); and
// 25 warnings for an organisms_ner name (Drosophila melanogaster, Danio
// rerio, Saccharomyces cerevisiae S288C) that organisms lacks while other
// names agree. Strain names match their species: "Escherichia coli str.
// K-12 substr. MG1655" in organisms_ner is not reported on the two pages
// whose organisms lists Escherichia coli.
func TestOrganismsNERMismatchCorpus(t *testing.T) {
	got := orgLintCorpus(t, "organisms-ner-mismatch")
	count := map[rules.Severity]int{}
	for _, f := range got {
		count[f.sev]++
		if strings.Contains(f.msg, "MG1655") {
			t.Errorf("strain of a listed species reported: %s", f)
		}
	}
	if len(got) != 28 || count[rules.SeverityNote] != 0 || count[rules.SeverityError] != 3 || count[rules.SeverityWarning] != 25 {
		t.Errorf("%d findings (%d notes, %d errors, %d warnings), want 28 (0, 3, 25)",
			len(got), count[rules.SeverityNote], count[rules.SeverityError], count[rules.SeverityWarning])
	}
	for _, w := range []string{
		`PMC100003__mb2410470011.md:6:1 error organisms_ner names "Drosophila melanogaster" and organisms lists "Homo sapiens": the two share no organism; expected the organisms the figure's genes come from to be among the paper's organisms`,
		`PMC2064395__jcb1741047f09.md:12:1 error organisms_ner names "Drosophila melanogaster" and organisms lists "Mus musculus", "Rattus norvegicus", "Cavia porcellus", and 4 more: the two share no organism; expected the organisms the figure's genes come from to be among the paper's organisms`,
		`PMC8932105__12935_2022_2527_Fig7_HTML.md:13:3 warning organisms_ner names "Danio rerio", which organisms does not list (its 8 keywords: "stat3", "fosab", "jun", "mapk14a", "sox2", and 3 more); expected the organisms the figure's genes come from to be among the paper's organisms`,
		`PMC5466160__AnnalsATS.201507-450MG_f1.md:8:3 warning organisms_ner names "Saccharomyces cerevisiae S288C", which organisms does not list; expected the organisms the figure's genes come from to be among the paper's organisms`,
	} {
		if !got.has(w) {
			t.Errorf("missing finding %s", w)
		}
	}
}
