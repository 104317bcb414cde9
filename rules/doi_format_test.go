package rules

import (
	"reflect"
	"testing"
)

// TestNormalizeDOI checks each malformation alone and in combination; the
// expected values were written out by hand.
func TestNormalizeDOI(t *testing.T) {
	const bare = "10.1186/s12935-022-02527-9"
	for _, tc := range []struct {
		name, in, want string
		problems       []string
	}{
		{"bare", bare, bare, nil},
		{"upper case is fine", "10.1038/NATURE12373", "10.1038/NATURE12373", nil},
		{"https doi.org", "https://doi.org/" + bare, bare, []string{`a URL prefix ("https://doi.org/")`}},
		{"http dx.doi.org", "http://dx.doi.org/10.1038/nature12373", "10.1038/nature12373",
			[]string{`a URL prefix ("http://dx.doi.org/")`}},
		{"bare doi.org", "doi.org/10.1038/nature12373", "10.1038/nature12373", []string{`a URL prefix ("doi.org/")`}},
		{"www and upper case", "HTTPS://WWW.DOI.ORG/10.1038/nature12373", "10.1038/nature12373",
			[]string{`a URL prefix ("HTTPS://WWW.DOI.ORG/")`}},
		{"doi colon", "doi:10.1038/nature12373", "10.1038/nature12373", []string{`a scheme prefix ("doi:")`}},
		{"doi colon space", "doi: 10.1038/nature12373", "10.1038/nature12373", []string{`a scheme prefix ("doi:")`}},
		{"DOI space", "DOI 10.1038/nature12373", "10.1038/nature12373", []string{`a scheme prefix ("DOI")`}},
		{"scheme then URL", "doi: https://doi.org/10.1038/nature12373", "10.1038/nature12373",
			[]string{`a scheme prefix ("doi:")`, `a URL prefix ("https://doi.org/")`}},
		{"surrounding spaces", " " + bare + "\t", bare, []string{"leading or trailing whitespace"}},
		{"inner space", "10.1186/s12935-022- 02527-9", bare, []string{"whitespace inside it"}},
		{"no-break space", bare + "\u00a0", bare, []string{"no-break spaces"}},
		{"zero-width space", "10.1186/\u200bs12935-022-02527-9", bare, []string{"zero-width characters"}},
		{"byte-order mark", "\ufeff" + bare, bare, []string{"zero-width characters"}},
		{"trailing period", bare + ".", bare, []string{`trailing punctuation (".")`}},
		{"trailing comma", bare + ",", bare, []string{`trailing punctuation (",")`}},
		{"trailing period and semicolon", bare + ".;", bare, []string{`trailing punctuation (".;")`}},
		{"trailing colon", bare + ":", bare, []string{`trailing punctuation (":")`}},
		{"unbalanced paren", "10.1016/S0006-3495(99)77062-3)", "10.1016/S0006-3495(99)77062-3",
			[]string{`trailing punctuation (")")`}},
		{"balanced paren", "10.1016/S0006-3495(99)77062-3", "10.1016/S0006-3495(99)77062-3", nil},
		{"percent slash", "10.1002%2Fana.410190502", "10.1002/ana.410190502", []string{`percent-encoding ("%2F")`}},
		{"URL with percent-encoding", "https://doi.org/10.1002/%28SICI%291097-4636", "10.1002/(SICI)1097-4636",
			[]string{`a URL prefix ("https://doi.org/")`, `percent-encoding ("%28")`}},
		{"SICI as is", "10.1002/(SICI)1097-4636(199606)31:2<203::AID-JBM6>3.0.CO;2-E",
			"10.1002/(SICI)1097-4636(199606)31:2<203::AID-JBM6>3.0.CO;2-E", nil},
		{"HTML entities", "10.1002/(SICI)1097-4636(199606)31:2&lt;203::AID-JBM6&gt;3.0.CO;2-E",
			"10.1002/(SICI)1097-4636(199606)31:2<203::AID-JBM6>3.0.CO;2-E", []string{`HTML entities ("&lt;")`}},
		{"ampersand entity", "10.1207/s15327965pli1403&amp;4_01", "10.1207/s15327965pli1403&4_01",
			[]string{`HTML entities ("&amp;")`}},
		{"bare ampersand", "10.1207/s15327965pli1403&4_01", "10.1207/s15327965pli1403&4_01", nil},
		{"en dashes", "10.1186/s12935\u2013022\u201302527\u20139", bare, []string{`Unicode dashes (U+2013) for "-"`}},
		{"hyphen and minus", "10.1186/s12935\u2010022\u221202527-9", bare,
			[]string{`Unicode dashes (U+2010, U+2212) for "-"`}},
		{"doubled slash", "10.1016//j.apsb.2022.12.006", "10.1016/j.apsb.2022.12.006",
			[]string{`a doubled "/" after the prefix`}},
		{"slash in suffix", "10.1234/abc//def", "10.1234/abc//def", nil},
		{"two DOIs with a space", "10.1371/journal.pone.0288640 10.1371/journal.pone.0291981", "",
			[]string{`two DOIs run together ("10.1371/journal.pone.0288640" and "10.1371/journal.pone.0291981")`}},
		{"two DOIs with a semicolon", "10.1371/journal.pone.0288640; 10.1371/journal.pone.0291981", "",
			[]string{`two DOIs run together ("10.1371/journal.pone.0288640" and "10.1371/journal.pone.0291981")`}},
		{"two DOIs glued", "10.1016/j.apsb.2022.12.00610.1016/j.jot.2023.02.003", "",
			[]string{`two DOIs run together ("10.1016/j.apsb.2022.12.006" and "10.1016/j.jot.2023.02.003")`}},
		{"two DOI URLs", "https://doi.org/10.1038/a1 https://doi.org/10.1038/b2", "",
			[]string{`two DOIs run together ("https://doi.org/10.1038/a1" and "https://doi.org/10.1038/b2")`}},
		{"DOI-like part of a suffix", "10.1234/abc/10.5678/def", "10.1234/abc/10.5678/def", nil},
		{"volume and issue look alike", "10.3748/wjg.v29.i10.1569", "10.3748/wjg.v29.i10.1569", nil},
		{"preprint", "10.1101/2023.03.03.530734v1", "10.1101/2023.03.03.530734v1", nil},
		{"combined", " https://doi.org/10.1016/j.jot.2023.02.003. ", "10.1016/j.jot.2023.02.003",
			[]string{"leading or trailing whitespace", `a URL prefix ("https://doi.org/")`, `trailing punctuation (".")`}},
		{"combined with dash and NBSP", "doi:\u00a010.1186/s12935\u2013022-02527-9.", bare,
			[]string{"no-break spaces", `a scheme prefix ("doi:")`, `Unicode dashes (U+2013) for "-"`, `trailing punctuation (".")`}},
		{"empty", "", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, problems := NormalizeDOI(tc.in)
			if got != tc.want || !reflect.DeepEqual(problems, tc.problems) {
				t.Errorf("NormalizeDOI(%q) = %q, %q; want %q, %q", tc.in, got, problems, tc.want, tc.problems)
			}
		})
	}
}

