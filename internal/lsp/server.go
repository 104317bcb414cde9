// Package lsp is figlint's language server (LSP 3.17 over stdio): it lints
// the pages open in an editor as the user types, through the same engine
// and configuration as a lint run, and offers the findings' fixes and
// suppressions as code actions.
//
// The JSON-RPC layer and the protocol types are the server's own: the
// protocol surface it speaks is small, and the Go LSP modules either
// live inside gopls (golang.org/x/tools/gopls/internal) or are no longer
// maintained.
package lsp

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"runtime"
	"sync"
	"time"

	"github.com/figlint/figlint/internal/baseline"
	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
)

// DefaultDebounce is how long a change waits for the next one before it
// is linted: typing is linted when the user pauses, not per keystroke.
const DefaultDebounce = 150 * time.Millisecond

// maxCancelled bounds the cancelled request IDs remembered.
const maxCancelled = 1024

// Linter is what the server lints the pages of one configuration with.
type Linter struct {
	// Lint lints a page; Fix lints it with the safe fixes applied and
	// writes nothing (FixOptions.Write false), for source.fixAll.
	Lint, Fix *engine.Engine
	// Registry holds the rules' documentation, for hovers.
	Registry *rules.Registry
	// Baseline, when set, hides the findings it holds, as in a lint run.
	Baseline *baseline.Baseline
	// WorkDir is the folder the engines' displayed paths are relative to.
	WorkDir string
	// Excluded tells the pages the configuration excludes from a run
	// over the workspace (nil: none).
	Excluded func(path string) bool
}

// Options configure a Server.
type Options struct {
	// ConfigFile names the configuration file that applies to the pages
	// of dir ("" when none): the pages that share one share a Linter, and
	// a change to it (workspace/didChangeWatchedFiles) rebuilds it.
	ConfigFile func(dir string) string
	// NewLinter builds the Linter for the pages of dir.
	NewLinter func(dir string) (*Linter, error)
	// Log receives the server's log (nil: discarded). Never stdout, which
	// is the protocol's.
	Log io.Writer
	// Debounce is how long a change waits for the next before it is
	// linted (0: linted at once, on a goroutine of its own).
	Debounce time.Duration
	// Sync lints in the handler that asked, before it returns, for tests
	// and fuzzing: no timer and no goroutine.
	Sync bool
	// Version is figlint's version, for serverInfo.
	Version string
}

// Server is a language server speaking to one client.
type Server struct {
	opts Options
	out  *writer
	log  *log.Logger
	work chan struct{} // bounds the lints running at once

	mu           sync.Mutex
	enc          encoding
	initialized  bool // initialize answered
	shutdown     bool
	docs         map[string]*document
	linters      map[string]*linterEntry
	cancelled    map[string]bool // request IDs the client cancelled before they were handled
	nextID       int             // of the server's own requests
	watchDynamic bool
	roots        []string // the workspace folders
	coll         *collection
	collTimer    *time.Timer
	collRunning  bool
	collAgain    bool
}

// New returns a server that writes its messages to out.
func New(out io.Writer, opts Options) *Server {
	logw := opts.Log
	if logw == nil {
		logw = io.Discard
	}
	return &Server{opts: opts, out: &writer{w: out}, log: log.New(logw, "figlint lsp: ", log.LstdFlags|log.Lmicroseconds),
		work: make(chan struct{}, runtime.GOMAXPROCS(0)), docs: map[string]*document{},
		linters: map[string]*linterEntry{}, cancelled: map[string]bool{}}
}

// Serve reads the client's messages from in until exit and returns the
// process's exit status: 0 after shutdown, 1 when the client exits (or
// the stream ends) without one.
func (s *Server) Serve(in io.Reader) int {
	msgs := make(chan []byte, 64)
	readErr := make(chan error, 1)
	go func() {
		r := bufio.NewReaderSize(in, 64<<10)
		for {
			body, err := readMessage(r)
			if err != nil {
				readErr <- err
				close(msgs)
				return
			}
			s.noteCancel(body)
			msgs <- body
		}
	}()
	for body := range msgs {
		if exited, code := s.HandleMessage(body); exited {
			s.stopAll()
			return code
		}
	}
	err := <-readErr
	if !errors.Is(err, io.EOF) {
		s.log.Printf("reading the client's messages: %v", err)
	}
	s.stopAll()
	return 1
}

