package rules

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MissingValue reports R's missing values and curation placeholders written
// where a field should hold a value.
var MissingValue = Rule{
	Meta: Meta{
		ID:       "missing-value",
		Severity: SeverityWarning,
		Since:    "0.1.0",
		Summary:  "fields must not hold R's missing values or curation placeholders",
		Doc: `The R notebooks that write PFOCR pages print a missing value as ` + "`.na.character`" + `
(also ` + "`.na`, `.na.real`, `.na.integer`" + `) or ` + "`NA`" + `, and curators leave ` + "`N/A`, `XXX`" + ` or
` + "`REJECT`" + `; the site then shows the marker as if it were the value. Checked: the top-level
text fields (figid, figtitle, pmcid, filename, figlink, number, caption, papertitle, reftext,
year, doi, journal_title, journal_nlm_ta, publisher_name, keywords, figid_alias, figtype,
redirect_from, seo, wpid, ndex), ` + "`schema-jsonld.description`" + ` and each
` + "`schema-jsonld.keywords`" + ` item, and the items of ` + "`organisms`" + `. An empty value is reported too, except where empty is the normal "none":
` + "`ndex: ''`" + ` (no NDEx network) and ` + "`keywords: ''`" + ` (the paper has no author keywords).
In ` + "`schema-jsonld.keywords`" + ` only R's ` + "`.na…`" + ` spellings and empty items count: ` + "`NA`" + `
there may be a real gene symbol. ` + "`ndex`" + ` is optional in practice, so its findings are notes.
Pages of the generation before about 2020 predate PFOCR's journal metadata and hold R's missing
value in all of doi, journal_title, journal_nlm_ta, publisher_name and keywords: that is one
note at doi, with the other four fields as related locations, not five warnings; and when
several pages of a run have that gap, it is one fact about the collection, reported after
the pages (the collection phase) as one note at the first such page, the others' doi as
related locations. ` + "`organisms: [NA]`" + `
(or the older generation's single ` + "`NA`" + `) is how PFOCR writes "unknown organisms" and is not
reported; a marker beside real names in ` + "`organisms`" + ` is a stray item, a warning. There is no
fix: the right value is unknown.`,
		Bad:  "doi: .na.character\n",
		Good: "doi: 10.1186/s12935-022-02527-9\n",
	},
	Run:       runMissingValue,
	Summarize: summarizeGenerationGap,
	Finish:    finishGenerationGap,
}

// missingValueFields are the top-level text fields of the current
// generation, each with what it should hold. keywords and ndex are empty
// when the paper has no author keywords or the figure no NDEx network.
var missingValueFields = []struct {
	name, expected string
	emptyIsNormal  bool
	optional       bool // findings are notes
}{
	{name: "figid", expected: "the figure id"},
	{name: "figtitle", expected: "a figure title"},
	{name: "pmcid", expected: "a PMC id"},
	{name: "filename", expected: "an image file name"},
	{name: "figlink", expected: "a PMC figure link"},
	{name: "number", expected: "a figure number"},
	{name: "caption", expected: "the figure caption"},
	{name: "papertitle", expected: "the paper's title"},
	{name: "reftext", expected: "the paper's citation"},
	{name: "year", expected: "the publication year"},
	{name: "doi", expected: "a DOI"},
	{name: "journal_title", expected: "the journal's title"},
	{name: "journal_nlm_ta", expected: "the journal's NLM title abbreviation"},
	{name: "publisher_name", expected: "the publisher's name"},
	{name: "keywords", expected: "the paper's keywords, or '' when it has none", emptyIsNormal: true},
	{name: "figid_alias", expected: "<pmcid>__<number>"},
	{name: "figtype", expected: "a figure type"},
	{name: "redirect_from", expected: "/figures/<figid_alias>"},
	{name: "ndex", expected: "an NDEx network id, or '' when there is none", emptyIsNormal: true, optional: true},
	{name: "seo", expected: "CreativeWork"},
	{name: "wpid", expected: "a WikiPathways id"},
}

