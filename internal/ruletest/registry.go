package ruletest

import (
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
	"github.com/figlint/figlint/schema"
)

// Registry returns the built-in rules (with the built-in schema) plus
// extra rules, for tests; an extra rule that is already built in is not
// added twice, so a rule's own test works before and after it is
// registered.
func Registry(tb testing.TB, extra ...rules.Rule) *rules.Registry {
	tb.Helper()
	v, err := schema.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	rs := append(rules.Builtin(), v.Rule())
	have := map[string]bool{}
	for _, r := range rs {
		have[r.ID] = true
	}
	for _, r := range extra {
		if !have[r.ID] {
			rs = append(rs, r)
		}
	}
	reg, err := rules.NewRegistry(rs...)
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
