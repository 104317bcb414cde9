package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/figlint/figlint/rules"
)

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		glob, rel string
		want      bool
	}{
		{"drafts/**", "drafts/a.md", true},
		{"drafts/**", "drafts/x/y/a.md", true},
		{"drafts/**", "published/a.md", false},
		{"**/old/*.md", "_figures/old/p.md", true},
		{"**/old/*.md", "old/p.md", true},
		{"_figures/*.md", "_figures/sub/p.md", false},
		{"*.markdown", "deep/dir/page.markdown", true},
		{"PMC1*", "_figures/PMC123__f1.md", true},
		{"_figures/PMC1*", "_figures/PMC2__f.md", false},
	} {
		if got := Match(tc.glob, tc.rel); got != tc.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tc.glob, tc.rel, got, tc.want)
		}
	}
}

func TestFindStopsAtRepositoryRoot(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	deep := filepath.Join(repo, "site", "_figures")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	// A configuration above the repository root is not used.
	if err := os.WriteFile(filepath.Join(root, ".figlint.yaml"), []byte("fail-on: note\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := Find(deep); got != "" {
		t.Fatalf("Find = %q; want none (the one found is above the repository root)", got)
	}
	want := filepath.Join(repo, "site", ".figlint.yaml")
	if err := os.WriteFile(want, []byte("fail-on: warning\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := Find(deep); got != want {
		t.Fatalf("Find = %q, want %q", got, want)
	}
}

func TestLoad(t *testing.T) {
	c, err := Load("../../fixtures/config/project/.figlint.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Rules) != 4 || !c.Rules[0].Off || c.Rules[2].Severity != rules.SeverityNote || c.Rules[3].Severity != rules.SeverityError {
		t.Errorf("rules %+v", c.Rules)
	}
	if len(c.Overrides) != 1 || c.Overrides[0].Paths[0] != "_figures/old/**" || !c.Overrides[0].Rules[0].Off {
		t.Errorf("overrides %+v", c.Overrides)
	}
	if c.FailOn != "warning" || filepath.Base(c.DataDir) != "_data" || !filepath.IsAbs(c.DataDir) {
		t.Errorf("fail-on %q data-dir %q", c.FailOn, c.DataDir)
	}
}
