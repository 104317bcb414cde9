package rules

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPublisherKey: spellings of one publisher share a key; different
// publishers, even of one group, do not.
func TestPublisherKey(t *testing.T) {
	same := [][]string{
		{"Frontiers Media S.A.", "Frontiers Media SA", "FRONTIERS MEDIA S.A"},
		{"Elsevier", "Elsevier Inc.", "Elsevier B.V.", "Elsevier Ltd", "ELSEVIER"},
		{"PLOS", "Public Library of Science", "PLoS"},
		{"BioMed Central", "BMC", "BioMed Central Ltd"},
		{"John Wiley and Sons Inc.", "John Wiley & Sons, Inc.", "John Wiley & Sons"},
		{"The Royal Society of Chemistry", "Royal Society of Chemistry"},
		{"Baishideng Publishing Group Inc", "Baishideng Publishing Group Inc."},
		{"S. Karger AG", "S Karger"},
	}
	for _, names := range same {
		for _, n := range names[1:] {
			if a, b := publisherKey(names[0]), publisherKey(n); a != b {
				t.Errorf("publisherKey(%q) = %q, publisherKey(%q) = %q; want equal", names[0], a, n, b)
			}
		}
	}
	apart := [][2]string{
		{"Springer", "Springer Berlin Heidelberg"},
		{"Elsevier", "Canadian Cardiovascular Society. Published by Elsevier Inc."},
		{"Nature Publishing Group UK", "Springer Science and Business Media LLC"},
		{"Wiley", "John Wiley and Sons Inc."},
		{"Oxford University Press", "Cold Spring Harbor Laboratory"},
	}
	for _, p := range apart {
		if publisherKey(p[0]) == publisherKey(p[1]) {
			t.Errorf("publisherKey(%q) = publisherKey(%q) = %q; want apart", p[0], p[1], publisherKey(p[0]))
		}
	}
	// A suffix alone is a name, not an empty key.
	if k := publisherKey("Inc."); k != "inc" {
		t.Errorf("publisherKey(%q) = %q; want %q", "Inc.", k, "inc")
	}
}

func journalSums(t *testing.T, pages ...[4]string) []Summary {
	t.Helper()
	sums := make([]Summary, 0, len(pages))
	for i, p := range pages {
		s := journalSummary{TA: p[1]}
		if p[2] != "" {
			s.Title = &fieldValue{Value: p[2], At: [4]int{14 + i, 16, 14 + i, 16 + len(p[2])}}
		}
		if p[3] != "" {
			s.Publisher = &fieldValue{Value: p[3], At: [4]int{16 + i, 17, 16 + i, 17 + len(p[3])}}
		}
		data, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		sums = append(sums, Summary{Path: p[0], Data: data})
	}
	return sums
}

// TestJournalConsistencyCounts: three spellings name each other with their
// counts, related locations are capped, and one publisher spelt one way
// across journals is no finding.
func TestJournalConsistencyCounts(t *testing.T) {
	pages := make([][4]string, 0, 9)
	for _, p := range []string{"a", "b", "c", "d", "e"} {
		pages = append(pages, [4]string{p + ".md", "PLoS One", "PLOS ONE", "PLOS"})
	}
	pages = append(pages, [4]string{"f.md", "PLoS One", "PLOS One", "PLOS"}, [4]string{"g.md", "PLoS One", "PLOS One", "PLOS"},
		[4]string{"h.md", "PLoS One", "PLoS ONE", "PLOS"}, [4]string{"i.md", "PLoS Biol", "PLOS Biology", "PLOS"})
	var got []Diagnostic
	finishJournalConsistency(journalSums(t, pages...), func(f Diagnostic) { got = append(got, f) })
	if len(got) != 3 {
		t.Fatalf("%d findings, want one per minority page: %+v", len(got), got)
	}
	want := `journal_title "PLOS One" (2 pages) is spelt "PLOS ONE" on 5 other pages and "PLoS ONE" on 1 page with journal_nlm_ta "PLoS One"; expected the collection's one spelling "PLOS ONE"`
	if got[0].Path != "f.md" || got[0].Message != want {
		t.Errorf("first finding %s: %q; want f.md: %q", got[0].Path, got[0].Message, want)
	}
	if want := `journal_title "PLoS ONE" (1 page) is spelt "PLOS ONE" on 5 other pages and "PLOS One" on 2 pages`; got[2].Path != "h.md" || !strings.HasPrefix(got[2].Message, want) {
		t.Errorf("last finding %s: %q; want h.md: %q", got[2].Path, got[2].Message, want)
	}
	if n := len(got[0].Related); n != maxRelatedPages || got[0].Related[0].Path != "a.md" {
		t.Errorf("related %+v; want the first %d pages of the majority spelling", got[0].Related, maxRelatedPages)
	}
	if len(got[0].Fixes) != 1 || got[0].Fixes[0].Edits[0].NewText != "PLOS ONE" {
		t.Errorf("fixes %+v; want one replacing the value with the majority spelling", got[0].Fixes)
	}
}

