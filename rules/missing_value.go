package rules

import (
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
note at doi, with the other four fields as related locations, not five warnings. ` + "`organisms: [NA]`" + `
(or the older generation's single ` + "`NA`" + `) is how PFOCR writes "unknown organisms" and is not
reported; a marker beside real names in ` + "`organisms`" + ` is a stray item, a warning. There is no
fix: the right value is unknown.`,
		Bad:  "doi: .na.character\n",
		Good: "doi: 10.1186/s12935-022-02527-9\n",
	},
	Run: runMissingValue,
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
	gap := reportGenerationGap(p)
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

// reportGenerationGap reports, as one note, a page whose five journal
// metadata fields are all R's missing value, and tells whether it did.
func reportGenerationGap(p *Pass) bool {
	var first *yaml.Node
	var related []Related
	for _, name := range generationGap {
		text, node, ok := p.Scalar(Pointer(name))
		if !ok || isMissingNull(node) || (!isRMissing(text) && strings.TrimSpace(text) != "NA") {
			return false
		}
		if first == nil {
			first = node
			continue
		}
		related = append(related, Related{Range: p.Doc.NodeRange(node), Message: fmt.Sprintf("%s is %q", name, text)})
	}
	text, _, _ := p.Scalar(Pointer(generationGap[0]))
	p.Report(Diagnostic{Severity: SeverityNote, Node: first, Pointer: Pointer(generationGap[0]),
		Related: related,
		Message: fmt.Sprintf("doi, journal_title, journal_nlm_ta, publisher_name and keywords are all R's missing value (%q): the page predates PFOCR's journal metadata; expected them filled in when the page is regenerated", text)})
	return true
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
