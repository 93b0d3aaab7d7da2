package features

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"
)

// facts type-checks one source file (no imports) and returns its facts without the head.
func facts(t *testing.T, src string) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", "package p\n\n"+src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := new(types.Config).Check("example.com/p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range Facts(pkg) {
		out = append(out, strings.TrimPrefix(l, "pkg example.com/p, "))
	}
	return out
}

// The expected facts are written by hand from the Go specification: what == accepts, what
// embedding promotes, which types implement a sealed interface, type sets.
func TestFacts(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"comparable, not for an unexported uncomparable field, not for interfaces",
			"type A struct{ X int }\ntype B struct{ f []int }\ntype C [2]func()\ntype I interface{ M() }",
			[]string{"type A comparable"}},
		{"promoted through an unexported embedded type, shadowing respected",
			"type S struct {\n\tinner\n\tX string\n}\ntype inner struct{ X, Y int }",
			[]string{"type S comparable", "type S struct, promoted field Y int",
				"unexported, type inner struct", "unexported, type inner struct, X int", "unexported, type inner struct, Y int"}},
		{"implementations of a sealed interface",
			"type I interface{ m() }\ntype T struct{}\nfunc (T) m() {}\ntype P struct{}\nfunc (*P) m() {}\ntype N struct{}",
			[]string{"type *P implements I", "type N comparable", "type P comparable", "type T comparable", "type T implements I"}},
		{"an unexported type reached through a result, with its methods",
			"func New() *impl { return nil }\ntype impl struct{ Name string }\nfunc (*impl) Close() error { return nil }",
			[]string{"unexported, method (*impl) Close() error", "unexported, type impl struct", "unexported, type impl struct, Name string"}},
		{"type sets in full, named constraints expanded, an explicit comparable kept",
			"type Number interface{ ~int | ~float64 }\ntype Ord interface{ Number | ~string }\n" +
				"func F[A Ord, B comparable, C any, D interface{ comparable; ~int }](A, B, C, D) {}",
			[]string{
				"func F, type parameter $0 typeset ~float64 | ~int | ~string",
				"func F, type parameter $1 typeset comparable",
				"func F, type parameter $2 typeset any",
				"func F, type parameter $3 typeset comparable; ~int",
				"type Number interface, typeset ~float64 | ~int",
				"type Ord interface, typeset ~float64 | ~int | ~string",
			}},
		{"intersection of embedded term lists",
			"type C interface {\n\t~int | ~string\n\t~string | ~bool\n}",
			[]string{"type C interface, typeset ~string"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := facts(t, tc.src); !slices.Equal(got, tc.want) {
				t.Errorf("facts of\n%s\n= %q\nwant %q", tc.src, got, tc.want)
			}
		})
	}
}
