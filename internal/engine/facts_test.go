package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/figlint/figlint/rules"
)

// TestPageFacts: the facts a report names a figure by are read as
// written, and an overlong title is cut on a character boundary.
func TestPageFacts(t *testing.T) {
	dir := t.TempDir()
	title := strings.Repeat("é", 200) // 400 bytes
	page := "---\nfigid: PMC1__f1\nfigtitle: " + title + "\norganisms:\n- NA\n- Homo sapiens\n" +
		"figlink: /pmc/articles/PMC1/figure/f1/\nyear: '2020'\n---\n"
	path := filepath.Join(dir, "PMC1__f1.md")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	reg, err := rules.NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	r := New(reg, Options{WorkDir: dir}).LintFile(File{Display: "PMC1__f1.md", Path: path})
	want := Facts{Year: "2020", Organisms: []string{"NA", "Homo sapiens"}, Figid: "PMC1__f1",
		Title: title[:maxFactTitle], Figlink: "/pmc/articles/PMC1/figure/f1/"}
	if diff := cmp.Diff(want, r.Facts); diff != "" {
		t.Errorf("facts (-want +got):\n%s", diff)
	}
	if got := cutUTF8("aé", 2); got != "a" || !utf8.ValidString(got) {
		t.Errorf("cutUTF8 split a character: %q", got)
	}
}
