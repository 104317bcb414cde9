package rules

import (
	"testing"

	"github.com/figlint/figlint/internal/taxonomy"
)

// BenchmarkNCBIFirstUse opens the embedded NCBI names and looks up one
// name, what the first organism of a one-page run costs.
func BenchmarkNCBIFirstUse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		tax, err := taxonomy.Open(ncbiNamesData)
		if err != nil || !tax.Contains("Homo sapiens") {
			b.Fatal("Homo sapiens not found", err)
		}
	}
}

// BenchmarkNCBILookupAndClosest is the rule's path for a misspelt name: the
// exact and case-folded look-ups, the species-prefix look-ups, then the
// nearest-name search (without the memo).
func BenchmarkNCBILookupAndClosest(b *testing.B) {
	tax, err := ncbiTaxonomy()
	if err != nil {
		b.Fatal(err)
	}
	const name = "Drosohpila melanogaster"
	b.ReportAllocs()
	for b.Loop() {
		if tax.Contains(name) || len(tax.Fold(name)) != 0 || knownSpeciesPrefix(tax, name) != "" {
			b.Fatal("found")
		}
		got, _ := tax.Closest(name, maxNameDistance(len(name)), func(f string) bool { return otherDesignation(name, f) })
		if len(got) != 1 || got[0] != "Drosophila melanogaster" {
			b.Fatalf("closest %q", got)
		}
	}
}
