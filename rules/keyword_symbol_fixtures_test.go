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
	"github.com/figlint/figlint/internal/lexicon"
	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/internal/testenv"
	"github.com/figlint/figlint/rules"
	"github.com/figlint/figlint/schema"
)

// keywordRegistry is the built-in registry with the keyword rules using
// set (nil: the built-in lexicons), whether or not Builtin registers them
// yet.
func keywordRegistry(t *testing.T, set *lexicon.Set) *rules.Registry {
	t.Helper()
	v, err := schema.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	rs := append(rules.Builtin(), v.Rule())
	registered := false
	for _, r := range rs {
		registered = registered || r.ID == "keyword-symbol"
	}
	if registered {
		rs = rules.WithLexicons(rs, set)
	} else {
		rs = append(rs, rules.KeywordRules(set)...)
	}
	reg, err := rules.NewRegistry(rs...)
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// flyLexicons is the built-in lexicons plus the fly fixture's.
func flyLexicons(t *testing.T) *lexicon.Set {
	t.Helper()
	b := lexicon.NewBuilder()
	b.TaxonName = rules.TaxonName
	if _, err := b.ReadFile(filepath.Join("..", "fixtures", "lexicon", "Drosophila_melanogaster.gene_info")); err != nil {
		t.Fatal(err)
	}
	f, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return rules.BuiltinLexicons().With(f)
}

func TestKeywordSymbolFixtures(t *testing.T) {
	ruletest.RunRule(t, keywordRegistry(t, nil), "../fixtures/rules/keyword-symbol/_figures", "keyword-symbol")
	ruletest.RunRule(t, keywordRegistry(t, flyLexicons(t)), "../fixtures/rules/keyword-symbol/with-fly-lexicon/_figures", "keyword-symbol")
	ruletest.Run(t, engine.New(keywordRegistry(t, nil), engine.Options{}), "../fixtures/ok")
}

// TestKeywordRulesCorpus runs the keyword rules over the real sample and
// pins what was checked by hand. keyword-symbol has no finding: every gene
// keyword is an official symbol (human ones in the 2022 lexicon) or fits
// its organism's block by shape; the 83 findings of earlier versions of
// the rule, read one by one, were all wrong and led to the block
// assignment, the MGI and HGNC shapes and the rule for organisms with
// neither lexicon nor shape. keyword-duplicate finds the two real repeats.
// keyword-noise's notes include the fly symbols that are English words;
// it makes one finding per page, naming its noise keywords by kind (32
// findings naming 96 keywords: the 113 noisy keywords of earlier versions,
// less 17 short official symbols of a listed organism, such as C3, AR, F9
// and TH; 44 findings when each kind was one).
func TestKeywordRulesCorpus(t *testing.T) {
	dir := testenv.Corpus(t)
	eng := engine.New(keywordRegistry(t, nil), engine.Options{Enabled: []string{"keyword-symbol", "keyword-duplicate", "keyword-noise"}})
	pages, _ := filepath.Glob(filepath.Join(dir, "_figures", "*.md"))
	counts := map[string]int{}
	named := 0
	var got []string
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range eng.LintDocument(frontmatter.Parse(p, data)) {
			counts[f.Rule]++
			if f.Rule == "keyword-noise" {
				named += 1 + len(f.Related)
			}
			if f.Rule != "keyword-noise" || strings.Contains(f.Message, "English") {
				msg, _, _ := strings.Cut(f.Message, ";")
				got = append(got, fmt.Sprintf("%s:%d %s %s", filepath.Base(p), f.Range.Start.Line, f.Rule, msg))
			}
		}
	}
	if counts["keyword-symbol"] != 0 || counts["keyword-duplicate"] != 2 || counts["keyword-noise"] != 32 || named != 96 {
		t.Errorf("counts %v, %d noisy keywords named; want 0 keyword-symbol, 2 keyword-duplicate, 32 keyword-noise naming 96", counts, named)
	}
	for _, want := range []string{
		`PMC10501637__pone.0288640.g005.md:134 keyword-duplicate keyword "NMU" is listed twice, first as item 27 of the list (line 80)`,
		`PMC6791490__ehp-127-095001-g0003.md:187 keyword-duplicate keyword "TRH" is listed twice, first as item 6 of the list (line 114)`,
		`PMC10017456__fpls-14-1084358-g002.md:97 keyword-noise 4 keywords are likely noise: "Dr", "sr" (one or two characters), "Root", "cash" (English words and Drosophila melanogaster symbols)`,
		`PMC2647780__pcbi.1000287.g001.md:54 keyword-noise 2 keywords are likely noise: "rl" (one or two characters), "Cam" (English words and Drosophila melanogaster symbols)`,
	} {
		if !slices.Contains(got, want) {
			t.Errorf("missing finding %s", want)
		}
	}

	// The seed page, broken: a renamed symbol and a Greek letter among its
	// human symbols.
	seed := filepath.Join(dir, "_figures", "PMC8932105__12935_2022_2527_Fig7_HTML.md")
	data, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	before, after, ok := strings.Cut(string(data), "  - FOS\n")
	if !ok {
		t.Fatal("the seed page no longer lists FOS")
	}
	broken := before + "  - FOS\n  - SEPT9\n  - TNFα\n" + after
	line := strings.Count(before, "\n") + 2
	eng = engine.New(keywordRegistry(t, nil), engine.Options{Enabled: []string{"keyword-symbol"}})
	fs := eng.LintDocument(frontmatter.Parse(seed, []byte(broken)))
	if len(fs) != 2 || fs[0].Range.Start != (rules.Position{Line: line, Column: 5}) ||
		fs[0].Message != `keyword "SEPT9" is a synonym or previous symbol of "SEPTIN9" (Homo sapiens); expected the official symbol` ||
		len(fs[0].Fixes) != 1 || fs[0].Fixes[0].Edits[0].NewText != "SEPTIN9" ||
		fs[1].Range.Start.Line != line+1 || fs[1].Severity != rules.SeverityError {
		t.Fatalf("findings %+v; want SEPT9 at %d:5 with its fix and TNFα after it", fs, line)
	}
}

