package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestBuiltinHumanLexicon checks the embedded lexicon against counts made
// independently from org.Hs.eg.db with sqlite3: 77,510 distinct symbols
// less NCBI's NEWENTRY placeholder; 67,615 distinct aliases other than the
// gene's own symbol, less the 1,567 that are another gene's symbol; 3,205
// of those stand for several genes.
func TestBuiltinHumanLexicon(t *testing.T) {
	ls := BuiltinLexicons().Lexicons()
	if err := BuiltinLexicons().Err(); err != nil || len(ls) != 1 {
		t.Fatalf("%d lexicons, err %v", len(ls), err)
	}
	l := ls[0]
	if l.TaxID != 9606 || l.Organism != "Homo sapiens" || l.Date() != "2022-09-12" {
		t.Errorf("taxon %d %q date %q", l.TaxID, l.Organism, l.Date())
	}
	if s, syn, amb := l.Counts(); s != 77509 || syn != 66048 || amb != 3205 {
		t.Errorf("counts %d %d %d; want 77509 66048 3205", s, syn, amb)
	}
	if got := l.SynonymOf("SEPT9"); !cmp.Equal(got, []string{"SEPTIN9"}) {
		t.Errorf("SynonymOf(SEPT9) = %v", got)
	}
	if got := l.GeneIDs("STAT3"); !cmp.Equal(got, []int{6774}) {
		t.Errorf("GeneIDs(STAT3) = %v", got)
	}
	if BuiltinLexicons().Find("Homo sapiens") != l {
		t.Error("Find(Homo sapiens) is not the human lexicon")
	}
}

// TestNomenclatureShapes: DOMAIN.md's examples fit their organism's shape;
// symbols of other conventions do not.
func TestNomenclatureShapes(t *testing.T) {
	for org, tc := range map[string]struct{ fit, misfit []string }{
		"Homo sapiens":                              {[]string{"STAT3", "HLA-A", "NKX2-5", "C1orf112", "TMX2-CTNND1", "PCDHA@", "MT-CO1"}, []string{"Stat3", "stat3", "IL 6", "TNFα"}},
		"Mus musculus":                              {[]string{"Stat3", "Trp53", "Gm12345", "1700001C19Rik", "mt-Co1", "H2-K1", "tp", "l7Rn6"}, []string{"STAT3", "Nkx2 5"}},
		"Rattus norvegicus":                         {[]string{"Stat3", "Tp53", "RGD1234567", "LOC100911"}, []string{"STAT3"}},
		"Danio rerio":                               {[]string{"stat3", "fosab", "mapk14a", "pou5f3", "si:ch211-12e1.3", "zgc:110130"}, []string{"Stat3", "STAT3"}},
		"Drosophila melanogaster":                   {[]string{"w", "N", "Su(H)", "E(spl)m8-HLH", "CG17760", "tRNA:Arg-TCT-3-1", "l(3)mbt"}, []string{"IL 6", "TNFα"}},
		"Caenorhabditis elegans":                    {[]string{"unc-22", "daf-16", "F43G6.1", "B0507.8"}, []string{"Unc-22", "DAF16"}},
		"Saccharomyces cerevisiae S288C":            {[]string{"CDC28", "YAL001C", "YDR099W-A"}, []string{"Cdc28"}},
		"Arabidopsis thaliana":                      {[]string{"ABI1", "AT1G01010", "PHYB"}, []string{"abi1"}},
		"Xenopus laevis":                            {[]string{"pax6.L", "tshb.S", "thrb"}, []string{"Pax6"}},
		"Escherichia coli str. K-12 substr. MG1655": {[]string{"lacZ", "recA", "b0001", "glk"}, []string{"LacZ", "RECA"}},
	} {
		sh := shapeOf(org)
		if sh == nil {
			t.Errorf("%s: no shape", org)
			continue
		}
		for _, s := range tc.fit {
			if !sh.re.MatchString(s) {
				t.Errorf("%s: %q should fit (%s)", org, s, sh.desc)
			}
		}
		for _, s := range tc.misfit {
			if sh.re.MatchString(s) {
				t.Errorf("%s: %q should not fit (%s)", org, s, sh.desc)
			}
		}
	}
	if shapeOf("Gallus gallus") != nil {
		t.Error("Gallus gallus has no shape in DOMAIN.md's table")
	}
}

func TestBadSymbolChars(t *testing.T) {
	for in, want := range map[string]string{
		"STAT3":          "",
		"Su(H)":          "",
		"PCDHA@":         "",
		"tRNA:Lys-TTT-1": "",
		"IL 6":           "white space",
		"TNFα":           "'α'",
		"p38/MAPK":       "'/'",
		"A;B, C":         "';' and ',' and white space",
	} {
		if got := badSymbolChars(in); got != want {
			t.Errorf("badSymbolChars(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestEnglishWords(t *testing.T) {
	for w, want := range map[string]bool{
		"cash": true, "Root": true, "how": true, "sun": true,
		"Andorra": false, // not in the size-35 list
		"dpp":     false, "CASH": false, "ab": false, "cash1": false, "zzzz": false,
		"aaa": false, "zymurgy": false,
	} {
		if got := isEnglishWord(w); got != want {
			t.Errorf("isEnglishWord(%q) = %v; want %v", w, got, want)
		}
	}
	// The list is sorted bytewise, as the bisection needs.
	prev := ""
	for i, line := range splitLines(englishWords) {
		if i > 0 && line <= prev {
			t.Fatalf("line %d %q is not after %q", i+1, line, prev)
		}
		prev = line
	}
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

func TestTaxonName(t *testing.T) {
	if got := TaxonName(7227); got != "Drosophila melanogaster" {
		t.Errorf("TaxonName(7227) = %q", got)
	}
	if got := TaxonName(559292); got != "" {
		t.Errorf("TaxonName(559292) = %q; the list has only the species", got)
	}
}

func TestWithLexicons(t *testing.T) {
	rs := append([]Rule{GenesTable}, KeywordRules(nil)...)
	set := BuiltinLexicons().With()
	out := WithLexicons(rs, set)
	if len(out) != len(rs) {
		t.Fatalf("%d rules; want %d", len(out), len(rs))
	}
	for i, r := range out {
		if r.ID != rs[i].ID {
			t.Errorf("rule %d is %q; want %q", i, r.ID, rs[i].ID)
		}
	}
	ids := make([]string, 0, 3)
	for _, r := range KeywordRules(nil) {
		ids = append(ids, r.ID)
	}
	if !cmp.Equal(ids, []string{"keyword-symbol", "keyword-duplicate", "keyword-noise"}) {
		t.Errorf("KeywordRules IDs %v", ids)
	}
}
