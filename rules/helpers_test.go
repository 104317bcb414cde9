package rules

import (
	"testing"

	"gopkg.in/yaml.v3"
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
