package frontmatter

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/figlint/figlint/internal/yamlpos"
	"go.yaml.in/yaml/v3"
)

// JSON front matter (Hugo's: a page whose first non-blank character is
// "{") is read by the small RFC 8259 parser below, which records the span
// of every key and value; encoding/json gives no positions. The object ends
// at its matching "}", and the page's body follows it. Keys keep every
// occurrence, so that the value builder reports duplicates as it does for
// YAML.

// maxJSONDepth bounds nesting, as yaml-syntax does for YAML.
const maxJSONDepth = 10000

type jsonReader struct {
	src  *yamlpos.Source
	data []byte
	i    int
}

// jsonError is a JSON problem at a byte range of the file.
type jsonError struct {
	start, end int
	msg        string
}

// parseJSON reads the object that starts at offset start of src; it
// returns the root mapping node and the offset just past its "}".
func parseJSON(src *yamlpos.Source, start int) (*yaml.Node, int, *jsonError) {
	r := &jsonReader{src: src, data: src.Bytes(), i: start}
	n, err := r.value(0)
	if err != nil {
		return nil, 0, err
	}
	return n, r.i, nil
}

func (r *jsonReader) fail(start, end int, format string, args ...any) *jsonError {
	return &jsonError{start: start, end: max(start, end), msg: fmt.Sprintf(format, args...)}
}

// unexpected reports the character at r.i (or the end of the text).
func (r *jsonReader) unexpected(expected string) *jsonError {
	if r.i >= len(r.data) {
		return r.fail(len(r.data), len(r.data), "unexpected end of the page; expected %s", expected)
	}
	c, size := utf8.DecodeRune(r.data[r.i:])
	return r.fail(r.i, r.i+size, "unexpected %s; expected %s", quoteChar(c), expected)
}

func quoteChar(c rune) string {
	if c == utf8.RuneError {
		return "byte that is not UTF-8"
	}
	return strconv.QuoteRune(c)
}

func (r *jsonReader) space() {
	for r.i < len(r.data) {
		switch r.data[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

func (r *jsonReader) value(depth int) (*yaml.Node, *jsonError) {
	r.space()
	if r.i >= len(r.data) {
		return nil, r.unexpected("a value")
	}
	start := r.i
	switch c := r.data[r.i]; {
	case c == '{' || c == '[':
		if depth >= maxJSONDepth {
			return nil, r.fail(start, start+1, "objects and arrays are nested more than %d levels deep; expected shallower JSON", maxJSONDepth)
		}
		if c == '{' {
			return r.object(depth)
		}
		return r.array(depth)
	case c == '"':
		s, err := r.str()
		if err != nil {
			return nil, err
		}
		return r.node(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}, start), nil
	case c == '-' || (c >= '0' && c <= '9'):
		return r.number()
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range []struct{ word, tag string }{{"true", "!!bool"}, {"false", "!!bool"}, {"null", "!!null"}} {
			if strings.HasPrefix(string(r.data[r.i:min(len(r.data), r.i+5)]), lit.word) {
				r.i += len(lit.word)
				if r.i < len(r.data) && isWordByte(r.data[r.i]) {
					break
				}
				return r.node(&yaml.Node{Kind: yaml.ScalarNode, Tag: lit.tag, Value: lit.word}, start), nil
			}
		}
		r.i = start
		end := start
		for end < len(r.data) && isWordByte(r.data[end]) {
			end++
		}
		return nil, r.fail(start, end, "unknown word %q; expected a value: a string in double quotes, a number, true, false, null, an object or an array", r.data[start:end])
	}
	return nil, r.unexpected("a value: a string in double quotes, a number, true, false, null, an object or an array")
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// node records n's span, from start to the current offset.
func (r *jsonReader) node(n *yaml.Node, start int) *yaml.Node {
	r.src.SetSpan(n, start, r.i)
	return n
}

func (r *jsonReader) object(depth int) (*yaml.Node, *jsonError) {
	start := r.i
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
	r.i++ // "{"
	r.space()
	if r.i < len(r.data) && r.data[r.i] == '}' {
		r.i++
		return r.node(n, start), nil
	}
	for {
		r.space()
		if r.i >= len(r.data) || r.data[r.i] != '"' {
			if r.i < len(r.data) && r.data[r.i] == '}' {
				return nil, r.fail(r.i, r.i+1, "unexpected '}' after a ','; expected another \"key\": value (JSON allows no trailing comma)")
			}
			return nil, r.unexpected("a key in double quotes")
		}
		ks := r.i
		key, err := r.str()
		if err != nil {
			return nil, err
		}
		k := r.node(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Style: yaml.DoubleQuotedStyle}, ks)
		r.space()
		if r.i >= len(r.data) || r.data[r.i] != ':' {
			return nil, r.unexpected("':' after the key")
		}
		r.i++
		v, err := r.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, k, v)
		r.space()
		if r.i < len(r.data) && r.data[r.i] == ',' {
			r.i++
			continue
		}
		if r.i < len(r.data) && r.data[r.i] == '}' {
			r.i++
			return r.node(n, start), nil
		}
		return nil, r.unexpected("',' or '}' after the value")
	}
}

func (r *jsonReader) array(depth int) (*yaml.Node, *jsonError) {
	start := r.i
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
	r.i++ // "["
	r.space()
	if r.i < len(r.data) && r.data[r.i] == ']' {
		r.i++
		return r.node(n, start), nil
	}
	for {
		r.space()
		if r.i < len(r.data) && r.data[r.i] == ']' {
			return nil, r.fail(r.i, r.i+1, "unexpected ']' after a ','; expected another value (JSON allows no trailing comma)")
		}
		v, err := r.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, v)
		r.space()
		if r.i < len(r.data) && r.data[r.i] == ',' {
			r.i++
			continue
		}
		if r.i < len(r.data) && r.data[r.i] == ']' {
			r.i++
			return r.node(n, start), nil
		}
		return nil, r.unexpected("',' or ']' after the value")
	}
}

