package frontmatter

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParseDataJSONEscapes: JSON's "\/" and surrogate pair escapes, which
// yaml.v3 does not read, give their characters, and the values after them
// keep their columns.
func TestParseDataJSONEscapes(t *testing.T) {
	text := `{"a": "\uD83D\uDCA9\ud83d\ude00", "b": "x\/y\\/", "c": 1}` + "\n"
	doc := ParseData("d.json", []byte(text))
	if doc.Broken {
		t.Fatalf("broken: %v", doc.Problems)
	}
	want := map[string]any{"a": "\U0001F4A9\U0001F600", "b": `x/y\/`, "c": doc.Value.(map[string]any)["c"]}
	if diff := cmp.Diff(want, doc.Value); diff != "" {
		t.Fatalf("value (-want +got):\n%s", diff)
	}
	for key, col := range map[string]int{"b": 40, "c": 56} {
		e, ok := doc.Lookup("/" + key)
		if !ok {
			t.Fatalf("no /%s", key)
		}
		if r := doc.NodeRange(e.Value); r.Start.Line != 1 || r.Start.Column != col {
			t.Errorf("/%s at %d:%d, want 1:%d", key, r.Start.Line, r.Start.Column, col)
		}
	}
}
