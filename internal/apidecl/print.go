// Package apidecl records a Go package's API as Go declarations that compile: a text holding the
// package's exported declarations and everything they reach, in it and in other packages, that
// go/types checks into packages whose API behaves like the real package's for any client
// (docs/format.md, "Declarations"). Print writes the record from a type-checked package (in
// practice one imported from the compiler's export data); Load type-checks it back.
//
// The record exists because cmd/api's lines, kept byte-identical to Go's, cannot be turned back
// into Go: they drop unnamed structs' fields, unnamed interfaces' method signatures, type
// arguments, tags and field order. A verdict decided by compiling clients needs the old API to
// compile.
package apidecl

import (
	"bytes"
	"fmt"
	"go/constant"
	"go/format"
	"go/token"
	"go/types"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Header is the first line of every record: it says what the file is to a reader who finds it
// next to the API files.
const Header = "// rules_go_api API declarations; not a Go file: see docs/format.md"

// sectionPrefix starts the line that opens a package's section.
const sectionPrefix = "// package "

// spellingOnly is the comment on an import that the record needs to spell a type but the real
// package does not have (unsafe for unsafe.Pointer, a package whose type a variable has by
// inference): the loader leaves it out of the package's Imports().
const spellingOnly = "// spelling only"

// helperPrefix starts the names of the aliases the printer adds so that one section can name
// what the Go source of another package could not: that package's unexported types and type
// literals (whose unexported fields and methods belong to it).
const helperPrefix = "Unexported_"

// Print returns the record of pkg's API. It fails only on a construct it cannot write exactly
// (an error names it), never silently.
func Print(pkg *types.Package) ([]byte, error) {
	p := &printer{root: pkg, sections: make(map[*types.Package]*section), reached: make(map[types.Object]bool),
		tparams: make(map[*types.TypeParam]bool)}
	p.section(pkg)
	for _, name := range pkg.Scope().Names() {
		if token.IsExported(name) {
			p.reach(pkg.Scope().Lookup(name))
		}
	}
	for len(p.queue) > 0 {
		obj := p.queue[0]
		p.queue = p.queue[1:]
		p.walkObject(obj)
	}
	for _, imp := range pkg.Imports() {
		p.section(imp)
	}
	secs := make([]*section, 0, len(p.sections))
	for _, s := range p.sections {
		secs = append(secs, s)
	}
	// The described package first, then its dependencies by path.
	slices.SortFunc(secs, func(a, b *section) int {
		if (a.pkg == pkg) != (b.pkg == pkg) {
			if a.pkg == pkg {
				return -1
			}
			return 1
		}
		return strings.Compare(a.pkg.Path(), b.pkg.Path())
	})
	for _, s := range secs {
		s.sortObjects()
		s.reserveTypeParamNames()
		for _, obj := range s.objs {
			p.declare(s, obj)
		}
	}
	// Declaring a helper may need helpers in yet other sections; it ends because each type
	// name and literal gets one helper.
	for again := true; again; {
		again = false
		for _, s := range secs {
			for s.helpersDone < len(s.helpers) {
				h := s.helpers[s.helpersDone]
				s.helpersDone++
				p.declareHelper(s, h)
				again = true
			}
		}
	}
	if p.err != nil {
		return nil, p.err
	}
	if len(p.sections[pkg].helpers) > 0 {
		// Helpers are exported names: in the described package they would be API.
		return nil, fmt.Errorf("apidecl: %s: another section names an unexported type of the described package", pkg.Path())
	}
	var out bytes.Buffer
	out.WriteString(Header + "\n")
	for _, s := range secs {
		src, err := s.source(pkg)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&out, "%s%s\n", sectionPrefix, s.pkg.Path())
		out.Write(src)
	}
	return out.Bytes(), nil
}

type printer struct {
	root     *types.Package
	sections map[*types.Package]*section
	reached  map[types.Object]bool
	queue    []types.Object
	tparams  map[*types.TypeParam]bool // type parameters whose constraints were walked
	err      error                     // the first construct that could not be written
}

