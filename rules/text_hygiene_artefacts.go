package rules

import (
	"fmt"
	"strings"
)

// This file holds the text-hygiene checks for the marks that PFOCR's own
// sources leave in the text: SGML entity names from old PMC XML, R's NA
// pasted into citations, doubled periods, and the space that converting a
// superscript charge leaves before its sign. Each scans its value once,
// byte by byte: they run on every caption.

// hygieneISOGreek is ISO 8879's Greek letters entity set (ISOgrk1), which
// old PMC XML used and HTML does not define, so "&bgr;" shows as written.
// Source: the W3C's isogrk1.ent (ISO 9573-13:2003, "ENTITIES Greek
// Letters", http://www.w3.org/2003/entities/iso9573-2003/isogrk1.ent), as
// Debian's docutils-common ships it in
// /usr/share/docutils/parsers/rst/include/isogrk1.txt (49 names). Each
// entry is the character and the spelling the PFOCR notebooks use in
// titles, which spell Greek letters out.
var hygieneISOGreek = map[string]struct{ char, spelled string }{
	"Agr": {"Α", "Alpha"}, "agr": {"α", "Alpha"},
	"Bgr": {"Β", "Beta"}, "bgr": {"β", "Beta"},
	"Ggr": {"Γ", "Gamma"}, "ggr": {"γ", "Gamma"},
	"Dgr": {"Δ", "Delta"}, "dgr": {"δ", "Delta"},
	"Egr": {"Ε", "Epsilon"}, "egr": {"ε", "Epsilon"},
	"Zgr": {"Ζ", "Zeta"}, "zgr": {"ζ", "Zeta"},
	"EEgr": {"Η", "Eta"}, "eegr": {"η", "Eta"},
	"THgr": {"Θ", "Theta"}, "thgr": {"θ", "Theta"},
	"Igr": {"Ι", "Iota"}, "igr": {"ι", "Iota"},
	"Kgr": {"Κ", "Kappa"}, "kgr": {"κ", "Kappa"},
	"Lgr": {"Λ", "Lambda"}, "lgr": {"λ", "Lambda"},
	"Mgr": {"Μ", "Mu"}, "mgr": {"μ", "Mu"},
	"Ngr": {"Ν", "Nu"}, "ngr": {"ν", "Nu"},
	"Xgr": {"Ξ", "Xi"}, "xgr": {"ξ", "Xi"},
	"Ogr": {"Ο", "Omicron"}, "ogr": {"ο", "Omicron"},
	"Pgr": {"Π", "Pi"}, "pgr": {"π", "Pi"},
	"Rgr": {"Ρ", "Rho"}, "rgr": {"ρ", "Rho"},
	"Sgr": {"Σ", "Sigma"}, "sgr": {"σ", "Sigma"}, "sfgr": {"ς", "Sigma"},
	"Tgr": {"Τ", "Tau"}, "tgr": {"τ", "Tau"},
	"Ugr": {"Υ", "Upsilon"}, "ugr": {"υ", "Upsilon"},
	"PHgr": {"Φ", "Phi"}, "phgr": {"φ", "Phi"},
	"KHgr": {"Χ", "Chi"}, "khgr": {"χ", "Chi"},
	"PSgr": {"Ψ", "Psi"}, "psgr": {"ψ", "Psi"},
	"OHgr": {"Ω", "Omega"}, "ohgr": {"ω", "Omega"},
}

// hygieneGreekEntities finds ISOgrk1 references in s. It returns the
// distinct references in order, what each stands for, and s with every
// reference replaced; spell replaces by the spelled-out name (for
// figtitle) instead of the character.
func hygieneGreekEntities(s string, spell bool) (refs, chars []string, fixed string) {
	var b strings.Builder
	seen := map[string]bool{}
	last := 0
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '&')
		if j < 0 {
			break
		}
		i += j
		// The longest ISOgrk1 name has 4 letters.
		end := strings.IndexByte(s[i+1:min(len(s), i+7)], ';')
		if end < 0 {
			i++
			continue
		}
		name := s[i+1 : i+1+end]
		e, ok := hygieneISOGreek[name]
		if !ok {
			i++
			continue
		}
		repl := e.char
		if spell {
			repl = e.spelled
		}
		ref := s[i : i+end+2]
		if !seen[ref] {
			seen[ref] = true
			refs, chars = append(refs, ref), append(chars, repl)
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		i += end + 2
		last = i
	}
	if refs == nil {
		return nil, nil, s
	}
	b.WriteString(s[last:])
	return refs, chars, b.String()
}

