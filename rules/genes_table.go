package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"
)

const genesTableID = "genes-table"

// GenesTable checks a page against its companion tables in _data.
var GenesTable = Rule{
	Meta: Meta{
		ID:       genesTableID,
		Severity: SeverityWarning,
		Summary:  "organisms_ner and schema-jsonld.keywords must agree with the page's genes table",
		Doc: "A page's gene list is derived from its table `_data/<figid>-genes.tsv` (found in " +
			"`../_data` beside the page's folder, or in `--data-dir`): `organisms_ner` is the " +
			"table's distinct `organism_name` values in row order, and `schema-jsonld.keywords` " +
			"are its distinct `ncbigene_symbol` values in row order, followed by the distinct " +
			"words of `<figid>-chemicals.tsv` (and, on older pages, possibly of " +
			"`<figid>-diseases.tsv`). Each organism or keyword that the table has and the page " +
			"lacks is reported at the list's key; each that the page has and the tables lack, at " +
			"its item. Keywords after the gene symbols are checked only when a chemicals or " +
			"diseases table exists. A table whose symbol is `NA` stands for the `.na.character` " +
			"keyword that `missing-value` reports. A malformed table (wrong header, wrong number " +
			"of fields, a non-numeric ID) is an error at the table's own line and column. A " +
			"current-generation page whose `organisms_ner` names organisms but that has no " +
			"genes table gets a note.",
		Bad: "# _data/PMC1__f1-genes.tsv has rows for STAT3 and IL6 (Homo sapiens)\n" +
			"organisms_ner:\n- Homo sapiens\nschema-jsonld:\n  keywords:\n  - STAT3\n  - JAK2\n",
		Good: "organisms_ner:\n- Homo sapiens\nschema-jsonld:\n  keywords:\n  - STAT3\n  - IL6\n",
	},
	Run: runGenesTable,
}

// genesColumns are the columns of a genes table that the rules read. The
// table is read by header name: the current generation writes 11 columns
// (organism_id organism_name organism_group word match ncbigene_symbol
// ncbigene_id source count_direct count_synonym count_match), an earlier
// one 10 (no count_synonym), and a column no rule reads may be absent.
var genesColumns = []string{"organism_name", "ncbigene_symbol"}

// tsvTable is a parsed companion table.
type tsvTable struct {
	path   string
	header []string
	rows   [][]string
}

// column returns the index of a header name, or -1.
func (t *tsvTable) column(name string) int {
	for i, h := range t.header {
		if h == name {
			return i
		}
	}
	return -1
}

