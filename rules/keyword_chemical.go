package rules

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

const keywordChemicalID = "keyword-chemical"

// chemical is a chemical abbreviation that PFOCR's gene NER turns into
// genes through synonyms (ATP -> ATP8A2, GTP -> MTG1, PEP -> PAEP).
type chemical struct {
	name string
	// genes are symbols (any case) that the abbreviation rightly names:
	// PGI is phosphoglucose isomerase, the enzyme GPI, as well as
	// prostacyclin (PGI2), so PGI -> GPI is no mistake.
	genes []string
}

// chemicals are unambiguous chemical abbreviations, keyed by how a figure
// writes them. Each group says where it comes from. Abbreviations that
// are also a common name of a gene or protein are left out, since the
// synonym may be right: CTP (the citrate transport protein, SLC25A1, on
// the same metabolic maps), CMP (cartilage matrix protein, MATN1), CDP (CCAAT
// displacement protein, CUX1), FBP (fructose-bisphosphatase), SAM (sterile
// alpha motif), IMP (IGF2 mRNA-binding protein).
var chemicals = func() map[string]chemical {
	m := map[string]chemical{}
	add := func(name string, abbrevs ...string) {
		for _, a := range abbrevs {
			m[a] = chemical{name: name}
		}
	}
	// Nucleotides: the IUPAC-IUB (JCBN) abbreviations for nucleoside
	// phosphates, as ChEBI lists them (adenosine 5'-triphosphate, ...).
	add("adenosine triphosphate", "ATP")
	add("adenosine diphosphate", "ADP")
	add("adenosine monophosphate", "AMP")
	add("guanosine triphosphate", "GTP")
	add("guanosine diphosphate", "GDP")
	add("guanosine monophosphate", "GMP")
	add("uridine triphosphate", "UTP")
	add("uridine diphosphate", "UDP")
	add("deoxyadenosine triphosphate", "dATP")
	add("deoxythymidine triphosphate", "dTTP")
	// Cyclic nucleotides and other second messengers (ChEBI: 3',5'-cyclic
	// AMP, 3',5'-cyclic GMP, cyclic GMP-AMP, 1D-myo-inositol
	// 1,4,5-trisphosphate, diacylglycerol, phosphatidylinositol
	// 4,5-bisphosphate and 3,4,5-trisphosphate, nitric oxide).
	add("cyclic adenosine monophosphate", "cAMP")
	add("cyclic guanosine monophosphate", "cGMP")
	add("cyclic GMP-AMP", "cGAMP")
	add("inositol trisphosphate", "IP3", "InsP3")
	add("diacylglycerol", "DAG")
	add("phosphatidylinositol 4,5-bisphosphate", "PIP2", "PI(4,5)P2")
	add("phosphatidylinositol 3,4,5-trisphosphate", "PIP3", "PI(3,4,5)P3")
	add("nitric oxide", "NO")
	// Redox and group-transfer cofactors: the IUPAC-IUB (JCBN)
	// abbreviations, ChEBI names (NAD(+), NADH, NADP(+), NADPH, FAD,
	// FADH2, FMN, coenzyme A, acetyl-CoA, glutathione).
	add("nicotinamide adenine dinucleotide", "NAD", "NAD+")
	add("reduced nicotinamide adenine dinucleotide", "NADH")
	add("nicotinamide adenine dinucleotide phosphate", "NADP", "NADP+")
	add("reduced nicotinamide adenine dinucleotide phosphate", "NADPH")
	add("flavin adenine dinucleotide", "FAD")
	add("reduced flavin adenine dinucleotide", "FADH2")
	add("flavin mononucleotide", "FMN")
	add("coenzyme A", "CoA")
	add("acetyl coenzyme A", "acetyl-CoA", "Acetyl-CoA", "AcCoA")
	add("reduced glutathione", "GSH")
	add("glutathione disulfide", "GSSG")
	// Glycolysis and gluconeogenesis intermediates (ChEBI:
	// phosphoenolpyruvate, glucose 6-phosphate, fructose 6-phosphate,
	// dihydroxyacetone phosphate).
	add("phosphoenolpyruvate", "PEP")
	add("glucose 6-phosphate", "G6P")
	add("fructose 6-phosphate", "F6P")
	add("dihydroxyacetone phosphate", "DHAP")
	// Reactive species (ChEBI: reactive oxygen species, reactive nitrogen
	// species, hydrogen peroxide).
	add("reactive oxygen species", "ROS")
	add("reactive nitrogen species", "RNS")
	// Prostanoids (ChEBI: prostaglandin E2, prostaglandin D2,
	// prostaglandin I2, prostaglandin F2alpha, thromboxane A2).
	add("prostaglandin E2", "PGE2")
	add("prostaglandin D2", "PGD2")
	add("prostacyclin", "PGI2")
	add("prostaglandin F2alpha", "PGF2a", "PGF2α")
	add("thromboxane A2", "TXA2")
	// Lipids and a bacterial cell-wall chemical (ChEBI: triglyceride,
	// lipopolysaccharide).
	add("triacylglycerol", "TAG")
	add("lipopolysaccharide", "LPS")
	add("hydrogen peroxide", "H2O2")
	// Ions, as chemists write them (ChEBI: calcium(2+), magnesium(2+),
	// zinc(2+)).
	add("calcium ion", "Ca2+", "Ca++")
	add("magnesium ion", "Mg2+")
	add("zinc ion", "Zn2+")
	// PGI: phosphoglucose isomerase, whose gene is GPI (Gpi1 in mouse and
	// rat, PGI1 in yeast, pgi in E. coli), or prostacyclin.
	m["PGI"] = chemical{name: "phosphoglucose isomerase or prostacyclin", genes: []string{"GPI", "GPI1", "PGI1", "pgi"}}
	return m
}()

