package taxonomy

import (
	"encoding/binary"
	"fmt"
	"slices"
)

// maxNameLen bounds a name's length: the shared-prefix length is stored in
// one byte.
const maxNameLen = 255

// end marks the end of each rest before pair coding; no name holds it.
const end = 0

// Build packs names (in any order, repeats allowed) into a taxonomy file
// described by desc. Names must be non-empty printable ASCII of at most
// 255 bytes. The output depends only on the set of names and desc.
func Build(names []string, desc string) ([]byte, error) {
	sorted := slices.Clone(names)
	for _, n := range sorted {
		if n == "" || len(n) > maxNameLen {
			return nil, fmt.Errorf("taxonomy: name %q: expected 1 to %d bytes", n, maxNameLen)
		}
		for i := 0; i < len(n); i++ {
			if n[i] < 0x20 || n[i] > 0x7e {
				return nil, fmt.Errorf("taxonomy: name %q: byte %#x is not printable ASCII", n, n[i])
			}
		}
	}
	slices.SortFunc(sorted, compareNames)
	sorted = slices.Compact(sorted)

	// Front-code: the rests of the names that do not start a block.
	type entry struct {
		lcp  int
		rest []byte
	}
	entries := make([]entry, len(sorted))
	for i, n := range sorted {
		if i%BlockSize == 0 {
			continue
		}
		p := commonPrefix(sorted[i-1], n)
		entries[i] = entry{lcp: p, rest: append([]byte(n[p:]), end)}
	}
	rests := make([][]byte, 0, len(sorted))
	for i := range entries {
		if i%BlockSize != 0 {
			rests = append(rests, entries[i].rest)
		}
	}
	pairs := pairCode(rests)
	// pairCode rewrote the rests in place; put them back into the entries.
	k := 0
	for i := range entries {
		if i%BlockSize != 0 {
			entries[i].rest = rests[k]
			k++
		}
	}

	var data []byte
	var offsets []byte
	for i, n := range sorted {
		if i%BlockSize == 0 {
			offsets = binary.LittleEndian.AppendUint32(offsets, uint32(len(data)))
			data = binary.AppendUvarint(data, uint64(len(n)))
			data = append(data, n...)
			continue
		}
		e := entries[i]
		data = append(data, byte(e.lcp))
		data = append(data, e.rest...)
	}
	if uint64(len(data)) > 1<<32-1 {
		return nil, fmt.Errorf("taxonomy: %d bytes of blocks do not fit 4-byte offsets", len(data))
	}
	nblocks := (len(sorted) + BlockSize - 1) / BlockSize

	out := []byte(Magic)
	out = binary.AppendUvarint(out, Version)
	out = binary.AppendUvarint(out, uint64(len(desc)))
	out = append(out, desc...)
	out = binary.AppendUvarint(out, uint64(len(sorted)))
	out = binary.AppendUvarint(out, uint64(nblocks))
	out = binary.AppendUvarint(out, uint64(len(pairs)))
	for _, p := range pairs {
		out = append(out, p[0], p[1], p[2])
	}
	out = binary.AppendUvarint(out, uint64(len(data)))
	out = append(out, offsets...)
	out = append(out, data...)
	return out, nil
}

func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// pairCode compresses seqs in place by byte-pair coding: while a byte
// unused by the sequences is left, the most frequent adjacent pair of
// symbols (ties: the smallest pair) is replaced by that byte wherever it
// occurs, left to right. It returns the codes made, each as code, first
// and second symbol.
func pairCode(seqs [][]byte) [][3]byte {
	var used [256]bool
	for _, s := range seqs {
		for _, b := range s {
			used[b] = true
		}
	}
	var free []byte
	for b := 0; b < 256; b++ {
		if !used[b] {
			free = append(free, byte(b))
		}
	}
	var codes [][3]byte
	counts := make([]int, 1<<16)
	for _, code := range free {
		clear(counts)
		for _, s := range seqs {
			for i := 1; i < len(s); i++ {
				counts[int(s[i-1])<<8|int(s[i])]++
			}
		}
		best := 0
		for p, c := range counts {
			if c > counts[best] {
				best = p
			}
		}
		if counts[best] < 2 {
			break
		}
		a, b := byte(best>>8), byte(best)
		for k, s := range seqs {
			w := 0
			for i := 0; i < len(s); i++ {
				if i+1 < len(s) && s[i] == a && s[i+1] == b {
					s[w] = code
					i++
				} else {
					s[w] = s[i]
				}
				w++
			}
			seqs[k] = s[:w]
		}
		codes = append(codes, [3]byte{code, a, b})
	}
	return codes
}
