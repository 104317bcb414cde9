package schema

import (
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/figlint/figlint/rules"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

var printer = message.NewPrinter(language.English)

// mapper turns one validation error tree into findings.
type mapper struct {
	pass *rules.Pass
	// user: the schema is the user's, whose every violation is an error.
	user bool
	// failed are the instance locations of the tree's other failures
	// (all but unevaluatedProperties/unevaluatedItems), as pointers.
	failed []string
}

// isUnevaluated tells whether a leaf is a field or item rejected by
// unevaluatedProperties: false or unevaluatedItems: false.
func isUnevaluated(e *jsonschema.ValidationError) bool {
	_, isFalse := e.ErrorKind.(*kind.FalseSchema)
	return isFalse && (strings.HasSuffix(e.SchemaURL, "/unevaluatedProperties") || strings.HasSuffix(e.SchemaURL, "/unevaluatedItems"))
}

// failedAt collects the instance locations of the leaves of the error
// tree that are not unevaluated fields or items.
func failedAt(e *jsonschema.ValidationError, out []string) []string {
	if len(e.Causes) == 0 {
		if !isUnevaluated(e) {
			out = append(out, rules.Pointer(e.InstanceLocation...))
		}
		return out
	}
	for _, c := range e.Causes {
		out = failedAt(c, out)
	}
	return out
}

// otherFailureIn tells whether another failure lies in the value at
// parent: a subschema that fails keeps none of its annotations, so the
// fields it evaluated look unevaluated too (one wrong "slug" would make
// "title" unknown); such findings wait until the other failures are fixed.
func (m *mapper) otherFailureIn(parent []string) bool {
	ptr := rules.Pointer(parent...)
	for _, f := range m.failed {
		if f == ptr || strings.HasPrefix(f, ptr+"/") {
			return true
		}
	}
	return false
}

// walk descends to the leaves of the error tree; anyOf and oneOf are
// handled as a unit.
func (m *mapper) walk(e *jsonschema.ValidationError) {
	switch e.ErrorKind.(type) {
	case *kind.AnyOf, *kind.OneOf:
		m.alternatives(e)
		return
	case *kind.Schema, *kind.Group, *kind.Reference, *kind.AllOf:
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				m.walk(c)
			}
			return
		}
	}
	m.leaf(e)
}

// alternatives reports a failed anyOf/oneOf. When exactly one alternative
// has the value's shape (the others fail on type at the same place), its own
// errors are more useful and are reported instead; otherwise the whole
// keyword becomes one finding.
func (m *mapper) alternatives(e *jsonschema.ValidationError) {
	kw := "anyOf"
	if one, ok := e.ErrorKind.(*kind.OneOf); ok {
		kw = "oneOf"
		if len(one.Subschemas) >= 2 {
			path, found := m.found(e.InstanceLocation)
			m.report("schema/oneOf", e.InstanceLocation, false, "%s is %s; expected it to match exactly one alternative, but it matches alternatives %d and %d",
				path, found, one.Subschemas[0], one.Subschemas[1])
			return
		}
	}
	var shaped []*jsonschema.ValidationError
	var wants []string
	for _, c := range e.Causes {
		if w, ok := typeOnly(c, len(e.InstanceLocation)); ok {
			wants = append(wants, w)
			continue
		}
		shaped = append(shaped, c)
		wants = append(wants, expectation(c))
	}
	if len(shaped) == 1 {
		m.walk(shaped[0])
		return
	}
	path, found := m.found(e.InstanceLocation)
	m.report("schema/"+kw, e.InstanceLocation, false, "%s is %s; expected %s", path, found, strings.Join(dedupe(wants), ", or "))
}

// typeOnly tells whether an alternative failed only because the value at
// depth has the wrong type, and returns what that alternative wanted.
func typeOnly(e *jsonschema.ValidationError, depth int) (string, bool) {
	if t, ok := e.ErrorKind.(*kind.Type); ok && len(e.InstanceLocation) == depth {
		return typeNames(t.Want), true
	}
	if len(e.Causes) == 1 {
		switch e.ErrorKind.(type) {
		case *kind.Schema, *kind.Group, *kind.Reference, *kind.AllOf:
			return typeOnly(e.Causes[0], depth)
		}
	}
	return "", false
}

