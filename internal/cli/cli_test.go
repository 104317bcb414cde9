package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/figlint/figlint/internal/testenv"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// run executes the CLI in dir and returns its exit code and output.
func run(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, IO{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Dir: dir,
		Getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	testenv.Golden(t, filepath.Join("..", "..", "fixtures", "format", name), got, *update, "./internal/cli")
}

const formatDir = "../../fixtures/format"

func TestFormatsGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"text.golden", []string{"pages"}},
		{"text-nosnippet.golden", []string{"--no-snippet", "pages"}},
		{"json.golden", []string{"--format", "json", "pages"}},
		{"csv.golden", []string{"--format", "csv", "pages"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			code, out, errOut := run(t, formatDir, tc.args...)
			if code != ExitFindings {
				t.Fatalf("exit %d, want %d; stderr: %s", code, ExitFindings, errOut)
			}
			golden(t, tc.golden, out)
		})
	}
}

// TestJSONContract checks the documented keys of the JSON output.
func TestJSONContract(t *testing.T) {
	_, out, _ := run(t, formatDir, "--format", "json", "pages")
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if got := sortedKeys(doc); !cmp.Equal(got, []string{"files", "findings", "summary", "version"}) {
		t.Fatalf("top-level keys %v", got)
	}
	// "files" (added within version 1): each linted file, in path order,
	// with the schema it was checked against (null for none).
	var files []map[string]json.RawMessage
	if err := json.Unmarshal(doc["files"], &files); err != nil || len(files) != 7 {
		t.Fatalf("files: %v (%d)", err, len(files))
	}
	for _, f := range files {
		if got := sortedKeys(f); !cmp.Equal(got, []string{"path", "schema"}) {
			t.Fatalf("file keys %v", got)
		}
	}
	var version int
	_ = json.Unmarshal(doc["version"], &version)
	if version != 1 {
		t.Fatalf("version %d, want 1", version)
	}
	var findings []map[string]json.RawMessage
	if err := json.Unmarshal(doc["findings"], &findings); err != nil || len(findings) == 0 {
		t.Fatalf("findings: %v (%d)", err, len(findings))
	}
	want := []string{"column", "endColumn", "endLine", "line", "message", "path", "pointer", "rule", "severity"}
	for _, f := range findings {
		if got := sortedKeys(f); !cmp.Equal(got, want) {
			t.Fatalf("finding keys %v, want %v", got, want)
		}
	}
	var sum map[string]int
	if err := json.Unmarshal(doc["summary"], &sum); err != nil {
		t.Fatal(err)
	}
	if got := sortedKeys(sum); !cmp.Equal(got, []string{"errors", "files", "findings", "notes", "warnings"}) {
		t.Fatalf("summary keys %v", got)
	}
	if sum["files"] != 7 || sum["findings"] != len(findings) || sum["errors"]+sum["warnings"]+sum["notes"] != len(findings) {
		t.Fatalf("summary %v does not add up to %d findings in 7 files", sum, len(findings))
	}
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func TestDeterministicAcrossJobs(t *testing.T) {
	_, want, _ := run(t, "../..", "--format", "json", "--jobs", "1", "fixtures")
	for _, jobs := range []string{"2", "8", "32"} {
		_, got, _ := run(t, "../..", "--format", "json", "--jobs", jobs, "fixtures")
		if got != want {
			t.Fatalf("--jobs %s output differs from --jobs 1:\n%s", jobs, cmp.Diff(want, got))
		}
	}
}

func TestExitCodes(t *testing.T) {
	tmp := t.TempDir()
	clean := filepath.Join(tmp, "clean.md")
	copyFile(t, "../../fixtures/ok/_figures/PMC8932105__12935_2022_2527_Fig7_HTML.md", clean)
	warnOnly := filepath.Join(tmp, "warn.md")
	copyFile(t, "../../fixtures/format/pages/f-legacy.md", warnOnly)
	for _, tc := range []struct {
		name   string
		args   []string
		want   int
		stderr string
	}{
		{"clean", []string{clean}, ExitClean, ""},
		{"errors", []string{"../../fixtures/format/pages"}, ExitFindings, ""},
		{"warning below fail-on", []string{warnOnly}, ExitClean, ""},
		{"warning at fail-on", []string{"--fail-on", "warning", warnOnly}, ExitFindings, ""},
		{"disable the warning", []string{"--fail-on", "note", "--disable", "legacy-format", warnOnly}, ExitClean, ""},
		{"enable-only schema family", []string{"--enable-only", "schema/*", "../../fixtures/format/pages/b-duplicate.md"}, ExitClean, ""},
		{"unknown flag", []string{"--nope"}, ExitUsage, "figlint: unknown flag --nope\nRun \"figlint --help\" for usage.\n"},
		{"misspelt flag", []string{"--fromat", "json"}, ExitUsage, "unknown flag --fromat (did you mean --format?)"},
		{"unknown rule", []string{"--disable", "no-such-rule", clean}, ExitUsage, `unknown rule "no-such-rule"`},
		{"bad pattern", []string{"--enable-only", "schema/[", clean}, ExitUsage, "invalid rule pattern"},
		{"bad fail-on", []string{"--fail-on", "fatal", clean}, ExitUsage, "expected error, warning or note"},
		{"bad format", []string{"--format", "xml", clean}, ExitUsage, "expected text, json, sarif, github or csv"},
		{"missing path", []string{filepath.Join(tmp, "absent.md")}, ExitUsage, "no such file"},
		{"missing schema", []string{"--schema", filepath.Join(tmp, "none.json"), clean}, ExitUsage, "check the schema file"},
		{"no pages", []string{t.TempDir()}, ExitUsage, "no *.md or *.markdown files"},
		{"bad max-size", []string{"--max-size", "lots", clean}, ExitUsage, "invalid size"},
		{"huge max-size", []string{"--max-size", "9223372036854775807", clean}, ExitUsage, "too large"},
		{"overflowing max-size", []string{"--max-size", "8589934592GiB", clean}, ExitUsage, "too large"},
		{"largest max-size", []string{"--max-size", "1024GiB", clean}, ExitClean, ""},
		{"too large", []string{"--max-size", "100", clean}, ExitFindings, ""},
		{"help", []string{"-h"}, ExitClean, "Usage:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := run(t, "", tc.args...)
			if code != tc.want {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.want, errOut)
			}
			if !strings.Contains(errOut, tc.stderr) {
				t.Fatalf("stderr %q does not contain %q", errOut, tc.stderr)
			}
		})
	}
}

