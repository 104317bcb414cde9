package rules

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// TextHygiene checks the free-text fields for the marks of a text that went
// through a wrong decoder, an HTML page or a careless paste: they show on the
// site as garbage and defeat search.
var TextHygiene = Rule{
	Meta: Meta{
		FixSafety: FixSafe,
		ID:        "text-hygiene",
		Severity:  SeverityWarning,
		Since:     "0.1.0",
		Precision: PrecisionMedium,
		Summary:   "free-text fields must not hold mojibake, HTML or SGML entities, control characters, U+FFFD, R's NA, stray or doubled spaces or periods",
		Doc: `Checks ` + "`figtitle`" + `, ` + "`caption`" + `, ` + "`papertitle`" + `, ` + "`reftext`" + `, ` + "`journal_title`" + `,
` + "`publisher_name`" + `, ` + "`keywords`" + ` and ` + "`schema-jsonld.description`" + `, each as YAML reads it (so a line
break that YAML folds into a space is not a finding), for:

- mojibake: UTF-8 decoded as Latin-1 or Windows-1252 (` + "`Ã©`" + ` for é, ` + "`â€™`" + ` for ’). A run of
  such characters is reported when its Windows-1252/Latin-1 bytes are valid UTF-8; the
  fix decodes it. Genuine accented text (` + "`Müller`" + `, ` + "`São`" + `) never forms such a run.
- HTML entities (` + "`&amp;`" + `, ` + "`&#8217;`" + `, ` + "`&nbsp;`" + `): the fix replaces each by its character.
- control characters (C0, DEL, C1) left in the value, including line breaks and tabs
  that a quoted or literal scalar keeps: the fix replaces them with spaces.
- the replacement character U+FFFD, where a character was lost (no fix: the lost
  character must come from the source).
- leading or trailing whitespace, and spaces before a final period (` + "`… Proliferation .`" + `):
  the fix trims them.
- runs of two or more spaces inside the text: the fix makes them single spaces.
- ISO 8879 Greek entity names (ISOgrk1) that old PMC XML used and HTML does not define,
  so they show as written: ` + "`&bgr;`" + ` (β), ` + "`&agr;`" + ` (α), ` + "`&kgr;`" + ` (κ), ` + "`&ggr;`" + `, ` + "`&dgr;`" + `… (all 49
  names). The fix writes the character, or in ` + "`figtitle`" + ` its spelling (` + "`Beta`" + `), as the
  notebooks write Greek letters in titles. HTML's own names (` + "`&beta;`" + `) are the HTML-entity case.
- in ` + "`reftext`" + `, R's NA pasted for an empty volume, issue or page: ` + "`2024;2024(NA).`" + `,
  ` + "`2021;NA(NA):NA.`" + `, ` + "`2020;12:NA.`" + `; the fix leaves them out (` + "`2024;2024.`" + `, ` + "`2021.`" + `).
  ` + "`NA`" + ` counts only as a whole token after ` + "`;`" + ` or ` + "`:`" + `, or as ` + "`(NA)`" + `.
- a doubled period (` + "`et al..`" + `), not part of an ellipsis ` + "`...`" + ` or a path ` + "`../`" + `: the fix
  makes it one.
- a space inside a chemical charge, left by converting a superscript: ` + "`Ca2 +`" + `, ` + "`Na +`" + `,
  ` + "`Cl -`" + `, ` + "`Ca 2+`" + `; the fix removes it (` + "`Ca2+`" + `). Only common ions (and ` + "`NAD`" + `, ` + "`NADP`" + `,
  ` + "`NH4`" + `) count, and the sign must end the token, so ` + "`2 + 2`" + `, ` + "`K + 1`" + ` and ` + "`Phase I - II`" + `
  stay. A CD marker counts too: ` + "`CD4 + T cells`" + ` is ` + "`CD4+ T cells`" + ` with the same space; but
  ` + "`CD4 + CD8`" + `, which may mean "and", stays as written.

Stray whitespace (leading, trailing, before a final period, doubled), doubled periods and
spaced charges are notes: the text reads the same. The others are warnings: the text
shown is wrong.

Each problem is one finding at the field's value. ` + "`schema-jsonld.description`" + ` is written from
the caption: when it is the same text, its problems are the caption's, one finding at the
caption with the description as a related location, whose fix cleans both. Spelling is not
checked.`,
		Bad:  "papertitle: 'Signals that   shape the niche .'\n",
		Good: "papertitle: Signals that shape the niche.\n",
	},
	Run: runTextHygiene,
}

