// Package fastyaml parses the plain block-style YAML subset that PFOCR
// front matter uses straight into the yaml.Node tree that go.yaml.in/yaml/v3
// builds for the same text, several times faster than yaml.v3.
//
// The subset: block mappings whose keys are plain or single-quoted scalars
// on one line, block sequences (also at their parent key's indentation),
// "- key: value" mappings in sequence items, plain scalars (also folded over
// continuation lines), single-quoted scalars (also multi-line, with
// doubled quotes for quotes), literal block scalars ("|", "|-", "|+"),
// empty values, LF or CRLF line ends. Anything else (flow collections,
// double-quoted and folded scalars, comments, anchors, aliases, tags,
// directives, document markers, tabs, unusual characters, odd indentation)
// makes Parse report ok=false, and the caller hands the text to yaml.v3,
// which also reports the errors: Parse never decides that text is invalid
// YAML.
package fastyaml

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// maxDepth bounds the nesting of collections taken on the fast path.
const maxDepth = 64

// maxKey bounds the bytes of a key: yaml.v3 looks for the ":" of a simple
// key at most 1024 characters after its start.
const maxKey = 1000

// Parse parses data, the YAML text of a front matter block, into the tree
// that yaml.Unmarshal(data, &root) produces: a DocumentNode holding the
// top-level collection, with the same kinds, styles, tags, values, lines,
// columns, comments (none) and content order. ok is false when data is
// outside the subset this package handles (see the package doc), including
// empty input and any input yaml.v3 would reject; root is then nil and the
// caller must parse data with yaml.v3. The tree does not alias data; its
// nodes share a few allocations, and appending to a Content slice is safe.
func Parse(data []byte) (root *yaml.Node, ok bool) {
	size, valid := scan(data)
	if !valid {
		return nil, false
	}
	p := parser{s: string(data)}
	p.nodes = make([]yaml.Node, 0, size)
	p.ptrs = make([]*yaml.Node, 0, size)
	p.setLine(0)
	p.line = 1
	k := p.skipBlank()
	if k != 0 {
		return nil, false
	}
	var top *yaml.Node
	switch {
	case p.dashAt(p.ls):
		top = p.sequence(0, false)
	case p.keyEnd(p.ls) > 0:
		top = p.mapping(0)
	}
	if top == nil || p.skipBlank() >= 0 {
		return nil, false
	}
	doc := p.node(yaml.DocumentNode, "", 0, "", top.Line, top.Column)
	doc.Content = p.children([]*yaml.Node{top})
	return doc, true
}

// scan checks that data holds only characters the fast path handles (UTF-8
// text yaml.v3 accepts, no tabs, no line breaks but LF and CRLF, no byte
// order mark) and estimates how many nodes its tree has: two per ": " (a
// key and its value), one per "- " (an entry), and the document and its
// root. Only "- key: value" entries, which add a mapping, can make the
// estimate short.
func scan(data []byte) (nodes int, ok bool) {
	nodes = 2
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c >= ' ' && c != ':' && c != '-' && c != 0x7F {
				i++
				continue
			}
			switch {
			case c == ':' || c == '-':
				if i+1 == len(data) || data[i+1] == ' ' || data[i+1] == '\n' || data[i+1] == '\r' {
					nodes++
					if c == ':' {
						nodes++
					}
				}
			case c == '\n':
			case c == '\r':
				if i+1 >= len(data) || data[i+1] != '\n' {
					return 0, false
				}
			case c < 0x20 || c == 0x7F:
				return 0, false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return 0, false
		case r >= 0xA0 && r <= 0xD7FF && r != 0x2028 && r != 0x2029:
		case r >= 0xE000 && r <= 0xFFFD && r != 0xFEFF:
		case r >= 0x10000 && r <= 0x10FFFF:
		default:
			return 0, false // NEL, LS, PS, C1 controls, BOM, non-characters
		}
		i += size
	}
	return nodes, true
}

// parser walks the text line by line. Every parsing method starts on the
// current line and, when it succeeds, leaves the cursor on the line after
// the last one it used. A method returns nil to abandon the fast path.
type parser struct {
	s string
	// ls, le and nx are the current line's start, the end of its text
	// (before "\n" or "\r\n") and the next line's start; line is its
	// 1-based number.
	ls, le, nx int
	line       int
	depth      int
	nodes      []yaml.Node  // slab the nodes are cut from
	ptrs       []*yaml.Node // slab the Content slices are cut from
	buf        []byte       // scratch for multi-line scalars
}

func (p *parser) setLine(start int) {
	p.ls = start
	i := strings.IndexByte(p.s[start:], '\n')
	if i < 0 {
		p.le, p.nx = len(p.s), len(p.s)
		return
	}
	p.le, p.nx = start+i, start+i+1
	if p.le > start && p.s[p.le-1] == '\r' {
		p.le--
	}
}

