package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/cli"
	"github.com/figlint/figlint/internal/testenv"
	"go.yaml.in/yaml/v3"
)

// generateInto runs the command as a user would and fails the test on a
// non-zero exit.
func generateInto(t *testing.T, src, out string, n int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-n", strconv.Itoa(n), "-o", out, "-src", src, "-q"}, &stdout, &stderr); code != 0 {
		t.Fatalf("gen -n %d exited %d: %s", n, code, stderr.String())
	}
}

func countSources(t *testing.T, corpus string) int {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(corpus, "_figures", "*.md"))
	if err != nil || len(m) == 0 {
		t.Fatalf("no source pages in %s: %v", corpus, err)
	}
	return len(m)
}

// lintJSON runs figlint's CLI in-process over dir and decodes its JSON.
type lintOutput struct {
	Findings []struct {
		Rule    string `json:"rule"`
		Path    string `json:"path"`
		Line    int    `json:"line"`
		Message string `json:"message"`
	} `json:"findings"`
	Summary struct {
		Files int `json:"files"`
	} `json:"summary"`
}

func lintJSON(t *testing.T, dir string, extra ...string) (int, lintOutput) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	// --no-cache: a test must neither read nor fill the user's result cache.
	args := append([]string{"--no-cache", "--no-config", "--format", "json"}, extra...)
	code := cli.Main(append(args, dir), cli.IO{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr,
		Getenv: func(string) string { return "" }})
	var out lintOutput
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("figlint exited %d with unreadable JSON: %v\nstderr: %s", code, err, stderr.String())
	}
	return code, out
}

// TestGeneratedPagesLintClean: several copies of the sample (the last one
// partial) have no figure-identity or duplicate-alias finding, and a
// planted collision shows that the two rules do run on these pages.
func TestGeneratedPagesLintClean(t *testing.T) {
	corpus := testenv.Corpus(t)
	n := 3*countSources(t, corpus) + 5
	out := filepath.Join(t.TempDir(), "pages")
	generateInto(t, corpus, out, n)

	code, res := lintJSON(t, out, "--enable-only", "figure-identity,duplicate-alias")
	if code != cli.ExitClean || len(res.Findings) != 0 {
		t.Errorf("figlint exited %d with %d findings; expected none, first: %+v", code, len(res.Findings), res.Findings[:min(3, len(res.Findings))])
	}
	if res.Summary.Files != n {
		t.Errorf("figlint saw %d files; expected %d", res.Summary.Files, n)
	}

	// Plant a collision: page b takes page a's figid_alias.
	pages, _ := filepath.Glob(filepath.Join(out, "_figures", "*.md"))
	sort.Strings(pages)
	a, b := pages[0], pages[len(pages)-1]
	aliasRe := regexp.MustCompile(`(?m)^figid_alias: (\S+)$`)
	aText, _ := os.ReadFile(a)
	bText, _ := os.ReadFile(b)
	aAlias := aliasRe.FindSubmatch(aText)[1]
	bText = aliasRe.ReplaceAll(bText, append([]byte("figid_alias: "), aAlias...))
	if err := os.WriteFile(b, bText, 0o644); err != nil {
		t.Fatal(err)
	}
	_, res = lintJSON(t, out, "--enable-only", "figure-identity,duplicate-alias")
	got := map[string]int{}
	for _, f := range res.Findings {
		got[f.Rule]++
	}
	if got["duplicate-alias"] != 2 || got["figure-identity"] != 1 {
		t.Errorf("after planting a shared figid_alias, findings by rule = %v; expected duplicate-alias 2 and figure-identity 1", got)
	}
}

// TestDeterministic: the output depends only on N, and page j is the same
// whatever N is, so a smaller run is a prefix of a larger one.
func TestDeterministic(t *testing.T) {
	corpus := testenv.Corpus(t)
	s := countSources(t, corpus)
	dir := t.TempDir()
	small, big1, big2 := filepath.Join(dir, "small"), filepath.Join(dir, "big1"), filepath.Join(dir, "big2")
	generateInto(t, corpus, small, s+7)
	generateInto(t, corpus, big1, 2*s+3)
	generateInto(t, corpus, big2, 2*s+3)
	// Regenerating over an earlier output replaces it.
	generateInto(t, corpus, big2, 2*s+3)

	b1, b2, sm := readTree(t, big1), readTree(t, big2), readTree(t, small)
	if len(b1) != len(b2) {
		t.Fatalf("two runs wrote %d and %d files", len(b1), len(b2))
	}
	for name, data := range b1 {
		if !bytes.Equal(data, b2[name]) {
			t.Errorf("%s differs between two runs with the same N", name)
		}
	}
	for name, data := range sm {
		if !bytes.Equal(data, b1[name]) {
			t.Errorf("%s of the smaller run is not the same file in the larger run", name)
		}
	}
	if pages := countPrefix(sm, "_figures/"); pages != s+7 {
		t.Errorf("small run wrote %d pages; expected %d", pages, s+7)
	}
}

