package taxonomy

// Closest returns the names nearest to query: those at the smallest
// distance, when it is at most maxDist, and that distance. The distance is
// the optimal-string-alignment form of the Damerau-Levenshtein distance
// (insertions, deletions, substitutions and transpositions of adjacent
// bytes) between the ASCII-folded names. Only names whose first letter
// folds to query's are searched: misspellings rarely touch the first
// letter, and the restriction keeps the search to a part of the list.
// skip, when not nil, is called with the folded form of each name within
// the distance and drops it when it returns true (before it can set the
// smallest distance). It returns nil and -1 when no name is close enough.
//
// The search walks the sorted names as a trie: the distance rows of a
// shared prefix are computed once, and a block is passed over without
// being decoded when the prefix all its names share is already too far.
func (t *Taxonomy) Closest(query string, maxDist int, skip func(folded string) bool) ([]string, int) {
	q := foldString(query)
	if q == "" || maxDist < 0 || t.count == 0 || len(q) > maxNameLen+maxDist {
		return nil, -1
	}
	w := newWalker(q)
	best := maxDist
	var out []string
	first := q[0]
	c := cursor{t: t}
	var folded []byte
	for b := t.blockFor(q[:1]); b < t.nblocks; b++ {
		head := t.head(b)
		if head == "" {
			continue // only in a corrupt file: names are never empty
		}
		if fold(head[0]) > first {
			break
		}
		// Every name of block b starts with the prefix its first name
		// shares with the next block's first name.
		if b+1 < t.nblocks {
			next := t.head(b + 1)
			p := 0
			for p < len(head) && p < len(next) && fold(head[p]) == fold(next[p]) {
				p++
			}
			folded = appendFolded(folded[:0], head[:p])
			if len(folded) > 0 && folded[0] != first {
				continue // the block lies before the query's letter
			}
			if _, pruned := w.visit(folded, best); pruned {
				continue
			}
		}
		c.seek(b)
		skipping, failLen := false, 0
		for c.n > 0 {
			// A name that shares the previous one's too-far prefix is too
			// far as well: its rest need not be decoded.
			skipFrom := 0
			if skipping {
				skipFrom = failLen
			}
			skipped, ok := c.advance(skipFrom)
			if !ok {
				break
			}
			if skipped {
				continue
			}
			c.materialize()
			folded = appendFolded(folded[:0], c.name)
			if len(folded) == 0 {
				skipping = false
				continue // only in a corrupt file
			}
			if folded[0] != first {
				if folded[0] > first {
					return result(out, best)
				}
				skipping = false
				continue
			}
			d, pruned := w.visit(folded, best)
			skipping, failLen = pruned, w.failAt
			if pruned || d > best {
				continue
			}
			if skip != nil && skip(string(folded)) {
				continue
			}
			if d < best {
				best, out = d, out[:0]
			}
			out = append(out, string(c.name))
		}
	}
	return result(out, best)
}

func result(out []string, best int) ([]string, int) {
	if len(out) == 0 {
		return nil, -1
	}
	return out, best
}

func appendFolded[T text](dst []byte, s T) []byte {
	for i := 0; i < len(s); i++ {
		dst = append(dst, fold(s[i]))
	}
	return dst
}

// walker computes the distance between a query and a sequence of names,
// reusing the rows of the prefix each name shares with the one before.
type walker struct {
	q      string
	rows   [][]int // rows[d]: distances of q's prefixes to path[:d]
	path   []byte  // the last name visited, up to valid
	valid  int     // rows[0..valid] hold for path[:valid]
	failAt int     // when > 0, path[:failAt] is already too far
}

func newWalker(q string) *walker {
	w := &walker{q: q, rows: make([][]int, 1, 64)}
	w.rows[0] = make([]int, len(q)+1)
	for j := range w.rows[0] {
		w.rows[0][j] = j
	}
	return w
}

// visit returns the distance between the query and s, or pruned = true
// when a prefix of s is already more than bound away (so are then all
// names that start with it).
func (w *walker) visit(s []byte, bound int) (dist int, pruned bool) {
	l := 0
	for l < w.valid && l < len(s) && w.path[l] == s[l] {
		l++
	}
	if w.failAt > 0 && l >= w.failAt {
		return 0, true
	}
	w.failAt = 0
	q := w.q
	m := len(q)
	w.path = w.path[:l]
	for d := l + 1; d <= len(s); d++ {
		c := s[d-1]
		w.path = append(w.path, c)
		if d >= len(w.rows) {
			w.rows = append(w.rows, make([]int, m+1))
		}
		cur, prev := w.rows[d], w.rows[d-1]
		cur[0] = d
		rowMin := d
		// Only cells within bound of the diagonal can be within bound;
		// the cells just outside that band hold bound+1, so that the next
		// row does not read a stale value.
		lo, hi := max(1, d-bound), min(m, d+bound)
		if lo > 1 {
			cur[lo-1] = bound + 1
		}
		if hi < m {
			cur[hi+1] = bound + 1
		}
		for j := lo; j <= hi; j++ {
			v := prev[j-1]
			if q[j-1] != c {
				v++
			}
			v = min(v, prev[j]+1, cur[j-1]+1)
			if d > 1 && j > 1 && q[j-1] == s[d-2] && q[j-2] == c {
				v = min(v, w.rows[d-2][j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		w.valid = d
		if rowMin > bound {
			w.failAt = d
			return 0, true
		}
	}
	w.valid = len(s)
	if len(s)-m > bound || m-len(s) > bound {
		return bound + 1, false // the last cell lies outside the band
	}
	return w.rows[len(s)][m], false
}
