// Package frontmatter reads a page: it splits off the YAML front matter,
// parses it into a yaml.Node tree with whole-file positions, and builds the
// JSON-compatible value the schema sees.
package frontmatter

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/figlint/figlint/internal/yamlpos"
	"github.com/figlint/figlint/rules"
)

// block is the result of splitting a file.
type block struct {
	// start and end are the byte offsets of the YAML text between the
	// delimiter lines.
	start, end int
	// firstLine is the 1-based file line where the YAML text starts.
	firstLine int
	// open is the opening delimiter's range.
	open rules.Range
	// format is the block's language (rules.FormatYAML, FormatTOML or
	// FormatJSON). For JSON, end is not known from the split: the object
	// ends at its matching "}", which only the JSON parser finds.
	format string
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// split finds the front matter block of src. A problem is returned as a
// front-matter finding.
func split(src *yamlpos.Source) (block, *rules.Finding) {
	data := src.Bytes()
	off := 0
	if bytes.HasPrefix(data, bom) {
		off = len(bom)
	}
	open := rules.Range{Start: rules.Position{Line: 1, Column: 1}, End: rules.Position{Line: 1, Column: 4}}
	problem := func(r rules.Range, format string, args ...any) (block, *rules.Finding) {
		return block{open: open}, &rules.Finding{Rule: rules.FrontMatter.ID, Range: r, Message: fmt.Sprintf(format, args...)}
	}
	first := string(bytes.TrimRight(data[off:src.LineEnd(1)], " \t"))
	if i := off + len(leadingSpace(data[off:])); i < len(data) && data[i] == '{' &&
		!bytes.HasPrefix(data[i:], []byte("{{")) && !bytes.HasPrefix(data[i:], []byte("{%")) {
		// (A page that opens with a Hugo shortcode "{{" or a Liquid tag
		// "{%" has no front matter; it is not broken JSON.)
		// Hugo's JSON front matter: the object starts the page.
		l, c := src.Position(i)
		return block{start: i, end: len(data), firstLine: l, format: rules.FormatJSON,
			open: rules.Range{Start: rules.Position{Line: l, Column: c}, End: rules.Position{Line: l, Column: c + 1}}}, nil
	}
	if first == "+++" {
		return splitTOML(src, off, open)
	}
	if first != "---" {
		whole := rules.Range{Start: rules.Position{Line: 1, Column: 1}, End: rules.Position{Line: 1, Column: 1 + utf8.RuneCountInString(first)}}
		switch {
		case len(data) == off:
			return problem(whole, "file is empty; expected front matter starting with a \"---\" line")
		case !utf8.Valid(data[off:src.LineEnd(1)]):
			return problem(whole, "file does not start with front matter and is not UTF-8 text; expected a \"---\" line")
		default:
			return problem(whole, "no front matter: first line is %q; expected \"---\" (YAML), \"+++\" (TOML) or \"{\" (JSON)", truncate(first, 40))
		}
	}
	for line := 2; line <= src.LineCount(); line++ {
		ls, le := src.LineStart(line), src.LineEnd(line)
		if ls == le && ls == len(data) {
			break // the empty "line" after a final newline
		}
		t := string(bytes.TrimRight(data[ls:le], " \t"))
		if t == "---" || t == "..." {
			b := block{start: src.LineStart(2), end: ls, firstLine: 2, open: open}
			if b.start > b.end {
				b.start = b.end
			}
			if bad := firstInvalidUTF8(data[:ls]); bad >= 0 {
				l, c := src.Position(bad)
				return problem(rules.Range{Start: rules.Position{Line: l, Column: c}, End: rules.Position{Line: l, Column: c + 1}},
					"front matter is not valid UTF-8 (byte 0x%02X at offset %d); expected UTF-8 text", data[bad], bad)
			}
			return b, nil
		}
	}
	return problem(open, "front matter is not terminated; expected a closing \"---\" or \"...\" line")
}

// splitTOML finds the TOML block of a page whose first line is "+++": it
// ends at the next line that is "+++" (trailing blanks allowed).
func splitTOML(src *yamlpos.Source, off int, open rules.Range) (block, *rules.Finding) {
	data := src.Bytes()
	problem := func(r rules.Range, format string, args ...any) (block, *rules.Finding) {
		return block{open: open, format: rules.FormatTOML}, &rules.Finding{Rule: rules.FrontMatter.ID, Range: r, Message: fmt.Sprintf(format, args...)}
	}
	for line := 2; line <= src.LineCount(); line++ {
		ls, le := src.LineStart(line), src.LineEnd(line)
		if ls == le && ls == len(data) {
			break
		}
		if string(bytes.TrimRight(data[ls:le], " \t")) != "+++" {
			continue
		}
		if bad := firstInvalidUTF8(data[off:ls]); bad >= 0 {
			bad += off
			l, c := src.Position(bad)
			return problem(rules.Range{Start: rules.Position{Line: l, Column: c}, End: rules.Position{Line: l, Column: c + 1}},
				"front matter is not valid UTF-8 (byte 0x%02X at offset %d); expected UTF-8 text", data[bad], bad)
		}
		start := min(src.LineStart(2), ls)
		return block{start: start, end: ls, firstLine: 2, open: open, format: rules.FormatTOML}, nil
	}
	return problem(open, "TOML front matter is not terminated; expected a closing \"+++\" line")
}

// leadingSpace returns the JSON white space that b starts with.
func leadingSpace(b []byte) []byte {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return b[:i]
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
