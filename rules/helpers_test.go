package rules

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestYAMLScalarRoundTrip writes values as fixes would and reads them back
// with yaml.v3: each must come back as the same string.
func TestYAMLScalarRoundTrip(t *testing.T) {
	for _, s := range []string{
		"Homo sapiens", "10.1186/s12935-022-02527-9", "NO", "yes", "On", "y", "1", "2022", "0.5",
		"1e3", "0x1F", ".inf", "2001-01-01", "", " lead", "trail ", "a: b", "a #b", "#x", "- x",
		"[Candida] glabrata", "Su(H)", "it's", "line\nbreak", "tab\there", "null", "~", "@x", "%x",
		"ends:", "ünïcödé", "E(spl)m8-HLH", "PCDHA@",
	} {
		out := YAMLScalar(s)
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte("k: "+out+"\n"), &doc); err != nil {
			t.Errorf("YAMLScalar(%q) = %s: does not parse: %v", s, out, err)
			continue
		}
		v := doc.Content[0].Content[1]
		if v.Value != s || v.Tag != "!!str" {
			t.Errorf("YAMLScalar(%q) = %s reads back as %q (%s)", s, out, v.Value, v.Tag)
		}
	}
	// YAML 1.1 readers (Jekyll) take these for booleans: they must be quoted.
	for _, s := range []string{"NO", "yes", "On", "off", "Y"} {
		if out := YAMLScalar(s); out == s {
			t.Errorf("YAMLScalar(%q) left it plain", s)
		}
	}
}

// TestReplaceFixKeepsAnchors: a fix replaces the value, not the anchor or
// tag before it, so the aliases to it still resolve (a review found fixes
// that deleted the anchor and broke the page).
func TestReplaceFixKeepsAnchors(t *testing.T) {
	for _, tc := range []struct{ src, key, value, want string }{
		{"figtype: &t Scheme\nother: *t\n", "figtype", "Figure", "figtype: &t Figure\nother: *t\n"},
		{"figtype: !!str Scheme\n", "figtype", "Figure", "figtype: !!str Figure\n"},
		{"keywords:\nx: 1\n", "keywords", "a | b", "keywords: a | b\nx: 1\n"},
		{"figtype: &t\nother: *t\n", "figtype", "Figure", "figtype: &t Figure\nother: *t\n"},
		{"doi: 'https://doi.org/10.1/x'\n", "doi", "10.1/x", "doi: 10.1/x\n"},
	} {
		var root yaml.Node
		if err := yaml.Unmarshal([]byte(tc.src), &root); err != nil {
			t.Fatal(err)
		}
		doc := &Document{Source: NewSource([]byte(tc.src)), Root: root.Content[0]}
		e, ok := doc.Lookup("/" + tc.key)
		if !ok {
			t.Fatalf("no %s", tc.key)
		}
		edit := doc.ReplaceFix("fix", e.Value, tc.value).Edits[0]
		got := tc.src[:edit.Start] + edit.NewText + tc.src[edit.End:]
		if got != tc.want {
			t.Errorf("fixed %q = %q, want %q", tc.src, got, tc.want)
		}
	}
}

// TestItemsIsACopy: Items is made once per page, but a rule that changes
// the slice it got (genes-table filters organisms_ner in place) must not
// change what the next rule gets.
func TestItemsIsACopy(t *testing.T) {
	src := "organisms_ner:\n- NA\n- Homo sapiens\n- Mus musculus\n"
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(src), &root); err != nil {
		t.Fatal(err)
	}
	doc := &Document{Source: NewSource([]byte(src)), Root: root.Content[0]}
	p := NewPass(doc, "test", func(Finding) {}, nil)
	first, _ := p.Items("/organisms_ner")
	first[0] = Item{Text: "changed"}
	second, _ := p.Items("/organisms_ner")
	if len(second) != 3 || second[0].Text != "NA" || second[0].Pointer != "/organisms_ner/0" {
		t.Errorf("after a caller changed its items, Items gives %+v", second)
	}
}
