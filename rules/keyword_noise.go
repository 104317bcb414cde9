package rules

import (
	_ "embed" // the English word list is embedded
	"fmt"
	"slices"
	"strings"

	"github.com/figlint/figlint/internal/lexicon"
)

const keywordNoiseID = "keyword-noise"

//go:embed data/english-words.txt
var englishWords string

// stopWords are the words DOMAIN.md lists from the PFOCR pipeline's stop
// list: legitimate symbols of some organism that are usually OCR noise.
var stopWords = map[string]bool{
	"CO2": true, "HR": true, "GA": true, "CA2": true, "TYPE": true, "DAMAGE": true, "CAMP": true,
	"FOR": true, "DAG": true, "PIP": true, "FATE": true, "NOT": true, "CAN": true, "MIR": true,
	"CELL": true, "ECM": true, "ROS": true, "END": true, "MICE": true, "FAT": true, "SEX": true,
	"STEP": true, "TUBE": true, "TOP": true,
}

// noiseOrganisms are the organisms whose nomenclatures make common English
// words into symbols (`cash`, `Root`, `how`, `sun` in the fly; `unc`,
// `lin` names in the worm are not words, but `let` and `him` are).
var noiseOrganisms = []string{"Drosophila melanogaster", "Caenorhabditis elegans"}

// KeywordNoise notes gene keywords that are likely OCR noise, with the
// built-in lexicons.
var KeywordNoise = newKeywordNoise(builtinLexicons)

func newKeywordNoise(set *lexicon.Set) Rule {
	return Rule{
		Meta: Meta{
			ID:       keywordNoiseID,
			Severity: SeverityNote,
			Since:    "0.1.0",
			Summary:  "gene keywords that are likely OCR noise",
			Doc: "OCR of a figure yields words that happen to be gene symbols of some organism; the " +
				"pipeline keeps them, and they pollute the figure's gene set. Each keyword of the gene " +
				"part of `schema-jsonld.keywords` (see `keyword-symbol`) gets a note when it is one or two " +
				"characters long, a pure number, on the PFOCR pipeline's stop list (`CO2`, `HR`, `GA`, " +
				"`CA2`, `TYPE`, `DAMAGE`, `CAMP`, `FOR`, `DAG`, `PIP`, `FATE`, `NOT`, `CAN`, `MIR`, " +
				"`CELL`, `ECM`, `ROS`, `END`, `MICE`, `FAT`, `SEX`, `STEP`, `TUBE`, `TOP`, in any case), " +
				"or a common English word (SCOWL's size-35 list, from Debian's `wamerican-small`) that is " +
				"a symbol of Drosophila melanogaster or Caenorhabditis elegans when `organisms` does not " +
				"list that organism (`cash`, `Root`, `how`). Which organism a keyword belongs to comes " +
				"from the genes table, a loaded lexicon, or its place in the list (only before the last " +
				"keyword that the table or a lexicon places: chemical and disease words come last). " +
				"A short keyword that a loaded lexicon (the built-in human one, or `--lexicon`) knows as " +
				"an official symbol of its organism is not noise when `organisms` lists that organism or " +
				"none (`C3`, `AR`, `F9`, `TH` are human genes). One cause, one finding: the noise keywords " +
				"of a page, of every kind, are one note at the first, naming all by kind, the others as " +
				"related locations; " +
				"and keywords of an organism that `organisms-ner-mismatch` reports (organisms lists " +
				"others) or `organism-plausibility` reports (the figure does not support it) are left " +
				"to that rule, whose warning names them. " +
				"Notes only: these are real symbols, so only the figure can tell.",
			Bad: "organisms:\n- Homo sapiens\norganisms_ner:\n- Drosophila melanogaster\n- Homo sapiens\n" +
				"schema-jsonld:\n  keywords:\n  - cash\n  - Dr\n  - STAT3\n",
			Good: "organisms:\n- Homo sapiens\norganisms_ner:\n- Homo sapiens\nschema-jsonld:\n  keywords:\n  - STAT3\n",
		},
		Run: func(p *Pass) { runKeywordNoise(p, set) },
	}
}

