package features

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
)

// Facts returns the sorted facts of pkg in one build context: what the compatibility verdict
// needs to know beyond cmd/api's features (docs/format.md, "Facts for the compatibility
// verdict"). Each fact is a line with a feature's head, "pkg P, ":
//
//	pkg p, type T comparable                        values of T can be compared with ==
//	pkg p, type T struct, promoted field X int      a field reached through embedding
//	pkg p, type T implements I                      T (or *T) implements p's sealed interface I
//	pkg p, unexported, type u struct, X int         a member of an unexported type the API reaches
//	pkg p, alias, type A struct, X int              a member of a type another package declares, under its alias A
//	pkg p, func F, type parameter $0 typeset ~int | ~string
//	pkg p, type C interface, typeset ~int | ~float64
//	pkg p, import io "io"                           the path of a package the lines name io
//
// Types are spelled as in the features; a type set lists its methods, "comparable" and its
// terms, named constraints expanded.
func Facts(pkg *types.Package) []string {
	w := &walker{pkg: pkg, seen: make(map[string]bool)}
	head := strings.TrimSuffix(apiformat.Head(pkg.Path()), ", ")
	w.scope = head
	scope := pkg.Scope()
	var sealed []*types.TypeName
	var defined []*types.TypeName
	reach := &reachable{pkg: pkg, seen: make(map[*types.TypeName]bool)}
	for _, name := range scope.Names() {
		if !token.IsExported(name) {
			continue
		}
		obj := scope.Lookup(name)
		reach.object(obj)
		switch obj := obj.(type) {
		case *types.Func:
			w.typeParamFacts("func "+name, obj.Type().(*types.Signature).TypeParams())
		case *types.TypeName:
			if obj.IsAlias() {
				w.aliasFacts(head, obj)
				continue
			}
			named, ok := obj.Type().(*types.Named)
			if !ok {
				continue
			}
			w.typeParamFacts("type "+name, named.TypeParams())
			if named.TypeParams().Len() > 0 {
				continue // comparability and members depend on the type arguments
			}
			defined = append(defined, obj)
			if types.Comparable(named) && !types.IsInterface(named) { // interfaces always are
				w.emit("type %s comparable", name)
			}
			switch u := named.Underlying().(type) {
			case *types.Struct:
				w.promotedFields(name, named, u)
			case *types.Interface:
				if !u.IsMethodSet() {
					w.emit("type %s interface, typeset %s", name, w.typeSet(u))
				}
				if isSealed(u) {
					sealed = append(sealed, obj)
				}
			}
		}
	}
	for _, i := range sealed {
		iface := i.Type().Underlying().(*types.Interface)
		for _, t := range defined {
			if t == i || types.IsInterface(t.Type()) {
				continue
			}
			switch {
			case types.Implements(t.Type(), iface):
				w.emit("type %s implements %s", t.Name(), i.Name())
			case types.Implements(types.NewPointer(t.Type()), iface):
				w.emit("type *%s implements %s", t.Name(), i.Name())
			}
		}
	}
	for _, u := range reach.unexported {
		w.scope = head + ", unexported"
		w.namedType(u.Name(), u.Type().(*types.Named))
		w.scope = head
		if st, ok := u.Type().Underlying().(*types.Struct); ok {
			w.promotedFields(u.Name(), u.Type().(*types.Named), st)
		}
	}
	for _, imp := range pkg.Imports() {
		w.emit("import %s %q", imp.Name(), imp.Path())
	}
	slices.Sort(w.out)
	return w.out
}

// isSealed reports whether only its own package can implement iface: it has unexported methods.
func isSealed(iface *types.Interface) bool {
	for i := range iface.NumMethods() {
		if !iface.Method(i).Exported() {
			return true
		}
	}
	return false
}

