package cli

import (
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/figlint/figlint/internal/report"
	"github.com/figlint/figlint/rules"
	"github.com/figlint/figlint/schema"
)

func completionScript(t *testing.T, shell string) string {
	t.Helper()
	code, out, errOut := run(t, "", "completion", shell)
	if code != ExitClean {
		t.Fatalf("completion %s: exit %d, %s", shell, code, errOut)
	}
	return out
}

// TestCompletionHasEveryFlag: every lint flag, subcommand and rule ID is in
// each script, so a flag added to register cannot be left out.
func TestCompletionHasEveryFlag(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	var fl lintFlags
	fl.register(fs)
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if len(names) < 25 {
		t.Fatalf("only %d flags registered", len(names))
	}
	ids, err := completionRuleIDs()
	if err != nil || !slices.Contains(ids, "doi-format") || !slices.Contains(ids, "schema/required") {
		t.Fatalf("rule IDs %v, %v", ids, err)
	}
	for _, shell := range completionShells {
		script := completionScript(t, shell)
		for _, n := range names {
			var want []string
			switch shell {
			case "bash":
				want = []string{" --" + n + " ", " --" + n + "'", "'--" + n + " "}
			case "zsh":
				want = []string{"'--" + n + "[", "'--" + n + "=[", "'*--" + n + "=["}
			case "fish":
				want = []string{" -l " + n + " "}
			}
			if !slices.ContainsFunc(want, func(w string) bool { return strings.Contains(script, w) }) {
				t.Errorf("%s script lacks --%s", shell, n)
			}
		}
		for _, w := range append(slices.Clone(subcommands), ids...) {
			if !strings.Contains(script, w) {
				t.Errorf("%s script lacks %q", shell, w)
			}
		}
	}
	if code, _, errOut := run(t, "", "completion", "tcsh"); code != ExitUsage || !strings.Contains(errOut, `unknown shell "tcsh"`) {
		t.Errorf("completion tcsh: exit %d, %s", code, errOut)
	}
	if code, _, _ := run(t, "", "completion"); code != ExitUsage {
		t.Errorf("completion without a shell: exit %d", code)
	}
}

// TestCompletionValuesAreReal: the values offered are the ones the
// command accepts.
func TestCompletionValuesAreReal(t *testing.T) {
	for _, f := range flagValues["format"] {
		if _, err := report.New(f, io.Discard, report.Options{Registry: mustRegistry(t)}); err != nil {
			t.Errorf("--format %s is offered but refused: %v", f, err)
		}
	}
	for _, v := range flagValues["output"] {
		if !slices.Contains(outputFormats, strings.TrimSuffix(v, "=")) {
			t.Errorf("--output %s offered but not accepted", v)
		}
	}
	if len(flagValues["output"]) != len(outputFormats) {
		t.Errorf("--output values %v, formats %v", flagValues["output"], outputFormats)
	}
	for _, v := range flagValues["fail-on"] {
		if code, _, errOut := run(t, "../../fixtures/ok", "--no-cache", "--fail-on", v, "."); code != ExitClean {
			t.Errorf("--fail-on %s: exit %d, %s", v, code, errOut)
		}
	}
	for _, v := range flagValues["color"] {
		if code, _, errOut := run(t, "../../fixtures/ok", "--no-cache", "--color", v, "."); code != ExitClean {
			t.Errorf("--color %s: exit %d, %s", v, code, errOut)
		}
	}
}

