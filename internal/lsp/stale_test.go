package lsp

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

// TestStaleLintNotPublished: a lint of a generation that a newer change
// replaced, or whose context was cancelled, publishes nothing; the
// current one publishes.
func TestStaleLintNotPublished(t *testing.T) {
	var out bytes.Buffer
	s := New(&out, Options{NewLinter: func(string) (*Linter, error) { return nil, errors.New("no linter in this test") }})
	uri := "file:///site/_figures/a.md"
	s.docs[uri] = &document{uri: uri, path: "/site/_figures/a.md", version: 3, text: newText([]byte("---\n---\n")), gen: 2}
	s.lintAndPublish(context.Background(), uri, 1)
	if out.Len() != 0 {
		t.Fatalf("a stale generation published %q", out.String())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s.lintAndPublish(ctx, uri, 2)
	if out.Len() != 0 {
		t.Fatalf("a cancelled lint published %q", out.String())
	}
	s.lintAndPublish(context.Background(), uri, 2)
	if got := out.String(); !strings.Contains(got, `"method":"textDocument/publishDiagnostics"`) || !strings.Contains(got, `"version":3`) ||
		!strings.Contains(got, "no linter in this test") {
		t.Errorf("the current generation published %q, expected its diagnostics at version 3", got)
	}
}
