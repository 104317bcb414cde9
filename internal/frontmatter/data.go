package frontmatter

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/figlint/figlint/internal/yamlpos"
	"github.com/figlint/figlint/rules"
	"go.yaml.in/yaml/v3"
)

// ParseData reads a data file (a YAML, JSON or TOML file that is all data,
// such as Jekyll's _data/*.yml or Hugo's data/*.json) into a Document whose
// value is the whole file. JSON is read by the YAML parser, as YAML 1.2
// makes it a subset of YAML, so positions, duplicate keys and the value's
// types follow the same rules as front matter; a path ending in .toml is
// read by the TOML front matter reader. Like Parse, it never fails.
func ParseData(path string, data []byte) (doc *rules.Document) {
	src := yamlpos.New(data)
	start := rules.Range{Start: rules.Position{Line: 1, Column: 1}, End: rules.Position{Line: 1, Column: 1}}
	doc = &rules.Document{Path: path, Source: src, Open: start}
	defer func() {
		if r := recover(); r != nil {
			doc.Root, doc.Value, doc.Broken = nil, nil, true
			doc.Problems = append(doc.Problems, rules.Finding{
				Rule: rules.YAMLSyntax.ID, Path: path, Range: doc.Open,
				Message: fmt.Sprintf("the YAML parser failed on this file (%v); expected YAML or JSON it can read", r),
			})
		}
	}()
	off := 0
	if bytes.HasPrefix(data, bom) {
		off = len(bom)
	}
	b := block{start: off, end: len(data), firstLine: 1, open: start}
	problem := func(r rules.Range, format string, args ...any) *rules.Document {
		doc.Problems = append(doc.Problems, rules.Finding{Rule: rules.FrontMatter.ID, Path: path, Range: r, Message: fmt.Sprintf(format, args...)})
		doc.Broken = true
		return doc
	}
	if bad := firstInvalidUTF8(data); bad >= 0 {
		l, c := src.Position(bad)
		return problem(rules.Range{Start: rules.Position{Line: l, Column: c}, End: rules.Position{Line: l, Column: c + 1}},
			"file is not valid UTF-8 (byte 0x%02X at offset %d); expected UTF-8 text", data[bad], bad)
	}
	if strings.HasSuffix(strings.ToLower(path), ".toml") {
		// A TOML data file is one TOML document: main's TOML reader gives
		// the same node tree with whole-file positions.
		doc.Format = rules.FormatTOML
		b.format = rules.FormatTOML
		root, terr := parseTOML(src, b)
		if terr != nil {
			doc.Problems = append(doc.Problems, formatSyntaxFinding(path, src, "TOML", b.start+terr.start, b.start+terr.end, terr.msg))
			doc.Broken = true
			return doc
		}
		if root == nil {
			if len(bytes.TrimSpace(data[off:])) == 0 {
				return problem(start, "file holds no data; expected a TOML document")
			}
			doc.Value = map[string]any{} // comments only: an empty table
			return doc
		}
		doc.Root = root
		return buildData(doc)
	}
	text, slashes, shifts := jsonEscapes(data[b.start:b.end])
	root, syntax := parseYAML(path, src, b, text)
	if syntax != nil {
		doc.Problems = append(doc.Problems, *syntax)
		doc.Broken = true
		return doc
	}
	if len(root.Content) == 0 {
		return problem(start, "file holds no data; expected a YAML or JSON document")
	}
	doc.Root = root.Content[0]
	if slashes {
		restoreSlashes(doc.Root)
	}
	if len(shifts) > 0 {
		unshift(doc.Root, shifts)
	}
	return buildData(doc)
}

