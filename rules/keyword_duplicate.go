package rules

import "fmt"

const keywordDuplicateID = "keyword-duplicate"

// KeywordDuplicate reports a keyword listed twice in schema-jsonld.keywords.
var KeywordDuplicate = Rule{
	Meta: Meta{
		ID:       keywordDuplicateID,
		Severity: SeverityWarning,
		Since:    "0.1.0",
		Summary:  "schema-jsonld.keywords must list each keyword once",
		Doc: "`schema-jsonld.keywords` is a list of distinct gene symbols, chemical words and disease " +
			"words; PFOCR's gene sets and enrichment analyses count each entry. A keyword listed again " +
			"(the same text, case included: `Stat3` and `STAT3` are symbols of different organisms) is " +
			"reported at the repeat, which names the item it repeats. The pipeline writes a word that " +
			"is both a gene symbol and a chemical or disease word in both parts of the list; the message " +
			"says so when the repeat falls among those words. Missing values (`.na.character`) are left " +
			"to `missing-value`.",
		Bad:  "schema-jsonld:\n  keywords:\n  - STAT3\n  - IL6\n  - STAT3\n",
		Good: "schema-jsonld:\n  keywords:\n  - STAT3\n  - IL6\n",
	},
	Run: runKeywordDuplicate,
}

func runKeywordDuplicate(p *Pass) {
	items, isList := p.sharedItems("/schema-jsonld/keywords")
	if !isList {
		return
	}
	var words map[string]bool
	first := make(map[string]int, len(items)) // text -> index in items
	for n, it := range items {
		if it.Null || isMissing(it.Text) {
			continue
		}
		at, seen := first[it.Text]
		if !seen {
			first[it.Text] = n
			continue
		}
		prev := items[at]
		if words == nil {
			words = chemicalAndDiseaseWords(p)
		}
		what := ""
		if words[it.Text] {
			what = " (it is a word of the chemicals or diseases table too, which the pipeline adds after the gene symbols)"
		}
		p.Report(Diagnostic{Node: it.Node, Pointer: it.Pointer,
			Message: fmt.Sprintf("keyword %q is listed twice, first as item %d of the list (line %d)%s; expected each keyword once",
				it.Text, prev.Index+1, p.Doc.NodeRange(prev.Node).Start.Line, what)})
	}
}

// chemicalAndDiseaseWords returns the words of the page's chemicals and
// diseases tables, read without reporting (their defects are genes-table's
// business).
func chemicalAndDiseaseWords(p *Pass) map[string]bool {
	words := map[string]bool{}
	figid, _, ok := p.Scalar("/figid")
	if !ok || figid == "" || !safeFigid(figid) {
		return words
	}
	quiet := quietPass(p)
	for _, kind := range []string{"chemicals", "diseases"} {
		if t, _ := readTable(quiet, figid+"-"+kind+".tsv", []string{"word"}); t != nil {
			w := t.column("word")
			for _, r := range t.rows {
				words[r[w]] = true
			}
		}
	}
	return words
}

// safeFigid reports whether a figid can name companion files: one that
// holds a path separator names no table (and must never reach another
// file).
func safeFigid(figid string) bool {
	for _, c := range figid {
		if c == '/' || c == '\\' {
			return false
		}
	}
	return true
}

// quietPass returns a pass over p's document and companions whose
// findings are dropped, for reading tables that another rule reports on.
func quietPass(p *Pass) *Pass { return NewPass(p.Doc, p.rule, func(Finding) {}, p.companions) }
