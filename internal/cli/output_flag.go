package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/report"
)

// outputFormats are the formats --output accepts, in the order the help
// lists them.
var outputFormats = []string{"text", "json", "sarif", "github", "csv", "html"}

// outputSpec is one --output FORMAT=FILE; File "-" is standard output.
type outputSpec struct {
	Format, File string
	flag         string // how the user asked for it, for messages
}

// outputsFlag collects repeated --output FORMAT=FILE values.
type outputsFlag []outputSpec

func (o *outputsFlag) String() string {
	parts := make([]string, len(*o))
	for i, s := range *o {
		parts[i] = s.Format + "=" + s.File
	}
	return strings.Join(parts, " ")
}

func (o *outputsFlag) Set(v string) error {
	format, file, ok := strings.Cut(v, "=")
	if !ok || file == "" {
		return fmt.Errorf("expected FORMAT=FILE (such as json=findings.json, or text=- for standard output), got %q", v)
	}
	if !slices.Contains(outputFormats, format) {
		return fmt.Errorf("unknown format %q: expected %s", format, strings.Join(outputFormats, ", "))
	}
	if file == "-" && slices.ContainsFunc(*o, func(s outputSpec) bool { return s.File == "-" }) {
		return errors.New("standard output (-) can take one format only")
	}
	*o = append(*o, outputSpec{Format: format, File: file, flag: "--output " + v})
	return nil
}

// stdoutSpec returns the --output that names standard output, if any.
func (o outputsFlag) stdoutSpec() (outputSpec, bool) {
	for _, s := range o {
		if s.File == "-" {
			return s, true
		}
	}
	return outputSpec{}, false
}

// fileOutputs lists the outputs written to files: the --output ones, then
// --sarif-file and --report, which are the same as --output sarif=FILE and
// --output html=FILE. Two outputs naming one file are a usage error: one
// would silently replace the other.
func fileOutputs(fl *lintFlags, dir string) ([]outputSpec, error) {
	var specs []outputSpec
	for _, s := range fl.outputs {
		if s.File != "-" {
			specs = append(specs, s)
		}
	}
	if fl.sarifFile != "" {
		specs = append(specs, outputSpec{Format: "sarif", File: fl.sarifFile, flag: "--sarif-file " + fl.sarifFile})
	}
	if fl.reportFile != "" {
		specs = append(specs, outputSpec{Format: "html", File: fl.reportFile, flag: "--report " + fl.reportFile})
	}
	seen := map[string]string{}
	if fl.writeBaseline != "" {
		seen[filepath.Clean(abs(dir, fl.writeBaseline))] = "--write-baseline " + fl.writeBaseline
	}
	for _, s := range specs {
		p := filepath.Clean(abs(dir, s.File))
		if other, ok := seen[p]; ok {
			return nil, usagef("%s and %s name the same file; expected one output per file", other, s.flag)
		}
		seen[p] = s.flag
	}
	return specs, nil
}

// outputsNameNoInput refuses output files that are pages of the run.
func outputsNameNoInput(dir string, files []engine.File, specs []outputSpec) error {
	for _, s := range specs {
		oi, err := os.Stat(abs(dir, s.File))
		if err != nil {
			continue // a new file names no input
		}
		for _, f := range files {
			if fi, err := os.Stat(f.Path); err == nil && os.SameFile(oi, fi) {
				return usagef("%s names a file being linted (%s); expected an output file that is not a page", s.flag, f.Display)
			}
		}
	}
	return nil
}

// newReporter returns the reporter of a format writing to w; base is the
// folder the output lives in (the HTML report's links start there).
func newReporter(format string, w io.Writer, opts report.Options, base string) (report.Reporter, error) {
	if format == "html" {
		return report.NewHTMLAt(w, opts, base)
	}
	return report.New(format, w, opts)
}

// atomicOutput writes one output file: to a temporary file beside it,
// renamed over it when the run's output is complete, so a reader (a CI
// upload step, a browser) never sees half a report and a failed run leaves
// the previous file as it was. An output that exists and is not a regular
// file (/dev/stdout, a FIFO of a shell's process substitution, a device)
// is written directly: renaming over it would replace the device itself.
type atomicOutput struct {
	report.Reporter
	spec   outputSpec
	path   string   // where the file goes, links resolved
	f      *os.File // the temporary file, or the non-regular file itself
	direct bool     // f is the output itself: nothing to rename
	buf    *bufio.Writer
	done   bool
}

