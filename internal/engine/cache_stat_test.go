package engine_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/internal/testenv"
	"github.com/figlint/figlint/rules"
	"github.com/google/go-cmp/cmp"
)

// ageTree sets every file's modification time to an hour ago, so that the
// metadata strategy may trust it (files younger than two seconds are
// never trusted by their metadata).
func ageTree(t *testing.T, root string) time.Time {
	t.Helper()
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
	return old
}

// rewriteKeepingMetadata replaces a file's bytes in place with others of
// the same length and puts its modification time back: what the metadata
// strategy cannot see, and the content strategy can.
func rewriteKeepingMetadata(t *testing.T, path string, data []byte, mod time.Time) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(data, 0); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mod, mod); err != nil {
		t.Fatal(err)
	}
}

func TestCacheMetadataStrategy(t *testing.T) {
	site := testenv.CopyTree(t, "../../fixtures/pfocr")
	old := ageTree(t, site)
	files, errs := engine.Collect([]string{filepath.Join(site, "_figures")}, site, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	reg := ruletest.Registry(t)
	want := lintAll(t, engine.New(reg, engine.Options{WorkDir: site}), files)
	dir := t.TempDir()
	run := func(metadata, withText bool) (map[string][]rules.Finding, int64) {
		c, err := engine.OpenCache(dir, []byte("run"))
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = c.Close() }()
		if metadata {
			c.UseMetadata(withText)
		}
		got := lintAll(t, engine.New(reg, engine.Options{WorkDir: site, Cache: c, ListDataDirs: true}), files)
		hits, _ := c.Stats()
		return got, hits
	}
	if got, hits := run(true, false); hits != 0 || !cmp.Equal(got, want) {
		t.Fatalf("first run: %d hits, diff %s", hits, cmp.Diff(want, got))
	}
	if got, hits := run(true, false); hits != int64(len(files)) || !cmp.Equal(got, want) {
		t.Fatalf("re-run: %d hits of %d, diff %s", hits, len(files), cmp.Diff(want, got))
	}

	// A page rewritten in place with its size and time kept: the metadata
	// strategy trusts the cached result without reading the page; the
	// content strategy, and a run that shows the page's text, see the new
	// bytes (no front matter at all).
	page := filepath.Join(site, "_figures", "PMC3246694__DRP2012-259170.002.md")
	shown := "_figures/PMC3246694__DRP2012-259170.002.md"
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	rewriteKeepingMetadata(t, page, bytes.Repeat([]byte("x"), len(data)), old)
	if got, _ := run(true, false); !cmp.Equal(got[shown], want[shown]) {
		t.Errorf("metadata strategy: the rewritten page was read: %v", got[shown])
	}
	noFrontMatter := func(fs []rules.Finding) bool { return len(fs) == 1 && fs[0].Rule == "front-matter" }
	if got, _ := run(false, false); !noFrontMatter(got[shown]) {
		t.Errorf("content strategy: want the new bytes' one front-matter finding, got %v", got[shown])
	}
	if got, _ := run(true, true); !noFrontMatter(got[shown]) {
		t.Errorf("metadata strategy showing text: want the new bytes' finding, got %v", got[shown])
	}
	// Those runs read the new bytes and stored the page's metadata again
	// with their result: from now on the metadata strategy trusts that.
	if got, _ := run(true, false); !noFrontMatter(got[shown]) {
		t.Errorf("metadata strategy after a run that read the page: want the new bytes' finding, got %v", got[shown])
	}
	// A page edited now (its time is new): not trusted by its metadata.
	rewriteKeepingMetadata(t, page, data, time.Now())
	if got, _ := run(true, false); !cmp.Equal(got[shown], want[shown]) {
		t.Errorf("after the page was restored: %v", got[shown])
	}

	// A genes table rewritten in place with its size and time kept: the
	// metadata strategy trusts it; its hash is checked once its time
	// differs.
	rewriteKeepingMetadata(t, page, data, old.Add(-time.Minute))
	table := filepath.Join(site, "_data", "PMC3246694__DRP2012-259170.002-genes.tsv")
	tdata, err := os.ReadFile(table)
	if err != nil {
		t.Fatal(err)
	}
	run(true, false) // the stat entries of the restored page
	rewriteKeepingMetadata(t, table, bytes.Repeat([]byte("x"), len(tdata)), old)
	if got, _ := run(true, false); !cmp.Equal(got[shown], want[shown]) {
		t.Errorf("metadata strategy: the rewritten table was read: %v", got[shown])
	}
	malformed := func(fs []rules.Finding) bool {
		for _, f := range fs {
			if f.Rule == "genes-table" && f.Path == "_data/PMC3246694__DRP2012-259170.002-genes.tsv" {
				return true
			}
		}
		return false
	}
	if got, _ := run(false, false); !malformed(got[shown]) {
		t.Errorf("content strategy: want a finding in the rewritten table, got %v", got[shown])
	}
	if err := os.Chtimes(table, old.Add(time.Minute), old.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if got, _ := run(true, false); !malformed(got[shown]) {
		t.Errorf("metadata strategy, table time changed: want a finding in the table, got %v", got[shown])
	}
}

// TestListDataDirs: listing the data folders once gives the findings that
// probing every table name gives, on a site where most pages lack some of
// their tables.
func TestListDataDirs(t *testing.T) {
	site := testenv.CopyTree(t, "../../fixtures/pfocr")
	files, errs := engine.Collect([]string{filepath.Join(site, "_figures")}, site, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	reg := ruletest.Registry(t)
	want := lintAll(t, engine.New(reg, engine.Options{WorkDir: site}), files)
	got := lintAll(t, engine.New(reg, engine.Options{WorkDir: site, ListDataDirs: true}), files)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("with listings (-probing +listing):\n%s", diff)
	}
	// A data folder that cannot be listed falls back to probing.
	got = lintAll(t, engine.New(reg, engine.Options{WorkDir: site, ListDataDirs: true, DataDir: filepath.Join(site, "_data", "missing")}), files)
	probe := lintAll(t, engine.New(reg, engine.Options{WorkDir: site, DataDir: filepath.Join(site, "_data", "missing")}), files)
	if diff := cmp.Diff(probe, got); diff != "" {
		t.Errorf("unlistable folder (-probing +listing):\n%s", diff)
	}
}
