package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/testenv"
	"github.com/figlint/figlint/rules"
)

// No built-in rule reports related locations yet, so these tests use two
// test-only rules over the pages of fixtures/format/related.
const relatedFixtures = "../../fixtures/format/related"

// relatedKeysRule reports one finding per page at its first key, whose
// related places are the other top-level keys (more than the formats
// show, on the first page; keys with control characters, on the second).
var relatedKeysRule = rules.Rule{
	Meta: rules.Meta{ID: "test-related-keys", Severity: rules.SeverityWarning,
		Summary: "names a page's other top-level keys", Doc: "A rule for tests."},
	Run: func(p *rules.Pass) {
		root := p.Doc.Root
		if root == nil || len(root.Content) < 4 {
			return
		}
		f := rules.Diagnostic{Node: root.Content[0],
			Message: fmt.Sprintf("the page has %d top-level keys", len(root.Content)/2)}
		for i := 2; i < len(root.Content); i += 2 {
			k := root.Content[i]
			f.Related = append(f.Related, rules.Related{Range: p.Doc.NodeRange(k), Message: "key " + k.Value})
		}
		p.Report(f)
	},
}

// relatedTableRule reports one finding at a page's figid whose related
// places are in two files: each row of the genes table, and the page's
// keywords key.
var relatedTableRule = rules.Rule{
	Meta: rules.Meta{ID: "test-related-table", Severity: rules.SeverityError,
		Summary: "names the rows of a page's genes table", Doc: "A rule for tests."},
	Run: func(p *rules.Pass) {
		e, ok := p.Doc.Lookup("/figid")
		if !ok {
			return
		}
		path, data, err := p.Companion(e.Target.Value + "-genes.tsv")
		if err != nil {
			return
		}
		f := rules.Diagnostic{Node: e.Value, Pointer: "/figid"}
		for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")[1:] {
			cells := strings.Split(line, "\t")
			end := rules.Position{Line: i + 2, Column: 1 + utf8.RuneCountInString(line)}
			f.Related = append(f.Related, rules.Related{Path: path, Message: "the row of " + cells[min(5, len(cells)-1)],
				Range: rules.Range{Start: rules.Position{Line: i + 2, Column: 1}, End: end}})
		}
		f.Message = fmt.Sprintf("the genes table has %d rows", len(f.Related))
		if k, ok := p.Doc.Lookup("/keywords"); ok {
			f.Related = append(f.Related, rules.Related{Range: p.Doc.NodeRange(k.Key), Message: "the keywords"})
		}
		p.Report(f)
	},
}

