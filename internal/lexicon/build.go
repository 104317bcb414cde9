package lexicon

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/figlint/figlint/internal/safeio"
)

// Problem is a line of an input that could not be used. Reading goes on
// after it.
type Problem struct {
	File    string
	Line    int
	Message string
}

// String renders the problem as "file:line: message".
func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message) }

// maxProblems is how many problems are kept per input; the rest are
// counted in a last one.
const maxProblems = 50

// strainNames are the organism names NCBI Gene gives to the strain taxa
// of its per-species gene_info files that PFOCR uses, which common
// organism lists lack.
var strainNames = map[int]string{
	559292: "Saccharomyces cerevisiae S288C",
	511145: "Escherichia coli str. K-12 substr. MG1655",
	208964: "Pseudomonas aeruginosa PAO1",
}

// Builder collects symbols from inputs and encodes them as a compiled
// lexicon. The zero value is not usable: call NewBuilder.
type Builder struct {
	// TaxonName, when set, names taxa that the inputs give no name for
	// (gene_info files carry only a TaxID); it returns "" when it does not
	// know the taxon.
	TaxonName func(taxid int) string

	names   map[int]string
	sources []Source
	taxa    map[int]*taxonData
}

type taxonData struct {
	organism string
	symbols  map[string]map[int]bool    // official symbol -> GeneIDs
	synonyms map[string]map[string]bool // synonym -> official symbols
	sources  map[int]bool
}

// NewBuilder returns an empty builder.
func NewBuilder() *Builder {
	return &Builder{names: map[int]string{}, taxa: map[int]*taxonData{}}
}

// SetOrganism names a taxon, overriding any name the inputs give.
func (b *Builder) SetOrganism(taxid int, name string) { b.names[taxid] = name }

// ReadFile reads one input file, plain or gzip-compressed; see Read.
func (b *Builder) ReadFile(path string) ([]Problem, error) {
	f, _, err := safeio.Open(path)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	defer func() { _ = f.Close() }() // read-only: a close error loses nothing
	return b.Read(filepath.Base(path), path, f)
}

// Read reads one input: an NCBI gene_info file (header "#tax_id GeneID
// Symbol …", or the older "#Format: tax_id GeneID …" line), HGNC's complete
// set (header "hgnc_id symbol name …") or a PFOCR genes table (header
// "organism_id organism_name …"), recognised by its first line and
// decompressed when it is gzip data. name is recorded as the source's
// name and shown names problems. Lines that cannot be used are returned as
// problems, with their line numbers; the error is for input that cannot
// be read at all.
func (b *Builder) Read(name, shown string, r io.Reader) ([]Problem, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %s: %w", shown, err)
		}
		defer func() { _ = zr.Close() }() // checksum errors surface from Read
		br = bufio.NewReaderSize(zr, 1<<16)
	}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 0, 1<<16), 64<<20)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("lexicon: %s: %w", shown, err)
		}
		return nil, fmt.Errorf("lexicon: %s is empty; expected a gene_info file, HGNC's complete set or a genes table", shown)
	}
	header := strings.TrimPrefix(strings.TrimSuffix(sc.Text(), "\r"), "\uFEFF")
	in := &input{b: b, shown: shown, src: Source{Name: name}}
	var row func(fields []string)
	switch {
	case strings.HasPrefix(header, "#tax_id\t"), strings.HasPrefix(header, "#Format: tax_id "):
		in.src.Format = "gene_info"
		row = in.geneInfo(header)
	case strings.HasPrefix(header, "hgnc_id\t"):
		in.src.Format = "hgnc"
		row = in.hgnc(header)
	case strings.HasPrefix(header, "organism_id\t"):
		in.src.Format = "genes-table"
		row = in.genesTable(header)
	default:
		return nil, fmt.Errorf("lexicon: %s: first line is %q; expected the header of an NCBI gene_info file (#tax_id GeneID Symbol …), HGNC's complete set (hgnc_id symbol …) or a genes table (organism_id organism_name …)", shown, truncate(header, 60))
	}
	if in.err != nil {
		return nil, in.err
	}
	for in.line = 2; sc.Scan(); in.line++ {
		text := strings.TrimSuffix(sc.Text(), "\r")
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		row(strings.Split(text, "\t"))
	}
	if err := sc.Err(); err != nil {
		return in.problems, fmt.Errorf("lexicon: %s: line %d: %w", shown, in.line, err)
	}
	if in.dropped > 0 {
		in.problems = append(in.problems, Problem{File: shown, Line: in.line - 1,
			Message: fmt.Sprintf("%d more problems not shown", in.dropped)})
	}
	in.finish()
	return in.problems, nil
}

