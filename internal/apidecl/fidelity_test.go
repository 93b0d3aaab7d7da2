package apidecl

import (
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rules-go-api/rules_go_api/internal/exportdata"
	"github.com/rules-go-api/rules_go_api/internal/golist"
	"github.com/rules-go-api/rules_go_api/internal/pkgapi"
)

// roundTrip prints the real package, loads the record and returns the API lines (features and
// facts) of both, and the record.
func roundTrip(t *testing.T, real *types.Package, fset *token.FileSet, sizes types.Sizes) (want, got []string, rec []byte) {
	t.Helper()
	want = pkgapi.Package(fset, real, real.Path(), nil)
	rec, err := Print(real)
	if err != nil {
		t.Errorf("%s: %v", real.Path(), err)
		return want, nil, nil
	}
	lfset := token.NewFileSet()
	loaded, err := Load(lfset, rec, sizes)
	if err != nil {
		t.Errorf("%s: %v", real.Path(), err)
		return want, nil, rec
	}
	return want, pkgapi.Package(lfset, loaded, loaded.Path(), nil), rec
}

// diff returns the lines only in a and only in b.
func diff(a, b []string) (onlyA, onlyB []string) {
	for _, l := range a {
		if !slices.Contains(b, l) {
			onlyA = append(onlyA, l)
		}
	}
	for _, l := range b {
		if !slices.Contains(a, l) {
			onlyB = append(onlyB, l)
		}
	}
	return
}

func TestStdHost(t *testing.T) {
	pkgs, err := golist.List(golist.Config{}, []string{"std"})
	if err != nil {
		t.Fatal(err)
	}
	files := make(map[string]string)
	for _, p := range pkgs {
		if p.Export != "" {
			files[p.ImportPath] = p.Export
		}
	}
	imp := exportdata.NewImporter(files)
	var n, size, bad int
	var elapsed time.Duration
	for _, p := range pkgs {
		if !p.HasAPI() || p.Export == "" {
			continue
		}
		real, err := imp.Import(p.ImportPath)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		want, got, rec := roundTrip(t, real, imp.Fset, nil)
		elapsed += time.Since(start)
		n++
		size += len(rec)
		if got == nil {
			bad++
			continue
		}
		if !slices.Equal(want, got) {
			bad++
			a, b := diff(want, got)
			t.Errorf("%s: real only %d lines: %s\nrecord only %d: %s", p.ImportPath, len(a), strings.Join(first(a, 5), "\n  "), len(b), strings.Join(first(b, 5), "\n  "))
		}
	}
	t.Logf("%d packages, %d bad, record bytes %d, print+load+features %v", n, bad, size, elapsed)
}

func first(l []string, n int) []string {
	if len(l) > n {
		return l[:n]
	}
	return l
}
