// Package baseline records a collection's known findings so that a run can
// report only new ones.
//
// A finding is identified by its path, rule, JSON pointer and a hash of the
// text it is about (the YAML node, or the table cell), never by its line:
// edits elsewhere in the page keep it matched, and a changed value brings
// it back. The file is sorted text, one finding a line, so that it diffs
// well in review.
//
// Paths are stored relative to the baseline file's own folder (format
// v2), so a baseline written from the site root matches when figlint runs
// from a sub-folder, from a CI checkout elsewhere, or with the baseline
// named by another relative path. Files of the older format v1 hold paths
// relative to the working directory of the run that wrote them; they are
// still read, with their paths taken from the working directory of the
// run that reads them (as v1 always did), and the next --write-baseline
// rewrites them as v2.
package baseline

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/figlint/figlint/internal/safeio"
	"github.com/figlint/figlint/rules"
)

// header is the first line of a baseline file; its version changes only
// when entries are identified differently.
const header = versionPrefix + ": path (relative to this file's folder)<TAB>rule<TAB>pointer<TAB>content hash; regenerate with --write-baseline"

// versionPrefix starts every baseline file of this format; v1Prefix
// starts those of the older format, whose paths are relative to the
// working directory.
const (
	versionPrefix = "# figlint baseline v2"
	v1Prefix      = "# figlint baseline v1"
)

// Entry identifies one finding.
type Entry struct {
	Path    string
	Rule    string
	Pointer string
	Hash    string
}

// Key returns the entry of finding f; src is the text of the file the
// finding is in (nil when it is not at hand, as for a finding in a page's
// table, whose message is used instead). A finding's related locations
// are deliberately not part of it: they are the other places of one
// cause, and a cause that gains or loses a place (one more word of a
// missing table) is still the finding the baseline knows.
func Key(f rules.Finding, src *rules.Source) Entry {
	content := f.Message
	if src != nil {
		start := src.Offset(f.Range.Start.Line, f.Range.Start.Column)
		end := src.Offset(f.Range.End.Line, f.Range.End.Column)
		if start < end {
			content = string(src.Bytes()[start:end])
		}
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(content)))
	return Entry{Path: f.Path, Rule: f.Rule, Pointer: f.Pointer, Hash: hex.EncodeToString(sum[:8])}
}

func (e Entry) String() string {
	return e.Path + "\t" + e.Rule + "\t" + e.Pointer + "\t" + e.Hash
}

// Write writes entries as a baseline file, sorted. The entries' paths are
// relative to workDir (as findings show them); the file holds them
// relative to dir, the folder the baseline file is written to. Both
// folders must be absolute.
func Write(w io.Writer, entries []Entry, dir, workDir string) error {
	lines := make([]string, 0, len(entries))
	for _, e := range entries {
		e.Path = relTo(dir, absFrom(workDir, e.Path))
		lines = append(lines, e.String())
	}
	sort.Strings(lines)
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, header)
	for _, l := range lines {
		fmt.Fprintln(bw, l)
	}
	return bw.Flush()
}

// absFrom makes a slash-separated path absolute against dir.
func absFrom(dir, p string) string {
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, p)
}

// relTo makes an absolute path relative to dir, slash-separated; a path
// that has no relative form (another Windows volume) stays absolute.
func relTo(dir, p string) string {
	if rel, err := filepath.Rel(dir, p); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(p)
}

// Baseline is a loaded baseline: a multiset of entries, consumed as
// findings match. Its entries' paths are absolute.
type Baseline struct {
	left    map[Entry]int // never changed after Load: Fresh copies share it
	used    map[Entry]int // consumed by Match
	workDir string
	// Version is the file's format version: 2, or 1 for a file whose
	// paths were taken from the working directory.
	Version int
}

// Load reads a baseline file; relative paths name the baseline file and,
// in a v1 file, its entries' paths, from workDir (absolute). Malformed
// lines are errors naming the file and line.
func Load(path, workDir string) (*Baseline, error) {
	path = absFrom(workDir, path)
	f, _, err := safeio.Open(path) // a regular file, never a FIFO or a device
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	defer func() { _ = f.Close() }() // read-only
	b := &Baseline{left: map[Entry]int{}, used: map[Entry]int{}, workDir: workDir, Version: 1}
	base := workDir // where the entries' paths start from
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			if n == 1 && strings.HasPrefix(line, "# figlint baseline") {
				switch {
				case hasVersion(line, versionPrefix):
					b.Version, base = 2, filepath.Dir(path)
				case hasVersion(line, v1Prefix):
				default:
					return nil, fmt.Errorf("baseline: %s:1: unsupported baseline version %q; expected %q or %q (regenerate it with --write-baseline)", path, line, versionPrefix, v1Prefix)
				}
			}
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 4 || parts[0] == "" || parts[1] == "" || len(parts[3]) != 16 {
			return nil, fmt.Errorf("baseline: %s:%d: malformed entry %q; expected path<TAB>rule<TAB>pointer<TAB>16-digit hash", path, n, line)
		}
		b.left[Entry{Path: absFrom(base, parts[0]), Rule: parts[1], Pointer: parts[2], Hash: parts[3]}]++
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("baseline: %s: %w", path, err)
	}
	return b, nil
}

// hasVersion tells whether a header line is of the version prefix
// (v1 must not take v10 for its own).
func hasVersion(line, prefix string) bool {
	rest, ok := strings.CutPrefix(line, prefix)
	return ok && (rest == "" || rest[0] == ':' || rest[0] == ' ')
}

// Match consumes an entry equal to e, whose path is relative to the
// working directory given to Load (as findings show it), and reports
// whether there was one.
func (b *Baseline) Match(e Entry) bool {
	e.Path = absFrom(b.workDir, e.Path)
	if b.left[e] > b.used[e] {
		b.used[e]++
		return true
	}
	return false
}

// Fresh returns the baseline with no entry consumed, sharing the loaded
// entries: the language server matches each lint of a page against the
// whole baseline, and a large baseline is not copied per keystroke.
func (b *Baseline) Fresh() *Baseline {
	c := *b
	c.used = map[Entry]int{}
	return &c
}

// Unmatched returns how many entries no finding matched.
func (b *Baseline) Unmatched() int {
	n := 0
	for e, c := range b.left {
		n += c - b.used[e]
	}
	return n
}
