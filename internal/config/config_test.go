package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/figlint/figlint/rules"
)

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
