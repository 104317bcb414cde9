package rules

import (
	_ "embed" // the human lexicon is embedded
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/figlint/figlint/internal/lexicon"
	"github.com/figlint/figlint/internal/memo"
	"go.yaml.in/yaml/v3"
)

const keywordSymbolID = "keyword-symbol"

//go:embed data/human.lex
var humanLexicon []byte

// builtinLexicons is the embedded human lexicon, decoded on first use so
// that runs which never look a symbol up pay nothing.
var builtinLexicons = lexicon.Lazy(func() (*lexicon.File, error) {
	f, err := lexicon.Decode(humanLexicon)
	if err != nil {
		return nil, fmt.Errorf("rules: built-in human lexicon: %w", err)
	}
	return f, nil
})

// BuiltinLexicons returns the built-in lexicons: NCBI Gene's human symbols
// (Entrez Gene 2022-09-12, from Bioconductor's org.Hs.eg.db; see
// rules/data/README.md), loaded on first use.
func BuiltinLexicons() *lexicon.Set { return builtinLexicons }

// TaxonName returns the scientific name of a taxon of the built-in
// organism list (rules/data/taxa.tsv), or "" when the list lacks it. The
// lexicon builder uses it to name the taxa of gene_info files.
func TaxonName(taxid int) string {
	for _, t := range commonTaxa().taxa {
		if t.taxid == taxid {
			return t.name
		}
	}
	return ""
}

// KeywordRules returns the rules that check schema-jsonld.keywords
// (keyword-symbol, keyword-duplicate, keyword-noise), looking symbols up in
// the lexicons of set (nil: the built-in ones).
func KeywordRules(set *lexicon.Set) []Rule {
	if set == nil {
		set = builtinLexicons
	}
	return []Rule{newKeywordSymbol(set), KeywordDuplicate, newKeywordNoise(set)}
}

// WithLexicons returns rs with the keyword rules replaced by ones that look
// symbols up in set, for runs given extra lexicons (--lexicon). Other rules
// are kept as they are.
func WithLexicons(rs []Rule, set *lexicon.Set) []Rule {
	repl := map[string]Rule{}
	for _, r := range KeywordRules(set) {
		repl[r.ID] = r
	}
	out := make([]Rule, len(rs))
	for i, r := range rs {
		if k, ok := repl[r.ID]; ok {
			r = k
		}
		out[i] = r
	}
	return out
}

// KeywordSymbol checks each keyword of schema-jsonld.keywords against the
// gene symbols of the page's organisms, with the built-in lexicons.
var KeywordSymbol = newKeywordSymbol(builtinLexicons)

func newKeywordSymbol(set *lexicon.Set) Rule {
	return Rule{
		Meta: Meta{
			ID:        keywordSymbolID,
			Severity:  SeverityWarning,
			Since:     "0.1.0",
			FixSafety: FixUnsafe,
			Summary:   "gene keywords must be NCBI Gene official symbols of the page's organisms",
			Doc: "The gene part of `schema-jsonld.keywords` holds NCBI Gene official symbols of the " +
				"organisms in `organisms_ner`, organism by organism in that order, followed by chemical " +
				"and disease words. Each gene keyword is checked at its list item against the lexicons " +
				"loaded for the organisms of `organisms_ner` and `organisms`: figlint has NCBI Gene's " +
				"human symbols built in (Entrez Gene 2022-09-12, from Bioconductor's `org.Hs.eg.db`; see " +
				"`rules/data/README.md`), and `--lexicon FILE` adds lexicons compiled with `figlint " +
				"lexicon build` from NCBI `gene_info` files (any organism), HGNC's complete set or genes " +
				"tables. An official symbol is fine; a synonym or previous symbol is a warning naming " +
				"the official symbol it stands for (`SEPT9` → `SEPTIN9`), with it as the fix when there " +
				"is only one (an ambiguous synonym lists them all, with no fix); a word of the page's " +
				"chemicals or diseases table is fine; any other keyword is a warning (\"not an NCBI Gene " +
				"symbol of Homo sapiens (lexicon of 2022-09-12)\", with the closest symbols when one " +
				"differs only in case or punctuation, or by one letter or digit). A keyword of an " +
				"organism with no lexicon loaded is checked against the organism's nomenclature shape " +
				"(the HGNC, MGI, RGD, ZFIN, FlyBase, WormBase, SGD, TAIR, Xenbase and EcoCyc conventions) " +
				"and the message says the check was by shape only. A keyword with a character that no " +
				"official symbol contains (white space, `\" < > { } [ ] | \\ ; , / # % ? ! = * ~`, " +
				"non-ASCII letters such as Greek) is an error. An official symbol of only organisms " +
				"that `organisms` does not list (when it lists any) gets a note.\n\n" +
				"Which organism each keyword belongs to, and where the chemical and disease words " +
				"start, comes from the page's genes table when there is one; else from the order of the " +
				"list, the lexicons and the shapes (the split that fits best). Keywords after the last " +
				"recognised symbol may be words and are checked only when they cannot be. When " +
				"`organisms_ner` names an organism with neither a lexicon nor a shape (Gallus gallus, " +
				"whose symbols look human) and there is no genes table, only the characters are " +
				"checked. Missing values (`.na.character`) are left to `missing-value`.",
			Bad: "organisms:\n- Homo sapiens\norganisms_ner:\n- Homo sapiens\nschema-jsonld:\n  keywords:\n" +
				"  - STAT3\n  - SEPT9\n  - STAT3X\n  - IL6\n",
			Good: "organisms:\n- Homo sapiens\norganisms_ner:\n- Homo sapiens\nschema-jsonld:\n  keywords:\n" +
				"  - STAT3\n  - SEPTIN9\n  - IL6\n",
		},
		Run: func(p *Pass) { runKeywordSymbol(p, set) },
	}
}

