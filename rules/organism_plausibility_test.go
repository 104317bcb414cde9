package rules_test

import (
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

const plausibilityDir = "../fixtures/rules/organism-plausibility/_figures"

func plausibilityLint(t *testing.T, name string, ids ...string) []rules.Finding {
	t.Helper()
	path := filepath.Join(plausibilityDir, "PMC1971124__op_"+name+".md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return ruletest.LintPage(t, ruletest.Registry(t, rules.OrganismPlausibility), path, data, ids...)
}

// TestOrganismPlausibilityRelated checks what the fixture comments cannot:
// each explained word's table row is a related place, and on a page whose
// organisms lists the organism, that item is one too.
func TestOrganismPlausibilityRelated(t *testing.T) {
	fs := plausibilityLint(t, "overinclusive", "organism-plausibility")
	if len(fs) != 1 {
		t.Fatalf("%d findings, want 1: %+v", len(fs), fs)
	}
	f := fs[0]
	if f.Pointer != "/organisms_ner/1" || len(f.Fixes) != 0 {
		t.Errorf("pointer %q and %d fixes, want /organisms_ner/1 and none", f.Pointer, len(f.Fixes))
	}
	table, err := os.ReadFile("../fixtures/rules/organism-plausibility/_data/PMC1971124__op_overinclusive-genes.tsv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(table), "\n")
	words := make([]string, 0, len(f.Related)-1)
	for _, r := range f.Related[:len(f.Related)-1] {
		if !strings.HasSuffix(r.Path, "PMC1971124__op_overinclusive-genes.tsv") {
			t.Fatalf("related %+v: want a place in the genes table", r)
		}
		cells := strings.Split(lines[r.Range.Start.Line-1], "\t")
		if cells[1] != "Drosophila melanogaster" || r.Range.End.Column != 1+len([]rune(lines[r.Range.Start.Line-1])) {
			t.Errorf("related %+v: row %q, want a whole Drosophila melanogaster row", r, lines[r.Range.Start.Line-1])
		}
		words = append(words, cells[3])
	}
	// The explained words, computed by hand from the table: the two that
	// Homo sapiens (4 symbol-like words against the fly's 2) also matched,
	// then the four English ones.
	if want := []string{"ERCC5", "NTHL1", "ago", "and", "did", "tube"}; !slices.Equal(words, want) {
		t.Errorf("related words %q, want %q", words, want)
	}
	last := f.Related[len(f.Related)-1]
	if last.Path != f.Path || last.Range.Start.Line != 6 || !strings.Contains(last.Message, `organisms lists "Drosophila melanogaster"`) {
		t.Errorf("last related %+v: want the organisms item on line 6", last)
	}
}

// TestOrganismPlausibilityNotTwice checks one cause, one finding: an
// organism that organisms does not list is organisms-ner-mismatch's.
func TestOrganismPlausibilityNotTwice(t *testing.T) {
	fs := plausibilityLint(t, "not-listed", "organism-plausibility", "organisms-ner-mismatch")
	if len(fs) != 1 || fs[0].Rule != "organisms-ner-mismatch" {
		t.Fatalf("findings %+v, want organisms-ner-mismatch's one", fs)
	}
}

// TestOrganismPlausibilityCorpus runs the rule over the real sample. Each
// of its 3 findings was read against the page and its genes table, and all
// 3 are useful: zebrafish on a human plasmacytoid dendritic cell figure (12
// of its 15 words are human symbols in lower case), the fly on a human
// Jurkat T-cell figure (7 of its 8 words are human's too) and on a human
// DNA repair figure (English words: and, ago, did, tube). Quiet, by design:
// the mouse and rat of pages whose organisms lists them beside human
// (mammals explain mammals only where organisms is unknown), Streptococcus
// pneumoniae beside E. coli on a page listing both, and Homo sapiens on an
// Arabidopsis metabolite figure whose "genes" AMP, CMP and PEP only the
// unlisted fly explains (keyword-chemical's finding: chemical words).
// On 36 more real pages of wikipathways/pfocr-database, read the same way,
// the rule made 8 findings: 7 useful (zebrafish, fly and Xenopus shadows of
// human figures, a fly on a legume figure), 1 noise (C. elegans named
// through human IFT symbols on a review of cilia across species), none
// false, once a human figure whose fly synonyms outnumbered its human
// matches no longer had its human genes explained away (fixture
// human-reference).
func TestOrganismPlausibilityCorpus(t *testing.T) {
	dir := testenv.Corpus(t)
	eng := engine.New(ruletest.Registry(t, rules.OrganismPlausibility), engine.Options{Enabled: []string{"organism-plausibility"}})
	pages, _ := filepath.Glob(filepath.Join(dir, "_figures", "*.md"))
	var got []string
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range eng.LintDocument(frontmatter.Parse(p, data)) {
			name, _, _ := strings.Cut(strings.TrimPrefix(f.Message, `organisms_ner names "`), `"`)
			got = append(got, strings.TrimSuffix(filepath.Base(p), ".md")+" "+name)
		}
	}
	want := []string{
		"PMC10030840__fonc-13-1111191-g002 Drosophila melanogaster",
		"PMC1971124__pbio.0050248.g004 Danio rerio",
		"PMC99889__mb2110211013 Drosophila melanogaster",
	}
	if !slices.Equal(got, want) {
		t.Errorf("corpus findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