func runKeywordNoise(p *Pass, set *lexicon.Set) {
	k, ok := sharedKeywordPage(p, set)
	if !ok || len(k.ner) == 0 {
		return
	}
	// One finding per kind of noise on a page, naming every keyword of
	// that kind: the NER accepted such words throughout the figure, which
	// is one cause however many words it let in.
	var numbers, short, stop []int
	english := map[string][]int{} // organism -> keywords
	var englishOrder []string
	for i, s := range k.items {
		if !k.inGenePart(i) || k.words[s] || k.coveredByMismatch(i, s) {
			continue
		}
		switch n := len([]rune(s)); {
		case isDigits(s):
			numbers = append(numbers, i)
		case n <= 2:
			if !k.officialOfListed(i, s) {
				short = append(short, i)
			}
		case stopWords[strings.ToUpper(s)]:
			stop = append(stop, i)
		default:
			if org := k.englishNoise(i, s); org != "" {
				if english[org] == nil {
					englishOrder = append(englishOrder, org)
				}
				english[org] = append(english[org], i)
			}
		}
	}
	groups := []noiseGroup{
		{numbers, func(string) string { return "is a number" }, "are numbers", "numbers",
			"gene symbols only (numbers among the symbols are usually OCR noise)"},
		{short, func(s string) string {
			n := len([]rune(s))
			return fmt.Sprintf("has only %d character%s", n, plural(n))
		}, "have only one or two characters", "one or two characters", "only symbols the figure shows (symbols this short are usually OCR noise)"},
		{stop, func(string) string { return "is on the PFOCR pipeline's stop list of words that are usually not genes" },
			"are on the PFOCR pipeline's stop list of words that are usually not genes", "on the PFOCR pipeline's stop list",
			"only symbols the figure shows"},
	}
	for _, org := range englishOrder {
		groups = append(groups, noiseGroup{english[org], func(string) string { return fmt.Sprintf("is a common English word and a %s symbol", org) },
			fmt.Sprintf("are common English words and %s symbols", org), fmt.Sprintf("English words and %s symbols", org),
			fmt.Sprintf("only symbols the figure shows (organisms does not list %s, so these are likely OCR noise)", org)})
	}
	k.reportNoise(groups)
}

// noiseGroup is the keywords of one kind of noise on a page: idx, what a
// single one is (one), what several are (many, and kind in a list of
// kinds), and what is expected.
type noiseGroup struct {
	idx        []int
	one        func(string) string
	many, kind string
	expected   string
}

// reportNoise reports a page's noise keywords as one finding at the first,
// the others as related locations: the NER accepted such words throughout
// the figure, which is one cause however many words and kinds it let in.
func (k *keywordPage) reportNoise(groups []noiseGroup) {
	var used []noiseGroup
	var all []int
	for _, g := range groups {
		if len(g.idx) > 0 {
			used = append(used, g)
			all = append(all, g.idx...)
		}
	}
	if len(all) == 0 {
		return
	}
	if len(all) == 1 {
		g, s := used[0], k.items[all[0]]
		k.report(all[0], 0, nil, "keyword %q %s; expected %s", s, g.one(s), g.expected)
		return
	}
	slices.Sort(all)
	related := make([]Related, 0, len(all)-1)
	for _, i := range all[1:] {
		related = append(related, Related{Range: k.p.Doc.NodeRange(k.nodes[i]), Message: fmt.Sprintf("%q is here", k.items[i])})
	}
	names := func(idx []int) []string {
		out := make([]string, len(idx))
		for j, i := range idx {
			out[j] = k.items[i]
		}
		return out
	}
	var msg string
	if len(used) == 1 {
		g := used[0]
		msg = fmt.Sprintf("%d keywords (%s) %s; expected %s", len(g.idx), quoteList(names(g.idx), 5), g.many, g.expected)
	} else {
		parts := make([]string, len(used))
		for j, g := range used {
			parts[j] = fmt.Sprintf("%s (%s)", quoteList(names(g.idx), 5), g.kind)
		}
		msg = fmt.Sprintf("%d keywords are likely noise: %s; expected only symbols the figure shows", len(all), strings.Join(parts, ", "))
	}
	k.p.Report(Diagnostic{Node: k.nodes[all[0]], Pointer: k.ptrs[all[0]], Related: related, Message: msg})
}

