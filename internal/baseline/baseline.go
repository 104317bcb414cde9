// Package baseline records a collection's known findings so that a run can
// report only new ones.
//
// A finding is identified by its path, rule, JSON pointer and a hash of the
// text it is about (the YAML node, or the table cell), never by its line:
// edits elsewhere in the page keep it matched, and a changed value brings
// it back. The file is sorted text, one finding a line, so that it diffs
// well in review.
package baseline

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/figlint/figlint/internal/safeio"
	"github.com/figlint/figlint/rules"
)

// header is the first line of a baseline file; its version changes only
// when entries are identified differently.
const header = versionPrefix + ": path<TAB>rule<TAB>pointer<TAB>content hash; regenerate with --write-baseline"

// versionPrefix starts every baseline file of this format.
const versionPrefix = "# figlint baseline v1"

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

// Write writes entries as a baseline file, sorted.
func Write(w io.Writer, entries []Entry) error {
	lines := make([]string, 0, len(entries))
	for _, e := range entries {
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

// Baseline is a loaded baseline: a multiset of entries, consumed as
// findings match.
type Baseline struct {
	left map[Entry]int
}

// Load reads a baseline file. Malformed lines are errors naming the file
// and line.
func Load(path string) (*Baseline, error) {
	f, _, err := safeio.Open(path) // a regular file, never a FIFO or a device
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	defer func() { _ = f.Close() }() // read-only
	b := &Baseline{left: map[Entry]int{}}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			if n == 1 && strings.HasPrefix(line, "# figlint baseline") && !strings.HasPrefix(line, versionPrefix) {
				return nil, fmt.Errorf("baseline: %s:1: unsupported baseline version %q; expected %q (regenerate it with --write-baseline)", path, line, versionPrefix)
			}
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 4 || parts[0] == "" || parts[1] == "" || len(parts[3]) != 16 {
			return nil, fmt.Errorf("baseline: %s:%d: malformed entry %q; expected path<TAB>rule<TAB>pointer<TAB>16-digit hash", path, n, line)
		}
		b.left[Entry{Path: parts[0], Rule: parts[1], Pointer: parts[2], Hash: parts[3]}]++
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("baseline: %s: %w", path, err)
	}
	return b, nil
}

// Match consumes an entry equal to e and reports whether there was one.
func (b *Baseline) Match(e Entry) bool {
	if b.left[e] > 0 {
		b.left[e]--
		return true
	}
	return false
}

// Unmatched returns how many entries no finding matched.
func (b *Baseline) Unmatched() int {
	n := 0
	for _, c := range b.left {
		n += c
	}
	return n
}
