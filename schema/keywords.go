package schema

import (
	"fmt"

	"github.com/figlint/figlint/rules"
)

// LegacyFormat reports pages of the older PFOCR generation.
var LegacyFormat = rules.Meta{
	ID:       "legacy-format",
	Severity: rules.SeverityWarning,
	Since:    "0.1.0",
	Summary:  "the page uses the older PFOCR front matter format",
	Doc: "Older PFOCR pages have `organisms` as one string, no `organisms_ner`, `doi` or " +
		"journal fields, `pathway_score` instead of `automl_pathway`, and inline `genes`, " +
		"`chemicals` and `diseases` lists. Such a page gets this one finding, at the first key " +
		"that shows the older format, and is checked against the legacy schema instead of " +
		"being flooded with errors. Reported only with the built-in schema.",
	Bad:  "organisms: Homo sapiens\npathway_score: 0.87\n",
	Good: "organisms:\n- Homo sapiens\norganisms_ner:\n- Homo sapiens\nautoml_pathway: 0.87\n",
}

// keyword describes one JSON Schema keyword that can fail.
type keyword struct {
	name     string
	severity rules.Severity
	what     string
}

// examples are the docs' examples for the keywords the built-in schema uses.
var examples = map[string][2]string{
	"type":                 {"year: 2022\n", "year: '2022'\n"},
	"pattern":              {"pmcid: pmc8932105\n", "pmcid: PMC8932105\n"},
	"enum":                 {"figtype: figure\n", "figtype: Figure\n"},
	"const":                {"seo: Creative Work\n", "seo: CreativeWork\n"},
	"required":             {"# no figtype line\nfigid_alias: PMC8932105__F7\n", "figid_alias: PMC8932105__F7\nfigtype: Figure\n"},
	"additionalProperties": {"curator_note: checked by hand\n", "# (unknown fields removed, or kept with --disable schema/additionalProperties)\n"},
	"maximum":              {"automl_pathway: 1.7\n", "automl_pathway: 0.97\n"},
	"minimum":              {"automl_pathway: -0.25\n", "automl_pathway: 0.25\n"},
	"minItems":             {"organisms: []\n", "organisms:\n- NA\n"},
	"minLength":            {"figtitle: ''\n", "figtitle: IL-6 signalling through STAT3 in breast cancer stem cells\n"},
	"anyOf":                {"# an older-format page\norganisms: 42\n", "organisms: Homo sapiens\n"},
}

// keywords lists every assertion keyword whose failure figlint reports, with
// the rule ID schema/<name>.
var keywords = []keyword{
	{"additionalItems", rules.SeverityError, "a list has more items than the schema allows"},
	{"additionalProperties", rules.SeverityWarning, "a mapping has a field the schema does not define (reported at each such key)"},
	{"anyOf", rules.SeverityError, "a value matches none of the allowed alternatives (reported once for the alternatives)"},
	{"const", rules.SeverityError, "a value differs from the one value the schema allows"},
	{"contains", rules.SeverityError, "no item of a list matches the schema's contains"},
	{"contentEncoding", rules.SeverityError, "a string is not in the declared encoding"},
	{"contentMediaType", rules.SeverityError, "a string is not of the declared media type"},
	{"contentSchema", rules.SeverityError, "a string's decoded content fails its schema"},
	{"dependencies", rules.SeverityError, "a field requires other fields that are missing"},
	{"dependentRequired", rules.SeverityError, "a field requires other fields that are missing"},
	{"enum", rules.SeverityError, "a value is not one of the allowed values"},
	{"exclusiveMaximum", rules.SeverityError, "a number is not below the exclusive maximum"},
	{"exclusiveMinimum", rules.SeverityError, "a number is not above the exclusive minimum"},
	{"false", rules.SeverityError, "a value is present where the schema allows none"},
	{"format", rules.SeverityError, "a string is not in the declared format (asserted per the configuration's format: setting)"},
	{"maxContains", rules.SeverityError, "too many items of a list match the schema's contains"},
	{"maxItems", rules.SeverityError, "a list has too many items"},
	{"maxLength", rules.SeverityError, "a string is too long"},
	{"maxProperties", rules.SeverityError, "a mapping has too many fields"},
	{"maximum", rules.SeverityError, "a number is above the maximum"},
	{"minContains", rules.SeverityError, "too few items of a list match the schema's contains"},
	{"minItems", rules.SeverityError, "a list has too few items"},
	{"minLength", rules.SeverityError, "a string is too short"},
	{"minProperties", rules.SeverityError, "a mapping has too few fields"},
	{"minimum", rules.SeverityError, "a number is below the minimum"},
	{"multipleOf", rules.SeverityError, "a number is not a multiple of the given value"},
	{"not", rules.SeverityError, "a value matches a schema it must not match"},
	{"oneOf", rules.SeverityError, "a value matches none, or more than one, of the alternatives (reported once)"},
	{"pattern", rules.SeverityError, "a string does not match the regular expression"},
	{"propertyNames", rules.SeverityError, "a field name fails the schema for names (reported at the key)"},
	{"ref", rules.SeverityError, "the schema's references form a cycle for this value"},
	{"required", rules.SeverityError, "a required field is missing (reported at the parent's key, or the opening \"---\")"},
	{"type", rules.SeverityError, "a value has the wrong type"},
	{"unevaluatedItems", rules.SeverityError, "a list has an item that no keyword of the schema evaluates (reported at the item)"},
	{"unevaluatedProperties", rules.SeverityError, "a mapping has a field that no keyword of the schema evaluates (reported at each such key)"},
	{"uniqueItems", rules.SeverityError, "a list repeats an item (reported at the repeat)"},
}

func keywordMetas() []rules.Meta {
	out := make([]rules.Meta, 0, len(keywords))
	for _, k := range keywords {
		ex, used := examples[k.name]
		doc := fmt.Sprintf("The value fails the schema keyword `%s`: %s. The message names the field "+
			"as a path such as `schema-jsonld.keywords[3]` and says what was found and what "+
			"the schema expects.", k.name, k.what)
		if k.severity != rules.SeverityError {
			doc += " Its default severity is the built-in PFOCR schema's; with a user schema every violation, this one included, is an error unless the configuration sets another severity."
		}
		if !used {
			doc += " The built-in PFOCR schema does not use this keyword: it applies to schemas given with `--schema`."
		}
		out = append(out, rules.Meta{
			Bad:       ex[0],
			Good:      ex[1],
			ID:        "schema/" + k.name,
			Severity:  k.severity,
			Since:     "0.1.0",
			Precision: rules.PrecisionVeryHigh,
			Summary:   k.what,
			Doc:       doc,
		})
	}
	return out
}

// ruleForKeyword maps a failing keyword to its rule ID.
func ruleForKeyword(kw string) string {
	for _, k := range keywords {
		if k.name == kw {
			return "schema/" + kw
		}
	}
	return "schema"
}
