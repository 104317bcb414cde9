package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

const organismPlausibilityID = "organism-plausibility"

// OrganismPlausibility reports an organisms_ner organism whose genes the
// figure does not support: its words are the words of a better-supported
// organism of the same page, or words that are not gene symbols at all.
var OrganismPlausibility = Rule{
	Meta: Meta{
		ID:        organismPlausibilityID,
		Severity:  SeverityWarning,
		Since:     "0.1.0",
		Precision: PrecisionMedium,
		Summary:   "each organisms_ner organism should be supported by the figure's own genes",
		Doc: "PFOCR's NER matches a figure's words against the gene lexicons of many organisms, " +
			"and each organism that matched enters `organisms_ner` and takes those genes into its " +
			"gene set. Homologs share symbols up to case (human `BCR`, zebrafish `bcr`), and some " +
			"lexicons hold English words (`and`, `slow` and `tube` are fly genes), so an organism " +
			"can enter on words that another organism of the page explains better, or on words " +
			"that are not genes. The rule reads the page's genes table " +
			"(`_data/<figid>-genes.tsv`): an organism's *words* are the distinct figure words " +
			"(`word` column) matched to it; a word is *noise* when it is an English word or has " +
			"at most two characters; an organism's *support* is its number of words that are not " +
			"noise. A word of organism O is *explained* when it is noise, or when another " +
			"`organisms_ner` organism with more support matched the same word (where `organisms` " +
			"is unknown, only Homo sapiens explains others: its lexicon, with protein families, " +
			"is the reference that other organisms' homolog names follow), unless only O " +
			"matched it as an official symbol in exactly the figure's case (mouse `Akt1` in a " +
			"figure written in mouse style). O is reported, at its `organisms_ner` item, when at " +
			"least three quarters of its words (and at least two) are explained and the page's " +
			"text (figtitle, caption, papertitle, keywords) never names it: not by its " +
			"scientific name, genus, abbreviation (`D. rerio`), NCBI common name or everyday " +
			"name (`zebrafish`, `mice`, `murine`, `fly`, `yeast`, `worm`…); a mention as an " +
			"antibody host only (`rabbit anti-`, `anti-rabbit`, `goat polyclonal`) does not " +
			"count. The message gives the counts and the words, and each explained word's table " +
			"row is a related location. Where `organisms` names organisms and O is not among " +
			"them, `organisms-ner-mismatch` reports it and this rule does not (one cause, one " +
			"finding); so this rule speaks where that one cannot: on pages whose `organisms` is " +
			"unknown (`NA`, the case of half the collection) and on pages whose `organisms` " +
			"lists O because the paper mentions it somewhere (over-inclusive); there, only an " +
			"organism that `organisms` lists too and that is of another kind explains O's words " +
			"(kinds by the table's `organism_group`, the mammals' groups counting as one: a fly " +
			"explains away human genes, but human does not explain away the mouse a paper " +
			"names). Rows whose symbol is `NA` are no evidence. Figures of " +
			"several organisms stay quiet: organisms with equal support do not explain each " +
			"other, and a named organism is never reported. No fix is offered: removing the " +
			"name from `organisms_ner` would leave its rows in the genes table, so the table and " +
			"the page must be regenerated together.",
		Bad: "# _data/PMC1971124__g4-genes.tsv: Homo sapiens matched BCR, BLK, BLNK, LAT, SYK, " +
			"PLCG2… (20 words);\n# Danio rerio matched 15 words, 12 of them the same (bcr, blk, " +
			"blnk, lat, syk…)\nfigtitle: A BCR-like pathway in plasmacytoid dendritic cells\n" +
			"organisms:\n- NA\norganisms_ner:\n- Homo sapiens\n- Danio rerio\n",
		Good: "figtitle: A BCR-like pathway in plasmacytoid dendritic cells\norganisms:\n- NA\n" +
			"organisms_ner:\n- Homo sapiens\n# and the genes table without its Danio rerio rows\n",
	},
	Run: runOrganismPlausibility,
}

// matchRank orders how well an organism's lexicon matched a figure word:
// through a synonym or family (0), an official symbol up to case (1),
// an official symbol exactly as the figure writes it (2).
func matchRank(word, symbol, source string) int {
	switch {
	case source != "ncbigene_symbol":
		return 0
	case symbol == word:
		return 2
	case strings.EqualFold(symbol, word):
		return 1
	}
	return 0
}

// plausibilityWord is one figure word as the genes table gives it to one
// organism: the best rank among its rows, and its first row.
type plausibilityWord struct {
	rank int
	row  int // index in the table's rows
}

