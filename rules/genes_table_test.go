package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/internal/testenv"

	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/rules"
	"github.com/google/go-cmp/cmp"
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
// 38 pages that name organisms but whose genes table is not in the sample
// (see TestGenesTablePartialData).
func TestGenesTableCorpus(t *testing.T) {
	dir := testenv.Corpus(t)
	reg := ruletest.Registry(t, rules.GenesTable)
	eng := engine.New(reg, engine.Options{Enabled: []string{"genes-table"}})
	pages, _ := filepath.Glob(filepath.Join(dir, "_figures", "*.md"))
	counts := map[string]int{}
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		stem := strings.TrimSuffix(filepath.Base(p), ".md")
		_, genesErr := os.Stat(filepath.Join(dir, "_data", stem+"-genes.tsv"))
		for _, f := range eng.LintDocument(frontmatter.Parse(p, data)) {
			switch {
			case strings.HasPrefix(f.Message, "no genes table") && genesErr != nil:
				counts["missing table"]++
			case strings.Contains(f.Message, "such count cells in the table") && strings.HasSuffix(f.Path, "-genes.tsv"):
				counts["NA counts"]++
			default:
				t.Errorf("%s: unexpected %s: %s", p, f.Severity, f.Message)
			}
			if f.Severity != rules.SeverityNote {
				t.Errorf("%s: %s is not a note", p, f.Message)
			}
		}
	}
	// Counted by hand and by an independent script: 38 pages name
	// organisms but have no table in the sample (the collection phase's
	// one note); 30 keywords (bombesin, Nucleus, ROS, disease, Cancer,
	// Noonan syndrome, 4 fatty acid words and 20 lignin pathway chemicals)
	// follow the gene symbols on 7 pages whose chemicals and diseases
	// tables are not in the sample: nothing to check them against, so no
	// finding. 6 tables hold NA in count_synonym, R's "no count of this
	// kind" (rows no synonym matched): not reported.
	want := map[string]int{}
	if diff := cmp.Diff(want, counts); diff != "" {
		t.Errorf("genes-table findings on the corpus (-want +got):\n%s", diff)
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
		{"keyword added", "  - Jun\n", "  - Jun\n  - Junb\n", `keyword "Junb" is not a symbol of the genes table`, "\n  - Junb\n", 4},
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

// TestGenesTableRelated checks the related locations of the grouped
// findings on a page whose genes table was regenerated without it: the
// lacking symbols point at their first table rows, the keywords at their
// items. Lines are found by scanning the files, not by the rule's code.
func TestGenesTableRelated(t *testing.T) {
	dir := "../fixtures/rules/genes-table"
	page := filepath.Join(dir, "_figures", "PMC8932105__gt-regenerated.md")
	table := filepath.Join(dir, "_data", "PMC8932105__gt-regenerated-genes.tsv")
	lineOf := func(file, prefix string, col int) string {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, prefix) {
				return fmt.Sprintf("%s:%d:%d", filepath.Base(file), i+1, col)
			}
		}
		t.Fatalf("%s: no line starts with %q", file, prefix)
		return ""
	}
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	reg := ruletest.Registry(t, rules.GenesTable)
	got := map[string][]string{}
	for _, f := range ruletest.LintPage(t, reg, page, data, "genes-table") {
		var places []string
		for _, r := range f.Related {
			places = append(places, fmt.Sprintf("%s:%d:%d", filepath.Base(r.Path), r.Range.Start.Line, r.Range.Start.Column))
		}
		got[f.Pointer] = places
	}
	// The symbol column is the sixth: five fields and their tabs before it.
	symCol := func(prefix string) int { return len(prefix) + 1 }
	want := map[string][]string{
		"/schema-jsonld/keywords": {
			lineOf(table, "9606\tHomo sapiens\tMammals\tIL-6", symCol("9606\tHomo sapiens\tMammals\tIL-6\tIL-6\t")),
			lineOf(table, "9606\tHomo sapiens\tMammals\tJAK1", symCol("9606\tHomo sapiens\tMammals\tJAK1\tJAK1\t")),
			lineOf(table, "9606\tHomo sapiens\tMammals\tSOCS3", symCol("9606\tHomo sapiens\tMammals\tSOCS3\tSOCS3\t")),
		},
		"/schema-jsonld/keywords/0": {lineOf(page, "  - TYK2", 5)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("related locations (-want +got):\n%s", diff)
	}
}

// TestGenesTablePartialData: the sample ships the genes tables of only some
// pages, so most pages that name organisms lack theirs; that is one cause,
// a partial data folder, and one note naming every such page. The pages
// are counted here from the files, without the rule: a page whose
// organisms_ner lists a name other than NA and whose table is absent.
func TestGenesTablePartialData(t *testing.T) {
	dir := testenv.Corpus(t)
	pages, _ := filepath.Glob(filepath.Join(dir, "_figures", "*.md"))
	nerRE := regexp.MustCompile(`(?m)^organisms_ner:\n((?:- .*\n)+)`)
	namedRE := regexp.MustCompile(`(?m)^- (?:[^N]|N[^A]|NA.)`) // an item other than NA
	var want []string
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		m := nerRE.FindSubmatch(data)
		if len(m) < 2 || !namedRE.Match(m[1]) {
			continue
		}
		stem := strings.TrimSuffix(filepath.Base(p), ".md")
		if _, err := os.Stat(filepath.Join(dir, "_data", stem+"-genes.tsv")); err != nil {
			want = append(want, filepath.ToSlash(filepath.Join("_figures", filepath.Base(p))))
		}
	}
	if len(want) != 38 {
		t.Fatalf("%d pages name organisms without their table; the sample should have 38", len(want))
	}
	files, errs := engine.Collect([]string{filepath.Join(dir, "_figures")}, dir, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	eng := engine.New(ruletest.Registry(t, rules.GenesTable), engine.Options{Enabled: []string{"genes-table"}, WorkDir: dir})
	var grouped []rules.Finding
	err := eng.Run(files, 2, func(r engine.Result) error {
		for _, f := range r.Findings {
			if strings.Contains(f.Message, "no genes table") {
				grouped = append(grouped, f)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(grouped) != 1 {
		t.Fatalf("%d findings about missing genes tables; want one for the partial folder", len(grouped))
	}
	got := make([]string, 0, 1+len(grouped[0].Related))
	got = append(got, grouped[0].Path)
	for _, r := range grouped[0].Related {
		got = append(got, r.Path)
	}
	sort.Strings(got)
	sort.Strings(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pages named (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(grouped[0].Message, "38 of the ") {
		t.Errorf("message %q; want it to count the 38 pages", grouped[0].Message)
	}
}