// noteCancel records a $/cancelRequest as soon as it is read, so that a
// request still queued behind others is answered as cancelled.
func (s *Server) noteCancel(body []byte) {
	var m message
	if json.Unmarshal(body, &m) != nil || m.Method != "$/cancelRequest" {
		return
	}
	var p struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(m.Params, &p) == nil && len(p.ID) > 0 {
		s.mu.Lock()
		if len(s.cancelled) >= maxCancelled {
			// Most cancellations name requests already answered, whose
			// entries no request ever takes out: forget them.
			s.cancelled = map[string]bool{}
		}
		s.cancelled[string(p.ID)] = true
		s.mu.Unlock()
	}
}

// HandleMessage handles one message body and tells whether it was exit,
// with the exit status. Requests are answered before it returns; lints
// run later unless Options.Sync is set.
func (s *Server) HandleMessage(body []byte) (exited bool, code int) {
	var m message
	if err := json.Unmarshal(body, &m); err != nil {
		_ = s.out.replyError(nil, codeParseError, "cannot parse the message as JSON: "+err.Error())
		return false, 0
	}
	if m.Method == "" {
		return false, 0 // a response to one of the server's requests
	}
	if m.isRequest() {
		s.mu.Lock()
		cancelled := s.cancelled[string(m.ID)]
		delete(s.cancelled, string(m.ID))
		s.mu.Unlock()
		if cancelled {
			_ = s.out.replyError(m.ID, codeRequestCancelled, "the request was cancelled")
			return false, 0
		}
		result, rerr := s.request(&m)
		if rerr != nil {
			_ = s.out.replyError(m.ID, rerr.Code, rerr.Message)
		} else {
			_ = s.out.reply(m.ID, result)
		}
		return false, 0
	}
	if m.Method == "exit" {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.shutdown {
			return true, 0
		}
		return true, 1
	}
	s.notification(&m)
	return false, 0
}

// request answers one request; a nil error with a nil result is null.
func (s *Server) request(m *message) (result any, rerr *rpcError) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Printf("internal error handling %s: %v", m.Method, p)
			result, rerr = nil, &rpcError{Code: codeInternalError, Message: fmt.Sprintf("internal error: %v", p)}
		}
	}()
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case m.Method == "initialize":
		if initialized {
			return nil, &rpcError{Code: codeInvalidRequest, Message: "initialize was already received"}
		}
		return s.initialize(m.Params)
	case !initialized:
		return nil, &rpcError{Code: codeServerNotInitialized, Message: "expected initialize first"}
	case shutdown:
		return nil, &rpcError{Code: codeInvalidRequest, Message: "the server is shut down; expected exit"}
	}
	switch m.Method {
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		s.stopAll()
		return nil, nil
	case "textDocument/codeAction":
		var p codeActionParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			return nil, invalidParams(err)
		}
		return s.codeActions(&p), nil
	case "textDocument/hover":
		var p hoverParams
		if err := json.Unmarshal(m.Params, &p); err != nil {
			return nil, invalidParams(err)
		}
		if h := s.hover(&p); h != nil {
			return h, nil
		}
		return nil, nil
	}
	return nil, &rpcError{Code: codeMethodNotFound, Message: fmt.Sprintf("method %q is not supported", m.Method)}
}

func invalidParams(err error) *rpcError {
	return &rpcError{Code: codeInvalidParams, Message: "invalid params: " + err.Error()}
}

