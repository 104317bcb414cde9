package engine_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/frontmatter"
	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/internal/testenv"
	"github.com/figlint/figlint/rules"
	"go.yaml.in/yaml/v3"
)

// The test writes each real page of the sample as TOML and as JSON front
// matter, records while writing where each key and value lands, and checks
// that every rule finds the same problems in the three pages, each at the
// place of the corresponding key or value.

// spans holds, per JSON pointer, the byte ranges of a key and its value in
// a written page.
type spans map[string]*written

type written struct{ key, value [2]int }

// pageWriter writes a page while recording spans.
type pageWriter struct {
	b     strings.Builder
	spans spans
}

func (w *pageWriter) at() int { return w.b.Len() }

func (w *pageWriter) put(s string) { w.b.WriteString(s) }

func (w *pageWriter) entry(ptr string) *written {
	if w.spans[ptr] == nil {
		w.spans[ptr] = &written{}
	}
	return w.spans[ptr]
}

// pairs lists a mapping node's keys, in order, with their values from the
// page's JSON value.
func pairs(n *yaml.Node, v any) (keys []string, vals []any, nodes []*yaml.Node) {
	m, _ := v.(map[string]any)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		keys = append(keys, k)
		vals = append(vals, m[k])
		nodes = append(nodes, rules.Deref(n.Content[i+1]))
	}
	return keys, vals, nodes
}

func ptrOf(base, tok string) string { return rules.Pointer(append(splitPtr(base), tok)...) }

func splitPtr(p string) []string {
	t, _ := rules.SplitPointer(p)
	return t
}

// tomlKey writes a key, quoted when it is not bare.
func tomlKey(k string) string {
	if regexp.MustCompile(`^[A-Za-z0-9_-]+$`).MatchString(k) {
		return k
	}
	return tomlString(k)
}

func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// tomlValue writes a scalar or array, or a mapping as an inline table.
func (w *pageWriter) tomlValue(ptr string, n *yaml.Node, v any) error {
	start := w.at()
	switch x := v.(type) {
	case nil:
		return fmt.Errorf("%s is null, which TOML cannot write", ptr)
	case string:
		if len(x) > 60 && !strings.ContainsAny(x, "'\r\n") && !strings.ContainsFunc(x, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			w.put("'''" + x + "'''") // a multi-line literal string, on one line
		} else {
			w.put(tomlString(x))
		}
	case bool:
		w.put(strconv.FormatBool(x))
	case json.Number:
		w.put(x.String())
	case []any:
		w.put("[")
		for i, e := range x {
			if i > 0 {
				w.put(",")
			}
			w.put("\n  ")
			if err := w.tomlValue(ptrOf(ptr, strconv.Itoa(i)), n.Content[i], e); err != nil {
				return err
			}
		}
		w.put("\n]")
	case map[string]any:
		w.put("{ ")
		keys, vals, nodes := pairs(n, v)
		for i, k := range keys {
			if i > 0 {
				w.put(", ")
			}
			if err := w.tomlPair(ptrOf(ptr, k), k, nodes[i], vals[i]); err != nil {
				return err
			}
		}
		w.put(" }")
	}
	w.entry(ptr).value = [2]int{start, w.at()}
	return nil
}

func (w *pageWriter) tomlPair(ptr, k string, n *yaml.Node, v any) error {
	ks := w.at()
	w.put(tomlKey(k))
	w.entry(ptr).key = [2]int{ks, w.at()}
	w.put(" = ")
	return w.tomlValue(ptr, n, v)
}

// toTOML writes a page as TOML front matter: top-level mappings become
// [tables] after the other keys, deeper ones inline tables.
func toTOML(doc *rules.Document) (string, spans, error) {
	w := &pageWriter{spans: spans{}}
	w.put("+++\n")
	keys, vals, nodes := pairs(doc.Root, doc.Value)
	var tables []int
	for i, k := range keys {
		if _, ok := vals[i].(map[string]any); ok {
			tables = append(tables, i)
			continue
		}
		if err := w.tomlPair(ptrOf("", k), k, nodes[i], vals[i]); err != nil {
			return "", nil, err
		}
		w.put("\n")
	}
	for _, i := range tables {
		ptr := ptrOf("", keys[i])
		start := w.at()
		w.put("[")
		ks := w.at()
		w.put(tomlKey(keys[i]))
		w.entry(ptr).key = [2]int{ks, w.at()}
		w.put("]")
		end := w.at()
		sk, sv, sn := pairs(nodes[i], vals[i])
		for j, k := range sk {
			w.put("\n")
			if err := w.tomlPair(ptrOf(ptr, k), k, sn[j], sv[j]); err != nil {
				return "", nil, err
			}
			end = w.at()
		}
		w.entry(ptr).value = [2]int{start, end}
		w.put("\n")
	}
	w.put("+++\n")
	return w.b.String(), w.spans, nil
}

