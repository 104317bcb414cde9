package engine

import (
	"hash/maphash"
	"os"
	"path/filepath"
	"sync"
)

// A batch run looks up three companion tables per page, and most of them
// do not exist (a page has a genes table and often no chemicals or
// diseases one): probing each name costs a failed open, and on a cached
// re-run a failed stat. With ListDataDirs, each data folder is listed
// once per run instead, and a name the listing lacks is known to be
// absent without a system call. The listing keeps a 64-bit hash per name
// (2 MB for 250,000 tables), so a collision can only make a lookup probe
// the disk as before, never hide a table. A table created during the run
// may be missed; the language server, which lives long, does not list.

// listing is one data folder's names.
type listing struct {
	once  sync.Once
	names map[uint64]struct{} // nil when the folder could not be listed
}

var listingSeed = maphash.MakeSeed()

// mayExist reports whether path may exist: false only when its folder's
// listing (taken once per run) lacks its name.
func (e *Engine) mayExist(path string) bool {
	if e.listings == nil {
		return true
	}
	dir, name := filepath.Split(path)
	v, _ := e.listings.LoadOrStore(dir, &listing{})
	l := v.(*listing)
	l.once.Do(func() {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return // not listable: probe each name
		}
		l.names = make(map[uint64]struct{}, len(entries))
		for _, d := range entries {
			l.names[maphash.String(listingSeed, d.Name())] = struct{}{}
		}
	})
	if l.names == nil {
		return true
	}
	_, ok := l.names[maphash.String(listingSeed, name)]
	return ok
}
