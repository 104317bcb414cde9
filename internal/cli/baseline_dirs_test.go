package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBaselineFromAnotherFolder: a baseline written from the site root
// hides the same findings when figlint runs from _figures, from the
// baseline's own folder, or from a copy of the site elsewhere that keeps
// the baseline beside it.
func TestBaselineFromAnotherFolder(t *testing.T) {
	site := t.TempDir()
	figures := filepath.Join(site, "_figures")
	if err := os.MkdirAll(filepath.Join(site, "ci"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(figures, 0o755); err != nil {
		t.Fatal(err)
	}
	const page = "PMC10538757__pone.0291981.g002.md" // three findings (DEFECTS.txt)
	copyFile(t, "../../fixtures/pfocr/_figures/"+page, filepath.Join(figures, page))
	code, _, errOut := run(t, site, "--no-config", "--write-baseline", "ci/base.txt", "_figures")
	if code != ExitClean || !strings.Contains(errOut, "wrote 3 findings") {
		t.Fatalf("write: exit %d, %s", code, errOut)
	}
	data, err := os.ReadFile(filepath.Join(site, "ci", "base.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "# figlint baseline v2") || !strings.Contains(string(data), "\n../_figures/"+page+"\t") {
		t.Fatalf("baseline paths are not relative to the baseline's folder:\n%s", data)
	}
	if code, out, errOut := run(t, site, "--no-config", "--fail-on", "note", "_figures"); code != ExitFindings {
		t.Fatalf("without the baseline: exit %d, want 1\n%s%s", code, out, errOut)
	}
	for _, tc := range []struct{ dir, base, path string }{
		{site, "ci/base.txt", "_figures"},
		{figures, "../ci/base.txt", "."},
		{figures, "../ci/base.txt", page},
		{filepath.Join(site, "ci"), "base.txt", "../_figures"},
	} {
		code, out, errOut := run(t, tc.dir, "--no-config", "--fail-on", "note", "--baseline", tc.base, tc.path)
		if code != ExitClean || out != "" || strings.Contains(errOut, "no longer occur") {
			t.Errorf("from %s with --baseline %s %s: exit %d, output %q, %s", tc.dir, tc.base, tc.path, code, out, errOut)
		}
	}
	// The site moved elsewhere with its baseline.
	moved := filepath.Join(t.TempDir(), "elsewhere")
	if err := os.Rename(site, moved); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, filepath.Join(moved, "_figures"), "--no-config", "--fail-on", "note", "--baseline", "../ci/base.txt", "."); code != ExitClean {
		t.Errorf("moved site: exit %d\n%s%s", code, out, errOut)
	}
}

// TestBaselineV1: a v1 baseline (paths from the working directory) still
// works from the folder it was written in.
func TestBaselineV1(t *testing.T) {
	site := t.TempDir()
	const page = "PMC10538757__pone.0291981.g002.md"
	copyFile(t, "../../fixtures/pfocr/_figures/"+page, filepath.Join(site, page))
	if code, _, errOut := run(t, site, "--no-config", "--write-baseline", "b.txt", "."); code != ExitClean {
		t.Fatalf("write: exit %d %s", code, errOut)
	}
	data, err := os.ReadFile(filepath.Join(site, "b.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// The same file as v1 wrote it: the baseline beside the page, so the
	// paths read the same; only the header differs.
	first, rest, _ := strings.Cut(string(data), "\n")
	if !strings.HasPrefix(first, "# figlint baseline v2") {
		t.Fatalf("header %q", first)
	}
	v1 := "# figlint baseline v1: path<TAB>rule<TAB>pointer<TAB>content hash; regenerate with --write-baseline\n" + rest
	if err := os.WriteFile(filepath.Join(site, "b.txt"), []byte(v1), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, site, "--no-config", "--fail-on", "note", "--baseline", "b.txt", "."); code != ExitClean || out != "" {
		t.Fatalf("v1 baseline: exit %d, output %q, %s", code, out, errOut)
	}
}
