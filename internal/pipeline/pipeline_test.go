package pipeline

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/baseline"
	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
)

func finding(rule string, sev rules.Severity, line int) rules.Finding {
	return rules.Finding{Rule: rule, Severity: sev, Path: "p.md", Message: rule + " message",
		Range: rules.Range{Start: rules.Position{Line: line, Column: 1}, End: rules.Position{Line: line, Column: 4}}}
}

type stepFunc func(r *engine.Result) error

func (f stepFunc) Process(r *engine.Result) error { return f(r) }

func TestChainStopsAtFirstError(t *testing.T) {
	var ran []string
	boom := errors.New("boom")
	c := Chain{
		stepFunc(func(*engine.Result) error { ran = append(ran, "a"); return nil }),
		stepFunc(func(*engine.Result) error { ran = append(ran, "b"); return boom }),
		stepFunc(func(*engine.Result) error { ran = append(ran, "c"); return nil }),
	}
	if err := c.Process(&engine.Result{}); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if strings.Join(ran, "") != "ab" {
		t.Fatalf("ran %v, want a then b only", ran)
	}
}

func TestBaselineMovesKnownFindingsAndRecords(t *testing.T) {
	known := finding("doi-format", rules.SeverityError, 3)
	fresh := finding("title-quality", rules.SeverityWarning, 5)
	var file bytes.Buffer
	dir := t.TempDir()
	if err := baseline.Write(&file, []baseline.Entry{baseline.Key(known, nil)}, dir, dir); err != nil {
		t.Fatal(err)
	}
	path := dir + "/base.txt"
	if err := os.WriteFile(path, file.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	base, err := baseline.Load(path, dir)
	if err != nil {
		t.Fatal(err)
	}
	step := &Baseline{Base: base, Record: true}
	r := &engine.Result{File: engine.File{Display: "p.md"}, Findings: []rules.Finding{known, fresh}}
	if err := step.Process(r); err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 1 || r.Findings[0].Rule != "title-quality" {
		t.Fatalf("kept %v, want only title-quality", r.Findings)
	}
	if len(r.Suppressed) != 1 || r.Suppressed[0].Kind != "external" || r.Suppressed[0].Rule != "doi-format" {
		t.Fatalf("suppressed %v, want doi-format as external", r.Suppressed)
	}
	if len(step.Written) != 2 {
		t.Fatalf("recorded %d entries, want both findings", len(step.Written))
	}
	if base.Unmatched() != 0 {
		t.Fatalf("the baseline's one entry should have matched")
	}
}

func TestCountAndFailOn(t *testing.T) {
	count := &Count{}
	var progress []int
	count.Progress = func(n int) { progress = append(progress, n) }
	fail := &FailOn{Threshold: rules.SeverityError}
	c := Chain{count, fail}
	page := &engine.Result{Findings: []rules.Finding{finding("a", rules.SeverityWarning, 1), finding("b", rules.SeverityNote, 2)}}
	if err := c.Process(page); err != nil {
		t.Fatal(err)
	}
	if fail.Failed {
		t.Fatal("a warning and a note must not fail at --fail-on error")
	}
	coll := &engine.Result{Collection: true, Findings: []rules.Finding{finding("c", rules.SeverityError, 1)}}
	if err := c.Process(coll); err != nil {
		t.Fatal(err)
	}
	if !fail.Failed {
		t.Fatal("a collection-level error must fail at --fail-on error")
	}
	s := count.Sum
	if s.Files != 1 || s.Findings != 3 || s.Errors != 1 || s.Warnings != 1 || s.Notes != 1 {
		t.Fatalf("summary %+v, want 1 file (the collection result is none) and 3 findings", s)
	}
	if len(progress) != 1 || progress[0] != 2 {
		t.Fatalf("progress %v, want one page with 2 findings", progress)
	}
}

func TestInternalCollects(t *testing.T) {
	in := &Internal{}
	_ = in.Process(&engine.Result{})
	_ = in.Process(&engine.Result{Err: errors.New("rule panicked")})
	if len(in.Errs) != 1 {
		t.Fatalf("errs %v, want one", in.Errs)
	}
}

func TestFixTalliesDiffsAndRollbacks(t *testing.T) {
	var out, errs bytes.Buffer
	fx := &Fix{Diff: true, Stdout: &out, Stderr: &errs}
	r := &engine.Result{Fix: &engine.FixOutcome{Fixed: 2, RolledBack: []string{"rolled back\x1b[31m x"},
		Files: []engine.FixedFile{{Display: "a.md", Old: []byte("k: v \n"), New: []byte("k: v\n")}}}}
	if err := fx.Process(r); err != nil {
		t.Fatal(err)
	}
	_ = fx.Process(&engine.Result{Fix: &engine.FixOutcome{Err: errors.New("b.md changed on disk")}})
	fx.Summary()
	wantDiff := "--- a.md\n+++ a.md\n@@ -1 +1 @@\n-k: v \n+k: v\n"
	if out.String() != wantDiff {
		t.Fatalf("diff:\n%q\nwant\n%q", out.String(), wantDiff)
	}
	e := errs.String()
	for _, want := range []string{`rolled back\x1b[31m x`, "b.md changed on disk (the file is unchanged)", "would fix 2 findings in 1 file"} {
		if !strings.Contains(e, want) {
			t.Errorf("stderr lacks %q:\n%s", want, e)
		}
	}
	if strings.ContainsRune(e, 0x1b) {
		t.Error("stderr echoes a raw ESC")
	}
	if len(fx.Failed) != 1 {
		t.Errorf("failed %v, want the one write failure", fx.Failed)
	}
	var none bytes.Buffer
	(&Fix{Stderr: &none}).Summary()
	if none.String() != "figlint: nothing to fix\n" {
		t.Errorf("empty summary %q", none.String())
	}
}

// TestFixDiffEscapeNote: a diff whose lines hold control characters shows
// them escaped and says on stderr that patch(1) would not apply it as --fix
// does; a plain diff says nothing.
func TestFixDiffEscapeNote(t *testing.T) {
	for _, tc := range []struct {
		old, new string
		note     bool
	}{
		{"k: a\u202eb \n", "k: a\u202eb\n", true},
		{"k: v \n", "k: v\n", false},
	} {
		var out, errs bytes.Buffer
		fx := &Fix{Diff: true, Stdout: &out, Stderr: &errs}
		r := &engine.Result{Fix: &engine.FixOutcome{Fixed: 1,
			Files: []engine.FixedFile{{Display: "a.md", Old: []byte(tc.old), New: []byte(tc.new)}}}}
		if err := fx.Process(r); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(errs.String(), "apply it with --fix"); got != tc.note {
			t.Errorf("%q: note %v, want %v (stderr %q)", tc.old, got, tc.note, errs.String())
		}
		if strings.ContainsRune(out.String(), '\u202e') {
			t.Errorf("%q: the diff echoes U+202E raw", tc.old)
		}
	}
}
