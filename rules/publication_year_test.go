package rules

import (
	"testing"
	"time"
)

// SetPublicationYearClock makes publication-year read the time from now
// until the returned function restores the real clock. It lives in a test
// file so that only tests (including package rules_test) can move the clock.
func SetPublicationYearClock(now func() time.Time) (restore func()) {
	old := publicationYearNow
	publicationYearNow = now
	return func() { publicationYearNow = old }
}

// TestReftextYear finds the year after the journal abbreviation and never a
// volume, page or article number.
func TestReftextYear(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int // 0: none
	}{
		{"N. N. V. Radharani, et al. Cancer Cell Int. 2022;22:122.", 2022},
		{"Li-Fen Lee, et al. Mol Cell Biol. 2001 Dec;21(24):8385-8397.", 2001},
		{"Merve S. Zeden, et al. bioRxiv. 2023 Mar 7:2023.03.03.530734.", 2023},
		{"Maria Paola Simula, et al. Mol Med. 2010 May-Jun;16(5-6):199-209.", 2010},
		{"Felipe Ades, et al. Dermatol Res Pract. 2012;2012:259170.", 2012},
		{"Kazuyuki Shimizu. ISRN Biochem. 2013;2013:645983.", 2013},
		{"Antero Salminen. J Mol Med (Berl). 2023;101(3):201-222.", 2023},
		{"Yishay Szekely, et al. Can J Cardiol. 2023 Mar 24 ", 2023},
		{"Justin T. Critchlow, et al. PLoS Pathog. 2024 Feb;20(2).", 2024},
		{"A. Writer, et al. Cell. 2019", 2019},
		{"A. Writer, et al. 3 Biotech. 2020;10:1.", 2020},
		{"Michael A. Kochen, et al. Curr Pathobiol Rep. ;10(2):11-22.", 0},
		{"A. Writer, et al. J Test. ;12(3):1999-2004.", 0},
		{"A. Writer, et al. J Test. 12345;1:1.", 0},
		{"", 0},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := ReftextYear(tc.in)
			if ok != (tc.want != 0) || got != tc.want {
				t.Errorf("ReftextYear(%q) = %d, %v; want %d", tc.in, got, ok, tc.want)
			}
		})
	}
}

// TestPreprintDOIDate reads the date of bioRxiv and medRxiv DOIs only.
func TestPreprintDOIDate(t *testing.T) {
	for _, tc := range []struct {
		in      string
		y, m, d int // 0: no date
	}{
		{"10.1101/2023.03.03.530734", 2023, 3, 3},
		{"10.1101/2022.12.30.522123v2", 2022, 12, 30},
		{"10.1101/2021.05.11.21257039", 2021, 5, 11}, // medRxiv
		{"10.1101/gad.1234567", 0, 0, 0},
		{"10.1101/cshperspect.a018887", 0, 0, 0},
		{"10.1101/2023.13.01.123456", 0, 0, 0},
		{"10.1038/2023.03.03.530734", 0, 0, 0},
	} {
		t.Run(tc.in, func(t *testing.T) {
			y, m, d, ok := PreprintDOIDate(tc.in)
			if ok != (tc.y != 0) || y != tc.y || m != tc.m || d != tc.d {
				t.Errorf("PreprintDOIDate(%q) = %d-%d-%d, %v; want %d-%d-%d", tc.in, y, m, d, ok, tc.y, tc.m, tc.d)
			}
		})
	}
}