func mustRegistry(t *testing.T) *rules.Registry {
	t.Helper()
	v, err := schema.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	r, err := registry(v)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestCompletionBash sources the bash script in a real bash, sets
// COMP_WORDS and COMP_CWORD as bash's completion does, and checks
// COMPREPLY.
func TestCompletionBash(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "figlint.bash")
	if err := os.WriteFile(script, []byte(completionScript(t, "bash")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "dpage.md"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		words []string // the last is the word being completed
		want  []string
	}{
		{[]string{"figlint", "--form"}, []string{"--format"}},
		{[]string{"figlint", "--fail"}, []string{"--fail-on"}},
		{[]string{"figlint", "--format", ""}, []string{"csv", "github", "json", "sarif", "text"}},
		{[]string{"figlint", "--format", "s"}, []string{"sarif"}},
		{[]string{"figlint", "--format", "=", "j"}, []string{"json"}}, // --format=j, split at '='
		{[]string{"figlint", "--format", "="}, []string{"csv", "github", "json", "sarif", "text"}},
		{[]string{"figlint", "--fail-on", ""}, []string{"error", "note", "warning"}},
		{[]string{"figlint", "--color", "a"}, []string{"always", "auto"}},
		{[]string{"figlint", "--output", "s"}, []string{"sarif="}},
		{[]string{"figlint", "--disable", "doi-format,duplicate-"}, []string{"doi-format,duplicate-alias", "doi-format,duplicate-key"}},
		{[]string{"figlint", "--enable-only", "schema/req"}, []string{"schema/required"}},
		{[]string{"figlint", "--data-dir", "d"}, []string{"data"}},
		{[]string{"figlint", "--jobs", ""}, nil},
		{[]string{"figlint", "d"}, []string{"data", "dpage.md"}},
		{[]string{"figlint", "comp"}, []string{"completion"}},
		{[]string{"figlint", "completion", ""}, []string{"bash", "fish", "zsh"}},
		{[]string{"figlint", "rules", "doi"}, []string{"doi-format"}},
		{[]string{"figlint", "rules", "--format", "m"}, []string{"markdown"}},
		{[]string{"figlint", "lexicon", ""}, []string{"build", "info"}},
		{[]string{"figlint", "--quiet", "--no-"}, []string{"--no-cache", "--no-config", "--no-ignore", "--no-snippet"}},
	} {
		var cmd strings.Builder
		cmd.WriteString("source " + shellQuote(script) + "\nCOMP_WORDS=(")
		for _, w := range tc.words {
			cmd.WriteString(shellQuote(w) + " ")
		}
		cmd.WriteString(")\nCOMP_CWORD=" + strconv.Itoa(len(tc.words)-1) + "\n_figlint\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
		c := exec.Command(bash, "--norc", "--noprofile", "-c", cmd.String())
		c.Dir = dir
		out, err := c.CombinedOutput()
		if err != nil {
			t.Fatalf("%q: %v\n%s", tc.words, err, out)
		}
		got := strings.Fields(string(out))
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: COMPREPLY %q, want %q", tc.words, got, tc.want)
		}
	}
}

// TestCompletionZshFish checks the zsh script's syntax and runs fish's
// completion for real, when those shells are installed.
func TestCompletionZshFish(t *testing.T) {
	dir := t.TempDir()
	if zsh, err := exec.LookPath("zsh"); err != nil {
		t.Log("zsh is not installed: its script is not checked")
	} else {
		p := filepath.Join(dir, "_figlint")
		if err := os.WriteFile(p, []byte(completionScript(t, "zsh")), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(zsh, "-n", p).CombinedOutput(); err != nil {
			t.Errorf("zsh -n: %v\n%s", err, out)
		}
		// Loaded into a real completion system, it registers itself.
		out, err := exec.Command(zsh, "-f", "-c", "autoload -U compinit && compinit -u -d "+shellQuote(filepath.Join(dir, "zcd"))+
			" && source "+shellQuote(p)+" && print -r -- $_comps[figlint]").CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "_figlint" {
			t.Errorf("zsh compdef: %v, %q", err, out)
		}
	}
	fish, err := exec.LookPath("fish")
	if err != nil {
		t.Log("fish is not installed: its script is not checked")
		return
	}
	p := filepath.Join(dir, "figlint.fish")
	if err := os.WriteFile(p, []byte(completionScript(t, "fish")), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(fish, "--no-execute", p).CombinedOutput(); err != nil {
		t.Fatalf("fish --no-execute: %v\n%s", err, out)
	}
	for _, tc := range []struct {
		line string
		want []string
	}{
		{"figlint --format ", []string{"csv", "github", "json", "sarif", "text"}},
		{"figlint --fail-on w", []string{"warning"}},
		{"figlint completion ", []string{"bash", "fish", "zsh"}},
		{"figlint --disable doi", []string{"doi-format"}},
	} {
		out, err := exec.Command(fish, "--no-config", "-c", "source "+shellQuote(p)+"; complete -C"+shellQuote(tc.line)).CombinedOutput()
		if err != nil {
			t.Fatalf("fish %q: %v\n%s", tc.line, err, out)
		}
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if v, _, _ := strings.Cut(l, "\t"); v != "" {
				got = append(got, v)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("fish %q: %q, want %q", tc.line, got, tc.want)
		}
	}
}
