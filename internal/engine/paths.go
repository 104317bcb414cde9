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
// extension. Problems with individual paths are returned as PathErrors
// next to the files that could be collected.
func Collect(args []string, cwd string, stdin io.Reader) ([]File, []error) {
	if len(args) == 0 {
		args = []string{"."}
	}
	var paths []string
	var errs []error
	for _, a := range args {
		if strings.HasPrefix(a, "@") && len(a) > 1 {
			list, err := readList(a[1:], stdin)
			if err != nil {
				errs = append(errs, &PathError{Path: a, Err: err})
				continue
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
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
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
			if strings.HasPrefix(name, ".") {
				return nil
			}
			if ext := strings.ToLower(filepath.Ext(name)); ext == ".md" || ext == ".markdown" {
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
