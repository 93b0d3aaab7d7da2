// Package clients decides whether a change to a package's API breaks its importers by asking the
// compiler: it writes the client programs an importer could be, from the old API (every exported
// declaration used in each way a client can depend on it: as a value, called, its method values
// and expressions, converted, assigned to its spelled type, compared, in a keyed literal,
// implemented, in a type switch with the package's other types, instantiated with the type
// arguments its constraints allowed, its constant value in a map key), and type-checks them with
// go/types against the old API and the new one. A client that compiles against the old API and
// not against the new one is a break, and is its proof: no printed proof can be false.
//
// The APIs are the declarations records of internal/apidecl: Go source that type-checks to the
// package's API, so a client of the record compiles exactly when it compiles against the package.
// All clients of a package are one file, type-checked once per side.
package clients

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Side is one version of a package's API.
type Side struct {
	// Package is the package; nil on the new side for a package that is gone.
	Package *types.Package
	// Importer imports the package and every package its API reaches.
	Importer types.Importer
}

// Break is a client that compiled against the old API and does not against the new one.
type Break struct {
	// Object is the package's top-level declaration the client depends on ("" for the package).
	Object string
	// Member is the field or method (path) of Object it depends on, "" for the object itself,
	// or "(implements I)" for a type that no longer implements the package's interface I.
	Member string
	Class  *Class
	// Proof is the client: a complete program.
	Proof string
	// Error is the first error the new API gives it.
	Error string
}

// Result is what Compare found.
type Result struct {
	Breaks []Break
	// Clients is how many clients were written; Discarded how many of them did not compile
	// against the old API (what a client cannot write: they judge nothing); Unjudged how many
	// import a package that the new API does not reach, so cannot be checked against it.
	Clients, Discarded, Unjudged int
}

// Compare writes the clients of old's package and type-checks them against old and new.
func Compare(old, new Side, sizes types.Sizes) (Result, error) {
	return CompareOnly(old, new, sizes, nil)
}

// CompareOnly is Compare for the clients of the package-level declarations only reports true
// for (nil: all).
func CompareOnly(old, new Side, sizes types.Sizes, only func(name string) bool) (Result, error) {
	pkg := old.Package
	if new.Package == nil {
		proof := fmt.Sprintf("package main\n\nimport _ %s\n\nfunc main() {}\n", strconv.Quote(pkg.Path()))
		return Result{Breaks: []Break{{Class: PackageRemoved, Proof: proof,
			Error: fmt.Sprintf("package %s is not in the new API", pkg.Path())}}}, nil
	}
	w := newWriter(pkg, sizes)
	w.gone = func(name string) bool { return new.Package.Scope().Lookup(name) == nil }
	w.newPkg = new.Package
	w.only = only
	w.generate()
	src := w.file()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "clients.go", src, parser.SkipObjectResolution)
	if err != nil {
		return Result{}, fmt.Errorf("clients of %s do not parse (a bug): %v", pkg.Path(), err)
	}
	res := Result{Clients: len(w.uses)}
	// A package an importer cannot provide is a fake one to go/types, which reports no error
	// where it is used: the uses that name it judge nothing on either side.
	oldMissing := make(map[string]bool)
	oldErrs := typeCheck(fset, f, old.Importer, sizes, w.uses, oldMissing)
	missing := make(map[string]bool)
	newErrs := typeCheck(fset, f, new.Importer, sizes, w.uses, missing)
	failed := make([]int, 0, len(newErrs))
	for i := range w.uses {
		if _, bad := oldErrs[i]; bad || slices.ContainsFunc(w.uses[i].imports, func(p string) bool { return oldMissing[p] }) {
			res.Discarded++
			continue
		}
		if slices.ContainsFunc(w.uses[i].imports, func(p string) bool { return missing[p] }) {
			res.Unjudged++
			continue
		}
		if _, bad := newErrs[i]; bad {
			failed = append(failed, i)
		}
	}
	res.Breaks = w.breaks(failed, newErrs, new.Package)
	return res, nil
}

