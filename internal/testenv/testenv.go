// Package testenv locates test data that lives beside the repository.
package testenv

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Corpus returns the directory of the real PFOCR sample
// (../shared/corpus/pfocr beside the repository). When it is absent the
// test is skipped, unless FIGLINT_REQUIRE_SHARED=1 (as in CI) makes that a
// failure.
func Corpus(tb testing.TB) string {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "corpus", "pfocr")
	if _, err := os.Stat(filepath.Join(dir, "_figures")); err != nil {
		if os.Getenv("FIGLINT_REQUIRE_SHARED") == "1" {
			tb.Fatalf("FIGLINT_REQUIRE_SHARED=1 but the corpus is missing: %v", err)
		}
		tb.Skipf("skipping: the PFOCR sample corpus %s is absent (it ships beside the repository, not in it)", dir)
	}
	return dir
}
