package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestReportHeader: the audit report names the run: its time, figlint's
// version, the command line and the configuration file read.
func TestReportHeader(t *testing.T) {
	site := t.TempDir()
	figs := filepath.Join(site, "_figures")
	if err := os.MkdirAll(figs, 0o755); err != nil {
		t.Fatal(err)
	}
	page := "---\nfigid: PMC1__f1\nfigtitle: A title of a figure\nyear: '2020'\n---\n"
	if err := os.WriteFile(filepath.Join(figs, "PMC1__f1.md"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, ".figlint.yaml"), []byte("fail-on: error\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := time.Now().UTC().Truncate(time.Second)
	code, _, errOut := run(t, site, "--no-cache", "--report", "audit report.html", "_figures")
	if code > ExitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	data, err := os.ReadFile(filepath.Join(site, "audit report.html"))
	if err != nil {
		t.Fatal(err)
	}
	out := string(data)
	for _, want := range []string{
		`<dd id="run-version">figlint ` + versionString() + `</dd>`,
		`<dd id="run-command"><code>figlint --no-cache --report &#39;audit report.html&#39; _figures</code></dd>`,
		`<dd id="run-config"><code>.figlint.yaml</code></dd>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report's header lacks %s", want)
		}
	}
	m := regexp.MustCompile(`<time datetime="([^"]+)">`).FindStringSubmatch(out)
	if m == nil {
		t.Fatal("the report's header has no time")
	}
	at, err := time.Parse(time.RFC3339, m[1])
	if err != nil || at.Before(before) || at.After(time.Now().Add(time.Second)) || !strings.HasSuffix(m[1], "Z") {
		t.Errorf("the run's time %q is not the time of the run in UTC (%v)", m[1], err)
	}
}
