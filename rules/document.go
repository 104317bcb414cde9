package rules

import (
	"strconv"
	"sync"

	"github.com/figlint/figlint/internal/yamlpos"
	"go.yaml.in/yaml/v3"
)

// Source is a file's text with its line index; see its methods for
// converting between byte offsets and positions.
type Source = yamlpos.Source

// NewSource indexes a file's bytes.
func NewSource(data []byte) *Source { return yamlpos.New(data) }

// The front-matter languages of Document.Format.
const (
	FormatYAML = ""
	FormatTOML = "toml"
	FormatJSON = "json"
)

// Document is one page, parsed once and shared by every rule.
type Document struct {
	// Path is the file's path as shown to the user.
	Path string
	// Folder is the name of the folder that holds the file on disk
	// ("_figures"), whatever folder the run started in; "" when unknown
	// (the engine sets it).
	Folder string
	// Source is the file's bytes, which positions refer to.
	Source *Source
	// Format is the front matter's language: FormatYAML (also the zero
	// value), FormatTOML or FormatJSON. The node tree has the same shape
	// whatever the language; fixes, which write YAML text, are offered only
	// for YAML.
	Format string
	// Open is the range of the opening delimiter: "---" for YAML, "+++"
	// for TOML, the "{" of JSON (or the file's start when there is none).
	Open Range
	// Root is the front matter's top node, whose positions are whole-file
	// coordinates; nil when the block is empty or could not be parsed.
	Root *yaml.Node
	// Value is the JSON-compatible value built from Root: map[string]any,
	// []any, string, json.Number, bool or nil. An empty block is an empty
	// map.
	Value any
	// Broken is true when the front matter could not be read or parsed; only
	// rules marked OnBroken run on it.
	Broken bool
	// Problems are the findings made while reading and parsing the file,
	// reported by the rules that own their IDs.
	Problems []Finding

	// keyIndex maps the keys of large mappings to their pair's index, built
	// on first lookup so that lookups in a mapping of n keys cost O(1), not
	// O(n) (a 100,000-key mapping would otherwise make lookups quadratic).
	mu       sync.Mutex
	keyIndex map[*yaml.Node]map[string]int
	memo     map[any]any
}

// Memo returns the value compute gives for key, computing it once per
// document: rules that need the same derived view of a page (the keyword
// rules' reading of the keywords and tables) share it. compute must not
// report, and the value must not be changed afterwards.
func (d *Document) Memo(key any, compute func() any) any {
	d.mu.Lock()
	v, ok := d.memo[key]
	d.mu.Unlock()
	if ok {
		return v
	}
	v = compute()
	d.mu.Lock()
	if d.memo == nil {
		d.memo = map[any]any{}
	}
	d.memo[key] = v
	d.mu.Unlock()
	return v
}

// Entry is what a JSON pointer names in the node tree.
type Entry struct {
	// Key is the mapping key node, or nil for list items and the root.
	Key *yaml.Node
	// Value is the value node. When the pointer passes through an alias or
	// a merge key, Key and Value are the alias node that brings the value to
	// this place, so a finding lands where the user sees the value used.
	Value *yaml.Node
	// Target is the node that holds the value itself, aliases resolved:
	// read the value from Target, report at Key or Value.
	Target *yaml.Node
}

// Lookup finds the nodes a JSON pointer names. It walks the node tree, so it
// follows aliases and merge keys and sees the last of duplicate keys, just as
// the value does.
func (d *Document) Lookup(ptr string) (Entry, bool) {
	tokens, ok := SplitPointer(ptr)
	if !ok {
		return Entry{}, false
	}
	return d.LookupTokens(tokens)
}