// keywordPage is what the keyword rules know of one page: the keywords,
// the organisms, their lexicons, the companion tables, and which organism
// (block) each keyword belongs to.
type keywordPage struct {
	p     *Pass
	items []string
	nodes []*yaml.Node
	ptrs  []string

	ner    []string // organisms_ner, missing values removed, distinct
	listed []string // organisms, missing values and placeholders removed
	all    []string // ner then listed, distinct
	lex    map[string]*lexicon.Lexicon

	words  map[string]bool     // chemicals and diseases words
	table  map[string][]string // genes-table symbol -> organism names
	blocks []int               // per keyword: index in ner, len(ner) for words, -1 for missing values
}

// wordsBlock returns the block index of the chemical and disease words.
func (k *keywordPage) wordsBlock() int { return len(k.ner) }

// inGenePart reports whether keyword i was assigned to an organism.
func (k *keywordPage) inGenePart(i int) bool { return k.blocks[i] >= 0 && k.blocks[i] < len(k.ner) }

// readKeywordPage gathers what the keyword rules need; ok is false when the
// page has no keyword list.
func readKeywordPage(p *Pass, set *lexicon.Set) (*keywordPage, bool) {
	list, isList := p.sharedItems("/schema-jsonld/keywords")
	if !isList || len(list) == 0 {
		return nil, false
	}
	k := &keywordPage{p: p, lex: map[string]*lexicon.Lexicon{}}
	for _, it := range list {
		text := it.Text
		if it.Null {
			text = ""
		}
		k.items = append(k.items, text)
		k.nodes = append(k.nodes, it.Node)
		k.ptrs = append(k.ptrs, it.Pointer)
	}
	if ner, _, ok := p.List("/organisms_ner"); ok {
		for _, o := range ner {
			if o = strings.TrimSpace(o); !isMissing(o) {
				k.ner = appendDistinct(k.ner, o)
			}
		}
	}
	if listed, _, ok := p.List("/organisms"); ok {
		for _, o := range listed {
			if o = strings.TrimSpace(o); !isMissing(o) && !organismPlaceholder(o) {
				k.listed = appendDistinct(k.listed, o)
			}
		}
	}
	k.all = append([]string(nil), k.ner...)
	for _, o := range k.listed {
		k.all = appendDistinct(k.all, o)
	}
	if len(k.ner) > 0 {
		for _, o := range k.all {
			k.lex[o] = set.Find(o)
		}
	}
	k.readTables()
	k.assignBlocks()
	return k, true
}

// readTables reads the page's companion tables without reporting: their
// defects are genes-table's business.
func (k *keywordPage) readTables() {
	k.words = chemicalAndDiseaseWords(k.p)
	figid, _, ok := k.p.Scalar("/figid")
	if !ok || figid == "" || !safeFigid(figid) {
		return
	}
	if t, _ := readTable(quietPass(k.p), figid+"-genes.tsv", genesColumns); t != nil {
		k.table = map[string][]string{}
		org, sym := t.column("organism_name"), t.column("ncbigene_symbol")
		for _, r := range t.rows {
			k.table[r[sym]] = appendDistinct(k.table[r[sym]], r[org])
		}
	}
}

