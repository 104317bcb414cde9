package pipeline

import (
	"bytes"
	"fmt"
	"io"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/report"
	"github.com/figlint/figlint/internal/udiff"
)

// Fix adds up what --fix wrote (or, with Diff, what it would write: the
// diff goes to Stdout) and says on Stderr what the engine's fix loop
// rolled back or could not write.
type Fix struct {
	Diff           bool
	Stdout, Stderr io.Writer

	Findings, Files int      // fixed (or fixable) findings and the files they are in
	Failed          []string // files whose fixes could not be written
}

// Process implements Step.
func (t *Fix) Process(r *engine.Result) error {
	out := r.Fix
	if out == nil {
		return nil
	}
	for _, rb := range out.RolledBack {
		fmt.Fprintf(t.Stderr, "figlint: %s\n", report.EscapeLine(rb))
	}
	if out.Err != nil {
		// Recorded in Failed: the run goes on and exits 2 at the end.
		t.Failed = append(t.Failed, out.Err.Error())
		fmt.Fprintf(t.Stderr, "figlint: %s (the file is unchanged)\n", report.EscapeLine(out.Err.Error()))
		return nil //nolint:nilerr // a write failure is counted, not a reason to stop the run
	}
	if out.Fixed == 0 || len(out.Files) == 0 {
		return nil
	}
	t.Findings += out.Fixed
	t.Files += len(out.Files)
	if !t.Diff {
		return nil
	}
	for _, ff := range out.Files {
		escaped, err := writeDiff(t.Stdout, ff)
		if err != nil {
			return err
		}
		if escaped {
			fmt.Fprintf(t.Stderr, "figlint: the diff of %s shows control characters escaped, so patch(1) would write the escapes; apply it with --fix\n", report.EscapeLine(ff.Display))
		}
	}
	return nil
}

// writeDiff writes one file's unified diff, its control characters made
// visible as everywhere in figlint's output (a line holding one is then
// shown, not applicable: use --fix for it, as a note on stderr says).
// It tells whether it had to escape anything: then the diff no longer
// applies as it reads.
func writeDiff(w io.Writer, ff engine.FixedFile) (escaped bool, err error) {
	var b bytes.Buffer
	name := report.EscapeLine(ff.Display)
	if werr := udiff.Write(&b, name, name, ff.Old, ff.New); werr != nil {
		return false, werr
	}
	text := report.EscapeKeepNewlines(b.String())
	_, err = io.WriteString(w, text)
	return text != b.String(), err
}

// Summary says on Stderr what the run fixed, or would fix with Diff.
func (t *Fix) Summary() {
	verb := "fixed"
	if t.Diff {
		verb = "would fix"
	}
	if t.Findings == 0 {
		fmt.Fprintf(t.Stderr, "figlint: nothing to fix\n")
		return
	}
	fmt.Fprintf(t.Stderr, "figlint: %s %s in %s\n", verb, plural(t.Findings, "finding"), plural(t.Files, "file"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
