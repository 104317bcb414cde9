package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/internal/testenv"
	"github.com/figlint/figlint/rules"
	"github.com/google/go-cmp/cmp"
)

// lintCollection lints files as one run with only journal-consistency on,
// on jobs workers, and returns the collection's findings.
func lintCollection(t *testing.T, files []engine.File, jobs int) []rules.Finding {
	t.Helper()
	eng := engine.New(ruletest.Registry(t, rules.JournalConsistency), engine.Options{Enabled: []string{"journal-consistency"}})
	var out []rules.Finding
	err := eng.Run(files, jobs, func(r engine.Result) error {
		if r.Err != nil {
			t.Errorf("%s: %v", r.File.Display, r.Err)
		}
		out = append(out, r.Findings...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func dirFiles(t *testing.T, dir string) []engine.File {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no pages in %s: %v", dir, err)
	}
	sort.Strings(paths)
	files := make([]engine.File, 0, len(paths))
	for _, p := range paths {
		files = append(files, engine.File{Display: filepath.ToSlash(p), Path: p})
	}
	return files
}

// TestJournalConsistencyFixes: the fixes, made in the collection phase
// from the summaries' offsets, rewrite the values (quoted or not, quoting
// the new one where YAML needs it), and the fixed collection is clean.
func TestJournalConsistencyFixes(t *testing.T) {
	dir := t.TempDir()
	page := func(title, publisher string) string {
		return fmt.Sprintf("---\nfigid: x\njournal_title: %s # the title\njournal_nlm_ta: Cell Rep\npublisher_name: %s\n---\n", title, publisher)
	}
	pages := map[string]string{
		"a.md": page("'Cell: Reports'", "Cell Press"),
		"b.md": page("'Cell: Reports'", "Cell Press"),
		"c.md": page("Cell Reports", "'Cell Press Inc.'"),
		"d.md": page(`"Cell: Reports"`, "Cell Press"),
	}
	for name, text := range pages {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := dirFiles(t, dir)
	found := lintCollection(t, files, 2)
	if len(found) != 2 {
		t.Fatalf("%d findings, want the title and the publisher of c.md: %+v", len(found), found)
	}
	var fixes []rules.Fix
	for _, f := range found {
		if filepath.Base(f.Path) != "c.md" || len(f.Fixes) != 1 {
			t.Fatalf("finding %s %q with %d fixes; want c.md with one fix", f.Path, f.Message, len(f.Fixes))
		}
		fixes = append(fixes, f.Fixes...)
	}
	c := filepath.Join(dir, "c.md")
	data, err := os.ReadFile(c)
	if err != nil {
		t.Fatal(err)
	}
	fixed := string(ruletest.ApplyFixes(t, data, fixes...))
	if want := page("'Cell: Reports'", "Cell Press"); fixed != want {
		t.Fatalf("fixed page:\n%s\nwant:\n%s", fixed, want)
	}
	if err := os.WriteFile(c, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	if again := lintCollection(t, files, 2); len(again) != 0 {
		t.Errorf("after the fixes: %+v; want none", again)
	}
}

// TestJournalConsistencyFixesTOMLJSON: in a collection of TOML and JSON
// pages, the majority spelling is written as a TOML or a JSON string.
func TestJournalConsistencyFixesTOMLJSON(t *testing.T) {
	dir := t.TempDir()
	toml := func(title string) string {
		return fmt.Sprintf("+++\nfigid = 'x'\njournal_title = %s # the title\njournal_nlm_ta = \"Cell Rep\"\n+++\n", title)
	}
	jsonPage := func(title string) string {
		return fmt.Sprintf("{\"figid\": \"x\", \"journal_title\": %s, \"journal_nlm_ta\": \"Cell Rep\"}\n", title)
	}
	pages := map[string]string{
		"a.md": toml(`"Cell \"Reports\""`), "b.md": toml(`'Cell "Reports"'`), "c.md": jsonPage(`"Cell \"Reports\""`),
		"d.md": toml(`"Cell Reports"`), "e.md": jsonPage(`"Cell Reports"`),
	}
	for name, text := range pages {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := dirFiles(t, dir)
	found := lintCollection(t, files, 2)
	want := map[string]string{"d.md": toml(`"Cell \"Reports\""`), "e.md": jsonPage(`"Cell \"Reports\""`)}
	if len(found) != len(want) {
		t.Fatalf("%d findings, want d.md's and e.md's: %+v", len(found), found)
	}
	for _, f := range found {
		name := filepath.Base(f.Path)
		if want[name] == "" || len(f.Fixes) != 1 {
			t.Fatalf("finding %s %q with %d fixes; want d.md or e.md with one fix", f.Path, f.Message, len(f.Fixes))
		}
		fixed := string(ruletest.ApplyFixes(t, []byte(pages[name]), f.Fixes...))
		if fixed != want[name] {
			t.Errorf("fixed %s:\n%s\nwant:\n%s", name, fixed, want[name])
		}
	}
}

// TestJournalConsistencyWorkers: the findings do not depend on the number
// of workers.
func TestJournalConsistencyWorkers(t *testing.T) {
	files := dirFiles(t, "../fixtures/rules/journal-consistency/_figures")
	one := lintCollection(t, files, 1)
	if len(one) == 0 {
		t.Fatal("no findings on the fixtures")
	}
	for _, jobs := range []int{2, 8} {
		if diff := cmp.Diff(one, lintCollection(t, files, jobs)); diff != "" {
			t.Errorf("%d workers differ from one (-one +got):\n%s", jobs, diff)
		}
	}
}

// TestJournalConsistencyCorpus runs the rule over the real sample. Checked
// by hand against the pages' journal fields: PLOS's PMC metadata says
// "Public Library of Science" on articles to mid-2024 and "PLOS" after
// (7 pages), so the 6 older pages have the minority spelling, across PLOS
// ONE, PLOS Pathogens, PLOS Computational Biology and PLOS Biology; the title
// is "PLOS ONE" on 4 pages and "PLOS One" on the 2025 page. No other
// journal or publisher of the sample is spelt two ways: Elsevier, the
// Frontiers, Springer and Oxford pages are each spelt one way, and the
// Canadian Cardiovascular Society's imprint is not merged with Elsevier.
func TestJournalConsistencyCorpus(t *testing.T) {
	dir := testenv.Corpus(t)
	found := lintCollection(t, dirFiles(t, filepath.Join(dir, "_figures")), 0)
	got := make([]string, 0, len(found))
	for _, f := range found {
		if f.Severity != rules.SeverityWarning || len(f.Fixes) != 1 || len(f.Related) == 0 {
			t.Errorf("%s: %s %q with %d fixes and %d related; want a warning with a fix and related pages",
				f.Path, f.Severity, f.Message, len(f.Fixes), len(f.Related))
		}
		got = append(got, fmt.Sprintf("%s:%d %s", strings.TrimSuffix(filepath.Base(f.Path), ".md"), f.Range.Start.Line, f.Message))
	}
	const plos = `publisher_name "Public Library of Science" (6 pages) is spelt "PLOS" on 7 other pages; expected the collection's one spelling "PLOS"`
	want := []string{
		"PMC10501637__pone.0288640.g005:28 " + plos,
		"PMC10538757__pone.0291981.g002:26 " + plos,
		"PMC10545120__pcbi.1011499.g004:41 " + plos,
		"PMC10919860__ppat.1012049.g001:30 " + plos,
		"PMC10957088__pbio.3002543.g006:31 " + plos,
		"PMC10962832__pone.0300895.g002:20 " + plos,
		`PMC12240324__pone.0326693.g001:20 journal_title "PLOS One" (1 page) is spelt "PLOS ONE" on 4 other pages with journal_nlm_ta "PLoS One"; expected the collection's one spelling "PLOS ONE"`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("journal-consistency findings on the corpus (-want +got):\n%s", diff)
	}
}
