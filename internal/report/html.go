package report

import (
	"bufio"
	_ "embed" // the page template
	"fmt"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
)

// HTML report limits.
const (
	// HTMLMaxRows is the most findings of one rule that the HTML report
	// lists (the first ones, in path order); the counts and charts still
	// cover all of them. It keeps the file openable, and the reporter's
	// memory bounded, on a collection of 100,000 pages.
	HTMLMaxRows = 1000
	// HTMLWorstPages is how many pages the worst pages table lists.
	HTMLWorstPages = 15
	// HTMLMaxPages is how many pages the per-page view lists (the worst
	// ones), and HTMLPageRows how many findings of each it lists: with
	// the rule tables, they bound the reporter's memory and the file's
	// size whatever the collection's size.
	HTMLMaxPages = 200
	HTMLPageRows = 50
	// htmlTopOrganisms is how many organisms the organism chart shows.
	htmlTopOrganisms = 12
	// htmlWorstOrganisms is how many of a page's organisms the worst
	// pages table names.
	htmlWorstOrganisms = 3
)

// Severity weights of a page's score in the worst pages table.
const (
	scoreError   = 9
	scoreWarning = 3
	scoreNote    = 1
)

//go:embed html/report.html.tmpl
var htmlTemplateText string

// htmlTemplate is parsed on first use, by the runs that write a report
// (parsing costs about 1 ms, which every other run would pay at start);
// Execute is safe for concurrent use.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"num": formatCount,
		"f1":  func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) },
	}).Parse(htmlTemplateText))
})

// sevNames are the severity names by rank (see severityRank).
var sevNames = [3]string{"error", "warning", "note"}

// htmlReport writes a self-contained HTML audit report at End. It keeps
// the counts of every page and at most maxRows findings of each rule,
// never a page's source.
type htmlReport struct {
	w     io.Writer
	close func() error // closes the file that w writes, if it was opened here
	opts  Options
	dir   string // working directory that findings' paths are relative to, absolute
	base  string // directory the report is in: links are relative to it
	// schemas counts the files checked against each schema.
	schemas map[string]int
	err     error // from resolving the directories; returned by End

	maxRows    int
	rules      map[string]*htmlRuleAcc
	pages      []htmlPage
	pageIndex  map[string]int
	organisms  interner
	oddYears   []string // a few of the year values that are no year, for the table's note
	suppressed int
	internal   []htmlInternal
	unplaced   [3]int // collection-level findings on no linted page

	// The per-page view: the worst maxPages pages so far, with their
	// first maxPageRows findings (see html_pages.go).
	maxPages, maxPageRows int
	kept                  keptHeap
	keptByPage            map[int]*keptPage
}

// htmlRuleAcc gathers one rule's findings.
type htmlRuleAcc struct {
	id   string
	n    [3]int
	rows []htmlRow
}

// htmlRow is a finding as the report lists it. Its strings are the
// finding's own (no copies); fix is made only for findings with a fix.
type htmlRow struct {
	rule, path        string
	line, col         int
	endLine, endCol   int
	rank              int
	msg, pointer, fix string
	hasFix            bool
	fixMore           int             // edits of the fix beyond the one shown
	related           []rules.Related // the first shownRelated of them
	more              int             // related places not kept
}

// htmlPage is what the report keeps of every linted page: a few words,
// so that a collection of 100,000 pages costs a few megabytes.
type htmlPage struct {
	path string
	year int   // the publication year; 0 when unknown (none, or no year)
	orgs []int // indexes in organisms, in the page's order, without repeats or placeholders
	n    [3]int
}

// htmlInternal is an internal error, by page.
type htmlInternal struct {
	Path, Message string
}

// interner numbers distinct strings.
type interner struct {
	ids   map[string]int
	names []string
}

func (in *interner) id(s string) int {
	if id, ok := in.ids[s]; ok {
		return id
	}
	if in.ids == nil {
		in.ids = map[string]int{}
	}
	id := len(in.names)
	in.ids[s] = id
	in.names = append(in.names, s)
	return id
}

// NewHTML returns a reporter that writes a self-contained HTML audit
// report to w at End: totals, charts of the findings by rule, severity,
// publication year and organism, the worst pages, and per-rule tables of
// findings with filters. Links to the pages are relative to opts.Dir, as
// for a report written there; OpenHTMLFile makes them relative to the
// report's own directory.
func NewHTML(w io.Writer, opts Options) Reporter {
	h := newHTML(w, opts)
	h.base = h.dir
	return h
}