// file assembles the clients into one file and numbers their lines.
func (w *writer) file() []byte {
	var b bytes.Buffer
	b.WriteString("package main\n\nimport (\n")
	paths := make([]string, 0, len(w.names))
	for p := range w.names {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		fmt.Fprintf(&b, "\t%s %s\n", w.names[p], strconv.Quote(p))
	}
	b.WriteString("\t\"unsafe\"\n)\n\nvar _ unsafe.Pointer\n\n")
	for _, name := range w.declOrder {
		b.WriteString(w.decls[name] + "\n")
	}
	line := bytes.Count(b.Bytes(), []byte("\n")) + 1
	inSwitch := false
	for i := range w.uses {
		u := &w.uses[i]
		if u.caseOf != nil && !inSwitch {
			b.WriteString("func _(x any) {\nswitch x.(type) {\n")
			for _, t := range predeclaredCases {
				b.WriteString("case " + t + ":\n")
			}
			line += 2 + len(predeclaredCases)
			inSwitch = true
		}
		u.line = line
		b.WriteString(u.text)
		b.WriteString("\n")
		line += strings.Count(u.text, "\n") + 1
		u.end = line - 1
		if u.caseOf == nil {
			b.WriteString("\n")
			line++
		}
	}
	if inSwitch {
		b.WriteString("}\n}\n")
	}
	return b.Bytes()
}

// predeclaredCases open the package's type switch: a type of the package that becomes one of
// them is a duplicate case.
var predeclaredCases = []string{"bool", "string", "int", "int8", "int16", "int32", "int64", "uint", "uint8",
	"uint16", "uint32", "uint64", "uintptr", "float32", "float64", "complex64", "complex128", "error", "any"}

// typeCheck type-checks the clients' file and returns the first error of each use that has one,
// by index. Packages the importer cannot provide are added to missing.
func typeCheck(fset *token.FileSet, f *ast.File, imp types.Importer, sizes types.Sizes, uses []use, missing map[string]bool) map[int]string {
	errs := make(map[int]string)
	conf := types.Config{
		Sizes: sizes,
		Importer: importerFunc(func(path string) (*types.Package, error) {
			p, err := imp.Import(path)
			if err != nil && missing != nil {
				missing[path] = true
			}
			return p, err
		}),
		Error: func(err error) {
			te, ok := err.(types.Error)
			if !ok || strings.HasPrefix(te.Msg, "\t") {
				return // a continuation ("\tprevious case"): the error before it is the use's
			}
			line := fset.Position(te.Pos).Line
			i := sort.Search(len(uses), func(i int) bool { return uses[i].line > line }) - 1
			if i < 0 || line > uses[i].end {
				return // the imports, the switch's head: no use's
			}
			if _, seen := errs[i]; !seen {
				errs[i] = te.Msg
			}
		},
	}
	conf.Check("main", fset, []*ast.File{f}, nil)
	return errs
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// breaks groups the failed uses: one break per object and member, from the first failed use
// (the uses of each are written most basic first); one per object when it is gone.
func (w *writer) breaks(failed []int, errs map[int]string, newPkg *types.Package) []Break {
	gone := func(object string) bool { return object != "" && newPkg.Scope().Lookup(object) == nil }
	type key struct{ object, member string }
	done := make(map[key]bool)
	var out []Break
	for _, i := range failed {
		u := &w.uses[i]
		if slices.ContainsFunc(u.needs, gone) {
			continue // its own break says so
		}
		k := key{u.object, u.member}
		class := u.class
		if gone(u.object) {
			k.member, class = "", Removed
		} else if u.instance && (class == Removed || class == ConstraintTightened) {
			class = ConstraintTightened
			if typeParamCount(w.pkg, u.object) != typeParamCount(newPkg, u.object) {
				class = TypeParametersChanged
			}
		} else if class == Removed {
			class = KindChanged
		} else if u.member != "" && !strings.ContainsAny(u.member, ".([") && !hasMember(newPkg, u.object, u.member) {
			class = MemberRemoved
		}
		if u.names && declChanged(w.pkg, newPkg, u.needs[0]) && !declChanged(w.pkg, newPkg, u.object) {
			// Two names of one type are two now: the break is the declaration's that changed.
			k = key{u.needs[0], ""}
		}
		if u.caseOf != nil && class == TypesMerged {
			// Two types are one now: the duplicate case is the later one, but the break is the
			// declaration's that changed.
			if _, partner, ok := w.switchPartner(u, newPkg); ok && partner != "" &&
				declChanged(w.pkg, newPkg, partner) && !declChanged(w.pkg, newPkg, u.object) {
				k = key{partner, ""}
			}
		}
		if done[k] || done[key{u.object, ""}] && class == Removed {
			continue
		}
		done[k] = true
		proof, err := w.proof(u, newPkg)
		if err != nil {
			continue
		}
		if class == ImplementationLost {
			// The break is the declaration's that changed: the interface's method set, the
			// type's, or both.
			iface := u.needs[0]
			ifaceChanged := methodSetKey(w.pkg, iface) != methodSetKey(newPkg, iface)
			if ifaceChanged {
				out = append(out, Break{Object: iface, Member: "(implemented by " + u.object + ")", Class: class, Proof: proof, Error: errs[i]})
			}
			if ifaceChanged && methodSetKey(w.pkg, u.object) == methodSetKey(newPkg, u.object) {
				continue
			}
		}
		out = append(out, Break{Object: k.object, Member: k.member, Class: class, Proof: proof, Error: errs[i]})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Object != out[j].Object {
			return out[i].Object < out[j].Object
		}
		return out[i].Member < out[j].Member
	})
	return out
}

