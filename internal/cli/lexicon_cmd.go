package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/figlint/figlint/internal/lexicon"
	"github.com/figlint/figlint/internal/safeio"
	"github.com/figlint/figlint/rules"
)

const lexiconUsage = `Usage:
  figlint lexicon build -o FILE [--organism TAXID=NAME]... INPUT...
  figlint lexicon info FILE...

build compiles gene symbols into a lexicon for --lexicon. Each INPUT is an
NCBI gene_info file (per species, from NCBI's gene/DATA/GENE_INFO/), HGNC's
complete set (hgnc_complete_set.txt) or a PFOCR genes table
(_data/<figid>-genes.tsv), plain or gzip-compressed. Lines that cannot be
used are reported and skipped. FILE is written gzip-compressed when its name
ends in .gz (smaller; slower to load), else uncompressed.

--organism names a taxon that figlint's organism list lacks (gene_info files
carry only TaxIDs); pages are matched to lexicons by organism name.

info prints the sources, organisms and counts of compiled lexicons.
`

// runLexicon runs "figlint lexicon build|info".
func runLexicon(args []string, sys IO) error {
	if len(args) == 0 {
		fmt.Fprint(sys.Stderr, lexiconUsage)
		return usagef("lexicon: expected a sub-command, build or info")
	}
	switch args[0] {
	case "build":
		return runLexiconBuild(args[1:], sys)
	case "info":
		return runLexiconInfo(args[1:], sys)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(sys.Stdout, lexiconUsage)
		return nil
	}
	return usagef("lexicon: unknown sub-command %q: expected build or info", args[0])
}

// organismFlag collects --organism TAXID=NAME values.
type organismFlag map[int]string

func (o organismFlag) String() string { return fmt.Sprint(map[int]string(o)) }

func (o organismFlag) Set(s string) error {
	id, name, ok := strings.Cut(s, "=")
	taxid, err := strconv.Atoi(strings.TrimSpace(id))
	if !ok || err != nil || taxid <= 0 || strings.TrimSpace(name) == "" {
		return fmt.Errorf("expected TAXID=NAME, such as 7227=Drosophila melanogaster; got %q", s)
	}
	o[taxid] = strings.TrimSpace(name)
	return nil
}

func runLexiconBuild(args []string, sys IO) error {
	fs := flag.NewFlagSet("figlint lexicon build", flag.ContinueOnError)
	fs.SetOutput(sys.Stderr)
	out := fs.String("o", "", "output file (gzip-compressed when it ends in .gz)")
	names := organismFlag{}
	fs.Var(names, "organism", "TAXID=NAME: the organism name of a taxon (repeatable)")
	fs.Usage = func() { fmt.Fprint(fs.Output(), lexiconUsage) }
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usagef("lexicon build: %v", err)
	}
	if *out == "" {
		return usagef("lexicon build: -o FILE is required")
	}
	if len(inputs) == 0 {
		return usagef("lexicon build: expected at least one input (gene_info, HGNC complete set or genes table)")
	}
	dir := sys.Dir
	b := lexicon.NewBuilder()
	b.TaxonName = rules.TaxonName
	for id, n := range names {
		b.SetOrganism(id, n)
	}
	problems := 0
	for _, in := range inputs {
		ps, rerr := b.ReadFile(abs(dir, in))
		for _, p := range ps {
			fmt.Fprintf(sys.Stderr, "figlint: lexicon build: %s:%d: %s; line skipped\n", in, p.Line, p.Message)
		}
		problems += len(ps)
		if rerr != nil {
			return usagef("lexicon build: %v", rerr)
		}
	}
	f, err := b.Build()
	if err != nil {
		if errors.Is(err, lexicon.ErrUnnamed) {
			return usagef("lexicon build: %v", err)
		}
		return err
	}
	data, err := f.Encode(strings.HasSuffix(*out, ".gz"))
	if err != nil {
		return err
	}
	if werr := os.WriteFile(abs(dir, *out), data, 0o644); werr != nil {
		return usagef("lexicon build: cannot write the lexicon: %v", werr)
	}
	var syms, syns int
	for _, l := range f.Lexicons {
		a, b, _ := l.Counts()
		syms += a
		syns += b
	}
	fmt.Fprintf(sys.Stderr, "figlint: wrote %s (%d bytes): %d organisms, %d symbols, %d synonyms; %d input lines skipped\n",
		*out, len(data), len(f.Lexicons), syms, syns, problems)
	return nil
}

func runLexiconInfo(args []string, sys IO) error {
	if len(args) == 0 {
		return usagef("lexicon info: expected a lexicon file")
	}
	for _, path := range args {
		data, err := safeio.ReadFile(abs(sys.Dir, path), safeio.LexiconLimit)
		if err != nil {
			return usagef("lexicon info: %v", err)
		}
		f, err := lexicon.Decode(data)
		if err != nil {
			return usagef("lexicon info: %s: %v", path, err)
		}
		fmt.Fprintf(sys.Stdout, "%s: figlint lexicon, format version %d, %d bytes\n", path, f.Version, len(data))
		fmt.Fprintf(sys.Stdout, "sources:\n")
		for _, s := range f.Sources {
			date := s.Date
			if date == "" {
				date = "no date"
			}
			fmt.Fprintf(sys.Stdout, "  %s (%s, %s)\n", s.Name, s.Format, date)
		}
		fmt.Fprintf(sys.Stdout, "organisms:\n")
		for _, l := range f.Lexicons {
			syms, syns, amb := l.Counts()
			fmt.Fprintf(sys.Stdout, "  %d %s: %d symbols, %d synonyms (%d ambiguous)\n", l.TaxID, l.Organism, syms, syns, amb)
		}
	}
	return nil
}

// loadLexicons loads the --lexicon files (relative to dir) on top of the
// built-in lexicons. A file that cannot be read or is not a lexicon is a
// usage error.
func loadLexicons(dir string, paths pathsFlag) (*lexicon.Set, error) {
	files := make([]*lexicon.File, 0, len(paths))
	for _, p := range paths {
		f, err := lexicon.Load(abs(dir, p))
		if err != nil {
			return nil, usagef("--lexicon %s: %v (build one with \"figlint lexicon build\")", p, err)
		}
		files = append(files, f)
	}
	return rules.BuiltinLexicons().With(files...), nil
}

// lexiconRules replaces the keyword rules of rs with ones that also use
// the --lexicon files; with none, rs is returned as it is.
func lexiconRules(rs []rules.Rule, dir string, paths pathsFlag) ([]rules.Rule, error) {
	if len(paths) == 0 {
		return rs, nil
	}
	set, err := loadLexicons(dir, paths)
	if err != nil {
		return nil, err
	}
	return rules.WithLexicons(rs, set), nil
}

var _ flag.Value = (*pathsFlag)(nil)

// pathsFlag collects the values of a repeatable flag whose values are file
// names (kept whole: a name may hold a comma).
type pathsFlag []string

func (p *pathsFlag) String() string { return strings.Join(*p, " ") }

func (p *pathsFlag) Set(s string) error {
	if s == "" {
		return errors.New("expected a file name")
	}
	*p = append(*p, s)
	return nil
}