func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, sub := range []string{"_figures", "_data"} {
		entries, err := os.ReadDir(filepath.Join(root, sub))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(root, sub, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			files[sub+"/"+e.Name()] = b
		}
	}
	return files
}

func countPrefix(files map[string][]byte, prefix string) int {
	n := 0
	for name := range files {
		if strings.HasPrefix(name, prefix) {
			n++
		}
	}
	return n
}

// identityKeyRe matches the lines gen may rewrite.
var identityKeyRe = regexp.MustCompile(`^(figid|pmcid|filename|figlink|number|figid_alias|figtype|redirect_from|  '@id'):`)

// TestPagesAreConsistentCopies checks the output without figlint: every
// page's identity fields agree with each other and its file name, figids
// and aliases are unique, and every other line, and the tables, are those
// of a source page with the same image name.
func TestPagesAreConsistentCopies(t *testing.T) {
	corpus := testenv.Corpus(t)
	n := 2*countSources(t, corpus) + 11
	out := filepath.Join(t.TempDir(), "pages")
	generateInto(t, corpus, out, n)

	srcPages := readTree(t, corpus)
	byImage := map[string][]string{} // image name -> source figids
	for name := range srcPages {
		if stem, ok := strings.CutSuffix(strings.TrimPrefix(name, "_figures/"), ".md"); ok && strings.HasPrefix(name, "_figures/") {
			_, image, _ := strings.Cut(stem, "__")
			byImage[image] = append(byImage[image], stem)
		}
	}

	gen := readTree(t, out)
	aliases := map[string]string{}
	pages := 0
	for name, data := range gen {
		stem, ok := strings.CutSuffix(strings.TrimPrefix(name, "_figures/"), ".md")
		if !ok || !strings.HasPrefix(name, "_figures/") {
			continue
		}
		pages++
		fm := map[string]any{}
		text := strings.TrimPrefix(string(data), "---\n")
		if err := yaml.Unmarshal([]byte(text[:strings.Index(text, "\n---")+1]), &fm); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		str := func(k string) string { s, _ := fm[k].(string); return s }
		pmcid, number := str("pmcid"), str("number")
		pmc, image, _ := strings.Cut(stem, "__")
		jsonld, _ := fm["schema-jsonld"].(map[string]any)
		want := map[string]string{
			"figid":         stem,
			"pmcid":         pmc,
			"figid_alias":   pmcid + "__" + number,
			"redirect_from": "/figures/" + pmcid + "__" + number,
		}
		for k, v := range want {
			if str(k) != v {
				t.Errorf("%s: %s = %q; expected %q", name, k, str(k), v)
			}
		}
		if id, _ := jsonld["@id"].(string); id != "https://pfocr.wikipathways.org/figures/"+stem+".html" {
			t.Errorf("%s: schema-jsonld.@id = %q", name, id)
		}
		if fn := str("filename"); strings.TrimSuffix(fn, filepath.Ext(fn)) != image {
			t.Errorf("%s: filename %q; expected %q plus an extension", name, fn, image)
		}
		if !regexp.MustCompile(`^/pmc/articles/` + pmcid + `/figure/[^/]+/$`).MatchString(str("figlink")) {
			t.Errorf("%s: figlink %q does not name pmcid %q with a trailing /", name, str("figlink"), pmcid)
		}
		if other, dup := aliases[str("figid_alias")]; dup {
			t.Errorf("%s and %s share figid_alias %q", name, other, str("figid_alias"))
		}
		aliases[str("figid_alias")] = name

		// The rest of the text, and the tables, come from a source page.
		matched := ""
		for _, src := range byImage[image] {
			if sameExceptIdentity(string(srcPages["_figures/"+src+".md"]), string(data)) {
				matched = src
				break
			}
		}
		if matched == "" {
			t.Errorf("%s: no source page with image %q has the same text outside the identity fields", name, image)
			continue
		}
		for _, suf := range tableSuffixes {
			srcTable, inSrc := srcPages["_data/"+matched+suf]
			genTable, inGen := gen["_data/"+stem+suf]
			if inSrc != inGen || !bytes.Equal(srcTable, genTable) {
				t.Errorf("%s: table %s present %v (source %s: %v) or differs", name, suf, inGen, matched, inSrc)
			}
		}
	}
	if pages != n {
		t.Errorf("wrote %d pages; expected %d", pages, n)
	}
}

func sameExceptIdentity(a, b string) bool {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	if len(al) != len(bl) {
		return false
	}
	for i := range al {
		if al[i] == bl[i] {
			continue
		}
		// A differing line must be the same identity field in both.
		key := identityKeyRe.FindString(al[i])
		if key == "" || key != identityKeyRe.FindString(bl[i]) {
			return false
		}
	}
	return true
}

