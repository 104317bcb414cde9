package rules

// NonStringKey reports keys that YAML reads as something other than a string.
var NonStringKey = Rule{
	Meta: Meta{
		ID:        "non-string-key",
		Severity:  SeverityError,
		Since:     "0.1.0",
		Precision: PrecisionVeryHigh,
		Summary:   "mapping keys must be strings",
		Doc: `Front matter keys are field names. A key such as 1, true, null or 2020-01-01 is read
as a number, boolean, null or date, and a key that is itself a list or mapping cannot
be a field name at all. Quote such keys. For validation a scalar key is taken as its
text; a collection key is dropped.`,
		Bad:  "2022: reviewed\n",
		Good: "'2022': reviewed\n",
	},
	Run: reportProblems,
}