// str reads a string at r.i (a '"') and returns its value.
func (r *jsonReader) str() (string, *jsonError) {
	start := r.i
	r.i++
	var b strings.Builder
	for {
		if r.i >= len(r.data) {
			return "", r.fail(start, start+1, "string is not closed; expected a closing '\"'")
		}
		c := r.data[r.i]
		switch {
		case c == '"':
			r.i++
			return b.String(), nil
		case c == '\\':
			if err := r.escape(&b); err != nil {
				return "", err
			}
		case c < 0x20:
			return "", r.fail(r.i, r.i+1, "control character U+%04X in a string; expected it written as an escape (\\n, \\t, \\u%04X)", c, c)
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			r.i++
		default:
			ch, size := utf8.DecodeRune(r.data[r.i:])
			if ch == utf8.RuneError && size == 1 {
				return "", r.fail(r.i, r.i+1, "byte 0x%02X is not UTF-8; expected UTF-8 text", c)
			}
			b.WriteRune(ch)
			r.i += size
		}
	}
}

// escape reads one escape sequence at r.i (a '\\').
func (r *jsonReader) escape(b *strings.Builder) *jsonError {
	at := r.i
	if r.i+1 >= len(r.data) {
		return r.fail(at, at+1, "string ends inside an escape; expected a closing '\"'")
	}
	switch c := r.data[r.i+1]; c {
	case '"', '\\', '/':
		b.WriteByte(c)
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case 'u':
		u, ok := r.hex4(r.i + 2)
		if !ok {
			return r.fail(at, min(len(r.data), at+6), "invalid escape %q; expected \\u and four hexadecimal digits", r.data[at:min(len(r.data), at+6)])
		}
		r.i += 6
		if utf16.IsSurrogate(rune(u)) {
			if r.i+1 < len(r.data) && r.data[r.i] == '\\' && r.data[r.i+1] == 'u' {
				if lo, ok := r.hex4(r.i + 2); ok {
					if ch := utf16.DecodeRune(rune(u), rune(lo)); ch != utf8.RuneError {
						b.WriteRune(ch)
						r.i += 6
						return nil
					}
				}
			}
			b.WriteRune(utf8.RuneError) // a lone surrogate, as encoding/json reads it
			return nil
		}
		b.WriteRune(rune(u))
		return nil
	default:
		_, size := utf8.DecodeRune(r.data[r.i+1:])
		return r.fail(at, at+1+size, "invalid escape %q; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", r.data[at:at+1+size])
	}
	r.i += 2
	return nil
}

func (r *jsonReader) hex4(i int) (uint16, bool) {
	if i+4 > len(r.data) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(r.data[i:i+4]), 16, 16)
	return uint16(v), err == nil && !strings.ContainsAny(string(r.data[i:i+4]), "+-_")
}

// number reads a number by RFC 8259's grammar: -?(0|[1-9][0-9]*)
// (\.[0-9]+)?([eE][+-]?[0-9]+)?. An integer is tagged !!int, anything else
// !!float; the value builder reads the text.
func (r *jsonReader) number() (*yaml.Node, *jsonError) {
	start := r.i
	digits := func() int {
		n := 0
		for r.i < len(r.data) && r.data[r.i] >= '0' && r.data[r.i] <= '9' {
			r.i++
			n++
		}
		return n
	}
	bad := func() *jsonError {
		end := r.i
		for end < len(r.data) && (isWordByte(r.data[end]) || strings.IndexByte(".+-", r.data[end]) >= 0) {
			end++
		}
		return r.fail(start, max(end, start+1), "invalid number %q; expected a JSON number such as 12, -0.5 or 1e-3", r.data[start:max(end, start+1)])
	}
	if r.data[r.i] == '-' {
		r.i++
	}
	intStart := r.i
	if n := digits(); n == 0 || (n > 1 && r.data[intStart] == '0') {
		return nil, bad()
	}
	tag := "!!int"
	if r.i < len(r.data) && r.data[r.i] == '.' {
		r.i++
		if digits() == 0 {
			return nil, bad()
		}
		tag = "!!float"
	}
	if r.i < len(r.data) && (r.data[r.i] == 'e' || r.data[r.i] == 'E') {
		r.i++
		if r.i < len(r.data) && (r.data[r.i] == '+' || r.data[r.i] == '-') {
			r.i++
		}
		if digits() == 0 {
			return nil, bad()
		}
		tag = "!!float"
	}
	if r.i < len(r.data) && (isWordByte(r.data[r.i]) || r.data[r.i] == '.') {
		return nil, bad()
	}
	return r.node(&yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: string(r.data[start:r.i])}, start), nil
}
