package engine_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
)

// upperRule asks, twice (two findings, one cause seen by two checks), that
// a lower-case title be written in capitals: the identical edits must be
// applied once.
var upperRule = rules.Rule{
	Meta: rules.Meta{ID: "test-upper", Severity: rules.SeverityWarning, Summary: "capital titles", Doc: "A rule for tests.",
		FixSafety: rules.FixSafe},
	Run: func(p *rules.Pass) {
		text, n, ok := p.Scalar("/title")
		if !ok || text == strings.ToUpper(text) {
			return
		}
		for _, why := range []string{"first check", "second check"} {
			p.Report(rules.Diagnostic{Node: n, Pointer: "/title",
				Message: "title is not in capitals (" + why + ")",
				Fixes:   []rules.Fix{p.Doc.ReplaceFix("capitalise", n, strings.ToUpper(text))}})
		}
	},
}

// yearRule wants year to be digits; its "fix" of a short year makes the
// page worse in another way (it adds a finding of the same rule at another
// place), so the engine must roll it back.
var yearRule = rules.Rule{
	Meta: rules.Meta{ID: "test-year", Severity: rules.SeverityWarning, Summary: "years", Doc: "A rule for tests.",
		FixSafety: rules.FixSafe},
	Run: func(p *rules.Pass) {
		text, n, ok := p.Scalar("/year")
		if !ok {
			return
		}
		if text == "20" {
			_, tn, _ := p.Scalar("/title")
			p.Report(rules.Diagnostic{Node: n, Pointer: "/year", Message: "year is short",
				Fixes: []rules.Fix{{Message: "lengthen", Edits: []rules.TextEdit{
					{Start: p.Doc.Source.ContentStart(n), End: p.Doc.Source.NodeEnd(n), NewText: "2020"},
					{Start: p.Doc.Source.ContentStart(tn), End: p.Doc.Source.ContentStart(tn), NewText: "_"},
				}}}})
		}
		if t, tn, ok := p.Scalar("/title"); ok && strings.HasPrefix(t, "_") {
			p.Report(rules.Diagnostic{Node: tn, Pointer: "/title", Message: "title starts with _"})
		}
	},
}

// badEditRule offers a fix whose two edits overlap: a rule bug the engine
// must report as an internal error, not apply.
var badEditRule = rules.Rule{
	Meta: rules.Meta{ID: "test-bad-edit", Severity: rules.SeverityWarning, Summary: "bad edits", Doc: "A rule for tests."},
	Run: func(p *rules.Pass) {
		_, n, ok := p.Scalar("/bad")
		if !ok {
			return
		}
		s := p.Doc.Source.ContentStart(n)
		p.Report(rules.Diagnostic{Node: n, Pointer: "/bad", Message: "bad",
			Fixes: []rules.Fix{{Message: "overlap", Safety: rules.FixSafe, Edits: []rules.TextEdit{{Start: s, End: s + 2, NewText: "a"}, {Start: s + 1, End: s + 3, NewText: "b"}}}}})
	},
}

// tableRule fixes the page's companion table: a row "old" becomes "new".
var tableRule = rules.Rule{
	Meta: rules.Meta{ID: "test-table", Severity: rules.SeverityWarning, Summary: "tables", Doc: "A rule for tests.",
		FixSafety: rules.FixSafe},
	Run: func(p *rules.Pass) {
		path, data, err := p.Companion("p-genes.tsv")
		if err != nil {
			return
		}
		i := bytes.Index(data, []byte("old"))
		if i < 0 {
			return
		}
		p.Report(rules.Diagnostic{Path: path, Range: at(2, 4), Message: "old row",
			Fixes: []rules.Fix{{Message: "renew", Edits: []rules.TextEdit{{Path: path, Start: i, End: i + 3, NewText: "new"}}}}})
	},
}

func fixEngine(t *testing.T, fix *engine.FixOptions, rs ...rules.Rule) *engine.Engine {
	t.Helper()
	reg, err := rules.NewRegistry(rs...)
	if err != nil {
		t.Fatal(err)
	}
	return engine.New(reg, engine.Options{Fix: fix})
}

func writePage(t *testing.T, dir, src string, mode os.FileMode) engine.File {
	t.Helper()
	p := filepath.Join(dir, "_figures", "p.md")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(src), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	return engine.File{Display: "_figures/p.md", Path: p}
}

