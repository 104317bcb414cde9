package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hostileSite copies one real page and its genes table into a temporary
// site and returns the site and the table's path.
func hostileSite(t *testing.T) (site, table string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs or /dev/zero on Windows")
	}
	site = t.TempDir()
	const figid = "PMC10031279__gr8"
	for _, rel := range []string{"_figures/" + figid + ".md", "_data/" + figid + "-genes.tsv"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "pfocr", rel))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(site, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return site, filepath.Join(site, "_data", figid+"-genes.tsv")
}

// runBounded runs figlint and fails the test if it does not finish in a
// generous time: each case below used to hang for ever.
func runBounded(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	type result struct {
		code        int
		out, errOut string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errOut := run(t, dir, args...)
		done <- result{code, out, errOut}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.errOut
	case <-time.After(20 * time.Second):
		t.Fatalf("figlint %s did not finish: it hangs", strings.Join(args, " "))
		return 0, "", ""
	}
}

// TestHostileCompanions: a genes table that is a FIFO, or a link to
// /dev/zero, is a finding at the table, never a hang or a read without end.
func TestHostileCompanions(t *testing.T) {
	for _, kind := range []string{"fifo", "dev-zero"} {
		t.Run(kind, func(t *testing.T) {
			site, table := hostileSite(t)
			if err := os.Remove(table); err != nil {
				t.Fatal(err)
			}
			if kind == "fifo" {
				if err := syscall.Mkfifo(table, 0o644); err != nil {
					t.Skipf("cannot make a FIFO here: %v", err)
				}
			} else if err := os.Symlink("/dev/zero", table); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runBounded(t, site, "--no-cache", "--no-snippet", "--enable-only", "genes-table", "_figures")
			if code != ExitFindings || !strings.Contains(out, "PMC10031279__gr8-genes.tsv:1:1: error: cannot read the table") ||
				!strings.Contains(out, "not a regular file") {
				t.Fatalf("exit %d\n%s%s; want an error at the table saying it is not a regular file", code, out, errOut)
			}
		})
	}
}

