package engine_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/engine"
	"github.com/figlint/figlint/internal/ruletest"
	"github.com/figlint/figlint/internal/testenv"
	"github.com/figlint/figlint/rules"
	"github.com/google/go-cmp/cmp"
)

// TestRulesIndependent: a rule's findings do not depend on which other
// rules run. Rules share derived views of a page (list items, tables, the
// keyword reading); a rule that changed a shared view would change what
// the rules after it see. Each rule's findings with every rule on must
// equal its findings when it runs alone, over the sample collection plus
// pages written to stress the shared views (a list with a missing value
// and a repeat, which rules filter in place).
func TestRulesIndependent(t *testing.T) {
	site := testenv.CopyTree(t, "../../fixtures/pfocr")
	page, err := os.ReadFile(filepath.Join(site, "_figures", "PMC10031279__gr8.md"))
	if err != nil {
		t.Fatal(err)
	}
	variant := strings.Replace(string(page), "organisms_ner:\n- Homo sapiens\n",
		"organisms_ner:\n- NA\n- Homo sapiens\n- Homo sapiens\n- ''\n- Mus musculus\n", 1)
	if variant == string(page) {
		t.Fatal("the page to vary has changed; update the test")
	}
	if err := os.WriteFile(filepath.Join(site, "_figures", "PMC10031279__gr8.md"), []byte(variant), 0o644); err != nil {
		t.Fatal(err)
	}
	files, errs := engine.Collect([]string{filepath.Join(site, "_figures")}, site, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	reg := ruletest.Registry(t)
	byRule := func(found map[string][]rules.Finding, ids []string) map[string][]rules.Finding {
		out := map[string][]rules.Finding{}
		for path, fs := range found {
			for _, f := range fs {
				for _, id := range ids {
					if f.Rule == id {
						out[path] = append(out[path], f)
					}
				}
			}
		}
		return out
	}
	all := lintAll(t, engine.New(reg, engine.Options{WorkDir: site}), files)
	checked := 0
	for _, rule := range reg.Rules() {
		if rule.Driver {
			continue // unused-suppression's findings depend on the others by design
		}
		ids := rule.IDs()
		enabled := ids
		// By design, one cause, one finding: keyword-noise and
		// keyword-chemical leave the keywords of an organism that
		// organisms-ner-mismatch or organism-plausibility reports to that
		// rule, and organisms-ner-mismatch leaves an organism that the
		// page's own genes table lacks to genes-table; each runs beside the
		// rule it defers to here.
		switch rule.ID {
		case "keyword-noise", "keyword-chemical":
			enabled = append(slices.Clone(ids), "organisms-ner-mismatch", "organism-plausibility", "genes-table")
		case "organisms-ner-mismatch":
			enabled = append(slices.Clone(ids), "genes-table")
		}
		alone := lintAll(t, engine.New(reg, engine.Options{WorkDir: site, Enabled: enabled}), files)
		if diff := cmp.Diff(byRule(all, ids), byRule(alone, ids)); diff != "" {
			t.Errorf("rule %s finds otherwise with every rule on than alone (-all +alone):\n%s", rule.ID, diff)
		}
		checked++
	}
	if checked < 20 {
		t.Fatalf("checked %d rules; the registry should hold more", checked)
	}
}
