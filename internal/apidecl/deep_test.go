package apidecl

import (
	"fmt"
	"go/types"
	"slices"
	"strconv"
	"strings"
)

// deep describes every declaration of pkg's API and, transitively, every type name it reaches in
// any package, in more detail than cmd/api's lines: unnamed structs' fields in order with tags
// and the packages of unexported names, unnamed interfaces' method signatures, type arguments,
// constraints, constants' kinds. The fidelity tests compare it between the real package and the
// loaded record, in addition to the features and facts. The printer's helper aliases are seen
// through: they exist only to spell what the real package spells by inference.
func deep(pkg *types.Package) []string {
	d := &describer{seen: make(map[*types.TypeName]bool)}
	for _, name := range pkg.Scope().Names() {
		obj := pkg.Scope().Lookup(name)
		if !obj.Exported() {
			continue
		}
		switch obj := obj.(type) {
		case *types.Const:
			d.add(obj, "const %s %s %s", d.typ(obj.Type()), obj.Val().Kind(), obj.Val().ExactString())
		case *types.Var:
			d.add(obj, "var %s", d.typ(obj.Type()))
		case *types.Func:
			d.add(obj, "func %s", d.sig(obj.Type().(*types.Signature)))
		case *types.TypeName:
			d.reach(obj)
		}
	}
	for len(d.queue) > 0 {
		tn := d.queue[0]
		d.queue = d.queue[1:]
		switch t := tn.Type().(type) {
		case *types.Alias:
			d.add(tn, "alias%s = %s", d.tparams(t.TypeParams()), d.typ(t.Rhs()))
		case *types.Named:
			d.add(tn, "type%s %s", d.tparams(t.TypeParams()), d.typ(t.Underlying()))
			for i := range t.NumMethods() {
				m := t.Method(i)
				sig := m.Type().(*types.Signature)
				d.add(tn, "method %s%s (recv %s%s)", d.name(m), d.sig(sig), d.typ(sig.Recv().Type()), d.tparams(sig.RecvTypeParams()))
			}
		}
	}
	slices.Sort(d.out)
	return d.out
}

type describer struct {
	seen  map[*types.TypeName]bool
	queue []*types.TypeName
	out   []string
}

func (d *describer) add(obj types.Object, format string, args ...any) {
	d.out = append(d.out, obj.Pkg().Path()+"."+obj.Name()+": "+fmt.Sprintf(format, args...))
}

func (d *describer) reach(tn *types.TypeName) {
	if tn.Pkg() != nil && !d.seen[tn] && !isHelper(tn) {
		d.seen[tn] = true
		d.queue = append(d.queue, tn)
	}
}

func isHelper(tn *types.TypeName) bool {
	return tn.IsAlias() && strings.HasPrefix(tn.Name(), helperPrefix)
}

// name qualifies an unexported field or method name by its package: their identity.
func (d *describer) name(obj types.Object) string {
	if obj.Exported() || obj.Pkg() == nil {
		return obj.Name()
	}
	return obj.Pkg().Path() + "." + obj.Name()
}

func (d *describer) qualified(tn *types.TypeName) string {
	if tn.Pkg() == nil {
		return tn.Name()
	}
	return tn.Pkg().Path() + "." + tn.Name()
}

func (d *describer) list(l *types.TypeList) string {
	if l.Len() == 0 {
		return ""
	}
	var s []string
	for i := range l.Len() {
		s = append(s, d.typ(l.At(i)))
	}
	return "[" + strings.Join(s, ", ") + "]"
}

func (d *describer) tparams(l *types.TypeParamList) string {
	if l.Len() == 0 {
		return ""
	}
	var s []string
	for i := range l.Len() {
		s = append(s, l.At(i).Obj().Name()+" "+d.typ(l.At(i).Constraint()))
	}
	return "[" + strings.Join(s, ", ") + "]"
}

func (d *describer) tuple(t *types.Tuple) string {
	var s []string
	for i := range t.Len() {
		s = append(s, d.typ(t.At(i).Type()))
	}
	return "(" + strings.Join(s, ", ") + ")"
}

func (d *describer) sig(s *types.Signature) string {
	v := ""
	if s.Variadic() {
		v = " variadic"
	}
	return d.tparams(s.TypeParams()) + d.tuple(s.Params()) + " " + d.tuple(s.Results()) + v
}

func (d *describer) typ(t types.Type) string {
	switch t := t.(type) {
	case *types.Basic:
		return t.Name()
	case *types.Pointer:
		return "*" + d.typ(t.Elem())
	case *types.Slice:
		return "[]" + d.typ(t.Elem())
	case *types.Array:
		return fmt.Sprintf("[%d]%s", t.Len(), d.typ(t.Elem()))
	case *types.Map:
		return "map[" + d.typ(t.Key()) + "]" + d.typ(t.Elem())
	case *types.Chan:
		return fmt.Sprintf("chan(%d) %s", t.Dir(), d.typ(t.Elem()))
	case *types.Signature:
		return "func" + d.sig(t)
	case *types.Struct:
		var s []string
		for i := range t.NumFields() {
			f := t.Field(i)
			e := ""
			if f.Embedded() {
				e = "embedded "
			}
			s = append(s, e+d.name(f)+" "+d.typ(f.Type())+" "+strconv.Quote(t.Tag(i)))
		}
		return "struct{" + strings.Join(s, "; ") + "}"
	case *types.Interface:
		var s []string
		for i := range t.NumExplicitMethods() {
			m := t.ExplicitMethod(i)
			s = append(s, d.name(m)+d.sig(m.Type().(*types.Signature)))
		}
		slices.Sort(s)
		for i := range t.NumEmbeddeds() {
			s = append(s, "embedded "+d.typ(t.EmbeddedType(i)))
		}
		return "interface{" + strings.Join(s, "; ") + "}"
	case *types.Union:
		var s []string
		for i := range t.Len() {
			tilde := ""
			if t.Term(i).Tilde() {
				tilde = "~"
			}
			s = append(s, tilde+d.typ(t.Term(i).Type()))
		}
		return strings.Join(s, " | ")
	case *types.TypeParam:
		return t.Obj().Name()
	case *types.Named:
		d.reach(t.Origin().Obj())
		return d.qualified(t.Origin().Obj()) + d.list(t.TypeArgs())
	case *types.Alias:
		if isHelper(t.Obj()) {
			return d.typ(types.Unalias(t))
		}
		d.reach(t.Origin().Obj())
		return d.qualified(t.Origin().Obj()) + d.list(t.TypeArgs())
	}
	return fmt.Sprintf("<%T>", t)
}