// toJSON writes a page as JSON front matter, one key or item a line.
func toJSON(doc *rules.Document) (string, spans) {
	w := &pageWriter{spans: spans{}}
	w.jsonValue("", doc.Root, doc.Value, "")
	w.put("\n")
	return w.b.String(), w.spans
}

func (w *pageWriter) jsonValue(ptr string, n *yaml.Node, v any, indent string) {
	start := w.at()
	switch x := v.(type) {
	case []any:
		w.put("[")
		for i, e := range x {
			if i > 0 {
				w.put(",")
			}
			w.put("\n" + indent + "  ")
			w.jsonValue(ptrOf(ptr, strconv.Itoa(i)), rules.Deref(n.Content[i]), e, indent+"  ")
		}
		w.put("\n" + indent + "]")
	case map[string]any:
		w.put("{")
		keys, vals, nodes := pairs(n, v)
		for i, k := range keys {
			if i > 0 {
				w.put(",")
			}
			w.put("\n" + indent + "  ")
			ks := w.at()
			kb, _ := json.Marshal(k)
			w.put(string(kb))
			w.entry(ptrOf(ptr, k)).key = [2]int{ks, w.at()}
			w.put(": ")
			w.jsonValue(ptrOf(ptr, k), nodes[i], vals[i], indent+"  ")
		}
		w.put("\n" + indent + "}")
	default:
		b, _ := json.Marshal(v)
		w.put(string(b))
	}
	w.entry(ptr).value = [2]int{start, w.at()}
}

// position converts a byte offset of text to a 1-based line and a column
// in code points, counted here rather than by the Source under test.
func position(text string, off int) rules.Position {
	before := text[:off]
	nl := strings.LastIndexByte(before, '\n')
	return rules.Position{Line: 1 + strings.Count(before, "\n"), Column: 1 + utf8.RuneCountInString(before[nl+1:])}
}

func rangeOf(text string, r [2]int) rules.Range {
	return rules.Range{Start: position(text, r[0]), End: position(text, r[1])}
}

var lineNumber = regexp.MustCompile(`line \d+`)

// findingKey is what must agree between the three versions of a page.
func findingKey(f rules.Finding) string {
	return fmt.Sprintf("%s %s %v %s", f.Rule, f.Pointer, f.Severity, lineNumber.ReplaceAllString(f.Message, "line N"))
}

// existing returns ptr, or its nearest parent that the page has (a
// missing field is reported at its parent).
func existing(doc *rules.Document, ptr string) string {
	toks := splitPtr(ptr)
	for len(toks) > 0 {
		if _, ok := doc.LookupTokens(toks); ok {
			break
		}
		toks = toks[:len(toks)-1]
	}
	return rules.Pointer(toks...)
}

// place says where in the YAML page a finding sits: on its pointer's key,
// its value, the opening "---", or inside the value.
func place(doc *rules.Document, f rules.Finding) string {
	if f.Range == doc.Open {
		return "open"
	}
	if e, ok := doc.Lookup(existing(doc, f.Pointer)); ok {
		switch f.Range {
		case doc.NodeRange(e.Key):
			return "key"
		case doc.NodeRange(e.Value):
			return "value"
		}
	}
	return "inside"
}

// TestFormatsSameFindings compares the real sample pages; each is clean
// of parse problems, and most findings sit on values.
func TestFormatsSameFindings(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "_figures")
	compared, places := compareDir(t, []string{dir}, false)
	if compared["toml"] < 70 || compared["json"] < 70 {
		t.Errorf("compared %v pages; expected every sample page in both formats", compared)
	}
	if places["toml value"] < 100 || places["json value"] < 100 || places["toml with a fix"] < 10 ||
		fixStats["toml applied"] < 10 || fixStats["json applied"] < 10 {
		t.Errorf("findings compared, by place: %v; expected many on values", places)
	}
	t.Logf("pages compared: %v; findings by place: %v; fixes: %v", compared, places, fixStats)
}

// TestFormatsSameFindingsFixtures compares the rule fixtures, which hold
// findings on keys, at the opening delimiter (missing fields) and inside
// values. Pages whose YAML cannot be carried over are skipped: parse
// problems, aliases and merge keys, figlint-ignore comments, null values
// (for TOML).
func TestFormatsSameFindingsFixtures(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "fixtures", "rules", "*"))
	if err != nil || len(dirs) < 10 {
		t.Fatalf("fixture folders: %v %v", dirs, err)
	}
	dirs = append(dirs, filepath.Join("..", "..", "fixtures", "pfocr", "_figures"))
	compared, places := compareDir(t, dirs, true)
	for _, p := range []string{"key", "value", "open"} {
		if places["toml "+p] < 2 || places["json "+p] < 2 {
			t.Errorf("findings compared, by place: %v; expected some on each of key, value and open", places)
		}
	}
	t.Logf("pages compared: %v; findings by place: %v", compared, places)
}

