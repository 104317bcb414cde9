package fastyaml

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// gen writes random YAML in (and near) the subset Parse handles, so that
// differential tests reach its fast path often.
type gen struct {
	r  *rand.Rand
	sb strings.Builder
	nl string
}

var words = []string{"a", "key", "Mus musculus", "IL-6", "x:y", "C#", "a#b", "-x", ":x", "?x", "1", "-2", "0x1F",
	"1_000", "2001-12-14", "2001-12-14 21:59:43.10", ".5", "1e3", "1.", "~", "null", "NULL", "true", "False", "yes",
	".inf", "-.Inf", ".nan", "0o17", "017", "0b101", "<<", "é", "ü€", "😀", "a,b", "[x]", "{y}", "x - y", "it's",
	"http://x.org/a#b", "'", "''", "-", "---", "...", "%x", "@x", "x:", "x :", "x\t", " ", "…", "\u00a0"}

func (g *gen) word() string { return words[g.r.IntN(len(words))] }

func (g *gen) spaces(n int) { g.sb.WriteString(strings.Repeat(" ", n)) }

// scalar writes a scalar value that continues on lines indented by cont.
func (g *gen) scalar(cont int) {
	if g.r.IntN(8) == 0 {
		g.literal(cont)
		return
	}
	quoted := g.r.IntN(3) == 0
	if quoted {
		g.sb.WriteByte('\'')
	}
	parts := 1 + g.r.IntN(3)
	if g.r.IntN(3) == 0 {
		parts = 1
	}
	for i := range parts {
		if i > 0 {
			if g.r.IntN(4) == 0 {
				g.spaces(g.r.IntN(3))
			}
			for range g.r.IntN(3) {
				g.sb.WriteString(g.nl)
				if g.r.IntN(3) == 0 {
					g.spaces(g.r.IntN(5))
				}
			}
			g.sb.WriteString(g.nl)
			g.spaces(cont + g.r.IntN(3) - g.r.IntN(2))
		}
		w := g.word()
		if quoted {
			w = strings.ReplaceAll(w, "'", "''")
		}
		g.sb.WriteString(w)
		if g.r.IntN(3) == 0 {
			g.sb.WriteString(" " + g.word())
		}
	}
	if quoted {
		if g.r.IntN(4) == 0 {
			g.spaces(g.r.IntN(3))
		}
		g.sb.WriteByte('\'')
	}
	if g.r.IntN(5) == 0 {
		g.spaces(1 + g.r.IntN(2))
	}
}

// literal writes a literal block scalar indented by about cont; the line
// after it is left open, like scalar's.
func (g *gen) literal(cont int) {
	g.sb.WriteString([]string{"|", "|-", "|+", "|2", "| #c", ">"}[g.r.IntN(6)])
	if g.r.IntN(4) == 0 {
		g.spaces(1)
	}
	indent := cont + g.r.IntN(3) - g.r.IntN(2)
	for i := range 1 + g.r.IntN(4) {
		g.sb.WriteString(g.nl)
		for range g.r.IntN(3) {
			g.spaces(g.r.IntN(indent + 3))
			g.sb.WriteString(g.nl)
		}
		if i > 0 && g.r.IntN(3) == 0 {
			g.spaces(g.r.IntN(3))
		}
		g.spaces(indent)
		g.sb.WriteString(g.word())
		if g.r.IntN(4) == 0 {
			g.spaces(1)
		}
	}
	if g.r.IntN(4) == 0 {
		g.sb.WriteString(g.nl)
		g.spaces(g.r.IntN(indent + 3))
	}
}

func (g *gen) key() {
	if g.r.IntN(4) == 0 {
		g.sb.WriteString("'" + strings.ReplaceAll(g.word(), "'", "''") + "'")
		return
	}
	g.sb.WriteString(g.word())
}

// mapping writes a block mapping at indent; the first key's indentation
// is already written when inline is set.
func (g *gen) mapping(indent, depth int, inline bool) {
	for i := range 1 + g.r.IntN(4) {
		if i > 0 || !inline {
			g.spaces(indent)
		}
		g.key()
		g.sb.WriteString(":")
		g.value(indent, depth)
	}
}

// value writes what follows a key's ":" and ends the line.
func (g *gen) value(indent, depth int) {
	switch k := g.r.IntN(10); {
	case k < 5 || depth > 3:
		g.spaces(1 + g.r.IntN(2))
		g.scalar(indent + 1 + g.r.IntN(2))
		g.sb.WriteString(g.nl)
	case k == 5:
		g.spaces(g.r.IntN(2))
		g.sb.WriteString(g.nl)
	case k == 6:
		g.sb.WriteString(g.nl)
		g.sequence(indent+2*g.r.IntN(2), depth+1)
	case k == 7:
		g.sb.WriteString(g.nl)
		g.spaces(indent + 1 + g.r.IntN(3))
		g.scalar(indent + 1)
		g.sb.WriteString(g.nl)
	default:
		g.sb.WriteString(g.nl)
		g.mapping(indent+1+g.r.IntN(3), depth+1, false)
	}
}

func (g *gen) sequence(indent, depth int) {
	for range 1 + g.r.IntN(4) {
		g.spaces(indent)
		g.sb.WriteString("-")
		switch k := g.r.IntN(8); {
		case k == 0:
			g.sb.WriteString(g.nl)
		case k == 1 && depth < 4:
			pad := 1 + g.r.IntN(2)
			g.spaces(pad)
			g.mapping(indent+1+pad, depth+1, true)
		default:
			g.spaces(1 + g.r.IntN(2))
			g.scalar(indent + 1 + g.r.IntN(2))
			g.sb.WriteString(g.nl)
		}
		if g.r.IntN(6) == 0 {
			g.sb.WriteString(g.nl)
		}
	}
}

// document returns a random front matter block, sometimes damaged by a
// random fragment.
func (g *gen) document() []byte {
	g.sb.Reset()
	g.nl = "\n"
	if g.r.IntN(8) == 0 {
		g.nl = "\r\n"
	}
	if g.r.IntN(8) == 0 {
		g.sequence(0, 0)
	} else {
		g.mapping(0, 0, false)
	}
	s := g.sb.String()
	for range g.r.IntN(3) {
		if len(s) == 0 {
			break
		}
		at := g.r.IntN(len(s))
		switch g.r.IntN(3) {
		case 0:
			s = s[:at] + fragments[g.r.IntN(len(fragments))] + s[at:]
		case 1:
			s = s[:at] + s[at+1:]
		default:
			s = s[:at] + fragments[g.r.IntN(len(fragments))] + s[at+1:]
		}
	}
	return []byte(s)
}

// TestGeneratedDifferential compares Parse with yaml.v3 on random texts
// from a fixed seed.
func TestGeneratedDifferential(t *testing.T) {
	g := gen{r: rand.New(rand.NewPCG(1, 2))}
	fast, total := 0, 20000
	if testing.Short() {
		total = 2000
	}
	for range total {
		if differential(t, "generated", g.document()) {
			fast++
		}
		if t.Failed() {
			return
		}
	}
	t.Logf("fast path took %d of %d generated texts", fast, total)
	if fast < total/10 {
		t.Errorf("fast path took only %d of %d generated texts; expected the generator to reach it more often", fast, total)
	}
}

// FuzzGenerated runs the generator from fuzzed seeds.
func FuzzGenerated(f *testing.F) {
	f.Add(uint64(1), uint64(2))
	f.Fuzz(func(t *testing.T, a, b uint64) {
		g := gen{r: rand.New(rand.NewPCG(a, b))}
		for range 20 {
			differential(t, "generated", g.document())
		}
	})
}
