package report

import (
	"container/heap"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/rules"
)

// The per-page view lists the pages with findings, the worst first (by
// their most severe finding, then by their number of findings), each with
// its figure's title, links to the figure at PMC and to the PFOCR page,
// and its findings. Only the maxPages worst pages are kept while the
// results stream in, in a heap whose root is the least bad page kept, so
// the memory stays bounded on any collection.

// Outbound links: the only URLs the report holds that leave the file.
// They are links a curator clicks, never something the page loads.
const (
	pmcHost   = "https://www.ncbi.nlm.nih.gov"
	pfocrBase = "https://pfocr.wikipathways.org/figures/"
)

// The patterns are compiled on first use, by report runs: their counted
// repetitions make large programs, which every other run would compile at
// start.
var (
	// figlinkRE is a figlink that is safe to put after pmcHost: the shape
	// PFOCR writes (/pmc/articles/<pmcid>/figure/<id>/), slash optional.
	figlinkRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^/pmc/articles/PMC[0-9]{1,9}/figure/[A-Za-z0-9._-]{1,100}/?$`)
	})
	// figidRE is a figid that names a PFOCR page.
	figidRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^PMC[0-9]{1,9}__[A-Za-z0-9._()+-]{1,150}$`) })
)

// keptPage is a page of the per-page view.
type keptPage struct {
	page                  int // index in htmlReport.pages
	figid, title, figlink string
	rows                  []htmlRow // its first maxPageRows findings
	heapIdx               int
}

// keptHeap holds the kept pages, the least bad at the root.
type keptHeap struct {
	items []*keptPage
	pages []htmlPage // htmlReport.pages, for the counts (set before use)
}

func (k *keptHeap) Len() int { return len(k.items) }
func (k *keptHeap) Less(i, j int) bool {
	return comparePages(k.pages, k.items[i].page, k.items[j].page) > 0
}
func (k *keptHeap) Swap(i, j int) {
	k.items[i], k.items[j] = k.items[j], k.items[i]
	k.items[i].heapIdx, k.items[j].heapIdx = i, j
}

// Push implements heap.Interface.
func (k *keptHeap) Push(x any) {
	if p, ok := x.(*keptPage); ok {
		p.heapIdx = len(k.items)
		k.items = append(k.items, p)
	}
}

// Pop implements heap.Interface.
func (k *keptHeap) Pop() any {
	last := k.items[len(k.items)-1]
	k.items = k.items[:len(k.items)-1]
	return last
}

// comparePages orders pages worst first: by their most severe finding,
// then by more findings, then by path. It is negative when page a comes
// before page b.
func comparePages(pages []htmlPage, a, b int) int {
	pa, pb := &pages[a], &pages[b]
	if wa, wb := worstRank(pa.n), worstRank(pb.n); wa != wb {
		return wa - wb
	}
	if ta, tb := pa.n[0]+pa.n[1]+pa.n[2], pb.n[0]+pb.n[1]+pb.n[2]; ta != tb {
		return tb - ta
	}
	return strings.Compare(pa.path, pb.path)
}

// keepPage adds a page with findings to the per-page view if it is among
// the worst so far, dropping the least bad one when the view is full.
func (h *htmlReport) keepPage(page int, r engine.Result) {
	if len(r.Findings) == 0 || h.maxPages <= 0 {
		return
	}
	h.kept.pages = h.pages
	if len(h.kept.items) >= h.maxPages {
		root := h.kept.items[0]
		if comparePages(h.pages, page, root.page) >= 0 {
			return
		}
		heap.Pop(&h.kept)
		delete(h.keptByPage, root.page)
	}
	k := &keptPage{page: page, figid: r.Facts.Figid, title: r.Facts.Title, figlink: r.Facts.Figlink}
	for _, f := range r.Findings[:min(len(r.Findings), h.maxPageRows)] {
		k.rows = append(k.rows, newHTMLRow(f, severityRank(f.Severity)))
	}
	heap.Push(&h.kept, k)
	h.keptByPage[page] = k
}

// keepCollectionFinding adds a collection-level finding to its page's
// entry when the page is kept. The page only gets worse, so it stays
// kept; a page dropped from the view is not brought back, since its other
// findings are gone (the rule tables and the counts still have them). A
// page that had no finding of its own, such as one whose journal is only
// spelt apart from the others', enters the view now, named by its file:
// its facts were not kept, as clean pages' are not.
func (h *htmlReport) keepCollectionFinding(page int, f rules.Finding, rank int) {
	k, ok := h.keptByPage[page]
	if !ok {
		if p := &h.pages[page]; p.n[0]+p.n[1]+p.n[2] == 1 {
			stem := strings.TrimSuffix(path.Base(p.path), path.Ext(p.path))
			h.keepPage(page, engine.Result{Findings: []rules.Finding{f}, Facts: engine.Facts{Figid: stem}})
		}
		return
	}
	if len(k.rows) < h.maxPageRows {
		k.rows = append(k.rows, newHTMLRow(f, rank))
	}
	h.kept.pages = h.pages
	heap.Fix(&h.kept, k.heapIdx)
}

// pageView is a page's entry in the per-page view.
type pageView struct {
	page      int // index in htmlReport.pages
	Anchor    string
	Dir, Base string
	Href      string
	Figid     string
	Title     string
	PMC       string // the figure at PMC, or ""
	PFOCR     string // the PFOCR page, or ""
	N         [3]int
	Total     int
	Rows      []rowView
	More      int // findings beyond the rows
}

// pageViews lists the kept pages, the worst first.
func (h *htmlReport) pageViews() []pageView {
	kept := slices.Clone(h.kept.items)
	slices.SortFunc(kept, func(a, b *keptPage) int { return comparePages(h.pages, a.page, b.page) })
	out := make([]pageView, len(kept))
	for i, k := range kept {
		p := &h.pages[k.page]
		cut := strings.LastIndexByte(p.path, '/') + 1
		v := pageView{page: k.page, Anchor: fmt.Sprintf("page-%d", i+1), Dir: escapeControl(p.path[:cut]),
			Base: escapeControl(p.path[cut:]), Href: h.href(p.path), Figid: escapeControl(k.figid),
			Title: escapeControl(k.title), N: p.n, Total: p.n[0] + p.n[1] + p.n[2]}
		v.PMC, v.PFOCR = outboundLinks(k.figid, k.figlink)
		rows := slices.Clone(k.rows)
		slices.SortStableFunc(rows, func(a, b htmlRow) int {
			if a.line != b.line {
				return a.line - b.line
			}
			return a.col - b.col
		})
		v.More = v.Total - len(rows)
		v.Rows = make([]rowView, len(rows))
		for j, r := range rows {
			at := "—"
			if r.line >= 1 {
				at = fmt.Sprintf("%d:%d", r.line, max(r.col, 1))
			}
			v.Rows[j] = rowView{Rule: r.rule, Anchor: "rule-" + anchorID(r.rule), At: at, Sev: sevNames[r.rank],
				Msg: escapeControl(r.msg), HasFix: r.hasFix, Fix: escapeControl(r.fix), FixMore: r.fixMore}
		}
		out[i] = v
	}
	return out
}

// outboundLinks are the URLs of a page's figure at PMC and of its PFOCR
// page, each "" unless the page's value has the expected shape: a value
// from a page never reaches an href otherwise.
func outboundLinks(figid, figlink string) (pmc, pfocr string) {
	if figlinkRE().MatchString(figlink) {
		pmc = pmcHost + figlink
	}
	if figidRE().MatchString(figid) {
		pfocr = pfocrBase + url.PathEscape(figid) + ".html"
	}
	return pmc, pfocr
}
