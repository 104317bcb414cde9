package fastyaml

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/testenv"
	"go.yaml.in/yaml/v3"
)

// TestCorpusDifferential checks every page of the real sample: where the
// fast path takes a page, its tree must equal yaml.v3's. Nearly every real
// page must take the fast path, or it is not worth having.
func TestCorpusDifferential(t *testing.T) {
	dir := filepath.Join(testenv.Corpus(t), "_figures")
	blocks := pageBlocks(t, dir)
	if len(blocks) == 0 {
		t.Fatalf("no pages with front matter under %s", dir)
	}
	fast := 0
	var slow []string
	for _, name := range sortedKeys(blocks) {
		if differential(t, filepath.Base(name), blocks[name]) {
			fast++
		} else {
			slow = append(slow, filepath.Base(name))
		}
	}
	t.Logf("fast path took %d of %d corpus pages; yaml.v3 needed for %v", fast, len(blocks), slow)
	if fast*100 < len(blocks)*95 {
		t.Errorf("fast path took %d of %d corpus pages, expected at least 95%%; left to yaml.v3: %v", fast, len(blocks), slow)
	}
}

// TestFixturesDifferential checks the repository's test pages, which are
// full of odd front matter (and of "# want" comments, left to yaml.v3).
func TestFixturesDifferential(t *testing.T) {
	blocks := pageBlocks(t, fixturesDir)
	if len(blocks) < 50 {
		t.Fatalf("found %d fixture pages under %s, expected the repository's fixtures", len(blocks), fixturesDir)
	}
	fast := 0
	for _, name := range sortedKeys(blocks) {
		if differential(t, name, blocks[name]) {
			fast++
		}
	}
	t.Logf("fast path took %d of %d fixture pages", fast, len(blocks))
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// n builds an expected node.
func n(kind yaml.Kind, tag string, style yaml.Style, value string, line, col int, kids ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: kind, Tag: tag, Style: style, Value: value, Line: line, Column: col, Content: kids}
}

func str(value string, line, col int) *yaml.Node {
	return n(yaml.ScalarNode, "!!str", 0, value, line, col)
}

