package rules

import (
	"strconv"
	"strings"
)

// Pointer builds an RFC 6901 JSON pointer from reference tokens.
func Pointer(tokens ...string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1"))
	}
	return b.String()
}

// SplitPointer returns the reference tokens of an RFC 6901 JSON pointer; ""
// is the root. A pointer that does not start with "/" yields ok == false.
func SplitPointer(ptr string) (tokens []string, ok bool) {
	if ptr == "" {
		return nil, true
	}
	if ptr[0] != '/' {
		return nil, false
	}
	tokens = strings.Split(ptr[1:], "/")
	for i, t := range tokens {
		if strings.Contains(t, "~") {
			tokens[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
		}
	}
	return tokens, true
}

// FieldPath renders reference tokens as a field path for messages, such as
// schema-jsonld.keywords[3]; numeric tokens of lists become [i] when isIndex
// says so. The root is "(front matter)".
func FieldPath(tokens []string, isIndex func(depth int) bool) string {
	if len(tokens) == 0 {
		return "(front matter)"
	}
	var b strings.Builder
	for i, t := range tokens {
		if isIndex != nil && isIndex(i) {
			b.WriteByte('[')
			b.WriteString(t)
			b.WriteByte(']')
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		if t == "" || strings.ContainsAny(t, ".[] ") {
			b.WriteString(strconv.Quote(t))
		} else {
			b.WriteString(t)
		}
	}
	return b.String()
}
