package engine_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
)

// at is the range of columns [1, endCol) of a line.
func at(line, endCol int) rules.Range {
	return rules.Range{Start: rules.Position{Line: line, Column: 1}, End: rules.Position{Line: line, Column: endCol}}
}

// relatedRule reports findings with related locations: two that the user
// cannot tell apart but whose related places differ (and overlap), one
// that differs in its message only, and one on a line that a
// figlint-ignore comment names.
var relatedRule = rules.Rule{
	Meta: rules.Meta{ID: "test-related", Severity: rules.SeverityWarning, Summary: "reports related places",
		Doc: "A rule for tests."},
	Run: func(p *rules.Pass) {
		table := "_data/t-genes.tsv"
		p.Report(rules.Diagnostic{Range: at(2, 6), Message: "one cause",
			Related: []rules.Related{{Range: at(3, 4), Message: "a"}, {Path: table, Range: at(1, 2), Message: "row"}}})
		p.Report(rules.Diagnostic{Range: at(2, 6), Message: "one cause",
			Related: []rules.Related{{Range: at(3, 4), Message: "a"}, {Range: at(4, 4), Message: "b"}}})
		p.Report(rules.Diagnostic{Range: at(2, 6), Message: "another cause",
			Related: []rules.Related{{Range: at(4, 4), Message: "b"}}})
		// Line 4 is named by a directive; this finding's own line is not.
		p.Report(rules.Diagnostic{Range: at(3, 4), Message: "related on a suppressed line",
			Related: []rules.Related{{Range: at(4, 4), Message: "b"}}})
		p.Report(rules.Diagnostic{Range: at(4, 4), Message: "suppressed",
			Related: []rules.Related{{Range: at(2, 6), Message: "c"}}})
	},
}

// TestRelatedThroughEngine: related locations survive the engine: the
// pass fills their path, a repeated finding adds its related places to
// the one kept instead of losing them, suppression goes by the finding's
// own line only (a directive on a related line hides nothing) and keeps
// the suppressed finding's related places, and a cached result equals a
// fresh one.
func TestRelatedThroughEngine(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "p.md")
	src := "---\ntitle: x\nfigid: y\nyear: 2020 # figlint-ignore test-related -- known\n---\n"
	if err := os.WriteFile(page, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	reg, err := rules.NewRegistry(relatedRule)
	if err != nil {
		t.Fatal(err)
	}
	f := engine.File{Display: "p.md", Path: page}
	table := "_data/t-genes.tsv"
	want := []rules.Finding{
		{Rule: "test-related", Severity: rules.SeverityWarning, Path: "p.md", Range: at(2, 6), Message: "another cause",
			Related: []rules.Related{{Path: "p.md", Range: at(4, 4), Message: "b"}}},
		{Rule: "test-related", Severity: rules.SeverityWarning, Path: "p.md", Range: at(2, 6), Message: "one cause",
			Related: []rules.Related{{Path: "p.md", Range: at(3, 4), Message: "a"},
				{Path: table, Range: at(1, 2), Message: "row"}, {Path: "p.md", Range: at(4, 4), Message: "b"}}},
		{Rule: "test-related", Severity: rules.SeverityWarning, Path: "p.md", Range: at(3, 4), Message: "related on a suppressed line",
			Related: []rules.Related{{Path: "p.md", Range: at(4, 4), Message: "b"}}},
	}
	wantSup := []rules.Related{{Path: "p.md", Range: at(2, 6), Message: "c"}}
	cacheDir := t.TempDir()
	for _, run := range []string{"uncached", "first cached", "from the cache"} {
		opts := engine.Options{}
		var c *engine.Cache
		if run != "uncached" {
			if c, err = engine.OpenCache(cacheDir, []byte("related")); err != nil {
				t.Fatal(err)
			}
			opts.Cache = c
		}
		var got []engine.Result
		if err := engine.New(reg, opts).Run([]engine.File{f}, 2, func(r engine.Result) error {
			got = append(got, r)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if c != nil {
			hits, _ := c.Stats()
			if (run == "from the cache") != (hits == 1) {
				t.Fatalf("%s: %d cache hits", run, hits)
			}
			_ = c.Close()
		}
		if len(got) != 1 || got[0].Err != nil {
			t.Fatalf("%s: %d results, %v", run, len(got), got)
		}
		if diff := cmp.Diff(want, got[0].Findings); diff != "" {
			t.Errorf("%s: findings (-want +got):\n%s", run, diff)
		}
		if s := got[0].Suppressed; len(s) != 1 || !cmp.Equal(s[0].Related, wantSup) {
			t.Errorf("%s: suppressed %+v; want one, related %+v", run, s, wantSup)
		}
	}
}
