package rules

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestHygieneMojibake(t *testing.T) {
	tests := []struct {
		in                    string
		first, decoded, fixed string
		found                 bool
	}{
		{"CafÃ© au lait", "Ã©", "é", "Café au lait", true},
		{"Alzheimerâ€™s disease", "â€™", "’", "Alzheimer’s disease", true},
		// U+201D is E2 80 9D; Windows-1252 leaves 0x9D undefined, so a
		// Latin-1 reader gives the C1 control U+009D.
		{"â€œquotedâ€\u009d", "â€œ", "“", "“quoted”", true},
		{"5Â\u00a0mM", "Â\u00a0", "\u00a0", "5\u00a0mM", true},
		{"MÃ¼ller and SÃ£o", "Ã¼", "ü", "Müller and São", true},
		{"Ã©Ã¨", "Ã©Ã¨", "éè", "éè", true},
		{"Müller in São Paulo, naïve", "", "", "Müller in São Paulo, naïve", false},
		{"NF-κB – TrkA “quoted” 37 °C", "", "", "NF-κB – TrkA “quoted” 37 °C", false},
		{"Ã alone", "", "", "Ã alone", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			first, decoded, fixed, found := hygieneMojibake(tt.in)
			if first != tt.first || decoded != tt.decoded || fixed != tt.fixed || found != tt.found {
				t.Errorf("hygieneMojibake(%q) = %q, %q, %q, %v; want %q, %q, %q, %v",
					tt.in, first, decoded, fixed, found, tt.first, tt.decoded, tt.fixed, tt.found)
			}
		})
	}
}

func TestHygieneCheck(t *testing.T) {
	tests := []struct {
		name, in string
		want     []hygieneProblem
	}{
		{"clean", "Notch signalling in the gut.", nil},
		{"entity", "Smith &amp; Jones &#8217;s &bogus; lab", []hygieneProblem{
			{`f has the HTML entity "&amp;"; expected the character "&"`, "Smith & Jones ’s &bogus; lab", false},
		}},
		{"unknown entity only", "R&D &bogus; lab", nil},
		{"nbsp entity", "5&nbsp;mM", []hygieneProblem{
			{`f has the HTML entity "&nbsp;"; expected the character "\u00a0"`, "5\u00a0mM", false},
		}},
		{"control", "a\x01b\x7fc", []hygieneProblem{
			{`f has the control character "\x01" (and 1 more control characters) in "a\x01b\x7fc"; expected a space`, "a b c", false},
		}},
		{"line break", "reaction\nmechanism", []hygieneProblem{
			{`f has a line break "\n" in "reaction\nmechanism"; expected a space`, "reaction mechanism", false},
		}},
		{"mojibake with C1", "â€\u009d", []hygieneProblem{
			{`f has mojibake "â€\u009d" (UTF-8 read as Windows-1252 or Latin-1); expected "”"`, "”", false},
		}},
		{"replacement character", "Caf\uFFFD", []hygieneProblem{
			{"f has the replacement character U+FFFD where a character was lost (\"Caf\uFFFD\"); expected the original character", "", false},
		}},
		{"trailing", "Cardiol. 2023 Mar 24 ", []hygieneProblem{
			{`f has trailing whitespace ("…2023 Mar 24 "); expected it trimmed`, "Cardiol. 2023 Mar 24", true},
		}},
		{"leading", " Cardiol.", []hygieneProblem{
			{`f has leading whitespace (" Cardiol."); expected it trimmed`, "Cardiol.", true},
		}},
		{"both", " x ", []hygieneProblem{{`f has leading and trailing whitespace; expected it trimmed`, "x", true}}},
		{"blank", "   ", nil},
		{"literal block's final line break is whitespace", "a\tb\n", []hygieneProblem{
			{`f has a tab "\t" in "a\tb"; expected a space`, "a b\n", false},
			{`f has trailing whitespace ("a\tb\n"); expected it trimmed`, "a\tb", true},
		}},
		{"spaced period", "for Intracellular Proliferation .", []hygieneProblem{
			{`f has whitespace before its final period ("…roliferation ."); expected "…roliferation."`, "for Intracellular Proliferation.", true},
		}},
		{"doubled spaces keep the ends", "a  b   c ", []hygieneProblem{
			{`f has trailing whitespace ("a  b   c "); expected it trimmed`, "a  b   c", true},
			{`f has 2 spaces in a row ("a  b   c"); expected single spaces`, "a b c ", true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := hygieneCheck("f", tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("hygieneCheck(%+v) =\n %+v\nwant\n %+v", tt.in, got, tt.want)
			}
		})
	}
}

// TestHygieneMojibakeNotOrdinaryText: text that merely decodes as UTF-8
// when read as Windows-1252 is not mojibake (a review found both).
func TestHygieneMojibakeNotOrdinaryText(t *testing.T) {
	for _, s := range []string{"TGF-ß–induced and TGF-ß’s effects", "Å–Ångström", "Müller–Hillebrand"} {
		if _, _, _, found := hygieneMojibake(s); found {
			t.Errorf("hygieneMojibake(%q) found mojibake", s)
		}
	}
	for s, want := range map[string]string{"cafÃ©": "café", "itâ€™s": "it’s", "Î±-actinin": "α-actinin", "5Â°C": "5°C"} {
		if _, _, fixed, found := hygieneMojibake(s); !found || fixed != want {
			t.Errorf("hygieneMojibake(%q) = %q, %v; want %q", s, fixed, found, want)
		}
	}
}

// TestHygieneCleanCombines: every fix on a field is the fully cleaned text
// (a control character becomes a space, and the doubled space it leaves is
// collapsed too).
func TestHygieneCleanCombines(t *testing.T) {
	value := " a\x07 bell &amp; whistle  "
	got := hygieneClean("caption", value, hygieneCheck("caption", value))
	if want := "a bell & whistle"; got != want {
		t.Fatalf("cleaned %q, want %q", got, want)
	}
}

// TestHygieneSpacedPeriodMatchesRegexp checks the hand-written scan against
// the regular expression it replaces, on fixed cases and random strings
// over an alphabet of the characters that matter.
func TestHygieneSpacedPeriodMatchesRegexp(t *testing.T) {
	re := regexp.MustCompile(`\S(\s+)\.$`)
	check := func(s string) {
		t.Helper()
		at, ok := hygieneSpacedPeriod(s)
		m := re.FindStringSubmatchIndex(s)
		if ok != (m != nil) || (ok && at != m[2]) {
			t.Fatalf("hygieneSpacedPeriod(%q) = %d, %v; the regexp gives %v", s, at, ok, m)
		}
	}
	for _, s := range []string{"", ".", " .", "a.", "a .", "a \t\n.", "x\v.", "x \v .", "é  .", "a. .", "a . b", "a ..", strings.Repeat("a ", 5000) + "."} {
		check(s)
	}
	alphabet := []string{"a", " ", "\t", "\n", "\r", "\f", "\v", ".", "é", "\u00a0"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		check(b.String())
	}
}

// TestHygieneMojibakeStart checks the byte scan against strings.ContainsAny
// on random strings of ASCII and of characters near the five.
func TestHygieneMojibakeStart(t *testing.T) {
	alphabet := []string{"a", " ", "Â", "Ã", "Î", "Ï", "â", "Á", "ã", "é", "Ä", "€", "\xc3", "\x82"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		s := b.String()
		if got, want := hygieneMojibakeStart(s), strings.ContainsAny(s, "ÂÃÎÏâ"); got != want {
			t.Fatalf("hygieneMojibakeStart(%q) = %v; strings.ContainsAny gives %v", s, got, want)
		}
	}
}
