// Package memo is a bounded, concurrency-safe memo of pure functions: the
// answers to questions that recur page after page in a batch run (is this
// keyword a symbol, does it have the mouse shape), shared by the workers.
package memo

import (
	"sync"
	"sync/atomic"
)

// Map remembers up to Limit answers; past that, answers are computed and
// not stored, so memory stays bounded whatever the input. The zero value
// remembers nothing; set Limit before first use. A Map must not be copied
// after first use.
type Map[K comparable, V any] struct {
	Limit int64
	// Own, when set, makes the copy of a key that is stored: strings.Clone
	// for string keys that may be slices of a larger buffer (a page), which
	// the memo would otherwise keep alive.
	Own func(K) K

	m sync.Map // K -> V
	n atomic.Int64
}

// Get returns the remembered answer for k, or computes it with compute and
// remembers it. compute must be a pure function of k: two workers asking
// at once may both compute, and either answer is kept.
func (m *Map[K, V]) Get(k K, compute func(K) V) V {
	if v, ok := m.m.Load(k); ok {
		return v.(V)
	}
	v := compute(k)
	if m.n.Load() < m.Limit {
		if m.Own != nil {
			k = m.Own(k)
		}
		if _, loaded := m.m.LoadOrStore(k, v); !loaded {
			m.n.Add(1)
		}
	}
	return v
}

// Len returns the number of remembered answers.
func (m *Map[K, V]) Len() int { return int(m.n.Load()) }
