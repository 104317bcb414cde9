package report

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/figlint/figlint/rules"
)

// MaxRelatedShown is the most lines (or items) the text, GitHub and HTML
// formats give one finding's related places: a cause with 36 places
// should not bury the findings after it. JSON and SARIF list them all.
const MaxRelatedShown = 5

// shownRelated returns how many of n related places to list: all of them
// when they fit in MaxRelatedShown, else one fewer, so that "and N more"
// takes the last slot and never says "and 1 more" of a place it could
// have shown.
func shownRelated(n int) int {
	if n <= MaxRelatedShown {
		return n
	}
	return MaxRelatedShown - 1
}

// relatedPlace is "path:line:col" ("path" for a place with no line), the
// way the text format names a finding's own place.
func relatedPlace(path string, r rules.Range) string {
	if r.Start.Line < 1 {
		return path
	}
	return fmt.Sprintf("%s:%d:%d", path, r.Start.Line, max(r.Start.Column, 1))
}

// escapeControl makes text safe to print on a terminal line: control
// characters (C0 but tab, DEL, C1), the bidirectional overrides and
// isolates that can make a line read other than it is, and bytes that are
// not UTF-8 are written as visible Go-style escapes (\x1b, \u202e). A
// related place's path and message come from the pages: an escape
// sequence in them must not reach the terminal, nor a line break split
// the line.
func escapeControl(s string) string {
	if strings.IndexFunc(s, needsEscape) < 0 && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[0])
		case r < 0x80 && needsEscape(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case needsEscape(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[:n])
		}
		s = s[n:]
	}
	return b.String()
}

func needsEscape(r rune) bool {
	switch {
	case r == '\t':
		return false
	case r < 0x20, r == 0x7f, 0x80 <= r && r <= 0x9f:
		return true
	case 0x202a <= r && r <= 0x202e, 0x2066 <= r && r <= 0x2069:
		return true
	}
	return false
}

// EscapeLine is the escaping of every line figlint prints, for callers
// outside this package: control characters, line breaks included, and
// bidirectional overrides are written as visible escapes.
func EscapeLine(s string) string { return escapeControl(s) }

// EscapeKeepNewlines is EscapeLine for multi-line text: a line feed, and a
// carriage return right before one, are kept; every other control
// character is escaped (a lone carriage return would let a line overwrite
// itself on a terminal).
func EscapeKeepNewlines(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			b.WriteString(escapeControl(s))
			return b.String()
		}
		line, cr := s[:i], ""
		if strings.HasSuffix(line, "\r") {
			line, cr = line[:len(line)-1], "\r"
		}
		b.WriteString(escapeControl(line))
		b.WriteString(cr + "\n")
		s = s[i+1:]
	}
}
