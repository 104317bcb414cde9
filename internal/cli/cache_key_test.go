package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/figlint/figlint/internal/config"
	"github.com/figlint/figlint/internal/engine"
)

// cleanPage is a fixture page without findings whose genes table agrees
// with its keywords; dropping the table's MAP3K7 row makes the page's
// keyword MAP3K7 a genes-table warning.
const cleanPage = "PMC10031279__gr8"

// twoSites makes two sites holding the same page, one with the page's
// genes table as it is and one with the MAP3K7 row removed.
func twoSites(t *testing.T) (good, bad string) {
	t.Helper()
	good, bad = t.TempDir(), t.TempDir()
	for _, site := range []string{good, bad} {
		for _, d := range []string{"_figures", "_data"} {
			if err := os.Mkdir(filepath.Join(site, d), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		copyFile(t, "../../fixtures/pfocr/_figures/"+cleanPage+".md", filepath.Join(site, "_figures", cleanPage+".md"))
		copyFile(t, "../../fixtures/pfocr/_data/"+cleanPage+"-genes.tsv", filepath.Join(site, "_data", cleanPage+"-genes.tsv"))
	}
	table := filepath.Join(bad, "_data", cleanPage+"-genes.tsv")
	data, err := os.ReadFile(table)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, line := range strings.SplitAfter(string(data), "\n") {
		if !strings.Contains(line, "\tMAP3K7\t") {
			kept = append(kept, line)
		}
	}
	if len(kept) == len(strings.SplitAfter(string(data), "\n")) {
		t.Fatal("the fixture table has no MAP3K7 row any more; pick another row")
	}
	if err := os.WriteFile(table, []byte(strings.Join(kept, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	return good, bad
}

// TestCacheSamePageOtherSite: the same page bytes under the same
// displayed path, in a site whose table differs, must not reuse the entry
// of the other site (the stale answer was exit 0).
func TestCacheSamePageOtherSite(t *testing.T) {
	good, bad := twoSites(t)
	page := filepath.Join("_figures", cleanPage+".md")
	if code, _, errOut := run(t, bad, "--no-cache", "--fail-on", "warning", page); code != ExitFindings {
		t.Fatalf("uncached run over the bad site: exit %d, want 1; %s", code, errOut)
	}
	cache := t.TempDir()
	if code, out, errOut := run(t, good, "--cache", cache, "--fail-on", "warning", page); code != ExitClean {
		t.Fatalf("good site: exit %d, want 0; %s%s", code, out, errOut)
	}
	code, out, _ := run(t, bad, "--cache", cache, "--fail-on", "warning", "--no-snippet", page)
	if code != ExitFindings || !strings.Contains(out, `keyword "MAP3K7" is not a symbol of the genes table`) {
		t.Fatalf("bad site after the good one, cached: exit %d, want 1 and the MAP3K7 warning:\n%s", code, out)
	}
	// And the other way round: the bad site's entry is not the good one's.
	if code, out, _ := run(t, good, "--cache", cache, "--fail-on", "warning", page); code != ExitClean {
		t.Fatalf("good site again: exit %d:\n%s", code, out)
	}
}

// TestCacheDataDir: one page linted with --data-dir naming either site's
// tables gets each site's answer through one cache.
func TestCacheDataDir(t *testing.T) {
	good, bad := twoSites(t)
	page := filepath.Join("_figures", cleanPage+".md")
	cache := t.TempDir()
	for _, tc := range []struct {
		data string
		want int
	}{
		{filepath.Join(good, "_data"), ExitClean},
		{filepath.Join(bad, "_data"), ExitFindings},
		{filepath.Join(good, "_data"), ExitClean},
	} {
		if code, out, errOut := run(t, good, "--cache", cache, "--fail-on", "warning", "--data-dir", tc.data, page); code != tc.want {
			t.Fatalf("--data-dir %s: exit %d, want %d\n%s%s", tc.data, code, tc.want, out, errOut)
		}
	}
	// A relative --data-dir names the same folder as the absolute one.
	rel, err := filepath.Rel(good, filepath.Join(bad, "_data"))
	if err != nil {
		t.Fatal(err)
	}
	if code, _, _ := run(t, good, "--cache", cache, "--fail-on", "warning", "--data-dir", rel, page); code != ExitFindings {
		t.Fatalf("relative --data-dir %s: exit %d, want 1", rel, code)
	}
}

// TestCacheTableEdited: editing the table in place invalidates the entry.
func TestCacheTableEdited(t *testing.T) {
	good, bad := twoSites(t)
	page := filepath.Join("_figures", cleanPage+".md")
	cache := t.TempDir()
	if code, _, _ := run(t, good, "--cache", cache, "--fail-on", "warning", page); code != ExitClean {
		t.Fatalf("first run: exit %d", code)
	}
	copyFile(t, filepath.Join(bad, "_data", cleanPage+"-genes.tsv"), filepath.Join(good, "_data", cleanPage+"-genes.tsv"))
	if code, _, _ := run(t, good, "--cache", cache, "--fail-on", "warning", page); code != ExitFindings {
		t.Fatalf("after the table lost a row: exit %d, want 1", code)
	}
}

// TestCacheSchemaRef: a change in a file the schema $refs, not in the
// schema file itself, invalidates the cached results.
func TestCacheSchemaRef(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, "../../fixtures/user-schema/post.schema.json", filepath.Join(dir, "post.schema.json"))
	copyFile(t, "../../fixtures/user-schema/defs.json", filepath.Join(dir, "defs.json"))
	if err := os.WriteFile(filepath.Join(dir, "p.md"), []byte("---\ntitle: Hello\ndate: 2023-02-03\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	if code, out, errOut := run(t, dir, "--cache", cache, "--schema", "post.schema.json", "p.md"); code != ExitClean {
		t.Fatalf("first run: exit %d\n%s%s", code, out, errOut)
	}
	// The referenced definition now wants a date-time: the page's date fails.
	defs := `{"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"isoDate": {"type": "string", "format": "date-time"}}}`
	if err := os.WriteFile(filepath.Join(dir, "defs.json"), []byte(defs), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, dir, "--cache", cache, "--no-snippet", "--schema", "post.schema.json", "p.md")
	if code != ExitFindings || !strings.Contains(out, "[schema/format]") {
		t.Fatalf("after defs.json changed: exit %d, want 1 and a schema/format finding:\n%s", code, out)
	}
}

// TestRunFingerprint: each input besides the page changes the fingerprint
// when its bytes change, including files reached only through $ref.
func TestRunFingerprint(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("s.json", `{"properties": {"a": {"$ref": "sub/a.json#/x"}, "b": {"$ref": "#/defs/b"}, "c": {"$ref": "https://example.org/c.json"}}}`)
	write("sub/a.json", `{"x": {"$ref": "../c.json"}}`)
	write("c.json", `{}`)
	write("cfg.yaml", "fail-on: error\n")
	write("lex.bin", "lexicon one")
	cfg := &config.Config{Path: filepath.Join(dir, "cfg.yaml")}
	fp := func() string {
		return string(runFingerprint(engine.Options{}, cfg, []string{"s.json"}, nil, []string{"lex.bin"}, dir))
	}
	got := schemaFiles(filepath.Join(dir, "s.json"))
	want := []string{filepath.Join(dir, "s.json"), filepath.Join(dir, "sub", "a.json"), filepath.Join(dir, "c.json")}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("schemaFiles = %q, want %q", got, want)
	}
	base := fp()
	if fp() != base {
		t.Fatal("the fingerprint is not deterministic")
	}
	for _, change := range [][2]string{
		{"c.json", `{"type": "object"}`}, // reached through two $refs
		{"sub/a.json", `{"x": {}}`},
		{"cfg.yaml", "fail-on: warning\n"},
		{"lex.bin", "lexicon two"},
	} {
		before := fp()
		write(change[0], change[1])
		if fp() == before {
			t.Errorf("changing %s leaves the fingerprint as it was", change[0])
		}
	}
	// A $ref cycle ends.
	write("loop.json", `{"$ref": "loop2.json"}`)
	write("loop2.json", `{"$ref": "loop.json"}`)
	if n := len(schemaFiles(filepath.Join(dir, "loop.json"))); n != 2 {
		t.Fatalf("cycle: %d files, want 2", n)
	}
}

// TestCacheStrategyFlag: the default metadata strategy notices a table
// that an editor saves (a new modification time); --cache-strategy takes
// metadata or content and nothing else.
func TestCacheStrategyFlag(t *testing.T) {
	good, bad := twoSites(t)
	old := time.Now().Add(-time.Hour)
	for _, p := range []string{filepath.Join(good, "_figures", cleanPage+".md"), filepath.Join(good, "_data", cleanPage+"-genes.tsv")} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	page := filepath.Join("_figures", cleanPage+".md")
	cache := t.TempDir()
	for range 2 { // the second run trusts the page's and the table's metadata
		if code, _, stderr := run(t, good, "--cache", cache, "--fail-on", "warning", page); code != ExitClean {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	copyFile(t, filepath.Join(bad, "_data", cleanPage+"-genes.tsv"), filepath.Join(good, "_data", cleanPage+"-genes.tsv"))
	if code, _, _ := run(t, good, "--cache", cache, "--fail-on", "warning", page); code != ExitFindings {
		t.Fatalf("after the table lost a row: exit %d, want 1", code)
	}
	if code, _, _ := run(t, good, "--cache", cache, "--cache-strategy", "content", "--fail-on", "warning", page); code != ExitFindings {
		t.Fatalf("content strategy: exit %d, want 1", code)
	}
	code, _, stderr := run(t, good, "--cache", cache, "--cache-strategy", "mtime", page)
	if code != ExitUsage || !strings.Contains(stderr, "expected metadata or content") {
		t.Fatalf("--cache-strategy mtime: exit %d, %q", code, stderr)
	}
}
