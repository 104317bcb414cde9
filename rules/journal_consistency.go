package rules

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode"
)

const journalConsistencyID = "journal-consistency"

// JournalConsistency reports a journal or a publisher that the pages of
// one collection spell more than one way.
var JournalConsistency = Rule{
	Meta: Meta{
		ID:        journalConsistencyID,
		Severity:  SeverityWarning,
		Since:     "0.1.0",
		FixSafety: FixUnsafe,
		Summary:   "one journal must have one journal_title and one publisher_name spelling across the collection",
		Doc: "A collection-level rule. The site groups pages by `journal_title` and `publisher_name` " +
			"as strings, so one journal spelt two ways (`PLOS ONE` and `PLOS One`, publisher " +
			"`Public Library of Science` and `PLOS`) appears as two journals. PMC's own metadata " +
			"changes over time (PLOS journals' pages of 2023 say `Public Library of Science`, of " +
			"2025 `PLOS`), so the spellings are each faithful to their article: the collection, " +
			"not the page, is what needs one.\n\n" +
			"The rule compares, after every page has been linted:\n\n" +
			"- `journal_title` among pages with the same `journal_nlm_ta` (the NLM title " +
			"abbreviation, which names the journal), and\n" +
			"- `publisher_name` among pages whose publisher is the same once spelling is set aside: " +
			"compared without case, punctuation, a leading `The`, `&` for `and`, and trailing " +
			"corporate suffixes (Inc, Incorporated, Ltd, Limited, LLC, Co, Corp, PLC, S.A./SA, " +
			"B.V./BV, GmbH, AG, S.p.A., S.r.l., Pvt), with two short names that are the publishers' " +
			"own: `PLOS` for Public Library of Science and `BMC` for BioMed Central. Nothing else " +
			"is a synonym: `Springer Berlin Heidelberg` and `Springer` stay apart, since a guess " +
			"that merged two publishers would be a wrong fix.\n\n" +
			"When a journal or publisher has several spellings, each page with a minority " +
			"spelling gets a warning at that value, saying how many pages use each spelling, " +
			"with a few pages of the majority spelling as related locations and that spelling " +
			"as the fix. With no majority (a tie) the rule cannot choose: it reports once, at " +
			"the first page in path order, naming every spelling, without a fix. The majority is " +
			"the collection's choice, not always the journal's current name (PMC's metadata " +
			"writes `PLOS One` from 2025): a curator may prefer the newer spelling. A split " +
			"journal is wrong data of the collection that a curator should fix, hence a warning; " +
			"in the real pages checked, every spelling finding was one journal or publisher " +
			"spelt two ways.\n\n" +
			"Pages of one `journal_nlm_ta` that name publishers that differ beyond spelling get " +
			"a note, without a fix, at each page of a minority publisher: a journal that moved " +
			"publisher is rightly named so, and only the articles can tell. A page is reported " +
			"at most once per field; a spelling finding wins. Stray and doubled spaces are " +
			"text-hygiene's and make no second spelling here. Missing values (`.na.character`, " +
			"`NA`, `''`) are missing-value's and are not compared. Only the pages of one run are " +
			"compared: lint the whole collection to catch them all.",
		Bad: "# _figures/PMC12083809__pone.0322516.g001.md\njournal_title: PLOS One\njournal_nlm_ta: PLoS One\npublisher_name: PLOS\n" +
			"# _figures/PMC10538757__pone.0291981.g002.md\njournal_title: PLOS ONE\njournal_nlm_ta: PLoS One\npublisher_name: Public Library of Science\n" +
			"# _figures/PMC11495567__pone.0312563.g001.md\njournal_title: PLOS ONE\njournal_nlm_ta: PLoS One\npublisher_name: Public Library of Science\n",
		Good: "# _figures/PMC12083809__pone.0322516.g001.md\njournal_title: PLOS ONE\njournal_nlm_ta: PLoS One\npublisher_name: Public Library of Science\n" +
			"# _figures/PMC10538757__pone.0291981.g002.md\njournal_title: PLOS ONE\njournal_nlm_ta: PLoS One\npublisher_name: Public Library of Science\n" +
			"# _figures/PMC11495567__pone.0312563.g001.md\njournal_title: PLOS ONE\njournal_nlm_ta: PLoS One\npublisher_name: Public Library of Science\n",
	},
	Summarize: summarizeJournal,
	Finish:    finishJournalConsistency,
}

