package report

import (
	"path/filepath"
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
	"github.com/figlint/figlint/schema"
)

// sarifFixtures is the folder of pages with findings of many rules.
const sarifFixtures = "../../fixtures/sarif"

// testRegistry is the registry the command builds: the built-in rules and
// the schema rule.
func testRegistry(tb testing.TB) *rules.Registry {
	tb.Helper()
	v, err := schema.Builtin()
	if err != nil {
		tb.Fatal(err)
	}
	reg, err := rules.NewRegistry(append(rules.Builtin(), v.Rule())...)
	if err != nil {
		tb.Fatal(err)
	}
	return reg
}

// lintFixtures lints every page under fixtures/sarif, as "figlint ." run
// there would, and returns the results in output order, their summary and
// the directory made absolute.
func lintFixtures(tb testing.TB, reg *rules.Registry) ([]engine.Result, Summary, string) {
	tb.Helper()
	abs, err := filepath.Abs(sarifFixtures)
	if err != nil {
		tb.Fatal(err)
	}
	files, errs := engine.Collect([]string{abs}, abs, nil)
	if len(errs) > 0 {
		tb.Fatal(errs)
	}
	eng := engine.New(reg, engine.Options{WorkDir: abs})
	var out []engine.Result
	var sum Summary
	err = eng.Run(files, 1, func(r engine.Result) error {
		if !r.Collection {
			sum.Files++
		}
		for _, f := range r.Findings {
			sum.Add(f)
		}
		out = append(out, r)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out, sum, abs
}

// render runs a reporter over results.
func render(tb testing.TB, rep Reporter, results []engine.Result, sum Summary) {
	tb.Helper()
	if err := rep.Begin(); err != nil {
		tb.Fatal(err)
	}
	for _, r := range results {
		if err := rep.File(r); err != nil {
			tb.Fatal(err)
		}
	}
	if err := rep.End(sum); err != nil {
		tb.Fatal(err)
	}
}