// MissingMarker tells whether s is a missing-value marker and describes it:
// R's spellings of NA (.na, .na.character, .na.real, .na.integer, NA), the
// not-available marker N/A, the curation placeholders XXX and REJECT, and
// the empty string. Surrounding whitespace is ignored; case is not, since
// "na" and "Na" are gene symbols.
func MissingMarker(s string) (description string, ok bool) {
	switch strings.TrimSpace(s) {
	case "":
		return "empty", true
	case ".na", ".na.character", ".na.real", ".na.integer", "NA":
		return "R's missing value", true
	case "N/A":
		return "a not-available marker", true
	case "XXX", "REJECT":
		return "a curation placeholder", true
	}
	return "", false
}

// isRMissing tells whether s is one of R's ".na" spellings, which no gene,
// chemical or disease word can be.
func isRMissing(s string) bool {
	switch strings.TrimSpace(s) {
	case ".na", ".na.character", ".na.real", ".na.integer":
		return true
	}
	return false
}

// generationGap are the fields that every page of the generation before
// about 2020 holds as R's missing value together: those pages predate the
// journal metadata, so the five markers are one fact, not five defects.
var generationGap = []string{"doi", "journal_title", "journal_nlm_ta", "publisher_name", "keywords"}

func runMissingValue(p *Pass) {
	// The generation gap is reported by the collection phase
	// (finishGenerationGap); here its five fields are left alone.
	_, gap := generationGapOf(p)
	for _, f := range missingValueFields {
		if gap && slices.Contains(generationGap, f.name) {
			continue
		}
		text, node, ok := p.Scalar(Pointer(f.name))
		if !ok || isMissingNull(node) {
			continue
		}
		desc, missing := MissingMarker(text)
		if !missing || (desc == "empty" && f.emptyIsNormal) {
			continue
		}
		sev := Severity(0)
		if f.optional {
			sev = SeverityNote
		}
		reportMissing(p, node, Pointer(f.name), f.name, text, desc, f.expected, sev)
	}

	if text, node, ok := p.Scalar(Pointer("schema-jsonld", "description")); ok && !isMissingNull(node) {
		if desc, missing := MissingMarker(text); missing {
			reportMissing(p, node, Pointer("schema-jsonld", "description"), "schema-jsonld.description",
				text, desc, "the figure caption", 0)
		}
	}

	keywords, _ := p.sharedItems(Pointer("schema-jsonld", "keywords"))
	for _, it := range keywords {
		if it.Null || (!isRMissing(it.Text) && strings.TrimSpace(it.Text) != "") {
			continue
		}
		desc, _ := MissingMarker(it.Text)
		reportMissing(p, it.Node, it.Pointer, "schema-jsonld.keywords item",
			it.Text, desc, "a gene symbol or a chemical or disease word", 0)
	}

	// organisms_ner: [NA] is the pipeline's normal "no lexicon matched",
	// and organisms: [NA] (or the older generation's single "NA") its
	// normal "unknown": half the collection says so, and no curator acts
	// on it page by page. A marker beside real names is a stray item.
	items, isList := p.sharedItems(Pointer("organisms"))
	var names int
	for _, it := range items {
		if _, missing := MissingMarker(it.Text); !missing && !it.Null {
			names++
		}
	}
	if !isList || names == 0 {
		return
	}
	// The stray markers of one list are one finding, at the first.
	var stray []Item
	for _, it := range items {
		if _, missing := MissingMarker(it.Text); missing && !it.Null {
			stray = append(stray, it)
		}
	}
	if len(stray) == 0 {
		return
	}
	first := stray[0]
	desc, _ := MissingMarker(first.Text)
	subject := fmt.Sprintf("organisms item is %q, %s,", first.Text, desc)
	var related []Related
	if len(stray) > 1 {
		subject = fmt.Sprintf("%d organisms items are missing values (%q, %s),", len(stray), first.Text, desc)
		for _, it := range stray[1:] {
			related = append(related, Related{Range: p.Doc.NodeRange(it.Node), Message: fmt.Sprintf("%q is here", it.Text)})
		}
	}
	p.Report(Diagnostic{Node: first.Node, Pointer: first.Pointer, Related: related,
		Message: fmt.Sprintf("%s beside %d scientific name%s; expected only the names (a missing value stands for \"unknown\" only as the sole item)",
			subject, names, plural(names))})
}