func runGenesTable(p *Pass) {
	figid, _, ok := p.Scalar("/figid")
	if !ok || figid == "" {
		figid = strings.TrimSuffix(path.Base(p.Doc.Path), path.Ext(p.Doc.Path))
	}
	if strings.ContainsAny(figid, `/\`) {
		return // not a figid (the schema reports it); never read another file
	}
	ner, isList := p.Items("/organisms_ner")
	if !isList {
		return // absent or legacy: the schema and legacy-format report it
	}
	ner = slices.DeleteFunc(ner, func(it Item) bool { return it.Null || it.Text == "NA" })
	genes, found := readTable(p, figid+"-genes.tsv", genesColumns)
	if !found {
		if len(ner) > 0 {
			p.Report(Finding{Rule: genesTableID, Severity: SeverityNote, Range: p.Doc.NodeRange(p.Key("/organisms_ner")),
				Pointer: "/organisms_ner",
				Message: fmt.Sprintf("no genes table %q for this page; expected one, since organisms_ner names %q", figid+"-genes.tsv", ner[0].Text)})
		}
		genes = nil
	}
	var organisms, symbols []string
	if genes != nil {
		org, sym := genes.column("organism_name"), genes.column("ncbigene_symbol")
		seen := make(map[string]bool, len(genes.rows))
		for _, r := range genes.rows {
			organisms = appendDistinct(organisms, r[org]) // a few organisms
			if r[sym] != "NA" && !seen[r[sym]] {
				seen[r[sym]] = true
				symbols = append(symbols, r[sym])
			}
		}
		compareOrganisms(p, ner, organisms, genes.path)
	}
	// Chemical words must follow the gene symbols; disease words may (the
	// pipeline added them on older pages only).
	var chemicals, diseases []string
	checkWords := false
	for _, kind := range []string{"chemicals", "diseases"} {
		t, ok := readTable(p, figid+"-"+kind+".tsv", []string{"word"})
		if !ok || t == nil {
			continue
		}
		checkWords = true
		w := t.column("word")
		words := &chemicals
		if kind == "diseases" {
			words = &diseases
		}
		seen := make(map[string]bool, len(t.rows))
		for _, r := range t.rows {
			if !seen[r[w]] {
				seen[r[w]] = true
				*words = append(*words, r[w])
			}
		}
	}
	if genes == nil && !checkWords {
		return
	}
	compareKeywords(p, symbols, chemicals, diseases, checkWords, genes != nil)
}

// compareOrganisms reports organisms the table has and the page lacks (at
// the key), those the page has and the table lacks (at the item), and a
// different order (a note).
func compareOrganisms(p *Pass, ner []Item, table []string, tablePath string) {
	onPage := make([]string, len(ner))
	for i, it := range ner {
		onPage[i] = it.Text
	}
	for _, name := range table {
		if !slices.Contains(onPage, name) {
			p.ReportNode(genesTableID, p.Key("/organisms_ner"), "/organisms_ner",
				"organisms_ner lacks %q, which the genes table %s names; expected the table's distinct organism_name values", name, tablePath)
		}
	}
	for _, it := range ner {
		if !slices.Contains(table, it.Text) {
			p.ReportNode(genesTableID, it.Node, it.Pointer,
				"organisms_ner names %q, which the genes table %s does not; expected only the table's organisms", it.Text, tablePath)
		}
	}
	if !slices.Equal(table, onPage) && sameElements(table, onPage) {
		p.Report(Finding{Rule: genesTableID, Severity: SeverityNote, Range: p.Doc.NodeRange(p.Key("/organisms_ner")), Pointer: "/organisms_ner",
			Message: fmt.Sprintf("organisms_ner lists the table's organisms in another order; expected the table's order %q", table)})
	}
}

// sameElements tells whether a and b hold the same distinct strings.
func sameElements(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(slices.Compact(x), slices.Compact(y))
}

// compareKeywords checks schema-jsonld.keywords against the genes table's
// symbols and, when a chemicals or diseases table exists, their words.
func compareKeywords(p *Pass, symbols, chemicals, diseases []string, checkWords, haveGenes bool) {
	items, isList := p.sharedItems("/schema-jsonld/keywords")
	if !isList {
		return
	}
	kw := make([]string, 0, len(items))
	inKW := make(map[string]bool, len(items))
	for _, it := range items {
		kw = append(kw, it.Text)
		inKW[it.Text] = true
	}
	// Sets, not slices.Contains: a page lists up to hundreds of symbols.
	set := func(list []string) map[string]bool {
		m := make(map[string]bool, len(list))
		for _, s := range list {
			m[s] = true
		}
		return m
	}
	isSymbol, isChemical, isDisease := set(symbols), set(chemicals), set(diseases)
	for _, s := range symbols {
		if !inKW[s] {
			p.ReportNode(genesTableID, p.Key("/schema-jsonld/keywords"), "/schema-jsonld/keywords",
				"keywords lack %q, a gene symbol of the genes table; expected every distinct ncbigene_symbol", s)
		}
	}
	for _, w := range chemicals {
		if !inKW[w] {
			p.ReportNode(genesTableID, p.Key("/schema-jsonld/keywords"), "/schema-jsonld/keywords",
				"keywords lack %q, a word of the chemicals table; expected every distinct chemical word after the gene symbols", w)
		}
	}
	// The gene part ends at the last keyword that is a table symbol; words
	// after it are chemical or disease words. Without their tables they
	// cannot be checked: a note says so once per word.
	last := -1
	var pageSymbols []string
	onPage := make(map[string]bool, len(symbols))
	for i, k := range kw {
		if isSymbol[k] {
			last = i
			if !onPage[k] {
				onPage[k] = true
				pageSymbols = append(pageSymbols, k)
			}
		}
	}
	for i, it := range items {
		k := it.Text
		if isSymbol[k] || isChemical[k] || isDisease[k] || isRMissing(k) {
			continue
		}
		switch {
		case i > last && !checkWords:
			p.Report(Finding{Rule: genesTableID, Severity: SeverityNote, Range: p.Doc.NodeRange(it.Node), Pointer: it.Pointer,
				Message: fmt.Sprintf("keyword %q follows the gene symbols, but this page has no chemicals or diseases table to check it against; expected such words to come from those tables", k)})
		case !haveGenes:
			p.ReportNode(genesTableID, it.Node, it.Pointer, "keyword %q is in neither the chemicals nor the diseases table; expected only their words", k)
		case checkWords:
			p.ReportNode(genesTableID, it.Node, it.Pointer, "keyword %q is in none of the genes, chemicals and diseases tables; expected only their symbols and words", k)
		default:
			p.ReportNode(genesTableID, it.Node, it.Pointer, "keyword %q is not a symbol of the genes table; expected only its ncbigene_symbol values before the chemical and disease words", k)
		}
	}
	if !slices.Equal(pageSymbols, symbols) && sameElements(pageSymbols, symbols) {
		p.Report(Finding{Rule: genesTableID, Severity: SeverityNote, Range: p.Doc.NodeRange(p.Key("/schema-jsonld/keywords")), Pointer: "/schema-jsonld/keywords",
			Message: "keywords list the gene symbols in another order than the genes table; expected the table's row order"})
	}
}

// readTable reads and checks a companion table. found is false when the
// file does not exist. Malformed tables are reported (at their own lines)
// and returned as nil; a header that lacks one of the want columns is
// malformed, other columns may come and go with the generation.
//
// Several rules read the same tables of a page (genes-table, the keyword
// rules), so the reading is done once per page and its findings are
// replayed to each pass that asks.
func readTable(p *Pass, name string, want []string) (t *tsvTable, found bool) {
	key := tableReadKey{name: name, want: strings.Join(want, "\t")}
	r := p.Doc.Memo(key, func() any {
		var r tableRead
		collect := NewPass(p.Doc, func(f Finding) { r.findings = append(r.findings, f) }, p.companions)
		r.table, r.found = parseTable(collect, name, want)
		return &r
	}).(*tableRead)
	for _, f := range r.findings {
		p.Report(f)
	}
	return r.table, r.found
}

// tableReadKey is the Document.Memo key of one reading of a table.
type tableReadKey struct {
	name, want string
}

// tableRead is a table as read, with the findings the reading made.
type tableRead struct {
	table    *tsvTable
	found    bool
	findings []Finding
}

// parseTable is readTable without the memo.
func parseTable(p *Pass, name string, want []string) (t *tsvTable, found bool) {
	shown, data, err := p.Companion(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false
		}
		p.Report(Finding{Rule: genesTableID, Severity: SeverityError, Path: shown,
			Range:   Range{Start: Position{Line: 1, Column: 1}, End: Position{Line: 1, Column: 1}},
			Message: fmt.Sprintf("cannot read the table (%v); expected a readable file", err)})
		return nil, true
	}
	bad := func(line, col, endCol int, format string, args ...any) {
		p.Report(Finding{Rule: genesTableID, Severity: SeverityError, Path: shown,
			Range:   Range{Start: Position{Line: line, Column: col}, End: Position{Line: line, Column: endCol}},
			Message: fmt.Sprintf(format, args...)})
	}
	if !utf8.Valid(data) {
		bad(1, 1, 1, "table is not UTF-8 text; expected a UTF-8 tab-separated table")
		return nil, true
	}
	lines := strings.Split(strings.TrimSuffix(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n"), "\n")
	t = &tsvTable{path: shown, header: strings.Split(lines[0], "\t")}
	ok := true
	if missing := missingColumns(t.header, want); len(missing) > 0 {
		bad(1, 1, 1+utf8.RuneCountInString(lines[0]), "table header is %q, without the column%s %s; expected a header naming the columns %s",
			lines[0], plural(len(missing)), quoteList(missing, len(missing)), quoteList(want, len(want)))
		return nil, true
	}
	idCols := map[int]string{}
	for _, c := range []string{"organism_id", "ncbigene_id"} {
		if i := t.column(c); i >= 0 {
			idCols[i] = c
		}
	}
	// Count cells that are not numbers: one note per table, at the first.
	// Not fatal: the counts do not feed the page.
	var firstBad Finding
	badCounts := 0
	defer func() {
		if badCounts > 0 {
			firstBad.Message += fmt.Sprintf(" (%d such count cells in the table); expected counts (0 when there is none)", badCounts)
			p.Report(firstBad)
		}
	}()
	countCols := map[int]string{}
	for _, c := range []string{"count_direct", "count_synonym", "count_match"} {
		if i := t.column(c); i >= 0 {
			countCols[i] = c
		}
	}
	for n, line := range lines[1:] {
		lineNo := n + 2
		if line == "" {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != len(t.header) {
			bad(lineNo, 1, 1+utf8.RuneCountInString(line), "row has %d fields; expected %d, one per header column", len(fields), len(t.header))
			ok = false
			continue
		}
		col := 1
		for i, f := range fields {
			width := utf8.RuneCountInString(f)
			if name, isID := idCols[i]; isID && f != "NA" && !isDigits(f) {
				bad(lineNo, col, col+width, "%s is %q; expected a numeric NCBI identifier", name, f)
				ok = false
			}
			if name, isCount := countCols[i]; isCount && !isDigits(f) {
				if badCounts == 0 {
					firstBad = Finding{Rule: genesTableID, Severity: SeverityNote, Path: shown,
						Range:   Range{Start: Position{Line: lineNo, Column: col}, End: Position{Line: lineNo, Column: col + width}},
						Message: fmt.Sprintf("%s is %q", name, f)}
				}
				badCounts++
			}
			col += width + 1
		}
		t.rows = append(t.rows, fields)
	}
	if !ok {
		return nil, true
	}
	return t, true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func appendDistinct(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// missingColumns returns the columns of want that have lacks.
func missingColumns(have, want []string) []string {
	var missing []string
	for _, w := range want {
		if !slices.Contains(have, w) {
			missing = append(missing, w)
		}
	}
	return missing
}
