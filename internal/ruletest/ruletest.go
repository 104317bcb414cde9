// Package ruletest checks rules against fixture pages whose lines carry
// their expected findings, in the manner of go/analysis's analysistest.
//
// A YAML comment "# want "regexp"" on a line expects one finding starting on
// that line whose message matches; "# want rule-id:"regexp"" also fixes the
// rule, and "rule-id@COL:" or "rule-id@COL-ENDCOL:" the start (and end)
// column. Several expectations may follow one "# want". Findings on lines
// that cannot carry a comment (the opening "---", files that are not YAML)
// are expected in a sidecar file NAME.want, one per line:
// "LINE rule-id:"regexp"" (with the same optional @COL); "FILE:LINE ..."
// expects a finding in another file with that base name, such as the
// page's genes table; "enable RULE,..." turns further rules on for RunRule
// (to test suppressions of findings that are expected not to appear). An
// unexpected finding and an unmatched expectation both fail the test.
//
// RunRule also checks the rule's fixes, as analysistest's RunWithSuggestedFixes
// does: a page whose findings offer fixes has a sibling NAME.fixed holding
// the page as figlint --fix --unsafe-fixes leaves it (every fix applied,
// pass after pass, by the engine's own fix loop), and a page without fixes
// has none. FIGLINT_UPDATE_FIXED=1 rewrites the .fixed files.
package ruletest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
)

// Expectation is one expected finding.
type Expectation struct {
	// File is the base name of the file the finding is in, when it is not
	// the page itself.
	File string
	// EnableOnly marks a pseudo-expectation that only turns Rule on.
	EnableOnly bool
	Line       int
	Rule       string // "" matches any rule
	Col        int    // 0 matches any column
	EndCol     int    // 0 matches any end column
	Message    *regexp.Regexp
	matched    bool
	Location   string // where the expectation was written
}

var wantRe = regexp.MustCompile(`#\s*want\s+(.*)$`)

// ParseExpectations reads the expectations of one expectation list such as
// `schema/type@3:"re" "other"`.
func ParseExpectations(s string, line int, where string) ([]*Expectation, error) {
	var out []*Expectation
	s = strings.TrimSpace(s)
	for s != "" {
		e := &Expectation{Line: line, Location: where}
		if s[0] != '"' && s[0] != '`' {
			colon := strings.Index(s, ":")
			if colon < 0 {
				return nil, fmt.Errorf("%s: expected rule-id:\"regexp\", got %q", where, s)
			}
			id := s[:colon]
			if at := strings.Index(id, "@"); at >= 0 {
				cols := id[at+1:]
				id = id[:at]
				a, b, hasEnd := strings.Cut(cols, "-")
				var err error
				if e.Col, err = strconv.Atoi(a); err != nil {
					return nil, fmt.Errorf("%s: bad column in %q", where, cols)
				}
				if hasEnd {
					if e.EndCol, err = strconv.Atoi(b); err != nil {
						return nil, fmt.Errorf("%s: bad end column in %q", where, cols)
					}
				}
			}
			e.Rule = id
			s = s[colon+1:]
		}
		q, err := strconv.QuotedPrefix(s)
		if err != nil {
			return nil, fmt.Errorf("%s: expected a quoted regexp in %q", where, s)
		}
		pat, _ := strconv.Unquote(q)
		if e.Message, err = regexp.Compile(pat); err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		out = append(out, e)
		s = strings.TrimSpace(s[len(q):])
	}
	return out, nil
}

// Expectations reads a fixture's expectations from its lines and its
// sidecar .want file.
func Expectations(path string, data []byte) ([]*Expectation, error) {
	var out []*Expectation
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for n := 1; sc.Scan(); n++ {
		if m := wantRe.FindStringSubmatch(sc.Text()); m != nil {
			es, err := ParseExpectations(m[1], n, fmt.Sprintf("%s:%d", path, n))
			if err != nil {
				return nil, err
			}
			out = append(out, es...)
		}
	}
	side, err := os.ReadFile(strings.TrimSuffix(path, filepath.Ext(path)) + ".want")
	if os.IsNotExist(err) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	for i, l := range strings.Split(string(side), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		num, rest, _ := strings.Cut(l, " ")
		if num == "enable" {
			for _, id := range strings.Split(rest, ",") {
				out = append(out, &Expectation{Rule: strings.TrimSpace(id), EnableOnly: true, matched: true})
			}
			continue
		}
		file := ""
		if f, n, ok := strings.Cut(num, ":"); ok {
			file, num = f, n
		}
		line, err := strconv.Atoi(num)
		if err != nil {
			return nil, fmt.Errorf("%s.want:%d: expected [FILE:]LINE rule-id:\"regexp\"", path, i+1)
		}
		es, err := ParseExpectations(rest, line, fmt.Sprintf("%s.want:%d", path, i+1))
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			e.File = file
		}
		out = append(out, es...)
	}
	return out, nil
}