// chemicalFolded maps the upper-case form of each abbreviation whose lower
// case is not an English word to its canonical form, so that a figure's
// "Atp" or "NADPH" in another case is found; "no" (NO) and "pep" (PEP)
// are English words and are only taken as written.
var chemicalFolded = func() map[string]string {
	m := map[string]string{}
	for a := range chemicals {
		if len(a) >= 3 && !isEnglishWord(strings.ToLower(a)) {
			m[strings.ToUpper(a)] = a
		}
	}
	return m
}()

// chemicalOf returns the abbreviation that a genes-table row's word is,
// or that its match (the NER's normalised word: NAD(P)H gives NADPH) is
// in a case that is safe to fold, or "".
func chemicalOf(word, match string) string {
	if _, ok := chemicals[word]; ok {
		return word
	}
	if a := chemicalFolded[strings.ToUpper(word)]; a != "" {
		return a
	}
	return chemicalFolded[strings.ToUpper(match)]
}

// family is a protein family name that the NER also finds as a synonym of
// genes outside the family (ERK is an old alias of EPHB2, "MEK" one of the
// fly's Mtk).
type family struct {
	name string
	// stems are prefixes (any case) of member symbols; members are
	// whole member symbols (any case) that share no stem.
	stems, members []string
}

// families are kinase and signalling family names that figures use for
// the whole family. Member stems follow HGNC's gene groups (mitogen-
// activated protein kinases, MAP2K, protein kinase C, the PKA catalytic
// and regulatory subunits, AKT serine/threonine kinases, the PI3K
// subunits, RAS and RAF); mouse, rat and zebrafish orthologs share the
// stems in their own case. The fly, worm, yeast and plant orthologs are
// named as FlyBase (rl, bsk, Dsor1, Pi3K92E, aPKC), WormBase (mpk-1, jnk-1,
// let-60), SGD (FUS3, HOG1, TPK1) and TAIR (MPK3, MKK4) write them.
var families = func() map[string]*family {
	m := map[string]*family{}
	add := func(f *family, words ...string) {
		for _, w := range words {
			m[w] = f
		}
	}
	mapkStems := []string{"MAPK", "MPK", "ERK", "P38", "PMK-", "KGB-", "JNK"}
	mapkMembers := []string{"rl", "bsk", "NLK", "FUS3", "KSS1", "HOG1", "SLT2", "SMK1", "lit-1", "sur-1"}
	add(&family{name: "extracellular signal-regulated kinases", stems: []string{"MAPK", "MPK", "ERK"},
		members: []string{"rl", "sur-1", "FUS3", "KSS1"}}, "ERK", "ERK1", "ERK2", "ERK1/2", "ERK5", "PERK1/2")
	add(&family{name: "mitogen-activated protein kinases", stems: mapkStems, members: mapkMembers}, "MAPK", "MAPKS")
	// JNK and p38 members as stems, so that zebrafish duplicates
	// (mapk14a, mapk8b) count too.
	add(&family{name: "c-Jun N-terminal kinases", stems: []string{"JNK", "KGB-", "MAPK8", "MAPK9", "MAPK10"},
		members: []string{"bsk"}}, "JNK", "JNK1", "JNK2", "JNK1/2", "SAPK")
	add(&family{name: "p38 mitogen-activated protein kinases", stems: []string{"P38", "PMK-", "MAPK11", "MAPK12", "MAPK13", "MAPK14"},
		members: []string{"HOG1"}}, "P38", "P38MAPK", "P38 MAPK")
	add(&family{name: "MAP kinase kinases", stems: []string{"MAP2K", "MKK", "MEK"},
		members: []string{"Dsor1", "STE7", "PBS2", "lin-45"}}, "MEK", "MEK1", "MEK2", "MEK1/2", "MKK")
	add(&family{name: "protein kinase C", stems: []string{"PRKC", "PKC", "PRKD"}, members: []string{"inaC", "aPKC"}},
		"PKC")
	add(&family{name: "protein kinase A", stems: []string{"PRKAC", "PRKAR", "PKA-", "TPK"},
		members: []string{"kin-1", "kin-2", "BCY1"}}, "PKA")
	add(&family{name: "AKT (protein kinase B)", stems: []string{"AKT", "PKB"}, members: []string{"SCH9"}},
		"AKT", "PKB")
	add(&family{name: "phosphoinositide 3-kinases", stems: []string{"PIK3", "PI3K"},
		members: []string{"age-1", "aap-1", "VPS34", "VPS15"}}, "PI3K", "PI3-K", "PI3KS")
	add(&family{name: "RAS GTPases", stems: []string{"RAS"}, members: []string{"HRAS", "KRAS", "NRAS", "let-60"}},
		"RAS")
	add(&family{name: "RAF kinases", stems: []string{"RAF"}, members: []string{"ARAF", "BRAF", "lin-45"}},
		"RAF")
	return m
}()