func newHTML(w io.Writer, opts Options) *htmlReport {
	h := &htmlReport{w: w, opts: opts, maxRows: HTMLMaxRows, rules: map[string]*htmlRuleAcc{},
		pageIndex: map[string]int{}, maxPages: HTMLMaxPages, maxPageRows: HTMLPageRows,
		keptByPage: map[int]*keptPage{}}
	dir := opts.Dir
	if dir == "" {
		dir = "."
	}
	h.dir, h.err = filepath.Abs(dir)
	return h
}

// OpenHTMLFile creates (or truncates) the file at path and returns a
// reporter that writes the HTML audit report to it and closes it at End,
// for --report beside another format (combine them with Multi). Its links
// to the pages are relative to the report's directory.
func OpenHTMLFile(path string, opts Options) (Reporter, error) {
	h := newHTML(nil, opts)
	if h.err != nil {
		return nil, fmt.Errorf("report: html: %w", h.err)
	}
	abs := filepath.FromSlash(path)
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(h.dir, abs)
	}
	f, err := os.Create(abs)
	if err != nil {
		return nil, fmt.Errorf("cannot create the HTML report: %w", err)
	}
	h.w, h.close, h.base = f, f.Close, filepath.Dir(abs)
	return h, nil
}

// Begin implements Reporter.
func (h *htmlReport) Begin() error { return nil }

// File implements Reporter.
func (h *htmlReport) File(r engine.Result) error {
	page := -1
	if !r.Collection {
		if r.Facts.Schema != "" {
			if h.schemas == nil {
				h.schemas = map[string]int{}
			}
			h.schemas[r.Facts.Schema]++
		}
		p := htmlPage{path: r.File.Display}
		if y, ok := plausibleYear(strings.TrimSpace(r.Facts.Year)); ok {
			p.year = y
		} else if odd := strings.TrimSpace(r.Facts.Year); odd != "" && len(h.oddYears) < htmlOddYears &&
			!slices.Contains(h.oddYears, odd) {
			h.oddYears = append(h.oddYears, truncate(odd, 20))
		}
		for _, o := range r.Facts.Organisms {
			// Placeholders are no organism: the page counts as unknown.
			if o = strings.TrimSpace(o); !unknownOrganism(o) {
				if id := h.organisms.id(o); !slices.Contains(p.orgs, id) {
					p.orgs = append(p.orgs, id)
				}
			}
		}
		page = len(h.pages)
		h.pageIndex[p.path] = page
		h.pages = append(h.pages, p)
	}
	for _, f := range r.Findings {
		rank := severityRank(f.Severity)
		acc := h.rules[f.Rule]
		if acc == nil {
			acc = &htmlRuleAcc{id: f.Rule}
			h.rules[f.Rule] = acc
		}
		acc.n[rank]++
		if len(acc.rows) < h.maxRows {
			// Only the related places the row shows are kept, so memory
			// stays bounded by the rows.
			row := newHTMLRow(f, rank)
			shown := shownRelated(len(f.Related))
			row.related, row.more = slices.Clone(f.Related[:shown]), len(f.Related)-shown
			acc.rows = append(acc.rows, row)
		}
		at := page
		if r.Collection {
			// A collection-level finding counts for the page it is on.
			if i, ok := h.pageIndex[f.Path]; ok {
				at = i
			}
		}
		if at >= 0 {
			h.pages[at].n[rank]++
			if r.Collection {
				h.keepCollectionFinding(at, f, rank)
			}
		} else {
			h.unplaced[rank]++
		}
	}
	if page >= 0 {
		h.keepPage(page, r)
	}
	h.suppressed += len(r.Suppressed)
	if r.Err != nil {
		msg, _, _ := strings.Cut(r.Err.Error(), "\n") // leave the stack trace to stderr
		where := r.File.Display
		if r.Collection {
			where = "(collection-level rules)"
		}
		h.internal = append(h.internal, htmlInternal{Path: where, Message: msg})
	}
	return nil
}

// newHTMLRow is the row of a finding, without its related places.
func newHTMLRow(f rules.Finding, rank int) htmlRow {
	row := htmlRow{rule: f.Rule, path: f.Path, line: f.Range.Start.Line, col: f.Range.Start.Column,
		endLine: f.Range.End.Line, endCol: f.Range.End.Column, rank: rank, msg: f.Message, pointer: f.Pointer}
	if len(f.Fixes) > 0 && len(f.Fixes[0].Edits) > 0 {
		// The first fix's first edit: the value the page should hold.
		// ReplaceFix puts a space before a value right after "key:"; it
		// is no part of the value.
		edits := f.Fixes[0].Edits
		row.hasFix, row.fixMore = true, len(edits)-1
		row.fix = truncate(strings.TrimLeft(edits[0].NewText, " "), htmlMaxFix)
	}
	return row
}