// LookupTokens walks the node tree along reference tokens; see Lookup.
func (d *Document) LookupTokens(tokens []string) (Entry, bool) {
	if d.Root == nil {
		return Entry{}, false
	}
	var via *yaml.Node // outermost alias passed through
	e := Entry{Value: d.Root}
	for _, tok := range tokens {
		n := e.Value
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			if via == nil {
				via = n
			}
			n = n.Alias
		}
		switch n.Kind {
		case yaml.MappingNode:
			k, v, viaMerge := d.mappingGet(n, tok, 0)
			if v == nil {
				return Entry{}, false
			}
			if via == nil && viaMerge != nil {
				via = viaMerge
			}
			e = Entry{Key: k, Value: v}
		case yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n.Content) || strconv.Itoa(i) != tok {
				return Entry{}, false
			}
			e = Entry{Value: n.Content[i]}
		default:
			return Entry{}, false
		}
	}
	e.Target = Deref(e.Value)
	if via != nil {
		return Entry{Key: via, Value: via, Target: e.Target}, true
	}
	return e, true
}

// maxMergeDepth bounds merge-key chains during lookups.
const maxMergeDepth = 64

// indexThreshold is the number of pairs from which a mapping's keys are
// indexed rather than scanned.
const indexThreshold = 32

// mappingGet returns the last pair with key tok in m, or the first found
// through merge keys when m has none; viaMerge is the merge value node used.
func (d *Document) mappingGet(m *yaml.Node, tok string, depth int) (key, value, viaMerge *yaml.Node) {
	if len(m.Content) >= 2*indexThreshold {
		if i, ok := d.indexOf(m)[tok]; ok {
			return m.Content[i], m.Content[i+1], nil
		}
	} else {
		for i := len(m.Content) - 2; i >= 0; i -= 2 {
			k := m.Content[i]
			if k.Kind == yaml.ScalarNode && k.Value == tok && k.Tag != "!!merge" {
				return k, m.Content[i+1], nil
			}
		}
	}
	if depth >= maxMergeDepth {
		return nil, nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind != yaml.ScalarNode || k.Tag != "!!merge" {
			continue
		}
		src := m.Content[i+1]
		for _, s := range MergeSources(src) {
			if _, v2, _ := d.mappingGet(s, tok, depth+1); v2 != nil {
				return src, v2, src
			}
		}
	}
	return nil, nil, nil
}

// indexOf returns the key index of mapping m, building it once.
func (d *Document) indexOf(m *yaml.Node) map[string]int {
	d.mu.Lock()
	defer d.mu.Unlock()
	if idx, ok := d.keyIndex[m]; ok {
		return idx
	}
	idx := make(map[string]int, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Tag != "!!merge" {
			idx[k.Value] = i // the last duplicate wins, as in the value
		}
	}
	if d.keyIndex == nil {
		d.keyIndex = map[*yaml.Node]map[string]int{}
	}
	d.keyIndex[m] = idx
	return idx
}

// MergeSources returns the mappings a merge key's value brings in, in order
// of precedence: one mapping (or alias of one), or a list of them.
func MergeSources(v *yaml.Node) []*yaml.Node {
	v = Deref(v)
	switch v.Kind {
	case yaml.MappingNode:
		return []*yaml.Node{v}
	case yaml.SequenceNode:
		var out []*yaml.Node
		for _, c := range v.Content {
			if c = Deref(c); c.Kind == yaml.MappingNode {
				out = append(out, c)
			}
		}
		return out
	}
	return nil
}

// NodeRange returns the exact range of n in the file.
func (d *Document) NodeRange(n *yaml.Node) Range {
	if n == nil || d.Source == nil {
		return d.Open
	}
	sl, sc := d.Source.Position(d.Source.NodeOffset(n.Line, n.Column))
	el, ec := d.Source.Position(d.Source.NodeEnd(n))
	return Range{Start: Position{Line: sl, Column: sc}, End: Position{Line: el, Column: ec}}
}

// OffsetOf converts a position to a byte offset in Source, for fixes.
func (d *Document) OffsetOf(p Position) int {
	return d.Source.Offset(p.Line, p.Column)
}
