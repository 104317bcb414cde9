package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/testenv"
	"github.com/figlint/figlint/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in fixtures/sarif")

// golden compares got with fixtures/sarif/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	testenv.Golden(t, filepath.Join(sarifFixtures, name), got, *update, "./internal/report")
}

// sarifOf renders results as SARIF and returns the text.
func sarifOf(t *testing.T, results []engine.Result, sum Summary, opts Options, limit int) []byte {
	t.Helper()
	var buf bytes.Buffer
	s, err := NewSARIF(&buf, opts)
	if err != nil {
		t.Fatal(err)
	}
	if limit > 0 {
		s.limit = limit
	}
	render(t, s, results, sum)
	return buf.Bytes()
}

// decoded is the part of a SARIF log the tests read.
type decoded struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name           string           `json:"name"`
				Version        string           `json:"version"`
				InformationURI string           `json:"informationUri"`
				Rules          []map[string]any `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ExecutionSuccessful bool `json:"executionSuccessful"`
			Notifications       []struct {
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		AutomationDetails *struct {
			ID string `json:"id"`
		} `json:"automationDetails"`
		OriginalURIBaseIDs map[string]struct {
			URI string `json:"uri"`
		} `json:"originalUriBaseIds"`
		ColumnKind string `json:"columnKind"`
		Results    []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine, StartColumn, EndLine, EndColumn int
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Suppressions        []struct {
				Kind          string `json:"kind"`
				Justification string `json:"justification"`
			} `json:"suppressions"`
		} `json:"results"`
	} `json:"runs"`
}

func decode(t *testing.T, out []byte) decoded {
	t.Helper()
	var d decoded
	if err := json.Unmarshal(out, &d); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(d.Runs) != 1 {
		t.Fatalf("%d runs; want exactly one", len(d.Runs))
	}
	return d
}

// TestSARIFGolden renders the pages of fixtures/sarif, which have findings
// of many rules, in files with awkward names, CRLF line ends, a BOM and
// bytes that are not UTF-8, and findings in companion tables and across
// pages. The golden keeps the whole log except each rule's description and
// help, which are the registry's documentation (checked by
// TestSARIFRuleDescriptors), so that editing a rule's doc does not touch it;
// the repository root's file URI is replaced by file:///REPO/.
func TestSARIFGolden(t *testing.T) {
	reg := testRegistry(t)
	results, sum, dir := lintFixtures(t, reg)
	out := sarifOf(t, results, sum, Options{Registry: reg, Version: "0.0.0-test", Dir: dir, Category: "figlint/pages"}, 0)
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	run := doc["runs"].([]any)[0].(map[string]any)
	for _, r := range run["tool"].(map[string]any)["driver"].(map[string]any)["rules"].([]any) {
		rule := r.(map[string]any)
		for _, k := range []string{"shortDescription", "fullDescription", "help"} {
			delete(rule, k)
		}
	}
	root := fileURI(RepoRoot(dir), true)
	base := run["originalUriBaseIds"].(map[string]any)["%SRCROOT%"].(map[string]any)
	if base["uri"] != root {
		t.Errorf("originalUriBaseIds uri %v; want %s", base["uri"], root)
	}
	base["uri"] = "file:///REPO/"
	trimmed, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "figlint.sarif.golden", string(trimmed)+"\n")
}

// TestSARIFLayout: the streamed log is laid out as one indented JSON
// document would be, with or without results.
func TestSARIFLayout(t *testing.T) {
	reg := testRegistry(t)
	results, sum, dir := lintFixtures(t, reg)
	for name, res := range map[string][]engine.Result{"findings": results, "empty": nil} {
		out := sarifOf(t, res, sum, Options{Registry: reg, Dir: dir, IncludeSuppressed: true}, 0)
		var compact, indented bytes.Buffer
		if err := json.Compact(&compact, out); err != nil {
			t.Fatalf("%s: not JSON: %v", name, err)
		}
		if err := json.Indent(&indented, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(indented.String()+"\n", string(out)); diff != "" {
			t.Errorf("%s: layout (-indented +written):\n%s", name, diff)
		}
	}
}

// compileSARIFSchema compiles the OASIS schema from ../shared/schemas.
func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	path := filepath.Join(testenv.Schemas(t), "sarif-schema-2.1.0.json")
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	c.AssertFormat()
	sch, err := c.Compile(path)
	if err != nil {
		t.Fatalf("compiling the SARIF schema: %v", err)
	}
	return sch
}

func validateSARIF(t *testing.T, sch *jsonschema.Schema, out []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	return sch.Validate(inst)
}

// TestSARIFSchema validates logs against the SARIF 2.1.0 schema with format
// assertions on: the fixtures' log with suppressed findings, a category,
// a result limit that leaves results out and an internal error, and an
// empty run. A log with a malformed URI must fail, which shows that the
// formats are asserted.
func TestSARIFSchema(t *testing.T) {
	sch := compileSARIFSchema(t)
	reg := testRegistry(t)
	results, sum, dir := lintFixtures(t, reg)
	results = append(results, engine.Result{File: engine.File{Display: "x.md", Path: "x.md"},
		Err: errors.New("engine: rule \"doi-format\" panicked on x.md: boom; goroutine 1 [running]")})
	full := sarifOf(t, results, sum, Options{Registry: reg, Version: "1.2.3", Dir: dir, Category: "figlint",
		IncludeSuppressed: true}, 100)
	empty := sarifOf(t, nil, Summary{}, Options{Registry: reg, Dir: dir}, 0)
	for name, out := range map[string][]byte{"fixtures": full, "empty": empty} {
		if err := validateSARIF(t, sch, out); err != nil {
			t.Errorf("%s: the log does not match the SARIF schema: %v", name, err)
		}
	}
	// Go's URL parser, which the validator's uri-reference format uses,
	// accepts a raw space but not a malformed escape.
	bad := bytes.Replace(full, []byte(`"uri": "fixtures/sarif/_figures/schema%20type%20crlf-bom%20%C3%A9.md"`),
		[]byte(`"uri": "fixtures/sarif/_figures/schema%ZZtype crlf-bom é.md"`), 1)
	if bytes.Equal(bad, full) {
		t.Fatal("the fixtures' log has no result in the file with a space in its name")
	}
	if err := validateSARIF(t, sch, bad); err == nil {
		t.Error("a log with a malformed URI passed the schema; are formats asserted?")
	}
}

// TestSARIFRuleDescriptors checks tool.driver.rules against the registry:
// every rule, once, sorted by ID, with its metadata.
func TestSARIFRuleDescriptors(t *testing.T) {
	reg := testRegistry(t)
	d := decode(t, sarifOf(t, nil, Summary{}, Options{Registry: reg, Version: "1.2.3"}, 0))
	drv := d.Runs[0].Tool.Driver
	if drv.Name != "figlint" || drv.Version != "1.2.3" || drv.InformationURI != "https://github.com/figlint/figlint" {
		t.Errorf("driver %q %q %q", drv.Name, drv.Version, drv.InformationURI)
	}
	metas := reg.Metas()
	if len(drv.Rules) != len(metas) {
		t.Fatalf("%d rules; want the registry's %d", len(drv.Rules), len(metas))
	}
	names := map[string]bool{}
	for i, m := range metas {
		got := drv.Rules[i]
		if got["id"] != m.ID {
			t.Fatalf("rules[%d] is %v; want %s (sorted by ID)", i, got["id"], m.ID)
		}
		name, _ := got["name"].(string)
		if name == "" || strings.EqualFold(name, m.ID) || names[name] || !regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`).MatchString(name) {
			t.Errorf("%s: name %q; want a unique PascalCase name other than the ID", m.ID, name)
		}
		names[name] = true
		text := func(k, sub string) string {
			v, _ := got[k].(map[string]any)[sub].(string)
			return v
		}
		if text("shortDescription", "text") != m.Summary {
			t.Errorf("%s: shortDescription %q; want the summary %q", m.ID, text("shortDescription", "text"), m.Summary)
		}
		if full := text("fullDescription", "text"); full == "" || !strings.HasPrefix(strings.Join(strings.Fields(m.Doc), " "), full) {
			t.Errorf("%s: fullDescription %q is not the start of the doc", m.ID, full)
		}
		help, md := text("help", "text"), text("help", "markdown")
		if !strings.HasPrefix(help, strings.TrimSpace(m.Doc)) || !strings.HasPrefix(md, strings.TrimSpace(m.Doc)) {
			t.Errorf("%s: help does not start with the doc", m.ID)
		}
		if m.Bad != "" && !strings.Contains(md, "```yaml\n"+strings.TrimRight(m.Bad, "\n")+"\n```") {
			t.Errorf("%s: help.markdown lacks the reported example", m.ID)
		}
		if want := "https://github.com/figlint/figlint/blob/main/docs/rules.md#" + strings.ToLower(strings.ReplaceAll(m.ID, "/", "")); got["helpUri"] != want {
			t.Errorf("%s: helpUri %v; want %s", m.ID, got["helpUri"], want)
		}
		if lvl := got["defaultConfiguration"].(map[string]any)["level"]; lvl != m.Severity.String() {
			t.Errorf("%s: level %v; want %s", m.ID, lvl, m.Severity)
		}
		props := got["properties"].(map[string]any)
		if _, ok := props["security-severity"]; ok {
			t.Errorf("%s: has security-severity", m.ID)
		}
		switch props["precision"] {
		case "very-high", "high", "medium", "low":
		default:
			t.Errorf("%s: precision %v", m.ID, props["precision"])
		}
		tags := fmt.Sprint(props["tags"])
		if !strings.Contains(tags, "front-matter") || strings.Contains(tags, "security") {
			t.Errorf("%s: tags %s", m.ID, tags)
		}
		if strings.HasPrefix(m.ID, "schema/") && !strings.Contains(tags, "schema") {
			t.Errorf("%s: tags %s lack its family", m.ID, tags)
		}
	}
	if tags := fmt.Sprint(drv.Rules[indexOf(metas, "duplicate-alias")]["properties"].(map[string]any)["tags"]); !strings.Contains(tags, "collection") {
		t.Errorf("duplicate-alias: tags %s; want collection", tags)
	}
}

