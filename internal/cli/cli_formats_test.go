package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSARIFAndGitHubFlags runs the sarif and github formats through the
// command line: --format sarif, --sarif-file beside text, --sarif-category,
// --include-suppressed, and the job summary from GITHUB_STEP_SUMMARY.
func TestSARIFAndGitHubFlags(t *testing.T) {
	const dir = "../../fixtures/sarif"
	code, out, errOut := run(t, dir, "--format", "sarif", "--sarif-category", "pages", "--include-suppressed", ".")
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr %s", code, errOut)
	}
	var log struct {
		Runs []struct {
			AutomationDetails struct{ ID string } `json:"automationDetails"`
			Results           []struct {
				Suppressions []any `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("not one SARIF run: %v", err)
	}
	suppressed := 0
	for _, r := range log.Runs[0].Results {
		if len(r.Suppressions) > 0 {
			suppressed++
		}
	}
	if log.Runs[0].AutomationDetails.ID != "pages/" || suppressed == 0 {
		t.Errorf("automationDetails %q, %d suppressed results", log.Runs[0].AutomationDetails.ID, suppressed)
	}

	sarif := filepath.Join(t.TempDir(), "out.sarif")
	code, out, _ = run(t, dir, "--no-snippet", "--sarif-file", sarif, ".")
	data, err := os.ReadFile(sarif)
	if code != ExitFindings || err != nil || !json.Valid(data) || !strings.Contains(out, "[duplicate-key]") {
		t.Errorf("--sarif-file beside text: exit %d, read error %v, valid JSON %v", code, err, json.Valid(data))
	}
	code, _, errOut = run(t, dir, "--sarif-file", filepath.Join(t.TempDir(), "no", "dir", "x.sarif"), ".")
	if code != ExitUsage || !strings.Contains(errOut, "--sarif-file") {
		t.Errorf("--sarif-file in a missing directory: exit %d, %s", code, errOut)
	}

	summary := filepath.Join(t.TempDir(), "summary.md")
	var stdout, stderr bytes.Buffer
	code = Main([]string{"--format", "github", "."}, IO{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Dir: dir,
		Getenv: func(k string) string {
			if k == "GITHUB_STEP_SUMMARY" {
				return summary
			}
			return ""
		}})
	md, _ := os.ReadFile(summary)
	if code != ExitFindings || !strings.HasPrefix(stdout.String(), "::error file=fixtures/sarif/") || !strings.HasPrefix(string(md), "## figlint") {
		t.Errorf("github format: exit %d\n%s\nsummary %q", code, stdout.String()[:min(300, stdout.Len())], md)
	}
}
