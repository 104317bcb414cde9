// Command pack compiles a list of organism names, one a line, into the
// taxonomy file that the organism-name rule embeds (see
// internal/taxonomy). scripts/taxonomy/build.sh runs it.
//
// Usage: go run ./scripts/taxonomy/pack -desc TEXT -o OUTPUT NAMES
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/figlint/figlint/internal/taxonomy"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "pack:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("pack", flag.ContinueOnError)
	desc := fs.String("desc", "", "the file's description: source, version, licence")
	out := fs.String("o", "", "output file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *out == "" || *desc == "" {
		return fmt.Errorf("usage: pack -desc TEXT -o OUTPUT NAMES")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }() // read only
	var names []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<16)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if line != "" {
			names = append(names, line)
		}
	}
	if scanErr := sc.Err(); scanErr != nil {
		return scanErr
	}
	data, err := taxonomy.Build(names, *desc)
	if err != nil {
		return err
	}
	tx, err := taxonomy.Open(string(data))
	if err != nil {
		return fmt.Errorf("the packed file does not open: %w", err)
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "pack: wrote %s: %d names, %d bytes\n", *out, tx.Len(), len(data))
	return nil
}
