package report

import (
	"fmt"
	"os"
	"sort"
	"strings"
)

const (
	// MaxStepSummary is the most a step's job summary may hold, in bytes:
	// GitHub rejects a larger $GITHUB_STEP_SUMMARY file.
	MaxStepSummary = 1 << 20
	// SummaryFindings is how many findings the job summary lists at most.
	SummaryFindings = 100
)

// writeSummary appends the job summary to the file at path, within what
// is left of MaxStepSummary after what earlier commands of the step wrote.
func (g *GitHub) writeSummary(path string, s Summary) error {
	budget := MaxStepSummary
	if info, err := os.Stat(path); err == nil {
		budget -= int(info.Size())
	}
	md, ok := g.summaryMarkdown(s, budget)
	if !ok {
		return fmt.Errorf("%s already holds more than %d of the %d bytes GitHub allows", path, MaxStepSummary-budget-1, MaxStepSummary)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(md); err != nil {
		_ = f.Close() // the write error is the one to report
		return err
	}
	return f.Close()
}

// summaryMarkdown renders the summary in at most budget bytes; it returns
// false when not even the counts fit.
func (g *GitHub) summaryMarkdown(s Summary, budget int) (string, bool) {
	var b strings.Builder
	b.WriteString("## figlint\n\n")
	if s.Findings == 0 {
		fmt.Fprintf(&b, "No findings in %s.\n", plural(s.Files, "file"))
	} else {
		fmt.Fprintf(&b, "**%s** in %s: %s, %s, %s.\n", plural(s.Findings, "finding"), plural(s.Files, "file"),
			plural(s.Errors, "error"), plural(s.Warnings, "warning"), plural(s.Notes, "note"))
	}
	if g.suppressed > 0 {
		fmt.Fprintf(&b, "\n%s hidden by figlint-ignore comments or the baseline.\n", plural(g.suppressed, "finding"))
	}
	if s.Findings > 0 {
		b.WriteString("\n| Rule | Errors | Warnings | Notes |\n|---|---:|---:|---:|\n")
		for _, c := range g.ruleCounts() {
			fmt.Fprintf(&b, "| `%s` | %d | %d | %d |\n", c.rule, c.n[0], c.n[1], c.n[2])
		}
	}
	// Room for the closing note, whatever its numbers.
	const reserve = 300
	if b.Len()+reserve > budget {
		return "", false
	}
	listed, total := 0, 0
	for _, fs := range g.findings {
		total += len(fs)
	}
	full := false
	if total > 0 {
		head := "\n### First findings, the most severe first\n\n| Severity | Location | Rule | Message |\n|---|---|---|---|\n"
		if b.Len()+len(head)+reserve <= budget {
			b.WriteString(head)
		} else {
			full = true
		}
	}
rows:
	for _, fs := range g.findings {
		for _, f := range fs {
			if full || listed == SummaryFindings {
				break rows
			}
			row := g.summaryRow(f)
			if b.Len()+len(row)+reserve > budget {
				full = true
				break rows
			}
			b.WriteString(row)
			listed++
		}
	}
	if listed < total {
		why := ""
		if full {
			why = fmt.Sprintf(", to keep within GitHub's %d-byte job summary limit", MaxStepSummary)
		}
		fmt.Fprintf(&b, "\n_%d of %d findings are listed%s; the annotations and the SARIF upload have the rest._\n", listed, total, why)
	}
	return b.String(), true
}

type ruleCount struct {
	rule string
	n    [3]int // errors, warnings, notes
}

// ruleCounts counts findings per rule and severity, the rule with the most
// findings first.
func (g *GitHub) ruleCounts() []ruleCount {
	by := map[string]*ruleCount{}
	for rank, fs := range g.findings {
		for _, f := range fs {
			c := by[f.rule]
			if c == nil {
				c = &ruleCount{rule: f.rule}
				by[f.rule] = c
			}
			c.n[rank]++
		}
	}
	out := make([]ruleCount, 0, len(by))
	for _, c := range by {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		ti, tj := out[i].n[0]+out[i].n[1]+out[i].n[2], out[j].n[0]+out[j].n[1]+out[j].n[2]
		if ti != tj {
			return ti > tj
		}
		return out[i].rule < out[j].rule
	})
	return out
}

// summaryRow is one finding as a table row; the location links to the
// line on GitHub when the run's repository and commit are known.
func (g *GitHub) summaryRow(f ghFinding) string {
	loc := f.path
	if f.rng.Start.Line >= 1 {
		loc = fmt.Sprintf("%s:%d:%d", f.path, f.rng.Start.Line, f.rng.Start.Column)
	}
	cell := "`" + strings.ReplaceAll(cellText(loc), "`", "'") + "`"
	server, repo, sha := g.getenv("GITHUB_SERVER_URL"), g.getenv("GITHUB_REPOSITORY"), g.getenv("GITHUB_SHA")
	if server != "" && repo != "" && sha != "" && !strings.HasPrefix(f.path, "/") {
		url := fmt.Sprintf("%s/%s/blob/%s/%s", server, repo, sha, encodeURIPath(f.path))
		if f.rng.Start.Line >= 1 {
			url += fmt.Sprintf("#L%d", f.rng.Start.Line)
		}
		cell = "[" + cell + "](" + url + ")"
	}
	return fmt.Sprintf("| %s | %s | %#q | %s |\n", f.severity, cell, f.rule, escapeMarkdown(f.message+f.also))
}

// cellText keeps a value on one table line: "|" would end the cell.
func cellText(s string) string {
	s = escapeControl(strings.Join(strings.Fields(s), " "))
	return strings.ReplaceAll(s, "|", "\\|")
}

// escapeMarkdown makes text literal in a Markdown table cell: line breaks
// become spaces, and the characters that could format text, start a link
// or HTML, or end the cell inside a line are backslash-escaped, so a
// finding's message cannot format or inject anything.
func escapeMarkdown(s string) string {
	s = escapeControl(strings.Join(strings.Fields(s), " "))
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
