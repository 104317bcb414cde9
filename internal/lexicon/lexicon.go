// Package lexicon holds gene-symbol lexicons: for each taxon, the NCBI Gene
// official symbols with their GeneIDs, and the synonyms and previous
// symbols with the official symbols they stand for.
//
// A Builder reads NCBI gene_info files, HGNC's complete set and PFOCR genes
// tables and encodes a compiled lexicon file (Encode); Decode loads one.
// The compiled form is used in place: loading checks the header and the
// checksum and slices the tables, with no per-symbol work, so a lexicon of
// several organisms loads in a few milliseconds. A Set gathers the
// lexicons of a run and finds the one for an organism name.
package lexicon

import (
	"sort"
	"strings"
	"sync"

	"github.com/figlint/figlint/internal/memo"
)

// Source is one input a compiled lexicon was built from.
type Source struct {
	// Name is the input's file name (without its directory).
	Name string
	// Format is "gene_info", "hgnc" or "genes-table".
	Format string
	// Date is the newest modification date in the input (YYYY-MM-DD), or
	// "" when the input records none.
	Date string
}

// Lexicon is the gene symbols of one taxon.
type Lexicon struct {
	// TaxID is the NCBI Taxonomy ID.
	TaxID int
	// Organism is the taxon's scientific name as NCBI Gene writes it
	// (strains included: "Saccharomyces cerevisiae S288C").
	Organism string
	// Sources are the inputs this taxon's symbols came from.
	Sources []Source

	symbols  table // official symbol -> GeneIDs
	synonyms table // synonym or previous symbol -> indexes of official symbols
	// folds maps the folded form of each symbol and synonym that differs
	// from its folded form (see Fold) to refs: symbol index*2 or synonym
	// index*2+1. Keys equal to their folded form are found in symbols and
	// synonyms themselves, which keeps this table small for upper-case
	// nomenclatures.
	folds table

	// memo remembers what lookups found, for the keywords that recur
	// across the pages of a batch run (at most 2^18 of them: a few tens
	// of MB at most; the symbols of a whole collection need far fewer).
	memo memo.Map[string, *lookup]

	// near indexes the keys that Closest's one-edit spellings may hit,
	// built on the first search that needs it.
	nearOnce sync.Once
	near     *nearKeys
}

// newLexicon returns an empty lexicon of a taxon.
func newLexicon(taxID int, organism string) *Lexicon {
	l := &Lexicon{TaxID: taxID, Organism: organism}
	l.memo.Limit, l.memo.Own = 1<<18, strings.Clone
	return l
}

// lookup is what a Lexicon knows of one string.
type lookup struct {
	symbol   bool
	synonyms []string // the official symbols it is a synonym of
}

// look returns what the lexicon knows of s, from the memo when it has
// been asked before.
func (l *Lexicon) look(s string) *lookup {
	if len(s) > memoMaxKey {
		return l.find(s) // no symbol is this long: not worth remembering
	}
	return l.memo.Get(s, l.find)
}

// memoMaxKey is the longest string a lexicon remembers lookups of, so that
// the memo's size is bounded in bytes, not only in entries.
const memoMaxKey = 64

// find looks s up in the tables.
func (l *Lexicon) find(s string) *lookup {
	e := &lookup{}
	_, e.symbol = l.symbols.find(s)
	if at, ok := l.synonyms.find(s); ok {
		for _, i := range l.synonyms.values(at) {
			if sym, ok := l.symbols.at(i); ok {
				e.synonyms = append(e.synonyms, sym)
			}
		}
	}
	return e
}

// Date returns the newest date of the lexicon's sources ("" when none has
// one).
func (l *Lexicon) Date() string {
	d := ""
	for _, s := range l.Sources {
		if s.Date > d {
			d = s.Date
		}
	}
	return d
}

// IsSymbol reports whether s is an official symbol (case-sensitive).
func (l *Lexicon) IsSymbol(s string) bool { return l.look(s).symbol }

