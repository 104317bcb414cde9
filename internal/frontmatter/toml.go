package frontmatter

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/figlint/figlint/internal/yamlpos"
	"github.com/figlint/figlint/rules"
	"github.com/pelletier/go-toml/v2/unstable"
	"go.yaml.in/yaml/v3"
)

// TOML front matter (Hugo's "+++" blocks) is read with go-toml's parser,
// which gives the byte range of every key and scalar, and turned into the
// yaml.Node tree that YAML front matter gives, with each node's span
// recorded in the Source. Arrays, inline tables and tables have no range in
// go-toml's tree; theirs is found from their children and the brackets
// around them.
//
// TOML's own rule that a key or table is defined once is checked here: a
// key defined again becomes a second pair in its mapping, which the value
// builder reports as duplicate-key (the last definition wins, as for YAML).

// tomlTable is a mapping under construction.
type tomlTable struct {
	node   *yaml.Node
	start  int
	end    int
	parent *tomlTable
	// entries maps a key to the value defined for it last.
	entries map[string]*tomlEntry
	// The ways a table comes to be, which decide what may extend it.
	kind tomlKind
	// inSeq is the array of tables that holds this table, if any.
	inSeq *tomlSeq
}

type tomlKind int

const (
	tomlImplicit tomlKind = iota // named as a prefix of a [header]
	tomlExplicit                 // defined by its own [header]
	tomlDotted                   // defined by a dotted key
	tomlClosed                   // an inline table, or a value: never extended
	tomlArray                    // an array of tables ([[header]])
)

// tomlEntry is a key's value: a table, an array of tables, or a value.
type tomlEntry struct {
	kind  tomlKind
	table *tomlTable // for tables; for arrays of tables, the last element
	seq   *tomlSeq   // for arrays of tables
}

// tomlSeq is an array of tables under construction.
type tomlSeq struct {
	node  *yaml.Node
	start int
	end   int
}

// tomlReader builds the node tree of one TOML block.
type tomlReader struct {
	src   *yamlpos.Source
	base  int    // offset of the block in the file
	data  []byte // the block
	p     unstable.Parser
	root  *tomlTable
	seqs  []*tomlSeq
	all   []*tomlTable
	notes []string // comments, for figlint-ignore directives
	first int      // where the first key/value or header starts
}

// tomlError is a TOML problem at a byte range of the block.
type tomlError struct {
	start, end int
	msg        string
}

func (e *tomlError) Error() string { return e.msg }

// parseTOML reads the block [b.start, b.end) of src into a mapping node.
// It returns nil for a block without keys.
func parseTOML(src *yamlpos.Source, b block) (root *yaml.Node, err *tomlError) {
	data := src.Bytes()[b.start:b.end:b.end]
	r := &tomlReader{src: src, base: b.start, data: data, first: -1}
	r.root = r.newTable(nil, 0, tomlExplicit)
	r.p.KeepComments = true
	r.p.Reset(data)
	current := r.root
	for r.p.NextExpression() {
		e := r.p.Expression()
		r.comments(e)
		var err *tomlError
		switch e.Kind {
		case unstable.KeyValue:
			err = r.keyValue(current, e)
		case unstable.Table:
			current = r.header(e, false)
		case unstable.ArrayTable:
			current = r.header(e, true)
		}
		if err != nil {
			return nil, err
		}
	}
	if perr := r.p.Error(); perr != nil {
		return nil, r.parserError(perr)
	}
	if len(r.root.node.Content) == 0 {
		return nil, nil
	}
	r.root.start = r.first
	for _, t := range r.all {
		r.src.SetSpan(t.node, r.base+t.start, r.base+max(t.end, t.start))
	}
	for _, s := range r.seqs {
		r.src.SetSpan(s.node, r.base+s.start, r.base+max(s.end, s.start))
	}
	if len(r.notes) > 0 {
		r.root.node.FootComment = strings.Join(r.notes, "\n")
	}
	return r.root.node, nil
}

// parserError places a go-toml error at the bytes it highlights.
func (r *tomlReader) parserError(err error) *tomlError {
	var pe *unstable.ParserError
	if !errors.As(err, &pe) {
		return &tomlError{start: 0, end: 0, msg: err.Error()}
	}
	start := len(r.data)
	if pe.Highlight != nil {
		start = cap(r.data) - cap(pe.Highlight)
	}
	start = max(0, min(start, len(r.data)))
	end := max(start, min(start+len(pe.Highlight), len(r.data)))
	return &tomlError{start: start, end: end, msg: pe.Message}
}