func indexOf(ms []rules.Meta, id string) int {
	for i, m := range ms {
		if m.ID == id {
			return i
		}
	}
	return -1
}

// TestSARIFResults checks the results of the fixtures' log: each refers to
// its rule by ID and index, levels match, locations are repository-relative
// and encoded, and each has a fingerprint of the GitHub form.
func TestSARIFResults(t *testing.T) {
	reg := testRegistry(t)
	results, sum, dir := lintFixtures(t, reg)
	d := decode(t, sarifOf(t, results, sum, Options{Registry: reg, Dir: dir}, 0))
	run := d.Runs[0]
	if d.Schema != SARIFSchema || d.Version != "2.1.0" || run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("$schema %q, version %q, columnKind %q", d.Schema, d.Version, run.ColumnKind)
	}
	if run.AutomationDetails != nil {
		t.Errorf("automationDetails %+v without a category", run.AutomationDetails)
	}
	if len(run.Results) != sum.Findings {
		t.Fatalf("%d results; want the %d findings", len(run.Results), sum.Findings)
	}
	fp := regexp.MustCompile(`^[0-9a-f]{1,16}:[1-9][0-9]*$`)
	// RFC 3986 path characters, with everything but unreserved ones and
	// "/" percent-encoded.
	encodedPath := regexp.MustCompile(`^([A-Za-z0-9._~/-]|%[0-9A-F]{2})+$`)
	rank := map[string]int{"error": 0, "warning": 1, "note": 2}
	last := 0
	seenRules := map[string]bool{}
	for i, r := range run.Results {
		if rule := run.Tool.Driver.Rules[r.RuleIndex]; rule["id"] != r.RuleID {
			t.Errorf("result %d: ruleIndex %d is %v; want %s", i, r.RuleIndex, rule["id"], r.RuleID)
		}
		seenRules[r.RuleID] = true
		if rank[r.Level] < last {
			t.Errorf("result %d: %s after a less severe result", i, r.Level)
		}
		last = rank[r.Level]
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || !strings.HasPrefix(loc.ArtifactLocation.URI, "fixtures/sarif/") ||
			!encodedPath.MatchString(loc.ArtifactLocation.URI) {
			t.Errorf("result %d: location %+v", i, loc.ArtifactLocation)
		}
		if loc.Region == nil || loc.Region.StartLine < 1 || loc.Region.StartColumn < 1 {
			t.Errorf("result %d: region %+v", i, loc.Region)
		}
		if h := r.PartialFingerprints["primaryLocationLineHash"]; !fp.MatchString(h) {
			t.Errorf("result %d (%s): primaryLocationLineHash %q", i, loc.ArtifactLocation.URI, h)
		}
		if len(r.Suppressions) > 0 {
			t.Errorf("result %d: suppressed result without IncludeSuppressed", i)
		}
	}
	if len(seenRules) < 15 {
		t.Errorf("the fixtures have findings of %d rules; want at least 15", len(seenRules))
	}
}

