// Package yamlpos computes exact spans of yaml.v3 nodes in their source.
//
// yaml.v3 records where a node starts (line and column, columns counted in
// Unicode code points) but not where it ends. The end is found by scanning the
// source from the start according to the node's style: quoted scalars to their
// closing quote, plain scalars by matching the folded value against the text,
// block scalars to their last content line, collections to their last child
// (and closing bracket for flow style).
package yamlpos

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Source is a file's bytes with an index of line starts.
//
// Two line numberings exist. Positions shown to users break lines at "\n",
// "\r\n" and a lone "\r", as editors do. yaml.v3 also breaks lines at NEL
// (U+0085), LS (U+2028) and PS (U+2029), so a node's Line and Column are
// converted through a byte offset with NodeOffset, never used directly.
type Source struct {
	src    []byte
	lines  []int // byte offset of the start of each line
	ylines []int // the same, counting lines as yaml.v3 does
	// spans holds the byte ranges of nodes built from TOML or JSON front
	// matter, whose text the YAML scanning below cannot measure.
	spans map[*yaml.Node]span
}

// span is a node's byte range [start, end).
type span struct{ start, end int }

// SetSpan records that n covers the bytes [start, end) of the source, for
// nodes that were not parsed from YAML text (TOML and JSON front matter):
// NodeEnd and ContentStart then answer from the record, and n's Line and
// Column are set to start in yaml.v3's numbering, so that NodeOffset
// finds it again.
func (s *Source) SetSpan(n *yaml.Node, start, end int) {
	if s.spans == nil {
		s.spans = map[*yaml.Node]span{}
	}
	s.spans[n] = span{start, end}
	n.Line, n.Column = s.yamlPosition(start)
}

// yamlPosition converts a byte offset to a line and code-point column as
// yaml.v3 counts them.
func (s *Source) yamlPosition(off int) (line, col int) {
	off = max(0, min(off, len(s.src)))
	i := sort.Search(len(s.ylines), func(i int) bool { return s.ylines[i] > off }) - 1
	return i + 1, utf8.RuneCount(s.src[s.ylines[i]:off]) + 1
}

// New indexes src.
func New(src []byte) *Source {
	lines := make([]int, 1, 64)
	if bytes.IndexByte(src, '\r') < 0 {
		// Only "\n" breaks lines: let IndexByte find them.
		for i := 0; ; {
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			lines = append(lines, i)
		}
	} else {
		for i, c := range src {
			if c == '\n' || (c == '\r' && (i+1 == len(src) || src[i+1] != '\n')) {
				lines = append(lines, i+1)
			}
		}
	}
	s := &Source{src: src, lines: lines, ylines: lines}
	if bytes.Contains(src, []byte("\u0085")) || bytes.Contains(src, []byte("\u2028")) || bytes.Contains(src, []byte("\u2029")) {
		s.ylines = make([]int, 1, len(lines)+8)
		for i := 0; i < len(src); i++ {
			c := src[i]
			if c == '\n' || (c == '\r' && (i+1 == len(src) || src[i+1] != '\n')) {
				s.ylines = append(s.ylines, i+1)
			} else if n := yamlBreakLen(src[i:]); n > 0 {
				s.ylines = append(s.ylines, i+n)
				i += n - 1
			}
		}
	}
	return s
}

// yamlBreakLen returns the length of a NEL, LS or PS at the start of b, or 0.
func yamlBreakLen(b []byte) int {
	switch {
	case len(b) >= 2 && b[0] == 0xC2 && b[1] == 0x85:
		return 2
	case len(b) >= 3 && b[0] == 0xE2 && b[1] == 0x80 && (b[2] == 0xA8 || b[2] == 0xA9):
		return 3
	}
	return 0
}

// NodeOffset converts a yaml.v3 line and column (1-based, code points) to
// a byte offset.
func (s *Source) NodeOffset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(s.ylines) {
		return len(s.src)
	}
	off := s.ylines[line-1]
	for c := 1; c < col && off < len(s.src); c++ {
		if s.src[off] == '\n' || s.src[off] == '\r' {
			break
		}
		_, size := utf8.DecodeRune(s.src[off:])
		off += size
	}
	return off
}

// YAMLLineStart returns the byte offset where yaml.v3's line n starts.
func (s *Source) YAMLLineStart(n int) int { return s.NodeOffset(n, 1) }

// YAMLLineCount returns the number of lines as yaml.v3 counts them.
func (s *Source) YAMLLineCount() int { return len(s.ylines) }

// Bytes returns the indexed source.
func (s *Source) Bytes() []byte { return s.src }

// LineCount returns the number of lines (a final line without a break counts).
func (s *Source) LineCount() int { return len(s.lines) }

// LineStart returns the byte offset of 1-based line n, clamped to the file.
func (s *Source) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(s.lines) {
		return len(s.src)
	}
	return s.lines[n-1]
}