// section is one package's part of the record.
type section struct {
	pkg     *types.Package
	objs    []types.Object
	imports map[*types.Package]string // imported packages and the names this section gives them
	used    map[string]bool           // names taken in the file scope: declared names and import names
	body    bytes.Buffer

	helpers     []*helper
	helpersDone int
	literals    int             // helpers for literals so far: they are numbered
	helperOf    map[any]*helper // by *types.TypeName or by literal type text
}

// helper is an exported alias declared in a section for another section's use.
type helper struct {
	name string
	obj  *types.TypeName // an unexported type name of the section's package, or nil
	lit  types.Type      // else a type literal whose unexported members are the package's
}

func (p *printer) section(pkg *types.Package) *section {
	s := p.sections[pkg]
	if s == nil {
		s = &section{pkg: pkg, imports: make(map[*types.Package]string), used: make(map[string]bool),
			helperOf: make(map[any]*helper)}
		for _, name := range pkg.Scope().Names() {
			s.used[name] = true // all of the real package's names: a superset of those declared here
		}
		p.sections[pkg] = s
	}
	return s
}

func (p *printer) fail(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf("apidecl: %s: %s", p.root.Path(), fmt.Sprintf(format, args...))
	}
}

// reach adds a package-level object to its package's section, once.
func (p *printer) reach(obj types.Object) {
	if obj.Pkg() == nil || obj.Pkg() == types.Unsafe || p.reached[obj] {
		return // the universe and unsafe need no declarations
	}
	p.reached[obj] = true
	s := p.section(obj.Pkg())
	s.objs = append(s.objs, obj)
	p.queue = append(p.queue, obj)
}

// walkObject reaches what obj's declaration names.
func (p *printer) walkObject(obj types.Object) {
	switch obj := obj.(type) {
	case *types.Const, *types.Var:
		p.walkType(obj.Type())
	case *types.Func:
		p.walkType(obj.Type())
	case *types.TypeName:
		switch t := obj.Type().(type) {
		case *types.Alias:
			p.walkTypeParams(t.TypeParams())
			p.walkType(t.Rhs())
		case *types.Named:
			p.walkTypeParams(t.TypeParams())
			p.walkType(t.Underlying())
			// Every method, unexported ones too: they decide which interfaces the type
			// satisfies, sealed ones included.
			for i := range t.NumMethods() {
				p.walkType(t.Method(i).Type())
			}
		}
	}
}

func (p *printer) walkTypeParams(list *types.TypeParamList) {
	for i := range list.Len() {
		p.walkType(list.At(i))
	}
}

func (p *printer) walkType(t types.Type) {
	switch t := t.(type) {
	case *types.Basic:
	case *types.Pointer:
		p.walkType(t.Elem())
	case *types.Slice:
		p.walkType(t.Elem())
	case *types.Array:
		p.walkType(t.Elem())
	case *types.Map:
		p.walkType(t.Key())
		p.walkType(t.Elem())
	case *types.Chan:
		p.walkType(t.Elem())
	case *types.Signature:
		if t.Recv() != nil {
			p.walkTypeParams(t.RecvTypeParams())
		}
		p.walkTypeParams(t.TypeParams())
		for i := range t.Params().Len() {
			p.walkType(t.Params().At(i).Type())
		}
		for i := range t.Results().Len() {
			p.walkType(t.Results().At(i).Type())
		}
	case *types.Struct:
		for i := range t.NumFields() {
			f := t.Field(i)
			p.walkType(f.Type())
			if f.Embedded() {
				if a := embeddedAlias(f); a != nil {
					p.reach(a)
				}
			}
		}
	case *types.Interface:
		for i := range t.NumExplicitMethods() {
			p.walkType(t.ExplicitMethod(i).Type())
		}
		for i := range t.NumEmbeddeds() {
			p.walkType(t.EmbeddedType(i))
		}
	case *types.Union:
		for i := range t.Len() {
			p.walkType(t.Term(i).Type())
		}
	case *types.TypeParam:
		if !p.tparams[t] {
			p.tparams[t] = true
			p.walkType(t.Constraint())
		}
	case *types.Named:
		p.reach(t.Origin().Obj())
		for i := range t.TypeArgs().Len() {
			p.walkType(t.TypeArgs().At(i))
		}
	case *types.Alias:
		p.reach(t.Origin().Obj())
		for i := range t.TypeArgs().Len() {
			p.walkType(t.TypeArgs().At(i))
		}
	default:
		p.fail("unexpected type %T", t)
	}
}

