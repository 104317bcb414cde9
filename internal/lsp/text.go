package lsp

import (
	"sort"
	"unicode/utf8"
)

// encoding is the unit that Position.Character counts.
type encoding int

// The position encodings of LSP 3.17; UTF-16 is every client's default.
const (
	utf16 encoding = iota
	utf8Enc
	utf32
)

// encodingNames are the encodings' names in general.positionEncodings,
// by encoding.
var encodingNames = [...]string{utf16: "utf-16", utf8Enc: "utf-8", utf32: "utf-32"}

// negotiate picks the first of the client's encodings that the server
// speaks (the client lists them by preference), else UTF-16.
func negotiate(offered []string) encoding {
	for _, name := range offered {
		for e, n := range encodingNames {
			if n == name {
				return encoding(e)
			}
		}
	}
	return utf16
}

// units is how many units of e one character takes; size is its length
// in bytes (an invalid byte counts as one character of one unit).
func (e encoding) units(r rune, size int) int {
	switch e {
	case utf8Enc:
		return size
	case utf32:
		return 1
	default:
		if r >= 0x10000 {
			return 2
		}
		return 1
	}
}

// text is a document's bytes and its line starts. Lines break at "\n",
// "\r\n" and a lone "\r", as LSP and figlint's positions both count them.
type text struct {
	data  []byte
	lines []int // byte offset of each line's start
}

func newText(data []byte) *text {
	t := &text{data: data, lines: []int{0}}
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '\n':
			t.lines = append(t.lines, i+1)
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			t.lines = append(t.lines, i+1)
		}
	}
	return t
}

// lineBounds returns the byte offsets of zero-based line n's content,
// without its line break; n past the end gives the end of the text.
func (t *text) lineBounds(n int) (start, end int) {
	if n < 0 {
		n = 0
	}
	if n >= len(t.lines) {
		return len(t.data), len(t.data)
	}
	start = t.lines[n]
	end = len(t.data)
	if n+1 < len(t.lines) {
		end = t.lines[n+1]
	}
	for end > start && (t.data[end-1] == '\n' || t.data[end-1] == '\r') {
		end--
	}
	return start, end
}

// offset converts a position to a byte offset. A character past the end
// of its line means the line's end and a line past the end the text's,
// as the protocol asks; a position inside a character (half of a
// surrogate pair) means the character's start.
func (t *text) offset(p Position, e encoding) int {
	start, end := t.lineBounds(p.Line)
	if p.Line >= len(t.lines) {
		return len(t.data)
	}
	units := 0
	for i := start; i < end; {
		r, size := utf8.DecodeRune(t.data[i:end])
		units += e.units(r, size)
		if units > p.Character {
			return i
		}
		i += size
	}
	return end
}

// position converts a byte offset (clamped to the text) to a position.
func (t *text) position(off int, e encoding) Position {
	off = max(0, min(off, len(t.data)))
	line := sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > off }) - 1
	start, end := t.lineBounds(line)
	off = min(off, end) // inside a "\r\n": the line's end
	char := 0
	for i := start; i < off; {
		r, size := utf8.DecodeRune(t.data[i:off])
		char += e.units(r, size)
		i += size
	}
	return Position{Line: line, Character: char}
}

// lineColumn converts a figlint position (1-based line, 1-based column
// counted in code points) to a byte offset, clamped to the line's end.
func (t *text) lineColumn(line, col int) int {
	if line-1 >= len(t.lines) {
		return len(t.data)
	}
	start, end := t.lineBounds(line - 1)
	i := start
	for n := 1; n < col && i < end; n++ {
		_, size := utf8.DecodeRune(t.data[i:end])
		i += size
	}
	return i
}

// replace returns the text with the bytes [start, end) replaced.
func (t *text) replace(start, end int, s string) *text {
	if end < start {
		start, end = end, start
	}
	data := make([]byte, 0, len(t.data)-(end-start)+len(s))
	data = append(append(append(data, t.data[:start]...), s...), t.data[end:]...)
	return newText(data)
}
