package cli

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// schemaServer serves schemas by path with an ETag, answers conditional
// requests with 304, and counts the requests of each kind.
type schemaServer struct {
	mu         sync.Mutex
	docs       map[string]string
	full, cond int
	*httptest.Server
}

func newSchemaServer(t *testing.T, docs map[string]string) *schemaServer {
	s := &schemaServer{docs: docs}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		doc, ok := s.docs[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		etag := `"` + itoa(len(doc)) + `"`
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			s.cond++
			w.WriteHeader(http.StatusNotModified)
			return
		}
		s.full++
		w.Header().Set("Content-Type", "application/schema+json")
		_, _ = w.Write([]byte(doc))
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *schemaServer) counts() (full, cond int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.full, s.cond
}

// TestRemoteSchemas: a $schema URL and the $refs of a remote schema are
// fetched once, kept in the cache and revalidated by ETag on the next run;
// --offline uses the cached copy and refuses what is not cached.
func TestRemoteSchemas(t *testing.T) {
	srv := newSchemaServer(t, map[string]string{
		"/s/post.json":       `{"properties": {"title": {"$ref": "defs/title.json"}}}`,
		"/s/defs/title.json": `{"type": "string", "minLength": 3}`,
	})
	url := srv.URL + "/s/post.json"
	dir := tree(t, map[string]string{
		"a.md": "---\n$schema: " + url + "\ntitle: Hi\n---\n",
		"b.md": "---\n$schema: " + url + "\ntitle: Hello\n---\n",
	})
	cache := t.TempDir()
	code, findings, files := jsonFiles(t, dir, "--no-config", "--cache", cache, "a.md", "b.md")
	if code != ExitFindings || strings.Join(findings, ",") != "a.md:3:8 schema/minLength" || files["b.md"] != url {
		t.Fatalf("first run: exit %d, %v, %v", code, findings, files)
	}
	if full, cond := srv.counts(); full != 2 || cond != 0 {
		t.Fatalf("first run: %d fetches and %d revalidations, want 2 and 0", full, cond)
	}
	code, findings, _ = jsonFiles(t, dir, "--no-config", "--cache", cache, "a.md", "b.md")
	if code != ExitFindings || len(findings) != 1 {
		t.Fatalf("second run: exit %d, %v", code, findings)
	}
	if full, cond := srv.counts(); full != 2 || cond != 2 {
		t.Fatalf("second run: %d fetches and %d revalidations in all, want 2 and 2", full, cond)
	}
	code, findings, _ = jsonFiles(t, dir, "--no-config", "--cache", cache, "--offline", "a.md", "b.md")
	if code != ExitFindings || len(findings) != 1 {
		t.Fatalf("offline with a cache: exit %d, %v", code, findings)
	}
	if full, cond := srv.counts(); full != 2 || cond != 2 {
		t.Fatalf("--offline made requests: %d and %d", full, cond)
	}
	// Not cached and offline: the page's $schema cannot be used.
	code, out, _ := run(t, dir, "--no-config", "--no-cache", "--offline", "--no-snippet", "a.md")
	if code != ExitFindings || !strings.Contains(out, "a.md:2:10: error: $schema") || !strings.Contains(out, "--offline forbids fetching it") {
		t.Fatalf("offline without a cache: exit %d\n%s", code, out)
	}
	// As --schema, an unusable URL is a configuration error.
	code, _, errOut := run(t, dir, "--no-config", "--no-cache", "--schema", srv.URL+"/s/none.json", "a.md")
	if code != ExitUsage || !strings.Contains(errOut, "404 Not Found") {
		t.Fatalf("missing remote schema: exit %d, %s", code, errOut)
	}
}

// TestSchemaMap: mapped URL prefixes are read from local folders, with no
// request, from the flag and from the configuration; a mapped path cannot
// leave its folder.
func TestSchemaMap(t *testing.T) {
	srv := newSchemaServer(t, map[string]string{})
	dir := tree(t, map[string]string{
		"vendor/post.json":       `{"properties": {"title": {"$ref": "defs/title.json"}}}`,
		"vendor/defs/title.json": `{"type": "string", "minLength": 3}`,
		"a.md":                   "---\n$schema: " + srv.URL + "/s/post.json\ntitle: Hi\n---\n",
		"cfg.yaml":               "schema-map:\n  \"" + srv.URL + "/s/\": vendor\n",
		"bad.yaml":               "schema-map:\n  vendor/: vendor\n",
		"escape.md":              "---\n$schema: " + srv.URL + "/s/../../secret.json\n---\n",
		"secret.json":            `{}`,
	})
	for _, args := range [][]string{
		{"--no-config", "--schema-map", srv.URL + "/s/=vendor"},
		{"--config", "cfg.yaml"},
	} {
		code, findings, _ := jsonFiles(t, dir, append(args, "--no-cache", "--offline", "a.md")...)
		if code != ExitFindings || strings.Join(findings, ",") != "a.md:3:8 schema/minLength" {
			t.Errorf("%v: exit %d, %v", args, code, findings)
		}
	}
	if full, cond := srv.counts(); full+cond != 0 {
		t.Fatalf("mapped schemas made %d requests", full+cond)
	}
	code, _, errOut := run(t, dir, "--config", "bad.yaml", "a.md")
	if code != ExitUsage || !strings.Contains(errOut, `schema-map prefix "vendor/" is not an http(s) URL`) {
		t.Errorf("bad prefix: exit %d, %s", code, errOut)
	}
	code, _, errOut = run(t, dir, "--no-config", "--schema-map", "vendor", "a.md")
	if code != ExitUsage || !strings.Contains(errOut, "expected PREFIX=DIR") {
		t.Errorf("bad flag: exit %d, %s", code, errOut)
	}
	code, out, _ := run(t, dir, "--no-config", "--no-cache", "--offline", "--no-snippet", "--schema-map", srv.URL+"/s/=vendor", "escape.md")
	if code != ExitFindings || !strings.Contains(out, "error: $schema") {
		t.Errorf("a path out of the folder: exit %d\n%s", code, out)
	}
}

// TestRemoteSchemaLimits: a schema larger than the limit, or a server
// error, is refused with a message saying so.
func TestRemoteSchemaLimits(t *testing.T) {
	srv := newSchemaServer(t, map[string]string{"/big.json": `{"description": "` + strings.Repeat("x", 17<<20) + `"}`})
	dir := tree(t, map[string]string{"a.md": "---\ntitle: x\n---\n"})
	code, _, errOut := run(t, dir, "--no-config", "--no-cache", "--schema", srv.URL+"/big.json", "a.md")
	if code != ExitUsage || !strings.Contains(errOut, "is larger than 16777216 bytes") {
		t.Fatalf("big schema: exit %d, %s", code, errOut)
	}
}
