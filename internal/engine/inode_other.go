//go:build !unix

package engine

import "io/fs"

// inode returns 0, 0 where file metadata has no inode: size and
// modification time decide alone.
func inode(fs.FileInfo) (ino, dev uint64) { return 0, 0 }
