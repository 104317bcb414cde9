package frontmatter

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/figlint/figlint/internal/fastyaml"
	"github.com/figlint/figlint/internal/yamlpos"
	"github.com/figlint/figlint/rules"
	"go.yaml.in/yaml/v3"
)

// Parse reads one file's bytes into a Document. It never fails: problems
// with the file become Document.Problems, and a file whose front matter
// cannot be used is marked Broken.
func Parse(path string, data []byte) (doc *rules.Document) {
	src := yamlpos.New(data)
	doc = &rules.Document{Path: path, Source: src}
	defer func() {
		// yaml.v3 is not expected to panic, but a panic on one hostile
		// file must not take down the run: it becomes a finding.
		if r := recover(); r != nil {
			doc.Root, doc.Value, doc.Broken = nil, nil, true
			doc.Problems = append(doc.Problems, rules.Finding{
				Rule: rules.YAMLSyntax.ID, Path: path, Range: doc.Open,
				Message: fmt.Sprintf("the YAML parser failed on this front matter (%v); expected YAML it can read", r),
			})
		}
	}()
	b, problem := split(src)
	doc.Open = b.open
	if problem != nil {
		problem.Path = path
		doc.Problems = append(doc.Problems, *problem)
		doc.Broken = true
		return doc
	}
	doc.Format = b.format
	switch b.format {
	case rules.FormatTOML:
		root, err := parseTOML(src, b)
		if err != nil {
			doc.Problems = append(doc.Problems, formatSyntaxFinding(path, src, "TOML", b.start+err.start, b.start+err.end, err.msg))
			doc.Broken = true
			return doc
		}
		if root == nil {
			doc.Value = map[string]any{}
			return doc
		}
		doc.Root = root
	case rules.FormatJSON:
		root, end, err := parseJSON(src, b.start)
		if err == nil {
			if bad := firstInvalidUTF8(data[:end]); bad >= 0 {
				err = &jsonError{start: bad, end: bad + 1, msg: fmt.Sprintf("byte 0x%02X is not UTF-8; expected UTF-8 text", data[bad])}
			}
		}
		if err != nil {
			doc.Problems = append(doc.Problems, formatSyntaxFinding(path, src, "JSON", err.start, err.end, err.msg))
			doc.Broken = true
			return doc
		}
		doc.Root = root
	default:
		root, syntax := parseYAML(path, src, b, data[b.start:b.end])
		if syntax != nil {
			doc.Problems = append(doc.Problems, *syntax)
			doc.Broken = true
			return doc
		}
		if len(root.Content) == 0 {
			doc.Value = map[string]any{}
			return doc
		}
		doc.Root = root.Content[0]
		shiftLines(doc.Root, b.firstLine-1)
	}
	return buildData(doc)
}

// parseYAML parses the YAML text of block b: the fast path reads the plain
// block style of real pages into the tree yaml.v3 would build (proved by
// differential tests and fuzzing); anything else, errors included, goes to
// yaml.v3, whose error becomes a yaml-syntax finding.
func parseYAML(path string, src *yamlpos.Source, b block, text []byte) (*yaml.Node, *rules.Finding) {
	if root, fast := fastyaml.Parse(text); fast {
		return root, nil
	}
	root := new(yaml.Node)
	if err := yaml.Unmarshal(text, root); err != nil {
		f := syntaxFinding(path, src, b, err)
		return nil, &f
	}
	return root, nil
}

// formatSyntaxFinding reports a TOML or JSON syntax error over the bytes
// [start, end) of the file (one character when empty), cut at the end of
// the line where it starts. It carries the yaml-syntax rule's ID, which
// reports every front matter that cannot be parsed.
func formatSyntaxFinding(path string, src *yamlpos.Source, lang string, start, end int, msg string) rules.Finding {
	l, c := src.Position(start)
	endLine := min(src.LineEnd(l), end)
	ec := c + utf8.RuneCount(src.Bytes()[start:max(start, endLine)])
	if ec == c && start < src.LineEnd(l) {
		ec++ // an empty range on a character: underline it
	}
	return rules.Finding{Rule: rules.YAMLSyntax.ID, Path: path, Message: "invalid " + lang + ": " + msg,
		Range: rules.Range{Start: rules.Position{Line: l, Column: c}, End: rules.Position{Line: l, Column: ec}}}
}

