package rules

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds title-quality's checks for titles that the pipeline cut
// or emptied of words, and for near-copies of the paper's title.
//
// A figure's title is mostly its caption's first sentence (the pages show
// it), and the split stops at a ". " even when the period belongs to an
// abbreviation: "… metabolism in C. glutamicum" becomes "… metabolism in
// C", "… as proposed by Winer et al. (2009)" becomes "… by Winer et al".
// Where the clean-up removed a character it could not keep (a Greek letter
// or a symbol, presumably), a word is left starting with "-" or "." ("The
// control of -regulated growth by .1").

// titleDangling are the words a title cannot end with: prepositions,
// articles, conjunctions and possessive determiners, which always lead
// into words that were cut. Phrasal particles such as "up" and "out"
// are left out: "Signalling turned up" ends a sentence.
var titleDangling = map[string]bool{
	"of": true, "in": true, "by": true, "and": true, "or": true, "nor": true,
	"the": true, "a": true, "an": true, "to": true, "with": true, "for": true,
	"from": true, "via": true, "on": true, "at": true, "into": true, "onto": true,
	"through": true, "between": true, "during": true, "within": true,
	"without": true, "versus": true, "vs": true, "than": true, "upon": true,
	"among": true, "toward": true, "towards": true, "including": true,
	"its": true, "their": true, "whose": true,
}

// titleBeforeSpecies are the words after which a lone capital letter is a
// genus initial whose species was cut ("in C", "from S"), not a name such
// as "Vitamin D", "Hepatitis B", "Complex I" or "Protein kinase A".
// "and", "to" and "for" are not among them ("vitamins D and E", "from
// A to B"): after those only the page's text is proof.
var titleBeforeSpecies = map[string]bool{
	"in": true, "of": true, "from": true, "by": true, "with": true,
	"within": true, "via": true,
}

// titleWordEnd trims the punctuation a cut can leave after a word.
func titleWordEnd(w string) string {
	return strings.TrimRight(w, ",;:")
}

// titleDanglingWord reports a lower-case (or capitalised, as title case
// writes it) function word; "A" alone is a name ("Vitamin A"), not "a".
func titleDanglingWord(w string) bool {
	lw := strings.ToLower(w)
	if !titleDangling[lw] {
		return false
	}
	if w == lw {
		return true
	}
	r, size := utf8.DecodeRuneInString(w)
	return len(w) > 1 && unicode.IsUpper(r) && w[size:] == lw[size:]
}

// titleLoneCapital reports an ASCII capital letter alone.
func titleLoneCapital(w string) bool {
	return len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z'
}

// titleSpeciesEvidence looks in text for the abbreviated species name that
// a title ending "… prev L" was cut from: "L. epithet", preceded by prev
// when requirePrev (so that a fly paper's "D. melanogaster" is no proof
// against "Vitamin D"). It returns the name ("C. glutamicum").
func titleSpeciesEvidence(text, prev, letter string, requirePrev bool) (string, bool) {
	needle := " " + letter + ". "
	for from := 0; ; {
		i := strings.Index(text[from:], needle)
		if i < 0 {
			return "", false
		}
		i += from
		from = i + 1
		rest := text[i+len(needle):]
		end := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) })
		if end < 0 {
			end = len(rest)
		}
		if end < 2 {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(rest); !unicode.IsLower(r) {
			continue
		}
		if requirePrev && !strings.HasSuffix(strings.ToLower(text[:i]), strings.ToLower(prev)) {
			continue
		}
		return letter + ". " + rest[:end], true
	}
}

// titleCaptionGoesOn reports a title that is the caption's beginning cut
// at a period that ends no sentence: the caption goes on with a lower-case
// word ("… Pseudomonas sp" and "… Pseudomonas sp. strain
// B13 …"). It returns the title's last word and the caption's next, as
// the caption writes them.
func titleCaptionGoesOn(title, caption string) (string, bool) {
	t := titleWithoutPeriod(strings.TrimSpace(title))
	if t == "" || !strings.HasPrefix(caption, t) || !strings.HasPrefix(caption[len(t):], ". ") {
		return "", false
	}
	rest := caption[len(t)+2:]
	r, _ := utf8.DecodeRuneInString(rest)
	// A sentence may start with a number ("2 steps are shown"), not with
	// a lower-case word.
	if !unicode.IsLower(r) {
		return "", false
	}
	next := rest
	if i := strings.IndexAny(rest, " ,;:)"); i >= 0 {
		next = rest[:i]
	}
	last := t[strings.LastIndexByte(t, ' ')+1:]
	return last + ". " + next, true
}

// titleCut describes a title that ends where the pipeline cut it, with the
// evidence found in papertitle or caption, if any.
type titleCut struct {
	ending   string // the words the title ends with, as shown
	reason   string // why that ending is a cut
	evidence string // the full name found elsewhere on the page
	evidPtr  string // where the evidence is
	open     string // brackets left open, as "(" or "(["
}