// embeddedAlias returns the alias an embedded field was written with, when the field's name is
// not its type's name (struct{ q.A } with type A = b: the field is named A), or nil. Export data
// keeps the name and the type, not the alias: it is found by name in the packages that could
// declare it.
func embeddedAlias(f *types.Var) *types.TypeName {
	if typeNameOf(f.Type()) == f.Name() {
		return nil
	}
	t := f.Type()
	if ptr, ok := t.(*types.Pointer); ok {
		t = ptr.Elem()
	}
	for _, scope := range []*types.Scope{f.Pkg().Scope(), typePkgScope(t), types.Universe} {
		if scope == nil {
			continue
		}
		if a, ok := scope.Lookup(f.Name()).(*types.TypeName); ok && a.IsAlias() && types.Identical(a.Type(), t) {
			return a
		}
	}
	return nil
}

// typeNameOf returns the name an embedded field of type t gets from it.
func typeNameOf(t types.Type) string {
	if ptr, ok := t.(*types.Pointer); ok {
		t = ptr.Elem()
	}
	switch t := t.(type) {
	case *types.Basic:
		return t.Name()
	case *types.Named:
		return t.Obj().Name()
	case *types.Alias:
		return t.Obj().Name()
	}
	return ""
}

func typePkgScope(t types.Type) *types.Scope {
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil {
		return n.Obj().Pkg().Scope()
	}
	return nil
}

// objectOrder sorts a section's declarations: constants, variables, types (each with its
// methods), functions; by name within each.
func objectOrder(obj types.Object) int {
	switch obj.(type) {
	case *types.Const:
		return 0
	case *types.Var:
		return 1
	case *types.TypeName:
		return 2
	}
	return 3
}

func (s *section) sortObjects() {
	slices.SortFunc(s.objs, func(a, b types.Object) int {
		if d := objectOrder(a) - objectOrder(b); d != 0 {
			return d
		}
		return strings.Compare(a.Name(), b.Name())
	})
}

// reserveTypeParamNames keeps import names off the names of the section's type parameters: an
// import named like one would be shadowed where it is needed (the real package may import io as
// iopkg and declare func F[io any](iopkg.Reader)).
func (s *section) reserveTypeParamNames() {
	add := func(list *types.TypeParamList) {
		for i := range list.Len() {
			s.used[list.At(i).Obj().Name()] = true
		}
	}
	for _, obj := range s.objs {
		switch t := obj.Type().(type) {
		case *types.Signature:
			add(t.TypeParams())
		case *types.Alias:
			add(t.TypeParams())
		case *types.Named:
			add(t.TypeParams())
			for i := range t.NumMethods() {
				add(t.Method(i).Type().(*types.Signature).RecvTypeParams())
			}
		}
	}
}

