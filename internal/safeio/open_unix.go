//go:build unix

package safeio

import "syscall"

// openFlags makes open return at once on a FIFO with no writer; reads of
// regular files ignore it.
const openFlags = syscall.O_NONBLOCK
