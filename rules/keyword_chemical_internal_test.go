package rules

import "testing"

// TestChemicalOf: abbreviations are found as written, in another case when
// their lower case is no English word, and through the NER's normalised
// match; English words (no, pep) are taken only as chemists write them.
func TestChemicalOf(t *testing.T) {
	for _, tc := range []struct{ word, match, want string }{
		{"ATP", "ATP", "ATP"},
		{"Atp", "ATP", "ATP"},
		{"NAD(P)H", "NADPH", "NADPH"},
		{"COA", "COA", "CoA"},
		{"cAMP", "CAMP", "cAMP"},
		{"NO", "NO", "NO"},
		{"no", "NO", ""},
		{"PEP", "PEP", "PEP"},
		{"pep", "PEP", ""},
		{"CTP", "CTP", ""}, // also the citrate transport protein
		{"ATP5F1A", "ATP5F1A", ""},
	} {
		if got := chemicalOf(tc.word, tc.match); got != tc.want {
			t.Errorf("chemicalOf(%q, %q) = %q, want %q", tc.word, tc.match, got, tc.want)
		}
	}
}

// TestFamilyMembers: the symbols that real tables give for family names,
// members and not.
func TestFamilyMembers(t *testing.T) {
	for _, tc := range []struct {
		match, symbol string
		member        bool
	}{
		{"ERK", "MAPK1", true}, {"ERK", "Mapk3", true}, {"ERK", "rl", true}, {"ERK", "Erk7", true},
		{"ERK", "EPHB2", false}, {"ERK", "Ephb1", false},
		{"MAPK", "p38b", true}, {"MAPK", "MKP-4", false},
		{"P38", "MAPK14", true}, {"P38", "mapk14a", true}, {"JNK", "MAPK8", true}, {"JNK", "bsk", true}, {"JNK", "MAPK1", false}, {"P38", "CRK", false}, {"P38", "MAPK1", false},
		{"MEK", "Dsor1", true}, {"MEK", "Mtk", false},
		{"PKC", "aPKC", true}, {"PKC", "Pkc53E", true}, {"PKC", "inaC", true}, {"PKC", "PRRT2", false},
		{"PKA", "Pka-C1", true}, {"AKT", "AKT1", true}, {"AKT", "Akt", true},
		{"PI3K", "Pi3K92E", true}, {"PI3K", "PIK3CA", true},
		{"RAS", "KRAS", true}, {"RAS", "Ras85D", true}, {"RAS", "Rem1", false},
		{"RAF", "BRAF", true}, {"RAF", "ZHX2", false},
	} {
		f := familyOf(tc.match)
		if f == nil {
			t.Errorf("familyOf(%q) = nil", tc.match)
			continue
		}
		if got := f.has(tc.symbol); got != tc.member {
			t.Errorf("family %q has %q = %v, want %v", tc.match, tc.symbol, got, tc.member)
		}
	}
}
