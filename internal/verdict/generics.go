package verdict

import (
	"slices"
	"strings"
)

// generics classifies changes to the type parameters of generic functions and types. cmd/api
// spells a constraint as it is written ("Number", "interface{ ~int | ~string }"), so the lines
// change when a constraint is respelled and stay when a named constraint changes; the facts hold
// each type parameter's type set in full. A type set that grew accepts every type argument it
// did (compatible); one that lost a type rejects a client's instantiation with it (breaking).
func (c *classifier) generics() {
	type pair struct{ from, to string }
	byDecl := make(map[string][]pair) // head + "func F" / "type T" -> lines that differ only in constraints
	blankAdded := make(map[string]string)
	for _, a := range sorted(c.added) {
		if strings.Contains(a, "[$") {
			blankAdded[blankConstraints(a)] = a
		}
	}
	for _, r := range sorted(c.removed) {
		if !strings.Contains(r, "[$") {
			continue
		}
		if a, ok := blankAdded[blankConstraints(r)]; ok {
			key := genericDecl(r)
			byDecl[key] = append(byDecl[key], pair{r, a})
		}
	}
	for _, key := range slices.Sorted(func(yield func(string) bool) {
		for k := range byDecl {
			if !yield(k) {
				return
			}
		}
	}) {
		var lines []string
		for _, p := range byDecl[key] {
			lines = append(lines, "-"+p.from, "+"+p.to)
		}
		if !c.in.HaveOldFacts {
			c.add("constraint_changed", Breaking,
				"a constraint was rewritten; without the API files' facts (type sets) it cannot be told whether it grew or shrank", lines...)
			continue
		}
		v, fl := c.typeSetChange(key + ", type parameter $")
		lines = append(lines, fl...)
		switch v {
		case None:
			c.add("constraint_respelled", None, "the constraints are spelled differently but accept the same types", lines...)
		case Compatible:
			c.add("constraint_relaxed", Compatible, "a type parameter accepts more types than before: every instantiation still compiles", lines...)
		default:
			ch := c.add("constraint_tightened", Breaking, "a type parameter accepts fewer types than before: instantiations with the others no longer compile", lines...)
			ch.Proof = c.instantiateProof(key)
		}
	}
}

// typeSetChange compares the old and new type-set facts whose lines start with prefix (the
// type parameters of one declaration) and returns the verdict and the fact lines that differ.
func (c *classifier) typeSetChange(prefix string) (Verdict, []string) {
	old, cur := make(map[string]string), make(map[string]string)
	for _, f := range c.in.OldFacts {
		if rest, ok := strings.CutPrefix(f, prefix); ok {
			n, ts, _ := strings.Cut(rest, " typeset ")
			old[n] = ts
		}
	}
	for _, f := range c.in.NewFacts {
		if rest, ok := strings.CutPrefix(f, prefix); ok {
			n, ts, _ := strings.Cut(rest, " typeset ")
			cur[n] = ts
		}
	}
	v := None
	var lines []string
	for n, o := range old {
		nw, ok := cur[n]
		switch {
		case !ok:
			v = Breaking
		case o == nw:
			continue
		case subsetTypeSet(o, nw):
			v = max(v, Compatible)
		default:
			v = Breaking
		}
		lines = append(lines, "-"+prefix+n+" typeset "+o)
		if ok {
			lines = append(lines, "+"+prefix+n+" typeset "+nw)
		}
	}
	if len(cur) != len(old) {
		v = Breaking
	}
	slices.Sort(lines)
	return v, lines
}

// blankConstraints returns line with the constraints of its type parameter lists removed:
// "func F[$0 interface{}, $1 Number]($0)" becomes "func F[$0, $1]($0)".
func blankConstraints(line string) string {
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		if line[i] != '[' || i+1 >= len(line) || line[i+1] != '$' {
			b.WriteByte(line[i])
			continue
		}
		end := matching(line, i)
		if end < 0 {
			b.WriteString(line[i:])
			break
		}
		items := splitTop(line[i+1 : end])
		for k, it := range items {
			items[k], _, _ = strings.Cut(it, " ")
		}
		b.WriteString("[" + strings.Join(items, ", ") + "]")
		i = end
	}
	return b.String()
}

// matching returns the index of the bracket that closes the one at s[open], or -1.
func matching(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '[', '(', '{':
			depth++
		case ']', ')', '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// splitTop splits s at the commas outside brackets, trimming spaces.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[', '(', '{':
			depth++
		case ']', ')', '}':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" || len(out) > 0 {
		out = append(out, rest)
	}
	return out
}

// genericDecl returns the head and "func F" or "type T" of a generic declaration's line.
func genericDecl(line string) string {
	head, decl := parts(line)
	if r, ok := strings.CutPrefix(decl, "method ("); ok {
		name, _, _ := strings.Cut(r, "[")
		return head + "type " + strings.TrimPrefix(name, "*")
	}
	kind, rest, _ := strings.Cut(decl, " ")
	name, _, _ := strings.Cut(rest, "[")
	return head + kind + " " + name
}

// typeSetParts splits a type-set fact into its methods, whether it demands comparable, and its
// terms (nil: every type).
func typeSetParts(ts string) (methods map[string]bool, comparable bool, terms []string) {
	methods = make(map[string]bool)
	if ts == "any" {
		return methods, false, nil
	}
	for _, p := range strings.Split(ts, "; ") {
		switch {
		case p == "comparable":
			comparable = true
		case isMethod(p):
			methods[p] = true
		case p == "none":
			terms = []string{}
		default:
			terms = strings.Split(p, " | ")
		}
	}
	return methods, comparable, terms
}

func isMethod(p string) bool {
	i := strings.IndexByte(p, '(')
	if i <= 0 || strings.HasPrefix(p, "func(") {
		return false
	}
	for _, r := range p[:i] {
		if !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// subsetTypeSet reports whether every type in the type set old is in the type set cur, as far
// as the spelled terms tell (a named type's underlying type is not known here: no).
func subsetTypeSet(old, cur string) bool {
	om, oc, ot := typeSetParts(old)
	nm, nc, nt := typeSetParts(cur)
	for m := range nm {
		if !om[m] {
			return false
		}
	}
	if nc && !oc && !allComparable(ot) {
		return false
	}
	if nt == nil {
		return true
	}
	if ot == nil {
		return false
	}
	for _, t := range ot {
		if !slices.ContainsFunc(nt, func(n string) bool { return termIncludes(n, t) }) {
			return false
		}
	}
	return true
}

// termIncludes reports whether the term n includes every type of the term t.
func termIncludes(n, t string) bool {
	if n == t {
		return true
	}
	under, tilde := strings.CutPrefix(n, "~")
	return tilde && predeclared[t] && t == under
}

// allComparable reports whether every term is a predeclared comparable type (or ~ one).
func allComparable(terms []string) bool {
	if terms == nil {
		return false
	}
	for _, t := range terms {
		if !predeclared[strings.TrimPrefix(t, "~")] || t == "any" || t == "error" {
			return false
		}
	}
	return true
}

// typeParamCount returns how many type parameters the declaration of line has (0: not generic).
func typeParamCount(line string) int {
	_, decl := parts(line)
	i := strings.Index(decl, "[$")
	if i < 0 || strings.HasPrefix(decl, "method ") {
		return 0
	}
	end := matching(decl, i)
	if end < 0 {
		return 0
	}
	return len(splitTop(decl[i+1 : end]))
}
