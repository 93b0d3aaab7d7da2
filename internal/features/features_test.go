package features

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/deprecated"
)

// check type-checks one source file (no imports) and returns its features. featgen's tests
// cover the same printer over real export data; these cases pin cmd/api's odd corners.
func check(t *testing.T, src string) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", "package p\n\n"+src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := new(types.Config).Check("example.com/p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return Package(fset, pkg, deprecated.Scan(fset, []*ast.File{f}))
}

func TestCorners(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"named embedded constraint leaves two spaces",
			"func F[T interface{ comparable }](T) {}",
			[]string{"pkg example.com/p, func F[$0 interface{  }]($0)"}},
		{"methods and union with no separator",
			"func F[T interface{ ~int; String() string }]() {}",
			[]string{"pkg example.com/p, func F[$0 interface{ String~int }]()"}},
		{"generic alias has no parameter list",
			"type A[T any] = []T",
			[]string{"pkg example.com/p, type A = []$0"}},
		{"byte and rune are uint8 and int32",
			"func F(byte, rune) {}",
			[]string{"pkg example.com/p, func F(uint8, int32)"}},
		{"untyped kinds",
			"const (B = true; C = 'c'; F = 0.5; I = 1; S = \"s\"; X = 1i)",
			[]string{
				"pkg example.com/p, const B = true", "pkg example.com/p, const B ideal-bool",
				"pkg example.com/p, const C = 99", "pkg example.com/p, const C ideal-char",
				"pkg example.com/p, const F = 0.5  // 1/2", "pkg example.com/p, const F ideal-float",
				"pkg example.com/p, const I = 1", "pkg example.com/p, const I ideal-int",
				"pkg example.com/p, const S = \"s\"", "pkg example.com/p, const S ideal-string",
				"pkg example.com/p, const X = (0 + 1i)", "pkg example.com/p, const X ideal-complex",
			}},
		{"interface with only unexported methods",
			"type I interface{ m() }",
			[]string{"pkg example.com/p, type I interface, unexported methods"}},
		{"results: none, one, several",
			"func A() {}\nfunc B() int { return 0 }\nfunc C() (x, y int) { return }",
			[]string{"pkg example.com/p, func A()", "pkg example.com/p, func B() int", "pkg example.com/p, func C() (int, int)"}},
		{"channel directions",
			"var A chan int\nvar B <-chan int\nvar C chan<- int",
			[]string{"pkg example.com/p, var A chan int", "pkg example.com/p, var B <-chan int", "pkg example.com/p, var C chan<- int"}},
		{"deprecated generic type is marked by bare name",
			"// Deprecated: no.\ntype L[T any] []T",
			[]string{"pkg example.com/p, type L //deprecated", "pkg example.com/p, type L[$0 interface{}] []$0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := check(t, tc.src)
			want := slices.Sorted(slices.Values(tc.want))
			if !slices.Equal(got, want) {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
