package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// field is an identity field that gen rewrites.
type field int

const (
	fFigid field = iota
	fPMCID
	fFilename
	fFiglink
	fNumber
	fFigidAlias
	fFigtype
	fRedirect
	fJSONLDID
	numFields
)

// fieldPaths are the fields' keys: top-level, or schema-jsonld's @id.
var fieldPaths = [numFields][]string{
	fFigid:      {"figid"},
	fPMCID:      {"pmcid"},
	fFilename:   {"filename"},
	fFiglink:    {"figlink"},
	fNumber:     {"number"},
	fFigidAlias: {"figid_alias"},
	fFigtype:    {"figtype"},
	fRedirect:   {"redirect_from"},
	fJSONLDID:   {"schema-jsonld", "@id"},
}

// tableSuffixes are the companion tables a page may have in _data.
var tableSuffixes = []string{"-genes.tsv", "-chemicals.tsv", "-diseases.tsv"}

var (
	stemRe    = regexp.MustCompile(`^PMC([1-9][0-9]{0,8})__(\S+)$`)
	figlinkRe = regexp.MustCompile(`^/pmc/articles/[^/\s]+/figure/([^/\s]+)/?$`)
	numberRe  = regexp.MustCompile(`^(F|S|SF|GA|AF|EV)([0-9]+)([a-zA-Z]?|_[0-9]+)$`)
	digitsRe  = regexp.MustCompile(`[0-9]+`)
	figtypes  = map[string]string{
		"F": "Figure", "S": "Scheme", "SF": "Supplemental figure",
		"GA": "Graphical abstract", "AF": "Appendix figure", "EV": "Extended view",
	}
	imageExts = map[string]bool{"jpg": true, "jpeg": true, "png": true, "gif": true, "tif": true, "tiff": true}
)

// maxPMC is the largest PMC number the schema's pattern allows.
const maxPMC = 999_999_999

// segment is a piece of a page template: literal text, or (when isField)
// the value of a field.
type segment struct {
	text    string
	field   field
	isField bool
}

// source is one page of the sample, ready to be copied.
type source struct {
	name  string // file name, for messages
	pmc   int    // PMC number of the page's figid
	image string // figid without its PMC…__ prefix
	ext   string // filename's extension, with the dot
	fig   string // figlink's figure id
	num   string // number, agreeing with fig
	// tmpl is the page with its identity values cut out.
	tmpl []segment
	// tables maps a table suffix to the table's bytes.
	tables map[string][]byte
}

// identity returns the identity fields of a copy of s under PMC number pmc.
func (s *source) identity(pmc int) [numFields]string {
	p := "PMC" + strconv.Itoa(pmc)
	figid := p + "__" + s.image
	alias := p + "__" + s.num
	prefix := numberRe.FindStringSubmatch(s.num)[1]
	return [numFields]string{
		fFigid:      figid,
		fPMCID:      p,
		fFilename:   s.image + s.ext,
		fFiglink:    "/pmc/articles/" + p + "/figure/" + s.fig + "/",
		fNumber:     s.num,
		fFigidAlias: alias,
		fFigtype:    figtypes[prefix],
		fRedirect:   "/figures/" + alias,
		fJSONLDID:   "https://pfocr.wikipathways.org/figures/" + figid + ".html",
	}
}

// render writes the page for the identity values id to buf.
func (s *source) render(buf *bytes.Buffer, id *[numFields]string) {
	for _, seg := range s.tmpl {
		if seg.isField {
			buf.WriteString(id[seg.field])
		} else {
			buf.WriteString(seg.text)
		}
	}
}

