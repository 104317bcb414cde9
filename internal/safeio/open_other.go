//go:build !unix

package safeio

// openFlags: elsewhere FIFOs are not opened through paths this way.
const openFlags = 0