// input is the reading of one file.
type input struct {
	b        *Builder
	shown    string
	src      Source
	line     int
	problems []Problem
	dropped  int
	err      error
	index    int // the source's index, once it has a row
}

func (in *input) problem(format string, args ...any) {
	if len(in.problems) >= maxProblems {
		in.dropped++
		return
	}
	in.problems = append(in.problems, Problem{File: in.shown, Line: in.line, Message: fmt.Sprintf(format, args...)})
}

// column returns the index of a header column ("#" prefixes ignored), or
// -1.
func column(header []string, name string) int {
	for i, h := range header {
		if strings.TrimPrefix(h, "#") == name {
			return i
		}
	}
	return -1
}

// columns finds the named columns in a header, setting in.err when one is
// missing.
func (in *input) columns(header []string, names ...string) []int {
	out := make([]int, len(names))
	for i, n := range names {
		if out[i] = column(header, n); out[i] < 0 {
			in.err = fmt.Errorf("lexicon: %s: header lacks the column %q", in.shown, n)
			return nil
		}
	}
	return out
}

// date notes a modification date (YYYYMMDD or YYYY-MM-DD).
func (in *input) date(s string) {
	s = strings.ReplaceAll(s, "-", "")
	if len(s) != 8 || !digits(s) {
		return
	}
	if d := s[:4] + "-" + s[4:6] + "-" + s[6:]; d > in.src.Date {
		in.src.Date = d
	}
}

// taxon returns the data of a taxon, registering the source with it.
func (in *input) taxon(taxid int, organism string) *taxonData {
	b := in.b
	if in.index == 0 {
		b.sources = append(b.sources, in.src)
		in.index = len(b.sources)
	}
	t := b.taxa[taxid]
	if t == nil {
		t = &taxonData{symbols: map[string]map[int]bool{}, synonyms: map[string]map[string]bool{}, sources: map[int]bool{}}
		b.taxa[taxid] = t
	}
	if t.organism == "" {
		t.organism = organism
	}
	t.sources[in.index-1] = true
	return t
}

// finish records the source's final date.
func (in *input) finish() {
	if in.index > 0 {
		in.b.sources[in.index-1] = in.src
	}
}

func (t *taxonData) addSymbol(symbol string, geneID int) {
	ids := t.symbols[symbol]
	if ids == nil {
		ids = map[int]bool{}
		t.symbols[symbol] = ids
	}
	if geneID >= 0 {
		ids[geneID] = true
	}
}

func (t *taxonData) addSynonym(synonym, symbol string) {
	if synonym == "" || synonym == symbol {
		return
	}
	s := t.synonyms[synonym]
	if s == nil {
		s = map[string]bool{}
		t.synonyms[synonym] = s
	}
	s[symbol] = true
}

