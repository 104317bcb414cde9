package testenv

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Schemas returns the directory of the reference JSON Schemas that ship
// beside the repository (../shared/schemas, with sarif-schema-2.1.0.json).
// When it is absent the test is skipped, unless FIGLINT_REQUIRE_SHARED=1
// (as in CI) makes that a failure.
func Schemas(tb testing.TB) string {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "schemas")
	if _, err := os.Stat(filepath.Join(dir, "sarif-schema-2.1.0.json")); err != nil {
		if os.Getenv("FIGLINT_REQUIRE_SHARED") == "1" {
			tb.Fatalf("FIGLINT_REQUIRE_SHARED=1 but the shared schemas are missing: %v", err)
		}
		tb.Skipf("skipping: the shared schemas %s are absent (they ship beside the repository, not in it)", dir)
	}
	return dir
}
