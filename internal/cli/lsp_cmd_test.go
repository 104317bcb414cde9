package cli

import (
	"strings"
	"testing"
)

// TestLSPUsage: figlint lsp's usage errors exit 2 with a message, and
// --help prints its flags.
func TestLSPUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"lsp", "page.md"}, ExitUsage, "lsp takes no paths"},
		{[]string{"lsp", "--debounce", "-1s"}, ExitUsage, "--debounce must not be negative"},
		{[]string{"lsp", "--max-size", "lots"}, ExitUsage, "--max-size"},
		{[]string{"lsp", "--log-file", "/nonexistent/dir/log"}, ExitUsage, "--log-file"},
		{[]string{"lsp", "--help"}, ExitClean, "--debounce"},
		{[]string{"help", "lsp"}, ExitClean, "--log-file FILE"},
	} {
		var out, errs strings.Builder
		code := Main(c.args, IO{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errs, Dir: t.TempDir()})
		if code != c.code || !strings.Contains(out.String()+errs.String(), c.want) {
			t.Errorf("figlint %s: status %d, output %q; expected %d and %q", strings.Join(c.args, " "), code, out.String()+errs.String(), c.code, c.want)
		}
	}
}