func (p *parser) next() {
	p.line++
	p.setLine(p.nx)
}

func (p *parser) eof() bool { return p.ls >= len(p.s) }

// skipBlank moves to the next line with text (staying on the current one
// if it has some) and returns its indentation, or -1 at the end.
func (p *parser) skipBlank() int {
	var breaks int
	return p.skipBlankCounting(&breaks)
}

// node cuts a node from the slab.
func (p *parser) node(kind yaml.Kind, tag string, style yaml.Style, value string, line, col int) *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]yaml.Node, 0, 16)
	}
	p.nodes = p.nodes[:len(p.nodes)+1]
	n := &p.nodes[len(p.nodes)-1]
	n.Kind, n.Tag, n.Style, n.Value, n.Line, n.Column = kind, tag, style, value, line, col
	return n
}

// children copies kids into a slice cut from the pointer slab, capped so
// that appending to it cannot overwrite a neighbour.
func (p *parser) children(kids []*yaml.Node) []*yaml.Node {
	if cap(p.ptrs)-len(p.ptrs) < len(kids) {
		p.ptrs = make([]*yaml.Node, 0, max(len(kids), 16))
	}
	start := len(p.ptrs)
	p.ptrs = append(p.ptrs, kids...)
	return p.ptrs[start:len(p.ptrs):len(p.ptrs)]
}

// col returns the 1-based column, in code points, of offset at on the
// current line.
func (p *parser) col(at int) int {
	return utf8.RuneCountInString(p.s[p.ls:at]) + 1
}

// dashAt tells whether a block sequence entry ("-" then a space or the end
// of the line) starts at offset at of the current line.
func (p *parser) dashAt(at int) bool {
	return at < p.le && p.s[at] == '-' && (at+1 == p.le || p.s[at+1] == ' ')
}

// keyEnd returns, when a "key:" entry starts at offset at of the current
// line, the offset just after its ":"; otherwise 0.
func (p *parser) keyEnd(at int) int {
	s := p.s
	i := at
	if at == p.ls && p.le-at >= 3 && (s[at:at+3] == "---" || s[at:at+3] == "...") && (p.le-at == 3 || s[at+3] == ' ') {
		return 0 // a document marker
	}
	if s[i] == '\'' {
		for i++; ; i++ {
			if i >= p.le {
				return 0
			}
			if s[i] == '\'' {
				if i+1 < p.le && s[i+1] == '\'' {
					i++
					continue
				}
				break
			}
		}
		i++
		if i >= p.le || s[i] != ':' {
			return 0
		}
	} else {
		if !plainStart(s, i, p.le) {
			return 0
		}
		for i++; ; i++ {
			if i >= p.le {
				return 0
			}
			if s[i] == '#' && s[i-1] == ' ' {
				return 0 // a comment
			}
			if s[i] == ':' && (i+1 == p.le || s[i+1] == ' ') {
				break
			}
		}
		if s[i-1] == ' ' {
			return 0 // "key :" is left to yaml.v3
		}
	}
	if i-at > maxKey || (i+1 < p.le && s[i+1] != ' ') {
		return 0
	}
	return i + 1
}

// plainStart tells whether a plain scalar may start at s[i] (with the line
// ending at le) in block context.
func plainStart(s string, i, le int) bool {
	switch s[i] {
	case '-', '?', ':':
		return i+1 < le && s[i+1] != ' '
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ':
		return false
	}
	return true
}

// key parses the key that starts at offset at of the current line and ends
// with the ":" before end.
func (p *parser) key(at, end int) *yaml.Node {
	raw := p.s[at : end-1]
	c := p.col(at)
	if raw[0] == '\'' {
		v := raw[1 : len(raw)-1]
		if strings.Contains(v, "''") {
			v = strings.ReplaceAll(v, "''", "'")
		}
		return p.node(yaml.ScalarNode, "!!str", yaml.SingleQuotedStyle, v, p.line, c)
	}
	tag := resolve(raw)
	if tag == "" {
		return nil
	}
	return p.node(yaml.ScalarNode, tag, 0, raw, p.line, c)
}