// source returns the section's Go file: package clause, imports, declarations, helpers.
func (s *section) source(root *types.Package) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "package %s\n", s.pkg.Name())
	type imp struct {
		name, path string
		spelling   bool
	}
	var imps []imp
	for pkg, name := range s.imports {
		// The described package's Imports() are the real package's (the import facts read
		// them): a package it names only through inferred types is marked.
		spelling := s.pkg == root && !slices.Contains(root.Imports(), pkg)
		imps = append(imps, imp{name, pkg.Path(), spelling})
	}
	if s.pkg == root {
		// Every import of the real package, unused ones blank.
		for _, pkg := range root.Imports() {
			if _, ok := s.imports[pkg]; !ok {
				imps = append(imps, imp{"_", pkg.Path(), false})
			}
		}
	}
	slices.SortFunc(imps, func(a, b imp) int { return strings.Compare(a.path, b.path) })
	if len(imps) > 0 {
		b.WriteString("\nimport (\n")
		for _, i := range imps {
			fmt.Fprintf(&b, "\t%s %q", i.name, i.path)
			if i.spelling {
				b.WriteString(" " + spellingOnly)
			}
			b.WriteByte('\n')
		}
		b.WriteString(")\n")
	}
	b.Write(s.body.Bytes())
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("apidecl: %s: section %s does not parse: %v", root.Path(), s.pkg.Path(), err)
	}
	return src, nil
}

// declare writes the declaration of obj (and a defined type's methods) into s.
func (p *printer) declare(s *section, obj types.Object) {
	w := &writer{p: p, s: s, b: &s.body}
	b := w.b
	b.WriteByte('\n')
	switch obj := obj.(type) {
	case *types.Const:
		fmt.Fprintf(b, "const %s", obj.Name())
		basic, _ := obj.Type().(*types.Basic)
		if basic == nil || basic.Info()&types.IsUntyped == 0 {
			b.WriteByte(' ')
			w.typ(obj.Type())
		}
		b.WriteString(" = ")
		w.constant(obj)
	case *types.Var:
		fmt.Fprintf(b, "var %s ", obj.Name())
		w.typ(obj.Type())
	case *types.Func:
		fmt.Fprintf(b, "func %s", obj.Name())
		w.signature(obj.Type().(*types.Signature))
		w.universe("panic")
		b.WriteString(" { panic(0) }")
	case *types.TypeName:
		fmt.Fprintf(b, "type %s", obj.Name())
		switch t := obj.Type().(type) {
		case *types.Alias:
			w.typeParams(t.TypeParams(), true)
			b.WriteString(" = ")
			w.typ(t.Rhs())
		case *types.Named:
			w.typeParams(t.TypeParams(), true)
			b.WriteByte(' ')
			w.typ(t.Underlying())
			methods := make([]*types.Func, t.NumMethods())
			for i := range methods {
				methods[i] = t.Method(i)
			}
			slices.SortFunc(methods, func(a, b *types.Func) int { return strings.Compare(a.Name(), b.Name()) })
			for _, m := range methods {
				w.method(obj, m)
			}
		default:
			p.fail("type %s is a %T", obj.Name(), t)
		}
	}
	b.WriteByte('\n')
}

// declareHelper writes a helper alias into s.
func (p *printer) declareHelper(s *section, h *helper) {
	w := &writer{p: p, s: s, b: &s.body}
	fmt.Fprintf(w.b, "\ntype %s", h.name)
	if h.obj == nil {
		w.b.WriteString(" = ")
		w.typ(h.lit)
		w.b.WriteByte('\n')
		return
	}
	var list *types.TypeParamList
	switch t := h.obj.Type().(type) {
	case *types.Named:
		list = t.TypeParams()
	case *types.Alias:
		list = t.TypeParams()
	}
	w.typeParams(list, true)
	fmt.Fprintf(w.b, " = %s", h.obj.Name())
	w.typeParams(list, false)
	w.b.WriteByte('\n')
}

// helperFor returns the name of the helper alias in s for an unexported type name or a literal.
func (p *printer) helperFor(s *section, obj *types.TypeName, lit types.Type, key any) string {
	if h := s.helperOf[key]; h != nil {
		return h.name
	}
	name := helperPrefix
	if obj != nil {
		name += obj.Name()
	} else {
		s.literals++
		name += "literal" + strconv.Itoa(s.literals)
	}
	for s.used[name] {
		name += "_"
	}
	s.used[name] = true
	h := &helper{name: name, obj: obj, lit: lit}
	s.helpers = append(s.helpers, h)
	s.helperOf[key] = h
	return name
}

