package lsp

import (
	"fmt"
	"strings"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/safeio"
	"github.com/figlint/figlint/rules"
)

// current returns the lint of the document's current text: the one
// published, or a new one when a change is still waiting for its lint.
func (s *Server) current(uri string) *lintResult {
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil {
		s.mu.Unlock()
		return nil
	}
	if d.last != nil && d.last.text == d.text {
		lr := d.last
		s.mu.Unlock()
		return lr
	}
	t, path, gen := d.text, d.path, d.gen
	s.mu.Unlock()
	return s.lint(path, t, gen)
}

// before tells whether p comes before q.
func before(p, q Position) bool {
	return p.Line < q.Line || p.Line == q.Line && p.Character < q.Character
}

// overlaps tells whether two ranges share a position; touching counts,
// so that a cursor just after a finding still offers its fixes.
func overlaps(a, b Range) bool { return !before(a.End, b.Start) && !before(b.End, a.Start) }

// wants tells whether a code action of kind is asked for by only.
func wants(only []string, kind string) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if kind == o || strings.HasPrefix(kind, o+".") {
			return true
		}
	}
	return false
}

func (s *Server) codeActions(p *codeActionParams) []CodeAction {
	actions := []CodeAction{}
	lr := s.current(p.TextDocument.URI)
	if lr == nil || lr.linter == nil {
		return actions
	}
	uri := p.TextDocument.URI
	if wants(p.Context.Only, kindQuickFix) {
		suppressed := map[string]bool{}
		for i, f := range lr.findings {
			diag := lr.diags[i]
			if !overlaps(diag.Range, p.Range) {
				continue
			}
			for _, fx := range f.Fixes {
				if len(fx.Edits) == 0 {
					continue
				}
				title := fx.Message
				if !fx.Safe() {
					title += " (unsafe: review it)"
				}
				edit, ok := s.fixEdit(lr, uri, fx.Edits)
				if !ok {
					continue
				}
				actions = append(actions, CodeAction{Title: title, Kind: kindQuickFix, Diagnostics: []Diagnostic{diag},
					IsPreferred: fx.Safe(), Edit: edit})
			}
			key := fmt.Sprintf("%s\x00%d", f.Rule, f.Range.Start.Line)
			if f.Path == lr.display && !suppressed[key] && len(suppressed) < maxSuppressActions {
				suppressed[key] = true
				if a, ok := s.suppressAction(lr, uri, f, diag); ok {
					actions = append(actions, a)
				}
			}
		}
	}
	if wants(p.Context.Only, kindFixAll) {
		if a, ok := s.fixAll(lr, uri); ok {
			actions = append(actions, a)
		}
	}
	return actions
}

// fixEdit turns a fix's byte edits into a workspace edit: the page's in
// the open buffer, a companion table's in the file on disk.
func (s *Server) fixEdit(lr *lintResult, uri string, edits []rules.TextEdit) (WorkspaceEdit, bool) {
	enc := s.encoding()
	we := WorkspaceEdit{Changes: map[string][]TextEdit{}}
	for _, ed := range edits {
		t, target := lr.text, uri
		if ed.Path != "" && ed.Path != lr.display {
			path := absPath(ed.Path, lr.linter.WorkDir)
			data, err := safeio.ReadFile(path, 64<<20)
			if err != nil {
				return we, false
			}
			t, target = newText(data), pathURI(path)
		}
		if ed.Start < 0 || ed.End < ed.Start || ed.End > len(t.data) {
			return we, false
		}
		we.Changes[target] = append(we.Changes[target], TextEdit{
			Range:   Range{Start: t.position(ed.Start, enc), End: t.position(ed.End, enc)},
			NewText: ed.NewText})
	}
	return we, true
}

// maxSuppressActions bounds the suppressions one request offers: each is
// checked by a lint of the page with the comment, and a request for a
// whole page of findings should not lint it hundreds of times.
const maxSuppressActions = 32

// suppressComment is the comment that suppresses a rule on its line; the
// reason after "--" is for the user to write (until then
// suppression-reason asks for it).
func suppressComment(rule string) string { return " # figlint-ignore " + rule + " --" }

