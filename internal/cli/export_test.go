package cli

import "github.com/figlint/figlint/rules"

var panicRule = rules.Rule{
	Meta: rules.Meta{ID: "test-panic", Severity: rules.SeverityError, Summary: "panics", Doc: "A rule that panics, for tests."},
	Run:  func(*rules.Pass) { panic("boom") },
}
