// Package xexp is a second truth set for the compatibility verdict, independent of
// tests/catalogue: the test cases of golang.org/x/exp/apidiff (its apidiff/testdata/*.go, at the
// pinned version xexpVersion, downloaded at test time with `go mod download`; none of its files
// are checked in), judged again by compiling client programs.
//
// Each x/exp test file is one case: its lines go to an old and a new version of a package p
// following its "// old", "// new" and "// both" comments, and its "// i MSG" and "// c MSG"
// comments are the messages x/exp expects (incompatible, compatible). Here each case's package is
// example.com/xexp/<case>.
//
// testdata/truth.txt holds, for every exported top-level object of each case (those of the old
// version and of the new), whether the change to it is breaking, compatible (the API grew) or
// none. An object's change is what changes in its own API: its kind and its type as spelled, the
// unexported types it reaches (clients cannot name them, so their changes belong to every
// exported object that reaches them), and for a type its method set and selectable fields,
// promoted ones included. An exported type named in another object's declaration is its own
// object: F10(S) does not change when S does. When two objects named one type and no longer do
// (or the reverse), the break is the one whose declaration changed. A breaking object has a client
// program, testdata/clients/<case>.<object>.go, that compiles against the old version and not
// against the new; a compatible or none verdict says no such client could be written for a
// reasonable use under Go's compatibility rules (unkeyed struct literals and embedding conflicts do
// not count). Where x/exp's own marks disagree, the compiled truth decides; testdata/
// disagreements.txt lists each disagreement. testdata/excluded.txt lists the cases not judged (the
// installed Go cannot compile them).
//
// TestTruth keeps the truth honest: the objects are exactly the cases' exported objects, every
// client compiles against the old version and fails against the new. TestXExpDisagreements
// recomputes x/exp's verdict per object from its marks and wants disagreements.txt to list exactly
// the objects where it differs from the truth. TestXExpVerdict measures featgen and apidiff on
// every case: the verdict they report per object against the truth, and every proof they print,
// compiled against both versions.
package xexp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/rules-go-api/rules_go_api/internal/apiformat"
	"github.com/rules-go-api/rules_go_api/internal/report"
	"github.com/rules-go-api/rules_go_api/internal/testbin"
)

// The x/exp version whose apidiff test cases are judged, and the module path the cases' packages
// and the programs compiled against them share.
const (
	xexpModule  = "golang.org/x/exp"
	xexpVersion = "v0.0.0-20261113113407-e3970619a1a4"
	modPath     = "example.com/xexp"
)

// rightFloor is the measured floor of TestXExpVerdict: the number of objects (of 139) whose
// reported verdict equals the truth, as measured with internal/clients deciding breaks and
// compiling the other way deciding compatible and none: all of them. On main at 01f2afb, with
// the rules deciding, it was 115 (16 false positives, 8 misses). The test fails below it.
const rightFloor = 139

func TestMain(m *testing.M) { os.Exit(testbin.Main(m)) }

// xcase is one x/exp test file: the two versions of its package and its expected messages.
type xcase struct {
	name     string
	old, new []byte
	marks    []mark
}

// mark is one "// i MSG" (incompatible) or "// c MSG" (compatible) comment of a test file.
type mark struct {
	compatible bool
	text       string
}

var (
	testdataOnce sync.Once
	testdataDir  string
	testdataErr  error
)

// xexpTestdata returns x/exp's apidiff/testdata directory in the module cache, downloading the
// pinned version when it is not there.
func xexpTestdata(t *testing.T) string {
	t.Helper()
	testdataOnce.Do(func() {
		cmd := exec.Command("go", "mod", "download", "-json", xexpModule+"@"+xexpVersion)
		cmd.Dir = os.TempDir() // outside any module: nothing of ours is touched
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
		out, err := cmd.Output()
		var info struct{ Dir, Error string }
		if jerr := json.Unmarshal(out, &info); jerr == nil && info.Error != "" {
			err = fmt.Errorf("%s", info.Error)
		}
		if err == nil && info.Dir == "" {
			err = fmt.Errorf("no Dir in its output")
		}
		if err != nil {
			testdataErr = fmt.Errorf("cannot get %s@%s (its apidiff test cases are this test's input; get it with `go mod download %[1]s@%[2]s`, which needs the Go module proxy or a module cache that holds it): %v",
				xexpModule, xexpVersion, err)
			return
		}
		testdataDir = filepath.Join(info.Dir, "apidiff", "testdata")
	})
	if testdataErr != nil {
		t.Fatal(testdataErr)
	}
	return testdataDir
}

