package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
)

// CSVHeader is the header row of the csv format and of the HTML report's
// CSV download, one column per field of a finding.
var CSVHeader = []string{"rule", "severity", "path", "line", "column", "endLine", "endColumn", "message", "pointer"}

// CSV writes one row per finding, under CSVHeader, as the findings
// arrive: a spreadsheet of a whole collection without holding it in
// memory. Text from the pages is escaped as in the text format (no raw
// control character), and a cell that a spreadsheet would run as a
// formula starts with an apostrophe (see csvCell).
type CSV struct {
	w   *csv.Writer
	rec []string
}

// NewCSV returns a reporter that writes the csv format to w.
func NewCSV(w io.Writer) *CSV {
	return &CSV{w: csv.NewWriter(w), rec: make([]string, len(CSVHeader))}
}

// Begin implements Reporter: it writes the header row.
func (c *CSV) Begin() error {
	if err := c.w.Write(CSVHeader); err != nil {
		return fmt.Errorf("report: csv: %w", err)
	}
	return nil
}

// File implements Reporter.
func (c *CSV) File(r engine.Result) error {
	for _, f := range r.Findings {
		csvRecord(c.rec, f.Rule, f.Severity.String(), f.Path, f.Range, f.Message, f.Pointer)
		if err := c.w.Write(c.rec); err != nil {
			return fmt.Errorf("report: csv: %w", err)
		}
	}
	return nil
}

// End implements Reporter.
func (c *CSV) End(Summary) error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return fmt.Errorf("report: csv: %w", err)
	}
	return nil
}

// csvRecord fills rec (of len(CSVHeader)) with a finding's cells.
func csvRecord(rec []string, rule, sev, path string, rng rules.Range, msg, pointer string) {
	rec[0], rec[1] = csvCell(rule), sev
	rec[2] = csvCell(path)
	rec[3], rec[4] = strconv.Itoa(rng.Start.Line), strconv.Itoa(rng.Start.Column)
	rec[5], rec[6] = strconv.Itoa(rng.End.Line), strconv.Itoa(rng.End.Column)
	rec[7], rec[8] = csvCell(msg), csvCell(pointer)
}

// csvCell escapes control characters, and puts an apostrophe before a
// value that starts like a formula (= + - @): a page named
// "=HYPERLINK(...).md" must not run in the curator's spreadsheet. No
// message, rule ID or pointer figlint writes starts so; only a hostile
// file name or value can.
func csvCell(s string) string {
	s = escapeControl(s)
	if s != "" {
		switch s[0] {
		case '=', '+', '-', '@':
			return "'" + s
		}
	}
	return s
}
