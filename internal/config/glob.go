package config

import (
	"fmt"
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

// Match tells whether a slash-separated relative path matches a glob, the
// way .gitignore matches: a glob that matches a folder matches everything
// in it ("drafts", "drafts/**" and "drafts/" all match "drafts/a.md"); a
// glob without "/" but at its end matches a name at any depth ("vendor",
// "*.markdown"); a glob ending in "/" matches folders only; a leading "/"
// only anchors (globs with a "/" inside are relative to the configuration
// file either way).
func Match(glob, rel string) bool {
	dirOnly := strings.HasSuffix(glob, "/")
	glob = strings.TrimPrefix(strings.TrimRight(glob, "/"), "/")
	if glob == "" || rel == "" {
		return false
	}
	// The glob is tried against each folder of rel, then rel itself: by
	// name (unanchored) or by its path from the top (anchored). One match
	// per folder keeps the cost polynomial. (A single match of
	// "**/glob/**" would do, but doublestar does not let a "*" or a "**"
	// before a trailing "/**" match nothing: "a*/**" misses "a".)
	anchored := strings.Contains(glob, "/")
	start := 0
	for end := 0; end <= len(rel); end++ {
		if end < len(rel) && rel[end] != '/' {
			continue
		}
		if end == len(rel) && dirOnly {
			break
		}
		target := rel[start:end]
		if anchored {
			target = rel[:end]
		}
		if ok, _ := doublestar.Match(glob, target); ok {
			return true
		}
		start = end + 1
	}
	return false
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