// loadCases splits every x/exp test file into its case, sorted by name.
func loadCases(t *testing.T) []xcase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(xexpTestdata(t), "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files in %s (%v)", xexpTestdata(t), err)
	}
	var cases []xcase
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c := split(data)
		c.name = strings.TrimSuffix(filepath.Base(f), ".go")
		cases = append(cases, c)
	}
	return cases
}

// split writes each line of an x/exp test file to the old version, the new or both, as its last
// "// old", "// new" or "// both" comment says (both at the start), and collects its marks, as
// x/exp's apidiff_test.go (splitIntoPackages) does.
func split(data []byte) xcase {
	var c xcase
	var old, new bytes.Buffer
	toOld, toNew := true, true
	s := bufio.NewScanner(bytes.NewReader(data))
	for s.Scan() {
		line := s.Text()
		switch tl := strings.TrimSpace(line); {
		case tl == "// old":
			toOld, toNew = true, false
		case tl == "// new":
			toOld, toNew = false, true
		case tl == "// both":
			toOld, toNew = true, true
		case strings.HasPrefix(tl, "// i "), strings.HasPrefix(tl, "// c "):
			c.marks = append(c.marks, mark{compatible: tl[3] == 'c', text: strings.TrimSpace(tl[4:])})
		default:
			if toOld {
				old.WriteString(line + "\n")
			}
			if toNew {
				new.WriteString(line + "\n")
			}
		}
	}
	c.old, c.new = old.Bytes(), new.Bytes()
	return c
}

func (c xcase) version(v string) []byte {
	if v == "old" {
		return c.old
	}
	return c.new
}

// lineFields reads a testdata file of lines of fields ("#" lines and blank lines skipped), and
// wants them sorted.
func lineFields(t *testing.T, name string) [][]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]string
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		lines = append(lines, l)
		rows = append(rows, strings.Fields(l))
	}
	if !slices.IsSorted(lines) {
		t.Errorf("testdata/%s is not sorted", name)
	}
	return rows
}

// excluded returns the cases not judged (testdata/excluded.txt: "<case> <reason>"), with their
// reasons.
func excluded(t *testing.T) map[string]string {
	t.Helper()
	ex := make(map[string]string)
	for _, f := range lineFields(t, "excluded.txt") {
		ex[f[0]] = strings.Join(f[1:], " ")
	}
	return ex
}

// judged returns the cases that are not excluded.
func judged(t *testing.T) []xcase {
	t.Helper()
	ex := excluded(t)
	var cs []xcase
	for _, c := range loadCases(t) {
		if reason, ok := ex[c.name]; ok {
			t.Logf("case %s not judged: %s", c.name, reason)
			continue
		}
		cs = append(cs, c)
	}
	return cs
}

// key names an object of a case.
type key struct{ cas, object string }

func (k key) String() string { return k.cas + "." + k.object }

var rank = map[string]int{"none": 0, "compatible": 1, "breaking": 2}

// readTruth reads testdata/truth.txt.
func readTruth(t *testing.T) map[key]string {
	t.Helper()
	truth := make(map[key]string)
	for _, f := range lineFields(t, "truth.txt") {
		if len(f) != 3 {
			t.Fatalf("truth.txt: %q is not <case> <object> <verdict>", strings.Join(f, " "))
		}
		if _, ok := rank[f[2]]; !ok {
			t.Fatalf("truth.txt: %q: verdict %q, want breaking, compatible or none", strings.Join(f, " "), f[2])
		}
		k := key{f[0], f[1]}
		if _, dup := truth[k]; dup {
			t.Fatalf("truth.txt: %s twice", k)
		}
		truth[k] = f[2]
	}
	return truth
}

