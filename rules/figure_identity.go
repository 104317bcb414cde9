package rules

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// FigureIdentity checks that the identity fields of a page agree with each
// other: they are all derived from pmcid, number and figid, and a field that
// drifted from its sources gives the figure a wrong URL, image or redirect.
var FigureIdentity = Rule{
	Meta: Meta{
		ID:        "figure-identity",
		Severity:  SeverityError,
		Since:     "0.1.0",
		FixSafety: FixUnsafe,
		Summary:   "figid, filename, figlink, figid_alias, figtype, redirect_from and schema-jsonld.@id must agree with pmcid, number and the file name",
		Doc: `Every identity field of a PFOCR page is derived from three sources: ` + "`pmcid`" + `,
` + "`number`" + ` and ` + "`figid`" + ` (which must equal the page's file name without ` + "`.md`" + `). The
rule recomputes each derived field and reports, at that field's value, each one that
disagrees, naming the field it disagrees with and offering the expected value as a fix:

- ` + "`figid`" + ` equals the file name stem and starts with ` + "`<pmcid>__`" + `. The file name is only
  compared when the page sits in a ` + "`_figures`" + ` folder or is named like a figid
  (` + "`PMC…__….md`" + `). While figid and the file name disagree, that is the only finding on
  the fields derived from figid, since either may be the wrong one.
- ` + "`filename`" + ` is figid without its ` + "`PMC…__`" + ` prefix plus an image extension (filename's own
  when it is one of jpg, jpeg, png, gif, tif, tiff; else ` + "`.jpg`" + `). When figid itself
  disagrees with pmcid, the derived fields follow the figid that pmcid implies; when the
  page is named like a figid that disagrees with pmcid, no fix is offered, since the file
  would have to be renamed or pmcid is the wrong one.
- ` + "`figlink`" + ` is ` + "`/pmc/articles/<pmcid>/figure/<id>/`" + `, with its trailing slash (a missing
  slash is a warning: PMC redirects the link, so the page still works; its fix is safe,
  the only safe one of this rule: which field is wrong is a judgement).
- ` + "`figid_alias`" + ` is ` + "`<pmcid>__<number>`" + ` and ` + "`redirect_from`" + ` is ` + "`/figures/<figid_alias>`" + `
  (jekyll-redirect-from turns it into a URL).
- ` + "`figtype`" + ` follows the number's prefix: F Figure, S Scheme, SF Supplemental figure,
  GA Graphical abstract, AF Appendix figure, EV Extended view.
- ` + "`schema-jsonld.@id`" + ` is ` + "`https://pfocr.wikipathways.org/figures/<figid>.html`" + `.

A malformed ` + "`pmcid`" + ` or ` + "`number`" + ` is the schema's finding; the rule then takes the pmcid
from figid's prefix, or skips the checks that need the malformed value, rather than
report every derived field. As a note, the rule also flags a ` + "`number`" + ` none of whose
digits appear in figlink's figure id (` + "`number: F1`" + ` with ` + "`figure/fig8/`" + `): PMC's figure ids
are spelled many ways (` + "`F7`" + `, ` + "`Fig7`" + `, ` + "`fig-0007`" + `, ` + "`sch1`" + `, ` + "`j_med-2022-0615_ga_001`" + `), so only a
figure id whose digit runs all differ from the number is reported.`,
		Bad: `figid: PMC8932105__12935_2022_2527_Fig7_HTML
pmcid: PMC8932105
filename: PMC8932105__12935_2022_2527_Fig7_HTML.jpg
figlink: /pmc/articles/PMC8932105/figure/Fig7
number: F7
figid_alias: PMC8932105__F7
figtype: Scheme
redirect_from: /figures/PMC8932105__F7
`,
		Good: `figid: PMC8932105__12935_2022_2527_Fig7_HTML
pmcid: PMC8932105
filename: 12935_2022_2527_Fig7_HTML.jpg
figlink: /pmc/articles/PMC8932105/figure/Fig7/
number: F7
figid_alias: PMC8932105__F7
figtype: Figure
redirect_from: /figures/PMC8932105__F7
`,
	},
	Run: runFigureIdentity,
}

