package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/figlint/figlint/internal/yamlpos"
	"github.com/figlint/figlint/rules"
)

// Cache stores each page's results, keyed by everything they depend on:
// the run (figlint's build, rules, severities, configuration, schema,
// lexicons: the fingerprint given to OpenCache), the page's path and bytes,
// and the companion tables its rules read, so that a re-run over an
// unchanged collection only hashes. It is safe for concurrent use, also by
// several processes: entries are written to a temporary file and renamed.
// A corrupt entry is a miss and is rewritten.
type Cache struct {
	dir          string
	run          [32]byte
	hits, misses atomic.Int64
}

// OpenCache opens (creating it if needed) a cache directory for runs with
// the given fingerprint.
func OpenCache(dir string, fingerprint []byte) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("engine: cache: %w", err)
	}
	return &Cache{dir: dir, run: sha256.Sum256(fingerprint)}, nil
}

// Stats returns the number of cache hits and misses so far.
func (c *Cache) Stats() (hits, misses int64) { return c.hits.Load(), c.misses.Load() }

// companionUse records a companion file a page's rules read, and its hash
// ("" when it did not exist).
type companionUse struct {
	Name string `json:"name"`
	Path string `json:"path"`
	Sum  string `json:"sum"`
}

// cacheEntry is what the cache keeps of a page (see cache_codec.go).
type cacheEntry struct {
	Findings   []rules.Finding
	Suppressed []Suppressed
	Summaries  map[int]json.RawMessage
	Facts      Facts
	Companions []companionUse
}

func (c *Cache) key(f File, data []byte) string {
	h := sha256.New()
	h.Write(entryMagic) // a new entry format gets new keys
	h.Write(c.run[:])
	h.Write([]byte(f.Display))
	h.Write([]byte{0})
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) file(key string) string { return filepath.Join(c.dir, key[:2], key) }

// load returns the cached result for a page whose key is key, or false.
func (c *Cache) load(key string, f File, data []byte) (Result, bool) {
	raw, err := os.ReadFile(c.file(key))
	if err != nil {
		c.misses.Add(1)
		return Result{}, false
	}
	e, err := decodeEntry(raw)
	if err != nil {
		c.misses.Add(1)
		return Result{}, false // corrupt or of another format: recomputed and rewritten
	}
	for _, u := range e.Companions {
		if sumFile(u.Path) != u.Sum {
			c.misses.Add(1)
			return Result{}, false // a table changed
		}
	}
	c.hits.Add(1)
	return Result{File: f, Source: yamlpos.New(data), Findings: e.Findings, Suppressed: e.Suppressed,
		Facts: e.Facts, summaries: e.Summaries}, true
}

// store writes a page's result under key. Results with internal errors
// are not cached; a write that fails only costs a later recomputation.
func (c *Cache) store(key string, r Result) {
	if r.Err != nil {
		return
	}
	raw := encodeEntry(cacheEntry{Findings: r.Findings, Suppressed: r.Suppressed,
		Summaries: r.summaries, Facts: r.Facts, Companions: r.companions})
	path := c.file(key)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(raw)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), path) != nil {
		_ = os.Remove(tmp.Name())
	}
}

// sumFile hashes a file's bytes; "" when it does not exist or cannot be read.
func sumFile(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