// journalSummary is what the rule keeps of a page: its journal's NLM
// abbreviation and where its title and publisher are. Its JSON is terse:
// a 100,000-page run keeps one per page.
type journalSummary struct {
	TA        string      `json:"a,omitempty"`
	Title     *fieldValue `json:"t,omitempty"`
	Publisher *fieldValue `json:"p,omitempty"`
}

// fieldValue is one field's value with its place, and the bytes a fix
// replaces: Finish has no Document to ask.
type fieldValue struct {
	Value string `json:"v"`
	At    [4]int `json:"r"` // start line and column, end line and column
	Edit  [2]int `json:"e"` // byte offsets of the fix's edit
	Space bool   `json:"s,omitempty"`
	// Format is the page's front-matter language, in which the fix is
	// written.
	Format string `json:"f,omitempty"`
}

// Range is where the value is.
func (v *fieldValue) Range() Range {
	return Range{Start: Position{Line: v.At[0], Column: v.At[1]}, End: Position{Line: v.At[2], Column: v.At[3]}}
}

// fix replaces the value with value, as Document.ReplaceFix would.
func (v *fieldValue) fix(value string) Fix {
	text := ScalarIn(v.Format, value)
	if v.Space {
		text = " " + text
	}
	return Fix{Message: fmt.Sprintf("replace with %q", value),
		Edits: []TextEdit{{Start: v.Edit[0], End: v.Edit[1], NewText: text}}}
}

// summarizeJournal keeps the page's journal fields that hold a value.
func summarizeJournal(p *Pass) any {
	var s journalSummary
	if v, _, ok := p.Scalar(Pointer("journal_nlm_ta")); ok && !isMissing(v) {
		s.TA = strings.TrimSpace(v)
	}
	if s.TA != "" { // a title is only compared among pages of one journal_nlm_ta
		s.Title = journalField(p, "journal_title")
	}
	s.Publisher = journalField(p, "publisher_name")
	if s.Title == nil && s.Publisher == nil {
		return nil // nothing to compare: keep no summary at all
	}
	return s
}

func journalField(p *Pass, field string) *fieldValue {
	v, n, ok := p.Scalar(Pointer(field))
	if !ok || isMissing(v) {
		return nil
	}
	// The fix is written in Finish, which has no Document: keep the bytes
	// ReplaceFix would replace, and whether it would add a space (a value
	// right after "key:"), which shows as text longer than the scalar.
	probe := ScalarIn(p.Doc.Format, v)
	f := p.Doc.ReplaceFix("", n, v)
	if len(f.Edits) == 0 {
		return nil // an alias: the value is shared, and no fix is offered
	}
	e := f.Edits[0]
	return &fieldValue{Value: v, At: rangeArray(p.Doc.NodeRange(n)), Edit: [2]int{e.Start, e.End},
		Space: len(e.NewText) > len(probe), Format: p.Doc.Format}
}

// spellingUse is one page's value of a field.
type spellingUse struct {
	path string
	v    *fieldValue
}

// spellingGroup is the pages of one journal (or one publisher) by
// spelling (or by publisher key), each with its pages in path order.
type spellingGroup struct {
	uses map[string][]spellingUse
}

func (g *spellingGroup) add(spelling, path string, v *fieldValue) {
	if g.uses == nil {
		g.uses = map[string][]spellingUse{}
	}
	g.uses[spelling] = append(g.uses[spelling], spellingUse{path: path, v: v})
}

// ranked returns the group's spellings, most pages first, then in the
// order of their first page's path, so that output is deterministic.
func (g *spellingGroup) ranked() []string {
	out := make([]string, 0, len(g.uses))
	for s := range g.uses {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := g.uses[out[i]], g.uses[out[j]]
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		if a[0].path != b[0].path {
			return a[0].path < b[0].path
		}
		return out[i] < out[j]
	})
	return out
}

