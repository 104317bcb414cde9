package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/internal/testenv"
	"github.com/figlint/figlint/rules"
)

func TestMissingValueFixtures(t *testing.T) {
	reg := ruletest.Registry(t, rules.DOIFormat, rules.PublicationYear, rules.MissingValue)
	ruletest.RunRule(t, reg, "../fixtures/rules/missing-value", "missing-value")
	ruletest.Run(t, ruletest.Engine(t, rules.MissingValue), "../fixtures/ok") // must stay clean
}

// TestMissingValueSeverities checks the per-case severities and that no
// finding carries a fix: the right value is unknown.
func TestMissingValueSeverities(t *testing.T) {
	data := valueRulesPage(t, map[string]string{
		"doi: 10.1186/s12935-022-02527-9": "doi: .na.character",
		"ndex: ''":                        "ndex: NA",
		"- Mus musculus":                  "- NA", // both lists
	})
	want := map[string]rules.Severity{
		// organisms_ner: [NA] is the pipeline's "no lexicon matched": no finding.
		// organisms: [NA, Homo sapiens] has a stray marker: a warning.
		"/organisms/0": rules.SeverityWarning,
		"/doi":         rules.SeverityWarning, "/ndex": rules.SeverityNote,
	}
	fs := lintValueRules(t, "missing-value", data)
	if len(fs) != len(want) {
		t.Fatalf("findings %+v; want %d", fs, len(want))
	}
	for _, f := range fs {
		if s, ok := want[f.Pointer]; !ok || f.Severity != s || len(f.Fixes) != 0 {
			t.Errorf("finding %+v; want severity %v and no fix", f, s)
		}
	}
}

