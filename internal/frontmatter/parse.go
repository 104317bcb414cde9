package frontmatter

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/figlint/figlint/internal/yamlpos"
	"github.com/figlint/figlint/rules"
	"gopkg.in/yaml.v3"
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
	var root yaml.Node
	if err := yaml.Unmarshal(data[b.start:b.end], &root); err != nil {
		doc.Problems = append(doc.Problems, syntaxFinding(path, src, b, err))
		doc.Broken = true
		return doc
	}
	if len(root.Content) == 0 {
		doc.Value = map[string]any{}
		return doc
	}
	doc.Root = root.Content[0]
	shiftLines(doc.Root, b.firstLine-1)
	bld := builder{doc: doc}
	v, err := bld.value(doc.Root, false)
	doc.Problems = append(doc.Problems, bld.problems...)
	if err != nil {
		doc.Problems = append(doc.Problems, rules.Finding{
			Rule: rules.YAMLSyntax.ID, Path: path, Range: doc.NodeRange(bld.bomb), Pointer: "",
			Message: err.Error(),
		})
		doc.Broken = true
		return doc
	}
	doc.Value = v
	return doc
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

// findAlias returns the offset of the alias "*name" in block, or -1.
func findAlias(block []byte, name string) int {
	pat := "*" + name
	for i := 0; ; {
		j := strings.Index(string(block[i:]), pat)
		if j < 0 {
			return -1
		}
		at := i + j
		end := at + len(pat)
		if end >= len(block) || strings.IndexByte(" \t\r\n,]}#", block[end]) >= 0 {
			return at
		}
		i = end
	}
}

// parserProblems are the problems yaml.v3's parser (not its scanner)
// reports. For them yaml.v3 prints a 0-based line (a known quirk of its
// error formatting); scanner problems carry a 1-based line.
var parserProblems = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected <stream-start>",
	"did not find expected key",
	"did not find expected node content",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

// syntaxFinding places a yaml.v3 error at the line it names, over that
// line's text.
func syntaxFinding(path string, src *yamlpos.Source, b block, err error) rules.Finding {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlErrLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		for _, p := range parserProblems {
			if msg == p {
				line++
				break
			}
		}
	}
	if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		// yaml.v3 gives no line here: find the alias in the block.
		if at := findAlias(src.Bytes()[b.start:b.end], m[1]); at >= 0 {
			l, c := src.Position(b.start + at)
			return rules.Finding{
				Rule: rules.YAMLSyntax.ID, Path: path,
				Range:   rules.Range{Start: rules.Position{Line: l, Column: c}, End: rules.Position{Line: l, Column: c + 1 + utf8.RuneCountInString(m[1])}},
				Message: fmt.Sprintf("invalid YAML: alias *%s refers to no anchor; expected an anchor &%s defined before it", m[1], m[1]),
			}
		}
	}
	fileLine := line + b.firstLine - 1
	last := b.firstLine - 1 + src.LineCountBetween(b.start, b.end)
	if fileLine > last {
		fileLine = last
	}
	if fileLine < b.firstLine {
		fileLine = b.firstLine
	}
	if strings.Contains(msg, "tab") || strings.Contains(msg, "cannot start any token") {
		// yaml.v3 may name the line where the enclosing scalar or
		// collection began; the tab that broke it is at or after it.
		for l := fileLine; l <= last; l++ {
			t := src.Line(l)
			if strings.Contains(t[:len(t)-len(strings.TrimLeft(t, " \t"))], "\t") {
				fileLine = l
				break
			}
		}
	}
	text := src.Line(fileLine)
	indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
	if strings.Contains(indent, "\t") {
		// The usual cause of "cannot start any token": a tab indents.
		return rules.Finding{
			Rule: rules.YAMLSyntax.ID, Path: path,
			Range:   rules.Range{Start: rules.Position{Line: fileLine, Column: 1}, End: rules.Position{Line: fileLine, Column: 1 + len(indent)}},
			Message: fmt.Sprintf("invalid YAML: %s: the line is indented with a tab; expected spaces", msg),
		}
	}
	if c := indicatorValue(text); c != "" {
		msg += fmt.Sprintf("; a value starting with %q must be quoted", c)
	}
	startCol := 1 + len(indent)
	endCol := 1 + len([]rune(strings.TrimRight(text, " \t")))
	if endCol < startCol {
		endCol = startCol
	}
	return rules.Finding{
		Rule: rules.YAMLSyntax.ID, Path: path,
		Range:   rules.Range{Start: rules.Position{Line: fileLine, Column: startCol}, End: rules.Position{Line: fileLine, Column: endCol}},
		Message: fmt.Sprintf("invalid YAML: %s", msg),
	}
}