func TestFixIdenticalEditsAppliedOnceAndWritten(t *testing.T) {
	dir := t.TempDir()
	f := writePage(t, dir, "---\ntitle: abc\nyear: '2020'\n---\nbody\n", 0o640)
	res := fixEngine(t, &engine.FixOptions{Write: true}, upperRule).LintFile(f)
	if res.Fix == nil || res.Fix.Err != nil {
		t.Fatalf("outcome %+v", res.Fix)
	}
	if res.Fix.Fixed != 2 || len(res.Fix.Files) != 1 {
		t.Errorf("fixed %d findings in %d files, want 2 in 1", res.Fix.Fixed, len(res.Fix.Files))
	}
	if len(res.Findings) != 0 {
		t.Errorf("findings left: %v", res.Findings)
	}
	got, _ := os.ReadFile(f.Path)
	if want := "---\ntitle: ABC\nyear: '2020'\n---\nbody\n"; string(got) != want {
		t.Errorf("page is %q, want %q", got, want)
	}
	info, _ := os.Stat(f.Path)
	if info.Mode().Perm() != 0o640 {
		t.Errorf("mode is %v, want 0640", info.Mode().Perm())
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, "_figures", ".*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestFixDiffDoesNotWrite(t *testing.T) {
	dir := t.TempDir()
	src := "---\ntitle: abc\n---\n"
	f := writePage(t, dir, src, 0o644)
	res := fixEngine(t, &engine.FixOptions{}, upperRule).LintFile(f)
	if res.Fix == nil || len(res.Fix.Files) != 1 || string(res.Fix.Files[0].New) != "---\ntitle: ABC\n---\n" {
		t.Fatalf("outcome %+v", res.Fix)
	}
	if got, _ := os.ReadFile(f.Path); string(got) != src {
		t.Errorf("--diff wrote the page: %q", got)
	}
}

func TestFixUnsafeNeedsOptIn(t *testing.T) {
	unsafe := upperRule
	unsafe.FixSafety = rules.FixSafetyDefault // a rule that says nothing offers unsafe fixes
	dir := t.TempDir()
	f := writePage(t, dir, "---\ntitle: abc\n---\n", 0o644)
	if res := fixEngine(t, &engine.FixOptions{}, unsafe).LintFile(f); res.Fix != nil {
		t.Errorf("an unsafe fix applied without --unsafe-fixes: %+v", res.Fix)
	}
	if res := fixEngine(t, &engine.FixOptions{Unsafe: true}, unsafe).LintFile(f); res.Fix == nil || res.Fix.Fixed != 2 {
		t.Errorf("--unsafe-fixes did not apply it: %+v", res.Fix)
	}
}

// TestFixThroughMergeKeyIsNotOffered: title arrives through a merge key;
// rewriting it would rewrite the anchored mapping, which other keys may
// share, so the fix is dropped and the page is left alone.
func TestFixThroughMergeKeyIsNotOffered(t *testing.T) {
	dir := t.TempDir()
	src := "---\nbase: &b\n  title: abc\n<<: *b\n---\n"
	f := writePage(t, dir, src, 0o644)
	plain := fixEngine(t, nil, upperRule).LintFile(f)
	if len(plain.Findings) == 0 {
		t.Fatal("the rule saw no title: the test page is wrong")
	}
	for _, fd := range plain.Findings {
		for _, fx := range fd.Fixes {
			if len(fx.Edits) > 0 {
				t.Errorf("a fix with edits was offered over a merged value: %+v", fx)
			}
		}
	}
	res := fixEngine(t, &engine.FixOptions{Write: true, Unsafe: true}, upperRule).LintFile(f)
	if res.Fix != nil {
		t.Errorf("fixing changed something: %+v", res.Fix)
	}
	if got, _ := os.ReadFile(f.Path); string(got) != src {
		t.Errorf("page changed: %q", got)
	}
}

func TestFixAddingAFindingIsRolledBack(t *testing.T) {
	dir := t.TempDir()
	src := "---\ntitle: abc\nyear: 20\n---\n"
	f := writePage(t, dir, src, 0o644)
	res := fixEngine(t, &engine.FixOptions{Write: true}, upperRule, yearRule).LintFile(f)
	if res.Fix == nil || len(res.Fix.RolledBack) != 1 || !strings.Contains(res.Fix.RolledBack[0], "would add a finding") {
		t.Fatalf("outcome %+v", res.Fix)
	}
	// The title fix still applies; the year keeps its finding.
	got, _ := os.ReadFile(f.Path)
	if want := "---\ntitle: ABC\nyear: 20\n---\n"; string(got) != want {
		t.Errorf("page is %q, want %q", got, want)
	}
	if len(res.Findings) != 1 || res.Findings[0].Rule != "test-year" {
		t.Errorf("findings left: %v", res.Findings)
	}
}

func TestFixInvalidEditsAreAnInternalError(t *testing.T) {
	dir := t.TempDir()
	src := "---\nbad: abcdef\n---\n"
	f := writePage(t, dir, src, 0o644)
	res := fixEngine(t, &engine.FixOptions{Write: true}, badEditRule).LintFile(f)
	if res.Err == nil || !strings.Contains(res.Err.Error(), "overlap") {
		t.Errorf("Err = %v, want the overlap named", res.Err)
	}
	if got, _ := os.ReadFile(f.Path); string(got) != src {
		t.Errorf("page changed: %q", got)
	}
}

func TestFixCompanionTable(t *testing.T) {
	dir := t.TempDir()
	f := writePage(t, dir, "---\ntitle: ABC\n---\n", 0o644)
	table := filepath.Join(dir, "_data", "p-genes.tsv")
	if err := os.MkdirAll(filepath.Dir(table), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(table, []byte("word\nold\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := fixEngine(t, &engine.FixOptions{Write: true}, tableRule).LintFile(f)
	if res.Fix == nil || res.Fix.Err != nil || res.Fix.Fixed != 1 {
		t.Fatalf("outcome %+v", res.Fix)
	}
	if got, _ := os.ReadFile(table); string(got) != "word\nnew\n" {
		t.Errorf("table is %q", got)
	}
	if got, _ := os.ReadFile(f.Path); string(got) != "---\ntitle: ABC\n---\n" {
		t.Errorf("page changed: %q", got)
	}
}

// TestFixLeavesAFileChangedMeanwhile: the page changes on disk between the
// lint and the write; the write refuses and says so.
func TestFixLeavesAFileChangedMeanwhile(t *testing.T) {
	dir := t.TempDir()
	f := writePage(t, dir, "---\ntitle: abc\n---\n", 0o644)
	changing := rules.Rule{
		Meta: rules.Meta{ID: "test-change", Severity: rules.SeverityNote, Summary: "changes the page", Doc: "A rule for tests."},
		Run: func(*rules.Pass) {
			_ = os.WriteFile(f.Path, []byte("---\ntitle: someone else's\n---\n"), 0o644)
		},
	}
	res := fixEngine(t, &engine.FixOptions{Write: true}, upperRule, changing).LintFile(f)
	if res.Fix == nil || res.Fix.Err == nil {
		t.Fatalf("outcome %+v", res.Fix)
	}
	if got, _ := os.ReadFile(f.Path); string(got) != "---\ntitle: someone else's\n---\n" {
		t.Errorf("the other writer's page was overwritten: %q", got)
	}
}

// nameRule asks for a name in capitals, with a safe fix.
var nameRule = rules.Rule{
	Meta: rules.Meta{ID: "test-name", Severity: rules.SeverityWarning, Summary: "capital names", Doc: "A rule for tests.",
		FixSafety: rules.FixSafe},
	Run: func(p *rules.Pass) {
		if text, n, ok := p.Scalar("/name"); ok && text != strings.ToUpper(text) {
			p.Report(rules.Diagnostic{Node: n, Pointer: "/name", Message: "name is not in capitals",
				Fixes: []rules.Fix{p.Doc.ReplaceFix("capitalise", n, strings.ToUpper(text))}})
		}
	},
}

// TestFixCountsOnlyFixesWithEdits: the title's fixes over a merge key
// have no edits and are not applied, so only the name's fix is counted.
func TestFixCountsOnlyFixesWithEdits(t *testing.T) {
	dir := t.TempDir()
	f := writePage(t, dir, "---\nbase: &b\n  title: abc\n<<: *b\nname: xyz\n---\n", 0o644)
	res := fixEngine(t, &engine.FixOptions{Write: true}, upperRule, nameRule).LintFile(f)
	if res.Fix == nil || res.Fix.Fixed != 1 {
		t.Fatalf("outcome %+v, want 1 fixed finding (the name's)", res.Fix)
	}
	if got, _ := os.ReadFile(f.Path); string(got) != "---\nbase: &b\n  title: abc\n<<: *b\nname: XYZ\n---\n" {
		t.Errorf("page is %q", got)
	}
}
