package pipeline

import (
	"github.com/figlint/figlint/internal/baseline"
	"github.com/figlint/figlint/internal/engine"
)

// Baseline moves the findings a baseline already holds to the result's
// suppressed findings (kind "external", as SARIF names a suppression kept
// outside the file), and with Record collects every finding's baseline
// entry for --write-baseline.
type Baseline struct {
	Base    *baseline.Baseline // nil: no baseline to match
	Record  bool
	Written []baseline.Entry
}

// Process implements Step.
func (b *Baseline) Process(r *engine.Result) error {
	if b.Base == nil && !b.Record {
		return nil
	}
	kept := r.Findings[:0]
	for _, f := range r.Findings {
		src := r.Source
		if f.Path != r.File.Display {
			src = nil // a finding in the page's genes table: no page lines to key on
		}
		key := baseline.Key(f, src)
		if b.Record {
			b.Written = append(b.Written, key)
		}
		if b.Base != nil && b.Base.Match(key) {
			r.Suppressed = append(r.Suppressed, engine.Suppressed{Finding: f, Kind: "external", Justification: "in the baseline"})
			continue
		}
		kept = append(kept, f)
	}
	r.Findings = kept
	return nil
}
