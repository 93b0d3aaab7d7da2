package verdict

import (
	"slices"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apicheck"
	"github.com/rules-go-api/rules_go_api/internal/apiformat"
)

// deprecations: a "//deprecated" line, gone or new, while its declaration stays is no change a
// client's compiler can see (none); the API files still record it.
func (c *classifier) deprecations() {
	undeprecated, _ := apicheck.Undeprecations(sorted(c.removed), sorted(c.added))
	for _, r := range undeprecated {
		c.add("undeprecated", None, "a declaration is no longer deprecated; every client still compiles", "-"+r)
	}
	for _, a := range sorted(c.added) {
		if _, ok := apiformat.CutDeprecated(a); ok {
			c.add("deprecated", None, "a declaration is now deprecated; it still works the same", "+"+a)
		}
	}
}

// receivers pairs a method that moved between T's and *T's method sets.
func (c *classifier) receivers() {
	for _, r := range sorted(c.removed) {
		head, decl := parts(r)
		recv, rest, ok := cutMethod(decl)
		if !ok {
			continue
		}
		if star, ok := strings.CutPrefix(recv, "*"); ok {
			if to := head + "method (" + star + ") " + rest; c.added[to] {
				c.add("pointer_to_value_receiver", Compatible,
					"a method moved from *T's method set to T's, which *T's includes: every call and method expression still compiles",
					"-"+r, "+"+to)
			}
			continue
		}
		if to := head + "method (*" + recv + ") " + rest; c.added[to] {
			ch := c.add("value_to_pointer_receiver", Breaking,
				"a method needs a pointer receiver now: T values no longer have it (interfaces they implemented, method expressions T.M)",
				"-"+r, "+"+to)
			ch.Proof = c.proof(r, "")
		}
	}
}

// cutMethod splits "method (R) M(...)" into R and "M(...)".
func cutMethod(decl string) (recv, rest string, ok bool) {
	r, ok := strings.CutPrefix(decl, "method (")
	if !ok {
		return "", "", false
	}
	recv, rest, ok = strings.Cut(r, ") ")
	return recv, rest, ok
}

// funcToVar pairs a function that became a variable of the same type (compatible: a variable
// can do what a function can, and more) or the other way round (breaking: &p.F, p.F = f).
func (c *classifier) funcToVar() {
	for _, r := range sorted(c.removed) {
		head, decl := parts(r)
		if name, sig, ok := strings.Cut(strings.TrimPrefix(decl, "func "), "("); ok && strings.HasPrefix(decl, "func ") && !strings.Contains(name, "[") {
			if to := head + "var " + name + " func(" + sig; c.added[to] {
				c.add("func_to_var", Compatible,
					"a function became a variable of the same type: every call and use as a value still compiles",
					"-"+r, "+"+to)
			}
			continue
		}
		if rest, ok := strings.CutPrefix(decl, "var "); ok {
			name, typ, _ := strings.Cut(rest, " ")
			if sig, ok := strings.CutPrefix(typ, "func("); ok {
				if to := head + "func " + name + "(" + sig; c.added[to] {
					ch := c.add("var_to_func", Breaking,
						"a variable became a function: clients can no longer assign it or take its address",
						"-"+r, "+"+to)
					ch.Proof = c.withProof(r, func(b *proofBuilder, p string) bool {
						b.decl("var _ = &" + p + "." + name)
						return true
					})
				}
			}
		}
	}
}