// exportedObjects returns the exported top-level names declared by a version of a case.
func exportedObjects(t *testing.T, src []byte) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	add := func(id *ast.Ident) {
		if id.IsExported() {
			names = append(names, id.Name)
		}
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				add(d.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					add(s.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						add(n)
					}
				}
			}
		}
	}
	return names
}

// program is a package main compiled against a version of the cases: dir names it under c/.
type program struct{ dir, src string }

// buildAll writes module example.com/xexp holding the version (old or new) of each case as
// package example.com/xexp/<case> and each program as example.com/xexp/c/<dir>, builds it all
// for linux-amd64 with one go command, and returns the packages that failed (relative to the
// module: "<case>" or "c/<dir>") with the compiler's messages.
func buildAll(t *testing.T, cases []xcase, version string, progs []program) map[string]string {
	t.Helper()
	mod := t.TempDir()
	files := map[string]string{"go.mod": "module " + modPath + "\n\ngo 1.24\n"}
	for _, c := range cases {
		files[c.name+"/p.go"] = string(c.version(version))
	}
	for _, p := range progs {
		files["c/"+p.dir+"/main.go"] = p.src
	}
	testbin.WriteTree(t, mod, files)
	cmd := exec.Command("go", "build", "./...")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOOS=linux", "GOARCH=amd64", "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	failed := make(map[string]string)
	cur := ""
	for _, l := range strings.SplitAfter(string(out), "\n") {
		if pkg, ok := strings.CutPrefix(strings.TrimSpace(l), "# "+modPath+"/"); ok {
			cur = pkg
			failed[cur] += ""
			continue
		}
		if cur != "" {
			failed[cur] += l
		}
	}
	if err != nil && len(failed) == 0 {
		t.Fatalf("go build ./... (%s) did not run: %v\n%s", version, err, out)
	}
	return failed
}

func clientPrograms(t *testing.T) map[key]program {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "clients", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	clients := make(map[key]program)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".go")
		cas, obj, ok := strings.Cut(name, ".")
		if !ok {
			t.Fatalf("%s: not named <case>.<object>.go", f)
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		clients[key{cas, obj}] = program{dir: name, src: string(data)}
	}
	return clients
}

// TestTruth checks testdata/truth.txt and the clients: the objects are the exported top-level
// objects of each judged case, each breaking object has a client and each client is of a breaking
// object, and each client compiles against the old version and fails against the new. An excluded
// case must still fail to compile (else it is to be judged).
func TestTruth(t *testing.T) {
	all := loadCases(t)
	ex := excluded(t)
	truth := readTruth(t)
	clients := clientPrograms(t)
	var cases []xcase
	want := make(map[key]bool)
	for _, c := range all {
		if _, ok := ex[c.name]; ok {
			continue
		}
		cases = append(cases, c)
		for _, v := range []string{"old", "new"} {
			for _, o := range exportedObjects(t, c.version(v)) {
				want[key{c.name, o}] = true
			}
		}
	}
	for k := range want {
		if _, ok := truth[k]; !ok {
			t.Errorf("truth.txt has no verdict for %s", k)
		}
	}
	for k, v := range truth {
		if !want[k] {
			t.Errorf("truth.txt: %s is not an exported object of a judged case", k)
		}
		if _, ok := clients[k]; v == "breaking" && !ok {
			t.Errorf("%s is breaking but has no client (testdata/clients/%s.go)", k, k)
		}
	}
	var progs []program
	for k, p := range clients {
		if truth[k] != "breaking" {
			t.Errorf("testdata/clients/%s.go: a client of %s, which truth.txt does not call breaking", p.dir, k)
		}
		progs = append(progs, p)
	}
	sort.Slice(progs, func(i, j int) bool { return progs[i].dir < progs[j].dir })
	for c := range ex {
		if !slices.ContainsFunc(all, func(x xcase) bool { return x.name == c }) {
			t.Errorf("excluded.txt: no case %s", c)
		}
	}

	failedOld := buildAll(t, all, "old", progs)
	failedNew := buildAll(t, all, "new", progs)
	for _, c := range all {
		_, oldFails := failedOld[c.name]
		_, newFails := failedNew[c.name]
		if _, isEx := ex[c.name]; isEx {
			if !oldFails && !newFails {
				t.Errorf("case %s, excluded, now compiles: judge it and remove it from excluded.txt", c.name)
			}
			continue
		}
		if oldFails || newFails {
			t.Fatalf("case %s does not compile:\n%s%s", c.name, failedOld[c.name], failedNew[c.name])
		}
	}
	for _, p := range progs {
		if msg, ok := failedOld["c/"+p.dir]; ok {
			t.Errorf("testdata/clients/%s.go does not compile against the old version:\n%s", p.dir, msg)
		}
		if _, ok := failedNew["c/"+p.dir]; !ok {
			t.Errorf("testdata/clients/%s.go compiles against the new version", p.dir)
		}
	}
	t.Logf("%d cases (%d excluded), %d objects, %d clients", len(all), len(ex), len(truth), len(clients))
}