// htmlMaxFix bounds the replacement text a row shows, in characters: a
// fix that rewrites a whole caption is still one line of the table.
const htmlMaxFix = 300

// End implements Reporter: it writes the report.
func (h *htmlReport) End(Summary) error {
	err := h.err
	if err == nil {
		bw := bufio.NewWriter(h.w)
		if err = htmlTemplate().Execute(bw, h.view()); err == nil {
			err = bw.Flush()
		}
	}
	if h.close != nil {
		if cerr := h.close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("report: html: %w", err)
	}
	return nil
}

// htmlView is the data of the page template.
type htmlView struct {
	Version    string
	Started    string // ISO 8601, UTC; "" when not known
	Command    string // shell-quoted, control characters escaped
	ConfigFile string
	// Schemas are the JSON Schemas the files were checked against, the
	// most used first, with how many files each.
	Schemas    []schemaUse
	Pages      int
	Clean      int
	CleanPct   string
	Findings   int
	Sev        [3]int
	Suppressed int
	Unplaced   int
	Internal   []htmlInternal

	Health       *hbarChart
	Worse        [4]int // pages by their most severe finding: error, warning, note, none
	RuleChart    *hbarChart
	YearChart    *colChart
	Years        []groupRow
	YearsUnknown int    // pages with no usable year
	YearsOdd     string // a few of the values that are no year, quoted
	OrgChart     *hbarChart
	Orgs         []groupRow
	OrgsMore     int // organisms beyond the chart
	OrgsUnknown  int // pages that name no organism
	PageViews    []pageView
	PagesOmitted int // pages with findings beyond the per-page view
	MaxPageRows  int
	CSV          template.URL // the data: URL of the listed findings as CSV
	CSVRows      int
	CSVComplete  bool // the CSV holds every finding

	Worst       []worstRow
	Dirty       int // pages with findings
	ScoreNote   string
	Rules       []ruleView
	MaxRows     int
	SevNames    [3]string
	RowsShown   int
	RowsOmitted bool
}

// schemaUse is one schema of the run and the number of files it checked.
type schemaUse struct {
	Name  string
	Files int
}

// groupRow is a row of the year or organism table.
type groupRow struct {
	Name    string
	Pages   int
	Dirty   int
	N       [3]int
	Total   int
	Unknown bool // the row of pages without a usable year or organism
}

// worstRow is a row of the worst pages table.
type worstRow struct {
	page      int    // index in htmlReport.pages
	Anchor    string // the page's entry in the per-page view, if it has one
	Rank      int
	Dir, Base string // the path, split after its last "/"
	Href      string
	N         [3]int
	Score     int
	Year      string
	Organisms string // the first few
	More      int    // organisms left out of Organisms
	All       string // all of them, for the tooltip
}

// ruleView is a rule's section.
type ruleView struct {
	ID      string
	Anchor  string
	Summary string
	N       [3]int
	Total   int
	Rows    []rowView
	Omitted int
}

// rowView is a finding's table row. Its location, path:line:col, is
// split after the path's last "/": the file name stands out.
type rowView struct {
	Dir     string
	Base    string
	Href    string
	Sev     string
	Msg     string
	Related []relatedView
	More    int // related places beyond those listed
	// The first edit of the finding's fix, when it has one: the text that
	// replaces the span ("" deletes it), and how many edits more.
	HasFix  bool
	Fix     string
	FixMore int
	// Rule, Anchor and At are for the per-page view, which names the rule
	// and the line:column rather than the path.
	Rule   string
	Anchor string
	At     string
}

// relatedView is one related place listed under a finding's message.
type relatedView struct {
	Loc  string
	Href string
	Msg  string
}

