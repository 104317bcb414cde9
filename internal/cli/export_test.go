package cli

import "github.com/figlint/figlint/rules"

var panicRule = rules.Rule{
	Meta: rules.Meta{ID: "test-panic", Severity: rules.SeverityError, Summary: "panics", Doc: "A rule that panics, for tests."},
	Run:  func(*rules.Pass) { panic("boom") },
}

// relatedRule reports, on each page with two keys or more, one finding at
// the first key whose related places are the other keys: no built-in rule
// reports related locations yet.
var relatedRule = rules.Rule{
	Meta: rules.Meta{ID: "test-related", Severity: rules.SeverityError, Summary: "names the other keys", Doc: "A rule for tests."},
	Run: func(p *rules.Pass) {
		root := p.Doc.Root
		if root == nil || len(root.Content) < 4 {
			return
		}
		f := rules.Diagnostic{Node: root.Content[0], Message: "the first key"}
		for i := 2; i < len(root.Content); i += 2 {
			f.Related = append(f.Related, rules.Related{Range: p.Doc.NodeRange(root.Content[i]), Message: "key " + root.Content[i].Value})
		}
		p.Report(f)
	},
}