// coveredByMismatch tells whether keyword i belongs to an organism that
// organisms-ner-mismatch reports (organisms names others, not this one) or
// organism-plausibility reports (the figure does not support it): that
// finding names the organism and its words as the evidence, so
// keyword-noise leaves them to it. One cause, one finding.
func (k *keywordPage) coveredByMismatch(i int, s string) bool {
	reported := func(o string) bool { return organismReported(k.p, o, k.listed) }
	if org := k.organismOf(i, s); org != "" {
		return reported(org)
	}
	// Not placed (no genes table, and past the keywords a lexicon
	// places): the keyword is a reported organism's when it has that
	// organism's symbol shape and no other organism's of the page ("rl"
	// and "oe" are fly-shaped, not human-shaped).
	fitsReported := false
	for _, o := range k.ner {
		sh := shapeOf(o)
		if sh == nil || !sh.fits(s) {
			continue
		}
		if !reported(o) {
			return false
		}
		fitsReported = true
	}
	return fitsReported
}

// officialOfListed tells whether short keyword s is an official symbol,
// in a loaded lexicon, of the organism it belongs to, when organisms lists
// that organism or lists none: C3, AR, F9 and TH are real human genes.
func (k *keywordPage) officialOfListed(i int, s string) bool {
	org := k.organismOf(i, s)
	if org == "" || len(k.listed) > 0 && !k.isListed(org) {
		return false
	}
	l := k.lex[org]
	return l != nil && l.IsSymbol(s)
}

// englishNoise returns the organism of keyword s when it is a common
// English word and a fly or worm symbol on a page whose organisms do not
// include that organism, else "".
func (k *keywordPage) englishNoise(i int, s string) string {
	if !isEnglishWord(s) {
		return ""
	}
	org := k.organismOf(i, s)
	if org == "" || k.isListed(org) {
		return ""
	}
	for _, n := range noiseOrganisms {
		if sameOrganism(org, n) {
			return org
		}
	}
	return ""
}

// organismOf says which organism of organisms_ner keyword i belongs to:
// by the genes table, a lexicon, or its place in the list.
func (k *keywordPage) organismOf(i int, s string) string {
	if t := k.table[s]; len(t) == 1 {
		return t[0]
	}
	var owners []string
	for _, o := range k.ner {
		if l := k.lex[o]; l != nil && l.IsSymbol(s) {
			owners = append(owners, o)
		}
	}
	if len(owners) == 1 {
		return owners[0]
	}
	if len(owners) > 1 || len(k.table[s]) > 1 || i >= k.lastAnchor() {
		// After the last keyword that a lexicon or the table places, the
		// place proves nothing: chemical and disease words come last.
		return ""
	}
	return k.ner[k.blocks[i]]
}

// lastAnchor returns the index of the last keyword that the genes table
// or a lexicon gives to an organism of organisms_ner, or -1.
func (k *keywordPage) lastAnchor() int {
	for i := len(k.items) - 1; i >= 0; i-- {
		s := k.items[i]
		if len(k.table[s]) > 0 {
			return i
		}
		for _, o := range k.ner {
			if l := k.lex[o]; l != nil && l.IsSymbol(s) {
				return i
			}
		}
	}
	return -1
}

// isEnglishWord reports whether s, written in lower case or capitalised, is
// a word of three letters or more of the embedded English list.
func isEnglishWord(s string) bool {
	if len(s) < 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || i == 0 && c >= 'A' && c <= 'Z' {
			continue
		}
		return false
	}
	return inSortedLines(englishWords, strings.ToLower(s))
}

// inSortedLines reports whether w is a line of text, whose lines are
// sorted bytewise, by bisecting the bytes: no index to build.
func inSortedLines(text, w string) bool {
	lo, hi := 0, len(text)
	for lo < hi {
		mid := (lo + hi) / 2
		start := strings.LastIndexByte(text[:mid], '\n') + 1
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		switch line := text[start:end]; {
		case line == w:
			return true
		case line < w:
			lo = end + 1
		default:
			hi = start
		}
	}
	return false
}
