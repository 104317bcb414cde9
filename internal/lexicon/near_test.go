package lexicon

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/testenv"
	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// closestReference is Closest as it was before nearKeys: every spelling one
// edit from the key is generated and looked up in the tables (through the
// same foldedCandidates: what this test compares is which spellings are
// tried). keys, when
// not nil, holds every key of the tables (from table.each): a spelling that
// is none is not looked up, as a lookup cannot find it, which makes the
// reference fast enough to run over a whole corpus while every spelling is
// still generated and compared as a string.
func closestReference(l *Lexicon, keys map[string]bool, s string, limit int) []string {
	key := Fold(s)
	if key == "" || limit <= 0 {
		return nil
	}
	seen := map[string]bool{s: true}
	var exact, near []string
	add := func(list *[]string, folded string) {
		for _, c := range l.foldedCandidates(folded) {
			if !seen[c] {
				seen[c] = true
				*list = append(*list, c)
			}
		}
	}
	add(&exact, key)
	if len(exact) == 0 && len(key) >= minEditLength {
		for _, k := range edits1(key) {
			if keys == nil || keys[k] {
				add(&near, k)
			}
		}
	}
	out := exact
	if len(out) == 0 {
		out = near
	}
	sort.Strings(out)
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// edits1 returns the distinct strings one edit from key over foldAlphabet.
func edits1(key string) []string {
	seen := map[string]bool{key: true}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for i := 0; i <= len(key); i++ {
		if i < len(key) {
			add(key[:i] + key[i+1:])
			if i+1 < len(key) {
				add(key[:i] + key[i+1:i+2] + key[i:i+1] + key[i+2:])
			}
		}
		for j := 0; j < len(foldAlphabet); j++ {
			c := foldAlphabet[j : j+1]
			add(key[:i] + c + key[i:])
			if i < len(key) {
				add(key[:i] + c + key[i+1:])
			}
		}
	}
	return out
}

// corpusKeywords returns the distinct keywords of the real corpus's pages
// (schema-jsonld.keywords and the words of the top-level keywords).
func corpusKeywords(t *testing.T) []string {
	t.Helper()
	dir := filepath.Join(testenv.Corpus(t), "_figures")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		parts := strings.SplitN(string(data), "\n---\n", 2)
		var page struct {
			Keywords string `yaml:"keywords"`
			JSONLD   struct {
				Keywords []string `yaml:"keywords"`
			} `yaml:"schema-jsonld"`
		}
		if err := yaml.Unmarshal([]byte(strings.TrimPrefix(parts[0], "---\n")), &page); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		for _, k := range append(page.JSONLD.Keywords, strings.Split(page.Keywords, "|")...) {
			if k = strings.TrimSpace(k); k != "" {
				seen[k] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	if len(out) < 500 {
		t.Fatalf("only %d keywords in the corpus; expected the PFOCR sample's", len(out))
	}
	return out
}

// TestClosestMatchesReference: for every keyword of the real corpus, and a
// misspelling of every other one (in turn a letter added, the last
// dropped, the first two swapped), Closest suggests what looking every
// one-edit spelling up suggests, with the built-in human lexicon and the
// fly test lexicon.
func TestClosestMatchesReference(t *testing.T) {
	keywords := corpusKeywords(t)
	data, err := os.ReadFile("../../rules/data/human.lex")
	if err != nil {
		t.Fatal(err)
	}
	human, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	fly, _ := build(t, "Drosophila_melanogaster.gene_info")
	lexicons := append(append([]*Lexicon(nil), human.Lexicons...), fly.Lexicons...)
	suggested := 0
	for _, l := range lexicons {
		keys := map[string]bool{}
		for _, tb := range []*table{&l.symbols, &l.synonyms, &l.folds} {
			tb.each(func(k string, _ []int) bool { keys[k] = true; return true })
		}
		for i, k := range keywords {
			spellings := []string{k}
			switch {
			case i%2 == 1:
			case i%6 == 0:
				spellings = append(spellings, k+"X")
			case i%6 == 2:
				spellings = append(spellings, k[:len(k)-1])
			case len(k) >= 2:
				spellings = append(spellings, k[1:2]+k[:1]+k[2:])
			}
			for _, v := range spellings {
				// A large limit compares whole lists, not only the first 3.
				want := closestReference(l, keys, v, 1000)
				if i%200 == 0 && !cmp.Equal(want, closestReference(l, nil, v, 1000)) {
					t.Fatalf("%s: the key set changes the reference for %q", l.Organism, v)
				}
				if got := l.Closest(v, 1000); !cmp.Equal(got, want) {
					t.Errorf("%s: Closest(%q) = %q; want %q", l.Organism, v, got, want)
				}
				if len(want) > 0 {
					suggested++
				}
			}
		}
	}
	t.Logf("%d keywords, %d lexicons, %d spellings with suggestions", len(keywords), len(lexicons), suggested)
	if suggested < len(keywords)/2 {
		t.Errorf("only %d spellings had suggestions; expected the misspellings to have many", suggested)
	}
}

// BenchmarkClosestMiss is Closest on a keyword that is no symbol and has
// one-edit neighbours, with nearKeys (the first call builds it) and with
// every spelling looked up (the reference, Closest before nearKeys); and
// the cost of building nearKeys, with its size.
func BenchmarkClosestMiss(b *testing.B) {
	data, err := os.ReadFile("../../rules/data/human.lex")
	if err != nil {
		b.Fatal(err)
	}
	f, err := Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	l := f.Lexicons[0]
	b.Run("nearKeys", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if len(l.Closest("MAPK3X", 3)) == 0 {
				b.Fatal("no suggestion")
			}
		}
	})
	b.Run("reference", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if len(closestReference(l, nil, "MAPK3X", 3)) == 0 {
				b.Fatal("no suggestion")
			}
		}
	})
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buildNearKeys(l)
		}
		b.ReportMetric(float64(len(buildNearKeys(l).slots)*8), "index-bytes")
	})
}
