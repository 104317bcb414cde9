package pipeline

import (
	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/report"
)

// Output hands each result to the formats.
type Output struct {
	Reporter report.Reporter
}

// Process implements Step.
func (o Output) Process(r *engine.Result) error {
	return o.Reporter.File(*r)
}
