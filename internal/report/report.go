// Package report writes findings in figlint's output formats. Each format
// streams: Begin once, File per linted file in path order, End with the
// totals.
package report

import (
	"fmt"
	"io"

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

// Options tune the text format.
type Options struct {
	Snippet bool
	Color   bool
}

// New returns the reporter for a format name: text or json.
func New(format string, w io.Writer, opts Options) (Reporter, error) {
	switch format {
	case "text", "":
		return &Text{w: w, opts: opts}, nil
	case "json":
		return &JSON{w: w}, nil
	}
	return nil, fmt.Errorf("unknown format %q: expected text or json", format)
}
