package rules

import (
	"reflect"
	"testing"
)

func TestPaperKeywordsClean(t *testing.T) {
	tests := []struct {
		in      string
		empty   int
		dups    []string
		cleaned string
	}{
		{"macrophages | stem cells | IL-6", 0, nil, "macrophages | stem cells | IL-6"},
		{"a |  | b", 1, nil, "a | b"},
		{"| a | b |", 2, nil, "a | b"},
		{"a||b", 1, nil, "a | b"},
		{"Apoptosis | autophagy | apoptosis | APOPTOSIS", 0, []string{"apoptosis"}, "Apoptosis | autophagy"},
		{"a | b | a | | b", 1, []string{"a", "b"}, "a | b"},
		{" single ", 0, nil, "single"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			empty, dups, cleaned := paperKeywordsClean(tt.in)
			if empty != tt.empty || !reflect.DeepEqual(dups, tt.dups) || cleaned != tt.cleaned {
				t.Errorf("paperKeywordsClean(%q) = %d, %q, %q; want %d, %q, %q",
					tt.in, empty, dups, cleaned, tt.empty, tt.dups, tt.cleaned)
			}
		})
	}
}
