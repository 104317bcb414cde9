package cli

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/figlint/figlint/internal/config"
	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/safeio"
)

// maxSchemaFiles bounds how many files a schema's $refs may bring into the
// fingerprint: far more than any real schema, and a crafted chain of
// references stays cheap.
const maxSchemaFiles = 1000

// runFingerprint identifies everything besides a page that its results
// depend on: figlint's build (the running executable's path, size and
// modification time, so a rebuilt binary never reuses old results), the
// rules and severities, the configuration file's bytes, the schema and
// every local file its $refs reach (and every document the compiler
// loaded, remote schemas too), the lexicons' bytes, the data
// directory and the size limit. What depends on the page's place (where
// its companion tables are found, and their bytes) is in each page's key
// (see engine.Cache).
func runFingerprint(opts engine.Options, cfg *config.Config, schemaRoots, schemaResources, lexicons []string, dir string) []byte {
	h := sha256.New()
	fmt.Fprintf(h, "figlint %s\n", versionString())
	if exe, err := os.Executable(); err == nil {
		if info, err := os.Stat(exe); err == nil {
			fmt.Fprintf(h, "exe %s %d %d\n", exe, info.Size(), info.ModTime().UnixNano())
		}
	}
	ids := append([]string{}, opts.Enabled...)
	sort.Strings(ids)
	fmt.Fprintf(h, "enabled %q\n", ids)
	sev := make([]string, 0, len(opts.Severity))
	for id, s := range opts.Severity {
		sev = append(sev, id+"="+s.String())
	}
	sort.Strings(sev)
	fmt.Fprintf(h, "severity %q\n", sev)
	if cfg != nil {
		hashFile(h, "config", abs(dir, cfg.Path))
	}
	for _, root := range schemaRoots {
		for _, f := range schemaFiles(abs(dir, root)) {
			hashFile(h, "schema", f)
		}
	}
	// What the compiler loaded, remote schemas included, with their hashes.
	for _, r := range schemaResources {
		fmt.Fprintf(h, "resource %s\n", r)
	}
	for _, l := range lexicons {
		hashFile(h, "lexicon", abs(dir, l))
	}
	fmt.Fprintf(h, "data %s max %d\n", opts.DataDir, opts.MaxSize)
	return h.Sum(nil)
}

// hashFile adds a file's name and the hash of its bytes, streamed (a
// lexicon may be gigabytes), or that it could not be read.
func hashFile(h hash.Hash, kind, path string) {
	f, _, err := safeio.Open(path)
	if err != nil {
		fmt.Fprintf(h, "%s %s unreadable\n", kind, path)
		return
	}
	defer func() { _ = f.Close() }() // read-only
	sum := sha256.New()
	if _, err := io.Copy(sum, f); err != nil {
		fmt.Fprintf(h, "%s %s unreadable\n", kind, path)
		return
	}
	fmt.Fprintf(h, "%s %s %x\n", kind, path, sum.Sum(nil))
}

// schemaFiles returns the schema file and every local file its $ref and
// $dynamicRef values reach, directly or through other files, in the order
// found. A reference resolves against the directory of the file holding it
// (the schema loader's rule for local files); references to other schemes
// are not files and are left out, and a file that cannot be read is listed
// (hashFile records it as unreadable) but not followed.
func schemaFiles(root string) []string {
	files := []string{root}
	seen := map[string]bool{root: true}
	for i := 0; i < len(files) && len(files) < maxSchemaFiles; i++ {
		data, err := safeio.ReadFile(files[i], safeio.SchemaLimit)
		if err != nil {
			continue
		}
		var doc any
		if json.Unmarshal(data, &doc) != nil {
			continue
		}
		for _, ref := range schemaRefs(doc, nil) {
			p, ok := refFile(filepath.Dir(files[i]), ref)
			if ok && !seen[p] && len(files) < maxSchemaFiles {
				seen[p] = true
				files = append(files, p)
			}
		}
	}
	return files
}

// schemaRefs collects the $ref and $dynamicRef strings of a JSON value.
func schemaRefs(v any, out []string) []string {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys) // the files are hashed in a stable order
		for _, k := range keys {
			if s, ok := v[k].(string); ok && (k == "$ref" || k == "$dynamicRef") {
				out = append(out, s)
				continue
			}
			out = schemaRefs(v[k], out)
		}
	case []any:
		for _, e := range v {
			out = schemaRefs(e, out)
		}
	}
	return out
}

// refFile turns a reference into the local file it names, if it names one.
func refFile(base, ref string) (string, bool) {
	u, err := url.Parse(ref)
	if err != nil {
		return "", false
	}
	switch u.Scheme {
	case "file":
		if u.Path == "" {
			return "", false
		}
		return filepath.Clean(filepath.FromSlash(u.Path)), true
	case "":
		if u.Path == "" || strings.HasPrefix(ref, "#") {
			return "", false // within the same file
		}
		p := filepath.FromSlash(u.Path)
		if !filepath.IsAbs(p) {
			p = filepath.Join(base, p)
		}
		return filepath.Clean(p), true
	}
	return "", false
}