// TestFormatsHugoDocs compares the pages of Hugo's documentation (a real
// collection that is not PFOCR's) rewritten as TOML, as Hugo sites often
// write them, and as JSON. Against the PFOCR schema they are all wrong,
// which puts findings on the opening delimiter (missing fields) and on
// keys (unknown fields) of every page.
func TestFormatsHugoDocs(t *testing.T) {
	root := testenv.HugoDocs(t)
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			dirs = append(dirs, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	compared, places := compareDir(t, dirs, true)
	if compared["toml"] < 900 || compared["json"] < 900 {
		t.Errorf("compared %v pages; expected nearly all of the about 1,000", compared)
	}
	for _, p := range []string{"key", "open"} {
		if places["toml "+p] < 1000 || places["json "+p] < 1000 {
			t.Errorf("findings compared, by place: %v; expected thousands on keys and at the opening", places)
		}
	}
	t.Logf("pages compared: %v; findings by place: %v", compared, places)
}

func compareDir(t *testing.T, dirs []string, skipOdd bool) (compared, places map[string]int) {
	eng := ruletest.Engine(t)
	compared, places = map[string]int{}, map[string]int{}
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".md") {
				continue
			}
			path := filepath.Join(dir, e.Name())
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			ydoc := frontmatter.Parse(path, data)
			if ydoc.Broken || ydoc.Root == nil || len(ydoc.Problems) > 0 || ydoc.Root.Kind != yaml.MappingNode {
				if !skipOdd {
					t.Fatalf("%s: the sample page does not parse cleanly: %v", path, ydoc.Problems)
				}
				continue
			}
			if skipOdd && (strings.Contains(string(data), "figlint-ignore") || hasAliases(ydoc.Root)) {
				continue
			}
			yf := eng.LintDocument(ydoc)
			for _, format := range []string{rules.FormatTOML, rules.FormatJSON} {
				var text string
				var sp spans
				if format == rules.FormatTOML {
					text, sp, err = toTOML(ydoc)
					if err != nil {
						continue // a null value
					}
				} else {
					text, sp = toJSON(ydoc)
				}
				doc := frontmatter.Parse(path, []byte(text))
				if doc.Format != format || doc.Broken {
					t.Fatalf("%s as %s: format %q, problems %v\n%s", path, format, doc.Format, doc.Problems, text)
				}
				got := eng.LintDocument(doc)
				compareFindings(t, path+" as "+format, ydoc, yf, doc, got, text, sp)
				compared[format]++
				for _, f := range yf {
					places[format+" "+place(ydoc, f)]++
					if len(f.Fixes) > 0 {
						places[format+" with a fix"]++ // and none on the rewritten page
					}
				}
			}
		}
	}
	return compared, places
}

func hasAliases(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" || n.Tag == "!!merge" || n.Style&yaml.TaggedStyle != 0 {
		return true
	}
	for _, c := range n.Content {
		if hasAliases(c) {
			return true
		}
	}
	return false
}

func compareFindings(t *testing.T, name string, ydoc *rules.Document, yf []rules.Finding, doc *rules.Document, got []rules.Finding, text string, sp spans) {
	t.Helper()
	want := make([]string, 0, len(yf))
	have := make([]string, 0, len(got))
	wantPlace := map[string][]string{}
	for _, f := range yf {
		want = append(want, findingKey(f))
		wantPlace[findingKey(f)] = append(wantPlace[findingKey(f)], place(ydoc, f))
	}
	yamlFixes := map[string][]rules.Finding{}
	for _, f := range yf {
		yamlFixes[findingKey(f)] = append(yamlFixes[findingKey(f)], f)
	}
	for _, f := range got {
		have = append(have, findingKey(f))
		same := yamlFixes[findingKey(f)]
		if len(same) == 0 {
			continue // reported below
		}
		yamlFixes[findingKey(f)] = same[1:]
		checkFixes(t, name, ydoc, same[0], doc, f)
	}
	slices.Sort(want)
	slices.Sort(have)
	if !slices.Equal(want, have) {
		t.Errorf("%s: findings differ from the YAML page's\nYAML: %q\ngot:  %q", name, want, have)
		return
	}
	for _, f := range got {
		k := findingKey(f)
		pl := wantPlace[k][0]
		wantPlace[k] = wantPlace[k][1:]
		w := sp[existing(doc, f.Pointer)]
		var expect rules.Range
		switch {
		case pl == "open":
			expect = doc.Open
			if doc.Format == rules.FormatTOML && doc.Open != rangeOf(text, [2]int{0, 3}) {
				t.Errorf("%s: TOML opening at %v", name, doc.Open)
			}
		case w == nil:
			t.Errorf("%s: finding %s at pointer %q, which the page does not have", name, k, f.Pointer)
			continue
		case pl == "key":
			expect = rangeOf(text, w.key)
		case pl == "value":
			expect = rangeOf(text, w.value)
		default: // inside the value
			v := rangeOf(text, w.value)
			if f.Range.Start.Line < v.Start.Line || f.Range.End.Line > v.End.Line {
				t.Errorf("%s: %s at %v, outside its value %v", name, k, f.Range, v)
			}
			continue
		}
		if f.Range != expect {
			t.Errorf("%s: %s at %v; expected the %s at %v (%q)", name, k, f.Range, pl, expect, text[doc.OffsetOf(expect.Start):doc.OffsetOf(expect.End)])
		}
	}
}