func runOrganismPlausibility(p *Pass) {
	for _, f := range implausibleOrganisms(p) {
		p.Report(f.d)
	}
}

// implausible is one organism the rule reports, with its finding.
type implausible struct {
	organism string
	d        Diagnostic
}

type plausibilityKey struct{}

// implausibleOrganisms returns the page's organisms_ner organisms that the
// figure does not support, computed once per page: keyword-noise leaves
// their keywords to this rule's finding, which names them.
func implausibleOrganisms(p *Pass) []implausible {
	return p.Doc.Memo(plausibilityKey{}, func() any { return findImplausible(p) }).([]implausible)
}

func findImplausible(p *Pass) (out []implausible) {
	nerItems, nerNodes, nerPtrs, nerList := organismItems(p, "organisms_ner")
	if !nerList || len(nerItems) < 1 {
		return
	}
	listed, listedNodes, knownOK := plausibilityKnown(p)
	known := len(listed) > 0
	if !knownOK {
		return
	}
	figid, _, ok := p.Scalar("/figid")
	if !ok || !safeFigid(figid) {
		return
	}
	t, _ := readTable(quietPass(p), figid+"-genes.tsv", genesColumns)
	if t == nil {
		return
	}
	orgCol, symCol, wordCol, srcCol := t.column("organism_name"), t.column("ncbigene_symbol"), t.column("word"), t.column("source")
	groupCol := t.column("organism_group")
	if wordCol < 0 {
		return // an early table without the figure's words: no evidence to weigh
	}
	ner := map[string]bool{}
	for _, s := range nerItems {
		ner[s] = true
	}
	words := map[string]map[string]*plausibilityWord{} // organism -> word -> evidence
	class := map[string]string{}                       // organism -> its group, mammals as one
	for i, r := range t.rows {
		o, w := r[orgCol], strings.TrimSpace(r[wordCol])
		if !ner[o] || w == "" || w == "NA" || r[symCol] == "" || r[symCol] == "NA" {
			continue
		}
		src := ""
		if srcCol >= 0 {
			src = r[srcCol]
		}
		if groupCol >= 0 {
			class[o] = organismClass(r[groupCol])
		}
		rank := matchRank(w, r[symCol], src)
		m := words[o]
		if m == nil {
			m = map[string]*plausibilityWord{}
			words[o] = m
		}
		if e := m[w]; e == nil {
			m[w] = &plausibilityWord{rank: rank, row: i}
		} else if rank > e.rank {
			e.rank = rank
		}
	}
	support := map[string]int{}
	for o, m := range words {
		for w := range m {
			if !plausibilityNoise(w) {
				support[o]++
			}
		}
	}
	var text string // the page's own words, lower-cased, built on first need
	// Who may explain an organism's words away: where organisms is unknown,
	// the human lexicon alone (the reference one, with protein families:
	// homolog names of other organisms follow its symbols, not the other
	// way round); where organisms names organisms, one of them of another
	// kind.
	explainer := func(o, q string) bool {
		if !known {
			return q == "Homo sapiens"
		}
		return otherClass(class, o, q) && organismListed(q, listed)
	}

	for i, o := range nerItems {
		m := words[o]
		if len(m) < 2 || isMissing(o) || organismPlaceholder(o) {
			continue
		}
		if known && !organismListed(o, listed) {
			continue // organisms-ner-mismatch's finding
		}
		var noise, shared []string
		by := map[string]int{} // explaining organism -> words it explains
		for w, e := range m {
			if plausibilityNoise(w) {
				noise = append(noise, w)
				continue
			}
			if best := explainedBy(o, w, e, words, support, explainer); best != "" {
				shared = append(shared, w)
				by[best]++
			}
		}
		explained := len(noise) + len(shared)
		if explained < 2 || 4*explained < 3*len(m) {
			continue
		}
		if text == "" {
			text = plausibilityText(p)
		}
		if mentioned(text, o) {
			continue
		}
		sort.Strings(noise)
		sort.Strings(shared)
		var parts []string
		if len(shared) > 0 {
			parts = append(parts, fmt.Sprintf("%d %s also matched by %s, which has more of the figure's words (%s)",
				len(shared), wordsAre(len(shared)), quoteList(explainers(by), 3), quoteList(shared, 5)))
		}
		if len(noise) > 0 {
			parts = append(parts, fmt.Sprintf("%d %s (%s)",
				len(noise), noiseAre(len(noise)), quoteList(noise, 5)))
		}
		var related []Related
		for _, w := range append(append([]string(nil), shared...), noise...) {
			related = append(related, Related{Path: t.path, Range: t.rowRange(m[w].row, -1),
				Message: fmt.Sprintf("the figure's word %q, matched to %s", w, o)})
		}
		if known {
			for j, s := range listed {
				if organismListed(o, []string{s}) {
					related = append(related, Related{Range: p.Doc.NodeRange(listedNodes[j]),
						Message: fmt.Sprintf("organisms lists %q, but the figure's text never names it", s)})
					break
				}
			}
		}
		out = append(out, implausible{o, Diagnostic{Node: nerNodes[i], Pointer: nerPtrs[i], Related: related,
			Message: fmt.Sprintf("organisms_ner names %q on weak evidence: of its %d figure words in the genes table, %s, and the figure's title, caption and paper title never name it; expected only organisms the figure's genes come from (regenerate the genes table and organisms_ner without it, or name the organism in the caption if the figure shows it)",
				o, len(m), strings.Join(parts, "; "))}})
	}
	return out
}