// maxRelatedPages is how many pages of the majority spelling a finding
// points at: enough to show the spelling is real, not every page.
const maxRelatedPages = 3

// finishJournalConsistency compares the summaries of every page.
func finishJournalConsistency(sums []Summary, report func(Diagnostic)) {
	titles := map[string]*spellingGroup{}     // by journal_nlm_ta
	publishers := map[string]*spellingGroup{} // by publisher key
	byJournal := map[string]*spellingGroup{}  // publisher keys by journal_nlm_ta
	groupOf := func(m map[string]*spellingGroup, k string) *spellingGroup {
		if m[k] == nil {
			m[k] = &spellingGroup{}
		}
		return m[k]
	}
	for _, s := range sums {
		var js journalSummary
		if err := json.Unmarshal(s.Data, &js); err != nil {
			continue // not a summary of this rule's: nothing to compare
		}
		if js.TA != "" && js.Title != nil {
			groupOf(titles, js.TA).add(spelling(js.Title.Value), s.Path, js.Title)
		}
		if p := js.Publisher; p != nil {
			key := publisherKey(p.Value)
			if key == "" {
				continue // only punctuation: nothing to compare it with
			}
			groupOf(publishers, key).add(spelling(p.Value), s.Path, p)
			if js.TA != "" {
				groupOf(byJournal, js.TA).add(key, s.Path, p)
			}
		}
	}
	for _, ta := range sortedKeys(titles) {
		reportSpellings(titles[ta], "journal_title", fmt.Sprintf(" with journal_nlm_ta %q", ta), report)
	}
	spelt := map[string]bool{} // pages whose publisher_name got a spelling finding
	for _, key := range sortedKeys(publishers) {
		for _, path := range reportSpellings(publishers[key], "publisher_name", "", report) {
			spelt[path] = true
		}
	}
	for _, ta := range sortedKeys(byJournal) {
		reportPublisherChange(byJournal[ta], publishers, ta, spelt, report)
	}
}

// spelling is a value with its whitespace set aside: stray and doubled
// spaces are text-hygiene's, which reports and fixes them, so they do not
// make a second spelling here.
func spelling(value string) string { return strings.Join(strings.Fields(value), " ") }