// loadCorpus reads the pages of dir/_figures (sorted by name) and their
// tables. Pages that gen cannot copy consistently (no PMC…__ file name, an
// identity field missing or not a one-line plain scalar) are skipped and
// named in skipped.
func loadCorpus(dir string) (sources []*source, skipped []string, err error) {
	figDir := filepath.Join(dir, "_figures")
	entries, err := os.ReadDir(figDir)
	if err != nil {
		return nil, nil, fmt.Errorf("gen: reading the source corpus: %w", err)
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(figDir, e.Name()))
		if err != nil {
			return nil, nil, fmt.Errorf("gen: %w", err)
		}
		s, why := parseSource(e.Name(), data)
		if why != "" {
			skipped = append(skipped, fmt.Sprintf("%s: %s", e.Name(), why))
			continue
		}
		stem := strings.TrimSuffix(e.Name(), ".md")
		s.tables = map[string][]byte{}
		for _, suf := range tableSuffixes {
			b, err := os.ReadFile(filepath.Join(dir, "_data", stem+suf))
			switch {
			case err == nil:
				s.tables[suf] = b
			case !errors.Is(err, os.ErrNotExist):
				return nil, nil, fmt.Errorf("gen: %w", err)
			}
		}
		sources = append(sources, s)
	}
	if len(sources) == 0 {
		return nil, skipped, fmt.Errorf("gen: no usable page in %s; expected PFOCR pages named PMC…__….md", figDir)
	}
	return sources, skipped, nil
}

// parseSource builds the template of one page. A non-empty why says why the
// page cannot be used.
func parseSource(name string, data []byte) (s *source, why string) {
	m := stemRe.FindStringSubmatch(strings.TrimSuffix(name, ".md"))
	if m == nil {
		return nil, "file name is not PMC<digits>__<image>.md"
	}
	pmc, _ := strconv.Atoi(m[1]) // at most 9 digits: cannot fail
	s = &source{name: name, pmc: pmc, image: m[2]}

	lines := strings.SplitAfter(string(data), "\n")
	if len(lines) == 0 || strings.TrimRight(lines[0], " \t\r\n") != "---" {
		return nil, "no front matter"
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if t := strings.TrimRight(lines[i], " \t\r\n"); t == "---" || t == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, "front matter is not terminated"
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(strings.Join(lines[1:end], "")), &doc); err != nil {
		return nil, "front matter is not valid YAML: " + err.Error()
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, "front matter is not a mapping"
	}

	// at maps a file line index to the field whose value it holds and the
	// byte offset where the value starts.
	type place struct {
		f   field
		off int
	}
	at := map[int]place{}
	var values [numFields]string
	for f := range numFields {
		n := lookup(doc.Content[0], fieldPaths[f])
		if n == nil {
			return nil, fmt.Sprintf("%s is missing; expected a current-generation page", strings.Join(fieldPaths[f], "."))
		}
		if n.Kind != yaml.ScalarNode || n.Style != 0 || n.LineComment != "" || n.Value == "" {
			return nil, fmt.Sprintf("%s is not a one-line plain scalar", strings.Join(fieldPaths[f], "."))
		}
		li := n.Line // front matter line n is file line n+1, index n
		line := strings.TrimRight(lines[li], "\r\n")
		off := byteOffset(line, n.Column-1)
		if off < 0 || strings.TrimRight(line[off:], " \t") != n.Value {
			return nil, fmt.Sprintf("%s is not a one-line plain scalar", strings.Join(fieldPaths[f], "."))
		}
		if _, dup := at[li]; dup {
			return nil, fmt.Sprintf("%s shares its line with another identity field", strings.Join(fieldPaths[f], "."))
		}
		at[li] = place{f, off}
		values[f] = n.Value
	}

	if fm := figlinkRe.FindStringSubmatch(values[fFiglink]); fm != nil {
		s.fig = fm[1]
	} else {
		return nil, fmt.Sprintf("figlink %q is not /pmc/articles/<pmcid>/figure/<id>/", values[fFiglink])
	}
	nm := numberRe.FindStringSubmatch(values[fNumber])
	if nm == nil {
		return nil, fmt.Sprintf("number %q is not a PFOCR figure number", values[fNumber])
	}
	s.num = values[fNumber]
	// figure-identity notes a number none of whose digits appear in
	// figlink's figure id (number F1 for figure/fig8/). The figure id comes
	// from PMC and names the image, so the number follows it.
	if !digitsAgree(nm[2], s.fig) {
		d := strings.TrimLeft(digitsRe.FindString(s.fig), "0")
		if d == "" {
			d = "0"
		}
		s.num = nm[1] + d
	}
	s.ext = ".jpg"
	if i := strings.LastIndexByte(values[fFilename], '.'); i >= 0 && imageExts[strings.ToLower(values[fFilename][i+1:])] {
		s.ext = values[fFilename][i:]
	}

	var lit strings.Builder
	for i, line := range lines {
		p, ok := at[i]
		if !ok {
			lit.WriteString(line)
			continue
		}
		lit.WriteString(line[:p.off])
		s.tmpl = append(s.tmpl, segment{text: lit.String()}, segment{field: p.f, isField: true})
		lit.Reset()
		if strings.HasSuffix(line, "\r\n") {
			lit.WriteString("\r\n")
		} else if strings.HasSuffix(line, "\n") {
			lit.WriteString("\n")
		}
	}
	s.tmpl = append(s.tmpl, segment{text: lit.String()})

	// The new values are plain scalars that read back as themselves; check
	// it once per template, for the page's own PMC id and a long one.
	for _, pmc := range []int{s.pmc, maxPMC} {
		if why := s.check(pmc); why != "" {
			return nil, why
		}
	}
	return s, ""
}