// interfaces classifies what changed in interfaces' method sets. A method added to an interface
// that other packages can implement breaks their implementations; to one that has unexported
// methods (sealed: only its package can implement it) it breaks nothing. Adding the first
// unexported method seals it, which breaks every outside implementation; removing the last one
// unseals it, which breaks nothing.
func (c *classifier) interfaces() {
	type iface struct{ head, name string }
	addedMethods := make(map[iface][]string)
	for _, a := range sorted(c.added) {
		head, decl := parts(a)
		name, member, ok := cutInterfaceMember(decl)
		if !ok || !c.hadInterface(head, name) {
			continue
		}
		if member == "unexported methods" {
			ch := c.add("interface_newly_sealed", Breaking,
				"the interface gained an unexported method: types of other packages can no longer implement it", "+"+a)
			ch.Proof = c.implementProof(head, name)
			continue
		}
		addedMethods[iface{head, name}] = append(addedMethods[iface{head, name}], a)
	}
	for _, k := range slices.SortedFunc(func(yield func(iface) bool) {
		for k := range addedMethods {
			if !yield(k) {
				return
			}
		}
	}, func(a, b iface) int { return strings.Compare(a.head+a.name, b.head+b.name) }) {
		lines := addedMethods[k]
		var signed []string
		for _, l := range lines {
			signed = append(signed, "+"+l)
		}
		if c.inOld(k.head + "type " + k.name + " interface, unexported methods") {
			c.add("interface_method_added_sealed", Compatible,
				"a method was added to an interface with unexported methods, which only its own package can implement", signed...)
			continue
		}
		ch := c.add("interface_method_added_open", Breaking,
			"a method was added to an interface that other packages implement: their types no longer do", signed...)
		ch.Proof = c.implementProof(k.head, k.name)
	}
	for _, r := range sorted(c.removed) {
		head, decl := parts(r)
		if name, member, ok := cutInterfaceMember(decl); ok && member == "unexported methods" && c.hasInterface(head, name) {
			c.add("interface_unsealed", Compatible,
				"the interface lost its unexported methods: other packages can now implement it too", "-"+r)
		}
	}
	// cmd/api's summary line "type I interface { M, N }" repeats the member lines; while I stays
	// an interface, its changes are the members'.
	for _, m := range []map[string]bool{c.removed, c.added} {
		for l := range m {
			head, decl := parts(l)
			if name, ok := summaryName(decl); ok && c.hadInterface(head, name) && c.hasInterface(head, name) {
				delete(m, l)
			}
		}
	}
}

// cutInterfaceMember splits "type I interface, M()" into I and "M()".
func cutInterfaceMember(decl string) (name, member string, ok bool) {
	rest, ok := strings.CutPrefix(decl, "type ")
	if !ok {
		return "", "", false
	}
	name, member, ok = strings.Cut(rest, " interface, ")
	return name, member, ok && !strings.ContainsAny(name, " [")
}

// summaryName returns I of cmd/api's summary line "type I interface { M, N }".
func summaryName(decl string) (string, bool) {
	rest, ok := strings.CutPrefix(decl, "type ")
	if !ok {
		return "", false
	}
	name, tail, ok := strings.Cut(rest, " ")
	return name, ok && strings.HasPrefix(tail, "interface {")
}

