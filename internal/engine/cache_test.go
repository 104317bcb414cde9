package engine_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/rules"
	"github.com/google/go-cmp/cmp"
)

// copyTree copies the sample collection so a test may edit it.
func copyTree(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

func lintAll(t *testing.T, eng *engine.Engine, files []engine.File) map[string][]rules.Finding {
	t.Helper()
	out := map[string][]rules.Finding{}
	err := eng.Run(files, 2, func(r engine.Result) error {
		if r.Err != nil {
			t.Errorf("%s: %v", r.File.Display, r.Err)
		}
		key := r.File.Display
		if r.Collection {
			key = "(collection)"
		}
		out[key] = append(out[key], r.Findings...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCache(t *testing.T) {
	site := copyTree(t, "../../fixtures/pfocr")
	files, errs := engine.Collect([]string{filepath.Join(site, "_figures")}, site, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	reg := ruletest.Registry(t)
	want := lintAll(t, engine.New(reg, engine.Options{WorkDir: site}), files)

	dir := t.TempDir()
	cacheFor := func() *engine.Cache {
		c, err := engine.OpenCache(dir, []byte("run A"))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c1 := cacheFor()
	first := lintAll(t, engine.New(reg, engine.Options{WorkDir: site, Cache: c1}), files)
	if hits, misses := c1.Stats(); hits != 0 || misses != int64(len(files)) {
		t.Fatalf("first run: %d hits, %d misses; want 0 and %d", hits, misses, len(files))
	}
	c2 := cacheFor()
	second := lintAll(t, engine.New(reg, engine.Options{WorkDir: site, Cache: c2}), files)
	if hits, misses := c2.Stats(); hits != int64(len(files)) || misses != 0 {
		t.Fatalf("re-run: %d hits, %d misses; want all hits", hits, misses)
	}
	for name, got := range map[string]map[string][]rules.Finding{"first": first, "cached": second} {
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s run differs from an uncached one (-want +got):\n%s", name, diff)
		}
	}

	// A changed genes table invalidates its page only.
	table := filepath.Join(site, "_data", "PMC10031279__gr8-genes.tsv")
	data, err := os.ReadFile(table)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(table, append(data, []byte("9606\tHomo sapiens\tMammals\tX\tX\tXIST\t7503\tncbigene_symbol\t1\t0\t1\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	// A corrupt entry is a miss, rewritten for next time.
	entries, _ := filepath.Glob(filepath.Join(dir, "*", "*"))
	if len(entries) != len(files) {
		t.Fatalf("%d cache entries for %d files", len(entries), len(files))
	}
	if err := os.WriteFile(entries[0], []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	c3 := cacheFor()
	third := lintAll(t, engine.New(reg, engine.Options{WorkDir: site, Cache: c3}), files)
	if hits, misses := c3.Stats(); misses != 2 || hits != int64(len(files))-2 {
		t.Fatalf("after a table edit and a corrupt entry: %d hits, %d misses; want 2 misses", hits, misses)
	}
	fresh := lintAll(t, engine.New(reg, engine.Options{WorkDir: site}), files)
	if diff := cmp.Diff(fresh, third); diff != "" {
		t.Fatalf("cached run after edits differs from a fresh one (-want +got):\n%s", diff)
	}
	// Another run fingerprint (other rules, say) shares no entries.
	other, _ := engine.OpenCache(dir, []byte("run B"))
	lintAll(t, engine.New(reg, engine.Options{WorkDir: site, Cache: other}), files)
	if hits, _ := other.Stats(); hits != 0 {
		t.Fatalf("a different fingerprint hit %d entries", hits)
	}
}

// TestCacheConcurrentRuns: two runs sharing a cache directory at once
// (as two processes would) both succeed with the uncached results.
func TestCacheConcurrentRuns(t *testing.T) {
	files, _ := engine.Collect([]string{"../../fixtures/pfocr/_figures"}, ".", nil)
	reg := ruletest.Registry(t)
	want := lintAll(t, engine.New(reg, engine.Options{}), files)
	dir := t.TempDir()
	var wg sync.WaitGroup
	results := make([]map[string][]rules.Finding, 4)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := engine.OpenCache(dir, []byte("run"))
			if err != nil {
				t.Error(err)
				return
			}
			results[i] = lintAll(t, engine.New(reg, engine.Options{Cache: c}), files)
		}()
	}
	wg.Wait()
	for _, got := range results {
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("concurrent cached run differs (-want +got):\n%s", diff)
		}
	}
}
