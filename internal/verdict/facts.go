package verdict

import (
	"slices"
	"strings"
)

// facts classifies the differences of the facts that no line change accounted for.
func (c *classifier) facts() {
	// Type sets of declarations whose lines did not change (a named constraint changed under them).
	typeSets := make(map[string]bool)
	for _, m := range []map[string]bool{c.fRemoved, c.fAdded} {
		for f := range m {
			if i := strings.Index(f, ", type parameter $"); i >= 0 {
				typeSets[f[:i]] = true
			}
		}
	}
	for _, decl := range slices.Sorted(func(yield func(string) bool) {
		for k := range typeSets {
			if !yield(k) {
				return
			}
		}
	}) {
		if !c.declaredIn(c.in.OldLines, decl) || !c.declaredIn(c.in.NewLines, decl) {
			c.claimFacts(decl + ", type parameter $")
			continue
		}
		v, lines := c.typeSetChange(decl + ", type parameter $")
		switch v {
		case None:
			c.claimFacts(decl + ", type parameter $")
		case Compatible:
			c.add("constraint_relaxed", Compatible, "a type parameter accepts more types than before (its named constraint grew)", lines...)
		default:
			ch := c.add("constraint_tightened", Breaking, "a type parameter accepts fewer types than before (its named constraint shrank)", lines...)
			ch.Proof = c.instantiateProof(decl)
		}
	}
	for _, f := range sorted(c.fRemoved) {
		if !c.fRemoved[f] {
			continue
		}
		head, decl := parts(f)
		switch {
		case strings.HasSuffix(decl, " comparable") && strings.HasPrefix(decl, "type "):
			name := strings.TrimSuffix(strings.TrimPrefix(decl, "type "), " comparable")
			if !hasTypeIn(c.in.NewLines, head, name) || c.inNew(head+"type "+name+" = ") || isAliasIn(c.in.NewLines, head, name) {
				c.claimFacts(f)
				continue
			}
			ch := c.add("comparable_lost", Breaking, "values of the type can no longer be compared with == (a field that is not comparable)", "-"+f)
			ch.Proof = c.withProof(f, func(b *proofBuilder, p string) bool {
				b.decl("var _ = func(a, b " + p + "." + name + ") bool { return a == b }")
				return true
			})
		case strings.Contains(decl, " typeset ") && strings.HasPrefix(decl, "type "):
			name, _, _ := strings.Cut(strings.TrimPrefix(decl, "type "), " ")
			added := ""
			for a := range c.fAdded {
				if strings.HasPrefix(a, head+"type "+name+" interface, typeset ") {
					added = a
				}
			}
			lines := []string{"-" + f}
			if added != "" {
				lines = append(lines, "+"+added)
			} else if !c.hasInterface(head, name) {
				c.claimFacts(f) // the type is gone or no interface: classified with its lines
				continue
			}
			// A constraint is also the constraint of clients' own type parameters: their generic
			// code may use any type it accepted, or any operation all its types allow. A change
			// either way breaks some client, except a respelling (equal type sets: no fact changes).
			ch := c.add("constraint_interface_changed", Breaking,
				"the type set of a constraint changed: type arguments it accepted, or operations clients' generic code did with it, are no longer valid",
				lines...)
			ch.Proof = c.constraintProof(f)
		case strings.Contains(decl, ", promoted field "):
			name, field, _ := strings.Cut(strings.TrimPrefix(decl, "type "), " struct, promoted field ")
			if !hasTypeIn(c.in.NewLines, head, name) || c.inNew(head+"type "+name+" struct, "+field) {
				c.claimFacts(f)
				continue
			}
			fname, _, _ := strings.Cut(field, " ")
			ch := c.add("promoted_field_lost", Breaking, "a field promoted through an embedded type is gone", "-"+f)
			ch.Proof = c.withProof(f, func(b *proofBuilder, p string) bool {
				b.decl("var _ = func(v *" + p + "." + name + ") interface{} { return &v." + fname + " }")
				return true
			})
		case strings.Contains(decl, " implements "):
			t, i, _ := strings.Cut(strings.TrimPrefix(decl, "type "), " implements ")
			if !hasTypeIn(c.in.NewLines, head, strings.TrimPrefix(t, "*")) || !c.inNew(head+"type "+i+" interface, unexported methods") {
				// Gone, or no longer sealed: the facts record implementations of sealed interfaces only.
				c.claimFacts(f)
				continue
			}
			ch := c.add("sealed_implementation_lost", Breaking, "a type of the package no longer implements its sealed interface", "-"+f)
			ch.Proof = c.withProof(f, func(b *proofBuilder, p string) bool {
				star := ""
				if strings.HasPrefix(t, "*") {
					star = "*"
				}
				b.decl("var _ = func(v " + star + p + "." + strings.TrimPrefix(t, "*") + ") " + p + "." + i + " { return v }")
				return true
			})
		case strings.HasPrefix(decl, "unexported, "):
			ch := c.add("unexported_type_changed", Breaking, "a type the API returns, but does not export, lost a field or method", "-"+f)
			ch.Proof = c.unexportedProof(f)
		case strings.HasPrefix(decl, "alias, "):
			ch := c.add("aliased_type_changed", Breaking, "the type behind an alias lost a field or method", "-"+f)
			ch.Proof = c.proof(head+strings.TrimPrefix(decl, "alias, "), "")
		default:
			c.claimFacts(f)
		}
	}
	for _, f := range sorted(c.fAdded) {
		if !c.fAdded[f] {
			continue
		}
		head, decl := parts(f)
		var class string
		switch {
		case strings.Contains(decl, " interface, typeset ") && strings.HasPrefix(decl, "type "):
			// A type set fact appears for an interface that had none: it became a constraint
			// (comparable, or type terms), which is no longer a type for values.
			name := typeNameOf(decl)
			if !c.hadInterface(head, name) {
				c.claimFacts(f)
				continue
			}
			ch := c.add("interface_became_constraint", Breaking,
				"an interface became a constraint (comparable or type terms): it can no longer be the type of a value, and accepts fewer type arguments", "+"+f)
			ch.Proof = c.constraintProof(head + "type " + name + " interface, typeset any")
			continue
		case strings.HasSuffix(decl, " comparable"):
			class = "comparable_gained"
		case strings.Contains(decl, ", promoted field "):
			class = "promoted_field_added"
		case strings.Contains(decl, " implements "):
			class = "sealed_implementation_added"
		case strings.HasPrefix(decl, "unexported, "), strings.HasPrefix(decl, "alias, "):
			class = "reachable_member_added"
		}
		name := typeNameOf(decl)
		if class == "" || name == "" || !hasTypeIn(c.in.OldLines, head, name) && !strings.HasPrefix(decl, "unexported, ") {
			c.claimFacts(f)
			continue
		}
		c.add(class, Compatible, "clients can do more with the type than before", "+"+f)
	}
}

// typeNameOf returns T of a fact "type T ...", "alias, type T ...", or "" for others.
func typeNameOf(decl string) string {
	decl = strings.TrimPrefix(strings.TrimPrefix(decl, "alias, "), "unexported, ")
	rest, ok := strings.CutPrefix(decl, "type ")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(strings.TrimPrefix(rest, "*"), " ")
	return name
}

// declaredIn reports whether lines declare decl ("pkg p, func F").
func (c *classifier) declaredIn(lines []string, decl string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, decl) && len(l) > len(decl) && strings.ContainsRune(" [(", rune(l[len(decl)])) {
			return true
		}
	}
	return false
}

// claimFacts takes the fact differences starting with prefix out of the classification: they
// belong to a change classified elsewhere, or are none of a client's business.
func (c *classifier) claimFacts(prefix string) {
	for _, m := range []map[string]bool{c.fRemoved, c.fAdded} {
		for f := range m {
			if strings.HasPrefix(f, prefix) {
				delete(m, f)
			}
		}
	}
}
