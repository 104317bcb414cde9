package rules

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

const organismsNERMismatchID = "organisms-ner-mismatch"

// OrganismsNERMismatch reports organisms_ner names that organisms does not
// list: the gene lexicon of an organism the paper is not about matched the
// figure's words, which is usually a false positive of the NER.
var OrganismsNERMismatch = Rule{
	Meta: Meta{
		ID:        organismsNERMismatchID,
		Severity:  SeverityWarning,
		Since:     "0.1.0",
		Precision: PrecisionMedium,
		Summary:   "organisms_ner names should be among the paper's organisms",
		Doc: "`organisms_ner` lists the organisms whose gene lexicons matched the figure's words; " +
			"`organisms` lists the paper's organisms. An `organisms_ner` name missing from " +
			"`organisms` usually means the NER matched words of the figure that are gene symbols " +
			"of another organism (English words such as `Dr` or `cash` are fly symbols), so the " +
			"figure's genes are attributed to the wrong organism. Each such name is a warning at " +
			"its item; when the two lists share no name at all the page is an error, reported once " +
			"at `organisms_ner`. A warning names the keywords that the genes table gives to that " +
			"organism alone (the words that made the NER name it), each as a related location. When " +
			"`organisms` says nothing (missing, empty, `NA`, or only a placeholder such as " +
			"`unspecified plant`) nothing is reported: that is PFOCR's normal \"unknown\" on half " +
			"the collection. Names are compared after trimming, ignoring case (wrong case is " +
			"`organism-name`'s finding); an organism that the page's own genes table lacks is " +
			"`genes-table`'s finding (the page and its table are out of step) and is not repeated " +
			"here; a strain name (`Saccharomyces cerevisiae S288C`) matches its species in " +
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
	if _, present := p.Doc.Lookup("/organisms"); present {
		items, _, _, isList := organismItems(p, "organisms")
		if !isList {
			return // a single string or a mapping: the schema and legacy-format report it
		}
		for _, s := range items {
			if !isMissing(s) && !organismPlaceholder(s) {
				known = append(known, s)
			}
		}
	}
	if len(known) == 0 {
		// organisms unknown: PFOCR's normal "NA" (half the collection), not
		// a disagreement; missing-value reports what is worth reporting.
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
		var related []Related
		for _, name := range ner {
			_, r := nerEvidence(p, name)
			related = append(related, r...)
		}
		p.Report(Diagnostic{Severity: SeverityError, Node: at,
			Pointer: "/organisms_ner", Related: related,
			Message: fmt.Sprintf("organisms_ner names %s and organisms lists %s: the two share no organism; expected the organisms the figure's genes come from to be among the paper's organisms",
				quoteList(ner, 3), quoteList(known, 3))})
		return
	}
	inTable, haveTable := tableOrganisms(p)
	for _, i := range absent {
		if haveTable && !inTable[ner[i]] && p.Enabled(genesTableID) {
			// The page names an organism its own genes table does not:
			// genes-table's finding, the cause being the page and the table
			// out of step, not the NER.
			continue
		}
		words, related := nerEvidence(p, ner[i])
		evidence := ""
		if len(words) > 0 {
			evidence = fmt.Sprintf(" (its %d keyword%s: %s)", len(words), plural(len(words)), quoteList(words, 5))
		}
		p.Report(Diagnostic{Node: nodes[i], Pointer: ptrs[i], Related: related,
			Message: fmt.Sprintf("organisms_ner names %q, which organisms does not list%s; expected the organisms the figure's genes come from to be among the paper's organisms",
				ner[i], evidence)})
	}
}

// tableOrganisms returns the organism_name values of the page's genes
// table, and whether there is a readable one.
func tableOrganisms(p *Pass) (map[string]bool, bool) {
	figid, _, ok := p.Scalar("/figid")
	if !ok || !safeFigid(figid) {
		return nil, false
	}
	t, _ := readTable(quietPass(p), figid+"-genes.tsv", genesColumns)
	if t == nil {
		return nil, false
	}
	col := t.column("organism_name")
	out := make(map[string]bool, 4)
	for _, r := range t.rows {
		out[r[col]] = true
	}
	return out, true
}

// nerEvidence returns the keywords that the page's genes table gives to
// organism (and to no other), with their items as related locations: the
// words that made the NER name it.
func nerEvidence(p *Pass, organism string) (words []string, related []Related) {
	figid, _, ok := p.Scalar("/figid")
	if !ok || !safeFigid(figid) {
		return nil, nil
	}
	t, _ := readTable(quietPass(p), figid+"-genes.tsv", genesColumns)
	if t == nil {
		return nil, nil
	}
	org, sym := t.column("organism_name"), t.column("ncbigene_symbol")
	owners := map[string]string{} // symbol -> its one organism, "" for several
	for _, r := range t.rows {
		if o, seen := owners[r[sym]]; seen && o != r[org] {
			owners[r[sym]] = ""
		} else if !seen {
			owners[r[sym]] = r[org]
		}
	}
	items, _ := p.sharedItems("/schema-jsonld/keywords")
	seen := map[string]bool{}
	for _, it := range items {
		if owners[it.Text] == organism && !seen[it.Text] {
			seen[it.Text] = true
			words = append(words, it.Text)
			related = append(related, Related{Range: p.Doc.NodeRange(it.Node), Message: fmt.Sprintf("%q, a %s symbol in the genes table", it.Text, organism)})
		}
	}
	return words, related
}

// organismListed reports whether an organisms_ner name is in organisms:
// equal, or one is the other followed by a space and a strain or subspecies
// ("Saccharomyces cerevisiae S288C" and "Saccharomyces cerevisiae").
func organismListed(name string, organisms []string) bool {
	for _, o := range organisms {
		// Case is organism-name's business: one cause, one finding.
		if strings.EqualFold(o, name) || strings.HasPrefix(name, o+" ") || strings.HasPrefix(o, name+" ") {
			return true
		}
	}
	return false
}
