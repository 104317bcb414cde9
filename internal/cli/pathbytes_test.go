package cli

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestJSONPathBytes: a page whose name is not UTF-8 (Latin-1 "café") is
// named exactly by pathBytes, while "path" shows U+FFFD; a UTF-8 name
// gets no pathBytes.
func TestJSONPathBytes(t *testing.T) {
	dir := t.TempDir()
	raw := "caf\xe9.md"
	page := "---\ntitle: [unclosed\n---\n" // a front-matter finding on every page
	if err := os.WriteFile(filepath.Join(dir, raw), []byte(page), 0o644); err != nil {
		t.Skipf("the file system refuses a non-UTF-8 name: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "café.md"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, dir, "--no-config", "--no-cache", "--format", "json", ".")
	if code != ExitFindings {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	var doc struct {
		Findings []struct {
			Path      string  `json:"path"`
			PathBytes *string `json:"pathBytes"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	seen := map[string]bool{}
	for _, f := range doc.Findings {
		switch f.Path {
		case "café.md":
			if f.PathBytes != nil {
				t.Errorf("UTF-8 name got pathBytes %q", *f.PathBytes)
			}
			seen["utf8"] = true
		case "caf\uFFFD.md":
			if f.PathBytes == nil {
				t.Fatalf("non-UTF-8 name without pathBytes")
			}
			if *f.PathBytes != "Y2Fm6S5tZA==" { // base64 of 63 61 66 e9 2e 6d 64, by hand
				t.Errorf("pathBytes %q", *f.PathBytes)
			}
			name, err := base64.StdEncoding.DecodeString(*f.PathBytes)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(dir, string(name))); err != nil {
				t.Errorf("pathBytes does not name the file: %v", err)
			}
			seen["latin1"] = true
		default:
			t.Errorf("unexpected path %q", f.Path)
		}
	}
	if !seen["utf8"] || !seen["latin1"] {
		t.Fatalf("findings for %v only:\n%s", seen, out)
	}
}
