package pipeline

import (
	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
)

// FailOn records whether any finding that reaches the outputs is at or
// above the --fail-on threshold.
type FailOn struct {
	Threshold rules.Severity
	Failed    bool
}

// Process implements Step.
func (s *FailOn) Process(r *engine.Result) error {
	for _, f := range r.Findings {
		if f.Severity >= s.Threshold {
			s.Failed = true
			return nil
		}
	}
	return nil
}
