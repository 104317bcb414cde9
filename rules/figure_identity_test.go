package rules

import "testing"

func TestIdentityStem(t *testing.T) {
	tests := []struct {
		path    string
		stem    string
		applies bool
	}{
		{"site/_figures/PMC1__gr1.md", "PMC1__gr1", true},
		{"site/_figures/anything.md", "anything", true},
		{"PMC10501637__pone.0288640.g005.md", "PMC10501637__pone.0288640.g005", true},
		{"x/PMC12__f1.markdown", "PMC12__f1", true},
		{"site/_figures/PMC1__gr1.MD", "PMC1__gr1", true}, // any case, as the walk
		{"x/PMC12__f1.Markdown", "PMC12__f1", true},
		{"fixtures/ok/current.md", "current", false},
		{"fixtures/pmc12__f1.md", "pmc12__f1", false},
		{"_figures/PMC1__gr1.html", "", false},
		{"_figures/.md", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			stem, applies := identityStem(tt.path, "")
			if stem != tt.stem || applies != tt.applies {
				t.Errorf("identityStem(%q) = %q, %v; want %q, %v", tt.path, stem, applies, tt.stem, tt.applies)
			}
		})
	}
}

func TestIdentityFilename(t *testing.T) {
	tests := []struct {
		name, figid, current, want string
	}{
		{"jpg kept", "PMC10031279__gr8", "gr8.jpg", "gr8.jpg"},
		{"prefix dropped", "PMC10501637__pone.0288640.g005", "PMC10501637__pone.0288640.g005.jpg", "pone.0288640.g005.jpg"},
		{"png kept", "PMC1__fig-1", "fig-1.png", "fig-1.png"},
		{"upper-case TIF kept", "PMC1__fig-1", "other.TIF", "fig-1.TIF"},
		{"dotted stem without extension", "PMC1773546__gt027369.f3", "gt027369.f3", "gt027369.f3.jpg"},
		{"no prefix", "gr1", "gr1.gif", "gr1.gif"},
		{"lower-case prefix", "pmc2864807__09_173_.de_ref2", "x", "09_173_.de_ref2.jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := identityFilename(tt.figid, tt.current); got != tt.want {
				t.Errorf("identityFilename(%q, %q) = %q; want %q", tt.figid, tt.current, got, tt.want)
			}
		})
	}
}

func TestIdentityNumberType(t *testing.T) {
	tests := []struct {
		number, want string
		ok           bool
	}{
		{"F7", "Figure", true},
		{"F12b", "Figure", true},
		{"F0", "Figure", true},
		{"S1", "Scheme", true},
		{"SF3", "Supplemental figure", true},
		{"SF8_1", "Supplemental figure", true},
		{"GA1", "Graphical abstract", true},
		{"AF2", "Appendix figure", true},
		{"EV4", "Extended view", true},
		{"Fig7", "", false},
		{"f7", "", false},
		{"S1a", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.number, func(t *testing.T) {
			got, ok := identityNumberType(tt.number)
			if got != tt.want || ok != tt.ok {
				t.Errorf("identityNumberType(%q) = %q, %v; want %q, %v", tt.number, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestIdentityNumberMatchesFigureID(t *testing.T) {
	tests := []struct {
		number, id string
		want       bool
	}{
		{"F7", "Fig7", true},
		{"F7", "F7", true},
		{"F3", "ijms-24-04893-f003", true},
		{"F4", "f4-jbm-2023-30-1-1", true},
		{"F1", "CWU031F1", true},
		{"F1", "mbt214206-fig-0001", true},
		{"F1", "j_med-2022-0615_ga_001", true},
		{"S1", "sch1", true},
		{"GA1", "undfig1", true},
		{"SF8_1", "fig8-figsupp1", true},
		{"F10", "fig10", true},
		{"F1", "fig8", false},
		{"F1", "fig10", false},
		{"F2", "FII", true}, // no digits: cannot be compared
	}
	for _, tt := range tests {
		t.Run(tt.number+" "+tt.id, func(t *testing.T) {
			if got := identityNumberMatchesFigureID(tt.number, tt.id); got != tt.want {
				t.Errorf("identityNumberMatchesFigureID(%q, %q) = %v; want %v", tt.number, tt.id, got, tt.want)
			}
		})
	}
}