// expectation summarises what a failed alternative wanted.
func expectation(e *jsonschema.ValidationError) string {
	for len(e.Causes) == 1 {
		e = e.Causes[0]
	}
	switch k := e.ErrorKind.(type) {
	case *kind.Type:
		return typeNames(k.Want)
	case *kind.Pattern:
		return "a string matching " + k.Want
	case *kind.Const:
		return display(k.Want)
	case *kind.Enum:
		return "one of " + displayList(k.Want)
	case *kind.Required:
		return "a mapping with " + quoteList(k.Missing)
	case *kind.MinLength:
		return fmt.Sprintf("at least %d characters", k.Want)
	case *kind.MaxLength:
		return fmt.Sprintf("at most %d characters", k.Want)
	case *kind.Minimum:
		return "a number of at least " + ratString(k.Want)
	case *kind.Maximum:
		return "a number of at most " + ratString(k.Want)
	case *kind.MinItems:
		return fmt.Sprintf("a list of at least %d items", k.Want)
	case *kind.MaxItems:
		return fmt.Sprintf("a list of at most %d items", k.Want)
	}
	kw := "its schema"
	if kp := e.ErrorKind.KeywordPath(); len(kp) > 0 {
		kw = "its " + kp[0]
	}
	return "a value that satisfies " + kw
}