// LineEnd returns the byte offset of the end of line n's content, before its
// line break ("\n" or "\r\n").
func (s *Source) LineEnd(n int) int {
	if n < 1 || n > len(s.lines) {
		return len(s.src)
	}
	if n == len(s.lines) {
		return len(s.src)
	}
	end := s.lines[n] - 1 // the break: "\n" or a lone "\r"
	if s.src[end] == '\n' && end > s.lines[n-1] && s.src[end-1] == '\r' {
		end--
	}
	return end
}

// Line returns the text of line n without its line break.
func (s *Source) Line(n int) string {
	if n < 1 || n > len(s.lines) {
		return ""
	}
	return string(s.src[s.LineStart(n):s.LineEnd(n)])
}

// Offset converts a 1-based line and code-point column to a byte offset.
func (s *Source) Offset(line, col int) int {
	off := s.LineStart(line)
	end := s.LineEnd(line)
	for c := 1; c < col && off < end; c++ {
		_, size := utf8.DecodeRune(s.src[off:end])
		off += size
	}
	return off
}

// Position converts a byte offset to a 1-based line and code-point column.
func (s *Source) Position(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(s.src) {
		off = len(s.src)
	}
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
	return i + 1, utf8.RuneCount(s.src[s.lines[i]:off]) + 1
}

// NodeEnd returns the exclusive end offset of n, whose Line and Column are
// whole-file coordinates in this source.
func (s *Source) NodeEnd(n *yaml.Node) int {
	if sp, ok := s.spans[n]; ok {
		return sp.end
	}
	start := s.NodeOffset(n.Line, n.Column)
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			return s.NodeEnd(n.Content[len(n.Content)-1])
		}
		return start
	case yaml.AliasNode:
		return s.skipIndicatorWord(start)
	case yaml.ScalarNode:
		return s.scalarEnd(n, start)
	case yaml.MappingNode, yaml.SequenceNode:
		end := s.skipProperties(start)
		if len(n.Content) > 0 {
			end = s.NodeEnd(n.Content[len(n.Content)-1])
		} else if end < len(s.src) && (s.src[end] == '[' || s.src[end] == '{') {
			end++ // past the opening bracket of an empty flow collection
		}
		if n.Style&yaml.FlowStyle != 0 {
			closer := byte(']')
			if n.Kind == yaml.MappingNode {
				closer = '}'
			}
			if i := s.findCloser(end, closer); i >= 0 {
				return i + 1
			}
		}
		return end
	}
	return start
}

// ContentStart returns the offset where n's content starts: after its
// anchor and tag, if any, and the blanks after them.
func (s *Source) ContentStart(n *yaml.Node) int {
	if sp, ok := s.spans[n]; ok {
		return sp.start
	}
	i := s.NodeOffset(n.Line, n.Column)
	for i < len(s.src) && (s.src[i] == '&' || s.src[i] == '!') {
		i = s.skipIndicatorWord(i)
		i = s.skipSpace(i, false)
	}
	return i
}

// skipIndicatorWord skips an indicator (& ! *) and the name after it.
func (s *Source) skipIndicatorWord(i int) int {
	i++
	for i < len(s.src) && !isSpaceOrBreak(s.src[i]) && !isFlowIndicator(s.src[i]) {
		i++
	}
	return i
}

// skipProperties skips anchors and tags and the white space after them.
func (s *Source) skipProperties(i int) int {
	for i < len(s.src) && (s.src[i] == '&' || s.src[i] == '!') {
		i = s.skipIndicatorWord(i)
		i = s.skipSpace(i, true)
	}
	return i
}

