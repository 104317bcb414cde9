package rules

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// TitleQuality checks figtitle against the clean-up the PFOCR notebooks
// apply to titles (pfocr_fix_titles, stripArtifacts): a title that escaped
// it, or was edited later, shows on the site and in search results as is.
var TitleQuality = Rule{
	Meta: Meta{
		FixSafety: FixSafe,
		ID:        "title-quality",
		Severity:  SeverityNote,
		Since:     "0.1.0",
		Precision: PrecisionMedium,
		Summary:   "figtitle should be 10 to 250 characters, without Greek letters, a trailing period, a leading (A), [x] artefacts, a cut ending, or the paper's title",
		Doc: `The notebooks clean every ` + "`figtitle`" + `: they keep 10 to 250 characters, spell Greek letters
out (` + "`Alpha-`" + `, ` + "`Beta-`" + `…), drop a trailing period, a leading panel label ` + "`(A)`" + ` and
` + "`[x]`" + ` artefacts (square brackets around at most one character, such as ` + "`[A]`" + ` or ` + "`[,]`" + `). This
rule reports each of these that a title still has, one finding each, with a fix where the
cleaned title can be computed (trailing period, leading ` + "`(A)`" + `, ` + "`[x]`" + `). Counted in characters
(code points), not bytes. These are notes.

It also notes a figtitle that repeats ` + "`papertitle`" + `: the notebooks fall back to the paper's
title when no usable figure title was found, and such a page is worth a better title. A
repeat is the same text but for case and a final period; a near-copy is the same after
folding case, punctuation and whitespace and dropping a leading ` + "`The`" + `/` + "`A`" + `/` + "`An`" + `,
` + "`The role of`" + ` or ` + "`Role of`" + `; the paper's main title (the part before a colon) counts too.

Titles that the pipeline cut are warnings: the site shows half a title. A figure's title is
mostly its caption's first sentence, and the split into sentences stops at an abbreviation's
period too. A title is cut when it ends in:

- a genus initial: a lone capital letter after ` + "`in`" + `, ` + "`of`" + `, ` + "`from`" + `, ` + "`by`" + `, ` + "`with`" + `, ` + "`within`" + `
  or ` + "`via`" + ` (` + "`… metabolism in C`" + ` from ` + "`in C. glutamicum`" + `), or after any word when
  ` + "`papertitle`" + ` or ` + "`caption`" + ` has that word, the letter and a species epithet
  (` + "`engineered S. cerevisiae`" + `); the name found is named and its field is a related
  location. Names that end in a capital stay clean: ` + "`Vitamin D`" + `, ` + "`Hepatitis B`" + `, ` + "`Complex I`" + `,
  ` + "`protein kinase A`" + `, ` + "`vitamins D and E`" + `;
- ` + "`et al`" + ` (` + "`… proposed by Winer et al`" + `);
- a preposition, article, conjunction or possessive (` + "`of`" + `, ` + "`in`" + `, ` + "`and`" + `, ` + "`the`" + `, ` + "`a`" + `, ` + "`to`" + `,
  ` + "`with`" + `, ` + "`via`" + `, ` + "`its`" + `…), in lower case or capitalised (but ` + "`A`" + ` alone is a name);
- any word, when the caption starts with the title and goes on after ` + "`. `" + ` with a lower-case
  word (` + "`… Pseudomonas sp`" + `, caption ` + "`… Pseudomonas sp. strain B13 …`" + `); a caption sentence
  may start with a number, so a number does not count.

A bracket left open is part of the same finding (one cause), or its own when the ending is
fine. A closing bracket without its opener, and words that start with ` + "`-`" + ` or ` + "`.`" + ` where the
clean-up dropped the text before them (` + "`The control of -regulated growth by .1`" + `), are
warnings too. A citation inside the title (` + "`Winer et al. model of …`" + `) is a note. None of
these has a fix: the lost words must come from the figure.`,
		Bad:  "figtitle: (A) IL-6 signalling through STAT3 in tumour cells of C.\n",
		Good: "figtitle: IL-6 signalling through STAT3 in tumour cells of C. elegans\n",
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
	title, n, ok := p.Scalar("/figtitle")
	if !ok || title == "" || isMissing(title) {
		return
	}
	// Every fix is the title with all the fixable problems removed, so
	// that applying one does not undo another.
	cleaned := titleClean(title)
	report := func(fixable bool, format string, args ...any) {
		f := Diagnostic{Node: n, Pointer: "/figtitle", Message: fmt.Sprintf(format, args...)}
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
	paper, _, ok := p.Scalar("/papertitle")
	if !ok || isMissing(paper) {
		paper = ""
	}
	switch titleCopyKind(title, paper) {
	case "exact":
		report(false, "figtitle repeats papertitle; expected a title of the figure itself")
	case "near":
		report(false, "figtitle repeats papertitle but for case, punctuation or a leading article; expected a title of the figure itself")
	case "main":
		report(false, "figtitle repeats papertitle's main title (the part before %q); expected a title of the figure itself", ":")
	}
	titleQualityCut(p, title, n, paper)
}

// titleQualityCut reports a cut title, words the clean-up emptied, stray
// brackets and citations. A cut is wrong data (a warning): the site shows
// half a title. Its evidence elsewhere on the page is a related location.
func titleQualityCut(p *Pass, title string, n *yaml.Node, paper string) {
	report := func(sev Severity, related []Related, format string, args ...any) {
		p.Report(Diagnostic{Severity: sev, Node: n, Pointer: "/figtitle",
			Related: related, Message: fmt.Sprintf(format, args...)})
	}
	texts := map[string]string{"/papertitle": paper}
	if caption, _, ok := p.Scalar("/caption"); ok && !isMissing(caption) {
		texts["/caption"] = caption
	}
	if c, ok := titleCutOf(title, texts); ok {
		var related []Related
		var msg strings.Builder
		if c.reason != "" {
			fmt.Fprintf(&msg, "figtitle ends in %q, %s", c.ending, c.reason)
			if c.evidence != "" {
				field := strings.TrimPrefix(c.evidPtr, "/")
				fmt.Fprintf(&msg, " (%s has %q)", field, c.evidence)
				if _, en, ok := p.Scalar(c.evidPtr); ok {
					related = append(related, Related{Range: p.Doc.NodeRange(en), Message: fmt.Sprintf("%s has %q", field, c.evidence)})
				}
			}
			if c.open != "" {
				fmt.Fprintf(&msg, ", and leaves %q open", c.open)
			}
			msg.WriteString("; expected the whole title")
		} else {
			fmt.Fprintf(&msg, "figtitle leaves %q open; expected it closed, or the whole title if it was cut", c.open)
		}
		report(SeverityWarning, related, "%s", msg.String())
	}
	if _, stray := titleBracketBalance(title); stray != "" {
		report(SeverityWarning, nil, "figtitle closes %q that it never opened; expected balanced brackets", stray)
	}
	if words := titleDroppedWords(title); words != nil {
		report(SeverityWarning, nil, "figtitle has %s, where the clean-up dropped the text before %q; expected the original words", quotedList(words), words[0][:1])
	}
	if cite, ok := titleCiteMid(title); ok {
		report(SeverityNote, nil, "figtitle cites %q; expected the figure's own title, without a citation", cite)
	}
}
