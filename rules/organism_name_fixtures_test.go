package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/internal/testenv"
	"github.com/figlint/figlint/rules"
)

func TestOrganismNameFixtures(t *testing.T) {
	reg := ruletest.Registry(t, rules.OrganismName, rules.OrganismsNERMismatch)
	ruletest.RunRule(t, reg, "../fixtures/rules/organism-name", "organism-name")
	ruletest.Run(t, ruletest.Engine(t, rules.OrganismName, rules.OrganismsNERMismatch), "../fixtures/ok")
}

// orgLintOne lints one page with only the given rules on.
func orgLintOne(t *testing.T, path string, ids ...string) []rules.Finding {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return ruletest.LintPage(t, ruletest.Registry(t, rules.OrganismName, rules.OrganismsNERMismatch), path, data, ids...)
}

// TestOrganismNameSeveritiesAndFixes checks what the fixture harness does
// not: each case's severity and the line its fix produces.
func TestOrganismNameSeveritiesAndFixes(t *testing.T) {
	dir := "../fixtures/rules/organism-name"
	type want struct {
		sev     rules.Severity
		fixLine string // "" when the finding has no fix
	}
	cases := map[string]map[int]want{
		"case.md": {
			5:  {rules.SeverityWarning, "- Homo sapiens # want organism-name@3-15:`\"Homo Sapiens\" has the wrong case; expected \"Homo sapiens\"$`"},
			6:  {rules.SeverityWarning, "- Mus musculus # want"},
			7:  {rules.SeverityWarning, "- Anacardium occidentale # want"},
			8:  {rules.SeverityWarning, "- Aspergillus niger # want"},
			9:  {rules.SeverityWarning, "- Carica papaya # want"},
			10: {rules.SeverityWarning, "- Salmonella enterica subsp. enterica serovar Typhimurium # want"},
			11: {rules.SeverityWarning, "- Xenopus oocyte # want"},
		},
		"authority.md": {
			5:  {rules.SeverityWarning, "- Cucumis sativus # want"},
			6:  {rules.SeverityWarning, "- Glycine max # want"},
			7:  {rules.SeverityWarning, "- Mus musculus # want"},
			8:  {rules.SeverityWarning, "- Carica papaya # want"},
			12: {rules.SeverityWarning, "- Danio rerio # want"},
		},
		"misspelling.md": {
			5:  {rules.SeverityWarning, "- Drosophila melanogaster # want"},
			6:  {rules.SeverityWarning, "- Vitis vinifera # want"},
			7:  {rules.SeverityWarning, ""},
			8:  {rules.SeverityWarning, ""},
			9:  {rules.SeverityWarning, "- Mediterraneibacter gnavus # want"},
			10: {rules.SeverityWarning, "- Escherichia coli BL21(DE3) # want"},
			12: {rules.SeverityWarning, "- Danio rerio # want"},
		},
		"unknown.md": {5: {rules.SeverityWarning, ""}, 6: {rules.SeverityWarning, ""}, 7: {rules.SeverityNote, ""}}, // a known genus
		"clean.md":   {},
		"genus.md":   {5: {rules.SeverityWarning, ""}, 6: {rules.SeverityWarning, ""}},
		"common.md": {
			5:  {rules.SeverityWarning, "- Homo sapiens # want"},
			6:  {rules.SeverityWarning, "- Mus musculus # want"},
			7:  {rules.SeverityWarning, "- Saccharomyces cerevisiae # want"},
			8:  {rules.SeverityWarning, "- Bos taurus # want"},
			9:  {rules.SeverityWarning, ""},
			10: {rules.SeverityWarning, ""},
		},
		"duplicate.md":   {7: {rules.SeverityWarning, ""}, 8: {rules.SeverityWarning, "- Homo sapiens # want"}, 14: {rules.SeverityWarning, ""}},
		"placeholder.md": {5: {rules.SeverityNote, ""}, 6: {rules.SeverityNote, ""}},
		"flow.md":        {4: {rules.SeverityWarning, "organisms: [Mus musculus, Homo sapiens] # want"}},
	}
	for name, lines := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			fs := ruletest.LintPage(t, ruletest.Registry(t, rules.OrganismName, rules.OrganismsNERMismatch), path, data, "organism-name")
			if len(fs) != len(lines) {
				t.Fatalf("%d findings, want %d: %+v", len(fs), len(lines), fs)
			}
			for _, f := range fs {
				w, ok := lines[f.Range.Start.Line]
				if !ok {
					t.Errorf("unexpected finding on line %d: %s", f.Range.Start.Line, f.Message)
					continue
				}
				if f.Severity != w.sev {
					t.Errorf("line %d: severity %v, want %v (%s)", f.Range.Start.Line, f.Severity, w.sev, f.Message)
				}
				ruletest.CheckFix(t, data, f, w.fixLine)
			}
		})
	}
}

