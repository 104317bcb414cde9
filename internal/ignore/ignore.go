// Package ignore reads .gitignore and .ignore files and tells which paths
// of a directory walk they exclude, with git's rules (gitignore(5)):
// blank lines and "#" comments are skipped; "!" re-includes; a trailing
// "/" matches directories only; a pattern with a "/" at its start or in
// its middle is anchored to the file's directory, one without matches a
// name at any depth; "*", "?" and "[...]" (also "[!...]") do not match
// "/"; "**" spans directories ("**/x", "x/**", "a/**/b"); the last matching
// pattern wins, and a file in a deeper directory overrides a higher one.
// As in git, nothing inside an excluded directory can be re-included: the
// walk does not enter it.
//
// .ignore files (the convention of ripgrep and fd) have the same syntax
// and take precedence over the .gitignore of their directory.
package ignore

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// FileNames are the files read in each directory, lowest precedence
// first.
var FileNames = []string{".gitignore", ".ignore"}

// maxFileSize bounds an ignore file read; a larger one is skipped.
const maxFileSize = 1 << 20

// pattern is one line of an ignore file.
type pattern struct {
	segs     []string // the pattern split at "/"; anchored patterns match from the start
	negate   bool
	dirOnly  bool
	anchored bool
}

// parse reads the patterns of an ignore file's text.
func parse(data []byte) []pattern {
	var out []pattern
	for _, line := range bytes.Split(data, []byte("\n")) {
		if p, ok := parseLine(strings.TrimSuffix(string(line), "\r")); ok {
			out = append(out, p)
		}
	}
	return out
}

func parseLine(s string) (pattern, bool) {
	if s == "" || strings.HasPrefix(s, "#") {
		return pattern{}, false
	}
	// Trailing spaces are dropped unless escaped with a backslash.
	for strings.HasSuffix(s, " ") && !strings.HasSuffix(s, "\\ ") {
		s = s[:len(s)-1]
	}
	var p pattern
	if strings.HasPrefix(s, "!") {
		p.negate, s = true, s[1:]
	}
	if strings.HasSuffix(s, "/") {
		p.dirOnly, s = true, strings.TrimRight(s, "/")
	}
	if s == "" {
		return pattern{}, false
	}
	if strings.Contains(s, "/") {
		p.anchored = true
		s = strings.TrimPrefix(s, "/")
	}
	p.segs = strings.Split(s, "/")
	for i, seg := range p.segs {
		p.segs[i] = strings.ReplaceAll(seg, "[!", "[^") // fnmatch's negated class, in path.Match's syntax
	}
	return p, true
}

// match tells whether the pattern matches rel, a slash-separated path
// relative to the ignore file's directory.
func (p pattern) match(rel string, isDir bool) bool {
	if p.dirOnly && !isDir {
		return false
	}
	parts := strings.Split(rel, "/")
	if !p.anchored {
		return len(p.segs) == 1 && matchSeg(p.segs[0], parts[len(parts)-1])
	}
	return matchSegs(p.segs, parts)
}

func matchSegs(p, s []string) bool {
	for len(p) > 0 {
		if p[0] == "**" {
			if len(p) == 1 {
				return len(s) > 0 // "x/**" matches what is inside x, not x
			}
			for i := 0; i <= len(s); i++ {
				if matchSegs(p[1:], s[i:]) {
					return true
				}
			}
			return false
		}
		if len(s) == 0 || !matchSeg(p[0], s[0]) {
			return false
		}
		p, s = p[1:], s[1:]
	}
	return len(s) == 0
}

func matchSeg(glob, name string) bool {
	ok, err := path.Match(glob, name)
	return err == nil && ok
}

// Tree holds the ignore files of the directories a walk has entered.
type Tree struct {
	files map[string][]pattern // by absolute directory
	top   string               // the highest directory whose files apply
}

// New prepares a walk of root: the ignore files of root's parents up to
// the repository root (the nearest directory holding ".git") apply too,
// as they do for git. Outside a repository only root and the directories
// below it count.
func New(root string) (*Tree, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	t := &Tree{files: map[string][]pattern{}, top: abs}
	for dir := abs; ; {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			t.top = dir
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	for dir := abs; ; dir = filepath.Dir(dir) {
		t.Enter(dir)
		if dir == t.top || filepath.Dir(dir) == dir {
			break
		}
	}
	return t, nil
}

// Enter reads the ignore files of dir, an absolute directory the walk has
// reached. Unreadable or oversized files are skipped.
func (t *Tree) Enter(dir string) {
	if _, done := t.files[dir]; done {
		return
	}
	var ps []pattern
	for _, name := range FileNames {
		f := filepath.Join(dir, name)
		info, err := os.Stat(f)
		if err != nil || !info.Mode().IsRegular() || info.Size() > maxFileSize {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		ps = append(ps, parse(data)...)
	}
	t.files[dir] = ps
}

// Ignored tells whether the absolute path p (a directory when isDir) is
// excluded: the deepest ignore file with a pattern that matches decides,
// by its last matching pattern.
func (t *Tree) Ignored(p string, isDir bool) bool {
	for dir := filepath.Dir(p); ; dir = filepath.Dir(dir) {
		if ps := t.files[dir]; len(ps) > 0 {
			rel, err := filepath.Rel(dir, p)
			if err == nil {
				rel = filepath.ToSlash(rel)
				for i := len(ps) - 1; i >= 0; i-- {
					if ps[i].match(rel, isDir) {
						return !ps[i].negate
					}
				}
			}
		}
		if dir == t.top || filepath.Dir(dir) == dir || !strings.HasPrefix(dir, t.top) {
			return false
		}
	}
}
