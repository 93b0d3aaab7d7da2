package clients

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"
)

// check type-checks the source of package example.com/p (std imported from source).
func check(t *testing.T, src string) (*types.Package, types.Importer) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", "package p\n\n"+src, 0)
	if err != nil {
		t.Fatal(err)
	}
	std := importer.ForCompiler(fset, "source", nil)
	pkg, err := (&types.Config{Importer: std}).Check("example.com/p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	return pkg, importerFunc(func(path string) (*types.Package, error) {
		if path == pkg.Path() {
			return pkg, nil
		}
		return std.Import(path)
	})
}

// TestCompare: each case is an old and a new version of a package and the breaks wanted, exactly:
// "Object Member class" (Member "-" for the object itself). Every case is written here, with
// its neighbour one step away that must not break. Every break's proof is type-checked again
// on its own (it must compile against old and fail against new).
func TestCompare(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		want           []string
	}{
		// Constants: exact values (7.0 / 2.0 is 3.5; 7/2 would be 3), kinds, types.
		{"constant 3.5 to 3.8", "const C = 3.5", "const C = 3.8", []string{"C - constant_value_changed"}},
		{"constant 3.5 spelled 7.0/2", "const C = 3.5", "const C = 7.0 / 2", nil},
		{"imaginary constant changed", "const C = 4.1i", "const C = 4.2i", []string{"C - constant_value_changed"}},
		{"imaginary constant same", "const C = 4.1i", "const C = 41i / 10", nil},
		{"constant made typed", "const C = 1", "const C int = 1", []string{"C - constant_type_changed"}},
		{"typed constant made untyped", "const C int = 1", "const C = 1", []string{"C - constant_made_untyped"}},
		{"typed constant stays typed", "const C int = 1", "type T = int\n\nconst C T = 1", nil},
		{"untyped int to rune", "const C = 65", "const C = 'A'", []string{"C - constant_type_changed"}},
		// Unexported types are matched by what a client can do with them, not by name.
		{"unexported type renamed", "var V u1\n\ntype u1 struct{ A int }", "var V u2\n\ntype u2 struct{ A int }", nil},
		{"unexported type's field renamed", "var V u1\n\ntype u1 struct{ A int }", "var V u1\n\ntype u1 struct{ B int }",
			[]string{"V A member_removed"}},
		{"unexported basic type to its underlying", "var V u\n\ntype u int", "var V int", nil},
		{"unexported basic type narrowed", "var V u\n\ntype u int", "var V u\n\ntype u int8", []string{"V - value_range_narrowed"}},
		{"two variables of one unexported type", "var V, W u\n\ntype u struct{ A int }", "var V u\nvar W w\n\ntype u struct{ A int }\ntype w struct{ A int }",
			[]string{"W - types_split"}},
		{"embedded unexported struct to direct fields", "type T struct{ inner }\n\ntype inner struct{ X int }", "type T struct{ X int }", nil},
		{"promoted field lost", "type T struct{ inner }\n\ntype inner struct{ X int }", "type T struct{ inner }\n\ntype inner struct{ Y int }",
			[]string{"T X member_removed"}},
		{"promoted field's type changed", "type T struct{ inner }\n\ntype inner struct{ X int }", "type T struct{ inner }\n\ntype inner struct{ X string }",
			[]string{"T X type_changed"}},
		{"unexported type argument narrowed", "type H[T any] struct{ F T }\n\ntype t int\n\nvar V H[t]", "type H[T any] struct{ F T }\n\ntype t byte\n\nvar V H[t]",
			[]string{"V F value_range_narrowed"}},
		// Aliases: one type, however it is reached.
		{"alias chain re-rooted", "type A = B\ntype B = C\ntype C struct{ X int }", "type A = B\ntype C = B\ntype B struct{ X int }", nil},
		{"defined type behind an alias of an unexported type", "type T string", "type T = t\n\ntype t string", nil},
		{"struct made alias of an identical new type", "type T struct{ X int }\n\nfunc (T) M() {}", "type T = U\n\ntype U struct{ X int }\n\nfunc (U) M() {}", nil},
		{"method through an alias's receiver removed", "type T = t\n\ntype t struct{}\n\nfunc (t) M() {}", "type T = t\n\ntype t struct{}",
			[]string{"T M member_removed"}},
		{"defined type made alias of int", "type A int", "type A = int", []string{"A - types_merged"}},
		{"alias of int made defined", "type A = int", "type A int", []string{"A - type_changed"}},
		{"alias made a defined type", "type A = B\n\ntype B int\n\ntype U = T\n\ntype T int", "type A B\n\ntype B int\n\ntype U T\n\ntype T int", []string{"A - type_changed", "U - type_changed"}},
		{"unexported type split across fields", "type uS struct{ X int }\n\ntype S struct {\n\tC *[]uS\n\tD *[]uS\n}",
			"type uS1 struct{ X int }\ntype uS2 struct{ X int }\n\ntype S struct {\n\tC *[]uS1\n\tD *[]uS2\n}", []string{"S D types_split"}},
		{"types merged by alias", "type A int\ntype B int", "type A = B\ntype B int", []string{"A - types_merged"}},
		{"types merged by the later alias", "type A int\ntype B int", "type A int\ntype B = A", []string{"B - types_merged"}},
		{"types kept apart", "type A int\ntype B int", "type A int\ntype B A", nil},
		// Unnamed types of variables.
		{"unnamed struct fields reordered", "var V struct{ A, B int }", "var V struct{ B, A int }", []string{"V - type_changed"}},
		{"unnamed struct field added", "var V struct{ A int }", "var V struct{ A, B int }", []string{"V - type_changed"}},
		{"unnamed interface's method changed", "var V interface{ M() }", "var V interface{ M(int) }", []string{"V - type_changed"}},
		{"unnamed struct unchanged", "var V struct{ A, B int }", "var V struct {\n\tA int\n\tB int\n}", nil},
		// Functions and generics.
		{"func removed", "func F() {}\nfunc G() {}", "func G() {}", []string{"F - removed"}},
		{"generic func removed", "func Batch[T any](x []T) [][]T { return nil }", "", []string{"Batch - removed"}},
		{"generic func made variadic", "func F[T any](x T) {}", "func F[T any](x ...T) {}", []string{"F - type_changed"}},
		{"generic func's parameter renamed", "func F[T any](x T) {}", "func F[U any](y U) {}", nil},
		{"constraint tightened", "func F[T any](x T) {}", "func F[T comparable](x T) {}", []string{"F - constraint_tightened"}},
		{"constraint relaxed", "func F[T comparable](x T) {}", "func F[T any](x T) {}", nil},
		{"type parameter added", "func F[T any](x T) {}", "func F[T, U any](x T) {}", []string{"F - type_parameters_changed"}},
		{"named constraint relaxed", "type N interface{ ~int | ~float64 }", "type N interface{ ~int | ~float64 | ~string }",
			[]string{"N - constraint_interface_relaxed"}},
		{"named constraint's terms swapped", "type N interface{ ~int | ~float64 }", "type N interface{ ~float64 | ~int }", nil},
		// Methods and interfaces.
		{"value to pointer receiver", "type T struct{}\n\nfunc (T) M() {}", "type T struct{}\n\nfunc (*T) M() {}", []string{"T M method_set_shrunk"}},
		{"pointer to value receiver", "type T struct{}\n\nfunc (*T) M() {}", "type T struct{}\n\nfunc (T) M() {}", nil},
		{"interface method added", "type I interface{ M() }", "type I interface {\n\tM()\n\tN()\n}", []string{"I - interface_method_added"}},
		{"sealed interface method added", "type I interface {\n\tM()\n\tm()\n}", "type I interface {\n\tM()\n\tm()\n\tN()\n}", nil},
		{"sealed implementation lost", "type I interface {\n\tM()\n\tm()\n}\n\ntype T struct{}\n\nfunc (T) M() {}\nfunc (T) m() {}",
			"type I interface {\n\tM()\n\tm()\n}\n\ntype T struct{}\n\nfunc (T) M() {}", []string{"T (implements I) implementation_lost"}},
		{"comparable lost", "type S struct{ X int }", "type S struct {\n\tX int\n\tf []int\n}", []string{"S - comparable_lost"}},
		{"interface made alias of io.Writer", "type W interface{ Write([]byte) (int, error) }", "import \"io\"\n\ntype W = io.Writer", []string{"W - types_merged"}},
		{"interface made alias of an identical local interface", "type W interface{ Write([]byte) (int, error) }", "type W = V\n\ntype V interface{ Write([]byte) (int, error) }", nil},
		{"field made promoted", "type E struct{ X int }\n\ntype T struct {\n\tE E\n\tX int\n}", "type E struct{ X int }\n\ntype T struct{ E }",
			[]string{"T X keyed_literal_broken"}},
		{"underlying slice type changed", "type T []int", "type T []int64", []string{"T - underlying_type_changed"}},
		{"underlying slice type respelled", "type T []int", "type T []I\n\ntype I = int", nil},
		{"struct field added", "type S struct{ X int }", "type S struct{ X, Y int }", nil},
		{"channel direction removed", "func C() chan int { return nil }", "func C() <-chan int { return nil }", []string{"C - type_changed"}},
		{"unexported result's channel narrowed", "func C() c { return nil }\n\ntype c chan int", "func C() c { return nil }\n\ntype c <-chan int",
			[]string{"C - channel_direction_changed"}},
		{"var to func", "var F = func() {}", "func F() {}", []string{"F - not_a_variable"}},
		{"func to var", "func F() {}", "var F = func() {}", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			oldPkg, oldImp := check(t, tc.old)
			newPkg, newImp := check(t, tc.new)
			res, err := Compare(Side{oldPkg, oldImp}, Side{newPkg, newImp}, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, b := range res.Breaks {
				member := b.Member
				if member == "" {
					member = "-"
				}
				got = append(got, fmt.Sprintf("%s %s %s", b.Object, member, b.Class.Name))
				verifyProof(t, b, oldImp, newImp)
			}
			for _, b := range res.Breaks {
				if formatted, err := format.Source([]byte(b.Proof)); err != nil || string(formatted) != b.Proof {
					t.Errorf("proof is not gofmt'ed (%v):\n%s\ngofmt:\n%s", err, b.Proof, formatted)
				}
			}
			if !slices.Equal(got, tc.want) {
				var detail strings.Builder
				for _, b := range res.Breaks {
					fmt.Fprintf(&detail, "%s %s %s: %s\n%s\n", b.Object, b.Member, b.Class.Name, b.Error, b.Proof)
				}
				t.Errorf("breaks %q, want %q\n%s", got, tc.want, detail.String())
			}
		})
	}
}

