package engine

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/figlint/figlint/internal/safeio"
	"github.com/figlint/figlint/rules"
)

// FixOptions say which fixes a run applies and whether it writes them.
type FixOptions struct {
	// Unsafe applies unsafe fixes too (--unsafe-fixes); otherwise only
	// the safe ones.
	Unsafe bool
	// Write writes the fixed files (--fix); otherwise the outcome only
	// says what would change (--diff).
	Write bool
}

// MaxFixPasses bounds the lint-and-fix passes over one page: a fix may
// bring out another finding whose fix applies in the next pass.
const MaxFixPasses = 10

// FixOutcome is what fixing did to one page.
type FixOutcome struct {
	// Fixed counts the findings whose fixes were applied, over all passes.
	Fixed int
	// Files are the files that changed (the page first), with their bytes
	// before and after.
	Files []FixedFile
	// RolledBack says, for each fix that was tried and undone, why.
	RolledBack []string
	// Err is why the changes could not be written, if they could not.
	Err error
}

// FixedFile is one file that fixing changed.
type FixedFile struct {
	// Display is the path as shown to the user; Path is where it is.
	Display, Path string
	Old, New      []byte
}

// same tells whether t holds the same bytes as s.
func (s state) same(t state) bool {
	if !bytes.Equal(s.page, t.page) || len(s.overlay) != len(t.overlay) {
		return false
	}
	for k, v := range s.overlay {
		if w, ok := t.overlay[k]; !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}

// candidate is one fix of one finding that a pass may apply.
type candidate struct {
	finding rules.Finding
	fix     rules.Fix
}

// fixKey names a fix across passes, for the ones rolled back: a later
// pass offers the same fix again (at new offsets) and must not retry it.
func fixKey(c candidate) string {
	var b strings.Builder
	b.WriteString(c.finding.Rule + "\x00" + c.finding.Pointer + "\x00" + c.fix.Message)
	for _, ed := range c.fix.Edits {
		b.WriteString("\x00" + ed.NewText)
	}
	return b.String()
}

// state is a page and its companion tables as fixing has left them.
type state struct {
	page    []byte
	overlay map[string][]byte // companion tables by path
	shown   map[string]string // companion displayed path -> path
	res     Result
}

// fixFile applies the wanted fixes of res to the page (data) until none
// is left, a pass changes nothing, or MaxFixPasses passes have run. A pass
// applies the fixes that do not conflict, in finding order, and lints the
// result; when that breaks the page or adds a finding, the pass's fixes
// are tried one at a time and the bad ones are rolled back. The result is
// the last lint's.
func (e *Engine) fixFile(f File, data []byte, res Result) Result {
	if !e.wantsFix(res.Findings, nil) {
		return res
	}
	out := &FixOutcome{}
	st := state{page: data, overlay: map[string][]byte{}, shown: map[string]string{}, res: res}
	rejected := map[string]bool{}
	for pass := 0; pass < MaxFixPasses; pass++ {
		cands := e.candidates(st.res.Findings, rejected)
		if len(cands) == 0 {
			break
		}
		chosen := nonConflicting(cands)
		if next, ok, _ := e.tryFixes(f, st, chosen); ok {
			if next.same(st) {
				break // the fixes change nothing: they would be offered forever
			}
			st = next
			out.Fixed += len(chosen)
			continue
		}
		// One at a time, in order, until one holds: the others' offsets are
		// stale after it, so the next pass offers them again.
		for _, c := range chosen {
			next, ok, why := e.tryFixes(f, st, []candidate{c})
			if ok && !next.same(st) {
				st = next
				out.Fixed++
				break
			}
			rejected[fixKey(c)] = true
			if !ok {
				out.RolledBack = append(out.RolledBack, fmt.Sprintf("%s:%d:%d: the fix %q of [%s] was rolled back: %s",
					c.finding.Path, c.finding.Range.Start.Line, c.finding.Range.Start.Column, c.fix.Message, c.finding.Rule, why))
			}
		}
	}
	if out.Fixed == 0 && len(out.RolledBack) == 0 {
		return res
	}
	if !bytes.Equal(st.page, data) {
		out.Files = append(out.Files, FixedFile{Display: f.Display, Path: f.Path, Old: data, New: st.page})
	}
	for _, shown := range sortedKeys(st.shown) {
		p := st.shown[shown]
		old, err := safeio.ReadFile(p, e.maxSize)
		if err != nil {
			out.Err = fmt.Errorf("engine: fix: %w", err)
			break
		}
		if !bytes.Equal(old, st.overlay[p]) {
			out.Files = append(out.Files, FixedFile{Display: shown, Path: p, Old: old, New: st.overlay[p]})
		}
	}
	if e.fix.Write && out.Err == nil {
		out.Err = writeFixed(out.Files)
	}
	final := st.res
	if out.Err != nil {
		// Nothing (or not all) was written: the findings are those of the
		// page on disk.
		final = res
		out.Fixed = 0
	}
	final.Fix = out
	return final
}

// wantsFix tells whether some finding has a fix this run applies.
func (e *Engine) wantsFix(fs []rules.Finding, rejected map[string]bool) bool {
	return len(e.candidates(fs, rejected)) > 0
}

// candidates lists, in finding order, the first applicable fix of each
// finding.
func (e *Engine) candidates(fs []rules.Finding, rejected map[string]bool) []candidate {
	var out []candidate
	for _, f := range fs {
		for _, fx := range f.Fixes {
			if !fx.Applies(e.fix.Unsafe) {
				continue
			}
			c := candidate{finding: f, fix: fx}
			if rejected[fixKey(c)] {
				continue
			}
			out = append(out, c)
			break
		}
	}
	return out
}

// nonConflicting keeps, in order, the candidates whose edits do not
// overlap those kept before them. An edit identical to one already kept
// (several findings asking for the same change) is no conflict: it is
// applied once.
func nonConflicting(cands []candidate) []candidate {
	var kept []candidate
	var taken []rules.TextEdit
	for _, c := range cands {
		ok := true
		for _, ed := range c.fix.Edits {
			for _, t := range taken {
				if t.Path == ed.Path && t != ed && (ed.Start < t.End && t.Start < ed.End || ed.Start == t.Start) {
					ok = false
				}
			}
		}
		if ok {
			kept = append(kept, c)
			taken = append(taken, c.fix.Edits...)
		}
	}
	return kept
}

// tryFixes applies the candidates' edits to st and lints the result; ok
// is false, with the reason, when the page no longer parses or has a
// finding it did not have.
func (e *Engine) tryFixes(f File, st state, cands []candidate) (next state, ok bool, why string) {
	byPath := map[string][]rules.TextEdit{}
	for _, c := range cands {
		for _, ed := range c.fix.Edits {
			if !slices.Contains(byPath[ed.Path], ed) {
				byPath[ed.Path] = append(byPath[ed.Path], ed)
			}
		}
	}
	next = state{page: st.page, overlay: map[string][]byte{}, shown: map[string]string{}}
	for k, v := range st.overlay {
		next.overlay[k] = v
	}
	for k, v := range st.shown {
		next.shown[k] = v
	}
	for path, edits := range byPath {
		if path == f.Display {
			next.page = applyEdits(st.page, edits)
			continue
		}
		onDisk := next.shown[path]
		if onDisk == "" {
			onDisk = e.companionFor(f, path, st.res)
			if onDisk == "" {
				return st, false, fmt.Sprintf("it edits %s, which the page's lint did not read", path)
			}
		}
		cur, have := next.overlay[onDisk]
		if !have {
			var err error
			if cur, err = safeio.ReadFile(onDisk, e.maxSize); err != nil {
				return st, false, fmt.Sprintf("cannot read %s (%v)", path, err)
			}
		}
		next.overlay[onDisk] = applyEdits(cur, edits)
		next.shown[path] = onDisk
	}
	doc := e.parse(f, next.page)
	next.res = e.lintWith(f, doc, next.overlay)
	if next.res.broken && !st.res.broken {
		return st, false, "the page would no longer parse"
	}
	if added := addedFinding(st.res.Findings, next.res.Findings); added != "" {
		return st, false, "it would add a finding: " + added
	}
	return next, true, ""
}

// companionFor returns the path of the companion table that the page's
// lint showed as shown, or "".
func (e *Engine) companionFor(f File, shown string, res Result) string {
	for _, c := range res.companions {
		if display(c.Path, e.workDir) == shown {
			return c.Path
		}
	}
	// Without a cache the lint keeps no list: try the tables by name.
	name := filepath.Base(filepath.FromSlash(shown))
	if p := e.companionPath(f, name); display(p, e.workDir) == shown {
		return p
	}
	return ""
}

// addedFinding names a finding of after that before lacked, counting by
// rule and pointer (a fix moves findings and may change the value their
// messages quote), or returns "". List indices in pointers are not
// compared: a fix that removes a list item moves the findings of the
// items after it to other indices, which is no new finding.
func addedFinding(before, after []rules.Finding) string {
	count := map[[2]string]int{}
	for _, f := range before {
		count[[2]string{f.Rule, maskIndices(f.Pointer)}]++
	}
	for _, f := range after {
		k := [2]string{f.Rule, maskIndices(f.Pointer)}
		if count[k] == 0 {
			return fmt.Sprintf("[%s] %s", f.Rule, f.Message)
		}
		count[k]--
	}
	return ""
}

// maskIndices replaces the list indices of a JSON pointer with "#"
// (/schema-jsonld/keywords/3 is /schema-jsonld/keywords/#).
func maskIndices(ptr string) string {
	if !strings.ContainsAny(ptr, "0123456789") {
		return ptr
	}
	parts := strings.Split(ptr, "/")
	for i, p := range parts {
		if p != "" && strings.Trim(p, "0123456789") == "" {
			parts[i] = "#"
		}
	}
	return strings.Join(parts, "/")
}

// applyEdits returns data with the edits applied; they do not overlap.
func applyEdits(data []byte, edits []rules.TextEdit) []byte {
	edits = slices.Clone(edits)
	slices.SortStableFunc(edits, func(a, b rules.TextEdit) int { return a.Start - b.Start })
	var out bytes.Buffer
	out.Grow(len(data))
	at := 0
	for _, ed := range edits {
		out.Write(data[at:ed.Start])
		out.WriteString(ed.NewText)
		at = ed.End
	}
	out.Write(data[at:])
	return out.Bytes()
}

// writeFixed writes each changed file atomically: a temporary file in the
// same directory, with the file's mode, renamed over it. A file that
// changed on disk since it was read is left alone.
func writeFixed(files []FixedFile) error {
	for _, ff := range files {
		if err := writeAtomic(ff.Path, ff.Old, ff.New); err != nil {
			return fmt.Errorf("engine: fix: %s: %w", ff.Display, err)
		}
	}
	return nil
}

func writeAtomic(path string, old, data []byte) error {
	target, err := filepath.EvalSymlinks(path) // a link keeps pointing at the fixed file
	if err != nil {
		return err
	}
	info, err := os.Stat(target)
	if err != nil {
		return err
	}
	cur, err := safeio.ReadFile(target, int64(len(old))+1)
	if err != nil || !bytes.Equal(cur, old) {
		return fmt.Errorf("the file changed while it was being fixed; run again")
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".figlint-*")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), info.Mode().Perm())
	}
	if err == nil {
		err = os.Rename(tmp.Name(), target)
	}
	if err != nil {
		return err
	}
	done = true
	return nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
