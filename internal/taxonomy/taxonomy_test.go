package taxonomy

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func mustBuild(t testing.TB, names []string) *Taxonomy {
	t.Helper()
	data, err := Build(names, "test list")
	if err != nil {
		t.Fatal(err)
	}
	tx, err := Open(string(data))
	if err != nil {
		t.Fatal(err)
	}
	return tx
}

// all decodes every name in order.
func all(tx *Taxonomy) []string {
	var out []string
	c := cursor{t: tx}
	if tx.count == 0 {
		return nil
	}
	c.seek(0)
	for c.next() {
		out = append(out, string(c.name))
	}
	return out
}

// genNames makes n names shaped like taxonomy's: genera shared by many
// names, epithets, strain codes, some capitals in odd places.
func genNames(r *rand.Rand, n int) []string {
	syll := []string{"ba", "ci", "lus", "myc", "es", "dro", "so", "phi", "la", "ar", "abi", "op", "sis", "ter", "ia", "x", "qu"}
	word := func(k int) string {
		var b strings.Builder
		for range k {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		return b.String()
	}
	genera := make([]string, 0, n/40+1)
	for range n/40 + 1 {
		g := word(2 + r.IntN(3))
		genera = append(genera, strings.ToUpper(g[:1])+g[1:])
	}
	out := make([]string, 0, n)
	for len(out) < n {
		g := genera[r.IntN(len(genera))]
		switch r.IntN(6) {
		case 0:
			out = append(out, g)
		case 1:
			out = append(out, fmt.Sprintf("%s sp. %c%d", g, 'A'+r.IntN(26), r.IntN(1000)))
		case 2:
			out = append(out, strings.ToLower(g)+" "+word(2))
		default:
			out = append(out, g+" "+word(1+r.IntN(3)))
		}
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	names := genNames(r, 5000)
	names = append(names, "Homo sapiens", "homo sapiens", "Homo Sapiens", "Homo sapiens", "Homo sapiens neanderthalensis", "environmental samples")
	tx := mustBuild(t, names)
	want := slices.Clone(names)
	slices.SortFunc(want, compareNames)
	want = slices.Compact(want)
	got := all(tx)
	if !slices.Equal(got, want) {
		t.Fatalf("decoded %d names, want %d; first difference at %d", len(got), len(want), firstDiff(got, want))
	}
	if tx.Len() != len(want) || tx.Description() != "test list" {
		t.Errorf("Len %d, Description %q", tx.Len(), tx.Description())
	}
	for _, n := range want {
		if !tx.Contains(n) {
			t.Errorf("Contains(%q) = false", n)
		}
	}
	for _, n := range []string{"Homo", "Homo sapiens ", "HOMO SAPIENS", "", "zzz", "Aaa"} {
		if tx.Contains(n) {
			t.Errorf("Contains(%q) = true", n)
		}
	}
	if got := tx.Fold("HOMO SAPIENS"); !slices.Equal(got, []string{"Homo Sapiens", "Homo sapiens", "homo sapiens"}) {
		t.Errorf("Fold = %q", got)
	}
	var pre []string
	tx.Prefixed("homo s", func(n string) bool { pre = append(pre, n); return true })
	if !slices.Equal(pre, []string{"Homo Sapiens", "Homo sapiens", "homo sapiens", "Homo sapiens neanderthalensis"}) {
		t.Errorf("Prefixed = %q", pre)
	}
}

func firstDiff(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func TestEmptyAndOneBlock(t *testing.T) {
	tx := mustBuild(t, nil)
	if tx.Len() != 0 || tx.Contains("a") || len(tx.Fold("a")) != 0 {
		t.Error("empty list answers")
	}
	if got, d := tx.Closest("abcdef", 2, nil); got != nil || d != -1 {
		t.Errorf("Closest on empty list = %q, %d", got, d)
	}
	tx = mustBuild(t, []string{"Bos taurus"})
	if !tx.Contains("Bos taurus") {
		t.Error("one name lost")
	}
}

func TestBuildRejects(t *testing.T) {
	for _, n := range []string{"", "Caf\u00e9", "a\tb", strings.Repeat("a", 256)} {
		if _, err := Build([]string{"Homo sapiens", n}, "x"); err == nil {
			t.Errorf("Build accepted %q", n)
		}
	}
}

func TestOpenRejects(t *testing.T) {
	data, err := Build(genNames(rand.New(rand.NewPCG(3, 4)), 300), "x")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open("FIGLINT-LEXICON\n"); !errors.Is(err, ErrFormat) {
		t.Errorf("wrong magic: %v", err)
	}
	for _, n := range []int{len(Magic), len(Magic) + 1, len(Magic) + 5, len(data) / 2, len(data) - 1} {
		if _, err := Open(string(data[:n])); !errors.Is(err, ErrFormat) {
			t.Errorf("truncated at %d: %v", n, err)
		}
	}
	if _, err := Open(string(data) + "x"); !errors.Is(err, ErrFormat) {
		t.Errorf("trailing byte: %v", err)
	}
}

// osa is a plain full-matrix optimal string alignment distance, written
// independently of walker.visit to check it.
func osa(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestOSA(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"kitten", "sitting", 3},
		{"drosohpila", "drosophila", 1}, {"ca", "abc", 3}, {"bos tuus", "bos taurus", 2},
	} {
		if got := osa(tc.a, tc.b); got != tc.want {
			t.Errorf("osa(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestClosestBruteForce compares Closest with a scan of every name.
func TestClosestBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	names := genNames(r, 20000)
	tx := mustBuild(t, names)
	list := all(tx)
	mutate := func(s string) string {
		b := []byte(s)
		for range 1 + r.IntN(3) {
			if len(b) < 2 {
				break
			}
			i := 1 + r.IntN(len(b)-1)
			switch r.IntN(4) {
			case 0:
				b[i] = 'a' + byte(r.IntN(26))
			case 1:
				b = append(b[:i], b[i+1:]...)
			case 2:
				b = append(b[:i], append([]byte{'e'}, b[i:]...)...)
			default:
				if i+1 < len(b) {
					b[i], b[i+1] = b[i+1], b[i]
				}
			}
		}
		return string(b)
	}
	skipX := func(f string) bool { return strings.HasSuffix(f, "x") }
	for k := range 300 {
		q := mutate(list[r.IntN(len(list))])
		limit := 1 + k%3
		var skip func(string) bool
		if k%2 == 0 {
			skip = skipX
		}
		fq := foldString(q)
		best, want := limit+1, []string(nil)
		for _, n := range list {
			fn := foldString(n)
			if fn[0] != fq[0] {
				continue
			}
			d := osa(fq, fn)
			if d > limit || d > best || skip != nil && skip(fn) {
				continue
			}
			if d < best {
				best, want = d, nil
			}
			want = append(want, n)
		}
		got, d := tx.Closest(q, limit, skip)
		if !slices.Equal(got, want) || (want != nil && d != best) || (want == nil && d != -1) {
			t.Fatalf("Closest(%q, %d) = %q, %d; want %q, %d", q, limit, got, d, want, best)
		}
	}
}

// FuzzOpen opens arbitrary bytes and queries what opens: no input may
// panic or loop.
func FuzzOpen(f *testing.F) {
	data, err := Build(genNames(rand.New(rand.NewPCG(7, 8)), 200), "x")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:len(data)/3])
	f.Add([]byte(Magic + "\x01\x00\x05\x01\x00\x03abc"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tx, err := Open(string(b))
		if err != nil {
			return
		}
		tx.Contains("Homo sapiens")
		tx.Fold("ba")
		tx.Prefixed("b", func(string) bool { return true })
		tx.Closest("Bacilus", 2, nil)
	})
}
