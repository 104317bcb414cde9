package rules

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

const duplicateAliasID = "duplicate-alias"

// DuplicateAlias reports pages of one collection that would share a URL.
var DuplicateAlias = Rule{
	Meta: Meta{
		ID:       duplicateAliasID,
		Severity: SeverityError,
		Since:    "0.1.0",
		Summary:  "no two pages may share a figid, figid_alias or redirect_from",
		Doc: "A collection-level rule: after every page has been linted, it compares the pages' " +
			"`figid`, `figid_alias` and `redirect_from`. The site builds a URL from each " +
			"(`/figures/<figid>.html`, and jekyll-redirect-from's page for `redirect_from`, which is " +
			"`/figures/<figid_alias>`), so two pages with one value collide and one of them " +
			"disappears. Each page of a collision gets a finding at the shared value, naming the " +
			"other pages. A `redirect_from` collision that only repeats a `figid_alias` collision is " +
			"not reported twice. Only the pages of one run are compared: lint the whole collection " +
			"(or its shard) to catch them all.",
		Bad: "# _figures/PMC2864807__f2.md\nfigid_alias: PMC2864807__F3\n" +
			"# _figures/PMC2864807__f3.md\nfigid_alias: PMC2864807__F3\n",
		Good: "# _figures/PMC2864807__f2.md\nfigid_alias: PMC2864807__F2\n" +
			"# _figures/PMC2864807__f3.md\nfigid_alias: PMC2864807__F3\n",
	},
	Summarize: summarizeIdentity,
	Finish:    finishDuplicateAlias,
}

// identityKey is one URL-forming value of a page, with where it is. Its
// JSON is terse: a 100,000-page run keeps one per value per page.
type identityKey struct {
	Field string `json:"f"`
	Value string `json:"v"`
	At    [4]int `json:"r"` // start line and column, end line and column
}

// URL is the site URL the value makes.
func (k identityKey) URL() string { return siteURL(k.Field, k.Value) }

// Range is where the value is.
func (k identityKey) Range() Range {
	return Range{Start: Position{Line: k.At[0], Column: k.At[1]}, End: Position{Line: k.At[2], Column: k.At[3]}}
}

// siteURL returns the URL a field's value makes on the site, normalised
// so that "/figures/X", "/figures/X.html" and "/figures/X/" compare equal.
func siteURL(field, value string) string {
	u := value
	switch field {
	case "figid":
		u = "/figures/" + value + ".html" // the page itself
	case "figid_alias":
		u = "/figures/" + value // the redirect built from it
	}
	return strings.TrimSuffix(strings.TrimSuffix(u, "/"), ".html")
}

// summarizeIdentity keeps the URL-forming values of a page: a few short
// strings per page, so a 100,000-page run holds a few megabytes.
func summarizeIdentity(p *Pass) any {
	var keys []identityKey
	for _, field := range []string{"figid", "figid_alias", "redirect_from"} {
		if v, n, ok := p.Scalar(Pointer(field)); ok && !isMissing(v) {
			keys = append(keys, identityKey{Field: field, Value: v, At: rangeArray(p.Doc.NodeRange(n))})
		}
	}
	return keys
}

func rangeArray(r Range) [4]int {
	return [4]int{r.Start.Line, r.Start.Column, r.End.Line, r.End.Column}
}

// maxNamedPages is how many other pages a message names; a value shared
// by thousands of pages must not make every message thousands of paths long.
const maxNamedPages = 3

type keyUse struct {
	path string
	key  identityKey
}

// finishDuplicateAlias reports each page whose URL another page also
// makes. A page's figid_alias and its matching redirect_from make one URL
// and are reported once, at figid_alias.
func finishDuplicateAlias(sums []Summary, report func(Diagnostic)) {
	byURL := map[string][]keyUse{}
	for _, s := range sums {
		var keys []identityKey
		if err := json.Unmarshal(s.Data, &keys); err != nil {
			continue // not a summary of this rule's: nothing to compare
		}
		for _, k := range keys {
			u := k.URL()
			uses := byURL[u]
			if n := len(uses); n > 0 && uses[n-1].path == s.Path {
				continue // the same page again (alias and redirect): keep the first
			}
			byURL[u] = append(uses, keyUse{path: s.Path, key: k})
		}
	}
	urls := make([]string, 0, len(byURL))
	for u, uses := range byURL {
		if len(uses) > 1 {
			urls = append(urls, u)
		}
	}
	sort.Strings(urls)
	for _, u := range urls {
		uses := byURL[u]
		for i, x := range uses {
			report(Diagnostic{Path: x.path, Range: x.key.Range(), Pointer: Pointer(x.key.Field),
				Message: fmt.Sprintf("%s %q makes the URL %s, also made by %s; expected each page to have its own URL",
					x.key.Field, x.key.Value, u, otherPages(uses, i))})
		}
	}
}

// otherPages names the pages of uses other than the i-th.
func otherPages(uses []keyUse, i int) string {
	var names []string
	for j, y := range uses {
		if j != i && len(names) < maxNamedPages {
			names = append(names, y.path)
		}
	}
	if more := len(uses) - 1 - len(names); more > 0 {
		return fmt.Sprintf("%s and %d more", strings.Join(names, ", "), more)
	}
	return strings.Join(names, ", ")
}
