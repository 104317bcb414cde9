package rules

import (
	_ "embed" // the organism list is embedded
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/figlint/figlint/internal/taxonomy"
)

const organismNameID = "organism-name"

// OrganismName checks that each name in organisms and organisms_ner is an
// NCBI Taxonomy scientific name, and says what is wrong when it is not.
var OrganismName = Rule{
	Meta: Meta{
		ID:        organismNameID,
		Severity:  SeverityWarning,
		Since:     "0.1.0",
		Precision: PrecisionMedium,
		FixSafety: FixUnsafe,
		Summary:   "organisms and organisms_ner must hold NCBI Taxonomy scientific names",
		Doc: "Each item of `organisms` and `organisms_ner` must be an NCBI Taxonomy scientific name, " +
			"as the site groups figures by these strings. Names are checked against NCBI Taxonomy's " +
			"2.66 million scientific names and synonyms (built in: Bioconductor's GenomeInfoDbData " +
			"1.2.9 as packaged by Debian, names of 2022-09; see `rules/data/README.md`); the data do " +
			"not tell synonyms from scientific names, so both are accepted. A name that is not in it " +
			"is reported with what is wrong: wrong case (`Homo Sapiens`), an authority suffix " +
			"(`Cucumis sativus L.`), a genus NCBI writes in brackets (`[Ruminococcus] gnavus`), a " +
			"Salmonella serovar's short form (`Salmonella Typhimurium`), a likely misspelling " +
			"(Damerau-Levenshtein distance at most 2, or 10% of the name's length, from NCBI names " +
			"with the same first letter; none for names under 6 characters), a common name (`Yeast`, " +
			"`mouse`, from NCBI's list of 899 common organisms) or a capitalised epithet (`Xenopus " +
			"Oocyte`, genus capitalised and epithet lower case being the binomial convention); the " +
			"suggested fix is the NCBI name when there is exactly one. A genus alone (`Drosophila`) " +
			"is reported when it is the genus of a common organism, though NCBI lists genera too. Any " +
			"other name is a warning that it is not an NCBI Taxonomy name; names published after " +
			"September 2022 are missing from the built-in data, so such a warning may be a recent renaming " +
			"(a short list of names NCBI adopted since, for organisms PFOCR pages name, is accepted: " +
			"`Nakaseomyces glabratus`, `Thomasclavelia ramosa`, `Mediterraneibacter gnavus`, " +
			"`Segatella copri`, `Paracoccaceae bacterium`; a 2022 name they replaced gets the new " +
			"name as its fix); " +
			"a binomial whose genus NCBI knows but whose epithet it does not (`Nakaseomyces glabratus`, " +
			"2023) is only a note, since that is most often a species named or moved since. " +
			"A name repeated in the same list is a warning at the repeat. PFOCR's placeholders " +
			"(`unspecified plant`, any case) are accepted with a note. Strain names in " +
			"`organisms_ner` (`Saccharomyces cerevisiae S288C`), which come from NCBI Gene, are " +
			"accepted when their species is an NCBI name (most are NCBI names themselves). `NA` " +
			"items are left to `missing-value`.",
		Bad:  "organisms:\n- Homo Sapiens\n- Cucumis sativus L.\norganisms_ner:\n- Drosohpila melanogaster\n",
		Good: "organisms:\n- Homo sapiens\n- Cucumis sativus\norganisms_ner:\n- Drosophila melanogaster\n",
	},
	Run: runOrganismName,
}

//go:embed data/taxa.tsv
var taxaTSV string

// ncbiNamesData is NCBI Taxonomy's scientific names and synonyms, in
// internal/taxonomy's format (built by scripts/taxonomy/build.sh).
//
//go:embed data/ncbi-names.tax
var ncbiNamesData string

var (
	ncbiOnce  sync.Once
	ncbiNames *taxonomy.Taxonomy
	ncbiErr   error
)

// ncbiTaxonomy returns the embedded NCBI names, opening them on first use
// (a header read: the names are decoded block by block as queries need
// them).
func ncbiTaxonomy() (*taxonomy.Taxonomy, error) {
	ncbiOnce.Do(func() { ncbiNames, ncbiErr = taxonomy.Open(ncbiNamesData) })
	return ncbiNames, ncbiErr
}

// taxon is one organism of NCBI's list of common organisms (taxa.tsv).
type taxon struct {
	name   string // scientific name
	common string // common name, "" when NCBI gives none
	taxid  int
}

