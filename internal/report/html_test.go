package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
)

// htmlRowRE matches a finding's row; the groups are the rule, the
// severity, the href, the location (split in two spans) and the message
// (the fix and the related places after it are matched, not captured).
var htmlRowRE = regexp.MustCompile(`<tr class="f" data-rule="([^"]*)" data-sev="([^"]*)"><td class="loc"><a class="mono" href="([^"]*)"><span class="dir">([^<]*)</span><span class="base">([^<]*)</span></a></td><td class="sev"><span class="sev s-[a-z]+">[a-z]+</span></td><td class="msg">([^<]*)(?:<div class="fix">(?:[^<]|</?code>)*</div>)?(?:<ul class="related">(?:[^<]|<(?:/?li[^>]*|/?a[^>]*)>)*</ul>)?</td></tr>`)

// htmlFinding is a finding as a row of the report shows it, unescaped.
type htmlFinding struct {
	Rule, Sev, Loc, Msg string
}

// htmlRows returns the finding rows of a report, unescaped, with their
// hrefs.
func htmlRows(t *testing.T, out string) ([]htmlFinding, []string) {
	t.Helper()
	ms := htmlRowRE.FindAllStringSubmatch(out, -1)
	fs := make([]htmlFinding, 0, len(ms))
	hrefs := make([]string, 0, len(ms))
	for _, m := range ms {
		fs = append(fs, htmlFinding{Rule: html.UnescapeString(m[1]), Sev: m[2],
			Loc: html.UnescapeString(m[4] + m[5]), Msg: html.UnescapeString(m[6])})
		hrefs = append(hrefs, html.UnescapeString(m[3]))
	}
	if n := strings.Count(out, `<tr class="f"`); n != len(fs) {
		t.Fatalf("%d finding rows, of which %d have the expected shape", n, len(fs))
	}
	return fs, hrefs
}

// wantRows lists the findings of results as the report should show them.
func wantRows(results []engine.Result) []htmlFinding {
	var want []htmlFinding
	for _, r := range results {
		for _, f := range r.Findings {
			loc := f.Path
			if f.Range.Start.Line > 0 {
				loc = fmt.Sprintf("%s:%d:%d", f.Path, f.Range.Start.Line, max(1, f.Range.Start.Column))
			}
			want = append(want, htmlFinding{Rule: f.Rule, Sev: f.Severity.String(), Loc: loc, Msg: f.Message})
		}
	}
	return want
}

func sortedRows(fs []htmlFinding) []htmlFinding {
	fs = slices.Clone(fs)
	slices.SortFunc(fs, func(a, b htmlFinding) int {
		return strings.Compare(a.Rule+"\x00"+a.Loc+"\x00"+a.Sev+"\x00"+a.Msg, b.Rule+"\x00"+b.Loc+"\x00"+b.Sev+"\x00"+b.Msg)
	})
	return fs
}

// stat reads the value of a totals card.
func stat(t *testing.T, out, id string) string {
	t.Helper()
	m := regexp.MustCompile(`id="` + id + `"><span class="k">[^<]*</span><b>([^<]*)</b>`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no totals card %q", id)
	}
	return m[1]
}

// Outbound links the report may hold: plain <a href> links to a figure
// at PMC and to a PFOCR page, which a curator clicks and nothing loads.
var (
	pmcLinkRE   = regexp.MustCompile(`^<a class="pmc" href="https://www\.ncbi\.nlm\.nih\.gov/pmc/articles/PMC[0-9]+/figure/[A-Za-z0-9._-]+/?" rel="noreferrer">$`)
	pfocrLinkRE = regexp.MustCompile(`^<a class="pfocr" href="https://pfocr\.wikipathways\.org/figures/PMC[0-9]+__(?:[A-Za-z0-9._~()+-]|%[0-9A-F]{2})+\.html" rel="noreferrer">$`)
	csvLinkRE   = regexp.MustCompile(`^<a id="csv" download="findings\.csv" href="data:text/csv;charset=utf-8,(?:[A-Za-z0-9._~!*(),/:;=@-]|%[0-9A-F]{2})*">$`)
)

// checkSelfContained fails when the report loads anything: every URL in
// an attribute is a fragment or a relative path, but for the two kinds of
// outbound link (to PMC and PFOCR, as plain <a href>) and the CSV
// download's data: URL; and nothing that fetches a resource appears.
func checkSelfContained(t *testing.T, out string) {
	t.Helper()
	for _, bad := range []string{"<link", "<img", "<iframe", "<object", "<embed", "@import", "url(", " src=", "srcset=", "xlink:href", "<base", "<meta http-equiv=\"refresh"} {
		if strings.Contains(out, bad) {
			t.Errorf("the report holds %q: it must load nothing", bad)
		}
	}
	known := func(tag string) bool {
		return pmcLinkRE.MatchString(tag) || pfocrLinkRE.MatchString(tag) || csvLinkRE.MatchString(tag)
	}
	for _, m := range regexp.MustCompile(`<[^>]*(?:https?:|data:)[^>]*>`).FindAllString(out, -1) {
		if !known(m) {
			t.Errorf("a tag holds an http(s) or data: URL other than a known link: %.200s", m)
		}
	}
	for _, m := range regexp.MustCompile(`<[^>]*\s(?:href|action|formaction)="([^"]*)"[^>]*>`).FindAllStringSubmatch(out, -1) {
		u := html.UnescapeString(m[1])
		if strings.HasPrefix(u, "#") || known(m[0]) {
			continue
		}
		if strings.HasPrefix(u, "/") || strings.Contains(strings.SplitN(u, "/", 2)[0], ":") {
			t.Errorf("href %q is not a relative path", u)
		}
		if !regexp.MustCompile(`^(?:[A-Za-z0-9._~/-]|%[0-9A-F]{2})+$`).MatchString(u) {
			t.Errorf("href %q is not percent-encoded", u)
		}
	}
}

