package rules

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPointerRoundTrip(t *testing.T) {
	for _, tokens := range [][]string{nil, {"figid"}, {"schema-jsonld", "@id"}, {"a/b", "c~d", "0"}} {
		p := Pointer(tokens...)
		got, ok := SplitPointer(p)
		if !ok || !cmp.Equal(got, tokens, cmp.Comparer(func(a, b []string) bool { return strings.Join(a, "\x00") == strings.Join(b, "\x00") })) {
			t.Errorf("SplitPointer(%q) = %q, %v; want %q", p, got, ok, tokens)
		}
	}
	if got := Pointer("a/b", "c~d"); got != "/a~1b/c~0d" {
		t.Errorf("Pointer escaped to %q", got)
	}
	if _, ok := SplitPointer("figid"); ok {
		t.Error("a pointer without a leading / was accepted")
	}
}

func TestFieldPath(t *testing.T) {
	idx := func(d int) bool { return d == 1 }
	for _, tc := range []struct {
		tokens []string
		isIdx  func(int) bool
		want   string
	}{
		{nil, nil, "(front matter)"},
		{[]string{"schema-jsonld", "keywords", "3"}, func(d int) bool { return d == 2 }, "schema-jsonld.keywords[3]"},
		{[]string{"organisms", "0"}, idx, "organisms[0]"},
		{[]string{"a.b", "c"}, nil, `"a.b".c`},
	} {
		if got := FieldPath(tc.tokens, tc.isIdx); got != tc.want {
			t.Errorf("FieldPath(%q) = %q, want %q", tc.tokens, got, tc.want)
		}
	}
}

func TestRegistry(t *testing.T) {
	run := func(*Pass) {}
	meta := func(id string) Meta { return Meta{ID: id, Severity: SeverityWarning, Summary: "s", Doc: "d"} }
	reg, err := NewRegistry(Rule{Meta: meta("alpha"), Run: run}, Rule{Meta: meta("fam"), Family: []Meta{meta("fam/one"), meta("fam/two")}, Run: run})
	if err != nil {
		t.Fatal(err)
	}
	got, err := reg.Match("fam/*")
	if err != nil || !cmp.Equal(got, []string{"fam/one", "fam/two"}) {
		t.Errorf("Match(fam/*) = %v, %v", got, err)
	}
	if _, err := reg.Match("nope"); err == nil || !strings.Contains(err.Error(), `unknown rule "nope"`) {
		t.Errorf("Match(nope) error %v", err)
	}
	for name, bad := range map[string][]Rule{
		"duplicate ID": {{Meta: meta("alpha"), Run: run}, {Meta: meta("alpha"), Run: run}},
		"not kebab":    {{Meta: meta("Alpha_Rule"), Run: run}},
		"no severity":  {{Meta: Meta{ID: "x", Summary: "s", Doc: "d"}, Run: run}},
		"no run":       {{Meta: meta("x")}},
		"no doc":       {{Meta: Meta{ID: "x", Severity: SeverityNote, Summary: "s"}, Run: run}},
		"family clash": {{Meta: meta("a"), Family: []Meta{meta("a")}, Run: run}},
		"precision":    {{Meta: Meta{ID: "x", Severity: SeverityNote, Summary: "s", Doc: "d", Precision: "certain"}, Run: run}},
		"fix safety":   {{Meta: Meta{ID: "x", Severity: SeverityNote, Summary: "s", Doc: "d", FixSafety: 7}, Run: run}},
		"since":        {{Meta: Meta{ID: "x", Severity: SeverityNote, Summary: "s", Doc: "d", Since: "v0.1"}, Run: run}},
	} {
		if _, err := NewRegistry(bad...); err == nil {
			t.Errorf("%s: registry accepted it", name)
		}
	}
}

// TestRegistryCompletesMeta: the registry gives a rule without a
// precision PrecisionHigh, and every ID the tags outputs derive: the
// family's ID for a member, "collection" for a collection-level rule's own
// ID, then the Meta's own tags once.
func TestRegistryCompletesMeta(t *testing.T) {
	run := func(*Pass) {}
	meta := func(id string, tags ...string) Meta {
		return Meta{ID: id, Severity: SeverityWarning, Summary: "s", Doc: "d", Tags: tags, Since: "0.1.0"}
	}
	coll := Rule{Meta: meta("coll", "pages", "collection"), Summarize: func(*Pass) any { return nil },
		Finish: func([]Summary, func(Diagnostic)) {}}
	fam := Rule{Meta: meta("fam"), Family: []Meta{meta("fam/one", "keyword")}, Run: run}
	exact := meta("exact")
	exact.Precision = PrecisionVeryHigh
	reg, err := NewRegistry(coll, fam, Rule{Meta: exact, Run: run})
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string][]string{
		"coll":    {"front-matter", "collection", "pages"},
		"fam":     {"front-matter"},
		"fam/one": {"front-matter", "fam", "keyword"},
		"exact":   {"front-matter"},
	} {
		m, _ := reg.Meta(id)
		if !cmp.Equal(m.Tags, want) {
			t.Errorf("%s: tags %q; want %q", id, m.Tags, want)
		}
	}
	for id, want := range map[string]Precision{"coll": PrecisionHigh, "fam/one": PrecisionHigh, "exact": PrecisionVeryHigh} {
		if m, _ := reg.Meta(id); m.Precision != want {
			t.Errorf("%s: precision %q; want %q", id, m.Precision, want)
		}
	}
	for safety, want := range map[FixSafety]string{FixSafetyDefault: "none", FixSafe: "safe", FixUnsafe: "unsafe"} {
		if got := (Meta{FixSafety: safety}).Fixes(); got != want {
			t.Errorf("Fixes() of %d = %q; want %q", safety, got, want)
		}
	}
}

func TestParseSeverity(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Severity
	}{
		{"error", SeverityError},
		{"Warning", SeverityWarning},
		{" note ", SeverityNote}, // flags and config values are trimmed
	} {
		if got, err := ParseSeverity(tc.in); err != nil || got != tc.want {
			t.Errorf("ParseSeverity(%q) = %v, %v", tc.in, got, err)
		}
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("fatal accepted")
	}
}