// importName returns the name section s imports pkg under: the package's name unless that is
// taken in s's file scope.
func (s *section) importName(pkg *types.Package) string {
	if name, ok := s.imports[pkg]; ok {
		return name
	}
	name := pkg.Name()
	for i := 2; s.used[name] || types.Universe.Lookup(name) != nil; i++ {
		name = pkg.Name() + strconv.Itoa(i)
	}
	s.used[name] = true
	s.imports[pkg] = name
	return name
}

// writer writes Go text for one section.
type writer struct {
	p *printer
	s *section
	b *bytes.Buffer
}

func (w *writer) method(recv *types.TypeName, m *types.Func) {
	sig := m.Type().(*types.Signature)
	w.b.WriteString("\n\nfunc (")
	if _, ok := sig.Recv().Type().(*types.Pointer); ok {
		w.b.WriteByte('*')
	}
	w.b.WriteString(recv.Name())
	w.typeParams(sig.RecvTypeParams(), false)
	fmt.Fprintf(w.b, ") %s", m.Name())
	w.signature(sig)
	w.universe("panic")
	w.b.WriteString(" { panic(0) }")
}

// universe notes that s's text uses a name of the universe scope: the package must not declare
// it (then nothing in its file could spell the universe's).
func (w *writer) universe(name string) {
	if w.s.pkg.Scope().Lookup(name) != nil {
		w.p.fail("package %s declares %s, which its section needs from the universe scope", w.s.pkg.Path(), name)
	}
}

// qualified writes the name of a package-level type name as s spells it.
func (w *writer) qualified(obj *types.TypeName) {
	switch {
	case obj.Pkg() == nil:
		w.universe(obj.Name())
		w.b.WriteString(obj.Name())
	case obj.Pkg() == w.s.pkg:
		w.b.WriteString(obj.Name())
	default:
		w.b.WriteString(w.s.importName(obj.Pkg()))
		w.b.WriteByte('.')
		if obj.Exported() {
			w.b.WriteString(obj.Name())
		} else {
			w.b.WriteString(w.p.helperFor(w.p.section(obj.Pkg()), obj, nil, obj))
		}
	}
}

func (w *writer) typeList(list *types.TypeList) {
	if list.Len() == 0 {
		return
	}
	w.b.WriteByte('[')
	for i := range list.Len() {
		t := list.At(i)
		if i > 0 {
			w.b.WriteString(", ")
		}
		w.typ(t)
	}
	w.b.WriteByte(']')
}

