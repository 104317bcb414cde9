package engine_test

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/internal/testenv"
	"github.com/figlint/figlint/rules"
	"github.com/google/go-cmp/cmp"
)

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
	site := testenv.CopyTree(t, "../../fixtures/pfocr")
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
	// A damaged entry is a miss, rewritten for next time.
	packs, _ := filepath.Glob(filepath.Join(dir, "pack-*.flp"))
	if len(packs) != 1 {
		t.Fatalf("%d packs after a first run and an all-hits re-run; want 1", len(packs))
	}
	damage(t, packs[0], 10)
	c3 := cacheFor()
	third := lintAll(t, engine.New(reg, engine.Options{WorkDir: site, Cache: c3}), files)
	if hits, misses := c3.Stats(); misses != 2 || hits != int64(len(files))-2 {
		t.Fatalf("after a table edit and a corrupt entry: %d hits, %d misses; want 2 misses", hits, misses)
	}
	fresh := lintAll(t, engine.New(reg, engine.Options{WorkDir: site}), files)
	if diff := cmp.Diff(fresh, third); diff != "" {
		t.Fatalf("cached run after edits differs from a fresh one (-want +got):\n%s", diff)
	}
	c4 := cacheFor()
	fourth := lintAll(t, engine.New(reg, engine.Options{WorkDir: site, Cache: c4}), files)
	if hits, misses := c4.Stats(); misses != 0 {
		t.Fatalf("after the misses were rewritten: %d hits, %d misses; want no misses", hits, misses)
	}
	if diff := cmp.Diff(fresh, fourth); diff != "" {
		t.Fatalf("cached run from the rewritten entries differs (-want +got):\n%s", diff)
	}
	// Another run fingerprint (other rules, say) shares no entries.
	other, _ := engine.OpenCache(dir, []byte("run B"))
	lintAll(t, engine.New(reg, engine.Options{WorkDir: site, Cache: other}), files)
	if hits, _ := other.Stats(); hits != 0 {
		t.Fatalf("a different fingerprint hit %d entries", hits)
	}
}