func TestInternalErrorExit3(t *testing.T) {
	testRules = append(testRules, panicRule)
	defer func() { testRules = testRules[:0] }()
	code, _, errOut := run(t, "", "../../fixtures/ok/_figures/PMC8932105__12935_2022_2527_Fig7_HTML.md")
	if code != ExitInternal || !strings.Contains(errOut, "internal error") || !strings.Contains(errOut, "panicked") {
		t.Fatalf("exit %d, stderr %q; want exit 3 naming the panicking rule", code, errOut)
	}
}

func TestListFileAndStdin(t *testing.T) {
	tmp := t.TempDir()
	list := filepath.Join(tmp, "list.txt")
	abs, _ := filepath.Abs("../../fixtures/format/pages/b-duplicate.md")
	if err := os.WriteFile(list, []byte(abs+"\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, "", "--no-snippet", "@"+list)
	if code != ExitFindings || !strings.Contains(out, "duplicate-key") {
		t.Fatalf("exit %d out %q", code, out)
	}
}

func TestRelativeDisplayPaths(t *testing.T) {
	_, out, _ := run(t, "../../fixtures", "--no-snippet", "--enable-only", "duplicate-key", "format/pages/b-duplicate.md")
	if !strings.HasPrefix(out, "format/pages/b-duplicate.md:29:1: error:") {
		t.Fatalf("output %q; want a path relative to the working directory with / separators", out)
	}
}

func TestRobustInputs(t *testing.T) {
	tmp := t.TempDir()
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bin := make([]byte, 4096)
	for i := range bin {
		bin[i] = byte(i*7 + i/13)
	}
	write("binary.md", bin)
	write("empty.md", nil)
	write("empty-block.md", []byte("---\n---\n"))
	write("invalid-utf8.md", []byte("---\nfigtitle: \xff\xfe\n---\n"))
	write("deep-block.md", deepBlock(10001))
	write("deep-flow.md", []byte("---\nx: "+strings.Repeat("[", 10001)+strings.Repeat("]", 10001)+"\n---\n"))
	write("nul.md", []byte("---\nfigtitle: a\x00b\n---\n"))
	if err := os.Symlink("nowhere.md", filepath.Join(tmp, "dangling.md")); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(tmp, "loop")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("..", filepath.Join(sub, "back")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(tmp, "dir.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		if err := syscall.Mkfifo(filepath.Join(tmp, "fifo.md"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := run(t, tmp, "--no-snippet", "--format", "json")
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr %s", code, errOut)
	}
	var doc struct {
		Findings []struct {
			Rule, Path, Message string
			Line, Column        int
		}
		Summary struct{ Files int }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	perFile := map[string]string{}
	for _, f := range doc.Findings {
		if f.Line < 1 || f.Column < 1 {
			t.Errorf("%s: position %d:%d is not 1-based", f.Path, f.Line, f.Column)
		}
		perFile[f.Path] += f.Rule + " "
	}
	for file, rule := range map[string]string{
		"binary.md": "front-matter", "empty.md": "front-matter", "empty-block.md": "schema/required",
		"invalid-utf8.md": "front-matter", "deep-block.md": "yaml-syntax", "deep-flow.md": "yaml-syntax",
		"nul.md": "yaml-syntax", "dangling.md": "front-matter", "fifo.md": "front-matter",
	} {
		if !strings.Contains(perFile[file], rule) {
			t.Errorf("%s: findings %q, want %s", file, perFile[file], rule)
		}
	}
	// dir.md is a directory, so the walk does not take it as a page; the
	// loop through loop/back is not followed.
	if doc.Summary.Files != 9 {
		t.Errorf("linted %d files, want 9", doc.Summary.Files)
	}
}

// deepBlock nests block sequences n levels deep on one line ("- - - x").
func deepBlock(n int) []byte {
	return []byte("---\nx:\n" + strings.Repeat("- ", n) + "x\n---\n")
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRulesDocUpToDate(t *testing.T) {
	code, out, errOut := run(t, "", "rules", "--format", "markdown")
	if code != ExitClean {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	path := "../../docs/rules.md"
	if *update {
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != out {
		t.Fatalf("docs/rules.md is stale: run `go run ./cmd/figlint rules --format markdown > docs/rules.md`\n%s", cmp.Diff(string(want), out))
	}
}

func TestRulesListAndVersion(t *testing.T) {
	code, out, _ := run(t, "", "rules")
	if code != ExitClean || !strings.Contains(out, "schema/required") || !strings.Contains(out, "duplicate-key") {
		t.Fatalf("rules: exit %d out %q", code, out)
	}
	code, out, _ = run(t, "", "version")
	if code != ExitClean || !strings.HasPrefix(out, "figlint ") {
		t.Fatalf("version: exit %d out %q", code, out)
	}
}

// TestUserSchema lints a Hugo-style collection with a draft-07 schema whose
// $ref points into a second local file.
func TestUserSchema(t *testing.T) {
	code, out, errOut := run(t, "../../fixtures/user-schema", "--no-snippet", "--schema", "post.schema.json", "content")
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	want := `content/bad.md:2:8: error: title is "Hi" (2 characters); expected at least 3 [schema/minLength]
content/bad.md:3:7: error: date is "2023-02-30"; expected a valid date (parsing time "2023-02-30": day out of range) [schema/format]
content/bad.md:4:14: error: tags[1] repeats item 0 ("yaml"); expected unique items [schema/uniqueItems]
content/bad.md:5:9: error: weight is the number -2; expected at least 1 [schema/minimum]
content/bad.md:6:1: error: unknown field "author" in the front matter; expected only the fields the schema defines [schema/additionalProperties]
5 findings (5 errors, 0 warnings, 0 notes) in 2 files
`
	if diff := cmp.Diff(want, out); diff != "" {
		t.Fatalf("output mismatch (-want +got):\n%s", diff)
	}
	// The legacy check belongs to the built-in PFOCR schema only.
	code, _, errOut = run(t, "../../fixtures/user-schema", "--schema", "post.schema.json", "--disable", "legacy-format", "content")
	if code != ExitUsage || !strings.Contains(errOut, `unknown rule "legacy-format"`) {
		t.Fatalf("legacy-format with a user schema: exit %d, %s", code, errOut)
	}
}

// TestSampleCollection pins the findings of the bundled sample that the
// README's first command lints; fixtures/pfocr/DEFECTS.txt lists the defects
// each page was written with.
func TestSampleCollection(t *testing.T) {
	code, out, errOut := run(t, "../..", "--no-snippet", "fixtures/pfocr")
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	golden(t, "pfocr-sample.golden", out)
}

// TestConfigProject lints a project whose .figlint.yaml turns rules off,
// changes a severity, overrides a folder, excludes drafts and fails on
// warnings; the configuration is found from the working directory.
func TestConfigProject(t *testing.T) {
	code, out, errOut := run(t, "../../fixtures/config/project", "--no-snippet")
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, absent := range []string{"[missing-value]", "[organism-name]", "drafts/", "[legacy-format]"} {
		if strings.Contains(out, absent) {
			t.Errorf("output has %s, which the configuration turns off or excludes:\n%s", absent, out)
		}
	}
	if !strings.Contains(out, "note: organisms_ner names \"Drosophila melanogaster\"") {
		t.Errorf("organisms-ner-mismatch not lowered to a note:\n%s", out)
	}
	// Flags override the file: --fail-on error with only notes and
	// warnings left exits 0.
	code, _, _ = run(t, "../../fixtures/config/project", "--no-snippet", "--fail-on", "error", "--disable", "schema/*", "_figures/PMC3246694__DRP2012-259170.002.md")
	if code != ExitClean {
		t.Errorf("--fail-on error over the file's warning: exit %d, want 0", code)
	}
	// --no-config ignores it: missing-value is back.
	_, out, _ = run(t, "../../fixtures/config/project", "--no-snippet", "--no-config", "_figures")
	if !strings.Contains(out, "[missing-value]") {
		t.Errorf("--no-config still applied the file")
	}
}

// TestConfigErrors: each broken configuration is a usage error naming the
// file, line and column; fixtures/config/errors.golden holds the messages.
func TestConfigErrors(t *testing.T) {
	files, _ := filepath.Glob("../../fixtures/config/errors/*.yaml")
	var got strings.Builder
	for _, f := range files {
		code, _, errOut := run(t, "../../fixtures/config", "--config", "errors/"+filepath.Base(f), "project/_figures")
		if code != ExitUsage {
			t.Errorf("%s: exit %d, want 2", f, code)
		}
		got.WriteString(strings.SplitN(errOut, "\n", 2)[0] + "\n")
	}
	if len(files) < 6 {
		t.Fatalf("only %d error cases", len(files))
	}
	golden(t, "../config/errors.golden", got.String())
}

// TestBaseline records the findings, then checks that a re-run reports
// none, that an edit elsewhere in a page keeps its findings matched, that a
// changed value brings its finding back, and that a fixed one is counted
// as no longer occurring.
func TestBaseline(t *testing.T) {
	tmp := t.TempDir()
	page := filepath.Join(tmp, "PMC10538757__pone.0291981.g002.md")
	copyFile(t, "../../fixtures/pfocr/_figures/PMC10538757__pone.0291981.g002.md", page)
	base := filepath.Join(tmp, "baseline.txt")
	code, out, errOut := run(t, tmp, "--no-config", "--write-baseline", base, ".")
	if code != ExitClean || out != "" || !strings.Contains(errOut, "wrote 3 findings to the baseline") {
		t.Fatalf("write: exit %d, output %q, %s; want exit 0, no finding printed, a summary line", code, out, errOut)
	}
	data, _ := os.ReadFile(base)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if !strings.HasPrefix(lines[0], "# figlint baseline v2") || len(lines) < 4 || !sort.StringsAreSorted(lines[1:]) {
		t.Fatalf("baseline file:\n%s", data)
	}
	code, out, _ = run(t, tmp, "--no-config", "--baseline", base, ".")
	if code != ExitClean || out != "" {
		t.Fatalf("re-run with the baseline: exit %d, output %q", code, out)
	}
	src, _ := os.ReadFile(page)
	// An edit elsewhere: a new comment line shifts every line down.
	edited := strings.Replace(string(src), "---\n", "---\n# reviewed by a curator\n", 1)
	// A changed value: automl_pathway 1.7 becomes 1.8, still out of range.
	edited = strings.Replace(edited, "automl_pathway: 1.7", "automl_pathway: 1.8", 1)
	// A fix: publisher_name gets a value.
	edited = strings.Replace(edited, "publisher_name: ''", "publisher_name: Public Library of Science", 1)
	if err := os.WriteFile(page, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = run(t, tmp, "--no-config", "--no-snippet", "--baseline", base, ".")
	if code != ExitFindings || !strings.HasSuffix(out, "\n1 finding (1 error, 0 warnings, 0 notes) in 1 file\n") ||
		strings.Count(out, "\n") != 2 || !strings.Contains(out, "automl_pathway is the number 1.8") {
		t.Fatalf("after edits: exit %d, output:\n%s", code, out)
	}
	if !strings.Contains(errOut, "2 baseline entries no longer occur") {
		t.Fatalf("stderr %q; want the count of stale entries (the old 1.7 and the fixed publisher)", errOut)
	}
	// A malformed baseline is a usage error naming its line.
	if err := os.WriteFile(base, []byte("# figlint baseline v2: x\nbroken line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = run(t, tmp, "--no-config", "--baseline", base, ".")
	if code != ExitUsage || !strings.Contains(errOut, "baseline.txt:2: malformed entry") {
		t.Fatalf("malformed baseline: exit %d, %s", code, errOut)
	}
}

// TestShards: the shards of a run partition its pages, deterministically,
// and say that collection rules saw one shard.
func TestShards(t *testing.T) {
	seen := map[string]int{}
	for i := 1; i <= 3; i++ {
		_, out, errOut := run(t, "../..", "--no-snippet", "--format", "json", "--shard", fmt.Sprintf("%d/3", i), "fixtures/pfocr")
		var doc struct{ Summary struct{ Files int } }
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		seen["files"] += doc.Summary.Files
		if !strings.Contains(errOut, fmt.Sprintf("shard %d/3", i)) || !strings.Contains(errOut, "compared this shard's pages only") {
			t.Errorf("shard %d/3 stderr %q", i, errOut)
		}
		_, again, _ := run(t, "../..", "--format", "json", "--shard", fmt.Sprintf("%d/3", i), "fixtures/pfocr")
		if again != out {
			t.Errorf("shard %d/3 differs between runs", i)
		}
	}
	_, out, _ := run(t, "../..", "--format", "json", "fixtures/pfocr")
	var all struct{ Summary struct{ Files int } }
	if err := json.Unmarshal([]byte(out), &all); err != nil {
		t.Fatal(err)
	}
	if seen["files"] != all.Summary.Files {
		t.Errorf("shards hold %d pages, the whole run %d", seen["files"], all.Summary.Files)
	}
	for _, bad := range []string{"0/3", "4/3", "1/0", "x", "1-3"} {
		if code, _, errOut := run(t, "../..", "--shard", bad, "fixtures/pfocr"); code != ExitUsage || !strings.Contains(errOut, "invalid shard") {
			t.Errorf("--shard %s: exit %d %q", bad, code, errOut)
		}
	}
}

// TestCacheFlag: a run with --cache fills it, and a re-run gives the same
// output; --no-cache leaves it alone.
func TestCacheFlag(t *testing.T) {
	cache := t.TempDir()
	_, first, _ := run(t, "../..", "--format", "json", "--cache", cache, "fixtures/pfocr")
	entries, _ := filepath.Glob(filepath.Join(cache, "pack-*.flp"))
	if len(entries) != 1 {
		t.Fatalf("%d packs in the cache after a run; want 1", len(entries))
	}
	_, second, _ := run(t, "../..", "--format", "json", "--cache", cache, "fixtures/pfocr")
	if first != second {
		t.Fatalf("a cached re-run differs:\n%s", cmp.Diff(first, second))
	}
	// A relative --cache is relative to the working directory.
	work := t.TempDir()
	copyFile(t, "../../fixtures/ok/_figures/PMC8932105__12935_2022_2527_Fig7_HTML.md", filepath.Join(work, "p.md"))
	run(t, work, "--cache", "c", "p.md")
	if entries, _ := filepath.Glob(filepath.Join(work, "c", "pack-*.flp")); len(entries) != 1 {
		t.Fatalf("relative --cache: %d packs in %s/c", len(entries), work)
	}
	other := t.TempDir()
	run(t, "../..", "--no-cache", "--cache", other, "fixtures/pfocr")
	if entries, _ := os.ReadDir(other); len(entries) != 0 {
		t.Fatalf("--no-cache wrote %d files", len(entries))
	}
}

func TestProgressLine(t *testing.T) {
	p := &progress{total: 100}
	for range 40 {
		p.add(3)
	}
	if got, want := p.line(2*time.Second), "figlint: 40/100 pages, 20 pages/s, 120 findings, 3s left"; got != want {
		t.Fatalf("line %q, want %q", got, want)
	}
	// Not a terminal (a buffer): the CLI draws nothing.
	_, _, errOut := run(t, "../..", "--no-snippet", "fixtures/pfocr")
	if strings.Contains(errOut, "pages/s") {
		t.Fatalf("progress drawn on a non-terminal: %q", errOut)
	}
}

// TestRelatedThroughCommand: related locations reach the outputs through
// the command, cached or not, and a baseline matches findings that have
// them.
func TestRelatedThroughCommand(t *testing.T) {
	testRules = append(testRules, relatedRule)
	defer func() { testRules = testRules[:0] }()
	const dir = "../../fixtures/format/related"
	cache := t.TempDir()
	jsonArgs := []string{"--no-config", "--enable-only", "test-related", "--format", "json"}
	_, first, _ := run(t, dir, append(jsonArgs, "--cache", cache, ".")...)
	_, second, _ := run(t, dir, append(jsonArgs, "--cache", cache, ".")...)
	_, uncached, _ := run(t, dir, append(jsonArgs, "--no-cache", ".")...)
	if first != second || first != uncached || strings.Count(first, `"related":[{"path":"_figures/`) != 2 {
		t.Fatalf("JSON differs between cached and uncached runs or lacks related places:\n%s\n%s\n%s", uncached, first, second)
	}
	_, sarif, _ := run(t, dir, "--no-config", "--enable-only", "test-related", "--format", "sarif", ".")
	if strings.Count(sarif, `"relatedLocations"`) != 2 {
		t.Errorf("SARIF has %d relatedLocations; want 2", strings.Count(sarif, `"relatedLocations"`))
	}
	base := filepath.Join(t.TempDir(), "baseline.txt")
	run(t, dir, "--no-config", "--enable-only", "test-related", "--write-baseline", base, ".")
	if code, out, errOut := run(t, dir, "--no-config", "--enable-only", "test-related", "--baseline", base, "."); code != ExitClean {
		t.Errorf("with the baseline: exit %d\n%s%s", code, out, errOut)
	}
}
