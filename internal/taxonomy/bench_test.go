package taxonomy

import (
	"os"
	"testing"
)

// ncbiData reads the organism-name rule's embedded file.
func ncbiData(tb testing.TB) string {
	tb.Helper()
	data, err := os.ReadFile("../../rules/data/ncbi-names.tax")
	if err != nil {
		tb.Fatal(err)
	}
	return string(data)
}

// BenchmarkFirstUse opens the NCBI names and answers one look-up, what a
// one-page run pays on its first organism name.
func BenchmarkFirstUse(b *testing.B) {
	data := ncbiData(b)
	b.ReportAllocs()
	for b.Loop() {
		tx, err := Open(data)
		if err != nil || !tx.Contains("Homo sapiens") {
			b.Fatal("Homo sapiens not found", err)
		}
	}
}

// BenchmarkContains looks up a name that is listed and one that is not.
func BenchmarkContains(b *testing.B) {
	tx, err := Open(ncbiData(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if !tx.Contains("Drosophila melanogaster") || tx.Contains("Drosohpila melanogaster") {
			b.Fatal("wrong answer")
		}
	}
}

// BenchmarkClosest searches the names near misspellings, as the rule does
// for a name it does not find (without the rule's memo).
func BenchmarkClosest(b *testing.B) {
	tx, err := Open(ncbiData(b))
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []struct {
		name string
		max  int
	}{
		{"Drosohpila melanogaster", 2},
		{"Vitus vinifera", 2},
		{"Escherichia coli BL21DE3", 2},
		{"Paracoccaceae bacterium", 2},
		{"Influenza A virus (A/Hong Kong/1/68(H3N2))", 4},
	} {
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				tx.Closest(q.name, q.max, nil)
			}
		})
	}
}