// mapping parses the block mapping whose first key starts at column c
// (0-based, in bytes, which here are spaces and "- ") of the current line.
func (p *parser) mapping(c int) *yaml.Node {
	if p.depth++; p.depth > maxDepth {
		return nil
	}
	defer func() { p.depth-- }()
	m := p.node(yaml.MappingNode, "!!map", 0, "", p.line, c+1)
	var local [32]*yaml.Node
	kids := local[:0]
	for {
		at := p.ls + c
		end := p.keyEnd(at)
		if end == 0 {
			return nil
		}
		k := p.key(at, end)
		if k == nil {
			return nil
		}
		kids = append(kids, k)
		i := end
		for i < p.le && p.s[i] == ' ' {
			i++
		}
		var v *yaml.Node
		if i < p.le {
			if p.dashAt(i) {
				return nil
			}
			v = p.scalar(i, c)
		} else {
			line, col := p.line, p.col(end)
			p.next()
			switch k := p.skipBlank(); {
			case k > c:
				v = p.block(k, c)
			case k == c && p.dashAt(p.ls+k):
				v = p.sequence(c, true)
			default:
				v = p.node(yaml.ScalarNode, "!!null", 0, "", line, col)
			}
		}
		if v == nil {
			return nil
		}
		kids = append(kids, v)
		switch k := p.skipBlank(); {
		case k < c:
			m.Content = p.children(kids)
			return m
		case k > c:
			return nil
		}
	}
}

// sequence parses the block sequence whose first "-" is at column c of the
// current line. An indentless sequence (at its parent key's indentation)
// ends at the first line there that is not an entry.
func (p *parser) sequence(c int, indentless bool) *yaml.Node {
	if p.depth++; p.depth > maxDepth {
		return nil
	}
	defer func() { p.depth-- }()
	seq := p.node(yaml.SequenceNode, "!!seq", 0, "", p.line, c+1)
	var local [64]*yaml.Node
	kids := local[:0]
	for {
		at := p.ls + c
		if !p.dashAt(at) {
			if indentless && len(kids) > 0 {
				seq.Content = p.children(kids)
				return seq
			}
			return nil
		}
		i := at + 1
		for i < p.le && p.s[i] == ' ' {
			i++
		}
		var v *yaml.Node
		switch {
		case i == p.le:
			v = p.node(yaml.ScalarNode, "!!null", 0, "", p.line, c+2)
			p.next()
			if p.skipBlank() > c {
				return nil
			}
		case p.dashAt(i):
			return nil
		case p.keyEnd(i) > 0:
			v = p.mapping(i - p.ls)
		default:
			v = p.scalar(i, c)
		}
		if v == nil {
			return nil
		}
		kids = append(kids, v)
		switch k := p.skipBlank(); {
		case k < c:
			seq.Content = p.children(kids)
			return seq
		case k > c:
			return nil
		}
	}
}

// block parses the node that starts on its own line at indentation k, as
// the value of a key at indentation n < k.
func (p *parser) block(k, n int) *yaml.Node {
	at := p.ls + k
	switch {
	case p.dashAt(at):
		return p.sequence(k, false)
	case p.keyEnd(at) > 0:
		return p.mapping(k)
	}
	return p.scalar(at, n)
}

// scalar parses the scalar that starts at offset at of the current line,
// inside a collection at indentation n: its continuation lines must be
// indented more than n.
func (p *parser) scalar(at, n int) *yaml.Node {
	switch p.s[at] {
	case '\'':
		return p.quoted(at, n)
	case '|':
		return p.literal(at, n)
	}
	if !plainStart(p.s, at, p.le) {
		return nil
	}
	line, col := p.line, p.col(at)
	end, ok := p.plainLine(at + 1)
	if !ok {
		return nil
	}
	value := p.s[at:end]
	multi := false
	for {
		p.next()
		breaks := 0
		k := p.skipBlankCounting(&breaks)
		if k <= n {
			break // the end of the text or a line of an outer node
		}
		start := p.ls + k
		if p.s[start] == '#' {
			return nil
		}
		e, ok := p.plainLine(start)
		if !ok {
			return nil
		}
		if !multi {
			multi = true
			p.buf = append(p.buf[:0], value...)
		}
		p.buf = fold(p.buf, breaks)
		p.buf = append(p.buf, p.s[start:e]...)
	}
	if multi {
		value = string(p.buf)
	}
	tag := resolve(value)
	if tag == "" {
		return nil
	}
	return p.node(yaml.ScalarNode, tag, 0, value, line, col)
}

// skipBlankCounting is skipBlank that also counts the blank lines skipped.
func (p *parser) skipBlankCounting(breaks *int) int {
	for !p.eof() {
		i := p.ls
		for i < p.le && p.s[i] == ' ' {
			i++
		}
		if i < p.le {
			return i - p.ls
		}
		*breaks++
		p.next()
	}
	return -1
}

