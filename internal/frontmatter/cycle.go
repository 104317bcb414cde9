package frontmatter

import "go.yaml.in/yaml/v3"

// aliasCycleAt returns the first alias, in document order, whose anchor's
// value contains the alias itself, directly or through other aliases and
// merge keys ("a: &a {<<: *a}", "b: &b [*b]"); nil when the graph of
// nodes and alias edges has no cycle. Such a value has no finite expansion:
// found here, it costs one visit per node instead of an expansion that runs
// until the alias cap.
//
// The search is a depth-first walk that colours nodes: an alias leading to
// a node still on the walk's path closes a cycle; a node already finished
// is not entered again, so each node is visited once. The walk's depth is
// the nesting depth, which yaml.v3 bounds.
func aliasCycleAt(root *yaml.Node) *yaml.Node {
	const (
		onPath = 1
		done   = 2
	)
	// Only collections get a state: a scalar contains nothing, so no walk
	// passes through it.
	state := map[*yaml.Node]uint8{}
	var walk func(n *yaml.Node) *yaml.Node
	walk = func(n *yaml.Node) *yaml.Node {
		state[n] = onPath
		// Content is a tree: a child is never on the path; an alias may
		// lead back onto it.
		for _, c := range n.Content {
			t := c
			if c.Kind == yaml.AliasNode {
				if t = c.Alias; t == nil {
					continue
				}
			}
			if len(t.Content) == 0 {
				continue
			}
			switch state[t] {
			case onPath:
				return c
			case 0:
				if a := walk(t); a != nil {
					return a
				}
			}
		}
		state[n] = done
		return nil
	}
	return walk(root)
}
