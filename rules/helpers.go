package rules

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// Scalar returns the text of the scalar that pointer names and its node.
// ok is false when the pointer names nothing or a collection. The text is
// the scalar's value whatever YAML types it as (NA, 2022, true).
func (p *Pass) Scalar(pointer string) (text string, node *yaml.Node, ok bool) {
	e, found := p.Doc.Lookup(pointer)
	if !found {
		return "", nil, false
	}
	n := deref(e.Value)
	if n.Kind != yaml.ScalarNode {
		return "", nil, false
	}
	return n.Value, e.Value, true
}

// List returns the scalar items of the list that pointer names, with the
// item nodes. A scalar value is returned as a one-item list with list ==
// false, so rules can treat `organisms: Homo sapiens` like a list of one.
func (p *Pass) List(pointer string) (items []string, nodes []*yaml.Node, list bool) {
	e, found := p.Doc.Lookup(pointer)
	if !found {
		return nil, nil, false
	}
	n := deref(e.Value)
	switch n.Kind {
	case yaml.ScalarNode:
		return []string{n.Value}, []*yaml.Node{e.Value}, false
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if d := deref(c); d.Kind == yaml.ScalarNode {
				items = append(items, d.Value)
				nodes = append(nodes, c)
			}
		}
		return items, nodes, true
	}
	return nil, nil, false
}

// Key returns the key node of the mapping entry that pointer names.
func (p *Pass) Key(pointer string) *yaml.Node {
	if e, ok := p.Doc.Lookup(pointer); ok {
		return e.Key
	}
	return nil
}

// ReportNode reports a finding over node n (the opening delimiter when n
// is nil). Use Report for severities or fixes.
func (p *Pass) ReportNode(rule string, n *yaml.Node, pointer, format string, args ...any) {
	p.ReportRange(rule, p.Doc.NodeRange(n), pointer, format, args...)
}

// ReplaceFix is a fix that replaces node n's text with value, written as a
// YAML scalar (see YAMLScalar).
func (d *Document) ReplaceFix(message string, n *yaml.Node, value string) Fix {
	start := d.Source.NodeOffset(n.Line, n.Column)
	return Fix{Message: message, Edits: []TextEdit{{Start: start, End: d.Source.NodeEnd(n), NewText: YAMLScalar(value)}}}
}

func deref(n *yaml.Node) *yaml.Node {
	for i := 0; i < maxMergeDepth && n.Kind == yaml.AliasNode && n.Alias != nil; i++ {
		n = n.Alias
	}
	return n
}

var (
	yamlNumber = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^0[xob][0-9a-fA-F_]+$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$|^[0-9]+(:[0-5]?[0-9])+(\.[0-9_]*)?$`)
	yamlDate   = regexp.MustCompile(`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}`)
	// Words that YAML 1.1 readers (Jekyll's Psych among them) or 1.2
	// readers take for booleans or null.
	yamlWords = map[string]bool{
		"y": true, "yes": true, "n": true, "no": true, "true": true, "false": true,
		"on": true, "off": true, "null": true, "~": true,
	}
)

// YAMLScalar writes s as a YAML scalar that every YAML 1.1 and 1.2 reader
// reads back as the string s: plain when that is safe, else single-quoted,
// else (for line breaks and control characters) double-quoted.
func YAMLScalar(s string) string {
	if plainSafe(s) {
		return s
	}
	for _, r := range s {
		if r == '\n' || r == '\r' || (unicode.IsControl(r) && r != '\t') {
			return strconv.Quote(s)
		}
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

func plainSafe(s string) bool {
	if s == "" || s != strings.TrimSpace(s) || yamlWords[strings.ToLower(s)] ||
		yamlNumber.MatchString(s) || yamlDate.MatchString(s) {
		return false
	}
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(s[0])) {
		// "-", "?" and ":" may start a plain scalar when a non-space
		// follows, but quoting is simpler and always right.
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) || r == '\uFEFF' {
			return false
		}
	}
	return true
}
