package pipeline

import (
	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/report"
)

// Count adds up the files and the findings that reach the outputs, and
// tells Progress (when set) how many findings each page had.
type Count struct {
	Sum      report.Summary
	Progress func(findings int)
}

// Process implements Step.
func (c *Count) Process(r *engine.Result) error {
	if !r.Collection {
		c.Sum.Files++
		if c.Progress != nil {
			c.Progress(len(r.Findings))
		}
	}
	for _, f := range r.Findings {
		c.Sum.Add(f)
	}
	return nil
}
