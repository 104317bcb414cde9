package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/internal/testenv"
	"github.com/figlint/figlint/rules"
	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// TestKeywordChemicalFix: removing the keywords of one word leaves a page
// that still parses, keeps the other keywords, and has no such finding
// left; a flow list gets no fix, since removing an item there is not a
// line edit.
func TestKeywordChemicalFix(t *testing.T) {
	reg := ruletest.Registry(t)
	path := "../fixtures/rules/keyword-chemical/_figures/PMC10034640__kc-pep.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fs := ruletest.LintPage(t, reg, path, data, "keyword-chemical")
	if len(fs) != 1 || len(fs[0].Fixes) != 1 {
		t.Fatalf("want one finding with one fix, got %+v", fs)
	}
	if !strings.Contains(fs[0].Fixes[0].Message, "unsafe") {
		t.Errorf("fix message %q does not say the fix is unsafe", fs[0].Fixes[0].Message)
	}
	if len(fs[0].Related) != 5 { // PREP and Pep items, three table rows
		t.Errorf("want 5 related locations, got %+v", fs[0].Related)
	}
	// The fix edits the page and its genes table: each file's edits apply
	// to that file.
	table := "../fixtures/rules/keyword-chemical/_data/PMC10034640__kc-pep-genes.tsv"
	tableData, err := os.ReadFile(table)
	if err != nil {
		t.Fatal(err)
	}
	var pageFix, tableFix rules.Fix
	for _, e := range fs[0].Fixes[0].Edits {
		switch e.Path {
		case fs[0].Path:
			pageFix.Edits = append(pageFix.Edits, e)
		case table:
			tableFix.Edits = append(tableFix.Edits, e)
		default:
			t.Fatalf("edit of %q, neither the page nor its genes table", e.Path)
		}
	}
	fixedTable := string(ruletest.ApplyFixes(t, tableData, tableFix))
	for _, sym := range []string{"\tPAEP\t", "\tPREP\t", "\tPep\t"} {
		if strings.Contains(fixedTable, sym) {
			t.Errorf("the fixed table still has a row of %s:\n%s", sym, fixedTable)
		}
	}
	if !strings.Contains(fixedTable, "\tMDH2\t") || !strings.HasPrefix(fixedTable, "organism_id\t") {
		t.Errorf("the fixed table lost its header or the MDH2 row:\n%s", fixedTable)
	}
	// Whole lines go, line breaks with them: every line keeps the header's
	// fields, and the table still ends with its line break.
	lines := strings.Split(strings.TrimSuffix(fixedTable, "\n"), "\n")
	for _, l := range lines {
		if strings.Count(l, "\t") != strings.Count(lines[0], "\t") {
			t.Errorf("fixed table line %q has another number of fields than the header", l)
		}
	}
	if strings.HasSuffix(string(tableData), "\n") != strings.HasSuffix(fixedTable, "\n") {
		t.Errorf("the fix changed whether the table ends with a line break:\n%q", fixedTable)
	}
	fixed := ruletest.ApplyFixes(t, data, pageFix)
	var v struct {
		S struct {
			Keywords []string `yaml:"keywords"`
		} `yaml:"schema-jsonld"`
	}
	body := strings.TrimPrefix(string(fixed), "---\n")
	end := strings.Index(body, "\n---")
	if end < 0 {
		t.Fatalf("fixed page has no closing delimiter:\n%s", fixed)
	}
	body = body[:end]
	if err := yaml.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("fixed page does not parse: %v\n%s", err, fixed)
	}
	if diff := cmp.Diff([]string{"MDH2"}, v.S.Keywords); diff != "" {
		t.Errorf("keywords after the fix (-want +got):\n%s", diff)
	}

	flow := "---\nfigid: PMC10034640__kc-pep\norganisms_ner:\n- Homo sapiens\n- Drosophila melanogaster\n" +
		"schema-jsonld:\n  keywords: [MDH2, PAEP, PREP, Pep]\n---\n"
	fs = ruletest.LintPage(t, reg, path, []byte(flow), "keyword-chemical")
	if len(fs) != 1 || len(fs[0].Fixes) != 0 {
		t.Errorf("flow list: want one finding without a fix, got %+v\n%s", fs, flow)
	}
}