func (h *htmlReport) view() *htmlView {
	v := &htmlView{Version: h.opts.Version, Pages: len(h.pages), MaxRows: h.maxRows, SevNames: sevNames,
		ScoreNote: fmt.Sprintf("score = %d × errors + %d × warnings + %d × notes", scoreError, scoreWarning, scoreNote),
		Command:   escapeControl(shellQuote(h.opts.Command)), ConfigFile: escapeControl(h.opts.ConfigFile),
		MaxPageRows: h.maxPageRows}
	if !h.opts.Started.IsZero() {
		v.Started = h.opts.Started.UTC().Format("2006-01-02T15:04:05Z")
	}
	for name, n := range h.schemas {
		v.Schemas = append(v.Schemas, schemaUse{Name: escapeControl(name), Files: n})
	}
	sort.Slice(v.Schemas, func(i, j int) bool {
		if v.Schemas[i].Files != v.Schemas[j].Files {
			return v.Schemas[i].Files > v.Schemas[j].Files
		}
		return v.Schemas[i].Name < v.Schemas[j].Name
	})
	for _, acc := range h.rules {
		for i, n := range acc.n {
			v.Sev[i] += n
			v.Findings += n
		}
	}
	for _, n := range h.unplaced {
		v.Unplaced += n
	}
	v.Suppressed, v.Internal = h.suppressed, h.internal
	var worst [4]int // pages by worst severity: error, warning, note, clean
	for i := range h.pages {
		p := &h.pages[i]
		switch {
		case p.n[0] > 0:
			worst[0]++
		case p.n[1] > 0:
			worst[1]++
		case p.n[2] > 0:
			worst[2]++
		default:
			worst[3]++
		}
	}
	v.Worse = worst
	v.Clean, v.Dirty = worst[3], v.Pages-worst[3]
	v.CleanPct = percent(v.Clean, v.Pages)
	if v.Pages > 0 {
		v.Health = healthChart(worst, v.Pages)
	}
	v.Rules = h.ruleViews()
	for _, r := range v.Rules {
		v.RowsShown += len(r.Rows)
		if r.Omitted > 0 {
			v.RowsOmitted = true
		}
	}
	v.RuleChart = ruleChart(v.Rules)
	v.Years = h.yearRows()
	if n := len(v.Years); n > 0 && v.Years[n-1].Unknown {
		v.YearsUnknown = v.Years[n-1].Pages
	}
	if len(h.oddYears) > 0 {
		q := make([]string, len(h.oddYears))
		for i, y := range h.oddYears {
			q[i] = strconv.Quote(y)
		}
		v.YearsOdd = strings.Join(q, ", ")
	}
	v.YearChart = yearChart(v.Years)
	v.Orgs = h.groups(func(p *htmlPage) []int { return p.orgs }, h.organisms.names)
	if n := len(v.Orgs); n > 0 && v.Orgs[n-1].Unknown {
		v.OrgsUnknown = v.Orgs[n-1].Pages
	}
	v.OrgChart, v.OrgsMore = orgChart(v.Orgs)
	v.Worst = h.worst()
	v.PageViews = h.pageViews()
	anchors := make(map[int]string, len(v.PageViews))
	for _, p := range v.PageViews {
		anchors[p.page] = p.Anchor
	}
	for i := range v.Worst {
		v.Worst[i].Anchor = anchors[v.Worst[i].page]
	}
	v.PagesOmitted = v.Dirty - len(v.PageViews)
	v.CSV, v.CSVRows = csvDataURL(v.Rules, h.rules)
	v.CSVComplete = v.CSVRows == v.Findings
	return v
}