// TestKeywordRulesExamples: each rule's Bad example gives findings of the
// rule (as many as it shows causes) and its Good example none.
func TestKeywordRulesExamples(t *testing.T) {
	reg := keywordRegistry(t, nil)
	for id, want := range map[string]int{"keyword-symbol": 2, "keyword-duplicate": 1, "keyword-noise": 1} {
		m, _ := reg.Meta(id)
		eng := engine.New(reg, engine.Options{Enabled: []string{id}})
		lint := func(yaml string) int {
			return len(eng.LintDocument(frontmatter.Parse("example.md", []byte("---\n"+yaml+"---\n"))))
		}
		if n := lint(m.Bad); n != want {
			t.Errorf("%s: Bad gives %d findings; want %d", id, n, want)
		}
		if n := lint(m.Good); n != 0 {
			t.Errorf("%s: Good gives %d findings; want none", id, n)
		}
	}
}

// TestKeywordNoiseLeavesMismatchItsEvidence checks one cause, one finding
// on a real plant page whose NER also named the fly through the English
// words "Root" and "cash": with organisms-ner-mismatch on, that rule's
// warning names the fly and points at both words, and keyword-noise says
// nothing of them.
func TestKeywordNoiseLeavesMismatchItsEvidence(t *testing.T) {
	page := filepath.Join(testenv.Corpus(t), "_figures", "PMC10017456__fpls-14-1084358-g002.md")
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	lineOf := func(item string) int {
		for i, l := range lines {
			if l == "  - "+item {
				return i + 1
			}
		}
		t.Fatalf("no keyword item %q", item)
		return 0
	}
	eng := engine.New(keywordRegistry(t, nil), engine.Options{Enabled: []string{"keyword-noise", "organisms-ner-mismatch"}})
	var evidence []int
	for _, f := range eng.LintDocument(frontmatter.Parse(page, data)) {
		if f.Rule == "keyword-noise" && strings.Contains(f.Message, "English") {
			t.Errorf("keyword-noise repeats the mismatch's cause: %s", f.Message)
		}
		if f.Rule == "organisms-ner-mismatch" && strings.Contains(f.Message, `"Drosophila melanogaster"`) {
			for _, r := range f.Related {
				evidence = append(evidence, r.Range.Start.Line)
			}
		}
	}
	for _, w := range []string{"Root", "cash"} {
		if !slices.Contains(evidence, lineOf(w)) {
			t.Errorf("the mismatch's related locations %v lack %q (line %d)", evidence, w, lineOf(w))
		}
	}
}