// typ writes t. A type literal whose unexported fields or methods belong to another package is
// written through a helper alias in that package's section, which keeps their identity.
func (w *writer) typ(t types.Type) {
	b := w.b
	switch t := t.(type) {
	case *types.Basic:
		if t.Kind() == types.UnsafePointer {
			b.WriteString(w.s.importName(types.Unsafe) + ".Pointer")
			return
		}
		if t.Info()&types.IsUntyped != 0 {
			w.p.fail("untyped type %s outside a constant", t)
		}
		w.universe(t.Name())
		b.WriteString(t.Name())
	case *types.Pointer:
		b.WriteByte('*')
		w.typ(t.Elem())
	case *types.Slice:
		b.WriteString("[]")
		w.typ(t.Elem())
	case *types.Array:
		fmt.Fprintf(b, "[%d]", t.Len())
		w.typ(t.Elem())
	case *types.Map:
		b.WriteString("map[")
		w.typ(t.Key())
		b.WriteByte(']')
		w.typ(t.Elem())
	case *types.Chan:
		switch t.Dir() {
		case types.SendOnly:
			b.WriteString("chan<- ")
		case types.RecvOnly:
			b.WriteString("<-chan ")
		default:
			b.WriteString("chan ")
		}
		// chan (<-chan T) is not chan<- chan T.
		e, ok := t.Elem().(*types.Chan)
		paren := ok && t.Dir() != types.RecvOnly && e.Dir() == types.RecvOnly
		if paren {
			b.WriteByte('(')
		}
		w.typ(t.Elem())
		if paren {
			b.WriteByte(')')
		}
	case *types.Signature:
		b.WriteString("func")
		w.signature(t)
	case *types.Struct:
		if owner := w.foreignOwner(t); owner != nil {
			w.literalHelper(owner, t)
			return
		}
		b.WriteString("struct {")
		for i := range t.NumFields() {
			f := t.Field(i)
			if i > 0 {
				b.WriteByte(';')
			}
			b.WriteByte(' ')
			if !f.Embedded() {
				b.WriteString(f.Name() + " ")
				w.typ(f.Type())
			} else if a := embeddedAlias(f); a != nil {
				if _, ok := f.Type().(*types.Pointer); ok {
					b.WriteByte('*')
				}
				w.qualified(a)
			} else {
				if name := typeNameOf(f.Type()); name != f.Name() {
					w.p.fail("embedded field %s of type %s: no alias of that name found", f.Name(), f.Type())
				}
				w.typ(f.Type())
			}
			if tag := t.Tag(i); tag != "" {
				b.WriteByte(' ')
				if strconv.CanBackquote(tag) {
					b.WriteString("`" + tag + "`")
				} else {
					b.WriteString(strconv.Quote(tag))
				}
			}
		}
		if t.NumFields() > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('}')
	case *types.Interface:
		if owner := w.foreignOwner(t); owner != nil {
			w.literalHelper(owner, t)
			return
		}
		if t.IsImplicit() {
			// [P ~int]: the constraint is its one embedded union.
			w.typ(t.EmbeddedType(0))
			return
		}
		b.WriteString("interface {")
		n := 0
		for i := range t.NumExplicitMethods() {
			m := t.ExplicitMethod(i)
			if n > 0 {
				b.WriteByte(';')
			}
			n++
			b.WriteString(" " + m.Name())
			w.signature(m.Type().(*types.Signature))
		}
		for i := range t.NumEmbeddeds() {
			e := t.EmbeddedType(i)
			if n > 0 {
				b.WriteByte(';')
			}
			n++
			b.WriteByte(' ')
			w.typ(e)
		}
		if n > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('}')
	case *types.Union:
		for i := range t.Len() {
			term := t.Term(i)
			if i > 0 {
				b.WriteString(" | ")
			}
			if term.Tilde() {
				b.WriteByte('~')
			}
			w.typ(term.Type())
		}
	case *types.TypeParam:
		b.WriteString(t.Obj().Name())
	case *types.Named:
		w.qualified(t.Origin().Obj())
		w.typeList(t.TypeArgs())
	case *types.Alias:
		w.qualified(t.Origin().Obj())
		w.typeList(t.TypeArgs())
	default:
		w.p.fail("unexpected type %T", t)
	}
}

// foreignOwner returns the package other than s's that owns an unexported field or method of
// the literal t, or nil.
func (w *writer) foreignOwner(t types.Type) *types.Package {
	switch t := t.(type) {
	case *types.Struct:
		for i := range t.NumFields() {
			f := t.Field(i)
			if !f.Exported() && f.Pkg() != w.s.pkg {
				return f.Pkg()
			}
		}
	case *types.Interface:
		for i := range t.NumExplicitMethods() {
			m := t.ExplicitMethod(i)
			if !m.Exported() && m.Pkg() != w.s.pkg {
				return m.Pkg()
			}
		}
	}
	return nil
}

