package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
	"golang.org/x/text/width"
)

// Text writes "path:line:col: severity: message [rule]", then the source
// line with a ^~~~ marker under the span, then a "= related:" line per
// related place (at most MaxRelatedShown lines, the last "and N more").
type Text struct {
	w            io.Writer
	bw           *bufio.Writer
	opts         Options
	safe, unsafe int // findings with a safe fix, and with only unsafe ones, for the totals line
}

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiRed   = "\x1b[31m"
	ansiYel   = "\x1b[33m"
	ansiCyan  = "\x1b[36m"
	ansiGray  = "\x1b[90m"
	ansiGreen = "\x1b[32m"
)

// Begin implements Reporter.
func (t *Text) Begin() error {
	t.bw = bufio.NewWriter(t.w)
	return nil
}

func (t *Text) paint(code, s string) string {
	if !t.opts.Color {
		return s
	}
	return code + s + ansiReset
}

// File implements Reporter.
func (t *Text) File(r engine.Result) error {
	for _, f := range r.Findings {
		sevColor := ansiCyan
		switch f.Severity {
		case rules.SeverityError:
			sevColor = ansiRed
		case rules.SeverityWarning:
			sevColor = ansiYel
		}
		// Paths and messages carry text from the pages: escaped, so that no
		// control character reaches the terminal or a CI log.
		// A finding --fix would mend is marked [*], as ruff marks its
		// fixable diagnostics.
		mark := ""
		switch fixKind(f) {
		case fixSafe:
			t.safe++
			mark = t.paint(ansiCyan, "[*]") + " "
		case fixUnsafe:
			t.unsafe++
		}
		fmt.Fprintf(t.bw, "%s %s %s%s %s\n",
			t.paint(ansiBold, fmt.Sprintf("%s:%d:%d:", escapeControl(f.Path), f.Range.Start.Line, f.Range.Start.Column)),
			t.paint(sevColor, f.Severity.String()+":"),
			mark,
			escapeControl(f.Message),
			t.paint(ansiGray, "["+escapeControl(f.Rule)+"]"))
		// A finding may point into another file (a page's genes table):
		// only the page's own lines are at hand for a snippet.
		gutter := " "
		if t.opts.Snippet && r.Source != nil && f.Path == r.File.Display && f.Range.Start.Line >= 1 && f.Range.Start.Line <= r.Source.LineCount() {
			gutter = t.snippet(r, f)
		}
		t.related(f.Related, gutter)
	}
	return t.bw.Flush()
}

// snippet prints the finding's first line and a marker under its span; a
// span that goes on past the line is marked to the line's end. It returns
// the gutter, the blanks left of its "|".
func (t *Text) snippet(r engine.Result, f rules.Finding) string {
	line := r.Source.Line(f.Range.Start.Line)
	if !utf8.ValidString(line) {
		line = strings.ToValidUTF8(line, "\uFFFD")
	}
	num := strconv.Itoa(f.Range.Start.Line)
	gutter := strings.Repeat(" ", len(num))
	runes := []rune(line)
	start := f.Range.Start.Column - 1
	if start > len(runes) {
		start = len(runes)
	}
	end := len(runes)
	if f.Range.End.Line == f.Range.Start.Line {
		end = f.Range.End.Column - 1
	}
	if end > len(runes) {
		end = len(runes)
	}
	// The line as shown (control characters escaped) and the marker under
	// it, both in terminal columns: an escape takes its width, a wide
	// character (CJK, most emoji) two columns, a combining mark none. Tabs
	// are kept so the marker lines up under tab-indented text.
	var shown, pad strings.Builder
	width := 0
	for i, c := range runes {
		text := string(c)
		if needsEscape(c) {
			text = escapeControl(text)
		}
		shown.WriteString(text)
		w := displayWidth(c, text)
		switch {
		case i < start && c == '\t':
			pad.WriteByte('\t')
		case i < start:
			pad.WriteString(strings.Repeat(" ", w))
		case i < end:
			width += w
		}
	}
	if width < 1 {
		width = 1
	}
	fmt.Fprintf(t.bw, "%s |\n", gutter)
	fmt.Fprintf(t.bw, "%s | %s\n", num, shown.String())
	fmt.Fprintf(t.bw, "%s | %s%s\n", gutter, pad.String(), t.paint(ansiGreen, "^"+strings.Repeat("~", width-1)))
	return gutter
}

// related prints a finding's related places as rustc prints notes: one
// "= related: path:line:col: message" line each, its "=" under the
// snippet's "|" (one blank in when there is no snippet). Paths and
// messages are escaped (see escapeControl).
func (t *Text) related(rs []rules.Related, gutter string) {
	shown := shownRelated(len(rs))
	for _, r := range rs[:shown] {
		place := escapeControl(relatedPlace(r.Path, r.Range))
		if r.Message != "" {
			place += ": " + escapeControl(r.Message)
		}
		fmt.Fprintf(t.bw, "%s %s %s\n", gutter, t.paint(ansiCyan, "= related:"), place)
	}
	if more := len(rs) - shown; more > 0 {
		fmt.Fprintf(t.bw, "%s %s and %d more related places\n", gutter, t.paint(ansiCyan, "="), more)
	}
}

// End implements Reporter: a totals line when there are findings, as
// ruff and golangci-lint end theirs.
func (t *Text) End(s Summary) error {
	if s.Findings > 0 {
		line := fmt.Sprintf("%s (%s, %s, %s) in %s", plural(s.Findings, "finding"), plural(s.Errors, "error"),
			plural(s.Warnings, "warning"), plural(s.Notes, "note"), plural(s.Files, "file"))
		fmt.Fprintln(t.bw, t.paint(ansiBold, line))
		switch {
		case t.safe > 0 && t.unsafe > 0:
			fmt.Fprintf(t.bw, "[*] %d fixable with --fix (%d more with --fix --unsafe-fixes; --diff shows the changes)\n", t.safe, t.unsafe)
		case t.safe > 0:
			fmt.Fprintf(t.bw, "[*] %d fixable with --fix (--diff shows the changes)\n", t.safe)
		case t.unsafe > 0:
			fmt.Fprintf(t.bw, "%d with a fix that --fix --unsafe-fixes applies (--diff shows the changes)\n", t.unsafe)
		}
	}
	return t.bw.Flush()
}

const (
	fixNone = iota
	fixSafe
	fixUnsafe
)

// fixKind tells whether --fix mends a finding (it has a safe fix), only
// --fix --unsafe-fixes does, or nothing does.
func fixKind(f rules.Finding) int {
	kind := fixNone
	for _, fx := range f.Fixes {
		if fx.Applies(false) {
			return fixSafe
		}
		if fx.Applies(true) {
			kind = fixUnsafe
		}
	}
	return kind
}

// displayWidth is the number of terminal columns rune c takes when shown
// as text (its escape, for a control character).
func displayWidth(c rune, text string) int {
	switch {
	case text != string(c):
		return len(text) // an escape, all ASCII
	case unicode.Is(unicode.Mn, c) || unicode.Is(unicode.Me, c) || c == '\u200d':
		return 0
	}
	switch width.LookupRune(c).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}
