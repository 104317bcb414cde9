package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEval(t *testing.T) {
	c := &context{
		inputs:     map[string]string{"fail-on": "warning"},
		steps:      map[string]map[string]string{"install": {"bin": "/t/figlint"}},
		actionPath: "/a",
		getenv:     envMap{"RUNNER_TEMP": "/tmp/r", "GITHUB_WORKSPACE": "/w", "HOME": "/h"}.get,
	}
	got, err := c.eval("${{ inputs.fail-on }} ${{steps.install.outputs.bin}} ${{ github.action_path }} ${{ runner.temp }} ${{ github.workspace }} ${{ env.HOME }} ${{ steps.none.outputs.x }}.")
	if err != nil {
		t.Fatal(err)
	}
	if want := "warning /t/figlint /a /tmp/r /w /h ."; got != want {
		t.Errorf("got %q; want %q", got, want)
	}
	for _, bad := range []string{"${{ inputs.nope }}", "${{ github.token }}", "${{ inputs.a == 'b' }}"} {
		if _, err := c.eval(bad); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

type envMap map[string]string

func (m envMap) get(k string) string { return m[k] }

func TestParseOutputs(t *testing.T) {
	got, err := parseOutputs("bin=/x/figlint\nexit-code=1\nmsg<<EOF\nline 1\nline=2\nEOF\nempty=\n")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"bin": "/x/figlint", "exit-code": "1", "msg": "line 1\nline=2", "empty": ""}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if _, err := parseOutputs("msg<<EOF\nnever closed\n"); err == nil {
		t.Error("an unclosed block parsed")
	}
	if _, err := parseOutputs("no separator\n"); err == nil {
		t.Error("a line without = parsed")
	}
}

// TestRun runs a two-step composite action: an output of the first step
// reaches the second through steps.<id>.outputs, inputs through env, and
// the second step's failure is the run's exit code.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	ws := filepath.Join(dir, "ws")
	temp := filepath.Join(dir, "temp")
	for _, d := range []string{ws, filepath.Join(ws, "sub"), temp} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("GITHUB_WORKSPACE", ws)
	t.Setenv("RUNNER_TEMP", temp)
	actionYML := `name: t
description: test
inputs:
  word:
    description: a word
    default: hello
  code:
    default: "0"
outputs:
  said:
    description: what step two said
    value: ${{ steps.two.outputs.said }}
runs:
  using: composite
  steps:
    - id: one
      shell: bash
      run: echo "path=$GITHUB_ACTION_PATH" >> "$GITHUB_OUTPUT"
    - id: two
      shell: bash
      working-directory: sub
      env:
        WORD: ${{ inputs.word }}
        FROM_ONE: ${{ steps.one.outputs.path }}
      run: |
        printf 'said=%s in %s from %s\n' "$WORD" "$(basename "$PWD")" "$FROM_ONE" >> "$GITHUB_OUTPUT"
        exit ${{ inputs.code }}
`
	path := filepath.Join(dir, "action.yml")
	if err := os.WriteFile(path, []byte(actionYML), 0o644); err != nil {
		t.Fatal(err)
	}
	outFile := filepath.Join(dir, "outputs")
	if err := run(path, map[string]string{"word": "hi"}, outFile); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(outFile)
	if want := "said=hi in sub from " + dir + "\n"; string(data) != want {
		t.Errorf("outputs %q; want %q", data, want)
	}
	err := run(path, map[string]string{"code": "3"}, outFile)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 3 {
		t.Errorf("run with a failing step: %v; want exit 3", err)
	}
	if err := run(path, map[string]string{"nope": "x"}, ""); err == nil {
		t.Error("an undeclared input was accepted")
	}
}