// TestSARIFLocations checks URIs against hand-written values: repository
// relative, percent-encoded, and absolute file URIs outside the repository.
func TestSARIFLocations(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "site", "sub dir")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := RepoRoot(dir); got != root {
		t.Errorf("RepoRoot(%s) = %s; want %s", dir, got, root)
	}
	outside := filepath.Dir(root)
	rootURI := "file://" + strings.ReplaceAll(filepath.ToSlash(root), " ", "%20") + "/"
	for _, tc := range []struct{ path, uri, base string }{
		{"a.md", "site/sub%20dir/a.md", "%SRCROOT%"},
		{"_figures/PMC1__f 1 é#%?:,;[x]+~.md", "site/sub%20dir/_figures/PMC1__f%201%20%C3%A9%23%25%3F%3A%2C%3B%5Bx%5D%2B~.md", "%SRCROOT%"},
		{"../../top.md", "top.md", "%SRCROOT%"},
		{"../../../elsewhere.md", "file://" + filepath.ToSlash(outside) + "/elsewhere.md", ""},
		{filepath.Join(root, "abs.md"), "abs.md", "%SRCROOT%"},
	} {
		f := rules.Finding{Rule: "doi-format", Severity: rules.SeverityError, Path: tc.path, Message: "m",
			Range: rules.Range{Start: rules.Position{Line: 2, Column: 3}, End: rules.Position{Line: 2, Column: 9}}}
		res := []engine.Result{{File: engine.File{Display: tc.path, Path: tc.path}, Findings: []rules.Finding{f}}}
		d := decode(t, sarifOf(t, res, Summary{}, Options{Registry: testRegistry(t), Dir: dir}, 0))
		got := d.Runs[0].Results[0].Locations[0].PhysicalLocation
		if got.ArtifactLocation.URI != tc.uri || got.ArtifactLocation.URIBaseID != tc.base {
			t.Errorf("%s: uri %q base %q; want %q %q", tc.path, got.ArtifactLocation.URI, got.ArtifactLocation.URIBaseID, tc.uri, tc.base)
		}
		if r := got.Region; r == nil || *r != (struct{ StartLine, StartColumn, EndLine, EndColumn int }{2, 3, 2, 9}) {
			t.Errorf("%s: region %+v", tc.path, r)
		}
		if b := d.Runs[0].OriginalURIBaseIDs["%SRCROOT%"].URI; b != rootURI {
			t.Errorf("originalUriBaseIds %q; want %q", b, rootURI)
		}
	}
}

