package engine

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/figlint/figlint/internal/safeio"
	"github.com/figlint/figlint/internal/yamlpos"
	"github.com/figlint/figlint/rules"
)

// Cache stores each page's results, keyed by everything they depend on:
// the run (figlint's build, rules, severities, configuration, schema,
// lexicons: the fingerprint given to OpenCache), the page's path and bytes,
// and the companion tables its rules read, so that a re-run over an
// unchanged collection only hashes.
//
// The entries live in pack files: each run that computes new results
// writes them to one temporary file and renames it into place when it
// ends (Flush), so a run writes one file however many pages it lints, and
// a re-run reads one index per pack instead of a file per page. A pack is
// never changed once it is in place, so runs sharing a directory at once
// (several processes) each see whole packs or none. Every entry carries a
// checksum: a damaged entry or pack is a miss, and its page's result is
// written again.
//
// The directory stays bounded as Go's build cache does: a run marks the
// packs it used (their modification time, at most once an hour), and
// packs unused for unusedPack are removed. When more than maxPacks packs
// pile up, the flushing run merges the smallest ones into one, so that
// the small packs of pre-commit runs are merged together cheaply and the
// large pack of a batch run is rarely rewritten.
type Cache struct {
	dir          string
	run          [32]byte
	hits, misses atomic.Int64

	packs []*pack // newest first, as found by OpenCache

	metadata bool                   // trust file metadata (cache_stat.go)
	withText bool                   // the outputs show the page's text: read a page with findings
	mayExist func(path string) bool // the engine's folder listings; nil: probe
	since    time.Time              // when the run opened the cache: newer files are not trusted by metadata

	mu       sync.Mutex
	out      *packWriter // this run's new entries, nil until the first store
	readOnly bool        // a pack could not be created: store nothing more
}

// cacheKey identifies a page's result.
type cacheKey [32]byte

const (
	packMagic    = "FLPK1\n" // pack files start with it, and end with its first 4 bytes
	packPrefix   = "pack-"
	packSuffix   = ".flp"
	tmpPrefix    = ".tmp-pack-"
	indexEntry   = 32 + 8 + 4 + 4 // key, offset, length, CRC-32
	footerSize   = 8 + 8 + 4 + 4  // index offset, count, index CRC-32, magic
	maxPacks     = 8
	maxPackBytes = 1 << 30
	staleTemp    = 24 * time.Hour      // temporary packs of runs that died
	unusedPack   = 30 * 24 * time.Hour // packs no run has used for this long
	markUse      = time.Hour           // how stale a used pack's time may get
)

// OpenCache opens (creating it if needed) a cache directory for runs with
// the given fingerprint. Packs that cannot be read are skipped.
func OpenCache(dir string, fingerprint []byte) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("engine: cache: %w", err)
	}
	c := &Cache{dir: dir, run: sha256.Sum256(fingerprint), since: time.Now()}
	names, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("engine: cache: %w", err)
	}
	for _, d := range names {
		name := d.Name()
		switch {
		case strings.HasPrefix(name, packPrefix) && strings.HasSuffix(name, packSuffix):
			if info, err := d.Info(); err == nil && time.Since(info.ModTime()) > unusedPack &&
				os.Remove(filepath.Join(dir, name)) == nil {
				continue // (in a read-only cache it cannot go, nor be marked used: keep reading it)
			}
			p, err := openPack(filepath.Join(dir, name))
			switch {
			case err == nil:
				c.packs = append(c.packs, p)
			case errors.Is(err, errBadPack):
				// Packs are renamed into place whole, so one of this
				// format that does not read is damaged: drop it.
				_ = os.Remove(filepath.Join(dir, name))
			}
		case strings.HasPrefix(name, tmpPrefix):
			if info, err := d.Info(); err == nil && time.Since(info.ModTime()) > staleTemp {
				_ = os.Remove(filepath.Join(dir, name))
			}
		}
	}
	// Pack names start with their creation time, so newest first is
	// reverse name order.
	slices.SortFunc(c.packs, func(a, b *pack) int { return strings.Compare(b.path, a.path) })
	return c, nil
}

// Stats returns the number of cache hits and misses so far.
func (c *Cache) Stats() (hits, misses int64) { return c.hits.Load(), c.misses.Load() }

// companionUse records a companion file a page's rules read, its hash
// ("" when it did not exist), and its metadata when the metadata strategy
// may trust it.
type companionUse struct {
	Name string   `json:"name"`
	Path string   `json:"path"`
	Sum  string   `json:"sum"`
	Stat fileStat `json:"stat"`
}