// taxonIndex holds the list of common organisms and the maps the rule
// looks common names and genera up in. It is built once (commonTaxa) and
// only read afterwards, so goroutines share it freely.
type taxonIndex struct {
	taxa   []taxon
	exact  map[string]int   // scientific name -> taxa index
	genera map[string][]int // lower-cased first word -> species of that genus
	common map[string][]int // lower-cased common name -> taxa indexes
	heads  map[string][]int // lower-cased last word of a common name -> taxa indexes
}

var (
	taxaOnce  sync.Once
	taxaIndex *taxonIndex
)

// commonTaxa returns the index of the embedded list of common organisms,
// parsing it on first use so that runs which disable the rule pay nothing.
func commonTaxa() *taxonIndex {
	taxaOnce.Do(func() { taxaIndex = parseTaxa(taxaTSV) })
	return taxaIndex
}

// parseTaxa reads rules/data/taxa.tsv: "#" comment lines, then lines of
// scientific name, common name and taxid separated by tabs. Malformed lines
// are skipped: the file is generated and checked by a test.
func parseTaxa(data string) *taxonIndex {
	ix := &taxonIndex{
		exact: map[string]int{}, genera: map[string][]int{},
		common: map[string][]int{}, heads: map[string][]int{},
	}
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[0] == "" {
			continue
		}
		id, err := strconv.Atoi(f[2])
		if err != nil {
			continue
		}
		i := len(ix.taxa)
		ix.taxa = append(ix.taxa, taxon{name: f[0], common: f[1], taxid: id})
		ix.exact[f[0]] = i
		// Only Latin names have a genus: "uncultured bacterium" and "Human
		// immunodeficiency virus 1" have none.
		if words := strings.Fields(f[0]); len(words) > 1 && startsUpper(words[0]) &&
			words[1] == strings.ToLower(words[1]) && allLetters(words[1]) && !virusWord.MatchString(f[0]) {
			g := strings.ToLower(words[0])
			ix.genera[g] = append(ix.genera[g], i)
		}
		if f[1] != "" {
			c := strings.ToLower(f[1])
			ix.common[c] = append(ix.common[c], i)
			words := strings.Fields(c)
			head := words[len(words)-1]
			ix.heads[head] = append(ix.heads[head], i)
		}
	}
	return ix
}

// organismPlaceholder reports whether a name is one of PFOCR's placeholders
// for an organism the curators could not name (`unspecified plant`); the
// real data has only that one, so any `unspecified <group>` is taken as one.
func organismPlaceholder(s string) bool {
	words := strings.Fields(s)
	return len(words) >= 2 && len(words) <= 3 && strings.EqualFold(words[0], "unspecified")
}

// knownSpeciesPrefix returns the longest NCBI name that starts name and
// is followed by further words (the species of a strain name such as
// "Saccharomyces cerevisiae S288C"), or "".
func knownSpeciesPrefix(tax *taxonomy.Taxonomy, name string) string {
	for end := len(name) - 1; end > 0; end-- {
		if name[end] == ' ' && strings.Contains(name[:end], " ") && tax.Contains(name[:end]) {
			return name[:end]
		}
	}
	return ""
}

// organismItems returns the trimmed, non-null scalar items of the list
// field, with their nodes and JSON pointers. ok is false when field is
// absent or not a list (a legacy page's single string: the schema and
// legacy-format report it).
func organismItems(p *Pass, field string) (names []string, nodes []*yaml.Node, ptrs []string, ok bool) {
	items, isList := p.sharedItems("/" + field)
	if !isList {
		return nil, nil, nil, false
	}
	for _, it := range items {
		if it.Null {
			continue
		}
		names = append(names, strings.TrimSpace(it.Text))
		nodes = append(nodes, it.Node)
		ptrs = append(ptrs, it.Pointer)
	}
	return names, nodes, ptrs, true
}

func runOrganismName(p *Pass) {
	ix := commonTaxa()
	tax, err := ncbiTaxonomy()
	for _, field := range []string{"organisms", "organisms_ner"} {
		names, nodes, ptrs, ok := organismItems(p, field)
		if !ok {
			continue
		}
		first := map[string]int{} // name -> its first item's index
		for i, name := range names {
			if isMissing(name) {
				continue
			}
			c := organismCheck{p: p, ix: ix, tax: tax, node: nodes[i], ptr: ptrs[i], field: field, name: name}
			if err != nil {
				// Only a broken build gets here; say so once per page.
				c.report(SeverityError, nil, "the built-in NCBI Taxonomy names do not load (%v); expected a figlint built with rules/data/ncbi-names.tax intact", err)
				return
			}
			// Only an exact repeat is a duplicate: "Mouse" after "mouse" is
			// a case or common-name problem, which check reports.
			if j, dup := first[name]; dup {
				c.report(SeverityWarning, nil, "%q is listed twice in %s (first as item %d); expected each organism once", name, field, j+1)
				continue
			}
			first[name] = i
			c.check()
		}
	}
}

