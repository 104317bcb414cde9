package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/internal/testenv"

	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/rules"
)

func TestGenesTableFixtures(t *testing.T) {
	ruletest.RunRule(t, ruletest.Registry(t, rules.GenesTable), "../fixtures/rules/genes-table/_figures", "genes-table")
	ruletest.Run(t, ruletest.Engine(t, rules.GenesTable), "../fixtures/ok")
}

// TestGenesTableCorpus runs the rule over the real sample. Checked by hand
// (and by an independent script comparing each page with its tables): the
// pages whose tables ship with the sample agree with them, apart from
// chemical and disease words whose tables are not in the sample (which the
// rule cannot and does not judge), so the only findings are notes for the
// 38 pages that name organisms but whose genes table is not in the sample.
func TestGenesTableCorpus(t *testing.T) {
	dir := testenv.Corpus(t)
	reg := ruletest.Registry(t, rules.GenesTable)
	eng := engine.New(reg, engine.Options{Enabled: []string{"genes-table"}})
	pages, _ := filepath.Glob(filepath.Join(dir, "_figures", "*.md"))
	notes := 0
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range eng.LintDocument(frontmatter.Parse(p, data)) {
			stem := strings.TrimSuffix(filepath.Base(p), ".md")
			_, statErr := os.Stat(filepath.Join(dir, "_data", stem+"-genes.tsv"))
			if f.Severity != rules.SeverityNote || !strings.HasPrefix(f.Message, "no genes table") || statErr == nil {
				t.Errorf("%s: unexpected %s: %s", p, f.Severity, f.Message)
			}
			notes++
		}
	}
	if notes != 38 {
		t.Errorf("%d missing-table notes; want 38", notes)
	}

	// The seed page against its real table, broken two ways.
	seed := filepath.Join(dir, "_figures", "PMC8932105__12935_2022_2527_Fig7_HTML.md")
	data, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, old, new, msg string
		at                  string // the finding starts where this text starts in the broken page
		indent              int    // columns of indentation before it
	}{
		{"keyword dropped", "  - Nanog\n", "", `keywords lack "Nanog", a gene symbol`, "\n  keywords:\n", 2},
		{"keyword added", "  - Jun\n", "  - Jun\n  - Junb\n", `keyword "Junb" is in none of the genes table`, "\n  - Junb\n", 4},
		{"organism dropped", "- Danio rerio\n", "", `organisms_ner lacks "Danio rerio"`, "\norganisms_ner:", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			broken := strings.Replace(string(data), tc.old, tc.new, 1)
			line := strings.Count(broken[:strings.Index(broken, tc.at)+1], "\n") + 1
			fs := eng.LintDocument(frontmatter.Parse(seed, []byte(broken)))
			want := rules.Position{Line: line, Column: tc.indent + 1}
			if len(fs) != 1 || !strings.Contains(fs[0].Message, tc.msg) || fs[0].Range.Start != want {
				t.Fatalf("findings %+v; want one %q at %v", fs, tc.msg, want)
			}
		})
	}
}
