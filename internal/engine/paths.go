package engine

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/figlint/figlint/internal/ignore"
)

// File is one file to lint.
type File struct {
	// Display is the path shown to the user: relative to the working
	// directory where possible, with / separators.
	Display string
	// Path is the path used to open the file.
	Path string
}

// PathError is a problem with a path the user gave, such as a missing file
// or an unreadable directory.
type PathError struct {
	Path string
	Err  error
}

func (e *PathError) Error() string { return fmt.Sprintf("%s: %v", e.Path, e.Err) }

func (e *PathError) Unwrap() error { return e.Err }

// Collect expands command-line arguments into the sorted, de-duplicated list
// of files to lint. A directory is walked for *.md and *.markdown files,
// skipping .git, node_modules and hidden directories (symbolic links to
// directories are not followed, so link loops cannot trap the walk). An
// argument "@FILE" reads paths from FILE, one per line ("@-" reads standard
// input). No argument means ".". Named files are linted whatever their
// extension, except a companion table (_data/<figid>-genes.tsv, -chemicals,
// -diseases), which stands for the page in _figures that uses it; the
// walk skips a repository's own documents (README.md, CHANGELOG.md...);
// the files of a list are picked as the walk picks them (only
// *.md and *.markdown, in any case, outside hidden directories and
// node_modules), and those that do not exist are skipped, so that
// "git diff --name-only | figlint @-" lints the changed pages and nothing
// else, deleted ones included. Problems with individual paths are
// returned as PathErrors next to the files that could be collected.
//
// A walk skips what .gitignore and .ignore files exclude (see package
// ignore), unless opts.NoIgnore; files and directories named on the
// command line or in a list are taken whatever those files say.
func Collect(args []string, cwd string, stdin io.Reader) ([]File, []error) {
	return CollectWith(args, cwd, stdin, CollectOptions{})
}

// CollectOptions changes what Collect's walks pick.
type CollectOptions struct {
	// NoIgnore walks directories without reading .gitignore and .ignore
	// files.
	NoIgnore bool
	// IsData, when set, also picks the data files it accepts (by path, as
	// opened) where the walk and lists pick pages: the YAML and JSON files
	// that the configuration maps a schema to. Hidden files are never
	// picked.
	IsData func(path string) bool
}

// CollectWith is Collect with options.
func CollectWith(args []string, cwd string, stdin io.Reader, opts CollectOptions) ([]File, []error) {
	data := func(p string) bool {
		return opts.IsData != nil && !strings.HasPrefix(filepath.Base(p), ".") && opts.IsData(p)
	}
	if len(args) == 0 {
		args = []string{"."}
	}
	var paths []string
	var errs []error
	fromList := map[string]bool{}
	for _, a := range args {
		if strings.HasPrefix(a, "@") && len(a) > 1 {
			list, err := readList(a[1:], stdin)
			if err != nil {
				errs = append(errs, &PathError{Path: a, Err: err})
				continue
			}
			for i, p := range list {
				if !filepath.IsAbs(p) && cwd != "" {
					// A list names paths from the working directory.
					p = filepath.Join(cwd, p)
					list[i] = p
				}
				fromList[p] = true
			}
			paths = append(paths, list...)
			continue
		}
		paths = append(paths, a)
	}
	seen := map[string]bool{}
	var files []File
	add := func(p string) {
		d := display(p, cwd)
		if !seen[d] {
			seen[d] = true
			files = append(files, File{Display: d, Path: p})
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if page := pageOfTable(p); page != "" {
			// A changed table is checked through the page that uses it
			// (a pre-commit hook hands over the changed files).
			add(page)
			continue
		} else if isTableName(p) && !fromList[p] {
			errs = append(errs, &PathError{Path: p, Err: fmt.Errorf("a companion table without its page ../_figures/%s.md; name the page to lint", tableFigid(p))})
			continue
		}
		if fromList[p] && (err != nil || !info.IsDir()) {
			if err == nil && (walkPicks(p) || data(p)) {
				add(p)
			}
			continue // deleted, or not a page: the walk would not pick it
		}
		if err != nil {
			if _, lerr := os.Lstat(p); lerr == nil {
				add(p) // a dangling link: reading it reports the problem
				continue
			}
			errs = append(errs, &PathError{Path: p, Err: fmt.Errorf("no such file or directory")})
			continue
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		root := p
		if li, lerr := os.Lstat(p); lerr == nil && li.Mode()&os.ModeSymlink != 0 {
			// A link named on the command line is followed (WalkDir would
			// not descend into it); links met during the walk are not.
			root = p + string(os.PathSeparator)
		}
		skip := ignored(root, opts.NoIgnore)
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && path != root && skip(path, d.IsDir()) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if err != nil {
				errs = append(errs, &PathError{Path: path, Err: err})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if path != root && (name == "node_modules" || strings.HasPrefix(name, ".")) {
					return fs.SkipDir
				}
				return nil
			}
			if isPageName(name) || data(path) {
				add(path)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, &PathError{Path: p, Err: err})
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Display < files[j].Display })
	return files, errs
}

// ignored returns the test of a walk of root against the .gitignore and
// .ignore files (a test that excludes nothing with noIgnore, or when root
// has no absolute path). It reads each directory's files as the walk
// enters it: WalkDir visits a directory before what it holds.
func ignored(root string, noIgnore bool) func(path string, isDir bool) bool {
	absRoot, err := filepath.Abs(root)
	var tree *ignore.Tree
	if err == nil && !noIgnore {
		tree, err = ignore.New(absRoot)
	}
	if err != nil || tree == nil {
		return func(string, bool) bool { return false }
	}
	return func(path string, isDir bool) bool {
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return false
		}
		abs := filepath.Join(absRoot, rel)
		if tree.Ignored(abs, isDir) {
			return true
		}
		if isDir {
			tree.Enter(abs)
		}
		return false
	}
}