var (
	identityPMCID = regexp.MustCompile(`^PMC[1-9][0-9]{0,8}$`)
	// identityFigidPrefix reads a well-formed pmcid off the front of a figid.
	identityFigidPrefix = regexp.MustCompile(`^(PMC[1-9][0-9]{0,8})__`)
	// identityAnyPrefix is what the pipeline's removePMCPrefix strips, in
	// any case, so a figid with a malformed prefix still yields its image.
	identityAnyPrefix = regexp.MustCompile(`(?i)^pmc[0-9]*__`)
	// identityNumber is the schema's pattern for number.
	identityNumber  = regexp.MustCompile(`^(F[0-9]+[a-zA-Z]?|S[0-9]+|SF[0-9]+(_[0-9]+)?|GA[0-9]+|AF[0-9]+|EV[0-9]+)$`)
	identityFigLink = regexp.MustCompile(`^/pmc/articles/([^/\s]+)/figure/([^/\s]+)(/?)$`)
	identityDigits  = regexp.MustCompile(`[0-9]+`)
	identityImage   = map[string]bool{"jpg": true, "jpeg": true, "png": true, "gif": true, "tif": true, "tiff": true}
	// identityFigtypes is the pipeline's type.list.
	identityFigtypes = map[string]string{
		"F": "Figure", "S": "Scheme", "SF": "Supplemental figure",
		"GA": "Graphical abstract", "AF": "Appendix figure", "EV": "Extended view",
	}
)

// identityPMCFigureURL is the base of schema-jsonld.@id.
const identityPMCFigureURL = "https://pfocr.wikipathways.org/figures/"

// identityStem returns the page's file name without .md or .markdown, and
// whether figid must equal it: Jekyll serves a _figures page under its file
// name, but a page elsewhere (a test fixture, a scratch copy) may be named
// anything unless its name looks like a figid. folder is the name of the
// page's folder on disk (the displayed path may lack it: a run inside
// _figures shows "x.md").
func identityStem(p, folder string) (stem string, applies bool) {
	base := path.Base(p)
	// The extension in any case: the walk picks up page.MD too, and Jekyll
	// renders it.
	switch ext := path.Ext(base); strings.ToLower(ext) {
	case ".md", ".markdown":
		stem = strings.TrimSuffix(base, ext)
	default:
		return "", false
	}
	if stem == "" {
		return "", false
	}
	if folder == "" {
		folder = path.Base(path.Dir(p))
	}
	return stem, folder == "_figures" || identityFigidPrefix.MatchString(stem)
}

// identityImagePart is figid without its PMC…__ prefix: the image's stem.
func identityImagePart(figid string) string {
	return identityAnyPrefix.ReplaceAllString(figid, "")
}

// identityFilename is the filename that figid implies, keeping the current
// filename's extension when it is an image extension.
func identityFilename(figid, current string) string {
	ext := ".jpg"
	if i := strings.LastIndexByte(current, '.'); i >= 0 && identityImage[strings.ToLower(current[i+1:])] {
		ext = current[i:]
	}
	return identityImagePart(figid) + ext
}

// identityNumberType returns the figtype that a well-formed number implies.
func identityNumberType(number string) (string, bool) {
	if !identityNumber.MatchString(number) {
		return "", false
	}
	// The pattern guarantees a digit after the prefix letters.
	t, ok := identityFigtypes[number[:strings.IndexAny(number, "0123456789")]]
	return t, ok
}

// identityNumberMatchesFigureID reports whether some digit run of the
// figure id has the value of some digit run of number, ignoring leading
// zeros (fig-0007 is figure 7). A figure id without digits cannot be
// compared and counts as a match.
func identityNumberMatchesFigureID(number, id string) bool {
	idRuns := identityDigits.FindAllString(id, -1)
	if len(idRuns) == 0 {
		return true
	}
	for _, n := range identityDigits.FindAllString(number, -1) {
		n = strings.TrimLeft(n, "0")
		for _, d := range idRuns {
			if strings.TrimLeft(d, "0") == n {
				return true
			}
		}
	}
	return false
}

// identityPMCAny finds a PMC id inside a field's value.
var identityPMCAny = regexp.MustCompile(`PMC[1-9][0-9]{0,8}`)