// skipSpace skips blanks and, when breaks is true, line breaks and comments.
func (s *Source) skipSpace(i int, breaks bool) int {
	for i < len(s.src) {
		switch c := s.src[i]; {
		case c == ' ' || c == '\t':
			i++
		case breaks && (c == '\n' || c == '\r'):
			i++
		case breaks && c == '#':
			for i < len(s.src) && s.src[i] != '\n' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// findCloser finds the closing bracket of a flow collection after its last
// child, skipping white space, commas and comments.
func (s *Source) findCloser(i int, closer byte) int {
	for i < len(s.src) {
		i = s.skipSpace(i, true)
		if i >= len(s.src) {
			break
		}
		switch s.src[i] {
		case closer:
			return i
		case ',':
			i++
		default:
			return -1
		}
	}
	return -1
}

func (s *Source) scalarEnd(n *yaml.Node, start int) int {
	if n.Value == "" && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		// An empty plain scalar: it ends after its anchor or tag, if any,
		// not at the next line's content.
		end := start
		for end < len(s.src) && (s.src[end] == '&' || s.src[end] == '!') {
			end = s.skipIndicatorWord(end)
			if next := s.skipSpace(end, false); next < len(s.src) && (s.src[next] == '&' || s.src[next] == '!') {
				end = next
			}
		}
		return end
	}
	i := s.skipProperties(start)
	if i >= len(s.src) {
		return i
	}
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0 && s.src[i] == '"':
		return s.doubleQuotedEnd(i)
	case n.Style&yaml.SingleQuotedStyle != 0 && s.src[i] == '\'':
		return s.singleQuotedEnd(i)
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 && (s.src[i] == '|' || s.src[i] == '>'):
		return s.blockScalarEnd(i)
	}
	return s.plainEnd(i, n.Value)
}

func (s *Source) doubleQuotedEnd(i int) int {
	for j := i + 1; j < len(s.src); j++ {
		switch s.src[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(s.src)
}

func (s *Source) singleQuotedEnd(i int) int {
	for j := i + 1; j < len(s.src); j++ {
		if s.src[j] == '\'' {
			if j+1 < len(s.src) && s.src[j+1] == '\'' {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s.src)
}

// blockScalarEnd finds the end of the last content line of a literal or
// folded block scalar whose indicator is at i.
func (s *Source) blockScalarEnd(i int) int {
	headerLine, _ := s.Position(i)
	end := s.LineEnd(headerLine)
	// Explicit indentation indicator: relative to the header line's indent.
	explicit := 0
	for j := i + 1; j < end && s.src[j] != ' ' && s.src[j] != '#'; j++ {
		if c := s.src[j]; c >= '1' && c <= '9' {
			explicit = int(c - '0')
		}
	}
	indent := 0
	if explicit > 0 {
		indent = s.parentIndent(i) + explicit
	}
	for line := headerLine + 1; line <= len(s.lines); line++ {
		ls, le := s.LineStart(line), s.LineEnd(line)
		ind := s.indentOf(line)
		if ls+ind >= le { // blank line: part of the scalar if more content follows
			continue
		}
		if indent == 0 {
			indent = ind
			if indent <= s.indentOf(headerLine) {
				break
			}
		}
		if ind < indent {
			break
		}
		end = le
	}
	return end
}

// parentIndent is the indentation of the node that holds a block scalar
// whose indicator is at i: the column of the key before it on the header
// line (after any "- " list indicators) for a mapping value, else the
// header line's indentation.
func (s *Source) parentIndent(i int) int {
	line, _ := s.Position(i)
	ls := s.LineStart(line)
	head := string(s.src[ls:i])
	k := 0
	for k < len(head) && head[k] == ' ' {
		k++
	}
	for k+1 < len(head) && head[k] == '-' && head[k+1] == ' ' {
		k += 2
		for k < len(head) && head[k] == ' ' {
			k++
		}
	}
	if strings.Contains(head[k:], ":") {
		return utf8.RuneCountInString(head[:k])
	}
	return s.indentOf(line)
}

// indentOf counts the leading spaces of line n.
func (s *Source) indentOf(line int) int {
	ls, le := s.LineStart(line), s.LineEnd(line)
	k := 0
	for ls+k < le && s.src[ls+k] == ' ' {
		k++
	}
	return k
}

// plainEnd matches the value of a plain scalar against the source from i,
// folding line breaks as YAML does, and returns the end of the match.
func (s *Source) plainEnd(i int, value string) int {
	v := 0
	for v < len(value) && i < len(s.src) {
		c := s.src[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			// A run of white space: within a line it is literal; across
			// lines it folds to one space, or to n-1 newlines for n breaks.
			j, breaks := i, 0
			for j < len(s.src) && (s.src[j] == ' ' || s.src[j] == '\t' || s.src[j] == '\n' || s.src[j] == '\r') {
				if s.src[j] == '\n' || (s.src[j] == '\r' && (j+1 == len(s.src) || s.src[j+1] != '\n')) {
					breaks++
				}
				j++
			}
			if breaks == 0 {
				if value[v] != c {
					break
				}
				i++
				v++
				continue
			}
			want := " "
			if breaks > 1 {
				want = ""
				for k := 1; k < breaks; k++ {
					want += "\n"
				}
			}
			if len(value)-v < len(want) || value[v:v+len(want)] != want {
				break
			}
			v += len(want)
			i = j
			continue
		}
		if c != value[v] {
			break
		}
		i++
		v++
	}
	if v < len(value) {
		// The value did not match its source (it should always match); fall
		// back to the rest of the start line without trailing blanks.
		line, _ := s.Position(i)
		e := s.LineEnd(line)
		for e > i && (s.src[e-1] == ' ' || s.src[e-1] == '\t') {
			e--
		}
		return e
	}
	return i
}

func isSpaceOrBreak(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isFlowIndicator(c byte) bool { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}' }

// LineCountBetween counts the lines that the bytes [start, end) touch; an
// empty span counts as one line.
func (s *Source) LineCountBetween(start, end int) int {
	if end <= start {
		return 1
	}
	l1, _ := s.Position(start)
	l2, _ := s.Position(end - 1)
	return l2 - l1 + 1
}