// titleCutOf inspects the end of title (without a trailing period) and its
// brackets. texts are papertitle and caption, by pointer, for evidence.
func titleCutOf(title string, texts map[string]string) (titleCut, bool) {
	var c titleCut
	words := strings.Fields(titleWithoutPeriod(title))
	if len(words) < 2 {
		return c, false
	}
	last, prev := titleWordEnd(words[len(words)-1]), words[len(words)-2]
	switch {
	case strings.EqualFold(last, "al") && strings.EqualFold(prev, "et"):
		c.reason = "a citation cut at the period of \"et al.\""
		if len(words) >= 3 {
			prev = words[len(words)-3] + " " + prev
		}
	case titleLoneCapital(last):
		before := titleBeforeSpecies[strings.ToLower(prev)]
		for _, ptr := range []string{"/papertitle", "/caption"} {
			if name, ok := titleSpeciesEvidence(texts[ptr], prev, last, !before); ok {
				c.evidence, c.evidPtr = name, ptr
				break
			}
		}
		if !before && c.evidence == "" {
			break
		}
		c.reason = "a genus initial whose species name was cut at its period"
	case titleDanglingWord(last):
		c.reason = fmt.Sprintf("%q, which leads into words that were cut", last)
	}
	if c.reason == "" {
		if cont, ok := titleCaptionGoesOn(title, texts["/caption"]); ok {
			c.reason = "where the caption goes on after a period that ends no sentence"
			c.evidence, c.evidPtr = cont, "/caption"
		}
	}
	if c.reason != "" {
		c.ending = prev + " " + last
	}
	c.open = titleOpenBrackets(title)
	return c, c.reason != "" || c.open != ""
}

// titleBrackets pairs each closing bracket with its opening one.
var titleBrackets = map[rune]rune{')': '(', ']': '[', '}': '{'}

// titleOpenBrackets returns the brackets that title opens and never
// closes, in order.
func titleOpenBrackets(title string) string {
	open, _ := titleBracketBalance(title)
	return open
}

// titleBracketBalance returns the unclosed opening brackets and the
// closing brackets that had no opener.
func titleBracketBalance(title string) (open, stray string) {
	var stack []rune
	var strays []rune
	for _, r := range title {
		switch r {
		case '(', '[', '{':
			stack = append(stack, r)
		case ')', ']', '}':
			if n := len(stack); n > 0 && stack[n-1] == titleBrackets[r] {
				stack = stack[:n-1]
			} else {
				strays = append(strays, r)
			}
		}
	}
	return string(stack), string(strays)
}

// titleDroppedWords returns the words of title that start with "-" or "."
// followed by a letter (or, for ".", a digit), the marks of text the
// clean-up removed before them: "-Regulated", ".1". A lone dash between
// words and "..." are not such words.
func titleDroppedWords(title string) []string {
	var out []string
	for _, w := range strings.Fields(title) {
		if len(w) < 2 || (w[0] != '-' && w[0] != '.') {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w[1:])
		if unicode.IsLetter(r) || (w[0] == '.' && unicode.IsDigit(r)) {
			out = append(out, w)
		}
	}
	return out
}

// titleCiteMid finds "et al" inside a title (a cut at its end is
// titleCutOf's), returning the citation's first word and "et al".
func titleCiteMid(title string) (string, bool) {
	words := strings.Fields(titleWithoutPeriod(title))
	for i := 1; i+1 < len(words)-1; i++ {
		if strings.EqualFold(words[i], "et") && strings.EqualFold(strings.TrimRight(words[i+1], ".,;:)"), "al") {
			return words[i-1] + " et al", true
		}
	}
	return "", false
}

// titleNormal folds a title for comparison with the paper's: lower case,
// every run of characters other than letters and digits one space, and a
// leading article, "the role of" or "role of" dropped.
func titleNormal(s string) string {
	var b strings.Builder
	space := true // no leading space
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	t := strings.TrimSuffix(b.String(), " ")
	// "The role of a …" drops both leads, in that order.
	for _, lead := range []string{"the ", "role of ", "the ", "an ", "a "} {
		t = strings.TrimPrefix(t, lead)
	}
	return t
}

// titleCopyKind tells how figtitle copies papertitle: "" (it does not),
// "exact" (case and a trailing period aside), "near" (case, punctuation,
// whitespace and a leading article or "The role of" aside), or "main"
// (it is papertitle's part before a colon, normalised alike).
func titleCopyKind(figtitle, papertitle string) string {
	if titleSameAsPaper(figtitle, papertitle) {
		return "exact"
	}
	fig := titleNormal(figtitle)
	if fig == "" {
		return ""
	}
	if fig == titleNormal(papertitle) {
		return "near"
	}
	if i := strings.Index(papertitle, ": "); i > 0 && !strings.Contains(figtitle, ": ") && fig == titleNormal(papertitle[:i]) {
		return "main"
	}
	return ""
}