// Check matches the findings of the page at pagePath against expectations
// and returns the problems.
func Check(pagePath string, findings []rules.Finding, exps []*Expectation) []string {
	var problems []string
	for _, f := range findings {
		ok := false
		for _, e := range exps {
			inFile := (e.File == "" && f.Path == pagePath) || (e.File != "" && filepath.Base(f.Path) == e.File)
			if e.matched || !inFile || e.Line != f.Range.Start.Line || (e.Rule != "" && e.Rule != f.Rule) ||
				(e.Col != 0 && e.Col != f.Range.Start.Column) ||
				(e.EndCol != 0 && (f.Range.End.Line != f.Range.Start.Line || e.EndCol != f.Range.End.Column)) ||
				!e.Message.MatchString(f.Message) {
				continue
			}
			e.matched, ok = true, true
			break
		}
		if !ok {
			problems = append(problems, fmt.Sprintf("%s:%d:%d-%d:%d: unexpected finding: %s [%s]",
				f.Path, f.Range.Start.Line, f.Range.Start.Column, f.Range.End.Line, f.Range.End.Column, f.Message, f.Rule))
		}
	}
	for _, e := range exps {
		if !e.matched {
			col := ""
			if e.Col != 0 {
				col = fmt.Sprintf(" at column %d", e.Col)
			}
			problems = append(problems, fmt.Sprintf("%s: no finding matched %s:%q%s", e.Location, e.Rule, e.Message, col))
		}
	}
	sort.Strings(problems)
	return problems
}

// Run lints every *.md file under dir with eng and checks it against its
// expectations. It returns the number of files checked.
func Run(t *testing.T, eng *engine.Engine, dir string) int {
	t.Helper()
	return run(t, dir, func([]*Expectation) *engine.Engine { return eng }, nil)
}

// RunRule checks the fixtures of one rule, as analysistest does: each page
// under dir is linted with only that rule on, plus any rule the page's
// expectations name (a fixture opts in to another rule by expecting it).
func RunRule(t *testing.T, reg *rules.Registry, dir, id string) int {
	t.Helper()
	enabled := func(exps []*Expectation) []string {
		out := []string{id}
		for _, e := range exps {
			if e.Rule != "" {
				out = append(out, e.Rule)
			}
		}
		return out
	}
	return run(t, dir, func(exps []*Expectation) *engine.Engine {
		return engine.New(reg, engine.Options{Enabled: enabled(exps)})
	}, func(exps []*Expectation) *engine.Engine {
		return engine.New(reg, engine.Options{Enabled: enabled(exps), Fix: &engine.FixOptions{Unsafe: true}})
	})
}

// checkFixed compares the page as the fixer leaves it with its .fixed
// sibling.
func checkFixed(t *testing.T, fixer *engine.Engine, f engine.File) {
	t.Helper()
	golden := strings.TrimSuffix(f.Path, filepath.Ext(f.Path)) + ".fixed"
	res := fixer.LintFile(f)
	var fixed []byte
	if res.Fix != nil {
		if res.Fix.Err != nil {
			t.Fatalf("fixing: %v", res.Fix.Err)
		}
		for _, rb := range res.Fix.RolledBack {
			t.Logf("a fix was rolled back (the page keeps its finding): %s", rb)
		}
		for _, ff := range res.Fix.Files {
			if ff.Display == f.Display {
				fixed = ff.New
			}
		}
	}
	want, err := os.ReadFile(golden)
	switch {
	case os.Getenv("FIGLINT_UPDATE_FIXED") == "1":
		if fixed == nil {
			if err == nil {
				_ = os.Remove(golden)
			}
			return
		}
		if werr := os.WriteFile(golden, fixed, 0o644); werr != nil {
			t.Fatal(werr)
		}
	case fixed == nil && err == nil:
		t.Errorf("%s exists but no fix applies to the page; delete it (or run with FIGLINT_UPDATE_FIXED=1)", golden)
	case fixed != nil && err != nil:
		t.Errorf("the page's fixes change it but %s is missing; run with FIGLINT_UPDATE_FIXED=1 and review it", golden)
	case fixed != nil && !bytes.Equal(fixed, want):
		t.Errorf("fixed page differs from %s (FIGLINT_UPDATE_FIXED=1 rewrites it):\n%s", golden, fixed)
	}
}

// run lints the pages under dir as one run, so that collection-level
// rules see them together, and checks each page's expectations against the
// findings of its result (which may point into its companion files) and the
// collection findings on it.
func run(t *testing.T, dir string, engineFor, fixerFor func([]*Expectation) *engine.Engine) int {
	t.Helper()
	var files []engine.File
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "_data" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, engine.File{Display: filepath.ToSlash(p), Path: p})
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walking %s: %v", dir, err)
	}
	exps := map[string][]*Expectation{}
	var all []*Expectation
	for _, f := range files {
		data, readErr := os.ReadFile(f.Path)
		if readErr != nil {
			t.Fatal(readErr)
		}
		es, expErr := Expectations(f.Path, data)
		if expErr != nil {
			t.Fatal(expErr)
		}
		exps[f.Display] = es
		all = append(all, es...)
	}
	found := map[string][]rules.Finding{}
	err = engineFor(all).Run(files, 2, func(r engine.Result) error {
		if r.Err != nil {
			t.Errorf("%s: internal error: %v", r.File.Display, r.Err)
		}
		for _, f := range r.Findings {
			page := r.File.Display
			if r.Collection {
				page = f.Path
			}
			found[page] = append(found[page], f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		t.Run(f.Display, func(t *testing.T) {
			for _, problem := range Check(f.Display, found[f.Display], exps[f.Display]) {
				t.Error(problem)
			}
			if fixerFor != nil {
				checkFixed(t, fixerFor(exps[f.Display]), f)
			}
		})
	}
	return len(files)
}
