package engine

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/figlint/figlint/rules"
)

// rng is a range on one line, for short test literals.
func rng(line, col, endCol int) rules.Range {
	return rules.Range{Start: rules.Position{Line: line, Column: col}, End: rules.Position{Line: line, Column: endCol}}
}

// codecEntry has a finding of each shape the codec must keep: with
// related locations in the page and in its genes table, with fixes, with
// neither, and a suppressed one with related locations.
func codecEntry() cacheEntry {
	page, table := "_figures/PMC1__f1.md", "_data/PMC1__f1-genes.tsv"
	return cacheEntry{
		Findings: []rules.Finding{
			{Rule: "genes-table", Severity: rules.SeverityError, Path: page, Range: rng(7, 3, 9),
				Message: "the chemicals table is missing", Pointer: "/keywords/0",
				Related: []rules.Related{
					{Path: page, Range: rng(8, 5, 12), Message: "keyword \"ATP\""},
					{Path: table, Range: rng(3, 1, 40), Message: "row of ATP5F1A"},
					{Path: table, Range: rules.Range{}, Message: ""}, // a whole file, no message
				}},
			{Rule: "doi-format", Severity: rules.SeverityWarning, Path: page, Range: rng(4, 6, 20), Message: "m",
				Fixes: []rules.Fix{{Message: "drop the prefix", Edits: []rules.TextEdit{{Start: 1, End: 5, NewText: ""}}}}},
			{Rule: "missing-value", Severity: rules.SeverityNote, Path: page, Range: rng(2, 1, 2), Message: "plain"},
		},
		Suppressed: []Suppressed{{Finding: rules.Finding{Rule: "genes-table", Severity: rules.SeverityError,
			Path: page, Range: rng(9, 1, 4), Message: "s",
			Related: []rules.Related{{Path: table, Range: rng(2, 1, 2), Message: "r\x1b\n"}}},
			Kind: "inSource", Justification: "why"}},
		Summaries: map[int]json.RawMessage{3: json.RawMessage(`{"a":1}`)},
		Facts: Facts{Year: "2020", Organisms: []string{"Homo sapiens"}, Figid: "PMC1__f1",
			Title: "A <b>title</b>", Figlink: "/pmc/articles/PMC1/figure/f1/"},
		Companions: []companionUse{{Name: "PMC1__f1-genes.tsv", Path: "/x/_data/PMC1__f1-genes.tsv",
			Sum: "abc"}},
	}
}

// TestCodecRoundTrip: an entry decodes to what was encoded, related
// locations included, and findings without them keep a nil slice (as a
// fresh run has), so cached and uncached results compare equal.
func TestCodecRoundTrip(t *testing.T) {
	want := codecEntry()
	got, err := decodeEntry(encodeEntry(want))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("round trip (-want +got):\n%s", diff)
	}
	for _, f := range got.Findings[1:] {
		if f.Related != nil {
			t.Errorf("%s: related %#v; want nil", f.Rule, f.Related)
		}
	}
}

// TestCodecRejects: every truncation of an entry, and an entry of the
// previous format (FLC2, which had no figid, title or figlink facts), is corrupt: a
// miss, never a wrong result.
func TestCodecRejects(t *testing.T) {
	raw := encodeEntry(codecEntry())
	for n := range len(raw) {
		if _, err := decodeEntry(raw[:n]); err == nil {
			t.Fatalf("a truncation to %d of %d bytes decoded", n, len(raw))
		}
	}
	old := append([]byte("FLC2"), raw[len(entryMagic):]...)
	if _, err := decodeEntry(old); err == nil {
		t.Error("an entry of the previous format decoded")
	}
}

// TestCacheKeyHasFormat: the entry format's version is part of the key,
// so a pack written by an older figlint is never even looked up.
func TestCacheKeyHasFormat(t *testing.T) {
	c := &Cache{}
	f := File{Display: "a.md"}
	k1 := c.key(f, []byte("x"), "")
	saved := entryMagic
	entryMagic = []byte("FLC1")
	k0 := c.key(f, []byte("x"), "")
	entryMagic = saved
	if k0 == k1 {
		t.Error("the key does not depend on the entry format")
	}
}

// TestMergeDropsOtherFormats: merging packs leaves out the entries of an
// older entry format, which no lookup of this one can reach.
func TestMergeDropsOtherFormats(t *testing.T) {
	dir := t.TempDir()
	current := encodeEntry(cacheEntry{Findings: []rules.Finding{{Rule: "r", Path: "a.md", Message: "m"}}})
	// The old entries are the smaller, so that their packs are among the
	// smallest, which are the ones merged.
	empty := encodeEntry(cacheEntry{})
	old := append([]byte("FLC1"), empty[len(entryMagic):]...)
	for i := range maxPacks + 1 {
		w, err := newPackWriter(dir)
		if err != nil {
			t.Fatal(err)
		}
		raw := current
		if i%2 == 0 {
			raw = old
		}
		if err = w.add(cacheKey{byte(i)}, raw); err != nil {
			t.Fatal(err)
		}
		p, err := w.finish()
		if err != nil {
			t.Fatal(err)
		}
		_ = p.f.Close()
	}
	c, err := OpenCache(dir, []byte("run"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = c.Close() }()
	c.mu.Lock()
	c.merge()
	c.mu.Unlock()
	entries, olds := 0, 0
	for _, p := range c.packs {
		for i := range p.count {
			_, raw, ok := p.entry(i)
			if !ok {
				t.Fatalf("%s: entry %d unreadable", p.path, i)
			}
			entries++
			if !bytes.HasPrefix(raw, entryMagic) {
				olds++
			}
		}
	}
	// 9 packs, 5 of them old and smallest: those and one more are
	// merged into one pack of that one entry, beside 3 packs left alone.
	if len(c.packs) != maxPacks/2 || entries != 4 || olds != 0 {
		t.Errorf("after merging: %d packs, %d entries, %d of the old format", len(c.packs), entries, olds)
	}
}