// familyOf returns the family that a genes-table match (the NER's
// normalised word, upper case) names, or nil.
func familyOf(match string) *family {
	return families[strings.ToUpper(strings.TrimSpace(match))]
}

// has tells whether symbol is a member of f.
func (f *family) has(symbol string) bool {
	u := strings.ToUpper(symbol)
	for _, s := range f.stems {
		if strings.HasPrefix(u, s) {
			return true
		}
	}
	for _, m := range f.members {
		if strings.EqualFold(m, symbol) {
			return true
		}
	}
	return false
}

// KeywordChemical reports gene keywords that the NER read from chemical
// words or from protein family names through synonyms.
var KeywordChemical = Rule{
	Meta: Meta{
		ID:        keywordChemicalID,
		Severity:  SeverityWarning,
		Since:     "0.1.0",
		FixSafety: FixUnsafe,
		Summary:   "gene keywords must not come from chemical words or protein family names read as genes",
		Doc: "PFOCR's gene NER matches a figure's words against gene symbols and synonyms, so " +
			"chemical abbreviations become genes (ATP → ATP8A2, ADP → WDTC1, GTP → MTG1, PEP → PAEP " +
			"and PREP, PGI → BGN) and so do family names that are also an old alias of an unrelated " +
			"gene (ERK → EPHB2 or Ephb1, MEK → the fly's Mtk); enrichment analyses then count genes " +
			"the figure does not show. The genes table's `word`, `match` and `source` columns tell " +
			"which word each symbol came from and how. A gene keyword is reported at its item, with " +
			"the table row's word as a related location, when every row that gives its symbol " +
			"comes from such a word:\n\n" +
			"- a common chemical abbreviation (nucleotides, cyclic nucleotides and other second " +
			"messengers, redox cofactors, glycolysis intermediates, reactive oxygen and nitrogen " +
			"species, ions, prostanoids, TAG and LPS: `ATP`, `cAMP`, `IP3`, `NADPH`, `CoA`, `PEP`, " +
			"`ROS`, `NO`, `Ca2+`, `PGE2`…, each group from ChEBI's names and the IUPAC-IUB " +
			"abbreviations; only abbreviations that name no protein, so `CTP` (also the citrate " +
			"transport protein, SLC25A1), `CMP`, `CDP`, `FBP`, `SAM` are not on the list, and " +
			"`PGI` → `GPI` is kept, since PGI is also phosphoglucose isomerase), matched through an " +
			"NCBI synonym or a symbol in another case (PEP → the fly's `Pep`): a warning;\n" +
			"- a protein family name (`ERK`, `MAPK`, `JNK`, `p38`, `MEK`, `PKC`, `PKA`, `AKT`, `PI3K`, " +
			"`RAS`, `RAF`) matched through an NCBI synonym to a symbol outside the family: a warning " +
			"(a synonym to a member, AKT → AKT1 or ERK → MAPK1, and FamPlex's family expansions are " +
			"right and not reported).\n\n" +
			"A word that only the page's chemicals table calls a chemical is not reported: that " +
			"table's NER errs as often (it reads `BiP`, the chaperone HSPA5, as phlorizin, and `ADH`, " +
			"vasopressin, whose gene AVP is right).\n\n" +
			"A row whose word is the official symbol itself (the word `ATP8A2`, or `ATP5F1A`) is a " +
			"real gene; a symbol that any such row also gives is not reported. Without a genes " +
			"table the rule says nothing: the word is unknown, and a keyword spelt like an " +
			"abbreviation is often a real symbol (E. coli's `udp`, the fly's `adp`). One word that produced several " +
			"keywords (PEP → PAEP and PREP) is one finding at the first, naming all, the other " +
			"keywords and rows as related locations. One cause, one finding: keywords that are " +
			"themselves noise by their text (one or two characters, numbers, the pipeline's stop " +
			"list: `CAMP`, `DAG`, `ROS`, `CA2`) or common English words that the table gives to the " +
			"fly or the worm when `organisms` does not list it (PEP → `Pep`) are `keyword-noise`'s, " +
			"and this rule leaves them alone; so are keywords that belong only to organisms that " +
			"`organisms-ner-mismatch` or `organism-plausibility` reports (that warning names them, and " +
			"dropping the organism drops them). " +
			"Warnings, not errors: the rows prove where the keyword came from, but an " +
			"alias can, rarely, be meant (an Eph receptor figure may call EPHB2 ERK), which " +
			"only the figure settles. The fix removes the keyword's item and the genes table's " +
			"rows of that symbol (so that page and table still agree); it is unsafe, since only the " +
			"figure can confirm, and it is offered only for a plain item alone on its line in a " +
			"block list of more than one, and when other rows remain in the table.",
		Bad: "# _data/PMC1__f1-genes.tsv: word ATP, source ncbigene_synonym, symbol ATP8A2\n" +
			"organisms_ner:\n- Homo sapiens\nschema-jsonld:\n  keywords:\n  - STAT3\n  - ATP8A2\n",
		Good: "organisms_ner:\n- Homo sapiens\nschema-jsonld:\n  keywords:\n  - STAT3\n",
	},
	Run: runKeywordChemical,
}

