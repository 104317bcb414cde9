package frontmatter

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/figlint/figlint/internal/fastyaml"
	"github.com/figlint/figlint/internal/yamlpos"
	"github.com/figlint/figlint/rules"
	"go.yaml.in/yaml/v3"
)

// ParseData reads a data file (a YAML or JSON file that is all data, such
// as Jekyll's _data/*.yml or Hugo's data/*.json) into a Document whose
// value is the whole file. JSON is read by the YAML parser, as YAML 1.2
// makes it a subset of YAML, so positions, duplicate keys and the value's
// types follow the same rules as front matter. Like Parse, it never fails.
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
	text, slashes := jsonSlashes(data[b.start:b.end])
	root, fast := fastyaml.Parse(text)
	if !fast {
		root = new(yaml.Node)
		if err := yaml.Unmarshal(text, root); err != nil {
			doc.Problems = append(doc.Problems, syntaxFinding(path, src, b, err))
			doc.Broken = true
			return doc
		}
	}
	if len(root.Content) == 0 {
		return problem(start, "file holds no data; expected a YAML or JSON document")
	}
	doc.Root = root.Content[0]
	if slashes {
		restoreSlashes(doc.Root)
	}
	bld := builder{doc: doc}
	v, err := bld.value(doc.Root, false)
	doc.Problems = append(doc.Problems, bld.problems...)
	if err != nil {
		doc.Problems = append(doc.Problems, rules.Finding{
			Rule: rules.YAMLSyntax.ID, Path: path, Range: doc.NodeRange(bld.bomb), Message: err.Error(),
		})
		doc.Broken = true
		return doc
	}
	doc.Value = v
	return doc
}

// placeholder stands for a JSON "\/" while the YAML parser reads the
// text: yaml.v3 knows no "\/" escape, which JSON writers such as PHP's
// json_encode emit for every "/". "\_" (U+00A0 in YAML) has the same
// length, so every position stays where it is.
const placeholder = "\u00a0"

// jsonSlashes returns text with each JSON "\/" escape written "\_", and
// whether it wrote any. It leaves text alone when it holds U+00A0 in any
// form, as the placeholder could then not be told apart.
func jsonSlashes(text []byte) ([]byte, bool) {
	if !bytes.Contains(text, []byte(`\/`)) || bytes.Contains(text, []byte(placeholder)) ||
		bytes.Contains(bytes.ToLower(text), []byte(`\u00a0`)) || bytes.Contains(text, []byte(`\_`)) {
		return text, false
	}
	out := append([]byte(nil), text...)
	changed := false
	run := 0 // backslashes just before i
	for i, c := range out {
		switch {
		case c == '\\':
			run++
			continue
		case c == '/' && run%2 == 1:
			out[i-1], out[i] = '\\', '_'
			changed = true
		}
		run = 0
	}
	return out, changed
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
