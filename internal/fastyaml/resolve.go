package fastyaml

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Tag resolution of plain scalars: the tag yaml.v3 gives a plain scalar
// under its YAML 1.2 core schema, written from that behaviour (and checked
// against yaml.v3 by the differential tests and fuzzers of this package).

// fixedTags are plain scalars with a fixed tag.
var fixedTags = map[string]string{}

func init() {
	for _, w := range []string{"", "~", "null", "Null", "NULL"} {
		fixedTags[w] = "!!null"
	}
	for _, w := range []string{"true", "True", "TRUE", "false", "False", "FALSE"} {
		fixedTags[w] = "!!bool"
	}
	for _, w := range []string{".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"} {
		fixedTags[w] = "!!float"
		if !strings.HasSuffix(strings.ToLower(w), "nan") {
			fixedTags["+"+w], fixedTags["-"+w] = "!!float", "!!float"
		}
	}
}

// floatShape is the YAML 1.2 core schema's pattern for floats.
var floatShape = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// timestampLayouts are the date and time forms yaml.v3 reads as timestamps.
var timestampLayouts = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

// resolve returns the tag of the plain scalar s, or "" for the merge key
// "<<", which the fast path leaves to yaml.v3.
func resolve(s string) string {
	if s == "<<" {
		return ""
	}
	if tag, ok := fixedTags[s]; ok {
		return tag
	}
	switch c := s[0]; {
	case c == '.':
		// Only a float can start with a dot.
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return "!!float"
		}
		return "!!str"
	case c != '+' && c != '-' && (c < '0' || c > '9'):
		return "!!str" // no number or date starts otherwise
	}
	if isTimestamp(s) {
		return "!!timestamp"
	}
	n := strings.ReplaceAll(s, "_", "")
	if isInt(n) {
		return "!!int"
	}
	if floatShape.MatchString(n) {
		if _, err := strconv.ParseFloat(n, 64); err == nil {
			return "!!float"
		}
	}
	return "!!str"
}

// radixPrefixes are the binary and octal prefixes yaml.v3 also reads by
// themselves: whatever follows them is parsed in that base, so even
// "0o-117" is an integer to it; after "-0b" and "-0o" the number is
// negative.
var radixPrefixes = []struct {
	prefix string
	base   int
	minus  bool
}{{"0b", 2, false}, {"-0b", 2, true}, {"0o", 8, false}, {"-0o", 8, true}}

// isInt tells whether n is an integer to yaml.v3: Go's base-0 syntax
// (decimal, 0x, 0o, 0b or a leading 0 for octal), signed or not, fitting
// 64 bits, or one of radixPrefixes followed by digits of that base.
func isInt(n string) bool {
	if _, err := strconv.ParseInt(n, 0, 64); err == nil {
		return true
	}
	if _, err := strconv.ParseUint(n, 0, 64); err == nil {
		return true
	}
	for _, r := range radixPrefixes {
		rest, ok := strings.CutPrefix(n, r.prefix)
		if !ok {
			continue
		}
		if r.minus {
			_, err := strconv.ParseInt("-"+rest, r.base, 64)
			return err == nil
		}
		if _, err := strconv.ParseInt(rest, r.base, 64); err == nil {
			return true
		}
		_, err := strconv.ParseUint(rest, r.base, 64)
		return err == nil
	}
	return false
}

// isTimestamp tells whether s is a date (four digits and a dash first) in
// one of timestampLayouts.
func isTimestamp(s string) bool {
	if len(s) < 5 || s[4] != '-' {
		return false
	}
	for i := range 4 {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	for _, layout := range timestampLayouts {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}
