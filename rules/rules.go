// Package rules holds figlint's built-in rules and the rule API they are
// written against.
//
// A Rule is a plain value: metadata (Meta) and a Run function. Run receives a
// Pass, which holds the parsed Document and reports through Pass.Report: a
// Diagnostic placed at a node, a JSON pointer or a range, with optional fixes
// and related places, and no rule ID (the pass knows which rule runs; a rule
// with a Family names the member with Diagnostic.As). Rules never print and
// keep no per-file state, so one Rule value serves every goroutine. Severity
// is not the rule's business: the driver assigns it from the rule's default
// or the user's configuration.
//
// The package is for figlint's built-in rules, not a plugin API. Its types
// are exported because figlint's own packages (schema, the engine, the
// output formats, the command) use them; figlint loads no rules from
// elsewhere, documents can only be parsed and linted through its internal
// packages, and these types may change in any version. A new rule is added
// to this package, by a change to the repository: see CONTRIBUTING.md. What
// is stable are the rule IDs, the command line and the output formats.
package rules

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Severity ranks a finding. The zero value is not a valid severity.
type Severity int

// Severities from least to most severe.
const (
	SeverityNote Severity = iota + 1
	SeverityWarning
	SeverityError
)

// String returns the lower-case name used in output and flags.
func (s Severity) String() string {
	switch s {
	case SeverityNote:
		return "note"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	default:
		return fmt.Sprintf("severity(%d)", int(s))
	}
}

// ParseSeverity reads "error", "warning" or "note".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return SeverityError, nil
	case "warning":
		return SeverityWarning, nil
	case "note":
		return SeverityNote, nil
	}
	return 0, fmt.Errorf("unknown severity %q: expected error, warning or note", s)
}

// Position is a 1-based place in a file: Line counts lines of the whole file
// (not of the front matter) and Column counts Unicode code points, as yaml.v3
// does.
type Position struct {
	Line   int
	Column int
}

// Less orders positions by line, then column.
func (p Position) Less(q Position) bool {
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Column < q.Column
}

// Range is a span of a file; End is exclusive.
type Range struct {
	Start Position
	End   Position
}

// TextEdit replaces the bytes [Start, End) of a file with NewText.
type TextEdit struct {
	// Path is the file the edit applies to, as shown to the user; ""
	// means the finding's own file (Pass.Report fills it in). An edit may
	// name one of the page's companion tables.
	Path string
	// Start and End are byte offsets into the file; End is exclusive, and
	// Start == End inserts NewText.
	Start, End int
	// NewText replaces the bytes.
	NewText string
	// Range is [Start, End) as whole-file positions; the engine fills it
	// in when it checks the edit, for outputs that show edits by line.
	Range Range
}

// FixSafety says whether applying a fix can change what a page means.
type FixSafety int

// Fix safeties. In a Fix, the zero value takes the rule's Meta.FixSafety;
// in a Meta, it says the rule offers no fix (one offered anyway counts as
// unsafe). Only a rule that knows its fix cannot change meaning marks it
// safe.
const (
	FixSafetyDefault FixSafety = iota
	// FixSafe: the fix only writes what the value already means (a DOI
	// without its resolver prefix, a trailing "/", an entity name written
	// as its character). --fix applies it.
	FixSafe
	// FixUnsafe: the fix is a judgement (a synonym replaced by the official
	// symbol, an organism name corrected). --fix applies it only with
	// --unsafe-fixes.
	FixUnsafe
)

// String returns "safe" or "unsafe".
func (s FixSafety) String() string {
	if s == FixSafe {
		return "safe"
	}
	return "unsafe"
}

// Fix is a suggested change: a message and non-overlapping edits.
type Fix struct {
	Message string
	// Safety says whether --fix may apply it without --unsafe-fixes; the
	// engine replaces FixSafetyDefault with the rule's Meta.FixSafety.
	Safety FixSafety
	Edits  []TextEdit
}

// Safe tells whether the fix is marked safe.
func (f Fix) Safe() bool { return f.Safety == FixSafe }

// Applies tells whether figlint --fix applies the fix: it has edits (a
// fix over an alias has none) and is safe, or unsafe fixes are wanted.
func (f Fix) Applies(unsafe bool) bool { return len(f.Edits) > 0 && (f.Safe() || unsafe) }

// Finding is one problem found in one file.
type Finding struct {
	// Rule is the ID of the rule that reported the finding.
	Rule string
	// Severity is assigned by the driver: the user's setting for the rule
	// if any, else the severity the rule gave this case (rules whose cases
	// differ in weight set it), else the rule's default.
	Severity Severity
	// Path is the file's path as shown to the user, with / separators.
	Path string
	// Range is where the finding is, in whole-file coordinates.
	Range Range
	// Message says what was found and what is expected.
	Message string
	// Pointer is the JSON pointer of the value concerned ("" for the root
	// or for findings that concern no value).
	Pointer string
	// Fixes are suggested changes, applied only when the user asks.
	Fixes []Fix
	// Related are the other places of the finding's one cause (the other
	// items of one gap, a table row behind a keyword), in the order the
	// rule gives them. Outputs show them under the finding.
	Related []Related
}

