package engine_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/internal/testenv"
	"github.com/figlint/figlint/rules"
)

func corpusDir(tb testing.TB) string { return testenv.Corpus(tb) }

// newEngine returns an engine with the core rules on: parsing, the schema
// and legacy-format. The domain rules have their own corpus tests.
func newEngine(tb testing.TB) *engine.Engine {
	reg := ruletest.Registry(tb)
	family, err := reg.Match("schema/*")
	if err != nil {
		tb.Fatal(err)
	}
	ids := append([]string{"front-matter", "yaml-syntax", "duplicate-key", "non-string-key", "legacy-format"}, family...)
	return engine.New(reg, engine.Options{Enabled: ids})
}

// TestCorpus lints the whole real sample with the core rules: no internal
// error, and no finding: every real page parses and matches the schema
// (the five figlinks without a trailing "/" are figure-identity's, which
// has its own corpus test).
func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	files, errs := engine.Collect([]string{filepath.Join(dir, "_figures")}, ".", nil)
	if len(errs) > 0 || len(files) < 70 {
		t.Fatalf("collected %d files, errors %v", len(files), errs)
	}
	err := newEngine(t).Run(files, 4, func(r engine.Result) error {
		if r.Err != nil {
			t.Errorf("%s: internal error %v", r.File.Display, r.Err)
		}
		for _, f := range r.Findings {
			t.Errorf("unexpected finding %s:%d:%d %s [%s]", f.Path, f.Range.Start.Line, f.Range.Start.Column, f.Message, f.Rule)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCorpusAllRules runs every rule over the real sample: no internal
// error, and every finding of every rule lies on a real line and column of
// the file it names (a page, or a page's table).
func TestCorpusAllRules(t *testing.T) {
	dir := corpusDir(t)
	files, _ := engine.Collect([]string{filepath.Join(dir, "_figures")}, ".", nil)
	counts := map[string]int{}
	err := ruletest.Engine(t).Run(files, 2, func(r engine.Result) error {
		if r.Err != nil {
			t.Errorf("%s: internal error %v", r.File.Display, r.Err)
		}
		for _, f := range r.Findings {
			counts[f.Rule]++
			data, err := os.ReadFile(f.Path)
			if err != nil {
				t.Errorf("finding in unreadable file %s: %v", f.Path, err)
				continue
			}
			checkOnRealLine(t, f, strings.Split(string(data), "\n"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("findings per rule on the corpus: %v", counts)
}

func checkOnRealLine(t *testing.T, f rules.Finding, lines []string) {
	t.Helper()
	s, e := f.Range.Start, f.Range.End
	if s.Line < 1 || s.Line > len(lines) || e.Line < s.Line || e.Line > len(lines) {
		t.Errorf("%s: range %v outside the file's %d lines", f.Path, f.Range, len(lines))
		return
	}
	if s.Column < 1 || s.Column > utf8.RuneCountInString(lines[s.Line-1])+1 {
		t.Errorf("%s:%d: column %d outside the line", f.Path, s.Line, s.Column)
	}
	if e.Column < 1 || e.Column > utf8.RuneCountInString(lines[e.Line-1])+1 || (e.Line == s.Line && e.Column < s.Column) {
		t.Errorf("%s:%d: end %d:%d invalid", f.Path, s.Line, e.Line, e.Column)
	}
}

const seedPage = "_figures/PMC8932105__12935_2022_2527_Fig7_HTML.md"

// TestSeedPage: the seed page is a correct current-generation page, so the
// core rules find nothing in it; broken in each way below, each finding sits
// at the line and column computed here from the text itself.
func TestSeedPage(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(corpusDir(t), seedPage))
	if err != nil {
		t.Fatal(err)
	}
	eng := newEngine(t)
	if fs := eng.LintDocument(frontmatter.Parse("seed.md", data)); len(fs) != 0 {
		t.Fatalf("seed page findings: %+v; want none", fs)
	}
	src := string(data)
	// lineOf finds the 1-based line and column of the first occurrence of
	// needle in text.
	lineOf := func(text, needle string) (int, int) {
		i := strings.Index(text, needle)
		if i < 0 {
			t.Fatalf("%q not in the page", needle)
		}
		line := strings.Count(text[:i], "\n") + 1
		col := utf8.RuneCountInString(text[strings.LastIndex(text[:i], "\n")+1:i]) + 1
		return line, col
	}
	for _, tc := range []struct {
		name, old, new, rule, at string // at: text whose position the finding starts at
		endLen                   int    // length in runes of the span on its line
	}{
		{"year unquoted", "year: '2022'", "year: 2022", "schema/type", "2022\n", 4},
		{"pmcid lower case", "pmcid: PMC8932105", "pmcid: pmc8932105", "schema/pattern", "pmc8932105", 10},
		{"score out of range", "automl_pathway: 0.9543666", "automl_pathway: 1.9543666", "schema/maximum", "1.9543666", 9},
		{"figtype misspelt", "figtype: Figure", "figtype: Figur", "schema/enum", "Figur\n", 5},
		{"licence changed", "license: CC0", "license: CC-BY", "schema/const", "CC-BY", 5},
		{"unknown field", "ndex: ''", "ndex: ''\ncurator: x", "schema/additionalProperties", "curator:", 7},
		{"duplicate key", "seo: CreativeWork", "seo: CreativeWork\nseo: CreativeWork", "duplicate-key", "seo: CreativeWork\nseo", 3},
		{"keyword boolean", "  - Jun\n", "  - 'Jun'\n  - YES\n  - true\n", "schema/type", "true\n", 4},
		{"tab indent", "  '@type': Dataset", "\t'@type': Dataset", "yaml-syntax", "\t'@type'", 1},
		{"creator name missing", "    name: WikiPathways\n", "", "schema/required", "creator:", 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			broken := strings.Replace(src, tc.old, tc.new, 1)
			if broken == src {
				t.Fatalf("mutation %q did not apply", tc.old)
			}
			wantLine, wantCol := lineOf(broken, tc.at)
			if tc.rule == "duplicate-key" {
				wantLine++ // the second occurrence
				wantCol = 1
			}
			if strings.HasPrefix(tc.at, "  ") {
				wantCol += 2
			}
			fs := eng.LintDocument(frontmatter.Parse("seed.md", []byte(broken)))
			if len(fs) != 1 {
				t.Fatalf("findings %+v; want exactly one %s", fs, tc.rule)
			}
			f := fs[0]
			want := rules.Range{Start: rules.Position{Line: wantLine, Column: wantCol}, End: rules.Position{Line: wantLine, Column: wantCol + tc.endLen}}
			if f.Rule != tc.rule || f.Range != want {
				t.Fatalf("got %s at %v; want %s at %v (%s)", f.Rule, f.Range, tc.rule, want, f.Message)
			}
		})
	}
}
