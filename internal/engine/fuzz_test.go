package engine_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/internal/yamlpos"
	"go.yaml.in/yaml/v3"
)

// addFixtureSeeds seeds a fuzz target with every fixture page.
func addFixtureSeeds(f *testing.F) {
	_ = filepath.WalkDir("../../fixtures", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
				addFormatSeeds(f, data)
			}
		}
		return nil
	})
}

// addFormatSeeds adds a YAML page written as TOML and as JSON front
// matter (see formats_test.go), when it parses and can be.
func addFormatSeeds(f *testing.F, data []byte) {
	doc := frontmatter.Parse("f.md", data)
	if doc.Broken || doc.Root == nil || doc.Format != "" || doc.Root.Kind != yaml.MappingNode || hasAliases(doc.Root) {
		return
	}
	if text, _, err := toTOML(doc); err == nil {
		f.Add([]byte(text))
	}
	text, _ := toJSON(doc)
	f.Add([]byte(text))
}

// FuzzLint runs the whole per-file pipeline (split, parse, value, every
// registered rule, suppressions, the fix check, and the collection phase
// over the page alone) on arbitrary bytes: no rule may panic or fail
// (Result.Err, where the engine puts a rule's recovered panic), and every
// finding must lie in the file. The companion tables are the PFOCR
// fixtures', so pages naming one of their figids also run the table rules.
// Seeds are the fixture pages.
func FuzzLint(f *testing.F) {
	addFixtureSeeds(f)
	f.Add([]byte("---\na: &a [x]\nb: [*a, *a]\nc: {<<: *a}\n? [k]\n: v\n---\n"))
	reg := ruletest.Registry(f)
	eng := engine.New(reg, engine.Options{DataDir: "../../fixtures/pfocr/_data"})
	for _, m := range reg.Metas() {
		if !eng.Runnable(m.ID) {
			f.Fatalf("rule %s is not run", m.ID)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc := frontmatter.Parse("f.md", data)
		src := yamlpos.New(data)
		res := eng.LintParsed(doc)
		if res.Err != nil {
			t.Fatalf("lint failed: %v", res.Err)
		}
		fin := eng.FinishOne(res)
		if fin.Err != nil {
			t.Fatalf("collection phase failed: %v", fin.Err)
		}
		for _, fd := range append(res.Findings, fin.Findings...) {
			if fd.Rule == "" || fd.Severity == 0 || fd.Message == "" {
				t.Fatalf("incomplete finding %+v", fd)
			}
			if fd.Path != "f.md" {
				continue // a finding in a companion table
			}
			s, e := fd.Range.Start, fd.Range.End
			if s.Line < 1 || s.Line > src.LineCount() || s.Column < 1 || e.Line < s.Line || e.Line > src.LineCount() ||
				(e.Line == s.Line && e.Column < s.Column) {
				t.Fatalf("finding %q [%s] at %v outside the file of %d lines", fd.Message, fd.Rule, fd.Range, src.LineCount())
			}
			if limit := utf8.RuneCountInString(src.Line(s.Line)) + 2; s.Column > limit && !strings.HasPrefix(string(data), "\xef\xbb\xbf") {
				t.Fatalf("finding %q at column %d past the end of line %d", fd.Message, s.Column, s.Line)
			}
		}
	})
}
