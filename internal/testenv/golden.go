package testenv

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Golden compares got with the golden file at path, or rewrites the file
// when update is true (tests pass their -update flag); pkg names the
// package whose tests do so, for the hint when the file is missing.
func Golden(tb testing.TB, path, got string, update bool, pkg string) {
	tb.Helper()
	if update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test %s -update to create it)", err, pkg)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		tb.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}