// TestOrganismNameCorpus runs the rule over the real sample. Against NCBI
// Taxonomy's 2.66 million names the sample's 148 distinct names leave 3
// findings, each read by hand: the strain `Escherichia coli BL21DE3`
// (twice), which NCBI writes `BL21(DE3)`, and `Ruminococcus gnavus`, which
// the 2022 data write `[Ruminococcus] gnavus` and NCBI has called
// `Mediterraneibacter gnavus` since 2023. Three names are newer than the
// data and right (`Nakaseomyces glabratus`, `Thomasclavelia ramosa`,
// `Paracoccaceae bacterium`): the rule's list of names since 2022 accepts
// them. The organisms_ner strain names (`Saccharomyces cerevisiae S288C`,
// `Escherichia coli str. K-12 substr. MG1655`, `Pseudomonas aeruginosa
// PAO1`) are NCBI names, and so are `teleost fish` and `synthetic
// organisms`.
func TestOrganismNameCorpus(t *testing.T) {
	got := orgLintCorpus(t, "organism-name")
	want := []string{
		`PMC10032271__41467_2023_37310_Fig7_HTML.md:10:3 warning "Escherichia coli BL21DE3" is not an NCBI Taxonomy name and looks like a misspelling; expected "Escherichia coli BL21(DE3)"`,
		`PMC10033567__253_2023_12422_Fig1_HTML.md:8:3 warning "Escherichia coli BL21DE3" is not an NCBI Taxonomy name and looks like a misspelling; expected "Escherichia coli BL21(DE3)"`,
		`PMC10036442__109_2023_2289_Fig1_HTML.md:6:3 warning "Ruminococcus gnavus" is not an NCBI Taxonomy name; NCBI named it "[Ruminococcus] gnavus" (as the built-in data of 2022 write it), and "Mediterraneibacter gnavus" since`,
	}
	if len(got) != len(want) {
		t.Errorf("%d organism-name findings on the corpus, want %d", len(got), len(want))
	}
	for _, w := range want {
		if !got.has(w) {
			t.Errorf("missing finding %s", w)
		}
	}
	for _, f := range got {
		if !slices.Contains(want, f.String()) {
			t.Errorf("unexpected finding %s", f)
		}
	}
}

// orgCorpusFinding is a finding on a corpus page, printed as
// "page:line:col severity message".
type orgCorpusFinding struct {
	page       string
	line, col  int
	sev        rules.Severity
	msg, field string
}

func (f orgCorpusFinding) String() string {
	return fmt.Sprintf("%s:%d:%d %s %s", f.page, f.line, f.col, f.sev, f.msg)
}

type orgCorpusFindings []orgCorpusFinding

func (fs orgCorpusFindings) has(s string) bool {
	for _, f := range fs {
		if f.String() == s {
			return true
		}
	}
	return false
}

// orgLintCorpus runs one rule over every page of the real sample.
func orgLintCorpus(t *testing.T, id string) orgCorpusFindings {
	t.Helper()
	dir := testenv.Corpus(t)
	reg := ruletest.Registry(t, rules.OrganismName, rules.OrganismsNERMismatch)
	eng := engine.New(reg, engine.Options{Enabled: []string{id}})
	pages, _ := filepath.Glob(filepath.Join(dir, "_figures", "*.md"))
	if len(pages) != 76 {
		t.Fatalf("%d corpus pages, want 76", len(pages))
	}
	var out orgCorpusFindings
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range eng.LintDocument(frontmatter.Parse(p, data)) {
			if f.Rule != id {
				t.Errorf("%s: finding of rule %s", p, f.Rule)
			}
			field, _, _ := strings.Cut(strings.TrimPrefix(f.Pointer, "/"), "/")
			out = append(out, orgCorpusFinding{page: filepath.Base(p), line: f.Range.Start.Line, col: f.Range.Start.Column,
				sev: f.Severity, msg: f.Message, field: field})
		}
	}
	return out
}

// TestOrganismNamePointersAndAliases checks that pointers count every list
// item, scalar or not, and that no fix rewrites an alias.
func TestOrganismNamePointersAndAliases(t *testing.T) {
	src := "---\nx: &h Homo Sapiens\norganisms:\n- {a: b}\n- Mus Musculus\n- *h\norganisms_ner:\n- {a: b}\n- Danio rerio\n---\n"
	reg := ruletest.Registry(t, rules.OrganismName, rules.OrganismsNERMismatch)
	eng := engine.New(reg, engine.Options{Enabled: []string{"organism-name", "organisms-ner-mismatch"}})
	fs := eng.LintDocument(frontmatter.Parse("p.md", []byte(src)))
	got := make([]string, 0, len(fs))
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%s %s %d:%d fixes=%d", f.Rule, f.Pointer, f.Range.Start.Line, f.Range.Start.Column, len(f.Fixes)))
	}
	want := []string{
		"organism-name /organisms/1 5:3 fixes=1",
		"organism-name /organisms/2 6:3 fixes=0",
		"organisms-ner-mismatch /organisms_ner 7:1 fixes=0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
