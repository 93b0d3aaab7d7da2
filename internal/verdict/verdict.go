// Package verdict decides what kind of difference an API check found: whether it breaks
// importers (breaking), only adds to the API (compatible) or changes nothing a client can use
// (none), under Go's compatibility rules. It reads the difference of cmd/api's feature lines and
// of the facts recorded beside them (internal/features.Facts; docs/format.md), names each
// change's class, and for each breaking change prints a client program that compiled against the
// old API and does not compile against the new one (see Proof).
//
// tests/catalogue holds the change classes whose verdict is decided by compiling clients.
package verdict

import (
	"slices"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
)

// Verdict is the kind of an API difference. The order is by severity: the verdict of several
// changes is the greatest of theirs.
type Verdict int

const (
	None       Verdict = iota // nothing a client can use changed (patch)
	Compatible                // the API grew; every client still compiles (minor)
	Breaking                  // some client that compiled no longer does (major)
)

// String returns "none", "compatible" or "breaking".
func (v Verdict) String() string { return [...]string{"none", "compatible", "breaking"}[v] }

// Semver returns the semantic version step the verdict implies: patch, minor or major.
func (v Verdict) Semver() string { return [...]string{"patch", "minor", "major"}[v] }

// Change is one classified change of a declaration.
type Change struct {
	// Package is the import path of the package it is in.
	Package string
	// Class names the kind of change (e.g. "comparable_lost", "interface_method_added_open").
	Class string
	// Verdict is what the class means for clients.
	Verdict Verdict
	// Lines are the difference behind it: feature lines, and facts, each after "-" (old) or
	// "+" (new).
	Lines []string
	// Why says in a few words why the change has its verdict.
	Why string
	// Proof is, for a breaking change, a client program that compiled against the old API and
	// does not against the new; "" when none can be written from the lines and facts.
	Proof string
}

// Input is what a check compares.
type Input struct {
	// Removed and Added are the feature lines only the API files, and only the new features,
	// have (apicheck.Diff).
	Removed, Added []string
	// OldLines are the features the API files require; NewLines the merged new features.
	OldLines, NewLines []string
	// OldFacts are the facts recorded with the API files, NewFacts the merged new facts, and
	// FactsRemoved and FactsAdded their difference. HaveOldFacts is false when the API files
	// have no facts file (written before facts existed): the facts are then not compared.
	OldFacts, NewFacts       []string
	FactsRemoved, FactsAdded []string
	HaveOldFacts             bool
	// Contexts are the build contexts checked.
	Contexts []string
}

// Result is the verdict on a whole difference.
type Result struct {
	// Verdict is the greatest of the changes' verdicts; None when there are none.
	Verdict Verdict
	// Packages maps each import path with a change to its verdict.
	Packages map[string]Verdict
	// Changes are the classified changes, sorted by package, then by their first line.
	Changes []Change
	// Lacked names the facts the verdict could not compare (the API files have none yet).
	Lacked []string
}

// LackedWithoutFacts is what a verdict cannot see when the API files have no facts file.
var LackedWithoutFacts = []string{"comparability", "promoted fields", "sealed interfaces' implementations",
	"members of unexported types", "type sets", "types behind aliases"}

// Decide classifies the difference in in.
func Decide(in Input) Result {
	c := newClassifier(in)
	c.run()
	res := Result{Packages: make(map[string]Verdict)}
	for _, ch := range c.changes {
		res.Verdict = max(res.Verdict, ch.Verdict)
		res.Packages[ch.Package] = max(res.Packages[ch.Package], ch.Verdict)
	}
	slices.SortFunc(c.changes, func(a, b Change) int {
		if a.Package != b.Package {
			return strings.Compare(a.Package, b.Package)
		}
		return strings.Compare(strings.TrimLeft(a.Lines[0], "+-"), strings.TrimLeft(b.Lines[0], "+-"))
	})
	res.Changes = c.changes
	if !in.HaveOldFacts && len(in.OldLines) > 0 {
		res.Lacked = LackedWithoutFacts
	}
	return res
}

// classifier holds the difference while its lines are claimed by classes.
type classifier struct {
	in       Input
	removed  map[string]bool // not yet classified
	added    map[string]bool
	fRemoved map[string]bool
	fAdded   map[string]bool
	// Sets of the old and new lines and new facts, made on first use: most differences never
	// need them, and for a large API they cost more than the rest of the verdict.
	oldSet, newSet, newFactSet map[string]bool
	changes                    []Change
}

