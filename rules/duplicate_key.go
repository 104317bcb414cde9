package rules

// DuplicateKey reports a mapping key given twice.
var DuplicateKey = Rule{
	Meta: Meta{
		ID:        "duplicate-key",
		Severity:  SeverityError,
		Since:     "0.1.0",
		Precision: PrecisionVeryHigh,
		Summary:   "a mapping must not define the same key twice",
		Doc: `YAML forbids duplicate keys, yet many readers silently keep one of the values
(Jekyll keeps the last). The finding sits on the second occurrence and names the line
of the first. The value checked by the other rules is the last one, as the site sees it.
In TOML front matter, a table defined twice ("[params]" twice), a key given again as a
table, or a dotted key ("a.b = 1") over a key that holds a value is reported the same
way; in JSON front matter, a key repeated in one object.`,
		Bad:  "ndex: ''\nndex: f201ca90-de8d-11ea-99da-0ac135e8bacf\n",
		Good: "ndex: f201ca90-de8d-11ea-99da-0ac135e8bacf\n",
	},
	Run: reportProblems,
}
