package rules

// FrontMatter reports files whose front matter cannot be found or read.
var FrontMatter = Rule{
	Meta: Meta{
		ID:        "front-matter",
		Severity:  SeverityError,
		Since:     "0.1.0",
		Precision: PrecisionVeryHigh,
		Summary:   "the file must start with a readable front matter block (YAML, TOML or JSON)",
		Doc: `A page must start with front matter: YAML between a line "---" and a line "---" or
"...", TOML between two lines "+++" (as Hugo writes it), or a JSON object when the first
character that is not white space is "{" (the object ends at its matching "}"). A UTF-8
byte-order mark and CRLF line endings are accepted, and the text after the block is
ignored. Reported: an empty file, a file without front matter, an unterminated block,
front matter that is not UTF-8, a file larger than the size limit (` + "`--max-size`" + `,
10 MiB by default), and a file that cannot be read. Nothing else is checked in such a
file.`,
		Bad:  "+++\nfigid = \"PMC8932105__f7\"\n",
		Good: "+++\nfigid = \"PMC8932105__f7\"\n+++\n",
	},
	OnBroken: true,
	Run:      reportProblems,
}

// reportProblems is the Run function of the rules that report the
// document's parse-time problems: those carrying the running rule's ID.
func reportProblems(p *Pass) {
	for _, f := range p.Doc.Problems {
		if f.Rule == p.RuleID() {
			p.Report(Diagnostic{Range: f.Range, Pointer: f.Pointer, Path: f.Path, Message: f.Message,
				Severity: f.Severity, Fixes: f.Fixes, Related: f.Related})
		}
	}
}