// TestKeywordChemicalCorpus runs the rule over the real sample and pins
// what it finds. Each finding was read against its page and genes table:
// all are useful (the keyword is a gene the figure does not show). An
// earlier version also noted BiP, which the chemicals table reads as
// phlorizin but which is the chaperone HSPA5 (GDF10 from BiP is wrong, the
// other three keywords are right): a word that two organisms' lexicons
// read as one gene (HSPA5, Hspa5) names a protein and is not reported.
func TestKeywordChemicalCorpus(t *testing.T) {
	dir := testenv.Corpus(t)
	reg := ruletest.Registry(t)
	eng := engine.New(reg, engine.Options{Enabled: []string{"keyword-chemical"}})
	pages, _ := filepath.Glob(filepath.Join(dir, "_figures", "*.md"))
	var got []string
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range eng.LintDocument(frontmatter.Parse(p, data)) {
			msg := f.Message
			if i := strings.Index(msg, " come"); i >= 0 {
				msg = msg[:i]
			}
			got = append(got, filepath.Base(p)+" "+f.Severity.String()+" "+msg)
			if len(f.Related) == 0 || !strings.HasSuffix(f.Related[len(f.Related)-1].Path, "-genes.tsv") {
				t.Errorf("%s: %s: the last related location is not a genes-table row: %+v", p, f.Message, f.Related)
			}
		}
	}
	want := []string{
		// Useful: the fly's MAP kinase phosphatase from the word MAPK.
		`PMC10025411__fncel-17-1105247-g0001.md warning keyword "MKP-4"`,
		// Useful: an ADP receptor figure; WDTC1's alias is ADP.
		`PMC10031336__gr5.md warning keyword "WDTC1"`,
		// Useful: a malate production map; ATP is the nucleotide.
		`PMC10034640__MBT2-16-709-g004.md warning 2 keywords ("ATPsynbeta", "Atpalpha")`,
		// Useful: MEK on a signalling figure is not the fly's Metchnikowin.
		`PMC10035447__nihms-1878426-f0004.md warning keyword "Mtk"`,
		// Useful: a plant metabolomics map; PEP and AMP are metabolites.
		// The fly's Pep from PEP is an English word, keyword-noise's.
		`PMC10035662__fpls-14-1114172-g008.md warning 4 keywords ("PAEP", "PREP", "PTPN22", "bgcn")`,
		`PMC10035662__fpls-14-1114172-g008.md warning 3 keywords ("APRT", "MFAP1", "Amph")`,
		// Useful: p-p38 gave CRK, MAPK1, AIMP2, GRAP2, AHSA1, POLDIP2 and
		// their mouse orthologs and the mouse's Syp, none a p38 kinase
		// (MAPK14, Mapk14 and the zebrafish's mapk14a are, and are kept).
		`PMC8932105__12935_2022_2527_Fig7_HTML.md warning 10 keywords ("CRK", "MAPK1", "AIMP2", "GRAP2", "AHSA1", and 5 more)`,
		// Useful: ERK on a T-cell receptor figure is MAPK1/3, not EPHB2.
		`PMC99889__mb2110211013.md warning keyword "EPHB2"`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("keyword-chemical findings on the corpus (-want +got):\n%s", diff)
	}
}

// BenchmarkKeywordChemical lints the sample's page with the most genes
// table rows (4 organisms, 137 keywords) with keyword-chemical alone and
// with every rule, parsing included: the rule must stay a small part of a
// one-page run's 20 ms.
func BenchmarkKeywordChemical(b *testing.B) {
	page := filepath.Join(testenv.Corpus(b), "_figures", "PMC10025411__fncel-17-1105247-g0001.md")
	data, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	reg := ruletest.Registry(b)
	for _, tc := range []struct {
		name string
		ids  []string
	}{{"parse", []string{"paper-keywords"}}, {"alone", []string{"keyword-chemical"}}, {"all", nil}} {
		b.Run(tc.name, func(b *testing.B) {
			eng := engine.New(reg, engine.Options{Enabled: tc.ids})
			for b.Loop() {
				eng.LintDocument(frontmatter.Parse(page, data))
			}
		})
	}
}

// TestKeywordChemicalFixLastRow: when the last row of the table goes and
// the row before it stays, the fix removes the last line with its own line
// break, not the kept row's.
func TestKeywordChemicalFixLastRow(t *testing.T) {
	site := t.TempDir()
	for _, d := range []string{"_figures", "_data"} {
		if err := os.Mkdir(filepath.Join(site, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	page, err := os.ReadFile("../fixtures/rules/keyword-chemical/_figures/PMC10034640__kc-pep.md")
	if err != nil {
		t.Fatal(err)
	}
	table, err := os.ReadFile("../fixtures/rules/keyword-chemical/_data/PMC10034640__kc-pep-genes.tsv")
	if err != nil {
		t.Fatal(err)
	}
	// header, PAEP, PREP, MDH2, Pep: the kept MDH2 row before the last.
	rows := strings.SplitAfter(string(table), "\n")
	reordered := rows[0] + rows[2] + rows[3] + rows[1] + rows[4]
	if !strings.Contains(rows[1], "\tMDH2\t") || !strings.Contains(rows[4], "\tPep\t") || !strings.HasSuffix(reordered, "\n") {
		t.Fatalf("the fixture table changed; update the test:\n%s", table)
	}
	pagePath := filepath.Join(site, "_figures", "PMC10034640__kc-pep.md")
	tablePath := filepath.Join(site, "_data", "PMC10034640__kc-pep-genes.tsv")
	if err := os.WriteFile(pagePath, page, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tablePath, []byte(reordered), 0o644); err != nil {
		t.Fatal(err)
	}
	fs := ruletest.LintPage(t, ruletest.Registry(t), pagePath, page, "keyword-chemical")
	if len(fs) != 1 || len(fs[0].Fixes) != 1 {
		t.Fatalf("want one finding with one fix, got %+v", fs)
	}
	var tableFix rules.Fix
	for _, e := range fs[0].Fixes[0].Edits {
		if e.Path != fs[0].Path {
			tableFix.Edits = append(tableFix.Edits, e)
		}
	}
	got := string(ruletest.ApplyFixes(t, []byte(reordered), tableFix))
	if want := rows[0] + rows[1]; got != want {
		t.Errorf("fixed table:\n%q\nwant:\n%q", got, want)
	}
}