// organismCheck is the check of one list item.
type organismCheck struct {
	p     *Pass
	ix    *taxonIndex
	tax   *taxonomy.Taxonomy
	node  *yaml.Node
	ptr   string
	field string
	name  string // trimmed
}

func (c *organismCheck) report(sev Severity, fix *string, format string, args ...any) {
	f := Diagnostic{Node: c.node, Pointer: c.ptr,
		Message: fmt.Sprintf(format, args...)}
	if sev != SeverityWarning {
		f.Severity = sev
	}
	if fix != nil && c.node.Kind == yaml.ScalarNode { // not through an alias
		f.Fixes = []Fix{c.p.Doc.ReplaceFix(fmt.Sprintf("replace with %q", *fix), c.node, *fix)}
	}
	c.p.Report(f)
}

// notNCBI is how messages say that a name is missing from the data.
const notNCBI = "is not an NCBI Taxonomy name"

func (c *organismCheck) check() {
	tax, name := c.tax, c.name
	// Before the look-up: NCBI lists "unspecified plant" too.
	if organismPlaceholder(name) {
		c.report(SeverityNote, nil, "%q is PFOCR's placeholder for an organism that was not named; expected the scientific name when it is known", name)
		return
	}
	if _, renamed := namesSince2022[name]; renamed {
		return // NCBI's name today, newer than the built-in data
	}
	if tax.Contains(name) {
		// NCBI lists genera too; a common organism's genus alone is still
		// too vague for a figure's organism.
		if !strings.Contains(name, " ") {
			c.checkGenus()
		}
		return
	}
	if !strings.Contains(name, " ") && c.checkGenus() {
		return
	}
	if c.checkSerovar() {
		return
	}
	if hits := tax.Fold(name); len(hits) > 0 {
		if len(hits) == 1 {
			want := hits[0]
			c.report(SeverityWarning, &want, "%q has the wrong case; expected %q", name, want)
		} else {
			c.report(SeverityWarning, nil, "%q has the wrong case; expected one of %s", name, quoteList(hits, 3))
		}
		return
	}
	if bare, authority, ok := splitAuthority(name); ok {
		if hits := tax.Fold(bare); len(hits) == 1 {
			want := hits[0]
			c.report(SeverityWarning, &want, "%q carries the authority %q; expected the bare scientific name %q", name, authority, want)
		} else {
			c.report(SeverityWarning, nil, "%q carries the authority %q; expected the bare scientific name %q", name, authority, bare)
		}
		return
	}
	if genus, rest, ok := strings.Cut(name, " "); ok && allLetters(genus) {
		if want := "[" + genus + "] " + rest; tax.Contains(want) {
			if now := renamedFrom(want); now != "" {
				c.report(SeverityWarning, &now, "%q %s; NCBI named it %q (as the built-in data of 2022 write it), and %q since", name, notNCBI, want, now)
				return
			}
			c.report(SeverityWarning, &want, "%q %s; NCBI writes it %q, its brackets marking a genus that does not yet fit the species", name, notNCBI, want)
			return
		}
	}
	species := knownSpeciesPrefix(tax, name)
	if species != "" && c.field == "organisms_ner" {
		return // a strain as NCBI Gene names it; its species is an NCBI name
	}
	if species == "" && c.checkCommon() {
		return
	}
	if c.checkMisspelling() {
		return
	}
	if species == "" && c.checkCommonHead() {
		return
	}
	if want, ok := binomialCase(name, c.ix); ok {
		if tax.Contains(want) {
			c.report(SeverityWarning, &want, "%q breaks the binomial case convention; expected %q (genus capitalised, epithet lower case)", name, want)
		} else {
			// Recasing does not make a name a species ("Xenopus Oocyte"
			// is a cell): the message says the result is unchecked.
			c.report(SeverityWarning, &want, "%q breaks the binomial case convention; expected %q (genus capitalised, epithet lower case; that %s either, so check the name)", name, want, notNCBI)
		}
		return
	}
	if species != "" {
		c.report(SeverityWarning, nil, "%q %s (scientific name or synonym, as of 2022-09), though its species %q is; expected the species, or the strain as NCBI names it", name, notNCBI, species)
		return
	}
	if genus, rest, ok := strings.Cut(name, " "); ok && tax.Contains(genus) && rest == strings.ToLower(rest) {
		// A known genus with an unknown epithet, and no close name: most
		// often a species named or moved into the genus after the data
		// (Nakaseomyces glabratus, 2023), so only a likely problem.
		c.report(SeverityNote, nil, "%q %s (as of 2022-09), though its genus %q is: a species named or moved since then, or a misspelt epithet; expected NCBI's current scientific name", name, notNCBI, genus)
		return
	}
	c.report(SeverityWarning, nil, "%q %s (scientific name or synonym, as of 2022-09); expected NCBI's scientific name for the organism (a name published later may be missing from the built-in data)", name, notNCBI)
}

