package engine

import (
	"fmt"

	"github.com/figlint/figlint/rules"
)

// The first step of a finding's way out (see package pipeline for the
// whole chain): whether its rule is on for the finding's path, and the
// severity the configuration gives it.

// accept decides whether a reported finding is kept and gives it its
// severity; it returns an error for an ID the rule did not declare.
func (e *Engine) accept(rule rules.Rule, f *rules.Finding) (bool, error) {
	if !e.declared[rule.ID][f.Rule] {
		return false, fmt.Errorf("engine: rule %q reported under the undeclared ID %q", rule.ID, f.Rule)
	}
	on := e.enabled[f.Rule]
	if s, ok := e.override[f.Rule]; ok {
		f.Severity = s
	} else if f.Severity < rules.SeverityNote || f.Severity > rules.SeverityError {
		f.Severity = e.defaults[f.Rule]
	}
	for _, p := range e.paths {
		if !p.Match(f.Path) {
			continue
		}
		if v, ok := p.Enable[f.Rule]; ok {
			on = v
		}
		if s, ok := p.Severity[f.Rule]; ok {
			f.Severity = s
		}
	}
	return on, nil
}
