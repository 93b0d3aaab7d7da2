package clients

import (
	"go/types"
	"strconv"
	"strings"
)

// A client spells types in Go source. Only some types can be spelled outside the package that
// declares them: a named type or alias must be exported and at package level, a struct's fields
// and an interface's methods exported (an unexported name in a client would be the client's
// own). A type that cannot be spelled is reached through values instead (members).

// spelling writes one client's source: it names the packages it imports and remembers which.
type spelling struct {
	w       *writer
	imports map[string]bool // import paths the client refers to
	locals  map[string]bool // the client's own types it refers to
	sub     map[*types.TypeParam]string
}

// spell returns the Go spelling of t, and false if a client cannot spell it.
func (s *spelling) spell(t types.Type) (string, bool) {
	var b strings.Builder
	if !s.write(&b, t) {
		return "", false
	}
	return b.String(), true
}

func (s *spelling) qualified(obj types.Object) (string, bool) {
	pkg := obj.Pkg()
	if pkg == nil {
		return obj.Name(), true // predeclared: error, comparable, any
	}
	if pkg == s.w.client {
		s.locals[obj.Name()] = true
		return obj.Name(), true
	}
	if !obj.Exported() || obj.Parent() != pkg.Scope() {
		return "", false
	}
	if pkg.Path() == "unsafe" {
		s.imports["unsafe"] = true
		return "unsafe." + obj.Name(), true
	}
	s.imports[pkg.Path()] = true
	return s.w.importName(pkg) + "." + obj.Name(), true
}

func (s *spelling) write(b *strings.Builder, t types.Type) bool {
	switch t := t.(type) {
	case *types.Basic:
		if t.Info()&types.IsUntyped != 0 || t.Kind() == types.Invalid {
			return false
		}
		if t.Kind() == types.UnsafePointer {
			s.imports["unsafe"] = true
		}
		b.WriteString(t.String())
		return true
	case *types.Alias:
		name, ok := s.qualified(t.Obj())
		if !ok {
			return s.write(b, types.Unalias(t))
		}
		b.WriteString(name)
		return s.typeArgs(b, t.TypeArgs())
	case *types.Named:
		name, ok := s.qualified(t.Obj())
		if !ok {
			return false
		}
		b.WriteString(name)
		return s.typeArgs(b, t.TypeArgs())
	case *types.TypeParam:
		name, ok := s.sub[t]
		b.WriteString(name)
		return ok
	case *types.Pointer:
		b.WriteString("*")
		return s.write(b, t.Elem())
	case *types.Slice:
		b.WriteString("[]")
		return s.write(b, t.Elem())
	case *types.Array:
		b.WriteString("[" + strconv.FormatInt(t.Len(), 10) + "]")
		return s.write(b, t.Elem())
	case *types.Map:
		b.WriteString("map[")
		if !s.write(b, t.Key()) {
			return false
		}
		b.WriteString("]")
		return s.write(b, t.Elem())
	case *types.Chan:
		switch t.Dir() {
		case types.SendOnly:
			b.WriteString("chan<- ")
		case types.RecvOnly:
			b.WriteString("<-chan ")
		default:
			b.WriteString("chan ")
			if c, ok := t.Elem().(*types.Chan); ok && c.Dir() == types.RecvOnly {
				b.WriteString("(")
				defer b.WriteString(")")
			}
		}
		return s.write(b, t.Elem())
	case *types.Signature:
		if t.TypeParams().Len() > 0 {
			return false
		}
		b.WriteString("func")
		return s.signature(b, t)
	case *types.Struct:
		b.WriteString("struct{")
		for i := range t.NumFields() {
			f := t.Field(i)
			if !f.Exported() {
				return false
			}
			if i > 0 {
				b.WriteString("; ")
			}
			if !f.Embedded() {
				b.WriteString(f.Name() + " ")
			}
			if !s.write(b, f.Type()) {
				return false
			}
			if tag := t.Tag(i); tag != "" {
				b.WriteString(" " + strconv.Quote(tag))
			}
		}
		b.WriteString("}")
		return true
	case *types.Interface:
		b.WriteString("interface{")
		n := 0
		sep := func() {
			if n > 0 {
				b.WriteString("; ")
			}
			n++
		}
		for i := range t.NumExplicitMethods() {
			m := t.ExplicitMethod(i)
			if !m.Exported() {
				return false
			}
			sep()
			b.WriteString(m.Name())
			if !s.signature(b, m.Type().(*types.Signature)) {
				return false
			}
		}
		for i := range t.NumEmbeddeds() {
			sep()
			if !s.write(b, t.EmbeddedType(i)) {
				return false
			}
		}
		b.WriteString("}")
		return true
	case *types.Union:
		for i := range t.Len() {
			if i > 0 {
				b.WriteString(" | ")
			}
			term := t.Term(i)
			if term.Tilde() {
				b.WriteString("~")
			}
			if !s.write(b, term.Type()) {
				return false
			}
		}
		return true
	}
	return false
}

func (s *spelling) typeArgs(b *strings.Builder, args *types.TypeList) bool {
	if args.Len() == 0 {
		return true
	}
	b.WriteString("[")
	for i := range args.Len() {
		if i > 0 {
			b.WriteString(", ")
		}
		if !s.write(b, args.At(i)) {
			return false
		}
	}
	b.WriteString("]")
	return true
}

// signature writes a signature without "func": its parameters and results.
func (s *spelling) signature(b *strings.Builder, sig *types.Signature) bool {
	if !s.tuple(b, sig.Params(), sig.Variadic()) {
		return false
	}
	switch res := sig.Results(); res.Len() {
	case 0:
	case 1:
		b.WriteString(" ")
		return s.write(b, res.At(0).Type())
	default:
		b.WriteString(" ")
		return s.tuple(b, res, false)
	}
	return true
}

func (s *spelling) tuple(b *strings.Builder, t *types.Tuple, variadic bool) bool {
	b.WriteString("(")
	for i := range t.Len() {
		if i > 0 {
			b.WriteString(", ")
		}
		typ := t.At(i).Type()
		if variadic && i == t.Len()-1 {
			b.WriteString("...")
			typ = typ.(*types.Slice).Elem()
		}
		if !s.write(b, typ) {
			return false
		}
	}
	b.WriteString(")")
	return true
}
