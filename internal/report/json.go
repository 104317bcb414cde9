package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
)

// JSONVersion is the version of the JSON output contract. It changes only
// when a key is removed or its meaning changes.
const JSONVersion = 1

// JSON streams {"version": 1, "findings": [...], "files": [...],
// "summary": {...}}, one finding per line, then one line per linted file.
type JSON struct {
	w     io.Writer
	bw    *bufio.Writer
	first bool
	files []jsonFile
}

// jsonFile is the contract for one linted file in "files" (added within
// version 1): its path and the JSON Schema it was checked against (null
// when none: the file could not be parsed, or named no usable schema).
type jsonFile struct {
	Path      string  `json:"path"`
	PathBytes string  `json:"pathBytes,omitempty"`
	Schema    *string `json:"schema"`
}

// jsonFinding is the contract for one finding: these keys, in this order.
type jsonFinding struct {
	Rule      string `json:"rule"`
	Severity  string `json:"severity"`
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Message   string `json:"message"`
	Pointer   string `json:"pointer"`
	// PathBytes was added within version 1: the base64 of the path's raw
	// bytes, only when they are not UTF-8 (see pathBytes).
	PathBytes string `json:"pathBytes,omitempty"`
	// Related was added within version 1; omitted when there are none,
	// so findings without related locations read as they always did.
	Related []jsonRelated `json:"related,omitempty"`
	// Fixes was added within version 1; omitted when the finding has none.
	Fixes []jsonFix `json:"fixes,omitempty"`
}

// jsonFix is the contract for one fix of a finding: what it does, whether
// figlint --fix applies it without --unsafe-fixes, and its edits.
type jsonFix struct {
	Message string     `json:"message"`
	Safe    bool       `json:"safe"`
	Edits   []jsonEdit `json:"edits"`
}

// jsonEdit replaces length bytes at byte offset offset of the file path
// (the page or a companion table) with newText; line, column, endLine and
// endColumn say the same span as the findings' positions do, the end
// exclusive.
type jsonEdit struct {
	Path      string `json:"path"`
	PathBytes string `json:"pathBytes,omitempty"`
	Offset    int    `json:"offset"`
	Length    int    `json:"length"`
	NewText   string `json:"newText"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
}

// jsonFixesOf converts a finding's fixes (nil for none). A fix without
// edits (a rule that could not place one) is not a fix a tool can apply.
func jsonFixesOf(fs []rules.Fix) []jsonFix {
	var out []jsonFix
	for _, fx := range fs {
		if len(fx.Edits) == 0 {
			continue
		}
		jf := jsonFix{Message: fx.Message, Safe: fx.Safe(), Edits: make([]jsonEdit, len(fx.Edits))}
		for i, ed := range fx.Edits {
			jf.Edits[i] = jsonEdit{Path: ed.Path, PathBytes: pathBytes(ed.Path), Offset: ed.Start, Length: ed.End - ed.Start, NewText: ed.NewText,
				Line: ed.Range.Start.Line, Column: ed.Range.Start.Column, EndLine: ed.Range.End.Line, EndColumn: ed.Range.End.Column}
		}
		out = append(out, jf)
	}
	return out
}

// jsonRelated is the contract for one related location of a finding.
type jsonRelated struct {
	Path      string `json:"path"`
	PathBytes string `json:"pathBytes,omitempty"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Message   string `json:"message"`
}

// jsonRelatedOf converts a finding's related locations (nil for none).
func jsonRelatedOf(rs []rules.Related) []jsonRelated {
	if len(rs) == 0 {
		return nil
	}
	out := make([]jsonRelated, len(rs))
	for i, r := range rs {
		out[i] = jsonRelated{Path: r.Path, PathBytes: pathBytes(r.Path), Line: r.Range.Start.Line, Column: r.Range.Start.Column,
			EndLine: r.Range.End.Line, EndColumn: r.Range.End.Column, Message: r.Message}
	}
	return out
}

// Begin implements Reporter.
func (j *JSON) Begin() error {
	j.bw = bufio.NewWriter(j.w)
	j.first = true
	_, err := fmt.Fprintf(j.bw, "{\"version\": %d, \"findings\": [", JSONVersion)
	return err
}

// File implements Reporter.
func (j *JSON) File(r engine.Result) error {
	if !r.Collection {
		jf := jsonFile{Path: r.File.Display, PathBytes: pathBytes(r.File.Display)}
		if r.Facts.Schema != "" {
			name := r.Facts.Schema
			jf.Schema = &name
		}
		j.files = append(j.files, jf)
	}
	for _, f := range r.Findings {
		b, err := json.Marshal(jsonFinding{
			Rule: f.Rule, Severity: f.Severity.String(), Path: f.Path,
			Line: f.Range.Start.Line, Column: f.Range.Start.Column,
			EndLine: f.Range.End.Line, EndColumn: f.Range.End.Column,
			Message: f.Message, Pointer: f.Pointer, PathBytes: pathBytes(f.Path), Related: jsonRelatedOf(f.Related), Fixes: jsonFixesOf(f.Fixes),
		})
		if err != nil {
			return err
		}
		sep := ",\n  "
		if j.first {
			sep = "\n  "
			j.first = false
		}
		j.bw.WriteString(sep)
		j.bw.Write(b)
	}
	return j.bw.Flush()
}

// End implements Reporter.
func (j *JSON) End(s Summary) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	if !j.first {
		j.bw.WriteString("\n")
	}
	j.bw.WriteString("], \"files\": [")
	for i, f := range j.files {
		line, ferr := json.Marshal(f)
		if ferr != nil {
			return ferr
		}
		if i > 0 {
			j.bw.WriteString(",")
		}
		j.bw.WriteString("\n  ")
		j.bw.Write(line)
	}
	if len(j.files) > 0 {
		j.bw.WriteString("\n")
	}
	j.bw.WriteString("], \"summary\": ")
	j.bw.Write(b)
	j.bw.WriteString("}\n")
	return j.bw.Flush()
}