// TestParseTrees checks trees written out by hand from the YAML spec's
// rules, independently of yaml.v3.
func TestParseTrees(t *testing.T) {
	const (
		doc = yaml.DocumentNode
		m   = yaml.MappingNode
		seq = yaml.SequenceNode
		sc  = yaml.ScalarNode
		sq  = yaml.SingleQuotedStyle
	)
	tests := []struct {
		name string
		in   string
		want *yaml.Node
	}{{
		name: "folded plain scalar and indentless sequence",
		in:   "figtitle: IL-6 enriches\n  stem cells\norganisms:\n- Mus musculus\n- Homo sapiens\n",
		want: n(doc, "", 0, "", 1, 1, n(m, "!!map", 0, "", 1, 1,
			str("figtitle", 1, 1), str("IL-6 enriches stem cells", 1, 11),
			str("organisms", 3, 1), n(seq, "!!seq", 0, "", 4, 1, str("Mus musculus", 4, 3), str("Homo sapiens", 5, 3)))),
	}, {
		name: "quoted keys, empty string, tags, nested map",
		in:   "year: '2022'\nndex: ''\nscore: 0.95\nschema:\n  '@type': Dataset\n  n: 12\n",
		want: n(doc, "", 0, "", 1, 1, n(m, "!!map", 0, "", 1, 1,
			str("year", 1, 1), n(sc, "!!str", sq, "2022", 1, 7),
			str("ndex", 2, 1), n(sc, "!!str", sq, "", 2, 7),
			str("score", 3, 1), n(sc, "!!float", 0, "0.95", 3, 8),
			str("schema", 4, 1), n(m, "!!map", 0, "", 5, 3,
				n(sc, "!!str", sq, "@type", 5, 3), str("Dataset", 5, 12),
				str("n", 6, 3), n(sc, "!!int", 0, "12", 6, 6)))),
	}, {
		name: "multi-line single quotes with escapes and a blank line, CRLF",
		in:   "t: 'it''s   \r\n  a\r\n\r\n  test: ok  '\r\nk: v\r\n",
		want: n(doc, "", 0, "", 1, 1, n(m, "!!map", 0, "", 1, 1,
			str("t", 1, 1), n(sc, "!!str", sq, "it's a\ntest: ok  ", 1, 4),
			str("k", 5, 1), str("v", 5, 4))),
	}, {
		name: "columns count code points; empty values are null",
		in:   "é: ü\nnone:\nlist:\n  -\n  - x: 1\n    y:\n",
		want: n(doc, "", 0, "", 1, 1, n(m, "!!map", 0, "", 1, 1,
			str("é", 1, 1), str("ü", 1, 4),
			str("none", 2, 1), n(sc, "!!null", 0, "", 2, 6),
			str("list", 3, 1), n(seq, "!!seq", 0, "", 4, 3,
				n(sc, "!!null", 0, "", 4, 4),
				n(m, "!!map", 0, "", 5, 5, str("x", 5, 5), n(sc, "!!int", 0, "1", 5, 8),
					str("y", 6, 5), n(sc, "!!null", 0, "", 6, 7))))),
	}, {
		name: "plain scalar folding keeps inner spaces and blank lines",
		in:   "c: a  b\n\n   c   \n  d\n\n\n",
		want: n(doc, "", 0, "", 1, 1, n(m, "!!map", 0, "", 1, 1,
			str("c", 1, 1), str("a  b\nc d", 1, 4))),
	}, {
		name: "literal block scalars with chomping",
		in:   "k: |-\n  amination | x\n    more\n\n  mechanism  \nclip: |\n  a\n\n\nkeep: |+\n  b\n\n  \nl:\n- |\n  c\n",
		want: n(doc, "", 0, "", 1, 1, n(m, "!!map", 0, "", 1, 1,
			str("k", 1, 1), n(sc, "!!str", yaml.LiteralStyle, "amination | x\n  more\n\nmechanism  ", 1, 4),
			str("clip", 6, 1), n(sc, "!!str", yaml.LiteralStyle, "a\n", 6, 7),
			str("keep", 10, 1), n(sc, "!!str", yaml.LiteralStyle, "b\n\n\n", 10, 7),
			str("l", 14, 1), n(seq, "!!seq", 0, "", 15, 1, n(sc, "!!str", yaml.LiteralStyle, "c\n", 15, 3)))),
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Parse([]byte(tt.in))
			if !ok {
				t.Fatalf("Parse(%q) left the text to yaml.v3, expected the fast path", tt.in)
			}
			if d := diffNodes("doc", got, tt.want); d != "" {
				t.Errorf("Parse(%q): %s", tt.in, d)
			}
			differential(t, tt.name, []byte(tt.in))
		})
	}
}

// bailCases are outside the subset: Parse must leave them to yaml.v3.
var bailCases = []string{
	"",
	"\n  \n",
	"plain scalar document\n",
	"- - nested\n",
	"a: [1, 2]\n",
	"a: {b: c}\n",
	"a: &x 1\nb: *x\n",
	"a: !!str 1\n",
	"a: |2\n  text\n",
	"a: | # c\n  text\n",
	"a: |\n\n  text\n",
	"a: |\n  text",
	"a: >\n  text\n",
	"a: \"double\"\n",
	"a: b # comment\n",
	"# comment\na: b\n",
	"a: 'x' # comment\n",
	"a:\tb\n",
	"a: b\rc: d\n",
	"---\na: b\n",
	"--- ?key: ", // found by FuzzTokens: a document marker, not a key
	"a: b\n...\n",
	"%YAML 1.2\n---\na: b\n",
	"a: b: c\n",
	"a: b\n  c: d\n",
	"a: b\n c\n- d\n",
	"  a: b\n",
	"a : b\n",
	"<<: b\n",
	"a: 'unterminated\n",
	"a:\n  b: 'x\n  y'\n",
	"'multi\n  line': key\n",
	"? complex\n: key\n",
	"a: @x\n",
	"a: `x`\n",
	"\xEF\xBB\xBFa: b\n",
	"a: \x01\n",
	"a: b\u0085c\n",
	"a: b\u2028c\n",
	"a: \xff\n",
	"a: - b\n",
	"a:\n  - b\n c\n",
	"a:\n- b\n  - c\n-\n  d\n",
	"a: " + strings.Repeat("[", 2) + "\n",
	strings.Repeat("k", 1001) + ": v\n",
}

