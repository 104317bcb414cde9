package baseline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/figlint/figlint/rules"
)

// TestKeyIgnoresRelated: a finding whose cause gains a related place is
// still the baselined finding.
func TestKeyIgnoresRelated(t *testing.T) {
	f := rules.Finding{Rule: "genes-table", Path: "_figures/a.md", Pointer: "/keywords", Message: "the table is missing"}
	g := f
	g.Related = []rules.Related{{Path: "_data/a-genes.tsv", Message: "row"}}
	if Key(f, nil) != Key(g, nil) {
		t.Errorf("related locations changed the baseline key: %v, %v", Key(f, nil), Key(g, nil))
	}
}

// TestPathsRelativeToFile: a baseline written from one folder holds paths
// from its own folder, and matches when read from another folder.
func TestPathsRelativeToFile(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "ci", "figlint.baseline")
	if err := os.Mkdir(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(root, "site")
	entries := []Entry{
		{Path: "_figures/b.md", Rule: "doi", Pointer: "/doi", Hash: "0123456789abcdef"},
		{Path: "_data/b-genes.tsv", Rule: "genes-table", Pointer: "", Hash: "fedcba9876543210"},
	}
	var buf strings.Builder
	if err := Write(&buf, entries, filepath.Dir(file), site); err != nil {
		t.Fatal(err)
	}
	// Written by hand from the layout: the site is ../site from ci/.
	want := header + "\n" +
		"../site/_data/b-genes.tsv\tgenes-table\t\tfedcba9876543210\n" +
		"../site/_figures/b.md\tdoi\t/doi\t0123456789abcdef\n"
	if buf.String() != want {
		t.Fatalf("baseline file:\n%s\nwant:\n%s", buf.String(), want)
	}
	if err := os.WriteFile(file, []byte(buf.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// Read from the site's _figures folder, naming the file relatively.
	b, err := Load(filepath.Join("..", "..", "ci", "figlint.baseline"), filepath.Join(site, "_figures"))
	if err != nil {
		t.Fatal(err)
	}
	if b.Version != 2 {
		t.Errorf("version %d, want 2", b.Version)
	}
	if !b.Match(Entry{Path: "b.md", Rule: "doi", Pointer: "/doi", Hash: "0123456789abcdef"}) ||
		!b.Match(Entry{Path: "../_data/b-genes.tsv", Rule: "genes-table", Hash: "fedcba9876543210"}) {
		t.Fatal("entries written from the site root do not match from _figures")
	}
	if b.Match(Entry{Path: "_figures/b.md", Rule: "doi", Pointer: "/doi", Hash: "0123456789abcdef"}) || b.Unmatched() != 0 {
		t.Fatal("a path from the wrong folder matched, or entries are left")
	}
}

// TestVersion1StillRead: a v1 file's paths are relative to the working
// directory of the run reading it, as v1 always was.
func TestVersion1StillRead(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sub", "old.baseline")
	if err := os.Mkdir(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	v1 := "# figlint baseline v1: path<TAB>rule<TAB>pointer<TAB>content hash; regenerate with --write-baseline\n" +
		"_figures/a.md\tdoi\t/doi\t0123456789abcdef\n"
	if err := os.WriteFile(file, []byte(v1), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Load(file, dir)
	if err != nil {
		t.Fatal(err)
	}
	if b.Version != 1 || !b.Match(Entry{Path: "_figures/a.md", Rule: "doi", Pointer: "/doi", Hash: "0123456789abcdef"}) {
		t.Fatalf("v1 entry (version %d) does not match from the working directory", b.Version)
	}
	for _, head := range []string{"# figlint baseline v3: x", "# figlint baseline v10: x"} {
		if err := os.WriteFile(file, []byte(head+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(file, dir); err == nil || !strings.Contains(err.Error(), "unsupported baseline version") {
			t.Errorf("%q: error %v, want unsupported version", head, err)
		}
	}
}

// TestFreshMatchesAgain: each Fresh copy matches the whole baseline once
// more, while matches in one copy are consumed as before.
func TestFreshMatchesAgain(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "b.baseline")
	e := Entry{Path: "a.md", Rule: "doi-format", Pointer: "/doi", Hash: "0123456789abcdef"}
	body := "# figlint baseline v2\n" + e.String() + "\n" + e.String() + "\n"
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Load(file, dir)
	if err != nil {
		t.Fatal(err)
	}
	for round := range 2 {
		c := b.Fresh()
		first, second, third := c.Match(e), c.Match(e), c.Match(e)
		if !first || !second || third {
			t.Fatalf("round %d: expected exactly two matches of the entry held twice", round)
		}
		if n := c.Unmatched(); n != 0 {
			t.Errorf("round %d: Unmatched = %d, expected 0", round, n)
		}
	}
	if n := b.Unmatched(); n != 2 {
		t.Errorf("the loaded baseline was consumed by its copies: Unmatched = %d, expected 2", n)
	}
}
