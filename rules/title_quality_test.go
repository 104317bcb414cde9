package rules

import (
	"strings"
	"testing"
)

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

func TestTitleCutOf(t *testing.T) {
	tests := []struct {
		title, paper, caption string
		want                  string // ending|evidence, or ending|open brackets; "" for clean
	}{
		{"Model of central carbon metabolism in C", "", "", "in C|"},
		{"Model of central carbon metabolism in engineered S", "Rewiring sugar uptake in engineered S. cerevisiae.", "", "engineered S|S. cerevisiae"},
		{"Model of central carbon metabolism in engineered S", "", "", ""},
		{"Glucose uptake in C", "Glucose uptake in C. glutamicum.", "", "in C|C. glutamicum"},
		{"Signalling as proposed by Winer et al", "", "", "Winer et al|"},
		{"Role of the kinase in", "", "", "kinase in|"},
		{"Signalling of IL-6 and", "", "", "IL-6 and|"},
		{"Regulation of the pathway by The", "", "", "by The|"},
		{"Uptake and metabolism of vitamin D", "", "D. melanogaster feeding.", ""},
		{"Hepatitis B", "", "", ""},
		{"Assembly of mitochondrial Complex I", "", "", ""},
		{"Type 2 diabetes", "", "", ""},
		{"Central metabolism in E. coli", "", "", ""},
		{"Activation of protein kinase A", "", "", ""},
		{"Absorption of Vitamin A", "", "", ""},
		{"Replication of hepatitis C", "", "", ""},
		{"Uptake of vitamins D and E", "", "", ""},
		{"Entry of hepatitis viruses B and C", "", "", ""},
		{"Interferon signalling (JAK-STAT", "", "", "|("},
		{"Iron uptake in Pseudomonas sp", "", "Iron uptake in Pseudomonas sp. strain B13 needs two steps.", "Pseudomonas sp|sp. strain"},
		{"Iron uptake in Pseudomonas", "", "Iron uptake in Pseudomonas. Two steps are shown.", ""},
		{"Iron uptake in Pseudomonas", "", "Iron uptake in Pseudomonas. 2 steps are shown.", ""},
		{"Interferon signalling (via JAK and", "", "", "JAK and|("},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			c, ok := titleCutOf(tt.title, map[string]string{"/papertitle": tt.paper, "/caption": tt.caption})
			got := ""
			if ok {
				got = c.ending + "|" + c.evidence
				if c.open != "" {
					got = c.ending + "|" + c.open
				}
			}
			if got != tt.want {
				t.Errorf("titleCutOf(%q) = %q; want %q", tt.title, got, tt.want)
			}
		})
	}
}

func TestTitleDroppedWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The control of -regulated growth by .1", "-regulated .1"},
		{"TNF - a cytokine and its receptor", ""},
		{"Signalling ... and more", ""},
		{"(-)-Epicatechin lowers NF-KappaB", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := strings.Join(titleDroppedWords(tt.in), " "); got != tt.want {
				t.Errorf("titleDroppedWords(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTitleCopyKind(t *testing.T) {
	tests := []struct{ fig, paper, want string }{
		{"Notch signalling in the gut", "Notch signalling in the gut.", "exact"},
		{"Notch signalling in the gut", "The Notch signalling in the gut.", "near"},
		{"Notch signalling: in the gut", "Notch signalling in the gut", "near"},
		{"Notch signalling in the gut", "The role of Notch signalling in the gut.", "near"},
		{"Role of Notch in the gut", "Notch in the gut", "near"},
		{"Notch signalling in the gut", "Notch signalling in the gut: a fly model.", "main"},
		{"Notch signalling in the gut", "Notch signalling in the gut of flies.", ""},
		{"Notch signalling", "", ""},
		{"...", "!!!", ""},
	}
	for _, tt := range tests {
		t.Run(tt.fig+"|"+tt.paper, func(t *testing.T) {
			if got := titleCopyKind(tt.fig, tt.paper); got != tt.want {
				t.Errorf("titleCopyKind(%q, %q) = %q; want %q", tt.fig, tt.paper, got, tt.want)
			}
		})
	}
}