// comments collects the comment nodes of an expression.
func (r *tomlReader) comments(n *unstable.Node) {
	for ; n != nil && n.Valid(); n = n.Next() {
		if n.Kind == unstable.Comment {
			r.notes = append(r.notes, string(n.Data))
		}
		if n.Kind == unstable.Comment || n.Kind == unstable.Array || n.Kind == unstable.InlineTable || n.Kind == unstable.KeyValue {
			r.comments(n.Child())
		}
	}
}

func (r *tomlReader) newTable(parent *tomlTable, start int, kind tomlKind) *tomlTable {
	t := &tomlTable{node: &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}, start: start, end: start,
		parent: parent, entries: map[string]*tomlEntry{}, kind: kind}
	r.all = append(r.all, t)
	return t
}

// extend records that t (and so its parents) reaches offset end.
func (t *tomlTable) extend(end int) {
	for ; t != nil; t = t.parent {
		t.end = max(t.end, end)
		if t.inSeq != nil {
			t.inSeq.end = max(t.inSeq.end, end)
		}
	}
}

// keyNode makes the yaml key node of a TOML key part.
func (r *tomlReader) keyNode(k *unstable.Node) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(k.Data)}
	raw := r.p.Raw(k.Raw)
	switch {
	case len(raw) > 0 && raw[0] == '"':
		n.Style = yaml.DoubleQuotedStyle
	case len(raw) > 0 && raw[0] == '\'':
		n.Style = yaml.SingleQuotedStyle
	}
	r.src.SetSpan(n, r.base+int(k.Raw.Offset), r.base+int(k.Raw.Offset+k.Raw.Length))
	return n
}

// add appends the pair key = value to t.
func (t *tomlTable) add(key, value *yaml.Node) {
	t.node.Content = append(t.node.Content, key, value)
}

func keyParts(it unstable.Iterator) []*unstable.Node {
	var parts []*unstable.Node
	for it.Next() {
		parts = append(parts, it.Node())
	}
	return parts
}

// header handles a [table] or [[array of tables]] line and returns the
// table that the following key/value lines fill.
func (r *tomlReader) header(e *unstable.Node, array bool) *tomlTable {
	parts := keyParts(e.Key())
	if len(parts) == 0 {
		return r.root
	}
	first := int(parts[0].Raw.Offset)
	open := first
	for open > 0 && r.data[open-1] != '\n' && r.data[open-1] != '\r' {
		open--
	}
	for open < first && (r.data[open] == ' ' || r.data[open] == '\t') {
		open++
	}
	if r.first < 0 {
		r.first = open
	}
	last := parts[len(parts)-1]
	closeAt := int(last.Raw.Offset + last.Raw.Length)
	for closeAt < len(r.data) && r.data[closeAt] != ']' {
		closeAt++
	}
	closeAt = min(len(r.data), closeAt+1)
	if array && closeAt < len(r.data) && r.data[closeAt] == ']' {
		closeAt++
	}
	t := r.root
	for _, k := range parts[:len(parts)-1] {
		name := string(k.Data)
		ent := t.entries[name]
		switch {
		case ent == nil || ent.kind == tomlClosed:
			// A new table, or a value redefined as one (a duplicate).
			nt := r.newTable(t, open, tomlImplicit)
			t.add(r.keyNode(k), nt.node)
			t.entries[name] = &tomlEntry{kind: tomlImplicit, table: nt}
			t = nt
		default:
			t = ent.table
		}
	}
	k := last
	name := string(k.Data)
	ent := t.entries[name]
	if array {
		if ent != nil && ent.kind == tomlArray {
			el := r.newTable(t, open, tomlExplicit)
			el.inSeq = ent.seq
			ent.seq.node.Content = append(ent.seq.node.Content, el.node)
			ent.table = el
			el.extend(closeAt)
			return el
		}
		seq := &tomlSeq{node: &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}, start: open, end: closeAt}
		r.seqs = append(r.seqs, seq)
		el := r.newTable(t, open, tomlExplicit)
		el.inSeq = seq
		seq.node.Content = append(seq.node.Content, el.node)
		t.add(r.keyNode(k), seq.node)
		t.entries[name] = &tomlEntry{kind: tomlArray, table: el, seq: seq}
		el.extend(closeAt)
		return el
	}
	if ent != nil && ent.kind == tomlImplicit {
		ent.kind, ent.table.kind = tomlExplicit, tomlExplicit
		ent.table.extend(closeAt)
		return ent.table
	}
	// A new table; or a table, array or value defined before: a duplicate.
	nt := r.newTable(t, open, tomlExplicit)
	t.add(r.keyNode(k), nt.node)
	t.entries[name] = &tomlEntry{kind: tomlExplicit, table: nt}
	nt.extend(closeAt)
	return nt
}

