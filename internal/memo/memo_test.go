package memo

import (
	"sync"
	"testing"
)

func TestGetComputesOncePerKey(t *testing.T) {
	m := Map[string, int]{Limit: 10}
	calls := 0
	f := func(s string) int { calls++; return len(s) }
	for range 3 {
		if got := m.Get("abc", f); got != 3 {
			t.Fatalf("Get(abc) = %d, want 3", got)
		}
	}
	if calls != 1 {
		t.Errorf("compute ran %d times for one key, want 1", calls)
	}
}

func TestGetStopsRememberingAtLimit(t *testing.T) {
	m := Map[int, int]{Limit: 2}
	calls := 0
	f := func(k int) int { calls++; return k * k }
	for k := range 4 {
		if got := m.Get(k, f); got != k*k {
			t.Fatalf("Get(%d) = %d, want %d", k, got, k*k)
		}
	}
	if m.Len() != 2 {
		t.Errorf("Len() = %d after 4 keys with Limit 2, want 2", m.Len())
	}
	calls = 0
	m.Get(3, f) // not remembered: computed again
	m.Get(0, f) // remembered
	if calls != 1 {
		t.Errorf("compute ran %d times, want 1 (only for the key past the limit)", calls)
	}
}

func TestGetConcurrent(t *testing.T) {
	m := Map[int, int]{Limit: 1000}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 500 {
				if got := m.Get((k+w)%500, func(k int) int { return -k }); got != -((k + w) % 500) {
					t.Errorf("Get(%d) = %d", (k+w)%500, got)
					return
				}
			}
		}()
	}
	wg.Wait()
	if m.Len() != 500 {
		t.Errorf("Len() = %d, want 500", m.Len())
	}
}

func TestGetStoresOwnedKey(t *testing.T) {
	var stored []string
	m := Map[string, bool]{Limit: 10, Own: func(s string) string { stored = append(stored, s); return s }}
	m.Get("a", func(string) bool { return true })
	m.Get("a", func(string) bool { return true })
	if len(stored) != 1 || stored[0] != "a" {
		t.Errorf("Own saw %q, want [a]: called once, when the key is first stored", stored)
	}
}

// TestGetManyKeys: answers are found again whether they were published in
// a snapshot or still wait to be, and each is computed once.
func TestGetManyKeys(t *testing.T) {
	m := Map[int, int]{Limit: 1 << 20}
	calls := map[int]int{}
	f := func(k int) int { calls[k]++; return 3 * k }
	for round := range 3 {
		for k := range 5000 {
			if got := m.Get(k, f); got != 3*k {
				t.Fatalf("round %d: Get(%d) = %d, want %d", round, k, got, 3*k)
			}
		}
	}
	for k, n := range calls {
		if n != 1 {
			t.Fatalf("key %d computed %d times, want 1", k, n)
		}
	}
	if m.Len() != 5000 {
		t.Errorf("Len() = %d, want 5000", m.Len())
	}
	published := 0
	if s := m.snap.Load(); s != nil {
		published = len(*s)
	}
	if published < 5000*3/4 {
		t.Errorf("the snapshot holds %d answers of 5000: most should be published", published)
	}
}

// TestGetPublishes: a memo of a few keys reads them from the snapshot
// (not under the mutex), and one that reached its limit has published
// everything it holds and no longer locks.
func TestGetPublishes(t *testing.T) {
	small := Map[string, int]{Limit: 100}
	for _, k := range []string{"a", "b", "c"} {
		small.Get(k, func(s string) int { return len(s) })
	}
	if s := small.snap.Load(); s == nil || len(*s) == 0 {
		t.Fatal("three answers and no snapshot: every read takes the mutex")
	}
	full := Map[int, int]{Limit: 1000}
	for k := range 2000 {
		full.Get(k, func(k int) int { return k })
	}
	if !full.full.Load() || len(full.pending) != 0 || len(*full.snap.Load()) != 1000 {
		t.Errorf("at the limit: full %v, %d pending, %d published; want true, 0, 1000",
			full.full.Load(), len(full.pending), len(*full.snap.Load()))
	}
	if got := full.Get(1500, func(k int) int { return -k }); got != -1500 {
		t.Errorf("past the limit, Get(1500) = %d; want the computed -1500", got)
	}
}