func hasInterfaceIn(lines []string, head, name string) bool {
	prefix := head + "type " + name + " interface"
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

func (c *classifier) hadInterface(head, name string) bool {
	return hasInterfaceIn(c.in.OldLines, head, name)
}

func (c *classifier) hasInterface(head, name string) bool {
	return hasInterfaceIn(c.in.NewLines, head, name)
}

// aliases classifies a defined type that became an alias. When the alias names a type another
// package declares whose features (facts "alias, ...") are all those the type had here, the type
// moved behind the alias and clients see no difference; otherwise two types became one, which
// breaks clients that tell them apart (a type switch with both, methods of one).
func (c *classifier) aliases() {
	for _, a := range sorted(c.added) {
		head, decl := parts(a)
		rest, ok := strings.CutPrefix(decl, "type ")
		if !ok {
			continue
		}
		name, target, ok := strings.Cut(rest, " = ")
		if !ok || strings.Contains(name, "[") {
			continue
		}
		var gone []string // the removed lines of the defined type
		for _, r := range sorted(c.removed) {
			rh, rd := parts(r)
			if rh == head && declaresType(rd, name) {
				gone = append(gone, r)
			}
		}
		if len(gone) == 0 {
			continue
		}
		lines := []string{"+" + a}
		for _, r := range gone {
			lines = append(lines, "-"+r)
		}
		var missing []string
		moved := c.inNewFacts(head + "alias, type " + name + " " + strings.TrimPrefix(kindOf(gone, name), "type "+name+" "))
		for _, r := range gone {
			_, rd := parts(r)
			if !c.inNewFacts(head + "alias, " + rd) {
				missing = append(missing, r)
			}
		}
		// The facts about the type move with it: "type T comparable" becomes "alias, type T
		// comparable", and the alias's own facts are new.
		for _, f := range sorted(c.fAdded) {
			if fh, fd := parts(f); fh == head && declaresType(strings.TrimPrefix(fd, "alias, "), name) && strings.HasPrefix(fd, "alias, ") {
				lines = append(lines, "+"+f)
			}
		}
		if moved && len(missing) == 0 {
			for _, f := range sorted(c.fRemoved) {
				fh, fd := parts(f)
				if fh == head && declaresType(fd, name) && c.inNewFacts(head+"alias, "+fd) {
					lines = append(lines, "-"+f)
				}
			}
			c.add("type_moved_behind_alias", Compatible,
				"the type moved to another package and an alias keeps its name here: it has every field and method it had", lines...)
			continue
		}
		if moved {
			ch := c.add("type_moved_behind_alias_changed", Breaking,
				"the type moved to another package behind an alias, but the moved type lacks what the old one had", lines...)
			ch.Proof = c.proof(missing[0], "")
			continue
		}
		class, why := "defined_type_to_alias", "a defined type became an alias of another type: clients that tell the two apart (a type switch, a map of types) no longer compile"
		if c.inOld(head+"type "+target+" struct") || hasTypeIn(c.in.OldLines, head, target) {
			class, why = "types_merged_by_alias", "two types of the package became one: clients that tell them apart (a type switch, methods of one) no longer compile"
		}
		ch := c.add(class, Breaking, why, lines...)
		if t, b := c.newProof(a); b.ok() {
			if tt, ok := b.typ(target); ok {
				b.decl("func _(x interface{}) {\n\tswitch x.(type) {\n\tcase " + t + "." + name + ", " + tt + ":\n\t}\n}")
				ch.Proof = b.String()
			}
		}
	}
}

// declaresType reports whether decl describes the defined type name: its kind, members or methods.
func declaresType(decl, name string) bool {
	return strings.HasPrefix(decl, "type "+name+" ") || strings.HasPrefix(decl, "method ("+name+") ") ||
		strings.HasPrefix(decl, "method (*"+name+") ")
}

// declaredType returns the defined type whose kind, member or method decl describes, as
// declaresType (and a generic type's kind, "type T[..."), or "".
func declaredType(decl string) string {
	if rest, ok := strings.CutPrefix(decl, "type "); ok {
		if i := strings.IndexAny(rest, " ["); i > 0 {
			return rest[:i]
		}
		return ""
	}
	rest, ok := strings.CutPrefix(decl, "method (")
	if !ok {
		return ""
	}
	rest = strings.TrimPrefix(rest, "*")
	name, tail, ok := strings.Cut(rest, ") ")
	if !ok || strings.ContainsAny(name, "[ ") || tail == "" {
		return ""
	}
	return name
}

// kindOf returns the line among lines that declares name's kind ("type T struct").
func kindOf(lines []string, name string) string {
	for _, l := range lines {
		_, d := parts(l)
		if rest, ok := strings.CutPrefix(d, "type "+name+" "); ok && !strings.Contains(rest, ", ") {
			return d
		}
	}
	return ""
}

// isAliasIn reports whether lines declare name an alias.
func isAliasIn(lines []string, head, name string) bool {
	prefix := head + "type " + name + " = "
	return slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, prefix) })
}

