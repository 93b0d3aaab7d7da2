package apidecl

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rules-go-api/rules_go_api/internal/clients"
	"github.com/rules-go-api/rules_go_api/internal/exportdata"
	"github.com/rules-go-api/rules_go_api/internal/features"
	"github.com/rules-go-api/rules_go_api/internal/golist"
	"github.com/rules-go-api/rules_go_api/internal/testbin"
)

// The fidelity tests are the point of the package: for real packages, imported from the
// compiler's export data (independent of this printer), the record must load into a package
// whose features and facts are the real package's, line for line.

// stats sums what a fidelity run measured.
type stats struct {
	packages int
	bytes    int
	print    time.Duration // in Print
	load     time.Duration // in Load
	records  map[string][]byte
	// clients, when set, also type-checks the clients internal/clients writes of each package
	// against the real package and against its record, both ways: none may pass one and fail
	// the other.
	clients                                    bool
	clientsWritten, clientsDropped, clientPkgs int
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
	printed := time.Now()
	lfset := token.NewFileSet()
	loaded, err := Load(lfset, rec, sizes)
	if st != nil {
		st.print += printed.Sub(start)
		st.load += time.Since(printed)
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
	want := featuresAndFacts(fset, real)
	got := featuresAndFacts(lfset, loaded)
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

// sameClients type-checks the clients of real's API (internal/clients: every exported
// declaration used in every way it writes) against real and against the record, and the
// record's clients against both: a client that compiles against one and not the other is a
// difference between the record and the package a user would see as a false break or a miss.
func sameClients(t *testing.T, real *types.Package, imp types.Importer, rec []byte, sizes types.Sizes, st *stats) {
	t.Helper()
	l, err := NewLoader(token.NewFileSet(), rec, sizes)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := l.Import(l.Root)
	if err != nil {
		t.Fatal(err)
	}
	realSide := clients.Side{Package: real, Importer: imp}
	recordSide := clients.Side{Package: loaded, Importer: l}
	for _, dir := range []struct {
		name     string
		from, to clients.Side
	}{{"the package's clients against the record", realSide, recordSide}, {"the record's clients against the package", recordSide, realSide}} {
		res, err := clients.Compare(dir.from, dir.to, sizes)
		if err != nil {
			t.Fatal(err)
		}
		st.clientsWritten += res.Clients
		st.clientsDropped += res.Discarded
		for _, b := range res.Breaks {
			t.Errorf("%s: %s %s %s: %s\n%s", dir.name, b.Object, b.Member, b.Class.Name, b.Error, b.Proof)
		}
	}
	st.clientPkgs++
}

// featuresAndFacts returns what featgen prints of pkg but its record (pkgapi.Package, which
// imports this package to print the record): its features and facts.
func featuresAndFacts(fset *token.FileSet, pkg *types.Package) []string {
	return append(features.Package(fset, pkg, nil), features.Facts(pkg)...)
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
			if st != nil && st.clients && rec != nil {
				sameClients(t, real, imp, rec, sizes, st)
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
			// The clients are compared in the first context: all four would double the test's time.
			st := &stats{records: make(map[string][]byte), clients: cfg.String() == cfgs[0].String()}
			roundTripListed(t, cfg, []string{"std"}, st)
			byContext[cfg.String()] = st.records
			t.Logf("%d packages; records %d bytes in all (largest %s); Print %v, Load %v",
				st.packages, st.bytes, largest(st.records), st.print.Round(time.Millisecond), st.load.Round(time.Millisecond))
			if st.clients {
				t.Logf("clients: %d packages, %d clients written both ways, %d of them dropped (not compiling against their own side)",
					st.clientPkgs, st.clientsWritten, st.clientsDropped)
			}
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

// catalogueModule writes one module holding both versions of every package of tests/catalogue,
// each class's version at CLASS/VERSION (its imports of example.com/cat/... rewritten to match),
// and returns its directory, the classes and the contexts each class names (default
// linux-amd64).
func catalogueModule(t *testing.T) (mod string, classes []string, contexts map[string][]string) {
	t.Helper()
	root := filepath.Join("..", "..", "tests", "catalogue", "testdata")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	mod = t.TempDir()
	files := map[string]string{"go.mod": "module example.com/all\n\ngo 1.23\n"}
	contexts = make(map[string][]string)
	for _, e := range entries {
		c := e.Name()
		classes = append(classes, c)
		contexts[c] = []string{"linux-amd64"}
		if data, err := os.ReadFile(filepath.Join(root, c, "contexts")); err == nil {
			contexts[c] = strings.Fields(string(data))
		}
		for _, version := range []string{"old", "new"} {
			dir := filepath.Join(root, c, version)
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
				files[filepath.ToSlash(filepath.Join(c, version, rel))] = catalogueImports(string(data), c, version)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	testbin.WriteTree(t, mod, files)
	return mod, classes, contexts
}

// catalogueImports rewrites the imports of example.com/cat/... to the version's place in the
// module of catalogueModule.
func catalogueImports(src, class, version string) string {
	return strings.ReplaceAll(src, `"example.com/cat/`, `"example.com/all/`+class+"/"+version+"/")
}

// TestCatalogue round-trips both versions of every package of tests/catalogue.
func TestCatalogue(t *testing.T) {
	mod, classes, contexts := catalogueModule(t)
	all := make(map[string]bool)
	for _, ctxs := range contexts {
		for _, ctx := range ctxs {
			all[ctx] = true
		}
	}
	for ctx := range all {
		goos, goarch, _ := strings.Cut(ctx, "-")
		t.Run(ctx, func(t *testing.T) {
			st := &stats{}
			roundTripListed(t, golist.Config{Dir: mod, GOOS: goos, GOARCH: goarch}, []string{"./..."}, st)
			if want := 2 * len(classes); st.packages < want {
				t.Errorf("%d packages checked, want at least %d (each class's old and new p)", st.packages, want)
			}
			t.Logf("%d packages; records %d bytes in all; Print %v, Load %v", st.packages, st.bytes, st.print.Round(time.Millisecond), st.load.Round(time.Millisecond))
		})
	}
}

// TestCatalogueClients is the fidelity test in the form the verdict will use the record: each
// client program of tests/catalogue is type-checked in process, with go/types, against each
// version of its class's packages twice: imported from the compiler's export data, and loaded
// from the record. It must get the same result (and the same first error) both ways, and the
// catalogue's truth (what go build says, TestGroundTruth): every client compiles against the
// old version, against the new one exactly those not named break*.go do.
func TestCatalogueClients(t *testing.T) {
	mod, classes, contexts := catalogueModule(t)
	type listing struct {
		files map[string]string
		sizes types.Sizes
	}
	listings := make(map[string]*listing)
	list := func(ctx string) *listing {
		if l := listings[ctx]; l != nil {
			return l
		}
		goos, goarch, _ := strings.Cut(ctx, "-")
		pkgs, err := golist.List(golist.Config{Dir: mod, GOOS: goos, GOARCH: goarch}, []string{"./...", "fmt"})
		if err != nil {
			t.Fatal(err)
		}
		l := &listing{files: make(map[string]string), sizes: types.SizesFor("gc", goarch)}
		for _, p := range pkgs {
			if p.Export != "" {
				l.files[p.ImportPath] = p.Export
			}
		}
		listings[ctx] = l
		return l
	}
	root := filepath.Join("..", "..", "tests", "catalogue", "testdata")
	checked := 0
	for _, c := range classes {
		clients, err := filepath.Glob(filepath.Join(root, c, "*.go"))
		if err != nil || len(clients) == 0 {
			t.Fatalf("%s: no clients", c)
		}
		l := list(contexts[c][0])
		for _, version := range []string{"old", "new"} {
			real := exportdata.NewImporter(l.files)
			p, err := real.Import("example.com/all/" + c + "/" + version + "/p")
			if err != nil {
				t.Fatal(err)
			}
			rec, err := Print(p)
			if err != nil {
				t.Fatalf("%s/%s: %v", c, version, err)
			}
			loader, err := NewLoader(token.NewFileSet(), rec, l.sizes)
			if err != nil {
				t.Fatal(err)
			}
			// A client may import packages the record does not hold (fmt): those come from
			// export data.
			fallback := exportdata.NewImporter(l.files)
			fromRecord := importerFunc(func(path string) (*types.Package, error) {
				if loader.Has(path) {
					return loader.Import(path)
				}
				return fallback.Import(path)
			})
			for _, client := range clients {
				data, err := os.ReadFile(client)
				if err != nil {
					t.Fatal(err)
				}
				src := catalogueImports(string(data), c, version)
				errReal := checkClient(t, src, real, l.sizes)
				errRecord := checkClient(t, src, fromRecord, l.sizes)
				name := c + "/" + filepath.Base(client) + " against " + version
				checked++
				// A declaration's position is the export data's or the record's.
				if declaredAt.ReplaceAllString(fmt.Sprint(errReal), "") != declaredAt.ReplaceAllString(fmt.Sprint(errRecord), "") {
					t.Errorf("%s: export data: %v; record: %v", name, errReal, errRecord)
				}
				wantFail := version == "new" && strings.HasPrefix(filepath.Base(client), "break")
				if (errRecord != nil) != wantFail {
					t.Errorf("%s: the record says %v, want failure %v (the catalogue's truth)", name, errRecord, wantFail)
				}
			}
		}
	}
	t.Logf("%d client checks, each against the export data and the record", checked)
}

var declaredAt = regexp.MustCompile(` \(declared at [^)]*\)`)

// checkClient type-checks one client file and returns its first error.
func checkClient(t *testing.T, src string, imp types.Importer, sizes types.Sizes) error {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "client.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: imp, Sizes: sizes}
	_, err = conf.Check("example.com/client", fset, []*ast.File{f}, nil)
	return err
}

// TestModules round-trips real modules written elsewhere: the ones this module requires, so
// that they are in the module cache (go.sum pins them) and the test needs no network. x/sys/unix
// is large and full of constants; gazelle and starlark are ordinary libraries.
func TestModules(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles several modules")
	}
	st := &stats{records: make(map[string][]byte), clients: true}
	roundTripListed(t, golist.Config{Dir: filepath.Join("..", "..")}, []string{
		"github.com/google/go-cmp/cmp/...",
		"golang.org/x/mod/...",
		"golang.org/x/sys/unix",
		"go.starlark.net/...",
		"github.com/bazelbuild/bazel-gazelle/...",
		"github.com/bazelbuild/buildtools/...",
	}, st)
	t.Logf("%d packages; records %d bytes in all (largest %s); Print %v, Load %v",
		st.packages, st.bytes, largest(st.records), st.print.Round(time.Millisecond), st.load.Round(time.Millisecond))
	t.Logf("clients: %d packages, %d clients written both ways, %d of them dropped (not compiling against their own side)",
		st.clientPkgs, st.clientsWritten, st.clientsDropped)
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
