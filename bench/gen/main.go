// Command gen scales the PFOCR sample corpus to N pages for benchmarks.
//
// It copies the sample's pages round-robin: page j is a copy of source page
// j mod S (S source pages, sorted by file name), in copy k = j div S. Copy 0
// keeps each page's PMC id; copy k >= 1 gives every source PMC id a new,
// unused one. The identity fields (figid, pmcid, filename, figlink, number,
// figid_alias, figtype, redirect_from and schema-jsonld.@id) are rewritten
// together from that PMC id, so every page is internally consistent and no
// two pages share a figid or figid_alias; all other text, and the companion
// tables, are copied byte for byte. The output depends only on N and the
// source folder.
//
// Usage:
//
//	go run ./bench/gen -n 20000 -o DIR [-src ../shared/corpus/pfocr]
//
// DIR receives _figures/<figid>.md and _data/<figid>-{genes,chemicals,diseases}.tsv.
// DIR must be empty, missing, or an earlier output of gen (which is replaced).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run parses args, generates the pages and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 20000, "number of pages to generate")
	out := fs.String("o", "", "output directory (required)")
	src := fs.String("src", "", "source corpus folder with _figures and _data (default: ../shared/corpus/pfocr from the repository root)")
	quiet := fs.Bool("q", false, "do not print a summary")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./bench/gen -n N -o DIR [-src DIR]\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *out == "" || *n < 1 || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "gen: -o DIR and a positive -n are required, and no other arguments")
		fs.Usage()
		return 2
	}
	if *src == "" {
		*src = defaultSource()
	}
	start := time.Now()
	sources, skipped, err := loadCorpus(*src)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	for _, s := range skipped {
		fmt.Fprintf(stderr, "gen: skipping %s\n", s)
	}
	st, err := generate(sources, *n, *out)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if !*quiet {
		fmt.Fprintf(stdout, "gen: wrote %d pages and %d tables from %d source pages to %s in %.1fs\n",
			st.pages, st.tables, len(sources), *out, time.Since(start).Seconds())
	}
	return 0
}

// defaultSource is ../shared/corpus/pfocr beside the repository that holds
// the working directory (found by its go.mod), or beside the working
// directory when no go.mod is found.
func defaultSource() string {
	rel := filepath.Join("..", "shared", "corpus", "pfocr")
	dir, err := os.Getwd()
	if err != nil {
		return rel
	}
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, rel)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return rel
		}
		d = parent
	}
}
