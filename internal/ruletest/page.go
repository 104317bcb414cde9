package ruletest

import (
	"sort"
	"strings"
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

// LintPageAlone is LintPage with the collection-level rules run over the
// page, as a run over that page alone does.
func LintPageAlone(tb testing.TB, reg *rules.Registry, path string, data []byte, ids ...string) []rules.Finding {
	tb.Helper()
	return engine.New(reg, engine.Options{Enabled: ids}).LintAlone(frontmatter.Parse(path, data))
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

// CheckFix checks the fix of finding f on page data, as a rule's table
// tests do for each case: with wantLine "" the finding offers no fix; else
// it offers exactly one, and applying it changes only the line the finding
// starts on, into a line that starts with wantLine (a prefix, so that a
// fixture's "# want" comment may follow).
func CheckFix(tb testing.TB, data []byte, f rules.Finding, wantLine string) {
	tb.Helper()
	if wantLine == "" {
		if len(f.Fixes) != 0 {
			tb.Errorf("line %d: fixes %+v; want none (%s)", f.Range.Start.Line, f.Fixes, f.Message)
		}
		return
	}
	if len(f.Fixes) != 1 {
		tb.Errorf("line %d: %d fixes %+v; want one (%s)", f.Range.Start.Line, len(f.Fixes), f.Fixes, f.Message)
		return
	}
	before := strings.Split(string(data), "\n")
	after := strings.Split(string(ApplyFixes(tb, data, f.Fixes[0])), "\n")
	at := f.Range.Start.Line - 1
	if len(after) != len(before) || at < 0 || at >= len(after) {
		tb.Errorf("line %d: the fix turns %d lines into %d; want the finding's line changed in place:\n%s",
			f.Range.Start.Line, len(before), len(after), strings.Join(after, "\n"))
		return
	}
	for i := range before {
		if i != at && before[i] != after[i] {
			tb.Errorf("line %d: the fix also changes line %d into %q", f.Range.Start.Line, i+1, after[i])
		}
	}
	if !strings.HasPrefix(after[at], wantLine) {
		tb.Errorf("line %d: fixed line %q; want it to start with %q", f.Range.Start.Line, after[at], wantLine)
	}
}
