package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// maxMessage bounds one message's body: a page is at most --max-size
// (10 MiB by default), and its JSON escaping can double it.
const maxMessage = 64 << 20

// JSON-RPC 2.0 and LSP error codes.
const (
	codeParseError           = -32700
	codeInvalidRequest       = -32600
	codeMethodNotFound       = -32601
	codeInvalidParams        = -32602
	codeInternalError        = -32603
	codeServerNotInitialized = -32002
	codeRequestCancelled     = -32800
)

// message is any JSON-RPC 2.0 message: a request has an ID and a method,
// a notification a method only, a response an ID and a result or error.
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

// isRequest tells a request (answered) from a notification (not).
func (m *message) isRequest() bool { return len(m.ID) > 0 && string(m.ID) != "null" }

// rpcError is a response's error.
type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return fmt.Sprintf("jsonrpc: %d: %s", e.Code, e.Message) }

// errFraming is a header the server cannot read past: the stream is lost.
var errFraming = errors.New("jsonrpc: malformed header")

// readMessage reads one message body framed by a Content-Length header.
func readMessage(r *bufio.Reader) ([]byte, error) {
	length := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			if err == io.EOF && line == "" && length < 0 {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("%w: %w", errFraming, err)
		}
		if len(line) > 1024 {
			return nil, fmt.Errorf("%w: header line of %d bytes", errFraming, len(line))
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("%w: %q", errFraming, line)
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 || n > maxMessage {
				return nil, fmt.Errorf("%w: Content-Length %q", errFraming, value)
			}
			length = n
		}
	}
	if length < 0 {
		return nil, fmt.Errorf("%w: no Content-Length", errFraming)
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("%w: body: %w", errFraming, err)
	}
	return body, nil
}

// writer writes framed messages; it is safe for concurrent use (replies
// and published diagnostics come from different goroutines).
type writer struct {
	mu  sync.Mutex
	w   io.Writer
	err error // the first write error: later writes are dropped
}

func (w *writer) send(m *message) error {
	m.JSONRPC = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("jsonrpc: %w", err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(body))
	b.Write(body)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	if _, err := w.w.Write(b.Bytes()); err != nil {
		w.err = fmt.Errorf("jsonrpc: %w", err)
	}
	return w.err
}

func (w *writer) reply(id json.RawMessage, result any) error {
	data, err := json.Marshal(result)
	if err != nil {
		return w.replyError(id, codeInternalError, err.Error())
	}
	return w.send(&message{ID: id, Result: data})
}

func (w *writer) replyError(id json.RawMessage, code int, msg string) error {
	if len(id) == 0 {
		id = json.RawMessage("null")
	}
	return w.send(&message{ID: id, Error: &rpcError{Code: code, Message: msg}})
}

func (w *writer) notify(method string, params any) error {
	data, err := json.Marshal(params)
	if err != nil {
		return fmt.Errorf("jsonrpc: %w", err)
	}
	return w.send(&message{Method: method, Params: data})
}