// hygieneFields are the free-text fields, as pointers.
var hygieneFields = []string{
	"/figtitle", "/caption", "/papertitle", "/reftext", "/journal_title",
	"/publisher_name", "/keywords", "/schema-jsonld/description",
}

var (
	hygieneEntity = regexp.MustCompile(`&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)
	hygieneSpaces = regexp.MustCompile(`  +`)
)

// hygieneSpacedPeriod returns where the whitespace before s's final period
// starts, when s ends in a non-space, then ASCII whitespace, then "." (the
// regexp \S(\s+)\.$, which backtracks quadratically on long captions).
func hygieneSpacedPeriod(s string) (int, bool) {
	if !strings.HasSuffix(s, ".") {
		return 0, false
	}
	i := len(s) - 1
	for i > 0 && strings.IndexByte("\t\n\f\r ", s[i-1]) >= 0 {
		i--
	}
	// At least one space, and something that is not one before it.
	return i, i < len(s)-1 && i > 0
}

// hygieneCP1252 maps the characters Windows-1252 puts at 0x80..0x9F back to
// their bytes; Latin-1 covers the rest of 0x80..0xFF (and C1 controls for
// the five bytes Windows-1252 leaves undefined).
var hygieneCP1252 = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E,
	'‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
	'˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// hygieneByte returns the Windows-1252 (else Latin-1) byte of a non-ASCII
// rune, if it has one.
func hygieneByte(r rune) (byte, bool) {
	if b, ok := hygieneCP1252[r]; ok {
		return b, true
	}
	if r >= 0x80 && r <= 0xFF {
		return byte(r), true
	}
	return 0, false
}

// hygienePlausible tells whether the UTF-8 bytes b, read as Windows-1252,
// look like real mojibake rather than ordinary text that happens to decode:
// the lead byte must be one that mojibake usually shows (Â or Ã for Latin-1
// letters and signs, Î or Ï for Greek, â for punctuation, letterlike
// symbols, arrows and math) and the character must fall in that block.
// "TGF-ß–induced" (ß, U+00DF, is no such lead) stays as written.
func hygienePlausible(b []byte) bool {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		ok := false
		switch b[0] {
		case 0xC2, 0xC3:
			ok = r >= 0x80 && r <= 0xFF
		case 0xCE, 0xCF:
			ok = r >= 0x370 && r <= 0x3FF
		case 0xE2:
			ok = (r >= 0x2000 && r <= 0x206F) || (r >= 0x2100 && r <= 0x22FF)
		}
		if !ok {
			return false
		}
		b = b[size:]
	}
	return true
}

// hygieneMojibakeStart reports whether s holds one of Â Ã Î Ï â, with
// which every plausible run starts: in UTF-8 each is 0xC3 and one of 0x82,
// 0x83, 0x8E, 0x8F, 0xA2 (a byte scan: strings.ContainsAny decodes every
// rune of a long caption to look for non-ASCII characters).
func hygieneMojibakeStart(s string) bool {
	for {
		i := strings.IndexByte(s, 0xC3)
		if i < 0 || i+1 >= len(s) {
			return false
		}
		switch s[i+1] {
		case 0x82, 0x83, 0x8E, 0x8F, 0xA2:
			return true
		}
		s = s[i+1:]
	}
}

// hygieneMojibake finds runs of non-ASCII characters whose Windows-1252 or
// Latin-1 bytes form valid UTF-8, and returns the first run, its decoding,
// and s with every such run decoded. A run that is not valid UTF-8 as a
// whole is tried from each start, so "Ã©Ã" still yields "é".
func hygieneMojibake(s string) (first, decoded, fixed string, found bool) {
	if !hygieneMojibakeStart(s) {
		return "", "", s, false
	}
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); {
		// Longest valid-UTF-8 run starting at i.
		var raw []byte
		best, bestLen := "", 0
		// A character is at most 4 bytes, so a run longer than that is
		// several characters, each decoded in turn.
		for j := i; j < len(rs) && j < i+utf8.UTFMax; j++ {
			c, ok := hygieneByte(rs[j])
			if !ok {
				break
			}
			raw = append(raw, c)
			if len(raw) >= 2 && utf8.Valid(raw) && hygienePlausible(raw) {
				best, bestLen = string(raw), j-i+1
			}
		}
		if bestLen == 0 {
			b.WriteRune(rs[i])
			i++
			continue
		}
		if !found {
			first, decoded, found = string(rs[i:i+bestLen]), best, true
		}
		b.WriteString(best)
		i += bestLen
	}
	return first, decoded, b.String(), found
}

// hygieneIsControl reports C0 controls, DEL and C1 controls.
func hygieneIsControl(r rune) bool {
	return r < 0x20 || (r >= 0x7F && r <= 0x9F)
}

// hygieneExcerpt shows up to 24 characters of s around byte offset at, so a
// message points at the problem in a long caption.
func hygieneExcerpt(s string, at, end int) string {
	const side = 12
	start := at
	for n := 0; start > 0 && n < side; n++ {
		_, w := utf8.DecodeLastRuneInString(s[:start])
		start -= w
	}
	stop := end
	for n := 0; stop < len(s) && n < side; n++ {
		_, w := utf8.DecodeRuneInString(s[stop:])
		stop += w
	}
	out := s[start:stop]
	if start > 0 {
		out = "…" + out
	}
	if stop < len(s) {
		out += "…"
	}
	return out
}

// hygieneProblem is one problem in one value, with the value fixed for it
// ("" when no fix can be computed).
// hygieneClean applies the fixes of value's problems one after another,
// re-checking each result, until none is left to apply.
func hygieneClean(field, value string, problems []hygieneProblem) string {
	for range 8 { // each round removes at least one kind of problem
		next := ""
		for _, pr := range problems {
			if pr.fixed != "" && pr.fixed != value {
				next = pr.fixed
				break
			}
		}
		if next == "" {
			return value
		}
		value = next
		problems = hygieneCheck(field, value)
	}
	return value
}

type hygieneProblem struct {
	message string
	fixed   string
	style   bool // stray whitespace: a note, the text reads the same
}

// hygieneCheck returns the problems of value, named field in messages.
func hygieneCheck(field, value string) []hygieneProblem {
	var out []hygieneProblem
	add := func(fixed, format string, args ...any) {
		out = append(out, hygieneProblem{message: fmt.Sprintf(format, args...), fixed: fixed})
	}
	addStyle := func(fixed, format string, args ...any) {
		add(fixed, format, args...)
		out[len(out)-1].style = true
	}

	// Later checks look at the text with mojibake decoded, so the C1
	// controls of a mojibake run are not reported twice.
	base := value
	if run, dec, fixed, ok := hygieneMojibake(value); ok {
		add(fixed, "%s has mojibake %q (UTF-8 read as Windows-1252 or Latin-1); expected %q", field, run, dec)
		base = fixed
	}

	if strings.IndexByte(value, '&') >= 0 && hygieneEntity.MatchString(value) {
		// The first match may be an unknown name; report the first entity
		// that html decodes, and fix every one.
		var first, char string
		fixed := hygieneEntity.ReplaceAllStringFunc(value, func(m string) string {
			u := html.UnescapeString(m)
			if u != m && first == "" {
				first, char = m, u
			}
			return u
		})
		if first != "" {
			add(fixed, "%s has the HTML entity %q; expected the character %q", field, first, char)
		}
	}

	hygieneArtefacts(field, value, add, addStyle)

	// Line breaks and tabs at either end are whitespace, reported below.
	inner := strings.TrimFunc(base, unicode.IsSpace)
	if i := strings.IndexFunc(inner, hygieneIsControl); i >= 0 {
		r, w := utf8.DecodeRuneInString(inner[i:])
		count := 0
		start := len(base) - len(strings.TrimLeftFunc(base, unicode.IsSpace))
		fixed := base[:start] + strings.Map(func(r rune) rune {
			if hygieneIsControl(r) {
				count++
				return ' '
			}
			return r
		}, inner) + base[start+len(inner):]
		what := "the control character"
		switch r {
		case '\n', '\r':
			what = "a line break"
		case '\t':
			what = "a tab"
		}
		more := ""
		if count > 1 {
			more = fmt.Sprintf(" (and %d more control characters)", count-1)
		}
		add(fixed, "%s has %s %q%s in %q; expected a space", field, what, string(r), more, hygieneExcerpt(inner, i, i+w))
	}

	if i := strings.IndexRune(value, utf8.RuneError); i >= 0 {
		// IndexRune also finds an invalid byte, one byte long.
		_, w := utf8.DecodeRuneInString(value[i:])
		add("", "%s has the replacement character U+FFFD where a character was lost (%q); expected the original character", field, hygieneExcerpt(value, i, i+w))
	}

	trimmed := strings.TrimFunc(value, unicode.IsSpace)
	lead, trail := value != strings.TrimLeftFunc(value, unicode.IsSpace), value != strings.TrimRightFunc(value, unicode.IsSpace)
	switch {
	case trimmed == "":
		// Blank values are missing-value's business.
	case lead && trail:
		addStyle(trimmed, "%s has leading and trailing whitespace; expected it trimmed", field)
	case lead:
		addStyle(trimmed, "%s has leading whitespace (%q); expected it trimmed", field, hygieneExcerpt(value, 0, 0))
	case trail:
		addStyle(trimmed, "%s has trailing whitespace (%q); expected it trimmed", field, hygieneExcerpt(value, len(value), len(value)))
	}
	if at, ok := hygieneSpacedPeriod(trimmed); ok {
		fixed := trimmed[:at] + "."
		addStyle(fixed, "%s has whitespace before its final period (%q); expected %q", field, hygieneExcerpt(trimmed, at, len(trimmed)), hygieneExcerpt(fixed, len(fixed)-1, len(fixed)))
	}

	if !strings.Contains(trimmed, "  ") {
		return out
	}
	if loc := hygieneSpaces.FindStringIndex(trimmed); loc != nil {
		fixed := value[:len(value)-len(strings.TrimLeftFunc(value, unicode.IsSpace))] +
			hygieneSpaces.ReplaceAllString(trimmed, " ") +
			value[len(strings.TrimRightFunc(value, unicode.IsSpace)):]
		addStyle(fixed, "%s has %d spaces in a row (%q); expected single spaces", field, loc[1]-loc[0], hygieneExcerpt(trimmed, loc[0], loc[1]))
	}
	return out
}

func runTextHygiene(p *Pass) {
	// schema-jsonld.description is written from caption: when it is the
	// same text, its problems are the caption's (one cause), reported once
	// at the caption with the description as a related location and in
	// the fix.
	caption, captionNode, hasCaption := p.Scalar("/caption")
	desc, descNode, hasDesc := p.Scalar("/schema-jsonld/description")
	sameText := hasCaption && hasDesc && caption == desc
	for _, ptr := range hygieneFields {
		if sameText && ptr == "/schema-jsonld/description" {
			continue
		}
		value, n, ok := p.Scalar(ptr)
		if !ok {
			continue
		}
		tokens, _ := SplitPointer(ptr)
		field := FieldPath(tokens, nil)
		problems := hygieneCheck(field, value)
		cleaned := hygieneClean(field, value, problems)
		for _, pr := range problems {
			f := Diagnostic{Node: n, Pointer: ptr, Message: pr.message}
			if pr.style {
				f.Severity = SeverityNote
			}
			// Every fix on a field is the same fully cleaned text, so that
			// applying one does not undo or clash with another.
			if pr.fixed != "" && cleaned != value {
				f.Fixes = []Fix{p.Doc.ReplaceFix("replace with the cleaned text", n, cleaned)}
			}
			if sameText && n == captionNode {
				f.Related = []Related{{Range: p.Doc.NodeRange(descNode), Message: "schema-jsonld.description repeats the caption, and the problem"}}
				if f.Fixes != nil {
					f.Fixes[0].Edits = append(f.Fixes[0].Edits, p.Doc.ReplaceFix("", descNode, cleaned).Edits...)
				}
			}
			p.Report(f)
		}
	}
}
