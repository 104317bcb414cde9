package main

import (
	"strings"
	"testing"
)

const good = `{"runs": [{"tool": {"driver": {"version": "v1", "rules": [{"id": "a"}, {"id": "b"}]}},
  "automationDetails": {"id": "figlint/"},
  "results": [
    {"ruleId": "b", "ruleIndex": 1, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "site/x.md", "uriBaseId": "%SRCROOT%"}}}],
     "partialFingerprints": {"primaryLocationLineHash": "1:1"}},
    {"ruleId": "a", "ruleIndex": 0, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "site/y.md", "uriBaseId": "%SRCROOT%"}}}],
     "partialFingerprints": {"primaryLocationLineHash": "2:1"}, "suppressions": [{"kind": "inSource"}]}]}]}`

func TestCheck(t *testing.T) {
	o := options{results: 1, category: "figlint/", version: "v1", uriPrefix: "site/"}
	if p, err := check([]byte(good), o); err != nil || len(p) != 0 {
		t.Errorf("good log: %v %v", p, err)
	}
	bad := strings.NewReplacer(`"ruleIndex": 1`, `"ruleIndex": 0`, `"site/x.md"`, `"x.md"`, `"1:1"`, `""`).Replace(good)
	o.results, o.category, o.version = 2, "other/", "v2"
	p, err := check([]byte(bad), o)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"ruleIndex 0 does not name", "uri \"x.md\"", "no primaryLocationLineHash", "1 reported results; expected 2", "automationDetails", "tool.driver.version"}
	if len(p) != len(want) {
		t.Fatalf("problems %q; want %d", p, len(want))
	}
	for i, w := range want {
		if !strings.Contains(p[i], w) {
			t.Errorf("problem %d: %q lacks %q", i, p[i], w)
		}
	}
}
