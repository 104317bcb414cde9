// Package taxonomy stores a large list of organism names (NCBI Taxonomy's
// scientific names and synonyms) in a compact, sorted, blocked form that
// is used in place: opening it reads a few header fields, and a query
// decodes only the blocks it needs.
//
// Names are sorted by their ASCII-folded form (then bytewise), so that
// exact and case-insensitive look-ups land on the same block. Each block
// starts with a name stored whole; the following names of the block are
// front-coded (the length of the prefix shared with the previous name,
// then the rest and an end mark) and the rests are compressed with
// byte-pair codes: bytes that never occur in a name stand for pairs of
// symbols, and the end mark mostly merges into the last pair.
package taxonomy

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"github.com/figlint/figlint/internal/memo"
)

// Magic starts every taxonomy file.
const Magic = "FIGLINT-TAXONOMY\n"

// Version is the layout version that Build writes and Open reads.
const Version = 1

// BlockSize is the number of names in a block (the last may hold fewer).
const BlockSize = 64

// ErrFormat is wrapped by Open's errors for data that is not a taxonomy
// file of this Version.
var ErrFormat = errors.New("not a figlint taxonomy file")

// Layout (numbers are unsigned varints unless said otherwise; a string is
// its length then its bytes): Magic, Version, the description string, the
// name count, the block count, the pair-code count and per code its byte
// and the two symbols it stands for (in the order the codes were made, so
// a code only refers to earlier ones), the length of the block data, the
// block offsets into the data (4 bytes little-endian each), then the data.
// A block is its first name as a string, then per further name one byte of
// shared-prefix length and the coded rest, which is the rest of the name
// followed by a 0 byte, pair-coded: it ends with the first byte whose
// expansion ends with 0.

// Taxonomy is an opened taxonomy file. It is read-only, so goroutines may
// share it.
type Taxonomy struct {
	desc    string
	count   int
	nblocks int
	offsets string // 4 bytes per block
	blocks  string
	expand  [256]string // what each byte of a coded rest stands for
	ends    [256]bool   // whether the expansion ends a coded rest

	// contains remembers Contains' answers: a collection names the same
	// few organisms page after page, and each lookup decodes a block.
	contains memo.Map[string, bool]
}

// Open reads the header of a taxonomy file. The data is used in place and
// must not change afterwards.
func Open(data string) (*Taxonomy, error) {
	if !strings.HasPrefix(data, Magic) {
		return nil, fmt.Errorf("taxonomy: no magic: %w", ErrFormat)
	}
	r := reader{s: data[len(Magic):]}
	if v := r.uvarint(); v != Version {
		if r.err != nil {
			return nil, r.err
		}
		return nil, fmt.Errorf("taxonomy: version %d, expected %d: %w", v, Version, ErrFormat)
	}
	t := &Taxonomy{contains: memo.Map[string, bool]{Limit: 1 << 14, Own: strings.Clone}}
	t.desc = r.str()
	t.count = int(r.uvarint())
	t.nblocks = int(r.uvarint())
	for b := 0; b < 256; b++ {
		t.expand[b] = string([]byte{byte(b)})
	}
	ncodes := int(r.uvarint())
	if ncodes > 256 {
		return nil, fmt.Errorf("taxonomy: %d pair codes: %w", ncodes, ErrFormat)
	}
	for range ncodes {
		c, a, b := r.byte(), r.byte(), r.byte()
		// A code never stands for more than a name can hold; the bound
		// also keeps a crafted file from doubling expansions 256 times.
		if len(t.expand[a])+len(t.expand[b]) > maxNameLen+1 {
			return nil, fmt.Errorf("taxonomy: pair code %#x stands for more than %d bytes: %w", c, maxNameLen+1, ErrFormat)
		}
		t.expand[c] = t.expand[a] + t.expand[b]
	}
	for b, x := range &t.expand {
		t.ends[b] = strings.HasSuffix(x, "\x00")
	}
	n := int(r.uvarint())
	t.offsets = r.take(4 * t.nblocks)
	t.blocks = r.take(n)
	if r.err != nil {
		return nil, r.err
	}
	if r.s != "" {
		return nil, fmt.Errorf("taxonomy: %d bytes after the data: %w", len(r.s), ErrFormat)
	}
	if t.nblocks != (t.count+BlockSize-1)/BlockSize {
		return nil, fmt.Errorf("taxonomy: %d blocks for %d names: %w", t.nblocks, t.count, ErrFormat)
	}
	for i := range t.nblocks {
		if t.offset(i) >= len(t.blocks) {
			return nil, fmt.Errorf("taxonomy: block %d starts past the data: %w", i, ErrFormat)
		}
	}
	return t, nil
}

// Len returns the number of names.
func (t *Taxonomy) Len() int { return t.count }

// Description returns the file's description (its source and licence).
func (t *Taxonomy) Description() string { return t.desc }

func (t *Taxonomy) offset(i int) int {
	return int(binary.LittleEndian.Uint32([]byte(t.offsets[4*i : 4*i+4])))
}

// head returns block i's first name.
func (t *Taxonomy) head(i int) string {
	r := reader{s: t.blocks[t.offset(i):]}
	return r.str()
}

// reader reads the fields of a taxonomy file; the first error sticks.
type reader struct {
	s   string
	err error
}

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("taxonomy: truncated %s: %w", what, ErrFormat)
	}
	r.s = ""
}

func (r *reader) uvarint() uint64 {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		if r.s == "" {
			r.fail("number")
			return 0
		}
		b := r.s[0]
		r.s = r.s[1:]
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return v
		}
	}
	r.fail("number")
	return 0
}

func (r *reader) byte() byte {
	if r.s == "" {
		r.fail("byte")
		return 0
	}
	b := r.s[0]
	r.s = r.s[1:]
	return b
}

func (r *reader) take(n int) string {
	if n < 0 || n > len(r.s) {
		r.fail("field")
		return ""
	}
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

func (r *reader) str() string {
	return r.take(int(r.uvarint()))
}

// fold lower-cases ASCII letters, the only case the names have.
func fold(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// foldString returns s with ASCII letters lower-cased.
func foldString(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = fold(b[j])
			}
			return string(b)
		}
	}
	return s
}

// text is a name as a string or as bytes.
type text interface{ ~string | ~[]byte }

// compareFolded orders a and b by their folded forms.
func compareFolded[A, B text](a A, b B) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		x, y := fold(a[i]), fold(b[i])
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

// compareNames is the file's order: folded, then bytewise.
func compareNames(a, b string) int {
	if c := compareFolded(a, b); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}
