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
//
// It is built for many reads of few keys: answers are read from an
// immutable snapshot without locking; new answers wait in a small map
// under a mutex and are published in a new snapshot once they number a
// quarter of it (so copying costs O(1) per answer, amortized; the copy is
// made under the mutex, which only the askers of new keys wait for). When
// the limit is reached, everything is published and later misses are
// computed without locking.
type Map[K comparable, V any] struct {
	Limit int64
	// Own, when set, makes the copy of a key that is stored: strings.Clone
	// for string keys that may be slices of a larger buffer (a page), which
	// the memo would otherwise keep alive.
	Own func(K) K

	snap atomic.Pointer[map[K]V] // published answers, never changed

	full atomic.Bool // the limit is reached and every answer published

	mu      sync.Mutex
	pending map[K]V // answers not yet published
	n       int64   // answers stored: published and pending
}

// Get returns the remembered answer for k, or computes it with compute and
// remembers it. compute must be a pure function of k: two workers asking
// at once may both compute, and either answer is kept.
func (m *Map[K, V]) Get(k K, compute func(K) V) V {
	if s := m.snap.Load(); s != nil {
		if v, ok := (*s)[k]; ok {
			return v
		}
	}
	if m.full.Load() {
		return compute(k)
	}
	m.mu.Lock()
	v, ok := m.pending[k]
	m.mu.Unlock()
	if ok {
		return v
	}
	v = compute(k)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.n >= m.Limit {
		m.publish(true)
		m.full.Store(true)
		return v
	}
	if _, ok := m.pending[k]; ok {
		return v // another worker stored it meanwhile
	}
	if s := m.snap.Load(); s != nil {
		if _, ok := (*s)[k]; ok {
			return v // and published it
		}
	}
	if m.Own != nil {
		k = m.Own(k)
	}
	if m.pending == nil {
		m.pending = map[K]V{}
	}
	m.pending[k] = v
	m.n++
	m.publish(m.n >= m.Limit)
	if m.n >= m.Limit {
		m.full.Store(true)
	}
	return v
}

// publish makes a new snapshot of the published and pending answers when
// they number a quarter of the snapshot, or any when all is true. Called
// with m.mu held.
func (m *Map[K, V]) publish(all bool) {
	old := m.snap.Load()
	size := 0
	if old != nil {
		size = len(*old)
	}
	if len(m.pending) == 0 || !all && len(m.pending) < size/4 {
		return
	}
	next := make(map[K]V, size+len(m.pending))
	if old != nil {
		for k, v := range *old {
			next[k] = v
		}
	}
	for k, v := range m.pending {
		next[k] = v
	}
	m.snap.Store(&next)
	clear(m.pending)
}

// Len returns the number of remembered answers.
func (m *Map[K, V]) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return int(m.n)
}
