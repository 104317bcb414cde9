package cli

import (
	"strings"
	"testing"
)

// TestConventions checks the command-line conventions users expect: a
// version flag, help for commands, rules explained by ID, and a bad flag
// answered in two lines, not with the whole usage.
func TestConventions(t *testing.T) {
	for _, tc := range []struct {
		name      string
		args      []string
		code      int
		stdout    []string // each must appear
		stderrMax int      // most lines on stderr (0: any)
		notStdout string
	}{
		{"--version", []string{"--version"}, ExitClean, []string{"figlint " + versionString() + "\n"}, 0, ""},
		{"help", []string{"help"}, ExitClean, []string{"Usage:", "  --format string\n", "  --version\n"}, 0, "\n  -format string"},
		{"help rules", []string{"help", "rules"}, ExitClean, []string{"figlint rules RULE-ID..."}, 0, ""},
		{"help lexicon", []string{"help", "lexicon"}, ExitClean, []string{"lexicon build"}, 0, ""},
		{"help unknown", []string{"help", "nope"}, ExitUsage, nil, 2, ""},
		{"rules ID", []string{"rules", "doi-format"}, ExitClean, []string{"doi-format (default severity: error; fix: safe; since 0.1.0)", "Reported:\n\n    doi: ", "Corrected:\n\n    doi: 10."}, 0, "figure-identity"},
		{"rules family", []string{"rules", "schema/required"}, ExitClean, []string{"schema/required (default severity: error; fix: none; since 0.1.0)"}, 0, ""},
		{"rules unknown", []string{"rules", "doi-formats"}, ExitUsage, nil, 2, ""},
		{"bad flag", []string{"--nope", "x"}, ExitUsage, nil, 2, ""},
		{"bad rules flag", []string{"rules", "--nope"}, ExitUsage, nil, 2, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := run(t, "", tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, out, errOut)
			}
			for _, w := range tc.stdout {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			if tc.notStdout != "" && strings.Contains(out, tc.notStdout) {
				t.Errorf("stdout has %q:\n%s", tc.notStdout, out)
			}
			if n := strings.Count(errOut, "\n"); tc.stderrMax > 0 && n > tc.stderrMax {
				t.Errorf("stderr has %d lines, want at most %d:\n%s", n, tc.stderrMax, errOut)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"format", "format", 0}, {"fromat", "format", 2}, {"jobs", "job", 1}, {"a", "xyz", 3}} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