// check renders the copy for pmc and reads its identity fields back.
func (s *source) check(pmc int) (why string) {
	id := s.identity(pmc)
	var buf bytes.Buffer
	s.render(&buf, &id)
	text := strings.TrimPrefix(buf.String(), "---\n")
	if i := strings.Index(text, "\n---"); i >= 0 {
		text = text[:i+1]
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil || len(doc.Content) != 1 {
		return fmt.Sprintf("the rewritten page is not valid YAML: %v", err)
	}
	for f := range numFields {
		n := lookup(doc.Content[0], fieldPaths[f])
		if n == nil || n.Value != id[f] {
			return fmt.Sprintf("the rewritten %s does not read back as %q", strings.Join(fieldPaths[f], "."), id[f])
		}
	}
	return ""
}

// lookup follows keys through nested mappings.
func lookup(n *yaml.Node, keys []string) *yaml.Node {
	for _, k := range keys {
		if n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				next = n.Content[i+1]
			}
		}
		if next == nil {
			return nil
		}
		n = next
	}
	return n
}

// byteOffset returns the byte offset of the col-th code point (0-based) of
// line, or -1 when the line is shorter.
func byteOffset(line string, col int) int {
	i := 0
	for off := range line {
		if i == col {
			return off
		}
		i++
	}
	if i == col {
		return len(line)
	}
	return -1
}

// digitsAgree reports whether number's digits appear among the digit runs
// of a figure id (leading zeros ignored); an id without digits agrees.
func digitsAgree(numDigits, fig string) bool {
	runs := digitsRe.FindAllString(fig, -1)
	if len(runs) == 0 {
		return true
	}
	want := strings.TrimLeft(numDigits, "0")
	for _, r := range runs {
		if strings.TrimLeft(r, "0") == want {
			return true
		}
	}
	return false
}

// pmcPlan assigns PMC numbers to copies.
type pmcPlan struct {
	base  int         // first new PMC number
	index map[int]int // source PMC number -> rank among the distinct ones
}

func newPMCPlan(sources []*source) pmcPlan {
	index := map[int]int{}
	var distinct []int
	maxSrc := 0
	for _, s := range sources {
		if _, ok := index[s.pmc]; !ok {
			index[s.pmc] = 0
			distinct = append(distinct, s.pmc)
		}
		maxSrc = max(maxSrc, s.pmc)
	}
	sort.Ints(distinct)
	for i, p := range distinct {
		index[p] = i
	}
	const step = 10_000_000
	return pmcPlan{base: (maxSrc/step + 1) * step, index: index}
}