// namesSince2022 are scientific names that NCBI Taxonomy adopted after the
// built-in data (2022-09) for organisms that PFOCR pages name, each with the
// name the data have for it. The 2022 data cannot know them, and a page
// that uses today's name is right. Add a name here only with the renaming
// it comes from: these are the reclassifications of Candida glabrata (the
// genus Nakaseomyces, 2022-23), of Erysipelatoclostridium ramosum (the new
// genus Thomasclavelia, 2023), of Ruminococcus gnavus (Mediterraneibacter,
// 2023), of Prevotella copri (Segatella, 2023), and the family name
// Paracoccaceae, which replaced Rhodobacteraceae in 2023.
var namesSince2022 = map[string]string{
	"Nakaseomyces glabratus":    "Candida glabrata",
	"Thomasclavelia ramosa":     "Erysipelatoclostridium ramosum",
	"Mediterraneibacter gnavus": "[Ruminococcus] gnavus",
	"Segatella copri":           "Prevotella copri",
	"Paracoccaceae bacterium":   "Rhodobacteraceae bacterium",
}

// renamedFrom returns the name NCBI adopted since 2022 for a name of the
// built-in data, or "".
func renamedFrom(old string) string {
	for now, was := range namesSince2022 {
		if was == old {
			return now
		}
	}
	return ""
}

// checkGenus reports a single word that is the genus of a common organism
// ("Drosophila", "xenopus").
func (c *organismCheck) checkGenus() bool {
	if sp := c.ix.genera[strings.ToLower(c.name)]; len(sp) > 0 {
		c.report(SeverityWarning, nil, "%q names a genus only; expected a species such as %s", c.name, c.names(sp, false))
		return true
	}
	return false
}

// checkSerovar reports "Salmonella Typhimurium", the usual short form of a
// serovar, when NCBI has the serovar under its full name.
func (c *organismCheck) checkSerovar() bool {
	words := strings.Fields(c.name)
	if len(words) != 2 || words[0] != "Salmonella" || !startsUpper(words[1]) || !allLetters(words[1]) {
		return false
	}
	want := "Salmonella enterica subsp. enterica serovar " + words[1]
	if !c.tax.Contains(want) {
		return false
	}
	c.report(SeverityWarning, &want, "%q is the short form of a serovar and %s; expected NCBI's name %q", c.name, notNCBI, want)
	return true
}

// checkCommon reports an exact common name of NCBI's common organisms.
func (c *organismCheck) checkCommon() bool {
	if hits := c.ix.common[strings.ToLower(c.name)]; len(hits) > 0 {
		c.reportCommon(hits, len(hits) == 1)
		return true
	}
	return false
}

// checkCommonHead reports a one-word name that ends listed common names
// ("mouse" for "house mouse"), or a longer name whose last word is a whole
// common name ("Wagyu cattle" for "cattle"; not "teleost fish" for
// "eyeless golden-line fish"). Vague words that match many organisms
// ("fly") are left alone.
func (c *organismCheck) checkCommonHead() bool {
	words := strings.Fields(strings.ToLower(c.name))
	var hits []int
	switch {
	case len(words) == 1:
		hits = c.ix.heads[words[0]]
	case len(words) <= 3:
		hits = c.ix.common[words[len(words)-1]]
	}
	if len(hits) == 0 || len(hits) > 3 {
		return false
	}
	// The most generic common name, the one with fewest words ("house
	// mouse" rather than "prairie deer mouse"), is the likely meaning.
	hits = append([]int(nil), hits...)
	count := func(i int) int { return len(strings.Fields(c.ix.taxa[i].common)) }
	sort.SliceStable(hits, func(a, b int) bool { return count(hits[a]) < count(hits[b]) })
	unique := len(hits) == 1 || count(hits[0]) < count(hits[1])
	c.reportCommon(hits, unique)
	return true
}

