package rules

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
)

// Registry holds the rules of a run and the metadata of every rule ID.
type Registry struct {
	rules []Rule
	metas map[string]Meta
}

var (
	validID      = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*(/[a-zA-Z][a-zA-Z0-9]*)?$`)
	validVersion = regexp.MustCompile(`^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$`)
)

// derivedTags returns the tags of the i-th ID of rule r (0: its own, then
// its family's): "front-matter", then the family's ID for a member, then
// "collection" for a collection-level rule's own ID, then the Meta's own
// tags that are not among them.
func derivedTags(r Rule, i int, own []string) []string {
	tags := []string{"front-matter"}
	if i > 0 {
		tags = append(tags, r.ID)
	}
	if i == 0 && r.Finish != nil {
		tags = append(tags, "collection")
	}
	for _, t := range own {
		if !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	return tags
}

// NewRegistry checks and registers rules: IDs must be kebab-case (a family
// member may add "/keyword") and unique, and every rule needs a Run. It
// completes each Meta: the default precision, and the derived tags (see
// Meta.Tags).
func NewRegistry(rs ...Rule) (*Registry, error) {
	reg := &Registry{metas: map[string]Meta{}}
	for _, r := range rs {
		if r.Run == nil && r.Finish == nil && !r.Driver {
			return nil, fmt.Errorf("rules: rule %q has neither Run nor Finish", r.ID)
		}
		if (r.Summarize == nil) != (r.Finish == nil) {
			return nil, fmt.Errorf("rules: rule %q needs both Summarize and Finish, or neither", r.ID)
		}
		metas := append([]Meta{r.Meta}, r.Family...)
		for i, m := range metas {
			if !validID.MatchString(m.ID) {
				return nil, fmt.Errorf("rules: invalid rule ID %q: expected kebab-case", m.ID)
			}
			if _, dup := reg.metas[m.ID]; dup {
				return nil, fmt.Errorf("rules: rule ID %q registered twice", m.ID)
			}
			if m.Severity < SeverityNote || m.Severity > SeverityError {
				return nil, fmt.Errorf("rules: rule %q has no default severity", m.ID)
			}
			if m.Summary == "" || m.Doc == "" {
				return nil, fmt.Errorf("rules: rule %q needs a summary and a doc", m.ID)
			}
			switch m.Precision {
			case "":
				m.Precision = PrecisionHigh
			case PrecisionVeryHigh, PrecisionHigh, PrecisionMedium, PrecisionLow:
			default:
				return nil, fmt.Errorf("rules: rule %q has an unknown precision %q", m.ID, m.Precision)
			}
			if m.FixSafety < FixSafetyDefault || m.FixSafety > FixUnsafe {
				return nil, fmt.Errorf("rules: rule %q has an unknown fix safety %d", m.ID, m.FixSafety)
			}
			if m.Since != "" && !validVersion.MatchString(m.Since) {
				return nil, fmt.Errorf("rules: rule %q has an invalid version %q in Since: expected MAJOR.MINOR.PATCH", m.ID, m.Since)
			}
			m.Tags = derivedTags(r, i, m.Tags)
			reg.metas[m.ID] = m
		}
		reg.rules = append(reg.rules, r)
	}
	return reg, nil
}

// Rules returns the registered rules in registration order.
func (r *Registry) Rules() []Rule { return r.rules }

// Meta returns the metadata of a rule ID.
func (r *Registry) Meta(id string) (Meta, bool) {
	m, ok := r.metas[id]
	return m, ok
}

// Metas returns the metadata of every rule ID, sorted by ID.
func (r *Registry) Metas() []Meta {
	out := make([]Meta, 0, len(r.metas))
	for _, m := range r.metas {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Match expands a rule ID or a glob pattern such as "schema/*" to the
// registered IDs it names, sorted. A name that matches nothing is an error.
func (r *Registry) Match(pattern string) ([]string, error) {
	if _, ok := r.metas[pattern]; ok {
		return []string{pattern}, nil
	}
	if _, err := path.Match(pattern, ""); err != nil {
		return nil, fmt.Errorf("invalid rule pattern %q: %w", pattern, err)
	}
	var ids []string
	for _, m := range r.Metas() {
		if ok, _ := path.Match(pattern, m.ID); ok {
			ids = append(ids, m.ID)
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("unknown rule %q (run \"figlint rules\" to list the rule IDs)", pattern)
	}
	return ids, nil
}