// chemicalCause is why one word's rows are suspect.
type chemicalCause struct {
	what     string // "a chemical (adenosine triphosphate)"
	family   bool   // what names a protein family the symbols are not of
	severity Severity
}

// chemicalHit is one suspect word and the keywords it produced.
type chemicalHit struct {
	word  string
	cause chemicalCause
	items []int // keyword indexes
	rows  []int // genes-table rows, one per item
	// synonym and otherCase say how the rows matched: through an NCBI
	// synonym, or to an NCBI symbol in another case (PEP -> Pep).
	synonym, otherCase bool
}

func runKeywordChemical(p *Pass) {
	items, isList := p.sharedItems("/schema-jsonld/keywords")
	if !isList || len(items) == 0 {
		return
	}
	figid, _, ok := p.Scalar("/figid")
	if !ok || figid == "" || !safeFigid(figid) {
		return
	}
	quiet := quietPass(p)
	genes, _ := readTable(quiet, figid+"-genes.tsv", genesColumns)
	if genes == nil {
		// Without a table the word is unknown, and a keyword spelt like
		// an abbreviation is often a real symbol (E. coli's udp, the
		// fly's adp); the abbreviations themselves as keywords are
		// chemical words or keyword-noise's stop list.
		return
	}
	col := func(name string) int { return genes.column(name) }
	wordCol, matchCol, symCol, srcCol := col("word"), col("match"), col("ncbigene_symbol"), col("source")
	if wordCol < 0 || symCol < 0 {
		return // an older table without words: nothing to go on
	}
	chemWords := chemicalTableWords(quiet, figid)
	// Per symbol: the first suspect row, or -1 once any row is sound. One
	// pass over the rows, then one over the keywords.
	suspect := make(map[string]int, len(genes.rows))
	causes := make(map[int]chemicalCause)
	orgCol := genes.column("organism_name")
	orgs := make(map[string][]string, len(genes.rows)) // symbol -> organisms
	for i, r := range genes.rows {
		sym := r[symCol]
		orgs[sym] = appendDistinct(orgs[sym], r[orgCol])
		if at, seen := suspect[sym]; seen && at < 0 {
			continue
		}
		src, match := "", ""
		if srcCol >= 0 {
			src = r[srcCol]
		}
		if matchCol >= 0 {
			match = r[matchCol]
		}
		c, bad := rowCause(r[wordCol], match, sym, src, chemWords)
		if !bad {
			suspect[sym] = -1
			continue
		}
		if _, seen := suspect[sym]; !seen {
			suspect[sym] = i
			causes[i] = c
		}
	}
	listed := listedOrganisms(p)
	hits := map[string]*chemicalHit{}
	var order []string
	for i, it := range items {
		if it.Null || isMissing(it.Text) || noiseByText(it.Text) || englishNoiseByTable(it.Text, orgs[it.Text], listed) {
			continue
		}
		row, seen := suspect[it.Text]
		if !seen || row < 0 || allReported(p, orgs[it.Text], listed) {
			continue
		}
		word := genes.rows[row][wordCol]
		h := hits[word]
		if h == nil {
			h = &chemicalHit{word: word, cause: causes[row]}
			hits[word] = h
			order = append(order, word)
		}
		if srcCol >= 0 && genes.rows[row][srcCol] == "ncbigene_synonym" {
			h.synonym = true
		} else {
			h.otherCase = true
		}
		h.items, h.rows = append(h.items, i), append(h.rows, row)
	}
	for _, w := range order {
		h := hits[w]
		reportChemicalHit(p, items, genes, figid+"-genes.tsv", wordCol, symCol, h)
	}
}