// isPageName tells whether the walk picks a file of this name: *.md or
// *.markdown in any case, not hidden, and not one of a repository's own
// documents (README.md and the like), which are no pages.
func isPageName(name string) bool {
	if strings.HasPrefix(name, ".") {
		return false
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".md" && ext != ".markdown" {
		return false
	}
	return !repoDocs[strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))]
}

// repoDocs are the stems of the documents a repository keeps beside its
// pages (GitHub's community files): a walk skips them, naming one lints it.
var repoDocs = map[string]bool{
	"README": true, "CHANGELOG": true, "CHANGES": true, "CONTRIBUTING": true, "LICENSE": true,
	"CODE_OF_CONDUCT": true, "SECURITY": true, "SUPPORT": true, "AUTHORS": true,
}

// companionSuffixes end the names of a page's tables in _data.
var companionSuffixes = []string{"-genes.tsv", "-chemicals.tsv", "-diseases.tsv"}

// isTableName tells whether p is named like a companion table in _data.
func isTableName(p string) bool { return tableFigid(p) != "" }

// tableFigid returns the figid in the name of a companion table in a _data
// folder, or "".
func tableFigid(p string) string {
	if filepath.Base(filepath.Dir(p)) != "_data" {
		return ""
	}
	for _, suf := range companionSuffixes {
		if figid, ok := strings.CutSuffix(filepath.Base(p), suf); ok && figid != "" {
			return figid
		}
	}
	return ""
}

// pageOfTable returns the page that uses the companion table at p
// (_data/<figid>-genes.tsv -> _figures/<figid>.md beside _data), or "".
func pageOfTable(p string) string {
	figid := tableFigid(p)
	if figid == "" {
		return ""
	}
	figures := filepath.Join(filepath.Dir(filepath.Dir(p)), "_figures")
	for _, ext := range []string{".md", ".markdown"} {
		page := filepath.Join(figures, figid+ext)
		if info, err := os.Stat(page); err == nil && info.Mode().IsRegular() {
			return page
		}
	}
	return ""
}

// walkPicks tells whether a directory walk would pick the file at p: a
// page name, outside hidden directories and node_modules.
func walkPicks(p string) bool {
	if !isPageName(filepath.Base(p)) {
		return false
	}
	for _, part := range strings.Split(filepath.ToSlash(filepath.Dir(filepath.Clean(p))), "/") {
		if part == "node_modules" || strings.HasPrefix(part, ".") && part != "." && part != ".." {
			return false
		}
	}
	return true
}

func readList(name string, stdin io.Reader) ([]string, error) {
	var r io.Reader
	if name == "-" {
		r = stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer func() { _ = f.Close() }() // read-only
		r = f
	}
	var out []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		if line := strings.TrimSpace(strings.TrimSuffix(sc.Text(), "\r")); line != "" {
			out = append(out, line)
		}
	}
	return out, sc.Err()
}

// display makes p relative to cwd when it lies below it, with / separators.
func display(p, cwd string) string {
	abs := p
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(cwd, p)
	}
	if rel, err := filepath.Rel(cwd, abs); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// FileAt is the File for path p, shown relative to cwd as the walk shows
// the files it finds; p need not exist (the page that --stdin-filename
// names).
func FileAt(p, cwd string) File { return File{Display: display(p, cwd), Path: p} }
