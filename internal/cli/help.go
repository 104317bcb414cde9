package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// runHelp prints the usage of figlint or of one of its commands.
func runHelp(args []string, sys IO) error {
	if len(args) == 0 {
		fs := flag.NewFlagSet("figlint", flag.ContinueOnError)
		fs.SetOutput(sys.Stdout)
		var fl lintFlags
		fl.register(fs)
		usage(fs)
		return nil
	}
	switch args[0] {
	case "lexicon":
		fmt.Fprint(sys.Stdout, lexiconUsage)
		return nil
	case "rules":
		fs := rulesFlags(sys.Stdout, new(string))
		rulesUsage(fs)
		return nil
	case "completion":
		fmt.Fprint(sys.Stdout, completionUsage)
		return nil
	case "lsp":
		fs := flag.NewFlagSet("figlint lsp", flag.ContinueOnError)
		fs.SetOutput(sys.Stdout)
		var fl lintFlags
		lspFlags(fs, &fl, new(string), new(time.Duration))
		fmt.Fprint(sys.Stdout, lspUsage)
		printFlags(fs)
		return nil
	case "version":
		fmt.Fprint(sys.Stdout, "Usage: figlint version (or figlint --version)\n\nPrints figlint's version.\n")
		return nil
	}
	return usagef("help: unknown command %q: expected completion, lexicon, lsp, rules or version (or a rule ID with \"figlint rules ID\")", args[0])
}

// parseFlags parses a command's flags wherever they stand among its
// arguments. -h and --help print printUsage's text to the flag set's
// output and return flag.ErrHelp; a bad flag is a short usage error with
// a hint (the closest flag's name), not the whole usage.
func parseFlags(fs *flag.FlagSet, args []string, printUsage func(*flag.FlagSet)) ([]string, error) {
	out := fs.Output()
	fs.SetOutput(io.Discard) // the flag package's own messages: we say it once, shorter
	fs.Usage = func() {}
	pos, err := parseInterspersed(fs, args)
	fs.SetOutput(out)
	switch {
	case errors.Is(err, flag.ErrHelp):
		printUsage(fs)
		return nil, err
	case err != nil:
		msg := err.Error()
		if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
			msg = fmt.Sprintf("unknown flag --%s", strings.TrimLeft(name, "-"))
			if near := closestFlag(fs, strings.TrimLeft(name, "-")); near != "" {
				msg += fmt.Sprintf(" (did you mean --%s?)", near)
			}
		}
		return nil, usagef("%s", msg)
	}
	return pos, nil
}

// closestFlag returns the defined flag nearest to name (a prefix of it, or
// at most two edits away), or "".
func closestFlag(fs *flag.FlagSet, name string) string {
	best, bestDist := "", 3
	fs.VisitAll(func(f *flag.Flag) {
		d := editDistance(name, f.Name)
		if strings.HasPrefix(f.Name, name) && len(name) >= 3 {
			d = 1
		}
		if d < bestDist {
			best, bestDist = f.Name, d
		}
	})
	return best
}

// editDistance is the Levenshtein distance of two short ASCII strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// printFlags lists a flag set's flags as users type them (--name), sorted,
// each with its help text and default.
func printFlags(fs *flag.FlagSet) {
	var lines []string
	fs.VisitAll(func(f *flag.Flag) {
		name, help := flag.UnquoteUsage(f)
		head := "  --" + f.Name
		if name != "" {
			head += " " + name
		}
		def := ""
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			def = fmt.Sprintf(" (default %q)", f.DefValue)
		}
		lines = append(lines, fmt.Sprintf("%s\n      %s%s\n", head, help, def))
	})
	sort.Strings(lines)
	fmt.Fprint(fs.Output(), strings.Join(lines, ""))
}
