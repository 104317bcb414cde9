package lexicon

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
)

// Magic starts every compiled lexicon file.
const Magic = "FIGLINT-LEXICON\n"

// Version is the version of the compiled format that Encode writes and
// Decode reads. It changes whenever the layout does.
const Version = 1

// maxDecompressed bounds the size of a gzip-compressed lexicon once
// inflated, so that a small crafted file cannot exhaust memory.
const maxDecompressed = 1 << 30

// File is a compiled lexicon file: its sources and its taxa.
type File struct {
	// Version is the format version the file was written in.
	Version int
	// Sources are the inputs, in the order they were read.
	Sources []Source
	// Lexicons are the taxa, by ascending TaxID.
	Lexicons []*Lexicon
}

// ErrFormat is wrapped by the errors of Decode for data that is not a
// compiled lexicon of a version this figlint reads.
var ErrFormat = errors.New("not a figlint lexicon")

// Decode loads a compiled lexicon from data, which may be
// gzip-compressed. The tables are used in place: data must not be changed
// afterwards.
//
// Layout (all numbers unsigned varints unless said otherwise; a string is
// its length then its bytes): Magic, version, source count, per source its
// name, format and date; taxon count, per taxon its TaxID, organism,
// source count and source indexes, then three tables (official symbols,
// synonyms, folded keys), each as entry count, block count, data length,
// block offsets (4-byte little-endian) and data; finally the CRC-32 (IEEE,
// 4 bytes little-endian) of everything before it.
func Decode(data []byte) (*File, error) {
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
		raw, err := io.ReadAll(io.LimitReader(zr, maxDecompressed+1))
		if err != nil {
			return nil, fmt.Errorf("lexicon: decompressing: %w", err)
		}
		if len(raw) > maxDecompressed {
			return nil, fmt.Errorf("lexicon: more than %d bytes once decompressed: %w", maxDecompressed, ErrFormat)
		}
		data = raw
	}
	if len(data) < len(Magic)+4 || string(data[:len(Magic)]) != Magic {
		return nil, fmt.Errorf("lexicon: the file does not start with %q: %w", Magic[:len(Magic)-1], ErrFormat)
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	d := decoder{data: body, pos: len(Magic)}
	f := &File{Version: d.uvarint()}
	if d.err == nil && f.Version != Version {
		return nil, fmt.Errorf("lexicon: format version %d; this figlint reads version %d (rebuild the lexicon with \"figlint lexicon build\"): %w", f.Version, Version, ErrFormat)
	}
	if crc32.ChecksumIEEE(body) != sum {
		return nil, fmt.Errorf("lexicon: checksum mismatch (the file is damaged or truncated): %w", ErrFormat)
	}
	nsrc := d.count()
	for i := 0; i < nsrc && d.err == nil; i++ {
		f.Sources = append(f.Sources, Source{Name: d.str(), Format: d.str(), Date: d.str()})
	}
	ntax := d.count()
	for i := 0; i < ntax && d.err == nil; i++ {
		l := newLexicon(d.uvarint(), d.str())
		nref := d.count()
		for j := 0; j < nref && d.err == nil; j++ {
			ref := d.uvarint()
			if ref >= len(f.Sources) {
				d.fail("source index out of range")
				break
			}
			l.Sources = append(l.Sources, f.Sources[ref])
		}
		l.symbols, l.synonyms, l.folds = d.table(), d.table(), d.table()
		f.Lexicons = append(f.Lexicons, l)
	}
	if d.err == nil && d.pos != len(body) {
		d.fail("trailing bytes")
	}
	if d.err != nil {
		return nil, fmt.Errorf("lexicon: %w: %w", d.err, ErrFormat)
	}
	return f, nil
}

// decoder reads the header fields; the first error sticks.
type decoder struct {
	data []byte
	pos  int
	err  error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("malformed at byte %d: %s", d.pos, what)
	}
}

func (d *decoder) uvarint() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.data[d.pos:])
	if n <= 0 || v > 1<<31 {
		d.fail("bad number")
		return 0
	}
	d.pos += n
	return int(v)
}

// count reads a count, which cannot exceed the bytes left.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > len(d.data)-d.pos {
		d.fail("count larger than the file")
		return 0
	}
	return n
}

func (d *decoder) bytes(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n > len(d.data)-d.pos {
		d.fail("length past the end")
		return nil
	}
	b := d.data[d.pos : d.pos+n : d.pos+n]
	d.pos += n
	return b
}

func (d *decoder) str() string { return string(d.bytes(d.uvarint())) }

func (d *decoder) table() table {
	n := d.uvarint()
	nb := d.count()
	size := d.uvarint()
	t := table{n: n, offsets: d.bytes(4 * nb), data: d.bytes(size)}
	if d.err != nil {
		return table{}
	}
	if nb != (n+blockSize-1)/blockSize {
		d.fail("block count does not match the entry count")
		return table{}
	}
	for b := 0; b < nb; b++ {
		if t.blockStart(b) >= len(t.data) {
			d.fail("block offset past the table")
			return table{}
		}
	}
	if !t.indexFirsts() {
		d.fail("a block's first key is damaged or out of order")
		return table{}
	}
	return t
}

// encode writes f in the compiled format (uncompressed).
func (f *File) encode() []byte {
	out := []byte(Magic)
	out = binary.AppendUvarint(out, Version)
	str := func(s string) {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	out = binary.AppendUvarint(out, uint64(len(f.Sources)))
	index := map[Source]int{}
	for i, s := range f.Sources {
		str(s.Name)
		str(s.Format)
		str(s.Date)
		index[s] = i
	}
	out = binary.AppendUvarint(out, uint64(len(f.Lexicons)))
	for _, l := range f.Lexicons {
		out = binary.AppendUvarint(out, uint64(l.TaxID))
		str(l.Organism)
		out = binary.AppendUvarint(out, uint64(len(l.Sources)))
		for _, s := range l.Sources {
			out = binary.AppendUvarint(out, uint64(index[s]))
		}
		for _, t := range []table{l.symbols, l.synonyms, l.folds} {
			out = binary.AppendUvarint(out, uint64(t.n))
			out = binary.AppendUvarint(out, uint64(t.blocks()))
			out = binary.AppendUvarint(out, uint64(len(t.data)))
			out = append(out, t.offsets...)
			out = append(out, t.data...)
		}
	}
	return binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE(out))
}

// Encode writes f in the compiled format, gzip-compressed when compress is
// true. The output depends only on f: the same lexicon gives the same
// bytes (the gzip header carries no name and no time).
func (f *File) Encode(compress bool) ([]byte, error) {
	raw := f.encode()
	if !compress {
		return raw, nil
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	if _, err := zw.Write(raw); err != nil {
		return nil, fmt.Errorf("lexicon: compressing: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("lexicon: compressing: %w", err)
	}
	return buf.Bytes(), nil
}
