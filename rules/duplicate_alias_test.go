package rules

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestDuplicateAliasNamesFewPages: a value shared by many pages names three
// of the others and counts the rest, so messages stay short.
func TestDuplicateAliasNamesFewPages(t *testing.T) {
	paths := []string{"a.md", "b.md", "c.md", "d.md", "e.md", "f.md"}
	sums := make([]Summary, 0, len(paths))
	for _, p := range paths {
		data, err := json.Marshal([]identityKey{{Field: "figid_alias", Value: "PMC1__F1"}})
		if err != nil {
			t.Fatal(err)
		}
		sums = append(sums, Summary{Path: p, Data: data})
	}
	var msgs []string
	finishDuplicateAlias(sums, func(f Diagnostic) { msgs = append(msgs, f.Path+": "+f.Message) })
	if len(msgs) != 6 {
		t.Fatalf("%d findings, want one per page: %q", len(msgs), msgs)
	}
	want := `a.md: figid_alias "PMC1__F1" makes the URL /figures/PMC1__F1, also made by b.md, c.md, d.md and 2 more;`
	if !strings.HasPrefix(msgs[0], want) {
		t.Fatalf("message %q; want prefix %q", msgs[0], want)
	}
}

// TestSiteURL: values that make the same URL compare equal.
func TestSiteURL(t *testing.T) {
	for _, tc := range [][2]string{
		{siteURL("figid_alias", "PMC1__F1"), siteURL("redirect_from", "/figures/PMC1__F1")},
		{siteURL("redirect_from", "/figures/PMC1__F1/"), siteURL("redirect_from", "/figures/PMC1__F1.html")},
		{siteURL("figid", "PMC1__f1"), siteURL("redirect_from", "/figures/PMC1__f1.html")},
	} {
		if tc[0] != tc[1] {
			t.Errorf("%q != %q", tc[0], tc[1])
		}
	}
}
