// Package safeio opens and reads the files figlint reads (pages, tables,
// configuration, schemas, lexicons, cache packs, baselines, path lists)
// so that no input can hang a run or grow its memory without bound: only
// regular files are opened, the open never blocks (a FIFO or a device is
// refused before anything is read), and reads stop at a size limit.
package safeio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular is wrapped by errors for paths that are not regular files
// (directories, FIFOs, sockets, devices), after symbolic links.
var ErrNotRegular = errors.New("not a regular file")

// TooLargeError says a file is larger than the limit it was read under.
type TooLargeError struct {
	// Size is the file's size as far as it is known: at least Limit+1.
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("file is %d bytes, more than the limit of %d", e.Size, e.Limit)
}

// Open opens path for reading if it is a regular file, without blocking
// on FIFOs or devices, and returns it with its information.
func Open(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		_ = f.Close() // read-only: nothing to lose
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		_ = f.Close()
		return nil, nil, &fs.PathError{Op: "open", Path: path, Err: ErrNotRegular}
	}
	return f, info, nil
}

// ReadFile reads a regular file of at most limit bytes. A larger file is
// a *TooLargeError (wrapped in a *fs.PathError); so is one that grows
// past the limit while it is read.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, info, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }() // read-only: a close error loses nothing
	return readAll(f, path, info.Size(), limit)
}

// ReadAll reads r up to limit bytes; more is a *TooLargeError. name names
// the source in errors.
func ReadAll(r io.Reader, name string, limit int64) ([]byte, error) {
	return readAll(r, name, 0, limit)
}

func readAll(r io.Reader, name string, size, limit int64) ([]byte, error) {
	if size > limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &TooLargeError{Size: size, Limit: limit}}
	}
	var buf bytes.Buffer
	if size > 0 && size < 1<<30 { // a hint: one allocation for the usual file
		buf.Grow(int(size) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, limit+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &TooLargeError{Size: int64(buf.Len()), Limit: limit}}
	}
	return buf.Bytes(), nil
}

// Limits for the files that are not pages (pages and their tables follow
// --max-size). Each is far above any real file of its kind.
const (
	// ConfigLimit bounds a .figlint.yaml.
	ConfigLimit = 1 << 20
	// SchemaLimit bounds a user's JSON Schema file.
	SchemaLimit = 16 << 20
	// ListLimit bounds a baseline or an @FILE list of paths.
	ListLimit = 256 << 20
	// LexiconLimit bounds a compiled lexicon or a lexicon build input
	// (NCBI's gene_info for all organisms is about 1 GiB compressed; the
	// per-species files that figlint reads are far smaller).
	LexiconLimit = 4 << 30
)
