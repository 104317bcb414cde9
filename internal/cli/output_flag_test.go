package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputSeveral: one run writes every format to its file, each the
// same bytes as a run with --format of that format prints; stdout keeps
// the --format output.
func TestOutputSeveral(t *testing.T) {
	out := t.TempDir()
	args := make([]string, 0, 15)
	args = append(args, "--no-cache", "--no-snippet")
	for _, f := range []string{"text", "json", "sarif", "github", "csv", "html"} {
		args = append(args, "--output", f+"="+filepath.Join(out, "findings."+f))
	}
	code, stdout, errOut := run(t, formatDir, append(args, "pages")...)
	if code != ExitFindings {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	_, text, _ := run(t, formatDir, "--no-cache", "--no-snippet", "pages")
	if stdout != text {
		t.Errorf("stdout is not the --format text output:\n%s", stdout)
	}
	for _, f := range []string{"text", "json", "sarif", "github", "csv"} {
		_, want, _ := run(t, formatDir, "--no-cache", "--no-snippet", "--format", f, "pages")
		got, err := os.ReadFile(filepath.Join(out, "findings."+f))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("--output %s=FILE differs from --format %s:\n%s\nwant:\n%s", f, f, got, want)
		}
	}
	html, err := os.ReadFile(filepath.Join(out, "findings.html"))
	if err != nil || !bytes.HasPrefix(bytes.TrimSpace(html), []byte("<!DOCTYPE html>")) {
		t.Errorf("html output: %v, starts %q", err, html[:min(40, len(html))])
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 6 {
		t.Errorf("%d files in the output folder, want the 6 outputs and no temporary file", len(entries))
	}
}

// TestOutputStdout: FORMAT=- puts that format on standard output in place
// of --format; an explicit --format that disagrees is a usage error.
func TestOutputStdout(t *testing.T) {
	_, want, _ := run(t, formatDir, "--no-cache", "--format", "json", "pages")
	code, got, errOut := run(t, formatDir, "--no-cache", "--output", "json=-", "pages")
	if code != ExitFindings || got != want {
		t.Fatalf("--output json=-: exit %d, %s\n%s", code, errOut, got)
	}
	if c, same, _ := run(t, formatDir, "--no-cache", "--format", "json", "--output", "json=-", "pages"); c != ExitFindings || same != want {
		t.Errorf("--format json --output json=-: exit %d", c)
	}
	code, got, errOut = run(t, formatDir, "--no-cache", "--format", "text", "--output", "json=-", "pages")
	if code != ExitUsage || got != "" || !strings.Contains(errOut, "both name standard output") {
		t.Errorf("--format text --output json=-: exit %d, %q, %s", code, got, errOut)
	}
	code, html, _ := run(t, formatDir, "--no-cache", "--output", "html=-", "pages")
	if code != ExitFindings || !strings.HasPrefix(strings.TrimSpace(html), "<!DOCTYPE html>") {
		t.Errorf("--output html=-: exit %d, %q", code, html[:min(40, len(html))])
	}
}

// TestOutputUsageErrors: malformed values, stdout twice, two outputs on
// one file, and an output that names a page are usage errors, and the
// page is untouched.
func TestOutputUsageErrors(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "p.md")
	copyFile(t, "../../fixtures/pfocr/_figures/PMC10538757__pone.0291981.g002.md", page)
	before, _ := os.ReadFile(page)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--output", "json"}, "expected FORMAT=FILE"},
		{[]string{"--output", "json="}, "expected FORMAT=FILE"},
		{[]string{"--output", "xml=a.xml"}, `unknown format "xml"`},
		{[]string{"--output", "json=-", "--output", "text=-"}, "one format only"},
		{[]string{"--output", "json=a", "--output", "csv=a"}, "name the same file"},
		{[]string{"--output", "sarif=a", "--sarif-file", "a"}, "name the same file"},
		{[]string{"--output", "csv=b", "--write-baseline", "b"}, "name the same file"},
		{[]string{"--output", "json=p.md"}, "--output json=p.md names a file being linted (p.md)"},
		{[]string{"--output", "html=./p.md"}, "names a file being linted"},
		{[]string{"--output", "json=" + filepath.Join("no", "such", "dir", "x.json")}, "--output json=no/such/dir/x.json: cannot create the file"},
	} {
		code, out, errOut := run(t, dir, append(append([]string{"--no-cache", "--no-config"}, tc.args...), "p.md")...)
		if code != ExitUsage || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %s; want exit 2 and %q", tc.args, code, out, errOut, tc.want)
		}
	}
	if after, _ := os.ReadFile(page); !bytes.Equal(before, after) {
		t.Fatal("the page was changed")
	}
}

// TestOutputAtomic: a run that fails before its outputs are complete
// leaves the previous file as it was and no temporary file; a
// non-regular output (a device) is written in place, never replaced.
func TestOutputAtomic(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, "../../fixtures/pfocr/_figures/PMC10538757__pone.0291981.g002.md", filepath.Join(dir, "p.md"))
	old := filepath.Join(dir, "out.json")
	if err := os.WriteFile(old, []byte("previous run\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, dir, "--no-cache", "--output", "json=out.json", "--output", "sarif=missing/x.sarif", "p.md")
	if code != ExitUsage {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	if data, _ := os.ReadFile(old); string(data) != "previous run\n" {
		t.Fatalf("out.json changed by a failed run: %q", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Fatalf("files left: %v", entries)
	}
	// A complete run replaces it whole and keeps its permissions.
	if code, _, errOut := run(t, dir, "--no-cache", "--output", "json=out.json", "p.md"); code != ExitFindings {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	info, err := os.Stat(old)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("replaced file: %v, mode %v; want 0600 kept", err, info.Mode())
	}
	if data, _ := os.ReadFile(old); !bytes.HasPrefix(data, []byte(`{"version": 1`)) {
		t.Fatalf("out.json: %q", data)
	}
	// A device stays a device.
	if _, err := os.Stat("/dev/null"); err == nil {
		if code, _, errOut := run(t, dir, "--no-cache", "--output", "json=/dev/null", "p.md"); code != ExitFindings {
			t.Fatalf("--output json=/dev/null: exit %d, %s", code, errOut)
		}
		if info, err := os.Stat("/dev/null"); err != nil || info.Mode().IsRegular() {
			t.Fatalf("/dev/null is no longer a device: %v %v", err, info.Mode())
		}
	}
	// A link to the report keeps being a link; its target gets the output.
	target := filepath.Join(dir, "target.csv")
	if err := os.WriteFile(target, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, "link.csv")); err != nil {
		t.Skip(err)
	}
	if code, _, _ := run(t, dir, "--no-cache", "--output", "csv=link.csv", "p.md"); code != ExitFindings {
		t.Fatalf("exit %d", code)
	}
	if fi, err := os.Lstat(filepath.Join(dir, "link.csv")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("link.csv is no longer a link")
	}
	if data, _ := os.ReadFile(target); !bytes.HasPrefix(data, []byte("rule,severity,path")) {
		t.Fatalf("target.csv: %q", data)
	}
}