// suppressAction offers a figlint-ignore comment at the end of the
// finding's line, when the page with it linted has that finding
// suppressed (a comment cannot go everywhere: not inside a block scalar
// or a quoted value that spans lines).
func (s *Server) suppressAction(lr *lintResult, uri string, f rules.Finding, diag Diagnostic) (CodeAction, bool) {
	_, end := lr.text.lineBounds(f.Range.Start.Line - 1)
	comment := suppressComment(f.Rule)
	after := lr.text.replace(end, end, comment)
	res := lr.linter.Lint.LintBytes(engine.File{Display: lr.display, Path: absPath(lr.display, lr.linter.WorkDir)}, after.data)
	ok := false
	for _, sf := range res.Suppressed {
		ok = ok || sf.Kind == "inSource" && sf.Rule == f.Rule && sf.Pointer == f.Pointer
	}
	for _, nf := range res.Findings {
		if nf.Rule == rules.FrontMatter.ID || nf.Rule == "yaml-syntax" {
			ok = false // the comment broke the page
		}
	}
	if !ok {
		return CodeAction{}, false
	}
	enc := s.encoding()
	at := lr.text.position(end, enc)
	return CodeAction{Title: fmt.Sprintf("Suppress %s on this line", f.Rule), Kind: kindQuickFix,
		Diagnostics: []Diagnostic{diag},
		Edit:        WorkspaceEdit{Changes: map[string][]TextEdit{uri: {{Range: Range{Start: at, End: at}, NewText: comment}}}}}, true
}

// fixAll is figlint --fix on the buffer: every safe fix, applied as the
// fix loop applies them, as one edit per changed file.
func (s *Server) fixAll(lr *lintResult, uri string) (CodeAction, bool) {
	res := lr.linter.Fix.LintBytes(engine.File{Display: lr.display, Path: absPath(lr.display, lr.linter.WorkDir)}, lr.text.data)
	if res.Fix == nil || len(res.Fix.Files) == 0 {
		return CodeAction{}, false
	}
	enc := s.encoding()
	we := WorkspaceEdit{Changes: map[string][]TextEdit{}}
	for _, ff := range res.Fix.Files {
		target := pathURI(ff.Path)
		if ff.Display == lr.display {
			target = uri
		}
		we.Changes[target] = []TextEdit{diffEdit(newText(ff.Old), ff.New, enc)}
	}
	return CodeAction{Title: fmt.Sprintf("Fix all safe figlint findings (%d)", res.Fix.Fixed), Kind: kindFixAll, Edit: we}, true
}

// diffEdit is one edit that turns old into b: the bytes between their
// common prefix and common suffix, kept whole characters.
func diffEdit(old *text, b []byte, enc encoding) TextEdit {
	a := old.data
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	// Never split a character: back off to character boundaries.
	for pre > 0 && pre < len(a) && a[pre]&0xC0 == 0x80 {
		pre--
	}
	for suf > 0 && len(a)-suf < len(a) && a[len(a)-suf]&0xC0 == 0x80 {
		suf--
	}
	return TextEdit{Range: Range{Start: old.position(pre, enc), End: old.position(len(a)-suf, enc)},
		NewText: string(b[pre : len(b)-suf])}
}

// hover shows the documentation of the rules whose findings are at the
// position.
func (s *Server) hover(p *hoverParams) *hover {
	lr := s.current(p.TextDocument.URI)
	if lr == nil || lr.linter == nil {
		return nil
	}
	var parts []string
	var at *Range
	for i, f := range lr.findings {
		r := lr.diags[i].Range
		if before(p.Position, r.Start) || before(r.End, p.Position) {
			continue
		}
		if at == nil {
			at = &r
		}
		var b strings.Builder
		fmt.Fprintf(&b, "**%s** (%s): %s", f.Rule, f.Severity, f.Message)
		if m, ok := lr.linter.Registry.Meta(f.Rule); ok {
			fmt.Fprintf(&b, "\n\n%s", strings.TrimSpace(m.Doc))
			if m.Bad != "" {
				fmt.Fprintf(&b, "\n\nReported:\n\n```yaml\n%s\n```", strings.TrimRight(m.Bad, "\n"))
			}
			if m.Good != "" {
				fmt.Fprintf(&b, "\n\nCorrected:\n\n```yaml\n%s\n```", strings.TrimRight(m.Good, "\n"))
			}
		}
		parts = append(parts, b.String())
	}
	if len(parts) == 0 {
		return nil
	}
	return &hover{Contents: markupContent{Kind: "markdown", Value: strings.Join(parts, "\n\n---\n\n")}, Range: at}
}