// shellQuote writes a command line as a POSIX shell would read it back:
// words of safe characters as they are, others in single quotes.
func shellQuote(args []string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		safe := a != "" && strings.IndexFunc(a, func(r rune) bool {
			return (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9') && !strings.ContainsRune("-_./=:,+@%", r)
		}) < 0
		if safe {
			quoted[i] = a
		} else {
			quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	return strings.Join(quoted, " ")
}

// ruleViews builds the rule sections: the rules with errors first, then
// those with warnings, then notes (a rule counts by its most severe
// finding), each group by rule ID; within a rule, findings in path order.
// A curator reads the errors before hundreds of notes.
func (h *htmlReport) ruleViews() []ruleView {
	out := make([]ruleView, 0, len(h.rules))
	for _, acc := range h.rules {
		rv := ruleView{ID: acc.id, Anchor: "rule-" + anchorID(acc.id), N: acc.n,
			Total: acc.n[0] + acc.n[1] + acc.n[2]}
		if h.opts.Registry != nil {
			if m, ok := h.opts.Registry.Meta(acc.id); ok {
				rv.Summary = m.Summary
			}
		}
		rv.Omitted = rv.Total - len(acc.rows)
		sortRows(acc.rows)
		rv.Rows = make([]rowView, len(acc.rows))
		for i, r := range acc.rows {
			loc := r.path
			if r.line >= 1 {
				loc = fmt.Sprintf("%s:%d:%d", r.path, r.line, max(r.col, 1))
			}
			cut := strings.LastIndexByte(loc[:len(r.path)], '/') + 1
			rv.Rows[i] = rowView{Dir: escapeControl(loc[:cut]), Base: escapeControl(loc[cut:]), Href: h.href(r.path), Sev: sevNames[r.rank], Msg: escapeControl(r.msg),
				More: r.more, HasFix: r.hasFix, Fix: escapeControl(r.fix), FixMore: r.fixMore}
			for _, rel := range r.related {
				// Escaped as in the text format: a bidirectional override
				// in a key would otherwise reverse the text after it.
				rv.Rows[i].Related = append(rv.Rows[i].Related, relatedView{Loc: escapeControl(relatedPlace(rel.Path, rel.Range)),
					Href: h.href(rel.Path), Msg: escapeControl(rel.Message)})
			}
		}
		out = append(out, rv)
	}
	slices.SortFunc(out, func(a, b ruleView) int {
		if wa, wb := worstRank(a.N), worstRank(b.N); wa != wb {
			return wa - wb
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// worstRank is the rank of the most severe of counts by rank (0 for
// errors), or 3 for none.
func worstRank(n [3]int) int {
	for i, k := range n {
		if k > 0 {
			return i
		}
	}
	return 3
}

// sortRows puts a rule's rows in path, line and column order. They
// arrive so, except the collection-level findings, which come last.
func sortRows(rows []htmlRow) {
	slices.SortStableFunc(rows, func(a, b htmlRow) int {
		if c := strings.Compare(a.path, b.path); c != 0 {
			return c
		}
		if a.line != b.line {
			return a.line - b.line
		}
		return a.col - b.col
	})
}

// anchorID makes a rule ID safe in an id attribute and a URL fragment.
func anchorID(id string) string {
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, id)
}

// href links a finding's path (relative to the working directory, or
// absolute) from the report's directory: a percent-encoded relative URL,
// or a file: URL when no relative path leads there.
func (h *htmlReport) href(path string) string {
	abs := filepath.FromSlash(path)
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(h.dir, abs)
	}
	rel, err := filepath.Rel(h.base, abs)
	if err != nil {
		return fileURI(abs, false)
	}
	return encodeURIPath(filepath.ToSlash(rel))
}

// groups counts pages and findings by the keys of each page (its
// organisms); pages without a key count under "unknown", last. The named
// rows are ordered by findings, then pages, then name.
func (h *htmlReport) groups(keys func(*htmlPage) []int, names []string) []groupRow {
	rows := make([]groupRow, len(names)+1)
	for i, n := range names {
		rows[i].Name = escapeControl(n) // a page's text: no raw control character
	}
	none := len(names)
	rows[none].Name, rows[none].Unknown = "unknown", true
	for i := range h.pages {
		p := &h.pages[i]
		ks := keys(p)
		if len(ks) == 0 {
			ks = []int{none}
		}
		for _, k := range ks {
			g := &rows[k]
			g.Pages++
			total := p.n[0] + p.n[1] + p.n[2]
			if total > 0 {
				g.Dirty++
			}
			for s, n := range p.n {
				g.N[s] += n
			}
			g.Total += total
		}
	}
	named, rest := rows[:none], rows[none]
	slices.SortFunc(named, func(a, b groupRow) int {
		if a.Total != b.Total {
			return b.Total - a.Total
		}
		if a.Pages != b.Pages {
			return b.Pages - a.Pages
		}
		return strings.Compare(a.Name, b.Name)
	})
	if rest.Pages > 0 {
		named = append(named, rest)
	}
	return named
}

// count adds a page's counts to the row.
func (g *groupRow) count(p *htmlPage) {
	g.Pages++
	total := p.n[0] + p.n[1] + p.n[2]
	if total > 0 {
		g.Dirty++
	}
	for s, n := range p.n {
		g.N[s] += n
	}
	g.Total += total
}

// yearRows is a row for every year from the first to the last that a
// page states, those without pages included (a gap in the collection is
// worth seeing), then one row of the pages whose year is unknown.
func (h *htmlReport) yearRows() []groupRow {
	first, last, unknown := 0, 0, groupRow{Name: "unknown", Unknown: true}
	for i := range h.pages {
		if y := h.pages[i].year; y != 0 {
			if first == 0 || y < first {
				first = y
			}
			last = max(last, y)
		}
	}
	var rows []groupRow
	if first != 0 {
		rows = make([]groupRow, last-first+1)
		for i := range rows {
			rows[i].Name = strconv.Itoa(first + i)
		}
	}
	for i := range h.pages {
		p := &h.pages[i]
		if p.year == 0 {
			unknown.count(p)
		} else {
			rows[p.year-first].count(p)
		}
	}
	if unknown.Pages > 0 {
		rows = append(rows, unknown)
	}
	return rows
}

// Plausible publication years: PMC holds articles from the 1790s on; the
// bounds keep a typo such as 2202 from stretching the axis by centuries.
const (
	minYear = 1780
	maxYear = 2100
)

// plausibleYear reads a four-digit year in [minYear, maxYear]; "25",
// "n/a" or "2020a" are no year.
func plausibleYear(s string) (int, bool) {
	if len(s) != 4 {
		return 0, false
	}
	y, err := strconv.Atoi(s)
	return y, err == nil && y >= minYear && y <= maxYear && s[0] != '+' && s[0] != '-'
}

// htmlOddYears is how many distinct values that are no year the year
// table's note quotes.
const htmlOddYears = 5

// unknownOrganism tells whether an organisms item stands for no organism:
// a missing-value marker (NA, .na.character, ”, N/A, XXX, REJECT, see
// rules.MissingMarker), a placeholder such as "unspecified plant", or
// words that only say so.
func unknownOrganism(s string) bool {
	if _, missing := rules.MissingMarker(s); missing {
		return true
	}
	switch strings.ToLower(s) {
	case "''", `""`, "na", "n/a", "none", "unknown", "not available", "null", "~":
		return true
	}
	words := strings.Fields(s)
	return len(words) >= 2 && len(words) <= 3 && strings.EqualFold(words[0], "unspecified")
}

// worst lists the pages with the highest scores.
func (h *htmlReport) worst() []worstRow {
	var idx []int
	for i := range h.pages {
		if n := h.pages[i].n; n[0]+n[1]+n[2] > 0 {
			idx = append(idx, i)
		}
	}
	score := func(n [3]int) int { return scoreError*n[0] + scoreWarning*n[1] + scoreNote*n[2] }
	slices.SortStableFunc(idx, func(a, b int) int {
		pa, pb := &h.pages[a], &h.pages[b]
		if sa, sb := score(pa.n), score(pb.n); sa != sb {
			return sb - sa
		}
		if ta, tb := pa.n[0]+pa.n[1]+pa.n[2], pb.n[0]+pb.n[1]+pb.n[2]; ta != tb {
			return tb - ta
		}
		return strings.Compare(pa.path, pb.path)
	})
	idx = idx[:min(len(idx), HTMLWorstPages)]
	out := make([]worstRow, len(idx))
	for i, pi := range idx {
		p := &h.pages[pi]
		cut := strings.LastIndexByte(p.path, '/') + 1
		w := worstRow{page: pi, Rank: i + 1, Dir: escapeControl(p.path[:cut]), Base: escapeControl(p.path[cut:]), Href: h.href(p.path), N: p.n, Score: score(p.n)}
		if p.year != 0 {
			w.Year = strconv.Itoa(p.year)
		}
		orgs := make([]string, len(p.orgs))
		for j, o := range p.orgs {
			orgs[j] = escapeControl(h.organisms.names[o])
		}
		w.All = strings.Join(orgs, ", ")
		w.More = max(0, len(orgs)-htmlWorstOrganisms)
		w.Organisms = strings.Join(orgs[:len(orgs)-w.More], ", ")
		out[i] = w
	}
	return out
}

// Charts. Coordinates are in SVG user units; the SVG scales to its box.

// hbarChart is a horizontal bar chart, one row per label, each bar stacked
// by severity.
type hbarChart struct {
	ID     string
	Title  string
	Width  int
	Height int
	LabelX int // labels end here; bars start after a gap
	Rows   []hbarRow
	Italic bool // labels are scientific names
}

// hbarRow is one bar.
type hbarRow struct {
	Label  string
	Full   string // the whole label, for the tooltip
	Href   string // a fragment, or ""
	Plain  bool   // not italic in an italic chart: the "unknown" bar
	Y      float64
	TextY  float64
	Segs   []chartSeg
	Total  int
	TotalX float64
}

// chartSeg is one severity's part of a bar.
type chartSeg struct {
	X, Y, W, H float64
	Class      string
	Title      string
}

const (
	hbarRowH  = 20.0
	hbarBarH  = 13.0
	hbarTop   = 6.0
	hbarWidth = 1100 // the width of a full card at 1280 pixels
	halfWidth = 530  // the width of a half card
)

func newHbar(id, title string, width, labelX int) *hbarChart {
	return &hbarChart{ID: id, Title: title, Width: width, LabelX: labelX}
}

// add appends a bar; scale is the width of one finding.
func (c *hbarChart) add(label, href string, n [3]int, scale float64, what string) {
	y := hbarTop + float64(len(c.Rows))*hbarRowH
	row := hbarRow{Label: truncate(label, c.LabelX/7), Full: label, Href: href, Y: y,
		TextY: y + hbarBarH/2 + 4, Total: n[0] + n[1] + n[2]}
	x := float64(c.LabelX + 10)
	for s, k := range n {
		if k == 0 {
			continue
		}
		w := math.Max(float64(k)*scale, 1.5)
		row.Segs = append(row.Segs, chartSeg{X: x, Y: y, W: w, H: hbarBarH, Class: "s-" + sevNames[s],
			Title: fmt.Sprintf("%s: %s", label, plural(k, sevNames[s]+what))})
		x += w
	}
	row.TotalX = x + 6
	c.Rows = append(c.Rows, row)
	c.Height = int(math.Ceil(y + hbarRowH + hbarTop))
}

// barScale is the width of one unit when the longest bar, of max units,
// fills the chart after the labels (leaving room for its count).
func barScale(c *hbarChart, maxTotal int) float64 {
	if maxTotal == 0 {
		return 0
	}
	return float64(c.Width-c.LabelX-10-60) / float64(maxTotal)
}

func ruleChart(rs []ruleView) *hbarChart {
	if len(rs) == 0 {
		return nil
	}
	c := newHbar("chart-rules", "Findings per rule, by severity", hbarWidth, 240)
	maxTotal := 0
	for _, r := range rs {
		maxTotal = max(maxTotal, r.Total)
	}
	scale := barScale(c, maxTotal)
	for _, r := range rs {
		c.add(r.ID, "#"+r.Anchor, r.N, scale, "")
	}
	return c
}

// orgChart charts the organisms with the most findings, then one bar of
// the pages that name no organism (NA and other placeholders), and says
// how many more organisms the table lists.
func orgChart(rows []groupRow) (*hbarChart, int) {
	var named []groupRow
	var unknown *groupRow
	for i, r := range rows {
		switch {
		case r.Unknown:
			if r.Total > 0 {
				unknown = &rows[i]
			}
		case r.Total > 0:
			named = append(named, r)
		}
	}
	if len(named) == 0 && unknown == nil {
		return nil, 0
	}
	more := max(len(named)-htmlTopOrganisms, 0)
	named = named[:len(named)-more]
	maxTotal := 0
	for _, r := range named {
		maxTotal = max(maxTotal, r.Total)
	}
	if unknown != nil {
		maxTotal = max(maxTotal, unknown.Total)
	}
	c := newHbar("chart-organisms", "Findings on pages by organism", halfWidth, 180)
	c.Italic = true
	scale := barScale(c, maxTotal)
	for _, r := range named {
		c.add(r.Name, "", r.N, scale, "")
	}
	if unknown != nil {
		c.add("unknown", "", unknown.N, scale, "")
		c.Rows[len(c.Rows)-1].Plain = true
		c.Rows[len(c.Rows)-1].Full = "unknown: pages that name no organism (NA, .na.character, '', unspecified plant…)"
	}
	return c, more
}

// healthChart is one bar of the pages by their most severe finding.
func healthChart(worst [4]int, pages int) *hbarChart {
	c := &hbarChart{ID: "chart-health", Title: "Pages by their most severe finding", Width: hbarWidth, Height: 22}
	x := 0.0
	names := [4]string{"with errors", "with warnings, no errors", "with notes only", "clean"}
	classes := [4]string{"s-error", "s-warning", "s-note", "s-clean"}
	var row hbarRow
	for i, n := range worst {
		if n == 0 {
			continue
		}
		w := float64(hbarWidth) * float64(n) / float64(pages)
		row.Segs = append(row.Segs, chartSeg{X: x, W: w, H: 22, Class: classes[i],
			Title: fmt.Sprintf("%s %s (%s)", plural(n, "page"), names[i], percent(n, pages))})
		x += w
	}
	c.Rows = []hbarRow{row}
	return c
}

// colChart is a column chart, one column per year, stacked by severity.
type colChart struct {
	ID     string
	Title  string
	Width  int
	Height int
	Cols   []colBar
	Ticks  []colTick
	PlotX  float64 // the plot area starts here
	PlotW  float64
	TickX  float64 // tick labels end here
	TopY   float64 // the top of the plot area
	PlotH  float64
	BaseY  float64 // the baseline
	Rotate bool    // labels are turned to fit
	LabelY float64
}

// colBar is one column.
type colBar struct {
	Label  string
	Show   bool // the label is drawn (every k-th when columns are narrow)
	X, W   float64
	LabelX float64
	Segs   []chartSeg
	Title  string
}

// colTick is a horizontal grid line.
type colTick struct {
	Y     float64
	Label string
}

func yearChart(rows []groupRow) *colChart {
	maxTotal := 0
	for _, r := range rows {
		maxTotal = max(maxTotal, r.Total)
	}
	if maxTotal == 0 {
		return nil
	}
	c := &colChart{ID: "chart-years", Title: "Findings by publication year", Width: halfWidth, Height: 226,
		BaseY: 172}
	step := niceStep(maxTotal)
	top := step * int(math.Ceil(float64(maxTotal)/float64(step)))
	c.TopY = 12
	plotH := c.BaseY - c.TopY
	c.PlotH = plotH
	widest := 0
	for v := 0; v <= top; v += step {
		label := compactCount(v)
		widest = max(widest, len(label))
		c.Ticks = append(c.Ticks, colTick{Y: c.BaseY - plotH*float64(v)/float64(top), Label: label})
	}
	// Room for the widest tick label, at about 7 units a character.
	c.PlotX = float64(12 + 7*widest)
	c.TickX = c.PlotX - 6
	c.PlotW = float64(c.Width) - c.PlotX - 8
	// The unknown column stands apart, after a gap of one slot.
	slots := float64(len(rows))
	if rows[len(rows)-1].Unknown && len(rows) > 1 {
		slots++
	}
	slot := c.PlotW / slots
	// A four-digit label needs about 34 units across, 24 apart when
	// turned; a label on every year, or every 2, 5, 10… years on round
	// years.
	c.Rotate = slot < 34
	every := 1
	for _, e := range []int{1, 2, 5, 10, 20, 50, 100} {
		every = e
		if float64(e)*slot >= 24 {
			break
		}
	}
	c.LabelY = c.BaseY + 14
	if !c.Rotate {
		c.Height = int(c.LabelY) + 8
	}
	for i, r := range rows {
		x := c.PlotX + float64(i)*slot
		if r.Unknown && i > 0 {
			x += slot
		}
		w := math.Min(slot*0.72, 36)
		year, _ := strconv.Atoi(r.Name)
		col := colBar{Label: r.Name, Show: r.Unknown || year%every == 0, X: x + (slot-w)/2, W: w, LabelX: x + slot/2,
			Title: fmt.Sprintf("%s: %s on %s", r.Name, plural(r.Total, "finding"), plural(r.Pages, "page"))}
		y := c.BaseY
		for s, n := range r.N {
			if n == 0 {
				continue
			}
			hgt := plotH * float64(n) / float64(top)
			y -= hgt
			col.Segs = append(col.Segs, chartSeg{X: col.X, Y: y, W: w, H: hgt, Class: "s-" + sevNames[s],
				Title: fmt.Sprintf("%s: %s", r.Name, plural(n, sevNames[s]))})
		}
		c.Cols = append(c.Cols, col)
	}
	return c
}

// niceStep is a grid step of 1, 2 or 5 times a power of ten that divides
// max into at most about four steps.
func niceStep(maxV int) int {
	raw := float64(maxV) / 4
	p := math.Pow(10, math.Floor(math.Log10(math.Max(raw, 1))))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return max(1, int(m*p))
		}
	}
	return max(1, int(10*p))
}

// compactCount writes a count in at most about four characters: 950,
// 12k, 1.5M.
func compactCount(n int) string {
	switch {
	case n < 1000:
		return strconv.Itoa(n)
	case n < 1000000:
		return strings.TrimSuffix(strconv.FormatFloat(float64(n)/1e3, 'f', 1, 64), ".0") + "k"
	}
	return strings.TrimSuffix(strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64), ".0") + "M"
}

// percent formats n of total as a whole percentage, never rounding a
// part to 0% or 100%.
func percent(n, total int) string {
	if total == 0 {
		return "0%"
	}
	p := int(math.Round(100 * float64(n) / float64(total)))
	switch {
	case n > 0 && p == 0:
		return "<1%"
	case n < total && p == 100:
		return ">99%"
	}
	return strconv.Itoa(p) + "%"
}

// formatCount writes a count with thousands separators.
func formatCount(n int) string {
	s := strconv.Itoa(n)
	if n < 0 || len(s) <= 3 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// truncate shortens s to at most n runes, with an ellipsis.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
