package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/figlint/figlint/internal/testenv"
	"github.com/google/go-cmp/cmp"
)

// TestHugoDocs lints the Hugo documentation (../shared/corpus/hugodocs, a
// collection this project did not write) with the schemas written for it
// in fixtures/hugodocs, one per kind of page chosen by the configuration's
// schemas:, and pins the findings (docs/hugodocs.md explains them).
func TestHugoDocs(t *testing.T) {
	content := testenv.HugoDocs(t)
	dir := t.TempDir()
	if err := os.Rename(testenv.CopyTree(t, content), filepath.Join(dir, "content")); err != nil {
		t.Fatal(err)
	}
	fixtures := filepath.Join("..", "..", "fixtures", "hugodocs")
	copyFile(t, filepath.Join(fixtures, "figlint.yaml"), filepath.Join(dir, ".figlint.yaml"))
	if err := os.Mkdir(filepath.Join(dir, "schemas"), 0o755); err != nil {
		t.Fatal(err)
	}
	schemas, _ := filepath.Glob(filepath.Join(fixtures, "schemas", "*.json"))
	for _, s := range schemas {
		copyFile(t, s, filepath.Join(dir, "schemas", filepath.Base(s)))
	}
	code, out, errOut := run(t, dir, "--no-cache", "--no-snippet", ".")
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	testenv.Golden(t, filepath.Join(fixtures, "findings.golden"), out, *update, "./internal/cli")
	// Each kind of page was checked against its own schema.
	_, _, files := jsonFiles(t, dir, "--no-cache", ".")
	count := map[string]int{}
	for _, s := range files {
		count[s]++
	}
	want := map[string]int{"schemas/include.schema.json": 47, "schemas/glossary.schema.json": 157,
		"schemas/action.schema.json": 18, "schemas/function.schema.json": 560}
	want["schemas/page.schema.json"] = len(files) - 47 - 157 - 18 - 560
	if diff := cmp.Diff(want, count); diff != "" {
		t.Errorf("files per schema (-want +got):\n%s", diff)
	}
}