func (m *mapper) leaf(e *jsonschema.ValidationError) {
	loc := e.InstanceLocation
	path, found := m.found(loc)
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		for _, name := range k.Missing {
			where := "the front matter"
			if len(loc) > 0 {
				where = path
			}
			m.reportAs("schema/required", loc, append(append([]string{}, loc...), name), true,
				"required field %q is missing from %s; expected it to be present", name, where)
		}
	case *kind.AdditionalProperties:
		for _, name := range k.Properties {
			child := append(append([]string{}, loc...), name)
			where := "the front matter"
			if len(loc) > 0 {
				where = path
			}
			m.report("schema/additionalProperties", child, true, "unknown field %q in %s; expected only the fields the schema defines", name, where)
		}
	case *kind.Dependency:
		m.report("schema/dependencies", append(append([]string{}, loc...), k.Prop), true,
			"field %q requires %s, which are missing; expected them alongside it", k.Prop, quoteList(k.Missing))
	case *kind.DependentRequired:
		m.report("schema/dependentRequired", append(append([]string{}, loc...), k.Prop), true,
			"field %q requires %s, which are missing; expected them alongside it", k.Prop, quoteList(k.Missing))
	case *kind.PropertyNames:
		// jsonschema v6.0.3 may hand over a location that a sibling
		// overwrote; trust it only if it holds the property, else search.
		where := append(append([]string{}, loc...), k.Property)
		if _, ok := m.pass.Doc.LookupTokens(where); !ok {
			if found := findKey(m.pass.Doc.Value, k.Property, nil); found != nil {
				where = found
			}
		}
		m.report("schema/propertyNames", where, true,
			"field name %q in %s is not allowed; expected a name the schema's propertyNames accepts", k.Property, m.path(where[:len(where)-1]))
	case *kind.Type:
		hint := ""
		// In a JSON file an unquoted value is no string by JSON's own
		// rules: the YAML hint would mislead.
		isJSON := strings.HasSuffix(strings.ToLower(m.pass.Doc.Path), ".json")
		if n := m.node(loc); !isJSON && n != nil && n.Kind == yaml.ScalarNode && n.Style == 0 && n.Tag != "!!str" && strings.Contains(typeNames(k.Want), "string") {
			if n.Value == "" {
				found, hint = "empty", " (write '' for an empty string)"
			} else {
				hint = " (YAML reads the unquoted " + strconv.Quote(n.Value) + " as " + rules.YAMLTagName(n.Tag) + "; quote it to keep it text)"
			}
		}
		m.report("schema/type", loc, false, "%s is %s; expected %s%s", path, found, typeNames(k.Want), hint)
	case *kind.Enum:
		m.report("schema/enum", loc, false, "%s is %s; expected one of %s", path, found, displayList(k.Want))
	case *kind.Const:
		m.report("schema/const", loc, false, "%s is %s; expected %s", path, found, display(k.Want))
	case *kind.Pattern:
		m.report("schema/pattern", loc, false, "%s is %s; expected a string matching %s", path, found, k.Want)
	case *kind.Format:
		m.report("schema/format", loc, false, "%s is %s; expected a valid %s (%v)", path, found, k.Want, k.Err)
	case *kind.Minimum:
		m.report("schema/minimum", loc, false, "%s is %s; expected at least %s", path, found, ratString(k.Want))
	case *kind.Maximum:
		m.report("schema/maximum", loc, false, "%s is %s; expected at most %s", path, found, ratString(k.Want))
	case *kind.ExclusiveMinimum:
		m.report("schema/exclusiveMinimum", loc, false, "%s is %s; expected more than %s", path, found, ratString(k.Want))
	case *kind.ExclusiveMaximum:
		m.report("schema/exclusiveMaximum", loc, false, "%s is %s; expected less than %s", path, found, ratString(k.Want))
	case *kind.MultipleOf:
		m.report("schema/multipleOf", loc, false, "%s is %s; expected a multiple of %s", path, found, ratString(k.Want))
	case *kind.MinLength:
		m.report("schema/minLength", loc, false, "%s is %s (%d characters); expected at least %d", path, found, k.Got, k.Want)
	case *kind.MaxLength:
		m.report("schema/maxLength", loc, false, "%s is %d characters long; expected at most %d", path, k.Got, k.Want)
	case *kind.MinItems:
		m.report("schema/minItems", loc, false, "%s has %s; expected at least %d", path, plural(k.Got, "item"), k.Want)
	case *kind.MaxItems:
		m.report("schema/maxItems", loc, false, "%s has %s; expected at most %d", path, plural(k.Got, "item"), k.Want)
	case *kind.MinProperties:
		m.report("schema/minProperties", loc, false, "%s has %d fields; expected at least %d", path, k.Got, k.Want)
	case *kind.MaxProperties:
		m.report("schema/maxProperties", loc, false, "%s has %d fields; expected at most %d", path, k.Got, k.Want)
	case *kind.UniqueItems:
		second := append(append([]string{}, loc...), strconv.Itoa(k.Duplicates[1]))
		secondPath, secondFound := m.found(second)
		m.report("schema/uniqueItems", second, false, "%s repeats item %d (%s); expected unique items",
			secondPath, k.Duplicates[0], secondFound)
	case *kind.Not:
		m.report("schema/not", loc, false, "%s is %s; expected a value that the schema's \"not\" rejects", path, found)
	case *kind.FalseSchema:
		// unevaluatedProperties: false and unevaluatedItems: false reject
		// each left-over field or item with a false schema: name it so.
		switch {
		case isUnevaluated(e) && len(loc) > 0 && m.otherFailureIn(loc[:len(loc)-1]):
			// Reported once the value's other failures are fixed.
		case strings.HasSuffix(e.SchemaURL, "/unevaluatedProperties") && len(loc) > 0:
			where := "the front matter"
			if len(loc) > 1 {
				where = m.path(loc[:len(loc)-1])
			}
			m.report("schema/unevaluatedProperties", loc, true, "unknown field %q in %s; expected only the fields the schema evaluates", loc[len(loc)-1], where)
		case strings.HasSuffix(e.SchemaURL, "/unevaluatedItems") && len(loc) > 0:
			m.report("schema/unevaluatedItems", loc, false, "%s is %s; expected no item beyond those the schema evaluates", path, found)
		default:
			m.report("schema/false", loc, false, "%s is %s; expected no value here (the schema allows none)", path, found)
		}
	case *kind.RefCycle:
		m.report("schema/ref", loc, false, "%s: %s", path, k.LocalizedString(printer))
	case *kind.InvalidJsonValue:
		m.report("schema", loc, false, "%s holds a value that is not JSON (%T); expected JSON-compatible data", path, k.Value)
	default:
		id := "schema"
		if kp := e.ErrorKind.KeywordPath(); len(kp) > 0 {
			id = ruleForKeyword(kp[0])
		}
		m.report(id, loc, false, "%s: %s", path, e.ErrorKind.LocalizedString(printer))
	}
}

