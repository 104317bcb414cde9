// Package pipeline decides the fate of each file's findings on their way
// from the engine to the outputs, as a chain of small steps (golangci-lint's
// processors are the model). The engine's own steps run per file in its
// workers, in this order: severity and enablement from the configuration
// (engine/severity.go), the fix contract (engine/fixcheck.go), inline
// suppressions (engine/suppress.go), related-location grouping of repeats
// (engine/related.go) and, with --fix or --diff, the fix loop
// (engine/fix.go). The steps here run in the order the CLI wires them, on
// one goroutine, in the order of the files:
//
//	Fix       what --fix wrote or --diff would write (fix.go)
//	Baseline  findings the baseline already knows become suppressed; with
//	          --write-baseline every finding is recorded (baseline.go)
//	Count     the summary the outputs end with (count.go)
//	FailOn    whether any kept finding is at or above --fail-on (failon.go)
//	Internal  rule panics and contract violations (internal.go)
//	Output    the formats (output.go)
//
// Each step sees the result as the steps before it left it.
package pipeline

import "github.com/figlint/figlint/internal/engine"

// A Step processes one result. An error stops the run (an output that can
// no longer be written); a step that only records something returns nil.
type Step interface {
	Process(r *engine.Result) error
}

// Chain runs its steps in order on each result.
type Chain []Step

// Process runs every step on r, stopping at the first error.
func (c Chain) Process(r *engine.Result) error {
	for _, s := range c {
		if err := s.Process(r); err != nil {
			return err
		}
	}
	return nil
}
