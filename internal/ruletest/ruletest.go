// Package ruletest checks rules against fixture pages whose lines carry
// their expected findings, in the manner of go/analysis's analysistest.
//
// A YAML comment "# want "regexp"" on a line expects one finding starting on
// that line whose message matches; "# want rule-id:"regexp"" also fixes the
// rule, and "rule-id@COL:" or "rule-id@COL-ENDCOL:" the start (and end)
// column. Several expectations may follow one "# want". Findings on lines
// that cannot carry a comment (the opening "---", files that are not YAML)
// are expected in a sidecar file NAME.want, one per line:
// "LINE rule-id:"regexp"" (with the same optional @COL). An unexpected
// finding and an unmatched expectation both fail the test.
package ruletest

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/rules"
)

// Expectation is one expected finding.
type Expectation struct {
	Line     int
	Rule     string // "" matches any rule
	Col      int    // 0 matches any column
	EndCol   int    // 0 matches any end column
	Message  *regexp.Regexp
	matched  bool
	Location string // where the expectation was written
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
		line, err := strconv.Atoi(num)
		if err != nil {
			return nil, fmt.Errorf("%s.want:%d: expected LINE rule-id:\"regexp\"", path, i+1)
		}
		es, err := ParseExpectations(rest, line, fmt.Sprintf("%s.want:%d", path, i+1))
		if err != nil {
			return nil, err
		}
		out = append(out, es...)
	}
	return out, nil
}

// Check matches findings against expectations and returns the problems.
func Check(findings []rules.Finding, exps []*Expectation) []string {
	var problems []string
	for _, f := range findings {
		ok := false
		for _, e := range exps {
			if e.matched || e.Line != f.Range.Start.Line || (e.Rule != "" && e.Rule != f.Rule) ||
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
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walking %s: %v", dir, err)
	}
	for _, p := range files {
		t.Run(filepath.ToSlash(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			exps, err := Expectations(p, data)
			if err != nil {
				t.Fatal(err)
			}
			findings := eng.LintDocument(frontmatter.Parse(filepath.ToSlash(p), data))
			for _, problem := range Check(findings, exps) {
				t.Error(problem)
			}
		})
	}
	return len(files)
}