// shiftLines turns front-matter line numbers into whole-file ones. Alias
// targets are visited once, where they are defined.
func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
	}
}

var (
	yamlErrLine   = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)
)

// parserProblems are the problems yaml.v3's parser (not its scanner)
// reports. For them yaml.v3 prints a 0-based line (a known quirk of its
// error formatting); scanner problems carry a 1-based line.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// ErrorLine returns the 1-based line that a yaml.v3 error names, corrected
// for yaml.v3's 0-based lines on parser problems, and the bare problem; the
// line is 0 when the error names none.
func ErrorLine(err error) (line int, problem string) {
	problem = strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlErrLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		problem = m[2]
		if parserProblems[problem] {
			line++
		}
	}
	return line, problem
}

// expectations completes yaml.v3's terse problems with what was expected.
var expectations = map[string]string{
	"did not find expected key":                                    "expected a \"key: value\" entry at this indentation",
	"did not find expected node content":                           "expected a value",
	"did not find expected ',' or ']'":                             "expected the list to go on with \",\" or close with \"]\"",
	"did not find expected ',' or '}'":                             "expected the mapping to go on with \",\" or close with \"}\"",
	"did not find expected '-' indicator":                          "expected a list item \"- \" at this indentation",
	"found unexpected end of stream":                               "expected a closing quote or bracket before the end of the block",
	"mapping values are not allowed in this context":               "expected a quoted value (an unquoted value cannot contain \": \")",
	"could not find expected ':'":                                  "expected \"key: value\"",
	"found character that cannot start any token":                  "expected a value that starts with a letter, digit or quote",
	"found a tab character that violates indentation":              "expected spaces",
	"found unknown escape character while parsing a quoted scalar": "expected a YAML escape such as \\n, \\\" or \\\\ (or single quotes)",
}

// maxPrefixScan bounds the re-parsing used to place a syntax error.
const maxPrefixScan = 2000

// syntaxFinding places a yaml.v3 error. yaml.v3 names a line, but often the
// line where the enclosing block began, or none at all; re-parsing growing
// prefixes of the block finds the first line whose inclusion causes the
// same error, which is where the problem is.
func syntaxFinding(path string, src *yamlpos.Source, b block, err error) rules.Finding {
	first := b.firstLine                       // yaml line of the block's first line
	last := first + countYAMLLines(src, b) - 1 // yaml line of its last line
	line, msg := ErrorLine(err)                // yaml line in the file, 0 if unknown
	if line > 0 {
		line += first - 1
	}
	finding := func(r rules.Range, text string) rules.Finding {
		return rules.Finding{Rule: rules.YAMLSyntax.ID, Path: path, Range: r, Message: text}
	}
	if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		if at := findAlias(src.Bytes()[b.start:b.end], m[1]); at >= 0 {
			l, c := src.Position(b.start + at)
			return finding(rules.Range{Start: rules.Position{Line: l, Column: c}, End: rules.Position{Line: l, Column: c + 1 + utf8.RuneCountInString(m[1])}},
				fmt.Sprintf("invalid YAML: alias *%s refers to no anchor; expected an anchor &%s defined before it", m[1], m[1]))
		}
	}
	if msg == "control characters are not allowed" {
		if at, r := firstControl(src.Bytes()[b.start:b.end]); at >= 0 {
			l, c := src.Position(b.start + at)
			return finding(rules.Range{Start: rules.Position{Line: l, Column: c}, End: rules.Position{Line: l, Column: c + 1}},
				fmt.Sprintf("invalid YAML: control character U+%04X is not allowed; expected printable text (write it as an escape in double quotes)", r))
		}
	}
	if located := prefixScan(src, b, msg, max(line, first), last); located > 0 {
		line = located
	}
	if line < first || line > last {
		line = max(first, min(line, last))
	}
	// Show the problem over the line's text, in editor coordinates.
	l, _ := src.Position(src.YAMLLineStart(line))
	text := src.Line(l)
	indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
	if strings.Contains(indent, "\t") && (strings.Contains(msg, "tab") || strings.Contains(msg, "cannot start any token")) {
		return finding(rules.Range{Start: rules.Position{Line: l, Column: 1}, End: rules.Position{Line: l, Column: 1 + len(indent)}},
			fmt.Sprintf("invalid YAML: %s: the line is indented with a tab; expected spaces", msg))
	}
	full := "invalid YAML: " + msg
	if c := indicatorValue(text); c != "" && (msg == "did not find expected key" || msg == "found character that cannot start any token" ||
		msg == "did not find expected node content" || strings.HasPrefix(msg, "did not find expected ',' or")) {
		full += fmt.Sprintf("; a value starting with %q must be quoted", c)
	} else if e := expectations[msg]; e != "" {
		full += "; " + e
	}
	startCol := 1 + utf8.RuneCountInString(indent)
	endCol := 1 + utf8.RuneCountInString(strings.TrimRight(text, " \t"))
	if endCol < startCol {
		endCol = startCol
	}
	return finding(rules.Range{Start: rules.Position{Line: l, Column: startCol}, End: rules.Position{Line: l, Column: endCol}}, full)
}