// lintRelated lints fixtures/format/related with the two test rules and
// duplicate-key (whose finding has no related places), through a cache
// in cacheDir when it is not "".
func lintRelated(t *testing.T, cacheDir string) (*rules.Registry, []engine.Result, Summary, string) {
	t.Helper()
	reg, err := rules.NewRegistry(relatedKeysRule, relatedTableRule, rules.DuplicateKey)
	if err != nil {
		t.Fatal(err)
	}
	dir, err := filepath.Abs(relatedFixtures)
	if err != nil {
		t.Fatal(err)
	}
	files, errs := engine.Collect([]string{dir}, dir, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	opts := engine.Options{WorkDir: dir}
	if cacheDir != "" {
		c, cerr := engine.OpenCache(cacheDir, []byte("related"))
		if cerr != nil {
			t.Fatal(cerr)
		}
		defer func() { _ = c.Close() }()
		opts.Cache = c
	}
	var out []engine.Result
	var sum Summary
	err = engine.New(reg, opts).Run(files, 2, func(r engine.Result) error {
		if r.Err != nil {
			t.Errorf("%s: %v", r.File.Display, r.Err)
		}
		sum.Files++
		for _, f := range r.Findings {
			sum.Add(f)
		}
		out = append(out, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return reg, out, sum, dir
}

// relatedOutputs renders the results in every format but HTML.
func relatedOutputs(t *testing.T, reg *rules.Registry, results []engine.Result, sum Summary, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, opts := range map[string]Options{"text": {Snippet: true}, "text-nosnippet": {}, "json": {}} {
		var buf bytes.Buffer
		rep, err := New(strings.TrimSuffix(name, "-nosnippet"), &buf, opts)
		if err != nil {
			t.Fatal(err)
		}
		render(t, rep, results, sum)
		out[name] = buf.String()
	}
	sarif := string(sarifOf(t, results, sum, Options{Registry: reg, Version: "0.0.0-test", Dir: dir}, 0))
	out["sarif"] = strings.Replace(sarif, fileURI(RepoRoot(dir), true), "file:///REPO/", 1)
	summary := filepath.Join(t.TempDir(), "summary.md")
	var gh bytes.Buffer
	render(t, NewGitHub(&gh, Options{Dir: dir, Getenv: envOf(map[string]string{"GITHUB_STEP_SUMMARY": summary})}), results, sum)
	out["github"] = gh.String()
	md, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	out["summary.md"] = string(md)
	return out
}

// TestRelatedGolden renders findings with related locations in every
// format: several rules, places in a page and in its genes table, more
// places than the capped formats show, and control characters in the
// places' messages. The goldens are fixtures/format/related.*.golden
// (go test ./internal/report -update rewrites them). A run from the cache
// renders the same.
func TestRelatedGolden(t *testing.T) {
	reg, results, sum, dir := lintRelated(t, "")
	got := relatedOutputs(t, reg, results, sum, dir)
	for name, text := range got {
		testenv.Golden(t, filepath.Join("..", "..", "fixtures", "format", "related."+name+".golden"), text, *update, "./internal/report")
	}
	cache := t.TempDir()
	for _, run := range []string{"first cached run", "from the cache"} {
		reg, results, sum, dir := lintRelated(t, cache)
		if diff := cmp.Diff(got, relatedOutputs(t, reg, results, sum, dir)); diff != "" {
			t.Errorf("%s renders differently (-uncached +cached):\n%s", run, diff)
		}
	}
}

// TestRelatedSARIFSchema validates the related case against the SARIF
// 2.1.0 schema, and checks each relatedLocations entry against its
// finding's related place: ids 1, 2, … within the result, the URI built
// as the main location's is (so a page and its genes table each keep one
// URI), the region and the message. With FIGLINT_WRITE_RELATED_SARIF
// set, it writes the log to that file: scripts/ci/sarif-multitool.sh
// validates it with GitHub's ingestion rules, as no rule's findings in the
// fixtures have related places yet.
func TestRelatedSARIFSchema(t *testing.T) {
	reg, results, sum, dir := lintRelated(t, "")
	out := sarifOf(t, results, sum, Options{Registry: reg, Version: "0.0.0-test", Dir: dir}, 0)
	if path := os.Getenv("FIGLINT_WRITE_RELATED_SARIF"); path != "" {
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sch := compileSARIFSchema(t)
	if err := validateSARIF(t, sch, out); err != nil {
		t.Fatalf("the log does not match the SARIF schema: %v", err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID           string `json:"ruleId"`
				Locations        []sarifLocation
				RelatedLocations []sarifRelatedLoc `json:"relatedLocations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	s, err := NewSARIF(&bytes.Buffer{}, Options{Registry: reg, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var want [][]sarifRelatedLoc
	for _, r := range results {
		for _, f := range r.Findings {
			var rs []sarifRelatedLoc
			for i, rel := range f.Related {
				rs = append(rs, sarifRelatedLoc{ID: i + 1, Message: &sarifText{Text: rel.Message},
					PhysicalLocation: sarifPhysical{ArtifactLocation: *s.artifact(rel.Path), Region: region(rel.Range)}})
			}
			want = append(want, rs)
		}
	}
	got := make([][]sarifRelatedLoc, 0, len(log.Runs[0].Results))
	files := map[string]bool{}
	for _, r := range log.Runs[0].Results {
		got = append(got, r.RelatedLocations)
		for _, rl := range r.RelatedLocations {
			files[rl.PhysicalLocation.ArtifactLocation.URI] = true
		}
	}
	// The log orders results by severity, not as the findings came:
	// compare the two as multisets.
	multiset := func(rs [][]sarifRelatedLoc) map[string]int {
		m := map[string]int{}
		for _, r := range rs {
			b, _ := json.Marshal(r)
			m[string(b)]++
		}
		return m
	}
	if diff := cmp.Diff(multiset(want), multiset(got)); diff != "" {
		t.Errorf("relatedLocations (-want +got):\n%s", diff)
	}
	if !files["fixtures/format/related/_data/PMC1__fig1-genes.tsv"] || !files["fixtures/format/related/_figures/PMC1__fig1.md"] {
		t.Errorf("related locations are in %v; want the page and its genes table", files)
	}
}

// TestSARIFRelatedBare: a related place with no line has no region, and
// one with no message has no message object (which would need a text).
func TestSARIFRelatedBare(t *testing.T) {
	f := rules.Finding{Rule: "doi-format", Severity: rules.SeverityError, Path: "a.md", Message: "m",
		Range:   rules.Range{Start: rules.Position{Line: 2, Column: 3}, End: rules.Position{Line: 2, Column: 9}},
		Related: []rules.Related{{Path: "b.tsv"}, {Path: "a.md", Range: rules.Range{Start: rules.Position{Line: 4, Column: 1}}}}}
	res := []engine.Result{{File: engine.File{Display: "a.md", Path: "a.md"}, Findings: []rules.Finding{f}}}
	reg := testRegistry(t)
	out := sarifOf(t, res, Summary{}, Options{Registry: reg, Dir: t.TempDir()}, 0)
	if err := validateSARIF(t, compileSARIFSchema(t), out); err != nil {
		t.Fatalf("the log does not match the SARIF schema: %v", err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RelatedLocations []map[string]any `json:"relatedLocations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	rl := log.Runs[0].Results[0].RelatedLocations
	if len(rl) != 2 {
		t.Fatalf("%d related locations; want 2", len(rl))
	}
	for i, l := range rl {
		if _, ok := l["message"]; ok {
			t.Errorf("related location %d has a message: %v", i, l)
		}
		_, hasRegion := l["physicalLocation"].(map[string]any)["region"]
		if hasRegion != (i == 1) || l["id"] != float64(i+1) {
			t.Errorf("related location %d: %v", i, l)
		}
	}
}

// TestEscapeControl: the related lines of the text format show control
// characters, bidirectional controls and invalid UTF-8 as escapes.
func TestEscapeControl(t *testing.T) {
	for in, want := range map[string]string{
		"plain é\ttab":        "plain é\ttab",
		"a\x1b[31mb":          `a\x1b[31mb`,
		"line\nbreak\r":       `line\x0abreak\x0d`,
		"del\x7f c1\u0085":    `del\x7f c1\u0085`,
		"rtl\u202eoverride":   `rtl\u202eoverride`,
		"isolate\u2066x":      `isolate\u2066x`,
		"bad\xffbyte":         `bad\xffbyte`,
		"":                    "",
		"zero\x00width\u200b": `zero\x00width` + "\u200b",
	} {
		if got := escapeControl(in); got != want {
			t.Errorf("escapeControl(%q) = %q; want %q", in, got, want)
		}
	}
	var buf bytes.Buffer
	txt := &Text{w: &buf}
	if err := txt.Begin(); err != nil {
		t.Fatal(err)
	}
	res := engine.Result{File: engine.File{Display: "a.md"}, Findings: []rules.Finding{{Rule: "r", Severity: rules.SeverityNote,
		Path: "a.md", Message: "m", Range: rules.Range{Start: rules.Position{Line: 1, Column: 1}},
		Related: []rules.Related{{Path: "dir\x1b]0;x\x07/b.md", Message: "value\n\x1b[2J"}, {Path: "c.md"}}}}}
	if err := txt.File(res); err != nil {
		t.Fatal(err)
	}
	want := "a.md:1:1: note: m [r]\n" +
		"  = related: dir\\x1b]0;x\\x07/b.md: value\\x0a\\x1b[2J\n" +
		"  = related: c.md\n"
	if got := buf.String(); got != want {
		t.Errorf("text:\n got %q\nwant %q", got, want)
	}
}

// TestAlsoAt: the annotation's list of related places, capped as the text
// format is, with repository-relative paths.
func TestAlsoAt(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	g := NewGitHub(&bytes.Buffer{}, Options{Dir: filepath.Join(root, "site")})
	place := func(path string, line int) rules.Related {
		return rules.Related{Path: path, Range: rules.Range{Start: rules.Position{Line: line, Column: 2}}, Message: "ignored"}
	}
	many := make([]rules.Related, 0, 7)
	for i := range 7 {
		many = append(many, place("a.md", i+1))
	}
	for _, tc := range []struct {
		rs   []rules.Related
		want string
	}{
		{nil, ""},
		{[]rules.Related{place("a.md", 3)}, " (also at site/a.md:3:2)"},
		{[]rules.Related{place("a.md", 3), {Path: "_data/t.tsv"}}, " (also at site/a.md:3:2 and site/_data/t.tsv)"},
		{many[:5], " (also at site/a.md:1:2, site/a.md:2:2, site/a.md:3:2, site/a.md:4:2 and site/a.md:5:2)"},
		{many, " (also at site/a.md:1:2, site/a.md:2:2, site/a.md:3:2, site/a.md:4:2 and 3 more)"},
	} {
		if got := g.alsoAt(tc.rs, map[string]string{}); got != tc.want {
			t.Errorf("alsoAt(%d places) = %q; want %q", len(tc.rs), got, tc.want)
		}
	}
}

// TestRelatedHTML: the report lists at most MaxRelatedShown related
// places under a finding's message, each linked to its file, and says how
// many more there are; rows without related places keep their shape.
func TestRelatedHTML(t *testing.T) {
	reg, results, sum, dir := lintRelated(t, "")
	var buf bytes.Buffer
	render(t, NewHTML(&buf, Options{Registry: reg, Dir: dir}), results, sum)
	out := buf.String()
	checkSelfContained(t, out)
	for _, want := range []string{
		// The first page's 7 other keys: 4 listed and "and 3 more".
		`<td class="msg">the page has 8 top-level keys<ul class="related"><li><a class="mono" href="_figures/PMC1__fig1.md">_figures/PMC1__fig1.md:3:1</a> key pmcid</li>`,
		`<li><a class="mono" href="_figures/PMC1__fig1.md">_figures/PMC1__fig1.md:6:1</a> key organisms</li><li class="muted">and 3 more related places</li></ul></td></tr>`,
		// Places in two files, all four listed.
		`<li><a class="mono" href="_data/PMC1__fig1-genes.tsv">_data/PMC1__fig1-genes.tsv:4:1</a> the row of CTNNB1</li><li><a class="mono" href="_figures/PMC1__fig1.md">_figures/PMC1__fig1.md:9:1</a> the keywords</li></ul>`,
		// Control characters escaped as in the text format.
		`_figures/PMC2__fig2.md:4:1</a> key bidi\u202ekey</li>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %s", want)
		}
	}
	if n := strings.Count(out, `<ul class="related">`); n != 3 {
		t.Errorf("%d related lists; want 3", n)
	}
	if n := strings.Count(out, `<tr class="f"`); n != 4 {
		t.Errorf("%d rows; want 4", n)
	}
}
