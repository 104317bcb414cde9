package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/testenv"
)

// stdinSite is the folder the --stdin-filename tests run in.
const stdinSite = "../../fixtures/pfocr"

// runStdin is run in stdinSite with stdin as standard input.
func runStdin(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, IO{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Dir: stdinSite,
		Getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

// TestStdinFilename: the content on standard input is linted as the page
// it names, with that page's genes table, and gives what linting the file
// gives; what it cannot do is a usage error.
func TestStdinFilename(t *testing.T) {
	site := stdinSite
	page := "_figures/PMC12121910__pgen.1011679.g004.md"
	data, err := os.ReadFile(filepath.Join(site, page))
	if err != nil {
		t.Fatal(err)
	}
	wantCode, want, _ := run(t, site, "--no-cache", "--format", "json", page)
	for _, args := range [][]string{{"--stdin-filename", page}, {"--stdin-filename", page, "-"}} {
		code, got, stderr := runStdin(t, string(data), append([]string{"--no-cache", "--format", "json"}, args...)...)
		if code != wantCode || got != want {
			t.Errorf("%v: exit %d (want %d), stderr %q, output differs from the file's:\n%s\nwant:\n%s", args, code, wantCode, stderr, got, want)
		}
	}
	// The buffer, not the file, is linted: a doi with a URL prefix on
	// standard input is found though the file on disk has none there.
	edited := strings.Replace(string(data), "doi: 10.1371/journal.pgen.1011679", "doi: https://doi.org/10.1371/journal.pgen.1011679", 1)
	if !strings.Contains(string(data), "doi: 10.1371/journal.pgen.1011679") {
		// The sample's doi already has the prefix: edit the other way.
		edited = strings.Replace(string(data), "doi: https://doi.org/10.1371/journal.pgen.1011679", "doi: 10.1371/journal.pgen.1011679", 1)
	}
	_, fromFile, _ := run(t, site, "--no-cache", "--no-snippet", "--enable-only", "doi-format", page)
	_, fromStdin, _ := runStdin(t, edited, "--no-cache", "--no-snippet", "--enable-only", "doi-format", "--stdin-filename", page)
	if strings.Contains(fromFile, "doi-format") == strings.Contains(fromStdin, "doi-format") {
		t.Errorf("the buffer's doi was not what was linted:\nfile: %s\nstdin: %s", fromFile, fromStdin)
	}
	// --diff shows what --fix would do to the buffer and writes nothing.
	code, diff, _ := runStdin(t, string(data), "--no-cache", "--diff", "--stdin-filename", page)
	if code != ExitFindings || !strings.HasPrefix(diff, "--- "+page+"\n+++ "+page+"\n") {
		t.Errorf("--diff: exit %d, output %q", code, diff)
	}
	if after, _ := os.ReadFile(filepath.Join(site, page)); !bytes.Equal(after, data) {
		t.Fatal("--diff with --stdin-filename changed the file")
	}
	// Too large: a front-matter finding, not a cut page.
	code, out, _ := runStdin(t, string(data), "--no-cache", "--no-snippet", "--max-size", "100", "--stdin-filename", page)
	if code != ExitFindings || !strings.Contains(out, "expected at most 100") {
		t.Errorf("--max-size 100: exit %d, %q", code, out)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--fix", "--stdin-filename", page}, "--fix cannot write standard input back"},
		{[]string{"--stdin-filename", page, "other.md"}, "give no other path"},
	} {
		code, _, stderr := runStdin(t, string(data), tc.args...)
		if code != ExitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
}

// TestFolderIndependent: a page gives the same findings whichever folder
// the run starts in (figure-identity once skipped the file-name check on a
// page named without its _figures folder, as a run inside _figures names it).
func TestFolderIndependent(t *testing.T) {
	site := t.TempDir()
	for _, d := range []string{"_figures", "_data"} {
		if err := os.Mkdir(filepath.Join(site, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(t, "../../fixtures/pfocr/_figures/"+cleanPage+".md", filepath.Join(site, "_figures", "renamed.md"))
	copyFile(t, "../../fixtures/pfocr/_data/"+cleanPage+"-genes.tsv", filepath.Join(site, "_data", cleanPage+"-genes.tsv"))
	_, fromRoot, _ := run(t, site, "--no-cache", "--no-snippet", "--enable-only", "figure-identity", "_figures/renamed.md")
	_, inside, _ := run(t, filepath.Join(site, "_figures"), "--no-cache", "--no-snippet", "--enable-only", "figure-identity", "renamed.md")
	if !strings.Contains(fromRoot, `disagrees with the file name "renamed.md"`) {
		t.Fatalf("from the site: %q; want the figid and file name finding", fromRoot)
	}
	if strings.ReplaceAll(fromRoot, "_figures/renamed.md", "renamed.md") != inside {
		t.Errorf("inside _figures:\n%s\nfrom the site:\n%s", inside, fromRoot)
	}
}

// TestBaselineCollectionFromAnotherFolder: a baseline written at the site
// matches the collection-level findings (which name other pages by paths
// relative to where the run started) when used from inside _figures.
func TestBaselineCollectionFromAnotherFolder(t *testing.T) {
	site := testenv.CopyTree(t, "../../fixtures/pfocr")
	// A second page with the first one's figid_alias: a duplicate-alias
	// finding, whose message names the other page by its displayed path.
	page, err := os.ReadFile(filepath.Join(site, "_figures", cleanPage+".md"))
	if err != nil {
		t.Fatal(err)
	}
	twin := strings.ReplaceAll(string(page), "figid: "+cleanPage, "figid: PMC10031279__gr9")
	if err = os.WriteFile(filepath.Join(site, "_figures", "PMC10031279__gr9.md"), []byte(twin), 0o644); err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(site, ".figlint-baseline")
	args := []string{"--no-cache", "--enable-only", "journal-consistency,missing-value,duplicate-alias"}
	code, _, stderr := run(t, site, append(args, "--write-baseline", base, "_figures")...)
	if code != ExitClean {
		t.Fatalf("--write-baseline: exit %d, %s", code, stderr)
	}
	data, err := os.ReadFile(base)
	if err != nil || !strings.Contains(string(data), "duplicate-alias") {
		t.Fatalf("the baseline holds no collection-level finding: %v\n%s", err, data)
	}
	code, out, stderr := run(t, filepath.Join(site, "_figures"), append(args, "--baseline", "../.figlint-baseline", ".")...)
	if code != ExitClean || strings.Contains(stderr, "no longer occur") {
		t.Errorf("from _figures: exit %d\n%s%s", code, out, stderr)
	}
}

// TestExcludedAll: a configuration whose exclude leaves no page is a clean
// run with a note (as an empty shard is), not "no files found" and exit 2.
func TestExcludedAll(t *testing.T) {
	site := testenv.CopyTree(t, "../../fixtures/pfocr")
	if err := os.WriteFile(filepath.Join(site, ".figlint.yaml"), []byte("exclude:\n  - \"*.{md,markdown}\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, site, "--no-cache", "--format", "json", ".")
	if code != ExitClean || !strings.Contains(stderr, "exclude leaves none of the 22 files found") || !strings.Contains(out, `"findings": []`) {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 0, an empty JSON document and a note", code, out, stderr)
	}
}