// promotedFields emits the exported fields of st that embedding promotes: cmd/api lists the
// embedded field but not what it brings, so a field lost deep inside an unexported embedded
// type changes no feature.
func (w *walker) promotedFields(name string, named *types.Named, st *types.Struct) {
	kind := "type"
	if !token.IsExported(name) {
		kind = "unexported, type"
	}
	names := make(map[string]bool)
	var visit func(st *types.Struct, depth int)
	visit = func(st *types.Struct, depth int) {
		if depth > 8 {
			return
		}
		for i := range st.NumFields() {
			f := st.Field(i)
			if depth > 0 && f.Exported() {
				names[f.Name()] = true
			}
			if f.Anonymous() {
				t := f.Type()
				if p, ok := t.(*types.Pointer); ok {
					t = p.Elem()
				}
				if inner, ok := t.Underlying().(*types.Struct); ok {
					visit(inner, depth+1)
				}
			}
		}
	}
	visit(st, 0)
	for _, n := range slices.Sorted(mapKeys(names)) {
		obj, index, _ := types.LookupFieldOrMethod(named, true, w.pkg, n)
		if f, ok := obj.(*types.Var); ok && len(index) > 1 {
			w.emit("%s %s struct, promoted field %s %s", kind, name, n, w.typeString(f.Type()))
		}
	}
}

func mapKeys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// aliasFacts describes the defined type that an exported alias names, when another package
// declares it, with the features it would have if declared here under the alias's name: a type
// moved to another package behind an alias keeps its API when these match its old features.
func (w *walker) aliasFacts(head string, obj *types.TypeName) {
	named, ok := types.Unalias(obj.Type()).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg() == w.pkg || named.TypeParams().Len() > 0 || named.TypeArgs().Len() > 0 {
		return
	}
	w.rename = map[*types.TypeName]string{named.Obj(): obj.Name()}
	w.scope = head + ", alias"
	w.namedType(obj.Name(), named)
	w.scope = head
	if types.Comparable(named) {
		w.emit("alias, type %s comparable", obj.Name())
	}
	w.rename = nil
}

// typeParamFacts emits the type set of each type parameter of the declaration decl.
func (w *walker) typeParamFacts(decl string, list *types.TypeParamList) {
	for i := range list.Len() {
		if iface, ok := list.At(i).Constraint().Underlying().(*types.Interface); ok {
			w.emit("%s, type parameter $%d typeset %s", decl, i, w.typeSet(iface))
		}
	}
}

// typeSet writes the type set of a constraint in full: its sorted methods, "comparable" when it
// demands it, and its sorted terms, through named and embedded constraints; "any" for every type.
// The parts are separated by "; ", the terms by " | ".
func (w *walker) typeSet(iface *types.Interface) string {
	var parts []string
	for i := range iface.NumMethods() {
		m := iface.Method(i)
		parts = append(parts, m.Name()+w.signatureString(m.Type().(*types.Signature)))
	}
	slices.Sort(parts)
	if demandsComparable(iface, 0) {
		parts = append(parts, "comparable")
	}
	if all, terms := typeTerms(iface, 0); !all {
		list := make([]string, len(terms))
		for i, t := range terms {
			list[i] = w.typeString(t.Type())
			if t.Tilde() {
				list[i] = "~" + list[i]
			}
		}
		slices.Sort(list)
		list = slices.Compact(list)
		if len(list) == 0 {
			list = []string{"none"} // the empty type set
		}
		parts = append(parts, strings.Join(list, " | "))
	}
	if len(parts) == 0 {
		return "any"
	}
	return strings.Join(parts, "; ")
}

// demandsComparable reports whether iface embeds comparable, directly or through constraints.
func demandsComparable(iface *types.Interface, depth int) bool {
	if iface == universeComparable {
		return true
	}
	if depth > 16 {
		return false
	}
	for i := range iface.NumEmbeddeds() {
		e := iface.EmbeddedType(i)
		if n, ok := e.(*types.Named); ok && n.Obj().Pkg() == nil && n.Obj().Name() == "comparable" {
			return true
		}
		if inner, ok := e.Underlying().(*types.Interface); ok && demandsComparable(inner, depth+1) {
			return true
		}
	}
	return false
}

var universeComparable = types.Universe.Lookup("comparable").Type().Underlying()