// mkResult makes a result whose findings have the given severities, one
// per line of path.
func mkResult(path string, sevs ...rules.Severity) engine.Result {
	r := engine.Result{File: engine.File{Display: path, Path: path}}
	for i, s := range sevs {
		r.Findings = append(r.Findings, rules.Finding{Rule: "doi-format", Severity: s, Path: path,
			Message: fmt.Sprintf("%s %d", path, i+1),
			Range:   rules.Range{Start: rules.Position{Line: i + 1, Column: 1}, End: rules.Position{Line: i + 1, Column: 2}}})
	}
	return r
}

// TestSARIFLimit: with a limit of 4, the 4 most severe results are kept, in
// their order within a severity, and a notification counts the rest.
func TestSARIFLimit(t *testing.T) {
	const e, w, n = rules.SeverityError, rules.SeverityWarning, rules.SeverityNote
	res := []engine.Result{mkResult("a.md", n, w, e), mkResult("b.md", e, n), mkResult("c.md", w, e, e)}
	d := decode(t, sarifOf(t, res, Summary{}, Options{Registry: testRegistry(t), Dir: t.TempDir()}, 4))
	got := make([]string, 0, len(d.Runs[0].Results))
	for _, r := range d.Runs[0].Results {
		got = append(got, r.Level+" "+r.Message.Text)
	}
	want := []string{"error a.md 3", "error b.md 1", "error c.md 2", "error c.md 3"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	inv := d.Runs[0].Invocations[0]
	if !inv.ExecutionSuccessful || len(inv.Notifications) != 1 {
		t.Fatalf("invocation %+v; want one notification", inv)
	}
	const note = "4 results were left out (2 warnings, 2 notes): a run holds at most 4 results, so the 4 most severe are written"
	if n := inv.Notifications[0]; n.Level != "warning" || n.Message.Text != note {
		t.Errorf("notification %s %q; want warning %q", n.Level, n.Message.Text, note)
	}
	// Under the limit there is no notification.
	d = decode(t, sarifOf(t, res[:1], Summary{}, Options{Registry: testRegistry(t), Dir: t.TempDir()}, 4))
	if len(d.Runs[0].Invocations[0].Notifications) != 0 || len(d.Runs[0].Results) != 3 {
		t.Errorf("under the limit: %+v", d.Runs[0].Invocations)
	}
}

// TestSARIFSuppressed: suppressed findings are left out unless asked for,
// then written after the reported ones with their suppression.
func TestSARIFSuppressed(t *testing.T) {
	r := mkResult("a.md", rules.SeverityNote)
	hidden := mkResult("a.md", rules.SeverityError, rules.SeverityWarning).Findings
	r.Suppressed = []engine.Suppressed{
		{Finding: hidden[0], Kind: "inSource", Justification: "the article has no DOI"},
		{Finding: hidden[1], Kind: "external"},
	}
	reg := testRegistry(t)
	d := decode(t, sarifOf(t, []engine.Result{r}, Summary{}, Options{Registry: reg, Dir: t.TempDir()}, 0))
	if n := len(d.Runs[0].Results); n != 1 {
		t.Errorf("%d results by default; want the 1 reported", n)
	}
	d = decode(t, sarifOf(t, []engine.Result{r}, Summary{}, Options{Registry: reg, Dir: t.TempDir(), IncludeSuppressed: true}, 0))
	got := make([]string, 0, len(d.Runs[0].Results))
	for _, res := range d.Runs[0].Results {
		s := res.Level + " " + res.Message.Text
		for _, sup := range res.Suppressions {
			s += fmt.Sprintf(" [%s %q]", sup.Kind, sup.Justification)
		}
		got = append(got, s)
	}
	want := []string{`note a.md 1`, `error a.md 1 [inSource "the article has no DOI"]`, `warning a.md 2 [external ""]`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
}

func TestSARIFCategoryAndErrors(t *testing.T) {
	reg := testRegistry(t)
	for cat, want := range map[string]string{"figlint": "figlint/", "figlint/pages/": "figlint/pages/"} {
		d := decode(t, sarifOf(t, nil, Summary{}, Options{Registry: reg, Category: cat}, 0))
		if a := d.Runs[0].AutomationDetails; a == nil || a.ID != want {
			t.Errorf("category %q: automationDetails %+v; want id %q", cat, a, want)
		}
	}
	r := engine.Result{Err: errors.New("engine: rule \"x\" panicked on a.md: boom\nstack")}
	d := decode(t, sarifOf(t, []engine.Result{r}, Summary{}, Options{Registry: reg}, 0))
	inv := d.Runs[0].Invocations[0]
	if inv.ExecutionSuccessful || len(inv.Notifications) != 1 || inv.Notifications[0].Message.Text != `engine: rule "x" panicked on a.md: boom` {
		t.Errorf("invocation %+v; want a failed run with the error's first line", inv)
	}
	if _, err := NewSARIF(&bytes.Buffer{}, Options{}); err == nil {
		t.Error("NewSARIF without a registry succeeded")
	}
}

// TestSARIFUnknownRule: a finding of a rule outside the registry still
// gets a descriptor, in sorted place.
func TestSARIFUnknownRule(t *testing.T) {
	reg := testRegistry(t)
	r := mkResult("a.md", rules.SeverityWarning)
	r.Findings[0].Rule = "aaa-extra"
	d := decode(t, sarifOf(t, []engine.Result{r}, Summary{}, Options{Registry: reg}, 0))
	rs := d.Runs[0].Tool.Driver.Rules
	if len(rs) != len(reg.Metas())+1 || rs[0]["id"] != "aaa-extra" || d.Runs[0].Results[0].RuleIndex != 0 {
		t.Errorf("%d rules, first %v, ruleIndex %d", len(rs), rs[0]["id"], d.Runs[0].Results[0].RuleIndex)
	}
}

// TestOpenSARIFFile writes beside another format through Multi.
func TestOpenSARIFFile(t *testing.T) {
	reg := testRegistry(t)
	path := filepath.Join(t.TempDir(), "out.sarif")
	s, err := OpenSARIFFile(path, Options{Registry: reg})
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	render(t, Multi(&Text{w: &text}, s), []engine.Result{mkResult("a.md", rules.SeverityError)}, Summary{})
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if d := decode(t, data); len(d.Runs[0].Results) != 1 || !strings.Contains(text.String(), "a.md:1:1: error: a.md 1") {
		t.Errorf("sarif %d results, text %q", len(d.Runs[0].Results), text.String())
	}
	if _, err := OpenSARIFFile(filepath.Join(t.TempDir(), "no", "such", "dir.sarif"), Options{Registry: reg}); err == nil {
		t.Error("OpenSARIFFile in a missing directory succeeded")
	}
}

// TestSARIFFingerprintsOfOtherFiles: findings in a companion table and a
// collection-level finding are fingerprinted from the files they name.
func TestSARIFFingerprintsOfOtherFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "t.tsv"), []byte(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	page := mkResult("p.md", rules.SeverityError)
	page.Findings[0].Path = "t.tsv"
	page.Findings[0].Range.Start.Line = 5
	coll := mkResult("t.tsv", rules.SeverityError)
	coll.Collection = true
	coll.File = engine.File{}
	d := decode(t, sarifOf(t, []engine.Result{page, coll}, Summary{}, Options{Registry: testRegistry(t), Dir: dir}, 0))
	got := make([]string, 0, len(d.Runs[0].Results))
	for _, r := range d.Runs[0].Results {
		got = append(got, r.PartialFingerprints["primaryLocationLineHash"])
	}
	// Lines 5 and 1 of the file hashed in codeql-action's own tests.
	if diff := cmp.Diff([]string{"b3edc88f2938467e:1", "e9496ae3ebfced30:1"}, got); diff != "" {
		t.Errorf("fingerprints (-want +got):\n%s", diff)
	}
}

// TestMulti: every reporter gets every call; End runs for all even after
// an error, and the first error is returned.
func TestMulti(t *testing.T) {
	var calls []string
	a, b := &recorder{name: "a", calls: &calls, endErr: fmt.Errorf("a failed")}, &recorder{name: "b", calls: &calls}
	m := Multi(a, b)
	_ = m.Begin()
	_ = m.File(engine.Result{})
	err := m.End(Summary{})
	if err == nil || err.Error() != "a failed" {
		t.Errorf("End error %v; want a's", err)
	}
	want := []string{"a Begin", "b Begin", "a File", "b File", "a End", "b End"}
	if diff := cmp.Diff(want, calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

type recorder struct {
	name   string
	calls  *[]string
	endErr error
}

func (r *recorder) Begin() error             { *r.calls = append(*r.calls, r.name+" Begin"); return nil }
func (r *recorder) File(engine.Result) error { *r.calls = append(*r.calls, r.name+" File"); return nil }
func (r *recorder) End(Summary) error        { *r.calls = append(*r.calls, r.name+" End"); return r.endErr }
