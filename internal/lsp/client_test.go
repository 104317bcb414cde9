package lsp_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/figlint/figlint/internal/cli"
	"github.com/figlint/figlint/internal/testenv"
)

// wait is how long a test waits for a message: generous, since a
// message that never comes is the failure, not a slow one.
const wait = 20 * time.Second

// wire is one JSON-RPC message as the test client reads and writes it.
type wire struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

type pos struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

type rng struct {
	Start pos `json:"start"`
	End   pos `json:"end"`
}

type diagnostic struct {
	Range           rng    `json:"range"`
	Severity        int    `json:"severity"`
	Code            string `json:"code"`
	Source          string `json:"source"`
	Message         string `json:"message"`
	CodeDescription struct {
		Href string `json:"href"`
	} `json:"codeDescription"`
	RelatedInformation []struct {
		Location struct {
			URI   string `json:"uri"`
			Range rng    `json:"range"`
		} `json:"location"`
		Message string `json:"message"`
	} `json:"relatedInformation"`
}

type published struct {
	URI         string       `json:"uri"`
	Version     *int         `json:"version"`
	Diagnostics []diagnostic `json:"diagnostics"`
}

type textEdit struct {
	Range   rng    `json:"range"`
	NewText string `json:"newText"`
}

type codeAction struct {
	Title string `json:"title"`
	Kind  string `json:"kind"`
	Edit  struct {
		Changes map[string][]textEdit `json:"changes"`
	} `json:"edit"`
	Diagnostics []diagnostic `json:"diagnostics"`
	IsPreferred bool         `json:"isPreferred"`
}

// client speaks the wire protocol to a figlint lsp run in-process over
// pipes, reading its own framing (net/textproto headers).
type client struct {
	t      testing.TB
	toSrv  *io.PipeWriter
	mu     sync.Mutex
	queue  []wire // messages read, not yet taken
	signal chan struct{}
	code   chan int // the server's exit status, once
	exit   *int
	nextID int
	stderr *strings.Builder
}

