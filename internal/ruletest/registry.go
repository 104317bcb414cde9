package ruletest

import (
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
	"github.com/figlint/figlint/schema"
)

// Registry returns the built-in rules (with the built-in schema) plus
// extra rules, for tests.
func Registry(tb testing.TB, extra ...rules.Rule) *rules.Registry {
	tb.Helper()
	v, err := schema.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	rs := append(rules.Builtin(), v.Rule())
	reg, err := rules.NewRegistry(append(rs, extra...)...)
	if err != nil {
		tb.Fatal(err)
	}
	return reg
}

// Engine returns an engine over Registry(tb, extra...) with every rule on.
func Engine(tb testing.TB, extra ...rules.Rule) *engine.Engine {
	tb.Helper()
	return engine.New(Registry(tb, extra...), engine.Options{})
}
