package baseline

import (
	"testing"

	"github.com/figlint/figlint/rules"
)

// TestKeyIgnoresRelated: a finding whose cause gains a related place is
// still the baselined finding.
func TestKeyIgnoresRelated(t *testing.T) {
	f := rules.Finding{Rule: "genes-table", Path: "_figures/a.md", Pointer: "/keywords", Message: "the table is missing"}
	g := f
	g.Related = []rules.Related{{Path: "_data/a-genes.tsv", Message: "row"}}
	if Key(f, nil) != Key(g, nil) {
		t.Errorf("related locations changed the baseline key: %v, %v", Key(f, nil), Key(g, nil))
	}
}
