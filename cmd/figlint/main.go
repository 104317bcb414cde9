// Command figlint lints the YAML front matter of PFOCR figure pages.
package main

import (
	"os"

	"github.com/figlint/figlint/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}))
}
