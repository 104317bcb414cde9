package udiff

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// lcs is the length of the longest common subsequence of lines, by the
// textbook dynamic programme: a shortest script changes len(x)+len(y)-2*lcs
// lines.
func lcs(x, y [][]byte) int {
	prev := make([]int, len(y)+1)
	for i := 1; i <= len(x); i++ {
		cur := make([]int, len(y)+1)
		for j := 1; j <= len(y); j++ {
			switch {
			case bytes.Equal(x[i-1], y[j-1]):
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev = cur
	}
	return prev[len(y)]
}

func randomText(r *rand.Rand, n int, newlineAtEnd bool) []byte {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(string(rune('a' + r.IntN(4))))
		if i < n-1 || newlineAtEnd {
			b.WriteByte('\n')
		}
	}
	return []byte(b.String())
}

// TestWriteAppliesWithPatch checks each diff with GNU patch, which knows
// nothing of this code: patching a must give b, and the script must be as
// short as the LCS says it can be.
func TestWriteAppliesWithPatch(t *testing.T) {
	if _, err := exec.LookPath("patch"); err != nil {
		t.Skip("patch is not installed")
	}
	r := rand.New(rand.NewPCG(1, 2))
	dir := t.TempDir()
	for round := 0; round < 150; round++ {
		a := randomText(r, r.IntN(30), r.IntN(4) != 0)
		b := randomText(r, r.IntN(30), r.IntN(4) != 0)
		if round%3 == 0 { // a few changed lines in a long text: the --diff case
			b = bytes.Clone(a)
			for k := 0; k < 1+r.IntN(3) && len(b) > 0; k++ {
				b[r.IntN(len(b))] = 'z'
			}
		}
		var out bytes.Buffer
		if err := Write(&out, "a/page.md", "b/page.md", a, b); err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(a, b) {
			if out.Len() != 0 {
				t.Fatalf("equal texts gave a diff:\n%s", out.String())
			}
			continue
		}
		changed := 0
		for _, l := range strings.Split(out.String(), "\n") {
			if (strings.HasPrefix(l, "-") || strings.HasPrefix(l, "+")) && !strings.HasPrefix(l, "--- ") && !strings.HasPrefix(l, "+++ ") {
				changed++
			}
		}
		x, y := lines(a), lines(b)
		if want := len(x) + len(y) - 2*lcs(x, y); changed != want {
			t.Errorf("round %d: %d changed lines, want %d:\n%s", round, changed, want, out.String())
		}
		file := filepath.Join(dir, "page.md")
		if err := os.WriteFile(file, a, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("patch", "-s", "--posix", "-o", filepath.Join(dir, "out"), file)
		cmd.Stdin = bytes.NewReader(out.Bytes())
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("round %d: patch: %v %s\n%s", round, err, msg, out.String())
		}
		got, err := os.ReadFile(filepath.Join(dir, "out"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, b) {
			t.Fatalf("round %d: patched a is %q, want %q\n%s", round, got, b, out.String())
		}
	}
}

// TestWriteMatchesDiffU compares with GNU diff -u on a change that has one
// right answer: two far-apart edits give two hunks of three context lines.
func TestWriteMatchesDiffU(t *testing.T) {
	var a, b strings.Builder
	for i := 1; i <= 20; i++ {
		line := "line " + strings.Repeat("x", i) + "\n"
		a.WriteString(line)
		switch i {
		case 4:
			b.WriteString("changed four\n")
		case 15:
			b.WriteString("changed fifteen\n")
			b.WriteString("added\n")
		default:
			b.WriteString(line)
		}
	}
	var out bytes.Buffer
	if err := Write(&out, "a", "b", []byte(a.String()), []byte(b.String())); err != nil {
		t.Fatal(err)
	}
	want := `--- a
+++ b
@@ -1,7 +1,7 @@
 line x
 line xx
 line xxx
-line xxxx
+changed four
 line xxxxx
 line xxxxxx
 line xxxxxxx
@@ -12,7 +12,8 @@
 line xxxxxxxxxxxx
 line xxxxxxxxxxxxx
 line xxxxxxxxxxxxxx
-line xxxxxxxxxxxxxxx
+changed fifteen
+added
 line xxxxxxxxxxxxxxxx
 line xxxxxxxxxxxxxxxxx
 line xxxxxxxxxxxxxxxxxx
`
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}