// allReported tells whether every organism a keyword belongs to is one
// that an organism rule reports (organismReported): that finding names
// the keyword already.
func allReported(p *Pass, orgs, listed []string) bool {
	for _, o := range orgs {
		if !organismReported(p, o, listed) {
			return false
		}
	}
	return len(orgs) > 0
}

// rowCause tells whether one genes-table row turned a chemical word or a
// family name into a gene, and why.
func rowCause(word, match, symbol, source string, chemWords map[string]string) (chemicalCause, bool) {
	if word == symbol {
		return chemicalCause{}, false // the figure writes the symbol itself
	}
	synonym := source == "ncbigene_synonym"
	otherCase := source == "ncbigene_symbol" && strings.EqualFold(word, symbol)
	if a := chemicalOf(word, match); a != "" && (synonym || otherCase) {
		c := chemicals[a]
		for _, g := range c.genes {
			if strings.EqualFold(g, symbol) {
				return chemicalCause{}, false
			}
		}
		what := fmt.Sprintf("a chemical (%s)", c.name)
		if _, listed := chemWords[word]; listed {
			what += " that the chemicals table lists too"
		}
		return chemicalCause{what: what, severity: SeverityWarning}, true
	}
	if !synonym {
		return chemicalCause{}, false
	}
	f := familyOf(match)
	if f == nil {
		f = familyOf(word)
	}
	if f != nil && !f.has(symbol) {
		return chemicalCause{what: fmt.Sprintf("the name of a protein family (%s)", f.name), family: true,
			severity: SeverityWarning}, true
	}
	// A word that only the chemicals table calls a chemical is not enough:
	// that table's NER errs as often as the genes table's (BiP, the
	// chaperone HSPA5, read as phlorizin; ADH, vasopressin, which is the
	// gene AVP), so such rows are left alone.
	return chemicalCause{}, false
}

