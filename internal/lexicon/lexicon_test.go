package lexicon

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const fixtures = "../../fixtures/lexicon"

// names is a stand-in for the organism list the CLI gives the builder.
func names(taxid int) string {
	return map[int]string{7227: "Drosophila melanogaster", 10090: "Mus musculus", 9606: "Homo sapiens"}[taxid]
}

// build reads fixture files into one lexicon file.
func build(t *testing.T, files ...string) (*File, []Problem) {
	t.Helper()
	b := NewBuilder()
	b.TaxonName = names
	var all []Problem
	for _, f := range files {
		ps, err := b.ReadFile(filepath.Join(fixtures, f))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		all = append(all, ps...)
	}
	lf, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return lf, all
}

func only(t *testing.T, f *File) *Lexicon {
	t.Helper()
	if len(f.Lexicons) != 1 {
		t.Fatalf("%d lexicons; want 1", len(f.Lexicons))
	}
	return f.Lexicons[0]
}

func symbols(l *Lexicon) []string {
	var out []string
	l.Symbols(func(s string, _ []int) bool { out = append(out, s); return true })
	return out
}

func TestGeneInfo(t *testing.T) {
	f, problems := build(t, "Drosophila_melanogaster.gene_info")
	if len(problems) != 0 {
		t.Fatalf("problems %v", problems)
	}
	l := only(t, f)
	if l.TaxID != 7227 || l.Organism != "Drosophila melanogaster" || l.Date() != "2024-04-12" {
		t.Errorf("taxon %d %q date %q", l.TaxID, l.Organism, l.Date())
	}
	// Bytewise order: capitals first.
	if got, want := symbols(l), []string{"Akt", "Andorra", "Dr", "Root", "cash"}; !cmp.Equal(got, want) {
		t.Errorf("symbols %v; want %v", got, want)
	}
	if got := l.GeneIDs("Root"); !cmp.Equal(got, []int{42860}) {
		t.Errorf("GeneIDs(Root) = %v", got)
	}
	if got := l.SynonymOf("msh"); !cmp.Equal(got, []string{"Dr"}) {
		t.Errorf("SynonymOf(msh) = %v", got)
	}
	if l.IsSymbol("root") || l.IsSymbol("msh") || l.SynonymOf("Dr") != nil {
		t.Error("lookups must be case-sensitive and keep symbols and synonyms apart")
	}
	if s, syn, amb := l.Counts(); s != 5 || syn != 1 || amb != 0 {
		t.Errorf("counts %d %d %d; want 5 1 0", s, syn, amb)
	}
	if got := f.Sources; !cmp.Equal(got, []Source{{Name: "Drosophila_melanogaster.gene_info", Format: "gene_info", Date: "2024-04-12"}}) {
		t.Errorf("sources %+v", got)
	}
}

func TestGzipInputReadsLikePlain(t *testing.T) {
	plain, _ := build(t, "Mus_musculus.gene_info")
	gz, _ := build(t, "Mus_musculus.gene_info.gz")
	a, b := only(t, plain), only(t, gz)
	if !cmp.Equal(symbols(a), []string{"Il6", "Stat3", "Trp53"}) || !cmp.Equal(symbols(a), symbols(b)) {
		t.Errorf("symbols %v and %v", symbols(a), symbols(b))
	}
	if got := b.SynonymOf("p53"); !cmp.Equal(got, []string{"Trp53"}) {
		t.Errorf("SynonymOf(p53) = %v", got)
	}
}

func TestHGNC(t *testing.T) {
	f, problems := build(t, "hgnc_complete_set.txt")
	if len(problems) != 0 {
		t.Fatalf("problems %v", problems)
	}
	l := only(t, f)
	if l.TaxID != 9606 || l.Organism != "Homo sapiens" || l.Date() != "2023-04-25" {
		t.Errorf("taxon %d %q date %q", l.TaxID, l.Organism, l.Date())
	}
	if got := symbols(l); !cmp.Equal(got, []string{"A1BG", "IL6", "SEPTIN9", "STAT3", "TP53"}) {
		t.Errorf("symbols %v", got)
	}
	for syn, want := range map[string]string{"SEPT9": "SEPTIN9", "IFNB2": "IL6", "IL-6": "IL6", "KIAA0991": "SEPTIN9", "p53": "TP53"} {
		if got := l.SynonymOf(syn); !cmp.Equal(got, []string{want}) {
			t.Errorf("SynonymOf(%s) = %v; want [%s]", syn, got, want)
		}
	}
	if got := l.GeneIDs("SEPTIN9"); !cmp.Equal(got, []int{10801}) {
		t.Errorf("GeneIDs(SEPTIN9) = %v", got)
	}
	// 4 + 1 + 7 + 1 + 2 alias and previous symbols.
	if _, syn, _ := l.Counts(); syn != 15 {
		t.Errorf("%d synonyms; want 15", syn)
	}
}

