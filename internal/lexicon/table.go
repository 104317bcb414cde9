package lexicon

import (
	"encoding/binary"
	"sort"
)

// blockSize is the number of entries of a table block. Within a block each
// key is stored as the length of the prefix it shares with the previous key
// and the rest (front coding), which halves the size of sorted symbol lists;
// the first key of every block is stored whole, so lookups binary-search the
// blocks without decoding them.
const blockSize = 16

// table is a sorted list of string keys, each with a list of non-negative
// integers, in the compiled form: it is used where it lies in the file's
// bytes, without decoding, so loading a lexicon costs no per-entry work.
//
// Entry encoding: uvarint shared-prefix length, uvarint suffix length,
// suffix bytes, uvarint count, count uvarints. offsets holds, as 4-byte
// little-endian numbers, where each block starts in data.
//
// Every read is bounds-checked: a damaged or crafted file makes lookups
// fail, never panic.
type table struct {
	n       int
	offsets []byte
	data    []byte
	// firsts holds the first key of every block, decoded once when the
	// table is loaded (one string per 16 entries), so that the binary
	// search compares strings instead of decoding varints at every step.
	firsts []string
}

// tableEntry is one key and its values, for encoding.
type tableEntry struct {
	key  string
	vals []int
}

// blocks returns the number of blocks.
func (t *table) blocks() int { return len(t.offsets) / 4 }

// blockStart returns where block b starts in data.
func (t *table) blockStart(b int) int {
	return int(binary.LittleEndian.Uint32(t.offsets[4*b:]))
}

// entryReader decodes the entries of one block in order.
type entryReader struct {
	data []byte
	pos  int
	key  []byte
	bad  bool
}

func (r *entryReader) uvarint() int {
	if r.bad {
		return 0
	}
	v, n := binary.Uvarint(r.data[min(r.pos, len(r.data)):])
	if n <= 0 || v > 1<<31 {
		r.bad = true
		return 0
	}
	r.pos += n
	return int(v)
}

// next decodes the next entry's key into r.key and returns the position
// of its values; ok is false when the data is damaged.
func (r *entryReader) next() (valsAt int, ok bool) {
	shared := r.uvarint()
	suffix := r.uvarint()
	if r.bad || shared > len(r.key) || suffix > len(r.data)-r.pos {
		r.bad = true
		return 0, false
	}
	r.key = append(r.key[:shared], r.data[r.pos:r.pos+suffix]...)
	r.pos += suffix
	valsAt = r.pos
	count := r.uvarint()
	for i := 0; i < count && !r.bad; i++ {
		r.uvarint()
	}
	return valsAt, !r.bad
}

// values decodes the value list at pos.
func (t *table) values(pos int) []int {
	r := entryReader{data: t.data, pos: pos}
	count := r.uvarint()
	if r.bad || count > len(t.data) {
		return nil
	}
	out := make([]int, 0, count)
	for i := 0; i < count; i++ {
		v := r.uvarint()
		if r.bad {
			return nil
		}
		out = append(out, v)
	}
	return out
}

// firstKey returns the first key of block b (stored whole, so it is a
// slice of data).
func (t *table) firstKey(b int) ([]byte, bool) {
	r := entryReader{data: t.data, pos: t.blockStart(b)}
	if r.pos > len(t.data) {
		return nil, false
	}
	shared, n := r.uvarint(), r.uvarint()
	if r.bad || shared != 0 || n > len(t.data)-r.pos {
		return nil, false
	}
	return t.data[r.pos : r.pos+n], true
}

// compareKey compares a decoded key with s, as strings.Compare does.
func compareKey(k []byte, s string) int {
	for i := 0; i < len(k) && i < len(s); i++ {
		if k[i] != s[i] {
			if k[i] < s[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(k) < len(s):
		return -1
	case len(k) > len(s):
		return 1
	}
	return 0
}

// indexFirsts decodes the first key of every block into firsts; ok is
// false when the data is damaged or the first keys are not in order.
func (t *table) indexFirsts() (ok bool) {
	t.firsts = make([]string, t.blocks())
	for b := range t.firsts {
		k, good := t.firstKey(b)
		if !good || (b > 0 && compareKey(k, t.firsts[b-1]) <= 0) {
			t.firsts = nil
			return false
		}
		t.firsts[b] = string(k)
	}
	return true
}

// find returns the position of key's values.
func (t *table) find(key string) (valsAt int, ok bool) {
	if len(t.firsts) == 0 {
		return 0, false
	}
	// The last block whose first key is <= key.
	b := sort.Search(len(t.firsts), func(i int) bool { return t.firsts[i] > key }) - 1
	if b < 0 {
		return 0, false
	}
	var buf [64]byte
	r := entryReader{data: t.data, pos: t.blockStart(b), key: buf[:0]}
	for i := 0; i < blockSize && b*blockSize+i < t.n; i++ {
		at, good := r.next()
		if !good {
			return 0, false
		}
		switch c := compareKey(r.key, key); {
		case c == 0:
			return at, true
		case c > 0:
			return 0, false
		}
	}
	return 0, false
}

// at returns the key of entry i.
func (t *table) at(i int) (string, bool) {
	if i < 0 || i >= t.n || i/blockSize >= t.blocks() {
		return "", false
	}
	r := entryReader{data: t.data, pos: t.blockStart(i / blockSize)}
	for j := 0; j <= i%blockSize; j++ {
		if _, ok := r.next(); !ok {
			return "", false
		}
	}
	return string(r.key), true
}

// each calls fn for every entry in order until fn returns false or the
// data turns out damaged.
func (t *table) each(fn func(key string, vals []int) bool) {
	for b := 0; b < t.blocks(); b++ {
		r := entryReader{data: t.data, pos: t.blockStart(b)}
		for j := 0; j < blockSize && b*blockSize+j < t.n; j++ {
			at, ok := r.next()
			if !ok || !fn(string(r.key), t.values(at)) {
				return
			}
		}
	}
}

// eachKey calls fn with every key that a lookup can reach, in order. A
// damaged entry ends its block, as it ends a lookup there; the next block
// is read on. The key is only valid during the call.
func (t *table) eachKey(fn func(key []byte)) {
	for b := 0; b < t.blocks(); b++ {
		r := entryReader{data: t.data, pos: t.blockStart(b)}
		if r.pos > len(t.data) {
			continue
		}
		for j := 0; j < blockSize && b*blockSize+j < t.n; j++ {
			if _, ok := r.next(); !ok {
				break
			}
			fn(r.key)
		}
	}
}

// encodeTable front-codes sorted entries into a table.
func encodeTable(entries []tableEntry) table {
	t := table{n: len(entries)}
	var prev string
	for i, e := range entries {
		shared := 0
		if i%blockSize == 0 {
			t.offsets = binary.LittleEndian.AppendUint32(t.offsets, uint32(len(t.data)))
		} else {
			for shared < len(prev) && shared < len(e.key) && prev[shared] == e.key[shared] {
				shared++
			}
		}
		t.data = binary.AppendUvarint(t.data, uint64(shared))
		t.data = binary.AppendUvarint(t.data, uint64(len(e.key)-shared))
		t.data = append(t.data, e.key[shared:]...)
		t.data = binary.AppendUvarint(t.data, uint64(len(e.vals)))
		for _, v := range e.vals {
			t.data = binary.AppendUvarint(t.data, uint64(v))
		}
		prev = e.key
	}
	t.indexFirsts()
	return t
}
