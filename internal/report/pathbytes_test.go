package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/figlint/figlint/rules"
)

// TestPathBytesInRelatedAndEdits: related places and fix edits in files
// with non-UTF-8 names carry pathBytes too; UTF-8 names never do.
func TestPathBytesInRelatedAndEdits(t *testing.T) {
	rel := jsonRelatedOf([]rules.Related{{Path: "_data/\xff-genes.tsv"}, {Path: "_data/ü-genes.tsv"}})
	// base64 of 5f 64 61 74 61 2f ff 2d 67 65 6e 65 73 2e 74 73 76, by hand.
	if rel[0].PathBytes != "X2RhdGEv/y1nZW5lcy50c3Y=" || rel[1].PathBytes != "" {
		t.Errorf("related pathBytes %q, %q", rel[0].PathBytes, rel[1].PathBytes)
	}
	fx := jsonFixesOf([]rules.Fix{{Message: "m", Edits: []rules.TextEdit{{Path: "\xff", End: 1}}}})
	if fx[0].Edits[0].PathBytes != "/w==" {
		t.Errorf("edit pathBytes %q", fx[0].Edits[0].PathBytes)
	}
	b, err := json.Marshal(rel[1])
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "pathBytes") {
		t.Errorf("UTF-8 related path has the key: %s", b)
	}
}
