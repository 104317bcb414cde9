package rules

import "testing"

func TestTitleGreek(t *testing.T) {
	tests := []struct{ in, want string }{
		{"NF-κB and TGF-β signalling", "κβ"},
		{"TNF-α, IFN-α and IL-1β", "αβ"},
		{"Ω and ω", "Ωω"},
		{"Alpha-synuclein in Müller glia, 5 µm", ""}, // µ is the micro sign, not Greek
		{"Notch signalling", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := titleGreek(tt.in); got != tt.want {
				t.Errorf("titleGreek(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTitleWithoutPeriod(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Notch signalling.", "Notch signalling"},
		{"Notch signalling .", "Notch signalling"},
		{"Notch signalling...", "Notch signalling"},
		{"Notch signalling", "Notch signalling"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := titleWithoutPeriod(tt.in); got != tt.want {
				t.Errorf("titleWithoutPeriod(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTitleSameAsPaper(t *testing.T) {
	tests := []struct {
		fig, paper string
		want       bool
	}{
		{"Notch signalling in the gut", "Notch signalling in the gut.", true},
		{"Notch Signalling In The Gut", "notch signalling in the gut", true},
		{"Notch signalling in the gut", "Notch signalling in the gut of flies.", false},
		{".", ".", false},
	}
	for _, tt := range tests {
		t.Run(tt.fig+"|"+tt.paper, func(t *testing.T) {
			if got := titleSameAsPaper(tt.fig, tt.paper); got != tt.want {
				t.Errorf("titleSameAsPaper(%q, %q) = %v; want %v", tt.fig, tt.paper, got, tt.want)
			}
		})
	}
}

func TestTitleArtefacts(t *testing.T) {
	tests := []struct {
		in, found, fixed string
	}{
		{"Notch signalling [A] in the gut", "[A]", "Notch signalling in the gut"},
		{"Notch signalling in the gut[,]", "[,]", "Notch signalling in the gut"},
		{"[1] Notch signalling in the gut", "[1]", "Notch signalling in the gut"},
		{"Notch [] signalling [b]", "[]", "Notch signalling"},
		{"Calcium [Ca2+] and Notch", "", "Calcium [Ca2+] and Notch"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := titleArtefact.FindString(tt.in); got != tt.found {
				t.Errorf("artefact in %q = %q; want %q", tt.in, got, tt.found)
			}
			if got := titleArtefactFix.ReplaceAllString(tt.in, ""); got != tt.fixed {
				t.Errorf("fixed %q = %q; want %q", tt.in, got, tt.fixed)
			}
		})
	}
}

func TestTitlePanelLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"(A) Notch signalling", "(A) "},
		{"(a)Notch signalling", "(a)"},
		{"(B) Notch signalling", ""},
		{"(S)-ketamine targets", ""},
		{"Notch (A) signalling", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := titlePanelLabel.FindString(tt.in); got != tt.want {
				t.Errorf("panel label of %q = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}
