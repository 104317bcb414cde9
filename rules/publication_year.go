package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// PublicationYear reports a year that is implausible or that disagrees with
// the citation or a preprint DOI's date.
var PublicationYear = Rule{
	Meta: Meta{
		ID:        "publication-year",
		Severity:  SeverityWarning,
		Since:     "0.1.0",
		Precision: PrecisionMedium,
		FixSafety: FixUnsafe,
		Summary:   "year must be plausible and agree with reftext and a preprint DOI's date",
		Doc: `` + "`year`" + ` is the paper's publication year. It must lie between 1900 and next year
(papers appear online ahead of their issue), and agree with the two other places that
carry it: the citation in ` + "`reftext`" + `, whose year follows the journal abbreviation
(` + "`Cancer Cell Int. 2022;22:122.`" + `, ` + "`Mol Cell Biol. 2001 Dec;21(24):8385-8397.`" + `), and the date
in a bioRxiv or medRxiv DOI (` + "`10.1101/2023.03.03.530734`" + `). That DOI keeps the date of the
preprint's first version, so a later year also agrees when the DOI is dated December
(posted in January) or when reftext gives that later year (a later version). The finding names the field that disagrees and its year; when the other fields
agree on one year, it is offered as the fix. An empty year is left to missing-value, and
a year that is not 4 digits to the schema; a reftext without a year is not compared.`,
		Bad:  "reftext: A. Writer, et al. Cancer Cell Int. 2022;22:122.\nyear: '2021'\n",
		Good: "reftext: A. Writer, et al. Cancer Cell Int. 2022;22:122.\nyear: '2022'\n",
	},
	Run: runPublicationYear,
}

// publicationYearNow is the clock that sets the latest plausible year;
// tests replace it.
var publicationYearNow = time.Now

var (
	// reftextYear finds the first 4-digit number that starts a sentence of
	// the citation and ends at a space, ";", ":", "." or "," or the end: in
	// PMC's "Authors. Journal. 2001 Dec;21(24):8385-8397." that is the year
	// after the journal abbreviation, while volume, issue and page numbers
	// follow ";", "(" or ":" and never count.
	reftextYear = regexp.MustCompile(`(?:^|\.\s+)(\d{4})(?:[\s;:.,]|$)`)
	// preprintDOI is a bioRxiv or medRxiv DOI, dated since December 2019.
	preprintDOI = regexp.MustCompile(`(?i)^10\.1101/(\d{4})\.(\d{2})\.(\d{2})\.\d+(?:v(\d+))?$`)
)

// ReftextYear returns the publication year of a PMC citation such as
// "Li-Fen Lee, et al. Mol Cell Biol. 2001 Dec;21(24):8385-8397.", or
// ok == false when the citation carries none.
func ReftextYear(reftext string) (year int, ok bool) {
	m := reftextYear.FindStringSubmatch(strings.TrimSpace(reftext))
	if m == nil {
		return 0, false
	}
	y, err := strconv.Atoi(m[1])
	return y, err == nil
}

// PreprintDOIDate returns the date a bioRxiv or medRxiv DOI carries
// ("10.1101/2023.03.03.530734" is dated 2023-03-03), or ok == false when
// doi is no such DOI. Older Cold Spring Harbor DOIs (10.1101/gad.…) carry
// no date.
func PreprintDOIDate(doi string) (year, month, day int, ok bool) {
	m := preprintDOI.FindStringSubmatch(doi)
	if m == nil {
		return 0, 0, 0, false
	}
	year, _ = strconv.Atoi(m[1])
	month, _ = strconv.Atoi(m[2])
	day, _ = strconv.Atoi(m[3])
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return 0, 0, 0, false
	}
	return year, month, day, true
}

// preprintVersion returns the N of a preprint DOI's "vN" suffix, 1 without.
func preprintVersion(doi string) int {
	m := preprintDOI.FindStringSubmatch(doi)
	if len(m) < 5 || m[4] == "" {
		return 1
	}
	v, _ := strconv.Atoi(m[4])
	return v
}

func runPublicationYear(p *Pass) {
	text, node, ok := p.Scalar("/year")
	if !ok || isMissingNull(node) {
		return
	}
	if _, missing := MissingMarker(text); missing {
		return // missing-value's business
	}
	if len(text) != 4 || strings.Trim(text, "0123456789") != "" {
		return // the schema's business
	}
	year, _ := strconv.Atoi(text)

	var disagreements []string
	fix, fixOK := 0, true // the one year the other fields agree on
	candidate := func(y int) {
		switch {
		case fix == 0:
			fix = y
		case fix != y:
			fixOK = false
		}
	}

	atLeast := 0 // a lower bound from a preprint DOI, when nothing else speaks
	refYear, hasRef := 0, false
	if ref, _, ok := p.Scalar("/reftext"); ok {
		refYear, hasRef = ReftextYear(ref)
	}
	if hasRef {
		candidate(refYear)
		if refYear != year {
			disagreements = append(disagreements, fmt.Sprintf("reftext, which says %d", refYear))
		}
	}
	if doi, _, ok := p.Scalar("/doi"); ok {
		if norm, _ := NormalizeDOI(doi); norm != "" {
			if dy, dm, dd, ok := PreprintDOIDate(norm); ok {
				// The DOI keeps the date of the first version: a December
				// submission is often posted in January, and a later version
				// (v2 and on) in a later year, which the citation then gives.
				later := preprintVersion(norm) >= 2
				agrees := func(y int) bool {
					return y == dy || (dm == 12 && y == dy+1) || (y > dy && (later || (hasRef && y == refYear)))
				}
				if hasRef && !agrees(refYear) {
					// Only with a citation to back it does the DOI's
					// year become a fix; alone it may be a first version's.
					candidate(dy)
				}
				if !hasRef && year < dy {
					atLeast = dy
				}
				if !agrees(year) {
					disagreements = append(disagreements,
						fmt.Sprintf("the preprint doi %q, dated %04d-%02d-%02d", norm, dy, dm, dd))
				}
			}
		}
	}

	latest := publicationYearNow().Year() + 1
	outside := year < 1900 || year > latest
	if !outside && len(disagreements) == 0 {
		return
	}
	var msg strings.Builder
	fmt.Fprintf(&msg, "year %q ", text)
	if outside {
		fmt.Fprintf(&msg, "is outside 1900..%d", latest)
		if len(disagreements) > 0 {
			msg.WriteString(" and ")
		}
	}
	if len(disagreements) > 0 {
		msg.WriteString("disagrees with " + strings.Join(disagreements, ", and with "))
	}
	f := Diagnostic{Node: node, Pointer: "/year"}
	switch {
	case fixOK && fix != 0 && fix != year:
		fmt.Fprintf(&msg, "; expected %d", fix)
		f.Fixes = []Fix{p.Doc.ReplaceFix(fmt.Sprintf("replace with %d", fix), node, strconv.Itoa(fix))}
	case atLeast != 0:
		fmt.Fprintf(&msg, "; expected %d or later (the preprint's year; a journal version may be later)", atLeast)
	default:
		msg.WriteString("; expected the year the paper was published")
	}
	f.Message = msg.String()
	p.Report(f)
}