// hygieneRNA finds the places where R pasted NA for an empty volume, issue
// or page into a citation (paste0 writes NA as "NA"): "2024;2024(NA).",
// "2021;NA(NA):NA.", "2020;12:NA.". It returns the distinct artefacts in
// order and s without them. "NA" counts only as a whole token, so
// "DNA", "(NAD)" and "NA-1" stay.
func hygieneRNA(s string) (found []string, fixed string) {
	if !strings.Contains(s, "NA") {
		return nil, s
	}
	seen := map[string]bool{}
	note := func(a string) {
		if !seen[a] {
			seen[a] = true
			found = append(found, a)
		}
	}
	// An issue: "(NA)" anywhere.
	if strings.Contains(s, "(NA)") {
		note("(NA)")
		s = strings.ReplaceAll(s, "(NA)", "")
	}
	// A volume or page: ";NA" or ":NA", ending the citation or followed by
	// the page separator.
	var b strings.Builder
	last := 0
	for i := 1; i+2 <= len(s); i++ {
		if s[i] != 'N' || s[i+1] != 'A' || (s[i-1] != ';' && s[i-1] != ':') {
			continue
		}
		if k := i + 2; k < len(s) && s[k] != '.' && s[k] != ':' && s[k] != ';' && s[k] != ' ' {
			continue
		}
		note(s[i-1 : i+2])
		b.WriteString(s[last : i-1])
		last = i + 2
		i++
	}
	if last > 0 {
		b.WriteString(s[last:])
		s = b.String()
	}
	return found, s
}

// hygieneDoubledPeriods finds runs of exactly two periods: a typo or two
// sources pasted together, unlike an ellipsis ("...") or a relative path
// ("../"). It returns the first with some context and s with each run
// made one period.
func hygieneDoubledPeriods(s string) (count int, at int, fixed string) {
	var b strings.Builder
	last := 0
	at = -1
	for i := 0; i+1 < len(s); i++ {
		j := strings.Index(s[i:], "..")
		if j < 0 {
			break
		}
		i += j
		run := i
		for run < len(s) && s[run] == '.' {
			run++
		}
		if run-i != 2 || (i > 0 && s[i-1] == '.') || (run < len(s) && s[run] == '/') {
			i = run
			continue
		}
		if at < 0 {
			at = i
		}
		count++
		b.WriteString(s[last : i+1])
		last = i + 2
		i = run
	}
	if count == 0 {
		return 0, -1, s
	}
	b.WriteString(s[last:])
	return count, at, b.String()
}

// hygieneCations and hygieneAnions are the ions whose charge a converted
// superscript shows as "Ca2 +" or "Cl -": the element or group, to which a
// charge number may be attached ("Ca2", "Fe3"). Only common ions of
// biology are listed, so that "2 + 2", "Phase I - II" or "H - bond" stay.
var (
	hygieneCations = map[string]bool{
		"H": true, "Li": true, "Na": true, "K": true, "Rb": true, "Cs": true,
		"Ag": true, "Cu": true, "Mg": true, "Ca": true, "Sr": true, "Ba": true,
		"Mn": true, "Fe": true, "Co": true, "Ni": true, "Zn": true, "Cd": true,
		"Hg": true, "Pb": true, "Al": true, "Cr": true, "Tl": true,
		"NH4": true, "NAD": true, "NADP": true,
	}
	hygieneAnions = map[string]bool{
		"Cl": true, "Br": true, "F": true, "OH": true, "HCO3": true, "NO3": true,
		"NO2": true, "SO4": true, "PO4": true,
	}
)

// hygieneChargeStem splits a token such as "Ca2" into its ion ("Ca") and
// charge digits ("2"), when the token is a listed ion. A CD marker
// ("CD4") counts as a cation stem: "CD4 + T cells" is "CD4+ T cells"
// with the same converter's space.
func hygieneChargeStem(tok string, sign byte) bool {
	ions := hygieneCations
	if sign == '-' {
		ions = hygieneAnions
	}
	if ions[tok] {
		return true
	}
	// A trailing charge digit: "Ca2", "Fe3", "SO42".
	if n := len(tok); n >= 2 && tok[n-1] >= '1' && tok[n-1] <= '4' && ions[tok[:n-1]] {
		return true
	}
	if sign == '+' && len(tok) >= 3 && tok[0] == 'C' && tok[1] == 'D' {
		rest := strings.TrimRight(tok[2:], "abcdefghijklmnopqrstuvwxyz")
		return rest != "" && strings.Trim(rest, "0123456789") == "" && len(tok)-len(rest) <= 3
	}
	return false
}