func TestParseBails(t *testing.T) {
	for _, in := range bailCases {
		if got, ok := Parse([]byte(in)); ok || got != nil {
			t.Errorf("Parse(%q) = %v, %v; expected nil, false (left to yaml.v3)", in, got, ok)
		}
	}
}

// trickyCases are checked against yaml.v3 and seed the fuzz test.
var trickyCases = []string{
	"a: 1\nb: -2\nc: 0x1F\nd: 1_000\ne: 2001-12-14\nf: 2001-12-14t21:59:43.10-05:00\ng: .5\nh: ~\ni: yes\nj: 1e3\nk: 0o17\nl: 017\nm: 1:2\nn: .inf\no: -.Inf\np: 0b101\nq: -0b11\nr: +12\ns: 1.\nt: NULL\nu: True\nv: 99999999999999999999\nw: 0x\nx: -0o7\ny: 1e\nz: .nan\n",
	"null: ~\ntrue: false\n12: 13\n1.5: x\n",
	"a: x:y\nb: http://x.org/a#b\nc: C#\nd: -x\ne: ?x\nf: :x\ng: x-\nh: a- b\n",
	"a:\n  - x\n  - y\nb:\n- z\n",
	"a:\n  x\n   y\n\n z\nb: c\n",
	"- a\n- b: c\n  d: e\n-\n- 'q'\n",
	"-   a: b\n    c: d\n- e\n",
	"a: 'x\n\n\n  y  '\n",
	"a: '   \n  y'\n",
	"a: 'x\n  '\n",
	"a: ''''\nb: 'a''b''''c'\n",
	"k: v\n\n\n",
	"k: v",
	"k:",
	"k:\n",
	"-",
	"- \n- x",
	"k:   \nl: m",
	"k: é ü\n  ß\n",
	"'@context': https://schema.org/\n'@id': https://x.org/a.html\n",
	"a: b   c  \n  d\n",
	"a: -\n",
	"a: '-'\n",
	"a: x\n  - y\n",
	"a: x\n  'y'\n",
	"a: x #y\n",
	"...x: y\n---x: y\n",
	"a:\n  b:\n    c:\n      d: e\n  f: g\nh: i\n",
	"a:\n  b: 'x\ny'\n",
	"a: 'x\n#y'\n",
	"a: 'x\n  #y'\n",
	"a: x\n  #y\n",
	"a: x\n  y#z\n",
	"a:\n- b:\n  - c\n  d: e\n",
}

func TestTrickyCases(t *testing.T) {
	for _, in := range trickyCases {
		differential(t, "tricky", []byte(in))
	}
}

// TestResolveMatchesYAMLv3 checks the tag of plain scalars against
// yaml.v3 itself, over hand-picked edge cases and every string of up to
// four characters over a number-like alphabet.
func TestResolveMatchesYAMLv3(t *testing.T) {
	cases := []string{
		"0", "-0", "+1", "007", "08", "0x1F", "-0x1F", "0o17", "0b101", "-0b101", "1_000", "0x_1",
		"1.5", ".5", "5.", "1e3", "1E-3", "-.5e+2", ".", "..", "1.2.3", "+.inf", "-.Inf", ".NaN", "+.nan",
		"9223372036854775807", "9223372036854775808", "18446744073709551616", "-9223372036854775809",
		"2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10", "2001-1-1", "2001-13-45",
		"12-14", "20011-12-14", "true", "TRUE", "tRue", "yes", "No", "on", "~", "null", "NULL", "nULL",
		"-", "+", "1-2", "0.1.2", "1_2_3", "_1", "1__2", "0b", "0x", "1e", "e3", "١", "0o-117", "0b-101", "-0o17", "-0b-1", "0o+7", "0b_1",
	}
	const alphabet = "019.-+_ex"
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		for _, r := range alphabet {
			s := prefix + string(r)
			cases = append(cases, s)
			if n > 1 {
				gen(s, n-1)
			}
		}
	}
	gen("", 4)
	checked := 0
	for _, s := range cases {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte("k: "+s+"\n"), &doc); err != nil || len(doc.Content) == 0 {
			continue
		}
		v := doc.Content[0].Content[1]
		if v.Kind != yaml.ScalarNode || v.Style != 0 || v.Value != s {
			continue // not read as the plain scalar s
		}
		checked++
		if got := resolve(s); got != v.Tag {
			t.Errorf("resolve(%q) = %s, yaml.v3 says %s", s, got, v.Tag)
		}
	}
	if checked < 5000 {
		t.Fatalf("only %d scalars checked", checked)
	}
}

