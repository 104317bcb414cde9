package frontmatter

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/figlint/figlint/rules"
	"go.yaml.in/yaml/v3"
)

// MaxAliasNodes caps the nodes that alias expansion may add to a document's
// value. Real front matter uses few aliases, if any; a "billion laughs" file
// reaches the cap after a few thousand steps and becomes a finding instead of
// eating memory.
const MaxAliasNodes = 100_000

var errAliasBomb = errors.New("aliases expand to more than 100000 values (an alias bomb?); expected front matter whose aliases expand to a modest size")

// aliasCycleMessage describes an alias inside the value of its own anchor.
func aliasCycleMessage(name string) string {
	return fmt.Sprintf("alias *%s is inside the value of its own anchor &%s (a cycle); expected an alias to a value defined before it", name, name)
}

// builder turns the node tree into a JSON-compatible value, reporting
// duplicate and non-string keys on the way.
type builder struct {
	doc        *rules.Document
	problems   []rules.Finding
	aliasNodes int
	bomb       *yaml.Node // the alias being expanded when the cap was hit
	// path holds the reference tokens of the value being built, for the
	// findings' pointers. Alias cycles were ruled out before building
	// (aliasCycleAt), so every expansion ends.
	path []string
}

// value converts n. inAlias is true inside an alias expansion, where keys
// were already checked at the anchor and must not be reported twice.
func (b *builder) value(n *yaml.Node, inAlias bool) (any, error) {
	if inAlias {
		b.aliasNodes++
		if b.aliasNodes > MaxAliasNodes {
			return nil, errAliasBomb
		}
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, nil
		}
		if !inAlias {
			b.bomb = n
		}
		return b.value(n.Alias, true)
	case yaml.ScalarNode:
		return scalarValue(n), nil
	case yaml.SequenceNode:
		arr := make([]any, len(n.Content))
		for i, c := range n.Content {
			b.path = append(b.path, strconv.Itoa(i))
			v, err := b.value(c, inAlias)
			b.path = b.path[:len(b.path)-1]
			if err != nil {
				return nil, err
			}
			arr[i] = v
		}
		return arr, nil
	case yaml.MappingNode:
		return b.mapping(n, inAlias)
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return map[string]any{}, nil
		}
		return b.value(n.Content[0], inAlias)
	}
	return nil, nil
}

func (b *builder) mapping(n *yaml.Node, inAlias bool) (any, error) {
	obj := make(map[string]any, len(n.Content)/2)
	var first map[string]*yaml.Node
	if !inAlias {
		first = make(map[string]*yaml.Node, len(n.Content)/2)
	}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merges = append(merges, v)
			continue
		}
		key, ok := b.key(k, inAlias)
		if !ok {
			continue
		}
		b.path = append(b.path, key)
		if first != nil {
			if prev, dup := first[key]; dup {
				b.report(rules.DuplicateKey.ID, k, "key %q is defined again (first on line %d); expected each key once", key, b.doc.NodeRange(prev).Start.Line)
			} else {
				first[key] = k
			}
		}
		val, err := b.value(v, inAlias)
		b.path = b.path[:len(b.path)-1]
		if err != nil {
			return nil, err
		}
		obj[key] = val // the last duplicate wins, as in Jekyll
	}
	// Merged keys never override explicit ones; earlier sources win.
	for _, m := range merges {
		sources := rules.MergeSources(m)
		if !inAlias {
			b.checkMerge(m, len(sources))
		}
		for _, s := range sources {
			mv, err := b.value(s, true)
			if err != nil {
				if b.bomb == nil {
					b.bomb = m
				}
				return nil, err
			}
			sm, _ := mv.(map[string]any)
			for k, v := range sm {
				if _, exists := obj[k]; !exists {
					obj[k] = v
				}
			}
		}
	}
	return obj, nil
}

// checkMerge reports a merge value that is not a mapping or a list of
// mappings, or list items that are not mappings (readers skip them).
func (b *builder) checkMerge(m *yaml.Node, sources int) {
	if sources == 0 {
		b.report(rules.YAMLSyntax.ID, m, "merge key \"<<\" has a %s value; expected a mapping or a list of mappings", kindName(m))
		return
	}
	if d := deref(m); d.Kind == yaml.SequenceNode {
		for _, c := range d.Content {
			if deref(c).Kind != yaml.MappingNode {
				b.report(rules.YAMLSyntax.ID, c, "merge list item is a %s; expected a mapping", kindName(deref(c)))
			}
		}
	}
}

func deref(n *yaml.Node) *yaml.Node { return rules.Deref(n) }

// key returns the JSON key for a key node. Keys that YAML types as
// something other than a string are reported; keys that are collections
// cannot be JSON keys and are dropped.
func (b *builder) key(k *yaml.Node, inAlias bool) (string, bool) {
	target := deref(k)
	if target.Kind != yaml.ScalarNode {
		if !inAlias {
			b.report(rules.NonStringKey.ID, k, "key is a %s; expected a string key", kindName(target))
		}
		return "", false
	}
	switch target.Tag {
	case "!!int", "!!float", "!!bool", "!!null", "!!timestamp":
		if !inAlias {
			b.path = append(b.path, target.Value)
			b.report(rules.NonStringKey.ID, k, "key %q is read as %s, not a string; expected a string key (quote it: '%s')", target.Value, rules.YAMLTagName(target.Tag), target.Value)
			b.path = b.path[:len(b.path)-1]
		}
	}
	return target.Value, true
}

func (b *builder) report(rule string, n *yaml.Node, format string, args ...any) {
	b.problems = append(b.problems, rules.Finding{
		Rule: rule, Path: b.doc.Path, Range: b.doc.NodeRange(n), Pointer: rules.Pointer(b.path...),
		Message: fmt.Sprintf(format, args...),
	})
}

// scalarValue types a scalar by its resolved tag, the way a YAML 1.2 core
// schema reader does. Values without a JSON counterpart (timestamps, binary,
// non-finite floats, custom tags) stay as their source text.
func scalarValue(n *yaml.Node) any {
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		return strings.EqualFold(n.Value, "true")
	case "!!int":
		s := strings.ReplaceAll(n.Value, "_", "")
		if i, err := strconv.ParseInt(s, 0, 64); err == nil {
			return json.Number(strconv.FormatInt(i, 10))
		}
		if bi, ok := new(big.Int).SetString(s, 0); ok {
			return json.Number(bi.String())
		}
		return n.Value
	case "!!float":
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return n.Value
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
	}
	return n.Value
}

// kindName names a node's kind for messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	case yaml.ScalarNode:
		return "scalar " + strconv.Quote(n.Value)
	}
	return "empty"
}
