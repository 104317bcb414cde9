package cli

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/figlint/figlint/internal/testenv"
)

// snapshot reads every file under dir, by slash path relative to it.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

type jsonOut struct {
	Findings []struct {
		Rule, Path, Pointer, Message string
		Fixes                        []struct {
			Message string
			Safe    bool
			Edits   []struct {
				Path                             string
				Offset, Length                   int
				NewText                          string
				Line, Column, EndLine, EndColumn int
			}
		}
	}
}

func lintJSON(t *testing.T, dir string, args ...string) jsonOut {
	t.Helper()
	_, stdout, stderr := run(t, dir, append([]string{"--format", "json"}, args...)...)
	var out jsonOut
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("JSON output: %v\n%s\n%s", err, stdout, stderr)
	}
	return out
}

type edit struct {
	off, n int
	text   string
}

// applyReported applies the edits of the safe (or, with unsafe, all)
// fixes that JSON reports, by byte offset, to a snapshot: identical edits
// from several findings once, as the engine's contract says.
func applyReported(t *testing.T, before map[string][]byte, out jsonOut, unsafe bool) map[string][]byte {
	t.Helper()
	byPath := map[string][]edit{}
	for _, f := range out.Findings {
		for _, fx := range f.Fixes {
			if !fx.Safe && !unsafe {
				continue
			}
			for _, e := range fx.Edits {
				byPath[e.Path] = append(byPath[e.Path], edit{e.Offset, e.Length, e.NewText})
			}
		}
	}
	after := map[string][]byte{}
	for p, data := range before {
		after[p] = data
	}
	for p, es := range byPath {
		sort.Slice(es, func(i, j int) bool { return es[i].off < es[j].off })
		data, ok := before[p]
		if !ok {
			t.Fatalf("an edit names %s, which is not in the tree", p)
		}
		var b bytes.Buffer
		at := 0
		for i, e := range es {
			if i > 0 && e == es[i-1] {
				continue
			}
			if e.off < at || e.off+e.n > len(data) {
				t.Fatalf("%s: edit %+v overlaps the one before or leaves the file (%d bytes)", p, e, len(data))
			}
			b.Write(data[at:e.off])
			b.WriteString(e.text)
			at = e.off + e.n
		}
		b.Write(data[at:])
		after[p] = b.Bytes()
	}
	return after
}

