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
//
// The work is linear in the front matter: the comments yaml.v3 saw are
// indexed once, and the targets of next-line comments in a row are found
// in one scan (a page of 40,000 comments was quadratic in both).
func directives(doc *rules.Document) []*directive {
	src := doc.Source
	if src == nil || !bytes.Contains(src.Bytes(), []byte("figlint-ignore")) {
		return nil
	}
	var comments map[string]bool
	if doc.Root != nil {
		comments = commentDirectives(doc.Root)
	}
	next := nextContent{src: src}
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
		if doc.Root != nil && !comments[strings.TrimSpace(raw)] {
			continue
		}
		col := 1 + utf8.RuneCountInString(text[:m[0]])
		d := &directive{kind: "line", target: l,
			at: rules.Range{Start: rules.Position{Line: l, Column: col}, End: rules.Position{Line: l, Column: 1 + utf8.RuneCountInString(strings.TrimRight(text, " \t"))}}}
		if m[2] >= 0 {
			switch text[m[2]:m[3]] {
			case "-next-line":
				d.kind, d.target = "next-line", next.after(l)
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

// nextContent finds, for lines asked in increasing order, the first later
// line that is neither blank nor a comment. The answer for one line is the
// answer for every line up to it, so a run of comment lines is scanned
// once, not once per comment.
type nextContent struct {
	src     *rules.Source
	scanned int // the lines up to scanned were looked at
	found   int // the content line that ended the scan, 0 for none
}

func (n *nextContent) after(l int) int {
	if l >= n.scanned {
		n.scanned, n.found = n.src.LineCount(), 0
		for c := l + 1; c <= n.src.LineCount(); c++ {
			t := strings.TrimSpace(n.src.Line(c))
			if t != "" && !strings.HasPrefix(t, "#") {
				n.scanned, n.found = c, c
				break
			}
		}
	}
	if n.found == 0 {
		return l + 1
	}
	return n.found
}

// commentDirectives returns the directives of every comment yaml.v3 saw in
// the tree, each from its "#" to the end of its comment line: a directive
// found in a source line is a comment when its text is among them.
func commentDirectives(root *yaml.Node) map[string]bool {
	out := map[string]bool{}
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			if !strings.Contains(c, "figlint-ignore") {
				continue
			}
			// The source line's first directive is the one read, so the
			// comment line's first is the one to index.
			for _, line := range strings.Split(c, "\n") {
				if loc := directiveRe.FindStringIndex(line); loc != nil {
					out[strings.TrimSpace(line[loc[0]:])] = true
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(root)
	return out
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
	// Directives by the line they apply to (0: the whole page), each list
	// in document order, so a finding meets only its own line's.
	byLine := map[int][]int{}
	for i, d := range ds {
		byLine[d.target] = append(byLine[d.target], i)
	}
	// Which directives of a line apply to a rule is worked out once per
	// line and rule ID, marking them used; a finding then costs a map
	// lookup per line, however many directives name that line (a page may
	// hold thousands of figlint-ignore-file comments, and a line thousands
	// of findings).
	type lineRule struct {
		line int
		rule string
	}
	lastFor := map[lineRule]int{} // the last applying directive, or -1
	last := func(line int, rule string) int {
		k := lineRule{line, rule}
		if at, ok := lastFor[k]; ok {
			return at
		}
		at := -1
		for _, di := range byLine[line] {
			d := ds[di]
			for i, p := range d.rules {
				if applies(p, rule) {
					d.used[i] = true
					at = di
				}
			}
		}
		lastFor[k] = at
		return at
	}
	kept := res.Findings[:0]
	for _, f := range res.Findings {
		if f.Path != doc.Path {
			kept = append(kept, f)
			continue
		}
		// The last applying directive in document order gives the reason.
		var by *directive
		if at := max(last(0, f.Rule), last(f.Range.Start.Line, f.Rule)); at >= 0 {
			by = ds[at]
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
