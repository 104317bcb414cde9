package lsp_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/testenv"
)

// corpusSite copies the real sample to a repository root of its own.
func corpusSite(b *testing.B) string {
	b.Helper()
	dir := testenv.CopyTree(b, testenv.Corpus(b))
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkChangeToDiagnostics times one keystroke on a real PFOCR page,
// from the didChange the client writes to the publishDiagnostics it
// reads, over the wire protocol, with --debounce 0 (the debounce is a
// wait for the next keystroke, not work). The pages are the sample's
// largest, and its largest with a genes table, read on each lint.
func BenchmarkChangeToDiagnostics(b *testing.B) {
	dir := corpusSite(b)
	for _, name := range []string{"PMC6791490__ehp-127-095001-g0003.md", "PMC10017456__fpls-14-1084358-g002.md"} {
		b.Run(strings.SplitN(name, "__", 2)[0], func(b *testing.B) {
			page := filepath.Join(dir, "_figures", name)
			c := start(b, dir, "--debounce", "0")
			c.initialize()
			text := readFile(b, page)
			uri := open(c, page, text)
			c.diagnostics(uri, 1)
			// Type a character at the end of the first line, then delete it.
			first := strings.Index(text, "\n")
			at := pos{Line: 0, Character: first}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				change := map[string]any{"range": rng{Start: at, End: at}, "text": "-"}
				if i%2 == 1 {
					change = map[string]any{"range": rng{Start: at, End: pos{Line: 0, Character: first + 1}}, "text": ""}
				}
				c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": i + 2},
					"contentChanges": []map[string]any{change}})
				c.diagnostics(uri, i+2)
			}
		})
	}
}

// BenchmarkOpenDocuments opens 300 real pages (the sample's pages under
// several names each) in one server and reports the heap the server
// holds for them once each has its diagnostics: the texts, their line
// indexes and the last lint's findings.
func BenchmarkOpenDocuments(b *testing.B) {
	dir := corpusSite(b)
	pages, err := filepath.Glob(filepath.Join(dir, "_figures", "*.md"))
	if err != nil || len(pages) == 0 {
		b.Fatalf("no pages: %v", err)
	}
	texts := make([]string, len(pages))
	for i, p := range pages {
		texts[i] = readFile(b, p)
	}
	const docs = 300
	for i := 0; i < b.N; i++ {
		c := start(b, dir, "--debounce", "0")
		c.initialize()
		before := heap()
		for n := range docs {
			page := pages[n%len(pages)]
			if n >= len(pages) {
				page = strings.TrimSuffix(page, ".md") + fmt.Sprintf("-copy%d.md", n/len(pages))
			}
			c.diagnostics(open(c, page, texts[n%len(pages)]), 1)
		}
		after := heap()
		b.ReportMetric(float64(after-before)/(1<<20), "MiB/300docs")
		b.ReportMetric(float64(after-before)/docs/1024, "KiB/doc")
	}
}

// heap is the live heap after a collection.
func heap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
