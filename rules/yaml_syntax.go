package rules

// YAMLSyntax reports front matter that is not valid YAML.
var YAMLSyntax = Rule{
	Meta: Meta{
		ID:        "yaml-syntax",
		Severity:  SeverityError,
		Since:     "0.1.0",
		Precision: PrecisionVeryHigh,
		Summary:   "the front matter must be valid YAML (or TOML, or JSON)",
		Doc: `The front matter is parsed with a YAML 1.2 parser. A parse error is reported at the
line the parser names, over that line's text; the rest of the file is not checked.
Also reported: aliases that expand to more than 100,000 values (an "alias bomb"),
an alias inside the value of its own anchor (a cycle, such as a: &a {<<: *a}, which
has no finite value: reported at the alias that closes it), nesting deeper than
10,000 levels, and a merge key ("<<") whose value is not a mapping or a list of
mappings. TOML ("+++") and JSON ("{") front matter that does not parse is reported
here too, at the character where parsing failed ("invalid TOML: ...", "invalid JSON:
..."), as are TOML dates and times that do not exist (2024-02-30) and integers beyond
64 bits.`,
		Bad:  "organisms:\n- [Candida] glabrata\n",
		Good: "organisms:\n- '[Candida] glabrata'\n",
	},
	OnBroken: true,
	Run:      reportProblems,
}
