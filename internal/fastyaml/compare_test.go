package fastyaml

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// nodeFields are the fields of yaml.Node that diffNodes compares. If
// yaml.v3 grows a field, TestNodeFieldsCovered fails until diffNodes
// compares it too.
var nodeFields = []string{"Kind", "Style", "Tag", "Value", "Anchor", "Alias", "Content",
	"HeadComment", "LineComment", "FootComment", "Line", "Column"}

func TestNodeFieldsCovered(t *testing.T) {
	typ := reflect.TypeFor[yaml.Node]()
	got := make([]string, 0, typ.NumField())
	for i := range typ.NumField() {
		got = append(got, typ.Field(i).Name)
	}
	if !reflect.DeepEqual(got, nodeFields) {
		t.Fatalf("yaml.Node has fields %v; diffNodes compares %v", got, nodeFields)
	}
}

// diffNodes returns the first difference between two trees, field by
// field, or "" when they are identical.
func diffNodes(path string, got, want *yaml.Node) string {
	if got == nil || want == nil {
		if got != want {
			return fmt.Sprintf("%s: node is %v, want %v", path, got, want)
		}
		return ""
	}
	at := fmt.Sprintf("%s(%d:%d %q)", path, want.Line, want.Column, want.Value)
	switch {
	case got.Kind != want.Kind:
		return fmt.Sprintf("%s: Kind %v, want %v", at, got.Kind, want.Kind)
	case got.Style != want.Style:
		return fmt.Sprintf("%s: Style %v, want %v", at, got.Style, want.Style)
	case got.Tag != want.Tag:
		return fmt.Sprintf("%s: Tag %q, want %q", at, got.Tag, want.Tag)
	case got.Value != want.Value:
		return fmt.Sprintf("%s: Value %q, want %q", at, got.Value, want.Value)
	case got.Anchor != want.Anchor:
		return fmt.Sprintf("%s: Anchor %q, want %q", at, got.Anchor, want.Anchor)
	case got.HeadComment != want.HeadComment:
		return fmt.Sprintf("%s: HeadComment %q, want %q", at, got.HeadComment, want.HeadComment)
	case got.LineComment != want.LineComment:
		return fmt.Sprintf("%s: LineComment %q, want %q", at, got.LineComment, want.LineComment)
	case got.FootComment != want.FootComment:
		return fmt.Sprintf("%s: FootComment %q, want %q", at, got.FootComment, want.FootComment)
	case got.Line != want.Line || got.Column != want.Column:
		return fmt.Sprintf("%s: at %d:%d, want %d:%d", at, got.Line, got.Column, want.Line, want.Column)
	case len(got.Content) != len(want.Content):
		return fmt.Sprintf("%s: %d children, want %d", at, len(got.Content), len(want.Content))
	}
	if d := diffNodes(at+".Alias", got.Alias, want.Alias); d != "" {
		return d
	}
	for i := range want.Content {
		if d := diffNodes(fmt.Sprintf("%s[%d]", at, i), got.Content[i], want.Content[i]); d != "" {
			return d
		}
	}
	return ""
}

// differential parses data with Parse and, when Parse takes it, with
// yaml.v3, and reports any difference. It returns whether Parse took it.
func differential(t *testing.T, name string, data []byte) bool {
	t.Helper()
	got, ok := Parse(data)
	if !ok {
		if got != nil {
			t.Errorf("%s: Parse returned a tree with ok=false", name)
		}
		return false
	}
	var want yaml.Node
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		return yaml.Unmarshal(data, &want)
	}()
	if err != nil {
		t.Errorf("%s: Parse took %q, but yaml.v3 rejects it: %v", name, data, err)
		return true
	}
	if d := diffNodes("doc", got, &want); d != "" {
		t.Errorf("%s: Parse and yaml.v3 differ on %q: %s", name, data, d)
	}
	return true
}

// frontMatter returns the text between a page's "---" lines, or false when
// the page has no terminated front matter.
func frontMatter(page []byte) ([]byte, bool) {
	page = bytes.TrimPrefix(page, []byte("\xEF\xBB\xBF"))
	first, rest, found := bytes.Cut(page, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, false
	}
	for off := 0; off < len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		if end < 0 {
			end = len(rest) - off
		}
		line := string(bytes.TrimRight(rest[off:off+end], " \t\r"))
		if line == "---" || line == "..." {
			return rest[:off], true
		}
		off += end + 1
	}
	return nil, false
}

// pageBlocks returns the front matter blocks of the *.md files under dir.
func pageBlocks(tb testing.TB, dir string) map[string][]byte {
	tb.Helper()
	blocks := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if b, ok := frontMatter(data); ok {
			blocks[path] = b
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("reading pages under %s: %v", dir, err)
	}
	return blocks
}

// corpusDir is the real sample's page folder beside the repository, as
// testenv.Corpus finds it, for fuzz seeds (which must not skip).
const corpusDir = "../../../shared/corpus/pfocr/_figures"

// fixturesDir holds the repository's test pages.
const fixturesDir = "../../fixtures"