// typed type-checks a version of a case.
func typed(t *testing.T, c xcase, version string) *types.Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", c.version(version), 0)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check(modPath+"/"+c.name, fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatalf("%s (%s): %v", c.name, version, err)
	}
	return pkg
}

// exposers returns the exported objects of pkg that reach its unexported type name: through
// their types, and for types through their underlying types and exported methods, but not
// through other exported types of pkg (those are objects of their own).
func exposers(pkg *types.Package, name string) []string {
	target, ok := pkg.Scope().Lookup(name).(*types.TypeName)
	if !ok {
		return nil
	}
	var out []string
	for _, n := range pkg.Scope().Names() {
		obj := pkg.Scope().Lookup(n)
		if !obj.Exported() {
			continue
		}
		w := walker{target: target, root: obj, seen: make(map[types.Type]bool)}
		if w.reaches(obj.Type()) {
			out = append(out, n)
		}
	}
	return out
}

type walker struct {
	target *types.TypeName
	root   types.Object
	seen   map[types.Type]bool
}

func (w *walker) reaches(t types.Type) bool {
	if t == nil || w.seen[t] {
		return false
	}
	w.seen[t] = true
	// An exported type of the package other than the object itself is an object of its own.
	own := func(obj *types.TypeName) bool {
		return obj != w.root && obj.Exported() && obj.Pkg() == w.target.Pkg()
	}
	switch t := t.(type) {
	case *types.Alias:
		if t.Obj() == w.target {
			return true
		}
		if own(t.Obj()) {
			return false
		}
		return w.reaches(t.Rhs())
	case *types.Named:
		if t.Obj() == w.target || t.Origin().Obj() == w.target {
			return true
		}
		for i := range t.TypeArgs().Len() {
			if w.reaches(t.TypeArgs().At(i)) {
				return true
			}
		}
		if own(t.Obj()) || t.Obj().Pkg() != w.target.Pkg() {
			return false
		}
		for i := range t.NumMethods() {
			if m := t.Method(i); m.Exported() && w.reaches(m.Type()) {
				return true
			}
		}
		return w.reaches(t.Underlying())
	case *types.Pointer:
		return w.reaches(t.Elem())
	case *types.Slice:
		return w.reaches(t.Elem())
	case *types.Array:
		return w.reaches(t.Elem())
	case *types.Chan:
		return w.reaches(t.Elem())
	case *types.Map:
		return w.reaches(t.Key()) || w.reaches(t.Elem())
	case *types.Signature:
		return w.reaches(t.Params()) || w.reaches(t.Results())
	case *types.Tuple:
		for i := range t.Len() {
			if w.reaches(t.At(i).Type()) {
				return true
			}
		}
	case *types.Struct:
		for i := range t.NumFields() {
			if w.reaches(t.Field(i).Type()) {
				return true
			}
		}
	case *types.Interface:
		for i := range t.NumMethods() {
			if m := t.Method(i); m.Exported() && w.reaches(m.Type()) {
				return true
			}
		}
	}
	return false
}