// Related is another place that belongs to a finding's cause.
type Related struct {
	// Path is the file, as shown to the user; "" means the finding's own
	// file (Pass.Report fills it in).
	Path string
	// Range is the place, in whole-file coordinates.
	Range Range
	// Message says what is at that place.
	Message string
}

// Meta describes one rule ID.
type Meta struct {
	// ID is the kebab-case rule ID; a published ID never changes.
	ID string
	// Severity is the default severity of the rule's findings.
	Severity Severity
	// Summary is one line for listings.
	Summary string
	// Doc is the Markdown documentation of the rule.
	Doc string
	// Bad and Good are short front matter examples for the docs: one that
	// the rule reports and the same one fixed.
	Bad, Good string
	// FixSafety is the safety of the rule's fixes where a fix does not
	// say: FixSafe or FixUnsafe. The zero value, FixSafetyDefault, says
	// the rule offers no fix (a fix it offered anyway would count as
	// unsafe; the fixture tests fail on it).
	FixSafety FixSafety
	// Precision is how often a finding of the rule is right (SARIF's
	// precision property); "" is PrecisionHigh.
	Precision Precision
	// Tags classify the rule for outputs (SARIF's tags property).
	// NewRegistry adds the tags every rule derives: "front-matter" for
	// all, its family's ID for a family member, "collection" for a
	// collection-level rule; Meta gives only the others.
	Tags []string
	// Since is the figlint version the rule ID appeared in, such as
	// "0.1.0".
	Since string
}

// Fixes says what fixes the rule offers, for the docs: "safe", "unsafe"
// or "none".
func (m Meta) Fixes() string {
	if m.FixSafety == FixSafetyDefault {
		return "none"
	}
	return m.FixSafety.String()
}

// Precision is how often a rule's findings are right, in SARIF's words.
type Precision string

// Precisions, as SARIF names them.
const (
	// PrecisionVeryHigh: syntax, structure or a schema; a finding is a
	// fact about the file.
	PrecisionVeryHigh Precision = "very-high"
	// PrecisionHigh: a check of values against their own rules or
	// sources, right but for rare exceptions.
	PrecisionHigh Precision = "high"
	// PrecisionMedium: a heuristic that judges text or names against
	// word lists and thresholds.
	PrecisionMedium Precision = "medium"
	// PrecisionLow: a hint that is often wrong.
	PrecisionLow Precision = "low"
)

// Rule is a check over one Document.
type Rule struct {
	Meta
	// Family lists further rule IDs that Run reports under, each with its
	// own metadata (the schema rule reports schema/<keyword> IDs).
	Family []Meta
	// OnBroken makes the rule run even when the front matter could not be
	// parsed (Document.Broken); such rules only read Document.Problems.
	OnBroken bool
	// Driver marks a rule whose findings the driver itself reports (such
	// as unused-suppression, which needs every other finding of the file);
	// it has no Run.
	Driver bool
	// Run inspects pass.Doc and reports through pass.
	Run func(pass *Pass)
	// Summarize, for collection-level rules, returns what the rule needs
	// to know of one page after the per-page pass (keep it small: memory
	// grows with it times the number of pages); nil means nothing. It must
	// encode as JSON: the driver stores it so (and caches it with the
	// page's findings), and Finish receives that encoding.
	Summarize func(pass *Pass) any
	// Finish runs once after every page, with the summaries of the pages
	// in path order, and reports findings that concern several pages; each
	// diagnostic gives its page (Path) and Range, and names no rule, as in
	// Run.
	Finish func(summaries []Summary, report func(Diagnostic))
}

// Summary is one page's summary for a collection-level rule: the JSON
// encoding of what Summarize returned.
type Summary struct {
	Path string
	Data json.RawMessage
}

// IDs returns the rule's own ID followed by its family's IDs.
func (r Rule) IDs() []string {
	ids := make([]string, 0, 1+len(r.Family))
	ids = append(ids, r.ID)
	for _, m := range r.Family {
		ids = append(ids, m.ID)
	}
	return ids
}

// Pass is a rule's whole world for one document.
type Pass struct {
	// Doc is the parsed document.
	Doc *Document
	// rule is the ID of the running rule, which findings carry unless
	// they name a family member; the driver sets it.
	rule string
	// report receives findings; the driver sets it.
	report func(Finding)
	// collect, when set, receives diagnostics as reported, unresolved, in
	// place of report: a pass that records what a shared reading reports,
	// to replay it into each rule's pass.
	collect func(Diagnostic)
	// companions reads companion files; the driver sets it.
	companions CompanionReader
	// enabled tells whether a rule ID's findings are wanted (nil: all).
	enabled func(id string) bool
}

