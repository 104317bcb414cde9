package lexicon

// nearKeys is a set of the table keys that a spelling one edit from a
// folded key can be: keys of at least minEditLength-1 characters of
// foldAlphabet, from the symbols, synonyms and folds tables. Closest asks
// it, for each of the ~36·(2n+1) strings one edit from an n-character key,
// whether a table lookup can find anything; only the few that may are
// looked up. Before it, each of them cost three table lookups (about
// 0.9 ms for an unknown keyword).
//
// The set holds 64-bit hashes, not keys, in an open-addressing table of
// about twice as many slots as keys (8 bytes each): a hash collision only
// costs a lookup that finds nothing, so suggestions are the same as
// looking every edit up. It is built on first use, from one walk of the
// tables.
type nearKeys struct {
	slots []uint64 // 0: empty; a hash of 0 is stored as 1
	mask  uint64
}

// buildNearKeys indexes the keys of l's tables.
func buildNearKeys(l *Lexicon) *nearKeys {
	// Every entry takes at least three bytes: a crafted count cannot make
	// this allocation larger than the data.
	hashes := make([]uint64, 0, min(l.symbols.n+l.synonyms.n+l.folds.n, len(l.symbols.data)+len(l.synonyms.data)+len(l.folds.data)))
	for _, t := range []*table{&l.symbols, &l.synonyms, &l.folds} {
		t.eachKey(func(k []byte) {
			if len(k) >= minEditLength-1 && isFolded(k) {
				hashes = append(hashes, keyHash(k))
			}
		})
	}
	size := uint64(16)
	for size < 2*uint64(len(hashes)) {
		size *= 2
	}
	x := &nearKeys{slots: make([]uint64, size), mask: size - 1}
	for _, h := range hashes {
		for i := mix(h) & x.mask; ; i = (i + 1) & x.mask {
			if x.slots[i] == h {
				break
			}
			if x.slots[i] == 0 {
				x.slots[i] = h
				break
			}
		}
	}
	return x
}

// has reports whether a key with hash h may be in the set.
func (x *nearKeys) has(h uint64) bool {
	for i := mix(h) & x.mask; ; i = (i + 1) & x.mask {
		switch x.slots[i] {
		case h:
			return true
		case 0:
			return false
		}
	}
}

// isFolded reports whether k is made of foldAlphabet's characters only.
func isFolded(k []byte) bool {
	for _, c := range k {
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// FNV-1a, 64-bit, fed byte by byte so that an edit's hash is computed from
// the key's prefix state without building the edited string.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvByte(h uint64, c byte) uint64 { return (h ^ uint64(c)) * fnvPrime }

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = fnvByte(h, s[i])
	}
	return h
}

// finish makes a stored hash non-zero (0 marks an empty slot).
func finish(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

func keyHash(k []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range k {
		h = fnvByte(h, c)
	}
	return finish(h)
}

// mix spreads a hash's bits over the low ones, which pick the slot.
func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// eachEdit calls fn with every string one edit from key over foldAlphabet
// (the strings edits1 lists, possibly some more than once, and key itself
// for a substitution by the same character) whose hash is in x.
func (x *nearKeys) eachEdit(key string, fn func(string)) {
	n := len(key)
	prefix := make([]uint64, n+1) // prefix[i]: the state after key[:i]
	prefix[0] = fnvOffset
	for i := 0; i < n; i++ {
		prefix[i+1] = fnvByte(prefix[i], key[i])
	}
	try := func(h uint64, build func() string) {
		if x.has(finish(h)) {
			fn(build())
		}
	}
	for i := 0; i <= n; i++ {
		if i < n {
			try(fnvString(prefix[i], key[i+1:]), func() string { return key[:i] + key[i+1:] })
			if i+1 < n {
				h := fnvByte(fnvByte(prefix[i], key[i+1]), key[i])
				try(fnvString(h, key[i+2:]), func() string { return key[:i] + key[i+1:i+2] + key[i:i+1] + key[i+2:] })
			}
		}
		for j := 0; j < len(foldAlphabet); j++ {
			c := foldAlphabet[j]
			try(fnvString(fnvByte(prefix[i], c), key[i:]), func() string { return key[:i] + string(c) + key[i:] })
			if i < n {
				try(fnvString(fnvByte(prefix[i], c), key[i+1:]), func() string { return key[:i] + string(c) + key[i+1:] })
			}
		}
	}
}
