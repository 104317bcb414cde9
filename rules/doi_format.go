package rules

import (
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"unicode"
)

// DOIFormat reports a doi that is not a bare DOI.
var DOIFormat = Rule{
	Meta: Meta{
		FixSafety: FixSafe,
		ID:        "doi-format",
		Severity:  SeverityError,
		Since:     "0.1.0",
		Summary:   "the doi field must hold a bare, well-formed DOI",
		Doc: `A DOI is ` + "`10.<registrant>/<suffix>`" + `, written bare: the site builds links from it, and
lookups by DOI compare the bare string. Accepted: Crossref's main pattern
` + "`^10\\.\\d{4,9}/[-._;()/:A-Z0-9]+$`" + ` (any case) and its legacy patterns (early Wiley
` + "`10.1002/…`" + `, SICI DOIs with ` + "`< > #`" + `, early ACS and Erlbaum DOIs). A DOI that matches
only the DOI Handbook's general syntax ` + "`^10\\.\\d+(\\.\\d+)*/\\S+$`" + ` is valid but unusual: a
note asks to check it. Each common malformation is named and the finding suggests the
normalised DOI as a fix: a URL prefix (` + "`https://doi.org/`" + `, ` + "`http://dx.doi.org/`" + `…), a
scheme prefix (` + "`doi:`, `DOI `" + `), whitespace, no-break spaces or zero-width characters,
trailing punctuation (` + "`. , ; :`" + ` or an unbalanced ` + "`)`" + `), percent-encoding, HTML
entities, Unicode dashes for ` + "`-`" + `, and ` + "`//`" + ` after the prefix; several at once are
named in one finding. Two DOIs run together are reported without a fix, since only a
person can tell which is the article's. Missing values (` + "`.na.character`, `NA`, `''`" + `…) are
left to missing-value.`,
		Bad:  "doi: https://doi.org/10.1186/s12935-022-02527-9\n",
		Good: "doi: 10.1186/s12935-022-02527-9\n",
	},
	Run: runDOIFormat,
}

var (
	// doiCrossref is the pattern Crossref found to match 74.4M of 74.9M DOIs.
	doiCrossref = regexp.MustCompile(`(?i)^10\.\d{4,9}/[-._;()/:A-Z0-9]+$`)
	// doiLegacy are the further patterns of Crossref's early members: Wiley,
	// SICI-style DOIs (which hold < > #), ACS and Lawrence Erlbaum.
	doiLegacy = []*regexp.Regexp{
		regexp.MustCompile(`(?i)^10\.1002/\S+$`),
		regexp.MustCompile(`(?i)^10\.\d{4,9}/[-._;()/:A-Z0-9<>#]+$`),
		regexp.MustCompile(`(?i)^10\.1021/\w\w\d+$`),
		regexp.MustCompile(`(?i)^10\.1207/\w+&\d+_\d+$`),
	}
	// doiHandbook is the DOI Handbook's general syntax: any prefix of
	// dot-separated digits, any suffix without whitespace.
	doiHandbook = regexp.MustCompile(`^10\.\d+(\.\d+)*/\S+$`)

	doiURLPrefix    = regexp.MustCompile(`(?i)^(?:https?://)?(?:(?:www\.|dx\.)?doi\.org|hdl\.handle\.net)/`)
	doiSchemePrefix = regexp.MustCompile(`(?i)^(?:urn:doi:|info:doi/|doi\s*:\s*|doi\s+)`)
	doiPercent      = regexp.MustCompile(`%[0-9A-Fa-f]{2}`)
	doiEntity       = regexp.MustCompile(`&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);`)
	// doiStart finds a DOI's start, with any URL or scheme prefix, to tell
	// two DOIs run together.
	doiStart = regexp.MustCompile(`(?i)(?:https?://)?(?:(?:www\.|dx\.)?doi\.org/|doi:\s*)?10\.\d{4,9}/`)
)

// NormalizeDOI turns a DOI as written into the bare DOI and names each
// malformation it removed, as noun phrases for a message ("a URL prefix
// \"https://doi.org/\""), in the order found. It removes HTML entities,
// zero-width characters, no-break spaces and other whitespace, URL and
// scheme prefixes, percent-encoding, Unicode dashes, a doubled "/" after the
// prefix and trailing punctuation. When s holds two DOIs run together it
// returns "" and names both, since only a person can choose between them.
// It does not check that the result is a DOI.
func NormalizeDOI(s string) (normalised string, problems []string) {
	normalised, problems, _ = normalizeDOI(s)
	return normalised, problems
}

