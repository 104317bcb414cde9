package lexicon

import (
	"strings"
	"sync"
	"unicode"

	"github.com/figlint/figlint/internal/memo"
	"github.com/figlint/figlint/internal/safeio"
)

// Set is the lexicons a run checks against. It is immutable once made and
// safe for concurrent use; a lazy set loads its file on first use, so runs
// that never look a symbol up pay nothing.
type Set struct {
	base *Set
	own  []*Lexicon
	load func() (*File, error)

	once sync.Once
	all  []*Lexicon
	err  error
}

// NewSet returns the set of the lexicons of files; for a taxon in several
// files, the last file's lexicon is used.
func NewSet(files ...*File) *Set {
	return (*Set)(nil).With(files...)
}

// Lazy returns a set whose lexicons load calls for on first use. When load
// fails the set is empty and Err says why.
func Lazy(load func() (*File, error)) *Set {
	return &Set{load: load}
}

// With returns a set of s's lexicons and those of files, files winning for
// a taxon they share with s (and, among files, the last one winning). s
// may be nil.
func (s *Set) With(files ...*File) *Set {
	var own []*Lexicon
	for i := len(files) - 1; i >= 0; i-- {
		for _, l := range files[i].Lexicons {
			if !hasTaxon(own, l.TaxID) {
				own = append(own, l)
			}
		}
	}
	return &Set{base: s, own: own}
}

// Load reads and decodes a compiled lexicon file.
func Load(path string) (*File, error) {
	data, err := safeio.ReadFile(path, safeio.LexiconLimit)
	if err != nil {
		return nil, err
	}
	return Decode(data)
}

func hasTaxon(ls []*Lexicon, taxid int) bool {
	for _, l := range ls {
		if l.TaxID == taxid {
			return true
		}
	}
	return false
}

func (s *Set) resolve() {
	s.once.Do(func() {
		own := s.own
		if s.load != nil {
			f, err := s.load()
			if err != nil {
				s.err = err
			} else {
				own = f.Lexicons
			}
		}
		s.all = append(s.all, own...)
		if s.base != nil {
			for _, l := range s.base.Lexicons() {
				if !hasTaxon(own, l.TaxID) {
					s.all = append(s.all, l)
				}
			}
			if s.err == nil {
				s.err = s.base.Err()
			}
		}
	})
}

// Lexicons returns every lexicon of the set. The slice must not be
// changed.
func (s *Set) Lexicons() []*Lexicon {
	if s == nil {
		return nil
	}
	s.resolve()
	return s.all
}

// Err returns the error of loading a lazy set (or a set it builds on).
func (s *Set) Err() error {
	if s == nil {
		return nil
	}
	s.resolve()
	return s.err
}

// Find returns the lexicon for an organism name as pages write it: the
// lexicon of that exact name, else one of the same species (same first
// two words of a binomial name: "Saccharomyces cerevisiae" finds the
// lexicon of "Saccharomyces cerevisiae S288C", and "Escherichia coli
// BL21DE3" that of "Escherichia coli str. K-12 substr. MG1655"). nil when
// there is none.
func (s *Set) Find(organism string) *Lexicon {
	all := s.Lexicons()
	for _, l := range all {
		if l.Organism == organism {
			return l
		}
	}
	sp := Species(organism)
	if sp == "" {
		return nil
	}
	for _, l := range all {
		if Species(l.Organism) == sp {
			return l
		}
	}
	return nil
}

// Species returns the first two words of a binomial name (genus
// capitalised, epithet in lower-case letters), or "". The answers are
// remembered: the keyword rules ask it for the same few organisms for
// every keyword of every page.
func Species(name string) string { return species.Get(name, species1) }

var species = memo.Map[string, string]{Limit: 1 << 12, Own: strings.Clone}

func species1(name string) string {
	w := strings.Fields(name)
	if len(w) < 2 || !unicode.IsUpper(rune(w[0][0])) {
		return ""
	}
	for _, r := range w[1] {
		if !unicode.IsLower(r) {
			return ""
		}
	}
	return w[0] + " " + w[1]
}
