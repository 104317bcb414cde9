package rules

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

const organismsNERMismatchID = "organisms-ner-mismatch"

// OrganismsNERMismatch reports organisms_ner names that organisms does not
// list: the gene lexicon of an organism the paper is not about matched the
// figure's words, which is usually a false positive of the NER.
var OrganismsNERMismatch = Rule{
	Meta: Meta{
		ID:       organismsNERMismatchID,
		Severity: SeverityWarning,
		Summary:  "organisms_ner names should be among the paper's organisms",
		Doc: "`organisms_ner` lists the organisms whose gene lexicons matched the figure's words; " +
			"`organisms` lists the paper's organisms. An `organisms_ner` name missing from " +
			"`organisms` usually means the NER matched words of the figure that are gene symbols " +
			"of another organism (English words such as `Dr` or `cash` are fly symbols), so the " +
			"figure's genes are attributed to the wrong organism. Each such name is a warning at " +
			"its item; when the two lists share no name at all the page is an error, reported once " +
			"at `organisms_ner`. When `organisms` says nothing (missing, empty, `NA`, or only a " +
			"placeholder such as `unspecified plant`) while `organisms_ner` names organisms, a note " +
			"at `organisms_ner` asks for the paper's organisms. Names are compared after trimming, " +
			"with case; a strain name (`Saccharomyces cerevisiae S288C`) matches its species in " +
			"`organisms` (`Saccharomyces cerevisiae`), and the other way round. " +
			"`organisms_ner: [NA]` is not reported.",
		Bad:  "organisms:\n- Homo sapiens\norganisms_ner:\n- Homo sapiens\n- Danio rerio\n",
		Good: "organisms:\n- Homo sapiens\n- Danio rerio\norganisms_ner:\n- Homo sapiens\n- Danio rerio\n",
	},
	Run: runOrganismsNERMismatch,
}

func runOrganismsNERMismatch(p *Pass) {
	nerItems, nerNodes, nerPtrs, nerList := organismItems(p, "organisms_ner")
	if !nerList {
		return // absent or not a list: the schema reports it
	}
	var ner, ptrs []string
	var nodes []*yaml.Node
	for i, s := range nerItems {
		if !isMissing(s) && !organismPlaceholder(s) {
			ner, nodes, ptrs = append(ner, s), append(nodes, nerNodes[i]), append(ptrs, nerPtrs[i])
		}
	}
	if len(ner) == 0 {
		return
	}
	at := p.Key("/organisms_ner")
	if at == nil {
		_, at, _ = p.Scalar("/organisms_ner")
	}

	var known []string
	state := "missing"
	if _, present := p.Doc.Lookup("/organisms"); present {
		items, _, _, isList := organismItems(p, "organisms")
		if !isList {
			return // a single string or a mapping: the schema and legacy-format report it
		}
		state = "empty"
		var given []string
		for _, s := range items {
			if !isMissing(s) && !organismPlaceholder(s) {
				known = append(known, s)
			} else {
				given = append(given, s)
			}
		}
		if len(given) > 0 {
			state = "unknown (" + quoteList(given, 3) + ")"
		}
	}
	if len(known) == 0 {
		p.Report(Finding{Rule: organismsNERMismatchID, Severity: SeverityNote, Range: p.Doc.NodeRange(at),
			Pointer: "/organisms_ner",
			Message: fmt.Sprintf("organisms is %s while organisms_ner names %s; expected organisms to list the paper's organisms, among them those the figure's genes come from",
				state, quoteList(ner, 3))})
		return
	}

	var absent []int
	for i, s := range ner {
		if !organismListed(s, known) {
			absent = append(absent, i)
		}
	}
	if len(absent) == 0 {
		return
	}
	if len(absent) == len(ner) {
		p.Report(Finding{Rule: organismsNERMismatchID, Severity: SeverityError, Range: p.Doc.NodeRange(at),
			Pointer: "/organisms_ner",
			Message: fmt.Sprintf("organisms_ner names %s and organisms lists %s: the two share no organism; expected the organisms the figure's genes come from to be among the paper's organisms",
				quoteList(ner, 3), quoteList(known, 3))})
		return
	}
	for _, i := range absent {
		p.ReportNode(organismsNERMismatchID, nodes[i], ptrs[i],
			"organisms_ner names %q, which organisms does not list; expected the organisms the figure's genes come from to be among the paper's organisms", ner[i])
	}
}

// organismListed reports whether an organisms_ner name is in organisms:
// equal, or one is the other followed by a space and a strain or subspecies
// ("Saccharomyces cerevisiae S288C" and "Saccharomyces cerevisiae").
func organismListed(name string, organisms []string) bool {
	for _, o := range organisms {
		if o == name || strings.HasPrefix(name, o+" ") || strings.HasPrefix(o, name+" ") {
			return true
		}
	}
	return false
}
