// Command actionrun runs the steps of a composite GitHub Action locally, the
// way the Actions runner does, so that a test exercises action.yml itself
// rather than a copy of its scripts.
//
// Usage:
//
//	actionrun [-input NAME=VALUE]... [-outputs FILE] path/to/action.yml
//
// It reads the action's inputs (with their defaults) and steps, evaluates
// the ${{ }} expressions it supports (inputs.*, steps.<id>.outputs.*,
// github.action_path, github.workspace, runner.temp and env.*) in each
// step's env, working-directory and run, and runs each step's script with
// "bash --noprofile --norc -eo pipefail", as the runner does for shell:
// bash, with GITHUB_ACTION_PATH and a fresh GITHUB_OUTPUT. The caller's
// environment (GITHUB_WORKSPACE, RUNNER_TEMP, GITHUB_STEP_SUMMARY, ...)
// passes through. A step that fails stops the run, whose exit code is the
// step's; the action's outputs are written to -outputs as NAME=VALUE lines.
// An expression, key or shell it does not support is an error, so that the
// action cannot silently drift from what is tested.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// action is the part of action.yml that a composite action uses.
type action struct {
	Name        string            `yaml:"name"`
	Description string            `yaml:"description"`
	Author      string            `yaml:"author"`
	Branding    map[string]string `yaml:"branding"`
	Inputs      map[string]struct {
		Description string `yaml:"description"`
		Required    bool   `yaml:"required"`
		Default     string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []step `yaml:"steps"`
	} `yaml:"runs"`
}

