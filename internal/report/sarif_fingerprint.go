package report

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// GitHub's upload action (github/codeql-action, src/fingerprints.ts) gives
// every result without one a partialFingerprints.primaryLocationLineHash:
// a rolling hash over the file's text from the start of the result's first
// line, so that an alert keeps its identity when lines above it move. When
// a SARIF file already carries a value the action keeps it and warns if it
// differs from its own, so figlint computes exactly the same value, which
// also gives fingerprints to uploads that bypass the action.
//
// The algorithm, restated from that source:
//   - the file is decoded as UTF-8 (ill-formed bytes become U+FFFD, one per
//     maximal ill-formed subpart, as Node.js decodes) and read as UTF-16
//     code units;
//   - spaces and tabs are dropped everywhere; "\r\n" and a lone "\r" become
//     "\n";
//   - the code unit 65535 marks the end of the file, and zeros follow;
//   - a line's hash is the sum of the next 100 code units from its first
//     kept character (its line break if it has no other), the k-th (from 0)
//     multiplied by 37^(99-k), modulo 2^64;
//   - the value is the hash in lower-case hexadecimal without leading zeros,
//     ":" and how many lines of the file so far had the same hash.

const (
	fpBlock = 100
	fpMod   = 37
	fpEOF   = 65535
)

// fpFirstMod is 37^100 modulo 2^64: the weight of the code unit that leaves
// the window.
var fpFirstMod = func() uint64 {
	m := uint64(1)
	for range fpBlock {
		m *= fpMod
	}
	return m
}()

// lineHasher computes primaryLocationLineHash values.
type lineHasher struct {
	window      [fpBlock]uint64
	lineNumbers [fpBlock]int // the line starting at window[i], or 0
	hash        uint64
	index       int
	lineNumber  int
	lineStart   bool
	prevCR      bool
	counts      map[uint64]int
	emit        func(line int, hash uint64, count int)
}

// lineHashes calls emit with the hash of every line of src, in line order;
// lines are 1-based and break at "\n", "\r\n" and a lone "\r". A file that
// ends with a line break has one more, empty, line after it.
func lineHashes(src []byte, emit func(line int, hash uint64, count int)) {
	h := &lineHasher{lineStart: true, counts: map[uint64]int{}, emit: emit}
	for len(src) > 0 {
		r, n := decodeRuneWHATWG(src)
		src = src[n:]
		if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
			h.process(uint64(r1)) // a surrogate pair: two code units
			h.process(uint64(r2))
			continue
		}
		h.process(uint64(r))
	}
	h.process(fpEOF)
	for range fpBlock {
		if h.lineNumbers[h.index] != 0 {
			h.output()
		}
		h.update(0)
	}
}

// formatLineHash renders a hash and its occurrence count as GitHub does.
func formatLineHash(hash uint64, count int) string {
	return strconv.FormatUint(hash, 16) + ":" + strconv.Itoa(count)
}

func (h *lineHasher) output() {
	h.counts[h.hash]++
	h.emit(h.lineNumbers[h.index], h.hash, h.counts[h.hash])
	h.lineNumbers[h.index] = 0
}

func (h *lineHasher) update(c uint64) {
	begin := h.window[h.index]
	h.window[h.index] = c
	h.hash = fpMod*h.hash + c - fpFirstMod*begin
	h.index = (h.index + 1) % fpBlock
}

func (h *lineHasher) process(c uint64) {
	if c == ' ' || c == '\t' || (h.prevCR && c == '\n') {
		h.prevCR = false
		return
	}
	if c == '\r' {
		c = '\n'
		h.prevCR = true
	} else {
		h.prevCR = false
	}
	if h.lineNumbers[h.index] != 0 {
		h.output()
	}
	if h.lineStart {
		h.lineStart = false
		h.lineNumber++
		h.lineNumbers[h.index] = h.lineNumber
	}
	if c == '\n' {
		h.lineStart = true
	}
	h.update(c)
}

// decodeRuneWHATWG decodes the first rune of a non-empty b as the WHATWG
// Encoding Standard's UTF-8 decoder (and so Node.js) does: an ill-formed
// sequence yields one U+FFFD for its maximal subpart, the longest prefix
// that could have begun a well-formed sequence, where Go's decoder would
// yield one per byte.
func decodeRuneWHATWG(b []byte) (rune, int) {
	r, n := utf8.DecodeRune(b)
	if r != utf8.RuneError || n != 1 {
		return r, n
	}
	lo, hi := byte(0x80), byte(0xBF) // range of the second byte
	need := 0                        // continuation bytes after the lead
	switch c := b[0]; {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c >= 0xE1 && c <= 0xEC, c == 0xEE, c == 0xEF:
		need = 2
	case c == 0xED:
		need, hi = 2, 0x9F
	case c == 0xF0:
		need, lo = 3, 0x90
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	case c == 0xF4:
		need, hi = 3, 0x8F
	default:
		return utf8.RuneError, 1
	}
	i := 1
	for ; i <= need && i < len(b); i++ {
		if b[i] < lo || b[i] > hi {
			break
		}
		lo, hi = 0x80, 0xBF
	}
	return utf8.RuneError, i
}
