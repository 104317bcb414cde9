package engine_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/frontmatter"
)

// BenchmarkLintPage parses and lints the seed page in memory.
func BenchmarkLintPage(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(corpusDir(b), seedPage))
	if err != nil {
		b.Fatal(err)
	}
	eng := newEngine(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		eng.LintDocument(frontmatter.Parse("seed.md", data))
	}
}

// BenchmarkLintDirectory lints the corpus pages from disk on all CPUs, as a
// run over a directory does, and reports files/s.
func BenchmarkLintDirectory(b *testing.B) {
	files, errs := engine.Collect([]string{filepath.Join(corpusDir(b), "_figures")}, ".", nil)
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	eng := newEngine(b)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if err := eng.Run(files, 0, func(engine.Result) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "files/s")
}