func sortedKeys(m map[string]*spellingGroup) []string {
	keys := make([]string, 0, len(m))
	for k, g := range m {
		if len(g.uses) > 1 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// reportSpellings reports the minority spellings of one group's field
// (or, with no majority, the group once) and returns the pages reported.
// where says what the group is, for the message.
func reportSpellings(g *spellingGroup, field, where string, report func(Diagnostic)) []string {
	ranked := g.ranked()
	top := g.uses[ranked[0]]
	if len(top) == len(g.uses[ranked[1]]) {
		first := g.firstUse()
		f := Diagnostic{Path: first.path, Range: first.v.Range(), Pointer: Pointer(field),
			Message: fmt.Sprintf("%s is spelt %d ways%s, with no majority: %s; expected the collection's one spelling",
				field, len(ranked), where, countSpellings(g, ranked, ""))}
		for _, s := range ranked {
			if u := g.uses[s][0]; u.path != first.path {
				f.Related = append(f.Related, Related{Path: u.path, Range: u.v.Range(), Message: fmt.Sprintf("%s spelt %q", field, s)})
			}
		}
		report(f)
		return []string{first.path}
	}
	majority := ranked[0]
	var related []Related
	for _, u := range top[:min(len(top), maxRelatedPages)] {
		related = append(related, Related{Path: u.path, Range: u.v.Range(), Message: fmt.Sprintf("%s spelt %q", field, majority)})
	}
	var paths []string
	for _, s := range ranked[1:] {
		for _, u := range g.uses[s] {
			report(Diagnostic{Path: u.path, Range: u.v.Range(), Pointer: Pointer(field),
				Message: fmt.Sprintf("%s %q (%s) is spelt %s%s; expected the collection's one spelling %q",
					field, s, pages(len(g.uses[s])), countSpellings(g, ranked, s), where, majority),
				Fixes:   []Fix{u.v.fix(majority)},
				Related: related})
			paths = append(paths, u.path)
		}
	}
	return paths
}

// firstUse is the group's use on the first page in path order.
func (g *spellingGroup) firstUse() spellingUse {
	var first spellingUse
	for _, us := range g.uses {
		if first.v == nil || us[0].path < first.path {
			first = us[0]
		}
	}
	return first
}

// countSpellings names the spellings of ranked but except, each with its
// number of pages: `"PLOS ONE" on 12 other pages and "PLoS ONE" on 1`.
func countSpellings(g *spellingGroup, ranked []string, except string) string {
	var parts []string
	for _, s := range ranked {
		if s == except {
			continue
		}
		n := pages(len(g.uses[s]))
		if len(parts) == 0 && except != "" {
			n = strings.Replace(n, " page", " other page", 1)
		}
		parts = append(parts, fmt.Sprintf("%q on %s", s, n))
	}
	if len(parts) > 1 {
		return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	}
	return strings.Join(parts, "")
}

func pages(n int) string {
	if n == 1 {
		return "1 page"
	}
	return fmt.Sprintf("%d pages", n)
}

// reportPublisherChange gives a note at each page of one journal whose
// publisher, spelling set aside, is not the journal's usual one; pages
// whose publisher_name already has a spelling finding are skipped.
func reportPublisherChange(g *spellingGroup, publishers map[string]*spellingGroup, ta string, spelt map[string]bool, report func(Diagnostic)) {
	ranked := g.ranked()
	if len(g.uses[ranked[0]]) == len(g.uses[ranked[1]]) {
		return // no usual publisher to differ from
	}
	usual := g.uses[ranked[0]]
	// Name the usual publisher by its collection-wide majority spelling.
	name := publishers[ranked[0]].ranked()[0]
	var related []Related
	for _, u := range usual[:min(len(usual), maxRelatedPages)] {
		related = append(related, Related{Path: u.path, Range: u.v.Range(), Message: fmt.Sprintf("publisher_name of journal_nlm_ta %q here", ta)})
	}
	for _, key := range ranked[1:] {
		for _, u := range g.uses[key] {
			if spelt[u.path] {
				continue
			}
			report(Diagnostic{Severity: SeverityNote, Path: u.path, Range: u.v.Range(),
				Pointer: Pointer("publisher_name"),
				Message: fmt.Sprintf("publisher_name %q (%s of journal_nlm_ta %q) differs from %q on %s of it; "+
					"expected one publisher per journal, unless the journal moved publisher",
					spelling(u.v.Value), pages(len(g.uses[key])), ta, name, strings.Replace(pages(len(usual)), " page", " other page", 1)),
				Related: related})
		}
	}
}

// corporateSuffixes are the words that end a company's name without
// naming it, written as publisherKey leaves them (dots removed).
var corporateSuffixes = map[string]bool{
	"inc": true, "incorporated": true, "ltd": true, "limited": true, "llc": true, "co": true,
	"corp": true, "plc": true, "sa": true, "bv": true, "gmbh": true, "ag": true, "spa": true,
	"srl": true, "pvt": true,
}

// publisherSynonyms are short names that publishers use for themselves,
// keyed and valued as publisherKey writes them. Keep it small and
// factual: a wrong entry merges two publishers and offers a wrong fix.
var publisherSynonyms = map[string]string{
	"plos": "public library of science",
	"bmc":  "biomed central",
}

// publisherKey is a publisher's name with its spelling set aside: lower
// case, "&" read as "and", dots dropped (so "S.A." is "sa"), other
// punctuation read as spaces, a leading "the" and trailing corporate
// suffixes removed, and the publishers' own short names expanded.
func publisherKey(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r == '.':
		case r == '&':
			b.WriteString(" and ")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteRune(' ')
		}
	}
	words := strings.Fields(b.String())
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	for len(words) > 1 && corporateSuffixes[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	key := strings.Join(words, " ")
	if long, ok := publisherSynonyms[key]; ok {
		return long
	}
	return key
}