// how says how the NER matched the word to the hit's keywords.
func (h *chemicalHit) how() string {
	many := len(h.items) > 1
	switch {
	case h.synonym && h.otherCase:
		return "through NCBI synonyms and an NCBI symbol in another case"
	case h.otherCase && many:
		return "to NCBI symbols in another case"
	case h.otherCase:
		return "to an NCBI symbol in another case"
	case many:
		return "through NCBI synonyms"
	}
	return "through an NCBI synonym"
}

// noiseByText tells whether keyword-noise reports keyword s for its text
// alone (a number, one or two characters, the pipeline's stop list): that
// rule owns those keywords, whatever word they came from.
func noiseByText(s string) bool {
	return isDigits(s) || len([]rune(s)) <= 2 || stopWords[strings.ToUpper(s)]
}

// englishNoiseByTable tells whether keyword-noise reports keyword s as a
// common English word that is a fly or worm symbol of an organism that
// organisms does not list (PEP read as the fly's Pep): the genes table
// gives s to that one organism. That rule owns such keywords; deciding it
// here from the page alone keeps this rule's findings independent of
// which rules run.
func englishNoiseByTable(s string, orgs, listed []string) bool {
	if len(orgs) != 1 || !isEnglishWord(s) {
		return false
	}
	for _, l := range listed {
		if sameOrganism(orgs[0], l) {
			return false
		}
	}
	for _, n := range noiseOrganisms {
		if sameOrganism(orgs[0], n) {
			return true
		}
	}
	return false
}

// listedOrganisms returns the page's organisms, missing values and
// placeholders removed, as keyword-noise reads them.
func listedOrganisms(p *Pass) []string {
	var out []string
	if listed, _, ok := p.List("/organisms"); ok {
		for _, o := range listed {
			if o = strings.TrimSpace(o); !isMissing(o) && !organismPlaceholder(o) {
				out = appendDistinct(out, o)
			}
		}
	}
	return out
}

// chemicalTableWords returns the words of the page's chemicals table, each
// with the chemical's name when the table gives one.
func chemicalTableWords(quiet *Pass, figid string) map[string]string {
	t, _ := readTable(quiet, figid+"-chemicals.tsv", []string{"word"})
	if t == nil {
		return nil
	}
	w, n := t.column("word"), t.column("name")
	m := make(map[string]string, len(t.rows))
	for _, r := range t.rows {
		name := ""
		if n >= 0 && !isMissing(r[n]) && r[n] != "NA" {
			name = r[n]
		}
		if _, seen := m[r[w]]; !seen {
			m[r[w]] = name
		}
	}
	return m
}

// reportChemicalHit reports one suspect word's keywords as one finding at
// the first, with its table rows and the other keywords as related
// locations.
func reportChemicalHit(p *Pass, items []Item, genes *tsvTable, table string, wordCol, symCol int, h *chemicalHit) {
	first := items[h.items[0]]
	names := make([]string, len(h.items))
	var related []Related
	for j, i := range h.items {
		names[j] = items[i].Text
		if j > 0 {
			related = append(related, Related{Range: p.Doc.NodeRange(items[i].Node), Message: fmt.Sprintf("%q is here", items[i].Text)})
		}
	}
	for j, row := range h.rows {
		related = append(related, Related{Path: genes.path, Range: genes.rowRange(row, wordCol),
			Message: fmt.Sprintf("the row that gives %q from the word %q", names[j], h.word)})
	}
	subject := fmt.Sprintf("keyword %q comes", names[0])
	what := h.cause.what
	if h.cause.family {
		what += fmt.Sprintf(", of which %q is no member", names[0])
	}
	if len(names) > 1 {
		subject = fmt.Sprintf("%d keywords (%s) come", len(names), quoteList(names, 5))
		if h.cause.family {
			what = h.cause.what + ", of which none is a member"
		}
	}
	f := Diagnostic{Severity: h.cause.severity, Node: first.Node, Pointer: first.Pointer,
		Related: related,
		Message: fmt.Sprintf("%s from the word %q, %s, matched %s; expected only genes the figure shows", subject, h.word, what, h.how())}
	if fix, ok := removeItemFix(p.Doc, items, h.items); ok {
		// The table's rows of those symbols go too: a page without the
		// keyword and a table still giving it disagree (genes-table), and
		// the fix would be rolled back.
		if rows, ok := tableRowsFix(p, genes, table, symCol, names); ok {
			fix.Edits = append(fix.Edits, rows...)
			fix.Message = strings.Replace(fix.Message, "(unsafe: the genes table still gives it)", "and the genes table's rows that give it (unsafe: only the figure tells)", 1)
			fix.Message = strings.Replace(fix.Message, "(unsafe: the genes table still gives them)", "and the genes table's rows that give them (unsafe: only the figure tells)", 1)
			f.Fixes = []Fix{fix}
		}
	}
	p.Report(f)
}

