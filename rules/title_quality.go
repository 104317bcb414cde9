package rules

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// TitleQuality checks figtitle against the clean-up the PFOCR notebooks
// apply to titles (pfocr_fix_titles, stripArtifacts): a title that escaped
// it, or was edited later, shows on the site and in search results as is.
var TitleQuality = Rule{
	Meta: Meta{
		ID:       "title-quality",
		Severity: SeverityNote,
		Summary:  "figtitle should be 10 to 250 characters, without Greek letters, a trailing period, a leading (A), [x] artefacts, or the paper's title",
		Doc: `The notebooks clean every ` + "`figtitle`" + `: they keep 10 to 250 characters, spell Greek letters
out (` + "`Alpha-`" + `, ` + "`Beta-`" + `…), drop a trailing period, a leading panel label ` + "`(A)`" + ` and
` + "`[x]`" + ` artefacts (square brackets around at most one character, such as ` + "`[A]`" + ` or ` + "`[,]`" + `). This
rule reports each of these that a title still has, one finding each, with a fix where the
cleaned title can be computed (trailing period, leading ` + "`(A)`" + `, ` + "`[x]`" + `). It also notes a
figtitle that merely repeats ` + "`papertitle`" + ` (ignoring case and a trailing period): the
notebooks fall back to the paper's title when no usable figure title was found, and such a
page is worth a better title. Counted in characters (code points), not bytes.`,
		Bad:  "figtitle: (A) IL-6 signalling through STAT3 in tumour cells.\n",
		Good: "figtitle: IL-6 signalling through STAT3 in tumour cells\n",
	},
	Run: runTitleQuality,
}

var (
	// titlePanelLabel is stripArtifacts' "^\\(A\\)" (ignore.case).
	titlePanelLabel = regexp.MustCompile(`^\([Aa]\)\s*`)
	// titleArtefact is stripArtifacts' "\\[.{0,1}\\]"; the fix also takes the
	// space that separated the artefact from the text.
	titleArtefact    = regexp.MustCompile(`\[.?\]`)
	titleArtefactFix = regexp.MustCompile(`^\[.?\]\s*|\s*\[.?\]`)
)

// titleGreek returns the distinct Greek letters of s in order of appearance.
func titleGreek(s string) string {
	var b strings.Builder
	seen := map[rune]bool{}
	for _, r := range s {
		if unicode.IsLetter(r) && unicode.Is(unicode.Greek, r) && !seen[r] {
			seen[r] = true
			b.WriteRune(r)
		}
	}
	return b.String()
}

// titleWithoutPeriod drops the trailing periods and the spaces before them.
func titleWithoutPeriod(s string) string {
	return strings.TrimRightFunc(strings.TrimRight(s, "."), unicode.IsSpace)
}

// titleSameAsPaper compares titles as a reader would: case and a trailing
// period aside.
func titleSameAsPaper(figtitle, papertitle string) bool {
	norm := func(s string) string { return titleWithoutPeriod(strings.TrimSpace(s)) }
	return norm(figtitle) != "" && strings.EqualFold(norm(figtitle), norm(papertitle))
}

// titleClean removes a leading panel label, [x] artefacts and a trailing
// period, the problems whose fix is known.
func titleClean(title string) string {
	t := strings.TrimPrefix(title, titlePanelLabel.FindString(title))
	if strings.IndexByte(t, '[') >= 0 { // the regexp tries every position
		t = titleArtefactFix.ReplaceAllString(t, "")
	}
	t = strings.TrimSpace(t)
	if strings.HasSuffix(t, ".") {
		t = titleWithoutPeriod(t)
	}
	return t
}

func runTitleQuality(p *Pass) {
	const id = "title-quality"
	title, n, ok := p.Scalar("/figtitle")
	if !ok || title == "" || isMissing(title) {
		return
	}
	// Every fix is the title with all the fixable problems removed, so
	// that applying one does not undo another.
	cleaned := titleClean(title)
	report := func(fixable bool, format string, args ...any) {
		f := Finding{Rule: id, Range: p.Doc.NodeRange(n), Pointer: "/figtitle", Message: fmt.Sprintf(format, args...)}
		if fixable && cleaned != title && cleaned != "" {
			f.Fixes = []Fix{p.Doc.ReplaceFix(fmt.Sprintf("replace with %q", cleaned), n, cleaned)}
		}
		p.Report(f)
	}

	switch length := utf8.RuneCountInString(title); {
	case length < 10:
		report(false, "figtitle %q has %d characters; expected at least 10", title, length)
	case length > 250:
		report(false, "figtitle has %d characters (%q…); expected at most 250", length, string([]rune(title)[:60]))
	}
	if g := titleGreek(title); g != "" {
		report(false, "figtitle has Greek letters %q; expected them spelled out (Alpha, Beta, …)", g)
	}
	if m := titlePanelLabel.FindString(title); m != "" {
		report(true, "figtitle starts with the panel label %q; expected the title without it", strings.TrimSpace(m))
	}
	if m := titleArtefact.FindString(title); m != "" {
		report(true, "figtitle has the artefact %q; expected no square brackets around a single character", m)
	}
	if strings.HasSuffix(title, ".") {
		report(true, "figtitle ends with a period; expected no trailing %q", ".")
	}
	if paper, _, ok := p.Scalar("/papertitle"); ok && !isMissing(paper) && titleSameAsPaper(title, paper) {
		report(false, "figtitle repeats papertitle; expected a title of the figure itself")
	}
}