func (w *writer) literalHelper(owner *types.Package, t types.Type) {
	if typeParamIn(t, 0) {
		w.p.fail("a type literal of %s with unexported members uses type parameters: %s", owner.Path(), t)
	}
	os := w.p.section(owner)
	key := types.TypeString(t, func(p *types.Package) string { return p.Path() })
	w.b.WriteString(w.s.importName(owner) + "." + w.p.helperFor(os, nil, t, key))
}

// typeParamIn reports whether t mentions a type parameter outside named types (whose type
// arguments count).
func typeParamIn(t types.Type, depth int) bool {
	if depth > 64 {
		return false
	}
	switch t := t.(type) {
	case *types.TypeParam:
		return true
	case *types.Pointer:
		return typeParamIn(t.Elem(), depth+1)
	case *types.Slice:
		return typeParamIn(t.Elem(), depth+1)
	case *types.Array:
		return typeParamIn(t.Elem(), depth+1)
	case *types.Chan:
		return typeParamIn(t.Elem(), depth+1)
	case *types.Map:
		return typeParamIn(t.Key(), depth+1) || typeParamIn(t.Elem(), depth+1)
	case *types.Signature:
		for i := range t.Params().Len() {
			if typeParamIn(t.Params().At(i).Type(), depth+1) {
				return true
			}
		}
		for i := range t.Results().Len() {
			if typeParamIn(t.Results().At(i).Type(), depth+1) {
				return true
			}
		}
	case *types.Struct:
		for i := range t.NumFields() {
			if typeParamIn(t.Field(i).Type(), depth+1) {
				return true
			}
		}
	case *types.Interface:
		for i := range t.NumExplicitMethods() {
			if typeParamIn(t.ExplicitMethod(i).Type(), depth+1) {
				return true
			}
		}
		for i := range t.NumEmbeddeds() {
			if typeParamIn(t.EmbeddedType(i), depth+1) {
				return true
			}
		}
	case *types.Union:
		for i := range t.Len() {
			if typeParamIn(t.Term(i).Type(), depth+1) {
				return true
			}
		}
	case *types.Named:
		for i := range t.TypeArgs().Len() {
			if typeParamIn(t.TypeArgs().At(i), depth+1) {
				return true
			}
		}
	case *types.Alias:
		for i := range t.TypeArgs().Len() {
			if typeParamIn(t.TypeArgs().At(i), depth+1) {
				return true
			}
		}
	}
	return false
}

func (w *writer) typeParams(list *types.TypeParamList, constraints bool) {
	if list.Len() == 0 {
		return
	}
	w.b.WriteByte('[')
	for i := range list.Len() {
		tp := list.At(i)
		if i > 0 {
			w.b.WriteString(", ")
		}
		w.b.WriteString(tp.Obj().Name())
		if constraints {
			w.b.WriteByte(' ')
			c := tp.Constraint()
			if iface, ok := c.(*types.Interface); ok && iface.IsImplicit() && list.Len() == 1 && startsWithPointer(iface.EmbeddedType(0)) {
				// type T[P *C] (one parameter) would parse as an array type: spell the interface.
				w.b.WriteString("interface{ ")
				w.typ(iface.EmbeddedType(0))
				w.b.WriteString(" }")
				continue
			}
			w.typ(c)
		}
	}
	w.b.WriteByte(']')
}

// startsWithPointer reports whether the constraint term list t is written starting with '*'.
func startsWithPointer(t types.Type) bool {
	if u, ok := t.(*types.Union); ok {
		if u.Term(0).Tilde() {
			return false
		}
		t = u.Term(0).Type()
	}
	_, ok := t.(*types.Pointer)
	return ok
}

func (w *writer) signature(sig *types.Signature) {
	w.typeParams(sig.TypeParams(), true)
	w.tuple(sig.Params(), sig.Variadic())
	switch res := sig.Results(); {
	case res.Len() == 0:
	case res.Len() == 1 && !token.IsIdentifier(res.At(0).Name()):
		w.b.WriteByte(' ')
		w.typ(res.At(0).Type())
	default:
		w.b.WriteByte(' ')
		w.tuple(res, false)
	}
}

