package apidecl

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

// check type-checks sources (import path -> one file), each importing only earlier ones, and
// returns the last package.
func check(t *testing.T, srcs ...[2]string) *types.Package {
	t.Helper()
	fset := token.NewFileSet()
	pkgs := make(map[string]*types.Package)
	var pkg *types.Package
	for _, s := range srcs {
		f, err := parser.ParseFile(fset, s[0]+".go", s[1], 0)
		if err != nil {
			t.Fatal(err)
		}
		conf := types.Config{Importer: importerFunc(func(path string) (*types.Package, error) {
			if p := pkgs[path]; p != nil {
				return p, nil
			}
			return importer.Default().Import(path)
		})}
		pkg, err = conf.Check(s[0], fset, []*ast.File{f}, nil)
		if err != nil {
			t.Fatal(err)
		}
		pkgs[s[0]] = pkg
	}
	return pkg
}

type importerFunc func(string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// TestPrintRefuses: what the record cannot spell is an error naming it, never a record that
// loads into another API.
func TestPrintRefuses(t *testing.T) {
	for _, tc := range []struct {
		name string
		srcs [][2]string
		want string
	}{
		{"a package's own panic", [][2]string{{"p", "package p\n\nfunc panic(int) {}\n\nfunc F() {}\n"}},
			"package p declares panic"},
		{"a package's own bool", [][2]string{{"p", "package p\n\ntype bool int\n\nvar V = 1 < 2\n"}},
			"package p declares bool"},
		{"another package's unexported field under a type parameter",
			[][2]string{{"q", "package q\n\ntype S[P any] struct{ x P }\n"}, {"p", "package p\n\nimport \"q\"\n\ntype T[P any] q.S[P]\n"}},
			"a type literal of q with unexported members uses type parameters"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Print(check(t, tc.srcs...))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Print = %q, %v; want an error containing %q", rec, err, tc.want)
			}
		})
	}
}

// TestPrintRefusesLostAlias: an embedded field named X whose type is T can only have been
// written through an alias named X; export data keeps such aliases, but where none is found
// Print must not write a field named T.
func TestPrintRefusesLostAlias(t *testing.T) {
	pkg := types.NewPackage("example.com/p", "p")
	tn := types.NewTypeName(token.NoPos, pkg, "T", nil)
	types.NewNamed(tn, types.Typ[types.Int], nil)
	pkg.Scope().Insert(tn)
	field := types.NewField(token.NoPos, pkg, "X", tn.Type(), true)
	pkg.Scope().Insert(types.NewVar(token.NoPos, pkg, "V", types.NewStruct([]*types.Var{field}, nil)))
	pkg.MarkComplete()
	rec, err := Print(pkg)
	if want := "embedded field X of type example.com/p.T: no alias of that name found"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Print = %q, %v; want an error containing %q", rec, err, want)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct{ name, rec, want string }{
		{"no header", "// package p\npackage p\n", "not a declarations record"},
		{"no section", Header + "\n", "a record without sections"},
		{"text before a section", Header + "\npackage p\n", `"package p" where a section's "// package PATH" line belongs`},
		{"a missing import", Header + "\n// package p\npackage p\n\nimport q \"q\"\n\nvar V q.T\n", "the record has no section for package q"},
		{"a cycle", Header + "\n// package p\npackage p\n\nimport _ \"q\"\n// package q\npackage q\n\nimport _ \"p\"\n", "package p imports itself"},
		{"a type error", Header + "\n// package p\npackage p\n\nvar V T\n", "section p: p:3:7: undefined: T"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(token.NewFileSet(), []byte(tc.rec), nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load: %v; want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestJoinSplit(t *testing.T) {
	recs := map[string][]byte{
		"windows-amd64": []byte(Header + "\n// package p\npackage p\n\nconst C = 2\n// package q\npackage q\n"),
		"linux-amd64":   []byte(Header + "\n// package p\npackage p\n\nconst C = 1\n// package q\npackage q\n// package r\npackage r\n"),
		"darwin-arm64":  []byte(Header + "\n// package p\npackage p\n\nconst C = 1\n// package q\npackage q\n"),
	}
	want := Header + `
// contexts darwin-arm64 linux-amd64 windows-amd64
// package p (darwin-arm64 linux-amd64)
package p

const C = 1
// package p (windows-amd64)
package p

const C = 2
// package q
package q
// package r (linux-amd64)
package r
`
	file, err := Join(recs)
	if err != nil {
		t.Fatal(err)
	}
	if string(file) != want {
		t.Fatalf("Join:\n%s\nwant:\n%s", file, want)
	}
	back, err := Split(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != len(recs) {
		t.Errorf("Split: %d contexts, want %d", len(back), len(recs))
	}
	for ctx, r := range recs {
		if string(back[ctx]) != string(r) {
			t.Errorf("Split: %s: %q, want %q", ctx, back[ctx], r)
		}
	}
	for _, bad := range []string{
		Header + "\n// contexts a a\n",
		Header + "\n// contexts a\n// package p (b)\npackage p\n",
		Header + "\n// package p\npackage p\n",
	} {
		if _, err := Split([]byte(bad)); err == nil {
			t.Errorf("Split accepted %q", bad)
		}
	}
	if _, err := Join(map[string][]byte{"a": recs["linux-amd64"], "b": []byte(Header + "\n// package q\npackage q\n")}); err == nil {
		t.Error("Join accepted records of two packages")
	}
}