func TestHTMLFixtures(t *testing.T) {
	reg := testRegistry(t)
	results, sum, dir := lintFixtures(t, reg)
	if sum.Findings == 0 {
		t.Fatal("the fixtures have no findings")
	}
	// The report in a folder of its own: links lead back to the fixtures.
	reportDir := filepath.Join(t.TempDir(), "audit", "2024")
	if err := os.MkdirAll(reportDir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(reportDir, "report.html")
	rep, err := OpenHTMLFile(path, Options{Registry: reg, Version: "1.2.3", Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	render(t, rep, results, sum)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := string(data)

	// Every finding once, with its rule, severity, location and message.
	got, hrefs := htmlRows(t, out)
	if diff := cmp.Diff(sortedRows(wantRows(results)), sortedRows(got)); diff != "" {
		t.Errorf("finding rows (-want +got):\n%s", diff)
	}
	// Each link leads from the report's folder to the finding's file.
	byLoc := map[string]string{}
	for _, r := range results {
		for _, f := range r.Findings {
			byLoc[fmt.Sprintf("%s:%d:%d", f.Path, f.Range.Start.Line, max(1, f.Range.Start.Column))] = f.Path
		}
	}
	for i, h := range hrefs {
		p, err := url.PathUnescape(h)
		if err != nil {
			t.Fatalf("href %q: %v", h, err)
		}
		target := filepath.Join(reportDir, filepath.FromSlash(p))
		want := filepath.Join(dir, filepath.FromSlash(byLoc[got[i].Loc]))
		if target != want {
			t.Errorf("row %v links to %s, want %s", got[i], target, want)
		}
		if _, err := os.Stat(target); err != nil {
			t.Errorf("row %v links to a missing file: %v", got[i], err)
		}
	}
	if !strings.Contains(out, `_figures/schema%20type%20crlf-bom%20%C3%A9.md"`) {
		t.Error("the awkward file name is not percent-encoded in its link")
	}
	checkSelfContained(t, out)

	// Totals, from the summary the engine's results give.
	for id, want := range map[string]int{"stat-pages": sum.Files, "stat-findings": sum.Findings,
		"stat-errors": sum.Errors, "stat-warnings": sum.Warnings, "stat-notes": sum.Notes} {
		if got := stat(t, out, id); got != formatCount(want) {
			t.Errorf("%s = %s, want %d", id, got, want)
		}
	}
	// Charts, a section and a filter option per rule.
	for _, id := range []string{"chart-health", "chart-rules", "chart-years", "chart-organisms"} {
		if !strings.Contains(out, `<svg class="`) || !regexp.MustCompile(`<svg [^>]*id="`+id+`"`).MatchString(out) {
			t.Errorf("no SVG chart %q", id)
		}
	}
	ruleIDs := map[string]bool{}
	for _, f := range wantRows(results) {
		ruleIDs[f.Rule] = true
	}
	for id := range ruleIDs {
		if n := strings.Count(out, `<section class="card rule" id="rule-`+anchorID(id)+`" data-rule="`+id+`">`); n != 1 {
			t.Errorf("rule %s has %d sections, want 1", id, n)
		}
		if !strings.Contains(out, `<option value="`+id+`">`) {
			t.Errorf("rule %s is not in the rule filter", id)
		}
		if !strings.Contains(out, `<a href="#rule-`+anchorID(id)+`">`) {
			t.Errorf("rule %s has no bar linking to its section", id)
		}
	}
	for _, want := range []string{`<form class="filters" id="filters"`, `name="sev" value="error" checked`,
		`name="sev" value="warning" checked`, `name="sev" value="note" checked`, "data-filters", "figlint 1.2.3"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// The rule's summary from the registry heads its section.
	if m, _ := reg.Meta("duplicate-key"); !strings.Contains(out, html.EscapeString(m.Summary)) {
		t.Errorf("the summary of duplicate-key is missing")
	}
}

// htmlPageResult is a page's result with facts and findings.
func htmlPageResult(path, year string, orgs []string, fs ...rules.Finding) engine.Result {
	for i := range fs {
		fs[i].Path = path
	}
	return engine.Result{File: engine.File{Display: path, Path: path}, Findings: fs,
		Facts: engine.Facts{Year: year, Organisms: orgs}}
}

func htmlFind(rule string, sev rules.Severity, line int, msg string) rules.Finding {
	return rules.Finding{Rule: rule, Severity: sev, Message: msg,
		Range: rules.Range{Start: rules.Position{Line: line, Column: 3}, End: rules.Position{Line: line, Column: 9}}}
}

// htmlSynthetic is a small collection with awkward text and known counts.
func htmlSynthetic() ([]engine.Result, Summary) {
	const pathA = `dir/a <b>&"#?%.md`
	a := htmlPageResult(pathA, "2020", []string{"Homo sapiens", "<i>Mus</i>", "Homo sapiens"},
		htmlFind("r-one", rules.SeverityError, 4, `<script>alert("x")</script> & more`),
		htmlFind("r-two", rules.SeverityWarning, 5, "second"),
		htmlFind("r-two", rules.SeverityWarning, 6, "third"))
	b := htmlPageResult("dir/b.md", "2020", []string{"Homo sapiens"})
	c := htmlPageResult("c d/é.md", "", nil,
		htmlFind("r-two", rules.SeverityNote, 1, "n1"),
		htmlFind("r-two", rules.SeverityNote, 2, "n2"),
		htmlFind("r-two", rules.SeverityNote, 3, "n3"))
	c.Suppressed = []engine.Suppressed{{Finding: htmlFind("r-one", rules.SeverityError, 9, "hidden")}}
	coll := engine.Result{Collection: true, Findings: []rules.Finding{
		{Rule: "r-coll", Severity: rules.SeverityWarning, Path: "dir/b.md", Message: "same as a",
			Range: rules.Range{Start: rules.Position{Line: 2, Column: 1}}},
	}}
	results := []engine.Result{a, b, c, coll}
	sum := Summary{Files: 3}
	for _, r := range results {
		for _, f := range r.Findings {
			sum.Add(f)
		}
	}
	return results, sum
}

// htmlString renders results with NewHTML, links relative to dir.
func htmlString(t *testing.T, results []engine.Result, sum Summary, dir string) string {
	t.Helper()
	var buf bytes.Buffer
	render(t, NewHTML(&buf, Options{Dir: dir}), results, sum)
	return buf.String()
}

// groupTable reads the rows of the year or organism table.
func groupTable(t *testing.T, out, section string) [][]string {
	t.Helper()
	start := strings.Index(out, `<section class="card" id="`+section+`">`)
	if start < 0 {
		t.Fatalf("no section %s", section)
	}
	body, _, _ := strings.Cut(out[start:], "</section>")
	ms := regexp.MustCompile(`<tr class="g">(.*?)</tr>`).FindAllStringSubmatch(body, -1)
	rows := make([][]string, 0, len(ms))
	for _, m := range ms {
		var cells []string
		for _, c := range regexp.MustCompile(`<td[^>]*>([^<]*)</td>`).FindAllStringSubmatch(m[1], -1) {
			cells = append(cells, html.UnescapeString(c[1]))
		}
		rows = append(rows, cells)
	}
	return rows
}

func TestHTMLSynthetic(t *testing.T) {
	results, sum := htmlSynthetic()
	dir := t.TempDir()
	out := htmlString(t, results, sum, dir)

	if strings.Contains(out, `<script>alert`) || strings.Contains(out, "<i>Mus") || strings.Contains(out, "<b>&") {
		t.Error("text from the pages is not escaped")
	}
	got, hrefs := htmlRows(t, out)
	if diff := cmp.Diff(sortedRows(wantRows(results)), sortedRows(got)); diff != "" {
		t.Errorf("finding rows (-want +got):\n%s", diff)
	}
	// Links relative to the working directory, percent-encoded by hand.
	wantHref := map[string]string{
		`dir/a <b>&"#?%.md`: "dir/a%20%3Cb%3E%26%22%23%3F%25.md",
		"dir/b.md":          "dir/b.md",
		"c d/é.md":          "c%20d/%C3%A9.md",
	}
	for i, h := range hrefs {
		path := got[i].Loc[:strings.LastIndex(got[i].Loc[:strings.LastIndex(got[i].Loc, ":")], ":")]
		if h != wantHref[path] {
			t.Errorf("href of %s = %q, want %q", path, h, wantHref[path])
		}
	}
	checkSelfContained(t, out)

	for id, want := range map[string]string{"stat-pages": "3", "stat-clean": "0", "stat-findings": "7",
		"stat-errors": "1", "stat-warnings": "3", "stat-notes": "3"} {
		if got := stat(t, out, id); got != want {
			t.Errorf("%s = %s, want %s", id, got, want)
		}
	}
	if !strings.Contains(out, "1 more suppressed") {
		t.Error("the suppressed finding is not counted")
	}

	// Years: a 2020 (pages a and b, b dirty by the collection finding)
	// and the page without a year. Columns: name, pages, with findings,
	// errors, warnings, notes.
	wantYears := [][]string{{"2020", "2", "2", "1", "3", "0"}, {"unknown", "1", "1", "0", "0", "3"}}
	if diff := cmp.Diff(wantYears, groupTable(t, out, "by-year")); diff != "" {
		t.Errorf("year table (-want +got):\n%s", diff)
	}
	// Organisms, the one with the most findings first; a repeated organism
	// counts once per page.
	wantOrgs := [][]string{{"Homo sapiens", "2", "2", "1", "3", "0"}, {"<i>Mus</i>", "1", "1", "1", "2", "0"},
		{"unknown", "1", "1", "0", "0", "3"}}
	if diff := cmp.Diff(wantOrgs, groupTable(t, out, "by-organism")); diff != "" {
		t.Errorf("organism table (-want +got):\n%s", diff)
	}

	// Worst pages: a scores 9+3+3 = 15; c (3 notes) and b (1 warning)
	// both score 3, and c has more findings.
	ms := regexp.MustCompile(`<tr class="w"><td class="n">(?:<a href="#page-\d+" title="[^"]*">)?(\d+)(?:</a>)?</td><td class="loc"><a class="mono" href="[^"]*"><span class="dir">([^<]*)</span><span class="base">([^<]*)</span></a></td>(?:<td class="n">(?:<b>)?([^<]*)(?:</b>)?</td>){4}`).
		FindAllStringSubmatch(out, -1)
	worst := make([]string, 0, len(ms))
	for _, m := range ms {
		worst = append(worst, m[1]+" "+html.UnescapeString(m[2]+m[3])+" "+m[4])
	}
	wantWorst := []string{`1 dir/a <b>&"#?%.md 15`, "2 c d/é.md 3", "3 dir/b.md 3"}
	if diff := cmp.Diff(wantWorst, worst); diff != "" {
		t.Errorf("worst pages (-want +got):\n%s", diff)
	}

	// Rule sections: by their most severe finding (r-two has warnings and
	// notes), then by ID.
	ms = regexp.MustCompile(`<section class="card rule" id="[^"]*" data-rule="([^"]*)">`).FindAllStringSubmatch(out, -1)
	order := make([]string, 0, len(ms))
	for _, m := range ms {
		order = append(order, m[1])
	}
	if diff := cmp.Diff([]string{"r-one", "r-coll", "r-two"}, order); diff != "" {
		t.Errorf("rule order (-want +got):\n%s", diff)
	}

	// The same input gives the same bytes.
	if again := htmlString(t, results, sum, dir); again != out {
		t.Error("two renderings of the same results differ")
	}
}

func TestHTMLRowLimit(t *testing.T) {
	var fs []rules.Finding
	for i := 1; i <= 5; i++ {
		fs = append(fs, htmlFind("r-many", rules.SeverityWarning, i, fmt.Sprintf("finding %d", i)))
	}
	results := []engine.Result{htmlPageResult("p.md", "2001", nil, fs...)}
	var buf bytes.Buffer
	h := newHTML(&buf, Options{Dir: t.TempDir()})
	h.base = h.dir
	h.maxRows = 2
	render(t, h, results, Summary{Files: 1, Findings: 5, Warnings: 5})
	out := buf.String()
	got, _ := htmlRows(t, out)
	want := wantRows(results)[:2] // the first ones, in path order
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if !strings.Contains(out, "The first 2 of 5 findings; 3 more are not listed.") {
		t.Error("the section does not say that findings are left out")
	}
	if stat(t, out, "stat-findings") != "5" {
		t.Error("the totals do not count the findings left out of the table")
	}
}

func TestHTMLWorstPageOrganisms(t *testing.T) {
	orgs := []string{"E e", "D d", "C c", "B b", "A a"}
	results := []engine.Result{htmlPageResult("p.md", "", orgs, htmlFind("r", rules.SeverityNote, 1, "m"))}
	out := htmlString(t, results, Summary{Files: 1, Findings: 1, Notes: 1}, t.TempDir())
	// In the page's order, which puts the paper's main organism first.
	want := `<td class="it" title="E e, D d, C c, B b, A a">E e, D d, C c <span class="muted">and 2 more</span></td>`
	if !strings.Contains(out, want) {
		t.Errorf("the worst pages table does not shorten the organisms to %s", want)
	}
}

func TestHTMLEmpty(t *testing.T) {
	out := htmlString(t, nil, Summary{}, t.TempDir())
	if !strings.Contains(out, "No pages were linted.") {
		t.Error("an empty run does not say so")
	}
	clean := []engine.Result{htmlPageResult("a.md", "2020", []string{"Homo sapiens"})}
	out = htmlString(t, clean, Summary{Files: 1}, t.TempDir())
	if !strings.Contains(out, "No findings: every page is clean.") || stat(t, out, "stat-clean") != "1" {
		t.Error("a clean run does not say so")
	}
	if strings.Contains(out, `<tr class="f"`) || strings.Contains(out, `id="chart-rules"`) {
		t.Error("a clean run lists findings")
	}
	checkSelfContained(t, out)
}

func TestHTMLInternalError(t *testing.T) {
	r := htmlPageResult("a.md", "", nil)
	r.Err = fmt.Errorf("engine: rule %q panicked on a.md: boom\n%s", "x", "goroutine 1 [running]:")
	out := htmlString(t, []engine.Result{r}, Summary{Files: 1}, t.TempDir())
	if !strings.Contains(out, "panicked on a.md: boom") || strings.Contains(out, "goroutine 1") {
		t.Error("the internal error is not reported by its first line")
	}
}

func TestOpenHTMLFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := OpenHTMLFile(filepath.Join(dir, "missing", "r.html"), Options{Dir: dir}); err == nil {
		t.Error("a report in a missing folder opened")
	}
	// A relative path is relative to Options.Dir.
	rep, err := OpenHTMLFile("r.html", Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	render(t, rep, nil, Summary{})
	if _, err := os.Stat(filepath.Join(dir, "r.html")); err != nil {
		t.Errorf("the report is not in Options.Dir: %v", err)
	}
}

func TestHTMLHelpers(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {1234567, "1,234,567"}} {
		if got := formatCount(tc.n); got != tc.want {
			t.Errorf("formatCount(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	for _, tc := range []struct {
		n, total int
		want     string
	}{{0, 0, "0%"}, {1, 1000, "<1%"}, {999, 1000, ">99%"}, {1, 4, "25%"}, {4, 4, "100%"}} {
		if got := percent(tc.n, tc.total); got != tc.want {
			t.Errorf("percent(%d, %d) = %q, want %q", tc.n, tc.total, got, tc.want)
		}
	}
	for _, tc := range []struct{ max, want int }{{1, 1}, {4, 1}, {9, 5}, {40, 10}, {101, 50}, {49, 20}} {
		if got := niceStep(tc.max); got != tc.want {
			t.Errorf("niceStep(%d) = %d, want %d", tc.max, got, tc.want)
		}
	}
	for _, tc := range []struct {
		n    int
		want string
	}{{950, "950"}, {1000, "1k"}, {1500, "1.5k"}, {200000, "200k"}, {1260000, "1.3M"}} {
		if got := compactCount(tc.n); got != tc.want {
			t.Errorf("compactCount(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	for _, tc := range []struct {
		s    string
		want int
	}{{"2023", 2023}, {"1999", 1999}, {"25", 0}, {"n/a", 0}, {"abcd", 0}, {"+999", 0}, {"0999", 0}, {"2202", 0}, {"20 1", 0}} {
		if got, ok := plausibleYear(tc.s); ok != (tc.want != 0) || ok && got != tc.want {
			t.Errorf("plausibleYear(%q) = %d, %v; want %d", tc.s, got, ok, tc.want)
		}
	}
}

// BenchmarkHTML feeds the reporter 20,000 pages of eight findings each
// and reports the heap it keeps per page (retained-B/page), besides the
// time to take the results and write the report.
func BenchmarkHTML(b *testing.B) {
	const pages = 20000
	orgs := [][]string{{"Homo sapiens"}, {"Mus musculus", "Homo sapiens"}, {"NA"}}
	results := make([]engine.Result, pages)
	for i := range results {
		path := fmt.Sprintf("_figures/PMC%07d__fig%d.md", 1000000+i, i%7)
		fs := make([]rules.Finding, 0, 8)
		for j := range 8 {
			fs = append(fs, htmlFind([]string{"missing-value", "keyword-noise", "organism-name"}[j%3],
				rules.Severity(1+j%3), 10+j, fmt.Sprintf("keyword %q of page %d is odd; expected a gene symbol", "x", i)))
		}
		results[i] = htmlPageResult(path, strconv.Itoa(1990+i%35), orgs[i%3], fs...)
	}
	b.ReportAllocs()
	for b.Loop() {
		rep := NewHTML(io.Discard, Options{Dir: "/data"})
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for _, r := range results {
			if err := rep.File(r); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/pages, "retained-B/page")
		if err := rep.End(Summary{}); err != nil {
			b.Fatal(err)
		}
	}
}

// sectionOrder lists the rule sections' IDs in the order of the report.
func sectionOrder(out string) []string {
	ms := regexp.MustCompile(`<section class="card rule" id="[^"]*" data-rule="([^"]*)">`).FindAllStringSubmatch(out, -1)
	order := make([]string, 0, len(ms))
	for _, m := range ms {
		order = append(order, html.UnescapeString(m[1]))
	}
	return order
}

// TestHTMLErrorsFirst: sections by their most severe finding, then by
// rule ID, whatever their counts; within a rule, rows in path order, a
// collection-level finding among them.
func TestHTMLErrorsFirst(t *testing.T) {
	notes := make([]rules.Finding, 0, 30)
	for i := range 30 {
		notes = append(notes, htmlFind("b-note", rules.SeverityNote, 10+i, "a note"))
	}
	a := htmlPageResult("a.md", "", nil, append(notes,
		htmlFind("a-warn", rules.SeverityWarning, 3, "w"),
		htmlFind("c-mixed", rules.SeverityNote, 4, "n"))...)
	b := htmlPageResult("b.md", "", nil,
		htmlFind("z-err", rules.SeverityError, 2, "e"),
		htmlFind("c-mixed", rules.SeverityError, 5, "e"))
	coll := engine.Result{Collection: true, Findings: []rules.Finding{
		{Rule: "c-mixed", Severity: rules.SeverityWarning, Path: "a.md", Message: "from the collection",
			Range: rules.Range{Start: rules.Position{Line: 1, Column: 1}}}}}
	out := htmlString(t, []engine.Result{a, b, coll}, Summary{Files: 2}, t.TempDir())
	if diff := cmp.Diff([]string{"c-mixed", "z-err", "a-warn", "b-note"}, sectionOrder(out)); diff != "" {
		t.Errorf("section order (-want +got):\n%s", diff)
	}
	got, _ := htmlRows(t, out)
	var mixed []string
	for _, r := range got {
		if r.Rule == "c-mixed" {
			mixed = append(mixed, r.Loc)
		}
	}
	if diff := cmp.Diff([]string{"a.md:1:1", "a.md:4:3", "b.md:5:3"}, mixed); diff != "" {
		t.Errorf("c-mixed rows (-want +got):\n%s", diff)
	}
	// The rule chart follows the sections' order.
	bars := regexp.MustCompile(`<a href="#rule-([^"]*)"><text`).FindAllStringSubmatch(out, -1)
	if len(bars) != 4 || bars[0][1] != "c-mixed" || bars[3][1] != "b-note" {
		t.Errorf("rule chart order: %v", bars)
	}
}

// pageEntry is a page's entry in the per-page view, unescaped.
type pageEntry struct {
	Path, Title, PMC, PFOCR string
	Rows                    []string // "line:col severity rule message [fix: …]"
}

func pageEntries(t *testing.T, out string) []pageEntry {
	t.Helper()
	start := strings.Index(out, `<section class="card" id="by-page">`)
	if start < 0 {
		return nil
	}
	body, _, _ := strings.Cut(out[start:], "</section>")
	var entries []pageEntry
	for _, art := range strings.Split(body, `<article class="page"`)[1:] {
		var e pageEntry
		if m := regexp.MustCompile(`<a class="mono" href="[^"]*"><span class="dir">([^<]*)</span><span class="base">([^<]*)</span></a>`).FindStringSubmatch(art); m != nil {
			e.Path = html.UnescapeString(m[1] + m[2])
		}
		if m := regexp.MustCompile(`<p class="figtitle">([^<]*)</p>`).FindStringSubmatch(art); m != nil {
			e.Title = html.UnescapeString(m[1])
		}
		if m := regexp.MustCompile(`<a class="pmc" href="([^"]*)"`).FindStringSubmatch(art); m != nil {
			e.PMC = html.UnescapeString(m[1])
		}
		if m := regexp.MustCompile(`<a class="pfocr" href="([^"]*)"`).FindStringSubmatch(art); m != nil {
			e.PFOCR = html.UnescapeString(m[1])
		}
		for _, m := range regexp.MustCompile(`<tr class="pf" data-rule="[^"]*" data-sev="([a-z]+)"><td class="at mono">([^<]*)</td><td class="sev">.*?</td><td class="rule"><a class="mono" href="#rule-[^"]*">([^<]*)</a></td><td class="msg">([^<]*)(?:<div class="fix">(.*?)</div>)?</td></tr>`).FindAllStringSubmatch(art, -1) {
			row := m[2] + " " + m[1] + " " + html.UnescapeString(m[3]) + " " + html.UnescapeString(m[4])
			if m[5] != "" {
				row += " [" + html.UnescapeString(strings.NewReplacer("<code>", "", "</code>", "").Replace(m[5])) + "]"
			}
			e.Rows = append(e.Rows, row)
		}
		entries = append(entries, e)
	}
	return entries
}

// htmlFactsPage is a page with the facts that name its figure.
func htmlFactsPage(path, figid, title, figlink string, fs ...rules.Finding) engine.Result {
	r := htmlPageResult(path, "2020", []string{"Homo sapiens"}, fs...)
	r.Facts.Figid, r.Facts.Title, r.Facts.Figlink = figid, title, figlink
	return r
}

// TestHTMLPerPage: the pages with findings, worst first, each with its
// title, links to PMC and PFOCR built only from values of the expected
// shape, and its findings with their fixes; hostile values stay text.
func TestHTMLPerPage(t *testing.T) {
	fix := htmlFind("doi-format", rules.SeverityError, 7, "doi has a URL prefix")
	fix.Fixes = []rules.Fix{{Message: "replace with the normalised DOI", Edits: []rules.TextEdit{{Start: 1, End: 9, NewText: " 10.1/<b>x</b>"}}}}
	del := htmlFind("text-hygiene", rules.SeverityNote, 8, "trailing space")
	del.Fixes = []rules.Fix{{Message: "drop it", Edits: []rules.TextEdit{{Start: 1, End: 2}, {Start: 5, End: 6}}}}
	results := []engine.Result{
		htmlFactsPage("_figures/PMC1__a.md", "PMC1__a", "A title", "/pmc/articles/PMC1/figure/F1/",
			htmlFind("missing-value", rules.SeverityNote, 3, "n"), htmlFind("missing-value", rules.SeverityNote, 4, "n")),
		htmlFactsPage("_figures/PMC2__b.md", "PMC2__b", `<script>alert("t")</script>`+"\x1b[2J", "javascript:alert(1)",
			htmlFind("missing-value", rules.SeverityWarning, 3, "w")),
		htmlFactsPage("_figures/PMC3__c.md", `PMC3__c"><script>`, "C", `/pmc/articles/PMC3/figure/F1/"><script>x</script>`,
			fix, del),
		htmlFactsPage("_figures/PMC4__d.md", "PMC4__d", "clean", "/pmc/articles/PMC4/figure/F1/"),
		htmlFactsPage("_figures/PMC5__e.md", "PMC5__e.jpg", "", "//evil.example/pmc/articles/PMC5/figure/F1/",
			htmlFind("r", rules.SeverityWarning, 2, "w"), htmlFind("r", rules.SeverityWarning, 3, "w")),
	}
	out := htmlString(t, results, Summary{Files: 5}, t.TempDir())
	checkSelfContained(t, out)
	if strings.Contains(out, "<script>alert") || strings.Contains(out, "<b>x") || strings.Contains(out, "\x1b") {
		t.Error("a title or a fix is not escaped")
	}
	want := []pageEntry{
		{Path: "_figures/PMC3__c.md", Title: "C", Rows: []string{
			"7:3 error doi-format doi has a URL prefix [fix: replace with 10.1/<b>x</b>]",
			"8:3 note text-hygiene trailing space [fix: delete the text (and 1 more edits)]"}},
		{Path: "_figures/PMC5__e.md", PFOCR: "https://pfocr.wikipathways.org/figures/PMC5__e.jpg.html",
			Rows: []string{"2:3 warning r w", "3:3 warning r w"}},
		{Path: "_figures/PMC2__b.md", Title: `<script>alert("t")</script>\x1b[2J`,
			PFOCR: "https://pfocr.wikipathways.org/figures/PMC2__b.html", Rows: []string{"3:3 warning missing-value w"}},
		{Path: "_figures/PMC1__a.md", Title: "A title", PMC: "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1/figure/F1/",
			PFOCR: "https://pfocr.wikipathways.org/figures/PMC1__a.html",
			Rows:  []string{"3:3 note missing-value n", "4:3 note missing-value n"}},
	}
	if diff := cmp.Diff(want, pageEntries(t, out)); diff != "" {
		t.Errorf("per-page view (-want +got):\n%s", diff)
	}
	// The worst pages table leads to each page's entry.
	if !strings.Contains(out, `<tr class="w"><td class="n"><a href="#page-1" title="this page's findings">1</a></td>`) {
		t.Error("the worst pages table does not link the per-page entries")
	}
	if !strings.Contains(out, `<article class="page" id="page-1">`) {
		t.Error("no per-page entry has the anchor page-1")
	}
	if !strings.Contains(out, `<p class="figtitle muted">(no figtitle)</p>`) {
		t.Error("a page without a title does not say so")
	}
	// The fix is shown in the rule table too.
	if !strings.Contains(out, `<div class="fix">fix: replace with <code>10.1/&lt;b&gt;x&lt;/b&gt;</code></div>`) {
		t.Error("the rule table does not show the fix's replacement text")
	}
}

// TestHTMLPerPageBounded: with room for two pages, the two worst are
// kept whatever their order of arrival, each with at most maxPageRows
// findings, and a collection-level finding joins its kept page.
func TestHTMLPerPageBounded(t *testing.T) {
	many := make([]rules.Finding, 0, 5)
	for i := range 5 {
		many = append(many, htmlFind("n", rules.SeverityNote, 1+i, "n"))
	}
	results := []engine.Result{
		htmlPageResult("a.md", "", nil, htmlFind("w", rules.SeverityWarning, 1, "w")),
		htmlPageResult("b.md", "", nil, many...),
		htmlPageResult("c.md", "", nil, htmlFind("e", rules.SeverityError, 1, "e")),
		htmlPageResult("d.md", "", nil, htmlFind("w", rules.SeverityWarning, 1, "w"), htmlFind("w", rules.SeverityWarning, 2, "w")),
		{Collection: true, Findings: []rules.Finding{{Rule: "dup", Severity: rules.SeverityError, Path: "d.md",
			Message: "same alias as c.md", Range: rules.Range{Start: rules.Position{Line: 9, Column: 1}}}}},
	}
	var buf bytes.Buffer
	h := newHTML(&buf, Options{Dir: t.TempDir()})
	h.base = h.dir
	h.maxPages, h.maxPageRows = 2, 2
	render(t, h, results, Summary{Files: 4})
	out := buf.String()
	entries := pageEntries(t, out)
	got := make([]string, 0, len(entries))
	for _, e := range entries {
		got = append(got, e.Path+" "+strings.Join(e.Rows, "; "))
	}
	// d.md now has an error and two warnings: it comes before c.md.
	want := []string{"d.md 1:3 warning w w; 2:3 warning w w", "c.md 1:3 error e e"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("kept pages (-want +got):\n%s", diff)
	}
	if !strings.Contains(out, "the first 2 of 4 pages with findings, each with at most 2 findings") ||
		!strings.Contains(out, "1 more finding on this page is not listed here.") {
		t.Error("the per-page view does not say what it leaves out")
	}
}

// TestHTMLUnknownOrganisms: placeholders are no organism: the pages that
// name none form one "unknown" bar and row, and no bar is named NA.
func TestHTMLUnknownOrganisms(t *testing.T) {
	w := func() rules.Finding { return htmlFind("r", rules.SeverityWarning, 1, "w") }
	results := []engine.Result{
		htmlPageResult("1.md", "2020", []string{"NA"}, w()),
		htmlPageResult("2.md", "2020", []string{".na.character"}, w()),
		htmlPageResult("3.md", "2020", []string{""}, w()),
		htmlPageResult("4.md", "2020", []string{"unspecified plant"}, w()),
		htmlPageResult("5.md", "2020", []string{"Unspecified plant", "''"}, w()),
		htmlPageResult("6.md", "2020", []string{"NA", "Homo sapiens"}, w()),
		htmlPageResult("7.md", "2020", nil, w()),
	}
	out := htmlString(t, results, Summary{Files: 7}, t.TempDir())
	wantOrgs := [][]string{{"Homo sapiens", "1", "1", "0", "1", "0"}, {"unknown", "6", "6", "0", "6", "0"}}
	if diff := cmp.Diff(wantOrgs, groupTable(t, out, "by-organism")); diff != "" {
		t.Errorf("organism table (-want +got):\n%s", diff)
	}
	chart := regexp.MustCompile(`(?s)<svg class="chart" id="chart-organisms".*?</svg>`).FindString(out)
	labels := regexp.MustCompile(`<text class="lbl[^"]*"[^>]*>([^<]*)<title>`).FindAllStringSubmatch(chart, -1)
	names := make([]string, 0, len(labels))
	for _, l := range labels {
		names = append(names, l[1])
	}
	if diff := cmp.Diff([]string{"Homo sapiens", "unknown"}, names); diff != "" {
		t.Errorf("organism bars (-want +got):\n%s", diff)
	}
	if !strings.Contains(out, `<text class="lbl" x="180"`) {
		t.Error("the unknown bar is set in italics, as a species")
	}
	if !strings.Contains(out, "6 pages name no organism") {
		t.Error("the organism card does not say how many pages name no organism")
	}
}

// TestHTMLYearAxis: a column for every year from the first to the last,
// gaps included, with four-digit labels, and the pages without a usable
// year ("25", "n/a", none) in one "unknown" column at the end.
func TestHTMLYearAxis(t *testing.T) {
	n := func() rules.Finding { return htmlFind("r", rules.SeverityNote, 1, "n") }
	results := []engine.Result{
		htmlPageResult("1.md", "1999", nil, n()),
		htmlPageResult("2.md", "2003", nil, n(), n()),
		htmlPageResult("3.md", "25", nil, n()),
		htmlPageResult("4.md", "n/a", nil, n()),
		htmlPageResult("5.md", "", nil),
		htmlPageResult("6.md", " 2001 ", nil),
	}
	out := htmlString(t, results, Summary{Files: 6}, t.TempDir())
	table := groupTable(t, out, "by-year")
	years := make([]string, 0, len(table))
	for _, row := range table {
		years = append(years, row[0]+" "+row[1]+" "+row[5])
	}
	want := []string{"1999 1 1", "2000 0 0", "2001 1 0", "2002 0 0", "2003 1 2", "unknown 3 2"}
	if diff := cmp.Diff(want, years); diff != "" {
		t.Errorf("year table (-want +got):\n%s", diff)
	}
	chart := regexp.MustCompile(`(?s)<svg class="chart" id="chart-years".*?</svg>`).FindString(out)
	var labels []string
	for _, m := range regexp.MustCompile(`<text x="[^"]*" y="[^"]*" text-anchor="(?:middle|end)"(?: transform="[^"]*")?>([^<]*)</text>`).FindAllStringSubmatch(chart, -1) {
		if _, err := strconv.Atoi(m[1]); err != nil || len(m[1]) == 4 {
			labels = append(labels, m[1])
		}
	}
	if diff := cmp.Diff([]string{"1999", "2000", "2001", "2002", "2003", "unknown"}, labels); diff != "" {
		t.Errorf("year labels (-want +got):\n%s", diff)
	}
	if strings.Contains(chart, ">25<") || strings.Contains(chart, "n/a") {
		t.Error("a value that is no year is on the axis")
	}
	if !strings.Contains(out, `3 pages have no usable year (empty, or &#34;25&#34;, &#34;n/a&#34;)`) {
		t.Error("the year card does not say which values are no year")
	}
}

// csvFromReport decodes the report's CSV download.
func csvFromReport(t *testing.T, out string) [][]string {
	t.Helper()
	m := regexp.MustCompile(`<a id="csv" download="findings.csv" href="data:text/csv;charset=utf-8,([^"]*)">`).FindStringSubmatch(out)
	if m == nil {
		t.Fatal("no CSV download")
	}
	text, err := url.PathUnescape(html.UnescapeString(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// wantCSV is the CSV of findings, in the order given.
func wantCSV(fs []rules.Finding) [][]string {
	out := make([][]string, 0, 1+len(fs))
	out = append(out, CSVHeader)
	for _, f := range fs {
		out = append(out, []string{csvCell(f.Rule), f.Severity.String(), csvCell(f.Path), strconv.Itoa(f.Range.Start.Line),
			strconv.Itoa(f.Range.Start.Column), strconv.Itoa(f.Range.End.Line), strconv.Itoa(f.Range.End.Column),
			csvCell(f.Message), csvCell(f.Pointer)})
	}
	return out
}

// TestHTMLCSV: the download holds every listed finding, in the order of
// the sections, all nine fields; hostile text is escaped, and a cell
// that would be a spreadsheet formula is not one.
func TestHTMLCSV(t *testing.T) {
	e := htmlFind("z-err", rules.SeverityError, 2, "quote \" comma , newline \n tab \t and \x1b[31m")
	e.Pointer = "/organisms/0"
	w := htmlFind("a-warn", rules.SeverityWarning, 5, "=HYPERLINK(\"http://evil\")")
	w2 := htmlFind("a-warn", rules.SeverityWarning, 1, "é ü 日本 %41 +x")
	a := htmlPageResult("=cmd|' /C calc'!A0.md", "", nil, e, w)
	b := htmlPageResult("b <&>.md", "", nil, w2)
	out := htmlString(t, []engine.Result{a, b}, Summary{Files: 2}, t.TempDir())
	checkSelfContained(t, out)
	got := csvFromReport(t, out)
	want := wantCSV([]rules.Finding{a.Findings[0], a.Findings[1], b.Findings[0]})
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CSV (-want +got):\n%s", diff)
	}
	if got[1][7] != "quote \" comma , newline \\x0a tab \t and \\x1b[31m" || got[1][2] != `'=cmd|' /C calc'!A0.md` ||
		got[2][7] != `'=HYPERLINK("http://evil")` {
		t.Errorf("cells not escaped as expected: %q", got[1:])
	}
	if !strings.Contains(out, "(3 findings)") {
		t.Error("the download does not say how many findings it holds")
	}
}

// TestCSVFormat: --format csv writes every finding in the order they
// come, under the header, and reads back with encoding/csv.
func TestCSVFormat(t *testing.T) {
	reg := testRegistry(t)
	results, sum, _ := lintFixtures(t, reg)
	var buf bytes.Buffer
	rep, err := New("csv", &buf, Options{})
	if err != nil {
		t.Fatal(err)
	}
	render(t, rep, results, sum)
	got, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var fs []rules.Finding
	for _, r := range results {
		fs = append(fs, r.Findings...)
	}
	if diff := cmp.Diff(wantCSV(fs), got); diff != "" {
		t.Errorf("CSV (-want +got):\n%s", diff)
	}
	if len(got) != sum.Findings+1 {
		t.Errorf("%d rows, want %d findings and the header", len(got), sum.Findings)
	}
}

// TestHTMLRunHeader: the header gives the run's time in UTC, figlint's
// version, the command line as a shell would read it back, and the
// configuration file; hostile arguments stay text.
func TestHTMLRunHeader(t *testing.T) {
	var buf bytes.Buffer
	started := time.Date(2026, 12, 4, 6, 30, 5, 0, time.FixedZone("CET", 3600))
	opts := Options{Dir: t.TempDir(), Version: "1.2.3", ConfigFile: "conf/.figlint.yaml",
		Command: []string{"figlint", "--report", "audit report.html", "<script>x</script>", "it's", "\x1b[2J", "_figures"}, Started: started}
	render(t, NewHTML(&buf, opts), nil, Summary{})
	out := buf.String()
	for _, want := range []string{
		`<dd id="run-started"><time datetime="2026-12-04T05:30:05Z">2026-12-04T05:30:05Z</time></dd>`,
		`<dd id="run-version">figlint 1.2.3</dd>`,
		`<dd id="run-command"><code>figlint --report &#39;audit report.html&#39; &#39;&lt;script&gt;x&lt;/script&gt;&#39; &#39;it&#39;\&#39;&#39;s&#39; &#39;\x1b[2J&#39; _figures</code></dd>`,
		`<dd id="run-config"><code>conf/.figlint.yaml</code></dd>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the header lacks %s", want)
		}
	}
	buf.Reset()
	render(t, NewHTML(&buf, Options{Dir: t.TempDir()}), nil, Summary{})
	if out := buf.String(); strings.Contains(out, "run-started") || !strings.Contains(out, `<dd id="run-config">none (the defaults)</dd>`) {
		t.Error("a run without a time or configuration does not say so")
	}
}

// TestHTMLSchemas: the header names the schemas the files were checked
// against, the most used first, with their counts.
func TestHTMLSchemas(t *testing.T) {
	var buf bytes.Buffer
	results := []engine.Result{
		{File: engine.File{Display: "a.md"}, Facts: engine.Facts{Schema: "schemas/post.json"}},
		{File: engine.File{Display: "b.md"}, Facts: engine.Facts{Schema: "https://example.org/<doc>.json"}},
		{File: engine.File{Display: "c.md"}, Facts: engine.Facts{Schema: "schemas/post.json"}},
		{File: engine.File{Display: "d.md"}}, // not checked: broken
	}
	render(t, NewHTML(&buf, Options{Dir: t.TempDir()}), results, Summary{Files: 4})
	want := `<dd id="run-schemas"><code>schemas/post.json</code> (2 files), <code>https://example.org/&lt;doc&gt;.json</code> (1 file)</dd>`
	if out := buf.String(); !strings.Contains(out, want) {
		t.Errorf("the header lacks %s", want)
	}
	buf.Reset()
	render(t, NewHTML(&buf, Options{Dir: t.TempDir()}), results[3:], Summary{Files: 1})
	if strings.Contains(buf.String(), "run-schemas") {
		t.Error("a run that checked no file against a schema names schemas")
	}
}