// explainedBy returns the organism, other than o, that explains o's word
// w best: one that may (may), matched w too and has more support than o,
// unless o alone matched w as an official symbol in the figure's own case.
// "" when none does.
func explainedBy(o, w string, e *plausibilityWord, words map[string]map[string]*plausibilityWord, support map[string]int, may func(o, q string) bool) string {
	best := ""
	for q, m := range words {
		if q == o || support[q] <= support[o] || !may(o, q) {
			continue
		}
		qe := m[w]
		if qe == nil || e.rank == 2 && qe.rank < 2 {
			continue
		}
		if best == "" || support[q] > support[best] || support[q] == support[best] && q < best {
			best = q
		}
	}
	return best
}

// organismClass is the kind of organism a genes table's organism_group
// names, with the mammals' groups (Primates, Rodents, Mammals) as one.
func organismClass(group string) string {
	switch group {
	case "Primates", "Rodents", "Mammals":
		return "mammals"
	}
	return group
}

// otherClass reports whether two organisms are known to be of different
// classes (a fly and a human, not a rat and a human).
func otherClass(class map[string]string, a, b string) bool {
	return class[a] != "" && class[b] != "" && class[a] != class[b]
}

// explainers lists the organisms of by, the one explaining most words first.
func explainers(by map[string]int) []string {
	out := make([]string, 0, len(by))
	for o := range by {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool {
		if by[out[i]] != by[out[j]] {
			return by[out[i]] > by[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

func noiseAre(n int) string {
	if n == 1 {
		return "is an English word or too short to be a symbol"
	}
	return "are English words or too short to be symbols"
}

func wordsAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// plausibilityNoise reports whether a figure word is no evidence of any
// organism: an English word (a lexicon that holds `and` matches every
// caption) or a word of at most two characters (`Ar`, `SB`, `de`).
func plausibilityNoise(w string) bool {
	return utf8.RuneCountInString(w) <= 2 || isEnglishWord(w)
}

// plausibilityKnown reads organisms: the names it lists (not missing, not a
// placeholder) and their nodes; none when it names no organism. ok is
// false when organisms is present but not a list (the schema's finding).
func plausibilityKnown(p *Pass) (listed []string, nodes []*yaml.Node, ok bool) {
	if _, present := p.Doc.Lookup("/organisms"); !present {
		return nil, nil, true
	}
	items, itemNodes, _, isList := organismItems(p, "organisms")
	if !isList {
		return nil, nil, false
	}
	for i, s := range items {
		if !isMissing(s) && !organismPlaceholder(s) {
			listed, nodes = append(listed, s), append(nodes, itemNodes[i])
		}
	}
	return listed, nodes, true
}

// plausibilityText is the page's own text that may name the figure's
// organisms, lower-cased, with antibody-host phrases removed.
func plausibilityText(p *Pass) string {
	var b strings.Builder
	b.WriteByte(' ')
	for _, f := range []string{"/figtitle", "/caption", "/papertitle", "/keywords"} {
		if s, _, ok := p.Scalar(f); ok {
			b.WriteString(strings.ToLower(s))
			b.WriteByte(' ')
			continue
		}
		if texts, _, ok := p.List(f); ok {
			for _, s := range texts {
				b.WriteString(strings.ToLower(s))
				b.WriteByte(' ')
			}
		}
	}
	return antibodyHost.ReplaceAllString(b.String(), " ")
}

// antibodyHost matches the phrases that name a species as the host of an
// antibody ("rabbit anti-", "anti-mouse", "goat polyclonal"), which say
// nothing about the organism the figure shows.
var antibodyHost = regexp.MustCompile(`\b(?:(?:donkey|goat|rabbit|mouse|rat|sheep|chicken|guinea pig|hamster|horse|llama|alpaca|camel)\s+(?:anti[- ]?\w*|polyclonal|monoclonal|igg|igm|serum|antibod\w*)|anti[- ](?:donkey|goat|rabbit|mouse|rat|sheep|chicken|guinea pig|hamster|horse|human|llama))\b`)

// everydayNames are the words a caption uses for the organisms PFOCR's NER
// knows (NCBI's common names are formal: "house mouse", "Norway rat").
var everydayNames = map[string][]string{
	"Homo sapiens":                              {"human", "humans", "patient", "patients", "people", "person", "women", "men", "children"},
	"Mus musculus":                              {"mouse", "mice", "murine"},
	"Rattus norvegicus":                         {"rat", "rats"},
	"Drosophila melanogaster":                   {"fly", "flies", "fruit fly", "fruitfly"},
	"Danio rerio":                               {"zebrafish", "zebra fish", "fish"},
	"Caenorhabditis elegans":                    {"worm", "worms", "nematode", "nematodes"},
	"Saccharomyces cerevisiae S288C":            {"yeast", "yeasts", "budding yeast"},
	"Saccharomyces cerevisiae":                  {"yeast", "yeasts", "budding yeast"},
	"Arabidopsis thaliana":                      {"plant", "plants", "cress"},
	"Escherichia coli str. K-12 substr. MG1655": {"bacteria", "bacterial", "bacterium"},
	"Escherichia coli":                          {"bacteria", "bacterial", "bacterium"},
	"Gallus gallus":                             {"chicken", "chick", "avian"},
	"Sus scrofa":                                {"pig", "pigs", "porcine", "swine"},
	"Bos taurus":                                {"cow", "cows", "bovine", "cattle"},
	"Oryctolagus cuniculus":                     {"rabbit", "rabbits"},
	"Xenopus laevis":                            {"xenopus", "frog", "frogs"},
	"Canis lupus familiaris":                    {"dog", "dogs", "canine"},
}

// mentioned reports whether text (lower-cased, from plausibilityText)
// names organism: its name, genus, abbreviated name ("d. rerio"), NCBI
// common name and that name's last word, or an everyday name.
func mentioned(text, organism string) bool {
	var names []string
	fields := strings.Fields(organism)
	names = append(names, strings.ToLower(organism))
	if len(fields) >= 2 {
		genus, species := strings.ToLower(fields[0]), strings.ToLower(fields[1])
		names = append(names, genus, genus+" "+species, genus[:1]+". "+species, genus[:1]+"."+species)
		if utf8.RuneCountInString(species) >= 5 {
			names = append(names, species) // "elegans", "cerevisiae"; not "coli"
		}
	}
	names = append(names, everydayNames[organism]...)
	ix := commonTaxa()
	for _, key := range []string{organism, strings.Join(fields[:min(2, len(fields))], " ")} {
		if i, ok := ix.exact[key]; ok && ix.taxa[i].common != "" {
			c := strings.ToLower(ix.taxa[i].common)
			names = append(names, c)
			if ws := strings.Fields(c); len(ws) > 1 {
				names = append(names, ws[len(ws)-1], ws[len(ws)-1]+"s")
			}
		}
	}
	for _, n := range names {
		if containsWord(text, n) {
			return true
		}
	}
	return false
}

// containsWord reports whether s holds w between non-letters.
func containsWord(s, w string) bool {
	if w == "" {
		return false
	}
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return false
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(w):])
		if !unicode.IsLetter(before) && !unicode.IsLetter(after) {
			return true
		}
		from = i + 1
	}
}

// organismReported tells whether organisms-ner-mismatch (organisms names
// others, not o) or organism-plausibility (the figure does not support o)
// reports organism o on the page, when that rule is on: its finding names
// o and its words, so the keyword rules leave o's keywords to it. One
// cause, one finding.
func organismReported(p *Pass, o string, listed []string) bool {
	if len(listed) > 0 && p.Enabled(organismsNERMismatchID) && !organismListed(o, listed) {
		return true
	}
	if p.Enabled(organismPlausibilityID) {
		for _, f := range implausibleOrganisms(p) {
			if f.organism == o {
				return true
			}
		}
	}
	return false
}
