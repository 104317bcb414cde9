package rules

import (
	"strings"
	"testing"
)

func TestHygieneGreekEntities(t *testing.T) {
	tests := []struct {
		in          string
		spell       bool
		refs, fixed string
	}{
		{"TGF-&bgr; and NF-&kgr;B", false, "&bgr; &kgr;", "TGF-β and NF-κB"},
		{"TGF-&bgr; and NF-&kgr;B", true, "&bgr; &kgr;", "TGF-Beta and NF-KappaB"},
		{"&agr;&agr; and &OHgr;", false, "&agr; &OHgr;", "αα and Ω"},
		{"&beta; &amp; &bgrx; &bg", false, "", "&beta; &amp; &bgrx; &bg"},
		{"ends with &", false, "", "ends with &"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			refs, _, fixed := hygieneGreekEntities(tt.in, tt.spell)
			if strings.Join(refs, " ") != tt.refs || fixed != tt.fixed {
				t.Errorf("hygieneGreekEntities(%q) = %q, %q; want %q, %q", tt.in, refs, fixed, tt.refs, tt.fixed)
			}
		})
	}
}

func TestHygieneRNA(t *testing.T) {
	tests := []struct{ in, found, fixed string }{
		{"A. B. Writer, et al. J Biol. 2024;2024(NA).", "(NA)", "A. B. Writer, et al. J Biol. 2024;2024."},
		{"A. B. Writer, et al. J Biol. 2021;NA(NA):NA.", "(NA) ;NA :NA", "A. B. Writer, et al. J Biol. 2021."},
		{"A. B. Writer, et al. J Biol. 2020;12:NA.", ":NA", "A. B. Writer, et al. J Biol. 2020;12."},
		{"A. B. Writer, et al. DNA Repair. 2020;12(3):45.", "", "A. B. Writer, et al. DNA Repair. 2020;12(3):45."},
		{"A. NA. Writer, et al. J NAD. 2020;12:NAD1.", "", "A. NA. Writer, et al. J NAD. 2020;12:NAD1."},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			found, fixed := hygieneRNA(tt.in)
			if strings.Join(found, " ") != tt.found || fixed != tt.fixed {
				t.Errorf("hygieneRNA(%q) = %q, %q; want %q, %q", tt.in, found, fixed, tt.found, tt.fixed)
			}
		})
	}
}

func TestHygieneDoubledPeriods(t *testing.T) {
	tests := []struct {
		in    string
		count int
		fixed string
	}{
		{"Writer et al.. J Biol.", 1, "Writer et al. J Biol."},
		{"one.. two.. three", 2, "one. two. three"},
		{"wait... and see", 0, "wait... and see"},
		{"see ../data and ....", 0, "see ../data and ...."},
		{"..", 1, "."},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, _, fixed := hygieneDoubledPeriods(tt.in)
			if n != tt.count || fixed != tt.fixed {
				t.Errorf("hygieneDoubledPeriods(%q) = %d, %q; want %d, %q", tt.in, n, fixed, tt.count, tt.fixed)
			}
		})
	}
}

func TestHygieneSpacedCharges(t *testing.T) {
	tests := []struct {
		in    string
		count int
		fixed string
	}{
		{"Ca2 + influx and Mg2 + block", 2, "Ca2+ influx and Mg2+ block"},
		{"the Na +/K +-ATPase", 2, "the Na+/K+-ATPase"},
		{"Cl - efflux", 1, "Cl- efflux"},
		{"[Ca 2+]i rises", 1, "[Ca2+]i rises"},
		{"NAD + and NADP + pools", 2, "NAD+ and NADP+ pools"},
		{"CD4 + T cells and CD11b + cells", 2, "CD4+ T cells and CD11b+ cells"},
		{"CD4 + CD8 T cells", 0, "CD4 + CD8 T cells"},
		{"2 + 2 is four", 0, "2 + 2 is four"},
		{"K + 1 states", 0, "K + 1 states"},
		{"Phase I - II trials", 0, "Phase I - II trials"},
		{"Ca2+ and Na+ stay", 0, "Ca2+ and Na+ stay"},
		{"BCa2 + is not an ion", 0, "BCa2 + is not an ion"},
		{"Fig 2+ and 3 + 4", 0, "Fig 2+ and 3 + 4"},
		{"ends with Na +", 1, "ends with Na+"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, _, _, fixed := hygieneSpacedCharges(tt.in)
			if n != tt.count || fixed != tt.fixed {
				t.Errorf("hygieneSpacedCharges(%q) = %d, %q; want %d, %q", tt.in, n, fixed, tt.count, tt.fixed)
			}
		})
	}
}

