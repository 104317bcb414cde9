package lsp

import "testing"

// TestPositions: offsets and positions of a text with "\r\n", a lone
// "\r", a two-byte, a three-byte and a four-byte character, in each
// encoding; the expected values are counted by hand.
func TestPositions(t *testing.T) {
	// bytes: "a" 0, "é" 1-2, "€" 3-5, "🧬" 6-9, "b" 10, "\r\n" 11-12,
	// "c" 13, a lone "\r" 14, "d" 15; 16 bytes.
	tx := newText([]byte("aé€🧬b\r\nc\rd"))
	if got := len(tx.lines); got != 3 {
		t.Fatalf("%d lines, expected 3", got)
	}
	cases := []struct {
		off          int
		u8, u16, u32 int
		line         int
	}{
		{0, 0, 0, 0, 0},
		{1, 1, 1, 1, 0},
		{3, 3, 2, 2, 0},
		{6, 6, 3, 3, 0},
		{10, 10, 5, 4, 0},
		{11, 11, 6, 5, 0},
		{13, 0, 0, 0, 1},
		{15, 0, 0, 0, 2},
		{16, 1, 1, 1, 2},
	}
	for _, c := range cases {
		for enc, want := range map[encoding]int{utf8Enc: c.u8, utf16: c.u16, utf32: c.u32} {
			p := tx.position(c.off, enc)
			if p != (Position{Line: c.line, Character: want}) {
				t.Errorf("%s: offset %d at %+v, expected %d:%d", encodingNames[enc], c.off, p, c.line, want)
			}
			if back := tx.offset(p, enc); back != c.off {
				t.Errorf("%s: position %+v at offset %d, expected %d", encodingNames[enc], p, back, c.off)
			}
		}
	}
	// Inside a character: its start. Past a line: its end. Past the
	// text: its end.
	if got := tx.offset(Position{Line: 0, Character: 4}, utf16); got != 6 {
		t.Errorf("utf-16 half of the emoji: offset %d, expected 6", got)
	}
	if got := tx.offset(Position{Line: 0, Character: 2}, utf8Enc); got != 1 {
		t.Errorf("utf-8 inside é: offset %d, expected 1", got)
	}
	if got := tx.offset(Position{Line: 1, Character: 99}, utf32); got != 14 {
		t.Errorf("past line 1: offset %d, expected 14", got)
	}
	if got := tx.offset(Position{Line: 9, Character: 0}, utf32); got != 16 {
		t.Errorf("past the text: offset %d, expected 16", got)
	}
	// figlint's 1-based code-point columns.
	if got := tx.lineColumn(1, 5); got != 10 {
		t.Errorf("line 1 column 5: offset %d, expected 10", got)
	}
	if got := tx.lineColumn(3, 2); got != 16 {
		t.Errorf("line 3 column 2: offset %d, expected 16", got)
	}
}

func TestNegotiate(t *testing.T) {
	for _, c := range []struct {
		offered []string
		want    encoding
	}{
		{nil, utf16},
		{[]string{"utf-8"}, utf8Enc},
		{[]string{"utf-32", "utf-8"}, utf32},
		{[]string{"latin-1", "utf-16", "utf-8"}, utf16},
		{[]string{"latin-1"}, utf16},
	} {
		if got := negotiate(c.offered); got != c.want {
			t.Errorf("offered %v: %s, expected %s", c.offered, encodingNames[got], encodingNames[c.want])
		}
	}
}

// TestDiffEdit: the edit spans the bytes that differ, whole characters.
func TestDiffEdit(t *testing.T) {
	old := newText([]byte("x: é\ny: 1\n"))
	e := diffEdit(old, []byte("x: è\ny: 1\n"), utf16) // é and è share their first byte
	if e.Range != (Range{Start: Position{0, 3}, End: Position{0, 4}}) || e.NewText != "è" {
		t.Errorf("got %+v, expected è over 0:3-0:4", e)
	}
	e = diffEdit(old, []byte("x: é\ny: 1\nz: 2\n"), utf16)
	if e.Range != (Range{Start: Position{2, 0}, End: Position{2, 0}}) || e.NewText != "z: 2\n" {
		t.Errorf("got %+v, expected an insertion at 2:0", e)
	}
}

// TestURIs: file URIs with escapes name their files, and back.
func TestURIs(t *testing.T) {
	if got := uriPath("file:///tmp/a%20b/_figures/x%C3%A9.md"); got != "/tmp/a b/_figures/xé.md" {
		t.Errorf("uriPath = %q", got)
	}
	if got := pathURI("/tmp/a b/_figures/x#1.md"); got != "file:///tmp/a%20b/_figures/x%231.md" {
		t.Errorf("pathURI = %q", got)
	}
	for _, u := range []string{"untitled:Untitled-1", "https://example.org/a.md", "file://", "%zz"} {
		if got := uriPath(u); got != "" {
			t.Errorf("uriPath(%q) = %q, expected no file", u, got)
		}
	}
}