// damage flips a byte of a file at offset at.
func damage(t *testing.T, path string, at int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if at < 0 {
		at += len(data)
	}
	data[at] ^= 0xFF
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCachePacks: every run that computes results adds one pack; past
// eight, a run merges the smallest ones, and the packs still answer for
// every page; a pack with a damaged index or footer is removed; packs of
// another format are left alone; temporary packs of runs that died and
// packs unused for a month are removed, and a run marks the packs it
// used.
func TestCachePacks(t *testing.T) {
	files, _ := engine.Collect([]string{"../../fixtures/pfocr/_figures"}, ".", nil)
	reg := ruletest.Registry(t)
	want := lintAll(t, engine.New(reg, engine.Options{}), files)
	dir := t.TempDir()
	runOn := func(fingerprint string, files []engine.File) (hits, misses int64) {
		t.Helper()
		c, err := engine.OpenCache(dir, []byte(fingerprint))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		got := lintAll(t, engine.New(reg, engine.Options{Cache: c}), files)
		if len(files) == len(want) {
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("cached run %q differs (-want +got):\n%s", fingerprint, diff)
			}
		}
		return c.Stats()
	}
	run := func(fingerprint string) (hits, misses int64) { return runOn(fingerprint, files) }
	packList := func() []string {
		packs, _ := filepath.Glob(filepath.Join(dir, "pack-*.flp"))
		return packs
	}
	for i := range 8 {
		run(fmt.Sprint("run ", i))
		if got := len(packList()); got != i+1 {
			t.Fatalf("after %d runs of different fingerprints: %d packs; want %d", i+1, got, i+1)
		}
	}
	run("run 8") // the ninth pack: six are merged into one
	if got := len(packList()); got != 4 {
		t.Fatalf("after nine packs: %d packs; want 4", got)
	}
	for i := range 9 {
		if hits, misses := run(fmt.Sprint("run ", i)); misses != 0 || hits != int64(len(files)) {
			t.Fatalf("run %d after merging: %d hits, %d misses; want all hits", i, hits, misses)
		}
	}

	// Small packs (a pre-commit run's) are merged together, and the big
	// one of a batch run is left as it is.
	for _, p := range packList() {
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
	}
	run("batch")
	big := packList()[0]
	for i := range 8 {
		runOn(fmt.Sprint("hook ", i), files[i:i+1])
	}
	if _, err := os.Stat(big); err != nil || len(packList()) != 4 {
		t.Fatalf("after a batch run and 8 one-page runs: %d packs, batch pack: %v; want 4 packs and the batch pack kept", len(packList()), err)
	}
	if hits, misses := run("batch"); misses != 0 || hits != int64(len(files)) {
		t.Fatalf("the batch run again: %d hits, %d misses; want all hits", hits, misses)
	}
	for i := range 8 {
		if hits, misses := runOn(fmt.Sprint("hook ", i), files[i:i+1]); hits != 1 || misses != 0 {
			t.Fatalf("one-page run %d again: %d hits, %d misses; want 1 hit", i, hits, misses)
		}
	}

	// A run marks the packs it used; packs unused for a month go.
	twoHours := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(big, twoHours, twoHours); err != nil {
		t.Fatal(err)
	}
	run("batch")
	if info, err := os.Stat(big); err != nil || time.Since(info.ModTime()) > time.Hour {
		t.Fatalf("the pack a run used was not marked used: %v %v", info.ModTime(), err)
	}
	month := time.Now().Add(-31 * 24 * time.Hour)
	if err := os.Chtimes(big, month, month); err != nil {
		t.Fatal(err)
	}
	if hits, _ := run("batch"); hits != 0 {
		t.Fatalf("a pack unused for a month still gave %d hits", hits)
	}
	if _, err := os.Stat(big); !os.IsNotExist(err) {
		t.Errorf("a pack unused for a month was kept (%v)", err)
	}

	before := packList()
	run("damaged")
	var made string
	for _, p := range packList() {
		if !slices.Contains(before, p) {
			made = p
		}
	}
	if made == "" {
		t.Fatal("a run with misses made no pack")
	}
	damage(t, made, -1) // the footer's magic
	if hits, _ := run("damaged"); hits != 0 {
		t.Fatalf("a pack with a damaged footer gave %d hits", hits)
	}
	if _, err := os.Stat(made); !os.IsNotExist(err) {
		t.Errorf("the damaged pack was kept (%v)", err)
	}
	if hits, misses := run("damaged"); misses != 0 || hits != int64(len(files)) {
		t.Fatalf("after rewriting: %d hits, %d misses; want all hits", hits, misses)
	}

	// An empty pack (renamed, then a crash before its data reached the
	// disk) or one that is not a pack is removed.
	for _, junk := range []string{"", "garbage, not a pack"} {
		path := filepath.Join(dir, "pack-00000000000000000001-0.flp")
		if err := os.WriteFile(path, []byte(junk), 0o644); err != nil {
			t.Fatal(err)
		}
		run("damaged")
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("a pack holding %q was kept (%v)", junk, err)
		}
	}

	// A pack of another format (a newer figlint's) is neither read nor
	// removed.
	newer := filepath.Join(dir, "pack-99999999999999999999-0.flp")
	if err := os.WriteFile(newer, []byte("FLPK2\nwhatever it holds"), 0o644); err != nil {
		t.Fatal(err)
	}
	if hits, misses := run("damaged"); misses != 0 || hits != int64(len(files)) {
		t.Fatalf("with another format's pack: %d hits, %d misses; want all hits", hits, misses)
	}
	if _, err := os.Stat(newer); err != nil {
		t.Errorf("another format's pack was removed: %v", err)
	}

	stale := filepath.Join(dir, ".tmp-pack-dead")
	fresh := filepath.Join(dir, ".tmp-pack-live")
	for _, p := range []string{stale, fresh} {
		if err := os.WriteFile(p, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	run("run 0")
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("a two-day-old temporary pack was kept (%v)", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a new temporary pack (another run's) was removed: %v", err)
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

// TestCachePackCraftedIndex: an index entry whose offset and length point
// past the pack (or overflow when added) is a miss, without reading or
// allocating what it claims.
func TestCachePackCraftedIndex(t *testing.T) {
	files, _ := engine.Collect([]string{"../../fixtures/pfocr/_figures"}, ".", nil)
	files = files[:1]
	reg := ruletest.Registry(t)
	dir := t.TempDir()
	run := func() (hits, misses int64) {
		c, err := engine.OpenCache(dir, []byte("run"))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		lintAll(t, engine.New(reg, engine.Options{Cache: c}), files)
		return c.Stats()
	}
	run()
	packs, _ := filepath.Glob(filepath.Join(dir, "pack-*.flp"))
	if len(packs) != 1 {
		t.Fatalf("%d packs; want 1", len(packs))
	}
	data, err := os.ReadFile(packs[0])
	if err != nil {
		t.Fatal(err)
	}
	// The pack's one index entry: key, offset, length, CRC-32, then the
	// footer (index offset, count, index CRC-32, magic).
	const entry, footer = 32 + 8 + 4 + 4, 8 + 8 + 4 + 4
	at := len(data) - footer - entry
	for _, c := range []struct {
		name   string
		off    uint64
		length uint32
	}{
		{"offset near the int64 limit", 1<<63 - 100, 0xFFFFFFFF},
		{"offset above 2^63", 1<<64 - 8, 16},
		{"length past the end", 6, 0xFFFFFFFF},
	} {
		crafted := slices.Clone(data)
		binary.LittleEndian.PutUint64(crafted[at+32:], c.off)
		binary.LittleEndian.PutUint32(crafted[at+40:], c.length)
		binary.LittleEndian.PutUint32(crafted[len(crafted)-footer+16:], crc32.ChecksumIEEE(crafted[at:at+entry]))
		if err := os.WriteFile(packs[0], crafted, 0o644); err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		hits, misses := run()
		runtime.ReadMemStats(&after)
		if hits != 0 || misses != 1 {
			t.Errorf("%s: %d hits, %d misses; want a miss", c.name, hits, misses)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
			t.Errorf("%s: the run allocated %d MB", c.name, grew>>20)
		}
		for _, p := range mustGlob(t, filepath.Join(dir, "pack-*.flp")) {
			if p != packs[0] {
				_ = os.Remove(p) // the miss's new pack: keep only the crafted one
			}
		}
	}
}

func mustGlob(t *testing.T, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
