package rules

import (
	"encoding/json"
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
		ID:        genesTableID,
		Severity:  SeverityWarning,
		Since:     "0.1.0",
		Precision: PrecisionMedium,
		Summary:   "organisms_ner and schema-jsonld.keywords must agree with the page's genes table",
		Doc: "A page's gene list is derived from its table `_data/<figid>-genes.tsv` (found in " +
			"`../_data` beside the page's folder, or in `--data-dir`): `organisms_ner` is the " +
			"table's distinct `organism_name` values in row order, and `schema-jsonld.keywords` " +
			"are its distinct `ncbigene_symbol` values in row order, followed by the distinct " +
			"words of `<figid>-chemicals.tsv` (and, on older pages, possibly of " +
			"`<figid>-diseases.tsv`). Each organism or keyword that the table has and the page " +
			"lacks is reported at the list's key; each that the page has and the tables lack, at " +
			"its item. Keywords after the gene symbols are checked only when a chemicals or " +
			"diseases table exists. A table whose symbol is `NA` stands for the `.na.character` " +
			"keyword that `missing-value` reports. One cause, one finding: the values the page lacks " +
			"are one finding at the list's key, naming them all, with each one's table row as a " +
			"related location; the keywords that disagree with the tables in one way are one finding " +
			"at the first of them, with the others as related locations. Tables are read by header " +
			"name, so every generation's column set is accepted (11 columns today; 10, without " +
			"`count_synonym`, earlier); a header is malformed only when it lacks a column the rules " +
			"read (`organism_name` and `ncbigene_symbol`; `word` in the chemicals and diseases " +
			"tables). A malformed table (such a header, a row with the wrong number of fields, a " +
			"non-numeric ID) is an error at the table's own line and column; count cells that are " +
			"neither numbers nor `NA` (R's \"no count of this kind\") are one note per table. A " +
			"current-generation page whose `organisms_ner` names organisms but that has no " +
			"genes table gets a note, reported after the pages (the collection phase): when at " +
			"least 10 such pages, and half of the pages that name organisms, lack their table, the " +
			"data folder is partial (a sample, a sparse checkout), which is one note at the first " +
			"page with the others as related locations.",
		Bad: "# _data/PMC1__f1-genes.tsv has rows for STAT3 and IL6 (Homo sapiens)\n" +
			"organisms_ner:\n- Homo sapiens\nschema-jsonld:\n  keywords:\n  - STAT3\n  - JAK2\n",
		Good: "organisms_ner:\n- Homo sapiens\nschema-jsonld:\n  keywords:\n  - STAT3\n  - IL6\n",
	},
	Run:       runGenesTable,
	Summarize: summarizeGenesTable,
	Finish:    finishGenesTable,
}

// tableUse is what the collection phase knows of a page that names
// organisms: whether its genes table is missing, and where to say so.
type tableUse struct {
	Missing  bool   `json:"m,omitempty"`
	Table    string `json:"t,omitempty"`
	Organism string `json:"o,omitempty"`
	Range    Range  `json:"r"`
}