// cacheEntry is what the cache keeps of a page (see cache_codec.go).
type cacheEntry struct {
	Findings   []rules.Finding
	Suppressed []Suppressed
	Summaries  map[int]json.RawMessage
	Facts      Facts
	Companions []companionUse
}

// key hashes the run, the page's displayed path and bytes, and where the
// page's companion tables are looked up (place: the absolute data
// directory and the working directory their displayed paths are relative
// to). Two pages with the same bytes and displayed path in two sites (or
// one page linted with another --data-dir) read different tables, so
// they never share an entry.
func (c *Cache) key(f File, data []byte, place string) cacheKey {
	h := sha256.New()
	h.Write(entryMagic) // a new entry format gets new keys
	h.Write(c.run[:])
	h.Write([]byte(f.Display))
	h.Write([]byte{0})
	h.Write([]byte(place))
	h.Write([]byte{0})
	h.Write(data)
	var k cacheKey
	h.Sum(k[:0])
	return k
}

// load returns the cached result for a page whose key is key, or false;
// data is the page's bytes, for snippets, or nil when it was not read.
// locate gives where this run finds the page's companion file of a name:
// each table the entry was computed from is hashed again there, so an
// entry is used only while the tables this run would read are the ones
// it was computed from.
func (c *Cache) load(key cacheKey, f File, data []byte, locate func(name string) string) (Result, bool) {
	for _, p := range c.packs {
		raw, found := p.get(key)
		if !found {
			continue
		}
		e, err := decodeEntry(raw)
		if err != nil {
			continue // of another format: an older pack may still hold it
		}
		for _, u := range e.Companions {
			if !c.companionUnchanged(u, locate(u.Name)) {
				c.misses.Add(1)
				return Result{}, false // a table changed
			}
		}
		c.hits.Add(1)
		if !p.used.Load() { // (no write on every hit: the workers share it)
			p.used.Store(true)
		}
		var src *yamlpos.Source
		if data != nil {
			src = yamlpos.New(data)
		}
		return Result{File: f, Source: src, Findings: e.Findings, Suppressed: e.Suppressed,
			Facts: e.Facts, summaries: e.Summaries}, true
	}
	c.misses.Add(1)
	return Result{}, false
}

// store adds a page's result to this run's pack. Results with internal
// errors are not cached; a write that fails only costs a later
// recomputation.
func (c *Cache) store(key cacheKey, r Result) {
	if r.Err != nil {
		return
	}
	c.add(key, encodeEntry(cacheEntry{Findings: r.Findings, Suppressed: r.Suppressed,
		Summaries: r.summaries, Facts: r.Facts, Companions: r.companions}))
}

// add puts an entry in this run's pack.
func (c *Cache) add(key cacheKey, raw []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.readOnly {
		return
	}
	if c.out == nil {
		w, err := newPackWriter(c.dir)
		if err != nil {
			c.readOnly = true
			return
		}
		c.out = w
	}
	if c.out.add(key, raw) != nil {
		c.out.abort()
		c.out = nil
	}
}

// Flush puts the entries stored so far in place, in a new pack, marks
// the packs this run used, and merges packs when too many have piled up.
// Engine.Run calls it when its last page is done. Errors are ignored: the
// cache only saves work.
func (c *Cache) Flush() {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	for _, p := range c.packs {
		if p.used.Swap(false) && p.mod.Before(now.Add(-markUse)) {
			_ = os.Chtimes(p.path, now, now)
			p.mod = now
		}
	}
	if c.out == nil {
		return
	}
	p, err := c.out.finish()
	c.out = nil
	if err != nil {
		return
	}
	c.packs = append([]*pack{p}, c.packs...)
	if len(c.packs) > maxPacks {
		c.merge()
	}
}

