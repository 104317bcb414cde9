package rules

import "fmt"

// CaptionDescription checks that schema-jsonld.description repeats caption:
// the page's structured data is what search engines index, and the
// notebooks write the caption into both.
var CaptionDescription = Rule{
	Meta: Meta{
		FixSafety: FixSafe,
		ID:        "caption-description",
		Severity:  SeverityWarning,
		Since:     "0.1.0",
		Precision: PrecisionMedium,
		Summary:   "schema-jsonld.description must equal caption",
		Doc: `The notebooks copy ` + "`caption`" + ` into ` + "`schema-jsonld.description`" + `, the text that search
engines and dataset indexes read. A later edit of one but not the other leaves the two
disagreeing, most often with the description cut short. The values are compared as YAML
reads them, so the same text folded over different lines, or quoted differently, is equal.
The finding sits on the description and offers the caption as its new value.`,
		Bad: `caption: Kinase cascade downstream of the receptor. Arrows mark activation.
schema-jsonld:
  description: Kinase cascade downstream of the receptor.
`,
		Good: `caption: Kinase cascade downstream of the receptor. Arrows mark activation.
schema-jsonld:
  description: Kinase cascade downstream of the receptor. Arrows mark activation.
`,
	},
	Run: runCaptionDescription,
}

// captionDifference says how description differs from caption, in a few
// words a curator can act on without diffing two paragraphs by eye.
func captionDifference(caption, description string) string {
	cr, dr := []rune(caption), []rune(description)
	i := 0
	for i < len(cr) && i < len(dr) && cr[i] == dr[i] {
		i++
	}
	switch {
	case description == "":
		return "is empty while caption is not"
	case i == len(dr):
		return fmt.Sprintf("is cut short: it holds the first %d of caption's %d characters", len(dr), len(cr))
	case i == len(cr):
		return fmt.Sprintf("has %d characters after caption's text (%q)", len(dr)-len(cr), captionExcerpt(dr[i:]))
	}
	return fmt.Sprintf("differs from caption from character %d on (%q where caption has %q)", i+1, captionExcerpt(dr[i:]), captionExcerpt(cr[i:]))
}

// captionExcerpt is up to 30 characters of r, marked when cut.
func captionExcerpt(r []rune) string {
	const limit = 30
	if len(r) <= limit {
		return string(r)
	}
	return string(r[:limit]) + "…"
}

func runCaptionDescription(p *Pass) {
	caption, _, ok := p.Scalar("/caption")
	if !ok {
		return
	}
	ptr := Pointer("schema-jsonld", "description")
	description, n, ok := p.Scalar(ptr)
	if !ok || description == caption {
		return
	}
	p.Report(Diagnostic{
		Node: n, Pointer: ptr,
		Message: "schema-jsonld.description " + captionDifference(caption, description) + "; expected it to equal caption",
		Fixes:   []Fix{p.Doc.ReplaceFix("replace with the caption's text", n, caption)},
	})
}
