package rules

import (
	_ "embed" // the English word list is embedded
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
	for i, s := range k.items {
		if !k.inGenePart(i) || k.words[s] {
			continue
		}
		switch n := len([]rune(s)); {
		case isDigits(s):
			k.report(keywordNoiseID, i, 0, nil, "keyword %q is a number; expected a gene symbol (numbers among the symbols are usually OCR noise)", s)
		case n <= 2:
			k.report(keywordNoiseID, i, 0, nil, "keyword %q has only %d character%s; symbols this short are usually OCR noise, expected only symbols the figure shows", s, n, charsPlural(n))
		case stopWords[strings.ToUpper(s)]:
			k.report(keywordNoiseID, i, 0, nil, "keyword %q is on the PFOCR pipeline's stop list of words that are usually not genes; expected only symbols the figure shows", s)
		default:
			k.checkEnglish(i, s)
		}
	}
}

// checkEnglish notes a common English word that is a fly or worm symbol
// on a page whose organisms do not include that organism.
func (k *keywordPage) checkEnglish(i int, s string) {
	if !isEnglishWord(s) {
		return
	}
	org, basis := k.organismOf(i, s)
	if org == "" || k.isListed(org) {
		return
	}
	for _, n := range noiseOrganisms {
		if sameOrganism(org, n) {
			k.report(keywordNoiseID, i, 0, nil,
				"keyword %q is a common English word and a %s symbol (%s), and organisms does not list %s; likely OCR noise, expected only symbols the figure shows",
				s, org, basis, org)
			return
		}
	}
}

// organismOf says which organism of organisms_ner keyword i belongs to,
// and on what basis: the genes table, a lexicon, or its place in the list.
func (k *keywordPage) organismOf(i int, s string) (organism, basis string) {
	if t := k.table[s]; len(t) == 1 {
		return t[0], "genes table"
	}
	var owners []string
	for _, o := range k.ner {
		if l := k.lex[o]; l != nil && l.IsSymbol(s) {
			owners = append(owners, o)
		}
	}
	if len(owners) == 1 {
		return owners[0], "lexicon"
	}
	if len(owners) > 1 || len(k.table[s]) > 1 || i >= k.lastAnchor() {
		// After the last keyword that a lexicon or the table places, the
		// place proves nothing: chemical and disease words come last.
		return "", ""
	}
	return k.ner[k.blocks[i]], "by its place in the list"
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

// charsPlural is the plural ending of "character" for n.
func charsPlural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
