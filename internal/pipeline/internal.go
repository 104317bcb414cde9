package pipeline

import "github.com/figlint/figlint/internal/engine"

// Internal collects the results' internal errors (a rule that panicked or
// broke the fix contract); the run exits 3 when there is any.
type Internal struct {
	Errs []error
}

// Process implements Step.
func (s *Internal) Process(r *engine.Result) error {
	if r.Err != nil {
		s.Errs = append(s.Errs, r.Err)
	}
	return nil
}