type step struct {
	ID               string            `yaml:"id"`
	Name             string            `yaml:"name"`
	Shell            string            `yaml:"shell"`
	Run              string            `yaml:"run"`
	Env              map[string]string `yaml:"env"`
	WorkingDirectory string            `yaml:"working-directory"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
}

// context is what expressions can read.
type context struct {
	inputs     map[string]string
	steps      map[string]map[string]string
	actionPath string
	getenv     func(string) string
}

var exprRE = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// eval replaces every ${{ expr }} in s.
func (c *context) eval(s string) (string, error) {
	var bad error
	out := exprRE.ReplaceAllStringFunc(s, func(m string) string {
		v, err := c.lookup(exprRE.FindStringSubmatch(m)[1])
		if err != nil && bad == nil {
			bad = err
		}
		return v
	})
	return out, bad
}

func (c *context) lookup(expr string) (string, error) {
	parts := strings.Split(expr, ".")
	switch {
	case len(parts) == 2 && parts[0] == "inputs":
		v, ok := c.inputs[parts[1]]
		if !ok {
			return "", fmt.Errorf("actionrun: ${{ %s }}: the action declares no input %q", expr, parts[1])
		}
		return v, nil
	case len(parts) == 4 && parts[0] == "steps" && parts[2] == "outputs":
		return c.steps[parts[1]][parts[3]], nil
	case expr == "github.action_path":
		return c.actionPath, nil
	case expr == "github.workspace":
		return c.getenv("GITHUB_WORKSPACE"), nil
	case expr == "runner.temp":
		return c.getenv("RUNNER_TEMP"), nil
	case len(parts) == 2 && parts[0] == "env":
		return c.getenv(parts[1]), nil
	}
	return "", fmt.Errorf("actionrun: unsupported expression ${{ %s }}", expr)
}

// parseOutputs reads a GITHUB_OUTPUT file: NAME=VALUE lines and
// NAME<<DELIMITER blocks.
func parseOutputs(data string) (map[string]string, error) {
	out := map[string]string{}
	lines := strings.Split(strings.ReplaceAll(data, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l == "" {
			continue
		}
		if name, delim, ok := strings.Cut(l, "<<"); ok && !strings.Contains(name, "=") {
			var val []string
			for i++; i < len(lines) && lines[i] != delim; i++ {
				val = append(val, lines[i])
			}
			if i == len(lines) {
				return nil, fmt.Errorf("actionrun: output %q: no closing %q", name, delim)
			}
			out[name] = strings.Join(val, "\n")
			continue
		}
		name, val, ok := strings.Cut(l, "=")
		if !ok {
			return nil, fmt.Errorf("actionrun: output line %q is neither NAME=VALUE nor NAME<<DELIMITER", l)
		}
		out[name] = val
	}
	return out, nil
}

// exitError carries a failed step's exit code.
type exitError struct {
	step string
	code int
}

func (e *exitError) Error() string { return fmt.Sprintf("step %q exited %d", e.step, e.code) }

func run(path string, given map[string]string, outputsFile string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("actionrun: %w", err)
	}
	var a action
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err = dec.Decode(&a); err != nil {
		return fmt.Errorf("actionrun: %s: %w", path, err)
	}
	if a.Runs.Using != "composite" {
		return fmt.Errorf("actionrun: runs.using is %q; expected composite", a.Runs.Using)
	}
	actionPath, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return fmt.Errorf("actionrun: %w", err)
	}
	c := &context{inputs: map[string]string{}, steps: map[string]map[string]string{}, actionPath: actionPath, getenv: os.Getenv}
	for name, in := range a.Inputs {
		c.inputs[name] = in.Default
	}
	for name, v := range given {
		if _, ok := a.Inputs[name]; !ok {
			return fmt.Errorf("actionrun: the action has no input %q", name)
		}
		c.inputs[name] = v
	}
	workspace := os.Getenv("GITHUB_WORKSPACE")
	temp := os.Getenv("RUNNER_TEMP")
	if workspace == "" || temp == "" {
		return errors.New("actionrun: set GITHUB_WORKSPACE and RUNNER_TEMP")
	}
	var failed error
	for i, s := range a.Runs.Steps {
		if err := runStep(c, i, s, workspace, temp); err != nil {
			failed = err
			break
		}
	}
	if outputsFile != "" {
		var b strings.Builder
		names := make([]string, 0, len(a.Outputs))
		for name := range a.Outputs {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			v, err := c.eval(a.Outputs[name].Value)
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, "%s=%s\n", name, v)
		}
		if err := os.WriteFile(outputsFile, []byte(b.String()), 0o644); err != nil {
			return fmt.Errorf("actionrun: %w", err)
		}
	}
	return failed
}

func runStep(c *context, i int, s step, workspace, temp string) error {
	label := s.Name
	if label == "" {
		label = fmt.Sprintf("step %d", i+1)
	}
	switch {
	case s.Uses != "":
		return fmt.Errorf("actionrun: %s: uses is not supported", label)
	case s.If != "":
		return fmt.Errorf("actionrun: %s: if is not supported", label)
	case s.Shell != "bash":
		return fmt.Errorf("actionrun: %s: shell %q is not supported; expected bash", label, s.Shell)
	}
	script, err := c.eval(s.Run)
	if err != nil {
		return err
	}
	wd := workspace
	if s.WorkingDirectory != "" {
		d, derr := c.eval(s.WorkingDirectory)
		if derr != nil {
			return derr
		}
		if !filepath.IsAbs(d) {
			d = filepath.Join(workspace, d)
		}
		wd = d
	}
	outFile := filepath.Join(temp, fmt.Sprintf("actionrun-output-%d", i+1))
	if err = os.WriteFile(outFile, nil, 0o644); err != nil {
		return fmt.Errorf("actionrun: %w", err)
	}
	scriptFile := filepath.Join(temp, fmt.Sprintf("actionrun-step-%d.sh", i+1))
	if err = os.WriteFile(scriptFile, []byte(script), 0o644); err != nil {
		return fmt.Errorf("actionrun: %w", err)
	}
	env := append(os.Environ(), "GITHUB_ACTION_PATH="+c.actionPath, "GITHUB_OUTPUT="+outFile)
	names := make([]string, 0, len(s.Env))
	for k := range s.Env {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		v, verr := c.eval(s.Env[k])
		if verr != nil {
			return verr
		}
		env = append(env, k+"="+v)
	}
	fmt.Fprintf(os.Stderr, "actionrun: %s (in %s)\n", label, wd)
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", scriptFile)
	cmd.Dir = wd
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	runErr := cmd.Run()
	outData, err := os.ReadFile(outFile)
	if err != nil {
		return fmt.Errorf("actionrun: %w", err)
	}
	outs, err := parseOutputs(string(outData))
	if err != nil {
		return err
	}
	if s.ID != "" {
		c.steps[s.ID] = outs
	}
	var ee *exec.ExitError
	if errors.As(runErr, &ee) {
		return &exitError{step: label, code: ee.ExitCode()}
	}
	if runErr != nil {
		return fmt.Errorf("actionrun: %s: %w", label, runErr)
	}
	return nil
}

// inputsFlag collects -input NAME=VALUE.
type inputsFlag map[string]string

func (f inputsFlag) String() string { return fmt.Sprint(map[string]string(f)) }

func (f inputsFlag) Set(s string) error {
	name, val, ok := strings.Cut(s, "=")
	if !ok {
		return fmt.Errorf("input %q: expected NAME=VALUE", s)
	}
	f[name] = val
	return nil
}

func main() {
	inputs := inputsFlag{}
	flag.Var(inputs, "input", "an input of the action, NAME=VALUE (repeatable)")
	outputs := flag.String("outputs", "", "file to write the action's outputs to, NAME=VALUE per line")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: actionrun [-input NAME=VALUE]... [-outputs FILE] action.yml")
		os.Exit(2)
	}
	err := run(flag.Arg(0), inputs, *outputs)
	var ee *exitError
	switch {
	case errors.As(err, &ee):
		fmt.Fprintf(os.Stderr, "actionrun: %v\n", err)
		os.Exit(ee.code)
	case err != nil:
		fmt.Fprintln(os.Stderr, err)
		os.Exit(100)
	}
}