// typeTerms returns the terms of iface's type set: all is true when the terms do not restrict
// it (only methods or comparable do); else terms is the intersection of its embedded elements'
// term lists.
func typeTerms(iface *types.Interface, depth int) (all bool, terms []*types.Term) {
	all = true
	if depth > 16 {
		return true, nil
	}
	for i := range iface.NumEmbeddeds() {
		e := iface.EmbeddedType(i)
		var elemAll bool
		var elem []*types.Term
		switch e := e.(type) {
		case *types.Union:
			for j := range e.Len() {
				t := e.Term(j)
				if inner, ok := t.Type().Underlying().(*types.Interface); ok {
					a, ts := typeTerms(inner, depth+1)
					if a {
						elemAll = true
					}
					elem = append(elem, ts...)
					continue
				}
				elem = append(elem, t)
			}
		default:
			if inner, ok := e.Underlying().(*types.Interface); ok {
				elemAll, elem = typeTerms(inner, depth+1)
			} else {
				elem = []*types.Term{types.NewTerm(false, e)}
			}
		}
		if elemAll {
			continue
		}
		if all {
			all, terms = false, elem
			continue
		}
		terms = intersectTerms(terms, elem)
	}
	return all, terms
}

// intersectTerms returns the terms in both lists: ~U and ~U is ~U, ~U and T (whose underlying
// type is U) is T, T and T is T.
func intersectTerms(a, b []*types.Term) []*types.Term {
	var out []*types.Term
	for _, x := range a {
		for _, y := range b {
			switch {
			case x.Tilde() && y.Tilde():
				if types.Identical(x.Type(), y.Type()) {
					out = append(out, x)
				}
			case x.Tilde():
				if types.Identical(x.Type(), y.Type().Underlying()) {
					out = append(out, y)
				}
			case y.Tilde():
				if types.Identical(y.Type(), x.Type().Underlying()) {
					out = append(out, x)
				}
			default:
				if types.Identical(x.Type(), y.Type()) {
					out = append(out, x)
				}
			}
		}
	}
	return out
}

// reachable collects the unexported defined types of pkg that its exported API reaches:
// a client holds values of them (a function's result, a field) and uses their exported fields
// and methods, which cmd/api does not list.
type reachable struct {
	pkg        *types.Package
	seen       map[*types.TypeName]bool
	unexported []*types.TypeName
}

func (r *reachable) object(obj types.Object) {
	switch obj := obj.(type) {
	case *types.Var, *types.Const, *types.Func:
		r.typ(obj.Type(), 0)
	case *types.TypeName:
		t := obj.Type()
		if n, ok := t.(*types.Named); ok && !obj.IsAlias() {
			r.typ(n.Underlying(), 0)
			r.methods(n, 0)
		} else {
			r.typ(t, 0)
		}
	}
}

func (r *reachable) methods(n *types.Named, depth int) {
	for _, t := range []types.Type{n, types.NewPointer(n)} {
		ms := types.NewMethodSet(t)
		for i := range ms.Len() {
			if m := ms.At(i).Obj(); m.Exported() {
				r.typ(m.Type(), depth+1)
			}
		}
	}
}

func (r *reachable) typ(t types.Type, depth int) {
	if depth > 32 {
		return
	}
	switch t := t.(type) {
	case *types.Named:
		obj := t.Obj()
		if obj.Pkg() != r.pkg || obj.Exported() || r.seen[obj] || t.TypeParams().Len() > 0 {
			return
		}
		r.seen[obj] = true
		r.unexported = append(r.unexported, obj)
		r.typ(t.Underlying(), depth+1)
		r.methods(t, depth+1)
	case *types.Alias:
		r.typ(types.Unalias(t), depth)
	case *types.Pointer:
		r.typ(t.Elem(), depth+1)
	case *types.Slice:
		r.typ(t.Elem(), depth+1)
	case *types.Array:
		r.typ(t.Elem(), depth+1)
	case *types.Map:
		r.typ(t.Key(), depth+1)
		r.typ(t.Elem(), depth+1)
	case *types.Chan:
		r.typ(t.Elem(), depth+1)
	case *types.Signature:
		for _, tup := range []*types.Tuple{t.Params(), t.Results()} {
			for i := range tup.Len() {
				r.typ(tup.At(i).Type(), depth+1)
			}
		}
	case *types.Struct:
		for i := range t.NumFields() {
			if f := t.Field(i); f.Exported() || f.Anonymous() {
				r.typ(f.Type(), depth+1)
			}
		}
	case *types.Interface:
		for i := range t.NumMethods() {
			if m := t.Method(i); m.Exported() {
				r.typ(m.Type(), depth+1)
			}
		}
	}
}
