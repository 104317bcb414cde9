package config

import (
	"fmt"
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// Globs (exclude, overrides' paths) have doublestar's syntax: "*" any part
// of a name, "?" one character, "[abc]" "[a-z]" "[!abc]" a character
// class, "{a,b}" alternatives, "**" as a whole path element any number of
// folders, "\" escapes. doublestar matches in time polynomial in the glob
// and the path: it keeps one backtracking point per "*" and per "**", where
// the matcher it replaced recursed on every "**" (ten of them took tens of
// seconds). Alternatives are expanded, one match per combination, so a
// glob may stand for at most maxGlobAlternatives combinations.

// maxGlobAlternatives bounds the brace-free globs that one glob expands to:
// "{a,b}/{c,d}" is 4. Real globs need a handful; a thousand groups of two
// would be 2^1000 matches per path.
const maxGlobAlternatives = 256

// Match tells whether a slash-separated relative path matches a glob. A
// glob without "/" matches the base name too, as in .gitignore.
func Match(glob, rel string) bool {
	if !strings.Contains(glob, "/") {
		if ok, _ := doublestar.Match(glob, path.Base(rel)); ok {
			return true
		}
	}
	ok, _ := doublestar.Match(glob, rel)
	return ok
}

// CheckGlob returns an error for a glob that is malformed or stands for
// more than maxGlobAlternatives combinations of alternatives.
func CheckGlob(glob string) error {
	if !doublestar.ValidatePattern(glob) {
		return fmt.Errorf("invalid glob %q: expected a glob such as \"drafts/**\" or \"**/*.{md,markdown}\" (an unclosed \"[\" or \"{\", or a \"\\\" at the end?)", glob)
	}
	if n := alternatives(glob, maxGlobAlternatives); n > maxGlobAlternatives {
		return fmt.Errorf("invalid glob %q: its {a,b} groups combine to more than %d alternatives; expected fewer (or several globs)", glob, maxGlobAlternatives)
	}
	return nil
}

// alternatives counts the brace-free globs that glob expands to, up to
// limit+1: a sequence multiplies its groups' counts, a group adds its
// alternatives'. Escaped characters and character classes are skipped.
func alternatives(glob string, limit int) int {
	var seq func(i int, inGroup bool) (count, next int)
	seq = func(i int, inGroup bool) (int, int) {
		count := 1
		for i < len(glob) {
			switch glob[i] {
			case '\\':
				i += 2
			case '[':
				if j := strings.IndexByte(glob[i+1:], ']'); j >= 0 {
					i += j + 2
				} else {
					i = len(glob)
				}
			case '{':
				sum := 0
				for i++; ; i++ { // i is after "{" or ","
					c, next := seq(i, true)
					sum, i = min(sum+c, limit+1), next
					if i >= len(glob) || glob[i] == '}' {
						i++
						break
					}
				}
				count = min(count*sum, limit+1)
			case ',', '}':
				if inGroup {
					return count, i
				}
				i++
			default:
				i++
			}
		}
		return count, i
	}
	n, _ := seq(0, false)
	return n
}