// countYAMLLines counts the yaml.v3 lines of the block.
func countYAMLLines(src *yamlpos.Source, b block) int {
	n := 0
	for l := b.firstLine; l <= src.YAMLLineCount() && src.YAMLLineStart(l) < b.end; l++ {
		n++
	}
	return max(n, 1)
}

// prefixScan re-parses the block cut after each line from `from` to `to`
// (yaml lines of the file) and returns the first line whose prefix fails
// with msg, or 0. Parsing stops at maxPrefixScan lines.
func prefixScan(src *yamlpos.Source, b block, msg string, from, to int) int {
	data := src.Bytes()
	for l := from; l <= to && l-from < maxPrefixScan; l++ {
		end := b.end
		if l+1 <= src.YAMLLineCount() {
			end = min(src.YAMLLineStart(l+1), b.end)
		}
		var n yaml.Node
		err := yaml.Unmarshal(data[b.start:end], &n)
		if err == nil {
			continue
		}
		got := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlErrLine.FindStringSubmatch(err.Error()); m != nil {
			got = m[2]
		}
		if got == msg {
			return l
		}
	}
	return 0
}

// firstControl returns the offset and value of the first character that
// YAML forbids in a stream, or -1.
func firstControl(b []byte) (int, rune) {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		allowed := r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0x7E) || r == 0x85 ||
			(r >= 0xA0 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD && r != 0xFEFF) || r >= 0x10000
		if !allowed {
			return i, r
		}
		i += size
	}
	return -1, 0
}

// indicatorValue returns the leading YAML indicator of a line's value (after
// "- " or "key: ") when it is one that breaks an unquoted value, as in
// "- [Candida] glabrata".
func indicatorValue(line string) string {
	v := strings.TrimLeft(line, " ")
	if strings.HasPrefix(v, "- ") {
		v = strings.TrimLeft(v[2:], " ")
	} else if i := strings.Index(v, ": "); i > 0 {
		v = strings.TrimLeft(v[i+2:], " ")
	} else {
		return ""
	}
	if v != "" && strings.ContainsRune("[{*&!%@`|>", rune(v[0])) {
		return v[:1]
	}
	return ""
}

// findAlias returns the offset of the alias "*name" in block where it
// stands as a value (after ": ", "- ", "[", "," or "{"), or -1; an
// asterisk inside ordinary text is not an alias.
func findAlias(block []byte, name string) int {
	pat := "*" + name
	for i := 0; ; {
		j := strings.Index(string(block[i:]), pat)
		if j < 0 {
			return -1
		}
		at := i + j
		end := at + len(pat)
		if (end >= len(block) || strings.IndexByte(" \t\r\n,]}#", block[end]) >= 0) && aliasPosition(block, at) {
			return at
		}
		i = end
	}
}

// aliasPosition tells whether offset at in block is where a node may
// start: the text before it on its line, without blanks, is empty or ends
// with ":", "-", "?", "[", "," or "{".
func aliasPosition(block []byte, at int) bool {
	ls := strings.LastIndexAny(string(block[:at]), "\n\r") + 1
	before := strings.TrimRight(string(block[ls:at]), " \t")
	if before == "" {
		return true
	}
	if at > 0 && block[at-1] != ' ' && block[at-1] != '\t' && !strings.ContainsRune("[,{", rune(block[at-1])) {
		return false
	}
	return strings.ContainsRune(":-?[,{", rune(before[len(before)-1]))
}