// lineColumn computes the 1-based line and code-point column of a byte
// offset, independently of the code under test.
func lineColumn(data []byte, off int) (line, col int) {
	line, col = 1, 1
	for i := 0; i < off; {
		r, size := utf8.DecodeRune(data[i:])
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return line, col
}

func TestFixFlagsOnTheSample(t *testing.T) {
	dir := testenv.CopyTree(t, "../../fixtures/pfocr")
	before := snapshot(t, dir)

	if code, _, stderr := run(t, dir, "--unsafe-fixes", "."); code != ExitUsage || !strings.Contains(stderr, "--unsafe-fixes") {
		t.Errorf("--unsafe-fixes alone: exit %d, want 2 with a message; stderr:\n%s", code, stderr)
	}
	if code, _, _ := run(t, dir, "--diff", "--format", "json", "."); code != ExitUsage {
		t.Errorf("--diff --format json: exit %d, want 2", code)
	}

	reported := lintJSON(t, dir, ".")
	for _, f := range reported.Findings {
		for _, fx := range f.Fixes {
			for _, e := range fx.Edits {
				data := before[e.Path]
				l, c := lineColumn(data, e.Offset)
				el, ec := lineColumn(data, e.Offset+e.Length)
				if l != e.Line || c != e.Column || el != e.EndLine || ec != e.EndColumn {
					t.Errorf("%s: edit at byte %d+%d says %d:%d-%d:%d, the bytes say %d:%d-%d:%d",
						e.Path, e.Offset, e.Length, e.Line, e.Column, e.EndLine, e.EndColumn, l, c, el, ec)
				}
			}
		}
	}

	code, diff, stderr := run(t, dir, "--diff", ".")
	if code != ExitFindings || !strings.HasPrefix(diff, "--- ") || !strings.Contains(stderr, "figlint: would fix ") {
		t.Fatalf("--diff: exit %d, want 1, a diff on stdout and a tally on stderr; stdout:\n%s\nstderr:\n%s", code, diff, stderr)
	}
	if strings.Contains(diff, "[doi-format]") || strings.Contains(diff, "error:") {
		t.Errorf("--diff printed findings on stdout, want the diff alone:\n%s", diff)
	}
	if got := snapshot(t, dir); !equalTrees(got, before) {
		t.Fatal("--diff changed files")
	}

	code, _, stderr = run(t, dir, "--fix", ".")
	if code == ExitUsage || code == ExitInternal || !strings.Contains(stderr, "figlint: fixed ") {
		t.Fatalf("--fix: exit %d; stderr:\n%s", code, stderr)
	}
	fixed := snapshot(t, dir)
	if !strings.Contains(stderr, "rolled back") {
		// Without rollbacks, --fix is exactly the reported safe edits applied.
		want := applyReported(t, before, reported, false)
		for p := range want {
			if !bytes.Equal(fixed[p], want[p]) {
				t.Errorf("%s after --fix differs from the JSON's safe edits applied by offset:\n--- fix\n%s\n--- edits\n%s", p, fixed[p], want[p])
			}
		}
	}
	again := lintJSON(t, dir, ".")
	for _, f := range again.Findings {
		for _, fx := range f.Fixes {
			if fx.Safe {
				t.Errorf("after --fix a safe fix is still offered: %s %s: %s", f.Path, f.Rule, fx.Message)
			}
		}
	}
	if code, _, stderr := run(t, dir, "--fix", "."); !strings.Contains(stderr, "figlint: nothing to fix") {
		t.Errorf("second --fix: exit %d, stderr:\n%s", code, stderr)
	}
	if code, diff, _ := run(t, dir, "--diff", "."); code != ExitClean && code != ExitFindings || diff != "" {
		t.Errorf("--diff after --fix: exit %d, diff:\n%s", code, diff)
	}
	if got := snapshot(t, dir); !equalTrees(got, fixed) {
		t.Error("the second --fix changed files")
	}
}

func equalTrees(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, d := range a {
		if !bytes.Equal(d, b[p]) {
			return false
		}
	}
	return true
}

// TestFixSARIFRegionsAgree checks that each SARIF replacement's byte region
// names the same bytes as its lines and columns.
func TestFixSARIFRegionsAgree(t *testing.T) {
	dir := testenv.CopyTree(t, "../../fixtures/pfocr")
	files := snapshot(t, dir)
	_, stdout, stderr := run(t, dir, "--format", "sarif", ".")
	var log struct {
		Runs []struct {
			Results []struct {
				Fixes []struct {
					ArtifactChanges []struct {
						ArtifactLocation struct{ URI string }
						Replacements     []struct {
							DeletedRegion struct {
								StartLine, StartColumn, EndLine, EndColumn, ByteOffset, ByteLength int
							}
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatalf("SARIF: %v\n%s", err, stderr)
	}
	n := 0
	for _, r := range log.Runs[0].Results {
		for _, fx := range r.Fixes {
			for _, ch := range fx.ArtifactChanges {
				data, ok := files[ch.ArtifactLocation.URI]
				if !ok {
					t.Fatalf("a fix names %q, not a file of the tree", ch.ArtifactLocation.URI)
				}
				for _, rp := range ch.Replacements {
					d := rp.DeletedRegion
					l, c := lineColumn(data, d.ByteOffset)
					el, ec := lineColumn(data, d.ByteOffset+d.ByteLength)
					if l != d.StartLine || c != d.StartColumn || el != d.EndLine || ec != d.EndColumn {
						t.Errorf("%s: bytes %d+%d are %d:%d-%d:%d, the region says %d:%d-%d:%d", ch.ArtifactLocation.URI,
							d.ByteOffset, d.ByteLength, l, c, el, ec, d.StartLine, d.StartColumn, d.EndLine, d.EndColumn)
					}
					n++
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("the sample's SARIF carries no replacement: nothing was checked")
	}
}

// TestFixCorpus runs --fix over a copy of the real sample: only the bytes
// of the reported fixes change, every page still parses, no finding is
// added, and a second run changes nothing.
func TestFixCorpus(t *testing.T) {
	dir := testenv.CopyTree(t, testenv.Corpus(t))
	before := snapshot(t, dir)
	reported := lintJSON(t, dir, ".")
	_, _, stderr := run(t, dir, "--fix", ".")
	if !strings.Contains(stderr, "figlint: fixed ") {
		t.Fatalf("--fix fixed nothing on the sample; stderr:\n%s", stderr)
	}
	fixed := snapshot(t, dir)
	want := applyReported(t, before, reported, false)
	changed := 0
	for p := range before {
		if !bytes.Equal(fixed[p], want[p]) {
			t.Errorf("%s: --fix left other bytes than the reported fixes'", p)
		}
		if !bytes.Equal(fixed[p], before[p]) {
			changed++
		}
	}
	t.Logf("--fix changed %d of %d files", changed, len(before))
	type key struct{ rule, path, pointer string }
	count := func(out jsonOut) map[key]int {
		m := map[key]int{}
		for _, f := range out.Findings {
			m[key{f.Rule, f.Path, f.Pointer}]++
		}
		return m
	}
	was, now := count(reported), count(lintJSON(t, dir, "."))
	for k, n := range now {
		if k.rule == "front-matter" || strings.HasPrefix(k.rule, "yaml") {
			t.Errorf("%s no longer parses after --fix: %v", k.path, k)
		}
		if n > was[k] {
			t.Errorf("--fix added a finding: %v (%d, was %d)", k, n, was[k])
		}
	}
	if _, _, stderr := run(t, dir, "--fix", "."); !strings.Contains(stderr, "nothing to fix") {
		t.Errorf("second --fix: %s", stderr)
	}
	if !equalTrees(snapshot(t, dir), fixed) {
		t.Error("the second --fix changed files")
	}
}