// geneInfo returns the row reader of an NCBI gene_info file.
func (in *input) geneInfo(header string) func([]string) {
	var names []string
	if rest, ok := strings.CutPrefix(header, "#Format: "); ok {
		rest, _, _ = strings.Cut(rest, " (")
		names = strings.Fields(rest)
	} else {
		names = strings.Split(header, "\t")
	}
	cols := in.columns(names, "tax_id", "GeneID", "Symbol", "Synonyms")
	if cols == nil {
		return nil
	}
	dateCol := column(names, "Modification_date")
	tax, gid, sym, syn := cols[0], cols[1], cols[2], cols[3]
	return func(f []string) {
		if len(f) != len(names) {
			in.problem("row has %d fields; expected %d, one per header column", len(f), len(names))
			return
		}
		taxid, err1 := strconv.Atoi(f[tax])
		geneID, err2 := strconv.Atoi(f[gid])
		switch {
		case err1 != nil || taxid <= 0:
			in.problem("tax_id is %q; expected a number", truncate(f[tax], 40))
			return
		case err2 != nil || geneID <= 0:
			in.problem("GeneID is %q; expected a number", truncate(f[gid], 40))
			return
		case f[sym] == "" || f[sym] == "-":
			in.problem("GeneID %d has no Symbol", geneID)
			return
		case f[sym] == "NEWENTRY":
			return // NCBI's placeholder record, not a gene
		}
		t := in.taxon(taxid, "")
		t.addSymbol(f[sym], geneID)
		if f[syn] != "-" {
			for _, s := range strings.Split(f[syn], "|") {
				t.addSynonym(s, f[sym])
			}
		}
		if dateCol >= 0 {
			in.date(f[dateCol])
		}
	}
}

// hgnc returns the row reader of HGNC's complete set (hgnc_complete_set.txt):
// approved symbols of Homo sapiens, their alias and previous symbols
// ("|"-separated, possibly in double quotes) and Entrez IDs.
func (in *input) hgnc(header string) func([]string) {
	names := strings.Split(header, "\t")
	cols := in.columns(names, "symbol", "alias_symbol", "prev_symbol", "entrez_id")
	if cols == nil {
		return nil
	}
	statusCol, dateCol := column(names, "status"), column(names, "date_modified")
	sym, alias, prev, entrez := cols[0], cols[1], cols[2], cols[3]
	return func(f []string) {
		if len(f) != len(names) {
			in.problem("row has %d fields; expected %d, one per header column", len(f), len(names))
			return
		}
		if statusCol >= 0 && f[statusCol] != "" && f[statusCol] != "Approved" {
			return // withdrawn entries are not symbols
		}
		symbol := unquote(f[sym])
		if symbol == "" {
			in.problem("row has no symbol")
			return
		}
		geneID := -1
		if e := unquote(f[entrez]); e != "" {
			n, err := strconv.Atoi(e)
			if err != nil || n <= 0 {
				in.problem("entrez_id is %q; expected a number or nothing", truncate(e, 40))
				return
			}
			geneID = n
		}
		t := in.taxon(9606, "Homo sapiens")
		t.addSymbol(symbol, geneID)
		for _, c := range []int{alias, prev} {
			if v := unquote(f[c]); v != "" {
				for _, s := range strings.Split(v, "|") {
					t.addSynonym(strings.TrimSpace(s), symbol)
				}
			}
		}
		if dateCol >= 0 {
			in.date(f[dateCol])
		}
	}
}

// genesTable returns the row reader of a PFOCR genes table: official
// symbols (ncbigene_symbol) and GeneIDs per organism. The table's match
// column is normalised OCR text, not a synonym as NCBI spells it, so it is
// not used.
func (in *input) genesTable(header string) func([]string) {
	names := strings.Split(header, "\t")
	cols := in.columns(names, "organism_id", "organism_name", "ncbigene_symbol", "ncbigene_id")
	if cols == nil {
		return nil
	}
	tax, org, sym, gid := cols[0], cols[1], cols[2], cols[3]
	return func(f []string) {
		if len(f) != len(names) {
			in.problem("row has %d fields; expected %d, one per header column", len(f), len(names))
			return
		}
		taxid, err := strconv.Atoi(f[tax])
		if err != nil || taxid <= 0 {
			in.problem("organism_id is %q; expected a number", truncate(f[tax], 40))
			return
		}
		if f[sym] == "" || f[sym] == "NA" {
			return // no symbol: the pipeline's NA
		}
		geneID := -1
		if f[gid] != "NA" && f[gid] != "" {
			n, err := strconv.Atoi(f[gid])
			if err != nil || n <= 0 {
				in.problem("ncbigene_id is %q; expected a number or NA", truncate(f[gid], 40))
				return
			}
			geneID = n
		}
		in.taxon(taxid, f[org]).addSymbol(f[sym], geneID)
	}
}