// TestValueRulesCorpus runs doi-format, publication-year and missing-value
// over the real sample. Every finding was read against its page: the 37
// pages dated 1999-2019 write .na.character for doi, journal_title,
// journal_nlm_ta, publisher_name and keywords (the generation's gap),
// one note for the 37 in the collection phase; three of them also in
// schema-jsonld.keywords; one
// 2023 page has an empty publisher_name; organisms is [NA] (PFOCR's
// "unknown", not reported) on 40 pages and holds NA beside names on 3
// (warnings); organisms_ner NA is not reported. The 39
// DOIs are all well-formed, and every year agrees with its reftext (one
// reftext has no year) and with the one bioRxiv DOI's date.
func TestValueRulesCorpus(t *testing.T) {
	dir := testenv.Corpus(t)
	reg := ruletest.Registry(t, rules.DOIFormat, rules.PublicationYear, rules.MissingValue)
	eng := engine.New(reg, engine.Options{Enabled: []string{"doi-format", "publication-year", "missing-value"}})
	pages, _ := filepath.Glob(filepath.Join(dir, "_figures", "*.md"))
	if len(pages) != 76 {
		t.Fatalf("%d pages in the sample; want 76", len(pages))
	}
	counts := map[string]int{}
	got := map[string]bool{}
	reftextYears := 0
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc := frontmatter.Parse(filepath.Base(p), data)
		for _, f := range eng.LintDocument(doc) {
			counts[f.Rule+" "+f.Severity.String()]++
			got[fmt.Sprintf("%s:%d:%d-%d %s", f.Path, f.Range.Start.Line, f.Range.Start.Column, f.Range.End.Column, f.Message)] = true
			if len(f.Fixes) != 0 {
				t.Errorf("%s: unexpected fix on %q", f.Path, f.Message)
			}
		}
		// The year rule did compare: the citation's year is found.
		if m, ok := doc.Value.(map[string]any); ok {
			if ref, ok := m["reftext"].(string); ok {
				if y, ok := rules.ReftextYear(ref); ok {
					reftextYears++
					if fmt.Sprint(y) != m["year"] {
						t.Errorf("%s: reftext year %d, year %v", p, y, m["year"])
					}
				}
			}
		}
	}
	wantCounts := map[string]int{"missing-value warning": 7}
	for k, n := range counts {
		if wantCounts[k] != n {
			t.Errorf("%d %s findings; want %d", n, k, wantCounts[k])
		}
	}
	for k, n := range wantCounts {
		if counts[k] != n {
			t.Errorf("%d %s findings; want %d", counts[k], k, n)
		}
	}
	if reftextYears != 75 {
		t.Errorf("a year found in %d reftexts; want 75 (all but Curr Pathobiol Rep's)", reftextYears)
	}
	for _, w := range []string{
		`PMC2277018__tjp0583-0415-f1.md:55:5-18 schema-jsonld.keywords item is ".na.character", R's missing value; expected a gene symbol or a chemical or disease word`,
		`PMC3246694__DRP2012-259170.002.md:62:5-18 schema-jsonld.keywords item is ".na.character", R's missing value; expected a gene symbol or a chemical or disease word`,
		`PMC3670316__pnas.1222115110fig07.md:109:5-18 schema-jsonld.keywords item is ".na.character", R's missing value; expected a gene symbol or a chemical or disease word`,
		`PMC10035447__nihms-1878426-f0004.md:23:17-19 publisher_name is empty; expected the publisher's name`,
		`PMC3492042__1756-0381-5-17-8.md:9:3-5 organisms item is "NA", R's missing value, beside 3 scientific names; expected only the names (a missing value stands for "unknown" only as the sole item)`,
	} {
		if !got[w] {
			t.Errorf("missing finding %s", w)
		}
	}

	// The generation's gap: one note for the collection, at the first
	// page's doi, the other 36 pages' doi as related locations.
	files, errs := engine.Collect([]string{filepath.Join(dir, "_figures")}, dir, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var coll []rules.Finding
	if err := eng.Run(files, 2, func(r engine.Result) error {
		if r.Collection {
			coll = append(coll, r.Findings...)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(coll) != 1 || coll[0].Severity != rules.SeverityNote || filepath.Base(coll[0].Path) != "PMC100003__mb2410470011.md" ||
		coll[0].Range.Start.Line != 17 || coll[0].Range.Start.Column != 6 || len(coll[0].Related) != 36 ||
		!strings.HasPrefix(coll[0].Message, `37 pages (this one and 36 more) hold R's missing value (".na.character") in all of doi, journal_title,`) {
		t.Errorf("collection findings %+v; want one note for 37 pages at PMC100003's doi (17:6), 36 related", coll)
	}

	// Real pages broken on purpose: the rules speak up where they should.
	for _, tc := range []struct {
		page, old, new, rule, want string
	}{
		{"PMC8932105__12935_2022_2527_Fig7_HTML.md", "doi: 10.1186/", "doi: https://doi.org/10.1186/", "doi-format",
			`:27:6-48 doi "https://doi.org/10.1186/s12935-022-02527-9" has a URL prefix ("https://doi.org/"); expected the bare DOI "10.1186/s12935-022-02527-9"`},
		{"PMC10028837__nihpp-2023.03.03.530734v1-f0001.md", "year: '2023'", "year: '2022'", "publication-year",
			`:38:7-13 year "2022" disagrees with reftext, which says 2023, and with the preprint doi "10.1101/2023.03.03.530734", dated 2023-03-03; expected 2023`},
		{"PMC100003__mb2410470011.md", "year: '2001'", "year: '2011'", "publication-year",
			`:16:7-13 year "2011" disagrees with reftext, which says 2001; expected 2001`},
	} {
		data, err := os.ReadFile(filepath.Join(dir, "_figures", tc.page))
		if err != nil {
			t.Fatal(err)
		}
		broken := strings.Replace(string(data), tc.old, tc.new, 1)
		e := engine.New(reg, engine.Options{Enabled: []string{tc.rule}})
		fs := e.LintDocument(frontmatter.Parse(tc.page, []byte(broken)))
		msgs := make([]string, 0, len(fs))
		for _, f := range fs {
			msgs = append(msgs, fmt.Sprintf(":%d:%d-%d %s", f.Range.Start.Line, f.Range.Start.Column, f.Range.End.Column, f.Message))
		}
		if len(msgs) != 1 || msgs[0] != tc.want {
			t.Errorf("%s with %q: findings %q; want %q", tc.page, tc.new, msgs, tc.want)
		}
	}
}

// TestValueRulesExamples makes sure each rule's documented Bad example is
// reported and its Good example is not.
func TestValueRulesExamples(t *testing.T) {
	reg := ruletest.Registry(t, rules.DOIFormat, rules.PublicationYear, rules.MissingValue)
	for _, r := range []rules.Rule{rules.DOIFormat, rules.PublicationYear, rules.MissingValue} {
		eng := engine.New(reg, engine.Options{Enabled: []string{r.ID}})
		lint := func(snippet string) int {
			return len(eng.LintDocument(frontmatter.Parse("example.md", []byte("---\n"+snippet+"---\n"))))
		}
		if n := lint(r.Bad); n != 1 {
			t.Errorf("%s: %d findings on its Bad example; want 1", r.ID, n)
		}
		if n := lint(r.Good); n != 0 {
			t.Errorf("%s: %d findings on its Good example; want 0", r.ID, n)
		}
	}
}

// TestMissingValueGenerationGap checks that the older generation's five
// .na.character fields make one note at doi, with the other four as
// related locations, and that four of them alone are four warnings.
func TestMissingValueGenerationGap(t *testing.T) {
	gap := map[string]string{
		"doi: 10.1186/s12935-022-02527-9":           "doi: .na.character",
		"journal_title: Cancer Cell International":  "journal_title: .na.character",
		"journal_nlm_ta: Cancer Cell Int":           "journal_nlm_ta: .na.character",
		"publisher_name: BioMed Central":            "publisher_name: .na.character",
		"keywords: macrophages | stem cells | IL-6": "keywords: .na.character",
	}
	data := valueRulesPage(t, gap)
	lineOf := func(prefix string) int {
		for i, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, prefix) {
				return i + 1
			}
		}
		t.Fatalf("no line starts with %q", prefix)
		return 0
	}
	fs := ruletest.LintPageAlone(t, ruletest.Registry(t, rules.MissingValue), okPage, data, "missing-value")
	if len(fs) != 1 {
		t.Fatalf("findings %+v; want one", fs)
	}
	f := fs[0]
	if f.Severity != rules.SeverityNote || f.Pointer != "/doi" || f.Range.Start.Line != lineOf("doi:") {
		t.Errorf("finding %+v; want a note at doi", f)
	}
	got := make([]string, 0, len(f.Related))
	for _, r := range f.Related {
		got = append(got, fmt.Sprintf("%d:%d %s", r.Range.Start.Line, r.Range.Start.Column, r.Message))
	}
	want := []string{
		fmt.Sprintf("%d:16 journal_title is \".na.character\"", lineOf("journal_title:")),
		fmt.Sprintf("%d:17 journal_nlm_ta is \".na.character\"", lineOf("journal_nlm_ta:")),
		fmt.Sprintf("%d:17 publisher_name is \".na.character\"", lineOf("publisher_name:")),
		fmt.Sprintf("%d:11 keywords is \".na.character\"", lineOf("keywords:")),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("related:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Without doi the five are no generation's gap: each is a warning.
	delete(gap, "doi: 10.1186/s12935-022-02527-9")
	fs = lintValueRules(t, "missing-value", valueRulesPage(t, gap))
	if len(fs) != 4 {
		t.Fatalf("findings %+v; want four", fs)
	}
	for _, f := range fs {
		if f.Severity != rules.SeverityWarning || len(f.Related) != 0 {
			t.Errorf("finding %+v; want a warning with no related location", f)
		}
	}
}