// attributor maps a name a change is about to the objects of the case it is a change of: an
// exported object to itself, an unexported type to the exported objects that reach it (in the
// old version or the new).
type attributor struct {
	objects  map[string]bool
	old, new *types.Package
}

func newAttributor(t *testing.T, c xcase) *attributor {
	a := &attributor{objects: make(map[string]bool), old: typed(t, c, "old"), new: typed(t, c, "new")}
	for _, v := range []string{"old", "new"} {
		for _, o := range exportedObjects(t, c.version(v)) {
			a.objects[o] = true
		}
	}
	return a
}

func (a *attributor) objectsOf(name string) []string {
	if a.objects[name] {
		return []string{name}
	}
	var out []string
	for _, pkg := range []*types.Package{a.old, a.new} {
		for _, o := range exposers(pkg, name) {
			if !slices.Contains(out, o) {
				out = append(out, o)
			}
		}
	}
	return out
}

// markName returns the name an x/exp message is about: "(*SM).P2: removed" is about SM,
// "GR[R].M2: ..." about GR, "Ch1, element type: ..." about Ch1.
func markName(text string) string {
	s := strings.TrimLeft(text, "(*")
	if i := strings.IndexAny(s, ".,:[) "); i >= 0 {
		s = s[:i]
	}
	return s
}

// xexpVerdicts returns x/exp's verdict for each object of a case, from its marks: breaking for an
// incompatible message about it, compatible for a compatible one.
func xexpVerdicts(t *testing.T, c xcase) map[string]string {
	a := newAttributor(t, c)
	v := make(map[string]string)
	for o := range a.objects {
		v[o] = "none"
	}
	for _, m := range c.marks {
		verdict := "breaking"
		if m.compatible {
			verdict = "compatible"
		}
		objs := a.objectsOf(markName(m.text))
		if len(objs) == 0 {
			t.Logf("%s: x/exp's %q is about no exported object", c.name, m.text)
		}
		for _, o := range objs {
			if rank[verdict] > rank[v[o]] {
				v[o] = verdict
			}
		}
	}
	return v
}

// TestXExpDisagreements wants testdata/disagreements.txt ("<case> <object> <x/exp's verdict>
// <truth> <why>") to list exactly the objects whose verdict from x/exp's marks differs from the
// truth.
func TestXExpDisagreements(t *testing.T) {
	truth := readTruth(t)
	listed := make(map[key][2]string)
	for _, f := range lineFields(t, "disagreements.txt") {
		if len(f) < 5 {
			t.Fatalf("disagreements.txt: %q is not <case> <object> <x/exp verdict> <truth> <why>", strings.Join(f, " "))
		}
		listed[key{f[0], f[1]}] = [2]string{f[2], f[3]}
	}
	for _, c := range judged(t) {
		for o, xv := range xexpVerdicts(t, c) {
			k := key{c.name, o}
			l, isListed := listed[k]
			delete(listed, k)
			switch {
			case xv == truth[k] && isListed:
				t.Errorf("disagreements.txt lists %s, but x/exp's marks say %s as the truth does", k, xv)
			case xv != truth[k] && !isListed:
				t.Errorf("x/exp's marks say %s is %s, the truth %s: list it in disagreements.txt", k, xv, truth[k])
			case isListed && l != [2]string{xv, truth[k]}:
				t.Errorf("disagreements.txt: %s: %s %s, but x/exp's marks say %s and the truth %s", k, l[0], l[1], xv, truth[k])
			}
		}
	}
	for k := range listed {
		t.Errorf("disagreements.txt lists %s, which is no object of a judged case", k)
	}
}

// outcome is what featgen and apidiff report for a case.
type outcome struct {
	changes []report.Finding
	objects [][]string // the objects each change is attributed to
	done    bool       // false when the case's check failed
}

