package lexicon

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fourOrganisms builds a lexicon of four organisms with about 250,000
// symbols and synonyms in all, the size the issue sets for loading: the
// real human lexicon's symbols and synonyms, spelled the way mouse, zebrafish
// and fly nomenclatures would for the other three (their real symbol sets
// are of that size: MGI ~ 70k symbols, ZFIN ~ 40k, FlyBase ~ 25k, each with
// as many synonyms).
func fourOrganisms(tb testing.TB) *File {
	tb.Helper()
	data, err := os.ReadFile("../../rules/data/human.lex")
	if err != nil {
		tb.Fatal(err)
	}
	human, err := Decode(data)
	if err != nil {
		tb.Fatal(err)
	}
	hs := human.Lexicons[0]
	spell := map[int]func(string) string{
		9606:  func(s string) string { return s },
		10090: func(s string) string { return s[:1] + strings.ToLower(s[1:]) },
		7955:  strings.ToLower,
		7227:  func(s string) string { return s + "-like" },
	}
	b := NewBuilder()
	b.TaxonName = func(id int) string {
		return map[int]string{9606: "Homo sapiens", 10090: "Mus musculus", 7955: "Danio rerio", 7227: "Drosophila melanogaster"}[id]
	}
	synonyms := map[string][]string{}
	hs.Synonyms(func(syn string, syms []string) bool {
		for _, s := range syms {
			synonyms[s] = append(synonyms[s], syn)
		}
		return true
	})
	for _, taxid := range []int{9606, 10090, 7955, 7227} {
		var text strings.Builder
		text.WriteString("#tax_id\tGeneID\tSymbol\tSynonyms\n")
		n := 0
		hs.Symbols(func(sym string, ids []int) bool {
			syns := "-"
			if s := synonyms[sym]; len(s) > 0 {
				for i := range s {
					s[i] = spell[taxid](s[i])
				}
				syns = strings.Join(s, "|")
			}
			fmt.Fprintf(&text, "%d\t%d\t%s\t%s\n", taxid, ids[0], spell[taxid](sym), syns)
			n += 1 + len(synonyms[sym])
			return n < 62500
		})
		if _, rerr := b.Read("bench", "bench", strings.NewReader(text.String())); rerr != nil {
			tb.Fatal(rerr)
		}
	}
	f, err := b.Build()
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// benchLoad measures reading and decoding a compiled lexicon file of four
// organisms, as --lexicon does.
func benchLoad(b *testing.B, compress bool) {
	f := fourOrganisms(b)
	total := 0
	for _, l := range f.Lexicons {
		s, syn, _ := l.Counts()
		total += s + syn
	}
	data, err := f.Encode(compress)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "four.lex")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		g, err := Load(path)
		if err != nil || len(g.Lexicons) != 4 || !g.Lexicons[2].IsSymbol("A1BG") { // by TaxID: 9606 is third
			b.Fatalf("load: %v", err)
		}
	}
	b.ReportMetric(float64(total), "entries")
	b.ReportMetric(float64(len(data)), "file-bytes")
}

// BenchmarkLoadFourOrganisms loads an uncompressed lexicon of four
// organisms (~250,000 symbols and synonyms); the budget is 30 ms.
func BenchmarkLoadFourOrganisms(b *testing.B) { benchLoad(b, false) }

// BenchmarkLoadFourOrganismsGzip is the same lexicon written with a .gz
// name: smaller, but inflating it dominates.
func BenchmarkLoadFourOrganismsGzip(b *testing.B) { benchLoad(b, true) }

// BenchmarkLookup is one keyword checked against a lexicon: an official
// symbol, a synonym and a miss with suggestions.
func BenchmarkLookup(b *testing.B) {
	data, err := os.ReadFile("../../rules/data/human.lex")
	if err != nil {
		b.Fatal(err)
	}
	f, err := Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	l := f.Lexicons[0]
	for b.Loop() {
		if !l.IsSymbol("STAT3") || l.SynonymOf("SEPT9") == nil || len(l.Closest("STAT3X", 3)) == 0 {
			b.Fatal("lookup")
		}
	}
}