// merge rewrites the smallest packs as one (newest entries first) and
// removes them, leaving maxPacks/2 packs. Called with c.mu held.
func (c *Cache) merge() {
	bySize := slices.Clone(c.packs)
	slices.SortStableFunc(bySize, func(a, b *pack) int { return cmp.Compare(a.end, b.end) })
	merging := map[*pack]bool{}
	for _, p := range bySize[:len(bySize)-maxPacks/2+1] {
		merging[p] = true
	}
	w, err := newPackWriter(c.dir)
	if err != nil {
		return
	}
	seen := map[cacheKey]bool{}
	for _, p := range c.packs { // newest first
		if !merging[p] {
			continue
		}
		for i := range p.count {
			key, raw, ok := p.entry(i)
			// An entry of another format (an older figlint's) can never
			// be found by this one: copying it would only give it a
			// fresh pack and keep it from ageing out.
			if !ok || seen[key] || w.size+int64(len(raw)) > maxPackBytes || !bytes.HasPrefix(raw, entryMagic) && !bytes.HasPrefix(raw, statMagic) {
				continue
			}
			seen[key] = true
			if w.add(key, raw) != nil {
				w.abort()
				return
			}
		}
	}
	merged, err := w.finish()
	if err != nil {
		return
	}
	kept := []*pack{merged}
	for _, p := range c.packs {
		if !merging[p] {
			kept = append(kept, p)
			continue
		}
		_ = p.f.Close()
		_ = os.Remove(p.path) // another run may have removed it already
	}
	c.packs = kept
}

// Close releases the packs' files. The Cache must not be used after.
func (c *Cache) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.out != nil {
		c.out.abort()
		c.out = nil
	}
	var first error
	for _, p := range c.packs {
		if err := p.f.Close(); err != nil && first == nil {
			first = err
		}
	}
	c.packs = nil
	return first
}