// tableSays reports whether the genes table gives keyword s to organism o.
func (k *keywordPage) tableSays(s, o string) bool {
	for _, t := range k.table[s] {
		if t == o {
			return true
		}
	}
	return false
}

// Block scores. The genes table, when there is one, decides. Else an
// official symbol anchors its organism's block so strongly that the
// unknown keywords before it are checked as symbols, not taken for words;
// a keyword with an organism's nomenclature shape fits that organism as
// well as it fits the words (ties go to the organism), and one against the
// shape counts against it, so that a run of fly-shaped keywords outweighs
// a fly symbol that is also a human one (AIMP2, MED21). A synonym fits its
// organism less than the words, so that a synonym after the last symbol is
// taken for a word (GTP, ROS and ATP are chemicals and human synonyms).
const (
	scoreTable     = 1000
	scoreOfficial  = 100
	scoreChemical  = 3
	scoreWord      = 2
	scoreShape     = 2
	scoreSynonym   = 1
	scoreOffShape  = -5
	scoreInLexicon = 0
)

// blockScore says how well keyword s fits block j; see the scores.
func (k *keywordPage) blockScore(s string, j int) int {
	if isMissing(s) {
		return 0
	}
	if k.table != nil {
		switch {
		case j == k.wordsBlock() && len(k.table[s]) == 0:
			return scoreWord
		case j < k.wordsBlock() && k.tableSays(s, k.ner[j]):
			return scoreTable
		}
		return 0
	}
	if j == k.wordsBlock() {
		switch {
		case k.words[s]:
			return scoreChemical
		case !k.officialAnywhere(s):
			return scoreWord
		}
		return 0
	}
	o := k.ner[j]
	sh := shapeOf(o)
	if l := k.lex[o]; l != nil {
		switch {
		case l.IsSymbol(s):
			return scoreOfficial
		case l.SynonymOf(s) != nil:
			return scoreSynonym
		case sh != nil && !sh.fits(s):
			return scoreOffShape
		}
		return scoreInLexicon
	}
	if sh == nil || sh.fits(s) {
		return scoreShape
	}
	return scoreOffShape
}

// officialAnywhere reports whether s is an official symbol in a lexicon of
// the page's organisms.
func (k *keywordPage) officialAnywhere(s string) bool {
	for _, o := range k.all {
		if l := k.lex[o]; l != nil && l.IsSymbol(s) {
			return true
		}
	}
	return false
}

// unknowable reports whether organism o of organisms_ner has neither a
// lexicon nor a nomenclature shape: its symbols cannot be checked, and
// without a genes table neither can the place of the other organisms'
// symbols (Gallus gallus symbols look like human ones).
func (k *keywordPage) unknowable(o string) bool { return k.lex[o] == nil && shapeOf(o) == nil }

// assignBlocks splits the keywords into the blocks the pipeline writes
// them in: the symbols of each organism of organisms_ner in its order,
// then the chemical and disease words. It picks the split that fits best
// (dynamic programming over the monotone assignments); ties go to the
// earlier block.
func (k *keywordPage) assignBlocks() {
	n, nb := len(k.items), len(k.ner)+1
	k.blocks = make([]int, n)
	if len(k.ner) == 0 {
		for i := range k.blocks {
			k.blocks[i] = k.wordsBlock()
		}
		k.markMissing()
		return
	}
	best := make([][]int, n)
	for i := range best {
		best[i] = make([]int, nb)
		prefix := 0 // best score of the previous keywords ending in a block <= j
		for j := 0; j < nb; j++ {
			if i > 0 && best[i-1][j] > prefix {
				prefix = best[i-1][j]
			}
			best[i][j] = prefix + k.blockScore(k.items[i], j)
		}
	}
	limit := nb - 1
	for i := n - 1; i >= 0; i-- {
		pick := 0
		for j := 1; j <= limit; j++ {
			if best[i][j] > best[i][pick] {
				pick = j
			}
		}
		k.blocks[i], limit = pick, pick
	}
	k.markMissing()
}

