package rules

import "testing"

func TestCaptionDifference(t *testing.T) {
	tests := []struct {
		name, caption, description, want string
	}{
		{"cut short", "Signals meet. Arrows activate.", "Signals meet.",
			"is cut short: it holds the first 13 of caption's 30 characters"},
		{"extra text", "Signals meet.", "Signals meet. More.",
			`has 6 characters after caption's text (" More.")`},
		{"different word", "A kinase cascade.", "A kinase pathway.",
			`differs from caption from character 10 on ("pathway." where caption has "cascade.")`},
		{"empty", "Signals meet.", "", "is empty while caption is not"},
		{"long tails are cut", "x" + "0123456789012345678901234567890123", "x" + "abcdefghijklmnopqrstuvwxyzabcdefgh",
			`differs from caption from character 2 on ("abcdefghijklmnopqrstuvwxyzabcd…" where caption has "012345678901234567890123456789…")`},
		{"counts characters, not bytes", "κB site.", "κB",
			"is cut short: it holds the first 2 of caption's 8 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := captionDifference(tt.caption, tt.description); got != tt.want {
				t.Errorf("captionDifference(%q, %q) =\n %s\nwant\n %s", tt.caption, tt.description, got, tt.want)
			}
		})
	}
}
