package rules

import (
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

// identityKey is one URL-forming value of a page, with where it is.
type identityKey struct {
	field string
	value string
	at    Range
}

// summarizeIdentity keeps the three URL-forming values of a page: a few
// short strings per page, so a 100,000-page run holds a few megabytes.
func summarizeIdentity(p *Pass) any {
	var keys []identityKey
	for _, field := range []string{"figid", "figid_alias", "redirect_from"} {
		if v, n, ok := p.Scalar(Pointer(field)); ok && !isMissing(v) {
			keys = append(keys, identityKey{field: field, value: v, at: p.Doc.NodeRange(n)})
		}
	}
	return keys
}

// maxNamedPages is how many other pages a message names; a value shared
// by thousands of pages must not make every message thousands of paths long.
const maxNamedPages = 3

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

type keyUse struct {
	path string
	key  identityKey
}

func finishDuplicateAlias(sums []Summary, report func(Finding)) {
	uses := map[string][]keyUse{} // field + "\x00" + value
	for _, s := range sums {
		keys, _ := s.Data.([]identityKey)
		for _, k := range keys {
			id := k.field + "\x00" + k.value
			uses[id] = append(uses[id], keyUse{path: s.Path, key: k})
		}
	}
	aliasClash := map[string]bool{} // paths+alias of figid_alias collisions
	ids := make([]string, 0, len(uses))
	for id, u := range uses {
		if len(u) > 1 {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	// figid_alias first, so redirect_from collisions it implies are known.
	sort.SliceStable(ids, func(i, j int) bool {
		return strings.HasPrefix(ids[i], "figid_alias\x00") && !strings.HasPrefix(ids[j], "figid_alias\x00")
	})
	for _, id := range ids {
		u := uses[id]
		field, value := u[0].key.field, u[0].key.value
		if field == "figid_alias" {
			for _, x := range u {
				aliasClash[x.path+"\x00/figures/"+value] = true
			}
		}
		if field == "redirect_from" {
			implied := true
			for _, x := range u {
				implied = implied && aliasClash[x.path+"\x00"+value]
			}
			if implied {
				continue
			}
		}
		for i, x := range u {
			report(Finding{Rule: duplicateAliasID, Path: x.path, Range: x.key.at, Pointer: Pointer(field),
				Message: fmt.Sprintf("%s %q is also used by %s; expected each page to have its own (it becomes the page's URL)",
					field, value, otherPages(u, i))})
		}
	}
}