func TestGenesTable(t *testing.T) {
	f, problems := build(t, "PMC10017456__fpls-14-1084358-g002-genes.tsv")
	if len(problems) != 0 {
		t.Fatalf("problems %v", problems)
	}
	if len(f.Lexicons) != 2 {
		t.Fatalf("%d lexicons; want human and fly", len(f.Lexicons))
	}
	dm, hs := f.Lexicons[0], f.Lexicons[1] // by TaxID
	if hs.Organism != "Homo sapiens" || dm.Organism != "Drosophila melanogaster" {
		t.Fatalf("organisms %q %q", hs.Organism, dm.Organism)
	}
	if got := symbols(hs); !cmp.Equal(got, []string{"MSX2", "POMC", "RNMT", "STS"}) {
		t.Errorf("human %v", got)
	}
	if got := symbols(dm); !cmp.Equal(got, []string{"Dr", "Rnmt", "Root", "cash", "sts"}) {
		t.Errorf("fly %v", got)
	}
	// The match column is normalised OCR text, not a synonym.
	if hs.SynonymOf("MSH") != nil {
		t.Error("the match column must not be read as a synonym")
	}
	if f.Sources[0].Date != "" || f.Sources[0].Format != "genes-table" {
		t.Errorf("source %+v", f.Sources[0])
	}
}

func TestBadLinesAreReportedAndSkipped(t *testing.T) {
	f, problems := build(t, "bad.gene_info")
	var got []string
	for _, p := range problems {
		got = append(got, strings.TrimPrefix(p.String(), fixtures+"/"))
	}
	want := []string{
		"bad.gene_info:3: row has 3 fields; expected 16, one per header column",
		`bad.gene_info:4: GeneID is "4x2860"; expected a number`,
		"bad.gene_info:5: GeneID 47266 has no Symbol",
		`bad.gene_info:6: tax_id is "fly"; expected a number`,
	}
	if !cmp.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := symbols(only(t, f)); !cmp.Equal(got, []string{"Andorra", "Dr"}) {
		t.Errorf("symbols %v; want the good rows", got)
	}
}

