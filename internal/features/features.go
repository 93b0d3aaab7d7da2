// Package features computes the API features of a type-checked Go package in
// the line format of Go's API checker (cmd/api), the format of the files in
// $GOROOT/api.
//
// A feature is one line such as
//
//	pkg net/http, method (*Client) Do(*Request) (*Response, error)
//
// describing one exported property of the package in one build context. The
// features of a package form a set; this package returns them sorted and
// without a context suffix. Merging contexts into "pkg p (linux-amd64), ..."
// lines is the job of package apicheck.
//
// The printer follows cmd/api exactly, including its lossy choices: names of
// parameters, struct tags, unexported fields and nested struct literal
// contents are never features; type parameters print as $N; a named type
// prints its underlying type; other packages are qualified by package name.
package features

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
	"github.com/rules-go-api/rules_go_api/internal/deprecated"
)

// Package returns the sorted features of pkg in one build context.
//
// fset resolves the positions of pkg's objects; dep marks the deprecated
// ones (nil: none). Only objects declared in pkg itself can be deprecated,
// so a deprecated method promoted from another package is not reported
// under the embedding type, just as in cmd/api.
func Package(fset *token.FileSet, pkg *types.Package, dep *deprecated.Set) []string {
	w := &walker{fset: fset, pkg: pkg, dep: dep, seen: make(map[string]bool)}
	w.scope = strings.TrimSuffix(apiformat.Head(pkg.Path()), ", ")
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if token.IsExported(name) {
			w.object(scope.Lookup(name))
		}
	}
	slices.Sort(w.out)
	return w.out
}

type walker struct {
	fset  *token.FileSet
	pkg   *types.Package
	dep   *deprecated.Set
	scope string // "pkg P" or "pkg P, type T struct" / "pkg P, type I interface"
	// rename prints a defined type under another name: a fact about an alias describes the
	// aliased type as the alias's name spells it.
	rename map[*types.TypeName]string
	out    []string
	seen   map[string]bool
	buf    strings.Builder
}

// emit records one feature in the current scope. A feature emitted twice in
// one context would mean the printer is wrong, so it is dropped rather than
// duplicated (cmd/api panics); the output stays a set.
func (w *walker) emit(format string, args ...any) {
	f := w.scope + ", " + fmt.Sprintf(format, args...)
	if w.seen[f] {
		return
	}
	w.seen[f] = true
	w.out = append(w.out, f)
}

// emitDeprecated records the feature that marks the declaration format describes deprecated.
func (w *walker) emitDeprecated(format string, args ...any) {
	w.emit(format+"%s", append(args, apiformat.DeprecatedSuffix)...)
}

func (w *walker) isDeprecated(obj types.Object) bool {
	if w.dep == nil || obj.Pkg() != w.pkg {
		return false
	}
	return w.dep.Contains(w.fset.Position(obj.Pos()), obj.Name())
}

func (w *walker) object(obj types.Object) {
	name := obj.Name()
	switch obj := obj.(type) {
	case *types.Const:
		if w.isDeprecated(obj) {
			w.emitDeprecated("const %s", name)
		}
		w.emit("const %s %s", name, w.typeString(obj.Type()))
		short, exact := obj.Val().String(), obj.Val().ExactString()
		if short == exact {
			w.emit("const %s = %s", name, short)
		} else {
			w.emit("const %s = %s  // %s", name, short, exact)
		}
	case *types.Var:
		if w.isDeprecated(obj) {
			w.emitDeprecated("var %s", name)
		}
		w.emit("var %s %s", name, w.typeString(obj.Type()))
	case *types.Func:
		if w.isDeprecated(obj) {
			w.emitDeprecated("func %s", name)
		}
		w.emit("func %s%s", name, w.signatureString(obj.Type().(*types.Signature)))
	case *types.TypeName:
		w.typeName(obj)
	}
}

func (w *walker) typeName(obj *types.TypeName) {
	name := obj.Name()
	if w.isDeprecated(obj) {
		w.emitDeprecated("type %s", name)
	}
	if obj.IsAlias() {
		w.emit("type %s = %s", name, w.typeString(obj.Type()))
		return
	}
	if named, ok := obj.Type().(*types.Named); ok {
		w.namedType(name, named)
	}
}

// namedType emits the features of the defined type named, declared as name: its kind, its
// members and its methods.
func (w *walker) namedType(name string, named *types.Named) {
	if tparams := named.TypeParams(); tparams.Len() > 0 {
		name += w.typeParamsString(tparams, true)
	}
	switch u := named.Underlying().(type) {
	case *types.Struct:
		w.structType(name, u)
	case *types.Interface:
		w.interfaceType(name, u)
		return // an interface's methods are its members, emitted above
	default:
		w.emit("type %s %s", name, w.typeString(u))
	}
	w.methods(named)
}