// GeneIDs returns the GeneIDs of official symbol s (several for the rare
// symbols NCBI gives to more than one gene), or nil.
func (l *Lexicon) GeneIDs(s string) []int {
	if at, ok := l.symbols.find(s); ok {
		return l.symbols.values(at)
	}
	return nil
}

// SynonymOf returns the official symbols that s is a synonym or previous
// symbol of, sorted; nil when s is none (official symbols are never
// listed as synonyms of their own taxon). Several symbols mean the synonym
// is ambiguous.
func (l *Lexicon) SynonymOf(s string) []string {
	return append([]string(nil), l.look(s).synonyms...)
}

// Counts returns the number of official symbols, of synonyms, and of
// synonyms that stand for more than one official symbol.
func (l *Lexicon) Counts() (symbols, synonyms, ambiguous int) {
	l.synonyms.each(func(_ string, vals []int) bool {
		if len(vals) > 1 {
			ambiguous++
		}
		return true
	})
	return l.symbols.n, l.synonyms.n, ambiguous
}

// Symbols calls fn for every official symbol in bytewise order until fn
// returns false.
func (l *Lexicon) Symbols(fn func(symbol string, geneIDs []int) bool) {
	l.symbols.each(fn)
}

// Synonyms calls fn for every synonym in bytewise order, with the official
// symbols it stands for, until fn returns false.
func (l *Lexicon) Synonyms(fn func(synonym string, symbols []string) bool) {
	l.synonyms.each(func(k string, v []int) bool {
		syms := make([]string, 0, len(v))
		for _, i := range v {
			if s, ok := l.symbols.at(i); ok {
				syms = append(syms, s)
			}
		}
		return fn(k, syms)
	})
}

// Fold is the key under which near spellings of a symbol meet: upper case,
// with everything but ASCII letters and digits removed ("Stat3", "STAT-3"
// and "stat3" all fold to "STAT3").
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			b.WriteByte(c - 'a' + 'A')
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			b.WriteByte(c)
		}
	}
	return b.String()
}

// foldAlphabet is what folded keys are made of.
const foldAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// minEditLength is the shortest folded key for which spellings one edit
// away are suggested: shorter keys are one edit from too many symbols.
const minEditLength = 4

// foldedCandidates returns the official symbols that a folded spelling
// names: itself when it is one, those it is a synonym of, and those (and
// the symbols of the synonyms) that fold to it.
func (l *Lexicon) foldedCandidates(folded string) []string {
	var cands []string
	if l.IsSymbol(folded) {
		cands = append(cands, folded)
	}
	cands = append(cands, l.SynonymOf(folded)...)
	if at, ok := l.folds.find(folded); ok {
		for _, ref := range l.folds.values(at) {
			if ref%2 == 0 {
				if sym, ok := l.symbols.at(ref / 2); ok {
					cands = append(cands, sym)
				}
			} else if syn, ok := l.synonyms.at(ref / 2); ok {
				cands = append(cands, l.SynonymOf(syn)...)
			}
		}
	}
	return cands
}

// Closest returns up to limit official symbols near s, best first: those
// whose spelling differs from s only in case and punctuation (or that such
// a spelling is a synonym of), else those one edit (insertion, deletion,
// substitution or transposition of a letter or digit) away from it when s
// has at least 4 letters and digits. s itself is never returned.
func (l *Lexicon) Closest(s string, limit int) []string {
	key := Fold(s)
	if key == "" || limit <= 0 {
		return nil
	}
	seen := map[string]bool{s: true}
	var exact, near []string
	add := func(list *[]string, folded string) {
		for _, c := range l.foldedCandidates(folded) {
			if !seen[c] {
				seen[c] = true
				*list = append(*list, c)
			}
		}
	}
	add(&exact, key)
	if len(exact) == 0 && len(key) >= minEditLength {
		// Only the spellings whose hash is a table key's are looked up:
		// the others find nothing (see nearKeys).
		l.nearOnce.Do(func() { l.near = buildNearKeys(l) })
		l.near.eachEdit(key, func(k string) { add(&near, k) })
	}
	out := exact
	if len(out) == 0 {
		out = near
	}
	sort.Strings(out)
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}
