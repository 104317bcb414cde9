package rules

import "testing"

// TestMissingMarker knows R's and the curators' markers, and nothing that
// could be a real value.
func TestMissingMarker(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{".na", "R's missing value"},
		{".na.character", "R's missing value"},
		{".na.real", "R's missing value"},
		{".na.integer", "R's missing value"},
		{"NA", "R's missing value"},
		{" NA ", "R's missing value"},
		{"N/A", "a not-available marker"},
		{"XXX", "a curation placeholder"},
		{"REJECT", "a curation placeholder"},
		{"", "empty"},
		{"  ", "empty"},
		{"na", ""}, // a fly gene symbol
		{"Na", ""},
		{"NaN", ""},
		{".nan", ""},
		{"NAT2", ""},
		{"Homo sapiens", ""},
		{"reject", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := MissingMarker(tc.in)
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("MissingMarker(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
			}
		})
	}
}