// sumFile hashes a file's bytes; "" when it does not exist or cannot be read.
// Only regular files are hashed, streamed, so a FIFO or a link to a device
// in the data directory neither hangs the run nor fills its memory.
func sumFile(path string) string {
	f, _, err := safeio.Open(path)
	if err != nil {
		return ""
	}
	defer func() { _ = f.Close() }() // read-only: a close error loses nothing
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// A pack file is the magic, then the entries' bytes one after another,
// then the index (one indexEntry per entry, sorted by key), then the
// footer: where the index starts, the number of entries, the index's
// CRC-32, and the magic's first 4 bytes (all little-endian).
type pack struct {
	path  string
	mod   time.Time   // modification time: when a run last marked it used
	used  atomic.Bool // a lookup of this run found an entry in it
	f     *os.File
	count int
	index []byte // count sorted index entries
	end   int64  // where the entries end (the index's offset)
}

var (
	errBadPack   = errors.New("engine: damaged cache pack")
	errOtherPack = errors.New("engine: cache pack of another format")
)

func openPack(path string) (*pack, error) {
	f, _, err := safeio.Open(path) // a FIFO in the cache directory must not hang every run
	if err != nil {
		return nil, err
	}
	p, err := readPackIndex(f)
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	p.path = path
	return p, nil
}

func readPackIndex(f *os.File) (*pack, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := info.Size()
	var head [len(packMagic)]byte
	if _, err := f.ReadAt(head[:], 0); err == nil && string(head[:]) != packMagic &&
		string(head[:4]) == packMagic[:4] {
		return nil, errOtherPack // another version's pack: not ours to judge
	}
	if string(head[:]) != packMagic {
		return nil, errBadPack // empty (a crash before its data reached the disk) or not a pack
	}
	if size < int64(len(packMagic)+footerSize) {
		return nil, errBadPack
	}
	var foot [footerSize]byte
	if _, err := f.ReadAt(foot[:], size-footerSize); err != nil {
		return nil, err
	}
	at := binary.LittleEndian.Uint64(foot[0:])
	count := binary.LittleEndian.Uint64(foot[8:])
	sum := binary.LittleEndian.Uint32(foot[16:])
	if string(foot[20:]) != packMagic[:4] || at < uint64(len(packMagic)) || at > uint64(size-footerSize) ||
		count != (uint64(size-footerSize)-at)/indexEntry || (uint64(size-footerSize)-at)%indexEntry != 0 {
		return nil, errBadPack
	}
	index := make([]byte, int(count)*indexEntry)
	if _, err := f.ReadAt(index, int64(at)); err != nil {
		return nil, err
	}
	if crc32.ChecksumIEEE(index) != sum {
		return nil, errBadPack
	}
	return &pack{f: f, mod: info.ModTime(), count: int(count), index: index, end: int64(at)}, nil
}

// slot returns index entry i's key, offset, length and checksum.
func (p *pack) slot(i int) (key []byte, off, n int64, sum uint32) {
	e := p.index[i*indexEntry : (i+1)*indexEntry]
	// A crafted offset above 2^63 reads as negative and fails the bounds
	// check in read.
	return e[:32], int64(binary.LittleEndian.Uint64(e[32:])), int64(binary.LittleEndian.Uint32(e[40:])),
		binary.LittleEndian.Uint32(e[44:])
}

// read returns entry i's bytes when they are intact.
func (p *pack) read(i int) ([]byte, bool) {
	_, off, n, sum := p.slot(i)
	if off < int64(len(packMagic)) || off > p.end || n > p.end-off {
		return nil, false // also guards the allocation against crafted lengths
	}
	raw := make([]byte, n)
	if _, err := p.f.ReadAt(raw, off); err != nil || crc32.ChecksumIEEE(raw) != sum {
		return nil, false
	}
	return raw, true
}

// get returns the bytes of key's entry.
func (p *pack) get(key cacheKey) ([]byte, bool) {
	lo, hi := 0, p.count
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		k, _, _, _ := p.slot(mid)
		if bytes.Compare(k, key[:]) < 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == p.count {
		return nil, false
	}
	if k, _, _, _ := p.slot(lo); !bytes.Equal(k, key[:]) {
		return nil, false
	}
	return p.read(lo)
}

// entry returns entry i's key and bytes, for merging.
func (p *pack) entry(i int) (cacheKey, []byte, bool) {
	var key cacheKey
	k, _, _, _ := p.slot(i)
	copy(key[:], k)
	raw, ok := p.read(i)
	return key, raw, ok
}

// packWriter writes a pack to a temporary file in the cache directory.
type packWriter struct {
	dir  string
	tmp  *os.File
	w    *bufio.Writer
	size int64 // bytes written so far
	ents []packSlot
}

type packSlot struct {
	key cacheKey
	off int64
	n   int
	sum uint32
}

func newPackWriter(dir string) (*packWriter, error) {
	tmp, err := os.CreateTemp(dir, tmpPrefix+"*")
	if err != nil {
		return nil, err
	}
	w := &packWriter{dir: dir, tmp: tmp, w: bufio.NewWriterSize(tmp, 1<<16)}
	if _, err := w.w.WriteString(packMagic); err != nil {
		w.abort()
		return nil, err
	}
	w.size = int64(len(packMagic))
	return w, nil
}

func (w *packWriter) add(key cacheKey, raw []byte) error {
	if _, err := w.w.Write(raw); err != nil {
		return err
	}
	w.ents = append(w.ents, packSlot{key: key, off: w.size, n: len(raw), sum: crc32.ChecksumIEEE(raw)})
	w.size += int64(len(raw))
	return nil
}

// finish writes the index and footer and renames the pack into place.
func (w *packWriter) finish() (*pack, error) {
	slices.SortFunc(w.ents, func(a, b packSlot) int { return cmp.Or(bytes.Compare(a.key[:], b.key[:]), cmp.Compare(a.off, b.off)) })
	// One entry per key: two pages cannot share a key (it hashes the
	// path), but the same page listed twice can.
	w.ents = slices.CompactFunc(w.ents, func(a, b packSlot) bool { return a.key == b.key })
	index := make([]byte, 0, len(w.ents)*indexEntry)
	for _, e := range w.ents {
		index = append(index, e.key[:]...)
		index = binary.LittleEndian.AppendUint64(index, uint64(e.off))
		index = binary.LittleEndian.AppendUint32(index, uint32(e.n))
		index = binary.LittleEndian.AppendUint32(index, e.sum)
	}
	foot := binary.LittleEndian.AppendUint64(nil, uint64(w.size))
	foot = binary.LittleEndian.AppendUint64(foot, uint64(len(w.ents)))
	foot = binary.LittleEndian.AppendUint32(foot, crc32.ChecksumIEEE(index))
	foot = append(foot, packMagic[:4]...)
	_, err1 := w.w.Write(index)
	_, err2 := w.w.Write(foot)
	if err := errors.Join(err1, err2, w.w.Flush()); err != nil {
		w.abort()
		return nil, err
	}
	// Closed before the rename, which Windows refuses on an open file.
	if err := w.tmp.Close(); err != nil {
		_ = os.Remove(w.tmp.Name())
		return nil, err
	}
	var suffix [6]byte
	_, _ = io.ReadFull(rand.Reader, suffix[:])
	path := filepath.Join(w.dir, fmt.Sprintf("%s%020d-%s%s", packPrefix, time.Now().UnixNano(), hex.EncodeToString(suffix[:]), packSuffix))
	if err := os.Rename(w.tmp.Name(), path); err != nil {
		_ = os.Remove(w.tmp.Name())
		return nil, err
	}
	return openPack(path)
}

// abort removes the temporary file.
func (w *packWriter) abort() {
	_ = w.tmp.Close()
	_ = os.Remove(w.tmp.Name())
}
