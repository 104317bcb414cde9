package report

import (
	"fmt"
	"io"
	"path/filepath"
)

// NewHTMLAt returns the HTML audit report writer for a report that will
// live in the folder base (absolute): its links to the pages are relative
// to base, as OpenHTMLFile makes them, while the caller decides how the
// bytes reach the file (figlint --output writes them to a temporary file
// renamed into place).
func NewHTMLAt(w io.Writer, opts Options, base string) (Reporter, error) {
	h := newHTML(w, opts)
	if h.err != nil {
		return nil, fmt.Errorf("report: html: %w", h.err)
	}
	h.base = filepath.Clean(base)
	return h, nil
}