func (w *walker) structType(name string, st *types.Struct) {
	w.emit("type %s struct", name)
	outer := w.scope
	w.scope = fmt.Sprintf("%s, type %s struct", outer, name)
	defer func() { w.scope = outer }()
	for i := range st.NumFields() {
		f := st.Field(i)
		if !f.Exported() {
			continue
		}
		if f.Anonymous() {
			t := w.typeString(f.Type())
			if w.isDeprecated(f) {
				w.emitDeprecated("embedded %s", t)
			}
			w.emit("embedded %s", t)
			continue
		}
		if w.isDeprecated(f) {
			w.emitDeprecated("%s", f.Name())
		}
		w.emit("%s %s", f.Name(), w.typeString(f.Type()))
	}
}

// interfaceType emits one member line per exported method of the interface's
// full method set, then either the summary of the method names or, when the
// method set has unexported methods (so only this package can implement it and
// the set may grow), the "unexported methods" marker instead.
func (w *walker) interfaceType(name string, it *types.Interface) {
	outer := w.scope
	w.scope = fmt.Sprintf("%s, type %s interface", outer, name)
	var names []string
	complete := true
	mset := types.NewMethodSet(it)
	for i := range mset.Len() {
		m := mset.At(i).Obj()
		if !m.Exported() {
			complete = false
			continue
		}
		names = append(names, m.Name())
		if w.isDeprecated(m) {
			w.emitDeprecated("%s", m.Name())
		}
		w.emit("%s%s", m.Name(), w.signatureString(m.Type().(*types.Signature)))
	}
	if !complete {
		w.emit("unexported methods")
	}
	w.scope = outer
	if !complete {
		return
	}
	if len(names) == 0 {
		w.emit("type %s interface {}", name)
		return
	}
	slices.Sort(names)
	w.emit("type %s interface { %s }", name, strings.Join(names, ", "))
}

// methods emits the exported methods of T's method set, then those that only
// *T's method set has. Method sets include methods promoted through embedded
// fields, exported or not, of any package.
func (w *walker) methods(named *types.Named) {
	done := make(map[string]bool)
	vset := types.NewMethodSet(named)
	for i := range vset.Len() {
		if sel := vset.At(i); sel.Obj().Exported() {
			w.method(sel)
			done[sel.Obj().Name()] = true
		}
	}
	pset := types.NewMethodSet(types.NewPointer(named))
	for i := range pset.Len() {
		if sel := pset.At(i); sel.Obj().Exported() && !done[sel.Obj().Name()] {
			w.method(sel)
		}
	}
}

func (w *walker) method(sel *types.Selection) {
	sig := sel.Type().(*types.Signature)
	recv := w.typeString(sig.Recv().Type())
	if rtp := sig.RecvTypeParams(); rtp.Len() > 0 {
		recv += w.typeParamsString(rtp, false)
	}
	name := sel.Obj().Name()
	if w.isDeprecated(sel.Obj()) {
		w.emitDeprecated("method (%s) %s", recv, name)
	}
	w.emit("method (%s) %s%s", recv, name, w.signatureString(sig))
}

func (w *walker) typeString(t types.Type) string {
	w.buf.Reset()
	w.writeType(t)
	return w.buf.String()
}

func (w *walker) signatureString(sig *types.Signature) string {
	w.buf.Reset()
	w.writeSignature(sig)
	return w.buf.String()
}

func (w *walker) typeParamsString(list *types.TypeParamList, constraints bool) string {
	w.buf.Reset()
	w.writeTypeParams(list, constraints)
	return w.buf.String()
}

// writeType writes t as cmd/api spells types: basic types by their real
// names ("uint8" for byte, "int32" for rune, "ideal-*" for untyped
// constants), aliases resolved, named types qualified by package name,
// type parameters as $N, struct literals as just "struct".
func (w *walker) writeType(t types.Type) {
	b := &w.buf
	switch t := t.(type) {
	case *types.Basic:
		b.WriteString(basicName(t))
	case *types.Array:
		fmt.Fprintf(b, "[%d]", t.Len())
		w.writeType(t.Elem())
	case *types.Slice:
		b.WriteString("[]")
		w.writeType(t.Elem())
	case *types.Struct:
		b.WriteString("struct")
	case *types.Pointer:
		b.WriteByte('*')
		w.writeType(t.Elem())
	case *types.Signature:
		b.WriteString("func")
		w.writeSignature(t)
	case *types.Interface:
		w.writeInterface(t)
	case *types.Map:
		b.WriteString("map[")
		w.writeType(t.Key())
		b.WriteByte(']')
		w.writeType(t.Elem())
	case *types.Chan:
		switch t.Dir() {
		case types.SendOnly:
			b.WriteString("chan<- ")
		case types.RecvOnly:
			b.WriteString("<-chan ")
		default:
			b.WriteString("chan ")
		}
		w.writeType(t.Elem())
	case *types.Alias:
		w.writeType(types.Unalias(t))
	case *types.Named:
		obj := t.Obj()
		if name, ok := w.rename[obj]; ok {
			b.WriteString(name)
			break
		}
		if obj.Pkg() != nil && obj.Pkg() != w.pkg {
			b.WriteString(obj.Pkg().Name())
			b.WriteByte('.')
		}
		b.WriteString(obj.Name())
		if args := t.TypeArgs(); args.Len() > 0 {
			b.WriteByte('[')
			for i := range args.Len() {
				if i > 0 {
					b.WriteString(", ")
				}
				w.writeType(args.At(i))
			}
			b.WriteByte(']')
		}
	case *types.TypeParam:
		fmt.Fprintf(b, "$%d", t.Index())
	default:
		// Tuples and unions never appear as standalone types in a feature.
		fmt.Fprintf(b, "<unexpected %T>", t)
	}
}

