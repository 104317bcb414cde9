package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"

	"github.com/figlint/figlint/internal/engine"
)

// outputsAreNotInputs refuses output files (flag -> path) that name a
// page of the run: writing the report over a page would destroy it.
func outputsAreNotInputs(dir string, files []engine.File, outputs map[string]string) error {
	for _, flagName := range []string{"--sarif-file", "--report", "--write-baseline"} {
		out := outputs[flagName]
		if out == "" {
			continue
		}
		oi, err := os.Stat(abs(dir, out))
		if err != nil {
			continue // a new file names no input
		}
		for _, f := range files {
			if fi, err := os.Stat(f.Path); err == nil && os.SameFile(oi, fi) {
				return usagef("%s %s names a file being linted (%s); expected an output file that is not a page", flagName, out, f.Display)
			}
		}
	}
	return nil
}

// writeError turns a failure to write the output into a usage error (exit
// 2) that says what to check: a full disk or a closed pipe is the
// machine's state, not a bug of figlint's.
func writeError(err error) error {
	hint := "check that the output can be written"
	switch {
	case errors.Is(err, syscall.ENOSPC):
		hint = "the disk is full"
	case errors.Is(err, fs.ErrPermission):
		hint = "permission denied"
	case errors.Is(err, syscall.EPIPE):
		hint = "the output was closed"
	}
	return &usageError{msg: fmt.Sprintf("cannot write the output: %v (%s)", err, hint), cause: err}
}