// openFileOutputs opens every file output; the caller must call the
// returned cleanup when the run ends, which removes the temporary files of
// outputs that were not completed.
func openFileOutputs(specs []outputSpec, dir string, opts report.Options) ([]report.Reporter, func(), error) {
	var outs []*atomicOutput
	cleanup := func() {
		for _, o := range outs {
			if !o.done {
				o.abort()
			}
		}
	}
	reps := make([]report.Reporter, 0, len(specs))
	fileOpts := opts
	fileOpts.Color = false // colour is for terminals
	for _, s := range specs {
		o, err := openOutput(s, abs(dir, s.File))
		if err != nil {
			cleanup()
			return nil, nil, usagef("%s: cannot create the file: %v", s.flag, unwrapPathErr(err))
		}
		outs = append(outs, o)
		r, err := newReporter(s.Format, o.buf, fileOpts, filepath.Dir(abs(dir, s.File)))
		if err != nil {
			cleanup()
			return nil, nil, usagef("%s: %v", s.flag, err)
		}
		o.Reporter = r
		reps = append(reps, o)
	}
	return reps, cleanup, nil
}

func openOutput(s outputSpec, path string) (*atomicOutput, error) {
	o := &atomicOutput{spec: s, path: path}
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		o.path = resolved // a link to the report is kept, its target replaced
	}
	if info, err := os.Stat(o.path); err == nil && !info.Mode().IsRegular() {
		if info.IsDir() {
			return nil, fmt.Errorf("%s is a directory", s.File)
		}
		f, err := os.OpenFile(o.path, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return nil, err
		}
		o.f, o.direct = f, true
	} else {
		f, err := os.CreateTemp(filepath.Dir(o.path), "."+filepath.Base(o.path)+".figlint-*")
		if err != nil {
			return nil, err
		}
		o.f = f
	}
	o.buf = bufio.NewWriterSize(o.f, 1<<16)
	return o, nil
}

func (o *atomicOutput) abort() {
	_ = o.f.Close()
	if !o.direct {
		_ = os.Remove(o.f.Name())
	}
}

// End completes the output and renames it into place.
func (o *atomicOutput) End(s report.Summary) error {
	if err := o.Reporter.End(s); err != nil {
		return fmt.Errorf("%s: %w", o.spec.flag, err)
	}
	if err := o.buf.Flush(); err != nil {
		return fmt.Errorf("%s: %w", o.spec.flag, err)
	}
	if o.direct {
		o.done = true
		if err := o.f.Close(); err != nil {
			return fmt.Errorf("%s: %w", o.spec.flag, err)
		}
		return nil
	}
	mode := os.FileMode(0o644)
	if info, err := os.Stat(o.path); err == nil {
		mode = info.Mode().Perm() // replacing a file keeps its permissions
	}
	if err := o.f.Chmod(mode); err != nil {
		return fmt.Errorf("%s: %w", o.spec.flag, err)
	}
	if err := o.f.Close(); err != nil {
		return fmt.Errorf("%s: %w", o.spec.flag, err)
	}
	if err := os.Rename(o.f.Name(), o.path); err != nil {
		return fmt.Errorf("%s: %w", o.spec.flag, err)
	}
	o.done = true
	return nil
}

func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// stdoutOutput decides the format of standard output: --format, or the
// format of an --output FORMAT=-, which must not contradict an explicit
// --format.
func stdoutOutput(fs *flag.FlagSet, fl *lintFlags) (format string, html bool, err error) {
	s, ok := fl.outputs.stdoutSpec()
	if !ok {
		return fl.format, false, nil
	}
	formatSet := false
	fs.Visit(func(f *flag.Flag) { formatSet = formatSet || f.Name == "format" })
	if formatSet && fl.format != s.Format {
		return "", false, usagef("--format %s and %s both name standard output; drop one of them", fl.format, s.flag)
	}
	fl.format = s.Format // --diff and the checks below read it
	return s.Format, s.Format == "html", nil
}
