package engine

import (
	"slices"
	"sort"

	"github.com/figlint/figlint/rules"
)

// A step of a finding's way out (see package pipeline for the whole
// chain): findings sorted into their stable order, and one finding for
// repeats of one cause, their related locations grouped on it.

// SortFindings orders findings by path, line, column and rule, then end and
// message, so output never depends on scheduling. The sort is stable:
// findings equal in all of these (which may differ in pointer, fixes or
// related locations) keep the order their rule reported them in, which
// is the same on every run.
func SortFindings(fs []rules.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Range.Start != b.Range.Start {
			return a.Range.Start.Less(b.Range.Start)
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Range.End != b.Range.End {
			return a.Range.End.Less(b.Range.End)
		}
		return a.Message < b.Message
	})
}

// dedupe drops a finding that repeats the one before it (same rule, path,
// range and message: the user could not tell them apart) from sorted
// findings. The related locations of a repeat are not dropped with it:
// the kept finding gains those it lacks, in order, since they are more
// places of what the user sees as one cause.
func dedupe(fs []rules.Finding) []rules.Finding {
	if len(fs) < 2 {
		return fs
	}
	out := fs[:1]
	for _, f := range fs[1:] {
		p := &out[len(out)-1]
		if f.Rule == p.Rule && f.Range == p.Range && f.Message == p.Message && f.Path == p.Path {
			p.Related = mergeRelated(p.Related, f.Related)
			continue
		}
		out = append(out, f)
	}
	return out
}

// mergeRelated returns a followed by the places of b that a lacks. It
// builds a new slice rather than appending to a, whose array a rule may
// share with another finding.
func mergeRelated(a, b []rules.Related) []rules.Related {
	var extra []rules.Related
	for _, r := range b {
		if !slices.Contains(a, r) && !slices.Contains(extra, r) {
			extra = append(extra, r)
		}
	}
	if len(extra) == 0 {
		return a
	}
	return slices.Concat(a, extra)
}
