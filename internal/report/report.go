// Package report writes findings in figlint's output formats. Each format
// streams: Begin once, File per linted file in path order, End with the
// totals.
package report

import (
	"fmt"
	"io"
	"time"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
)

// Summary counts a run's files and findings.
type Summary struct {
	Files    int `json:"files"`
	Findings int `json:"findings"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Notes    int `json:"notes"`
}

// Add counts a finding.
func (s *Summary) Add(f rules.Finding) {
	s.Findings++
	switch f.Severity {
	case rules.SeverityError:
		s.Errors++
	case rules.SeverityWarning:
		s.Warnings++
	case rules.SeverityNote:
		s.Notes++
	}
}

// Reporter writes one output format.
type Reporter interface {
	Begin() error
	File(r engine.Result) error
	End(s Summary) error
}

// Options tune the formats.
type Options struct {
	// Snippet prints the source line under each finding (text).
	Snippet bool
	// Color paints the text output.
	Color bool
	// Registry supplies the rule metadata of SARIF's tool.driver.rules;
	// the sarif format needs it.
	Registry *rules.Registry
	// Version is figlint's version, SARIF's tool.driver.version.
	Version string
	// Dir is the working directory that findings' paths are relative to
	// ("" for the process's). SARIF and GitHub paths are made relative to
	// the repository around it (see RepoRoot), and SARIF fingerprints read
	// files through it.
	Dir string
	// Category is SARIF's runAutomationDetails.id (--sarif-category): it
	// tells apart several analyses of one commit in GitHub code scanning.
	Category string
	// IncludeSuppressed writes the findings that suppressions or a baseline
	// hid into SARIF, each with its suppressions entry.
	IncludeSuppressed bool
	// Getenv reads the environment, for GITHUB_STEP_SUMMARY (github
	// format); nil reads nothing.
	Getenv func(string) string
	// Command is the run's command line, program name first, as os.Args
	// has it: the HTML report's header shows it, so that a curator can
	// repeat the run.
	Command []string
	// ConfigFile is the configuration file the run read, as the user
	// would name it; "" when none was read.
	ConfigFile string
	// Started is when the run began; the HTML report's header shows it in
	// UTC. The zero time leaves it out, so that two renderings of the same
	// results can be compared byte for byte.
	Started time.Time
}

// Formats lists the format names that New accepts.
const Formats = "text, json, sarif, github or csv"

// New returns the reporter for a format name: text, json, sarif, github or
// csv.
func New(format string, w io.Writer, opts Options) (Reporter, error) {
	switch format {
	case "text", "":
		return &Text{w: w, opts: opts}, nil
	case "json":
		return &JSON{w: w}, nil
	case "sarif":
		return NewSARIF(w, opts)
	case "github":
		return NewGitHub(w, opts), nil
	case "csv":
		return NewCSV(w), nil
	}
	return nil, fmt.Errorf("unknown format %q: expected %s", format, Formats)
}

// multi writes several formats from one run.
type multi []Reporter

// Multi returns a Reporter that passes every call to each of rs in turn,
// stopping at the first error; it writes one run in several formats, such
// as text on standard output and SARIF to a file.
func Multi(rs ...Reporter) Reporter { return multi(rs) }

// Begin implements Reporter.
func (m multi) Begin() error {
	for _, r := range m {
		if err := r.Begin(); err != nil {
			return err
		}
	}
	return nil
}

// File implements Reporter.
func (m multi) File(res engine.Result) error {
	for _, r := range m {
		if err := r.File(res); err != nil {
			return err
		}
	}
	return nil
}

// End implements Reporter. Every reporter's End runs, so that each closes
// what it opened; the first error is returned.
func (m multi) End(s Summary) error {
	var first error
	for _, r := range m {
		if err := r.End(s); err != nil && first == nil {
			first = err
		}
	}
	return first
}
