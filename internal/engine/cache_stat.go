package engine

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"io/fs"
	"os"
	"time"
)

// The metadata strategy (the default): a re-run trusts a file whose size,
// modification time and inode (and device) are what they were when its
// result was stored, as ESLint's and ruff's caches do, and reads neither a
// clean page nor its tables; when they differ, the content hash decides,
// as in the content strategy. A page or table modified within
// racyWindow of the run that records it is not trusted by its metadata
// (a later write in the same timestamp tick would go unseen): git calls
// such entries racily clean.
//
// The stat entries map a page's metadata to the content key of its
// result: they are small, and a page's result is stored once.

// statMagic starts a stat entry; the content key follows.
var statMagic = []byte("FLS1")

const racyWindow = 2 * time.Second

// fileStat is the metadata the metadata strategy trusts; the zero value
// is never trusted.
type fileStat struct {
	Size, Mod int64
	Ino, Dev  uint64
}

// statOf returns a regular file's metadata, or the zero fileStat when it
// may not be trusted: not a regular file, or modified within racyWindow
// of since.
func statOf(info fs.FileInfo, since time.Time) fileStat {
	if info == nil || !info.Mode().IsRegular() || !info.ModTime().Before(since.Add(-racyWindow)) {
		return fileStat{}
	}
	ino, dev := inode(info)
	return fileStat{Size: info.Size(), Mod: info.ModTime().UnixNano(), Ino: ino, Dev: dev}
}

// UseMetadata makes the cache trust file metadata (the metadata
// strategy); without it a re-run reads and hashes every page and table
// (the content strategy). withText says whether the run's outputs show
// the page's text (snippets, SARIF line hashes, baseline keys): if not,
// a page with findings is not read either.
func (c *Cache) UseMetadata(withText bool) { c.metadata, c.withText = true, withText }

// statKey is the key of a page's stat entry: the run, where the page is
// shown and its tables are found, and its metadata.
func (c *Cache) statKey(f File, st fileStat, place string) cacheKey {
	h := sha256.New()
	h.Write(statMagic)
	h.Write(c.run[:])
	h.Write([]byte(f.Display))
	h.Write([]byte{0})
	h.Write([]byte(place))
	h.Write([]byte{0})
	var b [32]byte
	binary.LittleEndian.PutUint64(b[0:], uint64(st.Size))
	binary.LittleEndian.PutUint64(b[8:], uint64(st.Mod))
	binary.LittleEndian.PutUint64(b[16:], st.Ino)
	binary.LittleEndian.PutUint64(b[24:], st.Dev)
	h.Write(b[:])
	var k cacheKey
	h.Sum(k[:0])
	return k
}

// lookupStat returns the content key a stat entry maps to.
func (c *Cache) lookupStat(sk cacheKey) (cacheKey, bool) {
	for _, p := range c.packs {
		raw, found := p.get(sk)
		if !found || len(raw) != len(statMagic)+len(cacheKey{}) || !bytes.HasPrefix(raw, statMagic) {
			continue
		}
		var k cacheKey
		copy(k[:], raw[len(statMagic):])
		return k, true
	}
	return cacheKey{}, false
}

// storeStat records that the page whose metadata gives sk has the result
// stored under key.
func (c *Cache) storeStat(sk, key cacheKey) {
	c.add(sk, append(append([]byte{}, statMagic...), key[:]...))
}

// companionUnchanged reports whether a companion file at path is the one
// u records: absent when the run's listing of its folder lacks it, by its
// metadata when the strategy allows and u has some, else by its hash (""
// for a file that did not exist).
func (c *Cache) companionUnchanged(u companionUse, path string) bool {
	if c.mayExist != nil && !c.mayExist(path) {
		return u.Sum == "" // this run's listing of the folder lacks it
	}
	if c.metadata {
		info, err := os.Stat(path)
		switch {
		case err != nil && isNotExist(err):
			return u.Sum == ""
		case err == nil && u.Stat != (fileStat{}) && statOf(info, time.Now()) == u.Stat:
			return true
		}
	}
	return sumFile(path) == u.Sum
}
