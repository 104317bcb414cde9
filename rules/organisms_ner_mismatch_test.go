package rules

import "testing"

func TestOrganismListed(t *testing.T) {
	organisms := []string{"Homo sapiens", "Saccharomyces cerevisiae", "Escherichia coli BL21DE3"}
	for name, want := range map[string]bool{
		"Homo sapiens":                   true,
		"Saccharomyces cerevisiae S288C": true,  // a strain of a listed species
		"Escherichia coli":               true,  // the species of a listed strain
		"homo sapiens":                   true,  // case is organism-name's business
		"Homo":                           true,  // the genus of a listed species, likewise
		"Homo sapiensis":                 false, // a prefix, but not a word
		"Danio rerio":                    false,
	} {
		if got := organismListed(name, organisms); got != want {
			t.Errorf("organismListed(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestOrganismQuoteList(t *testing.T) {
	for _, tc := range []struct {
		names []string
		want  string
	}{
		{nil, ""},
		{[]string{"A b"}, `"A b"`},
		{[]string{"A", "B", "C"}, `"A", "B", "C"`},
		{[]string{"A", "B", "C", "D", "E"}, `"A", "B", "C", and 2 more`},
	} {
		if got := quoteList(tc.names, 3); got != tc.want {
			t.Errorf("quoteList(%q, 3) = %q, want %q", tc.names, got, tc.want)
		}
	}
}
