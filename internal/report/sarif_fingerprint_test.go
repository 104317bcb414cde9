package report

import (
	"math/big"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func allLineHashes(src string) []string {
	var out []string
	lineHashes([]byte(src), func(line int, hash uint64, count int) {
		for len(out) < line-1 {
			out = append(out, "missing")
		}
		out = append(out, formatLineHash(hash, count))
	})
	return out
}

// TestLineHashesKnownValues uses the expected values of github/codeql-action's
// own tests of its fingerprinting (src/fingerprints.test.ts).
func TestLineHashesKnownValues(t *testing.T) {
	crlfFamily := []string{
		"e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
		"b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1",
	}
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"empty file", "", []string{"c129715d7a2bc9a3:1"}},
		{"leading blanks", " a\nb\n  \t\tc\n d", []string{
			"271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"}},
		{"no final break", " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End", []string{
			"8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1", "c6805c5e1288b612:1",
			"b86d3392aea1be30:1", "e6ceba753e1a442:1"}},
		{"LF", " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", crlfFamily},
		{"CR", " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", crlfFamily},
		{"CRLF", " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", crlfFamily},
		{"mixed", " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", crlfFamily},
		{"repeated lines", strings.Repeat("Lorem ipsum dolor sit amet.\n", 10), []string{
			"a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3", "a7f2ff13bc495cf2:4",
			"a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6", "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1",
			"55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, allLineHashes(tc.in)); diff != "" {
				t.Errorf("hashes of %q (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

// definitionHash computes a line's hash from the definition, with big
// integers: the code units from the line's start, weighted by powers of 37,
// modulo 2^64. units is the normalised stream (no blanks, breaks as \n,
// 65535 at the end).
func definitionHash(units []uint64, start int) uint64 {
	sum := new(big.Int)
	mod := new(big.Int).Lsh(big.NewInt(1), 64)
	for k := range fpBlock {
		var c uint64
		if start+k < len(units) {
			c = units[start+k]
		}
		w := new(big.Int).Exp(big.NewInt(fpMod), big.NewInt(int64(fpBlock-1-k)), nil)
		sum.Add(sum, w.Mul(w, new(big.Int).SetUint64(c)))
	}
	return sum.Mod(sum, mod).Uint64()
}

// TestLineHashesDefinition checks non-ASCII text, a character outside the
// BMP (two UTF-16 code units) and ill-formed UTF-8 against the definition.
func TestLineHashesDefinition(t *testing.T) {
	// "é" is one code unit (0xE9), "😀" two (0xD83D 0xDE00), the lone 0xFF
	// and the truncated "\xE2\x82" one U+FFFD each.
	// A byte order mark is kept, as Node.js keeps it when the upload action
	// reads the file, and so is part of the first line's hash.
	src := "\ufeffa:é😀\nb \xff\xe2\x82c\n"
	units := []uint64{0xFEFF, 'a', ':', 0xE9, 0xD83D, 0xDE00, '\n', 'b', 0xFFFD, 0xFFFD, 'c', '\n', fpEOF}
	starts := []int{0, 7, 12}
	var got []uint64
	lineHashes([]byte(src), func(line int, hash uint64, count int) {
		if count != 1 {
			t.Errorf("line %d: count %d, want 1", line, count)
		}
		got = append(got, hash)
	})
	want := make([]uint64, 0, len(starts))
	for _, s := range starts {
		want = append(want, definitionHash(units, s))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("hashes (-want +got):\n%s", diff)
	}
}

func TestDecodeRuneWHATWG(t *testing.T) {
	for _, tc := range []struct {
		in    string
		runes int // U+FFFD count for an ill-formed input, else 0
		size  int
	}{
		{"a", 0, 1},
		{"é", 0, 2},
		{"\xe2\x82\xac", 0, 3},
		{"\xe2\x82A", 1, 2},            // truncated 3-byte sequence: one U+FFFD
		{"\xed\xa0\x80", 1, 1},         // a surrogate: ED then A0 is out of range
		{"\xf0\x9f\x98", 1, 3},         // truncated 4-byte sequence at the end
		{"\xf4\x90\x80\x80", 1, 1},     // above U+10FFFF
		{"\xc0\x80", 1, 1},             // overlong
		{"\xe0\x80\x80", 1, 1},         // overlong
		{"\xff", 1, 1},                 // never a lead byte
		{"\x80", 1, 1},                 // a lone continuation byte
		{"\xef\xbb\xbfx", 0, 3},        // the BOM is kept, as Node.js keeps it
		{"\xf1\x80\x80\xff", 1, 3},     // three good bytes, then a bad one
		{"\xf0\x9f\x98\x80", 0, 4},     // U+1F600
		{"\xe0\xa0\x80", 0, 3},         // U+0800, the first three-byte rune
		{"\xed\x9f\xbf", 0, 3},         // U+D7FF, the last before the surrogates
		{"\xf4\x8f\xbf\xbf", 0, 4},     // U+10FFFF
		{"\xc2", 1, 1},                 // truncated at the end
		{"\xe1\x80", 1, 2},             // truncated at the end
		{"\xf0\x90\x80", 1, 3},         // truncated at the end
		{"\xe0\x9f\x80", 1, 1},         // E0 needs A0..BF next
		{"\xf0\x8f\x80\x80", 1, 1},     // F0 needs 90..BF next
		{"\xf3\xbf\xbf\xbf", 0, 4},     // U+FFFFF
		{"\xe1\xc0\x80", 1, 1},         // second byte not a continuation
		{"\xe1\x80\xc0", 1, 2},         // third byte not a continuation
		{"\xf1\x80\xc0\x80", 1, 2},     // third byte not a continuation
		{"\xf1\x80\x80\xc0", 1, 3},     // fourth byte not a continuation
		{"\xdf\xbf", 0, 2},             // U+07FF
		{"\xc1\xbf", 1, 1},             // overlong two-byte
		{"\xf5\x80\x80\x80", 1, 1},     // F5 is never a lead byte
		{"\xee\x80\x80", 0, 3},         // U+E000
		{"\xef\xbf\xbd", 0, 3},         // a real U+FFFD is one well-formed rune
		{"\xe2\x82\xe2\x82\xac", 1, 2}, // the second sequence is not consumed
	} {
		r, n := decodeRuneWHATWG([]byte(tc.in))
		bad := 0
		if r == utf8.RuneError && tc.in != "\xef\xbf\xbd" {
			bad = 1
		}
		if bad != tc.runes || n != tc.size {
			t.Errorf("decodeRuneWHATWG(%q) = %U, %d; want ill-formed=%d size %d", tc.in, r, n, tc.runes, tc.size)
		}
	}
}