// declChanged reports whether a type name of the package denotes another type in the new
// version: an alias made a defined type or the reverse, or an alias of another type.
func declChanged(old, new *types.Package, name string) bool {
	o, _ := old.Scope().Lookup(name).(*types.TypeName)
	n, _ := new.Scope().Lookup(name).(*types.TypeName)
	if o == nil || n == nil {
		return true
	}
	return o.IsAlias() != n.IsAlias() || typeKey(o.Type()) != typeKey(n.Type())
}

// methodSetKey returns the method set of a package's type (its pointer's, unless an interface)
// as text that compares across versions.
func methodSetKey(pkg *types.Package, name string) string {
	obj := pkg.Scope().Lookup(name)
	if obj == nil {
		return ""
	}
	t := obj.Type()
	if !types.IsInterface(t) {
		t = types.NewPointer(t)
	}
	ms := types.NewMethodSet(t)
	var b strings.Builder
	for i := range ms.Len() {
		m := ms.At(i).Obj()
		b.WriteString(m.Name() + types.TypeString(m.Type(), func(p *types.Package) string { return p.Path() }) + ";")
	}
	return b.String()
}

// typeParamCount returns the number of type parameters of a package's function or type.
func typeParamCount(pkg *types.Package, object string) int {
	switch t := pkg.Scope().Lookup(object).Type().(type) {
	case *types.Signature:
		return t.TypeParams().Len()
	case *types.Named:
		return t.TypeParams().Len()
	case *types.Alias:
		return t.TypeParams().Len()
	}
	return 0
}

// hasMember reports whether the new package's object still has a field or method of the name.
func hasMember(pkg *types.Package, object, member string) bool {
	obj := pkg.Scope().Lookup(object)
	if obj == nil {
		return false
	}
	t := obj.Type()
	if _, ok := obj.(*types.TypeName); !ok {
		return true // a member of a value's type: the class of the use says what changed
	}
	found, _, _ := types.LookupFieldOrMethod(t, true, pkg, member)
	if found == nil {
		found, _, _ = types.LookupFieldOrMethod(types.NewPointer(t), true, pkg, member)
	}
	return found != nil
}

