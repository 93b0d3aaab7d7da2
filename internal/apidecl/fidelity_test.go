package apidecl

import (
	"fmt"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rules-go-api/rules_go_api/internal/exportdata"
	"github.com/rules-go-api/rules_go_api/internal/golist"
	"github.com/rules-go-api/rules_go_api/internal/pkgapi"
	"github.com/rules-go-api/rules_go_api/internal/testbin"
)

// The fidelity tests are the point of the package: for real packages, imported from the
// compiler's export data (independent of this printer), the record must load into a package
// whose features and facts are the real package's, line for line.

// stats sums what a fidelity run measured.
type stats struct {
	packages int
	bytes    int
	elapsed  time.Duration // Print and Load
	records  map[string][]byte
}

// roundTrip prints real, loads the record and wants the same API lines (features and facts, as
// featgen prints them). It returns the record.
func roundTrip(t *testing.T, real *types.Package, fset *token.FileSet, sizes types.Sizes, st *stats) []byte {
	t.Helper()
	start := time.Now()
	rec, err := Print(real)
	if err != nil {
		t.Errorf("Print: %v", err)
		return nil
	}
	lfset := token.NewFileSet()
	loaded, err := Load(lfset, rec, sizes)
	if st != nil {
		st.elapsed += time.Since(start)
		st.packages++
		st.bytes += len(rec)
	}
	if err != nil {
		t.Errorf("Load: %v", err)
		return rec
	}
	if loaded.Path() != real.Path() || loaded.Name() != real.Name() {
		t.Errorf("loaded package %s %q, want %s %q", loaded.Name(), loaded.Path(), real.Name(), real.Path())
	}
	want := pkgapi.Package(fset, real, real.Path(), nil)
	got := pkgapi.Package(lfset, loaded, loaded.Path(), nil)
	if !slices.Equal(want, got) {
		onlyReal, onlyRecord := difference(want, got)
		t.Errorf("%s: the record's API differs from the package's\nonly the package's (%d):\n\t%s\nonly the record's (%d):\n\t%s",
			real.Path(), len(onlyReal), strings.Join(onlyReal, "\n\t"), len(onlyRecord), strings.Join(onlyRecord, "\n\t"))
	}
	wantDeep, gotDeep := deep(real), deep(loaded)
	if !slices.Equal(wantDeep, gotDeep) {
		onlyReal, onlyRecord := difference(wantDeep, gotDeep)
		t.Errorf("%s: the record's declarations differ from the package's\nonly the package's (%d):\n\t%s\nonly the record's (%d):\n\t%s",
			real.Path(), len(onlyReal), strings.Join(first(onlyReal, 10), "\n\t"), len(onlyRecord), strings.Join(first(onlyRecord, 10), "\n\t"))
	}
	return rec
}

func first(l []string, n int) []string {
	if len(l) > n {
		return l[:n]
	}
	return l
}

// difference returns the lines only in a and only in b (both sorted).
func difference(a, b []string) (onlyA, onlyB []string) {
	for _, l := range a {
		if _, ok := slices.BinarySearch(b, l); !ok {
			onlyA = append(onlyA, l)
		}
	}
	for _, l := range b {
		if _, ok := slices.BinarySearch(a, l); !ok {
			onlyB = append(onlyB, l)
		}
	}
	return onlyA, onlyB
}

// roundTripListed round-trips every package with an API that go list lists for cfg.
func roundTripListed(t *testing.T, cfg golist.Config, patterns []string, st *stats) {
	t.Helper()
	pkgs, err := golist.List(cfg, patterns)
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
	goarch := cfg.GOARCH
	if goarch == "" {
		goarch = runtime.GOARCH
	}
	sizes := types.SizesFor("gc", goarch)
	n := 0
	for _, p := range pkgs {
		if !p.HasAPI() || p.Export == "" {
			continue
		}
		real, err := imp.Import(p.ImportPath)
		if err != nil {
			t.Fatal(err)
		}
		if real.Name() == "main" {
			continue
		}
		n++
		t.Run(p.ImportPath, func(t *testing.T) {
			rec := roundTrip(t, real, imp.Fset, sizes, st)
			if st != nil && st.records != nil {
				st.records[p.ImportPath] = rec
			}
		})
	}
	if n == 0 {
		t.Fatalf("%s: no package to check", cfg)
	}
}

// TestStd round-trips all of std in the four contexts of featgen's std oracle test (their
// export data is usually in the build cache already).
func TestStd(t *testing.T) {
	if testing.Short() {
		t.Skip("lists std in four contexts")
	}
	cfgs := []golist.Config{
		{GOOS: "linux", GOARCH: "amd64"},
		{GOOS: "windows", GOARCH: "amd64"},
		{GOOS: "darwin", GOARCH: "arm64"},
		{GOOS: "linux", GOARCH: "amd64", Cgo: true},
	}
	byContext := make(map[string]map[string][]byte)
	for _, cfg := range cfgs {
		t.Run(cfg.String(), func(t *testing.T) {
			if cfg.Cgo && (runtime.GOOS != cfg.GOOS || runtime.GOARCH != cfg.GOARCH) {
				t.Fatalf("context %s needs a native C toolchain; run this test on %s/%s", cfg, cfg.GOOS, cfg.GOARCH)
			}
			st := &stats{records: make(map[string][]byte)}
			roundTripListed(t, cfg, []string{"std"}, st)
			byContext[cfg.String()] = st.records
			t.Logf("%d packages; records %d bytes in all (largest %s); Print+Load %v",
				st.packages, st.bytes, largest(st.records), st.elapsed.Round(time.Millisecond))
		})
	}
	// The four contexts in one file per package, as featgen -contexts would write it.
	joined := 0
	for path := range byContext[cfgs[0].String()] {
		recs := make(map[string][]byte)
		for ctx, m := range byContext {
			if r, ok := m[path]; ok {
				recs[ctx] = r
			}
		}
		file, err := Join(recs)
		if err != nil {
			t.Fatal(err)
		}
		joined += len(file)
		back, err := Split(file)
		if err != nil {
			t.Fatal(err)
		}
		for ctx, r := range recs {
			if string(back[ctx]) != string(r) {
				t.Errorf("%s: Split(Join(records))[%s] is not the record", path, ctx)
			}
		}
	}
	t.Logf("four contexts joined: %d bytes for the packages of %s", joined, cfgs[0])
}

