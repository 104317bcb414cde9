package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
)

// envOf returns a Getenv over a map.
func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// TestGitHubGolden renders the fixtures' findings as workflow commands and
// a job summary.
func TestGitHubGolden(t *testing.T) {
	reg := testRegistry(t)
	results, sum, dir := lintFixtures(t, reg)
	summary := filepath.Join(t.TempDir(), "step_summary.md")
	var out bytes.Buffer
	render(t, NewGitHub(&out, Options{Dir: dir, Getenv: envOf(map[string]string{
		"GITHUB_STEP_SUMMARY": summary, "GITHUB_SERVER_URL": "https://github.com",
		"GITHUB_REPOSITORY": "figlint/figlint", "GITHUB_SHA": "0123456789abcdef0123456789abcdef01234567",
	})}), results, sum)
	golden(t, "github.golden", out.String())
	md, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "summary.md.golden", string(md))
	// One command per finding, errors, then warnings, then notices.
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != sum.Findings+1 {
		t.Fatalf("%d lines; want %d commands and the counts", len(lines), sum.Findings)
	}
	order := map[string]int{"::error ": 0, "::warning ": 1, "::notice ": 2}
	last := 0
	for _, l := range lines[:sum.Findings] {
		rank := -1
		for p, r := range order {
			if strings.HasPrefix(l, p) {
				rank = r
			}
		}
		if rank < last {
			t.Fatalf("out of order or not a command: %s", l)
		}
		last = rank
	}
}

func TestWorkflowCommand(t *testing.T) {
	for _, tc := range []struct {
		f    ghFinding
		want string
	}{
		{ghFinding{rule: "schema/type", severity: rules.SeverityError, path: "pages/a.md",
			rng:     rules.Range{Start: rules.Position{Line: 7, Column: 16}, End: rules.Position{Line: 7, Column: 28}},
			message: `organisms_ner is "Homo sapiens"; expected a list`},
			"::error file=pages/a.md,line=7,endLine=7,col=16,endColumn=28,title=schema/type::organisms_ner is \"Homo sapiens\"; expected a list\n"},
		// A span over lines has no columns; notes are notices.
		{ghFinding{rule: "title-quality", severity: rules.SeverityNote, path: "a.md",
			rng:     rules.Range{Start: rules.Position{Line: 3, Column: 5}, End: rules.Position{Line: 5, Column: 2}},
			message: "m"},
			"::notice file=a.md,line=3,endLine=5,title=title-quality::m\n"},
		// Escaping: %, CR and LF everywhere; also : and , in properties.
		{ghFinding{rule: "missing-value", severity: rules.SeverityWarning, path: "dir,1/a:b%c.md",
			rng:     rules.Range{Start: rules.Position{Line: 1, Column: 1}, End: rules.Position{Line: 1, Column: 1}},
			message: "50% of \"a:b, c\"\r\nnext"},
			"::warning file=dir%2C1/a%3Ab%25c.md,line=1,endLine=1,col=1,endColumn=1,title=missing-value::50%25 of \"a:b, c\"%0D%0Anext\n"},
		// Related places go through the same escaping as the message.
		{ghFinding{rule: "genes-table", severity: rules.SeverityError, path: "a.md",
			rng:     rules.Range{Start: rules.Position{Line: 2, Column: 1}, End: rules.Position{Line: 2, Column: 4}},
			message: "m", also: " (also at 100%/b\n.tsv:3:1 and 2 more)"},
			"::error file=a.md,line=2,endLine=2,col=1,endColumn=4,title=genes-table::m (also at 100%25/b%0A.tsv:3:1 and 2 more)\n"},
		// No position: the file only.
		{ghFinding{rule: "front-matter", severity: rules.SeverityError, path: "a.md", message: "m"},
			"::error file=a.md,title=front-matter::m\n"},
	} {
		if got := workflowCommand(tc.f); got != tc.want {
			t.Errorf("workflowCommand:\n got %q\nwant %q", got, tc.want)
		}
	}
}