func (k *keywordPage) markMissing() {
	for i, s := range k.items {
		if isMissing(s) {
			k.blocks[i] = -1
		}
	}
}

// owners returns the organisms (of organisms_ner and organisms) whose
// lexicon has s as an official symbol.
func (k *keywordPage) owners(s string) []string {
	var out []string
	for _, o := range k.all {
		if l := k.lex[o]; l != nil && l.IsSymbol(s) {
			out = append(out, o)
		}
	}
	return out
}

// withLexicon returns the page's organisms that have a lexicon, each
// lexicon once.
func (k *keywordPage) withLexicon() []string {
	var out []string
	seen := map[*lexicon.Lexicon]bool{}
	for _, o := range k.all {
		if l := k.lex[o]; l != nil && !seen[l] {
			seen[l] = true
			out = append(out, o)
		}
	}
	return out
}

// sameOrganism reports whether two organism names name the same organism
// for symbol purposes: equal, or of the same species.
func sameOrganism(a, b string) bool {
	if a == b {
		return true
	}
	sa := lexicon.Species(a)
	return sa != "" && sa == lexicon.Species(b)
}

func (k *keywordPage) isListed(o string) bool {
	for _, l := range k.listed {
		if sameOrganism(o, l) {
			return true
		}
	}
	return false
}

// report reports a finding of the running keyword rule at item i.
func (k *keywordPage) report(i int, sev Severity, fix *string, format string, args ...any) {
	f := Diagnostic{Node: k.nodes[i], Pointer: k.ptrs[i], Message: fmt.Sprintf(format, args...)}
	if sev != 0 {
		f.Severity = sev
	}
	if fix != nil && k.nodes[i].Kind == yaml.ScalarNode { // not through an alias
		f.Fixes = []Fix{k.p.Doc.ReplaceFix(fmt.Sprintf("replace with %q", *fix), k.nodes[i], *fix)}
	}
	k.p.Report(f)
}

// keywordPageKey is the Document.Memo key of a page's keyword reading.
type keywordPageKey struct{ set *lexicon.Set }

// sharedKeywordPage returns the page's keyword reading, made once per page
// for both keyword rules, bound to this rule's pass (it reports through it).
func sharedKeywordPage(p *Pass, set *lexicon.Set) (*keywordPage, bool) {
	v := p.Doc.Memo(keywordPageKey{set}, func() any {
		k, ok := readKeywordPage(p, set)
		if !ok {
			return (*keywordPage)(nil)
		}
		return k
	})
	k, _ := v.(*keywordPage)
	if k == nil {
		return nil, false
	}
	bound := *k
	bound.p = p
	return &bound, true
}

func runKeywordSymbol(p *Pass, set *lexicon.Set) {
	k, ok := sharedKeywordPage(p, set)
	if !ok || len(k.ner) == 0 {
		return // no gene part: every keyword is a chemical or disease word
	}
	attributable := k.table != nil
	if !attributable {
		attributable = true
		for _, o := range k.ner {
			if k.unknowable(o) {
				attributable = false
			}
		}
	}
	for i, s := range k.items {
		if !k.inGenePart(i) || k.words[s] || k.unknowable(k.ner[k.blocks[i]]) {
			continue // a word, or of an organism figlint knows nothing of
		}
		if !attributable {
			k.checkChars(i, s)
			continue
		}
		k.checkSymbol(i, s)
	}
}

// checkChars reports only characters that no symbol contains, for pages
// whose keywords cannot be attributed to organisms.
func (k *keywordPage) checkChars(i int, s string) {
	if bad := badSymbolChars(s); bad != "" && len(k.owners(s)) == 0 {
		k.report(i, SeverityError, nil,
			"keyword %q contains %s, which no official gene symbol contains; expected an NCBI Gene symbol", s, bad)
	}
}