// keyValue handles key = value in table t (a dotted key makes or extends
// the tables of its prefix).
func (r *tomlReader) keyValue(t *tomlTable, e *unstable.Node) *tomlError {
	parts := keyParts(e.Key())
	if len(parts) == 0 {
		return nil
	}
	kvEnd := int(e.Raw.Offset + e.Raw.Length)
	if r.first < 0 {
		r.first = int(e.Raw.Offset)
	}
	for i, k := range parts[:len(parts)-1] {
		name := string(k.Data)
		ent := t.entries[name]
		if ent != nil && ent.kind == tomlDotted {
			t = ent.table
			continue
		}
		// A new table; anything else under that name is a duplicate.
		nt := r.newTable(t, int(parts[i+1].Raw.Offset), tomlDotted)
		t.add(r.keyNode(k), nt.node)
		t.entries[name] = &tomlEntry{kind: tomlDotted, table: nt}
		t = nt
	}
	last := parts[len(parts)-1]
	afterKey := int(last.Raw.Offset + last.Raw.Length)
	v, err := r.value(e.Value(), r.valueStart(afterKey, true), kvEnd)
	if err != nil {
		return err
	}
	t.add(r.keyNode(last), v)
	t.entries[string(last.Data)] = &tomlEntry{kind: tomlClosed}
	t.extend(kvEnd)
	return nil
}

// valueStart finds where a value starts after offset i: past blanks and,
// after a key, the "=".
func (r *tomlReader) valueStart(i int, afterKey bool) int {
	i = r.skip(i, false)
	if afterKey && i < len(r.data) && r.data[i] == '=' {
		i = r.skip(i+1, false)
	}
	return i
}