// inOld, inNew and inNewFacts report whether the old lines, new lines or new facts hold l.
func (c *classifier) inOld(l string) bool { return inSet(&c.oldSet, c.in.OldLines, l) }
func (c *classifier) inNew(l string) bool { return inSet(&c.newSet, c.in.NewLines, l) }
func (c *classifier) inNewFacts(l string) bool {
	return inSet(&c.newFactSet, c.in.NewFacts, l)
}

func inSet(set *map[string]bool, lines []string, l string) bool {
	if *set == nil {
		*set = setOf(lines)
	}
	return (*set)[l]
}

func setOf(lines []string) map[string]bool {
	m := make(map[string]bool, len(lines))
	for _, l := range lines {
		m[l] = true
	}
	return m
}

func newClassifier(in Input) *classifier {
	c := &classifier{in: in, removed: setOf(in.Removed), added: setOf(in.Added)}
	if in.HaveOldFacts {
		c.fRemoved, c.fAdded = setOf(in.FactsRemoved), setOf(in.FactsAdded)
	} else {
		c.fRemoved, c.fAdded = map[string]bool{}, map[string]bool{}
	}
	// Import facts say how to spell a proof's imports; they are no change of their own.
	for _, m := range []map[string]bool{c.fRemoved, c.fAdded} {
		for f := range m {
			if _, _, d, _ := apiformat.Split(f); strings.HasPrefix(d, "import ") {
				delete(m, f)
			}
		}
	}
	return c
}

// add records a change made of the given lines (each "-" or "+" and a line), which it claims.
func (c *classifier) add(class string, v Verdict, why string, lines ...string) *Change {
	var pkg string
	var out []string
	for _, l := range lines {
		sign, line := l[:1], l[1:]
		if pkg == "" {
			pkg, _, _, _ = apiformat.Split(line)
		}
		out = append(out, l)
		switch sign {
		case "-":
			delete(c.removed, line)
			delete(c.fRemoved, line)
		case "+":
			delete(c.added, line)
			delete(c.fAdded, line)
		}
	}
	c.changes = append(c.changes, Change{Package: pkg, Class: class, Verdict: v, Lines: out, Why: why})
	return &c.changes[len(c.changes)-1]
}

func sorted(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// parts splits a feature line into its head ("pkg P, " or "pkg P (CTX), ") and declaration.
func parts(line string) (head, decl string) {
	head, decl = apiformat.HeadAndDecl(line)
	return head + ", ", decl
}

func (c *classifier) run() {
	c.someContexts()
	c.deprecations()
	c.receivers()
	c.funcToVar()
	c.interfaces()
	c.aliases()
	c.generics()
	c.changed()
	c.removedLines()
	c.addedLines()
	c.facts()
}

// deprecations: a "//deprecated" line, gone or new, while its declaration stays is no change a
// client's compiler can see (none); the API files still record it.
func (c *classifier) deprecations() {
	for _, r := range sorted(c.removed) {
		if base, ok := apiformat.CutDeprecated(r); ok && c.declStays(base) {
			c.add("undeprecated", None, "a declaration is no longer deprecated; every client still compiles", "-"+r)
		}
	}
	for _, a := range sorted(c.added) {
		if _, ok := apiformat.CutDeprecated(a); ok {
			c.add("deprecated", None, "a declaration is now deprecated; it still works the same", "+"+a)
		}
	}
}

// declStays reports whether the new features still declare what the deprecation line base
// ("pkg p, func F") names.
func (c *classifier) declStays(base string) bool {
	for _, n := range c.in.NewLines {
		if strings.HasPrefix(n, base) && (len(n) == len(base) || strings.ContainsRune(" ([,", rune(n[len(base)]))) {
			return true
		}
	}
	return false
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
	for _, r := range sorted(c.removed) {
		if !c.removed[r] {
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
			for _, o := range sorted(c.removed) {
				if oh, od := parts(o); o != r && oh == head && (declaresType(od, name) || strings.HasPrefix(od, "type "+name+"[")) {
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
		ch := c.add(class, Breaking, "a "+strings.TrimSuffix(strings.ReplaceAll(class, "_", " "), " removed")+" was removed"+where, "-"+r)
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
