package clients

import (
	"errors"
	"fmt"
	"go/constant"
	"go/types"
	"slices"
	"strconv"
	"strings"
)

// A use is one client: top-level declarations that depend on one member of one object of the
// package in one way. The generator writes uses liberally, from the old API alone; the old
// type-check discards those that do not compile against the old API, so only what a client
// could really write is judged.
type use struct {
	object, member string
	class          *Class
	text           string
	imports        []string // paths the text refers to
	needs          []string // other objects of the package it uses: a removed one is its own break
	// caseOf is, for a case of the package's type switch, the type the case names.
	caseOf types.Type
	// locals are the client's own types it uses (writer.decls).
	locals []string
	// names says the use is of two names of one type (needs[0] and the object).
	names bool
	// instance says the use instantiates a generic declaration.
	instance  bool
	line, end int // its first and last line in the clients' file
}

// writer generates the uses of a package's old API.
type writer struct {
	pkg   *types.Package
	sizes types.Sizes // the context's: the range of int, uint and uintptr
	// gone reports whether the new API lacks a package-level name (nil: write every use).
	gone func(name string) bool
	// newPkg is the new API's package, where a client is written from what it shows (a type made
	// an alias of another package's: see foreignCases); nil: none is.
	newPkg *types.Package
	// only reports whether to write the uses of a package-level name (nil: all).
	only     func(name string) bool
	names    map[string]string // import path -> name in the clients' file
	taken    map[string]bool
	uses     []use
	counter  int
	seen     map[string]bool   // unspellable types whose members are written
	producer map[string]string // unspellable type -> an expression of it (first found)
	owner    map[string]string // ... and the object that expression uses
	// producerImports are the imports of each producer's expression.
	producerImports map[string]map[string]bool
	caseKeys        map[string]string // the type switch's cases so far: typeKey -> name
	// client holds the types the clients declare themselves: implementations of constraints'
	// methods, to instantiate generic code with; decls their declarations, by name.
	client     *types.Package
	clientImpl map[string]types.Type
	decls      map[string]string
	declOrder  []string
}

// Names a client declares itself, which an import must not take.
var clientNames = map[string]bool{"main": true, "x": true, "y": true, "u": true, "i": true, "s": true, "r": true}

func newWriter(pkg *types.Package, sizes types.Sizes) *writer {
	if sizes == nil {
		sizes = types.SizesFor("gc", "amd64")
	}
	return &writer{pkg: pkg, sizes: sizes, names: make(map[string]string), taken: maps(clientNames), seen: make(map[string]bool),
		producer: make(map[string]string), owner: make(map[string]string), producerImports: make(map[string]map[string]bool),
		caseKeys: make(map[string]string), client: types.NewPackage("main", "main"), clientImpl: make(map[string]types.Type), decls: make(map[string]string)}
}