func hasTypeIn(lines []string, head, name string) bool {
	prefix := head + "type " + name + " "
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

// changed classifies a declaration whose one line was replaced by another (same key): a new
// type, signature or value. Each breaks some client that used the old one.
func (c *classifier) changed() {
	byKey := make(map[string][]string)
	for _, a := range sorted(c.added) {
		if _, dep := apiformat.CutDeprecated(a); !dep {
			byKey[apiformat.DeclKey(a)] = append(byKey[apiformat.DeclKey(a)], a)
		}
	}
	for _, r := range sorted(c.removed) {
		if _, dep := apiformat.CutDeprecated(r); dep {
			continue
		}
		cands := byKey[apiformat.DeclKey(r)]
		if len(cands) != 1 || !c.added[cands[0]] {
			continue
		}
		a := cands[0]
		if n, m := typeParamCount(r), typeParamCount(a); n != m {
			class, why := "type_parameter_added", "a type parameter was added: instantiations with the old number of type arguments no longer compile"
			if m < n {
				class, why = "type_parameter_removed", "a type parameter was removed: instantiations with the old number of type arguments no longer compile"
			}
			decl := genericDecl(r)
			ch := c.add(class, Breaking, why, "-"+r, "+"+a)
			ch.Proof = c.instantiateProof(decl)
			c.claimFacts(decl + ", type parameter $")
			continue
		}
		class, why := changeClass(r, a)
		ch := c.add(class, Breaking, why, "-"+r, "+"+a)
		ch.Proof = c.proof(r, a)
	}
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// isTypeKindLine reports whether line declares a type's kind ("type T struct", "type T int").
func isTypeKindLine(line string) bool {
	if _, dep := apiformat.CutDeprecated(line); dep {
		return false
	}
	_, decl := parts(line)
	rest, ok := strings.CutPrefix(decl, "type ")
	return ok && !strings.Contains(rest, ", ")
}

// changeClass names the change from line r to line a of one declaration.
func changeClass(r, a string) (class, why string) {
	_, from := parts(r)
	_, to := parts(a)
	kind, _, _ := strings.Cut(from, " ")
	switch {
	case kind == "const" && strings.Contains(from, " = "):
		return "constant_value_changed", "a constant has another value: clients that depend on it (array lengths, switch cases, other constants) change or no longer compile"
	case kind == "const" && strings.Contains(from, " ideal-") && !strings.Contains(to, " ideal-"):
		return "untyped_constant_typed", "an untyped constant got a type: clients using it as a value of another type no longer compile"
	case kind == "const":
		return "constant_type_changed", "a constant has another type"
	case kind == "func" && isVariadicAdded(from, to):
		return "variadic_parameter_added", "a variadic parameter was added: calls still compile, but uses of the function as a value of its old type do not"
	case kind == "func":
		return "function_signature_changed", "a function's signature changed: calls or uses as a value of the old type no longer compile"
	case kind == "var":
		return "variable_type_changed", "a variable has another type"
	case kind == "method":
		return "method_signature_changed", "a method's signature changed"
	case strings.Contains(from, " struct, "):
		return "field_type_changed", "a field has another type"
	case strings.Contains(from, " interface, "):
		return "interface_method_changed", "an interface method's signature changed: its callers and implementations no longer compile"
	case strings.Contains(from, " = ") && !strings.Contains(to, " = "):
		return "alias_to_defined_type", "an alias became a defined type: values of the aliased type are no longer of this type"
	}
	return "type_changed", "a type has another underlying type"
}

func isVariadicAdded(from, to string) bool {
	i := strings.LastIndex(to, ", ...")
	return i > 0 && !strings.Contains(from, "...") && strings.HasPrefix(from, to[:i]) && from[i:i+1] == ")"
}

// someContexts classifies a declaration of every context that remains in some only: cmd/api
// writes it as removed without a context suffix and added with the suffixes of those that keep it.
func (c *classifier) someContexts() {
	for _, r := range sorted(c.removed) {
		if _, ctx := apiformat.SplitContext(r); ctx != "" {
			continue
		}
		lines := []string{"-" + r}
		var gone []string
		for _, ctx := range c.in.Contexts {
			if w := apiformat.WithContext(r, ctx); c.added[w] {
				lines = append(lines, "+"+w)
			} else {
				gone = append(gone, ctx)
			}
		}
		if len(lines) == 1 || len(gone) == 0 {
			continue
		}
		ch := c.add("removed_in_some_contexts", Breaking,
			"a declaration is gone in "+strings.Join(gone, ", ")+" and stays in the other contexts checked", lines...)
		ch.Proof = c.proof(apiformat.WithContext(r, gone[0]), "")
	}
}

// removedLines classifies what is left of the removed lines: declarations removed, in every
// context or in some. A removed type's members and methods go with it into one change.
func (c *classifier) removedLines() {
	// The removed lines of each type (its kind, members and methods), by head and name: one
	// pass, so that removing many types costs their lines, not their lines squared.
	byType := make(map[[2]string][]string)
	// The "//deprecated" line of a declaration removed with it goes into the declaration's
	// change: no removal of its own, and no proof (`var _ = p.F //deprecated` is no program).
	deprecation := make(map[string]string)
	all := sorted(c.removed)
	for _, o := range all {
		head, decl := parts(o)
		if name := declaredType(decl); name != "" {
			byType[[2]string{head, name}] = append(byType[[2]string{head, name}], o)
		}
		if base, ok := apiformat.CutDeprecated(o); ok {
			deprecation[apiformat.DeclKey(base)] = o
		}
	}
	defer func() {
		for _, r := range all {
			if _, ok := apiformat.CutDeprecated(r); ok && c.removed[r] {
				c.add("deprecated_declaration_removed", None, "the declaration was deprecated; its own line's removal is the change", "-"+r)
			}
		}
	}()
	for _, r := range all {
		if _, ok := apiformat.CutDeprecated(r); ok || !c.removed[r] {
			continue
		}
		head, decl := parts(r)
		_, ctx := apiformat.SplitContext(r)
		where := ""
		if ctx != "" {
			where = " (in " + ctx + ")"
		}
		if isTypeKindLine(r) {
			rest := strings.TrimPrefix(decl, "type ")
			name, _, _ := strings.Cut(rest, " ")
			name, _, _ = strings.Cut(name, "[")
			lines := []string{"-" + r}
			for _, o := range byType[[2]string{head, name}] {
				if o != r && c.removed[o] {
					lines = append(lines, "-"+o)
				}
			}
			ch := c.add("type_removed", Breaking, "a type was removed"+where, lines...)
			ch.Proof = c.proof(r, "")
			continue
		}
		kind, _, _ := strings.Cut(decl, " ")
		class := kind + "_removed"
		switch {
		case strings.Contains(decl, " struct, "):
			class = "field_removed"
		case strings.Contains(decl, " interface, "):
			class = "interface_method_removed"
		}
		lines := []string{"-" + r}
		if d, ok := deprecation[apiformat.DeclKey(r)]; ok && c.removed[d] {
			lines = append(lines, "-"+d)
		}
		ch := c.add(class, Breaking, "a "+strings.TrimSuffix(strings.ReplaceAll(class, "_", " "), " removed")+" was removed"+where, lines...)
		ch.Proof = c.proof(r, "")
	}
}

// addedLines classifies what is left of the added lines: new declarations, fields and methods.
// Go's compatibility rules allow them, although a client with an unkeyed literal of a struct
// that gained a field, or that embeds two types which now both have a method, can break.
func (c *classifier) addedLines() {
	// New types first: their members and methods go with them.
	all := sorted(c.added)
	slices.SortStableFunc(all, func(a, b string) int {
		return cmpBool(!isTypeKindLine(a), !isTypeKindLine(b))
	})
	for _, a := range all {
		if !c.added[a] {
			continue
		}
		head, decl := parts(a)
		if rest, ok := strings.CutPrefix(decl, "type "); ok && isTypeKindLine(a) && !strings.Contains(rest, " = ") {
			// A new type with its members and methods is one change.
			name, _, _ := strings.Cut(rest, " ")
			name, _, _ = strings.Cut(name, "[")
			if !hasTypeIn(c.in.OldLines, head, name) {
				lines := []string{"+" + a}
				for _, o := range sorted(c.added) {
					if oh, od := parts(o); o != a && oh == head && (declaresType(od, name) || strings.HasPrefix(od, "type "+name+"[")) {
						lines = append(lines, "+"+o)
					}
				}
				c.add("type_added", Compatible, "a type was added", lines...)
				continue
			}
		}
		kind, _, _ := strings.Cut(decl, " ")
		class, why := kind+"_added", "a "+kind+" was added"
		switch {
		case strings.Contains(decl, " struct, "):
			class, why = "field_added", "a field was added (compatible under Go's rules; unkeyed struct literals of the type no longer compile)"
		case kind == "method":
			class, why = "method_added", "a method was added (compatible under Go's rules; a client type embedding this one and another with the same method gets an ambiguous selector)"
		}
		c.add(class, Compatible, why, "+"+a)
	}
}