// tableRowsFix returns the edits that delete every row of the genes table
// whose symbol is one of symbols, each a whole line; false when the table
// cannot be read as it was parsed, or when no row would remain.
func tableRowsFix(p *Pass, genes *tsvTable, table string, symCol int, symbols []string) ([]TextEdit, bool) {
	shown, data, err := p.Companion(table)
	if err != nil || shown != genes.path {
		return nil, false
	}
	drop := map[string]bool{}
	for _, s := range symbols {
		drop[s] = true
	}
	src := NewSource(data) // lines numbered as parseTable numbered them
	var edits []TextEdit
	kept := 0
	for i, r := range genes.rows {
		if !drop[r[symCol]] {
			kept++
			continue
		}
		line := genes.lines[i]
		if line < 2 || line > src.LineCount() {
			return nil, false // not a row line (the header is line 1)
		}
		start, end := src.LineStart(line), src.LineStart(line+1)
		if end == src.LineEnd(line) {
			// The last line, without a line break: take the one before it.
			start = src.LineEnd(line - 1)
		}
		edits = append(edits, TextEdit{Path: shown, Start: start, End: end})
	}
	if len(edits) == 0 || kept == 0 {
		return nil, false
	}
	// Adjacent rows make one edit (the last row's takes the line break
	// before it, which the row above ends with).
	merged := edits[:1]
	for _, e := range edits[1:] {
		if last := &merged[len(merged)-1]; e.Start <= last.End {
			last.End = max(last.End, e.End)
			continue
		}
		merged = append(merged, e)
	}
	return merged, true
}

// removeItemFix removes the keyword items idx from a block list: each must
// be a plain scalar alone on its line (a comment may follow), and at least
// one item must remain. Anything else (flow lists, aliases, several items
// on a line) gets no fix rather than a risky edit.
func removeItemFix(d *Document, items []Item, idx []int) (Fix, bool) {
	if len(idx) >= len(items) || d.Source == nil {
		return Fix{}, false
	}
	src := d.Source.Bytes()
	var edits []TextEdit
	for _, i := range idx {
		n := items[i].Node
		if n == nil || n.Kind != yaml.ScalarNode || n.Anchor != "" {
			return Fix{}, false
		}
		line := n.Line
		start, end := d.Source.LineStart(line), d.Source.LineEnd(line)
		lead := strings.TrimLeft(string(src[start:d.Source.ContentStart(n)]), " ")
		if lead != "- " {
			return Fix{}, false
		}
		rest := strings.TrimSpace(string(src[d.Source.NodeEnd(n):end]))
		if rest != "" && !strings.HasPrefix(rest, "#") {
			return Fix{}, false
		}
		next := d.Source.LineStart(line + 1)
		if next <= end { // the last line of the file: nothing to join
			return Fix{}, false
		}
		edits = append(edits, TextEdit{Start: start, End: next})
	}
	msg := fmt.Sprintf("remove the keyword %q (unsafe: the genes table still gives it)", items[idx[0]].Text)
	if len(idx) > 1 {
		msg = fmt.Sprintf("remove the %d keywords (unsafe: the genes table still gives them)", len(idx))
	}
	return Fix{Message: msg, Edits: edits}, true
}