// FuzzDifferential feeds the same text to Parse and yaml.v3: whenever
// Parse takes the text, yaml.v3 must accept it and build an identical tree.
func FuzzDifferential(f *testing.F) {
	for _, in := range append(append([]string{}, trickyCases...), bailCases...) {
		f.Add([]byte(in))
	}
	for _, dir := range []string{corpusDir, fixturesDir} {
		if _, err := os.Stat(dir); err != nil {
			continue // the corpus ships beside the repository; seeds are optional
		}
		for _, b := range pageBlocks(f, dir) {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		differential(t, "fuzz", data)
	})
}

// seedPage is the page the benchmarks parse.
const seedPage = "PMC8932105__12935_2022_2527_Fig7_HTML.md"

func seedBlock(b *testing.B) []byte {
	data, err := os.ReadFile(filepath.Join(testenv.Corpus(b), "_figures", seedPage))
	if err != nil {
		b.Fatalf("reading the seed page: %v", err)
	}
	block, ok := frontMatter(data)
	if !ok {
		b.Fatalf("the seed page has no front matter")
	}
	return block
}

func BenchmarkFastyaml(b *testing.B) {
	block := seedBlock(b)
	if _, ok := Parse(block); !ok {
		b.Fatalf("the seed page is not on the fast path")
	}
	b.SetBytes(int64(len(block)))
	b.ReportAllocs()
	for b.Loop() {
		Parse(block)
	}
}

func BenchmarkYAMLv3(b *testing.B) {
	block := seedBlock(b)
	b.SetBytes(int64(len(block)))
	b.ReportAllocs()
	for b.Loop() {
		var root yaml.Node
		if err := yaml.Unmarshal(block, &root); err != nil {
			b.Fatal(err)
		}
	}
}

// fragments are the pieces FuzzTokens assembles YAML from:
// mostly the subset, with some of what must make Parse bail.
var fragments = []string{
	"\n", "\n", "\n", "\r\n", " ", " ", "  ", "   ", "- ", "-", ": ", ":", "'", "''",
	"key", "k", "a b", "x", "1", "0", "-1", ".5", "1e3", "0x1F", "2001-12-14", "~", "null", "true", "yes",
	"é", "ü€", "😀", "#", " #", "!", "&", "*", "|", ">", "[", "]", "{", "}", ",", "\"", "@", "`", "%", "?",
	"\t", ".", "---", "...", "<<", "_", "\\", "\n  ", "\n    ", "\n- ", "\n  - ", "key: ", "\n  key: ",
}

// FuzzTokens is FuzzDifferential over texts assembled from
// YAML fragments, which reach the fast path far more often than mutated
// bytes do.
func FuzzTokens(f *testing.F) {
	f.Add([]byte{14, 12, 16, 0, 14, 12, 0, 8, 17, 0, 8, 16})
	f.Add([]byte{14, 12, 59, 16, 60, 17, 2, 61, 18})
	f.Add([]byte{14, 12, 12, 16, 4, 17, 12, 0, 5, 17, 12})
	f.Fuzz(func(t *testing.T, picks []byte) {
		var sb strings.Builder
		for _, b := range picks {
			sb.WriteString(fragments[int(b)%len(fragments)])
		}
		differential(t, "tokens", []byte(sb.String()))
	})
}
