package engine

import (
	"fmt"
	"slices"

	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/internal/yamlpos"
	"github.com/figlint/figlint/rules"
	"go.yaml.in/yaml/v3"
)

// The fix contract, checked here for every fix a rule offers before any
// output or --fix sees it:
//   - every edit names a file the page's lint read (the page, or one of
//     its companion tables) and a byte range inside it;
//   - the edits of one fix do not overlap (two insertions at one offset
//     count as overlapping: their order would be a guess);
//   - no edit touches an alias, an anchor, a tag, a merge key, or what an
//     alias or merge key brings in: such a value is shared, and editing it
//     would change other fields or break the page. Such fixes are simply
//     not offered (a rule need not guard itself);
//   - a fix without edits is not offered;
//   - a fix's safety is the rule's Meta.FixSafety unless the fix says.
//
// A fix that breaks the first two is a rule's bug: an internal error.

// span is a byte range [start, end) of the page that no edit may touch.
type span struct{ start, end int }

// touches tells whether an edit of [start, end) touches s. An insertion
// (start == end) touches s when it falls strictly inside it.
func (s span) touches(start, end int) bool {
	if start == end {
		return s.start < start && start < s.end
	}
	return start < s.end && s.start < end
}

// sharedSpans lists the page's spans that fixes must not touch. Pages
// without anchors, aliases, tags or merge keys (nearly all) have none.
func sharedSpans(doc *rules.Document) []span {
	if doc.Format != rules.FormatYAML {
		return nil // TOML and JSON have no anchors, aliases or tags; see portable
	}
	if doc.Root == nil || doc.Source == nil {
		return nil
	}
	src := doc.Source
	var out []span
	node := func(n *yaml.Node) span {
		return span{src.NodeOffset(n.Line, n.Column), src.NodeEnd(n)}
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch {
		case n.Kind == yaml.AliasNode:
			out = append(out, node(n))
			return
		case n.Anchor != "" || n.Style&yaml.TaggedStyle != 0:
			out = append(out, node(n))
			return // all of it is shared, or typed by its tag
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				switch {
				case k.Tag == "!!merge" || k.Anchor != "" || k.Style&yaml.TaggedStyle != 0 || k.Kind == yaml.AliasNode:
					// From the key to the end of its value: the merge key
					// and everything it brings in.
					out = append(out, span{node(k).start, src.NodeEnd(v)})
					continue
				case v.Anchor != "" || v.Style&yaml.TaggedStyle != 0:
					// The properties may stand on the key's line, before
					// the value's own position.
					out = append(out, span{src.NodeEnd(k), src.NodeEnd(v)})
					continue
				}
				walk(k)
				walk(v)
			}
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(doc.Root)
	return out
}

// fileText is a file whose bytes edits may name, with positions.
type fileText struct {
	data []byte
	src  *yamlpos.Source // built on first use for a companion table
}

func (t *fileText) source() *yamlpos.Source {
	if t.src == nil {
		t.src = yamlpos.New(t.data)
	}
	return t.src
}

// checkFixes applies the fix contract to the findings' fixes: it drops
// the fixes that may not be offered, fills in safeties and edit ranges,
// and returns an error for the first invalid fix (which is dropped too).
// files maps each displayed path that edits may name to its bytes.
func (e *Engine) checkFixes(doc *rules.Document, findings []rules.Finding, files map[string]*fileText) error {
	var firstErr error
	var shared []span
	var scalars map[span]bool
	sharedDone := false
	for i := range findings {
		f := &findings[i]
		if len(f.Fixes) == 0 {
			continue
		}
		var kept []rules.Fix
		for _, fx := range f.Fixes {
			if len(fx.Edits) == 0 {
				continue
			}
			if !sharedDone {
				shared, sharedDone = sharedSpans(doc), true
				if doc.Format != rules.FormatYAML {
					scalars = scalarSpans(doc)
				}
			}
			if doc.Format != rules.FormatYAML && !portable(doc, fx, scalars) {
				continue
			}
			ok, err := checkFix(&fx, doc.Path, files, shared)
			if err != nil {
				if firstErr == nil {
					firstErr = fmt.Errorf("engine: rule %q offered an invalid fix on %s: %w", f.Rule, doc.Path, err)
				}
				continue
			}
			if !ok {
				continue
			}
			if fx.Safety == rules.FixSafetyDefault {
				fx.Safety = e.fixSafety[f.Rule]
			}
			if fx.Safety != rules.FixSafe {
				fx.Safety = rules.FixUnsafe
			}
			kept = append(kept, fx)
		}
		f.Fixes = kept
	}
	return firstErr
}

// checkFix checks one fix; it copies the edits, so that the rule's slices
// are never written. ok is false for a fix that may not be offered.
func checkFix(fx *rules.Fix, page string, files map[string]*fileText, shared []span) (ok bool, err error) {
	edits := slices.Clone(fx.Edits)
	slices.SortStableFunc(edits, func(a, b rules.TextEdit) int {
		if a.Path != b.Path {
			if a.Path < b.Path {
				return -1
			}
			return 1
		}
		return a.Start - b.Start
	})
	for i := range edits {
		ed := &edits[i]
		t := files[ed.Path]
		if t == nil {
			return false, fmt.Errorf("an edit names %q, which is neither the page nor a table it read", ed.Path)
		}
		if ed.Start < 0 || ed.Start > ed.End || ed.End > len(t.data) {
			return false, fmt.Errorf("edit [%d, %d) of %s is outside its %d bytes", ed.Start, ed.End, ed.Path, len(t.data))
		}
		if i > 0 && edits[i-1].Path == ed.Path && (ed.Start < edits[i-1].End || ed.Start == edits[i-1].Start) {
			return false, fmt.Errorf("edits [%d, %d) and [%d, %d) of %s overlap", edits[i-1].Start, edits[i-1].End, ed.Start, ed.End, ed.Path)
		}
		if ed.Path == page {
			for _, s := range shared {
				if s.touches(ed.Start, ed.End) {
					return false, nil
				}
			}
		}
		src := t.source()
		sl, sc := src.Position(ed.Start)
		el, ec := src.Position(ed.End)
		ed.Range = rules.Range{Start: rules.Position{Line: sl, Column: sc}, End: rules.Position{Line: el, Column: ec}}
	}
	fx.Edits = edits
	return true, nil
}

// portable tells whether a fix may be offered on TOML or JSON front
// matter: each of its edits of the page replaces exactly one scalar value
// (the whole token, quotes included) with one string on one line, written
// in the page's language, which is what Document.ReplaceFix writes. Other
// edits (a list item's line removed) are YAML text and are not offered.
// Edits of companion tables are not the page's and stay.
func portable(doc *rules.Document, fx rules.Fix, scalars map[span]bool) bool {
	for _, ed := range fx.Edits {
		if ed.Path != doc.Path {
			continue
		}
		if !scalars[span{ed.Start, ed.End}] {
			return false
		}
		if _, ok := frontmatter.StringScalar(doc.Format, ed.NewText); !ok {
			return false
		}
	}
	return true
}

// scalarSpans lists the byte ranges of the page's scalar values (not
// keys).
func scalarSpans(doc *rules.Document) map[span]bool {
	out := map[span]bool{}
	if doc.Root == nil || doc.Source == nil {
		return out
	}
	src := doc.Source
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.ScalarNode:
			out[span{src.NodeOffset(n.Line, n.Column), src.NodeEnd(n)}] = true
		case yaml.MappingNode:
			for i := 1; i < len(n.Content); i += 2 {
				walk(n.Content[i])
			}
		case yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c)
			}
		}
	}
	walk(doc.Root)
	return out
}