// lineNames returns the names a finding's feature lines are about: "pkg p, func F(int)" is about
// F, "pkg p, method (*T) M()" and "pkg p, type T struct, X int" about T.
func lineNames(f report.Finding) []string {
	var names []string
	for _, l := range f.Lines {
		if len(l) < 2 {
			continue
		}
		_, _, decl, ok := apiformat.Split(l[1:])
		if !ok {
			continue
		}
		for _, prefix := range []string{"unexported, ", "alias, "} {
			decl = strings.TrimPrefix(decl, prefix)
		}
		kind, rest, _ := strings.Cut(decl, " ")
		var name string
		switch kind {
		case "method":
			rest = strings.TrimLeft(rest, "(*")
			if i := strings.IndexAny(rest, ")[ "); i >= 0 {
				name = rest[:i]
			}
		case "func", "var", "const", "type":
			name = rest
			if i := strings.IndexAny(rest, " ([,"); i >= 0 {
				name = rest[:i]
			}
		}
		if name != "" && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names
}

// TestXExpVerdict checks each judged case with featgen and apidiff as tests/catalogue does,
// attributes the reported changes to objects, and compares each object's reported verdict (the
// greatest of its changes', none without one) with the truth. It compiles every printed proof
// against both versions. It fails on a false proof (one that does not compile against the old
// version, or still compiles against the new) and when fewer objects than rightFloor are right.
func TestXExpVerdict(t *testing.T) {
	featgen, err := testbin.Build("github.com/rules-go-api/rules_go_api/tools/featgen")
	if err != nil {
		t.Fatal(err)
	}
	apidiff, err := testbin.Build("github.com/rules-go-api/rules_go_api/tools/apidiff")
	if err != nil {
		t.Fatal(err)
	}
	cases := judged(t)
	truth := readTruth(t)
	outcomes := make([]outcome, len(cases))
	t.Run("cases", func(t *testing.T) {
		for i, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				outcomes[i] = check(t, c, featgen, apidiff)
			})
		}
	})

	// The proofs, compiled in one build per version.
	type proofRef struct {
		cas   string
		index int
	}
	var progs []program
	var refs []proofRef
	for i, c := range cases {
		for j, ch := range outcomes[i].changes {
			if ch.Verdict == "breaking" && ch.Proof != "" {
				progs = append(progs, program{dir: fmt.Sprintf("proof.%s.%d", c.name, j), src: ch.Proof})
				refs = append(refs, proofRef{c.name, j})
			}
		}
	}
	falseProofs := 0
	if len(progs) > 0 {
		failedOld := buildAll(t, cases, "old", progs)
		failedNew := buildAll(t, cases, "new", progs)
		for i, p := range progs {
			msgOld, oldFails := failedOld["c/"+p.dir]
			_, newFails := failedNew["c/"+p.dir]
			if oldFails || !newFails {
				falseProofs++
				ch := outcomes[slices.IndexFunc(cases, func(c xcase) bool { return c.name == refs[i].cas })].changes[refs[i].index]
				t.Errorf("FALSE proof of %s %s (%s): compiles against old: %v, against new: %v\n%s\n%s",
					refs[i].cas, ch.Class, strings.Join(ch.Lines, " "), !oldFails, !newFails, p.src, msgOld)
			}
		}
	}

	// Per object: the reported verdict against the truth.
	var b strings.Builder
	fmt.Fprintf(&b, "%-16s %-22s %-10s %-10s %s\n", "case", "object", "truth", "reported", "")
	var objects, breaking, right, falsePos, misses, otherWrong, unproven, changes, unattributed int
	unprovenClasses := make(map[string]int)
	for i, c := range cases {
		o := outcomes[i]
		if !o.done {
			continue
		}
		reported := make(map[string]string)
		for j, ch := range o.changes {
			changes++
			if ch.Verdict == "breaking" && (ch.Unproven != "" || ch.Proof == "") {
				unproven++
				unprovenClasses[ch.Class]++
			}
			if len(o.objects[j]) == 0 {
				unattributed++
				t.Logf("%s: a %s change (%s) about no object of the case: %s", c.name, ch.Verdict, ch.Class, strings.Join(ch.Lines, " "))
			}
			for _, obj := range o.objects[j] {
				if rank[ch.Verdict] >= rank[reported[obj]] {
					reported[obj] = ch.Verdict
				}
			}
		}
		var keys []key
		for k := range truth {
			if k.cas == c.name {
				keys = append(keys, k)
			}
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i].object < keys[j].object })
		for _, k := range keys {
			want, got := truth[k], reported[k.object]
			if got == "" {
				got = "none"
			}
			objects++
			mark := ""
			switch {
			case want == got:
				right++
			case got == "breaking":
				falsePos++
				mark = "FALSE POSITIVE"
			case want == "breaking":
				misses++
				mark = "MISS"
			default:
				otherWrong++
				mark = "wrong"
			}
			if want == "breaking" {
				breaking++
			}
			fmt.Fprintf(&b, "%-16s %-22s %-10s %-10s %s\n", k.cas, k.object, want, got, mark)
		}
	}
	t.Logf("per object:\n%s", b.String())
	t.Logf("objects right %d/%d (breaking by truth %d); false positives %d, misses %d, other wrong %d (compatible vs none); "+
		"false proofs %d of %d printed; breaking changes without a proof %d (of %d changes; %d about no object)",
		right, objects, breaking, falsePos, misses, otherWrong, falseProofs, len(progs), unproven, changes, unattributed)
	var classes []string
	for c, n := range unprovenClasses {
		classes = append(classes, fmt.Sprintf("%s %d", c, n))
	}
	sort.Strings(classes)
	t.Logf("breaking changes without a proof, by class: %s", strings.Join(classes, ", "))
	if right < rightFloor {
		t.Errorf("%d objects right, below the floor %d", right, rightFloor)
	}
}

