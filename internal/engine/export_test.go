package engine

import "github.com/figlint/figlint/rules"

// LintParsed lints a parsed document as LintFile does after reading it,
// returning the whole Result (Err included), for the external tests.
func (e *Engine) LintParsed(doc *rules.Document) Result {
	return e.lint(File{Display: doc.Path, Path: doc.Path}, doc)
}

// FinishOne runs the collection-level rules over one page's result, as a
// run over that page alone does.
func (e *Engine) FinishOne(r Result) Result {
	sums := map[int][]rules.Summary{}
	for i, s := range r.summaries {
		sums[i] = append(sums[i], rules.Summary{Path: r.File.Display, Data: s})
	}
	return e.finish(sums)
}

// Runnable reports whether the engine runs rule id on some page.
func (e *Engine) Runnable(id string) bool { return e.runnable[id] }
