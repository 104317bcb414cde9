package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	neturl "net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/figlint/figlint/internal/safeio"
)

// Mapping maps the URLs that start with Prefix to the files under Dir:
// Prefix + "a/b.json" is Dir/a/b.json.
type Mapping struct {
	Prefix, Dir string
}

// Remote loads the schemas that http and https URLs name: from a mapped
// folder when a Mapping covers the URL, else over the network (unless
// Offline), with an on-disk cache revalidated by ETag and Last-Modified.
type Remote struct {
	// Maps are tried longest prefix first.
	Maps []Mapping
	// Offline forbids network requests: a URL that no mapping covers is
	// loaded from the cache or not at all.
	Offline bool
	// CacheDir keeps fetched schemas; "" keeps none.
	CacheDir string
	// Client makes the requests; nil uses one with a 30-second timeout.
	Client *http.Client
	// MaxSize bounds a schema's size (0: safeio.SchemaLimit).
	MaxSize int64
}

// DefaultTimeout bounds one schema request, connection to last byte.
const DefaultTimeout = 30 * time.Second

// cacheMeta is what the cache keeps beside a fetched schema's bytes.
type cacheMeta struct {
	URL          string `json:"url"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"lastModified,omitempty"`
}

// Load returns the bytes of the schema at url (its fragment ignored).
func (r *Remote) Load(url string) ([]byte, error) {
	if i := strings.IndexByte(url, '#'); i >= 0 {
		url = url[:i]
	}
	limit := r.MaxSize
	if limit <= 0 {
		limit = safeio.SchemaLimit
	}
	if path, ok, err := r.mapped(url); ok || err != nil {
		if err != nil {
			return nil, err
		}
		data, err := safeio.ReadFile(path, limit)
		if err != nil {
			return nil, fmt.Errorf("%s is mapped to %s, which cannot be read: %w", url, path, unwrapPathError(err))
		}
		return data, nil
	}
	body, meta := r.cached(url)
	if r.Offline {
		if body != nil {
			return body, nil
		}
		return nil, fmt.Errorf("%s is not in the schema cache and --offline forbids fetching it; map it to a local folder with --schema-map PREFIX=DIR", url)
	}
	return r.fetch(url, body, meta, limit)
}

// mapped returns the file that a mapping gives url, if one covers it.
func (r *Remote) mapped(url string) (string, bool, error) {
	maps := append([]Mapping(nil), r.Maps...)
	sort.SliceStable(maps, func(i, j int) bool { return len(maps[i].Prefix) > len(maps[j].Prefix) })
	for _, m := range maps {
		rest, ok := strings.CutPrefix(url, m.Prefix)
		if !ok {
			continue
		}
		if u, err := neturl.PathUnescape(rest); err == nil {
			rest = u
		}
		p := filepath.Join(m.Dir, filepath.FromSlash(rest))
		if rel, err := filepath.Rel(m.Dir, p); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return "", false, fmt.Errorf("%s leaves the folder %s that its prefix %s is mapped to", url, m.Dir, m.Prefix)
		}
		return p, true, nil
	}
	return "", false, nil
}

// cacheFiles are where the cache keeps url's bytes and metadata.
func (r *Remote) cacheFiles(url string) (body, meta string) {
	sum := sha256.Sum256([]byte(url))
	name := hex.EncodeToString(sum[:16])
	return filepath.Join(r.CacheDir, name+".json"), filepath.Join(r.CacheDir, name+".meta")
}

// cached returns the cached copy of url, or nil.
func (r *Remote) cached(url string) ([]byte, *cacheMeta) {
	if r.CacheDir == "" {
		return nil, nil
	}
	bodyFile, metaFile := r.cacheFiles(url)
	raw, err := safeio.ReadFile(metaFile, safeio.ConfigLimit)
	if err != nil {
		return nil, nil
	}
	var meta cacheMeta
	if json.Unmarshal(raw, &meta) != nil || meta.URL != url {
		return nil, nil
	}
	body, err := safeio.ReadFile(bodyFile, safeio.SchemaLimit)
	if err != nil {
		return nil, nil
	}
	return body, &meta
}

func (r *Remote) fetch(url string, body []byte, meta *cacheMeta, limit int64) ([]byte, error) {
	client := r.Client
	if client == nil {
		client = &http.Client{Timeout: DefaultTimeout}
	}
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/schema+json, application/json;q=0.9, */*;q=0.1")
	if meta != nil {
		if meta.ETag != "" {
			req.Header.Set("If-None-Match", meta.ETag)
		}
		if meta.LastModified != "" {
			req.Header.Set("If-Modified-Since", meta.LastModified)
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("cannot fetch %s: %w (use --offline with a cached copy, or --schema-map PREFIX=DIR)", url, err)
	}
	defer func() { _ = resp.Body.Close() }() // read to the limit at most
	switch {
	case resp.StatusCode == http.StatusNotModified && body != nil:
		return body, nil
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("cannot fetch %s: the server answered %s; expected 200 OK", url, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("cannot fetch %s: %w", url, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("cannot fetch %s: it is larger than %d bytes; expected a schema of at most that size", url, limit)
	}
	r.store(url, data, cacheMeta{URL: url, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")})
	return data, nil
}

// store writes a fetched schema to the cache, each file atomically; a
// cache that cannot be written is no error (the next run fetches again).
func (r *Remote) store(url string, data []byte, meta cacheMeta) {
	if r.CacheDir == "" {
		return
	}
	if err := os.MkdirAll(r.CacheDir, 0o755); err != nil {
		return
	}
	bodyFile, metaFile := r.cacheFiles(url)
	raw, err := json.Marshal(meta)
	if err != nil {
		return
	}
	// The body first: a metadata file never names a body that is not there.
	if writeAtomic(bodyFile, data) == nil {
		_ = writeAtomic(metaFile, raw)
	}
}

func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		_ = os.Remove(f.Name())
		return errors.Join(werr, cerr)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		_ = os.Remove(f.Name())
		return err
	}
	return nil
}
