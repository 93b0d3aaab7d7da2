package clients

import (
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// loadVersion type-checks one version (old or new) of a catalogue class's packages from source:
// p, and q beside it when there is one; std from source.
func loadVersion(t *testing.T, dir, goos string) (*types.Package, types.Importer) {
	t.Helper()
	fset := token.NewFileSet()
	std := importer.ForCompiler(fset, "source", nil)
	pkgs := make(map[string]*types.Package)
	var imp importerFunc
	load := func(path, dir string) *types.Package {
		if p := pkgs[path]; p != nil {
			return p
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		var asts []*ast.File
		ctx := build.Default
		ctx.GOOS = goos
		for _, name := range files {
			if ok, err := ctx.MatchFile(filepath.Dir(name), filepath.Base(name)); err != nil || !ok {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			asts = append(asts, f)
		}
		conf := types.Config{Importer: imp}
		p, err := conf.Check(path, fset, asts, nil)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		pkgs[path] = p
		return p
	}
	imp = func(path string) (*types.Package, error) {
		if rest, ok := strings.CutPrefix(path, "example.com/cat/"); ok {
			if rest == "p" {
				return load(path, dir), nil
			}
			if _, err := os.Stat(filepath.Join(dir, rest)); err != nil {
				return nil, err // not in this version
			}
			return load(path, filepath.Join(dir, rest)), nil
		}
		return std.Import(path)
	}
	p, err := imp("example.com/cat/p")
	if err != nil {
		t.Fatal(err)
	}
	return p, imp
}

// TestCatalogue compares each class of tests/catalogue: a breaking class must have a break, the
// others none.
func TestCatalogue(t *testing.T) {
	root := filepath.Join("..", "..", "tests", "catalogue", "testdata")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		dir := filepath.Join(root, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			verdict, _ := os.ReadFile(filepath.Join(dir, "verdict"))
			goos := "linux"
			if data, err := os.ReadFile(filepath.Join(dir, "contexts")); err == nil {
				goos, _, _ = strings.Cut(strings.Fields(string(data))[0], "-")
			}
			oldPkg, oldImp := loadVersion(t, filepath.Join(dir, "old"), goos)
			newPkg, newImp := loadVersion(t, filepath.Join(dir, "new"), goos)
			res, err := Compare(Side{oldPkg, oldImp}, Side{newPkg, newImp}, nil)
			if err != nil {
				t.Fatal(err)
			}
			breaking := strings.TrimSpace(string(verdict)) == "breaking"
			for _, b := range res.Breaks {
				t.Logf("%s %s %s: %s\n%s", b.Object, b.Member, b.Class.Name, b.Error, b.Proof)
			}
			t.Logf("clients %d, discarded %d, unjudged %d", res.Clients, res.Discarded, res.Unjudged)
			if breaking && len(res.Breaks) == 0 {
				t.Errorf("breaking, but no client breaks")
			}
			if !breaking && len(res.Breaks) > 0 {
				t.Errorf("%s, but %d clients break", verdict, len(res.Breaks))
			}
		})
	}
}