// TestDOIKind checks which DOIs pass silently, which are unusual and which
// are no DOI at all.
func TestDOIKind(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"10.1186/s12935-022-02527-9", "crossref"},
		{"10.3748/wjg.v29.i10.1569", "crossref"},
		{"10.1093/femsre/fuad010", "crossref"},
		{"10.1002/(SICI)1097-4636(199606)31:2<203::AID-JBM6>3.0.CO;2-E", "crossref"},
		{"10.1002/anie.199005051[x]", "crossref"}, // early Wiley: anything goes
		{"10.1007/BF01234567#page", "crossref"},   // SICI-era characters
		{"10.1207/s15327965pli1403&4_01", "crossref"},
		{"10.123/abc", "handbook"},        // registrant code too short
		{"10.12345.6/abc", "handbook"},    // subdivided registrant code
		{"10.1038/abc[1]", "handbook"},    // brackets are outside Crossref's set
		{"10.5555/caf\u00e9", "handbook"}, // non-ASCII suffix
		{"PMC8932105", ""},
		{"10.1038", ""},
		{"10/abc", ""},
		{"11.1234/abc", ""},
		{"10.1038/", ""},
		{"abc", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := doiKind(tc.in); got != tc.want {
				t.Errorf("doiKind(%q) = %q; want %q", tc.in, got, tc.want)
			}
		})
	}
}
