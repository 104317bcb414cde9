package ruletest

import (
	"sort"
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/rules"
)

// LintPage lints one page's bytes (path names it, and locates its
// companion tables) with only the rule IDs ids on, from reg.
func LintPage(tb testing.TB, reg *rules.Registry, path string, data []byte, ids ...string) []rules.Finding {
	tb.Helper()
	return engine.New(reg, engine.Options{Enabled: ids}).LintDocument(frontmatter.Parse(path, data))
}

// ApplyFixes applies the edits of fixes to data, the last edit first; it
// fails the test on overlapping edits.
func ApplyFixes(tb testing.TB, data []byte, fixes ...rules.Fix) []byte {
	tb.Helper()
	var edits []rules.TextEdit
	for _, f := range fixes {
		edits = append(edits, f.Edits...)
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].Start > edits[j].Start })
	out := append([]byte(nil), data...)
	for i, e := range edits {
		if i > 0 && e.End > edits[i-1].Start {
			tb.Fatalf("overlapping edits %+v and %+v", e, edits[i-1])
		}
		out = append(out[:e.Start:e.Start], append([]byte(e.NewText), out[e.End:]...)...)
	}
	return out
}
