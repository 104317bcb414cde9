package lsp_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/cli"
	"github.com/figlint/figlint/internal/lsp"
)

// syncServer is a server whose handlers lint before they return, and
// the buffer it writes to.
type syncServer struct {
	s   *lsp.Server
	out *bytes.Buffer
	uri string
}

// syncOptions are the options of figlint lsp in dir, linting in the
// handlers, with the page's linter built once: servers made from them
// start alike, so a fuzz input covers the same code each time it runs.
func syncOptions(t testing.TB, dir string) lsp.Options {
	t.Helper()
	opts, err := cli.LSPOptions(nil, cli.IO{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	opts.Sync = true
	l, err := opts.NewLinter(dir)
	if err != nil {
		t.Fatal(err)
	}
	opts.NewLinter = func(string) (*lsp.Linter, error) { return l, nil }
	return opts
}

func newSyncServer(t testing.TB, dir string, opts lsp.Options, enc string) *syncServer {
	t.Helper()
	ss := &syncServer{out: &bytes.Buffer{}, uri: fileURI(filepath.Join(dir, "_figures", "PMC10031279__gr8.md"))}
	ss.s = lsp.New(ss.out, opts)
	ss.handle(t, 1, "initialize", map[string]any{"capabilities": map[string]any{"general": map[string]any{"positionEncodings": []string{enc}}}})
	ss.handle(t, 0, "initialized", map[string]any{})
	ss.out.Reset()
	return ss
}

// handle hands one message to the server (id 0: a notification).
func (ss *syncServer) handle(t testing.TB, id int, method string, params any) {
	t.Helper()
	m := wire{JSONRPC: "2.0", Method: method, Params: mustJSON(t, params)}
	if id != 0 {
		m.ID = json.RawMessage(strconv.Itoa(id))
	}
	if exited, _ := ss.s.HandleMessage(mustJSON(t, m)); exited {
		t.Fatalf("%s made the server exit", method)
	}
}

// check reads what the server wrote: well-framed JSON, no internal
// error, diagnostics with ordered ranges.
func (ss *syncServer) check(t *testing.T) {
	t.Helper()
	r := bufio.NewReader(bytes.NewReader(ss.out.Bytes()))
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF && line == "" {
			break
		}
		n, perr := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "Content-Length:")))
		if err != nil || perr != nil {
			t.Fatalf("bad header %q", line)
		}
		if blank, _ := r.ReadString('\n'); blank != "\r\n" {
			t.Fatalf("header not ended by a blank line: %q", blank)
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			t.Fatal(err)
		}
		var m wire
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatalf("invalid JSON %q: %v", body, err)
		}
		if m.Error != nil && m.Error.Code == -32603 {
			t.Fatalf("internal error: %s", m.Error.Message)
		}
		if m.Method == "textDocument/publishDiagnostics" {
			var p published
			if err := json.Unmarshal(m.Params, &p); err != nil {
				t.Fatal(err)
			}
			for _, d := range p.Diagnostics {
				s, e := d.Range.Start, d.Range.End
				if s.Line < 0 || s.Character < 0 || e.Line < s.Line || e.Line == s.Line && e.Character < s.Character || d.Source != "figlint" {
					t.Fatalf("diagnostic %+v", d)
				}
			}
		}
	}
	ss.out.Reset()
}

// FuzzServer opens arbitrary documents in the server, asks for every
// code action and a hover, changes a range of them and closes them, in
// each encoding: no internal error, no malformed message, no diagnostic
// with a reversed range. Handlers run synchronously (Options.Sync), so
// the fuzzer never waits on a channel or a timer. Each input lints
// several times: run it with a short -fuzzminimizetime (scripts/ci/fuzz.sh
// does), or minimising each new input takes a minute.
func FuzzServer(f *testing.F) {
	dir, page := site(f)
	seed, err := os.ReadFile(page)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed), uint8(3), uint8(20), "x", uint8(0))
	f.Add(string(seed), uint8(16), uint8(6), "🧬", uint8(1))
	f.Add("---\nfigid: é🧬\n# figlint-ignore\n---\n", uint8(1), uint8(8), "\r\n", uint8(2))
	_ = filepath.WalkDir("../../fixtures", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(string(data), uint8(2), uint8(3), "a", uint8(len(p)%3))
			}
		}
		return nil
	})
	encs := []string{"utf-8", "utf-16", "utf-32"}
	opts := syncOptions(f, dir)
	f.Fuzz(func(t *testing.T, text string, line, char uint8, ins string, enc uint8) {
		// A new server each time: a fuzz input must do the same whenever
		// it runs, and an open server's state (its counters, its cached
		// lints) would make its coverage differ.
		ss := newSyncServer(t, dir, opts, encs[int(enc)%len(encs)])
		td := map[string]any{"uri": ss.uri}
		ss.handle(t, 0, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": ss.uri, "version": 1, "text": text}})
		p := pos{Line: int(line), Character: int(char)}
		end := pos{Line: p.Line, Character: p.Character + 3}
		ss.handle(t, 2, "textDocument/codeAction", map[string]any{"textDocument": td, "range": rng{Start: p, End: end}, "context": map[string]any{"diagnostics": []any{}}})
		ss.handle(t, 3, "textDocument/hover", map[string]any{"textDocument": td, "position": p})
		ss.handle(t, 0, "textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": ss.uri, "version": 2},
			"contentChanges": []map[string]any{{"range": rng{Start: p, End: end}, "text": ins}}})
		ss.handle(t, 4, "textDocument/codeAction", map[string]any{"textDocument": td, "range": rng{Start: p, End: end},
			"context": map[string]any{"diagnostics": []any{}, "only": []string{"quickfix"}}})
		ss.handle(t, 0, "textDocument/didClose", map[string]any{"textDocument": td})
		ss.check(t)
	})
}
