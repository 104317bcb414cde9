package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

// CopyTree copies the folders and regular files under from into a new
// temporary directory and returns it, so that a test may edit a copy of a
// sample collection.
func CopyTree(tb testing.TB, from string) string {
	tb.Helper()
	to := tb.TempDir()
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
		tb.Fatal(err)
	}
	return to
}