func (c *organismCheck) reportCommon(hits []int, unique bool) {
	if unique {
		t := c.ix.taxa[hits[0]]
		want := t.name
		c.report(SeverityWarning, &want, "%q is a common name (NCBI: %q); expected the scientific name %q", c.name, t.common, want)
		return
	}
	c.report(SeverityWarning, nil, "%q is a common name; expected a scientific name such as %s", c.name, c.names(hits, true))
}

// checkMisspelling reports a name within a small edit distance of NCBI
// names, suggesting the closest.
func (c *organismCheck) checkMisspelling() bool {
	closest := closestNames(c.tax, c.name)
	if len(closest) == 0 {
		return false
	}
	if len(closest) == 1 {
		want := closest[0]
		c.report(SeverityWarning, &want, "%q %s and looks like a misspelling; expected %q", c.name, notNCBI, want)
		return true
	}
	c.report(SeverityWarning, nil, "%q %s and looks like a misspelling; expected one of %s", c.name, notNCBI, quoteList(closest, 3))
	return true
}

// names quotes up to three common organisms' names, those with a common name first
// (they are the better-known organisms), optionally with the common name.
func (c *organismCheck) names(idx []int, withCommon bool) string {
	idx = append([]int(nil), idx...)
	if !withCommon {
		sort.SliceStable(idx, func(a, b int) bool {
			return c.ix.taxa[idx[a]].common != "" && c.ix.taxa[idx[b]].common == ""
		})
	}
	var parts []string
	for i, k := range idx {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(idx)-3))
			break
		}
		t := c.ix.taxa[k]
		s := strconv.Quote(t.name)
		if withCommon && t.common != "" {
			s += " (" + t.common + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// maxNameDistance is how far (in edits) a misspelling may be from the name
// meant: 2, or 10% of the name's length for long names; 0 (no search) for
// names under 6 characters, as millions of short NCBI names lie within 2
// edits of any short word ("fly": "Fla", "Fax", "Foa").
func maxNameDistance(n int) int {
	if n < 6 {
		return 0
	}
	return max(2, n/10)
}

// closestCacheSize bounds the memo of closestNames: organism names repeat
// from page to page, so a collection needs few distinct searches.
const closestCacheSize = 4096

var (
	closestMu    sync.Mutex
	closestCache = map[string][]string{}
)

// closestNames returns the NCBI names at the smallest edit distance from
// name (case-folded), when that distance is within maxNameDistance,
// leaving out names that differ from it only in a designation. Results are
// memoised (up to closestCacheSize names).
func closestNames(tax *taxonomy.Taxonomy, name string) []string {
	key := strings.ToLower(name)
	closestMu.Lock()
	hit, ok := closestCache[key]
	closestMu.Unlock()
	if ok {
		return hit
	}
	limit := maxNameDistance(utf8.RuneCountInString(key))
	var out []string
	if limit > 0 {
		out, _ = tax.Closest(key, limit, func(folded string) bool { return otherDesignation(key, folded) })
	}
	closestMu.Lock()
	if len(closestCache) < closestCacheSize {
		closestCache[key] = out
	}
	closestMu.Unlock()
	return out
}

// otherDesignation reports whether two names differ only in words that
// are designations, not misspellable words: letters or numbers of a
// strain, type or clade ("Hepatitis B virus" and "Hepatitis C virus",
// "Human immunodeficiency virus 1" and "... 2" are different organisms).
// Designations that differ only in punctuation ("BL21DE3" and
// "BL21(DE3)") are one designation misspelt.
func otherDesignation(a, b string) bool {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) == len(wb)+1 {
		wa, wb = wb, wa
	}
	if len(wb) == len(wa)+1 {
		// One name adds a designation to the other: a type or strain of it
		// ("hepatitis D virus 1" for "Hepatitis D virus").
		for i, w := range wb {
			if designation(w) && slices.EqualFunc(wa, slices.Delete(slices.Clone(wb), i, i+1), strings.EqualFold) {
				return true
			}
		}
		return false
	}
	if len(wa) != len(wb) {
		return false
	}
	differ := false
	for i := range wa {
		if wa[i] == wb[i] {
			continue
		}
		differ = true
		if !designation(wa[i]) && !designation(wb[i]) || alphanumeric(wa[i]) == alphanumeric(wb[i]) {
			return false
		}
	}
	return differ
}