// page is a minimal current-generation page for parseSource tests.
const page = `---
figid: PMC4608393__elife08931f008
figtitle: Schematic view
pmcid: PMC4608393
filename: PMC4608393__elife08931f008.jpg
figlink: /pmc/articles/PMC4608393/figure/fig8
number: F1
caption: A caption
figid_alias: PMC4608393__F1
figtype: Figure
redirect_from: /figures/PMC4608393__F1
schema-jsonld:
  '@context': https://schema.org/
  '@id': https://pfocr.wikipathways.org/figures/PMC4608393__elife08931f008.html
---
`

func TestParseSourceRewrites(t *testing.T) {
	s, why := parseSource("PMC4608393__elife08931f008.md", []byte(page))
	if why != "" {
		t.Fatalf("parseSource: %s", why)
	}
	var buf bytes.Buffer
	id := s.identity(30000001)
	s.render(&buf, &id)
	// The expected page, written out by hand: figlink names figure 8, so
	// the number becomes F8; filename loses its prefix; figlink gains its /.
	want := `---
figid: PMC30000001__elife08931f008
figtitle: Schematic view
pmcid: PMC30000001
filename: elife08931f008.jpg
figlink: /pmc/articles/PMC30000001/figure/fig8/
number: F8
caption: A caption
figid_alias: PMC30000001__F8
figtype: Figure
redirect_from: /figures/PMC30000001__F8
schema-jsonld:
  '@context': https://schema.org/
  '@id': https://pfocr.wikipathways.org/figures/PMC30000001__elife08931f008.html
---
`
	if got := buf.String(); got != want {
		t.Errorf("rendered page:\n%s\nexpected:\n%s", got, want)
	}
}

func TestParseSourceSkips(t *testing.T) {
	for _, tc := range []struct {
		name, file, text, why string
	}{
		{"not a figid name", "page.md", page, "file name"},
		{"quoted figid", "PMC4608393__elife08931f008.md", strings.Replace(page, "figid: PMC4608393__elife08931f008", "figid: 'PMC4608393__elife08931f008'", 1), "figid is not a one-line plain scalar"},
		{"legacy page", "PMC4608393__elife08931f008.md", strings.Replace(page, "figid_alias: PMC4608393__F1\n", "", 1), "figid_alias is missing"},
		{"comment after value", "PMC4608393__elife08931f008.md", strings.Replace(page, "number: F1", "number: F1 # checked", 1), "number is not a one-line plain scalar"},
		{"bad number", "PMC4608393__elife08931f008.md", strings.Replace(page, "number: F1", "number: Fig1", 1), "not a PFOCR figure number"},
		{"unterminated", "PMC4608393__elife08931f008.md", strings.TrimSuffix(page, "---\n"), "not terminated"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, why := parseSource(tc.file, []byte(tc.text))
			if !strings.Contains(why, tc.why) {
				t.Errorf("why = %q; expected it to contain %q", why, tc.why)
			}
		})
	}
}

func TestDigitsAgree(t *testing.T) {
	for _, tc := range []struct {
		num, fig string
		want     bool
	}{
		{"1", "F1", true},
		{"7", "fig-0007", true},
		{"1", "fig8", false},
		{"1", "ga", true},
		{"2", "j_med-2022-0615_ga_001", false},
		{"10", "F10", true},
	} {
		if got := digitsAgree(tc.num, tc.fig); got != tc.want {
			t.Errorf("digitsAgree(%q, %q) = %v; expected %v", tc.num, tc.fig, got, tc.want)
		}
	}
}

func TestPMCPlan(t *testing.T) {
	srcs := []*source{{pmc: 12240324}, {pmc: 100003}, {pmc: 12240324}}
	p := newPMCPlan(srcs)
	for _, tc := range []struct{ k, src, want int }{
		{0, 100003, 100003},     // copy 0 keeps the PMC id
		{1, 100003, 20000000},   // first new id is above every source id
		{1, 12240324, 20000001}, // pages of one article share theirs
		{2, 100003, 20000002},
		{3, 12240324, 20000005},
	} {
		if got := p.pmc(tc.k, tc.src); got != tc.want {
			t.Errorf("pmc(%d, %d) = %d; expected %d", tc.k, tc.src, got, tc.want)
		}
	}
}

func TestRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := prepareOut(dir); err == nil || !strings.Contains(err.Error(), "not written by gen") {
		t.Errorf("prepareOut on a foreign folder: %v; expected a refusal", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "keep.txt")); err != nil {
		t.Errorf("the foreign file is gone: %v", err)
	}
}

func TestUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-n", "5"}, &stdout, &stderr); code != 2 {
		t.Errorf("without -o: exit %d; expected 2", code)
	}
	if code := run([]string{"-n", "0", "-o", t.TempDir()}, &stdout, &stderr); code != 2 {
		t.Errorf("with -n 0: exit %d; expected 2", code)
	}
}
