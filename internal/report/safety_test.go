package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/yamlpos"
	"github.com/figlint/figlint/rules"
)

// hostileResult is a page whose name tries to start a GitHub workflow
// command on a line of its own and whose values hold terminal escapes.
func hostileResult() engine.Result {
	path := "x\n::error file=evil.md::pwned\x1b[2J\a.md"
	src := []byte("---\ntitle: \"\x1b[31mred\x07\"\n---\n")
	return engine.Result{
		File:   engine.File{Display: path, Path: path},
		Source: yamlpos.New(src),
		Facts: engine.Facts{Year: "20\x1b[2J", Organisms: []string{"\x1b[31mHomo sapiens"}, Figid: "PMC1__\x1b",
			Title: "\x1b]0;title\x07", Figlink: "/pmc/articles/PMC1/figure/F1/\x1b"},
		Findings: []rules.Finding{{
			Rule: "text-hygiene", Severity: rules.SeverityWarning, Path: path,
			Range:   rules.Range{Start: rules.Position{Line: 2, Column: 8}, End: rules.Position{Line: 2, Column: 22}},
			Message: "title has a control character \"\x1b[31m\"\r\n::warning::more; expected none",
			Related: []rules.Related{{Path: path, Range: rules.Range{Start: rules.Position{Line: 1, Column: 1}}, Message: "\x1b]0;title\x07"}},
		}},
	}
}

// TestNoRawControls: no output format writes a raw control character from
// a file name, a value or a message (only the line breaks and the tabs of
// the format itself, and the text format's own colours when asked), and no
// line of the text or GitHub output starts a workflow command other than
// the GitHub format's own annotations.
func TestNoRawControls(t *testing.T) {
	for _, format := range []string{"text", "github", "json", "sarif", "csv", "html"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			opts := Options{Snippet: true, Registry: testRegistry(t), Version: "t", Getenv: func(string) string { return "" },
				Command: []string{"figlint", "--report", "\x1b[2Ja.html"}, ConfigFile: "\x07.figlint.yaml"}
			var rep Reporter
			var err error
			if format == "html" {
				rep = NewHTML(&buf, opts)
			} else {
				rep, err = New(format, &buf, opts)
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := rep.Begin(); err != nil {
				t.Fatal(err)
			}
			if err := rep.File(hostileResult()); err != nil {
				t.Fatal(err)
			}
			if err := rep.End(Summary{Files: 1, Findings: 1, Warnings: 1}); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			for i, c := range []byte(out) {
				if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
					t.Fatalf("raw control byte %#x at %d in:\n%q", c, i, out)
				}
			}
			for _, line := range strings.Split(out, "\n") {
				ownAnnotation := format == "github" && strings.HasPrefix(line, "::warning file=")
				if strings.HasPrefix(line, "::") && !ownAnnotation {
					t.Errorf("a line starts a workflow command: %q", line)
				}
			}
		})
	}
}

// TestSnippetMarkerWidth: the ^ marker stands under the span however wide
// the characters before it are in a terminal: CJK and emoji take two
// columns, an escaped control character its escape's width.
func TestSnippetMarkerWidth(t *testing.T) {
	for _, tc := range []struct {
		name, before, span string
		pad                int // terminal columns before the span, counted by hand
	}{
		{"ascii", "title: ", "STAT3", 7},
		{"cjk", "title: 日本語 ", "STAT3", 7 + 6 + 1},
		{"emoji", "title: 🧬 ", "STAT3", 7 + 2 + 1},
		{"combining", "title: e\u0301 ", "STAT3", 7 + 1 + 1},
		{"control", "title: \x1b ", "STAT3", 7 + len(`\x1b`) + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			line := tc.before + tc.span
			src := []byte("---\n" + line + "\n---\n")
			col := len([]rune(tc.before)) + 1
			r := engine.Result{File: engine.File{Display: "a.md", Path: "a.md"}, Source: yamlpos.New(src),
				Findings: []rules.Finding{{Rule: "r", Severity: rules.SeverityNote, Path: "a.md", Message: "m",
					Range: rules.Range{Start: rules.Position{Line: 2, Column: col}, End: rules.Position{Line: 2, Column: col + len(tc.span)}}}}}
			var buf bytes.Buffer
			rep := &Text{w: &buf, opts: Options{Snippet: true}}
			_ = rep.Begin()
			if err := rep.File(r); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(buf.String(), "\n")
			marker := lines[3] // finding, "  |", "2 | line", "  | ^~~~"
			want := "  | " + strings.Repeat(" ", tc.pad) + "^" + strings.Repeat("~", len(tc.span)-1)
			if marker != want {
				t.Errorf("marker line\n%q\nwant\n%q\n(line %q)", marker, want, lines[2])
			}
		})
	}
}
