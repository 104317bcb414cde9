package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/testenv"
	"github.com/figlint/figlint/rules"
)

const lexFixtures = "../../fixtures/lexicon"

// runLex runs "figlint lexicon ARGS" in-process.
func runLex(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	err = runLexicon(args, IO{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }})
	return out.String(), errb.String(), err
}

func TestLexiconBuildAndInfo(t *testing.T) {
	out := filepath.Join(t.TempDir(), "test.lex")
	_, stderr, err := runLex(t, "build", "-o", out,
		filepath.Join(lexFixtures, "Drosophila_melanogaster.gene_info"),
		filepath.Join(lexFixtures, "Mus_musculus.gene_info.gz"),
		filepath.Join(lexFixtures, "bad.gene_info"))
	if err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	// Each bad line is reported with its file and line, and skipped.
	for _, want := range []string{
		"bad.gene_info:3: row has 3 fields; expected 16, one per header column; line skipped",
		"bad.gene_info:6: tax_id is \"fly\"; expected a number; line skipped",
		"2 organisms, 8 symbols, 7 synonyms; 4 input lines skipped",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	stdout, _, err := runLex(t, "info", out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"format version 1",
		"  Drosophila_melanogaster.gene_info (gene_info, 2024-04-12)\n",
		"  bad.gene_info (gene_info, 2024-04-12)\n",
		"  7227 Drosophila melanogaster: 5 symbols, 1 synonyms (0 ambiguous)\n",
		"  10090 Mus musculus: 3 symbols, 6 synonyms (0 ambiguous)\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("info lacks %q:\n%s", want, stdout)
		}
	}
	// The lexicon is used by the keyword rules through --lexicon.
	rs, err := lexiconRules(rules.Builtin(), "", []string{out})
	if err != nil || len(rs) != len(rules.Builtin()) {
		t.Fatalf("lexiconRules: %v", err)
	}
	set, err := loadLexicons("", []string{out})
	if err != nil || set.Find("Drosophila melanogaster") == nil || set.Find("Homo sapiens") == nil {
		t.Fatalf("loadLexicons: %v; want the fly, the mouse and the built-in human lexicons", err)
	}
}

func TestLexiconUsageErrors(t *testing.T) {
	dir := t.TempDir()
	notLex := filepath.Join(dir, "x.lex")
	if err := os.WriteFile(notLex, []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "o.lex")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "expected a sub-command"},
		{[]string{"frobnicate"}, `unknown sub-command "frobnicate"`},
		{[]string{"build", filepath.Join(lexFixtures, "hgnc_complete_set.txt")}, "-o FILE is required"},
		{[]string{"build", "-o", out}, "expected at least one input"},
		{[]string{"build", "-o", out, "--organism", "fly", notLex}, "expected TAXID=NAME"},
		{[]string{"build", "-o", out, notLex}, "expected the header of an NCBI gene_info file"},
		{[]string{"build", "-o", out, filepath.Join(dir, "absent")}, "no such file"},
		{[]string{"info"}, "expected a lexicon file"},
		{[]string{"info", notLex}, "not a figlint lexicon"},
	} {
		_, _, err := runLex(t, tc.args...)
		var ue *usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err %v; want a usage error with %q", tc.args, err, tc.want)
		}
	}
	if _, err := loadLexicons("", []string{notLex}); err == nil || !strings.Contains(err.Error(), "--lexicon") {
		t.Errorf("loadLexicons: %v", err)
	}
	if rs, err := lexiconRules(rules.Builtin(), "", nil); err != nil || len(rs) != len(rules.Builtin()) {
		t.Errorf("lexiconRules without files: %v", err)
	}
}

// TestLexiconBuildNamesTaxa: an unnamed taxon is a usage error that says
// how to name it, and --organism names it.
func TestLexiconBuildNamesTaxa(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "Testus.gene_info")
	text := "#tax_id\tGeneID\tSymbol\tSynonyms\n8888\t1\tabc1\tabc\n"
	if err := os.WriteFile(in, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "t.lex.gz")
	if _, _, err := runLex(t, "build", "-o", out, in); err == nil || !strings.Contains(err.Error(), "--organism 8888=NAME") {
		t.Fatalf("err %v; want a hint to name taxon 8888", err)
	}
	if _, stderr, err := runLex(t, "build", "-o", out, "--organism", "8888=Nomen nudum", in); err != nil {
		t.Fatalf("%v: %s", err, stderr)
	}
	data, _ := os.ReadFile(out)
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		t.Error("a .gz output must be gzip-compressed")
	}
	if stdout, _, err := runLex(t, "info", out); err != nil || !strings.Contains(stdout, "8888 Nomen nudum: 1 symbols, 1 synonyms") {
		t.Errorf("info: %v\n%s", err, stdout)
	}
}

// BenchmarkOnePageRun is a pre-commit run of figlint on one page, process
// start included: the built binary lints the seed page with every rule
// (the budget is 20 ms wall: 16 ms measured on 2 CPUs at load average 8).
func BenchmarkOnePageRun(b *testing.B) {
	page := filepath.Join(testenv.Corpus(b), "_figures", "PMC8932105__12935_2022_2527_Fig7_HTML.md")
	bin := filepath.Join(b.TempDir(), "figlint")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/figlint").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	for b.Loop() {
		cmd := exec.Command(bin, "--no-snippet", page)
		if err := cmd.Run(); err != nil {
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() > 1 {
				b.Fatal(err)
			}
		}
	}
}
