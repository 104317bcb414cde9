package cli

import (
	"bytes"
	"fmt"
	"io"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/report"
	"github.com/figlint/figlint/internal/udiff"
)

// fixTally adds up what --fix and --diff did over a run.
type fixTally struct {
	findings, files int
	failed          []string // files whose fixes could not be written
}

// add counts one page's outcome and says on stderr what was rolled back
// or could not be written; with --diff it writes the page's diff to
// stdout.
func (t *fixTally) add(out *engine.FixOutcome, diff bool, sys IO) error {
	for _, rb := range out.RolledBack {
		fmt.Fprintf(sys.Stderr, "figlint: %s\n", report.EscapeLine(rb))
	}
	if out.Err != nil {
		t.failed = append(t.failed, out.Err.Error())
		fmt.Fprintf(sys.Stderr, "figlint: %s (the file is unchanged)\n", report.EscapeLine(out.Err.Error()))
		return nil //nolint:nilerr // recorded in t.failed; the run goes on and exits 2 at the end
	}
	if out.Fixed == 0 || len(out.Files) == 0 {
		return nil
	}
	t.findings += out.Fixed
	t.files += len(out.Files)
	if !diff {
		return nil
	}
	for _, ff := range out.Files {
		if err := writeDiff(sys.Stdout, ff); err != nil {
			return err
		}
	}
	return nil
}

// writeDiff writes one file's unified diff, its control characters made
// visible as everywhere in figlint's output (a line holding one is then
// shown, not applicable: use --fix for it).
func writeDiff(w io.Writer, ff engine.FixedFile) error {
	var b bytes.Buffer
	name := report.EscapeLine(ff.Display)
	if err := udiff.Write(&b, name, name, ff.Old, ff.New); err != nil {
		return err
	}
	_, err := io.WriteString(w, report.EscapeKeepNewlines(b.String()))
	return err
}

// summary says on stderr what the run fixed, or would fix with --diff.
func (t *fixTally) summary(w io.Writer, diff bool) {
	verb := "fixed"
	if diff {
		verb = "would fix"
	}
	if t.findings == 0 {
		fmt.Fprintf(w, "figlint: nothing to fix\n")
		return
	}
	fmt.Fprintf(w, "figlint: %s %s in %s\n", verb, plural(t.findings, "finding"), plural(t.files, "file"))
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