// alphanumeric returns the letters and digits of w.
func alphanumeric(w string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, w)
}

// designation reports a word of at most two characters or with a digit.
func designation(w string) bool {
	return utf8.RuneCountInString(w) <= 2 || strings.ContainsAny(w, "0123456789")
}

var (
	// authorityToken is one word of a botanical or zoological authority:
	// an author or abbreviation ("L.", "Merr.", "Hook.f.", "(L.)",
	// "Linnaeus,"), a connective, or a year.
	authorityToken = regexp.MustCompile(`^\(?(?:\p{Lu}[\p{L}'’.\-]*|&|et|ex|al\.|f\.|de|van|von|der|du|(?:17|18|19|20)\d\d)\)?,?$`)
	// bareBinomial is a genus and an epithet, optionally with an infraspecific
	// rank and epithet: what an authority may follow.
	bareBinomial = regexp.MustCompile(`^\p{Lu}[\p{Ll}\-]+ [\p{L}\-]+( (subsp|ssp|var|f|forma|cv)\. [\p{Ll}\-]+)?$`)
	// authorityYear ends an author, year citation ("Linnaeus, 1758").
	authorityYear = regexp.MustCompile(`\p{L},\s(?:17|18|19|20)\d\d\)?$`)
)

// splitAuthority splits "Cucumis sativus L." into the name and its
// authority. ok is false unless the tail reads as an authority: words that
// start upper case or with "(", with an abbreviation point or an "Author,
// year" ending, so that strain codes ("PAO1", "C") are not taken for one.
func splitAuthority(name string) (bare, authority string, ok bool) {
	words := strings.Fields(name)
	for i := 2; i < len(words); i++ {
		bare, authority = strings.Join(words[:i], " "), strings.Join(words[i:], " ")
		if !bareBinomial.MatchString(bare) {
			continue
		}
		first, _ := utf8.DecodeRuneInString(authority)
		if first != '(' && !unicode.IsUpper(first) {
			continue
		}
		dotted := false
		valid := true
		for _, w := range words[i:] {
			if !authorityToken.MatchString(w) {
				valid = false
				break
			}
			dotted = dotted || strings.Contains(w, ".")
		}
		if valid && (dotted || authorityYear.MatchString(authority)) {
			return bare, authority, true
		}
	}
	return "", "", false
}

// virusWord marks names that are not Latin binomials, whose capitals are
// right ("Human Immunodeficiency Virus" is an error of another kind).
var virusWord = regexp.MustCompile(`(?i)\b(virus|viruses|phage|bacteriophage|viroid|viridae|virales|metagenome)\b`)

// binomialCase returns name with the genus capitalised and the epithet in
// lower case, when name looks like a binomial written otherwise: "Xenopus
// Oocyte", "HOMO SAPIENS", or "aspergillus niger" (a common organism's genus in
// lower case). Lower-case first words that are not such genera are left alone,
// as NCBI has such names ("human metagenome"); so is "Salmonella
// Typhimurium", the usual way of writing a serovar.
func binomialCase(name string, ix *taxonIndex) (string, bool) {
	words := strings.Fields(name)
	if len(words) < 2 || virusWord.MatchString(name) || words[0] == "Salmonella" {
		return "", false
	}
	g, e := words[0], words[1]
	if !allLetters(g) || !allLetters(e) || utf8.RuneCountInString(g) < 2 || utf8.RuneCountInString(e) < 2 {
		return "", false
	}
	genus := capitalise(g)
	epithet := strings.ToLower(e)
	isUpper := func(s string) bool { return strings.ToUpper(s) == s }
	switch {
	case g == genus && e != epithet && e == capitalise(e):
		// "Xenopus Oocyte"
	case g == strings.ToLower(g) && len(ix.genera[g]) > 0:
		// "aspergillus niger"
	case isUpper(g) && isUpper(e) && utf8.RuneCountInString(g) > 2 && utf8.RuneCountInString(e) > 2:
		// "HOMO SAPIENS"
	default:
		return "", false
	}
	words[0], words[1] = genus, epithet
	want := strings.Join(words, " ")
	return want, want != name
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func allLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + strings.ToLower(s[n:])
}
