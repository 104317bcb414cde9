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
	return shared(tb, "_figures", "the corpus is missing",
		"the PFOCR sample corpus %s is absent (it ships beside the repository, not in it)", "corpus", "pfocr")
}

// HugoDocs returns the content folder of the Hugo documentation sample
// (../shared/corpus/hugodocs/content, a real front-matter collection);
// absent, it skips or fails as Corpus does.
func HugoDocs(tb testing.TB) string {
	tb.Helper()
	return shared(tb, "en", "the Hugo docs sample is missing",
		"the Hugo docs sample %s is absent (it ships beside the repository, not in it)", "corpus", "hugodocs", "content")
}

// Schemas returns the directory of the reference JSON Schemas that ship
// beside the repository (../shared/schemas, with sarif-schema-2.1.0.json);
// absent, it skips or fails as Corpus does.
func Schemas(tb testing.TB) string {
	tb.Helper()
	return shared(tb, "sarif-schema-2.1.0.json", "the shared schemas are missing",
		"the shared schemas %s are absent (they ship beside the repository, not in it)", "schemas")
}

// JSONSchemaSuite returns the directory of the official JSON Schema Test
// Suite (../shared/jsonschema-test-suite, with tests/ and remotes/);
// absent, it skips or fails as Corpus does.
func JSONSchemaSuite(tb testing.TB) string {
	tb.Helper()
	return shared(tb, filepath.Join("tests", "draft2020-12"), "the JSON Schema Test Suite is missing",
		"the JSON Schema Test Suite %s is absent (it ships beside the repository, not in it)", "jsonschema-test-suite")
}

// shared returns the directory ../shared/<elems> beside the repository,
// which must hold probe. When it does not, the test fails if
// FIGLINT_REQUIRE_SHARED=1 (saying missing) and is skipped otherwise
// (saying absent, a format for the directory).
func shared(tb testing.TB, probe, missing, absent string, elems ...string) string {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(append([]string{filepath.Dir(file), "..", "..", "..", "shared"}, elems...)...)
	if _, err := os.Stat(filepath.Join(dir, probe)); err != nil {
		if os.Getenv("FIGLINT_REQUIRE_SHARED") == "1" {
			tb.Fatalf("FIGLINT_REQUIRE_SHARED=1 but %s: %v", missing, err)
		}
		tb.Skipf("skipping: "+absent, dir)
	}
	return dir
}