func largest(records map[string][]byte) string {
	var name string
	for p, r := range records {
		if len(r) > len(records[name]) || len(r) == len(records[name]) && p < name {
			name = p
		}
	}
	return fmt.Sprintf("%s, %d bytes", name, len(records[name]))
}

// TestCatalogue round-trips both versions of every package of tests/catalogue: one module
// holds them all, each class's version at CLASS/VERSION (its imports of example.com/cat/...
// rewritten to match).
func TestCatalogue(t *testing.T) {
	root := filepath.Join("..", "..", "tests", "catalogue", "testdata")
	classes, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	mod := t.TempDir()
	files := map[string]string{"go.mod": "module example.com/all\n\ngo 1.23\n"}
	contexts := map[string]bool{"linux-amd64": true}
	for _, c := range classes {
		if data, err := os.ReadFile(filepath.Join(root, c.Name(), "contexts")); err == nil {
			for _, ctx := range strings.Fields(string(data)) {
				contexts[ctx] = true
			}
		}
		for _, version := range []string{"old", "new"} {
			dir := filepath.Join(root, c.Name(), version)
			err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
					return err
				}
				rel, _ := filepath.Rel(dir, path)
				if filepath.Dir(rel) == "." {
					rel = filepath.Join("p", rel)
				}
				data, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				src := strings.ReplaceAll(string(data), `"example.com/cat/`, `"example.com/all/`+c.Name()+"/"+version+"/")
				files[filepath.ToSlash(filepath.Join(c.Name(), version, rel))] = src
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	testbin.WriteTree(t, mod, files)
	for ctx := range contexts {
		goos, goarch, _ := strings.Cut(ctx, "-")
		t.Run(ctx, func(t *testing.T) {
			st := &stats{}
			roundTripListed(t, golist.Config{Dir: mod, GOOS: goos, GOARCH: goarch}, []string{"./..."}, st)
			if want := 2 * len(classes); st.packages < want {
				t.Errorf("%d packages checked, want at least %d (each class's old and new p)", st.packages, want)
			}
			t.Logf("%d packages; records %d bytes in all; Print+Load %v", st.packages, st.bytes, st.elapsed.Round(time.Millisecond))
		})
	}
}

// TestModules round-trips real modules written elsewhere: the ones this module requires, so
// that they are in the module cache (go.sum pins them) and the test needs no network. x/sys/unix
// is large and full of constants; gazelle and starlark are ordinary libraries.
func TestModules(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles several modules")
	}
	st := &stats{records: make(map[string][]byte)}
	roundTripListed(t, golist.Config{Dir: filepath.Join("..", "..")}, []string{
		"github.com/google/go-cmp/cmp/...",
		"golang.org/x/mod/...",
		"golang.org/x/sys/unix",
		"go.starlark.net/...",
		"github.com/bazelbuild/bazel-gazelle/...",
		"github.com/bazelbuild/buildtools/...",
	}, st)
	t.Logf("%d packages; records %d bytes in all (largest %s); Print+Load %v",
		st.packages, st.bytes, largest(st.records), st.elapsed.Round(time.Millisecond))
}

// TestDeterministic prints packages imported by two importers that read the export data in
// opposite orders (so that their objects are created in different orders): the records must be
// the same bytes.
func TestDeterministic(t *testing.T) {
	pkgs, err := golist.List(golist.Config{}, []string{"net/http", "go/types", "crypto/tls", "os"})
	if err != nil {
		t.Fatal(err)
	}
	files := make(map[string]string)
	var paths []string
	for _, p := range pkgs {
		if p.Export != "" {
			files[p.ImportPath] = p.Export
			paths = append(paths, p.ImportPath) // dependencies too, internal ones included
		}
	}
	printAll := func(order []string) map[string]string {
		imp := exportdata.NewImporter(files)
		out := make(map[string]string)
		for _, path := range order {
			pkg, err := imp.Import(path)
			if err != nil {
				t.Fatal(err)
			}
			rec, err := Print(pkg)
			if err != nil {
				t.Fatal(err)
			}
			out[path] = string(rec)
		}
		return out
	}
	forward := printAll(paths)
	reversed := slices.Clone(paths)
	slices.Reverse(reversed)
	backward := printAll(reversed)
	for _, path := range paths {
		if forward[path] != backward[path] {
			t.Errorf("%s: the record depends on the order of imports", path)
		}
	}
}
