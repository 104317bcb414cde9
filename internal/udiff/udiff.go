// Package udiff writes unified diffs (as diff -u and git diff print them)
// between two versions of a file, for figlint --diff.
package udiff

import (
	"bytes"
	"fmt"
	"io"
)

// Context is the number of unchanged lines shown around each change.
const Context = 3

// op is one line of an edit script: kept, deleted from a or inserted
// from b.
type op struct {
	kind byte // ' ', '-' or '+'
	line []byte
}

// Write writes the unified diff from a to b, with the header names
// oldName and newName, to w. It writes nothing when a and b are equal.
func Write(w io.Writer, oldName, newName string, a, b []byte) error {
	if bytes.Equal(a, b) {
		return nil
	}
	x, y := lines(a), lines(b)
	script := diff(x, y)
	var out bytes.Buffer
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", oldName, newName)
	for _, h := range hunks(script) {
		writeHunk(&out, script, h)
	}
	_, err := w.Write(out.Bytes())
	return err
}

// lines splits data after each newline; the last line may lack one.
func lines(data []byte) [][]byte {
	var out [][]byte
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			out = append(out, data)
			break
		}
		out = append(out, data[:i+1])
		data = data[i+1:]
	}
	return out
}

// diff returns a shortest edit script from x to y (Myers' greedy
// algorithm, O((N+M)D) for D differing lines: fixes change few lines of
// long pages).
func diff(x, y [][]byte) []op {
	// Common prefix and suffix first: they are most of a fixed page.
	pre := 0
	for pre < len(x) && pre < len(y) && bytes.Equal(x[pre], y[pre]) {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && bytes.Equal(x[len(x)-1-suf], y[len(y)-1-suf]) {
		suf++
	}
	script := make([]op, 0, len(x)+len(y))
	for _, l := range x[:pre] {
		script = append(script, op{' ', l})
	}
	script = append(script, middle(x[pre:len(x)-suf], y[pre:len(y)-suf])...)
	for _, l := range x[len(x)-suf:] {
		script = append(script, op{' ', l})
	}
	return script
}

// middle is Myers' algorithm over x and y, keeping each round's furthest
// reaching points to trace the path back.
func middle(x, y [][]byte) []op {
	n, m := len(x), len(y)
	maxD := n + m
	if maxD == 0 {
		return nil
	}
	off := maxD + 1
	v := make([]int, 2*maxD+3)
	var trace [][]int
	found := false
	for d := 0; d <= maxD && !found; d++ {
		// Round d reads v at k-1..k+1 for |k| <= d: keep only that, so
		// the trace grows with D*D, not D*(N+M).
		trace = append(trace, append([]int(nil), v[off-d-1:off+d+2]...))
		for k := -d; k <= d; k += 2 {
			var i int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				i = v[off+k+1] // down: an insertion
			} else {
				i = v[off+k-1] + 1 // right: a deletion
			}
			j := i - k
			for i < n && j < m && bytes.Equal(x[i], y[j]) {
				i, j = i+1, j+1
			}
			v[off+k] = i
			if i >= n && j >= m {
				found = true
				break
			}
		}
	}
	// Walk back from (n, m) through the saved rounds.
	var rev []op
	i, j := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		vd, o := trace[d], d+1
		k := i - j
		var pk int
		if k == -d || k != d && vd[o+k-1] < vd[o+k+1] {
			pk = k + 1
		} else {
			pk = k - 1
		}
		pi := vd[o+pk]
		pj := pi - pk
		for i > pi && j > pj && i > 0 && j > 0 && bytes.Equal(x[i-1], y[j-1]) {
			rev = append(rev, op{' ', x[i-1]})
			i, j = i-1, j-1
		}
		if d == 0 {
			break
		}
		if i == pi {
			rev = append(rev, op{'+', y[j-1]})
			j--
		} else {
			rev = append(rev, op{'-', x[i-1]})
			i--
		}
	}
	for i > 0 && j > 0 {
		rev = append(rev, op{' ', x[i-1]})
		i, j = i-1, j-1
	}
	out := make([]op, len(rev))
	for k, o := range rev {
		out[len(rev)-1-k] = o
	}
	return out
}

// hunk is a span [from, to) of the script to print.
type hunk struct{ from, to int }

// hunks groups the changes with Context lines around them; changes
// closer than 2*Context lines share a hunk.
func hunks(script []op) []hunk {
	var out []hunk
	for i, o := range script {
		if o.kind == ' ' {
			continue
		}
		from, to := max(0, i-Context), min(len(script), i+1+Context)
		if n := len(out); n > 0 && from <= out[n-1].to {
			out[n-1].to = max(out[n-1].to, to)
			continue
		}
		out = append(out, hunk{from, to})
	}
	return out
}

func writeHunk(out *bytes.Buffer, script []op, h hunk) {
	// Line numbers of the hunk's first line in a and in b.
	aLine, bLine := 1, 1
	for _, o := range script[:h.from] {
		if o.kind != '+' {
			aLine++
		}
		if o.kind != '-' {
			bLine++
		}
	}
	aLen, bLen := 0, 0
	for _, o := range script[h.from:h.to] {
		if o.kind != '+' {
			aLen++
		}
		if o.kind != '-' {
			bLen++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", span(aLine, aLen), span(bLine, bLen))
	for _, o := range script[h.from:h.to] {
		out.WriteByte(o.kind)
		out.Write(o.line)
		if !bytes.HasSuffix(o.line, []byte("\n")) {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// span is a hunk range as diff -u prints it: an empty range names the
// line before it.
func span(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}