// summarizeGenesTable records, for a page whose organisms_ner names
// organisms, whether its genes table exists.
func summarizeGenesTable(p *Pass) any {
	figid, _, ok := p.Scalar("/figid")
	if !ok || figid == "" {
		figid = strings.TrimSuffix(path.Base(p.Doc.Path), path.Ext(p.Doc.Path))
	}
	if strings.ContainsAny(figid, `/\`) {
		return nil
	}
	ner, isList := p.sharedItems("/organisms_ner")
	if !isList {
		return nil
	}
	named := ""
	for _, it := range ner {
		if !it.Null && it.Text != "NA" {
			named = it.Text
			break
		}
	}
	if named == "" {
		return nil
	}
	_, found := readTable(quietPass(p), figid+"-genes.tsv", genesColumns)
	if found {
		return tableUse{Range: Range{}}
	}
	return tableUse{Missing: true, Table: figid + "-genes.tsv", Organism: named, Range: p.Doc.NodeRange(p.Key("/organisms_ner"))}
}

// partialData is how many pages naming organisms must lack their genes
// table, and what share of them, for the data folder to count as partial.
const (
	partialDataPages = 10
	partialDataShare = 0.5
)

// finishGenesTable reports the pages that name organisms but have no genes
// table. When most of them lack it, the cause is one: the data folder is
// partial (a sample, a sparse checkout, tables not yet generated), and it
// is one note, at the first such page, the others as related locations.
func finishGenesTable(sums []Summary, report func(Diagnostic)) {
	type missing struct {
		path string
		use  tableUse
	}
	var gaps []missing
	named := 0
	for _, s := range sums {
		var u tableUse
		if err := json.Unmarshal(s.Data, &u); err != nil {
			continue
		}
		named++
		if u.Missing {
			gaps = append(gaps, missing{s.Path, u})
		}
	}
	if len(gaps) >= partialDataPages && float64(len(gaps)) >= partialDataShare*float64(named) {
		first := gaps[0]
		related := make([]Related, 0, len(gaps)-1)
		for _, g := range gaps[1:] {
			related = append(related, Related{Path: g.path, Range: g.use.Range, Message: fmt.Sprintf("no %q", g.use.Table)})
		}
		report(Diagnostic{Severity: SeverityNote, Path: first.path, Range: first.use.Range, Pointer: "/organisms_ner",
			Related: related,
			Message: fmt.Sprintf("%d of the %d pages whose organisms_ner names organisms have no genes table (this one lacks %q): the data folder looks partial, a sample or a sparse checkout; expected each such page's table in _data",
				len(gaps), named, first.use.Table)})
		return
	}
	for _, g := range gaps {
		report(Diagnostic{Severity: SeverityNote, Path: g.path, Range: g.use.Range, Pointer: "/organisms_ner",
			Message: fmt.Sprintf("no genes table %q for this page; expected one, since organisms_ner names %q", g.use.Table, g.use.Organism)})
	}
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
	lines  []int // the 1-based line of each row in the file
}

// rowRange is the range of row i's first field of column col (or of the
// whole row when col < 0), for related locations.
func (t *tsvTable) rowRange(i, col int) Range {
	start, width := 1, 0
	for j, f := range t.rows[i] {
		w := utf8.RuneCountInString(f)
		if col < 0 {
			width += w + 1
			continue
		}
		if j == col {
			width = w
			break
		}
		start += w + 1
	}
	if col < 0 {
		width--
	}
	line := t.lines[i]
	return Range{Start: Position{Line: line, Column: start}, End: Position{Line: line, Column: start + width}}
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
		genes = nil // reported by the collection phase (finishGenesTable)
	}
	if genes != nil {
		compareOrganisms(p, ner, genes)
	}
	// Chemical words must follow the gene symbols; disease words may (the
	// pipeline added them on older pages only).
	var words []*tsvTable
	for _, kind := range []string{"chemicals", "diseases"} {
		if t, ok := readTable(p, figid+"-"+kind+".tsv", []string{"word"}); ok && t != nil {
			words = append(words, t)
		}
	}
	if genes == nil && len(words) == 0 {
		return
	}
	// Without a genes table but with organisms named, the table's absence
	// is the one finding: the keywords that are no chemical or disease
	// word are that table's symbols.
	compareKeywords(p, genes, words, genes == nil && len(ner) > 0)
}

// distinct returns the distinct values of column col in row order, each
// with the index of its first row; skip drops a value.
func distinct(t *tsvTable, col int, skip string) (values []string, rows []int) {
	seen := make(map[string]bool, len(t.rows))
	for i, r := range t.rows {
		if v := r[col]; v != skip && !seen[v] {
			seen[v] = true
			values, rows = append(values, v), append(rows, i)
		}
	}
	return values, rows
}

// reportLacking reports, as one finding at the keywords' key, the values
// of a table that the keywords lack, each table row a related location;
// what and whatMany name one value and several.
func reportLacking(p *Pass, what, whatMany string, t *tsvTable, col int, lacking []string, rows []int, expected string) {
	if len(lacking) == 0 {
		return
	}
	related := make([]Related, len(lacking))
	for i, v := range lacking {
		related[i] = Related{Path: t.path, Range: t.rowRange(rows[i], col), Message: fmt.Sprintf("%q is here", v)}
	}
	subject := fmt.Sprintf("%q, a %s", lacking[0], what)
	if len(lacking) > 1 {
		subject = fmt.Sprintf("%d %s (%s)", len(lacking), whatMany, quoteList(lacking, 5))
	}
	p.Report(Diagnostic{Node: p.Key("/schema-jsonld/keywords"), Pointer: "/schema-jsonld/keywords",
		Related: related, Message: fmt.Sprintf("keywords lack %s; expected %s", subject, expected)})
}

// reportItems reports, as one finding at the first of them, keywords that
// disagree with the tables in one way, the others as related locations.
// verbOne and verbMany are the verb's forms for one keyword and several.
func reportItems(p *Pass, items []Item, sev Severity, verbOne, verbMany, what, expected string) {
	if len(items) == 0 {
		return
	}
	texts := make([]string, len(items))
	var related []Related
	for i, it := range items {
		texts[i] = it.Text
		if i > 0 {
			related = append(related, Related{Range: p.Doc.NodeRange(it.Node), Message: fmt.Sprintf("%q is here", it.Text)})
		}
	}
	subject := fmt.Sprintf("keyword %q %s", texts[0], verbOne)
	if len(items) > 1 {
		subject = fmt.Sprintf("%d keywords (%s) %s", len(items), quoteList(texts, 5), verbMany)
	}
	p.Report(Diagnostic{Severity: sev, Node: items[0].Node, Pointer: items[0].Pointer,
		Related: related, Message: fmt.Sprintf("%s %s; expected %s", subject, what, expected)})
}

// compareOrganisms reports organisms the table has and the page lacks (at
// the key), those the page has and the table lacks (at the items), and a
// different order (a note).
func compareOrganisms(p *Pass, ner []Item, genes *tsvTable) {
	table, rows := distinct(genes, genes.column("organism_name"), "")
	onPage := make([]string, len(ner))
	for i, it := range ner {
		onPage[i] = it.Text
	}
	var lacking []string
	var lackingRows []int
	for i, name := range table {
		if !slices.Contains(onPage, name) {
			lacking, lackingRows = append(lacking, name), append(lackingRows, rows[i])
		}
	}
	if len(lacking) > 0 {
		related := make([]Related, len(lacking))
		for i, v := range lacking {
			related[i] = Related{Path: genes.path, Range: genes.rowRange(lackingRows[i], genes.column("organism_name")), Message: fmt.Sprintf("%q is here", v)}
		}
		p.Report(Diagnostic{Node: p.Key("/organisms_ner"), Pointer: "/organisms_ner", Related: related,
			Message: fmt.Sprintf("organisms_ner lacks %s, which the genes table %s names; expected the table's distinct organism_name values", quoteList(lacking, 5), genes.path)})
	}
	var extra []Item
	for _, it := range ner {
		if !slices.Contains(table, it.Text) {
			extra = append(extra, it)
		}
	}
	for _, it := range extra { // a few organisms at most, each its own defect
		p.Report(Diagnostic{Node: it.Node, Pointer: it.Pointer,
			Message: fmt.Sprintf("organisms_ner names %q, which the genes table %s does not; expected only the table's organisms", it.Text, genes.path)})
	}
	if !slices.Equal(table, onPage) && sameElements(table, onPage) {
		p.Report(Diagnostic{Severity: SeverityNote, Node: p.Key("/organisms_ner"), Pointer: "/organisms_ner",
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
// symbols (genes may be nil) and the words of the chemicals and diseases
// tables there are. Each kind of disagreement is one finding, naming every
// keyword or value concerned, with the other places as related locations:
// a table regenerated without its page differs in many values for one
// cause. genesMissing says the absent genes table was reported already.
func compareKeywords(p *Pass, genes *tsvTable, words []*tsvTable, genesMissing bool) {
	items, isList := p.sharedItems("/schema-jsonld/keywords")
	if !isList {
		return
	}
	inKW := make(map[string]bool, len(items))
	for _, it := range items {
		inKW[it.Text] = true
	}
	var symbols []string
	isSymbol := map[string]bool{}
	if genes != nil {
		col := genes.column("ncbigene_symbol")
		var rows []int
		symbols, rows = distinct(genes, col, "NA")
		var lacking []string
		var lackingRows []int
		for i, s := range symbols {
			isSymbol[s] = true
			if !inKW[s] {
				lacking, lackingRows = append(lacking, s), append(lackingRows, rows[i])
			}
		}
		reportLacking(p, "gene symbol of the genes table", "gene symbols of the genes table", genes, col, lacking, lackingRows,
			"every distinct ncbigene_symbol of the genes table")
	}
	isWord := map[string]bool{}
	for _, t := range words {
		col := t.column("word")
		ws, rows := distinct(t, col, "")
		var lacking []string
		var lackingRows []int
		for i, w := range ws {
			isWord[w] = true
			if !inKW[w] && strings.HasSuffix(t.path, "-chemicals.tsv") {
				lacking, lackingRows = append(lacking, w), append(lackingRows, rows[i])
			}
		}
		reportLacking(p, "word of the chemicals table", "words of the chemicals table", t, col, lacking, lackingRows,
			"every distinct chemical word after the gene symbols")
	}
	// The gene part ends at the last keyword that is a table symbol; words
	// after it are chemical or disease words. Without their tables they
	// cannot be checked: one note says so for all of them.
	last := -1
	var pageSymbols []string
	onPage := make(map[string]bool, len(symbols))
	for i, it := range items {
		if isSymbol[it.Text] {
			last = i
			if !onPage[it.Text] {
				onPage[it.Text] = true
				pageSymbols = append(pageSymbols, it.Text)
			}
		}
	}
	var notWords, unknown, notSymbols []Item
	for i, it := range items {
		k := it.Text
		if isSymbol[k] || isWord[k] || isRMissing(k) {
			continue
		}
		switch {
		case i > last && len(words) == 0:
			// Words after the gene symbols on a page without chemicals or
			// diseases tables: nothing to check them against (older pages
			// never had those tables), and saying so is no finding.
		case genes == nil:
			if !genesMissing {
				notWords = append(notWords, it)
			}
		case len(words) > 0:
			unknown = append(unknown, it)
		default:
			notSymbols = append(notSymbols, it)
		}
	}
	reportItems(p, notWords, 0, "is", "are", "in neither the chemicals nor the diseases table", "only their words")
	reportItems(p, unknown, 0, "is", "are", "in none of the genes, chemicals and diseases tables", "only their symbols and words")
	reportItems(p, notSymbols, 0, "is", "are", "not a symbol of the genes table", "only its ncbigene_symbol values before the chemical and disease words")
	if !slices.Equal(pageSymbols, symbols) && sameElements(pageSymbols, symbols) {
		p.Report(Diagnostic{Severity: SeverityNote, Node: p.Key("/schema-jsonld/keywords"), Pointer: "/schema-jsonld/keywords",
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
		collect := &Pass{Doc: p.Doc, collect: func(d Diagnostic) { r.reported = append(r.reported, d) }, companions: p.companions}
		r.table, r.found = parseTable(collect, name, want)
		return &r
	}).(*tableRead)
	for _, d := range r.reported {
		p.Report(d)
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
	reported []Diagnostic
}

// parseTable is readTable without the memo.
func parseTable(p *Pass, name string, want []string) (t *tsvTable, found bool) {
	shown, data, err := p.Companion(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false
		}
		p.Report(Diagnostic{Severity: SeverityError, Path: shown,
			Range:   Range{Start: Position{Line: 1, Column: 1}, End: Position{Line: 1, Column: 1}},
			Message: fmt.Sprintf("cannot read the table (%v); expected a readable file", err)})
		return nil, true
	}
	bad := func(line, col, endCol int, format string, args ...any) {
		p.Report(Diagnostic{Severity: SeverityError, Path: shown,
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
	// Count cells that are neither numbers nor NA: one note per table, at
	// the first. Not fatal: the counts do not feed the page.
	var firstBad Diagnostic
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
			// NA is R's "no count of this kind" (count_synonym on rows
			// that no synonym matched): the pipeline's normal, not a defect.
			if name, isCount := countCols[i]; isCount && !isDigits(f) && f != "NA" {
				if badCounts == 0 {
					firstBad = Diagnostic{Severity: SeverityNote, Path: shown,
						Range:   Range{Start: Position{Line: lineNo, Column: col}, End: Position{Line: lineNo, Column: col + width}},
						Message: fmt.Sprintf("%s is %q", name, f)}
				}
				badCounts++
			}
			col += width + 1
		}
		t.rows = append(t.rows, fields)
		t.lines = append(t.lines, lineNo)
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
