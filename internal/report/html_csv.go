package report

import (
	"encoding/csv"
	"html/template"
	"strings"

	"github.com/figlint/figlint/rules"
)

// The HTML report's CSV download: the findings it lists, as the csv
// format writes them, in a data: URL, so the file stays self-contained
// and the download needs no network. The rule tables bound the rows
// (HTMLMaxRows a rule), so the URL stays a few megabytes at most; the csv
// format (--format csv) writes every finding of any collection.

// csvDataPrefix starts the download's URL.
const csvDataPrefix = "data:text/csv;charset=utf-8,"

// csvDataURL encodes the listed rows of the rules, in the order of the
// rule sections, and returns the URL and the number of rows.
func csvDataURL(views []ruleView, accs map[string]*htmlRuleAcc) (template.URL, int) {
	var b strings.Builder
	b.WriteString(csvDataPrefix)
	pw := &percentWriter{b: &b}
	w := csv.NewWriter(pw)
	rec := make([]string, len(CSVHeader))
	// Writes go to a strings.Builder, which never fails; Error is
	// checked all the same.
	_ = w.Write(CSVHeader)
	n := 0
	for _, v := range views {
		acc := accs[v.ID]
		if acc == nil {
			continue
		}
		for _, r := range acc.rows {
			rng := rules.Range{Start: rules.Position{Line: r.line, Column: r.col},
				End: rules.Position{Line: r.endLine, Column: r.endCol}}
			csvRecord(rec, r.rule, sevNames[r.rank], r.path, rng, r.msg, r.pointer)
			_ = w.Write(rec)
			n++
		}
	}
	w.Flush()
	if w.Error() != nil {
		return "", 0
	}
	// The URL is built here from CSV text that is percent-encoded
	// byte by byte: it holds no quote, angle bracket or space, so it
	// cannot leave its attribute, and its scheme is ours.
	return template.URL(b.String()), n
}

// percentWriter percent-encodes what it is given, leaving the characters
// that need no encoding in a data: URL's data (RFC 2397: unreserved and
// most reserved ones), so that plain text grows little.
type percentWriter struct{ b *strings.Builder }

const hexDigits = "0123456789ABCDEF"

// Write implements io.Writer; it never fails.
func (p *percentWriter) Write(data []byte) (int, error) {
	for _, c := range data {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("-._~!*(),/:;=@", c) >= 0 {
			p.b.WriteByte(c)
			continue
		}
		p.b.WriteByte('%')
		p.b.WriteByte(hexDigits[c>>4])
		p.b.WriteByte(hexDigits[c&15])
	}
	return len(data), nil
}