// TestJournalConsistencyTie: with no majority the group is reported once,
// at the first page in path order whatever order the spellings come in,
// without a fix.
func TestJournalConsistencyTie(t *testing.T) {
	sums := journalSums(t, [4]string{"b.md", "", "", "PLOS"}, [4]string{"c.md", "", "", "Public Library of Science"},
		[4]string{"d.md", "", "", "Public Library of Science"}, [4]string{"e.md", "", "", "PLOS"})
	var got []Diagnostic
	finishJournalConsistency(sums, func(f Diagnostic) { got = append(got, f) })
	if len(got) != 1 {
		t.Fatalf("%d findings, want 1: %+v", len(got), got)
	}
	f := got[0]
	want := `publisher_name is spelt 2 ways, with no majority: "PLOS" on 2 pages and "Public Library of Science" on 2 pages; expected the collection's one spelling`
	if f.Path != "b.md" || f.Message != want || len(f.Fixes) != 0 || len(f.Related) != 1 || f.Related[0].Path != "c.md" {
		t.Errorf("got %s %q fixes %d related %+v; want b.md %q, no fix, c.md related", f.Path, f.Message, len(f.Fixes), f.Related, want)
	}
}

// TestJournalSummarySmall: a page's summary stays a few dozen bytes plus
// its values, since a 100,000-page run keeps one per page.
func TestJournalSummarySmall(t *testing.T) {
	sums := journalSums(t, [4]string{"a.md", "PLoS Comput Biol", "PLOS Computational Biology", "Public Library of Science"})
	values := len("PLoS Comput Biol") + len("PLOS Computational Biology") + len("Public Library of Science")
	if n := len(sums[0].Data); n > values+100 {
		t.Errorf("summary %s is %d bytes; want at most %d", sums[0].Data, n, values+100)
	}
}

// TestJournalPublisherChange: a journal whose pages name another publisher
// gets a note at the minority page, without a fix; a page whose publisher
// is also a minority spelling gets only the spelling warning.
func TestJournalPublisherChange(t *testing.T) {
	sums := journalSums(t,
		[4]string{"a.md", "J", "", "Elsevier"}, [4]string{"b.md", "J", "", "Elsevier"}, [4]string{"c.md", "J", "", "Elsevier Ltd"},
		[4]string{"d.md", "J", "", "Wiley"}, [4]string{"e.md", "J", "", "Wiley Inc."},
		[4]string{"f.md", "K", "", "Wiley"}, [4]string{"g.md", "K", "", "Wiley"})
	var got []string
	finishJournalConsistency(sums, func(f Diagnostic) {
		got = append(got, fmt.Sprintf("%s %v %d: %s", f.Path, f.Severity, len(f.Fixes), f.Message))
	})
	want := []string{
		`c.md severity(0) 1: publisher_name "Elsevier Ltd" (1 page) is spelt "Elsevier" on 2 other pages; expected the collection's one spelling "Elsevier"`,
		`e.md severity(0) 1: publisher_name "Wiley Inc." (1 page) is spelt "Wiley" on 3 other pages; expected the collection's one spelling "Wiley"`,
		`d.md note 0: publisher_name "Wiley" (2 pages of journal_nlm_ta "J") differs from "Elsevier" on 3 other pages of it; expected one publisher per journal, unless the journal moved publisher`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestJournalConsistencySpaces: a value that differs only in whitespace is
// text-hygiene's, not a second spelling.
func TestJournalConsistencySpaces(t *testing.T) {
	sums := journalSums(t, [4]string{"a.md", "PLoS One", "PLOS ONE", "PLOS"}, [4]string{"b.md", "PLoS One", "PLOS ONE ", "PLOS"},
		[4]string{"c.md", "PLoS One", "PLOS  ONE", "PLOS "})
	finishJournalConsistency(sums, func(f Diagnostic) { t.Errorf("unexpected finding %s: %s", f.Path, f.Message) })
}
