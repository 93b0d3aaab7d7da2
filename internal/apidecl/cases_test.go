package apidecl

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/exportdata"
	"github.com/rules-go-api/rules_go_api/internal/golist"
	"github.com/rules-go-api/rules_go_api/internal/testbin"
)

// TestCases prints the package p of each testdata/CASE (compiled by the go command, as module
// example.com/all) and wants testdata/CASE/want.decl, written by hand; then round-trips it like
// the fidelity tests. Each case gathers the corners of one subject; the comments in its p.go say
// what each declaration exercises.
func TestCases(t *testing.T) {
	mod := t.TempDir()
	files := map[string]string{"go.mod": "module example.com/all\n\ngo 1.24\n"}
	var cases []string
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel("testdata", path)
		if strings.HasSuffix(path, ".go") {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files[filepath.ToSlash(rel)] = string(data)
		}
		if filepath.Base(path) == "want.decl" {
			cases = append(cases, filepath.Dir(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no testdata/*/want.decl")
	}
	testbin.WriteTree(t, mod, files)
	pkgs, err := golist.List(golist.Config{Dir: mod}, []string{"./..."})
	if err != nil {
		t.Fatal(err)
	}
	exports := make(map[string]string)
	for _, p := range pkgs {
		if p.Error != nil {
			t.Fatalf("%s: %s", p.ImportPath, p.Error.Err)
		}
		exports[p.ImportPath] = p.Export
	}
	imp := exportdata.NewImporter(exports)
	for _, c := range cases {
		t.Run(c, func(t *testing.T) {
			real, err := imp.Import("example.com/all/" + c + "/p")
			if err != nil {
				t.Fatal(err)
			}
			got, err := Print(real)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join("testdata", c, "want.decl"))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("Print:\n%s\nwant:\n%s", got, want)
				if os.Getenv("APIDECL_GOT") != "" {
					os.WriteFile(filepath.Join(os.Getenv("APIDECL_GOT"), strings.ReplaceAll(c, "/", "_")+".decl"), got, 0o644)
				}
			}
			roundTrip(t, real, imp.Fset, nil, nil)
		})
	}
}