func maps(m map[string]bool) map[string]bool {
	out := make(map[string]bool, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func (w *writer) importName(pkg *types.Package) string {
	if n, ok := w.names[pkg.Path()]; ok {
		return n
	}
	base := pkg.Name()
	if !isIdent(base) || strings.HasPrefix(base, "cl_") {
		base = "pkg"
	}
	name := base
	for i := 2; w.taken[name]; i++ {
		name = base + strconv.Itoa(i)
	}
	w.taken[name] = true
	w.names[pkg.Path()] = name
	return name
}

func isIdent(s string) bool {
	for i, r := range s {
		if !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') {
			return false
		}
	}
	return s != "" && s != "_"
}

func (w *writer) newSpelling() *spelling {
	return &spelling{w: w, imports: make(map[string]bool), locals: make(map[string]bool)}
}

// implType returns a type of the client's own that has the methods of a constraint, or nil when
// a client cannot spell them (or there are none).
func (w *writer) implType(iface *types.Interface) types.Type {
	if iface.NumMethods() == 0 {
		return nil
	}
	key := types.TypeString(iface, nil)
	if t, ok := w.clientImpl[key]; ok {
		return t
	}
	w.clientImpl[key] = nil
	name := w.fresh("impl")
	tn := types.NewTypeName(0, w.client, name, nil)
	named := types.NewNamed(tn, types.NewStruct(nil, nil), nil)
	sp := w.newSpelling()
	var b strings.Builder
	fmt.Fprintf(&b, "type %s struct{}\n", name)
	for i := range iface.NumMethods() {
		m := iface.Method(i)
		sig := m.Type().(*types.Signature)
		var text strings.Builder
		if !m.Exported() || !sp.signature(&text, sig) {
			return nil
		}
		fmt.Fprintf(&b, "\nfunc (%s) %s%s { panic(0) }\n", name, m.Name(), text.String())
		recv := types.NewVar(0, w.client, "", named)
		named.AddMethod(types.NewFunc(0, w.client, m.Name(),
			types.NewSignatureType(recv, nil, nil, sig.Params(), sig.Results(), sig.Variadic())))
	}
	w.decls[name] = b.String()
	w.declOrder = append(w.declOrder, name)
	w.clientImpl[key] = named
	return named
}

func (w *writer) fresh(prefix string) string {
	w.counter++
	return fmt.Sprintf("cl_%s%d", prefix, w.counter)
}

// add records a use; text is top-level source, body (when text is "") statements of a function.
func (w *writer) add(sp *spelling, object, member string, class *Class, text string, needs ...string) *use {
	imports := make([]string, 0, len(sp.imports))
	for p := range sp.imports {
		imports = append(imports, p)
	}
	slices.Sort(imports)
	locals := make([]string, 0, len(sp.locals))
	for l := range sp.locals {
		locals = append(locals, l)
	}
	slices.Sort(locals)
	w.uses = append(w.uses, use{object: object, member: member, class: class, text: text, imports: imports, needs: needs, locals: locals})
	return &w.uses[len(w.uses)-1]
}

func (w *writer) addFunc(sp *spelling, object, member string, class *Class, body string, needs ...string) {
	// Close the blocks the body opened (members of members: see valueUses).
	body += strings.Repeat("\n}", strings.Count(body, "{")-strings.Count(body, "}"))
	w.add(sp, object, member, class, "func _() {\n"+body+"\n}", needs...)
}

// self returns the spelling of the package's own name, recording the import.
func (sp *spelling) self() string {
	sp.imports[sp.w.pkg.Path()] = true
	return sp.w.importName(sp.w.pkg)
}

// generate writes the uses of every exported object of the package.
func (w *writer) generate() {
	scope := w.pkg.Scope()
	var funcs []*types.Func
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() || w.only != nil && !w.only(name) {
			continue
		}
		if w.gone != nil && w.gone(name) && w.existence(obj) {
			continue // the client that names it is its break: the others would only repeat it
		}
		switch obj := obj.(type) {
		case *types.Const:
			w.constant(obj)
		case *types.Var:
			w.variable(obj)
		case *types.Func:
			w.function(obj)
			funcs = append(funcs, obj)
		case *types.TypeName:
			w.typeName(obj)
		}
	}
	w.implementations()
	w.consumers(funcs)
	w.foreignCases()
	// The type switch's cases are one statement: after every other use.
	slices.SortStableFunc(w.uses, func(a, b use) int {
		return cmpBool(a.caseOf != nil, b.caseOf != nil)
	})
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// existence writes the one use of an object the new API lacks that names it, and reports whether
// it could (not for generic declarations, which need type arguments: their uses are written).
func (w *writer) existence(obj types.Object) bool {
	sp := w.newSpelling()
	ref := sp.self() + "." + obj.Name()
	switch obj := obj.(type) {
	case *types.Const:
		w.add(sp, obj.Name(), "", Removed, "const _ = "+ref)
	case *types.Var:
		w.add(sp, obj.Name(), "", Removed, "var _ = "+ref)
	case *types.Func:
		if obj.Type().(*types.Signature).TypeParams().Len() > 0 {
			return false
		}
		w.add(sp, obj.Name(), "", Removed, "var _ = "+ref)
	case *types.TypeName:
		if tps := typeParamsOf(obj.Type()); tps != nil && tps.Len() > 0 {
			return false
		}
		w.add(sp, obj.Name(), "", Removed, "var _ *"+ref)
	default:
		return false
	}
	return true
}

// constant writes the uses of a constant: its existence as a constant, its exact value, its type
// (or, untyped, every basic type its value fits, and its kind's default type).
func (w *writer) constant(c *types.Const) {
	sp := w.newSpelling()
	ref := sp.self() + "." + c.Name()
	w.add(sp, c.Name(), "", Removed, "const _ = "+ref)
	val, ok := exactExpr(c.Val())
	if ok {
		sp := w.newSpelling()
		ref := sp.self() + "." + c.Name()
		w.add(sp, c.Name(), "", ConstantValueChanged,
			fmt.Sprintf("var _ = map[bool]int{%s == %s: 0, false: 1}", ref, val))
	}
	basic, _ := c.Type().(*types.Basic)
	if basic != nil && basic.Info()&types.IsUntyped != 0 {
		if def := defaultType(basic); def != "" {
			sp := w.newSpelling()
			ref := sp.self() + "." + c.Name()
			w.addFunc(sp, c.Name(), "", ConstantTypeChanged, fmt.Sprintf("x := %s\nvar _ %s = x", ref, def))
		}
		for _, b := range numericTypes {
			if !fits(c.Val(), basic, b) {
				continue
			}
			sp := w.newSpelling()
			ref := sp.self() + "." + c.Name()
			w.add(sp, c.Name(), "", ConstantTypeChanged, fmt.Sprintf("var _ %s = %s", b.Name(), ref))
		}
		return
	}
	sp = w.newSpelling()
	ref = sp.self() + "." + c.Name()
	if typ, ok := sp.spell(c.Type()); ok {
		w.addFunc(sp, c.Name(), "", ConstantTypeChanged, fmt.Sprintf("x := %s\nvar _ %s = x", ref, typ))
	}
	if u, ok := c.Type().Underlying().(*types.Basic); ok && u.Info()&types.IsInteger != 0 {
		sp := w.newSpelling()
		ref := sp.self() + "." + c.Name()
		w.add(sp, c.Name(), "", ConstantMadeUntyped, fmt.Sprintf("func _(s uint) { _ = float64(%s << s) }", ref))
	}
	if _, ok := sp.spell(c.Type()); !ok {
		w.membersWith(sp, c.Name(), "", "", ref, ref, c.Type(), 0)
	}
}

var numericTypes = func() []*types.Basic {
	var out []*types.Basic
	for _, k := range []types.BasicKind{types.Int, types.Int8, types.Int16, types.Int32, types.Int64,
		types.Uint, types.Uint8, types.Uint16, types.Uint32, types.Uint64, types.Uintptr,
		types.Float32, types.Float64, types.Complex64, types.Complex128} {
		out = append(out, types.Typ[k])
	}
	return out
}()

// fits reports whether an untyped constant of kind from can be assigned to a variable of the basic
// type to (an approximation: the old type-check discards what it gets wrong).
func fits(v constant.Value, from, to *types.Basic) bool {
	switch {
	case from.Info()&types.IsNumeric == 0:
		return false
	case to.Info()&types.IsInteger != 0:
		iv := constant.ToInt(v)
		if iv.Kind() != constant.Int {
			return false
		}
		if to.Info()&types.IsUnsigned != 0 && constant.Sign(iv) < 0 {
			return false
		}
		return true // range: the old type-check decides
	case to.Info()&types.IsFloat != 0:
		return constant.ToFloat(v).Kind() == constant.Float || constant.ToFloat(v).Kind() == constant.Int
	default:
		return true
	}
}

// defaultType returns the type an untyped constant of kind b takes in x := c.
func defaultType(b *types.Basic) string {
	switch b.Kind() {
	case types.UntypedBool:
		return "bool"
	case types.UntypedInt:
		return "int"
	case types.UntypedRune:
		return "rune"
	case types.UntypedFloat:
		return "float64"
	case types.UntypedComplex:
		return "complex128"
	case types.UntypedString:
		return "string"
	}
	return ""
}

// exactExpr returns a constant expression with exactly the value v: integers as integers,
// rationals as quotients of floats (7.0 / 2.0 is 3.5; 7/2 is 3), complex numbers by complex().
func exactExpr(v constant.Value) (string, bool) {
	switch v.Kind() {
	case constant.Bool:
		return strconv.FormatBool(constant.BoolVal(v)), true
	case constant.String:
		return strconv.Quote(constant.StringVal(v)), true
	case constant.Int:
		return v.ExactString(), true
	case constant.Float:
		r := constant.ToFloat(v)
		num, den := constant.Num(r), constant.Denom(r)
		if num.Kind() != constant.Int || den.Kind() != constant.Int {
			return "", false
		}
		return fmt.Sprintf("(%s.0 / %s.0)", num.ExactString(), den.ExactString()), true
	case constant.Complex:
		re, ok1 := exactExpr(constant.Real(v))
		im, ok2 := exactExpr(constant.Imag(v))
		if !ok1 || !ok2 {
			return "", false
		}
		return fmt.Sprintf("complex(%s, %s)", re, im), true
	}
	return "", false
}

// variable writes the uses of a package-level variable: it is one (its address), and its type.
func (w *writer) variable(v *types.Var) {
	sp := w.newSpelling()
	ref := sp.self() + "." + v.Name()
	w.add(sp, v.Name(), "", Removed, "var _ = "+ref)
	w.add(sp, v.Name(), "", NotVariable, "var _ = &"+ref)
	sp = w.newSpelling()
	ref = sp.self() + "." + v.Name()
	if typ, ok := sp.spell(v.Type()); ok {
		w.add(sp, v.Name(), "", TypeChanged, fmt.Sprintf("var _ *%s = &%s", typ, ref))
		return
	}
	w.membersWith(sp, v.Name(), "", "", ref, ref, v.Type(), 0)
}

// function writes the uses of a function: its signature, or its results' members; a generic
// function instantiated with type arguments its constraints allowed.
func (w *writer) function(f *types.Func) {
	sig := f.Type().(*types.Signature)
	if sig.TypeParams().Len() > 0 {
		w.generic(f.Name(), "", f.Type(), sig.TypeParams(), func(sp *spelling, args string) string {
			return sp.self() + "." + f.Name() + args
		})
		return
	}
	sp := w.newSpelling()
	ref := sp.self() + "." + f.Name()
	w.add(sp, f.Name(), "", Removed, "var _ = "+ref)
	sp = w.newSpelling()
	ref = sp.self() + "." + f.Name()
	if typ, ok := sp.spell(sig); ok {
		w.add(sp, f.Name(), "", TypeChanged, fmt.Sprintf("var _ %s = %s", typ, ref))
		return
	}
	w.results(f.Name(), "", sp, "", ref, sig, 0)
}

// results writes, for a function value ref whose parameters a client can spell, the members of
// its results (of types a client cannot spell).
func (w *writer) results(object, member string, sp *spelling, pre, ref string, sig *types.Signature, depth int) {
	pre0 := pre
	call, ok := w.call(sp, ref, sig)
	if !ok || sig.Results().Len() == 0 {
		return
	}
	var names []string
	for i := range sig.Results().Len() {
		names = append(names, fmt.Sprintf("r%d", i))
	}
	pre += strings.Join(names, ", ") + " := " + call + "\n"
	for _, name := range names {
		pre += "_ = " + name + "\n"
	}
	for i, name := range names {
		t := sig.Results().At(i).Type()
		if _, ok := w.newSpelling().spell(t); ok {
			continue
		}
		abs := ""
		if pre0 == "" && len(names) == 1 {
			abs = call
		}
		w.membersWith(sp, object, member, pre, name, abs, t, depth)
	}
}

// call returns a call of the function value ref with zero values of its parameters.
func (w *writer) call(sp *spelling, ref string, sig *types.Signature) (string, bool) {
	var args []string
	for i := range sig.Params().Len() {
		if sig.Variadic() && i == sig.Params().Len()-1 {
			break
		}
		typ, ok := sp.spell(sig.Params().At(i).Type())
		if !ok {
			return "", false
		}
		args = append(args, "*new("+typ+")")
	}
	return ref + "(" + strings.Join(args, ", ") + ")", true
}

// membersWith writes the uses of a value of type t (expr, after the statements pre) that a
// client cannot name: its fields and methods, comparison, the values its basic type holds. base
// holds the imports expr needs.
func (w *writer) membersWith(base *spelling, object, member, pre, expr, abs string, t types.Type, depth int) {
	key := typeKey(t)
	if first, ok := w.producer[key]; ok {
		// Values of one type reached twice: they must stay of one type.
		sp := w.inherit(base)
		for p := range w.producerImports[key] {
			sp.imports[p] = true
		}
		w.addFunc(sp, object, member, TypesSplit, pre+"y := "+first+"\ny = "+expr+"\n_ = y", w.owner[key])
		return
	}
	if abs != "" {
		// An expression of the package alone (p.V, (*new(p.T)).F): another use can start from it.
		w.producer[key], w.owner[key], w.producerImports[key] = abs, object, base.imports
	}
	if depth > 3 || w.seen[key] {
		return
	}
	w.seen[key] = true
	w.valueUses(base, object, member, pre, expr, abs, t, depth, false)
}

// typeKey returns a key for a type that identical types share (aliases resolved).
func typeKey(t types.Type) string {
	switch t := t.(type) {
	case *types.Alias:
		return typeKey(types.Unalias(t))
	case *types.Named:
		k := t.Obj().Name()
		if t.Obj().Pkg() != nil {
			k = t.Obj().Pkg().Path() + "." + k
		}
		if args := t.TypeArgs(); args.Len() > 0 {
			k += "["
			for i := range args.Len() {
				k += typeKey(args.At(i)) + ","
			}
			k += "]"
		}
		return k
	case *types.Pointer:
		return "*" + typeKey(t.Elem())
	case *types.Slice:
		return "[]" + typeKey(t.Elem())
	case *types.Array:
		return fmt.Sprintf("[%d]%s", t.Len(), typeKey(t.Elem()))
	case *types.Map:
		return "map[" + typeKey(t.Key()) + "]" + typeKey(t.Elem())
	case *types.Chan:
		return fmt.Sprintf("chan%d ", t.Dir()) + typeKey(t.Elem())
	}
	return types.TypeString(t, func(p *types.Package) string { return p.Path() })
}

func (w *writer) inherit(base *spelling) *spelling {
	sp := w.newSpelling()
	for p := range base.imports {
		sp.imports[p] = true
	}
	return sp
}

// valueUses writes the member uses of a variable x := expr of type t. named says t is the
// package's exported type, whose identity other uses check.
func (w *writer) valueUses(base *spelling, object, member, pre, expr, abs string, t types.Type, depth int, named bool) {
	prefix := pre + "x := " + expr + "\n"
	if pre != "" {
		prefix = pre + "{\nx := " + expr + "\n" // a new block: x and r0 may be taken outside
	}
	join := func(m string) string {
		if member == "" {
			return m
		}
		return member + "." + m
	}
	// Fields, promoted ones included.
	for _, f := range fieldsOf(t) {
		obj, _, _ := types.LookupFieldOrMethod(t, true, w.pkg, f)
		field, ok := obj.(*types.Var)
		if !ok {
			continue
		}
		sp := w.inherit(base)
		w.addFunc(sp, object, join(f), MemberRemoved, prefix+"_ = x."+f)
		sp = w.inherit(base)
		if typ, ok := sp.spell(field.Type()); ok {
			w.addFunc(sp, object, join(f), TypeChanged, prefix+"var _ *"+typ+" = &x."+f)
		} else {
			fieldAbs := ""
			if abs != "" {
				fieldAbs = abs + "." + f
			}
			w.membersWith(w.inherit(base), object, join(f), prefix, "x."+f, fieldAbs, field.Type(), depth+1)
		}
	}
	// Methods: of the addressable variable, and of the value.
	_, isIface := t.Underlying().(*types.Interface)
	values := types.NewMethodSet(t)
	all := values
	if _, isPtr := t.(*types.Pointer); !isPtr && !isIface {
		all = types.NewMethodSet(types.NewPointer(t))
	}
	for i := range all.Len() {
		m := all.At(i).Obj().(*types.Func)
		if !m.Exported() {
			continue
		}
		sig := m.Type().(*types.Signature)
		sp := w.inherit(base)
		w.addFunc(sp, object, join(m.Name()), MemberRemoved, prefix+"_ = x."+m.Name())
		sp = w.inherit(base)
		var sigText strings.Builder
		if sp.signature(&sigText, sig) {
			if values.Lookup(m.Pkg(), m.Name()) != nil && !isIface && !named {
				w.addFunc(sp, object, join(m.Name()), MethodSetShrunk,
					prefix+"var _ interface{ "+m.Name()+sigText.String()+" } = x")
			}
			w.addFunc(sp, object, join(m.Name()), TypeChanged, prefix+"var _ func"+sigText.String()+" = x."+m.Name())
		} else if depth < 3 {
			w.results(object, join(m.Name()), w.inherit(base), prefix+"_ = x\n", "x."+m.Name(), sig, depth+1)
		}
	}
	if types.Comparable(t) && !isIface {
		w.addFunc(w.inherit(base), object, member, ComparableLost, prefix+"_ = x == x")
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		w.basicUses(base, object, member, prefix, u)
	case *types.Chan:
		if u.Dir() != types.SendOnly {
			w.addFunc(w.inherit(base), object, member, ChannelDirectionChanged, prefix+"_ = <-x")
		}
		if u.Dir() == types.SendRecv {
			w.addFunc(w.inherit(base), object, member, ChannelDirectionChanged, prefix+"x <- <-x")
		}
	case *types.Slice:
		w.addFunc(w.inherit(base), object, member, UnderlyingChanged, prefix+"_ = append(x, x...)")
		if _, ok := w.newSpelling().spell(u.Elem()); !ok {
			w.membersWith(w.inherit(base), object, join("[]"), prefix, "x[0]", "", u.Elem(), depth+1)
		}
	case *types.Map:
		w.addFunc(w.inherit(base), object, member, UnderlyingChanged, prefix+"for k, v := range x {\n_, _ = k, v\n}")
	case *types.Signature:
		if depth < 3 {
			w.results(object, member, w.inherit(base), prefix+"_ = x\n", "x", u, depth+1)
		}
	}
}

// basicUses writes the uses of a variable x of a basic underlying type: the values its kind and
// range hold.
func (w *writer) basicUses(base *spelling, object, member, prefix string, u *types.Basic) {
	info := u.Info()
	var stmts []string
	switch {
	case info&types.IsInteger != 0:
		stmts = append(stmts, "_ = x % 2", "_ = x & 1", "_ = x << 1")
		size := map[types.BasicKind]int{types.Int8: 8, types.Int16: 16, types.Int32: 32, types.Int64: 64,
			types.Uint8: 8, types.Uint16: 16, types.Uint32: 32, types.Uint64: 64}[u.Kind()]
		if size == 0 {
			size = int(w.sizes.Sizeof(u)) * 8 // int, uint, uintptr: the context's
		}
		if info&types.IsUnsigned != 0 {
			w.addFunc(w.inherit(base), object, member, ValueRangeNarrowed, prefix+fmt.Sprintf("x = 1<<%d - 1\n_ = x", size))
		} else {
			w.addFunc(w.inherit(base), object, member, ValueRangeNarrowed,
				prefix+fmt.Sprintf("x = 1<<%d - 1\nx = -1 << %d\n_ = x", size-1, size-1))
		}
	case info&types.IsFloat != 0:
		stmts = append(stmts, "_ = x / 2.5")
		if u.Kind() == types.Float64 {
			w.addFunc(w.inherit(base), object, member, ValueRangeNarrowed, prefix+"x = 1e300\n_ = x")
		}
	case info&types.IsComplex != 0:
		stmts = append(stmts, "_ = real(x)")
		if u.Kind() == types.Complex128 {
			w.addFunc(w.inherit(base), object, member, ValueRangeNarrowed, prefix+"x = 1e300\n_ = x")
		}
	case info&types.IsString != 0:
		stmts = append(stmts, `_ = x + "s"`, "_ = len(x)")
	case info&types.IsBoolean != 0:
		stmts = append(stmts, "_ = !x")
	}
	if len(stmts) > 0 {
		w.addFunc(w.inherit(base), object, member, UnderlyingChanged, prefix+strings.Join(stmts, "\n"))
	}
}

// fieldsOf returns the names of the exported fields of t, promoted ones included (each once).
func fieldsOf(t types.Type) []string {
	var names []string
	seen := make(map[string]bool)
	visited := make(map[types.Type]bool)
	var walk func(types.Type, int)
	walk = func(t types.Type, depth int) {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || visited[t] || depth > 8 {
			return
		}
		visited[t] = true
		for i := range st.NumFields() {
			f := st.Field(i)
			if f.Exported() && !seen[f.Name()] {
				seen[f.Name()] = true
				names = append(names, f.Name())
			}
			if f.Embedded() {
				walk(f.Type(), depth+1)
			}
		}
	}
	walk(t, 0)
	return names
}

// typeName writes the uses of a type: it exists, aliases stay aliases of their type, defined types
// keep their underlying type, members, method expressions, interfaces stay implementable,
// constraints keep their type sets; and a case of the package's type switch.
func (w *writer) typeName(tn *types.TypeName) {
	if tps := typeParamsOf(tn.Type()); tps != nil && tps.Len() > 0 {
		w.generic(tn.Name(), "", tn.Type(), tps, func(sp *spelling, args string) string {
			return sp.self() + "." + tn.Name() + args
		})
		return
	}
	sp := w.newSpelling()
	ref := sp.self() + "." + tn.Name()
	w.add(sp, tn.Name(), "", Removed, "var _ *"+ref)
	w.typeUses(tn, tn.Type(), ref, sp)
	if _, isConstraint := constraintOnly(tn.Type()); !isConstraint {
		w.switchCase(tn)
	}
}

func typeParamsOf(t types.Type) *types.TypeParamList {
	switch t := t.(type) {
	case *types.Named:
		return t.TypeParams()
	case *types.Alias:
		return t.TypeParams()
	}
	return nil
}

// constraintOnly reports whether t is an interface that only constraints may use.
func constraintOnly(t types.Type) (*types.Interface, bool) {
	iface, ok := t.Underlying().(*types.Interface)
	return iface, ok && !iface.IsMethodSet()
}

// typeUses writes the uses of the type typ of tn, spelled ref (an instance, for a generic type).
func (w *writer) typeUses(tn *types.TypeName, typ types.Type, ref string, base *spelling) {
	name := tn.Name()
	if tn.IsAlias() {
		sp := w.inherit(base)
		if target, ok := sp.spell(types.Unalias(typ)); ok {
			w.add(sp, name, "", TypeChanged, fmt.Sprintf("var _ *%s = (*%s)(nil)", target, ref))
		}
		if named, ok := types.Unalias(typ).(*types.Named); ok && named.Obj().Pkg() != w.pkg {
			return // another package's type: its own check judges its members
		}
	} else {
		u := typ.Underlying()
		sp := w.inherit(base)
		if under, ok := sp.spell(u); ok {
			// Not a struct: converting to an unnamed struct type is no use Go's compatibility
			// rules protect (adding a field is compatible), nor is an interface a conversion.
			switch u.(type) {
			case *types.Struct, *types.Interface:
			default:
				// Through pointers: a conversion of *T to *U needs identical underlying types
				// (numeric types convert to each other whatever their size).
				w.addFunc(sp, name, "", UnderlyingChanged, fmt.Sprintf("var u %s\nvar x *%s = (*%s)(&u)\n_ = (*%s)(x)", under, ref, ref, under))
			}
		}
		switch u.(type) {
		case *types.Struct, *types.Slice, *types.Map, *types.Array:
			w.add(w.inherit(base), name, "", UnderlyingChanged, fmt.Sprintf("var _ = %s{}", ref))
		}
		if st, ok := u.(*types.Struct); ok {
			// Keyed literals name the struct's own fields: a field made promoted breaks them.
			for i := range st.NumFields() {
				if f := st.Field(i); f.Exported() {
					w.addFunc(w.inherit(base), name, f.Name(), KeyedLiteral,
						fmt.Sprintf("x := *new(%s)\n_ = %s{%s: x.%s}", ref, ref, f.Name(), f.Name()))
				}
			}
		}
	}
	if iface, ok := constraintOnly(typ); ok {
		w.constraintUses(name, ref, base, iface)
		return
	}
	w.valueUses(base, name, "", "", "*new("+ref+")", "(*new("+ref+"))", typ, 0, true)
	if iface, ok := typ.Underlying().(*types.Interface); ok {
		w.implement(name, ref, base, iface)
		return
	}
	w.methodExprs(name, ref, base, typ)
}

// methodExprs writes the method expressions of a named type's methods: a value method through
// the type, a pointer method through the pointer.
func (w *writer) methodExprs(name, ref string, base *spelling, t types.Type) {
	values := types.NewMethodSet(t)
	all := types.NewMethodSet(types.NewPointer(t))
	for i := range all.Len() {
		m := all.At(i).Obj().(*types.Func)
		if !m.Exported() {
			continue
		}
		recv := "(*" + ref + ")"
		recvType := "*" + ref
		if values.Lookup(m.Pkg(), m.Name()) != nil {
			recv, recvType = ref, ref
		}
		sp := w.inherit(base)
		w.add(sp, name, m.Name(), MethodSetShrunk, "var _ = "+recv+"."+m.Name())
		sig := m.Type().(*types.Signature)
		var b strings.Builder
		sp = w.inherit(base)
		if sp.tuple(&b, sig.Params(), sig.Variadic()) {
			params := strings.TrimSuffix(strings.TrimPrefix(b.String(), "("), ")")
			if params != "" {
				params = ", " + params
			}
			var res strings.Builder
			sig2 := types.NewSignatureType(nil, nil, nil, types.NewTuple(), sig.Results(), false)
			if sp.signature(&res, sig2) {
				w.add(sp, name, m.Name(), TypeChanged,
					fmt.Sprintf("var _ func(%s%s)%s = %s.%s", recvType, params, strings.TrimPrefix(res.String(), "()"), recv, m.Name()))
			}
		}
	}
}

// implement writes a client type implementing an interface whose methods a client can spell.
func (w *writer) implement(name, ref string, base *spelling, iface *types.Interface) {
	ms := types.NewMethodSet(iface)
	if ms.Len() == 0 {
		return
	}
	sp := w.inherit(base)
	impl := w.fresh("impl")
	var b strings.Builder
	fmt.Fprintf(&b, "type %s struct{}\n\n", impl)
	for i := range ms.Len() {
		m := ms.At(i).Obj()
		if !m.Exported() {
			return // sealed: no client implements it
		}
		var sig strings.Builder
		if !sp.signature(&sig, m.Type().(*types.Signature)) {
			return
		}
		fmt.Fprintf(&b, "func (%s) %s%s { panic(0) }\n\n", impl, m.Name(), sig.String())
	}
	fmt.Fprintf(&b, "var _ %s = %s{}", ref, impl)
	w.add(sp, name, "", InterfaceNotImplementable, b.String())
}

// constraintUses writes the uses of an interface only constraints may use: type arguments its
// type set held, and operations generic code it constrains could do.
func (w *writer) constraintUses(name, ref string, base *spelling, iface *types.Interface) {
	sp := w.inherit(base)
	g := w.fresh("g")
	text := fmt.Sprintf("func %s[X %s]() {}", g, ref)
	var b strings.Builder
	b.WriteString(text)
	w.add(sp, name, "", Removed, text)
	for _, cand := range w.candidates(iface, nil) {
		sp := w.inherit(base)
		arg, ok := sp.spell(cand)
		if !ok {
			continue
		}
		g := w.fresh("g")
		w.add(sp, name, "", ConstraintTightened, fmt.Sprintf("func %s[X %s]() {}\n\nvar _ = %s[%s]", g, ref, g, arg))
	}
	for _, op := range constraintOps {
		sp := w.inherit(base)
		w.add(sp, name, "", ConstraintRelaxed, fmt.Sprintf("func _[X %s](x, y X) {\n%s\n}", ref, op))
	}
}

// constraintOps are operations generic code may do with values of a type parameter, as its
// constraint's type set permits.
var constraintOps = []string{
	"_ = x == y", "_ = x < y", "_ = x + y", "_ = x - y", "_ = x % y", "_ = x & y", "_ = -x", "_ = x << 1",
	"_ = float64(x)", "_ = int(x)", "_ = string(x)", "_ = []byte(x)", "_ = len(x)", "for range x {\n}",
	"_ = x[0]", "_ = <-x", "_ = *x", "var _ any = x",
}

// candidates returns type arguments to try for a type parameter constrained by iface: its union
// terms' types and a fixed set of common types (the old type-check keeps those that satisfy it).
func (w *writer) candidates(iface *types.Interface, sub func(types.Type) types.Type) []types.Type {
	var out []types.Type
	if impl := w.implType(iface); impl != nil {
		out = append(out, impl)
	}
	seen := make(map[string]bool)
	addType := func(t types.Type) {
		if t == nil {
			return
		}
		k := types.TypeString(t, nil)
		if !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	for i := range iface.NumEmbeddeds() {
		if u, ok := iface.EmbeddedType(i).(*types.Union); ok {
			for j := range u.Len() {
				t := u.Term(j).Type()
				if sub != nil {
					t = sub(t)
				}
				addType(t)
			}
		}
	}
	for _, t := range commonTypes {
		addType(t)
	}
	return out
}

var commonTypes = []types.Type{
	types.Typ[types.Int], types.Typ[types.String], types.Typ[types.Float64], types.Typ[types.Bool],
	types.Typ[types.Int8], types.Typ[types.Uint8], types.Typ[types.Int64], types.Typ[types.Uint],
	types.Typ[types.Float32], types.Typ[types.Complex128],
	types.NewSlice(types.Typ[types.Int]), types.NewSlice(types.Typ[types.Byte]),
	types.NewMap(types.Typ[types.String], types.Typ[types.Int]), types.NewPointer(types.Typ[types.Int]),
	types.NewStruct(nil, nil), types.NewChan(types.SendRecv, types.Typ[types.Int]),
	types.Universe.Lookup("any").Type(), types.Universe.Lookup("error").Type(),
}

// generic writes the uses of a generic function or type: instantiations with the type arguments
// the old constraints allowed (one at a time varied from a base list), and the base instance's
// own uses.
func (w *writer) generic(name, member string, generic types.Type, tps *types.TypeParamList, spell func(*spelling, string) string) {
	lists := w.typeArgLists(generic, tps)
	if len(lists) == 0 {
		return
	}
	for i, args := range lists {
		sp := w.newSpelling()
		text, ok := typeArgsText(sp, args)
		if !ok {
			continue
		}
		ref := spell(sp, text)
		class := ConstraintTightened
		if i == 0 {
			class = Removed
		}
		decl := "var _ *" + ref
		if _, isSig := generic.(*types.Signature); isSig {
			decl = "var _ = " + ref
		}
		w.add(sp, name, member, class, decl).instance = true
	}
	sp := w.newSpelling()
	text, ok := typeArgsText(sp, lists[0])
	if !ok {
		return
	}
	ref := spell(sp, text)
	inst, err := types.Instantiate(nil, generic, lists[0], false)
	if err != nil {
		return
	}
	switch inst := inst.(type) {
	case *types.Signature:
		if typ, ok := sp.spell(inst); ok {
			w.add(sp, name, member, TypeChanged, fmt.Sprintf("var _ %s = %s", typ, ref))
		}
		// A call whose type arguments are inferred from its arguments.
		sp := w.newSpelling()
		if call, ok := w.call(sp, spell(sp, ""), inst); ok && !inst.Variadic() {
			w.add(sp, name, member, TypeParametersChanged, "func _() {\n"+call+"\n}")
		}
		w.results(name, member, w.inherit(sp), "", ref, inst, 0)
	default:
		tn := typeNameOf(generic)
		if tn == nil {
			return
		}
		w.typeUses(tn, inst, ref, sp)
	}
}

func typeNameOf(t types.Type) *types.TypeName {
	switch t := t.(type) {
	case *types.Named:
		return t.Obj()
	case *types.Alias:
		return t.Obj()
	}
	return nil
}

func typeArgsText(sp *spelling, args []types.Type) (string, bool) {
	var parts []string
	for _, a := range args {
		s, ok := sp.spell(a)
		if !ok {
			return "", false
		}
		parts = append(parts, s)
	}
	return "[" + strings.Join(parts, ", ") + "]", true
}

// typeArgLists returns type argument lists that satisfy the old constraints: a base list first,
// then lists that differ from it in one argument.
func (w *writer) typeArgLists(generic types.Type, tps *types.TypeParamList) [][]types.Type {
	n := tps.Len()
	cands := make([][]types.Type, n)
	base := make([]int, n)
	for i := range n {
		iface, _ := tps.At(i).Constraint().Underlying().(*types.Interface)
		if iface == nil {
			return nil
		}
		cands[i] = w.candidates(iface, nil)
	}
	current := func(idx []int) []types.Type {
		out := make([]types.Type, n)
		for i := range n {
			out[i] = cands[i][idx[i]]
		}
		return out
	}
	valid := func(args []types.Type) (int, bool) {
		_, err := types.Instantiate(nil, generic, args, true)
		if err == nil {
			return 0, true
		}
		var ae *types.ArgumentError
		if errors.As(err, &ae) {
			return ae.Index, false
		}
		return -1, false
	}
	// Constraints that refer to other type parameters ([S ~[]E, E any]): add their core terms
	// with the base arguments substituted, once the others are chosen.
	for tries := 0; ; tries++ {
		bad, ok := valid(current(base))
		if ok {
			break
		}
		if bad < 0 || tries > 200 {
			return nil
		}
		base[bad]++
		if base[bad] >= len(cands[bad]) {
			if !w.substituteTerms(tps, cands, current(zero(n)), bad) {
				return nil
			}
			if base[bad] >= len(cands[bad]) {
				return nil
			}
		}
	}
	// Distinct arguments where the constraints allow, so that the base instance tells its type
	// parameters apart (map[A]B made map[B]A is the same type for A = B).
	for i := 1; i < n; i++ {
		taken := make(map[string]bool)
		for j := range i {
			taken[typeKey(cands[j][base[j]])] = true
		}
		if !taken[typeKey(cands[i][base[i]])] {
			continue
		}
		for j := range cands[i] {
			idx := slices.Clone(base)
			idx[i] = j
			if _, ok := valid(current(idx)); ok && !taken[typeKey(cands[i][j])] {
				base = idx
				break
			}
		}
	}
	lists := [][]types.Type{current(base)}
	for i := range n {
		for j := range cands[i] {
			if j == base[i] {
				continue
			}
			idx := slices.Clone(base)
			idx[i] = j
			if _, ok := valid(current(idx)); ok {
				lists = append(lists, current(idx))
			}
		}
	}
	return lists
}

func zero(n int) []int { return make([]int, n) }

// substituteTerms adds to the candidates of type parameter i its union terms with the other
// type parameters replaced by args, once; false if there is nothing to add.
func (w *writer) substituteTerms(tps *types.TypeParamList, cands [][]types.Type, args []types.Type, i int) bool {
	iface, _ := tps.At(i).Constraint().Underlying().(*types.Interface)
	m := make(map[*types.TypeParam]types.Type)
	for j := range tps.Len() {
		m[tps.At(j)] = args[j]
	}
	added := false
	for _, t := range w.candidates(iface, func(t types.Type) types.Type { return substitute(t, m) }) {
		if !slices.ContainsFunc(cands[i], func(c types.Type) bool { return types.Identical(c, t) }) {
			cands[i] = append(cands[i], t)
			added = true
		}
	}
	return added
}

// substitute replaces type parameters in t by m, in the composite types a core term is made of.
func substitute(t types.Type, m map[*types.TypeParam]types.Type) types.Type {
	switch t := t.(type) {
	case *types.TypeParam:
		if r, ok := m[t]; ok {
			return r
		}
	case *types.Slice:
		return types.NewSlice(substitute(t.Elem(), m))
	case *types.Pointer:
		return types.NewPointer(substitute(t.Elem(), m))
	case *types.Array:
		return types.NewArray(substitute(t.Elem(), m), t.Len())
	case *types.Map:
		return types.NewMap(substitute(t.Key(), m), substitute(t.Elem(), m))
	case *types.Chan:
		return types.NewChan(t.Dir(), substitute(t.Elem(), m))
	}
	return t
}

// switchCase adds a case for the type to the package's type switch, unless an earlier case names
// an identical type (the switch would not compile against the old API).
func (w *writer) switchCase(tn *types.TypeName) {
	t := tn.Type()
	key := typeKey(t)
	if first, ok := w.caseKeys[key]; ok {
		// Two names of one type (aliases): they must stay one type.
		sp := w.newSpelling()
		self := sp.self()
		u := w.add(sp, tn.Name(), "", TypesSplit, fmt.Sprintf("var _ *%s.%s = (*%s.%s)(nil)", self, tn.Name(), self, first), first)
		u.names = true
		return
	}
	w.caseKeys[key] = tn.Name()
	sp := w.newSpelling()
	u := w.add(sp, tn.Name(), "", TypesMerged, "case "+sp.self()+"."+tn.Name()+":")
	u.caseOf = t
}

// foreignCases writes, for each type of the package that the new API makes an alias of another
// package's type, a type switch with a case for each: a client could have switched on both (a
// defined interface made an alias of io.Writer), and the old API names no such type to write the
// case from. The old type-check keeps it only where that package can be imported.
func (w *writer) foreignCases() {
	if w.newPkg == nil {
		return
	}
	for _, name := range w.pkg.Scope().Names() {
		tn, ok := w.pkg.Scope().Lookup(name).(*types.TypeName)
		if !ok || !tn.Exported() || w.only != nil && !w.only(name) {
			continue
		}
		if tps := typeParamsOf(tn.Type()); tps != nil && tps.Len() > 0 {
			continue
		}
		nt, ok := w.newPkg.Scope().Lookup(name).(*types.TypeName)
		if !ok || !nt.IsAlias() {
			continue
		}
		target, ok := types.Unalias(nt.Type()).(*types.Named)
		if !ok || target.Obj().Pkg() == nil || target.Obj().Pkg().Path() == w.pkg.Path() || typeKey(target) == typeKey(tn.Type()) {
			continue
		}
		sp := w.newSpelling()
		spelled, ok := sp.spell(target)
		if !ok {
			continue
		}
		w.add(sp, name, "", TypesMerged, fmt.Sprintf("func _(x any) {\n\tswitch x.(type) {\n\tcase %s.%s:\n\tcase %s:\n\t}\n}", sp.self(), name, spelled))
	}
}

// implementations writes, for each interface of the package with methods, an assignment of each
// type of the package that implements it (the value or the pointer): a sealed interface's
// implementations are all its clients can use. Types are found by an index of method names, so
// the work grows with the implementations, not with interfaces times types.
func (w *writer) implementations() {
	scope := w.pkg.Scope()
	byMethod := make(map[string][]*types.TypeName)
	var ifaces []*types.TypeName
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || !tn.Exported() || tn.IsAlias() || typeParamsOf(tn.Type()).Len() > 0 || w.gone != nil && w.gone(name) ||
			w.only != nil && !w.only(name) {
			continue
		}
		if iface, ok := tn.Type().Underlying().(*types.Interface); ok {
			if iface.IsMethodSet() && iface.NumMethods() > 0 {
				ifaces = append(ifaces, tn)
			}
			continue
		}
		ms := types.NewMethodSet(types.NewPointer(tn.Type()))
		for i := range ms.Len() {
			byMethod[ms.At(i).Obj().Name()] = append(byMethod[ms.At(i).Obj().Name()], tn)
		}
	}
	for _, it := range ifaces {
		iface := it.Type().Underlying().(*types.Interface)
		var rarest []*types.TypeName
		for i := range iface.NumMethods() {
			c := byMethod[iface.Method(i).Name()]
			if i == 0 || len(c) < len(rarest) {
				rarest = c
			}
		}
		for _, tn := range rarest {
			sp := w.newSpelling()
			self := sp.self()
			switch {
			case types.Implements(tn.Type(), iface):
				w.add(sp, tn.Name(), "(implements "+it.Name()+")", ImplementationLost,
					fmt.Sprintf("var _ %s.%s = *new(%s.%s)", self, it.Name(), self, tn.Name()), it.Name())
			case types.Implements(types.NewPointer(tn.Type()), iface):
				w.add(sp, tn.Name(), "(implements "+it.Name()+")", ImplementationLost,
					fmt.Sprintf("var _ %s.%s = (*%s.%s)(nil)", self, it.Name(), self, tn.Name()), it.Name())
			}
		}
	}
}

// consumers writes, for each function that takes a parameter of a type a client cannot spell, a
// call passing a value of that type from elsewhere in the API: the two must stay one type.
func (w *writer) consumers(funcs []*types.Func) {
	for _, f := range funcs {
		sig := f.Type().(*types.Signature)
		if sig.TypeParams().Len() > 0 || sig.Variadic() {
			continue
		}
		sp := w.newSpelling()
		var args []string
		var needs []string
		unspellable := false
		for i := range sig.Params().Len() {
			t := sig.Params().At(i).Type()
			if typ, ok := sp.spell(t); ok {
				args = append(args, "*new("+typ+")")
				continue
			}
			key := types.TypeString(t, nil)
			expr, ok := w.producer[key]
			if !ok {
				unspellable = false
				args = nil
				break
			}
			unspellable = true
			args = append(args, expr)
			needs = append(needs, w.owner[key])
		}
		if !unspellable {
			continue
		}
		w.addFunc(sp, f.Name(), "", TypesSplit, "_ = "+sp.self()+"."+f.Name()+"("+strings.Join(args, ", ")+")", needs...)
	}
}