// check runs featgen and apidiff on a case: records the old version's API, checks the new, and
// returns the changes with the objects each is about.
func check(t *testing.T, c xcase, featgen, apidiff string) outcome {
	api := filepath.Join(t.TempDir(), "api.txt")
	features := func(version string) string {
		mod := t.TempDir()
		testbin.WriteTree(t, mod, map[string]string{
			"go.mod": "module " + modPath + "/" + c.name + "\n\ngo 1.24\n",
			"p.go":   string(c.version(version)),
		})
		out := filepath.Join(t.TempDir(), version+".features")
		run(t, mod, featgen, "-contexts", "linux-amd64", "-o", out, "./...")
		return out
	}
	run(t, "", apidiff, "update", "-api", api, "-features", features("old"))
	cmd := exec.Command(apidiff, "check", "-api", api, "-features", features("new"), "-format", "json")
	out, err := cmd.Output()
	if err != nil && len(out) == 0 {
		t.Fatalf("apidiff check: %v", err)
	}
	r, err := report.Read(out)
	if err != nil {
		t.Fatalf("apidiff check: %v\n%s", err, out)
	}
	// The "object" of each finding, where the report has it.
	var raw struct {
		Changes []struct {
			Object string `json:"object"`
		} `json:"changes"`
	}
	if err := json.Unmarshal(out, &raw); err != nil || len(raw.Changes) != len(r.Changes) {
		t.Fatalf("apidiff check: reading the changes' objects: %v", err)
	}
	a := newAttributor(t, c)
	o := outcome{changes: r.Changes}
	for i, ch := range r.Changes {
		names := lineNames(ch)
		if obj := raw.Changes[i].Object; obj != "" {
			names = []string{obj}
		}
		var objs []string
		for _, n := range names {
			for _, obj := range a.objectsOf(n) {
				if !slices.Contains(objs, obj) {
					objs = append(objs, obj)
				}
			}
		}
		o.objects = append(o.objects, objs)
		t.Logf("%s %s %v: %s", ch.Verdict, ch.Class, objs, strings.Join(ch.Lines, " | "))
	}
	o.done = true
	return o
}

// run runs a command in dir and fails the test if it fails.
func run(t *testing.T, dir, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
}
