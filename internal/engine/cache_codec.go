package engine

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"

	"github.com/figlint/figlint/rules"
)

// The cache entry codec: varints and length-prefixed strings. Decoding it
// takes a fraction of the time encoding/json needs, and a cache hit is
// mostly decoding (a re-run over an unchanged collection should only
// hash and read).
//
// entryMagic is the entry format's version. It starts every entry and is
// hashed into every key (Cache.key), so a new format gets new keys: the
// entries of older packs are never found, nor decoded, and age out with
// their packs. Change it whenever the encoding changes. FLC2 added each
// finding's related locations; FLC3 the page's figid, title and figlink
// facts; FLC4 each fix's safety and each edit's path and range; FLC5 each
// companion file's metadata; FLC6 the schema the page was checked against.

var (
	entryMagic    = []byte("FLC6")
	errCorrupt    = errors.New("engine: corrupt cache entry")
	maxEntryItems = uint64(1 << 24)
)

type encoder struct{ b []byte }

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int)     { e.b = binary.AppendVarint(e.b, int64(v)) }
func (e *encoder) i64(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) str(s string)  { e.uint(uint64(len(s))); e.b = append(e.b, s...) }

func (e *encoder) finding(f rules.Finding) {
	e.str(f.Rule)
	e.int(int(f.Severity))
	e.str(f.Path)
	e.int(f.Range.Start.Line)
	e.int(f.Range.Start.Column)
	e.int(f.Range.End.Line)
	e.int(f.Range.End.Column)
	e.str(f.Message)
	e.str(f.Pointer)
	e.uint(uint64(len(f.Fixes)))
	for _, fx := range f.Fixes {
		e.str(fx.Message)
		e.int(int(fx.Safety))
		e.uint(uint64(len(fx.Edits)))
		for _, ed := range fx.Edits {
			e.str(ed.Path)
			e.int(ed.Start)
			e.int(ed.End)
			e.str(ed.NewText)
			e.int(ed.Range.Start.Line)
			e.int(ed.Range.Start.Column)
			e.int(ed.Range.End.Line)
			e.int(ed.Range.End.Column)
		}
	}
	e.uint(uint64(len(f.Related)))
	for _, r := range f.Related {
		e.str(r.Path)
		e.int(r.Range.Start.Line)
		e.int(r.Range.Start.Column)
		e.int(r.Range.End.Line)
		e.int(r.Range.End.Column)
		e.str(r.Message)
	}
}

func encodeEntry(c cacheEntry) []byte {
	e := encoder{b: append([]byte{}, entryMagic...)}
	e.uint(uint64(len(c.Findings)))
	for _, f := range c.Findings {
		e.finding(f)
	}
	e.uint(uint64(len(c.Suppressed)))
	for _, s := range c.Suppressed {
		e.finding(s.Finding)
		e.str(s.Kind)
		e.str(s.Justification)
	}
	e.uint(uint64(len(c.Summaries)))
	for k, v := range c.Summaries {
		e.int(k)
		e.str(string(v))
	}
	e.str(c.Facts.Year)
	e.uint(uint64(len(c.Facts.Organisms)))
	for _, o := range c.Facts.Organisms {
		e.str(o)
	}
	e.str(c.Facts.Figid)
	e.str(c.Facts.Title)
	e.str(c.Facts.Figlink)
	e.str(c.Facts.Schema)
	e.uint(uint64(len(c.Companions)))
	for _, u := range c.Companions {
		e.str(u.Name)
		e.str(u.Path)
		e.str(u.Sum)
		e.i64(u.Stat.Size)
		e.i64(u.Stat.Mod)
		e.uint(u.Stat.Ino)
		e.uint(u.Stat.Dev)
	}
	return e.b
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err, d.b = errCorrupt, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int { return int(d.i64()) }

func (d *decoder) i64() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err, d.b = errCorrupt, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) count() int {
	n := d.uint()
	if n > maxEntryItems || n > uint64(len(d.b)) {
		d.err, d.b = errCorrupt, nil
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.err, d.b = errCorrupt, nil
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) finding() rules.Finding {
	f := rules.Finding{Rule: d.str(), Severity: rules.Severity(d.int()), Path: d.str()}
	f.Range.Start.Line, f.Range.Start.Column = d.int(), d.int()
	f.Range.End.Line, f.Range.End.Column = d.int(), d.int()
	f.Message, f.Pointer = d.str(), d.str()
	if n := d.count(); n > 0 {
		f.Fixes = make([]rules.Fix, n)
		for i := range f.Fixes {
			f.Fixes[i].Message = d.str()
			f.Fixes[i].Safety = rules.FixSafety(d.int())
			f.Fixes[i].Edits = make([]rules.TextEdit, d.count())
			for j := range f.Fixes[i].Edits {
				ed := &f.Fixes[i].Edits[j]
				ed.Path = d.str()
				ed.Start, ed.End = d.int(), d.int()
				ed.NewText = d.str()
				ed.Range.Start.Line, ed.Range.Start.Column = d.int(), d.int()
				ed.Range.End.Line, ed.Range.End.Column = d.int(), d.int()
			}
		}
	}
	if n := d.count(); n > 0 {
		f.Related = make([]rules.Related, n)
		for i := range f.Related {
			r := &f.Related[i]
			r.Path = d.str()
			r.Range.Start.Line, r.Range.Start.Column = d.int(), d.int()
			r.Range.End.Line, r.Range.End.Column = d.int(), d.int()
			r.Message = d.str()
		}
	}
	return f
}

func decodeEntry(b []byte) (cacheEntry, error) {
	var c cacheEntry
	if !bytes.HasPrefix(b, entryMagic) {
		return c, errCorrupt
	}
	d := decoder{b: b[len(entryMagic):]}
	if n := d.count(); n > 0 {
		c.Findings = make([]rules.Finding, n)
		for i := range c.Findings {
			c.Findings[i] = d.finding()
		}
	}
	if n := d.count(); n > 0 {
		c.Suppressed = make([]Suppressed, n)
		for i := range c.Suppressed {
			c.Suppressed[i] = Suppressed{Finding: d.finding(), Kind: d.str(), Justification: d.str()}
		}
	}
	if n := d.count(); n > 0 {
		c.Summaries = make(map[int]json.RawMessage, n)
		for range n {
			k := d.int()
			c.Summaries[k] = json.RawMessage(d.str())
		}
	}
	c.Facts.Year = d.str()
	if n := d.count(); n > 0 {
		c.Facts.Organisms = make([]string, n)
		for i := range c.Facts.Organisms {
			c.Facts.Organisms[i] = d.str()
		}
	}
	c.Facts.Figid, c.Facts.Title, c.Facts.Figlink = d.str(), d.str(), d.str()
	c.Facts.Schema = d.str()
	if n := d.count(); n > 0 {
		c.Companions = make([]companionUse, n)
		for i := range c.Companions {
			c.Companions[i] = companionUse{Name: d.str(), Path: d.str(), Sum: d.str(),
				Stat: fileStat{Size: d.i64(), Mod: d.i64(), Ino: d.uint(), Dev: d.uint()}}
		}
	}
	if d.err != nil || len(d.b) != 0 {
		return cacheEntry{}, errCorrupt
	}
	return c, nil
}
