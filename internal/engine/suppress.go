package engine

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/figlint/figlint/rules"
	"go.yaml.in/yaml/v3"
)

// directive is one figlint-ignore comment.
type directive struct {
	kind   string // "line", "next-line" or "file"
	target int    // the line it applies to (0 for the whole file)
	rules  []string
	used   []bool
	reason string
	at     rules.Range // the comment
}

var directiveRe = regexp.MustCompile(`#\s*figlint-ignore(-next-line|-file)?\b(.*)$`)

// directives finds the figlint-ignore comments of a document's front
// matter. A "#" inside a quoted value is not a comment: when the front
// matter parsed, a directive counts only if yaml.v3 also saw it as a
// comment.
func directives(doc *rules.Document) []*directive {
	src := doc.Source
	if src == nil || !bytes.Contains(src.Bytes(), []byte("figlint-ignore")) {
		return nil
	}
	comments := ""
	if doc.Root != nil {
		comments = collectComments(doc.Root)
	}
	var out []*directive
	for l := 2; l <= src.LineCount(); l++ {
		text := src.Line(l)
		if t := strings.TrimRight(text, " \t"); t == "---" || t == "..." || (doc.Format == rules.FormatTOML && t == "+++") {
			break
		}
		m := directiveRe.FindStringSubmatchIndex(text)
		if m == nil {
			continue
		}
		raw := text[m[0]:m[1]]
		if doc.Root != nil && !strings.Contains(comments, strings.TrimSpace(raw)) {
			continue
		}
		col := 1 + utf8.RuneCountInString(text[:m[0]])
		d := &directive{kind: "line", target: l,
			at: rules.Range{Start: rules.Position{Line: l, Column: col}, End: rules.Position{Line: l, Column: 1 + utf8.RuneCountInString(strings.TrimRight(text, " \t"))}}}
		if m[2] >= 0 {
			switch text[m[2]:m[3]] {
			case "-next-line":
				d.kind, d.target = "next-line", nextContentLine(src, l)
			case "-file":
				d.kind, d.target = "file", 0
			}
		}
		spec := text[m[4]:m[5]]
		if i := strings.Index(spec, "--"); i >= 0 {
			d.reason = strings.TrimSpace(spec[i+2:])
			spec = spec[:i]
		}
		for _, r := range strings.Split(spec, ",") {
			if r = strings.TrimSpace(r); r != "" {
				d.rules = append(d.rules, r)
			}
		}
		d.used = make([]bool, len(d.rules))
		out = append(out, d)
	}
	return out
}

// nextContentLine returns the first line after l that is neither blank nor
// a comment.
func nextContentLine(src *rules.Source, l int) int {
	for n := l + 1; n <= src.LineCount(); n++ {
		t := strings.TrimSpace(src.Line(n))
		if t != "" && !strings.HasPrefix(t, "#") {
			return n
		}
	}
	return l + 1
}

func collectComments(n *yaml.Node) string {
	var b strings.Builder
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			if c != "" {
				b.WriteString(c)
				b.WriteByte('\n')
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// applies tells whether rule pattern p names rule id.
func applies(p, id string) bool {
	if p == id {
		return true
	}
	ok, _ := path.Match(p, id)
	return ok
}

// suppress moves the findings that the document's directives name into
// res.Suppressed and reports directives that are unused or give no reason.
// A directive applies by a finding's own line only: the user silences a
// finding where it is reported, and one on a line that is merely among
// another finding's related locations must not hide that finding.
func (e *Engine) suppress(doc *rules.Document, res *Result) {
	ds := directives(doc)
	if len(ds) == 0 {
		return
	}
	kept := res.Findings[:0]
	for _, f := range res.Findings {
		var by *directive
		for _, d := range ds {
			if f.Path != doc.Path || (d.target != 0 && d.target != f.Range.Start.Line) {
				continue
			}
			for i, p := range d.rules {
				if applies(p, f.Rule) {
					d.used[i] = true
					by = d
				}
			}
		}
		if by != nil {
			res.Suppressed = append(res.Suppressed, Suppressed{Finding: f, Kind: "inSource", Justification: by.reason})
			continue
		}
		kept = append(kept, f)
	}
	res.Findings = kept
	report := func(r rules.Rule, at rules.Range, format string, args ...any) {
		f := rules.Finding{Rule: r.ID, Path: doc.Path, Range: at, Message: fmt.Sprintf(format, args...)}
		if ok, _ := e.accept(r, &f); ok {
			res.Findings = append(res.Findings, f)
		}
	}
	for _, d := range ds {
		if len(d.rules) == 0 {
			report(rules.UnusedSuppression, d.at, "figlint-ignore names no rule; expected \"# figlint-ignore RULE -- reason\"")
			continue
		}
		for i, p := range d.rules {
			if d.used[i] {
				continue
			}
			ids, err := e.reg.Match(p)
			if err != nil {
				report(rules.UnusedSuppression, d.at, "figlint-ignore names %q, which is no rule; expected a rule ID such as \"missing-value\" (run \"figlint rules\")", p)
				continue
			}
			enabled := false
			for _, id := range ids {
				enabled = enabled || e.runnable[id]
			}
			if enabled {
				report(rules.UnusedSuppression, d.at, "figlint-ignore %s suppresses no %s finding %s; expected it removed once the problem is fixed", p, p, d.where())
			}
		}
		if d.reason == "" {
			report(rules.SuppressionReason, d.at, "figlint-ignore gives no reason; expected \"-- reason\" after the rule IDs")
		}
	}
}

func (d *directive) where() string {
	switch d.kind {
	case "file":
		return "in this page"
	case "next-line":
		return fmt.Sprintf("on line %d", d.target)
	}
	return "on this line"
}