// buildData builds the JSON value of a parsed node tree (a page's front
// matter or a data file), after checking it for alias cycles.
func buildData(doc *rules.Document) *rules.Document {
	if a := aliasCycleAt(doc.Root); a != nil {
		doc.Problems = append(doc.Problems, rules.Finding{
			Rule: rules.YAMLSyntax.ID, Path: doc.Path, Range: doc.NodeRange(a), Message: aliasCycleMessage(a.Value),
		})
		doc.Broken = true
		return doc
	}
	bld := builder{doc: doc}
	v, err := bld.value(doc.Root, false)
	doc.Problems = append(doc.Problems, bld.problems...)
	if err != nil {
		doc.Problems = append(doc.Problems, rules.Finding{
			Rule: rules.YAMLSyntax.ID, Path: doc.Path, Range: doc.NodeRange(bld.bomb), Message: err.Error(),
		})
		doc.Broken = true
		return doc
	}
	doc.Value = v
	return doc
}

// placeholder stands for a JSON "\\/" while the YAML parser reads the
// text: yaml.v3 knows no "\\/" escape, which JSON writers such as PHP's
// json_encode emit for every "/". "\\_" (U+00A0 in YAML) has the same
// length, so every position stays where it is.
const placeholder = "\u00a0"

// shift is where a JSON surrogate pair escape ("\\uD83D\\uDCA9", 12
// characters) was written as YAML's "\\U0001F4A9" (10): nodes after it on
// its line start 2 columns later in the file than the parser says.
type shift struct{ line, col int }

// jsonEscapes rewrites the JSON escapes that yaml.v3 does not read: "\\/"
// as "\\_" (see placeholder; skipped when the text holds U+00A0 in any
// form, as it could then not be told apart) and surrogate pairs as one
// "\\U" escape. It returns the text, whether slashes were rewritten, and
// the shifts.
func jsonEscapes(text []byte) (out []byte, slashes bool, shifts []shift) {
	slashOK := !bytes.Contains(text, []byte(placeholder)) && !bytes.Contains(bytes.ToLower(text), []byte(`\u00a0`)) &&
		!bytes.Contains(text, []byte(`\_`))
	if !bytes.Contains(text, []byte(`\/`)) && !bytes.Contains(bytes.ToLower(text), []byte(`\ud`)) {
		return text, false, nil
	}
	out = make([]byte, 0, len(text))
	line, lineStart := 1, 0 // in out
	run := 0                // backslashes just before i
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\\' {
			run++
			out = append(out, c)
			continue
		}
		escaped := run%2 == 1
		run = 0
		switch {
		case c == '\n':
			line, lineStart = line+1, len(out)+1
		case escaped && c == '/' && slashOK:
			out[len(out)-1], c = '\\', '_'
			slashes = true
		case escaped && c == 'u' && i+11 <= len(text):
			hi, okHi := hex4(text[i+1 : i+5])
			lo, okLo := hex4(text[i+7 : i+11])
			if okHi && okLo && text[i+5] == '\\' && text[i+6] == 'u' && hi >= 0xD800 && hi < 0xDC00 && lo >= 0xDC00 && lo < 0xE000 {
				r := 0x10000 + (hi-0xD800)<<10 + (lo - 0xDC00)
				shifts = append(shifts, shift{line: line, col: utf8.RuneCount(out[lineStart:])})
				out = append(out, fmt.Sprintf("U%08X", r)...)
				i += 10
				continue
			}
		}
		out = append(out, c)
	}
	return out, slashes, shifts
}

func hex4(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			n = n<<4 | int(c-'0')
		case c >= 'a' && c <= 'f':
			n = n<<4 | int(c-'a'+10)
		case c >= 'A' && c <= 'F':
			n = n<<4 | int(c-'A'+10)
		default:
			return 0, false
		}
	}
	return n, true
}

// unshift moves the nodes after each shift on its line 2 columns right,
// back to where they are in the file.
func unshift(n *yaml.Node, shifts []shift) {
	add := 0
	for _, s := range shifts {
		if s.line == n.Line && s.col < n.Column {
			add += 2
		}
	}
	n.Column += add
	for _, c := range n.Content {
		unshift(c, shifts)
	}
}

// restoreSlashes turns the placeholders back into "/" in every scalar.
func restoreSlashes(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && strings.Contains(n.Value, placeholder) {
		n.Value = strings.ReplaceAll(n.Value, placeholder, "/")
	}
	for _, c := range n.Content {
		restoreSlashes(c)
	}
}
