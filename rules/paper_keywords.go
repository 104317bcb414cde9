package rules

import (
	"fmt"
	"strings"
)

// PaperKeywords checks the paper's author keywords, which the notebooks
// join into one string with " | ": an empty or repeated part is an artefact
// of the join (an empty keyword in PMC's XML, or one given twice), and it
// shows on the page as "a |  | b".
var PaperKeywords = Rule{
	Meta: Meta{
		FixSafety: FixSafe,
		ID:        "paper-keywords",
		Severity:  SeverityNote,
		Since:     "0.1.0",
		Summary:   "the ` | `-joined keywords string must not have empty or duplicate parts",
		Doc: `The top-level ` + "`keywords`" + ` field holds the paper's author keywords joined with ` + "` | `" + `.
The rule splits it at ` + "`|`" + `, trims each part, and reports empty parts (` + "`a |  | b`" + `, a leading
or trailing ` + "`|`" + `) and parts given more than once (compared ignoring case). The fix keeps
the first spelling of each keyword, in order, joined with ` + "` | `" + `. A missing value
(` + "`.na.character`" + `, ` + "`NA`" + `, ` + "`''`" + `) is left to missing-value.`,
		Bad:  "keywords: macrophages | | stem cells | Macrophages\n",
		Good: "keywords: macrophages | stem cells\n",
	},
	Run: runPaperKeywords,
}

// paperKeywordsClean splits a " | "-joined keyword string and returns the number
// of empty parts, the parts repeated (as first written, once each), and the
// cleaned string.
func paperKeywordsClean(s string) (empty int, dups []string, cleaned string) {
	seen := map[string]bool{}
	reported := map[string]bool{}
	var keep []string
	for _, part := range strings.Split(s, "|") {
		part = strings.TrimSpace(part)
		key := strings.ToLower(part)
		switch {
		case part == "":
			empty++
		case seen[key]:
			if !reported[key] {
				reported[key] = true
				dups = append(dups, part)
			}
		default:
			seen[key] = true
			keep = append(keep, part)
		}
	}
	return empty, dups, strings.Join(keep, " | ")
}

func runPaperKeywords(p *Pass) {
	value, n, ok := p.Scalar("/keywords")
	if !ok || isMissing(value) {
		return
	}
	empty, dups, cleaned := paperKeywordsClean(value)
	report := func(msg string) {
		f := Diagnostic{Node: n, Pointer: "/keywords", Message: msg}
		if cleaned != "" {
			f.Fixes = []Fix{p.Doc.ReplaceFix("replace with the cleaned keywords", n, cleaned)}
		}
		p.Report(f)
	}
	if empty > 0 {
		report(fmt.Sprintf("keywords has %d empty part(s) between or around \"|\"; expected %q", empty, cleaned))
	}
	if len(dups) > 0 {
		quoted := make([]string, len(dups))
		for i, d := range dups {
			quoted[i] = fmt.Sprintf("%q", d)
		}
		report(fmt.Sprintf("keywords repeats %s; expected each keyword once: %q", strings.Join(quoted, ", "), cleaned))
	}
}