// TestGitHubPathsFromSubdirectory: annotations name files relative to the
// repository root even when figlint runs in a subdirectory.
func TestGitHubPathsFromSubdirectory(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, ".git"), []byte("gitdir: elsewhere\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "site")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	render(t, NewGitHub(&out, Options{Dir: dir}), []engine.Result{mkResult("_figures/a.md", rules.SeverityWarning)}, Summary{Files: 1, Findings: 1, Warnings: 1})
	want := "::warning file=site/_figures/a.md,line=1,endLine=1,col=1,endColumn=2,title=doi-format::_figures/a.md 1\n" +
		"figlint: 1 finding in 1 file: 0 errors, 1 warning, 0 notes\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

// TestGitHubSummaryBudget: the summary stays within what is left of 1 MiB
// and says what it left out; a file already full gets nothing and the run
// gets a warning.
func TestGitHubSummaryBudget(t *testing.T) {
	res := make([]engine.Result, 0, 300)
	sum := Summary{}
	for i := range 300 {
		r := mkResult(strings.Repeat("d", 40)+"/"+string(rune('a'+i%26))+".md", rules.SeverityError, rules.SeverityNote)
		for j := range r.Findings {
			r.Findings[j].Message = strings.Repeat("long message ", 20)
			sum.Add(r.Findings[j])
		}
		res = append(res, r)
		sum.Files++
	}
	path := filepath.Join(t.TempDir(), "summary.md")
	earlier := MaxStepSummary - 12000
	if err := os.WriteFile(path, bytes.Repeat([]byte("x"), earlier), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	render(t, NewGitHub(&out, Options{Getenv: envOf(map[string]string{"GITHUB_STEP_SUMMARY": path})}), res, sum)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > MaxStepSummary {
		t.Errorf("summary file is %d bytes; want at most %d", len(data), MaxStepSummary)
	}
	md := string(data[earlier:])
	rows := strings.Count(md, "\n| error |") + strings.Count(md, "\n| note |")
	if rows == 0 || rows >= SummaryFindings {
		t.Errorf("%d finding rows; want some, cut short by the budget", rows)
	}
	if !strings.Contains(md, "of 600 findings are listed, to keep within GitHub's 1048576-byte job summary limit") {
		t.Errorf("no truncation note:\n%s", md[len(md)-400:])
	}
	if !strings.Contains(md, "**600 findings** in 300 files: 300 errors, 0 warnings, 300 notes.") {
		t.Errorf("no counts:\n%s", md[:300])
	}

	// Without a budget limit, the list stops at SummaryFindings rows.
	path2 := filepath.Join(t.TempDir(), "summary.md")
	render(t, NewGitHub(&bytes.Buffer{}, Options{Getenv: envOf(map[string]string{"GITHUB_STEP_SUMMARY": path2})}), res, sum)
	data, _ = os.ReadFile(path2)
	if n := strings.Count(string(data), "\n| error |"); n != SummaryFindings {
		t.Errorf("%d rows; want %d", n, SummaryFindings)
	}
	if !strings.Contains(string(data), "_100 of 600 findings are listed; the annotations and the SARIF upload have the rest._") {
		t.Errorf("no note of the rows left out")
	}

	// A summary file already full: nothing appended, a warning instead.
	full := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(full, bytes.Repeat([]byte("x"), MaxStepSummary-100), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	render(t, NewGitHub(&out, Options{Getenv: envOf(map[string]string{"GITHUB_STEP_SUMMARY": full})}), res, sum)
	if info, _ := os.Stat(full); info.Size() != MaxStepSummary-100 {
		t.Errorf("full summary file grew to %d bytes", info.Size())
	}
	if !strings.Contains(out.String(), "::warning title=figlint::cannot write the job summary") {
		t.Errorf("no warning about the summary in the output")
	}
}

// TestGitHubNoSummaryWithoutEnv: without GITHUB_STEP_SUMMARY nothing but the
// commands is written; a clean run says so.
func TestGitHubNoSummaryWithoutEnv(t *testing.T) {
	var out bytes.Buffer
	render(t, NewGitHub(&out, Options{}), []engine.Result{{File: engine.File{Display: "a.md"}}}, Summary{Files: 1})
	if diff := cmp.Diff("figlint: no findings in 1 file\n", out.String()); diff != "" {
		t.Error(diff)
	}
	path := filepath.Join(t.TempDir(), "s.md")
	render(t, NewGitHub(&bytes.Buffer{}, Options{Getenv: envOf(map[string]string{"GITHUB_STEP_SUMMARY": path})}),
		nil, Summary{Files: 3})
	data, _ := os.ReadFile(path)
	if diff := cmp.Diff("## figlint\n\nNo findings in 3 files.\n", string(data)); diff != "" {
		t.Error(diff)
	}
}

func TestEscapeMarkdown(t *testing.T) {
	got := escapeMarkdown("a | b <script> *x* _y_ [l](u) `c` ~s~ &amp; \\ 10-2\nnext")
	want := "a \\| b \\<script\\> \\*x\\* \\_y\\_ \\[l\\](u) \\`c\\` \\~s\\~ \\&amp; \\\\ 10-2 next"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