// hygieneIsWordByte reports ASCII letters and digits.
func hygieneIsWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// hygieneSpacedCharges finds charges written with a space before the sign
// ("Ca2 +", "Na +", "Cl -") or before the charge number ("Ca 2+"), and
// returns how many, the first as written and as it should be, and s with
// every such space removed. The sign must end the token (a space, the
// end, or punctuation follows), so "Na + K" in a formula is not one, but
// a following word starting with "CD" leaves "CD4 + CD8 T cells" (which
// may mean "and") as written.
func hygieneSpacedCharges(s string) (count int, first, want, fixed string) {
	var b strings.Builder
	last := 0
	for k := 1; k < len(s); k++ {
		sign := s[k]
		if sign != '+' && sign != '-' {
			continue
		}
		// After the sign: the end, a space, or punctuation.
		if n := k + 1; n < len(s) && strings.IndexByte(" ,.;:)]/-", s[n]) < 0 {
			continue
		}
		// "CD4 + CD8" may mean "and"; "K + 1" is arithmetic.
		if n := k + 1; n+1 < len(s) && s[n] == ' ' && (s[n+1] >= '0' && s[n+1] <= '9' || n+2 < len(s) && s[n+1] == 'C' && s[n+2] == 'D') {
			continue
		}
		// "Ca2 +": the space is right before the sign; "Ca 2+": before a
		// charge digit that precedes the sign.
		var space int
		digit := false
		switch {
		case s[k-1] == ' ':
			space = k - 1
		case k >= 2 && s[k-1] >= '1' && s[k-1] <= '4' && s[k-2] == ' ':
			space, digit = k-2, true
		default:
			continue
		}
		start := space
		for start > 0 && space-start < 6 && hygieneIsWordByte(s[start-1]) {
			start--
		}
		if start == space || (start > 0 && hygieneIsWordByte(s[start-1])) {
			continue
		}
		tok := s[start:space]
		if digit {
			// "Ca 2+": only a bare ion of the sign takes a detached number.
			if (sign == '+' && !hygieneCations[tok]) || (sign == '-' && !hygieneAnions[tok]) {
				continue
			}
		} else if !hygieneChargeStem(tok, sign) {
			continue
		}
		if count == 0 {
			first, want = s[start:k+1], tok+s[space+1:k+1]
		}
		count++
		b.WriteString(s[last:space])
		last = space + 1
	}
	if count == 0 {
		return 0, "", "", s
	}
	b.WriteString(s[last:])
	return count, first, want, b.String()
}

// hygieneArtefacts adds the problems of this file to add/addStyle.
func hygieneArtefacts(field, value string, add, addStyle func(fixed, format string, args ...any)) {
	if strings.IndexByte(value, '&') >= 0 {
		if refs, chars, fixed := hygieneGreekEntities(value, field == "figtitle"); refs != nil {
			what := "character"
			if field == "figtitle" {
				what = "spelling"
			}
			if len(refs) == 1 {
				add(fixed, "%s has the ISO 8879 Greek entity %q of old PMC XML, which HTML does not know; expected the %s %q", field, refs[0], what, chars[0])
			} else {
				add(fixed, "%s has the ISO 8879 Greek entities %s of old PMC XML, which HTML does not know; expected the %ss %s", field, quotedList(refs), what, quotedList(chars))
			}
		}
	}
	if field == "reftext" {
		if found, fixed := hygieneRNA(value); found != nil {
			add(fixed, "reftext has R's missing value %s where the source had no volume, issue or page; expected it left out (%q)", quotedList(found), fixed)
		}
	}
	if strings.Contains(value, "..") {
		if n, at, fixed := hygieneDoubledPeriods(value); n > 0 {
			more := ""
			if n > 1 {
				more = fmt.Sprintf(" (and %d more)", n-1)
			}
			addStyle(fixed, "%s has a doubled period in %q%s; expected one period, or an ellipsis %q", field, hygieneExcerpt(value, at, at+2), more, "...")
		}
	}
	if strings.IndexByte(value, '+') >= 0 || strings.IndexByte(value, '-') >= 0 {
		if n, first, want, fixed := hygieneSpacedCharges(value); n > 0 {
			more := ""
			if n > 1 {
				more = fmt.Sprintf(" (and %d more)", n-1)
			}
			addStyle(fixed, "%s has a space inside the charge %q%s; expected %q", field, first, more, want)
		}
	}
}
