package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// TestGitignoreWalk: a Hugo site whose build output (public/) holds pages
// without front matter. The walk skips what .gitignore excludes,
// --no-ignore brings it back, and a page named on the command line is
// linted even when ignored.
func TestGitignoreWalk(t *testing.T) {
	site := t.TempDir()
	for name, text := range map[string]string{
		".gitignore":             "/public/\n*.tmp.md\n",
		"content/post.md":        "+++\ntitle = \"a post\"\n+++\n",
		"content/scratch.tmp.md": "no front matter\n",
		"public/index.md":        "<html>built</html>\n",
	} {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	paths := func(args ...string) []string {
		t.Helper()
		_, out, errOut := run(t, site, append([]string{"--no-cache", "--no-config", "--format", "json", "--enable-only", "front-matter"}, args...)...)
		var doc struct {
			Findings []struct{ Path string }
			Summary  struct{ Files int }
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%v: %v\n%s%s", args, err, out, errOut)
		}
		var got []string
		for _, f := range doc.Findings {
			got = append(got, f.Path)
		}
		slices.Sort(got)
		return append(got, "files:"+strconv.Itoa(doc.Summary.Files))
	}
	if got := paths("."); !slices.Equal(got, []string{"files:1"}) {
		t.Errorf("walk: %q; expected the one page .gitignore leaves, clean", got)
	}
	if got := paths("--no-ignore", "."); !slices.Equal(got, []string{"content/scratch.tmp.md", "public/index.md", "files:3"}) {
		t.Errorf("--no-ignore: %q; expected the ignored pages' findings too", got)
	}
	if got := paths(".", "public/index.md"); !slices.Equal(got, []string{"public/index.md", "files:2"}) {
		t.Errorf("named ignored page: %q; expected it linted", got)
	}
}