// SetEnabled tells the pass which rule IDs are reported, so that rules
// can skip work whose findings would be dropped. Drivers call it.
func (p *Pass) SetEnabled(enabled func(id string) bool) { p.enabled = enabled }

// Enabled tells whether findings of rule ID id are reported in this run.
func (p *Pass) Enabled(id string) bool { return p.enabled == nil || p.enabled(id) }

// RuleID is the ID of the rule the pass runs.
func (p *Pass) RuleID() string { return p.rule }

// CompanionReader reads a file that accompanies a page, such as its genes
// table, by name (e.g. "PMC1__f1-genes.tsv"). It returns the path to show
// for it and its bytes, or an error wrapping fs.ErrNotExist when there is
// none.
type CompanionReader func(name string) (path string, data []byte, err error)

// NewPass returns a pass of the rule with ID rule over doc, whose findings
// go to report and whose companion files come from companions (nil: none).
// Drivers and tests call it; rules receive a ready Pass.
func NewPass(doc *Document, rule string, report func(Finding), companions CompanionReader) *Pass {
	return &Pass{Doc: doc, rule: rule, report: report, companions: companions}
}

// Companion reads a companion file of the page; see CompanionReader.
func (p *Pass) Companion(name string) (path string, data []byte, err error) {
	if p.companions == nil {
		return "", nil, fmt.Errorf("companion %s: %w", name, fs.ErrNotExist)
	}
	return p.companions(name)
}

// Diagnostic is one problem as a rule reports it (go/analysis's Diagnostic
// is the model): where it is, what it is, and optionally a severity, fixes
// and related places. It names no rule: the pass knows which rule runs.
type Diagnostic struct {
	// Where the finding is, the first that is given: Node, the node's
	// range; else Range, when it is not the zero Range; else the value
	// that Pointer names (its key, with Key), or the opening delimiter
	// when the pointer names nothing. In a collection-level rule's Finish
	// there is no document: give Range (and Path).
	Node  *yaml.Node
	Range Range
	// Pointer is the JSON pointer of the value concerned ("" for the root
	// or for findings that concern no value).
	Pointer string
	// Key places a finding given by Pointer alone at the key of the entry
	// rather than at its value (at the value when it has no key).
	Key bool
	// Path is the file, when the finding is not in the page itself (one
	// of its companion tables, or in Finish the page concerned).
	Path string
	// Message says what was found and what is expected (lower case, no
	// trailing period, values quoted with %q).
	Message string
	// Severity, when set, is the severity of this case; the zero value
	// takes the rule's default. The user's configuration overrides both.
	Severity Severity
	// Fixes are suggested changes (see Document.ReplaceFix).
	Fixes []Fix
	// Related are the other places of the finding's one cause.
	Related []Related
	// As is the ID of the family member (Rule.Family) the finding belongs
	// to, for rules that report under several IDs, such as schema/type;
	// "" is the running rule's own ID.
	As string
}

// Finding resolves a diagnostic reported by the rule with ID rule into a
// finding: its rule ID (d.As, else rule), its place in doc, and the paths
// left empty: the finding's is the page's, its related places' and edits'
// the finding's. With doc nil, for a collection-level rule, only Range
// places it and Path names its page. Pass.Report calls it; drivers call it
// for Rule.Finish.
func (d Diagnostic) Finding(rule string, doc *Document) Finding {
	f := Finding{Rule: rule, Severity: d.Severity, Path: d.Path, Range: d.Range, Message: d.Message,
		Pointer: d.Pointer, Fixes: d.Fixes, Related: d.Related}
	if d.As != "" {
		f.Rule = d.As
	}
	if doc != nil {
		switch {
		case d.Node != nil:
			f.Range = doc.NodeRange(d.Node)
		case d.Range == Range{}:
			f.Range = doc.Open
			if e, ok := doc.Lookup(d.Pointer); ok {
				n := e.Value
				if d.Key && e.Key != nil {
					n = e.Key
				}
				f.Range = doc.NodeRange(n)
			}
		}
		if f.Path == "" {
			f.Path = doc.Path
		}
	}
	for i := range f.Related {
		if f.Related[i].Path == "" {
			f.Related[i].Path = f.Path
		}
	}
	for i := range f.Fixes {
		for j := range f.Fixes[i].Edits {
			if f.Fixes[i].Edits[j].Path == "" {
				f.Fixes[i].Edits[j].Path = f.Path
			}
		}
	}
	return f
}

// Report records a finding of the running rule (or of the family member
// d.As) in the page or, with d.Path, in a companion file.
func (p *Pass) Report(d Diagnostic) {
	if p.collect != nil {
		p.collect(d)
		return
	}
	p.report(d.Finding(p.rule, p.Doc))
}