func TestUnreadableInputs(t *testing.T) {
	for name, text := range map[string]string{
		"empty":       "",
		"csv":         "tax_id,GeneID,Symbol\n9606,1,A1BG\n",
		"no synonyms": "#tax_id\tGeneID\tSymbol\n9606\t1\tA1BG\n",
	} {
		if _, err := NewBuilder().Read(name, name, strings.NewReader(text)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := NewBuilder().ReadFile(filepath.Join(fixtures, "absent.gene_info")); err == nil {
		t.Error("absent file: no error")
	}
}

func TestUnnamedTaxon(t *testing.T) {
	b := NewBuilder()
	text := "#tax_id\tGeneID\tSymbol\tSynonyms\n8888\t1\tabc1\t-\n"
	if _, err := b.Read("x", "x", strings.NewReader(text)); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(); !errors.Is(err, ErrUnnamed) {
		t.Fatalf("err %v; want ErrUnnamed", err)
	}
	b.SetOrganism(8888, "Nomen nudum")
	f, err := b.Build()
	if err != nil || f.Lexicons[0].Organism != "Nomen nudum" {
		t.Fatalf("%v %+v", err, f)
	}
	// Strain taxa of NCBI Gene's per-species files are named without help.
	b = NewBuilder()
	if _, err := b.Read("y", "y", strings.NewReader("#tax_id\tGeneID\tSymbol\tSynonyms\n559292\t850289\tCDC28\t-\n")); err != nil {
		t.Fatal(err)
	}
	if f, err := b.Build(); err != nil || f.Lexicons[0].Organism != "Saccharomyces cerevisiae S288C" {
		t.Fatalf("%v %+v", err, f)
	}
}

func TestEncodeDecode(t *testing.T) {
	f, _ := build(t, "Drosophila_melanogaster.gene_info", "Mus_musculus.gene_info", "hgnc_complete_set.txt")
	for _, compress := range []bool{false, true} {
		data, err := f.Encode(compress)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := f.Encode(compress)
		if !bytes.Equal(data, again) {
			t.Errorf("compress=%v: encoding is not deterministic", compress)
		}
		g, err := Decode(data)
		if err != nil {
			t.Fatalf("compress=%v: %v", compress, err)
		}
		if len(g.Lexicons) != 3 || !cmp.Equal(g.Sources, f.Sources) {
			t.Fatalf("compress=%v: %d lexicons, sources %+v", compress, len(g.Lexicons), g.Sources)
		}
		for i, l := range g.Lexicons {
			if !cmp.Equal(symbols(l), symbols(f.Lexicons[i])) || l.Organism != f.Lexicons[i].Organism {
				t.Errorf("lexicon %d differs after the round trip", i)
			}
		}
	}
}

func TestDecodeRejectsDamage(t *testing.T) {
	f, _ := build(t, "hgnc_complete_set.txt")
	data, _ := f.Encode(false)
	flipped := bytes.Clone(data)
	flipped[len(flipped)/2] ^= 0x40
	future := bytes.Clone(data)
	future[len(Magic)] = Version + 1
	for name, d := range map[string][]byte{
		"empty":     nil,
		"truncated": data[:len(data)-10],
		"flipped":   flipped,
		"version":   future,
		"text":      []byte("#tax_id\tGeneID\tSymbol\n"),
		"bad gzip":  {0x1f, 0x8b, 0, 0},
	} {
		if _, err := Decode(d); !errors.Is(err, ErrFormat) && (name != "bad gzip" || err == nil) {
			t.Errorf("%s: err %v; want ErrFormat", name, err)
		}
	}
}

func TestClosest(t *testing.T) {
	f, _ := build(t, "hgnc_complete_set.txt")
	l := only(t, f)
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Stat3", []string{"STAT3"}},     // case
		{"STAT-3", []string{"STAT3"}},    // punctuation
		{"Il6", []string{"IL6"}},         // case of a symbol
		{"il-6", []string{"IL6"}},        // folds to the synonym IL-6's key
		{"STAT3X", []string{"STAT3"}},    // one insertion
		{"SETPIN9", []string{"SEPTIN9"}}, // one transposition
		{"TP5", nil},                     // too short for edits
		{"STAT3", nil},                   // itself is never suggested
		{"XYZ99", nil},
	} {
		if got := l.Closest(tc.in, 3); !cmp.Equal(got, tc.want) {
			t.Errorf("Closest(%q) = %v; want %v", tc.in, got, tc.want)
		}
	}
}

func TestSet(t *testing.T) {
	fly, _ := build(t, "Drosophila_melanogaster.gene_info")
	table, _ := build(t, "PMC10017456__fpls-14-1084358-g002-genes.tsv")
	s := NewSet(table).With(fly)
	if l := s.Find("Drosophila melanogaster"); l == nil || !l.IsSymbol("Andorra") || l.IsSymbol("Rnmt") {
		t.Error("the later file's fly lexicon must replace the earlier one")
	}
	if l := s.Find("Homo sapiens"); l == nil || !l.IsSymbol("RNMT") {
		t.Error("the earlier file's human lexicon must stay")
	}
	yeast := &File{Lexicons: []*Lexicon{{TaxID: 559292, Organism: "Saccharomyces cerevisiae S288C"}}}
	s = NewSet(yeast)
	for _, name := range []string{"Saccharomyces cerevisiae S288C", "Saccharomyces cerevisiae", "Saccharomyces cerevisiae BY4741"} {
		if s.Find(name) == nil {
			t.Errorf("Find(%q) = nil", name)
		}
	}
	if s.Find("Saccharomyces") != nil || s.Find("prion") != nil {
		t.Error("a genus alone or a non-binomial name must find nothing")
	}
	boom := errors.New("boom")
	lazy := Lazy(func() (*File, error) { return nil, boom })
	if lazy.Find("Homo sapiens") != nil || !errors.Is(lazy.With(fly).Err(), boom) {
		t.Error("a failed lazy load must leave the set empty and say why")
	}
}

func TestLoadFile(t *testing.T) {
	f, _ := build(t, "Mus_musculus.gene_info")
	data, _ := f.Encode(true)
	path := filepath.Join(t.TempDir(), "mm.lex.gz")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := Load(path)
	if err != nil || !only(t, g).IsSymbol("Stat3") {
		t.Fatalf("Load: %v", err)
	}
}

// FuzzDecode: decoding and looking up in arbitrary bytes never panics. The
// checksum is recomputed, so that the fuzzer reaches the parser.
func FuzzDecode(f *testing.F) {
	b := NewBuilder()
	text := "#tax_id\tGeneID\tSymbol\tSynonyms\n9606\t1\tA1BG\tA1B|ABG\n9606\t2\tA2M\tA2MD\n"
	if _, err := b.Read("seed", "seed", strings.NewReader(text)); err != nil {
		f.Fatal(err)
	}
	b.SetOrganism(9606, "Homo sapiens")
	lf, err := b.Build()
	if err != nil {
		f.Fatal(err)
	}
	data, _ := lf.Encode(false)
	f.Add(data)
	f.Add([]byte(Magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > len(Magic)+4 && string(data[:len(Magic)]) == Magic {
			body := data[:len(data)-4]
			data = binary.LittleEndian.AppendUint32(bytes.Clone(body), crc32.ChecksumIEEE(body))
		}
		g, err := Decode(data)
		if err != nil {
			return
		}
		for _, l := range g.Lexicons {
			l.IsSymbol("A1BG")
			l.SynonymOf("ABG")
			l.Closest("a1bg", 3)
			l.Counts()
		}
	})
}
