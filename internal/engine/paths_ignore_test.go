package engine

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// ignoreTree is a site with .gitignore files that use every kind of
// pattern: comments, negation, directory-only and anchored patterns, "**"
// in each place, character classes, escapes, trailing spaces, and files in
// nested folders that override their parents.
var ignoreTree = map[string]string{
	".gitignore": "# generated output\npublic/\n/vendor\n*.draft.md\n!keep.draft.md\ndocs/**/generated.md\n**/tmp/*.md\nbuild\n" +
		"\\#hash.md\ntrailing.md   \n/anchored/x.md\n[ab]x.md\n[!c]y.md\n?.md\nsub/**\n",
	"content/.gitignore":      "!*.draft.md\nsecret/\n/only-here.md\ndeep/**/zz.md\n",
	"content/sub2/.gitignore": "*\n!*.md\n!keep/\n",
}

var ignorePages = []string{
	"top.md", "public/pub.md", "x/public/pub.md", "vendor/ven.md", "x/vendor/ven.md", "post.draft.md", "keep.draft.md",
	"docs/a/b/generated.md", "docs/generated.md", "docs/other.md", "a/tmp/tm.md", "tmp/tm.md", "tmp/deeper/tm.md",
	"build/bu.md", "x/build.md", "#hash.md", "trailing.md", "anchored/x.md", "y/anchored/x.md",
	"ax.md", "cx.md", "ay.md", "cy.md", "q.md", "qq.md", "sub/su.md", "sub/d/su.md", "subx/su.md",
	"content/c.draft.md", "content/secret/su.md", "content/secret.md", "content/only-here.md", "content/x/only-here.md",
	"content/deep/zz.md", "content/deep/a/b/zz.md", "content/sub2/kk.md", "content/sub2/keep/aa.md", "content/sub2/other/oo.md",
	"sp ace.md",
}

func writeTree(t *testing.T, files map[string]string, pages []string) string {
	t.Helper()
	dir := t.TempDir()
	all := map[string]string{}
	for k, v := range files {
		all[k] = v
	}
	for _, p := range pages {
		all[p] = "---\ntitle: a page\n---\n"
	}
	for p, text := range all {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func collected(t *testing.T, dir string, opts CollectOptions, args ...string) []string {
	t.Helper()
	for i, a := range args {
		args[i] = filepath.Join(dir, a)
	}
	files, errs := CollectWith(args, dir, nil, opts)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out := make([]string, 0, len(files))
	for _, f := range files {
		out = append(out, f.Display)
	}
	return out
}

// TestCollectGitignoreAgreesWithGit walks the tree and compares the pages
// picked with what git itself leaves out of the same tree
// (git ls-files --others --exclude-standard), when git is installed.
func TestCollectGitignoreAgreesWithGit(t *testing.T) {
	gitBin, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed; TestCollectGitignoreByHand covers the same rules")
	}
	dir := writeTree(t, ignoreTree, ignorePages)
	git := func(args ...string) []byte {
		cmd := exec.Command(gitBin, append([]string{"-c", "core.excludesFile=" + os.DevNull}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "XDG_CONFIG_HOME="+dir)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("git %v: %v", args, err)
		}
		return out
	}
	git("init", "-q")
	var want []string
	for _, p := range bytes.Split(git("ls-files", "--others", "--exclude-standard", "-z"), []byte{0}) {
		if s := string(p); s != "" && walkPicks(s) {
			want = append(want, s)
		}
	}
	slices.Sort(want)
	got := collected(t, dir, CollectOptions{}, ".")
	if !slices.Equal(got, want) {
		t.Errorf("picked %q\ngit leaves %q", got, want)
	}
	if len(want) < 10 || len(want) > len(ignorePages)-10 {
		t.Errorf("git leaves %d of %d pages; expected the tree to exclude and keep many", len(want), len(ignorePages))
	}
}

// TestCollectGitignoreByHand states, page by page, what gitignore(5)
// says of the tree (without git, so that it runs everywhere).
func TestCollectGitignoreByHand(t *testing.T) {
	dir := writeTree(t, ignoreTree, ignorePages)
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"content/c.draft.md",      // *.draft.md, re-included by content/.gitignore
		"content/secret.md",       // secret/ is for folders only
		"content/sub2/kk.md",      // "*", then "!*.md"
		"content/sub2/keep/aa.md", // "*", then "!keep/" and "!*.md"
		"content/x/only-here.md",  // /only-here.md is anchored to content/
		"cx.md",                   // not [ab]x.md
		"cy.md",                   // [!c]y.md leaves cy.md
		"docs/other.md",
		"keep.draft.md", // !keep.draft.md
		"qq.md",         // ?.md is one character
		"sp ace.md",
		"subx/su.md",       // sub/** is sub's content only
		"tmp/deeper/tm.md", // **/tmp/*.md: * does not span folders
		"top.md",
		"x/build.md",      // build is a name, build.md another
		"x/vendor/ven.md", // /vendor is anchored
	}
	// Left out: public/ and x/public/ (folders named public), vendor/,
	// the drafts, docs/**/generated.md with ** as no folder or two,
	// **/tmp/*.md at two depths, the folder build, "#hash.md" (escaped),
	// "trailing.md" (trailing spaces dropped), anchored/x.md, ax.md, ay.md,
	// q.md and y/anchored/x.md (?.md), sub/**, content/secret/, content/only-here.md, deep/**/zz.md
	// at both depths, and content/sub2/other/ ("*" takes the folder).
	slices.Sort(want)
	if got := collected(t, dir, CollectOptions{}, "."); !slices.Equal(got, want) {
		t.Errorf("picked %q\nwant    %q", got, want)
	}
}