// start runs "figlint lsp args..." in dir and returns a client for it.
func start(t testing.TB, dir string, args ...string) *client {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &client{t: t, toSrv: inW, signal: make(chan struct{}, 1), code: make(chan int, 1), stderr: &strings.Builder{}}
	var errMu sync.Mutex
	stderr := writerFunc(func(p []byte) (int, error) {
		errMu.Lock()
		defer errMu.Unlock()
		return c.stderr.Write(p)
	})
	go func() {
		code := cli.Main(append([]string{"lsp"}, args...), cli.IO{Stdin: inR, Stdout: outW, Stderr: stderr, Dir: dir})
		_ = outW.Close()
		c.code <- code
	}()
	go c.read(outR)
	t.Cleanup(func() {
		_ = inW.Close()
		if c.exit == nil {
			select {
			case <-c.code:
			case <-time.After(wait):
				t.Errorf("the server did not stop when its input closed")
			}
		}
	})
	return c
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// exitStatus waits for the server to end and returns its status.
func (c *client) exitStatus() int {
	c.t.Helper()
	if c.exit == nil {
		select {
		case code := <-c.code:
			c.exit = &code
		case <-time.After(wait):
			c.t.Fatalf("the server did not exit within %s", wait)
		}
	}
	return *c.exit
}

func (c *client) read(r io.Reader) {
	tp := textproto.NewReader(bufio.NewReader(r))
	for {
		h, err := tp.ReadMIMEHeader()
		if err != nil {
			return
		}
		n, err := strconv.Atoi(h.Get("Content-Length"))
		if err != nil {
			c.t.Errorf("server sent a header without a Content-Length: %v", h)
			return
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(tp.R, body); err != nil {
			return
		}
		var m wire
		if err := json.Unmarshal(body, &m); err != nil {
			c.t.Errorf("server sent invalid JSON %q: %v", body, err)
			return
		}
		if m.JSONRPC != "2.0" {
			c.t.Errorf("server sent jsonrpc %q, expected 2.0", m.JSONRPC)
		}
		c.mu.Lock()
		c.queue = append(c.queue, m)
		c.mu.Unlock()
		select {
		case c.signal <- struct{}{}:
		default:
		}
	}
}

// take waits for the first queued message that match accepts, removes
// it and returns it.
func (c *client) take(what string, match func(wire) bool) wire {
	c.t.Helper()
	deadline := time.After(wait)
	for {
		c.mu.Lock()
		for i, m := range c.queue {
			if match(m) {
				c.queue = append(c.queue[:i], c.queue[i+1:]...)
				c.mu.Unlock()
				return m
			}
		}
		c.mu.Unlock()
		select {
		case <-c.signal:
		case <-deadline:
			c.t.Fatalf("no %s within %s; server log:\n%s", what, wait, c.stderr.String())
		}
	}
}

func (c *client) send(m wire) {
	c.t.Helper()
	m.JSONRPC = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := fmt.Fprintf(c.toSrv, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatalf("writing to the server: %v", err)
	}
}

func mustJSON(t testing.TB, v any) json.RawMessage {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// request sends a request and returns its response.
func (c *client) request(method string, params any) wire {
	c.t.Helper()
	c.nextID++
	id := json.RawMessage(strconv.Itoa(c.nextID))
	c.send(wire{ID: id, Method: method, Params: mustJSON(c.t, params)})
	return c.take("response to "+method, func(m wire) bool { return m.Method == "" && string(m.ID) == string(id) })
}

// call sends a request, fails on an error response and decodes the result.
func (c *client) call(method string, params, result any) {
	c.t.Helper()
	resp := c.request(method, params)
	if resp.Error != nil {
		c.t.Fatalf("%s: error %d %s", method, resp.Error.Code, resp.Error.Message)
	}
	if result != nil {
		if err := json.Unmarshal(resp.Result, result); err != nil {
			c.t.Fatalf("%s: result %s: %v", method, resp.Result, err)
		}
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.send(wire{Method: method, Params: mustJSON(c.t, params)})
}

// initialize runs the handshake offering the encodings (none: the
// default) and returns the encoding the server chose.
func (c *client) initialize(encodings ...string) string {
	c.t.Helper()
	params := map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{
		"general":   map[string]any{"positionEncodings": encodings},
		"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}},
	}}
	var res struct {
		Capabilities struct {
			PositionEncoding string `json:"positionEncoding"`
			TextDocumentSync struct {
				OpenClose bool `json:"openClose"`
				Change    int  `json:"change"`
			} `json:"textDocumentSync"`
			CodeActionProvider struct {
				CodeActionKinds []string `json:"codeActionKinds"`
			} `json:"codeActionProvider"`
			HoverProvider bool `json:"hoverProvider"`
		} `json:"capabilities"`
		ServerInfo struct {
			Name string `json:"name"`
		} `json:"serverInfo"`
	}
	c.call("initialize", params, &res)
	caps := res.Capabilities
	if !caps.TextDocumentSync.OpenClose || caps.TextDocumentSync.Change != 2 || !caps.HoverProvider ||
		strings.Join(caps.CodeActionProvider.CodeActionKinds, ",") != "quickfix,source.fixAll.figlint" || res.ServerInfo.Name != "figlint" {
		c.t.Fatalf("unexpected capabilities: %+v", res)
	}
	c.notify("initialized", map[string]any{})
	return caps.PositionEncoding
}

// diagnostics waits for the diagnostics of uri at version.
func (c *client) diagnostics(uri string, version int) []diagnostic {
	c.t.Helper()
	m := c.take(fmt.Sprintf("diagnostics of %s version %d", uri, version), func(m wire) bool {
		if m.Method != "textDocument/publishDiagnostics" {
			return false
		}
		var p published
		return json.Unmarshal(m.Params, &p) == nil && p.URI == uri && p.Version != nil && *p.Version == version
	})
	var p published
	if err := json.Unmarshal(m.Params, &p); err != nil {
		c.t.Fatal(err)
	}
	return p.Diagnostics
}

// site copies the test site (a page and its genes table) to a folder of
// its own, a repository root, and returns the folder and the page.
func site(t testing.TB) (dir, page string) {
	t.Helper()
	dir = testenv.CopyTree(t, filepath.Join("testdata", "site"))
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir, filepath.Join(dir, "_figures", "PMC10031279__gr8.md")
}

func fileURI(p string) string { return "file://" + filepath.ToSlash(p) }

func readFile(t testing.TB, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// at is the position of the first occurrence of needle in text, counted
// in the encoding: computed here from the standard library's decoders,
// not by the server's code.
func at(t *testing.T, text, needle, enc string) pos {
	t.Helper()
	off := strings.Index(text, needle)
	if off < 0 {
		t.Fatalf("%q does not occur in the text", needle)
	}
	return offsetPos(text, off, enc)
}

func offsetPos(text string, off int, enc string) pos {
	before := text[:off]
	line := strings.Count(before, "\n")
	prefix := before[strings.LastIndex(before, "\n")+1:]
	return pos{Line: line, Character: units(prefix, enc)}
}

func units(s, enc string) int {
	switch enc {
	case "utf-8":
		return len(s)
	case "utf-32":
		return utf8.RuneCountInString(s)
	}
	return len(utf16.Encode([]rune(s)))
}

// apply applies edits to text as a client does, positions in enc.
func apply(t *testing.T, text string, edits []textEdit, enc string) string {
	t.Helper()
	type span struct {
		start, end int
		s          string
	}
	spans := make([]span, 0, len(edits))
	for _, e := range edits {
		spans = append(spans, span{offsetOf(t, text, e.Range.Start, enc), offsetOf(t, text, e.Range.End, enc), e.NewText})
	}
	for i := len(spans) - 1; i >= 0; i-- { // the server sends them in order
		sp := spans[i]
		text = text[:sp.start] + sp.s + text[sp.end:]
	}
	return text
}

func offsetOf(t *testing.T, text string, p pos, enc string) int {
	t.Helper()
	lines := strings.SplitAfter(text, "\n")
	if p.Line >= len(lines) {
		t.Fatalf("position %+v past the text's %d lines", p, len(lines))
	}
	off := 0
	for _, l := range lines[:p.Line] {
		off += len(l)
	}
	line := lines[p.Line]
	n := 0
	for i, r := range line {
		if n == p.Character {
			return off + i
		}
		n += units(string(r), enc)
		if n > p.Character {
			t.Fatalf("position %+v splits a character", p)
		}
	}
	if n == p.Character {
		return off + len(line)
	}
	t.Fatalf("position %+v past its line %q", p, line)
	return 0
}