// tuple writes parameters or results with their names when the declaration named them: names
// are not API, but a compiler error quotes them (cannot use p.F (value of type func(a int))), and
// a proof checked against the record is to read like one checked against the package. A name
// that is no identifier (export data has some, such as "#0") or panic (it would hide the body's
// panic) is written _.
func (w *writer) tuple(t *types.Tuple, variadic bool) {
	named := false
	for i := range t.Len() {
		named = named || token.IsIdentifier(t.At(i).Name())
	}
	w.b.WriteByte('(')
	for i := range t.Len() {
		v := t.At(i)
		if i > 0 {
			w.b.WriteString(", ")
		}
		if named {
			name := v.Name()
			if !token.IsIdentifier(name) || name == "panic" { // export data has names such as "#0"
				name = "_"
			}
			w.b.WriteString(name + " ")
		}
		if variadic && i == t.Len()-1 {
			if s, ok := v.Type().(*types.Slice); ok {
				w.b.WriteString("...")
				w.typ(s.Elem())
				continue
			}
		}
		w.typ(v.Type())
	}
	w.b.WriteByte(')')
}

// constant writes c's value as an expression of c's kind with exactly c's value: an untyped
// float stays one even when integral (7.0 / 2, 2.0), an untyped rune stays a rune.
func (w *writer) constant(c *types.Const) {
	v := c.Val()
	basic, _ := c.Type().Underlying().(*types.Basic)
	if basic == nil {
		w.p.fail("constant %s of type %s", c.Name(), c.Type())
		return
	}
	info := basic.Info()
	switch {
	case info&types.IsBoolean != 0:
		w.universe(strconv.FormatBool(constant.BoolVal(v)))
		w.b.WriteString(strconv.FormatBool(constant.BoolVal(v)))
	case info&types.IsString != 0:
		w.b.WriteString(strconv.Quote(constant.StringVal(v)))
	case basic.Kind() == types.UntypedRune:
		n := constant.ToInt(v)
		if r, ok := constant.Int64Val(n); ok && r >= 0 && utf8.ValidRune(rune(r)) {
			w.b.WriteString(strconv.QuoteRuneToASCII(rune(r)))
		} else {
			w.b.WriteString("'\\x00' + " + n.ExactString())
		}
	case info&types.IsInteger != 0:
		w.b.WriteString(constant.ToInt(v).ExactString())
	case info&types.IsFloat != 0:
		w.b.WriteString(floatExpr(constant.ToFloat(v)))
	case info&types.IsComplex != 0:
		v = constant.ToComplex(v)
		fmt.Fprintf(w.b, "%s + %s*1i", floatExpr(constant.Real(v)), parenthesized(floatExpr(constant.Imag(v))))
	default:
		w.p.fail("constant %s of type %s", c.Name(), c.Type())
	}
}

// floatExpr writes a Float (or Int) constant as an exact untyped float expression: the
// fraction num.0 / den.
func floatExpr(v constant.Value) string {
	var r *big.Rat
	switch x := constant.Val(v).(type) {
	case int64:
		r = new(big.Rat).SetInt64(x)
	case *big.Int:
		r = new(big.Rat).SetInt(x)
	case *big.Rat:
		r = x
	case *big.Float:
		r, _ = x.Rat(nil)
	}
	if r == nil {
		return "0.0" // an unknown value: cannot come from a compiled package
	}
	s := r.Num().String() + ".0"
	if !r.IsInt() {
		s += " / " + r.Denom().String()
		if r.Denom().BitLen() > 500 {
			// An integer constant is limited to 512 bits; a float literal is not (1/2**1074 is
			// math.SmallestNonzeroFloat64).
			s += ".0"
		}
	}
	return s
}

func parenthesized(s string) string {
	if strings.ContainsAny(s, " ") || strings.HasPrefix(s, "-") {
		return "(" + s + ")"
	}
	return s
}
