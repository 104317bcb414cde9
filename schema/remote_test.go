package schema

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestMappedStaysInFolder: a mapped URL names a file under its folder,
// escaped dots included, or is an error.
func TestMappedStaysInFolder(t *testing.T) {
	dir := t.TempDir()
	r := &Remote{Maps: []Mapping{{Prefix: "http://h/s/", Dir: dir}, {Prefix: "http://h/s/deep/", Dir: filepath.Join(dir, "other")}}}
	for url, want := range map[string]string{
		"http://h/s/a/b.json":    filepath.Join(dir, "a", "b.json"),
		"http://h/s/deep/c.json": filepath.Join(dir, "other", "c.json"), // the longest prefix wins
		"http://h/s/x%20y.json":  filepath.Join(dir, "x y.json"),
	} {
		got, ok, err := r.mapped(url)
		if !ok || err != nil || got != want {
			t.Errorf("%s: %q %v %v, want %q", url, got, ok, err, want)
		}
	}
	for _, url := range []string{"http://h/s/../secret.json", "http://h/s/%2e%2e/secret.json", "http://h/s/a/../../x.json"} {
		if _, _, err := r.mapped(url); err == nil || !strings.Contains(err.Error(), "leaves the folder") {
			t.Errorf("%s: err %v, want it to leave the folder", url, err)
		}
	}
	if _, ok, err := r.mapped("http://other/x.json"); ok || err != nil {
		t.Errorf("unmapped URL: %v %v", ok, err)
	}
}