// checkSymbol checks one keyword of the gene part.
func (k *keywordPage) checkSymbol(i int, s string) {
	block := k.ner[k.blocks[i]]
	if owners := k.owners(s); len(owners) > 0 {
		k.checkOwners(i, s, owners)
		return
	}
	if k.lex[block] == nil {
		if sh := shapeOf(block); sh == nil || sh.fits(s) {
			return // checked by shape only, and fine; or not checkable
		}
	}
	if k.checkSynonym(i, s) {
		return
	}
	if badSymbolChars(s) != "" {
		k.checkChars(i, s)
		return
	}
	if k.lex[block] == nil {
		sh := shapeOf(block)
		k.report(i, 0, nil,
			"keyword %q does not have the shape of a %s symbol (%s); checked by shape only, as no lexicon of %s is loaded (see figlint lexicon build)",
			s, block, sh.desc, block)
		return
	}
	orgs := k.withLexicon()
	var near []string
	for _, o := range orgs {
		for _, c := range k.lex[o].Closest(s, 3) {
			near = appendDistinct(near, c)
		}
	}
	what := fmt.Sprintf("keyword %q is not an NCBI Gene symbol of %s", s, k.lexiconNames(orgs))
	if len(near) > 0 {
		k.report(i, 0, nil, "%s; expected an official symbol such as %s", what, quoteList(near, 3))
		return
	}
	k.report(i, 0, nil, "%s; expected an official symbol", what)
}

// lexiconNames names organisms with the dates of their lexicons:
// "Homo sapiens (lexicon of 2022-09-12) or Mus musculus".
func (k *keywordPage) lexiconNames(orgs []string) string {
	parts := make([]string, len(orgs))
	for i, o := range orgs {
		parts[i] = o
		if d := k.lex[o].Date(); d != "" {
			parts[i] += " (lexicon of " + d + ")"
		}
	}
	return strings.Join(parts, " or ")
}

// checkOwners notes an official symbol of organisms that organisms does
// not list, when it lists some and none of those could own the symbol.
func (k *keywordPage) checkOwners(i int, s string, owners []string) {
	if len(k.listed) == 0 {
		return
	}
	for _, o := range owners {
		if k.isListed(o) {
			return
		}
	}
	for _, o := range k.listed {
		if k.lex[o] == nil {
			if sh := shapeOf(o); sh != nil && sh.fits(s) {
				return // may be a symbol of this listed organism too
			}
		}
	}
	k.report(i, SeverityNote, nil,
		"keyword %q is a symbol of %s only, which organisms does not list; expected symbols of the figure's organisms (%s)",
		s, strings.Join(owners, " and "), quoteList(k.listed, 3))
}

// checkSynonym reports a synonym or previous symbol; it returns false when
// s is none.
func (k *keywordPage) checkSynonym(i int, s string) bool {
	type hit struct {
		org     string
		targets []string
	}
	var hits []hit
	var all []string
	for _, o := range k.withLexicon() {
		if t := k.lex[o].SynonymOf(s); len(t) > 0 {
			hits = append(hits, hit{o, t})
			for _, x := range t {
				all = appendDistinct(all, x)
			}
		}
	}
	if len(hits) == 0 {
		return false
	}
	if len(all) == 1 {
		want := all[0]
		k.report(i, 0, &want,
			"keyword %q is a synonym or previous symbol of %q (%s); expected the official symbol", s, want, hits[0].org)
		return true
	}
	parts := make([]string, len(hits))
	for j, h := range hits {
		parts[j] = quoteList(h.targets, 6) + " (" + h.org + ")"
	}
	k.report(i, 0, nil,
		"keyword %q is an ambiguous synonym, of %s; expected the official symbol of the gene meant", s, strings.Join(parts, " and "))
	return true
}

// badSymbolChars returns the quoted characters of s that no official
// symbol contains (DOMAIN: white space, punctuation NCBI and the
// nomenclature committees never use, non-ASCII letters), or "".
func badSymbolChars(s string) string {
	var bad []string
	for _, r := range s {
		if unicode.IsSpace(r) || strings.ContainsRune("\"<>{}[]|\\;,/#%?!=*~", r) || r >= utf8.RuneSelf {
			q := strconv.QuoteRune(r)
			if unicode.IsSpace(r) {
				q = "white space"
			}
			bad = appendDistinct(bad, q)
		}
	}
	return strings.Join(bad, " and ")
}

// shape is a nomenclature's symbol shape, the fallback check when no
// lexicon of the organism is loaded.
type shape struct {
	re   *regexp.Regexp
	desc string
}