// TestHygieneCleanArtefacts: the one fix of a field applies every
// artefact's fix, in any combination.
func TestHygieneCleanArtefacts(t *testing.T) {
	tests := []struct{ field, in, want string }{
		{"caption", "Ca2 + enters via &bgr;-cells..  Then", "Ca2+ enters via β-cells. Then"},
		{"figtitle", "TGF-&bgr; and Na + in cells", "TGF-Beta and Na+ in cells"},
		{"reftext", "A. Writer, et al.. J Biol. 2021;NA(NA):NA.", "A. Writer, et al. J Biol. 2021."},
		{"caption", "&amp;bgr; decoded twice", "β decoded twice"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := hygieneClean(tt.field, tt.in, hygieneCheck(tt.field, tt.in)); got != tt.want {
				t.Errorf("hygieneClean(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

// BenchmarkHygieneCheck checks a long caption full of the characters the
// artefact scans stop at ("&", "+", "-", "."), to keep them linear.
func BenchmarkHygieneCheck(b *testing.B) {
	caption := strings.Repeat("IL-6 binds gp130 & raises Ca2+ (and Na+/K+-ATPase) in CD4+ T cells... then STAT3 acts. ", 60)
	b.SetBytes(int64(len(caption)))
	for b.Loop() {
		hygieneCheck("caption", caption)
	}
}

// BenchmarkHygieneArtefacts measures this file's scans alone on the same
// caption, for comparison with BenchmarkHygieneCheck.
func BenchmarkHygieneArtefacts(b *testing.B) {
	caption := strings.Repeat("IL-6 binds gp130 & raises Ca2+ (and Na+/K+-ATPase) in CD4+ T cells... then STAT3 acts. ", 60)
	nop := func(string, string, ...any) {}
	b.SetBytes(int64(len(caption)))
	for b.Loop() {
		hygieneArtefacts("caption", caption, nop, nop)
	}
}

// FuzzProseArtefacts feeds any text to the artefact scans of text-hygiene
// and title-quality: none may panic, and a fix must remove what it fixes.
func FuzzProseArtefacts(f *testing.F) {
	for _, s := range []string{"Ca2 + and &bgr; in C", "2022;NA(NA):NA.", "et al.. (-", "CD4 + T", "&", " +", "..", "x in C. y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// A decoded letter holds no "&", so no reference is left or made.
		if _, _, fixed := hygieneGreekEntities(s, false); fixed != s {
			if refs, _, _ := hygieneGreekEntities(fixed, false); len(refs) > 0 {
				t.Errorf("entities %q left in %q", refs, fixed)
			}
		}
		hygieneRNA(s)
		if n, _, fixed := hygieneDoubledPeriods(s); n > 0 && len(fixed) != len(s)-n {
			t.Errorf("doubled periods of %q: %d removed, want %d", s, len(s)-len(fixed), n)
		}
		if n, _, _, fixed := hygieneSpacedCharges(s); n > 0 && len(fixed) != len(s)-n {
			t.Errorf("spaced charges of %q: %d removed, want %d", s, len(s)-len(fixed), n)
		}
		hygieneClean("caption", s, hygieneCheck("caption", s))
		titleCutOf(s, map[string]string{"/papertitle": s, "/caption": s})
		titleDroppedWords(s)
		titleCiteMid(s)
		titleCopyKind(s, s+": x")
	})
}