// normalizeDOI is NormalizeDOI that also tells whether s held two DOIs.
func normalizeDOI(s string) (normalised string, problems []string, twoDOIs bool) {
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	if m := doiEntity.FindString(s); m != "" {
		if u := html.UnescapeString(s); u != s {
			add("HTML entities (%q)", m)
			s = u
		}
	}

	var zeroWidth, nbsp bool
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD':
			zeroWidth = true
			return -1
		case '\u00A0', '\u202F', '\u2007':
			nbsp = true
			return ' '
		}
		return r
	}, s)
	if zeroWidth {
		add("zero-width characters")
	}
	if nbsp {
		add("no-break spaces")
	}
	if t := strings.TrimFunc(s, unicode.IsSpace); t != s {
		if !nbsp {
			add("leading or trailing whitespace")
		}
		s = t
	}

	if locs := doiStart.FindAllStringIndex(s, -1); len(locs) > 1 {
		for _, loc := range locs[1:] {
			// A "/10.1234/" inside a suffix may be part of that suffix.
			if loc[0] > 0 && s[loc[0]-1] != '/' {
				first := strings.TrimRightFunc(s[:loc[0]], func(r rune) bool {
					return unicode.IsSpace(r) || strings.ContainsRune(",;|", r)
				})
				add("two DOIs run together (%q and %q)", first, s[loc[0]:])
				return "", problems, true
			}
		}
	}

	for changed := true; changed; {
		changed = false
		if m := doiURLPrefix.FindString(s); m != "" {
			add("a URL prefix (%q)", m)
			s, changed = strings.TrimLeftFunc(s[len(m):], unicode.IsSpace), true
		}
		if m := doiSchemePrefix.FindString(s); m != "" {
			add("a scheme prefix (%q)", strings.TrimSpace(m))
			s, changed = strings.TrimLeftFunc(s[len(m):], unicode.IsSpace), true
		}
	}

	if m := doiPercent.FindString(s); m != "" {
		if u, err := url.PathUnescape(s); err == nil && u != s {
			add("percent-encoding (%q)", m)
			s = u
		}
	}

	var dashes []string
	s = strings.Map(func(r rune) rune {
		if (r >= '\u2010' && r <= '\u2014') || r == '\u2212' {
			if d := fmt.Sprintf("U+%04X", r); !containsString(dashes, d) {
				dashes = append(dashes, d)
			}
			return '-'
		}
		return r
	}, s)
	if len(dashes) > 0 {
		add("Unicode dashes (%s) for \"-\"", strings.Join(dashes, ", "))
	}

	if i := strings.Index(s, "//"); i > 0 && doiPrefixOnly(s[:i]) {
		add("a doubled \"/\" after the prefix")
		s = s[:i] + "/" + strings.TrimLeft(s[i:], "/")
	}

	var trailing string
	for {
		s = strings.TrimRightFunc(s, unicode.IsSpace)
		if s == "" {
			break
		}
		last := s[len(s)-1]
		if strings.IndexByte(".,;:", last) >= 0 ||
			(last == ')' && strings.Count(s, ")") > strings.Count(s, "(")) {
			trailing = string(last) + trailing
			s = s[:len(s)-1]
			continue
		}
		break
	}
	if trailing != "" {
		add("trailing punctuation (%q)", trailing)
	}

	if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		if !nbsp {
			add("whitespace inside it")
		}
		s = strings.Join(strings.Fields(s), "")
	}
	return s, problems, false
}

// doiPrefixOnly tells whether s is a DOI prefix: "10." and dot-separated
// digits.
func doiPrefixOnly(s string) bool {
	if !strings.HasPrefix(s, "10.") {
		return false
	}
	for _, part := range strings.Split(s[3:], ".") {
		if part == "" || strings.Trim(part, "0123456789") != "" {
			return false
		}
	}
	return true
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// doiKind classifies a bare DOI: "crossref" (the main or a legacy pattern),
// "handbook" (only the general syntax) or "" (not a DOI).
func doiKind(s string) string {
	if doiCrossref.MatchString(s) {
		return "crossref"
	}
	for _, re := range doiLegacy {
		if re.MatchString(s) {
			return "crossref"
		}
	}
	if doiHandbook.MatchString(s) {
		return "handbook"
	}
	return ""
}

func runDOIFormat(p *Pass) {
	text, node, ok := p.Scalar("/doi")
	if !ok || isMissingNull(node) {
		return
	}
	if _, missing := MissingMarker(text); missing {
		return // missing-value's business
	}
	ptr := "/doi"
	norm, problems, twoDOIs := normalizeDOI(text)
	switch {
	case twoDOIs:
		p.Report(Diagnostic{Node: node, Pointer: ptr,
			Message: fmt.Sprintf("doi %q has %s; expected the article's own DOI alone, which no fix can choose",
				text, joinPhrases(problems))})
	case doiKind(norm) == "":
		p.Report(Diagnostic{Node: node, Pointer: ptr,
			Message: fmt.Sprintf("doi %q is not a DOI; expected 10.<registrant>/<suffix>, such as 10.1186/s12935-022-02527-9", text)})
	case len(problems) > 0:
		p.Report(Diagnostic{Node: node, Pointer: ptr,
			Message: fmt.Sprintf("doi %q has %s; expected the bare DOI %q", text, joinPhrases(problems), norm),
			Fixes:   []Fix{p.Doc.ReplaceFix("replace with the normalised DOI", node, norm)}})
	case doiKind(norm) == "handbook":
		p.Report(Diagnostic{Node: node, Pointer: ptr, Severity: SeverityNote,
			Message: fmt.Sprintf("doi %q is valid DOI syntax but matches none of Crossref's patterns; "+
				"expected a registrant code of 4-9 digits and a suffix of letters, digits and -._;()/: (check the DOI)", text)})
	}
}

// joinPhrases joins phrases as "a", "a and b", "a, b and c".
func joinPhrases(ps []string) string {
	if len(ps) <= 1 {
		return strings.Join(ps, "")
	}
	return strings.Join(ps[:len(ps)-1], ", ") + " and " + ps[len(ps)-1]
}