func (s *Server) initialize(params json.RawMessage) (any, *rpcError) {
	var p initializeParams
	if len(params) > 0 {
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, invalidParams(err)
		}
	}
	var caps struct {
		Capabilities struct {
			Workspace struct {
				DidChangeWatchedFiles struct {
					DynamicRegistration bool `json:"dynamicRegistration"`
				} `json:"didChangeWatchedFiles"`
			} `json:"workspace"`
		} `json:"capabilities"`
	}
	_ = json.Unmarshal(params, &caps) // the same params, already checked
	s.mu.Lock()
	s.initialized = true
	s.enc = negotiate(p.Capabilities.General.PositionEncodings)
	s.watchDynamic = caps.Capabilities.Workspace.DidChangeWatchedFiles.DynamicRegistration
	for _, f := range p.WorkspaceFolders {
		if dir := uriPath(f.URI); dir != "" {
			s.roots = append(s.roots, dir)
		}
	}
	if dir := uriPath(p.RootURI); len(s.roots) == 0 && dir != "" {
		s.roots = []string{dir}
	}
	enc := s.enc
	s.mu.Unlock()
	s.log.Printf("initialized; position encoding %s", encodingNames[enc])
	res := initializeResult{ServerInfo: serverInfo{Name: "figlint", Version: s.opts.Version}}
	c := &res.Capabilities
	c.PositionEncoding = encodingNames[enc]
	c.TextDocumentSync = textSyncOptions{OpenClose: true, Change: syncIncremental, Save: saveOptions{IncludeText: false}}
	c.CodeActionProvider = codeActionOptions{CodeActionKinds: []string{kindQuickFix, kindFixAll}}
	c.HoverProvider = true
	c.Workspace.WorkspaceFolders.Supported = true
	return res, nil
}

// notification handles a notification; unknown ones (and $/ ones the
// server has no use for) are dropped, as the protocol asks.
func (s *Server) notification(m *message) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Printf("internal error handling %s: %v", m.Method, p)
		}
	}()
	s.mu.Lock()
	ready := s.initialized && !s.shutdown
	s.mu.Unlock()
	if !ready {
		return
	}
	var err error
	switch m.Method {
	case "initialized":
		s.registerWatchers()
		s.scheduleCollection()
	case "textDocument/didOpen":
		var p didOpenParams
		if err = json.Unmarshal(m.Params, &p); err == nil {
			s.didOpen(&p)
		}
	case "textDocument/didChange":
		var p didChangeParams
		if err = json.Unmarshal(m.Params, &p); err == nil {
			s.didChange(&p)
		}
	case "textDocument/didSave":
		var p didSaveParams
		if err = json.Unmarshal(m.Params, &p); err == nil {
			s.didSave(&p)
		}
	case "textDocument/didClose":
		var p didCloseParams
		if err = json.Unmarshal(m.Params, &p); err == nil {
			s.didClose(&p)
		}
	case "workspace/didChangeWatchedFiles":
		var p didChangeWatchedFilesParams
		if err = json.Unmarshal(m.Params, &p); err == nil {
			s.didChangeWatchedFiles(&p)
		}
	}
	if err != nil {
		s.log.Printf("%s: invalid params: %v", m.Method, err)
	}
}

// registerWatchers asks the client to report changes to the files a
// page's findings depend on: the companion tables and the configuration.
func (s *Server) registerWatchers() {
	s.mu.Lock()
	if !s.watchDynamic {
		s.mu.Unlock()
		return
	}
	s.nextID++
	id := s.nextID
	s.mu.Unlock()
	type watcher struct {
		GlobPattern string `json:"globPattern"`
	}
	var watchers []watcher
	for _, g := range watchGlobs {
		watchers = append(watchers, watcher{GlobPattern: g})
	}
	params := map[string]any{"registrations": []map[string]any{{
		"id": "figlint-watch", "method": "workspace/didChangeWatchedFiles",
		"registerOptions": map[string]any{"watchers": watchers},
	}}}
	data, _ := json.Marshal(params)
	_ = s.out.send(&message{ID: json.RawMessage(fmt.Sprintf(`"figlint-%d"`, id)), Method: "client/registerCapability", Params: data})
}

// stopAll stops the pending lints.
func (s *Server) stopAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		d.stop()
	}
	if s.collTimer != nil {
		s.collTimer.Stop()
	}
}