// shapes are the nomenclature shapes of DOMAIN.md's table, by species.
// They are deliberately loose: they reject what the committee's
// conventions never produce (an all-capital mouse symbol, a capitalised
// zebrafish one), not every unusual symbol.
var shapes = map[string]*shape{
	// All but 3 of NCBI's 77,509 human symbols of 2022 fit (cDNA clone
	// names such as DKFZp434L192 do not).
	"Homo sapiens": {regexp.MustCompile(`^(C[0-9XY]+orf[0-9]+[A-Z]?|[A-Z][A-Z0-9]*)([-._:'+@]?[A-Z0-9]+|orf[0-9]+)*@?$`),
		"HGNC: upper-case letters and digits, starting with a letter"},
	// MGI also keeps lower-case symbols for loci known by a mutant
	// phenotype only (tp, l7Rn6); what never occurs is two capitals in a
	// row at the start (STAT3).
	"Mus musculus": {regexp.MustCompile(`^([A-Z]?([a-z0-9]+[A-Z]?)*|[0-9]+[A-Z][0-9]+Rik|mt-[A-Za-z0-9]+)([-.][A-Za-z0-9]+)*$`),
		"MGI: a capital then lower-case letters and digits"},
	"Rattus norvegicus": {regexp.MustCompile(`^([A-Z]?([a-z0-9]+[A-Z]?)*|RGD[0-9]+|LOC[0-9]+|[0-9]+[A-Z][0-9]+Rik|Mt-[A-Za-z0-9]+)([-.][A-Za-z0-9]+)*$`),
		"RGD: a capital then lower-case letters and digits"},
	"Danio rerio": {regexp.MustCompile(`^[a-z0-9]+([-.:_][a-z0-9]+)*$`),
		"ZFIN: lower-case letters and digits"},
	"Drosophila melanogaster": {regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9()\-:.'+\[\]]*$`),
		"FlyBase: letters and digits with ( ) - : ."},
	"Caenorhabditis elegans": {regexp.MustCompile(`^([a-z]{2,5}-[0-9]+(\.[0-9]+)?[a-z]?|[A-Z0-9]+\.[0-9]+[a-z]?(\.[0-9]+)?|[a-z]{3,4}-[A-Z0-9.]+)$`),
		"WormBase: three or four lower-case letters, a hyphen and a number, or a sequence name"},
	"Saccharomyces cerevisiae": {regexp.MustCompile(`^([A-Z]{3}[0-9]+[A-Z]?(-[A-Z0-9]+)?|Y[A-P][LR][0-9]{3}[WC](-[A-Z])?|Q[0-9]{4}|t[A-Z]\([A-Z]{3}\)[A-Z0-9]*)$`),
		"SGD: three capitals and a number, or a systematic name"},
	"Arabidopsis thaliana": {regexp.MustCompile(`^([A-Z][A-Z0-9]*([-.][A-Z0-9]+)*|AT[1-5CM]G[0-9]{5})$`),
		"TAIR: upper-case letters and digits, or an AGI locus"},
	"Xenopus laevis": {regexp.MustCompile(`^[a-z0-9]+([-.][a-z0-9]+)*(\.[LS])?$`),
		"Xenbase: lower-case letters and digits, with .L or .S"},
	"Escherichia coli": {regexp.MustCompile(`^([a-z]{3}[A-Z]?[0-9]?|b[0-9]{4})$`),
		"EcoCyc: three lower-case letters and a capital"},
}

// shapeOf returns the nomenclature shape of an organism's symbols, or nil.
func shapeOf(organism string) *shape {
	if sh := shapes[organism]; sh != nil {
		return sh
	}
	return shapeOfSpecies.Get(organism, func(o string) *shape { return shapes[lexicon.Species(o)] })
}

// shapeOfSpecies remembers the shape of organism names that are not
// species names themselves (strains, subspecies).
var shapeOfSpecies = memo.Map[string, *shape]{Limit: 1 << 12, Own: strings.Clone}

// shapeFits remembers which keywords fit which shape: the same symbols
// recur page after page.
var shapeFits = memo.Map[shapeQuestion, bool]{Limit: 1 << 18,
	Own: func(q shapeQuestion) shapeQuestion { q.s = strings.Clone(q.s); return q }}

type shapeQuestion struct {
	sh *shape
	s  string
}

// fits reports whether s has the shape.
func (sh *shape) fits(s string) bool {
	if len(s) > 64 { // not worth remembering (and the memo stays small in bytes)
		return sh.re.MatchString(s)
	}
	return shapeFits.Get(shapeQuestion{sh, s}, func(q shapeQuestion) bool { return q.sh.re.MatchString(q.s) })
}