// TestHostileCacheAndConfig: a FIFO among the cache's packs is skipped; a
// configuration file that is /dev/zero is a configuration error.
func TestHostileCacheAndConfig(t *testing.T) {
	site, _ := hostileSite(t)
	cache := t.TempDir()
	if code, out, errOut := runBounded(t, site, "--cache", cache, "_figures"); code != ExitClean {
		t.Fatalf("first run: exit %d\n%s%s", code, out, errOut)
	}
	if err := syscall.Mkfifo(filepath.Join(cache, "fifo.pack"), 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	entries, _ := os.ReadDir(cache)
	for _, e := range entries { // a FIFO under every name the cache might read
		if !e.IsDir() && e.Name() != "fifo.pack" {
			p := filepath.Join(cache, e.Name())
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if code, out, errOut := runBounded(t, site, "--cache", cache, "_figures"); code != ExitClean {
		t.Fatalf("run with FIFOs in the cache: exit %d\n%s%s; want the clean result again", code, out, errOut)
	}

	if err := os.Symlink("/dev/zero", filepath.Join(site, ".figlint.yaml")); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runBounded(t, site, "--no-cache", "_figures")
	if code != ExitUsage || !strings.Contains(errOut, "not a regular file") {
		t.Fatalf("config /dev/zero: exit %d\n%s%s; want exit 2 saying it is not a regular file", code, out, errOut)
	}
}

// TestHostileSchemaRef: a user schema whose $ref names a FIFO is a
// configuration error, not a hang.
func TestHostileSchemaRef(t *testing.T) {
	site, _ := hostileSite(t)
	if err := syscall.Mkfifo(filepath.Join(site, "part.json"), 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	if err := os.WriteFile(filepath.Join(site, "s.json"), []byte(`{"$ref": "part.json"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runBounded(t, site, "--no-cache", "--schema", "s.json", "_figures")
	if code != ExitUsage || !strings.Contains(errOut, "not a regular file") {
		t.Fatalf("exit %d\n%s%s; want exit 2 saying part.json is not a regular file", code, out, errOut)
	}
}

// TestListsAndShards: "git diff --name-only | figlint @-" lints only the
// pages among the changed files (not go.mod, not a deleted page), an empty
// list is a clean run, and so is an empty shard.
func TestListsAndShards(t *testing.T) {
	site, _ := hostileSite(t)
	for _, name := range []string{"go.mod", "main.go", "_data/notes.MD.txt"} {
		if err := os.WriteFile(filepath.Join(site, name), []byte("module x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	runStdin := func(stdin string, args ...string) (int, string, string) {
		var out, errb strings.Builder
		code := Main(args, IO{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Dir: site,
			Getenv: func(string) string { return "" }})
		return code, out.String(), errb.String()
	}
	list := "go.mod\nmain.go\n_data/notes.MD.txt\n_figures/PMC1__deleted.md\n_figures/PMC10031279__gr8.md\n"
	code, out, errOut := runStdin(list, "--no-cache", "--format", "json", "@-")
	if code != ExitClean || !strings.Contains(out, `"files":1,`) || errOut != "" {
		t.Fatalf("changed-files list: exit %d\n%s%s; want one page linted, clean, nothing on stderr", code, out, errOut)
	}
	if code, out, errOut := runStdin("", "--no-cache", "@-"); code != ExitClean || errOut != "" {
		t.Fatalf("empty list: exit %d\n%s%s; want a clean run", code, out, errOut)
	}
	if code, out, errOut := runStdin("go.mod\n", "--no-cache", "@-"); code != ExitClean {
		t.Fatalf("list without pages: exit %d\n%s%s; want a clean run", code, out, errOut)
	}
	// One page, three shards: two of them are empty.
	for i := 1; i <= 3; i++ {
		code, out, errOut := runStdin("", "--no-cache", "--shard", fmt.Sprintf("%d/3", i), "_figures")
		if code != ExitClean || !strings.Contains(errOut, "shard") {
			t.Fatalf("shard %d/3: exit %d\n%s%s; want a clean run with the shard's note", i, code, out, errOut)
		}
	}
}

// TestTablesAndRepoDocs: naming a changed genes table lints the page that
// uses it; a walk skips the repository's README.md, which is no page, but
// naming it lints it.
func TestTablesAndRepoDocs(t *testing.T) {
	site, table := hostileSite(t)
	if err := os.WriteFile(filepath.Join(site, "README.md"), []byte("# A site\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, site, "--no-cache", "--format", "json", "_data/"+filepath.Base(table))
	if code != ExitClean || !strings.Contains(out, `"files":1,`) || errOut != "" {
		t.Fatalf("a table named: exit %d\n%s%s; want its page linted, clean", code, out, errOut)
	}
	code, out, errOut = run(t, site, "--no-cache", "--format", "json", "_data/PMC1__none-genes.tsv")
	if code != ExitUsage || !strings.Contains(errOut, "a companion table without its page ../_figures/PMC1__none.md") {
		t.Fatalf("a table without a page: exit %d\n%s%s; want a path error", code, out, errOut)
	}
	code, out, errOut = run(t, site, "--no-cache", "--format", "json", ".")
	if code != ExitClean || !strings.Contains(out, `"files":1,`) {
		t.Fatalf("the walk: exit %d\n%s%s; want only the page, not README.md", code, out, errOut)
	}
	code, out, _ = run(t, site, "--no-cache", "--no-snippet", "README.md")
	if code != ExitFindings || !strings.Contains(out, "README.md:1:1: error: no front matter") {
		t.Fatalf("README.md named: exit %d\n%s; want it linted", code, out)
	}
}

// fullWriter fails as a full disk does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) {
	return 0, &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}
}

// TestOutputSafety: an output file that names a page of the run is a
// usage error and the page is untouched; a full disk is exit 2 with a
// clear message, not an internal error; a billion workers is a usage
// error; a run that exits 2 writes no JSON document.
func TestOutputSafety(t *testing.T) {
	site, _ := hostileSite(t)
	page := filepath.Join(site, "_figures", "PMC10031279__gr8.md")
	before, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, flagName := range []string{"--report", "--sarif-file", "--write-baseline"} {
		code, _, errOut := run(t, site, "--no-cache", flagName, "_figures/PMC10031279__gr8.md", "_figures")
		if code != ExitUsage || !strings.Contains(errOut, flagName+" _figures/PMC10031279__gr8.md names a file being linted") {
			t.Errorf("%s over a page: exit %d, %s; want a usage error", flagName, code, errOut)
		}
	}
	if after, _ := os.ReadFile(page); !bytes.Equal(after, before) {
		t.Fatal("the page was overwritten")
	}

	var errb strings.Builder
	code := Main([]string{"--no-cache", "--format", "json", "_figures"}, IO{Stdin: strings.NewReader(""), Stdout: fullWriter{}, Stderr: &errb, Dir: site,
		Getenv: func(string) string { return "" }})
	if code != ExitUsage || !strings.Contains(errb.String(), "cannot write the output") || !strings.Contains(errb.String(), "the disk is full") {
		t.Errorf("full disk: exit %d, %s; want exit 2 saying the disk is full", code, errb.String())
	}
	if _, err := os.Stat("/dev/full"); err == nil {
		code, _, errOut := run(t, site, "--no-cache", "--report", "/dev/full", "_figures")
		if code != ExitUsage || !strings.Contains(errOut, "disk is full") {
			t.Errorf("--report /dev/full: exit %d, %s; want exit 2 saying the disk is full", code, errOut)
		}
	}

	if code, _, errOut := run(t, site, "--no-cache", "--jobs", "1000000000", "_figures"); code != ExitUsage || !strings.Contains(errOut, "--jobs must be between") {
		t.Errorf("a billion jobs: exit %d, %s", code, errOut)
	}
	if code, out, _ := run(t, site, "--no-cache", "--format", "json", "nothing-here"); code != ExitUsage || out != "" {
		t.Errorf("a missing path with --format json: exit %d, stdout %q; want exit 2 and no JSON", code, out)
	}
	// A missing path beside real pages: still exit 2 with nothing on
	// stdout (the pages are not linted), and one message, not two.
	if code, out, errOut := run(t, site, "--no-cache", "nothing-here", "_figures"); code != ExitUsage || out != "" || strings.Count(errOut, "figlint:") != 1 {
		t.Errorf("a missing path beside pages: exit %d, stdout %q, stderr %q; want exit 2, no output, one message", code, out, errOut)
	}
}