// proof returns the program of one use: its imports, its text and main.
func (w *writer) proof(u *use, newPkg *types.Package) (string, error) {
	text := u.text
	imports := u.imports
	if u.caseOf != nil {
		var err error
		if text, imports, err = w.switchProof(u, newPkg); err != nil {
			return "", err
		}
	}
	var b bytes.Buffer
	b.WriteString("package main\n\n")
	if len(imports) == 1 && imports[0] != "unsafe" && w.names[imports[0]] == pathBase(imports[0]) {
		fmt.Fprintf(&b, "import %s\n\n", strconv.Quote(imports[0]))
	} else if len(imports) > 0 {
		b.WriteString("import (\n")
		for _, p := range imports {
			if p == "unsafe" {
				b.WriteString("\t\"unsafe\"\n")
				continue
			}
			name := w.names[p]
			if name == pathBase(p) {
				fmt.Fprintf(&b, "\t%s\n", strconv.Quote(p))
			} else {
				fmt.Fprintf(&b, "\t%s %s\n", name, strconv.Quote(p))
			}
		}
		b.WriteString(")\n\n")
	}
	for _, l := range u.locals {
		b.WriteString(w.decls[l] + "\n")
	}
	b.WriteString(indent(text))
	b.WriteString("\n\nfunc main() {}\n")
	if !strings.Contains(text, "struct{") && !strings.Contains(text, "interface{") && !strings.Contains(text, "complex(") {
		return b.String(), nil
	}
	// Literal types and nested expressions: gofmt decides their spacing.
	out, err := format.Source(b.Bytes())
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// indent indents the lines of a use's text by the depth of the braces they are in, as gofmt
// would (the uses write no brace inside a string and no case label but the switch proofs',
// which come indented): gofmt on every proof costs more than the rest of a proof together.
func indent(text string) string {
	if strings.Contains(text, "\t") {
		return text
	}
	var b strings.Builder
	depth := 0
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString("\n")
		}
		d := depth
		if strings.HasPrefix(line, "}") {
			d--
		}
		if line != "" {
			b.WriteString(strings.Repeat("\t", max(d, 0)) + line)
		}
		depth += strings.Count(line, "{") - strings.Count(line, "}")
	}
	return b.String()
}

func pathBase(p string) string {
	return p[strings.LastIndex(p, "/")+1:]
}

// switchProof returns, for a case of the package's type switch that is a duplicate against the
// new API, a type switch of it and the earlier case it duplicates.
func (w *writer) switchProof(u *use, newPkg *types.Package) (string, []string, error) {
	sp := w.newSpelling()
	self := sp.self()
	partner, object, ok := w.switchPartner(u, newPkg)
	if !ok {
		return "", nil, fmt.Errorf("no partner")
	}
	if object != "" {
		partner = self + "." + object
	}
	mine := strings.TrimSuffix(strings.TrimPrefix(u.text, "case "), ":")
	text := fmt.Sprintf("func _(x any) {\n\tswitch x.(type) {\n\tcase %s:\n\tcase %s:\n\t}\n}", partner, mine)
	imports := slices.Clone(u.imports)
	if !slices.Contains(imports, w.pkg.Path()) {
		imports = append(imports, w.pkg.Path())
		slices.Sort(imports)
	}
	return text, imports, nil
}

// switchPartner returns, for a case of the package's type switch, the earlier case that names
// the same type in the new API: a predeclared type, or the package's type object.
func (w *writer) switchPartner(u *use, newPkg *types.Package) (predeclared, object string, ok bool) {
	newType := func(t types.Type) types.Type {
		if tn := typeNameOf(t); tn != nil && tn.Pkg() == w.pkg {
			if obj, ok := newPkg.Scope().Lookup(tn.Name()).(*types.TypeName); ok {
				return obj.Type()
			}
			return nil
		}
		return t
	}
	mine := newType(u.caseOf)
	if mine == nil {
		return "", "", false
	}
	for _, name := range predeclaredCases {
		if types.Identical(types.Universe.Lookup(name).Type(), mine) {
			return name, "", true
		}
	}
	for i := range w.uses {
		o := &w.uses[i]
		if o == u {
			break
		}
		if o.caseOf != nil {
			if t := newType(o.caseOf); t != nil && types.Identical(t, mine) {
				return "", o.object, true
			}
		}
	}
	return "", "", false
}
