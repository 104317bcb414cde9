package taxonomy

import "sort"

// cursor decodes the names of one block after another. A name's coded
// rest can be left pending (advance) and decoded only when it is needed
// (materialize), either by the caller or by the next name's prefix.
type cursor struct {
	t       *Taxonomy
	block   int    // the block being read
	left    string // its undecoded entries
	n       int    // names of the block still to read
	name    []byte // the current name, without its pending rest
	pending string // the current name's coded rest, not yet in name
	head    bool   // whether the next name is the block's first
}

// seek positions c before the first name of block i.
func (c *cursor) seek(i int) {
	c.block = i
	c.left = c.t.blocks[c.t.offset(i):]
	c.n = min(BlockSize, c.t.count-i*BlockSize)
	c.name = c.name[:0]
	c.pending = ""
	c.head = true
}

// stop ends the list (after a corrupt entry).
func (c *cursor) stop() bool {
	c.n = 0
	c.block = c.t.nblocks
	c.pending = ""
	return false
}

// advance moves to the next name, leaving its rest pending. It returns
// false at the end of the list. When skipFrom is
// above 0 and the name shares at least skipFrom bytes with the one before,
// the name is passed over (skipped is true): c.name is left as it was,
// which is right for its first skipFrom bytes, all that a caller skipping
// such names needs of them.
func (c *cursor) advance(skipFrom int) (skipped, ok bool) {
	for c.n == 0 {
		if c.block+1 >= c.t.nblocks {
			return false, false
		}
		c.seek(c.block + 1)
	}
	c.n--
	if c.head {
		c.head = false
		r := reader{s: c.left}
		head := r.str()
		if r.err != nil {
			return false, c.stop()
		}
		c.left = r.s
		c.name = append(c.name[:0], head...)
		c.pending = ""
		return false, true
	}
	// The coded rest runs up to the byte whose expansion ends with end.
	n := 1
	for n < len(c.left) && !c.t.ends[c.left[n]] {
		n++
	}
	if n >= len(c.left) {
		return false, c.stop()
	}
	lcp := int(c.left[0])
	if skipFrom > 0 && lcp >= skipFrom && c.pending == "" {
		c.left = c.left[n+1:]
		return true, true
	}
	if lcp > len(c.name) {
		c.materialize()
		if lcp > len(c.name) {
			return false, c.stop()
		}
	}
	c.name = c.name[:lcp]
	c.pending = c.left[1 : n+1]
	c.left = c.left[n+1:]
	return false, true
}

// materialize decodes the pending rest into c.name.
func (c *cursor) materialize() {
	if c.pending == "" {
		return
	}
	for i := 0; i < len(c.pending); i++ {
		if x := c.t.expand[c.pending[i]]; len(x) == 1 {
			c.name = append(c.name, x[0])
		} else {
			c.name = append(c.name, x...)
		}
	}
	c.name = c.name[:len(c.name)-1] // the end byte
	c.pending = ""
}

// next decodes the next name into c.name; it returns false at the end of
// the list. A corrupt block ends the list early.
func (c *cursor) next() bool {
	if _, ok := c.advance(0); !ok {
		return false
	}
	c.materialize()
	return true
}

// blockFor returns the last block whose first name folds below key, or 0:
// the first block that can hold a name folding to key or greater.
func (t *Taxonomy) blockFor(key string) int {
	i := sort.Search(t.nblocks, func(i int) bool { return compareFolded(t.head(i), key) >= 0 })
	return max(0, i-1)
}

// scan calls fn with each name (its bytes are reused: copy to keep them)
// whose folded form is key or sorts after it, in order, until fn returns
// false.
func (t *Taxonomy) scan(key string, fn func(name []byte) bool) {
	if t.count == 0 {
		return
	}
	c := cursor{t: t}
	c.seek(t.blockFor(key))
	for c.next() {
		if compareFolded(c.name, key) < 0 {
			continue
		}
		if !fn(c.name) {
			return
		}
	}
}

// Contains reports whether name is in the list, exactly.
func (t *Taxonomy) Contains(name string) bool {
	return t.contains.Get(name, t.contains1)
}

func (t *Taxonomy) contains1(name string) bool {
	found := false
	t.scan(name, func(n []byte) bool {
		if compareFolded(n, name) != 0 {
			return false
		}
		found = string(n) == name
		return !found
	})
	return found
}

// Fold returns the names that equal name when ASCII case is ignored, in
// the list's order (usually none or one).
func (t *Taxonomy) Fold(name string) []string {
	var out []string
	t.scan(name, func(n []byte) bool {
		if compareFolded(n, name) != 0 {
			return false
		}
		out = append(out, string(n))
		return true
	})
	return out
}

// Prefixed calls fn with each name that starts with prefix when ASCII
// case is ignored, in the list's order, until fn returns false.
func (t *Taxonomy) Prefixed(prefix string, fn func(name string) bool) {
	t.scan(prefix, func(n []byte) bool {
		if len(n) < len(prefix) || compareFolded(n[:len(prefix)], prefix) != 0 {
			return false
		}
		return fn(string(n))
	})
}
