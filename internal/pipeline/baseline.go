package pipeline

import (
	"path/filepath"

	"github.com/figlint/figlint/internal/baseline"
	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/safeio"
	"github.com/figlint/figlint/internal/yamlpos"
	"github.com/figlint/figlint/rules"
)

// Baseline moves the findings a baseline already holds to the result's
// suppressed findings (kind "external", as SARIF names a suppression kept
// outside the file), and with Record collects every finding's baseline
// entry for --write-baseline.
type Baseline struct {
	Base    *baseline.Baseline // nil: no baseline to match
	Record  bool
	Written []baseline.Entry
	// Dir is the folder displayed paths are relative to: a collection-level
	// finding's page is read from there, so that its entry is keyed on the
	// page's text as a page's own findings are, not on a message that
	// names other pages by paths that depend on where the run started.
	Dir string
	// MaxSize bounds those reads.
	MaxSize int64

	pages map[string]*rules.Source // the collection phase's pages, read once
}

// Process implements Step.
func (b *Baseline) Process(r *engine.Result) error {
	if b.Base == nil && !b.Record {
		return nil
	}
	kept := r.Findings[:0]
	for _, f := range r.Findings {
		src := r.Source
		switch {
		case r.Collection:
			src = b.page(f.Path)
		case f.Path != r.File.Display:
			src = nil // a finding in the page's genes table: no page lines to key on
		}
		key := baseline.Key(f, src)
		if b.Record {
			b.Written = append(b.Written, key)
		}
		if b.Base != nil && b.Base.Match(key) {
			r.Suppressed = append(r.Suppressed, engine.Suppressed{Finding: f, Kind: "external", Justification: "in the baseline"})
			continue
		}
		kept = append(kept, f)
	}
	r.Findings = kept
	return nil
}

// page returns the text of the page a collection-level finding is on, or
// nil when it cannot be read (the entry then keys on the message).
func (b *Baseline) page(shown string) *rules.Source {
	if shown == "" {
		return nil
	}
	if src, ok := b.pages[shown]; ok {
		return src
	}
	if b.pages == nil {
		b.pages = map[string]*rules.Source{}
	}
	p := shown
	if !filepath.IsAbs(p) {
		p = filepath.Join(b.Dir, filepath.FromSlash(shown))
	}
	limit := b.MaxSize
	if limit <= 0 {
		limit = engine.DefaultMaxSize
	}
	var src *rules.Source
	if data, err := safeio.ReadFile(p, limit); err == nil {
		src = yamlpos.New(data)
	}
	b.pages[shown] = src
	return src
}
