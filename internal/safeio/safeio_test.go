package safeio

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	if err := os.WriteFile(p, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	data, err := ReadFile(p, 10)
	if err != nil || string(data) != "0123456789" {
		t.Fatalf("ReadFile at the limit = %q, %v", data, err)
	}
	var tl *TooLargeError
	if _, err := ReadFile(p, 9); !errors.As(err, &tl) || tl.Size != 10 || tl.Limit != 9 {
		t.Fatalf("ReadFile over the limit: %v; want a TooLargeError of 10 > 9", err)
	}
	if _, err := ReadFile(dir, 100); !errors.Is(err, ErrNotRegular) {
		t.Fatalf("ReadFile of a directory: %v; want ErrNotRegular", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "none"), 100); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("ReadFile of nothing: %v; want ErrNotExist", err)
	}
	if _, err := ReadAll(strings.NewReader(strings.Repeat("x", 11)), "stdin", 10); !errors.As(err, &tl) {
		t.Fatalf("ReadAll over the limit: %v", err)
	}
}

// TestHostileFiles: a FIFO with no writer and /dev/zero are refused at
// once, without blocking or reading without end.
func TestHostileFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs or /dev/zero on Windows")
	}
	fifo := filepath.Join(t.TempDir(), "genes.tsv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	for _, p := range []string{fifo, "/dev/zero"} {
		done := make(chan error, 1)
		go func() { _, err := ReadFile(p, 1<<20); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotRegular) {
				t.Errorf("ReadFile(%s): %v; want ErrNotRegular", p, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("ReadFile(%s) blocked", p)
		}
	}
	// Through a symbolic link, likewise.
	link := filepath.Join(t.TempDir(), "zero.tsv")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(link, 1<<20); !errors.Is(err, ErrNotRegular) {
		t.Errorf("ReadFile through a link to /dev/zero: %v; want ErrNotRegular", err)
	}
}