// pmc is the PMC number of copy k of a page whose own is src: copy 0 keeps
// it; later copies map every source PMC id to its own new one, so pages of
// one article stay together.
func (p pmcPlan) pmc(k, src int) int {
	if k == 0 {
		return src
	}
	return p.base + (k-1)*len(p.index) + p.index[src]
}

// markerName marks a directory as gen's output, which gen may replace.
const markerName = ".figlint-bench-gen"

// stats counts what generate wrote.
type stats struct{ pages, tables int }

// generate writes n pages copied from sources into out.
func generate(sources []*source, n int, out string) (stats, error) {
	plan := newPMCPlan(sources)
	copies := (n + len(sources) - 1) / len(sources)
	if copies > 1 && plan.pmc(copies-1, maxSrcPMC(sources)) > maxPMC {
		return stats{}, fmt.Errorf("gen: %d pages need PMC numbers beyond %d; expected fewer pages", n, maxPMC)
	}
	if err := prepareOut(out); err != nil {
		return stats{}, err
	}
	figDir, dataDir := filepath.Join(out, "_figures"), filepath.Join(out, "_data")
	for _, d := range []string{figDir, dataDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return stats{}, fmt.Errorf("gen: %w", err)
		}
	}

	// Workers write pages j ≡ w (mod workers); the files are the same
	// whatever the number of workers.
	workers := min(runtime.NumCPU()*2, n)
	errs := make([]error, workers)
	tables := make([]int, workers)
	seen := sync.Map{} // figid -> page index, to prove uniqueness
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var buf bytes.Buffer
			for j := w; j < n; j += workers {
				s := sources[j%len(sources)]
				id := s.identity(plan.pmc(j/len(sources), s.pmc))
				if prev, dup := seen.LoadOrStore(id[fFigid], j); dup {
					errs[w] = fmt.Errorf("gen: pages %d and %d would share figid %q", prev, j, id[fFigid])
					return
				}
				buf.Reset()
				s.render(&buf, &id)
				if err := os.WriteFile(filepath.Join(figDir, id[fFigid]+".md"), buf.Bytes(), 0o644); err != nil {
					errs[w] = fmt.Errorf("gen: %w", err)
					return
				}
				for _, suf := range tableSuffixes {
					if b, ok := s.tables[suf]; ok {
						if err := os.WriteFile(filepath.Join(dataDir, id[fFigid]+suf), b, 0o644); err != nil {
							errs[w] = fmt.Errorf("gen: %w", err)
							return
						}
						tables[w]++
					}
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return stats{}, err
	}
	st := stats{pages: n}
	for _, t := range tables {
		st.tables += t
	}
	marker := fmt.Sprintf("complete: n=%d pages=%d tables=%d sources=%d\n", n, st.pages, st.tables, len(sources))
	if err := os.WriteFile(filepath.Join(out, markerName), []byte(marker), 0o644); err != nil {
		return stats{}, fmt.Errorf("gen: %w", err)
	}
	return st, nil
}

func maxSrcPMC(sources []*source) int {
	m := 0
	for _, s := range sources {
		m = max(m, s.pmc)
	}
	return m
}

// prepareOut makes out ready for a fresh output: it must be missing, empty
// or an earlier output of gen, whose pages and tables are removed. The
// marker is written first, so that a run that fails half-way leaves a
// folder that the next run may still replace.
func prepareOut(out string) error {
	entries, err := os.ReadDir(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if mkErr := os.MkdirAll(out, 0o755); mkErr != nil {
			return fmt.Errorf("gen: %w", mkErr)
		}
	case err != nil:
		return fmt.Errorf("gen: %w", err)
	case len(entries) > 0:
		if _, err := os.Stat(filepath.Join(out, markerName)); err != nil {
			return fmt.Errorf("gen: %s is not empty and was not written by gen (no %s); expected an empty or new folder", out, markerName)
		}
		for _, d := range []string{"_figures", "_data"} {
			if err := os.RemoveAll(filepath.Join(out, d)); err != nil {
				return fmt.Errorf("gen: %w", err)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(out, markerName), []byte("incomplete\n"), 0o644); err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	return nil
}