// skip passes blanks; with items, also line breaks, comments and commas
// (what may stand between the items of an array or inline table).
func (r *tomlReader) skip(i int, items bool) int {
	for i < len(r.data) {
		switch c := r.data[i]; {
		case c == ' ' || c == '\t':
			i++
		case items && (c == '\n' || c == '\r' || c == ','):
			i++
		case items && c == '#':
			for i < len(r.data) && r.data[i] != '\n' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// value converts a TOML value that starts at offset start; end, when
// positive, is where it is known to end.
func (r *tomlReader) value(v *unstable.Node, start, end int) (*yaml.Node, *tomlError) {
	switch v.Kind {
	case unstable.Array:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
		i := start + 1 // past "["
		it := v.Children()
		for it.Next() {
			c := it.Node()
			if c.Kind == unstable.Comment {
				continue
			}
			cs := r.skip(i, true)
			cn, err := r.value(c, cs, 0)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, cn)
			i = r.src.NodeEnd(cn) - r.base
		}
		if end <= 0 {
			end = r.closer(i, ']')
		}
		r.src.SetSpan(n, r.base+start, r.base+end)
		return n, nil
	case unstable.InlineTable:
		t := r.newTable(nil, start, tomlClosed)
		r.all = r.all[:len(r.all)-1] // its span is set here
		i := start + 1
		it := v.Children()
		for it.Next() {
			c := it.Node()
			if c.Kind != unstable.KeyValue {
				continue
			}
			if err := r.keyValue(t, c); err != nil {
				return nil, err
			}
			i = int(c.Raw.Offset + c.Raw.Length)
		}
		if end <= 0 {
			end = r.closer(i, '}')
		}
		r.src.SetSpan(t.node, r.base+start, r.base+end)
		return t.node, nil
	}
	n, err := r.scalar(v)
	if err != nil {
		return nil, err
	}
	r.src.SetSpan(n, r.base+int(v.Raw.Offset), r.base+int(v.Raw.Offset+v.Raw.Length))
	return n, nil
}

// closer finds the closing bracket of an array or inline table whose last
// item ends at i.
func (r *tomlReader) closer(i int, c byte) int {
	i = r.skip(i, true)
	if i < len(r.data) && r.data[i] == c {
		return i + 1
	}
	return i
}

// scalar converts a TOML scalar. Dates and times keep their text, as
// strings (JSON Schema has no date type); integers and floats keep their
// text for the value builder, which reads them as YAML's !!int and !!float.
func (r *tomlReader) scalar(v *unstable.Node) (*yaml.Node, *tomlError) {
	raw := string(r.p.Raw(v.Raw))
	at := func(format string, args ...any) *tomlError {
		return &tomlError{start: int(v.Raw.Offset), end: int(v.Raw.Offset + v.Raw.Length), msg: fmt.Sprintf(format, args...)}
	}
	n := &yaml.Node{Kind: yaml.ScalarNode, Value: raw}
	switch v.Kind {
	case unstable.String:
		n.Tag, n.Value = "!!str", string(v.Data)
		switch {
		case strings.HasPrefix(raw, `"""`) || strings.HasPrefix(raw, "'''"):
			n.Style = yaml.LiteralStyle
		case strings.HasPrefix(raw, `"`):
			n.Style = yaml.DoubleQuotedStyle
		default:
			n.Style = yaml.SingleQuotedStyle
		}
		if !utf8.ValidString(n.Value) {
			return nil, at("string is not valid UTF-8; expected UTF-8 text")
		}
	case unstable.Bool:
		n.Tag = "!!bool"
	case unstable.Integer:
		n.Tag = "!!int"
		s := strings.ReplaceAll(raw, "_", "")
		if _, err := strconv.ParseInt(s, 0, 64); err != nil {
			return nil, at("integer %s does not fit in 64 bits; expected an integer from -2^63 to 2^63-1 (or a float)", raw)
		}
	case unstable.Float:
		n.Tag = "!!float"
		s := strings.ToLower(strings.TrimLeft(strings.ReplaceAll(raw, "_", ""), "+-"))
		if s != "inf" && s != "nan" {
			if _, err := strconv.ParseFloat(strings.ReplaceAll(raw, "_", ""), 64); err != nil {
				return nil, at("float %s is out of the range of a 64-bit float; expected a number of at most about 1.8e308", raw)
			}
		}
	case unstable.LocalDate, unstable.LocalTime, unstable.LocalDateTime, unstable.DateTime:
		n.Tag = "!!timestamp"
		if !validTOMLTime(v.Kind, raw) {
			return nil, at("%q is not a valid date or time; expected a calendar date and a time of day such as 1979-05-27T07:32:00Z", raw)
		}
	default:
		return nil, at("unexpected TOML value")
	}
	return n, nil
}

// validTOMLTime checks the fields of a date or time that go-toml's parser
// has read by shape only (month 13, 25 o'clock).
func validTOMLTime(kind unstable.Kind, raw string) bool {
	s := strings.ToUpper(raw)
	if !tomlTimeShape.MatchString(s) {
		return false // time.Parse takes a one-digit hour ("0:00"); TOML does not
	}
	if len(s) > 10 && (s[10] == ' ' || s[10] == 'T') {
		s = s[:10] + "T" + s[11:]
	}
	var layouts []string
	switch kind {
	case unstable.LocalDate:
		layouts = []string{"2006-01-02"}
	case unstable.LocalTime:
		layouts = []string{"15:04:05.999999999", "15:04"}
	case unstable.LocalDateTime:
		layouts = []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04"}
	case unstable.DateTime:
		layouts = []string{"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02T15:04Z07:00"}
	}
	for _, l := range layouts {
		if _, err := time.Parse(l, s); err == nil {
			return true
		}
	}
	return false
}

// tomlTimeShape is the digits TOML requires of a date, a time or both:
// two digits for every field but the year, seconds and fraction optional.
var tomlTimeShape = regexp.MustCompile(`^([0-9]{4}-[0-9]{2}-[0-9]{2})?([T ]?[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$`)

// StringScalar tells whether text, as the whole of a value in front matter
// of the given language (rules.FormatJSON or rules.FormatTOML), is one
// string on one line, and returns the string: what a fix may write in
// place of a string value.
func StringScalar(format, text string) (string, bool) {
	if text == "" || strings.ContainsAny(text, "\n\r") {
		return "", false
	}
	switch format {
	case rules.FormatJSON:
		if text[0] != '"' {
			return "", false
		}
		var s string
		if err := json.Unmarshal([]byte(text), &s); err != nil {
			return "", false
		}
		return s, true
	case rules.FormatTOML:
		if text[0] != '"' && text[0] != '\'' {
			return "", false
		}
		var p unstable.Parser
		p.Reset([]byte("v = " + text))
		if !p.NextExpression() {
			return "", false
		}
		e := p.Expression()
		v := e.Value()
		if e.Kind != unstable.KeyValue || v.Kind != unstable.String || int(v.Raw.Offset+v.Raw.Length) != 4+len(text) {
			return "", false
		}
		s := string(v.Data)
		if p.NextExpression() || p.Error() != nil || !utf8.ValidString(s) {
			return "", false
		}
		return s, true
	}
	return "", false
}
