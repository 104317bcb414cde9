package rules

import (
	"sort"
	"strings"
	"testing"
)

func TestMaxNameDistance(t *testing.T) {
	// No search under 6 characters; then 10% of the length, but never
	// below 2.
	for n, want := range map[int]int{3: 0, 5: 0, 6: 2, 13: 2, 23: 2, 29: 2, 30: 3, 40: 4} {
		if got := maxNameDistance(n); got != want {
			t.Errorf("maxNameDistance(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestSplitAuthority(t *testing.T) {
	for _, tc := range []struct {
		name, bare, authority string
		ok                    bool
	}{
		{"Cucumis sativus L.", "Cucumis sativus", "L.", true},
		{"Glycine max (L.) Merr.", "Glycine max", "(L.) Merr.", true},
		{"Mus musculus Linnaeus, 1758", "Mus musculus", "Linnaeus, 1758", true},
		{"Danio rerio (Hamilton, 1822)", "Danio rerio", "(Hamilton, 1822)", true},
		{"Brassica rapa subsp. pekinensis (Lour.) Hanelt", "Brassica rapa subsp. pekinensis", "(Lour.) Hanelt", true},
		{"Solanum lycopersicum Mill.", "Solanum lycopersicum", "Mill.", true},
		{"Homo sapiens", "", "", false},
		{"Escherichia coli C", "", "", false},                        // a strain letter, no point
		{"Pseudomonas aeruginosa PAO1", "", "", false},               // a strain code
		{"Aspergillus niger ATCC 1015", "", "", false},               // not an author, not a year
		{"Escherichia coli str. K-12 substr. MG1655", "", "", false}, // lower-case rank
		{"Staphylococcus aureus subsp. aureus COL", "", "", false},
		{"Human T-cell leukemia virus type I", "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bare, authority, ok := splitAuthority(tc.name)
			if bare != tc.bare || authority != tc.authority || ok != tc.ok {
				t.Errorf("splitAuthority(%q) = %q, %q, %v; want %q, %q, %v", tc.name, bare, authority, ok, tc.bare, tc.authority, tc.ok)
			}
		})
	}
}

func TestBinomialCase(t *testing.T) {
	ix := commonTaxa()
	for _, tc := range []struct {
		name, want string
		ok         bool
	}{
		{"Xenopus Oocyte", "Xenopus oocyte", true},
		{"Anacardium Occidentale", "Anacardium occidentale", true},
		{"CARICA PAPAYA", "Carica papaya", true},
		{"aspergillus niger", "Aspergillus niger", true}, // Aspergillus is a listed genus
		{"Carica papaya", "", false},
		{"carica papaya", "", false},    // not a listed genus: NCBI has lower-case names
		{"human metagenome", "", false}, // a real NCBI name
		{"uncultured bacterium", "", false},
		{"Salmonella Typhimurium", "", false}, // the serovar convention
		{"Human Immunodeficiency Virus", "", false},
		{"Human T-cell leukemia virus type I", "", false},
		{"PX clade", "", false},
		{"Escherichia coli C", "", false},
		{"Pseudomonas aeruginosa PAO1", "", false},
		{"Drosophila", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := binomialCase(tc.name, ix)
			if got != tc.want || ok != tc.ok {
				t.Errorf("binomialCase(%q) = %q, %v; want %q, %v", tc.name, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestOrganismPlaceholderAndMissing(t *testing.T) {
	for s, want := range map[string]bool{
		"unspecified plant": true, "Unspecified plant": true, "UNSPECIFIED ANIMAL": true,
		"unspecified organism": true, "unspecified": false, "plant": false, "Homo sapiens": false,
	} {
		if got := organismPlaceholder(s); got != want {
			t.Errorf("organismPlaceholder(%q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{
		"NA": true, " NA ": true, ".na.character": true, ".na": true, "": true, "XXX": true, "REJECT": true,
		"na": false, "Homo sapiens": false, "N/A": true,
	} {
		if got := isMissing(s); got != want {
			t.Errorf("isMissing(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestTaxonomyData(t *testing.T) {
	ix := commonTaxa()
	if len(ix.taxa) != 899 {
		t.Fatalf("%d organisms in rules/data/taxa.tsv, want 899", len(ix.taxa))
	}
	if !strings.HasPrefix(taxaTSV, "# source: Debian package ncbi-data ") || !strings.Contains(strings.SplitN(taxaTSV, "\n", 2)[0], "public domain") {
		t.Errorf("taxa.tsv lacks its source and licence line: %q", strings.SplitN(taxaTSV, "\n", 2)[0])
	}
	names := make([]string, len(ix.taxa))
	for i, tx := range ix.taxa {
		names[i] = tx.name
	}
	if !sort.StringsAreSorted(names) {
		t.Error("taxa.tsv is not sorted")
	}
	for name, want := range map[string]taxon{
		"Homo sapiens":             {"Homo sapiens", "human", 9606},
		"Mus musculus":             {"Mus musculus", "house mouse", 10090},
		"Saccharomyces cerevisiae": {"Saccharomyces cerevisiae", "baker's yeast", 4932},
		"Escherichia coli":         {"Escherichia coli", "", 562},
		"gut metagenome":           {"gut metagenome", "", 749906},
	} {
		i, ok := ix.exact[name]
		if !ok || ix.taxa[i] != want {
			t.Errorf("%q: got %+v (found %v), want %+v", name, ix.taxa[i], ok, want)
		}
	}
	if g := ix.genera["human"]; len(g) != 0 {
		t.Errorf("a virus name made %q a genus", "Human")
	}
	if g := ix.genera["drosophila"]; len(g) != 14 {
		t.Errorf("%d Drosophila species, want 14", len(g))
	}
}

// TestNCBINames checks the embedded NCBI names against facts known from
// NCBI Taxonomy itself, not from the file.
func TestNCBINames(t *testing.T) {
	tax, err := ncbiTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	// DOMAIN.md: about 2.67 million rows of names for 2.44 million taxids,
	// some names shared by several taxa.
	if n := tax.Len(); n < 2_600_000 || n > 2_700_000 {
		t.Errorf("%d names, want about 2.66 million", n)
	}
	if d := tax.Description(); !strings.Contains(d, "r-bioc-genomeinfodbdata 1.2.9-1") || !strings.Contains(d, "public domain") {
		t.Errorf("description lacks source or licence: %q", d)
	}
	for _, name := range []string{
		"Homo sapiens", "Schizosaccharomyces pombe", "Yersinia pestis", "Human alphaherpesvirus 1",
		"Saccharomyces cerevisiae S288C", "Escherichia coli str. K-12 substr. MG1655", "Escherichia coli BL21(DE3)",
		"Drosophila", // a genus
		"human metagenome", "Severe acute respiratory syndrome coronavirus 2",
		"Lycopersicon esculentum", "Human herpesvirus 1", // synonyms
		"[Ruminococcus] gnavus", // a bracketed genus
	} {
		if !tax.Contains(name) {
			t.Errorf("%q is missing", name)
		}
	}
	for _, name := range []string{
		"homo sapiens", "Homo Sapiens", "Homo sapiens L.", "Drosohpila melanogaster",
		"SARS-CoV-2",             // an acronym, a name class specData leaves out
		"Nakaseomyces glabratus", // named in 2022, after the data
		"Yeast", "mouse",
	} {
		if tax.Contains(name) {
			t.Errorf("%q is listed", name)
		}
	}
	if got := tax.Fold("HOMO SAPIENS"); len(got) != 1 || got[0] != "Homo sapiens" {
		t.Errorf("Fold(HOMO SAPIENS) = %q", got)
	}
}

func TestKnownSpeciesPrefix(t *testing.T) {
	tax, err := ncbiTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"Saccharomyces cerevisiae S288C x": "Saccharomyces cerevisiae S288C",
		"Escherichia coli BL21DE3":         "Escherichia coli",
		"Pseudomonas aeruginosa PAO1 x":    "Pseudomonas aeruginosa PAO1",
		"Arabidopsis thaliana Col-0":       "Arabidopsis thaliana",
		"Zea mays subsp. mays x":           "Zea mays subsp. mays", // the longest listed prefix
		"Homo sapiens":                     "",
		"Homo sapiensis":                   "",
		"Carica papaya L.":                 "Carica papaya",
		"Escherichia colix K-12":           "", // a genus alone is no species
	} {
		if got := knownSpeciesPrefix(tax, name); got != want {
			t.Errorf("knownSpeciesPrefix(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestClosest(t *testing.T) {
	tax, err := ncbiTaxonomy()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string][]string{
		"Drosohpila melanogaster":  {"Drosophila melanogaster"},
		"danio reroi":              {"Danio rerio"},
		"Vitus vinifera":           {"Vitis vinifera"},
		"Bos tuus":                 {"Bos mutus", "Bos taurus"},
		"Escherichia coli BL21DE3": {"Escherichia coli BL21(DE3)"}, // punctuation of one designation
		"uncultured bacterim":      {"uncultured bacterium"},
		"Hepatitis D virus":        nil, // B, E and X are other viruses, not misspellings
		"Symbiodinium sp. A3x":     nil,
		"Nakaseomyces glabratus":   nil,
		"fly":                      nil, // too short to guess
		"Yeast":                    nil,
	} {
		got := closestNames(tax, name)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("closestNames(%q) = %q, want %q", name, got, want)
		}
	}
}
