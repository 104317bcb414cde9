package rules

// FrontMatter reports files whose front matter cannot be found or read.
var FrontMatter = Rule{
	Meta: Meta{
		ID:       "front-matter",
		Severity: SeverityError,
		Summary:  "the file must start with a readable front matter block (YAML, TOML or JSON)",
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
	Run:      reportProblems("front-matter"),
}

// reportProblems returns a Run function that reports the document's
// parse-time problems carrying the given rule ID.
func reportProblems(id string) func(*Pass) {
	return func(p *Pass) {
		for _, f := range p.Doc.Problems {
			if f.Rule == id {
				p.Report(f)
			}
		}
	}
}
