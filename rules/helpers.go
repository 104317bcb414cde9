package rules

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// Scalar returns the text of the scalar that pointer names and the node to
// report at. ok is false when the pointer names nothing or a collection.
// The text is the scalar's value whatever YAML types it as (NA, 2022, true).
func (p *Pass) Scalar(pointer string) (text string, node *yaml.Node, ok bool) {
	e, found := p.Doc.Lookup(pointer)
	if !found || e.Target.Kind != yaml.ScalarNode {
		return "", nil, false
	}
	return e.Target.Value, e.Value, true
}

// Item is one scalar item of a list.
type Item struct {
	// Index is the item's position in the list, counting every item.
	Index int
	// Pointer is the item's JSON pointer.
	Pointer string
	// Text is the scalar's value; Null is true for ~, null and empty items.
	Text string
	Null bool
	// Node is where to report.
	Node *yaml.Node
}

// Items returns the scalar items of the list that pointer names (items
// that are themselves collections are skipped, indexes still count them).
// A scalar value is returned as a one-item list with list == false, so
// rules can treat `organisms: Homo sapiens` like a list of one.
//
// The items are made once per page; each caller gets its own copy of the
// slice, which it may change (the texts and pointers are shared strings).
func (p *Pass) Items(pointer string) (items []Item, list bool) {
	items, list = p.sharedItems(pointer)
	return slices.Clone(items), list
}

// sharedItems is Items without the copy, for the built-in rules that only
// read the items: the slice is shared by every rule of the page and must
// not be changed (TestRulesIndependent would catch a rule that does).
func (p *Pass) sharedItems(pointer string) (items []Item, list bool) {
	r := p.Doc.Memo(itemsKey(pointer), func() any {
		var r itemsRead
		r.items, r.list = p.items(pointer)
		return r
	}).(itemsRead)
	return r.items, r.list
}

// itemsKey is the Document.Memo key of Items.
type itemsKey string

type itemsRead struct {
	items []Item
	list  bool
}

// items is Items without the memo.
func (p *Pass) items(pointer string) (items []Item, list bool) {
	e, found := p.Doc.Lookup(pointer)
	if !found {
		return nil, false
	}
	switch e.Target.Kind {
	case yaml.ScalarNode:
		return []Item{{Pointer: pointer, Text: e.Target.Value, Null: e.Target.Tag == "!!null", Node: e.Value}}, false
	case yaml.SequenceNode:
		items = make([]Item, 0, len(e.Target.Content))
		for i, c := range e.Target.Content {
			if d := Deref(c); d.Kind == yaml.ScalarNode {
				node := c
				if e.Value != e.Target {
					node = e.Value // the list came through an alias: report there
				}
				items = append(items, Item{Index: i, Pointer: pointer + "/" + strconv.Itoa(i), Text: d.Value, Null: d.Tag == "!!null", Node: node})
			}
		}
		return items, true
	}
	return nil, false
}

// List returns the texts and nodes of the non-null scalar items of the
// list that pointer names; see Items, which also gives their indexes.
func (p *Pass) List(pointer string) (texts []string, nodes []*yaml.Node, list bool) {
	items, list := p.sharedItems(pointer)
	for _, it := range items {
		if !it.Null {
			texts = append(texts, it.Text)
			nodes = append(nodes, it.Node)
		}
	}
	return texts, nodes, list
}

// Key returns the key node of the mapping entry that pointer names.
func (p *Pass) Key(pointer string) *yaml.Node {
	if e, ok := p.Doc.Lookup(pointer); ok {
		return e.Key
	}
	return nil
}

// ReplaceFix is a fix that replaces node n's content with value, written
// as a string scalar of the page's language (see ScalarIn). When n is nil or an alias the fix has
// no edits, and the engine drops it: the value lives elsewhere and may be
// shared. The engine also drops a fix whose edits touch an anchor, a tag,
// an alias, a merge key or anything an alias or merge key brings in.
func (d *Document) ReplaceFix(message string, n *yaml.Node, value string) Fix {
	if n == nil || n.Kind == yaml.AliasNode || d.Source == nil {
		return Fix{Message: message}
	}
	start, end := d.Source.ContentStart(n), d.Source.NodeEnd(n)
	text := ScalarIn(d.Format, value)
	start = min(start, end)
	if src := d.Source.Bytes(); d.Format == FormatYAML && start > 0 && src[start-1] != ' ' && src[start-1] != '\t' {
		text = " " + text // an empty value right after "key:" or an anchor
	}
	return Fix{Message: message, Edits: []TextEdit{{Start: start, End: end, NewText: text}}}
}

// Deref follows aliases to the node they stand for.
func Deref(n *yaml.Node) *yaml.Node {
	for i := 0; i < maxMergeDepth && n != nil && n.Kind == yaml.AliasNode && n.Alias != nil; i++ {
		n = n.Alias
	}
	return n
}

// deref is Deref, for brevity inside the package.
func deref(n *yaml.Node) *yaml.Node { return Deref(n) }

// YAMLTagName names what YAML reads a plain scalar with a core-schema tag
// as, for messages ("an integer"); other tags are returned as they are.
func YAMLTagName(tag string) string {
	switch tag {
	case "!!int":
		return "an integer"
	case "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	case "!!null":
		return "null"
	case "!!timestamp":
		return "a date"
	}
	return tag
}

// isMissing tells whether s is a missing-value marker (see MissingMarker),
// which the missing-value rule reports and other rules skip.
func isMissing(s string) bool {
	_, ok := MissingMarker(s)
	return ok
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

// ScalarIn writes s as a string scalar of a front-matter language: a YAML
// scalar (YAMLScalar), a JSON string, or a TOML basic string (on one line,
// with control characters escaped).
func ScalarIn(format, s string) string {
	switch format {
	case FormatJSON:
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			return strconv.Quote(s) // not reached: a string always encodes
		}
		return strings.TrimSuffix(b.String(), "\n")
	case FormatTOML:
		var b strings.Builder
		b.WriteByte('"')
		for _, r := range s {
			switch {
			case r == '"' || r == '\\':
				b.WriteByte('\\')
				b.WriteRune(r)
			case r == '\n':
				b.WriteString("\\n")
			case r == '\t':
				b.WriteString("\\t")
			case r < 0x20 || r == 0x7f:
				fmt.Fprintf(&b, "\\u%04X", r)
			default:
				b.WriteRune(r)
			}
		}
		b.WriteByte('"')
		return b.String()
	}
	return YAMLScalar(s)
}

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

// quoteList quotes up to limit strings, joined with commas, saying how many
// more there are.
func quoteList(ss []string, limit int) string {
	var parts []string
	for i, s := range ss {
		if i == limit {
			parts = append(parts, fmt.Sprintf("and %d more", len(ss)-limit))
			break
		}
		parts = append(parts, strconv.Quote(s))
	}
	return strings.Join(parts, ", ")
}

// plural is the plural ending "s" for a count other than one.
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// quotedList writes items as "a", "b" and "c".
func quotedList(items []string) string {
	q := make([]string, len(items))
	for i, it := range items {
		q[i] = fmt.Sprintf("%q", it)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}