// gapPage is what the collection phase knows of a page whose five
// journal metadata fields are all R's missing value: where they are.
type gapPage struct {
	Value  string   `json:"v"`
	Fields []string `json:"f"` // generationGap[1:]' values, in order
	At     []Range  `json:"r"` // doi's range, then the other fields'
}

// generationGapOf tells whether the page has the generation gap, and where.
func generationGapOf(p *Pass) (gapPage, bool) {
	var g gapPage
	for i, name := range generationGap {
		text, node, ok := p.Scalar(Pointer(name))
		if !ok || isMissingNull(node) || (!isRMissing(text) && strings.TrimSpace(text) != "NA") {
			return gapPage{}, false
		}
		if i == 0 {
			g.Value = text
		} else {
			g.Fields = append(g.Fields, text)
		}
		g.At = append(g.At, p.Doc.NodeRange(node))
	}
	return g, true
}

func summarizeGenerationGap(p *Pass) any {
	if g, gap := generationGapOf(p); gap {
		return g
	}
	return nil
}

// finishGenerationGap reports the generation gap: on one page, one note at
// its doi with the other four fields as related locations; on several, one
// note for all of them at the first page's doi, the others' as related
// locations, since it is one fact about the collection.
func finishGenerationGap(sums []Summary, report func(Diagnostic)) {
	type page struct {
		path string
		g    gapPage
	}
	var pages []page
	for _, s := range sums {
		var g gapPage
		if err := json.Unmarshal(s.Data, &g); err != nil || len(g.At) != len(generationGap) {
			continue
		}
		pages = append(pages, page{s.Path, g})
	}
	switch len(pages) {
	case 0:
		return
	case 1:
		g := pages[0].g
		related := make([]Related, 0, len(g.Fields))
		for i, text := range g.Fields {
			related = append(related, Related{Path: pages[0].path, Range: g.At[i+1], Message: fmt.Sprintf("%s is %q", generationGap[i+1], text)})
		}
		report(Diagnostic{Severity: SeverityNote, Path: pages[0].path, Range: g.At[0], Pointer: Pointer(generationGap[0]),
			Related: related,
			Message: fmt.Sprintf("doi, journal_title, journal_nlm_ta, publisher_name and keywords are all R's missing value (%q): the page predates PFOCR's journal metadata; expected them filled in when the page is regenerated", g.Value)})
		return
	}
	related := make([]Related, 0, len(pages)-1)
	for _, pg := range pages[1:] {
		related = append(related, Related{Path: pg.path, Range: pg.g.At[0], Message: fmt.Sprintf("doi is %q, and so are the four journal fields", pg.g.Value)})
	}
	report(Diagnostic{Severity: SeverityNote, Path: pages[0].path, Range: pages[0].g.At[0], Pointer: Pointer(generationGap[0]),
		Related: related,
		Message: fmt.Sprintf("%d pages (this one and %d more) hold R's missing value (%q) in all of doi, journal_title, journal_nlm_ta, publisher_name and keywords: they predate PFOCR's journal metadata; expected them filled in when those pages are regenerated",
			len(pages), len(pages)-1, pages[0].g.Value)})
}

// reportMissing reports one missing value. sev 0 keeps the rule's default.
func reportMissing(p *Pass, n *yaml.Node, ptr, name, text, desc, expected string, sev Severity) {
	var msg string
	switch {
	case name == "year" && desc == "empty":
		msg = "year is empty, so the publication year is missing; expected the 4-digit year of publication"
	case desc == "empty":
		msg = fmt.Sprintf("%s is empty; expected %s", name, expected)
	default:
		msg = fmt.Sprintf("%s is %q, %s; expected %s", name, text, desc, expected)
	}
	p.Report(Diagnostic{Node: n, Pointer: ptr, Message: msg, Severity: sev})
}

// isMissingNull tells whether n is a YAML null (~, null, or nothing at all),
// which the schema reports as a wrong type; a quoted empty string is a string.
func isMissingNull(n *yaml.Node) bool {
	n = deref(n)
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}
