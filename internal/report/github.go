package report

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
)

// GitHub writes one GitHub Actions workflow command per finding
// ("::error file=…,line=…::message"), which the runner turns into an
// annotation on the pull request, the most severe first: GitHub shows only
// the first few annotations of each kind per step. When
// GITHUB_STEP_SUMMARY names a file, it appends a Markdown job summary:
// counts per rule and severity and the first findings.
//
// The findings are held until End to order them; memory grows with the
// number of findings only.
type GitHub struct {
	w    io.Writer
	opts Options
	dir  string
	root string
	// findings are the run's findings by severity rank (errors first),
	// each in the order the run reported it.
	findings   [3][]ghFinding
	suppressed int
}

// ghFinding is what the format keeps of a finding.
type ghFinding struct {
	rule     string
	severity rules.Severity
	path     string // relative to the repository root
	rng      rules.Range
	message  string
	also     string // " (also at …)": the related places, "" for none
}

// NewGitHub returns a GitHub reporter.
func NewGitHub(w io.Writer, opts Options) *GitHub {
	dir := opts.Dir
	if dir == "" {
		dir = "."
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return &GitHub{w: w, opts: opts, dir: dir, root: RepoRoot(dir)}
}

// Begin implements Reporter.
func (g *GitHub) Begin() error { return nil }

// File implements Reporter.
func (g *GitHub) File(r engine.Result) error {
	paths := map[string]string{} // one string per file, shared by its findings
	for _, f := range r.Findings {
		// Annotations name files relative to the repository root, not to
		// the directory figlint ran in.
		p, ok := paths[f.Path]
		if !ok {
			p, _ = repoRelative(f.Path, g.dir, g.root)
			paths[f.Path] = p
		}
		rank := severityRank(f.Severity)
		g.findings[rank] = append(g.findings[rank], ghFinding{rule: f.Rule, severity: f.Severity,
			path: p, rng: f.Range, message: f.Message, also: g.alsoAt(f.Related, paths)})
	}
	g.suppressed += len(r.Suppressed)
	return nil
}

// alsoAt names a finding's related places for its annotation, which has
// one location: " (also at a.md:3:1, b.tsv:2:1 and 3 more)", the paths
// relative to the repository root as the annotation's own file is. The
// places' messages are left out to keep the annotation short.
func (g *GitHub) alsoAt(rs []rules.Related, paths map[string]string) string {
	if len(rs) == 0 {
		return ""
	}
	shown := shownRelated(len(rs))
	places := make([]string, 0, shown+1)
	for _, r := range rs[:shown] {
		p, ok := paths[r.Path]
		if !ok {
			p, _ = repoRelative(r.Path, g.dir, g.root)
			paths[r.Path] = p
		}
		places = append(places, relatedPlace(p, r.Range))
	}
	if more := len(rs) - shown; more > 0 {
		places = append(places, fmt.Sprintf("%d more", more))
	}
	last := len(places) - 1
	if last == 0 {
		return " (also at " + places[0] + ")"
	}
	return " (also at " + strings.Join(places[:last], ", ") + " and " + places[last] + ")"
}

// End implements Reporter: it writes the commands and the job summary.
func (g *GitHub) End(s Summary) error {
	bw := bufio.NewWriter(g.w)
	for _, fs := range g.findings {
		for _, f := range fs {
			bw.WriteString(workflowCommand(f))
		}
	}
	fmt.Fprintf(bw, "figlint: %s\n", countsLine(s, g.suppressed))
	if path := g.getenv("GITHUB_STEP_SUMMARY"); path != "" {
		if err := g.writeSummary(path, s); err != nil {
			// The annotations are out; a summary that cannot be written
			// should not turn a lint run into an internal error.
			fmt.Fprintf(bw, "::warning title=figlint::%s\n", escapeData(fmt.Sprintf("cannot write the job summary: %v", err)))
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("report: github: %w", err)
	}
	return nil
}

func (g *GitHub) getenv(key string) string {
	if g.opts.Getenv == nil {
		return ""
	}
	return g.opts.Getenv(key)
}

// workflowCommand renders one finding as ::error, ::warning or ::notice.
// Columns are given only for a one-line span: GitHub's annotations accept
// start and end columns only on the same line.
func workflowCommand(f ghFinding) string {
	cmd := "warning"
	switch f.severity {
	case rules.SeverityError:
		cmd = "error"
	case rules.SeverityNote:
		cmd = "notice"
	}
	var b strings.Builder
	b.WriteString("::" + cmd + " file=" + escapeProperty(f.path))
	if st := f.rng.Start; st.Line >= 1 {
		end := f.rng.End
		if end.Line < 1 || end.Less(st) {
			end = st
		}
		fmt.Fprintf(&b, ",line=%d,endLine=%d", st.Line, end.Line)
		if end.Line == st.Line && st.Column >= 1 {
			fmt.Fprintf(&b, ",col=%d,endColumn=%d", st.Column, max(end.Column, st.Column))
		}
	}
	b.WriteString(",title=" + escapeProperty(f.rule) + "::" + escapeData(f.message+f.also) + "\n")
	return b.String()
}

// escapeData escapes a workflow command's message as @actions/core does,
// and first makes every other control character a visible escape (see
// escapeControl): an ESC or BEL from a page must not reach the log raw.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(escapeControlKeepBreaks(s))
}

// escapeProperty escapes a workflow command's property value as
// @actions/core does: also ":" and ",", which delimit properties.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(escapeControlKeepBreaks(s))
}

// escapeControlKeepBreaks is escapeControl but for line breaks, which the
// workflow command encoding carries as %0D and %0A.
func escapeControlKeepBreaks(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return escapeControl(s)
	}
	var b strings.Builder
	for {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			b.WriteString(escapeControl(s))
			return b.String()
		}
		b.WriteString(escapeControl(s[:i]))
		b.WriteByte(s[i])
		s = s[i+1:]
	}
}

// countsLine says "20 findings in 7 files: 16 errors, 1 warning, 3 notes".
func countsLine(s Summary, suppressed int) string {
	var b strings.Builder
	if s.Findings == 0 {
		fmt.Fprintf(&b, "no findings in %s", plural(s.Files, "file"))
	} else {
		fmt.Fprintf(&b, "%s in %s: %s, %s, %s", plural(s.Findings, "finding"), plural(s.Files, "file"),
			plural(s.Errors, "error"), plural(s.Warnings, "warning"), plural(s.Notes, "note"))
	}
	if suppressed > 0 {
		fmt.Fprintf(&b, " (%d suppressed)", suppressed)
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