// identityMajority returns the PMC id that most identity fields carry:
// pmcid's or figid's (the two that disagree), counting figid, the file
// name, figlink, figid_alias, redirect_from and schema-jsonld.@id. pmcid
// wins a tie.
func identityMajority(p *Pass, pmcid, figidPMC string, stemApplies bool) string {
	votes := map[string]int{pmcid: 1, figidPMC: 1}
	if stemApplies {
		if m := identityPMCAny.FindString(path.Base(p.Doc.Path)); m != "" {
			votes[m]++
		}
	}
	for _, ptr := range []string{"/figlink", "/figid_alias", "/redirect_from", "/schema-jsonld/@id"} {
		if v, _, ok := p.Scalar(ptr); ok {
			if m := identityPMCAny.FindString(v); m != "" {
				votes[m]++
			}
		}
	}
	if votes[figidPMC] > votes[pmcid] {
		return figidPMC
	}
	return pmcid
}

func runFigureIdentity(p *Pass) {
	// A disagreement is a judgement (which field is wrong?): its fix is
	// unsafe, the rule's default. Only the missing "/" is safe.
	reportAs := func(sev Severity, safety FixSafety, n *yaml.Node, ptr, want, format string, args ...any) {
		fix := p.Doc.ReplaceFix(fmt.Sprintf("replace with %q", want), n, want)
		fix.Safety = safety
		p.Report(Diagnostic{
			Severity: sev, Node: n, Pointer: ptr, Message: fmt.Sprintf(format, args...),
			Fixes: []Fix{fix},
		})
	}
	report := func(n *yaml.Node, ptr, want, format string, args ...any) {
		reportAs(0, FixSafetyDefault, n, ptr, want, format, args...)
	}

	figid, figidNode, hasFigid := p.Scalar("/figid")
	stem, stemApplies := identityStem(p.Doc.Path, p.Doc.Folder)

	// ref is the figid that filename and schema-jsonld.@id must follow.
	// When figid and the file name disagree, either may be the wrong one:
	// that one finding stands alone, and the fields derived from figid wait
	// until it is settled, so no two fixes pull in different directions.
	ref, refDesc := "", ""
	switch {
	case hasFigid && stemApplies && figid != stem:
		report(figidNode, "/figid", stem, "figid %q disagrees with the file name %q; expected %q", figid, stem+path.Ext(p.Doc.Path), stem)
	case hasFigid:
		ref, refDesc = figid, fmt.Sprintf("figid %q", figid)
	case stemApplies:
		ref, refDesc = stem, fmt.Sprintf("the file name %q", stem+path.Ext(p.Doc.Path))
	}

	// pmc is the pmcid the derived fields must carry. A malformed pmcid is
	// the schema's finding; figid's prefix stands in for it so that the
	// derived fields are not all reported for one typo.
	pmcid, pmcidNode, hasPMCID := p.Scalar("/pmcid")
	pmc, pmcDesc := "", ""
	if hasPMCID && identityPMCID.MatchString(pmcid) {
		pmc, pmcDesc = pmcid, fmt.Sprintf("pmcid %q", pmcid)
		if m := identityFigidPrefix.FindStringSubmatch(ref); m != nil && hasFigid && m[1] != pmc {
			// figid and pmcid disagree. The PMC id that most identity
			// fields carry decides which is wrong (pmcid wins a tie), so
			// one wrong value yields one finding, not a finding with a
			// fix that spreads the mistake to every other field.
			winner := identityMajority(p, pmc, m[1], stemApplies)
			switch {
			case winner == pmc && stemApplies:
				// The page would have to be renamed too, which a text
				// edit cannot do: say so without a fix.
				p.Report(Diagnostic{Node: figidNode, Pointer: "/figid", Message: fmt.Sprintf("figid %q and the file name disagree with pmcid %q; expected both to be %q, or pmcid to match them", figid, pmc, pmc+"__"+identityImagePart(ref))})
			case winner == pmc:
				want := pmc + "__" + identityImagePart(ref)
				report(figidNode, "/figid", want, "figid %q disagrees with pmcid %q; expected %q", figid, pmc, want)
				ref, refDesc = want, fmt.Sprintf("the figid %q that pmcid %q implies", want, pmc)
			default:
				report(pmcidNode, "/pmcid", winner, "pmcid %q disagrees with figid %q and the other identity fields; expected %q", pmcid, figid, winner)
				pmc, pmcDesc = winner, fmt.Sprintf("the pmcid %q in figid", winner)
			}
		}
	} else {
		source := figid
		if !hasFigid {
			source = stem
		}
		if m := identityFigidPrefix.FindStringSubmatch(source); m != nil {
			pmc, pmcDesc = m[1], fmt.Sprintf("the pmcid %q in figid", m[1])
		}
	}

	if fn, n, ok := p.Scalar("/filename"); ok && ref != "" {
		if want := identityFilename(ref, fn); fn != want {
			if strings.HasPrefix(fn, ref) && identityAnyPrefix.MatchString(fn) {
				report(n, "/filename", want, "filename %q keeps figid's %q prefix; expected %q",
					fn, identityAnyPrefix.FindString(fn), want)
			} else {
				report(n, "/filename", want, "filename %q disagrees with %s; expected %q", fn, refDesc, want)
			}
		}
	}

	number, numberNode, hasNumber := p.Scalar("/number")
	figtype, numberOK := "", false
	if hasNumber {
		figtype, numberOK = identityNumberType(number)
	}

	if fl, n, ok := p.Scalar("/figlink"); ok {
		if m := identityFigLink.FindStringSubmatch(fl); m != nil {
			linkPMC, figureID := m[1], m[2]
			wantPMC := pmc
			if wantPMC == "" {
				wantPMC = linkPMC
			}
			want := "/pmc/articles/" + wantPMC + "/figure/" + figureID + "/"
			switch {
			case linkPMC != wantPMC:
				report(n, "/figlink", want, "figlink %q disagrees with %s; expected %q", fl, pmcDesc, want)
			case fl != want:
				// PMC redirects the link without it: the page works, the
				// data is inconsistent. A warning, not an error.
				reportAs(SeverityWarning, FixSafe, n, "/figlink", want, "figlink %q lacks its trailing \"/\"; expected %q", fl, want)
			}
			if numberOK && number != "F0" && !identityNumberMatchesFigureID(number, figureID) {
				p.Report(Diagnostic{
					Severity: SeverityNote, Node: numberNode, Pointer: "/number",
					Message: fmt.Sprintf("number %q does not appear in figlink's figure id %q; check which figure this page shows", number, figureID),
				})
			}
		}
	}

	if pmc != "" && numberOK {
		alias := pmc + "__" + number
		// against names the source(s) that a wrong alias disagrees with.
		against := func(got string) string {
			gotPMC, gotNumber, _ := strings.Cut(got, "__")
			switch {
			case gotPMC != pmc && gotNumber != number:
				return fmt.Sprintf("%s and number %q", pmcDesc, number)
			case gotPMC != pmc:
				return pmcDesc
			}
			return fmt.Sprintf("number %q", number)
		}
		if fa, n, ok := p.Scalar("/figid_alias"); ok && fa != alias {
			report(n, "/figid_alias", alias, "figid_alias %q disagrees with %s; expected %q", fa, against(fa), alias)
		}
		if rf, n, ok := p.Scalar("/redirect_from"); ok {
			want := "/figures/" + alias
			switch got, hasPrefix := strings.CutPrefix(rf, "/figures/"); {
			case rf == want:
			case !hasPrefix:
				report(n, "/redirect_from", want, "redirect_from %q is not \"/figures/\" followed by figid_alias; expected %q", rf, want)
			default:
				report(n, "/redirect_from", want, "redirect_from %q disagrees with %s; expected %q", rf, against(got), want)
			}
		}
	}

	if numberOK {
		if ft, n, ok := p.Scalar("/figtype"); ok && ft != figtype {
			report(n, "/figtype", figtype, "figtype %q disagrees with number %q; expected %q", ft, number, figtype)
		}
	}

	if ref != "" {
		ptr := Pointer("schema-jsonld", "@id")
		if at, n, ok := p.Scalar(ptr); ok {
			if want := identityPMCFigureURL + ref + ".html"; at != want {
				report(n, ptr, want, "schema-jsonld.@id %q disagrees with %s; expected %q", at, refDesc, want)
			}
		}
	}
}