// TestPackageRemoved: a package gone from the new API is one break, proven by importing it.
func TestPackageRemoved(t *testing.T) {
	oldPkg, oldImp := check(t, "func F() {}")
	res, err := Compare(Side{oldPkg, oldImp}, Side{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Breaks) != 1 || res.Breaks[0].Class != PackageRemoved {
		t.Fatalf("breaks %+v, want one package_removed", res.Breaks)
	}
	gone := importerFunc(func(path string) (*types.Package, error) {
		if path == oldPkg.Path() {
			return nil, fmt.Errorf("no package %s", path)
		}
		return oldImp.Import(path)
	})
	verifyProof(t, res.Breaks[0], oldImp, gone)
}

// verifyProof type-checks a break's proof on its own: against old it compiles, against new not.
func verifyProof(t *testing.T, b Break, oldImp, newImp types.Importer) {
	t.Helper()
	for _, side := range []struct {
		imp  types.Importer
		fail bool
	}{{oldImp, false}, {newImp, true}} {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "proof.go", b.Proof, 0)
		if err != nil {
			t.Fatalf("proof does not parse: %v\n%s", err, b.Proof)
		}
		_, err = (&types.Config{Importer: side.imp}).Check("main", fset, []*ast.File{f}, nil)
		if (err != nil) != side.fail {
			t.Errorf("proof against the %s API: %v\n%s", map[bool]string{false: "old", true: "new"}[side.fail], err, b.Proof)
		}
	}
}