// plainLine checks the rest of a plain scalar's line from offset from and
// returns the end of its text without trailing spaces; ok is false when
// the line holds a ": " (a mapping yaml.v3 would reject here) or a comment.
func (p *parser) plainLine(from int) (end int, ok bool) {
	s := p.s
	for i := from; i < p.le; i++ {
		switch s[i] {
		case ':':
			if i+1 == p.le || s[i+1] == ' ' {
				return 0, false
			}
		case '#':
			if s[i-1] == ' ' {
				return 0, false
			}
		}
	}
	end = p.le
	for s[end-1] == ' ' {
		end--
	}
	return end, true
}

// fold appends the joint between two lines of a flow scalar separated by
// `breaks` empty lines: a space, or one newline per empty line.
func fold(buf []byte, breaks int) []byte {
	if breaks == 0 {
		return append(buf, ' ')
	}
	for range breaks {
		buf = append(buf, '\n')
	}
	return buf
}

// quoted parses the single-quoted scalar that starts at offset at of the
// current line, inside a collection at indentation n.
func (p *parser) quoted(at, n int) *yaml.Node {
	line, col := p.line, p.col(at)
	s := p.s
	// Single line without escapes: a slice of the text.
	i := at + 1
	for i < p.le && s[i] != '\'' {
		i++
	}
	if i < p.le && (i+1 == p.le || s[i+1] != '\'') {
		if !p.restBlank(i + 1) {
			return nil
		}
		p.next()
		return p.node(yaml.ScalarNode, "!!str", yaml.SingleQuotedStyle, s[at+1:i], line, col)
	}
	buf := p.buf[:0]
	i = at + 1
	for {
		// Copy this line's text up to the closing quote or the line's end.
		for i < p.le {
			if s[i] == '\'' {
				if i+1 < p.le && s[i+1] == '\'' {
					buf = append(buf, '\'')
					i += 2
					continue
				}
				if !p.restBlank(i + 1) {
					return nil
				}
				p.buf = buf
				p.next()
				return p.node(yaml.ScalarNode, "!!str", yaml.SingleQuotedStyle, string(buf), line, col)
			}
			buf = append(buf, s[i])
			i++
		}
		// The line ends inside the scalar: its trailing spaces go. They
		// are all this line's: a continuation line starts with a
		// non-space, and the first line's text is all there is before.
		for len(buf) > 0 && buf[len(buf)-1] == ' ' {
			buf = buf[:len(buf)-1]
		}
		p.next()
		breaks := 0
		k := p.skipBlankCounting(&breaks)
		if k <= n {
			return nil // unterminated, or a continuation line yaml.v3 may read otherwise
		}
		buf = fold(buf, breaks)
		i = p.ls + k
	}
}

// restBlank tells whether the current line holds only spaces from offset
// from on.
func (p *parser) restBlank(from int) bool {
	for i := from; i < p.le; i++ {
		if p.s[i] != ' ' {
			return false
		}
	}
	return true
}

// literal parses the literal block scalar ("|", "|-" or "|+") whose
// indicator is at offset at of the current line, inside a collection at
// indentation n. Its first content line must follow the header directly
// and fixes the indentation; every line it uses must end with a line
// break (front matter blocks do).
func (p *parser) literal(at, n int) *yaml.Node {
	s := p.s
	line, col := p.line, p.col(at)
	i, chomp := at+1, 0
	if i < p.le && s[i] == '-' {
		chomp, i = -1, i+1
	} else if i < p.le && s[i] == '+' {
		chomp, i = 1, i+1
	}
	if !p.restBlank(i) || p.nx == p.le {
		return nil // an indentation indicator, a comment, text, or no line break
	}
	p.next()
	indent := p.indent()
	if p.ls+indent == p.le || indent <= n {
		return nil // leading blank lines, or no content
	}
	buf := p.buf[:0]
	breaks := 0 // line breaks not yet added: the last content line's and the blank lines'
	for {
		// The current line is a content line: at least indent spaces,
		// and something after them.
		if p.nx == p.le {
			return nil
		}
		for range breaks {
			buf = append(buf, '\n')
		}
		buf = append(buf, s[p.ls+indent:p.le]...)
		breaks = 1
		p.next()
		for !p.eof() {
			sp := p.indent()
			if p.ls+sp < p.le || sp > indent {
				break // text, or spaces past the indentation: content
			}
			if p.nx == p.le {
				return nil
			}
			breaks++
			p.next()
		}
		if p.eof() || p.indent() < indent {
			break
		}
	}
	switch chomp {
	case 0:
		buf = append(buf, '\n')
	case 1:
		for range breaks {
			buf = append(buf, '\n')
		}
	}
	p.buf = buf
	return p.node(yaml.ScalarNode, "!!str", yaml.LiteralStyle, string(buf), line, col)
}

// indent returns the number of spaces the current line starts with.
func (p *parser) indent() int {
	i := p.ls
	for i < p.le && p.s[i] == ' ' {
		i++
	}
	return i - p.ls
}
