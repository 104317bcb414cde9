package rules_test

import (
	"testing"

	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/rules"
	"github.com/google/go-cmp/cmp"
)

// TestReportPlaces: Pass.Report places a diagnostic at its node, its range,
// the value or key its pointer names, or the opening delimiter, names the
// running rule unless As names a family member, and fills in the page's
// path where the diagnostic leaves it empty. The expected ranges are
// counted by hand on the page below (line 1 is the opening "---").
func TestReportPlaces(t *testing.T) {
	src := "---\nfigid: PMC1__f1\nschema-jsonld:\n  name: Tést\n---\n"
	doc := frontmatter.Parse("a.md", []byte(src))
	if doc.Broken {
		t.Fatalf("the page does not parse: %+v", doc.Problems)
	}
	at := func(l1, c1, l2, c2 int) rules.Range {
		return rules.Range{Start: rules.Position{Line: l1, Column: c1}, End: rules.Position{Line: l2, Column: c2}}
	}
	figid, _ := doc.Lookup("/figid")
	given := at(9, 1, 9, 4)
	cases := []struct {
		name string
		d    rules.Diagnostic
		rule string
		rng  rules.Range
		path string
	}{
		{"node", rules.Diagnostic{Node: figid.Key, Pointer: "/figid"}, "own-rule", at(2, 1, 2, 6), "a.md"},
		{"node wins over range", rules.Diagnostic{Node: figid.Value, Range: given}, "own-rule", at(2, 8, 2, 16), "a.md"},
		{"range", rules.Diagnostic{Range: given, Path: "t.tsv"}, "own-rule", given, "t.tsv"},
		{"pointer value", rules.Diagnostic{Pointer: "/schema-jsonld/name"}, "own-rule", at(4, 9, 4, 13), "a.md"},
		{"pointer key", rules.Diagnostic{Pointer: "/schema-jsonld/name", Key: true}, "own-rule", at(4, 3, 4, 7), "a.md"},
		{"pointer to nothing", rules.Diagnostic{Pointer: "/absent", Key: true}, "own-rule", doc.Open, "a.md"},
		{"family member", rules.Diagnostic{Pointer: "/figid", As: "own-rule/member"}, "own-rule/member", at(2, 8, 2, 16), "a.md"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []rules.Finding
			p := rules.NewPass(doc, "own-rule", func(f rules.Finding) { got = append(got, f) }, nil)
			d := tc.d
			d.Message = "m"
			d.Related = []rules.Related{{Range: given, Message: "r"}}
			d.Fixes = []rules.Fix{{Message: "f", Edits: []rules.TextEdit{{Start: 4, End: 9, NewText: "x"}}}}
			p.Report(d)
			if len(got) != 1 {
				t.Fatalf("%d findings, want 1", len(got))
			}
			f := got[0]
			want := rules.Finding{Rule: tc.rule, Path: tc.path, Range: tc.rng, Message: "m", Pointer: tc.d.Pointer,
				Related: []rules.Related{{Path: tc.path, Range: given, Message: "r"}},
				Fixes:   []rules.Fix{{Message: "f", Edits: []rules.TextEdit{{Path: tc.path, Start: 4, End: 9, NewText: "x"}}}}}
			if diff := cmp.Diff(want, f); diff != "" {
				t.Errorf("finding (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFindingWithoutDocument: a collection-level diagnostic (Finish has
// no document) keeps its range; its related places and edits name its
// page unless they name another (an edit names its file, so that a fix
// can be applied from the JSON output).
func TestFindingWithoutDocument(t *testing.T) {
	r := rules.Range{Start: rules.Position{Line: 3, Column: 2}, End: rules.Position{Line: 3, Column: 5}}
	d := rules.Diagnostic{Path: "b.md", Range: r, Pointer: "/x", Message: "m", Severity: rules.SeverityNote,
		Related: []rules.Related{{Path: "c.md", Range: r}, {Range: r}},
		Fixes:   []rules.Fix{{Message: "f", Edits: []rules.TextEdit{{Start: 1, End: 2}}}}}
	got := d.Finding("collection-rule", nil)
	want := rules.Finding{Rule: "collection-rule", Severity: rules.SeverityNote, Path: "b.md", Range: r, Pointer: "/x",
		Message: "m", Related: []rules.Related{{Path: "c.md", Range: r}, {Path: "b.md", Range: r}},
		Fixes: []rules.Fix{{Message: "f", Edits: []rules.TextEdit{{Path: "b.md", Start: 1, End: 2}}}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("finding (-want +got):\n%s", diff)
	}
}