// TestTOMLSuppression: figlint-ignore comments work in TOML front matter
// (TOML comments are "#" too), and not in the body after the block.
func TestTOMLSuppression(t *testing.T) {
	reg := ruletest.Registry(t)
	eng := engine.New(reg, engine.Options{Enabled: []string{"yaml-syntax", "duplicate-key", "unused-suppression", "suppression-reason"}})
	page := "+++\ntitle = 'a'\ntitle = 'b' # figlint-ignore duplicate-key -- kept on purpose\n" +
		"n = 1\nn = 2\n+++\n# figlint-ignore duplicate-key -- in the body, not a comment\n"
	got := eng.LintDocument(frontmatter.Parse("p.md", []byte(page)))
	lines := make([]string, 0, len(got))
	for _, f := range got {
		lines = append(lines, fmt.Sprintf("%d:%d %s", f.Range.Start.Line, f.Range.Start.Column, f.Rule))
	}
	if want := []string{"5:1 duplicate-key"}; !slices.Equal(lines, want) {
		t.Errorf("findings %q; expected %q (the first duplicate suppressed, the body's comment no directive)", lines, want)
	}
}

// fixStats counts the fixes compared by checkFixes.
var fixStats = map[string]int{}

// checkFixes compares the fixes of one finding on a TOML or JSON page with
// those of the same finding on the YAML page: each fix offered must give,
// applied, the value the YAML fix gives; a fix is left out only when the
// YAML one does more than replace values (a list item's line removed).
func checkFixes(t *testing.T, name string, ydoc *rules.Document, yf rules.Finding, doc *rules.Document, f rules.Finding) {
	t.Helper()
	yfix := map[string]rules.Fix{}
	for _, fx := range yf.Fixes {
		yfix[fx.Message] = fx
	}
	offered := map[string]bool{}
	for _, fx := range f.Fixes {
		offered[fx.Message] = true
		yx, ok := yfix[fx.Message]
		if !ok {
			t.Errorf("%s: fix %q of [%s] is not the YAML page's", name, fx.Message, f.Rule)
			continue
		}
		after := frontmatter.Parse(doc.Path, applyEdits(doc.Source.Bytes(), doc.Path, fx.Edits))
		yafter := frontmatter.Parse(ydoc.Path, applyEdits(ydoc.Source.Bytes(), ydoc.Path, yx.Edits))
		if after.Broken || after.Format != doc.Format {
			t.Errorf("%s: fix %q of [%s] breaks the page: %v", name, fx.Message, f.Rule, after.Problems)
			continue
		}
		a, _ := json.Marshal(after.Value)
		b, _ := json.Marshal(yafter.Value)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: fix %q of [%s] gives\n%s\nthe YAML fix gives\n%s", name, fx.Message, f.Rule, a, b)
		}
		fixStats[doc.Format+" applied"]++
	}
	for msg, yx := range yfix {
		if offered[msg] {
			continue
		}
		fixStats[doc.Format+" withheld"]++
		if f.Rule != "keyword-chemical" {
			t.Errorf("%s: fix %q of [%s] (%d edits) is withheld; expected only list-item removals to be", name, msg, f.Rule, len(yx.Edits))
		}
	}
}

// applyEdits applies the edits of one file, from the last to the first.
func applyEdits(data []byte, path string, edits []rules.TextEdit) []byte {
	eds := slices.Clone(edits)
	slices.SortFunc(eds, func(a, b rules.TextEdit) int { return b.Start - a.Start })
	out := slices.Clone(data)
	for _, ed := range eds {
		if ed.Path != path {
			continue
		}
		out = append(out[:ed.Start:ed.Start], append([]byte(ed.NewText), out[ed.End:]...)...)
	}
	return out
}
