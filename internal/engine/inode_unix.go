//go:build unix

package engine

import (
	"io/fs"
	"syscall"
)

// inode returns a file's inode and device numbers.
func inode(info fs.FileInfo) (ino, dev uint64) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino), uint64(st.Dev) //nolint:unconvert // the field types differ between platforms
	}
	return 0, 0
}