func basicName(t *types.Basic) string {
	switch t.Kind() {
	case types.UnsafePointer:
		return "unsafe.Pointer"
	case types.UntypedBool:
		return "ideal-bool"
	case types.UntypedInt:
		return "ideal-int"
	case types.UntypedRune:
		return "ideal-char" // cmd/api's historical name
	case types.UntypedFloat:
		return "ideal-float"
	case types.UntypedComplex:
		return "ideal-complex"
	case types.UntypedString:
		return "ideal-string"
	case types.Uint8:
		return "uint8" // also for byte
	case types.Int32:
		return "int32" // also for rune
	}
	return t.Name()
}

// writeInterface writes an interface literal: the sorted names of all its
// methods, then, with no separator (a cmd/api quirk), the sorted union terms
// it embeds. Embedded named types add only their methods.
func (w *walker) writeInterface(t *types.Interface) {
	b := &w.buf
	b.WriteString("interface{")
	nonEmpty := t.NumMethods() > 0 || t.NumEmbeddeds() > 0
	if nonEmpty {
		b.WriteByte(' ')
	}
	names := make([]string, t.NumMethods())
	for i := range names {
		names[i] = t.Method(i).Name()
	}
	slices.Sort(names)
	b.WriteString(strings.Join(names, ", "))
	b.WriteString(strings.Join(w.unionTerms(t), ", "))
	if nonEmpty {
		b.WriteByte(' ')
	}
	b.WriteByte('}')
}

// unionTerms returns the sorted unions embedded in t, directly or through
// embedded interface literals, each written as "~A | B".
func (w *walker) unionTerms(t *types.Interface) []string {
	var list []string
	for i := range t.NumEmbeddeds() {
		switch e := t.EmbeddedType(i).(type) {
		case *types.Interface:
			list = append(list, w.unionTerms(e)...)
		case *types.Union:
			outer := w.buf.String()
			w.buf.Reset()
			for j := range e.Len() {
				if j > 0 {
					w.buf.WriteString(" | ")
				}
				term := e.Term(j)
				if term.Tilde() {
					w.buf.WriteByte('~')
				}
				w.writeType(term.Type())
			}
			list = append(list, w.buf.String())
			w.buf.Reset()
			w.buf.WriteString(outer)
		}
	}
	slices.Sort(list)
	return list
}

func (w *walker) writeSignature(sig *types.Signature) {
	if tparams := sig.TypeParams(); tparams.Len() > 0 {
		w.writeTypeParams(tparams, true)
	}
	w.writeParams(sig.Params(), sig.Variadic())
	switch res := sig.Results(); res.Len() {
	case 0:
	case 1:
		w.buf.WriteByte(' ')
		w.writeType(res.At(0).Type())
	default:
		w.buf.WriteByte(' ')
		w.writeParams(res, false)
	}
}

func (w *walker) writeTypeParams(list *types.TypeParamList, constraints bool) {
	w.buf.WriteByte('[')
	for i := range list.Len() {
		if i > 0 {
			w.buf.WriteString(", ")
		}
		tp := list.At(i)
		w.writeType(tp)
		if constraints {
			w.buf.WriteByte(' ')
			w.writeType(tp.Constraint())
		}
	}
	w.buf.WriteByte(']')
}

func (w *walker) writeParams(params *types.Tuple, variadic bool) {
	w.buf.WriteByte('(')
	for i := range params.Len() {
		if i > 0 {
			w.buf.WriteString(", ")
		}
		t := params.At(i).Type()
		if variadic && i == params.Len()-1 {
			if s, ok := t.(*types.Slice); ok {
				w.buf.WriteString("...")
				t = s.Elem()
			}
		}
		w.writeType(t)
	}
	w.buf.WriteByte(')')
}