// report places a finding at the node for loc: its key when key is true
// (the opening delimiter for the root), else its value.
func (m *mapper) report(rule string, loc []string, key bool, format string, args ...any) {
	m.reportAs(rule, loc, loc, key, format, args...)
}

// reportAs is report with a pointer other than the location: a missing
// field is reported at its parent but concerns the field itself.
func (m *mapper) reportAs(rule string, loc, pointer []string, key bool, format string, args ...any) {
	if !m.pass.Enabled(rule) {
		return // dropped anyway: skip the lookup
	}
	doc := m.pass.Doc
	r := doc.Open
	if doc.Root != nil {
		if e, ok := doc.LookupTokens(loc); ok {
			n := e.Value
			if key && len(loc) > 0 && e.Key != nil {
				n = e.Key
			}
			if !key || len(loc) > 0 {
				r = doc.NodeRange(n)
			}
		}
	}
	d := rules.Diagnostic{As: rule, Range: r, Pointer: rules.Pointer(pointer...), Message: fmt.Sprintf(format, args...)}
	if m.user {
		// The rule's default severity is the built-in schema's; with the
		// user's own schema, an invalid value is an error (the user's
		// configuration may still lower it).
		d.Severity = rules.SeverityError
	}
	m.pass.Report(d)
}

func (m *mapper) node(loc []string) *yaml.Node {
	if m.pass.Doc.Root == nil {
		return nil
	}
	if e, ok := m.pass.Doc.LookupTokens(loc); ok {
		return e.Value
	}
	return nil
}

// findKey returns the location of the first mapping key named key, in
// the order of sorted keys, or nil.
func findKey(v any, key string, at []string) []string {
	switch x := v.(type) {
	case map[string]any:
		if _, ok := x[key]; ok {
			return append(append([]string{}, at...), key)
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if found := findKey(x[k], key, append(at, k)); found != nil {
				return found
			}
		}
	case []any:
		for i, c := range x {
			if found := findKey(c, key, append(at, strconv.Itoa(i))); found != nil {
				return found
			}
		}
	}
	return nil
}

// at walks the JSON value along loc once and returns the value there (nil
// when loc names none) and loc as a field path, with [i] for list indexes.
func (m *mapper) at(loc []string) (value any, path string) {
	isIndex := make([]bool, len(loc))
	cur := m.pass.Doc.Value
	for i, t := range loc {
		switch c := cur.(type) {
		case []any:
			isIndex[i] = true
			if n, err := strconv.Atoi(t); err == nil && n >= 0 && n < len(c) {
				cur = c[n]
			} else {
				cur = nil
			}
		case map[string]any:
			cur = c[t]
		default:
			cur = nil
		}
	}
	return cur, rules.FieldPath(loc, func(d int) bool { return isIndex[d] })
}

// path renders loc as a field path; see at.
func (m *mapper) path(loc []string) string {
	_, p := m.at(loc)
	return p
}

// found describes the value at loc and gives loc's field path.
func (m *mapper) found(loc []string) (path, found string) {
	v, p := m.at(loc)
	return p, describe(v)
}

func typeNames(want []string) string {
	names := make([]string, 0, len(want))
	for _, w := range want {
		switch w {
		case "string":
			names = append(names, "a string")
		case "number":
			names = append(names, "a number")
		case "integer":
			names = append(names, "an integer")
		case "boolean":
			names = append(names, "a boolean")
		case "array":
			names = append(names, "a list")
		case "object":
			names = append(names, "a mapping")
		case "null":
			names = append(names, "null")
		default:
			names = append(names, w)
		}
	}
	return strings.Join(names, " or ")
}

func display(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case nil:
		return "null"
	}
	return fmt.Sprint(v)
}

func displayList(vs []any) string {
	parts := make([]string, 0, len(vs))
	for _, v := range vs {
		parts = append(parts, display(v))
	}
	return strings.Join(parts, ", ")
}

func quoteList(ss []string) string {
	parts := make([]string, 0, len(ss))
	for _, s := range ss {
		parts = append(parts, strconv.Quote(s))
	}
	return strings.Join(parts, ", ")
}

func ratString(r *big.Rat) string {
	if r == nil {
		return "?"
	}
	if r.IsInt() {
		return r.Num().String()
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