// TestCollectNoIgnore: --no-ignore walks every page; a page or folder
// named on the command line is taken even when ignored, and the files
// inside a named folder still follow the ignore files.
func TestCollectNoIgnore(t *testing.T) {
	dir := writeTree(t, ignoreTree, ignorePages)
	if got := collected(t, dir, CollectOptions{NoIgnore: true}, "."); len(got) != len(ignorePages) {
		t.Errorf("--no-ignore picked %d pages; expected all %d: %q", len(got), len(ignorePages), got)
	}
	if got := collected(t, dir, CollectOptions{}, "public/pub.md", "post.draft.md"); !slices.Equal(got, []string{"post.draft.md", "public/pub.md"}) {
		t.Errorf("named ignored pages: picked %q; expected both", got)
	}
	if got := collected(t, dir, CollectOptions{}, "public"); !slices.Equal(got, []string{"public/pub.md"}) {
		t.Errorf("named ignored folder public: picked %q; expected its page", got)
	}
	// In a repository, a walk of a subfolder also reads the ignore files
	// above it, up to the repository root (outside one, only its own and
	// those below it).
	if got := collected(t, dir, CollectOptions{}, "sub"); len(got) != 2 {
		t.Errorf("named folder sub outside a repository: picked %q; expected both its pages", got)
	}
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := collected(t, dir, CollectOptions{}, "sub"); !slices.Equal(got, []string(nil)) {
		t.Errorf("named folder sub (sub/** ignores what is in it): picked %q; expected nothing", got)
	}
	if got := collected(t, dir, CollectOptions{}, "docs"); !slices.Equal(got, []string{"docs/other.md"}) {
		t.Errorf("walk of docs: picked %q; expected docs/other.md (the root .gitignore excludes the generated pages)", got)
	}
}

// TestCollectDotIgnore: a .ignore file has the same syntax and overrides
// the .gitignore of its folder.
func TestCollectDotIgnore(t *testing.T) {
	dir := writeTree(t, map[string]string{
		".gitignore":   "*.draft.md\n",
		".ignore":      "!b.draft.md\nold/\n",
		"x/.gitignore": "!c.draft.md\n",
	}, []string{"a.draft.md", "b.draft.md", "old/o.md", "x/c.draft.md", "x/d.md"})
	want := []string{"b.draft.md", "x/c.draft.md", "x/d.md"}
	if got := collected(t, dir, CollectOptions{}, "."); !slices.Equal(got, want) {
		t.Errorf("picked %q; want %q", got, want)
	}
}