// Taxa returns the TaxIDs read so far, ascending.
func (b *Builder) Taxa() []int {
	ids := make([]int, 0, len(b.taxa))
	for id := range b.taxa {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	return ids
}

// Organism returns the name a taxon will have in the lexicon: the name
// given with SetOrganism, else the one its inputs give, else NCBI Gene's
// name of a strain taxon, else TaxonName's, else "".
func (b *Builder) Organism(taxid int) string {
	if n := b.names[taxid]; n != "" {
		return n
	}
	if t := b.taxa[taxid]; t != nil && t.organism != "" {
		return t.organism
	}
	if n := strainNames[taxid]; n != "" {
		return n
	}
	if b.TaxonName != nil {
		return b.TaxonName(taxid)
	}
	return ""
}

// ErrUnnamed is wrapped by Build's error when a taxon has no organism name.
var ErrUnnamed = errors.New("taxon without an organism name")

// Build returns the lexicon file of everything read. Every taxon needs an
// organism name (see Organism), since pages name organisms, not TaxIDs.
// Synonyms that are official symbols of the same taxon are dropped: the
// symbol reading wins.
func (b *Builder) Build() (*File, error) {
	f := &File{Version: Version, Sources: append([]Source(nil), b.sources...)}
	for _, id := range b.Taxa() {
		t := b.taxa[id]
		name := b.Organism(id)
		if name == "" {
			return nil, fmt.Errorf("lexicon: taxon %d: %w; name it (figlint lexicon build --organism %d=NAME)", id, ErrUnnamed, id)
		}
		l := newLexicon(id, name)
		for i := range b.sources {
			if t.sources[i] {
				l.Sources = append(l.Sources, b.sources[i])
			}
		}
		syms := make([]string, 0, len(t.symbols))
		for s := range t.symbols {
			syms = append(syms, s)
		}
		sort.Strings(syms)
		symIndex := make(map[string]int, len(syms))
		entries := make([]tableEntry, len(syms))
		folds := map[string][]int{}
		for i, s := range syms {
			symIndex[s] = i
			entries[i] = tableEntry{key: s, vals: sortedInts(t.symbols[s])}
			if k := Fold(s); k != "" && k != s {
				folds[k] = append(folds[k], 2*i)
			}
		}
		l.symbols = encodeTable(entries)
		syns := make([]string, 0, len(t.synonyms))
		for s := range t.synonyms {
			if _, official := t.symbols[s]; !official {
				syns = append(syns, s)
			}
		}
		sort.Strings(syns)
		entries = make([]tableEntry, len(syns))
		for i, s := range syns {
			var targets []int
			for sym := range t.synonyms[s] {
				targets = append(targets, symIndex[sym])
			}
			sort.Ints(targets)
			entries[i] = tableEntry{key: s, vals: targets}
			if k := Fold(s); k != "" && k != s {
				folds[k] = append(folds[k], 2*i+1)
			}
		}
		l.synonyms = encodeTable(entries)
		keys := make([]string, 0, len(folds))
		for k := range folds {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		entries = make([]tableEntry, len(keys))
		for i, k := range keys {
			refs := folds[k]
			sort.Ints(refs)
			entries[i] = tableEntry{key: k, vals: refs}
		}
		l.folds = encodeTable(entries)
		f.Lexicons = append(f.Lexicons, l)
	}
	// Round-trip so that the returned file is exactly what Decode gives.
	return Decode(f.encode())
}

func sortedInts(m map[int]bool) []int {
	out := make([]int, 0, len(m))
	for v := range m {
		out = append(out, v)
	}
	sort.Ints(out)
	return out
}

func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	return s
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
